"""Team performance: the server's report for a chosen period, as a table and charts.

Per agent and for the team: contact attempts, right-party contacts, promises made and
the kept rate, plans proposed, approved and broken, money collected; the team's trend
by day and its open cases by bucket. The last report fetched is kept in the local store
and shown (with the time it was taken) when the server cannot be reached. Export writes
the table as CSV that Excel opens with Chinese intact.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from agentdesk.domain.vocabulary import Bucket
from agentdesk.protocol.reports import TeamFigures, TeamReport
from agentdesk.ui import formatting
from agentdesk.ui.app import language_switch
from agentdesk.ui.context import AppContext
from agentdesk.ui.labels import label_of
from agentdesk.ui.lead import team_report
from agentdesk.ui.lead.team_report import FIGURE_KEYS, Snapshot
from agentdesk.ui.look import calm_rows
from agentdesk.ui.operations import error_text

ATTEMPTS_COLOUR = QColor("#9aa5b1")
RPC_COLOUR = QColor("#1f6feb")
PROMISE_COLOUR = QColor("#2e7d32")


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class TeamDashboardPage(QWidget):
    """The period, the figures table, the trend and bucket charts, export."""

    loaded = Signal(object)
    """A report is shown (the `Snapshot`)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        language_switch().switched.connect(self._retranslate)
        self.context = context
        self.snapshot: Snapshot | None = None
        self.stale = False
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.from_label = QLabel(self)
        self.to_label = QLabel(self)
        today = self._today()
        self.date_from = QDateEdit(_qdate(today - timedelta(days=29)), self)
        self.date_to = QDateEdit(_qdate(today), self)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(self)
        self.export_button.clicked.connect(self._export_clicked)
        self.as_of = QLabel(self)
        for w in (self.from_label, self.date_from, self.to_label, self.date_to,
                  self.refresh_button):
            bar.addWidget(w)
        bar.addWidget(self.as_of, 1)
        bar.addWidget(self.export_button)
        layout.addLayout(bar)
        self.table = QTableWidget(self)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        calm_rows(self.table)
        layout.addWidget(self.table, 2)
        charts = QHBoxLayout()
        self.trend_chart = QChart()
        self.trend_chart.setMargins(QMargins(4, 4, 4, 4))
        self.trend_chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.trend_chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.trend_view = QChartView(self.trend_chart, self)
        self.trend_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.bucket_chart = QChart()
        self.bucket_chart.setMargins(QMargins(4, 4, 4, 4))
        self.bucket_chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.bucket_chart.legend().hide()
        self.bucket_view = QChartView(self.bucket_chart, self)
        self.bucket_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        charts.addWidget(self.trend_view, 3)
        charts.addWidget(self.bucket_view, 2)
        layout.addLayout(charts, 3)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self._retranslate()
        kept = team_report.load(context.store)
        if kept is not None:
            self.show_snapshot(kept, stale=True)

    def _today(self) -> date:
        now = formatting.local_time(self.context.store.clock(), self.context.time_zone)
        assert now is not None
        return now.date()

    # ------------------------------------------------------------ fetching

    def period(self) -> tuple[date, date]:
        """The chosen period (inclusive)."""
        return _pydate(self.date_from.date()), _pydate(self.date_to.date())

    def set_period(self, date_from: date, date_to: date) -> None:
        """Choose the period (does not fetch)."""
        self.date_from.setDate(_qdate(date_from))
        self.date_to.setDate(_qdate(date_to))

    def refresh(self) -> None:
        """Fetch the report for the period (network pool); keep it as the last snapshot."""
        date_from, date_to = self.period()
        if date_from > date_to:
            self._say(self.tr("The first day must not be after the last day."), error=True)
            return
        self.refresh_button.setEnabled(False)
        self._say(self.tr("Fetching the team report…"))
        self.context.ops.network(lambda api: team_report.fetch(api, date_from, date_to),
                                 done=self._fetched, error=self._fetch_failed)

    def _fetched(self, report: TeamReport) -> None:
        snapshot = Snapshot(report, self.context.store.clock())
        store = self.context.store
        self.refresh_button.setEnabled(True)
        self._say("")
        # Shown once kept, so pages that read the kept report (agents' names) see it.
        self.context.ops.in_writer(lambda: team_report.save(store, snapshot),
                                   done=lambda _r: self.show_snapshot(snapshot, stale=False))

    def _fetch_failed(self, error: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        text = error_text(error, self.context.language)
        if self.snapshot is not None:
            text += " " + self.tr("Showing the last figures kept on this computer.")
            self.show_snapshot(self.snapshot, stale=True)
        self._say(text, error=True)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b3261e;" if error else "")
        self.message.setText(text)

    # ------------------------------------------------------------ showing

    def show_snapshot(self, snapshot: Snapshot, *, stale: bool) -> None:
        """Show `snapshot` (stale = taken earlier, shown because no newer is at hand)."""
        self.snapshot, self.stale = snapshot, stale
        report = snapshot.report
        self.set_period(report.date_from, report.date_to)
        taken = formatting.moment(snapshot.fetched_at, self.context.time_zone)
        self.as_of.setText((self.tr("Last figures kept, taken %1") if stale
                            else self.tr("Figures as of %1")).replace("%1", taken))
        self._fill_table(report)
        team = report.teams[0] if report.teams else None
        self._fill_trend(team)
        self._fill_buckets(team)
        self.export_button.setEnabled(True)
        self.loaded.emit(snapshot)

    def headers(self) -> list[str]:
        """Column titles: team, user name, agent, then the figures."""
        return [self.tr("Team"), self.tr("User name"), self.tr("Agent"),
                self.tr("Attempts"), self.tr("Right-party contacts"), self.tr("Promises made"),
                self.tr("Promises kept"), self.tr("Promises broken"), self.tr("Kept rate"),
                self.tr("Plans proposed"), self.tr("Plans approved"), self.tr("Plans broken"),
                self.tr("Collected")]

    def display(self, key: str, value: int | Decimal | None, currency: str) -> str:
        """One figure as the table shows it."""
        if value is None:
            return "–"
        if key == "promises_kept_rate":
            return formatting.percent(Decimal(value) * 100)
        if key == "amount_collected":
            return formatting.money(Decimal(value), currency)
        return str(value)

    def _fill_table(self, report: TeamReport) -> None:
        lines = team_report.rows(report)
        headers = self.headers()
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(lines))
        for r, (team, username, name, figures) in enumerate(lines):
            total = not username
            cells = [team, username, name or self.tr("Team total")]
            cells += [self.display(k, team_report.figure(figures, k), report.currency)
                      for k in FIGURE_KEYS]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c >= 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                if total:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()

    def _fill_trend(self, team: TeamFigures | None) -> None:
        chart = self.trend_chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        days = team.trend if team is not None else []
        series = []
        for name, colour, key in (
            (self.tr("Attempts"), ATTEMPTS_COLOUR, "attempts"),
            (self.tr("Right-party contacts"), RPC_COLOUR, "right_party_contacts"),
            (self.tr("Promises made"), PROMISE_COLOUR, "promises_made"),
        ):
            line = QLineSeries()
            line.setName(name)
            line.setPen(QPen(colour, 2))
            for n, d in enumerate(days):
                line.append(QPointF(n, float(getattr(d, key))))
            chart.addSeries(line)
            series.append(line)
        x = QValueAxis()
        x.setLabelFormat("%d")
        x.setRange(0, max(len(days) - 1, 1))
        x.setTitleText(self.tr("Day of the period"))
        top = max((d.attempts for d in days), default=0)
        y = QValueAxis()
        y.setLabelFormat("%d")
        y.setRange(0, max(top * 1.1, 1))
        y.applyNiceNumbers()
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        for line in series:
            line.attachAxis(x)
            line.attachAxis(y)
        chart.setTitle(self.tr("Activity by day"))

    def _fill_buckets(self, team: TeamFigures | None) -> None:
        chart = self.bucket_chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        buckets = team.buckets if team is not None else []
        bars = QBarSet(self.tr("Open cases"))
        bars.setColor(RPC_COLOUR)
        for b in buckets:
            bars.append(b.cases)
        series = QBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        chart.addSeries(series)
        x = QBarCategoryAxis()
        x.append([label_of(Bucket, b.bucket) for b in buckets])
        y = QValueAxis()
        y.setLabelFormat("%d")
        y.setRange(0, max(max((b.cases for b in buckets), default=0) * 1.2, 1))
        y.applyNiceNumbers()
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x)
        series.attachAxis(y)
        chart.setTitle(self.tr("Open cases by bucket"))

    # ------------------------------------------------------------ export

    def _export_clicked(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export team figures"), "team-report.csv", self.tr("CSV (*.csv)"))
        if path:
            self.export(Path(path))

    def export(self, path: Path) -> int:
        """Write the shown figures as CSV to `path`; returns the rows written."""
        if self.snapshot is None:
            return 0

        def cell(key: str, value: int | Decimal | None) -> str:
            if value is None:
                return ""
            if key == "promises_kept_rate":
                return f"{Decimal(value) * 100:.2f}"
            return str(value)

        count = team_report.export_csv(path, self.snapshot.report, self.headers(),
                                       self.tr("Team total"), cell)
        self._say(self.tr("Exported %1 rows to %2.").replace("%1", str(count))
                  .replace("%2", str(path)))
        return count

    # ------------------------------------------------------------ language

    def title(self) -> str:
        """The tab title."""
        return self.tr("Team performance")

    def _retranslate(self) -> None:
        self.from_label.setText(self.tr("From"))
        self.to_label.setText(self.tr("to"))
        self.refresh_button.setText(self.tr("Show"))
        self.export_button.setText(self.tr("Export CSV…"))
        self.export_button.setEnabled(self.snapshot is not None)
        if self.snapshot is not None:
            self.show_snapshot(self.snapshot, stale=self.stale)
        else:
            self.as_of.setText(self.tr("No figures yet: choose a period and press Show."))


