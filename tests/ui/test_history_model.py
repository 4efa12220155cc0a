"""The case history model: Qt's model checks, lazy rows, local times, sync states."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from agentdesk.client.casefile import TimelineItem
from agentdesk.domain.vocabulary import Language
from agentdesk.ui.history_model import ALERT, PENDING, HistoryModel

START = datetime(2026, 11, 27, 23, 30, tzinfo=UTC)


def timeline(count: int) -> tuple[TimelineItem, ...]:
    states = ("synced", "pending", "rejected")
    return tuple(TimelineItem(item_id=f"n{i}", kind="note",
                              occurred_at=START - timedelta(hours=i),
                              local_state=states[i % 3], data={"text": f"note {i}"})
                 for i in range(count))


def test_the_model_passes_qts_model_tests(qtmodeltester: ModelTester) -> None:
    model = HistoryModel()
    qtmodeltester.check(model, force_py=True)
    model.show(timeline(30), "CNY", "Asia/Shanghai", Language.EN)
    qtmodeltester.check(model, force_py=True)


def test_rows_show_local_time_details_and_state() -> None:
    model = HistoryModel()
    model.show(timeline(3), "CNY", "Asia/Shanghai", Language.EN)
    assert model.rowCount() == 3 and model.columnCount() == 4
    # 23:30 UTC is 07:30 the next day in Shanghai.
    assert model.index(0, 0).data() == "28 Nov 2026 07:30"
    assert model.index(0, 2).data() == "note 0"
    assert model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole) == "note 0"
    assert model.index(0, 3).data() == ""
    assert model.index(1, 3).data() == "Waiting"
    assert model.index(1, 3).data(Qt.ItemDataRole.ForegroundRole) == PENDING
    assert model.index(2, 3).data() == "Needs attention"
    assert model.index(2, 3).data(Qt.ItemDataRole.ForegroundRole) == ALERT
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Details"


def test_rows_are_described_only_when_asked_for() -> None:
    model = HistoryModel()
    model.show(timeline(200), "CNY", "UTC", Language.EN)
    assert model.index(150, 2).data() == "note 150"
    assert len(model._rows) == 1  # one row asked for, one row described
    model.show(timeline(2), "CNY", "UTC", Language.EN)
    assert model._rows == {} and model.rowCount() == 2


def test_a_view_describes_only_the_rows_it_paints(qtbot: QtBot) -> None:
    model = HistoryModel()
    model.show(timeline(200), "CNY", "UTC", Language.EN)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(600, 300)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: len(model._rows) > 0)  # painted by the event loop
    assert len(model._rows) < 40  # a screenful, not 200
    shown = view.indexAt(view.viewport().rect().topLeft())
    assert shown.row() == 0 and model._rows[0][2] == "note 0"
