"""Results over time: a monthly figure the owner chooses (revenue, orders,
leads), typed in or imported from a CSV, plotted against the hours freed
and the spend of each month (the Time audit's "Results" view).

The chart (QtCharts, built on first show) draws the hours freed as bars
(right axis), the figure as a line (left axis) and the spend as a line in
the settings' currency (its own axis); the table below says the same in
numbers, and which months' spend is an estimate. From
`results.results_over_time`; every edit undoable.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.importers.results_csv import read_results_csv
from desktop_app.models.errors import UserError
from desktop_app.models.formats import money, month_year, number
from desktop_app.models.i18n import _, count
from desktop_app.models.results import (
    SUGGESTED_NAMES,
    ResultMonth,
    result_names,
    results_over_time,
)
from desktop_app.views.context import AppContext, Topic
from desktop_app.views.partials.dates import pydate
from desktop_app.views.partials.feedback import StatusLine, run_edit
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.plain_text import plain_label
from desktop_app.views.partials.row_tables import row_table
from desktop_app.views.partials.tab_page import TabPage
from desktop_app.views.partials.table_model import ALIGN_RIGHT, Column, RowTableModel
from desktop_app.views.time_audit.focus_commands import ImportResultsCommand, SetResultCommand
from desktop_app.views.undo import StoreCommand

MONTHS = 12


def _value(value: Any) -> str:
    return "" if value is None else f"{value:,.2f}".removesuffix(".00")


class ResultsPanel(TabPage):
    """The owner's monthly figure beside hours freed and spend.

    Attributes:
        months: what is shown, oldest first.
    """

    topics = (Topic.FOCUS, Topic.TASKS, Topic.ENGAGEMENTS, Topic.SETTINGS)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        # Reloads on these topics while shown, once shown again otherwise
        # (TabPage's mechanism); it first loads when first shown.
        super().__init__(ctx, parent)
        named(self, "resultsPanel", _("Results over time"))
        self.months: list[ResultMonth] = []
        self.today = date.today()
        self._stale = True
        self.chart_view: Any = None
        self.name_box = named(
            QComboBox(), "resultName", _("The figure"), _("Revenue, orders, leads…")
        )
        self.name_box.setEditable(True)
        self.name_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.name_box.currentTextChanged.connect(lambda *_args: self._load())
        self.month_edit = named(QDateEdit(), "resultMonth", _("Month"))
        self.month_edit.setDisplayFormat("MMM yyyy")
        self.month_edit.setCalendarPopup(True)
        self.month_edit.setDate(QDate.currentDate())
        self.value_edit = named(QLineEdit(), "resultValue", _("Value for the month"))
        self.value_edit.setPlaceholderText(_("Value (empty removes it)"))
        self.value_edit.returnPressed.connect(self.set_value)
        self.set_button = named(
            QPushButton(_("Set")), "setResult", _("Keep the value for the month")
        )
        self.set_button.clicked.connect(self.set_value)
        self.import_button = named(
            QPushButton(_("Import CSV…")), "importResults", _("A month and a value a row")
        )
        self.import_button.clicked.connect(self.choose_and_import)
        row = QHBoxLayout()
        figure_label = plain_label(_("&Figure:"))
        figure_label.setBuddy(self.name_box)
        row.addWidget(figure_label)
        row.addWidget(self.name_box, 1)
        row.addWidget(self.month_edit)
        row.addWidget(self.value_edit, 1)
        row.addWidget(self.set_button)
        row.addWidget(self.import_button)
        self.model: RowTableModel[ResultMonth] = RowTableModel(self._columns(), self)
        self.table = row_table("resultsTable", _("Month by month"), self.model, 0, self)
        self.table.setEditTriggers(self.table.EditTrigger.NoEditTriggers)
        self.table.setMinimumHeight(0)
        self.message = StatusLine("resultsMessage")
        self.chart_holder = QVBoxLayout()
        body = QHBoxLayout()
        body.addLayout(self.chart_holder, 3)
        body.addWidget(self.table, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addLayout(body, 1)

    def _columns(self) -> list[Column[ResultMonth]]:
        return [
            Column(_("Month"), lambda m: f"{m.month:%b %Y}", sort_key=lambda m: m.month),
            Column(
                _("Figure"),
                lambda m: _value(m.value),
                sort_key=lambda m: m.value,
                align=ALIGN_RIGHT,
            ),
            Column(
                _("Hours freed"),
                lambda m: _("{hours} h").format(hours=number(m.hours_freed, 1)),
                align=ALIGN_RIGHT,
            ),
            Column(
                _("Spend"),
                lambda m: (
                    money(m.spend.amount, m.spend.currency, cents=False)
                    + (_(" (est.)") if m.estimated else "")
                    if m.spend.amount is not None
                    else _("no rate for {names}").format(names=", ".join(m.spend.missing))
                ),
                align=ALIGN_RIGHT,
                tooltip=lambda m: (
                    _("Part of it estimated from the rates: nothing paid yet")
                    if m.estimated
                    else _("What was paid")
                ),
            ),
        ]

    def refresh(self, today: date | None = None) -> None:
        self._stale = False
        self.today = today or date.today()
        names = result_names()
        current = self.name_box.currentText().strip() or (names[0] if names else _("Revenue"))
        self.name_box.blockSignals(True)
        self.name_box.clear()
        self.name_box.addItems(list(dict.fromkeys([*names, *SUGGESTED_NAMES])))
        self.name_box.setCurrentText(current)
        self.name_box.blockSignals(False)
        self._load()

    def _load(self) -> None:
        name = self.name_box.currentText().strip()
        self.months = results_over_time(name or None, self.today, MONTHS)
        self.model.set_rows(self.months)
        self._draw(name)

    def _draw(self, name: str) -> None:
        from PySide6.QtCharts import (
            QBarCategoryAxis,
            QBarSeries,
            QBarSet,
            QChart,
            QChartView,
            QValueAxis,
        )

        if self.chart_view is None:
            chart = QChart()
            chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
            chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
            self.chart_view = QChartView(chart)
            self.chart_view.setObjectName("resultsChart")
            self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.chart_view.setMinimumHeight(220)
            self.chart_holder.addWidget(self.chart_view)
        chart = self.chart_view.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        categories = [f"{m.month:%b}" for m in self.months]
        axis_x = QBarCategoryAxis()
        axis_x.append(categories)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        freed = QBarSet(_("Hours freed"))
        freed.append([float(m.hours_freed) for m in self.months])
        bars = QBarSeries()
        bars.append(freed)
        chart.addSeries(bars)
        hours_axis = QValueAxis()
        hours_axis.setMin(0)
        hours_axis.setMax(max([float(m.hours_freed) for m in self.months] + [1]) * 1.15)
        hours_axis.applyNiceNumbers()
        hours_axis.setLabelFormat("%.0f h")
        chart.addAxis(hours_axis, Qt.AlignmentFlag.AlignRight)
        bars.attachAxis(axis_x)
        bars.attachAxis(hours_axis)
        # Lines sit on the bars' categories: positions 0..n-1 across the same width.
        line_x = QValueAxis()
        line_x.setRange(-0.5, len(self.months) - 0.5)
        line_x.setVisible(False)
        chart.addAxis(line_x, Qt.AlignmentFlag.AlignBottom)
        spend_title = (
            _("Spend ({currency})").format(currency=self.months[-1].spend.currency)
            if self.months
            else _("Spend")
        )
        for title, values, side in (
            (name or _("Figure"), [m.value for m in self.months], Qt.AlignmentFlag.AlignLeft),
            (spend_title, [m.spend.amount for m in self.months], Qt.AlignmentFlag.AlignRight),
        ):
            _add_line(chart, line_x, title, values, side)
        chart.setTitle(
            count(
                MONTHS,
                "{name} beside hours freed and spend, last {count} month",
                "{name} beside hours freed and spend, last {count} months",
                name=name,
            )
            if name
            else count(
                MONTHS,
                "Hours freed and spend, last {count} month",
                "Hours freed and spend, last {count} months",
            )
        )

    # Edits
    def _run(self, command: StoreCommand, done: str) -> bool:
        return run_edit(command, self.message, done)

    def set_value(self) -> bool:
        name = self.name_box.currentText()
        month = pydate(self.month_edit.date()).replace(day=1)
        value = self.value_edit.text()
        done = (
            _("{name} of {month}: {value}.").format(
                name=name.strip(), month=month_year(month), value=value.strip()
            )
            if value.strip()
            else _("No {name} for {month} any more.").format(
                name=name.strip(), month=month_year(month)
            )
        )
        if self._run(SetResultCommand(self.ctx, name, month, value), done):
            self.value_edit.clear()
            return True
        return False

    def choose_and_import(self) -> bool:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import a monthly figure"), str(Path.home()), _("CSV files (*.csv *.txt)")
        )
        return self.import_file(Path(path)) if path else False

    def import_file(self, path: Path) -> bool:
        """Read `path` (a month and a value a row) and keep what it holds in one
        undoable step; refused rows are listed with why."""
        try:
            found = read_results_csv(path)
        except UserError as error:
            self.message.refused(str(error))
            return False
        name = found.name or self.name_box.currentText().strip() or _("Revenue")
        refused = "; ".join(
            _("line {line}: {why}").format(line=line, why=why) for line, why in found.refused[:5]
        )
        if not found.values:
            self.message.refused(
                _("Nothing read from {name}. {refused}")
                .format(name=path.name, refused=refused)
                .strip()
            )
            return False
        done = count(
            len(found.values),
            "Imported {count} month of {name} from {file}.",
            "Imported {count} months of {name} from {file}.",
            name=name,
            file=path.name,
        )
        if found.refused:
            done += " " + count(
                len(found.refused),
                "{count} row not read: {why}",
                "{count} rows not read: {why}",
                why=refused,
            )
        if self._run(ImportResultsCommand(self.ctx, name, found.values), done):
            self.name_box.setCurrentText(name)
            return True
        return False


def _add_line(chart: Any, line_x: Any, title: str, values: list, side: Qt.AlignmentFlag) -> None:
    """A line of monthly values on an axis of its own (months without a value skipped)."""
    from PySide6.QtCharts import QLineSeries, QValueAxis

    known = [float(value) for value in values if value is not None]
    if not known:
        return
    series = QLineSeries()
    series.setName(title)
    series.setPointsVisible(True)
    for position, value in enumerate(values):
        if value is not None:
            series.append(position, float(value))
    chart.addSeries(series)
    axis = QValueAxis()
    if side == Qt.AlignmentFlag.AlignLeft:
        axis.setTitleText(title)  # the right-hand axes are told apart by the legend
    axis.setMin(min(0.0, *known))
    axis.setMax(max(known) * 1.15 or 1)
    axis.applyNiceNumbers()
    axis.setLabelFormat("%.0f")
    chart.addAxis(axis, side)
    series.attachAxis(line_x)
    series.attachAxis(axis)
