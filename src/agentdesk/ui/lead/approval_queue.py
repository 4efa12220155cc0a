"""The approval queue: the team's pending plan proposals, oldest first, and the decision.

A lead (or an administrator, in the same page) picks a plan, sees everything needed to
decide it (`PlanReview`), and approves, rejects or returns it with a comment. The
decision is a local change with an outbox op (`plan.decide`), so it works offline and
syncs like everything else. What the server would refuse is refused here first, with
the reason: deciding one's own proposal (four eyes) and approving beyond one's own
authority (the domain's `authority.decide`). A decision on a plan that changed meanwhile
comes back from the server as a conflict: it is listed at the top of the page, with the
plan to re-open, until the lead dismisses it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from agentdesk.client.outbox import AttentionItem
from agentdesk.domain.vocabulary import Language, Role
from agentdesk.protocol.ops import OpType, PlanDecide, PlanDecision
from agentdesk.ui import formatting
from agentdesk.ui.app import language_switch
from agentdesk.ui.context import AppContext
from agentdesk.ui.generated.ui_lead_decision import Ui_LeadDecisionPanel
from agentdesk.ui.labels import label
from agentdesk.ui.lead import team_report
from agentdesk.ui.lead.pending import (
    ApprovalCheck,
    PendingPlan,
    Refusal,
    check_approval,
    pending_plans,
    plan_by_id,
)
from agentdesk.ui.lead.plan_review import PlanReview
from agentdesk.ui.look import calm_rows
from agentdesk.ui.operations import error_text
from agentdesk.ui.plan_engine import shipped_authority_policy

Index = QModelIndex | QPersistentModelIndex
ALERT = QColor("#b3261e")
WAITING = QColor("#8a5a00")


class ApprovalQueueModel(QAbstractTableModel):
    """Pending plans, one row each, oldest proposal first."""

    COLUMNS = ("waited", "agent", "borrower", "extension", "waiver", "rate_cut", "pv_loss",
               "needs", "why")

    def __init__(self, page: ApprovalQueuePage) -> None:
        super().__init__(page)
        self.page = page
        self.items: list[PendingPlan] = []
        self.checks: list[ApprovalCheck] = []

    def set_items(self, items: list[PendingPlan], checks: list[ApprovalCheck]) -> None:
        """Replace the rows."""
        self.beginResetModel()
        self.items, self.checks = items, checks
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.page.column_titles()[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item, check = self.items[index.row()], self.checks[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.page.cell(item, check, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == "why":
            return self.page.cell(item, check, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == "why" and check.refusal is not None:
                return ALERT
            if column == "waited" and item.waited_hours(self.page.now()) >= 24:
                return WAITING
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
                "waited", "extension", "waiver", "rate_cut", "pv_loss"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ApprovalQueuePage(QWidget):
    """Pending plans on the left, the chosen plan and the decision on the right."""

    caseRequested = Signal(str)
    """Open this case in its own tab."""
    decided = Signal(str, str)
    """A decision was saved locally: plan id, decision."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        language_switch().switched.connect(self._retranslate)
        self.context = context
        self.policy = shipped_authority_policy()
        self.names: dict[str, str] = {}
        layout = QVBoxLayout(self)
        # Decisions the server did not take (conflicts, refusals), until dismissed.
        self.conflict_box = QGroupBox(self)
        conflict_layout = QHBoxLayout(self.conflict_box)
        self.conflict_list = QListWidget(self.conflict_box)
        self.conflict_list.setMaximumHeight(90)
        conflict_layout.addWidget(self.conflict_list, 1)
        buttons = QVBoxLayout()
        self.reopen_button = QPushButton(self.conflict_box)
        self.reopen_button.clicked.connect(self.reopen_selected)
        self.open_case_button = QPushButton(self.conflict_box)
        self.open_case_button.clicked.connect(self._open_conflict_case)
        self.dismiss_button = QPushButton(self.conflict_box)
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        for b in (self.reopen_button, self.open_case_button, self.dismiss_button):
            buttons.addWidget(b)
        conflict_layout.addLayout(buttons)
        layout.addWidget(self.conflict_box)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        layout.addWidget(splitter, 1)
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.count_label = QLabel(left)
        left_layout.addWidget(self.count_label)
        self.model = ApprovalQueueModel(self)
        self.table = QTableView(left)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        calm_rows(self.table)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        # The reasons column is wider than the pane: show its title from the left.
        self.table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_current())
        self.table.doubleClicked.connect(lambda _i: self._open_current_case())
        left_layout.addWidget(self.table, 1)
        right = QWidget(splitter)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.review = PlanReview(context, right)
        right_layout.addWidget(self.review, 1)
        # The decision panel's layout is a Designer form (forms/lead_decision.ui).
        self.decision_box = QGroupBox(right)
        self.decision_ui = Ui_LeadDecisionPanel()
        self.decision_ui.setupUi(self.decision_box)
        self.comment = self.decision_ui.commentEdit
        self.approve_button = self.decision_ui.approveButton
        self.reject_button = self.decision_ui.rejectButton
        self.return_button = self.decision_ui.returnButton
        self.case_button = self.decision_ui.openCaseButton
        self.message = self.decision_ui.messageLabel
        self.approve_button.clicked.connect(lambda: self.decide(PlanDecision.APPROVE))
        self.reject_button.clicked.connect(lambda: self.decide(PlanDecision.REJECT))
        self.return_button.clicked.connect(lambda: self.decide(PlanDecision.RETURN))
        self.case_button.clicked.connect(self._open_current_case)
        right_layout.addWidget(self.decision_box)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([600, 800])
        self._reopened: PendingPlan | None = None
        self._conflicts: list[AttentionItem] = []
        context.ops.casesChanged.connect(lambda _ids: self.reload())
        self._retranslate()
        self.reload()

    # ------------------------------------------------------------ reading

    def now(self) -> datetime:
        """The store's clock (UTC)."""
        return self.context.store.clock()

    def column_titles(self) -> list[str]:
        """Column headers in the current language."""
        return [self.tr("Waited"), self.tr("Agent"), self.tr("Borrower"), self.tr("Extension"),
                self.tr("Waiver"), self.tr("Rate cut"), self.tr("PV loss"), self.tr("Needs"),
                self.tr("Why it needs a decision")]

    def cell(self, item: PendingPlan, check: ApprovalCheck, column: str) -> str:
        """One cell's text."""
        f = item.figures
        cur = item.currency
        if column == "waited":
            hours = item.waited_hours(self.now())
            if hours < 48:
                return self.tr("%1 h").replace("%1", str(hours))
            return self.tr("%1 d").replace("%1", str(int(hours // 24)))
        if column == "agent":
            return self.review.name_of(item.plan.proposed_by)
        if column == "borrower":
            return item.borrower_name
        if f is None:
            return "–"
        k = f.concessions
        if column == "extension":
            return str(k.extension_months)
        if column == "waiver":
            return formatting.money(k.waived_amount, cur)
        if column == "rate_cut":
            return formatting.percent(k.rate_cut * 100, places=2)
        if column == "pv_loss":
            return formatting.money(k.present_value_loss, cur)
        if column == "needs":
            return label(f.authority.required_role) if f.authority.required_role else ""
        if check.refusal is Refusal.OWN_PLAN:
            return self.tr("Your own proposal")
        zh = self.context.language is Language.ZH_CN
        return "; ".join(f.authority.reasons_zh if zh else f.authority.reasons_en)

    def reload(self) -> None:
        """Read the pending plans and the decisions that need attention again."""
        self.names = team_report.roster(team_report.load(self.context.store))
        self.names.setdefault(self.context.user.user_id, self.context.user.display_name)
        self.review.names = self.names
        current = self.current_plan_id()
        items = pending_plans(self.context.store)
        user = self.context.user
        checks = [check_approval(i, user.user_id, user.role, self.policy) for i in items]
        self.model.set_items(items, checks)
        self.table.resizeColumnsToContents()
        self.count_label.setText(self.tr("%n plan(s) waiting for a decision", "", len(items)))
        self._reload_conflicts()
        if self._reopened is not None:
            self._reopened = plan_by_id(self.context.store, self._reopened.plan_id)
            self._show_item(self._reopened)
            return
        self.select_plan(current, fallback=False)

    def current_plan_id(self) -> str | None:
        """The plan shown on the right."""
        item = self.review.item
        return None if item is None else item.plan_id

    def select_plan(self, plan_id: str | None, *, fallback: bool = True) -> bool:
        """Select the pending plan `plan_id` (or clear); False if it is not pending."""
        for row, item in enumerate(self.model.items):
            if item.plan_id == plan_id:
                self._reopened = None
                self.table.selectRow(row)
                self._show_current()
                return True
        if fallback or plan_id is not None:
            self.table.clearSelection()
            self._show_item(None)
        return False

    def _show_current(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        self._reopened = None
        self._show_item(self.model.items[rows[0].row()])

    def _show_item(self, item: PendingPlan | None) -> None:
        user = self.context.user
        check = None if item is None else check_approval(item, user.user_id, user.role,
                                                         self.policy)
        self.review.show_plan(item, check, self.names)
        may_decide = check is not None and check.may_decide
        self.approve_button.setEnabled(check is not None and check.may_approve)
        self.reject_button.setEnabled(may_decide)
        self.return_button.setEnabled(may_decide)
        self.comment.setEnabled(may_decide)
        self.case_button.setEnabled(item is not None)
        self.message.clear()

    # ------------------------------------------------------------ deciding

    def decide(self, decision: PlanDecision) -> bool:
        """Save the decision on the shown plan (off the GUI thread); False if refused here."""
        item = self.review.item
        if item is None:
            return self._refuse(self.tr("Choose a plan first."))
        user = self.context.user
        check = check_approval(item, user.user_id, user.role, self.policy)
        comment = self.comment.toPlainText().strip()
        if check.refusal is Refusal.OWN_PLAN:
            return self._refuse(self.tr("You cannot decide a plan you proposed yourself: "
                                        "another lead or an administrator decides it."))
        if not check.may_decide:
            return self._refuse(self.review.verdict.text())
        if decision is PlanDecision.APPROVE and not check.may_approve:
            return self._refuse(self.tr(
                "Beyond your authority: %1. It goes on to an administrator.").replace(
                    "%1", "; ".join(check.reasons(self.context.language))))
        if decision is not PlanDecision.APPROVE and not comment:
            return self._refuse(self.tr(
                "Write a comment for the agent: rejecting or returning a plan needs a reason."))
        payload = PlanDecide(case_id=UUID(item.case_id), decision_id=uuid4(),
                             decision=decision, comment=comment)
        plan_id = UUID(item.plan_id)
        for b in (self.approve_button, self.reject_button, self.return_button):
            b.setEnabled(False)
        self.context.ops.write(lambda ops: ops.decide_plan(plan_id, payload),
                               done=lambda _c: self._saved(item.plan_id, decision),
                               error=self._failed)
        return True

    def _refuse(self, text: str) -> bool:
        self.message.setStyleSheet("color: #b3261e;")
        self.message.setText(text)
        return False

    def _saved(self, plan_id: str, decision: PlanDecision) -> None:
        self.comment.clear()
        self.context.ops.flush()
        self.reload()
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.setText(self.tr("Decision saved; it is sent with the next sync."))
        self.decided.emit(plan_id, str(decision))

    def _failed(self, error: BaseException) -> None:
        self._refuse(error_text(error, self.context.language))
        self._show_current()

    # ------------------------------------------------------------ conflicts

    def _reload_conflicts(self) -> None:
        self._conflicts = [a for a in self.context.outbox.needs_attention()
                           if a.op_type is OpType.PLAN_DECIDE]
        self.conflict_list.clear()
        for a in self._conflicts:
            plan = plan_by_id(self.context.store, a.entity_id)
            who = plan.borrower_name if plan is not None else a.case_id[:8]
            QListWidgetItem(self.tr("%1 — %2: %3").replace("%1", who).replace(
                "%2", self.tr("conflict") if a.status.value == "conflict" else self.tr("refused"))
                .replace("%3", a.reason), self.conflict_list)
        self.conflict_box.setVisible(bool(self._conflicts))
        if self._conflicts:
            self.conflict_list.setCurrentRow(0)

    def conflicts(self) -> list[AttentionItem]:
        """The decisions the server did not take, not yet dismissed."""
        return list(self._conflicts)

    def _selected_conflict(self) -> AttentionItem | None:
        row = self.conflict_list.currentRow()
        return self._conflicts[row] if 0 <= row < len(self._conflicts) else None

    def reopen_selected(self) -> None:
        """Show the plan of the selected conflict as it is now."""
        conflict = self._selected_conflict()
        if conflict is None:
            return
        if self.select_plan(conflict.entity_id, fallback=False):
            return
        self.table.clearSelection()
        self._reopened = plan_by_id(self.context.store, conflict.entity_id)
        self._show_item(self._reopened)

    def _open_conflict_case(self) -> None:
        conflict = self._selected_conflict()
        if conflict is not None:
            self.caseRequested.emit(conflict.case_id)

    def dismiss_selected(self) -> None:
        """The lead has seen the selected conflict: it leaves the list."""
        conflict = self._selected_conflict()
        if conflict is None:
            return
        outbox = self.context.outbox
        self.context.ops.in_writer(lambda: outbox.acknowledge(conflict.op_id),
                                   done=lambda _r: self.reload())

    def _open_current_case(self) -> None:
        item = self.review.item
        if item is not None:
            self.caseRequested.emit(item.case_id)

    # ------------------------------------------------------------ language

    def title(self) -> str:
        """The tab title."""
        if self.context.user.role is Role.ADMIN:
            return self.tr("Approvals (administrator)")
        return self.tr("Approvals")

    def _retranslate(self) -> None:
        self.conflict_box.setTitle(self.tr("Decisions the server did not take"))
        self.reopen_button.setText(self.tr("Re-open plan"))
        self.open_case_button.setText(self.tr("Open case"))
        self.dismiss_button.setText(self.tr("Dismiss"))
        self.decision_ui.retranslateUi(self.decision_box)
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0,
                                          len(ApprovalQueueModel.COLUMNS) - 1)
        self.reload()

