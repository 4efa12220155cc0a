"""The queue page: quick filters, the search box and the table of the agent's cases.

The table is a `CaseQueueModel` (ids + lazy rows, sorted and searched in SQLite), so a
keystroke in the search box re-runs one indexed query: no debounce is needed. Enter or
a double click opens the case (`caseActivated(case_id)`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QPushButton, QWidget

from agentdesk.client.queue import QuickFilter, SortColumn
from agentdesk.ui.app import language_switch
from agentdesk.ui.context import AppContext
from agentdesk.ui.generated.ui_queue_page import Ui_QueuePage
from agentdesk.ui.look import FILTER_BUTTON, calm_rows
from agentdesk.ui.queue_model import (
    COLUMNS,
    CaseKeyRole,
    CaseQueueModel,
    fill_header,
    header_text,
)

if TYPE_CHECKING:
    # Imported where used, not at start: see queue_model on the `Qt` namespace.
    from PySide6.QtCore import Qt

# Widths in digits of the app font (the width of "0", as CSS's `ch`): enough for the
# usual content. Not the font's "average character width": a Chinese font reports the
# average over its Han characters, twice a digit, and the table would outgrow the window.
_WIDTHS = {
    SortColumn.PRIORITY: 5, SortColumn.BORROWER: 11, SortColumn.DPD: 5, SortColumn.BUCKET: 5,
    SortColumn.AMOUNT_OVERDUE: 10, SortColumn.NEXT_ACTION_DUE: 11,
    SortColumn.PROMISE_STATUS: 14, SortColumn.LAST_CONTACT: 11, SortColumn.STAGE: 8,
    SortColumn.HOLDS: 15, SortColumn.PLAN_STATUS: 11,
}


class QueuePage(QWidget):
    """The agent's queue."""

    caseActivated = Signal(str)
    """The user asked to open this case (Enter, double click)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        language_switch().switched.connect(self._language_switched)
        self.context = context
        self.ui = Ui_QueuePage()
        self.ui.setupUi(self)
        self._search_minimum = self.ui.searchEdit.minimumWidth()  # the form's
        self.model = CaseQueueModel(context.queue, time_zone=context.time_zone, parent=self)
        table = self.ui.table
        # The headings come from a C++ model of their own (see `fill_header`); the header
        # stays hidden until that model is in place, since a shown header would measure
        # its sections through the table's model as soon as the table has one.
        header = table.horizontalHeader()
        header.hide()
        table.setModel(self.model)
        self.header_model = QStandardItemModel(self)
        fill_header(self.header_model)
        header.setModel(self.header_model)
        header.show()
        calm_rows(table)
        header.setStretchLastSection(True)
        # The model starts sorted by priority, highest first: where a new header's sort
        # indicator already is (section 0, descending), so it is not set from here.
        header.sortIndicatorChanged.connect(self._sort_changed)
        self._apply_widths()
        table.doubleClicked.connect(self._activate)
        table.openRequested.connect(self._open_current_or_first)
        self.filter_buttons: dict[QuickFilter, QPushButton] = {
            QuickFilter.DUE_TODAY: self.ui.dueTodayButton,
            QuickFilter.PROMISES_DUE: self.ui.promisesDueButton,
            QuickFilter.BROKEN_PROMISES: self.ui.brokenPromisesButton,
            QuickFilter.NEW: self.ui.newButton,
            QuickFilter.PLANS_PENDING: self.ui.plansPendingButton,
            QuickFilter.ON_HOLD: self.ui.onHoldButton,
        }
        for button in self.filter_buttons.values():
            button.toggled.connect(self._filters_changed)
            button.setStyleSheet(FILTER_BUTTON)
        self.ui.searchEdit.textChanged.connect(self._search)
        self.ui.searchEdit.returnPressed.connect(self._open_current_or_first)
        self.model.countChanged.connect(self._show_count)
        self.model.modelReset.connect(self._select_first_if_none)
        context.ops.casesChanged.connect(self.refresh)
        self._show_count(self.model.rowCount())
        self._select_first_if_none()

    # ------------------------------------------------------------ actions

    def focus_search(self) -> None:
        """Ctrl+F: put the cursor in the search box, its text selected."""
        from PySide6.QtCore import Qt

        self.ui.searchEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.ui.searchEdit.selectAll()

    def current_case_id(self) -> str | None:
        """The case of the selected row."""
        index = self.ui.table.currentIndex()
        return self.model.case_id_at(index.row()) if index.isValid() else None

    def refresh(self, _changed: list[str] | None = None) -> None:
        """Search again (cases changed); keep the current case selected if still shown."""
        key = self._current_key()
        self.model.refresh()
        self._select_key(key)

    # ------------------------------------------------------------ reactions

    def _current_key(self) -> int | None:
        index = self.ui.table.currentIndex()
        value = index.data(CaseKeyRole) if index.isValid() else None
        return int(value) if value is not None else None

    def _select_key(self, key: int | None) -> None:
        row = self.model.position_of_key(key) if key is not None else None
        if row is None:
            self._select_first_if_none()
            return
        self._select_row(row)

    def _select_row(self, row: int) -> None:
        # The view's own row selection (current, selected whole, scrolled to): asking the
        # selection model with its flags would have PySide make its class and enums at
        # the start.
        self.ui.table.selectRow(row)
        self.ui.table.scrollTo(self.model.index(row, 0))

    def _select_first_if_none(self) -> None:
        if not self.ui.table.currentIndex().isValid() and self.model.rowCount() > 0:
            self._select_row(0)

    def _sort_changed(self, _section: int, _order: Qt.SortOrder) -> None:
        # The table has sorted the model (its sorting is on, and its own handler of this
        # signal runs first). A new order is read from its top, as a new search is: its
        # first case selected and in view. (Following the case selected before would
        # leave the top out of sight, and finding a case's place among 100,000 costs a
        # walk of the index up to it, twice: its position, then the rows around it.)
        if self.model.rowCount() > 0:
            self._select_row(0)

    def _filters_changed(self) -> None:
        chosen = frozenset(f for f, b in self.filter_buttons.items() if b.isChecked())
        self.model.set_filters(chosen)

    def _search(self, text: str) -> None:
        self.model.set_text(text)

    def _activate(self, index: QModelIndex) -> None:
        case_id = self.model.case_id_at(index.row())
        if case_id is not None:
            self.caseActivated.emit(case_id)

    def _open_current_or_first(self) -> None:
        index = self.ui.table.currentIndex()
        if not index.isValid() and self.model.rowCount():
            index = self.model.index(0, 0)
        if index.isValid():
            self._activate(index)

    def _show_count(self, count: int) -> None:
        if self.model.too_short:
            text = self.tr("Type at least 3 digits to search phone numbers.")
        elif self.model.query.text or self.model.query.filters:
            text = self.tr("%n case(s) match", "", count)
        else:
            text = self.tr("%n case(s) in your queue", "", count)
        self.ui.countLabel.setText(text)

    def _fit_count_label(self) -> None:
        # A label whose size hint follows its text makes the window lay itself out and
        # repaint whole on every keystroke (~5 ms); at a fixed size, only it repaints.
        label = self.ui.countLabel
        longest = max(label.fontMetrics().horizontalAdvance(text) for text in (
            self.tr("Type at least 3 digits to search phone numbers."),
            self.tr("%n case(s) match", "", 9_999_999),
            self.tr("%n case(s) in your queue", "", 9_999_999)))
        label.setFixedSize(longest + 2 * label.margin() + 8,
                           label.fontMetrics().height() + 2 * label.margin())

    def _fit_search_box(self) -> None:
        # Wide enough for its hint in the current language (the form's minimum fits the
        # Chinese one), with room for the frame and the clear button.
        edit = self.ui.searchEdit
        hint = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
        edit.setMinimumWidth(max(self._search_minimum, hint + 40))

    def _apply_widths(self) -> None:
        self._fit_count_label()
        self._fit_search_box()
        metrics = self.ui.table.fontMetrics()
        digit = metrics.horizontalAdvance("0")
        bold = self.ui.table.horizontalHeader().fontMetrics()
        for section, column in enumerate(COLUMNS):
            # Wide enough for its usual content and for its heading plus the sort arrow.
            heading = bold.horizontalAdvance(header_text(column)) + 34
            self.ui.table.setColumnWidth(section, max(_WIDTHS[column] * digit + 16, heading))

    def _language_switched(self) -> None:
        self.ui.retranslateUi(self)
        fill_header(self.header_model)
        from PySide6.QtCore import Qt  # not at start: see queue_model

        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        self._apply_widths()
        self.refresh()
        self._show_count(self.model.rowCount())
