"""The case history as a Qt table model: rows described only when a view asks for them.

A case can carry hundreds of history items and the tab shows a screenful, so a row's
texts (its local time, its kind, its details) are worked out the first time the view
paints or asks for that row, then kept. Filling the table therefore costs nothing per
row: no item objects, no per-cell calls into Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date
from typing import Any, cast
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from agentdesk.client.casefile import TimelineItem
from agentdesk.domain.vocabulary import Language
from agentdesk.ui import formatting
from agentdesk.ui.labels import label_of
from agentdesk.ui.timeline import describe

PENDING = QColor("#8a5a00")
ALERT = QColor("#b3261e")

WHEN, WHAT, DETAILS, SYNC = range(4)
COLUMNS = 4

AnyIndex = QModelIndex | QPersistentModelIndex
_ANSWERED = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                       Qt.ItemDataRole.ForegroundRole})


def headers() -> tuple[str, str, str, str]:
    """The column titles, in the case view's translation context (they are its words)."""
    return (QCoreApplication.translate("CaseView", "When"),
            QCoreApplication.translate("CaseView", "What"),
            QCoreApplication.translate("CaseView", "Details"),
            QCoreApplication.translate("CaseView", "Sync"))


def state_text(state: str) -> tuple[str, QColor | None, str]:
    """What the Sync column says of a local state: text, colour and tooltip."""
    if state == "pending":
        return (QCoreApplication.translate("CaseView", "Waiting"), PENDING,
                QCoreApplication.translate("CaseView", "Saved here; sent at the next sync"))
    if state in ("rejected", "conflict"):
        return QCoreApplication.translate("CaseView", "Needs attention"), ALERT, ""
    return "", None, ""


class HistoryModel(QAbstractTableModel):
    """When, what, details and sync state of each history item, newest first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: tuple[TimelineItem, ...] = ()
        self._currency = ""
        self._zone = ZoneInfo("UTC")
        self._language = Language.ZH_CN
        self._rows: dict[int, tuple[str, str, str]] = {}
        self._days: dict[date, str] = {}

    def show(self, items: tuple[TimelineItem, ...], currency: str, time_zone: str,
             language: Language) -> None:
        """Show these items (the case's timeline) in the agent's zone and language."""
        self.beginResetModel()
        self._items = items
        self._currency = currency
        self._zone = ZoneInfo(time_zone)
        self._language = language
        self._rows = {}
        self._days = {}
        self.endResetModel()

    def item(self, row: int) -> TimelineItem:
        """The history item on this row."""
        return self._items[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < COLUMNS):
            return headers()[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A painted cell is asked for some eight roles; most are answered at once.
        if role not in _ANSWERED or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not 0 <= row < len(self._items):
            return None
        if column == SYNC:
            text, colour, tip = state_text(self._items[row].local_state)
            if role == Qt.ItemDataRole.DisplayRole:
                return text
            if role == Qt.ItemDataRole.ForegroundRole:
                return colour
            return tip or None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts(row)[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == DETAILS:
            return self._texts(row)[DETAILS] or None
        return None

    def multiData(self, index: AnyIndex,
                  roleDataSpan: QModelRoleDataSpan | QModelRoleData) -> None:
        # A painted cell asks for all its roles in one call: answered here in Python
        # rather than by one call into Python per role.
        asked = [roleDataSpan] if isinstance(roleDataSpan, QModelRoleData) \
            else cast("Iterable[QModelRoleData]", roleDataSpan)  # the span iterates
        for role_data in asked:
            role = role_data.role()
            if role in _ANSWERED:
                role_data.setData(self.data(index, role))
            else:
                role_data.clearData()

    def _texts(self, row: int) -> tuple[str, str, str]:
        texts = self._rows.get(row)
        if texts is None:
            item = self._items[row]
            at = item.occurred_at if item.occurred_at.tzinfo \
                else item.occurred_at.replace(tzinfo=UTC)
            local = at.astimezone(self._zone)
            shown = self._days.get(local.date())
            if shown is None:  # a day's text is the same for all its items
                shown = self._days[local.date()] = formatting.day(local.date(),
                                                                  language=self._language)
            texts = self._rows[row] = (f"{shown} {local:%H:%M}",
                                       label_of("history", item.kind),
                                       describe(item, self._currency))
        return texts
