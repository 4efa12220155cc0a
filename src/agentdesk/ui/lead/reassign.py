"""Reassign: move cases of the team to another agent, seeing each agent's workload.

The cases are the team's as held locally; each move is a `case.reassign` change in the
outbox (`Operations.reassign_case`), so it works offline. The server decides: the next
sync applies it (or lists a refusal under Needs attention), and the agents' desktops
receive the case (or its removal) by their own syncs.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from uuid import UUID

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from agentdesk.client.operations import Operations
from agentdesk.domain.money import from_minor
from agentdesk.domain.vocabulary import Bucket
from agentdesk.protocol.ops import CaseReassign
from agentdesk.ui import formatting
from agentdesk.ui.app import language_switch
from agentdesk.ui.context import AppContext
from agentdesk.ui.labels import label_of
from agentdesk.ui.lead import team_report
from agentdesk.ui.look import calm_rows
from agentdesk.ui.operations import error_text


class ReassignPage(QWidget):
    """The team's cases (select one or many), the agents with their workload, Move."""

    moved = Signal(list, str)
    """Case ids moved locally, and the agent's user id."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        language_switch().switched.connect(self._retranslate)
        self.context = context
        self.names: dict[str, str] = {}
        self.cases: list[tuple[str, str, str, int, str, Decimal, str, str | None]] = []
        self.workload: Counter[str] = Counter()
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.show_label = QLabel(self)
        self.filter = QComboBox(self)
        self.filter.currentIndexChanged.connect(lambda _i: self._fill_cases())
        top.addWidget(self.show_label)
        top.addWidget(self.filter)
        top.addStretch(1)
        self.selected_label = QLabel(self)
        top.addWidget(self.selected_label)
        layout.addLayout(top)
        self.table = QTableWidget(self)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.ExtendedSelection)
        calm_rows(self.table)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        self.to_label = QLabel(self)
        self.agent = QComboBox(self)
        self.reason = QLineEdit(self)
        self.move_button = QPushButton(self)
        self.move_button.clicked.connect(self.move_selected)
        bottom.addWidget(self.to_label)
        bottom.addWidget(self.agent, 1)
        bottom.addWidget(self.reason, 2)
        bottom.addWidget(self.move_button)
        layout.addLayout(bottom)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        # Reading every case of the team is not free: while the page is hidden, changes
        # only mark it stale, and it reads again when shown.
        self._stale = True
        context.ops.casesChanged.connect(lambda _ids: self.invalidate())
        self._retranslate()

    # ------------------------------------------------------------ reading

    def invalidate(self) -> None:
        """Cases changed: read again now if shown, else when next shown."""
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        """Read the team's cases and the agents' workload again."""
        self._stale = False
        self.names = team_report.roster(team_report.load(self.context.store))
        with self.context.store.read() as db:
            raw = db.execute(
                "SELECT case_id, borrower_name, loan_number, dpd, bucket, amount_overdue_minor,"
                " currency, assignee_id FROM cases WHERE removal_pending = 0"
                " ORDER BY assignee_id, priority DESC, key"
            ).fetchall()
        self.cases = [(r[0], r[1], r[2], r[3], r[4], from_minor(r[5]), r[6], r[7]) for r in raw]
        self.workload = Counter(c[7] for c in self.cases if c[7] is not None)
        self._fill_agents()
        self._fill_cases()

    def agent_ids(self) -> list[str]:
        """The team's agents: those the report names and those holding cases."""
        ids = set(self.names) | set(self.workload)
        ids.discard(self.context.user.user_id)
        return sorted(ids, key=lambda i: (self.name_of(i), i))

    def name_of(self, user_id: str | None) -> str:
        """An agent's name (or a short id when the team report has not been fetched)."""
        if user_id is None:
            return self.tr("nobody")
        return self.names.get(user_id, user_id[:8])

    def _fill_agents(self) -> None:
        chosen_to = self.agent.currentData()
        chosen_filter = self.filter.currentData()
        self.agent.blockSignals(True)
        self.filter.blockSignals(True)
        self.agent.clear()
        self.filter.clear()
        self.filter.addItem(self.tr("All agents"), None)
        for user_id in self.agent_ids():
            text = self.tr("%1 — %n case(s)", "", self.workload[user_id]).replace(
                "%1", self.name_of(user_id))
            self.agent.addItem(text, user_id)
            self.filter.addItem(text, user_id)
        for combo, chosen in ((self.agent, chosen_to), (self.filter, chosen_filter)):
            index = combo.findData(chosen)
            combo.setCurrentIndex(max(index, 0))
        self.agent.blockSignals(False)
        self.filter.blockSignals(False)

    def _fill_cases(self) -> None:
        only = self.filter.currentData()
        shown = [c for c in self.cases if only is None or c[7] == only]
        selected = set(self.selected_case_ids())
        headers = [self.tr("Borrower"), self.tr("Loan"), self.tr("DPD"), self.tr("Bucket"),
                   self.tr("Overdue"), self.tr("Assigned to")]
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(shown))
        for r, (case_id, name, loan, dpd, bucket, overdue, cur, assignee) in enumerate(shown):
            cells = [name, loan, str(dpd), label_of(Bucket, bucket),
                     formatting.money(overdue, cur), self.name_of(assignee)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, case_id)
                if c in (2, 4):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
            if case_id in selected:
                self.table.selectRow(r)
        self.table.resizeColumnsToContents()
        self._selection_changed()

    def selected_case_ids(self) -> list[str]:
        """The cases selected in the table."""
        out = []
        for index in self.table.selectionModel().selectedRows():
            item = self.table.item(index.row(), 0)
            if item is not None:
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def select_cases(self, case_ids: list[str]) -> None:
        """Select these cases (others are unselected)."""
        wanted = set(case_ids)
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QTableWidget.SelectionMode.MultiSelection)
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) in wanted:
                self.table.selectRow(r)
        self.table.setSelectionMode(mode)

    def choose_agent(self, user_id: str) -> bool:
        """Choose the agent to move cases to."""
        index = self.agent.findData(user_id)
        if index >= 0:
            self.agent.setCurrentIndex(index)
        return index >= 0

    def _selection_changed(self) -> None:
        count = len(self.table.selectionModel().selectedRows())
        self.selected_label.setText(self.tr("%n case(s) selected", "", count))
        self.move_button.setEnabled(count > 0 and self.agent.count() > 0)

    # ------------------------------------------------------------ moving

    def move_selected(self) -> bool:
        """Move the selected cases to the chosen agent (store writer); False if refused."""
        case_ids = self.selected_case_ids()
        to_user = self.agent.currentData()
        if not case_ids or to_user is None:
            self._say(self.tr("Select one or more cases and the agent to move them to."), True)
            return False
        moving = [c for c in case_ids
                  if next((x[7] for x in self.cases if x[0] == c), None) != to_user]
        if not moving:
            self._say(self.tr("These cases are already with %1.").replace(
                "%1", self.name_of(to_user)), True)
            return False
        reason = self.reason.text().strip()
        target = UUID(to_user)

        def move(ops: Operations) -> list[str]:
            for case_id in moving:
                ops.reassign_case(CaseReassign(case_id=UUID(case_id), to_user_id=target,
                                               reason=reason))
            return moving

        self.move_button.setEnabled(False)
        self.context.ops.write(move, done=lambda done: self._moved(done, to_user),
                               error=lambda e: self._say(error_text(e, self.context.language),
                                                         True))
        return True

    def _moved(self, case_ids: list[str], to_user: str) -> None:
        self.reason.clear()
        self.context.ops.flush()
        self.reload()
        self._say(self.tr("%1 case(s) moved to %2; the agents receive them with the next sync.")
                  .replace("%1", str(len(case_ids))).replace("%2", self.name_of(to_user)))
        self.moved.emit(case_ids, to_user)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b3261e;" if error else "")
        self.message.setText(text)

    # ------------------------------------------------------------ language

    def title(self) -> str:
        """The tab title."""
        return self.tr("Reassign")

    def _retranslate(self) -> None:
        self.show_label.setText(self.tr("Show cases of"))
        self.to_label.setText(self.tr("Move to"))
        self.reason.setPlaceholderText(self.tr("Reason (optional)"))
        self.move_button.setText(self.tr("&Move selected cases"))
        self.invalidate()

