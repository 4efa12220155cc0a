"""`QueueTable`: the queue's table view, painting its visible rows itself.

Qt's table paints cell by cell: for each of the ~300 visible cells it asks the model
for seven roles, calls the delegate and lays the text out anew — ~2,000 calls into
Python and ~300 text layouts per keystroke, most of a 16 ms frame. This view paints row
by row from the model's prepared cells (`CaseQueueModel.cells_at`, one call per row)
and draws each text as a `QStaticText` laid out once and kept: the same dates, amounts,
labels and names recur from keystroke to keystroke. It draws what the calm table
shows: alternate rows, the selected row, each text in its colour, bold names, numbers
on the right, "…" where a column is too narrow; no grid. Any other model is painted
by Qt as usual.

Until something has used PySide's `Qt` namespace, Qt paints the rows too (the same
pixels, through `CaseQueueModel.data`): this paint's painter calls (`setPen`,
`fillRect`) have PySide build that namespace's ~90 enums (~35 ms) to pick among their
overloads, which the app's first frame should not wait for. The first such paint asks
for the namespace once the frame is out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QPointF, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPaintEvent, QPalette
from PySide6.QtWidgets import QTableView, QWidget

from agentdesk.ui.look import bold
from agentdesk.ui.queue_model import COLUMNS, CaseQueueModel, is_bold, is_right_aligned

if TYPE_CHECKING:
    from PySide6.QtGui import QKeyEvent, QStaticText

_MAX_TEXTS = 5000
"""Laid-out texts kept (a few hundred bytes each); past this the cache starts again."""
_RIGHT = tuple(is_right_aligned(c) for c in COLUMNS)
_BOLD = tuple(is_bold(c) for c in COLUMNS)


def _qt_namespace_built() -> bool:
    # PySide puts `Qt` in its module's namespace when it is first used (and built).
    return "Qt" in vars(QtCore)


def _build_qt_namespace() -> None:
    from PySide6.QtCore import Qt  # noqa: F401  (building it is the point)


class QueueTable(QTableView):
    """A table view that paints a `CaseQueueModel` row by row (see the module docstring)."""

    openRequested = Signal()
    """Enter or Return was pressed in the table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A viewport made here: the one Qt makes is unknown to Python, and the first
        # `viewport()` has PySide match it against every widget class (building each
        # class and its enums, ~20 ms of the start); this one is known already.
        self.setViewport(QWidget())
        self._texts: dict[tuple[str, bool, int], tuple[QStaticText, float, float]] = {}
        self._restyle()

    def _restyle(self) -> None:
        self._texts.clear()
        self._font = QFont(self.font())
        self._bold = bold(self._font)
        self._metrics = (QFontMetrics(self._font), QFontMetrics(self._bold))
        # The margin Qt's own delegate leaves on each side of a cell's text (the focus
        # frame's margin + 1: 3 px in Qt's styles). Not asked of the style: touching
        # QStyle's enums makes PySide build them, ~10 ms of the app's start.
        self._margin = 3

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Here, not in an event filter: a filter has each of the table's events handed to
        # Python as the window starts.
        from PySide6.QtCore import Qt

        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.openRequested.emit()
            return
        super().keyPressEvent(event)

    def reset(self) -> None:
        super().reset()
        # Lay the rows out now rather than on Qt's zero timer: that timer fires after
        # the first paint of the new rows and makes every keystroke paint them twice.
        self.doItemsLayout()

    def _laid_out(self, text: str, bold: bool, width: int) -> tuple[QStaticText, float, float]:
        key = (text, bold, width)
        found = self._texts.get(key)
        if found is None:
            if len(self._texts) >= _MAX_TEXTS:
                self._texts.clear()
            metrics = self._metrics[bold]
            # `Qt` is imported only where needed: the start paints without it (its first
            # use builds all its enums, ~35 ms; see queue_model).
            if metrics.horizontalAdvance(text) > width:
                from PySide6.QtCore import Qt

                text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
            from PySide6.QtGui import QStaticText  # see QPainter in paintEvent

            static = QStaticText(text)
            if "<" in text:
                # Without a "<" Qt's automatic format is plain text (Qt::mightBeRichText).
                from PySide6.QtCore import Qt

                static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(font=self._bold if bold else self._font)
            size = static.size()
            found = self._texts[key] = (static, size.width(), size.height())
        return found

    def paintEvent(self, event: QPaintEvent) -> None:
        model = self.model()
        if not isinstance(model, CaseQueueModel) or self.showGrid():
            super().paintEvent(event)
            return
        if not _qt_namespace_built():  # the first frame (see the module docstring)
            super().paintEvent(event)
            QTimer.singleShot(0, _build_qt_namespace)
            return
        if self.font() != self._font:
            # Checked here, not in changeEvent: a Python changeEvent would be handed every
            # change of the table as a plain QEvent (see agentdesk.ui.app.LanguageSwitch).
            self._restyle()
        viewport = self.viewport()
        area = event.rect()
        first = self.rowAt(area.top())
        if first < 0:
            return  # the rows end above the damaged area (the background is filled)
        last = self.rowAt(area.bottom())
        if last < 0:
            last = model.rowCount() - 1
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.Text)
        selected_colour = palette.color(QPalette.ColorRole.HighlightedText)
        highlight, alternate = palette.highlight(), palette.alternateBase()
        selection = self.selectionModel()
        selected = {index.row() for index in selection.selectedRows()} if selection else set()
        columns = [(c, x, w) for c in range(len(COLUMNS))
                   if (w := self.columnWidth(c)) > 0
                   and (x := self.columnViewportPosition(c)) < area.right()
                   and x + w > area.left()]
        margin, width = self._margin, viewport.width()
        # Imported here, as this paint first runs after the first frame: making the
        # QPainter class (and its enums) is then no part of the start.
        from PySide6.QtGui import QPainter

        painter = QPainter(viewport)
        pen, font = None, None  # set only when they change: a pen is made per set
        for row in range(first, last + 1):
            y, height = self.rowViewportPosition(row), self.rowHeight(row)
            chosen = row in selected
            if chosen:
                painter.fillRect(0, y, width, height, highlight)
            elif row % 2 and self.alternatingRowColors():
                painter.fillRect(0, y, width, height, alternate)
            cells = model.cells_at(row)
            if cells is None:
                continue
            for column, x, column_width in columns:
                text = cells.texts[column]
                if not text:
                    continue
                bold = _BOLD[column]
                static, text_width, text_height = self._laid_out(
                    text, bold, column_width - 2 * margin)
                own = cells.colours[column]
                colour = selected_colour if chosen else text_colour if own is None else own
                if colour != pen:
                    painter.setPen(colour)
                    pen = colour
                if bold is not font:
                    painter.setFont(self._bold if bold else self._font)
                    font = bold
                # Where Qt's delegate puts a text, to the fraction of a pixel: these
                # pixels are then those of Qt's own paint (the first frame's).
                top = y + (height - text_height) / 2
                left = x + column_width - margin - text_width if _RIGHT[column] else x + margin
                painter.drawStaticText(QPointF(left, top), static)
        painter.end()
