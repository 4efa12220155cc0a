"""The outcome of a call: result code, reason, mood, notes, promise to pay, next follow-up.

The notes are checked as they are typed by the banned-conduct lint (the same word lists
the server applies); a finding is shown and underlined, and saving stays blocked until
the words are changed. A promise is checked by the domain's promise rule (amount within
what is owed, date from today to the horizon) and its refusal is shown in the user's
language. The horizon is the lender's policy figure (`promise_horizon_days` in the
authority policy), the one the server applies too. A next follow-up must lie in the
future (the domain's follow-up rule, as in "Schedule follow-up…"); saved with the
call's attempt, it becomes the case's next action. The form holds values; the
workspace saves them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit, QWidget

from agentdesk.domain.conduct import ConductFinding, find_banned_conduct
from agentdesk.domain.errors import DomainError
from agentdesk.domain.follow_up import check_follow_up
from agentdesk.domain.promises import DEFAULT_HORIZON_DAYS, PromiseTerms, check_promise
from agentdesk.domain.vocabulary import CallResult, DelinquencyReason, Language, Mood
from agentdesk.ui import labels
from agentdesk.ui.app import language_switch
from agentdesk.ui.generated.ui_call_outcome import Ui_CallOutcomeForm

# The codes an agent records after a call, most frequent first.
RESULT_ORDER = (
    CallResult.NO_ANSWER,
    CallResult.WRONG_NUMBER,
    CallResult.THIRD_PARTY,
    CallResult.RIGHT_PARTY_CONTACT,
    CallResult.REFUSED,
    CallResult.PROMISE,
    CallResult.PLAN_PROPOSED,
    CallResult.DISPUTE,
    CallResult.COMPLAINT,
    CallResult.CALLBACK_REQUESTED,
    CallResult.BUSY,
    CallResult.VOICEMAIL,
    CallResult.NOT_IN_SERVICE,
)
_ERROR_STYLE = "color: #b42318;"


@dataclass(frozen=True)
class OutcomeValues:
    """What the agent recorded."""

    result: CallResult
    reason: DelinquencyReason | None
    mood: Mood | None
    notes: str
    promise: PromiseTerms | None
    follow_up_at: datetime | None


class CallOutcomeForm(QWidget):
    """The outcome form (see the module doc). `saveRequested` when Save is pressed."""

    saveRequested = Signal()
    moodChosen = Signal(object)

    def __init__(
        self,
        *,
        owed: Decimal,
        currency: str,
        time_zone: str,
        clock: Callable[[], datetime],
        language: Language,
        parent: QWidget | None = None,
        horizon_days: int = DEFAULT_HORIZON_DAYS,
    ) -> None:
        super().__init__(parent)
        language_switch().switched.connect(self._language_switched)
        self.ui = Ui_CallOutcomeForm()
        self.ui.setupUi(self)
        self.horizon_days = horizon_days
        self.owed = owed
        self.currency = currency
        self.zone = ZoneInfo(time_zone)
        self.clock = clock
        self.language = language
        self.findings: list[ConductFinding] = []
        self.promise_error: DomainError | None = None
        self._saving = False
        self._fill()
        today = self.today()
        self.ui.promiseDateEdit.setDate(QDate(today.year, today.month, today.day))
        self.ui.promiseDateEdit.setDisplayFormat("yyyy-MM-dd")
        self.ui.followUpEdit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.ui.followUpEdit.setTimeZone(QTimeZone(time_zone.encode()))
        self.set_follow_up(
            datetime.combine(today + timedelta(days=1), time(10, 0), self.zone), checked=False
        )
        self.ui.notesEdit.textChanged.connect(self.check_notes)
        self.ui.promiseGroup.toggled.connect(self.check_promise)
        self.ui.promiseAmountEdit.textChanged.connect(self.check_promise)
        self.ui.promiseDateEdit.dateChanged.connect(self.check_promise)
        self.ui.followUpCheck.toggled.connect(self.ui.followUpEdit.setEnabled)
        self.ui.resultCombo.currentIndexChanged.connect(self._result_changed)
        self.ui.moodCombo.currentIndexChanged.connect(self._mood_changed)
        self.ui.saveButton.clicked.connect(self.saveRequested)
        self._update_save()

    # ------------------------------------------------------------ choices

    def _fill(self) -> None:
        ui = self.ui
        keep = (ui.resultCombo.currentData(), ui.reasonCombo.currentData(),
                ui.moodCombo.currentData())
        for combo in (ui.resultCombo, ui.reasonCombo, ui.moodCombo):
            combo.blockSignals(True)
            combo.clear()
        # No default: a result nobody chose would be wrong data.
        ui.resultCombo.addItem(self.tr("(choose the result)"), None)
        for result in RESULT_ORDER:
            ui.resultCombo.addItem(labels.label(result), result.value)
        ui.reasonCombo.addItem(self.tr("(not known yet)"), None)
        for reason in DelinquencyReason:
            ui.reasonCombo.addItem(labels.label(reason), reason.value)
        ui.moodCombo.addItem(self.tr("(not marked)"), None)
        for mood in Mood:
            ui.moodCombo.addItem(labels.label(mood), mood.value)
        for combo, value in zip((ui.resultCombo, ui.reasonCombo, ui.moodCombo), keep,
                                strict=True):
            index = combo.findData(value) if value is not None else -1
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def today(self) -> date:
        """The borrower's date now."""
        return self.clock().astimezone(self.zone).date()

    def set_result(self, result: CallResult) -> None:
        """Pre-select a result (the script's ending suggests one)."""
        index = self.ui.resultCombo.findData(result.value)
        if index >= 0:
            self.ui.resultCombo.setCurrentIndex(index)

    def set_reason(self, reason: DelinquencyReason | None) -> None:
        """Pre-select the reason the script recorded."""
        index = self.ui.reasonCombo.findData(None if reason is None else reason.value)
        self.ui.reasonCombo.setCurrentIndex(max(index, 0))

    def set_follow_up(self, at: datetime, *, checked: bool = True) -> None:
        """Propose a follow-up time."""
        local = at.astimezone(self.zone)
        self.ui.followUpEdit.setDateTime(
            QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute),
                      QTimeZone(str(self.zone).encode()))
        )
        self.ui.followUpCheck.setChecked(checked)

    def set_third_party(self, on: bool) -> None:
        """With a third party, no promise is taken and no amount is shown."""
        if on:
            self.ui.promiseGroup.setChecked(False)
            self.set_result(CallResult.THIRD_PARTY)
        self.ui.promiseGroup.setVisible(not on)

    def _result_changed(self) -> None:
        if self.ui.resultCombo.currentData() == CallResult.PROMISE.value:
            self.ui.promiseGroup.setChecked(True)
        self._update_save()

    def _mood_changed(self) -> None:
        value = self.ui.moodCombo.currentData()
        if value:
            self.moodChosen.emit(Mood(value))

    # ------------------------------------------------------------ live checks

    def check_notes(self) -> None:
        """Run the banned-conduct lint on the notes; show and underline what it finds."""
        text = self.ui.notesEdit.toPlainText()
        self.findings = find_banned_conduct(text)
        self.ui.notesProblem.setText("\n".join(f.reason(self.language) for f in self.findings))
        self.ui.notesProblem.setStyleSheet(_ERROR_STYLE)
        selections = []
        for finding in self.findings:
            selection = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setUnderlineColor(QColor("#b42318"))
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setBackground(QColor("#ffebe9"))
            selection.format = fmt
            cursor = QTextCursor(self.ui.notesEdit.document())
            cursor.setPosition(finding.start)
            cursor.setPosition(finding.end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selections.append(selection)
        self.ui.notesEdit.setExtraSelections(selections)
        self._update_save()

    def _amount(self) -> Decimal | None:
        text = self.ui.promiseAmountEdit.text().strip().replace(",", "")
        if not text:
            return None
        try:
            value = Decimal(text)
        except InvalidOperation:
            return None
        return value if value.is_finite() else None

    def _promise_date(self) -> date:
        q = self.ui.promiseDateEdit.date()
        return date(q.year(), q.month(), q.day())

    def check_promise(self) -> None:
        """Check the promise (when one is being taken) with the domain's rule."""
        self.promise_error = None
        self.ui.promiseProblem.clear()
        if self.ui.promiseGroup.isChecked():
            amount = self._amount()
            if amount is None:
                self.ui.promiseProblem.setText(
                    self.tr("Enter the promised amount as a number, e.g. 500.00.")
                )
            else:
                try:
                    check_promise(amount, self._promise_date(), owed=self.owed,
                                  today=self.today(), currency=self.currency,
                                  horizon_days=self.horizon_days)
                except DomainError as error:
                    self.promise_error = error
                    self.ui.promiseProblem.setText(error.message(self.language))
        self.ui.promiseProblem.setStyleSheet(_ERROR_STYLE)
        self._update_save()

    def problems(self) -> list[str]:
        """What stops saving, in words ('' none)."""
        found = [f.reason(self.language) for f in self.findings]
        if not self.ui.resultCombo.currentData():
            found.append(self.tr("Choose the result of the call."))
        if self.ui.promiseGroup.isChecked() and self.ui.promiseProblem.text():
            found.append(self.ui.promiseProblem.text())
        return found

    def _update_save(self) -> None:
        self.ui.saveButton.setEnabled(not self.problems() and not self._saving)

    def set_saving(self, saving: bool) -> None:
        """While a save is under way the button stays off."""
        self._saving = saving
        self._update_save()

    def show_save_problem(self, text: str) -> None:
        """A save failed: say why."""
        self.ui.saveProblem.setStyleSheet(_ERROR_STYLE)
        self.ui.saveProblem.setText(text)

    # ------------------------------------------------------------ the values

    def values(self) -> OutcomeValues:
        """The outcome as entered (call only when `problems()` is empty)."""
        ui = self.ui
        promise = None
        if ui.promiseGroup.isChecked():
            amount = self._amount()
            assert amount is not None
            promise = check_promise(amount, self._promise_date(), owed=self.owed,
                                    today=self.today(), currency=self.currency,
                                    horizon_days=self.horizon_days)
        follow_up = None
        if ui.followUpCheck.isChecked():
            # Read the wall-clock fields the agent sees (borrower-local), then go to UTC.
            shown = ui.followUpEdit.dateTime()
            d, t = shown.date(), shown.time()
            follow_up = datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(),
                                 tzinfo=self.zone).astimezone(UTC)
            # The same rule as "Schedule follow-up…": in the future (raises DomainError).
            check_follow_up(follow_up, now=self.clock(), zone=str(self.zone))
        reason = ui.reasonCombo.currentData()
        mood = ui.moodCombo.currentData()
        return OutcomeValues(
            result=CallResult(ui.resultCombo.currentData()),
            reason=DelinquencyReason(reason) if reason else None,
            mood=Mood(mood) if mood else None,
            notes=ui.notesEdit.toPlainText().strip(),
            promise=promise,
            follow_up_at=follow_up,
        )

    def _language_switched(self) -> None:
        self.ui.retranslateUi(self)
        self._fill()
        self.check_notes()
        self.check_promise()


__all__ = ["CallOutcomeForm", "OutcomeValues"]
