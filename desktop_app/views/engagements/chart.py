"""The chart of confidence and quality over time (QtCharts, loaded on first use)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import QWidget

from desktop_app.models.engagements import FeedbackRecord
from desktop_app.models.i18n import _
from desktop_app.views.partials.naming import named

CONFIDENCE_COLOUR = "#14a38b"
QUALITY_COLOUR = "#d97706"


def _msecs(day: date) -> float:
    return float(QDateTime(datetime.combine(day, time(12))).toMSecsSinceEpoch())


class ConfidenceChart:
    """A line chart of confidence and quality (1-5) per piece of feedback.

    Attributes:
        view: the QChartView to put in a layout.
        confidence, quality: the two QLineSeries.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        # QtCharts is heavy: imported here, when an engagement is first shown.
        from PySide6.QtCharts import QChart, QChartView, QDateTimeAxis, QLineSeries, QValueAxis

        chart = QChart()
        # Follow the palette: a white chart glares in a dark window. (The theme
        # comes first: it recolours series, and the pens below are ours.)
        if QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128:
            chart.setTheme(QChart.ChartTheme.ChartThemeDark)
        chart.setTitle(_("Confidence and quality over time"))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setMargins(chart.margins() * 0)
        chart.setBackgroundRoundness(0)
        self.confidence = QLineSeries()
        self.confidence.setName(_("Confidence"))
        self.quality = QLineSeries()
        self.quality.setName(_("Quality"))
        for series, colour, width in (
            (self.confidence, CONFIDENCE_COLOUR, 3),
            (self.quality, QUALITY_COLOUR, 2),
        ):
            series.setPen(QPen(QColor(colour), width))
            series.setPointsVisible(True)
            chart.addSeries(series)
        self.x_axis = QDateTimeAxis()
        self.x_axis.setFormat("d MMM")
        self.x_axis.setTickCount(4)
        self.y_axis = QValueAxis()
        self.y_axis.setRange(0.5, 5.5)
        self.y_axis.setTickCount(6)
        self.y_axis.setTickType(QValueAxis.TickType.TicksDynamic)
        self.y_axis.setTickAnchor(1)
        self.y_axis.setTickInterval(1)
        self.y_axis.setLabelFormat("%d")
        chart.addAxis(self.x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.y_axis, Qt.AlignmentFlag.AlignLeft)
        for series in (self.confidence, self.quality):
            series.attachAxis(self.x_axis)
            series.attachAxis(self.y_axis)
        self.chart = chart
        self.view = named(
            QChartView(chart, parent), "confidenceChart", _("Confidence and quality over time")
        )
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(170)

    def show_feedback(self, feedback: Sequence[FeedbackRecord], today: date) -> None:
        """Plot `feedback` (oldest first); an empty chart says there is none yet."""
        self.confidence.clear()
        self.quality.clear()
        for item in feedback:
            self.confidence.append(_msecs(item.day), item.confidence)
            self.quality.append(_msecs(item.day), item.quality)
        first = feedback[0].day if feedback else today - timedelta(days=30)
        last = max(feedback[-1].day if feedback else today, first + timedelta(days=14))
        margin = timedelta(days=max((last - first).days // 20, 2))
        self.x_axis.setRange(
            QDateTime(datetime.combine(first - margin, time())),
            QDateTime(datetime.combine(last + margin, time())),
        )
        self.chart.setTitle(
            _("Confidence and quality over time")
            if feedback
            else _("Confidence and quality over time: no feedback yet")
        )
