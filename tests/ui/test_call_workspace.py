"""The call workspace, driven with real clicks and keys on real widgets and a real store.

The only stand-in is the operating system's telephony handler (`QDesktopServices.openUrl`),
which would otherwise start a softphone: it records the `tel:` URLs instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QCheckBox, QPushButton
from pytestqt.qtbot import QtBot

from agentdesk.client.outbox import Outbox
from agentdesk.client.queue import QueueQuery, QuickFilter
from agentdesk.domain.authority import read_authority_policy
from agentdesk.domain.vocabulary import CallResult, Language, Mood, Role
from agentdesk.protocol.ops import CaseScheduleFollowUpOp, ContactAttemptRecordOp, PromiseCreateOp
from agentdesk.ui.call_workspace import CallWorkspace
from tests.ui.call_plan_cases import SeededCase, make_context, seed_case

LATE_EVENING = datetime(2026, 11, 28, 14, 30, tzinfo=UTC)  # 22:30 in Shanghai
MORNING = datetime(2026, 11, 28, 2, 30, tzinfo=UTC)  # 10:30 in Shanghai


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def dialled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URLs handed to the system's telephony handler (the one true system edge)."""
    urls: list[str] = []

    def open_url(url: Any) -> bool:
        urls.append(url.toString())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(open_url))
    return urls


def _session(tmp_path: Path, now: datetime, role: Role = Role.AGENT) -> Iterator[Any]:
    context = make_context(tmp_path, now, role=role, language=Language.EN)
    yield context
    context.close()


@pytest.fixture
def context(tmp_path: Path) -> Iterator[Any]:
    yield from _session(tmp_path, MORNING)


@pytest.fixture
def case(context: Any) -> SeededCase:
    return seed_case(context.store)


def _workspace(qtbot: QtBot, context: Any, case: SeededCase, clock: Clock) -> CallWorkspace:
    workspace = CallWorkspace(context, case.case_id, clock=clock)
    qtbot.addWidget(workspace)
    workspace.resize(1100, 720)
    workspace.show()
    # The scripts load in the background when the window opens (about a second).
    qtbot.waitUntil(lambda: workspace.scripts_ready, timeout=10_000)
    return workspace


def _click(qtbot: QtBot, button: QPushButton) -> None:
    # Buttons the panel has just made get their size when the layout runs: let it run.
    qtbot.waitUntil(lambda: button.isVisible() and button.height() > 1, timeout=2000)
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _tick(qtbot: QtBot, box: QCheckBox) -> None:
    # A check box answers clicks on its box and words, not on the empty stretch after them.
    qtbot.waitUntil(lambda: box.isVisible() and box.height() > 1, timeout=2000)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def _answer(qtbot: QtBot, workspace: CallWorkspace, choice: str) -> None:
    button = workspace.guidance.findChild(QPushButton, f"answer_{choice}")
    assert button is not None, f"no answer {choice}: {workspace.guidance.shown_text()}"
    _click(qtbot, button)


def _ops(context: Any) -> list[Any]:
    return [entry.op for entry in Outbox(context.store).pending()]


# ------------------------------------------------------------------ blocked


def test_a_late_evening_call_is_blocked_and_rescheduled_to_eight_next_morning(
    qtbot: QtBot, context: Any, case: SeededCase, dialled: list[str]
) -> None:
    workspace = _workspace(qtbot, context, case, Clock(LATE_EVENING))
    _click(qtbot, workspace.ui.callButton)

    reasons = workspace.ui.decisionLabel.text()
    assert "22:30 in Asia/Shanghai is outside 08:00–22:00 (CN-1)" in reasons
    assert dialled == []  # nothing was dialled
    assert workspace.ui.overrideGroup.isHidden()  # an agent may not override CN-1
    offer = workspace.ui.followUpButton
    assert "08:00" in offer.text() and "Asia/Shanghai" in offer.text()

    with qtbot.waitSignal(workspace.followUpScheduled, timeout=5000) as scheduled:
        _click(qtbot, offer)
    # 08:00 on 29 Nov in Shanghai is midnight UTC.
    assert scheduled.args == [datetime(2026, 11, 29, 0, 0, tzinfo=UTC)]
    assert "Follow-up scheduled" in workspace.ui.decisionLabel.text()
    # Queued as the case's next action (a follow-up op, not a note).
    [op] = _ops(context)
    assert isinstance(op, CaseScheduleFollowUpOp)
    assert op.payload.due_at == datetime(2026, 11, 29, 0, 0, tzinfo=UTC)
    assert "CN-1" in op.payload.reason
    # The queue shows it at once, and next morning it is due today.
    row = context.queue.search(QueueQuery()).rows(0, 1)[0]
    assert row.next_action_due == datetime(2026, 11, 29, 0, 0, tzinfo=UTC)
    due_today = QueueQuery(filters=frozenset({QuickFilter.DUE_TODAY}))
    assert context.queue.search(due_today).count == 0  # not today (22:30)
    context.store.clock = lambda: datetime(2026, 11, 29, 1, 0, tzinfo=UTC)  # 09:00 next day
    assert [r.case_id for r in context.queue.search(due_today).rows(0, 5)] == [case.case_id]


def test_a_lead_may_override_the_block_only_with_a_written_reason(
    qtbot: QtBot, tmp_path: Path, dialled: list[str]
) -> None:
    for context in _session(tmp_path, LATE_EVENING, role=Role.LEAD):
        case = seed_case(context.store)
        clock = Clock(LATE_EVENING)
        workspace = _workspace(qtbot, context, case, clock)
        _click(qtbot, workspace.ui.callButton)
        assert workspace.ui.overrideGroup.isVisible()

        _click(qtbot, workspace.ui.overrideButton)  # no reason written yet
        assert "reason" in workspace.ui.overrideProblem.text()
        assert dialled == []

        qtbot.keyClicks(workspace.ui.overrideReasonEdit, "Borrower asked us to call after work")
        _click(qtbot, workspace.ui.overrideButton)
        assert dialled == ["tel:13812345678"]
        assert "overridden (CN-1)" in workspace.ui.warningLabel.text()

        clock.now += timedelta(minutes=2)
        assert not workspace.outcome.ui.saveButton.isEnabled()  # no result chosen yet
        result = workspace.outcome.ui.resultCombo
        result.setCurrentIndex(result.findData(CallResult.CALLBACK_REQUESTED.value))
        with qtbot.waitSignal(workspace.saved, timeout=5000):
            _click(qtbot, workspace.outcome.ui.saveButton)
        [op] = _ops(context)
        assert isinstance(op, ContactAttemptRecordOp)
        override = op.payload.transcript[0]
        assert (override.step_id, override.action) == ("compliance", "override")
        assert override.value == "CN-1: Borrower asked us to call after work"


# ------------------------------------------------------------------ allowed, to a promise


def test_an_allowed_call_walks_the_script_to_a_promise_and_saves_it(
    qtbot: QtBot, context: Any, case: SeededCase, dialled: list[str]
) -> None:
    clock = Clock(MORNING)
    workspace = _workspace(qtbot, context, case, clock)
    _click(qtbot, workspace.ui.callButton)
    assert dialled == ["tel:13812345678"]
    assert workspace.ui.stack.currentWidget() is workspace.ui.callPage
    guidance = workspace.guidance
    assert "May I speak with 张伟" in guidance.ui.stepText.text()

    clock.now += timedelta(seconds=75)
    workspace.tick()
    assert workspace.ui.timerLabel.text() == "01:15"

    _answer(qtbot, workspace, "is_borrower")
    # The recording disclosure must be ticked before the call goes on.
    next_button = guidance.findChild(QPushButton, "answer_next")
    assert next_button is not None and not next_button.isEnabled()
    _tick(qtbot, guidance.ui.disclosureCheck)
    _answer(qtbot, workspace, "next")
    said = guidance.ui.stepText.text()
    assert "2,259.52" in said and "58 days past the due date of 1 Oct 2026" in said
    _answer(qtbot, workspace, "next")
    _answer(qtbot, workspace, "forgot")
    assert workspace.outcome.ui.reasonCombo.currentData() == "forgot"
    _answer(qtbot, workspace, "yes_full")
    assert workspace.outcome.ui.resultCombo.currentData() == CallResult.PROMISE.value
    assert workspace.outcome.ui.promiseGroup.isChecked()

    form = workspace.outcome.ui
    qtbot.keyClicks(form.promiseAmountEdit, "2259.52")
    form.promiseDateEdit.setDate(QDate(2026, 12, 3))
    qtbot.keyClicks(form.notesEdit, "Forgot the due date; will pay in full on 3 Dec.")
    assert form.saveButton.isEnabled()

    clock.now += timedelta(minutes=3)
    with qtbot.waitSignal(workspace.saved, timeout=5000):
        _click(qtbot, form.saveButton)
    assert not workspace.isVisible()  # saved: the call is on the case's timeline now
    attempt, promise = _ops(context)
    assert isinstance(attempt, ContactAttemptRecordOp)
    record = attempt.payload
    assert record.result is CallResult.PROMISE
    assert record.started_at == MORNING
    assert record.ended_at == MORNING + timedelta(seconds=75, minutes=3)
    assert record.notes == "Forgot the due date; will pay in full on 3 Dec."
    assert record.script_id == "negotiation_en"
    answers = [(e.step_id, e.value) for e in record.transcript if e.action == "answer"]
    assert answers == [("open", "is_borrower"), ("why", "forgot"), ("pay_in_full", "yes_full")]
    assert any(e.action == "confirm" and e.step_id == "recording" for e in record.transcript)
    assert isinstance(promise, PromiseCreateOp)
    assert promise.payload.amount == Decimal("2259.52")
    assert promise.payload.due_date == date(2026, 12, 3)
    assert promise.payload.contact_attempt_id == attempt.entity_id


@pytest.mark.parametrize(
    ("amount", "day", "message"),
    [
        ("0", date(2026, 12, 3), "out of range"),
        ("20000.00", date(2026, 12, 3), "out of range"),
        ("500", date(2026, 11, 27), "too early"),
        ("500", date(2027, 1, 5), "too late"),
        ("five hundred", date(2026, 12, 3), "as a number"),
    ],
)
def test_a_promise_out_of_bounds_blocks_saving_with_the_reason(
    qtbot: QtBot, context: Any, case: SeededCase, dialled: list[str],
    amount: str, day: date, message: str,
) -> None:
    workspace = _workspace(qtbot, context, case, Clock(MORNING))
    _click(qtbot, workspace.ui.callButton)
    form = workspace.outcome.ui
    form.promiseGroup.setChecked(True)
    qtbot.keyClicks(form.promiseAmountEdit, amount)
    form.promiseDateEdit.setDate(QDate(day.year, day.month, day.day))
    assert message in form.promiseProblem.text()
    assert not form.saveButton.isEnabled()


def test_the_promise_horizon_is_the_policy_figure(
    qtbot: QtBot, context: Any, case: SeededCase, dialled: list[str]
) -> None:
    horizon = read_authority_policy().promise_horizon_days
    workspace = _workspace(qtbot, context, case, Clock(MORNING))
    assert workspace.outcome.horizon_days == horizon
    _click(qtbot, workspace.ui.callButton)
    form = workspace.outcome.ui
    form.promiseGroup.setChecked(True)
    qtbot.keyClicks(form.promiseAmountEdit, "500")
    last = date(2026, 11, 28) + timedelta(days=horizon)
    form.promiseDateEdit.setDate(QDate(last.year, last.month, last.day))
    assert form.promiseProblem.text() == ""
    beyond = last + timedelta(days=1)
    form.promiseDateEdit.setDate(QDate(beyond.year, beyond.month, beyond.day))
    problem = form.promiseProblem.text()
    assert "too late" in problem and last.isoformat() in problem


def test_a_next_follow_up_in_the_past_is_refused_and_nothing_is_saved(
    qtbot: QtBot, context: Any, case: SeededCase, dialled: list[str]
) -> None:
    workspace = _workspace(qtbot, context, case, Clock(MORNING))
    _click(qtbot, workspace.ui.callButton)
    form = workspace.outcome.ui
    form.resultCombo.setCurrentIndex(form.resultCombo.findData(CallResult.NO_ANSWER.value))
    workspace.outcome.set_follow_up(MORNING - timedelta(hours=1))  # 09:30 today, gone
    _click(qtbot, form.saveButton)
    assert "is not in the future" in form.saveProblem.text()
    assert _ops(context) == [] and workspace.isVisible()
    workspace.outcome.set_follow_up(MORNING + timedelta(days=1))
    with qtbot.waitSignal(workspace.saved, timeout=5000):
        _click(qtbot, form.saveButton)
    [attempt] = _ops(context)
    assert attempt.payload.next_follow_up_at == MORNING + timedelta(days=1)
    row = context.queue.search(QueueQuery()).rows(0, 1)[0]
    assert row.next_action_due == MORNING + timedelta(days=1)  # the case's next action


# ------------------------------------------------------------------ third party


def test_the_third_party_switch_hides_amount_and_days_overdue_everywhere(
    qtbot: QtBot, context: Any, case: SeededCase, dialled: list[str]
) -> None:
    workspace = _workspace(qtbot, context, case, Clock(MORNING))
    debt = ("2,259.52", "58", "M2", "overdue", "逾期")
    assert "2,259.52" in workspace.ui.debtLabel.text()
    _click(qtbot, workspace.ui.callButton)
    _tick(qtbot, workspace.guidance.ui.thirdPartyCheck)

    shown = workspace.guidance.shown_text() + workspace.ui.debtLabel.text()
    shown += workspace.ui.borrowerLabel.text()
    for detail in debt:
        assert detail not in shown.replace("Third party on the line: debt details hidden", "")
    assert workspace.outcome.ui.promiseGroup.isHidden()
    assert workspace.outcome.ui.resultCombo.currentData() == CallResult.THIRD_PARTY.value
    assert not workspace.guidance.ui.thirdPartyCheck.isEnabled()  # one way only
    # Whatever the agent clicks on now, the script never renders a debt detail.
    for _ in range(6):
        buttons = [b for b in workspace.guidance.findChildren(QPushButton)
                   if b.objectName().startswith("answer_") and b.isVisible()]
        if not buttons:
            break
        _click(qtbot, buttons[0])
        text = workspace.guidance.shown_text()
        assert not any(detail in text for detail in debt[:2])


def test_calling_an_emergency_contact_while_the_borrower_is_reachable_is_blocked(
    qtbot: QtBot, context: Any, case: SeededCase, dialled: list[str]
) -> None:
    workspace = _workspace(qtbot, context, case, Clock(MORNING))
    combo = workspace.ui.contactCombo
    combo.setCurrentIndex(combo.findData(case.relative_id))
    _click(qtbot, workspace.ui.callButton)
    assert dialled == []
    assert "(CN-4)" in workspace.ui.decisionLabel.text()
    assert workspace.ui.stack.currentWidget() is workspace.ui.checkPage


# ------------------------------------------------------------------ notes and mood


def test_banned_words_in_the_notes_block_saving_until_they_are_removed(
    qtbot: QtBot, context: Any, case: SeededCase, dialled: list[str]
) -> None:
    workspace = _workspace(qtbot, context, case, Clock(MORNING))
    _click(qtbot, workspace.ui.callButton)
    form = workspace.outcome.ui
    qtbot.keyClicks(form.notesEdit, "Said he is a deadbeat and we know where you live")
    assert "Banned conduct" in form.notesProblem.text()
    assert not form.saveButton.isEnabled()
    assert form.notesEdit.extraSelections()  # the phrase is underlined

    form.notesEdit.clear()
    qtbot.keyClicks(form.notesEdit, "Explained the options calmly; will call back Friday")
    assert form.notesProblem.text() == ""
    form.resultCombo.setCurrentIndex(form.resultCombo.findData(CallResult.REFUSED.value))
    assert form.saveButton.isEnabled()


def test_marking_the_borrower_angry_opens_de_escalation(
    qtbot: QtBot, context: Any, case: SeededCase, dialled: list[str]
) -> None:
    workspace = _workspace(qtbot, context, case, Clock(MORNING))
    _click(qtbot, workspace.ui.callButton)
    _answer(qtbot, workspace, "is_borrower")
    combo = workspace.outcome.ui.moodCombo
    combo.setCurrentIndex(combo.findData(Mood.ANGRY.value))
    assert workspace.walk is not None
    assert any(frame.opened == "deescalation" for frame in workspace.walk.stack)


def test_switching_the_language_retranslates_the_workspace(
    qtbot: QtBot, context: Any, case: SeededCase, dialled: list[str]
) -> None:
    workspace = _workspace(qtbot, context, case, Clock(MORNING))
    _click(qtbot, workspace.ui.callButton)
    context.set_language(Language.ZH_CN)
    qtbot.waitUntil(lambda: workspace.ui.endCallButton.text() == "结束通话(&E)", timeout=2000)
    assert workspace.ui.debtLabel.text().startswith("逾期金额 ¥2,259.52")
    assert workspace.outcome.ui.saveButton.text() == "保存通话(&S)"
    assert workspace.guidance.ui.branchesGroup.title() == "随时可用"


def test_a_scripted_offer_opens_the_plan_calculator_filled_in(
    qtbot: QtBot, context: Any, case: SeededCase, dialled: list[str]
) -> None:
    workspace = _workspace(qtbot, context, case, Clock(MORNING))
    _click(qtbot, workspace.ui.callButton)
    _answer(qtbot, workspace, "is_borrower")
    _tick(qtbot, workspace.guidance.ui.disclosureCheck)
    _answer(qtbot, workspace, "next")
    _answer(qtbot, workspace, "next")
    _answer(qtbot, workspace, "income_fell")
    _answer(qtbot, workspace, "instalment_only")
    offer = workspace.guidance.findChild(QPushButton, "offer_extend_12")
    assert offer is not None
    _click(qtbot, offer)
    dialog = workspace.plan_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.ui.extensionSpin.value() == 12
    assert dialog.schedule_model.rowCount() == 22

    qtbot.keyClicks(dialog.ui.downPaymentEdit, "300")
    with qtbot.waitSignal(dialog.proposed, timeout=5000):
        qtbot.mouseClick(dialog.ui.submitButton, Qt.MouseButton.LeftButton)
    assert workspace.outcome.ui.resultCombo.currentData() == CallResult.PLAN_PROPOSED.value
    [op] = _ops(context)
    assert op.payload.options == {"extra_months": 12, "down_payment": "300", "method": "annuity"}
