"""The "needs attention" list: changes the server did not accept, until acknowledged.

A rejected op (the case was reassigned, a plan was decided meanwhile …) or a conflict
never disappears silently: it stays here, with the server's reason, until the agent
has read it and clicked "Acknowledge".
"""

from __future__ import annotations

from uuid import UUID

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from agentdesk.client.outbox import AttentionItem
from agentdesk.ui import formatting
from agentdesk.ui.app import language_switch
from agentdesk.ui.context import AppContext

_OP_ROLE = Qt.ItemDataRole.UserRole + 1


def op_label(op_type: str) -> str:
    """What kind of change an op was, for people."""
    names = {
        "contact_attempt.record": QCoreApplication.translate("AttentionDialog", "Call record"),
        "note.add": QCoreApplication.translate("AttentionDialog", "Note"),
        "promise.create": QCoreApplication.translate("AttentionDialog", "Promise to pay"),
        "plan.propose": QCoreApplication.translate("AttentionDialog", "Plan proposal"),
        "plan.withdraw": QCoreApplication.translate("AttentionDialog", "Plan withdrawal"),
        "plan.decide": QCoreApplication.translate("AttentionDialog", "Plan decision"),
        "case.reassign": QCoreApplication.translate("AttentionDialog", "Reassignment"),
        "case.schedule_follow_up": QCoreApplication.translate("AttentionDialog", "Follow-up"),
        "contact_preference.record": QCoreApplication.translate(
            "AttentionDialog", "Contact preference"),
        "contact_preference.clear": QCoreApplication.translate(
            "AttentionDialog", "Contact preference cleared"),
    }
    return names.get(op_type, op_type)


class AttentionDialog(QDialog):
    """Rejected and conflicting changes, with the server's reasons."""

    caseRequested = Signal(str)
    changed = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        language_switch().switched.connect(self._language_switched)
        self.context = context
        self.items: list[AttentionItem] = []
        self.resize(760, 360)
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.table = QTableWidget(self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(True)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(self)
        self.open_button = QPushButton(self)
        self.ack_button = QPushButton(self)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.ack_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.open_button.clicked.connect(self._open_case)
        self.ack_button.clicked.connect(self.acknowledge_selected)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self._retranslate()
        self.reload()

    def reload(self) -> None:
        """Read the list again."""
        self.items = self.context.outbox.needs_attention()
        names = self._names({item.case_id for item in self.items})
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            cells = [formatting.moment(item.answered_at, self.context.time_zone),
                     names.get(item.case_id, item.case_id[:8]),
                     op_label(str(item.op_type)),
                     item.reason]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                cell.setData(_OP_ROLE, str(item.op_id))
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        self._selection_changed()
        if self.items:
            self.table.selectRow(0)

    def _names(self, case_ids: set[str]) -> dict[str, str]:
        if not case_ids:
            return {}
        marks = ",".join("?" * len(case_ids))
        with self.context.store.read() as db:
            rows = db.execute(
                f"SELECT case_id, borrower_name FROM cases WHERE case_id IN ({marks})",
                tuple(case_ids)).fetchall()
        return {r[0]: r[1] for r in rows}

    def _selected(self) -> AttentionItem | None:
        row = self.table.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _selection_changed(self) -> None:
        item = self._selected()
        self.ack_button.setEnabled(item is not None)
        self.open_button.setEnabled(item is not None)

    def acknowledge_selected(self) -> None:
        """The agent has read the selected item: it leaves the list."""
        item = self._selected()
        if item is None:
            return
        op_id: UUID = item.op_id
        outbox = self.context.outbox
        self.ack_button.setEnabled(False)
        self.context.ops.in_writer(lambda: outbox.acknowledge(op_id), done=self._acknowledged)

    def _acknowledged(self, _result: object) -> None:
        self.reload()
        self.changed.emit()

    def _open_case(self) -> None:
        item = self._selected()
        if item is not None:
            self.caseRequested.emit(item.case_id)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Needs attention"))
        self.intro.setText(self.tr(
            "The server did not accept these changes. Read why, fix what is needed on the "
            "case, then acknowledge each one."))
        self.table.setColumnCount(4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Answered"), self.tr("Borrower"), self.tr("Change"), self.tr("Reason")])
        self.open_button.setText(self.tr("&Open case"))
        self.ack_button.setText(self.tr("&Acknowledge"))

    def _language_switched(self) -> None:
        self._retranslate()
        self.reload()
