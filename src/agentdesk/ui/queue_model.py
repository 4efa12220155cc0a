"""`CaseQueueModel`: the agent's queue as a Qt table model that holds ids, not rows.

The store's `CaseQueue` runs each search (filters, text, sort) in SQLite; this model
only knows how many rows there are and fetches the case keys a view paints in blocks of
`BLOCK`. Each case's cells (texts and colours, as painted) are made when the case is
first painted and kept by case key, so the next keystroke, which mostly shows the same
cases again, reads only the keys of its window. Sorting asks SQLite for a new ordering
(an index walk), never a proxy model over Python rows (seconds for 100,000 cases).

When the store announces changed cases (`UiOperations.casesChanged`), `refresh()` runs
the same query again; views keep their current case by key (`position_of_key`).
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QStandardItem, QStandardItemModel

from agentdesk.client.queue import (
    CaseQueue,
    QueueQuery,
    QueueRow,
    QuickFilter,
    SearchResult,
    SortColumn,
    StaleResultError,
)
from agentdesk.domain.vocabulary import Bucket, Hold, PlanStatus, PromiseStatus, Stage
from agentdesk.ui import formatting
from agentdesk.ui.labels import label_of
from agentdesk.ui.look import bold

if TYPE_CHECKING:
    from collections.abc import Iterable

    from PySide6.QtCore import Qt

# The `Qt` namespace is not imported at start: the first use of it has PySide build all
# of its ~90 enums (~35 ms, a tenth of the app's cold start). The roles and alignment
# the window needs before its first paint are Qt's values, written out (a test compares
# them with Qt's); code that runs later imports `Qt` where it needs it.
BLOCK = 40
_DISPLAY = 0  # Qt.ItemDataRole.DisplayRole
_FOREGROUND = 9  # Qt.ItemDataRole.ForegroundRole
_ALIGNMENT = 7  # Qt.ItemDataRole.TextAlignmentRole
_FONT = 6  # Qt.ItemDataRole.FontRole
_TOOLTIP = 3  # Qt.ItemDataRole.ToolTipRole
_INITIAL_SORT_ORDER = 14  # Qt.ItemDataRole.InitialSortOrderRole
_USER = 0x100  # Qt.ItemDataRole.UserRole
_DESCENDING = 1  # Qt.SortOrder.DescendingOrder
_RIGHT = 0x0082  # Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
MAX_BLOCKS = 200
SETTLE_MS = 30
"""A large match is first shown with a capped count (`CaseQueue.count_cap`); its full
count follows this long after the last keystroke, once the rows are painted (keys
typed in between replace it: only the last text is counted)."""
MAX_CELLS = 20_000
"""Cases whose cells are kept (a few hundred bytes each)."""

CaseKeyRole = _USER + 1
CaseIdRole = _USER + 2

COLUMNS: tuple[SortColumn, ...] = (
    SortColumn.PRIORITY,
    SortColumn.BORROWER,
    SortColumn.DPD,
    SortColumn.BUCKET,
    SortColumn.AMOUNT_OVERDUE,
    SortColumn.NEXT_ACTION_DUE,
    SortColumn.PROMISE_STATUS,
    SortColumn.LAST_CONTACT,
    SortColumn.STAGE,
    SortColumn.HOLDS,
    SortColumn.PLAN_STATUS,
)

# Few colours, for what must catch the eye: broken promises, due today, holds.
# Colours, not brushes: views take a colour as the text's brush, and making a QBrush
# from a colour has PySide build the `Qt` namespace to choose among its constructors.
ALERT = QColor("#b3261e")
DUE = QColor("#8a5a00")
QUIET = QColor("#6b6f76")

_NUMERIC = {SortColumn.PRIORITY, SortColumn.DPD, SortColumn.AMOUNT_OVERDUE}
# Columns people read most naturally highest first: a first click on their heading
# sorts them so (the header's initial sort order).
_DESCENDING_FIRST = {SortColumn.PRIORITY, SortColumn.DPD, SortColumn.AMOUNT_OVERDUE}


def is_right_aligned(column: SortColumn) -> bool:
    """Numbers line up on the right."""
    return column in _NUMERIC


def is_bold(column: SortColumn) -> bool:
    """The borrower's name stands out."""
    return column is SortColumn.BORROWER


def header_text(column: SortColumn) -> str:
    """The column's heading in the current language."""
    texts = {
        SortColumn.PRIORITY: QCoreApplication.translate("CaseQueueModel", "Priority"),
        SortColumn.BORROWER: QCoreApplication.translate("CaseQueueModel", "Borrower"),
        SortColumn.DPD: QCoreApplication.translate("CaseQueueModel", "DPD"),
        SortColumn.BUCKET: QCoreApplication.translate("CaseQueueModel", "Bucket"),
        SortColumn.AMOUNT_OVERDUE: QCoreApplication.translate("CaseQueueModel", "Overdue"),
        SortColumn.NEXT_ACTION_DUE: QCoreApplication.translate("CaseQueueModel", "Next action"),
        SortColumn.PROMISE_STATUS: QCoreApplication.translate("CaseQueueModel", "Promise"),
        SortColumn.LAST_CONTACT: QCoreApplication.translate("CaseQueueModel", "Last contact"),
        SortColumn.STAGE: QCoreApplication.translate("CaseQueueModel", "Stage"),
        SortColumn.HOLDS: QCoreApplication.translate("CaseQueueModel", "Holds"),
        SortColumn.PLAN_STATUS: QCoreApplication.translate("CaseQueueModel", "Plan"),
    }
    return texts.get(column, str(column))


def header_tip(column: SortColumn) -> str:
    """What a column means, for its tooltip."""
    if column is SortColumn.DPD:
        return QCoreApplication.translate("CaseQueueModel", "Days past due")
    if column is SortColumn.AMOUNT_OVERDUE:
        return QCoreApplication.translate("CaseQueueModel", "Amount overdue")
    if column is SortColumn.NEXT_ACTION_DUE:
        return QCoreApplication.translate("CaseQueueModel", "When the next action is due")
    return header_text(column)


def fill_header(header: QStandardItemModel) -> None:
    """Put the columns' headings (texts, tooltips, the order a first click sorts in) in
    `header`, the model of the queue table's header, in the current language.

    Every heading is centred, numbers' too: Fusion draws the sort arrow 3 px into the
    room it leaves a heading's text, so a heading set to the right ran under the arrow.

    The headings are not answered by this Python model: a Python `headerData` is
    handed a `Qt.Orientation` on each call, and the header asks while the table is
    set up, which would build the whole `Qt` namespace before the first paint (see the
    note on the roles above). The header reads them from this C++ model instead."""
    for section, column in enumerate(COLUMNS):
        item = QStandardItem(header_text(column))
        item.setToolTip(header_tip(column))
        if column in _DESCENDING_FIRST:
            item.setData(_DESCENDING, _INITIAL_SORT_ORDER)
        header.setHorizontalHeaderItem(section, item)


_BORROWER_COLUMN = COLUMNS.index(SortColumn.BORROWER)
_ALIGN_BY_COLUMN = tuple(_RIGHT if c in _NUMERIC else None for c in COLUMNS)
_SERVED = frozenset({_DISPLAY, _FOREGROUND, _ALIGNMENT, _FONT, _TOOLTIP,
                     int(CaseKeyRole), int(CaseIdRole)})


class QueueCells(NamedTuple):
    """One case's row as painted: its data, and each column's text and colour.

    (A named tuple: cheaper to make at start than a frozen dataclass.)"""

    row: QueueRow
    texts: tuple[str | None, ...]
    colours: tuple[QColor | None, ...]


class CaseQueueModel(QAbstractTableModel):
    """The queue of one store, searched and sorted in SQLite, rows fetched lazily."""

    countChanged = Signal(int)
    """The number of cases matching the current query (once counted in full)."""

    def __init__(self, queue: CaseQueue, *, time_zone: str = "Asia/Shanghai",
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.queue = queue
        self.time_zone = time_zone
        self._query = QueueQuery()
        self._result: SearchResult = queue.search(self._query)
        self._blocks: OrderedDict[int, array[int]] = OrderedDict()
        # Each case as read with its block, then as painted (texts, colours) once a view
        # asks for it: a view asks for every visible cell on each paint, so formatting
        # must not run per ask, and a block holds more cases than a window shows.
        self._cells: dict[int, QueueRow | QueueCells] = {}
        self._bold = bold(QFont())
        self._today = self._local_today()
        self._settling = QTimer(self)
        self._settling.setSingleShot(True)
        self._settling.setInterval(SETTLE_MS)
        self._settling.timeout.connect(self.settle_count)

    # ------------------------------------------------------------ the query

    @property
    def query(self) -> QueueQuery:
        """What the model shows now."""
        return self._query

    @property
    def too_short(self) -> bool:
        """The search text was a number too short to search (the view says "type more")."""
        return self._result.too_short

    @property
    def counted(self) -> bool:
        """Whether `rowCount()` is the full count (else it grows once counted)."""
        return self._result.exact

    def set_query(self, query: QueueQuery) -> None:
        """Show `query`'s cases (one SQL search; the view's rows are fetched as painted)."""
        self.beginResetModel()
        self._query = query
        self._search()
        self.endResetModel()
        if self._result.exact:
            self._settling.stop()
            self.countChanged.emit(self._result.count)
        else:
            self._settling.start()

    def settle_count(self) -> None:
        """Count a large match in full; the rows past the capped count are inserted."""
        result = self._result
        if result.exact:
            return
        try:
            count = result.count_exactly()
        except StaleResultError:
            return  # a newer search is in place (and counts itself)
        shown = result.count
        if count > shown:
            self.beginInsertRows(QModelIndex(), shown, count - 1)
            self._settle(count)
            self.endInsertRows()
        elif count < shown:  # cases went since the search; a refresh follows
            self.beginRemoveRows(QModelIndex(), count, shown - 1)
            self._settle(count)
            self.endRemoveRows()
        else:
            self._settle(count)
        self.countChanged.emit(count)

    def set_text(self, text: str) -> None:
        """Search for `text` (name, pinyin, initials, phone, loan number)."""
        if text != self._query.text:
            self.set_query(QueueQuery(self._query.filters, text, self._query.sort,
                                      self._query.descending))

    def set_filters(self, filters: frozenset[QuickFilter]) -> None:
        """Show only cases matching every one of `filters`."""
        if filters != self._query.filters:
            self.set_query(QueueQuery(filters, self._query.text, self._query.sort,
                                      self._query.descending))

    def refresh(self, _changed: list[str] | None = None) -> None:
        """Run the current query again (cases changed, a new day began, a new language)."""
        self._today = self._local_today()
        self._cells.clear()
        self.set_query(self._query)

    def _settle(self, count: int) -> None:
        self._result.settle(count)
        self._blocks.clear()  # the last block read was cut at the capped count

    def _search(self) -> None:
        self._result = self.queue.search(self._query)
        self._blocks.clear()

    def _search_again(self) -> None:
        # Someone else searched on our queue connection: the same query, fully counted
        # (the view already has the count).
        self._search()
        self._settle(self._result.count_exactly())

    def _local_today(self) -> date:
        local = formatting.local_time(self.queue.store.clock(), self.time_zone)
        assert local is not None
        return local.date()

    # ------------------------------------------------------------ rows

    def row_at(self, row: int) -> QueueRow | None:
        """The queue row at view row `row` (fetched if needed)."""
        cells = self.cells_at(row)
        return None if cells is None else cells.row

    def cells_at(self, row: int) -> QueueCells | None:
        """The cells of view row `row`, as painted."""
        if not 0 <= row < self._result.count:
            return None
        block_no, offset = divmod(row, BLOCK)
        keys = self._blocks.get(block_no)
        if keys is None:
            keys = self._fetch_block(block_no)
        else:
            self._blocks.move_to_end(block_no)
        if offset >= len(keys):
            return None
        found = self._cells.get(keys[offset])
        if found is None:  # let go of since the block was read: read it again
            keys = self._fetch_block(block_no)
            found = self._cells.get(keys[offset]) if offset < len(keys) else None
            if found is None:
                return None
        if isinstance(found, QueueCells):
            return found
        cells = self._cells[found.key] = QueueCells(
            found,
            tuple(self._display(found, c) for c in COLUMNS),
            tuple(self._colour(found, c) for c in COLUMNS),
        )
        return cells

    def _fetch_block(self, block_no: int) -> array[int]:
        start = block_no * BLOCK
        try:
            keys = self._result.ids(start, start + BLOCK)
        except StaleResultError:
            self._search_again()
            keys = self._result.ids(start, start + BLOCK)
        missing = [k for k in keys if k not in self._cells]
        if missing:
            if len(self._cells) + len(missing) > MAX_CELLS:
                self._cells.clear()
                missing = list(keys)
            for found in self.queue.fetch_rows(missing):
                self._cells[found.key] = found
        self._blocks[block_no] = keys
        if len(self._blocks) > MAX_BLOCKS:
            self._blocks.popitem(last=False)
        return keys

    def case_id_at(self, row: int) -> str | None:
        """The server id of the case at `row`."""
        found = self.row_at(row)
        return None if found is None else found.case_id

    def position_of_key(self, key: int) -> int | None:
        """Where case `key` is in the current ordering (None if filtered out)."""
        try:
            return self._result.position(key)
        except StaleResultError:
            self._search_again()
            return self._result.position(key)

    # ------------------------------------------------------------ Qt model

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._result.count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        # The header shows `fill_header`'s C++ model, so nothing asks this while the
        # window starts; screen readers and other clients of the table's model do, and
        # hear the same headings (vertical sections are row numbers, Qt's default).
        if orientation.value != 1 or not 0 <= section < len(COLUMNS):  # 1: Horizontal
            return super().headerData(section, orientation, role)
        column = COLUMNS[section]
        if role == _DISPLAY:
            return header_text(column)
        if role == _TOOLTIP:
            return header_tip(column)
        if role == _INITIAL_SORT_ORDER and column in _DESCENDING_FIRST:
            return _DESCENDING
        return None

    # flags() is Qt's own (enabled, selectable, no children): a Python override would
    # be called for every painted cell.

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        # The view paints through `QueueCellDelegate`, which reads `cells_at` once per
        # cell; data() answers tooltips, accessibility and tests. Roles we never answer
        # leave first.
        if role not in _SERVED:
            return None
        column = index.column()
        if role == _ALIGNMENT:
            return _ALIGN_BY_COLUMN[column] if 0 <= column < len(COLUMNS) else None
        if role == _FONT:
            return self._bold if column == _BORROWER_COLUMN else None
        cells = self.cells_at(index.row())
        if cells is None or not 0 <= column < len(COLUMNS):
            return None
        if role == _DISPLAY:
            return cells.texts[column]
        if role == _FOREGROUND:
            return cells.colours[column]
        if role == _TOOLTIP:
            return self._tooltip(cells.row, COLUMNS[column])
        if role == CaseKeyRole:
            return cells.row.key
        if role == CaseIdRole:
            return cells.row.case_id
        return None

    def multiData(self, index: QModelIndex | QPersistentModelIndex,
                  roleDataSpan: QModelRoleDataSpan | QModelRoleData) -> None:
        # When Qt paints the rows (the first frame, see QueueTable), each cell asks for
        # its ~7 roles in one call: answered from the cell's texts and colours at once,
        # rather than by one call into Python per role.
        asked = [roleDataSpan] if isinstance(roleDataSpan, QModelRoleData) \
            else cast("Iterable[QModelRoleData]", roleDataSpan)  # the span iterates
        column = index.column()
        cells = self.cells_at(index.row()) if 0 <= column < len(COLUMNS) else None
        value: Any
        for role_data in asked:
            role = role_data.role()
            if cells is None or role not in _SERVED:
                value = None
            elif role == _DISPLAY:
                value = cells.texts[column]
            elif role == _FOREGROUND:
                value = cells.colours[column]
            elif role == _ALIGNMENT:
                value = _ALIGN_BY_COLUMN[column]
            elif role == _FONT:
                value = self._bold if column == _BORROWER_COLUMN else None
            else:
                value = self.data(index, role)
            if value is None:
                role_data.clearData()
            else:
                role_data.setData(value)

    def sort(self, column: int, order: Qt.SortOrder | None = None) -> None:
        """Sort by `column` (ascending unless `order` says otherwise)."""
        from PySide6.QtCore import Qt

        if not 0 <= column < len(COLUMNS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        query = QueueQuery(self._query.filters, self._query.text, COLUMNS[column], descending)
        if query != self._query:
            shown = self._result.count
            self.layoutAboutToBeChanged.emit()
            self._query = query
            self._search()
            if not self._result.exact:
                # The same cases in another order: the view keeps its row count.
                self._settle(self._result.count_exactly())
            self.layoutChanged.emit()
            if self._result.count != shown:  # cases changed meanwhile: show them anew
                self.beginResetModel()
                self.endResetModel()
                self.countChanged.emit(self._result.count)

    # ------------------------------------------------------------ cells

    def promise_state(self, row: QueueRow) -> str | None:
        """`due` for an open promise due today or earlier, else the stored status."""
        if row.promise_status == "open" and row.promise_due is not None \
                and row.promise_due <= self._today:
            return "due"
        return row.promise_status

    def _display(self, row: QueueRow, column: SortColumn) -> str | None:
        if column is SortColumn.PRIORITY:
            return str(row.priority)
        if column is SortColumn.BORROWER:
            return row.borrower_name
        if column is SortColumn.DPD:
            return str(row.dpd)
        if column is SortColumn.BUCKET:
            return label_of(Bucket, row.bucket)
        if column is SortColumn.AMOUNT_OVERDUE:
            return formatting.money(row.amount_overdue, row.currency)
        if column is SortColumn.NEXT_ACTION_DUE:
            return self._when(row.next_action_due)
        if column is SortColumn.PROMISE_STATUS:
            state = self.promise_state(row)
            if state is None:
                return ""
            text = label_of(PromiseStatus, state)
            if row.promise_due is not None and state == "open":
                text = f"{text} · {formatting.day(row.promise_due, short=True)}"
            return text
        if column is SortColumn.LAST_CONTACT:
            return self._when(row.last_contact_at)
        if column is SortColumn.STAGE:
            return label_of(Stage, row.stage)
        if column is SortColumn.HOLDS:
            return "、".join(label_of(Hold, h) for h in row.holds) if row.holds else ""
        if column is SortColumn.PLAN_STATUS:
            return label_of(PlanStatus, row.plan_status)
        return None

    def _when(self, value: datetime | None) -> str:
        local = formatting.local_time(value, self.time_zone)
        if local is None:
            return ""
        delta = (local.date() - self._today).days
        if -1 <= delta <= 1:
            return f"{formatting.relative_day(local.date(), self._today)} {local:%H:%M}"
        return formatting.day(local.date())

    def _tooltip(self, row: QueueRow, column: SortColumn) -> str | None:
        if column is SortColumn.BORROWER:
            return f"{row.borrower_name} · {row.loan_number} · {row.phones_masked}"
        if column is SortColumn.DPD:
            return formatting.days_past_due(row.dpd)
        return None

    def _colour(self, row: QueueRow, column: SortColumn) -> QColor | None:
        if column is SortColumn.PROMISE_STATUS:
            state = self.promise_state(row)
            if state == "broken":
                return ALERT
            if state == "due":
                return DUE
        if column is SortColumn.HOLDS and row.holds:
            return ALERT
        if column is SortColumn.NEXT_ACTION_DUE and row.next_action_due is not None:
            local = formatting.local_time(row.next_action_due, self.time_zone)
            if local is not None and local.date() <= self._today:
                return DUE
        if column is SortColumn.LAST_CONTACT or column is SortColumn.PRIORITY:
            return QUIET
        return None
