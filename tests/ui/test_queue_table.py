"""The queue's table: its headings, its two ways of painting, and a start without `Qt`.

The app's first frame is painted without PySide's `Qt` namespace (building it costs
~35 ms of the cold start): the header reads its headings from a C++ model, the roles the
model answers are Qt's values written out, and the first paint is Qt's own. These tests
hold those pieces to Qt's values and pixels, and a started window to that promise."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, QRect, Qt
from PySide6.QtGui import QFont, QFontDatabase, QImage, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionHeader
from pytestqt.qtbot import QtBot

from agentdesk.client.queue import SortColumn
from agentdesk.domain.vocabulary import Language
from agentdesk.ui import queue_table
from agentdesk.ui.app import install_translators
from agentdesk.ui.context import AppContext
from agentdesk.ui.queue_model import COLUMNS, CaseIdRole, CaseKeyRole, CaseQueueModel
from agentdesk.ui.queue_page import QueuePage

ROOT = Path(__file__).resolve().parents[2]


def test_the_roles_answered_are_qts(context: AppContext) -> None:
    model = CaseQueueModel(context.queue)
    name, dpd = COLUMNS.index(SortColumn.BORROWER), COLUMNS.index(SortColumn.DPD)
    assert model.index(0, name).data(Qt.ItemDataRole.DisplayRole) == "张三"
    assert model.index(0, dpd).data(Qt.ItemDataRole.TextAlignmentRole) == int(
        (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
    assert model.index(0, name).data(Qt.ItemDataRole.TextAlignmentRole) is None
    assert model.index(0, name).data(Qt.ItemDataRole.FontRole).bold()
    assert "LN20240001" in model.index(0, name).data(Qt.ItemDataRole.ToolTipRole)
    assert CaseKeyRole == Qt.ItemDataRole.UserRole + 1
    assert CaseIdRole == Qt.ItemDataRole.UserRole + 2


def _ink(text: str, font: QFont) -> int:
    """How much ink `text` takes in `font` (black on white)."""
    image = QImage(240, 40, QImage.Format.Format_Grayscale8)
    image.fill(255)
    painter = QPainter(image)
    painter.setFont(font)
    painter.drawText(QPoint(4, 28), text)
    painter.end()
    return sum(255 - value for value in bytes(image.constBits()))


def test_borrower_names_are_bold_in_chinese_too(context: AppContext) -> None:
    # A Chinese font often has one weight only: Qt then thickens its glyphs itself, but
    # only for a bold request (a demibold one is drawn regular).
    if not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        pytest.skip("no Chinese font installed")
    model = CaseQueueModel(context.queue)
    bold = model.index(0, COLUMNS.index(SortColumn.BORROWER)).data(Qt.ItemDataRole.FontRole)
    regular = QFont(bold)
    regular.setWeight(QFont.Weight.Normal)
    assert _ink("欧阳娜娜", bold) > 1.15 * _ink("欧阳娜娜", regular)


def test_the_header_shows_each_columns_heading_and_tip_centred(
        qtbot: QtBot, context: AppContext) -> None:
    page = QueuePage(context)
    qtbot.addWidget(page)
    header = page.ui.table.horizontalHeader()
    headings = header.model()
    assert headings is not page.model
    assert header.count() == len(COLUMNS) == page.model.columnCount()
    texts = [headings.headerData(s, Qt.Orientation.Horizontal) for s in range(header.count())]
    assert texts[:3] == ["Priority", "Borrower", "DPD"]
    dpd = COLUMNS.index(SortColumn.DPD)
    assert headings.headerData(dpd, Qt.Orientation.Horizontal,
                               Qt.ItemDataRole.ToolTipRole) == "Days past due"
    # No heading sets its own alignment: the header's default, centred.
    assert all(headings.headerData(s, Qt.Orientation.Horizontal,
                                   Qt.ItemDataRole.TextAlignmentRole) is None
               for s in range(header.count()))
    assert header.defaultAlignment() & Qt.AlignmentFlag.AlignHCenter
    # The model starts sorted by priority, highest first, and the arrow says so.
    assert header.sortIndicatorSection() == COLUMNS.index(SortColumn.PRIORITY)
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder


@pytest.mark.parametrize("language", [Language.ZH_CN, Language.EN])
def test_no_heading_runs_under_the_sort_arrow(qtbot: QtBot, context: AppContext,
                                              language: Language) -> None:
    # Where the style puts a sorted heading's text (in the room it leaves the label,
    # aligned as the heading says) and its arrow, for each column as the window sizes it.
    install_translators(language)
    try:
        page = QueuePage(context)
        qtbot.addWidget(page)
        header = page.ui.table.horizontalHeader()
        style, metrics = header.style(), header.fontMetrics()
        for section in range(header.count()):
            option = QStyleOptionHeader()
            option.initFrom(header)
            option.rect = QRect(0, 0, header.sectionSize(section), header.height())
            option.state |= QStyle.StateFlag.State_Horizontal
            option.sortIndicator = QStyleOptionHeader.SortIndicator.SortDown
            option.text = str(header.model().headerData(section, Qt.Orientation.Horizontal))
            alignment = header.model().headerData(
                section, Qt.Orientation.Horizontal, Qt.ItemDataRole.TextAlignmentRole)
            option.textAlignment = Qt.AlignmentFlag(alignment) if alignment is not None \
                else header.defaultAlignment()
            label = style.subElementRect(QStyle.SubElement.SE_HeaderLabel, option, header)
            arrow = style.subElementRect(QStyle.SubElement.SE_HeaderArrow, option, header)
            text = QStyle.alignedRect(Qt.LayoutDirection.LeftToRight, option.textAlignment,
                                      metrics.size(0, option.text), label)
            assert text.right() < arrow.left(), (option.text, text, arrow)
    finally:
        install_translators(Language.EN)


def test_the_tables_own_model_names_its_columns_for_screen_readers(
        qtbot: QtBot, context: AppContext) -> None:
    page = QueuePage(context)
    qtbot.addWidget(page)
    table = page.ui.table
    for section in range(table.horizontalHeader().count()):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                     Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.InitialSortOrderRole):
            assert page.model.headerData(section, Qt.Orientation.Horizontal, role) == \
                page.header_model.headerData(section, Qt.Orientation.Horizontal, role)


def test_clicking_a_heading_sorts_the_queue(qtbot: QtBot, context: AppContext) -> None:
    page = QueuePage(context)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    header = page.ui.table.horizontalHeader()

    def click(column: SortColumn) -> list[str]:
        section = COLUMNS.index(column)
        centre = QPoint(header.sectionViewportPosition(section)
                        + header.sectionSize(section) // 2, header.height() // 2)
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        assert page.model.query.sort is column
        return [page.model.index(r, section).data() for r in range(page.model.rowCount())]

    # Numbers come highest first on the first click, names from A (by pinyin); a second
    # click turns the order.
    assert click(SortColumn.DPD) == ["95", "45", "15", "3"]
    assert click(SortColumn.DPD) == ["3", "15", "45", "95"]
    assert click(SortColumn.AMOUNT_OVERDUE)[0] == "¥22,000.00"
    names = click(SortColumn.BORROWER)
    assert names[-2:] == ["王五", "张三"]  # wang, zhang
    assert click(SortColumn.BORROWER) == names[::-1]


def _shown_page(qtbot: QtBot, context: AppContext) -> QueuePage:
    page = QueuePage(context)
    qtbot.addWidget(page)
    page.resize(1200, 300)
    page.show()
    qtbot.waitExposed(page)
    return page


def _ours_and_qts(page: QueuePage, monkeypatch: pytest.MonkeyPatch) -> tuple[QImage, QImage]:
    """The rows as the table paints them, then as Qt's own paint does."""
    ours = _rows_painted(page)
    monkeypatch.setattr(queue_table, "_qt_namespace_built", lambda: False)
    return ours, _rows_painted(page)


def _rows_painted(page: QueuePage) -> QImage:
    viewport = page.ui.table.viewport()
    viewport.update()
    QApplication.processEvents()
    return viewport.grab().toImage()


def test_qts_first_paint_and_the_tables_own_give_the_same_pixels(
        qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    # As the window starts: in Chinese, a row selected, the focus elsewhere (Qt's paint
    # would frame the current cell of a focused table; ours never does, and the
    # namespace is built right after the first frame).
    install_translators(Language.ZH_CN)
    page = _shown_page(qtbot, context)
    page.ui.table.selectionModel().setCurrentIndex(
        page.model.index(1, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)
    page.ui.searchEdit.setFocus()
    ours, qts = _ours_and_qts(page, monkeypatch)
    assert ours.size() == qts.size()
    assert ours == qts
    # And rows were painted at all: text, alternate rows and the selection.
    colours = {ours.pixel(x, y) for x in range(0, ours.width(), 3)
               for y in range(0, ours.height(), 2)}
    assert len(colours) > 10
    install_translators(Language.EN)  # while the page can still answer the change


def test_texts_too_wide_for_their_column_end_in_an_ellipsis_as_qts_do(
        qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    page = _shown_page(qtbot, context)
    table = page.ui.table
    for column in (SortColumn.BORROWER, SortColumn.AMOUNT_OVERDUE, SortColumn.STAGE):
        table.setColumnWidth(COLUMNS.index(column), 34)
    ours, qts = _ours_and_qts(page, monkeypatch)
    assert ours == qts
    # Cut texts were painted (and kept laid out with their "…").
    laid = [static.text() for static, _width, _height in table._texts.values()]
    assert any(text.endswith("\u2026") for text in laid), laid


START = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from PySide6 import QtCore
    from PySide6.QtCore import QTimer
    from agentdesk.client.store import LocalStore
    from agentdesk.domain.vocabulary import Language, Role
    from agentdesk.ui.app import create_application
    from agentdesk.ui.context import AppContext, SessionUser
    from agentdesk.ui.main_window import MainWindow
    from agentdesk.ui.settings import UserSettings
    from agentdesk.ui.sync_controller import SyncController

    def report():
        print("Qt built at the first paint:", "Qt" in vars(QtCore), flush=True)
        table = window.queue_page.ui.table
        print("columns scroll sideways:", table.horizontalScrollBar().maximum() > 0, flush=True)
        os._exit(0)

    def paintEvent(self, event):
        QtCore.QTimer.singleShot(0, report)
    MainWindow.paintEvent = paintEvent
    app = create_application(Language.ZH_CN)
    store = LocalStore(Path(sys.argv[1]))
    context = AppContext(server_url="http://127.0.0.1:9", store=store,
                         user=SessionUser("u1", "agent1", "王芳", Role.AGENT))
    window = MainWindow(context, SyncController(context), UserSettings(Path(sys.argv[2])))
    window.show()
    app.exec()
""")


def test_a_started_window_paints_its_first_frame_without_the_qt_namespace(
        context: AppContext, tmp_path: Path) -> None:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", START, str(context.store.path), str(tmp_path / "s.ini")],
        capture_output=True, text=True, timeout=60, env=environment, cwd=ROOT)
    assert "Qt built at the first paint: False" in result.stdout, result.stderr


def test_the_chinese_window_shows_every_column_without_scrolling_sideways(
        context: AppContext, tmp_path: Path) -> None:
    # The Chinese desktop lays its text out in a Chinese font (see agentdesk.ui.app),
    # whose "average character width" is that of its Han characters: the columns are
    # sized in digits instead, and fit the window as in a Latin font.
    environment = {name: value for name, value in os.environ.items() if name != "FC_LANG"}
    environment["QT_QPA_PLATFORM"] = "offscreen"
    result = subprocess.run(
        [sys.executable, "-c", START, str(context.store.path), str(tmp_path / "s.ini")],
        capture_output=True, text=True, timeout=60, env=environment, cwd=ROOT)
    assert "columns scroll sideways: False" in result.stdout, result.stdout + result.stderr


def test_the_search_box_shows_its_whole_hint_in_both_languages(
        qtbot: QtBot, context: AppContext) -> None:
    page = _shown_page(qtbot, context)
    for language in (Language.EN, Language.ZH_CN, Language.EN):
        install_translators(language)
        QApplication.processEvents()
        edit = page.ui.searchEdit
        hint = edit.fontMetrics().horizontalAdvance(edit.placeholderText())
        # The hint, the frame's margins and the clear button (~20 px) fit.
        assert edit.width() >= hint + 30, (language, edit.width(), hint)
