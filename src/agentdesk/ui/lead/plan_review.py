"""Everything a lead needs to decide one plan, on one panel.

The concession and why it needs a decision; the affordability figures; the current and
proposed schedules side by side with the instalment chart; the case and its history —
calls with the agent's notes and the script transcript, promises, notes, earlier plans.
All read from the local store, so it works offline.
"""

from __future__ import annotations

import html
from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from agentdesk.client.casefile import CaseFile, TimelineItem, UnknownCaseError, open_case
from agentdesk.domain.errors import DomainError
from agentdesk.domain.vocabulary import (
    Bucket,
    CallResult,
    Language,
    PlanStatus,
    PromiseStatus,
    Stage,
)
from agentdesk.ui import formatting
from agentdesk.ui.app import language_switch
from agentdesk.ui.charts import InstalmentChart
from agentdesk.ui.context import AppContext
from agentdesk.ui.labels import label_of
from agentdesk.ui.lead.pending import ApprovalCheck, PendingPlan, Refusal
from agentdesk.ui.look import calm_rows
from agentdesk.ui.plan_engine import loan_situation


def _cell(text: str, *, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _table(parent: QWidget) -> QTableWidget:
    table = QTableWidget(parent)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    calm_rows(table)
    # Compact: the two schedules sit side by side in small boxes.
    table.verticalHeader().setDefaultSectionSize(22)
    return table


class PlanReview(QWidget):
    """The plan, its case and its history (read-only)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        language_switch().switched.connect(self._retranslate)
        self.context = context
        self.item: PendingPlan | None = None
        self.check: ApprovalCheck | None = None
        self.names: dict[str, str] = {}
        self.case_file: CaseFile | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.title.setWordWrap(True)
        self.verdict = QLabel(self)
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.title)
        layout.addWidget(self.verdict)
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs, 1)
        # Plan: concession, affordability, schedules side by side, chart.
        plan_page = QWidget(self.tabs)
        plan_layout = QVBoxLayout(plan_page)
        top = QHBoxLayout()
        self.concession_box = QGroupBox(plan_page)
        self.concession_form = QFormLayout(self.concession_box)
        self.afford_box = QGroupBox(plan_page)
        self.afford_form = QFormLayout(self.afford_box)
        top.addWidget(self.concession_box, 1)
        top.addWidget(self.afford_box, 1)
        plan_layout.addLayout(top)
        sides = QHBoxLayout()
        self.current_box = QGroupBox(plan_page)
        self.current_table = _table(self.current_box)
        QVBoxLayout(self.current_box).addWidget(self.current_table)
        self.proposed_box = QGroupBox(plan_page)
        self.proposed_table = _table(self.proposed_box)
        QVBoxLayout(self.proposed_box).addWidget(self.proposed_table)
        sides.addWidget(self.current_box, 1)
        sides.addWidget(self.proposed_box, 1)
        plan_layout.addLayout(sides, 3)
        self.chart = InstalmentChart(plan_page)
        self.chart.setMinimumHeight(180)
        plan_layout.addWidget(self.chart, 2)
        self.tabs.addTab(plan_page, "")
        # Case and history.
        self.history = QTextBrowser(self.tabs)
        self.history.setOpenLinks(False)
        self.tabs.addTab(self.history, "")
        self._retranslate()

    # ------------------------------------------------------------ showing a plan

    def show_plan(self, item: PendingPlan | None, check: ApprovalCheck | None,
                  names: dict[str, str]) -> None:
        """Show `item` (None clears the panel)."""
        self.item, self.check, self.names = item, check, names
        self.case_file = None
        if item is not None:
            try:
                self.case_file = open_case(self.context.store, item.case_id)
            except UnknownCaseError:
                self.case_file = None
        self._render()

    def _today(self) -> date:
        now = formatting.local_time(self.context.store.clock(), self.context.time_zone)
        assert now is not None
        return now.date()

    def name_of(self, user_id: str | None) -> str:
        """A user's name as the lead knows it (the lead themself is "you")."""
        if user_id is None:
            return ""
        if user_id == self.context.user.user_id:
            return self.tr("you")
        return self.names.get(user_id, user_id[:8])

    def _render(self) -> None:
        for form in (self.concession_form, self.afford_form):
            while form.rowCount():
                form.removeRow(0)
        self.current_table.clear()
        self.proposed_table.clear()
        self.current_table.setRowCount(0)
        self.proposed_table.setRowCount(0)
        self.history.clear()
        item = self.item
        if item is None:
            self.title.setText(self.tr("Choose a plan on the left to see it here."))
            self.verdict.clear()
            self.chart.show_plans(self._today(), [], [])
            return
        cf = self.case_file
        cur = item.currency
        row = cf.row if cf is not None else None
        self.title.setText(self.tr("%1 · loan %2 · %3 days past due · %4 · overdue %5")
                           .replace("%1", item.borrower_name).replace("%2", item.loan_number)
                           .replace("%3", str(row.dpd if row else "–"))
                           .replace("%4", label_of(Bucket, row.bucket if row else None))
                           .replace("%5", formatting.money(row.amount_overdue if row else None,
                                                           cur)))
        self.verdict.setText(self._verdict_text())
        figures = item.figures
        if figures is not None:
            k, c = figures.concessions, figures.comparison
            rows = [
                (self.tr("Proposed by"), self.name_of(item.plan.proposed_by)),
                (self.tr("Proposed"), formatting.moment(item.plan.proposed_at,
                                                        self.context.time_zone)),
                (self.tr("Extension"), self.tr("%1 months").replace("%1",
                                                                    str(k.extension_months))),
                (self.tr("Waiver"), f"{formatting.money(k.waived_amount, cur)}"
                                    f" ({formatting.percent(k.waived_percent)})"),
                (self.tr("Rate cut"), self.tr("%1 points").replace(
                    "%1", formatting.percent(k.rate_cut * 100, places=2).removesuffix(" %"))),
                (self.tr("Present-value loss"), formatting.money(k.present_value_loss, cur)),
                (self.tr("Down payment"), f"{formatting.money(k.down_payment, cur)}"
                                          f" ({formatting.percent(k.down_payment_percent)})"),
                (self.tr("Instalment"), f"{formatting.money(c.instalment_before, cur)}"
                                        f" → {formatting.money(c.instalment_after, cur)}"),
                (self.tr("Ends"), f"{formatting.day(c.end_date_before)}"
                                  f" → {formatting.day(c.end_date_after)}"),
            ]
            for name, value in rows:
                self.concession_form.addRow(name, QLabel(value))
            a = figures.affordability
            if a is None:
                self.afford_form.addRow(QLabel(self.tr("No income figures on file.")))
            else:
                zh = self.context.language is Language.ZH_CN
                for name, value in (
                    (self.tr("Monthly income"), formatting.money(a.monthly_income, cur)),
                    (self.tr("Essential expenses"), formatting.money(a.essential_expenses, cur)),
                    (self.tr("Disposable income"), formatting.money(a.disposable_income, cur)),
                    (self.tr("Largest instalment"), formatting.money(a.instalment, cur)),
                    (self.tr("Share of disposable income"),
                     "–" if a.share_percent is None else formatting.percent(a.share_percent)),
                    (self.tr("Most allowed"), formatting.percent(a.max_share_percent)),
                ):
                    self.afford_form.addRow(name, QLabel(value))
                message = QLabel(a.message_zh if zh else a.message_en)
                message.setWordWrap(True)
                if a.warning:
                    message.setStyleSheet("color: #b3261e;")
                self.afford_form.addRow(message)
            proposed = [(i.due_date, i.principal, i.interest, i.total) for i in figures.schedule]
        else:
            self.concession_form.addRow(QLabel(self.tr(
                "The server has not confirmed this proposal yet: its figures come with the "
                "next sync.")))
            proposed = []
        current = self._current_schedule()
        self._fill_schedule(self.current_table, current, cur)
        self._fill_schedule(self.proposed_table, proposed, cur)
        self.chart.show_plans(self._today(), [(d, t) for d, _p, _i, t in current],
                              [(d, t) for d, _p, _i, t in proposed])
        self.history.setHtml(self._history_html())

    def _verdict_text(self) -> str:
        check = self.check
        if check is None:
            return ""
        if check.refusal is None:
            return self.tr("Within your authority: you may approve, reject or return it.")
        if check.refusal is Refusal.OWN_PLAN:
            return self.tr("You proposed this plan: another lead or an administrator must "
                           "decide it (four eyes).")
        if check.refusal is Refusal.BEYOND_AUTHORITY:
            reasons = "; ".join(check.reasons(self.context.language))
            return self.tr("Beyond your authority — an administrator must approve it: %1. "
                           "You may still reject it or return it for changes.").replace(
                               "%1", reasons)
        if check.refusal is Refusal.NOT_CONFIRMED:
            return self.tr("Waiting for the server to confirm this proposal (sync first).")
        if check.refusal is Refusal.NOT_PENDING:
            assert self.item is not None
            return self.tr("This plan is no longer pending: it is %1.").replace(
                "%1", label_of(PlanStatus, self.item.status))
        return self.tr("Only team leads and administrators decide plans.")

    def _current_schedule(self) -> list[tuple[date, Decimal, Decimal, Decimal]]:
        cf = self.case_file
        if cf is None or cf.loan is None:
            return []
        try:
            position = loan_situation(cf, self._today()).position
        except (DomainError, LookupError):
            return []
        return [(i.due_date, i.principal, i.interest, i.total) for i in position.upcoming]

    def _fill_schedule(self, table: QTableWidget,
                       rows: list[tuple[date, Decimal, Decimal, Decimal]], cur: str) -> None:
        table.setColumnCount(5)
        table.setHorizontalHeaderLabels([self.tr("No."), self.tr("Due"), self.tr("Principal"),
                                         self.tr("Interest"), self.tr("Total")])
        table.setRowCount(len(rows))
        for r, (due, principal, interest, total) in enumerate(rows):
            table.setItem(r, 0, _cell(str(r + 1), right=True))
            table.setItem(r, 1, _cell(formatting.day(due)))
            table.setItem(r, 2, _cell(formatting.money(principal, cur), right=True))
            table.setItem(r, 3, _cell(formatting.money(interest, cur), right=True))
            table.setItem(r, 4, _cell(formatting.money(total, cur), right=True))
        table.resizeColumnsToContents()

    # ------------------------------------------------------------ history

    def _history_html(self) -> str:
        cf = self.case_file
        if cf is None:
            return "<p>" + html.escape(self.tr("This case is not on this computer.")) + "</p>"
        parts = [f"<h3>{html.escape(cf.row.borrower_name)} · {html.escape(cf.row.loan_number)}"
                 "</h3>"]
        if cf.borrower is not None:
            stage = label_of(Stage, cf.row.stage)
            parts.append("<p>" + html.escape(self.tr("Assigned to %1 · stage %2").replace(
                "%1", self.name_of(cf.case.assignee_id)).replace("%2", stage)) + "</p>")
        if not cf.timeline:
            parts.append("<p>" + html.escape(self.tr("No history yet.")) + "</p>")
        for entry in cf.timeline:
            parts.append(self._entry_html(entry, cf.row.currency))
        return "\n".join(parts)

    def _entry_html(self, entry: TimelineItem, cur: str) -> str:
        when = formatting.moment(entry.occurred_at, self.context.time_zone)
        kind = label_of("history", entry.kind)
        d = entry.data
        lines: list[str] = []
        if entry.kind == "contact_attempt":
            head = self.tr("%1 by %2").replace("%1", label_of(CallResult, d.get("result"))) \
                .replace("%2", self.name_of(d.get("user_id")))
            if d.get("notes"):
                lines.append(self.tr("Notes: %1").replace("%1", str(d["notes"])))
            for step in d.get("transcript") or []:
                value = f" = {step['value']}" if step.get("value") else ""
                lines.append(f"› {step.get('step_id')} · {step.get('action')}{value}")
        elif entry.kind == "promise":
            head = self.tr("%1 due %2 (%3)").replace(
                "%1", formatting.money(Decimal(str(d.get("amount", "0"))), cur)).replace(
                "%2", str(d.get("due_date", ""))).replace(
                "%3", label_of(PromiseStatus, d.get("status")))
        elif entry.kind == "note":
            head = self.tr("by %1").replace("%1", self.name_of(d.get("author_id")))
            lines.append(str(d.get("text", "")))
        elif entry.kind == "plan":
            head = label_of(PlanStatus, d.get("status"))
        elif entry.kind == "plan_decision":
            head = self.tr("%1 by %2").replace("%1", str(d.get("decision", ""))).replace(
                "%2", self.name_of(d.get("decided_by")))
            if d.get("comment"):
                lines.append(str(d["comment"]))
        else:
            head = str(d.get("text", d.get("body", "")))
        body = "".join(f"<br/><span style='color:#444'>{html.escape(line)}</span>"
                       for line in lines)
        return (f"<p><b>{html.escape(when)}</b> · {html.escape(kind)} · {html.escape(head)}"
                f"{body}</p>")

    # ------------------------------------------------------------ language

    def _retranslate(self) -> None:
        self.tabs.setTabText(0, self.tr("Plan"))
        self.tabs.setTabText(1, self.tr("Case and history"))
        self.concession_box.setTitle(self.tr("What the plan gives"))
        self.afford_box.setTitle(self.tr("Affordability"))
        self.current_box.setTitle(self.tr("Current schedule (from today)"))
        self.proposed_box.setTitle(self.tr("Proposed schedule"))
        self._render()

