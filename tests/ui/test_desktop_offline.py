"""The main window over a local store with no server: queue, keyboard, case view, notes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from agentdesk.client.queue import SortColumn
from agentdesk.ui.case_view import CaseView
from agentdesk.ui.context import AppContext
from agentdesk.ui.main_window import MainWindow
from agentdesk.ui.queue_model import COLUMNS
from agentdesk.ui.settings import UserSettings
from agentdesk.ui.sync_controller import SyncController
from tests.client.conftest import CaseSeed


@pytest.fixture
def window(qtbot: QtBot, context: AppContext, tmp_path: Path) -> Iterator[MainWindow]:
    sync = SyncController(context)
    win = MainWindow(context, sync, UserSettings(tmp_path / "settings.ini"))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    # Deleted, not only closed: a window left alive still answers the language switch
    # (a global signal) and would refresh over this test's closed store in a later test.
    win.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def names(win: MainWindow) -> list[str]:
    model = win.queue_page.model
    column = COLUMNS.index(SortColumn.BORROWER)
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_ctrl_f_then_typing_pinyin_filters_the_queue(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = window.queue_page.ui.searchEdit
    assert search.hasFocus()
    qtbot.keyClicks(search, "zs")
    assert names(window) == ["张三"]
    assert "1 case" in window.queue_page.ui.countLabel.text()


def test_enter_opens_the_selected_case(qtbot: QtBot, window: MainWindow,
                                       seeded: list[CaseSeed]) -> None:
    table = window.queue_page.ui.table
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    view = window.current_case()
    assert isinstance(view, CaseView)
    assert view.case_id == seeded[1].case_id  # second by priority: 李四
    assert view.ui.nameLabel.text() == "李四"
    assert window.tabs.tabText(window.tabs.currentIndex()) == "李四"


def test_a_closed_case_view_is_reused_for_the_next_case(qtbot: QtBot, window: MainWindow,
                                                       seeded: list[CaseSeed]) -> None:
    first = window.open_case(seeded[0].case_id)
    first.revealed["national_id"] = "110101199001011234"
    window.close_tab(window.tabs.indexOf(first))
    # Kept for the next open, but no longer showing the closed case or what was revealed.
    assert window.tabs.indexOf(first) == -1
    assert first.case_file is None and first.revealed == {}
    assert not first.ui.callButton.isEnabled()
    second = window.open_case(seeded[1].case_id)
    assert second is first
    assert second.ui.nameLabel.text() == "李四" and second.ui.callButton.isEnabled()
    assert window.tabs.tabText(window.tabs.currentIndex()) == "李四"
    # With a case tab open, the next case gets a view of its own.
    third = window.open_case(seeded[2].case_id)
    assert third is not second and window.tabs.count() == 3
    assert window.tabs.tabText(window.tabs.indexOf(third)) == third.ui.nameLabel.text()


def test_while_a_case_is_read_the_view_for_the_next_one_is_built(
        qtbot: QtBot, window: MainWindow, seeded: list[CaseSeed]) -> None:
    first = window.open_case(seeded[0].case_id)
    built: list[CaseView] = []
    qtbot.waitUntil(lambda: bool(built.extend(
        v for v in window.findChildren(CaseView) if v is not first and v not in built)
        or built), timeout=5000)
    spare = built[0]
    # Built beside the tabs, not shown, not a tab, showing no case.
    assert window.tabs.indexOf(spare) == -1 and not spare.isVisible()
    assert spare.case_file is None
    # The next case opened while the first stays open is shown in it.
    second = window.open_case(seeded[1].case_id)
    assert second is spare and window.tabs.count() == 3
    assert second.isVisible() and second.ui.nameLabel.text() == "李四"
    assert window.tabs.tabText(window.tabs.currentIndex()) == "李四"
    assert first.ui.nameLabel.text() == "张三"


def test_two_cases_opened_one_right_after_the_other_both_find_a_built_view(
        qtbot: QtBot, window: MainWindow, seeded: list[CaseSeed]) -> None:
    first = window.open_case(seeded[0].case_id)
    window.close_tab(window.tabs.indexOf(first))
    # While the agent is on the queue, views are built (one per pause) up to two.
    qtbot.waitUntil(lambda: len([v for v in window.findChildren(CaseView)
                                 if window.tabs.indexOf(v) == -1]) == 2, timeout=5000)
    ready = [v for v in window.findChildren(CaseView) if window.tabs.indexOf(v) == -1]
    second = window.open_case(seeded[1].case_id)
    third = window.open_case(seeded[2].case_id)  # at once, no pause between
    assert {second, third} == set(ready) and window.tabs.count() == 3
    assert second.ui.nameLabel.text() == "李四" and third.isVisible()
    # Closed again, both are kept (no more): nothing is built for the next two opens.
    window.close_tab(window.tabs.indexOf(third))
    window.close_tab(window.tabs.indexOf(second))
    assert len(window.findChildren(CaseView)) == 2


def test_clicking_a_quick_filter_and_a_header_sorts_in_sql(qtbot: QtBot,
                                                           window: MainWindow) -> None:
    page = window.queue_page
    qtbot.mouseClick(page.ui.newButton, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 4
    qtbot.mouseClick(page.ui.brokenPromisesButton, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 0
    qtbot.mouseClick(page.ui.brokenPromisesButton, Qt.MouseButton.LeftButton)
    header = page.ui.table.horizontalHeader()
    dpd = COLUMNS.index(SortColumn.DPD)
    x = header.sectionViewportPosition(dpd) + header.sectionSize(dpd) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=header.rect().center().__class__(x, header.height() // 2))
    first = [page.model.index(r, dpd).data() for r in range(4)]
    assert first in (["3", "15", "45", "95"], ["95", "45", "15", "3"])


def test_the_first_case_is_selected_and_a_sort_selects_the_top_of_its_order(
        qtbot: QtBot, window: MainWindow) -> None:
    page, table = window.queue_page, window.queue_page.ui.table
    column = COLUMNS.index(SortColumn.BORROWER)

    def selected() -> list[str]:
        return [page.model.index(i.row(), column).data()
                for i in table.selectionModel().selectedRows()]

    assert table.currentIndex().row() == 0 and selected() == [names(window)[0]]
    table.setFocus()
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        qtbot.keyClick(table, Qt.Key.Key_Down)
        qtbot.keyClick(table, Qt.Key.Key_Down)
        assert table.currentIndex().row() == 2
        table.sortByColumn(COLUMNS.index(SortColumn.DPD), order)
        # Not the case that happens to be third in the new order: the first, whole row.
        assert table.currentIndex().row() == 0 and selected() == [names(window)[0]]
        assert len(table.selectionModel().selectedIndexes()) == len(COLUMNS)
        qtbot.keyClick(table, Qt.Key.Key_Return)
        view = window.current_case()
        assert isinstance(view, CaseView) and view.ui.nameLabel.text() == names(window)[0]
        window.tabs.setCurrentIndex(0)
        table.setFocus()


def test_case_view_masks_and_disables_reveal_offline(qtbot: QtBot, window: MainWindow,
                                                     seeded: list[CaseSeed]) -> None:
    view = window.open_case(seeded[0].case_id)
    assert not view.ui.revealIdButton.isEnabled()
    assert "offline" in view.ui.revealIdButton.toolTip()
    masked = view.ui.contactsTable.item(0, 2).text()
    assert "****" in masked and "13812345678" not in masked
    assert view.ui.principalValue.text() == "¥1,000.00"
    assert view.ui.penaltyValue.text() == "¥12.50"
    assert view.ui.loanValue.text() == \
        "¥12,000.00 over 12 months at 9.90 %, from 1 Jun 2025 (Equal instalments)"
    assert view.ui.offlineBanner.isVisible()


def test_a_note_added_offline_shows_as_waiting(qtbot: QtBot, window: MainWindow,
                                               context: AppContext,
                                               seeded: list[CaseSeed],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    view = window.open_case(seeded[0].case_id)
    from PySide6.QtWidgets import QInputDialog

    # The system dialog is the edge here: answer it as a user would.
    monkeypatch.setattr(QInputDialog, "getMultiLineText",
                        lambda *a, **k: ("Borrower asked for a call on Monday", True))
    with qtbot.waitSignal(context.ops.casesChanged, timeout=5000):
        qtbot.mouseClick(view.ui.noteButton, Qt.MouseButton.LeftButton)
    history = view.ui.historyTable.model()
    assert history.rowCount() == 1
    assert history.index(0, 2).data() == "Borrower asked for a call on Monday"
    assert history.index(0, 3).data() == "Waiting"
    assert "1 change waiting" in window.status.ops_label.text()
