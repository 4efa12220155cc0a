"""The desktop's calm look: a few colours, set through palettes where speed matters.

Item views are painted through the palette, never a style sheet: Qt's style-sheet
style makes every cell's paint several times slower, which a 100,000-row queue feels.
Style sheets are used only on a handful of small widgets.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QAbstractItemView, QGroupBox, QHeaderView, QTableView, QWidget

SELECTION = QColor("#d6e4f5")
SELECTION_TEXT = QColor("#1b1f24")
ALTERNATE = QColor("#f6f7f9")

FILTER_BUTTON = (
    "QPushButton { padding: 3px 12px; }"
    "QPushButton:checked { background: #d6e4f5; border: 1px solid #7aa0cf;"
    " border-radius: 3px; }"
)


def bold(font: QFont) -> QFont:
    """A copy of `font` in the weight names, headings and titles take: Bold, which Qt
    draws by thickening a font that has one weight only (as many Chinese fonts do; a
    DemiBold request is then drawn regular)."""
    heavier = QFont(font)
    heavier.setWeight(QFont.Weight.Bold)
    return heavier


def regular(font: QFont) -> QFont:
    """A copy of `font` in the regular weight (inside a bold-titled box, say)."""
    lighter = QFont(font)
    lighter.setWeight(QFont.Weight.Normal)
    return lighter


def calm_table(view: QAbstractItemView) -> None:
    """Soft alternate rows and selection, a bold header (`calm_rows` for a table of
    records: no grid, rows of one height too)."""
    palette = view.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.Highlight, SELECTION)
        palette.setColor(group, QPalette.ColorRole.HighlightedText, SELECTION_TEXT)
        palette.setColor(group, QPalette.ColorRole.AlternateBase, ALTERNATE)
    view.setPalette(palette)
    header = getattr(view, "horizontalHeader", None)
    if header is not None:
        header().setFont(bold(header().font()))


def calm_rows(view: QTableView) -> None:
    """A table of records in the calm look: no row numbers, rows of one fixed height
    (the view never measures them), alternating, no grid."""
    rows = view.verticalHeader()
    rows.setVisible(False)
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    calm_table(view)


def bold_titles(*boxes: QGroupBox) -> None:
    """Group box titles in a heavier weight (their contents stay regular)."""
    for box in boxes:
        box.setFont(bold(box.font()))
        for child in box.findChildren(QWidget):
            child.setFont(regular(child.font()))
