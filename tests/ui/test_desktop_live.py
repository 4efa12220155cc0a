"""The desktop against a real server on loopback: sign in, queue, case, reveal, sync.

The server is `agentdesk-server serve` on 127.0.0.1 with a seeded demo database (one per
test session); each test has its own local store. Dialogs of the OS (reason for a
reveal) are answered by replacing QInputDialog's static call, the one edge mocked.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit
from pytestqt.qtbot import QtBot

from agentdesk.client.credentials import CredentialStore
from agentdesk.client.queue import SortColumn
from agentdesk.client.sync_engine import SyncState
from agentdesk.domain.vocabulary import Language
from agentdesk.protocol.ops import PromiseCreate
from agentdesk.ui.launch import Desktop
from agentdesk.ui.queue_model import COLUMNS
from agentdesk.ui.sign_in import SignInDialog
from tests.support.proxy import FaultProxy
from tests.ui.live import DemoServer, open_desktop

SYNC_TIMEOUT = 60_000

pytestmark = pytest.mark.slow  # a seeded server process for the module's tests


@pytest.fixture
def desktop(qtbot: QtBot, demo_server: DemoServer, tmp_path: Path) -> Iterator[Desktop]:
    desk = open_desktop(demo_server, tmp_path)
    qtbot.addWidget(desk.window)
    with qtbot.waitSignal(desk.sync.finished, timeout=SYNC_TIMEOUT):
        desk.show()
    qtbot.waitExposed(desk.window)
    yield desk
    desk.close()


def column_values(desk: Desktop, column: SortColumn) -> list[str]:
    model = desk.window.queue_page.model
    c = COLUMNS.index(column)
    return [model.index(r, c).data() for r in range(model.rowCount())]


def click_header(qtbot: QtBot, desk: Desktop, column: SortColumn) -> None:
    header = desk.window.queue_page.ui.table.horizontalHeader()
    section = COLUMNS.index(column)
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(x, header.height() // 2))


def test_signing_in_through_the_dialog(qtbot: QtBot, demo_server: DemoServer,
                                       tmp_path: Path) -> None:
    account = demo_server.account()
    dialog = SignInDialog(credentials=CredentialStore(), language=Language.EN,
                          data_dir=tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.ui.serverEdit, demo_server.url)
    qtbot.keyClicks(dialog.ui.userEdit, account["username"])
    qtbot.keyClicks(dialog.ui.passwordEdit, "not the password")
    qtbot.mouseClick(dialog.ui.signInButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.ui.signInButton.isEnabled(), timeout=20_000)
    assert dialog.ui.errorLabel.text() == (
        "The user name or password is not right. Check them and try again.")
    assert dialog.session is None

    dialog.ui.passwordEdit.clear()
    qtbot.keyClicks(dialog.ui.passwordEdit, account["password"])
    with qtbot.waitSignal(dialog.finished, timeout=20_000):
        qtbot.keyClick(dialog.ui.passwordEdit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.ui.errorLabel.text()
    session = dialog.session
    assert session is not None and session.user.username == account["username"]
    assert session.api is not None
    session.api.close()
    session.store.close()


def test_an_unreachable_server_offers_offline_work_for_a_known_user(
        qtbot: QtBot, demo_server: DemoServer, tmp_path: Path) -> None:
    port = int(demo_server.url.rsplit(":", 1)[1])
    proxy = FaultProxy(port)
    desk = open_desktop(demo_server, tmp_path, url=proxy.url)  # data on this computer
    username = desk.context.user.username
    desk.close()
    proxy.arm("drop_request", "/", times=1000)  # from now on the "network" is down
    dialog = SignInDialog(credentials=CredentialStore(), language=Language.EN,
                          server_url=proxy.url, username=username,
                          data_dir=tmp_path / "client")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.offline_button.isVisible()
    qtbot.keyClicks(dialog.ui.passwordEdit, "whatever")
    qtbot.mouseClick(dialog.ui.signInButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.ui.signInButton.isEnabled(), timeout=60_000)
    assert dialog.offline_button.isVisible(), dialog.ui.errorLabel.text()
    assert "does not answer" in dialog.ui.errorLabel.text()
    with qtbot.waitSignal(dialog.finished, timeout=5000):
        qtbot.mouseClick(dialog.offline_button, Qt.MouseButton.LeftButton)
    session = dialog.session
    _stop(proxy)
    assert session is not None and session.api is None
    assert session.user.username == username
    session.store.close()


def _stop(proxy: FaultProxy) -> None:
    proxy.close()
    # accept() in the proxy's thread does not notice its socket closing: wake it up.
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", proxy.port), 1):
        pass
    proxy._thread.join(5)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(
            t.name.endswith("(_handle)") for t in threading.enumerate()):
        time.sleep(0.05)


def test_queue_filters_searches_by_pinyin_and_sorts(qtbot: QtBot, desktop: Desktop) -> None:
    page = desktop.window.queue_page
    total = page.model.rowCount()
    assert total > 0
    first = page.model.row_at(0)
    assert first is not None
    initials = "".join(s[0] for s in first.name_pinyin.split(" ") if s) \
        if " " in first.name_pinyin else first.name_pinyin[:2]
    qtbot.keyClick(desktop.window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(page.ui.searchEdit, first.name_pinyin.replace(" ", ""))
    assert first.borrower_name in column_values(desktop, SortColumn.BORROWER)
    assert page.model.rowCount() < total
    page.ui.searchEdit.clear()
    assert initials

    click_header(qtbot, desktop, SortColumn.DPD)
    dpd = [int(v) for v in column_values(desktop, SortColumn.DPD)]
    assert dpd in (sorted(dpd), sorted(dpd, reverse=True))
    click_header(qtbot, desktop, SortColumn.DPD)
    again = [int(v) for v in column_values(desktop, SortColumn.DPD)]
    assert again == list(reversed(dpd)) or again == sorted(dpd, reverse=again[0] > again[-1])

    qtbot.mouseClick(page.ui.onHoldButton, Qt.MouseButton.LeftButton)
    holds = column_values(desktop, SortColumn.HOLDS)
    assert all(holds)
    qtbot.mouseClick(page.ui.onHoldButton, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == total


def test_opening_a_case_and_revealing_the_id_number(qtbot: QtBot, desktop: Desktop,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    table = desktop.window.queue_page.ui.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)
    view = desktop.window.current_case()
    assert view is not None and view.case_file is not None
    masked = view.ui.nationalIdValue.text()
    assert "*" in masked
    assert view.ui.revealIdButton.isEnabled()
    assert view.history.rowCount() > 0 or view.case_file.timeline == ()

    monkeypatch.setattr(QInputDialog, "getText",
                        lambda *a, **k: ("borrower asked to confirm identity", True))
    qtbot.mouseClick(view.ui.revealIdButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.ui.nationalIdValue.text() != masked, timeout=20_000)
    revealed = view.ui.nationalIdValue.text()
    assert "*" not in revealed and len(revealed) >= 15


def test_offline_work_is_sent_by_the_next_sync(qtbot: QtBot, desktop: Desktop,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    api = desktop.context.api
    real = api.api
    api.api = "http://127.0.0.1:9/api/v1"  # the server is gone
    with qtbot.waitSignal(desktop.sync.finished, timeout=SYNC_TIMEOUT) as ended:
        qtbot.keyClick(desktop.window, Qt.Key.Key_F5)
    assert ended.args[0].state is SyncState.OFFLINE
    status = desktop.window.status
    assert "Offline" in status.connection_label.text()

    case_id = desktop.window.queue_page.current_case_id()
    assert case_id is not None
    view = desktop.window.open_case(case_id)
    assert not view.ui.revealIdButton.isEnabled()
    assert view.ui.offlineBanner.isVisible()
    monkeypatch.setattr(QInputDialog, "getMultiLineText",
                        lambda *a, **k: ("Left a voicemail while offline", True))
    with qtbot.waitSignal(desktop.context.ops.casesChanged, timeout=5000):
        qtbot.mouseClick(view.ui.noteButton, Qt.MouseButton.LeftButton)
    assert "1 change waiting to sync" in status.ops_label.text()
    assert view.history.index(0, 3).data() == "Waiting"

    api.api = real  # the network is back
    with qtbot.waitSignal(desktop.sync.finished, timeout=SYNC_TIMEOUT) as ended:
        qtbot.keyClick(desktop.window, Qt.Key.Key_F5)
    assert ended.args[0].state is SyncState.SYNCED
    assert ended.args[0].applied == 1
    qtbot.waitUntil(lambda: "Nothing waiting" in status.ops_label.text(), timeout=5000)
    assert "Online" in status.connection_label.text()
    notes = [view.history.index(r, 2).data() for r in range(view.history.rowCount())]
    assert "Left a voicemail while offline" in notes
    assert view.ui.revealIdButton.isEnabled()


def test_switching_the_language_live(qtbot: QtBot, desktop: Desktop) -> None:
    window = desktop.window
    dialog = window.show_settings()
    qtbot.waitExposed(dialog)
    combo = dialog.ui.languageCombo
    combo.setCurrentIndex(combo.findData("zh_CN"))
    qtbot.mouseClick(dialog.ui.buttonBox.button(dialog.ui.buttonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    # Qt delivers LanguageChange to the windows through the event loop.
    qtbot.waitUntil(lambda: window.tabs.tabText(0) == "我的队列", timeout=5000)
    header = window.queue_page.ui.table.horizontalHeader().model()
    assert header.headerData(0, Qt.Orientation.Horizontal) == "优先级"
    assert window.queue_page.ui.dueTodayButton.text() == "今天到期"
    assert desktop.settings.language is Language.ZH_CN
    assert window.windowTitle().endswith("（催收员）")
    desktop.context.set_language(Language.EN)
    qtbot.waitUntil(lambda: window.tabs.tabText(0) == "My queue", timeout=5000)


def test_a_revoked_session_asks_to_sign_in_again(qtbot: QtBot, desktop: Desktop,
                                                 demo_server: DemoServer) -> None:
    demo_server.revoke(desktop.context.user.username)
    with qtbot.waitSignal(desktop.context.signInRequired, timeout=SYNC_TIMEOUT):
        qtbot.keyClick(desktop.window, Qt.Key.Key_F5)
    status = desktop.window.status
    assert status.sign_in_button.isVisible()
    assert status.connection_label.text() == "Not signed in"
    assert not desktop.sync.sync_now()
    # Local work goes on without a session.
    assert desktop.window.queue_page.model.rowCount() > 0
    assert isinstance(desktop.window.queue_page.ui.searchEdit, QLineEdit)


def test_a_change_the_server_refuses_needs_attention_until_acknowledged(
        qtbot: QtBot, demo_server: DemoServer, tmp_path: Path) -> None:
    desk = open_desktop(demo_server, tmp_path, username="agent.south1")
    try:
        with qtbot.waitSignal(desk.sync.finished, timeout=SYNC_TIMEOUT):
            desk.show()
        case_id = desk.window.queue_page.current_case_id()
        assert case_id is not None
        # A promise taken on the phone (the call workspace saves it through the same
        # operations worker).
        promise = PromiseCreate(case_id=uuid.UUID(case_id), amount=Decimal("500.00"),
                                due_date=date.today() + timedelta(days=3))
        with qtbot.waitSignal(desk.context.ops.casesChanged, timeout=5000):
            desk.context.ops.write(lambda ops: ops.create_promise(promise))
        # Meanwhile the case moves to another team: the promise can no longer be taken.
        demo_server.assign(case_id, "agent.east3")
        with qtbot.waitSignal(desk.sync.finished, timeout=SYNC_TIMEOUT) as ended:
            qtbot.keyClick(desk.window, Qt.Key.Key_F5)
        assert ended.args[0].needs_attention == 1
        status = desk.window.status
        qtbot.waitUntil(status.attention_button.isVisible, timeout=5000)
        assert "1 needs attention" in status.attention_button.text()

        qtbot.mouseClick(status.attention_button, Qt.MouseButton.LeftButton)
        dialog = next(w for w in desk.window.findChildren(QDialog)
                      if w.isVisible() and w.windowTitle() == "Needs attention")
        assert dialog.table.rowCount() == 1
        assert dialog.table.item(0, 2).text() == "Promise to pay"
        assert dialog.table.item(0, 3).text()  # the server's reason, as sent
        qtbot.mouseClick(dialog.ack_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 0, timeout=5000)
        qtbot.waitUntil(lambda: not status.attention_button.isVisible(), timeout=5000)
        dialog.close()
        # The case went to the other team: it has left this agent's queue.
        keys = {desk.window.queue_page.model.case_id_at(r)
                for r in range(desk.window.queue_page.model.rowCount())}
        assert case_id not in keys
    finally:
        desk.close()
