"""The case view itself: hidden tabs filled when shown, and one view reused for another case."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from agentdesk.ui.case_view import CaseView
from tests.ui.call_plan_cases import make_context, seed_case
from tests.ui.test_call_workspace import MORNING


@pytest.fixture
def agent(tmp_path: Path) -> Iterator[Any]:
    context = make_context(tmp_path, MORNING)
    yield context
    context.close()


def test_hidden_tabs_are_filled_when_first_shown(qtbot: QtBot, agent: Any) -> None:
    case = seed_case(agent.store)
    view = CaseView(agent, case.case_id)
    qtbot.addWidget(view)
    view.show()
    assert view.case_file is not None and len(view.case_file.instalments) == 24
    assert view.ui.tabs.currentWidget() is view.ui.historyTab
    # Not shown yet: not even built.
    assert view.ui.scheduleTab.findChild(QTableWidget) is None
    view.ui.tabs.setCurrentWidget(view.ui.scheduleTab)
    schedule = view.tab_table(view.ui.scheduleTab)
    assert view.ui.scheduleTab.findChild(QTableWidget) is schedule
    assert schedule.rowCount() == 24
    first_row = schedule.item(0, 0)
    assert first_row is not None and first_row.text() == "1"
    view.ui.tabs.setCurrentWidget(view.ui.paymentsTab)
    payments = view.tab_table(view.ui.paymentsTab)
    assert payments.rowCount() == len(view.case_file.payments) > 0
    # A reload while the tab is on screen fills it again at once.
    payments.setRowCount(0)
    view.reload()
    assert payments.rowCount() == len(view.case_file.payments)


def test_one_view_shows_another_case(qtbot: QtBot, agent: Any) -> None:
    first = seed_case(agent.store, name="张伟")
    second = seed_case(agent.store, name="李娜")
    view = CaseView(agent, first.case_id)
    qtbot.addWidget(view)
    view.show()
    assert view.ui.nameLabel.text() == "张伟"
    view.revealed["national_id"] = "110101199001011234"
    with qtbot.waitSignal(view.titleChanged) as retitled:
        view.show_case(second.case_id)
    assert retitled.args == ["李娜"]
    assert view.case_id == second.case_id == view.preferences.case_id
    assert view.ui.nameLabel.text() == "李娜"
    assert view.revealed == {}  # nothing revealed for one borrower shows for the next
    assert "110101199001011234" not in view.ui.nationalIdValue.text()
    assert view.case_file is not None
    assert view.history.rowCount() == len(view.case_file.timeline)
