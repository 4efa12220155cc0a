"""Compliance: the contact attempts in the team that broke a contact rule.

The list comes from the server (`GET /compliance/violations`, newest first), which
judges every pushed attempt against the active policy. Each line names the case and the
call; opening it shows the case (its timeline holds the call with notes and transcript).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from agentdesk.domain.vocabulary import CallResult, Channel
from agentdesk.protocol.compliance import ViolationOut, ViolationPage
from agentdesk.ui import formatting
from agentdesk.ui.app import language_switch
from agentdesk.ui.context import AppContext
from agentdesk.ui.labels import label_of
from agentdesk.ui.look import calm_rows
from agentdesk.ui.operations import error_text

PAGE_SIZE = 200


def fetch_violations(api: Any) -> ViolationPage:
    """`GET /compliance/violations`: the newest flagged attempts the user may see."""
    response = api._request(  # the client's one request path: auth, retries, typed errors
        "GET", "/compliance/violations", params={"limit": PAGE_SIZE})
    return ViolationPage.model_validate_json(response.content)


class CompliancePage(QWidget):
    """Flagged contact attempts of the team, each opening its case."""

    caseRequested = Signal(str)
    """Open this case in its own tab."""
    loaded = Signal(int)
    """The list was fetched: how many lines it shows."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        language_switch().switched.connect(self._retranslate)
        self.context = context
        self.items: list[ViolationOut] = []
        self.total = 0
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.summary = QLabel(self)
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.refresh)
        self.open_button = QPushButton(self)
        self.open_button.clicked.connect(self.open_selected)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.open_button)
        bar.addWidget(self.refresh_button)
        layout.addLayout(bar)
        self.table = QTableWidget(self)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        calm_rows(self.table)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        layout.addWidget(self.table, 1)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self._retranslate()

    def refresh(self) -> None:
        """Fetch the list again (network pool)."""
        self.refresh_button.setEnabled(False)
        self.message.setText(self.tr("Fetching the flagged contacts…"))
        self.context.ops.network(fetch_violations, done=self._fetched, error=self._failed)

    def _fetched(self, page: ViolationPage) -> None:
        self.refresh_button.setEnabled(True)
        self.items, self.total = page.items, page.total
        self.message.clear()
        self._fill()
        self.loaded.emit(len(self.items))

    def _failed(self, error: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        self.message.setText(error_text(error, self.context.language))

    def _fill(self) -> None:
        headers = [self.tr("When"), self.tr("Agent"), self.tr("Borrower"), self.tr("Loan"),
                   self.tr("Channel"), self.tr("Result"), self.tr("Rules broken")]
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(self.items))
        for r, v in enumerate(self.items):
            # A flagged note (the server's banned-conduct lint) has no channel or result:
            # say it is a note and show the words that broke the rule instead.
            is_note = v.kind == "note"
            what = self.tr("Note") if is_note else label_of(Channel, v.channel)
            result = (self.tr("Banned words: %1").replace("%1", ", ".join(v.phrases))
                      if is_note else label_of(CallResult, v.result))
            cells = [formatting.moment(v.started_at, self.context.time_zone),
                     v.agent_name or v.agent_username,
                     v.borrower_name, v.loan_ref, what, result,
                     "; ".join(f"{rule.id} {rule.title}" for rule in v.rules)]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, str(v.case_id))
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.summary.setText(self.tr("%1 flagged contact(s) in the team; showing the newest %2.")
                             .replace("%1", str(self.total)).replace("%2", str(len(self.items))))

    def open_selected(self) -> None:
        """Open the case of the selected line."""
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.caseRequested.emit(str(self.items[rows[0].row()].case_id))

    def title(self) -> str:
        """The tab title."""
        return self.tr("Compliance")

    def _retranslate(self) -> None:
        self.refresh_button.setText(self.tr("Refresh"))
        self.open_button.setText(self.tr("Open case"))
        if self.items:
            self._fill()
        else:
            self.summary.setText(self.tr("Press Refresh to fetch the flagged contacts."))

