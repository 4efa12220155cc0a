"""Charts for the plan dialog: the monthly instalment before and after a proposal."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from PySide6.QtCharts import QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from agentdesk.domain.schedule import months_between

BEFORE_COLOUR = QColor("#9aa5b1")  # the contract: quiet grey
AFTER_COLOUR = QColor("#1f6feb")  # the proposal: the one colour that stands out


def _steps(series: QLineSeries, points: Sequence[tuple[int, Decimal]]) -> None:
    # A step line: an instalment holds for its whole month, so draw it flat across.
    # Floats only for drawing; the figures themselves stay Decimal elsewhere. One
    # replace() instead of an append per point: the series redraws once.
    drawn = []
    for month, amount in points:
        y = float(amount)
        drawn.append(QPointF(month - 0.5, y))
        drawn.append(QPointF(month + 0.5, y))
    series.replace(drawn)


class InstalmentChart(QChartView):
    """Monthly instalment per month from today: the current contract and the proposal."""

    def __init__(self, parent: QWidget | None = None) -> None:
        chart = QChart()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.before = QLineSeries()
        self.after = QLineSeries()
        self.before.setPen(QPen(BEFORE_COLOUR, 2, Qt.PenStyle.DashLine))
        self.after.setPen(QPen(AFTER_COLOUR, 2.5))
        chart.addSeries(self.before)
        chart.addSeries(self.after)
        self.x_axis = QValueAxis()
        self.x_axis.setLabelFormat("%d")
        self.y_axis = QValueAxis()
        self.y_axis.setLabelFormat("%.0f")
        chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        for series in (self.before, self.after):
            series.attachAxis(self.x_axis)
            series.attachAxis(self.y_axis)
        self.retranslate()

    def retranslate(self) -> None:
        """Names in the current language."""
        self.before.setName(self.tr("Current contract"))
        self.after.setName(self.tr("Proposed plan"))
        self.x_axis.setTitleText(self.tr("Month from today"))
        self.y_axis.setTitleText(self.tr("Instalment"))

    def show_plans(
        self,
        today: date,
        before: Sequence[tuple[date, Decimal]],
        after: Sequence[tuple[date, Decimal]],
    ) -> None:
        """Plot (due date, instalment) pairs of both schedules, months counted from today."""
        old = [(max(months_between(today, d), 0) + 1, amount) for d, amount in before]
        new = [(max(months_between(today, d), 0) + 1, amount) for d, amount in after]
        _steps(self.before, old)
        _steps(self.after, new)
        amounts = [a for _, a in old + new]
        months = [m for m, _ in old + new]
        top = float(max(amounts)) if amounts else 1.0
        self.y_axis.setRange(0, top * 1.15 or 1.0)
        self.y_axis.applyNiceNumbers()
        last = max(months) if months else 1
        self.x_axis.setRange(0.5, last + 0.5)
        # Whole months, about six labels whatever the term.
        self.x_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        self.x_axis.setTickAnchor(1)
        self.x_axis.setTickInterval(max(1, -(-last // 6)))

    def point_count(self) -> tuple[int, int]:
        """How many steps each line has (for tests and accessibility text)."""
        return self.before.count() // 2, self.after.count() // 2
