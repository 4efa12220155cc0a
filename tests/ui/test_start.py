"""Starting the desktop for a user who stayed signed in: the window first, then the keyring.

The keyring is the one system edge replaced here (a dict that counts look-ups)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from agentdesk.client.credentials import SERVICE, CredentialStore, TokenStorage, keyring_username
from agentdesk.client.paths import store_path
from agentdesk.client.store import LocalStore
from agentdesk.domain.vocabulary import Language, Role
from agentdesk.ui.context import SessionUser
from agentdesk.ui.launch import Desktop, LaunchOptions, start_session
from agentdesk.ui.session import remember
from agentdesk.ui.settings import UserSettings

SERVER = "http://127.0.0.1:9"  # nothing listens: every sync ends offline
USER = SessionUser("u1", "agent1", "王芳", Role.AGENT, language=Language.EN)


class CountingKeyring(KeyringBackend):
    """A working keyring in a dict that counts how often it was read."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.secrets: dict[tuple[str, str], str] = {}
        self.reads = 0

    def get_password(self, service: str, username: str) -> str | None:
        self.reads += 1
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


def _signed_in_before(tmp_path: Path, storage: TokenStorage) -> LaunchOptions:
    """A computer where agent1 signed in before, and whose token went to `storage`."""
    options = LaunchOptions(data_dir=tmp_path / "data", settings_path=tmp_path / "s.ini")
    store = LocalStore(store_path(SERVER, USER.username, data_dir=options.data_dir))
    remember(store, SERVER, USER, storage)
    store.close()
    settings = UserSettings(options.settings_path)
    settings.server_url = SERVER
    settings.last_username = USER.username
    settings.sync()
    return options


def _keyring_holding(token: str, username: str = USER.username) -> CountingKeyring:
    """A keyring that holds `username`'s token for the test server."""
    keyring = CountingKeyring()
    keyring.secrets[(SERVICE, keyring_username(SERVER, username))] = token
    return keyring


def _desktop(options: LaunchOptions, keyring: CountingKeyring) -> Desktop:
    credentials = CredentialStore(keyring)
    settings = UserSettings(options.settings_path)
    session = start_session(options, settings, credentials, Language.EN)
    assert session is not None
    # The window opens from the local store: the keyring was not asked yet.
    assert keyring.reads == 0 and session.api is None and session.token_in_keyring
    return Desktop(session, credentials=credentials, settings=settings,
                   language=Language.EN, options=options)


def test_the_token_is_read_after_the_window_has_painted_and_sync_starts(
        qtbot: QtBot, tmp_path: Path) -> None:
    options = _signed_in_before(tmp_path, TokenStorage.KEYRING)
    keyring = _keyring_holding("tok-1")
    desk = _desktop(options, keyring)
    with qtbot.waitSignal(desk.sync.finished, timeout=20_000):
        desk.show()
        assert keyring.reads == 0  # nothing before the first paint
    assert keyring.reads == 1
    assert desk.context.api is not None and desk.context.api.token == "tok-1"
    assert not desk.context.online  # the server does not answer: offline, data shown
    desk.close()


def test_a_keyring_without_the_token_asks_to_sign_in_over_the_open_window(
        qtbot: QtBot, tmp_path: Path) -> None:
    options = _signed_in_before(tmp_path, TokenStorage.KEYRING)
    keyring = CountingKeyring()  # emptied meanwhile (cleared, or revoked on a sync)
    desk = _desktop(options, keyring)
    asked: list[QDialog] = []

    def cancel_dialog() -> None:  # the sign-in dialog runs its own loop: answer it there
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and not asked:
            asked.append(dialog)
            dialog.reject()

    watcher = QTimer()
    watcher.timeout.connect(cancel_dialog)
    watcher.start(20)
    desk.show()
    qtbot.waitUntil(lambda: bool(asked), timeout=20_000)
    watcher.stop()
    # Cancelled: the window stays, offline, and the next start asks for the password first.
    assert desk.window.isVisible() and desk.context.api is None
    assert not desk.sync.sync_now()  # nothing to sync with until the user signs in
    assert "Sign in again" in desk.window.statusBar().currentMessage()
    store = desk.context.store
    assert store.meta("token_storage") == TokenStorage.NONE.value
    desk.close()


def test_without_a_kept_token_the_start_reads_the_keyring_before_any_window(
        tmp_path: Path) -> None:
    options = _signed_in_before(tmp_path, TokenStorage.MEMORY)
    keyring = _keyring_holding("tok-2")
    session = start_session(options, UserSettings(options.settings_path),
                            CredentialStore(keyring), Language.EN)
    assert session is not None and session.api is not None
    assert keyring.reads == 1
    session.api.close()
    session.store.close()


def test_a_leads_pages_are_built_after_the_window_has_painted(
        qtbot: QtBot, tmp_path: Path) -> None:
    lead = SessionUser("u2", "lead1", "李娜", Role.LEAD, language=Language.EN)
    options = LaunchOptions(data_dir=tmp_path / "data", settings_path=tmp_path / "s.ini")
    store = LocalStore(store_path(SERVER, lead.username, data_dir=options.data_dir))
    remember(store, SERVER, lead, TokenStorage.KEYRING)
    store.close()
    settings = UserSettings(options.settings_path)
    settings.server_url, settings.last_username = SERVER, lead.username
    keyring = _keyring_holding("tok-3", lead.username)
    credentials = CredentialStore(keyring)
    session = start_session(options, settings, credentials, Language.EN)
    assert session is not None
    desk = Desktop(session, credentials=credentials, settings=settings,
                   language=Language.EN, options=options)
    assert desk.window.lead_workspace is None and desk.window.tabs.count() == 1
    with qtbot.waitSignal(desk.sync.finished, timeout=20_000):
        desk.show()
    workspace = desk.window.lead_workspace
    assert workspace is not None
    assert desk.window.tabs.count() == 1 + len(workspace.pages())
    assert desk.window.tabs.currentIndex() == 0  # the queue stays in front
    qtbot.waitUntil(lambda: not desk.context.ops.busy, timeout=20_000)
    desk.close()


def test_the_menus_commands_and_the_icon_come_once_the_window_has_painted(
        qtbot: QtBot, tmp_path: Path) -> None:
    options = _signed_in_before(tmp_path, TokenStorage.KEYRING)
    keyring = _keyring_holding("tok-4")
    desk = _desktop(options, keyring)
    window = desk.window
    # Built, not yet painted: the menu titles are there, their commands are not.
    assert [m.title() for m in (window.file_menu, window.view_menu, window.help_menu)] \
        == ["&AgentDesk", "&View", "&Help"]
    assert window.file_menu.actions() == []
    with qtbot.waitSignal(desk.sync.finished, timeout=20_000):
        desk.show()
    commands = [a.text() for a in window.file_menu.actions() if not a.isSeparator()]
    assert commands == ["&Sync now", "Needs &attention…", "S&ettings…", "Sign &in again…",
                        "&Quit"]
    assert window.sync_action.shortcut().toString() == "F5"
    assert not QApplication.windowIcon().isNull()
    # The shortcuts work: Ctrl+F brings the cursor to the search box.
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    window.find_action.trigger()
    assert window.queue_page.ui.searchEdit.hasFocus()
    desk.close()


def test_the_first_cases_opened_after_the_start_find_built_views(
        qtbot: QtBot, tmp_path: Path) -> None:
    from agentdesk.ui.case_view import CaseView

    options = _signed_in_before(tmp_path, TokenStorage.KEYRING)
    keyring = _keyring_holding("tok-5")
    desk = _desktop(options, keyring)
    desk.show()
    window = desk.window
    assert window.findChildren(CaseView) == []  # nothing of the kind before the paint
    qtbot.waitUntil(lambda: len(window.findChildren(CaseView)) == 2, timeout=20_000)
    ready = window.findChildren(CaseView)
    assert all(window.tabs.indexOf(v) == -1 and not v.isVisible() for v in ready)
    qtbot.waitUntil(lambda: not desk.context.ops.busy, timeout=20_000)
    desk.close()


def test_once_the_window_has_painted_the_queue_is_read_ahead_off_the_gui_thread(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from agentdesk.client.queue import CaseQueue

    threads: list[threading.Thread] = []
    prefetch = CaseQueue.prefetch

    def watched(queue: CaseQueue) -> None:
        threads.append(threading.current_thread())
        prefetch(queue)

    monkeypatch.setattr(CaseQueue, "prefetch", watched)
    options = _signed_in_before(tmp_path, TokenStorage.KEYRING)
    desk = _desktop(options, _keyring_holding("tok-6"))
    desk.show()
    assert threads == []  # not before the first paint
    qtbot.waitUntil(lambda: len(threads) == 1, timeout=20_000)
    assert threads[0] is not threading.main_thread()
    qtbot.waitUntil(lambda: not desk.context.ops.busy, timeout=20_000)
    desk.close()


FIRST_PAINT = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from PySide6 import QtCore, QtGui
    from PySide6.QtCore import QTimer
    from agentdesk.ui.launch import LaunchOptions, run
    from agentdesk.ui.main_window import MainWindow

    def report():
        # QDynamicPropertyChangeEvent: made with every kind of event when a Python
        # handler (a changeEvent) is first handed a plain QEvent.
        # QStaticText, QKeyEvent, QCloseEvent: the queue's own painter, keys
        # and the window's close, all after the first paint.
        made = [name for module, name in ((QtCore, "Qt"), (QtGui, "QIcon"),
                (QtGui, "QAction"), (QtGui, "QKeySequence"),
                (QtCore, "QDynamicPropertyChangeEvent"), (QtGui, "QStaticText"),
                (QtGui, "QKeyEvent"), (QtGui, "QCloseEvent"))
                if name in vars(module)]
        print("made before the first paint:", made, flush=True)
        print("search keys imported:", "agentdesk.client.search_keys" in sys.modules,
              flush=True)
        print("dataclasses imported:", "dataclasses" in sys.modules, flush=True)
        print("platformdirs imported:", "platformdirs" in sys.modules, flush=True)
        print("json imported:", "json" in sys.modules, flush=True)
        os._exit(0)

    def paintEvent(self, event):
        QTimer.singleShot(0, report)
    MainWindow.paintEvent = paintEvent
    sys.exit(run(LaunchOptions(data_dir=Path(sys.argv[1]), settings_path=Path(sys.argv[2]))))
""")


def test_the_start_of_a_user_who_stayed_signed_in_makes_only_what_the_first_frame_needs(
        tmp_path: Path) -> None:
    """What `agentdesk` does for a saved sign-in, up to its window's first paint, in a
    fresh process: no Qt namespace, no icon, menu commands or key sequences, no class
    for every kind of event (no Python handler is handed a plain QEvent) nor for what
    only the queue's own painter, a key or the window's close needs, nothing of
    the search's name keys (the queue shows unsearched), no dataclass, no platformdirs
    and no json (each is made after the paint, or when first needed, or found through Qt
    or SQLite)."""
    options = _signed_in_before(tmp_path, TokenStorage.KEYRING)
    assert options.data_dir is not None and options.settings_path is not None
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT, str(options.data_dir), str(options.settings_path)],
        capture_output=True, text=True, timeout=60, env=environment)
    assert "made before the first paint: []" in result.stdout, result.stdout + result.stderr
    assert "search keys imported: False" in result.stdout, result.stdout + result.stderr
    assert "dataclasses imported: False" in result.stdout, result.stdout + result.stderr
    assert "platformdirs imported: False" in result.stdout, result.stdout + result.stderr
    assert "json imported: False" in result.stdout, result.stdout + result.stderr


def test_the_desktop_finds_the_clients_data_folder_through_qt(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from agentdesk.client.paths import default_data_dir
    from agentdesk.ui.session import data_folder

    assert data_folder() == default_data_dir()
    if sys.platform.startswith("linux"):
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
        assert data_folder() == default_data_dir() == tmp_path / "data" / "agentdesk"


def test_fontconfig_reads_its_configuration_on_a_thread_at_the_start() -> None:
    from PySide6.QtGui import QFontDatabase

    from agentdesk import cli

    thread = cli._start_font_setup()
    if not sys.platform.startswith("linux"):
        assert thread is None
        return
    assert thread is not None and thread.name == "fontconfig-setup" and thread.daemon
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert QFontDatabase.families()  # Qt's font database works beside it


def test_the_collector_paused_for_the_start_runs_again_once_the_window_has_painted(
        qtbot: QtBot, tmp_path: Path) -> None:
    import gc

    options = _signed_in_before(tmp_path, TokenStorage.KEYRING)
    keyring = _keyring_holding("tok-6")
    desk = _desktop(options, keyring)
    gc.disable()  # as `agentdesk` does before it starts the desktop
    try:
        with qtbot.waitSignal(desk.sync.finished, timeout=20_000):
            desk.show()
            assert not gc.isenabled()
        assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        gc.enable()
        gc.unfreeze()
    desk.close()
