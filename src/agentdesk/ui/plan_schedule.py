"""The new schedule of a proposed plan, as a Qt table model (one row per instalment)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from agentdesk.domain.schedule import Instalment, Schedule
from agentdesk.ui import formatting

Index = QModelIndex | QPersistentModelIndex

_CONTEXT = "PlanScheduleModel"
_HEADERS = (
    QT_TRANSLATE_NOOP("PlanScheduleModel", "No."),
    QT_TRANSLATE_NOOP("PlanScheduleModel", "Due date"),
    QT_TRANSLATE_NOOP("PlanScheduleModel", "Principal"),
    QT_TRANSLATE_NOOP("PlanScheduleModel", "Interest"),
    QT_TRANSLATE_NOOP("PlanScheduleModel", "Carried arrears"),
    QT_TRANSLATE_NOOP("PlanScheduleModel", "Total"),
    QT_TRANSLATE_NOOP("PlanScheduleModel", "Balance after"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class PlanScheduleModel(QAbstractTableModel):
    """The instalments of a schedule; replaced wholesale on every recomputation."""

    def __init__(self, currency: str = "CNY", parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: tuple[Instalment, ...] = ()
        self._currency = currency

    def set_schedule(self, schedule: Schedule | None) -> None:
        """Show `schedule` (None: empty, e.g. while the options are invalid)."""
        self.beginResetModel()
        self._rows = () if schedule is None else schedule.instalments
        if schedule is not None:
            self._currency = schedule.currency
        self.endResetModel()

    def instalment(self, row: int) -> Instalment:
        """The instalment shown in `row`."""
        return self._rows[row]

    # ------------------------------------------------------------ the model

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return str(item.number)
            if column == 1:
                return formatting.day(item.due_date)
            amount = self._amount(item, column)
            return None if amount is None else formatting.money(amount, self._currency)
        if role == Qt.ItemDataRole.TextAlignmentRole and column != 1:  # numbers, not dates
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return item
        return None

    @staticmethod
    def _amount(item: Instalment, column: int) -> Decimal | None:
        values = {
            2: item.principal,
            3: item.interest,
            4: item.fees,
            5: item.total,
            6: item.remaining_balance,
        }
        return values.get(column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(_HEADERS):
            return _tr(str(_HEADERS[section]))
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None

