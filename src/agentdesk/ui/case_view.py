"""The case view: who the borrower is, what they owe, what happened, and what to do next.

Everything shown comes from one `open_case()` read (one snapshot of the local store),
so opening a case costs a few milliseconds. Personal data is masked; "Reveal" asks the
server (audited) and is disabled offline with a tooltip saying why. "Call…" and
"Propose plan…" open the call workspace and the plan dialog (`workspaces.py`);
"Schedule follow-up…" sets the case's next action (`follow_up_dialog.py`), shown under
the summary.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from agentdesk.client.casefile import CaseFile, UnknownCaseError, open_case
from agentdesk.client.follow_up import NextActionView, next_action
from agentdesk.domain.errors import DomainError
from agentdesk.domain.position import LoanPosition
from agentdesk.domain.schedule import RepaymentMethod
from agentdesk.domain.vocabulary import (
    ContactRelation,
    Hold,
    PlanStatus,
    Stage,
)
from agentdesk.protocol.ops import NoteAdd
from agentdesk.ui import formatting, remote, workspaces
from agentdesk.ui.app import current_language, language_switch
from agentdesk.ui.contact_preferences_strip import ContactPreferencesStrip
from agentdesk.ui.context import AppContext
from agentdesk.ui.follow_up_dialog import FollowUpDialog
from agentdesk.ui.generated.ui_case_table_tab import Ui_CaseTableTab
from agentdesk.ui.generated.ui_case_view import Ui_CaseView
from agentdesk.ui.history_model import ALERT, PENDING, HistoryModel, state_text
from agentdesk.ui.labels import label_of
from agentdesk.ui.look import bold, bold_titles, calm_rows, regular
from agentdesk.ui.operations import error_text
from agentdesk.ui.plan_engine import loan_situation
from agentdesk.ui.queue_reasons import queue_reasons

QUIET = QColor("#51565e")
DUE_LATER = QColor("#1f5fa8")


def _item(text: str, *, align_right: bool = False, colour: QColor | None = None,
          tip: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if colour is not None:
        item.setForeground(colour)
    if tip:
        item.setToolTip(tip)
    return item


def _fill(table: QTableWidget, headers: list[str], rows: list[list[QTableWidgetItem]]) -> None:
    table.setUpdatesEnabled(False)
    table.clear()
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, cell in enumerate(cells):
            table.setItem(r, c, cell)
    table.setUpdatesEnabled(True)


def _tint(label: QLabel, colour: QColor | None, *, heavy: bool = False) -> None:
    """Colour (and weight) a label through its palette and font: no style sheet, which
    would give the label the slower style-sheet style and a repolish on every change."""
    palette = QPalette()  # sets nothing: the label's parent decides the rest
    if colour is not None:
        palette.setColor(QPalette.ColorRole.WindowText, colour)
    label.setPalette(palette)
    label.setFont(bold(label.font()) if heavy else regular(label.font()))


def _method_label(method: str) -> str:
    """The loan's repayment method for people (the stored value if it is unknown)."""
    try:
        return RepaymentMethod(method).label(current_language())
    except ValueError:
        return method


class CaseView(QWidget):
    """One case, read from the local store; refreshes when the case changes."""

    titleChanged = Signal(str)

    def __init__(self, context: AppContext, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        language_switch().switched.connect(self._language_switched)
        self.context = context
        self.case_id = case_id
        self.case_file: CaseFile | None = None
        self.next_action: NextActionView | None = None
        self.follow_up_dialog: FollowUpDialog | None = None
        self._loan_position: LoanPosition | None = None
        self.revealed: dict[str, str] = {}
        """Values the server revealed this session, by field key (never stored)."""
        self.ui = Ui_CaseView()
        self.ui.setupUi(self)
        title = bold(self.ui.nameLabel.font())
        title.setPointSize(17)
        self.ui.nameLabel.setFont(title)
        _tint(self.ui.summaryLabel, QUIET)
        self.ui.caseLayout.setStretch(2, 1)  # the banner takes its height, no more
        self.ui.offlineBanner.setSizePolicy(QSizePolicy.Policy.Preferred,
                                            QSizePolicy.Policy.Maximum)
        self.ui.splitter.setStretchFactor(0, 2)
        self.ui.splitter.setStretchFactor(1, 3)
        # The history is a model over the case's timeline: its rows are described only
        # when painted, all of one height (the view never measures them).
        self.history = HistoryModel(self)
        self.ui.historyTable.setModel(self.history)
        for table in (self.ui.historyTable, self.ui.contactsTable):
            calm_rows(table)
        # Schedule, payments and plans: their tables are built when their tab is first
        # shown, and filled when shown after a change, not on every open (most opens look
        # only at the history).
        self._tab_tables: dict[QWidget, QTableWidget] = {}
        self._stale_tabs: set[QWidget] = set()
        self.ui.tabs.currentChanged.connect(self._fill_shown_tab)
        bold_titles(self.ui.whyBox, self.ui.borrowerBox, self.ui.balanceBox, self.ui.holdsBox,
                    self.ui.contactsBox)
        self.ui.revealIdButton.clicked.connect(self._reveal_national_id)
        self.ui.revealContactButton.clicked.connect(self._reveal_contact)
        self.ui.callButton.clicked.connect(self._call)
        self.ui.planButton.clicked.connect(self._propose_plan)
        self.ui.noteButton.clicked.connect(self._add_note)
        self.ui.followUpButton.clicked.connect(self.schedule_follow_up)
        # What the borrower said about contact, under their contact points.
        self.preferences = ContactPreferencesStrip(context, case_id, self.ui.contactsBox)
        self.ui.contactsBoxLayout.insertWidget(1, self.preferences)
        context.ops.casesChanged.connect(self._cases_changed)
        context.connectionChanged.connect(self._connection_changed)
        self.reload()

    # ------------------------------------------------------------ loading

    def reload(self) -> None:
        """Read the case again and show it."""
        try:
            self.case_file = open_case(self.context.store, self.case_id)
        except UnknownCaseError:
            self.case_file = None
        self.next_action = next_action(self.context.store, self.case_id)
        self._show()

    def show_case(self, case_id: str) -> None:
        """Show another case in this view: its widgets and models are kept, not rebuilt.

        Building the view (form, tables, first layout) costs more than reading and showing
        a case, so a window that keeps a closed case's view can open the next case in it.
        Values revealed for the previous case are forgotten.
        """
        self.case_id = case_id
        self.preferences.case_id = case_id
        self.revealed = {}
        self.follow_up_dialog = None
        self.ui.historyTable.scrollToTop()
        self.reload()

    def _cases_changed(self, ids: list[str]) -> None:
        if self.case_id in ids:
            self.reload()

    def _connection_changed(self, _online: bool) -> None:
        self._show_connection()

    def title(self) -> str:
        """The tab's title: the borrower's name."""
        return self.case_file.row.borrower_name if self.case_file else self.tr("Case")

    # ------------------------------------------------------------ showing

    def _show(self) -> None:
        ui = self.ui
        cf = self.case_file
        if cf is None:
            ui.nameLabel.setText(self.tr("This case is no longer in your queue"))
            ui.summaryLabel.setText("")
            ui.nextActionLabel.setText("")
            for button in (ui.callButton, ui.planButton, ui.noteButton, ui.revealIdButton,
                           ui.revealContactButton, ui.followUpButton):
                button.setEnabled(False)
            self.preferences.show_for(None)
            return
        row = cf.row
        ui.nameLabel.setText(row.borrower_name)
        ui.summaryLabel.setText(" · ".join(filter(None, [
            row.loan_number,
            formatting.days_past_due(row.dpd),
            label_of(Stage, row.stage),
            self.tr("%n op(s) waiting to sync", "", row.pending_ops) if row.pending_ops else "",
        ])))
        self._show_next_action()
        today = self._today()
        ui.whyValue.setText("\n".join(
            f"• {reason}" for reason in queue_reasons(cf, today, self.context.time_zone)))
        self._loan_position = self._position(cf)
        self._show_borrower(cf)
        self._show_balance(cf)
        self._show_holds(cf)
        self._show_contacts(cf)
        self._show_history(cf)
        self._stale_tabs = {self.ui.scheduleTab, self.ui.paymentsTab, self.ui.plansTab}
        self._fill_shown_tab()
        self._show_connection()
        self.titleChanged.emit(self.title())

    def _show_next_action(self) -> None:
        nxt = self.next_action
        if nxt is None:
            self.ui.nextActionLabel.setText(self.tr("Next action: none scheduled"))
            _tint(self.ui.nextActionLabel, QUIET)
            return
        text = self.tr("Next action: %1").replace(
            "%1", formatting.moment(nxt.due_at, self.context.time_zone))
        if nxt.reason:
            text += f" · {nxt.reason}"
        due = nxt.due_at <= self.context.store.clock()
        self.ui.nextActionLabel.setText(text)
        _tint(self.ui.nextActionLabel, ALERT if due else DUE_LATER, heavy=due)

    def _show_borrower(self, cf: CaseFile) -> None:
        b = cf.borrower
        ui = self.ui
        ui.nationalIdValue.setText(self.revealed.get("national_id")
                                   or (b.national_id_masked if b else "") or "—")
        ui.birthValue.setText(formatting.day(b.birth_date) if b and b.birth_date else "—")
        zone = b.time_zone if b else self.context.time_zone
        now = formatting.local_time(self.context.store.clock(), zone)
        ui.timeZoneValue.setText(f"{now:%H:%M} ({zone})" if now else zone)
        if b and b.monthly_income is not None:
            income = formatting.money(b.monthly_income, cf.row.currency)
            expenses = formatting.money(b.monthly_expenses or Decimal(0), cf.row.currency)
            ui.incomeValue.setText(f"{income} / {expenses}")
        else:
            ui.incomeValue.setText(self.tr("Not known"))

    def _today(self) -> date:
        local = formatting.local_time(self.context.store.clock(), self.context.time_zone)
        assert local is not None
        return local.date()

    def _position(self, cf: CaseFile) -> LoanPosition | None:
        """Where the loan stands today by the plan engine (schedule and payments)."""
        try:
            return loan_situation(cf, self._today()).position
        except (DomainError, LookupError, ValueError):
            return None

    def _balance_parts(self, cf: CaseFile,
                       position: LoanPosition | None) -> list[Decimal | None]:
        """Principal, interest, penalty, fees overdue: the server's, else the engine's."""
        loan = cf.loan
        if loan is None:
            return [None] * 4
        given = [loan.principal_due, loan.interest_due, loan.penalty_due, loan.fees_due]
        if any(given):
            return list(given)
        # The server sent no breakdown: the same engine the server uses works it out.
        if position is None:
            return [None] * 4
        return [position.overdue_principal, position.overdue_interest,
                position.penalty_interest, position.fees]

    def _show_balance(self, cf: CaseFile) -> None:
        ui = self.ui
        currency = cf.row.currency
        loan = cf.loan
        parts = self._balance_parts(cf, self._loan_position)
        for label, amount in zip((ui.principalValue, ui.interestValue, ui.penaltyValue,
                                  ui.feesValue), parts, strict=True):
            label.setText("—" if amount is None else formatting.money(amount, currency))
        ui.totalValue.setText(f"<b>{formatting.money(cf.case.amount_overdue, currency)}</b>")
        ui.outstandingValue.setText(formatting.money(cf.case.outstanding, currency))
        if loan:
            # The repayment method too: an interest-only loan behind on its instalments owes
            # interest but no principal yet, which the breakdown above would leave unsaid.
            ui.loanValue.setText(self.tr("%1 over %n month(s) at %2, from %4 (%3)", "",
                                         loan.term_months)
                                 .replace("%1", formatting.money(loan.principal, currency))
                                 .replace("%2", formatting.percent(loan.annual_rate * 100,
                                                                   places=2))
                                 .replace("%3", _method_label(loan.method))
                                 .replace("%4", formatting.day(loan.start_date)))
        else:
            ui.loanValue.setText("—")

    def _show_holds(self, cf: CaseFile) -> None:
        lines = [label_of(Hold, h) for h in cf.case.holds]
        if cf.row.removal_pending:
            lines.append(self.tr("Reassigned: leaves your queue once your changes are sent."))
        if lines:
            self.ui.holdsValue.setText("\n".join(lines))
            _tint(self.ui.holdsValue, ALERT)
        else:
            self.ui.holdsValue.setText(self.tr("None"))
            _tint(self.ui.holdsValue, None)

    def _show_contacts(self, cf: CaseFile) -> None:
        rows = []
        kinds = {"phone": self.tr("Phone"), "address": self.tr("Address"),
                 "email": self.tr("E-mail")}
        for point in cf.contact_points:
            # Only phones have a readable masked form; other personal data stays hidden.
            value = self.revealed.get(f"contact:{point.data.id}", point.masked or "••••••")
            who = label_of(ContactRelation, point.data.relation)
            if point.data.contact_name:
                who = f"{who} ({point.data.contact_name})"
            rows.append([_item(who), _item(kinds.get(point.data.kind, point.data.kind)),
                         _item(value)])
        _fill(self.ui.contactsTable, [self.tr("Who"), self.tr("Kind"), self.tr("Details")],
              rows)
        if cf.contact_points:
            self.ui.contactsTable.selectRow(0)
        self.ui.contactsTable.resizeColumnToContents(0)
        self.ui.contactsTable.resizeColumnToContents(1)
        self.preferences.show_for(cf)

    def _fill_shown_tab(self, _index: int = -1) -> None:
        cf = self.case_file
        page = self.ui.tabs.currentWidget()
        if cf is None or page not in self._stale_tabs:
            return
        self._stale_tabs.discard(page)
        if page is self.ui.scheduleTab:
            self._show_schedule(cf)
        elif page is self.ui.paymentsTab:
            self._show_payments(cf)
        elif page is self.ui.plansTab:
            self._show_plans(cf)

    def tab_table(self, page: QWidget) -> QTableWidget:
        """The table of the schedule, payments or plans tab (built on first use)."""
        table = self._tab_tables.get(page)
        if table is None:
            form = Ui_CaseTableTab()
            form.setupUi(page)
            table = self._tab_tables[page] = form.table
            calm_rows(table)
        return table

    def _show_history(self, cf: CaseFile) -> None:
        self.history.show(cf.timeline, cf.row.currency, self.context.time_zone,
                          current_language())
        table = self.ui.historyTable
        metrics = table.fontMetrics()
        table.setColumnWidth(0, metrics.horizontalAdvance("28 Nov 2026 10:05") + 24)
        table.setColumnWidth(1, metrics.horizontalAdvance("Decision ") + 24)
        table.setColumnWidth(2, max(320, table.viewport().width()
                                    - table.columnWidth(0) - table.columnWidth(1) - 110))

    def _state_item(self, state: str) -> QTableWidgetItem:
        text, colour, tip = state_text(state)
        return _item(text, colour=colour, tip=tip)

    def _show_schedule(self, cf: CaseFile) -> None:
        today = self._today()
        oldest = self._loan_position.oldest_unpaid_due_date if self._loan_position else None
        rows = []
        for inst in cf.instalments:
            # Overdue: due before today and not before the oldest instalment left unpaid.
            late = oldest is not None and oldest <= inst.due_date < today
            colour = ALERT if late else None
            rows.append([_item(str(inst.seq), align_right=True),
                         _item(formatting.day(inst.due_date), colour=colour),
                         _item(formatting.money(inst.principal, cf.row.currency), align_right=True),
                         _item(formatting.money(inst.interest, cf.row.currency), align_right=True),
                         _item(formatting.money(inst.total, cf.row.currency), align_right=True),
                         _item(formatting.money(inst.paid, cf.row.currency), align_right=True,
                               colour=colour)])
        table = self.tab_table(self.ui.scheduleTab)
        _fill(table, [self.tr("No."), self.tr("Due"), self.tr("Principal"),
                      self.tr("Interest"), self.tr("Total"), self.tr("Paid")], rows)
        table.resizeColumnsToContents()

    def _show_payments(self, cf: CaseFile) -> None:
        rows = [[_item(formatting.day(p.paid_on)),
                 _item(formatting.money(p.amount, cf.row.currency), align_right=True),
                 _item(p.channel.replace("_", " "))] for p in reversed(cf.payments)]
        table = self.tab_table(self.ui.paymentsTab)
        _fill(table, [self.tr("Paid on"), self.tr("Amount"), self.tr("Channel")], rows)
        table.resizeColumnsToContents()

    def _show_plans(self, cf: CaseFile) -> None:
        rows = []
        for plan in cf.plans:
            decision = plan.decisions[-1] if plan.decisions else None
            rows.append([
                _item(formatting.moment(plan.data.proposed_at, self.context.time_zone)),
                _item(label_of(PlanStatus, plan.status),
                      colour=PENDING if plan.status == PlanStatus.PENDING else None),
                _item(decision.comment if decision else ""),
                self._state_item(plan.local_state),
            ])
        table = self.tab_table(self.ui.plansTab)
        _fill(table, [self.tr("Proposed"), self.tr("Status"), self.tr("Lead's comment"),
                      self.tr("Sync")], rows)
        table.resizeColumnsToContents()

    def _show_connection(self) -> None:
        online = self.context.online
        ui = self.ui
        enabled = online and self.case_file is not None
        why = "" if online else self.tr(
            "Revealing needs the server, which records who looked: you are offline.")
        for button in (ui.revealIdButton, ui.revealContactButton):
            button.setEnabled(enabled)
            button.setToolTip(why or self.tr("Show the full value (recorded in the audit log)"))
        ui.offlineBanner.setVisible(not online)
        ui.offlineBanner.setText(self.tr(
            "Offline: you can keep working; calls, notes, promises and plans are saved here "
            "and sent when the connection is back."))
        has_case = self.case_file is not None
        for button in (ui.callButton, ui.planButton, ui.noteButton, ui.followUpButton):
            button.setEnabled(has_case)

    # ------------------------------------------------------------ actions

    def _reveal_national_id(self) -> None:
        self._reveal("national_id", None, "national_id")

    def _reveal_contact(self) -> None:
        cf = self.case_file
        row = self.ui.contactsTable.currentRow()
        if cf is None or not 0 <= row < len(cf.contact_points):
            return
        point = cf.contact_points[row].data
        self._reveal("contact", point.id, f"contact:{point.id}")

    def _reveal(self, field: str, contact_id: str | None, key: str) -> None:
        reason, ok = QInputDialog.getText(
            self, self.tr("Reveal"),
            self.tr("Why do you need the full value? (kept in the audit log)"),
            QLineEdit.EchoMode.Normal, "")
        if not ok:
            return
        case_id = self.case_id

        def done(value: str) -> None:
            self.revealed[key] = value
            self._show()

        def failed(error: BaseException) -> None:
            QMessageBox.warning(self, self.tr("Reveal"),
                                error_text(error, self.context.language))

        self.context.ops.network(
            lambda api: remote.reveal(api, case_id, field, contact_id=contact_id, reason=reason),
            done=done, error=failed)

    def _add_note(self) -> None:
        text, ok = QInputDialog.getMultiLineText(self, self.tr("Add note"),
                                                 self.tr("Note for the case history:"))
        if not ok or not text.strip():
            return
        import uuid

        note = NoteAdd(case_id=uuid.UUID(self.case_id), text=text.strip())
        self.context.ops.write(lambda ops: ops.add_note(note))

    def schedule_follow_up(self) -> FollowUpDialog:
        """Open the follow-up dialog for this case (date and time in the agent's zone)."""
        dialog = FollowUpDialog(self.context, self.case_id, self, current=self.next_action)
        dialog.setModal(True)
        dialog.show()
        self.follow_up_dialog = dialog
        return dialog

    def _call(self) -> None:
        workspaces.open_call(self.context, self.case_id, self)

    def _propose_plan(self) -> None:
        workspaces.open_plan(self.context, self.case_id, self)

    def _language_switched(self) -> None:
        self.ui.retranslateUi(self)
        self._show()
