"""Scheduling a follow-up from the case view, with real widgets on a real local store."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from agentdesk.client.outbox import Outbox
from agentdesk.client.queue import QueueQuery, QuickFilter
from agentdesk.domain.vocabulary import Language
from agentdesk.protocol.ops import CaseScheduleFollowUpOp
from agentdesk.ui.app import install_translators
from agentdesk.ui.case_view import CaseView
from agentdesk.ui.context import AppContext
from agentdesk.ui.follow_up_dialog import FollowUpDialog
from tests.client.conftest import CaseSeed


def _type_time(qtbot: QtBot, dialog: FollowUpDialog, day: QDate, hour: int, minute: int) -> None:
    edit = dialog.ui.dueEdit
    edit.setFocus()
    edit.setDateTime(QDateTime(day, QTime(hour, minute), QTimeZone(b"Asia/Shanghai")))
    qtbot.wait(10)


def _ok(dialog: FollowUpDialog) -> object:
    return dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)


def test_the_case_view_schedules_a_follow_up_and_shows_it(
    qtbot: QtBot, context: AppContext, seeded: list[CaseSeed]
) -> None:
    case = seeded[0]
    view = CaseView(context, case.case_id)
    qtbot.addWidget(view)
    view.show()
    assert view.ui.nextActionLabel.text() == "Next action: none scheduled"

    qtbot.mouseClick(view.ui.followUpButton, Qt.MouseButton.LeftButton)
    dialog = view.follow_up_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.addWidget(dialog)
    assert "Asia/Shanghai" in dialog.ui.zoneLabel.text()
    # It is 10:00 on 28 Nov in Shanghai: 09:30 the same day has passed.
    _type_time(qtbot, dialog, QDate(2026, 11, 28), 9, 30)
    problem = dialog.ui.problemLabel.text()
    assert "Follow-up time 2026-11-28 09:30 is not in the future" in problem
    assert "2026-11-28 10:00" in problem
    assert not _ok(dialog).isEnabled()  # type: ignore[attr-defined]

    _type_time(qtbot, dialog, QDate(2026, 11, 28), 15, 0)
    qtbot.keyClicks(dialog.ui.reasonEdit, "after lunch")
    assert dialog.ui.problemLabel.text() == ""
    with qtbot.waitSignal(dialog.scheduled, timeout=5000):
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)  # type: ignore[arg-type]

    due = datetime(2026, 11, 28, 7, 0, tzinfo=UTC)  # 15:00 in Shanghai
    [entry] = Outbox(context.store).pending()
    assert isinstance(entry.op, CaseScheduleFollowUpOp)
    assert entry.op.payload.due_at == due and entry.op.payload.reason == "after lunch"
    qtbot.waitUntil(lambda: "after lunch" in view.ui.nextActionLabel.text(), timeout=5000)
    assert "15:00" in view.ui.nextActionLabel.text()
    # The queue's column and its "due today" filter follow it.
    result = context.queue.search(QueueQuery(filters=frozenset({QuickFilter.DUE_TODAY})))
    assert [r.case_id for r in result.rows(0, 5)] == [case.case_id]
    assert result.rows(0, 1)[0].next_action_due == due


def test_the_refusal_is_in_chinese_for_a_chinese_session(
    qtbot: QtBot, context: AppContext, seeded: list[CaseSeed]
) -> None:
    context.language = Language.ZH_CN
    install_translators(Language.ZH_CN)
    try:
        dialog = FollowUpDialog(context, seeded[1].case_id)
        qtbot.addWidget(dialog)
        dialog.show()
        _type_time(qtbot, dialog, QDate(2026, 11, 27), 18, 0)
        assert "跟进时间 2026-11-27 18:00 已经过去" in dialog.ui.problemLabel.text()
        assert not _ok(dialog).isEnabled()  # type: ignore[attr-defined]
        dialog.reject()
    finally:
        install_translators(Language.EN)
