"""The call workspace: ask before dialling, guide the call, record what happened.

1. **Before**: the agent picks a number and presses Call. The compliance engine judges
   the call now (case facts, the number, the borrower's zone, every attempt known
   locally). Blocked: its sentences are shown (rule ids included) with an offer to
   schedule a follow-up at the next allowed moment (a `case.schedule_follow_up` op: the
   case's next action, in the queue at once), and — when the policy names the
   agent's role for every blocking rule — an override that needs a written reason.
2. **During**: the number opens in the system's telephony handler (`tel:` URL); a timer
   runs; the guidance panel walks the script picked for the case; the third-party switch
   hides every debt detail from the panel and the header.
3. **After**: the outcome form (result, reason, mood, notes checked live for banned
   conduct, promise to pay within the policy's horizon, next follow-up). Save queues the
   contact attempt (with the script's transcript, any override and the next follow-up,
   which becomes the case's next action) and the promise in ONE local transaction
   (`Operations.record_call_outcome`): both are stored, or neither.

Time comes from an injected clock, so every check and every transcript entry is
deterministic under test.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import shiboken6
from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QWidget

from agentdesk.client.casefile import CaseFile, ContactPointView, open_case
from agentdesk.client.operations import CallOutcomeChanges, LocalChange, Operations
from agentdesk.client.preference_rows import stated_for_borrower
from agentdesk.domain.compliance import (
    ContactDecision,
    Override,
    Verdict,
    can_override,
    override_block,
)
from agentdesk.domain.errors import DomainError
from agentdesk.domain.scripts import PlanOffer, Script, Walk, pick_script
from agentdesk.domain.scripts.record import CallOutcome
from agentdesk.domain.vocabulary import CallResult, Channel, Language
from agentdesk.protocol.ops import (
    MAX_FOLLOW_UP_REASON,
    CaseScheduleFollowUp,
    ContactAttemptRecord,
    PromiseCreate,
)
from agentdesk.ui import formatting, labels
from agentdesk.ui.app import language_switch
from agentdesk.ui.call_workspace_facts import (
    call_data,
    check_call,
    owed,
    script_facts,
)
from agentdesk.ui.call_workspace_outcome import CallOutcomeForm, OutcomeValues
from agentdesk.ui.contact_preferences import call_marks
from agentdesk.ui.contact_preferences_strip import CallOutcomePreferencesButton
from agentdesk.ui.context import AppContext
from agentdesk.ui.generated.ui_call_workspace import Ui_CallWorkspace
from agentdesk.ui.guidance import GuidancePanel
from agentdesk.ui.operations import error_text
from agentdesk.ui.plan_dialog import PlanProposalDialog
from agentdesk.ui.plan_engine import shipped_authority_policy

_BLOCK_STYLE = "color: #b42318;"
_WARN_STYLE = "color: #9a6700;"
_OK_STYLE = "color: #1a7f37;"
_TRANSCRIPT_VALUE_MAX = 500
# The lender's service line the scripts give borrowers (a deployment setting).
DEFAULT_CALLBACK_NUMBER = "400-800-0000"


def _utc_now() -> datetime:
    return datetime.now(UTC)


class CallWorkspace(QWidget):
    """One call on one case (see the module doc)."""

    saved = Signal(object)
    """The `LocalChange` of the recorded contact attempt."""
    followUpScheduled = Signal(object)
    """The UTC time a blocked call was rescheduled to."""

    def __init__(
        self,
        context: AppContext,
        case_id: str,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], datetime] = _utc_now,
        company: str | None = None,
        callback_number: str = DEFAULT_CALLBACK_NUMBER,
    ) -> None:
        super().__init__(parent)
        language_switch().switched.connect(self._language_switched)
        self.context = context
        self.case_id = case_id
        self.clock = clock
        self.company = company
        self.callback_number = callback_number
        self.ui = Ui_CallWorkspace()
        self.ui.setupUi(self)
        # Its own window (over the case it was opened from), not a child inside it.
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.case_file: CaseFile = open_case(context.store, case_id)
        self.policy = context.contact_policy()
        self.decision: ContactDecision | None = None
        self.override: Override | None = None
        self.walk: Walk | None = None
        self.started_at: datetime | None = None
        self.ended_at: datetime | None = None
        self.third_party = False
        self.plan_dialog: PlanProposalDialog | None = None
        # Parsing and checking the scripts takes about a second: never on the GUI thread.
        self._scripts: list[Script] | None = None
        self._script_begun = False
        context.ops.background(context.scripts, done=self._scripts_loaded)

        self.guidance = GuidancePanel(self.ui.guidanceHolder)
        self.ui.guidanceLayout.addWidget(self.guidance)
        self.outcome = CallOutcomeForm(
            owed=owed(self.case_file),
            currency=self.case_file.case.currency,
            time_zone=self.borrower_zone,
            clock=clock,
            language=self.language,
            parent=self.ui.outcomeHolder,
            horizon_days=shipped_authority_policy().promise_horizon_days,
        )
        self.ui.outcomeHolderLayout.addWidget(self.outcome)
        # What the borrower said about contact on this call (opt-outs, work, times).
        self.preferences_button = CallOutcomePreferencesButton(context, case_id, self.outcome)
        self.outcome.ui.saveRow.insertWidget(0, self.preferences_button)
        self.ui.timerLabel.setStyleSheet("font-size: 18px; font-weight: 600; padding: 0 12px;")
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.tick)

        self.ui.callButton.clicked.connect(self.call)
        self.ui.followUpButton.clicked.connect(self.schedule_follow_up)
        self.ui.overrideButton.clicked.connect(self.override_and_call)
        self.ui.endCallButton.clicked.connect(self.end_call)
        self.guidance.thirdPartyChanged.connect(self._third_party)
        self.guidance.outcomeReached.connect(self._script_ended)
        self.guidance.stepChanged.connect(self._step_changed)
        self.guidance.offerChosen.connect(self.open_plan)
        self.outcome.moodChosen.connect(self.guidance.mark_mood)
        self.outcome.saveRequested.connect(self.save)

        self._fill_contacts()
        self._show_header()
        self._reset_decision()
        self.ui.endCallButton.hide()
        self.ui.timerLabel.hide()
        self.ui.stack.setCurrentWidget(self.ui.checkPage)

    # ------------------------------------------------------------ reading the case

    @property
    def language(self) -> Language:
        return self.context.language

    @property
    def borrower_zone(self) -> str:
        borrower = self.case_file.borrower
        return borrower.time_zone if borrower is not None and borrower.time_zone else (
            self.policy.default_time_zone
        )

    def _phones(self) -> list[ContactPointView]:
        return [cp for cp in self.case_file.contact_points if cp.data.kind == "phone"]

    def _fill_contacts(self) -> None:
        combo = self.ui.contactCombo
        current = combo.currentData()
        combo.clear()
        barred = call_marks(self.context, self.case_file)  # what the borrower said
        for cp in self._phones():
            who = labels.label(cp.data.relation)
            if cp.data.contact_name:
                who = f"{who} · {cp.data.contact_name}"
            mark = f" — {barred[cp.data.id]}" if cp.data.id in barred else ""
            combo.addItem(f"{cp.masked}  ({who}){mark}", cp.data.id)
        index = combo.findData(current) if current else 0
        combo.setCurrentIndex(max(index, 0))
        self.ui.callButton.setEnabled(combo.count() > 0)

    def chosen_contact(self) -> ContactPointView:
        """The contact point picked in the number box."""
        chosen = self.ui.contactCombo.currentData()
        return next(cp for cp in self._phones() if cp.data.id == chosen)

    def _show_header(self) -> None:
        case = self.case_file.case
        self.setWindowTitle(self.tr("Call · %1").replace("%1", case.borrower_name))
        self.ui.borrowerLabel.setText(
            f"<b>{case.borrower_name}</b> · {case.loan_number} · {labels.label(case.stage)}"
        )
        if self.third_party:
            # Nothing about the debt may be on screen while a third party is on the line.
            self.ui.debtLabel.setText(self.tr("Third party on the line: debt details hidden"))
            self.ui.debtLabel.setStyleSheet(_WARN_STYLE)
            return
        self.ui.debtLabel.setStyleSheet("")
        self.ui.debtLabel.setText(
            self.tr("Overdue %1 · %2 · %3")
            .replace("%1", formatting.money(case.amount_overdue, case.currency))
            .replace("%2", formatting.days_past_due(case.dpd))
            .replace("%3", labels.label(case.bucket))
        )

    # ------------------------------------------------------------ before the call

    def _reset_decision(self) -> None:
        self.ui.decisionLabel.clear()
        self.ui.followUpButton.hide()
        self.ui.overrideGroup.hide()
        self.ui.overrideProblem.clear()

    def call(self) -> None:
        """Ask the compliance engine; dial if allowed, explain and offer options if not."""
        self._reset_decision()
        if self.ui.contactCombo.count() == 0:
            return
        point = self.chosen_contact()
        # The borrower's statements are read now: one recorded a moment ago counts.
        stated = stated_for_borrower(self.context.store, self.case_file.case.borrower_id)
        decision = check_call(
            self.case_file, point.data.id, self.clock(), self.policy, preferences=stated
        )
        self.decision = decision
        if decision.allowed:
            self._start_call()
            return
        self.ui.decisionLabel.setStyleSheet(_BLOCK_STYLE)
        self.ui.decisionLabel.setText("\n".join(decision.reasons(self.language)))
        if decision.next_allowed_at is not None:
            when = formatting.moment(decision.next_allowed_at, self.borrower_zone)
            self.ui.followUpButton.setText(
                self.tr("Schedule a follow-up at %1 (%2 time)")
                .replace("%1", when)
                .replace("%2", self.borrower_zone)
            )
            self.ui.followUpButton.show()
        else:
            self.ui.decisionLabel.setText(
                self.ui.decisionLabel.text()
                + "\n"
                + self.tr("Waiting will not make this call allowed.")
            )
        if self.may_override(decision):
            self.ui.overrideGroup.show()

    def may_override(self, decision: ContactDecision) -> bool:
        """The policy names this role for every block, and none is beyond overriding."""
        return bool(decision.blocking) and all(
            f.overridable and can_override(f.rule_id, self.context.role, self.policy)
            for f in decision.blocking
        )

    def schedule_follow_up(self) -> None:
        """Make the next allowed time the case's next action (a follow-up op, queued)."""
        decision = self.decision
        if decision is None or decision.next_allowed_at is None:
            return
        at = decision.next_allowed_at
        when = formatting.moment(at, self.borrower_zone)
        rules = ", ".join(sorted({f.rule_id for f in decision.blocking}))
        reason = self.tr("Call blocked (%1): call at the next allowed time").replace(
            "%1", rules)
        follow_up = CaseScheduleFollowUp(
            case_id=UUID(self.case_file.case.id), due_at=at,
            reason=reason[:MAX_FOLLOW_UP_REASON])
        self.ui.followUpButton.setEnabled(False)

        def write(ops: Operations) -> LocalChange:
            return ops.schedule_follow_up(follow_up)

        def done(_change: Any) -> None:
            self.ui.decisionLabel.setStyleSheet(_OK_STYLE)
            self.ui.decisionLabel.setText(
                self.tr("Follow-up scheduled for %1 (%2 time).")
                .replace("%1", when)
                .replace("%2", self.borrower_zone)
            )
            self.ui.followUpButton.hide()
            self.ui.overrideGroup.hide()
            self.followUpScheduled.emit(at)

        def failed(error: BaseException) -> None:
            self.ui.followUpButton.setEnabled(True)
            self.ui.decisionLabel.setText(error_text(error, self.language))

        self.context.ops.write(write, done=done, error=failed)

    def override_and_call(self) -> None:
        """Override the block with the written reason (refused by the engine if not allowed)."""
        if self.decision is None:
            return
        try:
            self.override = override_block(
                self.decision,
                self.context.role,
                self.ui.overrideReasonEdit.toPlainText(),
                self.clock(),
                self.policy,
                user_id=self.context.user.user_id,
            )
        except DomainError as error:
            self.ui.overrideProblem.setStyleSheet(_BLOCK_STYLE)
            self.ui.overrideProblem.setText(error.message(self.language))
            return
        self._start_call()

    # ------------------------------------------------------------ the call

    def _script_language(self) -> Language:
        borrower = self.case_file.borrower
        try:
            return Language(borrower.language) if borrower is not None else self.language
        except ValueError:
            return self.language

    def _start_call(self) -> None:
        point = self.chosen_contact()
        number = "".join(ch for ch in point.data.value if ch.isdigit() or ch == "+")
        QDesktopServices.openUrl(QUrl(f"tel:{number}"))
        self.started_at = self.clock()
        self.third_party = point.data.relation.is_third_party
        if self._scripts is not None:
            self._begin_script()
        else:
            self.guidance.show_loading()
            if self.third_party:
                self._third_party(True)
        warnings = []
        if self.decision is not None and self.decision.verdict is Verdict.WARNING:
            warnings = self.decision.reasons(self.language)
        if self.override is not None:
            warnings.append(
                self.tr("Block overridden (%1): %2")
                .replace("%1", ", ".join(self.override.rule_ids))
                .replace("%2", self.override.reason)
            )
        self.ui.warningLabel.setText("\n".join(warnings))
        self.ui.warningLabel.setStyleSheet(_WARN_STYLE)
        self.ui.stack.setCurrentWidget(self.ui.callPage)
        self.ui.endCallButton.show()
        self.ui.timerLabel.show()
        self.tick()
        self.timer.start()

    def _scripts_loaded(self, scripts: object) -> None:
        if not shiboken6.isValid(self):  # the window went away while they loaded
            return
        assert isinstance(scripts, list)
        self._scripts = scripts
        if self.started_at is not None and not self._script_begun:
            self._begin_script()

    @property
    def scripts_ready(self) -> bool:
        """The scripts are loaded (they load in the background when the window opens)."""
        return self._scripts is not None

    def _begin_script(self) -> None:
        # The walk starts at the moment the call started, whenever the scripts arrived.
        assert self.started_at is not None and self._scripts is not None
        self._script_begun = True
        facts = script_facts(
            self.case_file, self._script_language(), self.policy.profile, self.third_party
        )
        script = pick_script(facts, self._scripts)
        agent = self.context.user.display_name
        company = self.company or self.tr("AgentDesk Consumer Finance")
        if script is not None:
            data = call_data(
                self.case_file, agent, company, self.callback_number, self.started_at
            )
            self.walk = Walk.begin(script, facts, data, at=self.started_at)
        self.guidance.start(
            self.walk, script.title if script is not None else "", self.clock, self.language
        )
        if self.third_party:
            self.guidance.ui.thirdPartyCheck.setChecked(True)

    def elapsed_seconds(self) -> int:
        """Seconds since the call started (or until it ended)."""
        if self.started_at is None:
            return 0
        end = self.ended_at or self.clock()
        return max(0, int((end - self.started_at).total_seconds()))

    def tick(self) -> None:
        """Show the running time."""
        seconds = self.elapsed_seconds()
        self.ui.timerLabel.setText(f"{seconds // 60:02d}:{seconds % 60:02d}")

    def end_call(self) -> None:
        """The line is closed: stop the timer (the outcome can still be edited)."""
        if self.started_at is not None and self.ended_at is None:
            self.ended_at = self.clock()
            self.timer.stop()
            self.tick()
            self.ui.endCallButton.setEnabled(False)

    def _third_party(self, on: bool) -> None:
        self.third_party = on
        self._show_header()
        self.outcome.set_third_party(on)

    def _script_ended(self, outcome: object) -> None:
        assert isinstance(outcome, CallOutcome)
        self.outcome.set_result(outcome.result)
        if outcome.delinquency_reason is not None:
            self.outcome.set_reason(outcome.delinquency_reason)

    def open_plan(self, offer: object = None) -> PlanProposalDialog:
        """The plan calculator for this case, filled from the script's offer if one."""
        dialog = PlanProposalDialog(self.context, self.case_id, self)
        if isinstance(offer, PlanOffer):
            dialog.apply_offer(offer)
        dialog.proposed.connect(lambda _change: self.outcome.set_result(CallResult.PLAN_PROPOSED))
        dialog.show()
        self.plan_dialog = dialog
        return dialog

    def _step_changed(self) -> None:
        if self.walk is not None and self.walk.facts.reason is not None:
            self.outcome.set_reason(self.walk.facts.reason)

    # ------------------------------------------------------------ saving

    def transcript(self) -> list[dict[str, Any]]:
        """The walk's transcript in the record's shape, plus the override if any."""
        entries: list[dict[str, Any]] = []
        if self.override is not None:
            value = f"{', '.join(self.override.rule_ids)}: {self.override.reason}"
            entries.append({
                "step_id": "compliance",
                "action": "override",
                "value": value[:_TRANSCRIPT_VALUE_MAX],
                "at": self.override.at.isoformat(),
            })
        if self.walk is not None:
            for entry in self.walk.record_entries():
                entries.append({
                    **entry,
                    "step_id": entry.get("step_id") or "-",
                    "value": None if entry.get("value") is None
                    else str(entry["value"])[:_TRANSCRIPT_VALUE_MAX],
                })
        return entries

    def save(self) -> None:
        """Queue the contact attempt (with notes and transcript) and the promise."""
        if self.started_at is None or self.outcome.problems():
            return
        try:
            values = self.outcome.values()
            attempt, promise = self._records(values)
        except (DomainError, ValueError) as error:
            self.outcome.show_save_problem(error_text(error, self.language))
            return
        self.end_call()
        self.outcome.set_saving(True)

        def write(ops: Operations) -> LocalChange:
            # One local transaction: a failure stores nothing, so a retry stores it all.
            changes: CallOutcomeChanges = ops.record_call_outcome(attempt, promise=promise)
            return changes.attempt

        self.context.ops.write(write, done=self._saved, error=self._save_failed)

    def _records(
        self, values: OutcomeValues
    ) -> tuple[ContactAttemptRecord, PromiseCreate | None]:
        assert self.started_at is not None
        case_id = UUID(self.case_file.case.id)
        ended = self.ended_at or self.clock()
        script = self.walk.script if self.walk is not None else None
        attempt = ContactAttemptRecord.model_validate({
            "case_id": case_id,
            "contact_point_id": UUID(self.chosen_contact().data.id),
            "channel": Channel.CALL,
            "result": values.result,
            "started_at": self.started_at,
            "ended_at": ended,
            "mood": values.mood,
            "delinquency_reason": values.reason,
            "notes": values.notes,
            "script_id": script.id if script is not None else None,
            "script_version": script.version if script is not None else None,
            "transcript": self.transcript(),
            "next_follow_up_at": values.follow_up_at,
        })
        promise = None
        if values.promise is not None:
            promise = PromiseCreate(
                case_id=case_id,
                amount=values.promise.amount,
                currency=self.case_file.case.currency,
                due_date=values.promise.due_date,
            )
        return attempt, promise

    def _saved(self, change: object) -> None:
        self.outcome.set_saving(False)
        self.outcome.ui.saveButton.setEnabled(False)
        self.outcome.show_save_problem("")
        self.saved.emit(change)
        self.close()  # the call is on the case's timeline now

    def _save_failed(self, error: BaseException) -> None:
        self.outcome.set_saving(False)
        self.outcome.show_save_problem(error_text(error, self.language))

    # ------------------------------------------------------------ language

    def _language_switched(self) -> None:
        self.ui.retranslateUi(self)
        self._fill_contacts()
        self._show_header()

    def closeEvent(self, event: Any) -> None:
        self.timer.stop()
        super().closeEvent(event)
