"""Schedule a case's follow-up: a date and time in the agent's zone, and a short reason.

The time is checked as it is typed by the domain's rule (in the future, within the
follow-up horizon); a refusal is shown in the agent's language and OK stays off until
the time is right. OK queues a `case.schedule_follow_up` op through the operations
worker (the queue shows it at once, offline too); the dialog closes when it is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from agentdesk.client.follow_up import NextActionView
from agentdesk.client.operations import LocalChange, Operations
from agentdesk.domain.errors import DomainError
from agentdesk.domain.follow_up import check_follow_up
from agentdesk.protocol.ops import CaseScheduleFollowUp
from agentdesk.ui import formatting
from agentdesk.ui.app import language_switch
from agentdesk.ui.context import AppContext
from agentdesk.ui.generated.ui_follow_up_dialog import Ui_FollowUpDialog
from agentdesk.ui.operations import error_text


def default_follow_up(now: datetime, zone: str) -> datetime:
    """Tomorrow at 10:00 in `zone`: where the picker starts when nothing is set."""
    local = now.astimezone(ZoneInfo(zone))
    tomorrow = local.date() + timedelta(days=1)
    return datetime(tomorrow.year, tomorrow.month, tomorrow.day, 10, 0, tzinfo=ZoneInfo(zone))


class FollowUpDialog(QDialog):
    """Pick when the case is worked next (see the module doc)."""

    scheduled = Signal(object)
    """The `LocalChange` of the queued op."""

    def __init__(
        self,
        context: AppContext,
        case_id: str,
        parent: QWidget | None = None,
        *,
        current: NextActionView | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        language_switch().switched.connect(self._language_switched)
        self.context = context
        self.case_id = case_id
        self.current = current
        self.zone = context.time_zone
        self.clock = clock or context.store.clock
        self.ui = Ui_FollowUpDialog()
        self.ui.setupUi(self)
        self.ui.dueEdit.setTimeZone(QTimeZone(self.zone.encode()))
        start = current.due_at if current is not None and current.due_at > self.clock() \
            else default_follow_up(self.clock(), self.zone)
        self.set_due(start)
        if current is not None:
            self.ui.reasonEdit.setText(current.reason)
        self.ui.dueEdit.dateTimeChanged.connect(self.check)
        self.ui.reasonEdit.textChanged.connect(self.check)
        self.ui.buttonBox.accepted.connect(self.submit)
        self.ui.buttonBox.rejected.connect(self.reject)
        self._saving = False
        self._texts()
        self.check()

    # ------------------------------------------------------------ values

    def set_due(self, at: datetime) -> None:
        """Show `at` in the agent's zone."""
        local = at.astimezone(ZoneInfo(self.zone))
        self.ui.dueEdit.setDateTime(QDateTime(
            QDate(local.year, local.month, local.day), QTime(local.hour, local.minute),
            QTimeZone(self.zone.encode())))

    def due_at(self) -> datetime:
        """The time as typed: the wall-clock fields in the agent's zone, made aware."""
        shown = self.ui.dueEdit.dateTime()
        d, t = shown.date(), shown.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(),
                        tzinfo=ZoneInfo(self.zone))

    def problem(self) -> str:
        """Why the follow-up cannot be scheduled as typed ('' when it can)."""
        try:
            check_follow_up(self.due_at(), self.ui.reasonEdit.text(), now=self.clock(),
                            zone=self.zone)
        except DomainError as error:
            return error.message(self.context.language)
        return ""

    def check(self) -> None:
        """Show what is wrong (if anything) and allow OK only when nothing is."""
        problem = self.problem()
        self.ui.problemLabel.setText(problem)
        ok = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problem and not self._saving)

    # ------------------------------------------------------------ saving

    def submit(self) -> None:
        """Queue the follow-up; close once it is stored."""
        if self.problem():
            self.check()
            return
        follow_up = CaseScheduleFollowUp(
            case_id=UUID(self.case_id), due_at=self.due_at(),
            reason=self.ui.reasonEdit.text().strip())
        self._saving = True
        self.check()

        def write(ops: Operations) -> LocalChange:
            return ops.schedule_follow_up(follow_up)

        self.context.ops.write(write, done=self._stored, error=self._failed)

    def _stored(self, change: object) -> None:
        self._saving = False
        self.scheduled.emit(change)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._saving = False
        self.ui.problemLabel.setText(error_text(error, self.context.language))
        ok = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(True)

    # ------------------------------------------------------------ language

    def _texts(self) -> None:
        self.ui.zoneLabel.setText(self.tr("Your time (%1)").replace("%1", self.zone))
        if self.current is None:
            self.ui.currentLabel.setText(self.tr("No follow-up is set for this case."))
        else:
            text = self.tr("Next action now: %1").replace(
                "%1", formatting.moment(self.current.due_at, self.zone))
            if self.current.reason:
                text += f" · {self.current.reason}"
            self.ui.currentLabel.setText(text)

    def _language_switched(self) -> None:
        self.ui.retranslateUi(self)
        self._texts()
        self.check()
