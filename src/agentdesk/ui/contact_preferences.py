"""Recording what the borrower said about being contacted: the dialog and the case strip.

`ContactPreferencesDialog` (layout in `forms/contact_preferences.ui`) lists the borrower's
statements in force and records new ones — a channel opt-out ("no SMS"), a workplace
number or address whose employer forbids contact ("don't call me at work"), an
inconvenient time ("not before 10:00 on weekdays") — or clears one. Each is one op
through the store-writer worker (`client.contact_preferences`), enforced at once by this
desktop's compliance check and by every other desktop after sync.

The case view's strip and the call outcome's button that open it are in
`contact_preferences_strip.py`.
"""

from __future__ import annotations

from uuid import UUID

from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidgetItem,
    QWidget,
)

from agentdesk.client.casefile import CaseFile, UnknownCaseError, open_case
from agentdesk.client.contact_preferences import ContactPreferences
from agentdesk.client.operations import LocalChange
from agentdesk.client.preference_rows import PreferenceRow, as_stated, borrower_rows
from agentdesk.domain.compliance.facts import CaseFacts, ContactPoint
from agentdesk.domain.compliance.preferences import (
    PreferenceKind,
    PreferenceSource,
    with_preferences,
)
from agentdesk.domain.vocabulary import Channel, ContactRelation
from agentdesk.protocol.ops import ContactPreferenceClear, ContactPreferenceRecord
from agentdesk.ui.app import language_switch
from agentdesk.ui.context import AppContext
from agentdesk.ui.generated.ui_contact_preferences import Ui_ContactPreferencesDialog
from agentdesk.ui.labels import label_of
from agentdesk.ui.look import bold_titles
from agentdesk.ui.operations import error_text

_CHANNELS = (Channel.CALL, Channel.SMS, Channel.EMAIL, Channel.IM, Channel.VISIT, Channel.LETTER)
_SOURCES = (
    PreferenceSource.CALL,
    PreferenceSource.MESSAGE,
    PreferenceSource.WRITTEN,
    PreferenceSource.VISIT,
)
_QUIET = "color: #51565e;"
_PROBLEM = "color: #9a3412;"


def _day_names() -> list[str]:
    return [
        QCoreApplication.translate("ContactPreferences", "Mon"),
        QCoreApplication.translate("ContactPreferences", "Tue"),
        QCoreApplication.translate("ContactPreferences", "Wed"),
        QCoreApplication.translate("ContactPreferences", "Thu"),
        QCoreApplication.translate("ContactPreferences", "Fri"),
        QCoreApplication.translate("ContactPreferences", "Sat"),
        QCoreApplication.translate("ContactPreferences", "Sun"),
    ]


def _source_label(source: str) -> str:
    labels: dict[str, str] = {
        PreferenceSource.CALL: QCoreApplication.translate("ContactPreferences", "Said on a call"),
        PreferenceSource.MESSAGE: QCoreApplication.translate(
            "ContactPreferences", "In a message reply"
        ),
        PreferenceSource.WRITTEN: QCoreApplication.translate("ContactPreferences", "In writing"),
        PreferenceSource.VISIT: QCoreApplication.translate("ContactPreferences", "In person"),
        PreferenceSource.IMPORT: QCoreApplication.translate(
            "ContactPreferences", "From the lender's records"
        ),
    }
    return labels.get(source, source)


def point_text(case_file: CaseFile, point_id: str | None) -> str:
    """A contact point as the agent recognises it: whose, what, masked value."""
    for view in case_file.contact_points:
        if view.data.id == point_id:
            who = label_of(ContactRelation, view.data.relation)
            if view.data.contact_name:
                who = f"{who} ({view.data.contact_name})"
            return f"{who} · {view.masked or '••••••'}"
    return QCoreApplication.translate("ContactPreferences", "a contact point no longer on file")


def _days(weekdays: tuple[int, ...]) -> str:
    if not weekdays or len(weekdays) == 7:
        return QCoreApplication.translate("ContactPreferences", "every day")
    if tuple(sorted(weekdays)) == (0, 1, 2, 3, 4):
        return QCoreApplication.translate("ContactPreferences", "weekdays")
    if tuple(sorted(weekdays)) == (5, 6):
        return QCoreApplication.translate("ContactPreferences", "weekends")
    names = _day_names()
    return ", ".join(names[d] for d in sorted(weekdays))


def describe(row: PreferenceRow, case_file: CaseFile) -> str:
    """One line saying what the statement forbids (and whether it is synced yet)."""
    d = row.data
    if d.kind is PreferenceKind.CHANNEL_OPT_OUT:
        where = (
            point_text(case_file, d.contact_point_id)
            if d.contact_point_id
            else QCoreApplication.translate(
                "ContactPreferences", "all of the borrower's own contact points"
            )
        )
        text = (
            QCoreApplication.translate("ContactPreferences", "No %1 — %2")
            .replace("%1", label_of(Channel, d.channel))
            .replace("%2", where)
        )
    elif d.kind is PreferenceKind.WORKPLACE_PROHIBITS:
        text = QCoreApplication.translate(
            "ContactPreferences", "Employer forbids contact — %1"
        ).replace("%1", point_text(case_file, d.contact_point_id))
    else:
        channels = (
            ", ".join(label_of(Channel, c) for c in d.channels)
            if d.channels
            else QCoreApplication.translate("ContactPreferences", "any channel")
        )
        text = (
            QCoreApplication.translate("ContactPreferences", "Inconvenient: %1 %2–%3 (%4)")
            .replace("%1", _days(d.weekdays))
            .replace("%2", d.start or "")
            .replace("%3", d.end or "")
            .replace("%4", channels)
        )
    if d.note:
        text += f" — “{d.note}”"
    if row.local_state == "pending":
        text += " " + QCoreApplication.translate("ContactPreferences", "(waiting to sync)")
    return text


def in_force(context: AppContext, case_file: CaseFile) -> list[PreferenceRow]:
    """The borrower's statements in force (pending ones included), oldest first."""
    with context.store.read() as db:
        return [r for r in borrower_rows(db, case_file.case.borrower_id) if r.in_force]


class ContactPreferencesDialog(QDialog):
    """See the module docstring. Emits `recorded` with each stored `LocalChange`."""

    recorded = Signal(object)

    def __init__(
        self,
        context: AppContext,
        case_id: str,
        parent: QWidget | None = None,
        *,
        source: PreferenceSource = PreferenceSource.CALL,
    ) -> None:
        super().__init__(parent)
        language_switch().switched.connect(self._language_switched)
        self.context = context
        self.case_id = case_id
        self.case_file: CaseFile = open_case(context.store, case_id)
        self.rows: list[PreferenceRow] = []
        self.ui = Ui_ContactPreferencesDialog()
        self.ui.setupUi(self)
        self.days = [getattr(self.ui, f"day{i}") for i in range(7)]
        self.ui.startEdit.setTime(QTime(8, 0))
        self.ui.endEdit.setTime(QTime(10, 0))
        bold_titles(
            self.ui.statementsBox,
            self.ui.sourceBox,
            self.ui.optOutBox,
            self.ui.workplaceBox,
            self.ui.timeBox,
        )
        # Long statements wrap instead of scrolling sideways.
        self.ui.statementsList.setWordWrap(True)
        self.ui.statementsList.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.ui.introLabel.setStyleSheet(_QUIET)
        self.ui.daysHint.setStyleSheet(_QUIET)
        self._fill_choices(source)
        self.ui.addOptOutButton.clicked.connect(self.add_opt_out)
        self.ui.addWorkplaceButton.clicked.connect(self.add_workplace)
        self.ui.addTimeButton.clicked.connect(self.add_inconvenient_time)
        self.ui.clearButton.clicked.connect(self.clear_selected)
        self.ui.statementsList.currentRowChanged.connect(
            lambda row: self.ui.clearButton.setEnabled(row >= 0)
        )
        self.ui.buttonBox.rejected.connect(self.reject)
        # Nothing is recorded by Enter in a field: each statement needs its own button
        # (Space or a click), so typing the borrower's words never adds an opt-out.
        for button in (
            self.ui.addOptOutButton,
            self.ui.addWorkplaceButton,
            self.ui.addTimeButton,
            self.ui.clearButton,
            self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Close),
        ):
            button.setAutoDefault(False)
            button.setDefault(False)
        context.ops.casesChanged.connect(self._cases_changed)
        self.refresh()

    # ------------------------------------------------------------ showing

    def _fill_choices(self, source: PreferenceSource) -> None:
        ui = self.ui
        for combo in (
            ui.optOutChannel,
            ui.timeChannel,
            ui.optOutPoint,
            ui.workplacePoint,
            ui.sourceCombo,
        ):
            combo.clear()
        for channel in _CHANNELS:
            ui.optOutChannel.addItem(label_of(Channel, channel), channel.value)
        ui.timeChannel.addItem(
            QCoreApplication.translate("ContactPreferences", "Any channel"), None
        )
        for channel in _CHANNELS:
            ui.timeChannel.addItem(label_of(Channel, channel), channel.value)
        ui.optOutPoint.addItem(
            QCoreApplication.translate(
                "ContactPreferences", "All of the borrower's own contact points"
            ),
            None,
        )
        employer_first = None
        for view in self.case_file.contact_points:
            text = point_text(self.case_file, view.data.id)
            ui.optOutPoint.addItem(text, view.data.id)
            ui.workplacePoint.addItem(text, view.data.id)
            if employer_first is None and view.data.relation is ContactRelation.EMPLOYER:
                employer_first = ui.workplacePoint.count() - 1
        if employer_first is not None:
            ui.workplacePoint.setCurrentIndex(employer_first)
        ui.addWorkplaceButton.setEnabled(ui.workplacePoint.count() > 0)
        for item in _SOURCES:
            ui.sourceCombo.addItem(_source_label(item), item.value)
        ui.sourceCombo.setCurrentIndex(max(0, ui.sourceCombo.findData(source.value)))
        for box, name in zip(self.days, _day_names(), strict=True):
            box.setText(name)

    def refresh(self) -> None:
        """Read the statements in force again and list them."""
        try:
            self.case_file = open_case(self.context.store, self.case_id)
        except UnknownCaseError:
            self.reject()
            return
        self.rows = in_force(self.context, self.case_file)
        listing = self.ui.statementsList
        listing.clear()
        for row in self.rows:
            item = QListWidgetItem(describe(row, self.case_file))
            item.setData(Qt.ItemDataRole.UserRole, row.data.id)
            listing.addItem(item)
        self.ui.emptyLabel.setText("" if self.rows else self.tr("Nothing recorded."))
        self.ui.clearButton.setEnabled(listing.currentRow() >= 0)

    def _cases_changed(self, ids: list[str]) -> None:
        if self.case_id in ids:
            self.refresh()

    def _show_problem(self, text: str) -> None:
        self.ui.messageLabel.setStyleSheet(_PROBLEM)
        self.ui.messageLabel.setText(text)

    def _show_done(self, text: str) -> None:
        self.ui.messageLabel.setStyleSheet(_QUIET)
        self.ui.messageLabel.setText(text)

    # ------------------------------------------------------------ recording

    def _statement(self, **fields: object) -> ContactPreferenceRecord | None:
        try:
            return ContactPreferenceRecord(
                case_id=UUID(self.case_id),
                source=PreferenceSource(self.ui.sourceCombo.currentData()),
                note=self.ui.noteEdit.text().strip(),
                **fields,  # type: ignore[arg-type]
            )
        except ValidationError as exc:
            self._show_problem("; ".join(str(e["msg"]) for e in exc.errors()))
            return None

    def add_opt_out(self) -> None:
        """The borrower opts out of the chosen channel (everywhere, or at one point)."""
        point = self.ui.optOutPoint.currentData()
        self._record(
            self._statement(
                kind=PreferenceKind.CHANNEL_OPT_OUT,
                channel=Channel(self.ui.optOutChannel.currentData()),
                contact_point_id=UUID(point) if point else None,
            )
        )

    def add_workplace(self) -> None:
        """The chosen number or address is a workplace whose employer forbids contact."""
        point = self.ui.workplacePoint.currentData()
        if not point:
            return
        self._record(
            self._statement(kind=PreferenceKind.WORKPLACE_PROHIBITS, contact_point_id=UUID(point))
        )

    def add_inconvenient_time(self) -> None:
        """The ticked days (none: every day) from–until are inconvenient."""
        channel = self.ui.timeChannel.currentData()
        self._record(
            self._statement(
                kind=PreferenceKind.INCONVENIENT_TIME,
                weekdays=tuple(i for i, box in enumerate(self.days) if box.isChecked()),
                start=self.ui.startEdit.time().toString("HH:mm"),
                end=self.ui.endEdit.time().toString("HH:mm"),
                channels=(Channel(channel),) if channel else (),
            )
        )

    def _record(self, statement: ContactPreferenceRecord | None) -> None:
        if statement is None:
            return
        recorder = ContactPreferences(self.context.store, user_id=self.context.user.user_id)
        self.context.ops.in_writer(
            lambda: recorder.record(statement), done=self._stored, error=self._failed
        )

    def clear_selected(self) -> None:
        """The selected statement no longer holds."""
        item = self.ui.statementsList.currentItem()
        if item is None:
            return
        preference_id = UUID(str(item.data(Qt.ItemDataRole.UserRole)))
        clearing = ContactPreferenceClear(
            case_id=UUID(self.case_id), reason=self.ui.noteEdit.text().strip()[:500]
        )
        recorder = ContactPreferences(self.context.store, user_id=self.context.user.user_id)
        self.context.ops.in_writer(
            lambda: recorder.clear(preference_id, clearing), done=self._stored, error=self._failed
        )

    def _stored(self, change: LocalChange) -> None:
        self.ui.noteEdit.clear()
        self._show_done(self.tr("Recorded. It applies at once and is sent on the next sync."))
        self.refresh()
        self.recorded.emit(change)

    def _failed(self, error: BaseException) -> None:
        self._show_problem(error_text(error, self.context.language))

    def _language_switched(self) -> None:
        self.ui.retranslateUi(self)
        self._fill_choices(PreferenceSource(self.ui.sourceCombo.currentData() or "call"))
        self.refresh()


def call_marks(context: AppContext, case_file: CaseFile) -> dict[str, str]:
    """Per contact point, why the borrower's statements bar calling it (for the number box).

    Only what holds whatever the time is marked (an opt-out of calls, a workplace that
    forbids contact); inconvenient times are judged when the agent presses Call.
    """
    stated = as_stated(in_force(context, case_file))
    points = {
        cp.data.id: ContactPoint(cp.data.id, cp.data.relation) for cp in case_file.contact_points
    }
    _, judged = with_preferences(CaseFacts(case_file.case.id, ()), points, stated)
    marks: dict[str, str] = {}
    for point_id, point in judged.items():
        reasons = []
        if Channel.CALL in point.opted_out:
            reasons.append(QCoreApplication.translate("ContactPreferences", "no calls"))
        if point.workplace_prohibits_contact:
            reasons.append(
                QCoreApplication.translate("ContactPreferences", "employer forbids contact")
            )
        if reasons:
            marks[point_id] = ", ".join(reasons)
    return marks
