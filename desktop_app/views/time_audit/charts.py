"""The month at a glance: hours per area (QtCharts) and the value-vs-drain matrix.

QtCharts is imported when the first chart is built, not at start-up.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import QToolTip, QVBoxLayout, QWidget

from desktop_app.models.formats import hours, number
from desktop_app.models.i18n import _, count
from desktop_app.models.tasks import AREA_LABELS, AreaHours, TaskRow
from desktop_app.models.time_audit_rules import (
    QUADRANT_HINTS,
    QUADRANT_LABELS,
    QUADRANT_MIDPOINT,
    Quadrant,
)
from desktop_app.views.partials.naming import named
from desktop_app.views.time_audit.task_table import CANDIDATE_COLOR, OTHER_COLOR


def _is_dark(widget: QWidget) -> bool:
    return widget.palette().window().color().lightness() < 128


MIDPOINT = float(QUADRANT_MIDPOINT)
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


class HoursByAreaChart(QWidget):
    """Stacked bars: each area's hours in the month, candidates highlighted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtCharts import QChart, QChartView

        named(self, "hoursByAreaChart", _("Hours by area"), _("Hours per area this month."))
        self.chart = QChart()
        self.chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        theme = QChart.ChartTheme
        self.chart.setTheme(theme.ChartThemeDark if _is_dark(self) else theme.ChartThemeLight)
        self.view = QChartView(self.chart)
        self.view.setObjectName("hoursByAreaView")
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self._values: dict[str, tuple[float, float]] = {}

    def set_areas(self, areas: list[AreaHours], title: str) -> None:
        from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QStackedBarSeries, QValueAxis

        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        ordered = list(areas)  # the biggest area first
        categories = [AREA_LABELS.get(a.area, a.area) for a in ordered]
        self._values = {
            AREA_LABELS.get(a.area, a.area): (a.candidate_minutes / 60, a.other_minutes / 60)
            for a in ordered
        }
        if not areas:
            self.chart.setTitle(_("{title}: no hours logged").format(title=title))
            return
        self.chart.setTitle(title)
        candidates = QBarSet(_("Candidates"))
        candidates.setColor(CANDIDATE_COLOR)
        others = QBarSet(_("Other tasks"))
        others.setColor(OTHER_COLOR)
        for area in ordered:
            candidates.append(area.candidate_minutes / 60)
            others.append(area.other_minutes / 60)
        series = QStackedBarSeries()
        series.setBarWidth(0.6)
        series.append(candidates)
        series.append(others)
        self.chart.addSeries(series)
        category_axis = QBarCategoryAxis()
        category_axis.append(categories)
        hours_axis = QValueAxis()
        hours_axis.setTitleText(_("Hours"))
        hours_axis.setLabelFormat("%.0f")
        hours_axis.setMin(0)
        hours_axis.setMax(max(a.total_minutes for a in areas) / 60 * 1.08)
        hours_axis.applyNiceNumbers()
        self.chart.addAxis(category_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(hours_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(category_axis)
        series.attachAxis(hours_axis)

    def values(self) -> dict[str, tuple[float, float]]:
        """Area label -> (candidate hours, other hours), as drawn."""
        return dict(self._values)


def _dot_pen(color: QColor, width: float) -> QPen:
    return QPen(color, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)


@dataclass(frozen=True)
class MatrixPoint:
    row: TaskRow
    center: QPointF
    radius: float


class ValueDrainMatrix(QWidget):
    """Each rated task with hours in the period, placed by its value to the
    business (up) against how much it drains the owner (right), in the four
    quadrants. Tasks with the same ratings spread around their spot (a
    sunflower pattern, biggest in the middle) instead of piling up, and a
    name is written only where it covers no other name and no other dot.

    Signals:
        task_clicked(int): the id of the task whose dot was clicked.
    """

    task_clicked = Signal(int)

    LABELLED = 14  # name the biggest dots only, so the matrix stays readable

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(
            self,
            "valueDrainMatrix",
            _("Value versus drain matrix"),
            _("Tasks placed by value to the business against how much they drain you."),
        )
        self.setMinimumSize(320, 220)
        self.setMouseTracking(True)
        self._rows: list[TaskRow] = []
        self._unplaced = 0
        self._points: list[MatrixPoint] = []
        self._labels: list[tuple[int, QRectF]] = []
        self._selected: int | None = None

    def set_rows(self, rows: list[TaskRow]) -> None:
        """Show `rows` (the table's visible rows): those with hours, rated."""
        with_hours = [row for row in rows if row.minutes > 0]
        self._rows = [row for row in with_hours if row.quadrant is not None]
        self._unplaced = len(with_hours) - len(self._rows)
        self._points = []
        self.update()

    def set_selected(self, task_id: int | None) -> None:
        self._selected = task_id
        self.update()

    def quadrant_counts(self) -> dict[Quadrant, int]:
        counts = dict.fromkeys(Quadrant, 0)
        for row in self._rows:
            if row.quadrant is not None:
                counts[row.quadrant] += 1
        return counts

    def shown_rows(self) -> list[TaskRow]:
        return list(self._rows)

    def points(self) -> list[MatrixPoint]:
        """Where each dot is drawn at the widget's present size."""
        return self._layout_points()

    def label_boxes(self) -> dict[int, QRectF]:
        """Task id -> the box its name was written in, at the last paint."""
        return dict(self._labels)

    def _plot_rect(self) -> QRectF:
        return QRectF(self.rect()).adjusted(44, 12, -12, -34)

    def _layout_points(self) -> list[MatrixPoint]:
        area = self._plot_rect()
        unit_x, unit_y = area.width() / 5, area.height() / 5
        biggest = max((row.minutes for row in self._rows), default=1)
        spots: dict[tuple[float, int], list[TaskRow]] = {}
        for row in self._rows:
            assert row.business_value is not None and row.drain is not None
            key = (float(row.drain), row.business_value)
            spots.setdefault(key, []).append(row)
        points = []
        for (task_drain, value), rows in spots.items():
            # The spot of the ratings, and the room around it: drains come in
            # half steps, values in whole ones. A rating of 3 belongs to the
            # upper half, so its room lies wholly on that side of the line.
            center_x, room_x = task_drain - 0.5, 0.22
            center_y, room_y = value - 0.5, 0.4
            if task_drain == MIDPOINT:
                center_x, room_x = center_x + 0.24, 0.2
            if value == MIDPOINT:
                center_y, room_y = center_y + 0.26, 0.22
            ordered = sorted(rows, key=lambda r: (-r.minutes, r.id))
            total = len(ordered)
            for index, row in enumerate(ordered):
                # Sunflower: even spread over the room, biggest in the middle.
                reach = math.sqrt(index / total) if total > 1 else 0.0
                angle = index * GOLDEN_ANGLE
                x = (center_x + room_x * reach * math.cos(angle)) * unit_x
                y = (center_y + room_y * reach * math.sin(angle)) * unit_y
                center = QPointF(area.left() + x, area.bottom() - y)
                radius = 3 + 11 * (row.minutes / biggest) ** 0.5
                points.append(MatrixPoint(row, center, radius))
        return points

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._points = []
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = self._plot_rect()
        self._draw_quadrants(painter, area)
        self._draw_axes(painter, area)
        if not self._rows:
            painter.drawText(
                area,
                Qt.AlignmentFlag.AlignCenter,
                _("Rate the tasks' value, dislike and pull-away to place them here.")
                if self._unplaced
                else _("No tasks with hours to show."),
            )
            self._labels = []
            return
        self._points = self._layout_points()
        self._draw_points(painter)
        self._draw_labels(painter, area)
        self._draw_legend(painter, area)

    def _draw_quadrants(self, painter: QPainter, area: QRectF) -> None:
        mid = area.center()  # ratings of 3 (of 1-5) sit on the middle lines
        left, top, right, bottom = area.left(), area.top(), area.right(), area.bottom()
        quadrants = {
            Quadrant.DELEGATE: QRectF(QPointF(mid.x(), top), QPointF(right, mid.y())),
            Quadrant.REPLACE: QRectF(mid, QPointF(right, bottom)),
            Quadrant.INVEST: QRectF(QPointF(left, mid.y()), QPointF(mid.x(), bottom)),
            Quadrant.PRODUCE: QRectF(QPointF(left, top), mid),
        }
        tints = {
            Quadrant.DELEGATE: QColor(232, 89, 12, 34),
            Quadrant.REPLACE: QColor(192, 57, 43, 26),
            Quadrant.INVEST: QColor(52, 152, 219, 26),
            Quadrant.PRODUCE: QColor(39, 174, 96, 30),
        }
        title_font = QFont(self.font())
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(self.palette().windowText().color())
        for kind, rect in quadrants.items():
            painter.fillRect(rect, tints[kind])
            side = (
                Qt.AlignmentFlag.AlignRight
                if kind in (Quadrant.DELEGATE, Quadrant.REPLACE)
                else Qt.AlignmentFlag.AlignLeft
            )
            painter.drawText(
                rect.adjusted(6, 4, -6, -4), Qt.AlignmentFlag.AlignTop | side, QUADRANT_LABELS[kind]
            )
        painter.setFont(self.font())

    def _draw_axes(self, painter: QPainter, area: QRectF) -> None:
        painter.setPen(QPen(self.palette().mid().color(), 1))
        painter.drawRect(area)
        painter.setPen(self.palette().windowText().color())
        painter.drawText(
            QRectF(area.left(), area.bottom() + 4, area.width(), 26),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            _("Drains you (dislike and pull-away) →"),
        )
        painter.save()
        painter.translate(14, area.center().y())
        painter.rotate(-90)
        painter.drawText(
            QRectF(-area.height() / 2, -10, area.height(), 20),
            Qt.AlignmentFlag.AlignCenter,
            _("Value to the business →"),
        )
        painter.restore()

    def _draw_points(self, painter: QPainter) -> None:
        # Dots of one colour and size are drawn in one call (round points of a
        # wide pen): a fixed number of calls whatever the number of tasks.
        groups: dict[tuple[bool, int], list[QPointF]] = {}
        for point in self._points:
            key = (point.row.worth_handing_off, round(point.radius))
            groups.setdefault(key, []).append(point.center)
        for (candidate, radius), centers in sorted(groups.items(), key=lambda g: -g[0][1]):
            color = QColor(CANDIDATE_COLOR if candidate else OTHER_COLOR)
            color.setAlpha(210)
            polygon = QPolygonF(centers)
            painter.setPen(_dot_pen(color.darker(140), 2 * radius + 2))
            painter.drawPoints(polygon)
            painter.setPen(_dot_pen(color, 2 * radius))
            painter.drawPoints(polygon)
        selected = next((p for p in self._points if p.row.id == self._selected), None)
        if selected is not None:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(self.palette().windowText().color(), 2))
            painter.drawEllipse(selected.center, selected.radius + 1.5, selected.radius + 1.5)

    def _draw_labels(self, painter: QPainter, area: QRectF) -> None:
        painter.setPen(self.palette().windowText().color())
        metrics = painter.fontMetrics()
        biggest = sorted(self._points, key=lambda p: -p.row.minutes)[: self.LABELLED]
        labelled = {point.row.id for point in biggest}
        dots = [
            (p.row.id, QRectF(p.center.x() - p.radius, p.center.y() - p.radius, 2 * p.radius,
                              2 * p.radius))
            for p in self._points
        ]  # fmt: skip
        self._labels = []
        # The selected task first, then the biggest: a name that would cover
        # another name or another dot is left out (its tooltip still names it).
        for point in sorted(
            self._points, key=lambda p: (p.row.id != self._selected, -p.row.minutes)
        ):
            if point.row.id not in labelled and point.row.id != self._selected:
                continue
            name = point.row.name if len(point.row.name) <= 24 else point.row.name[:23] + "…"
            box = self._free_place(point, QRectF(metrics.boundingRect(name)), area, dots)
            if box is not None:
                self._labels.append((point.row.id, box))
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, name)

    def _free_place(
        self,
        point: MatrixPoint,
        size: QRectF,
        area: QRectF,
        dots: list[tuple[int, QRectF]],
    ) -> QRectF | None:
        """A box for the point's name beside it (right, left, above, below)
        that stays in the plot and covers no name and no other dot."""
        width, height = size.width() + 2, size.height()
        gap = point.radius + 3
        x, y = point.center.x(), point.center.y()
        for left, top in (
            (x + gap, y - height / 2),
            (x - gap - width, y - height / 2),
            (x - width / 2, y - gap - height),
            (x - width / 2, y + gap),
        ):
            box = QRectF(left, top, width, height)
            if not area.contains(box):
                continue
            if any(box.intersects(taken) for _, taken in self._labels):
                continue
            if any(box.intersects(dot) for task_id, dot in dots if task_id != point.row.id):
                continue
            return box
        return None

    def _draw_legend(self, painter: QPainter, area: QRectF) -> None:
        metrics = painter.fontMetrics()
        y = area.bottom() + 4 + metrics.ascent() / 2 + 3
        x = area.left()
        for color, text in ((CANDIDATE_COLOR, "candidate"), (OTHER_COLOR, _("other task"))):
            painter.setBrush(color)
            painter.setPen(QPen(QColor(color).darker(140), 1))
            painter.drawEllipse(QPointF(x + 5, y), 5, 5)
            painter.setPen(self.palette().windowText().color())
            painter.drawText(QPointF(x + 14, y + metrics.ascent() / 2 - 1), text)
            x += 24 + metrics.horizontalAdvance(text)
        if self._unplaced:
            painter.drawText(
                QPointF(area.right() - metrics.horizontalAdvance(self.unplaced_text()), y + 4),
                self.unplaced_text(),
            )

    def unplaced_text(self) -> str:
        unplaced = self._unplaced
        return (
            count(
                unplaced,
                "{count} task with hours not rated: not placed",
                "{count} tasks with hours not rated: not placed",
            )
            if unplaced
            else ""
        )

    def point_at(self, position: QPointF) -> MatrixPoint | None:
        points = self._points or self._layout_points()
        hits = [
            p
            for p in points
            if (p.center - position).manhattanLength() <= p.radius + 4
        ]  # fmt: skip
        return min(hits, key=lambda p: p.radius, default=None)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        point = self.point_at(event.position())
        if point is not None:
            self.task_clicked.emit(point.row.id)
        super().mousePressEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            point = self.point_at(QPointF(event.pos()))
            if point is None:
                QToolTip.hideText()
            else:
                row = point.row
                assert row.quadrant is not None and row.drain is not None
                QToolTip.showText(
                    event.globalPos(),
                    _("{name}: {hours} h, value {value}, drain {drain}. {quadrant}: {hint}").format(
                        name=row.name,
                        hours=hours(row.minutes),
                        value=row.business_value,
                        drain=number(row.drain),
                        quadrant=_(QUADRANT_LABELS[row.quadrant]),
                        hint=_(QUADRANT_HINTS[row.quadrant]),
                    ),
                    self,
                )
            return True
        return super().event(event)
