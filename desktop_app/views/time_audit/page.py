"""The Time audit tab: a month of work, which tasks to hand off, and what they are worth.

Layout, top to bottom: the month selector with search and filters; the
line "N h/month could be handed off, worth X"; the quick entry form; the
task table; and, below it, the selected task's entries, the hours-per-area
chart and the value-vs-drain matrix. A month loads with a fixed handful of
queries (`models.tasks.load_month`), whatever the number of tasks.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QPoint, QSettings, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.briefs import briefs_for_task
from desktop_app.models.errors import UserError
from desktop_app.models.focus import growth_areas, task_growth_mark
from desktop_app.models.formats import hours, money, month_year, number
from desktop_app.models.i18n import N_, _, count
from desktop_app.models.tasks import (
    AREA_LABELS,
    ROLLING_DAYS,
    MonthAudit,
    Override,
    Period,
    TaskRow,
    TaskStatus,
    audit_period,
    entries_for_task,
    load_month,
    month_period,
    month_start,
    months_with_entries,
    next_month,
    parse_month,
    previous_month,
    rolling_period,
    task_entry_count,
)
from desktop_app.models.text import fold
from desktop_app.models.time_audit_rules import (
    RATED_FIELDS,
    SCORE_HELP,
    buyback_explanation,
    divisor_in_words,
)
from desktop_app.models.versions import StaleEdit
from desktop_app.views.context import AppContext, Topic
from desktop_app.views.partials.empty_state import EmptyState
from desktop_app.views.partials.feedback import StatusLine, run_edit
from desktop_app.views.partials.layout_memory import (
    LayoutPart,
    offer_column_menu,
    restore_layout,
    save_layout,
)
from desktop_app.views.partials.lazy_tabs import put_in_tab
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.plain_text import (
    html_text,
    menu_text,
    message_box,
    plain_label,
    rich_label,
)
from desktop_app.views.partials.stale_edit import offer_for_command
from desktop_app.views.partials.tab_page import TabPage
from desktop_app.views.partials.tables import data_table, fit_columns
from desktop_app.views.partials.tones import WARNING, set_tone
from desktop_app.views.time_audit.commands import (
    CreateTaskCommand,
    DeleteTaskCommand,
    UpdateTaskCommand,
)
from desktop_app.views.time_audit.entries import EntriesPanel, QuickEntryForm
from desktop_app.views.time_audit.focus_commands import SetAreaGrowthCommand, SetTaskGrowthCommand
from desktop_app.views.time_audit.task_table import (
    DECISION,
    DISLIKE,
    NAME,
    NEED,
    NOTES,
    PULL_AWAY,
    QUADRANT,
    QUICK,
    SCORE,
    STATUS,
    VALUE,
    EditDelegate,
    TaskColumns,
    TaskTableModel,
    task_proxy,
)
from desktop_app.views.undo import StoreCommand, execute

if TYPE_CHECKING:
    from desktop_app.views.time_audit.charts import HoursByAreaChart, ValueDrainMatrix
    from desktop_app.views.time_audit.focus_panel import FocusPanel
    from desktop_app.views.time_audit.import_dialog import ImportDialog
    from desktop_app.views.time_audit.procedure_panel import ProcedurePanel
    from desktop_app.views.time_audit.results_panel import ResultsPanel

LAYOUT_KEY = "time_audit"
SETTINGS_PREFIX = LAYOUT_KEY + "/"
CSV_FILTER = N_("CSV files (*.csv *.txt);;All files (*)")
ENTRIES_TAB, PROCEDURE_TAB, CHART_TAB, MATRIX_TAB, FOCUS_TAB, RESULTS_TAB = range(6)
# Shown from the header's menu (right-click): the rest fit a 1280 px window.
HIDDEN_BY_DEFAULT = (DECISION, STATUS, QUADRANT, NOTES)
TASK_COLUMN_MAXIMUM = 170
# Longer words (German) narrow the widest columns down to this, cut with "…".
SQUEEZE_TO = 110


def _import_folder() -> Path:
    """Where the import's file dialog opens: the last folder used, else Downloads."""
    last = QSettings().value(SETTINGS_PREFIX + "importFolder", "")
    downloads = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
    for folder in (str(last or ""), downloads):
        if folder and Path(folder).is_dir():
            return Path(folder)
    return Path.home()


def _worth_handing_off(row: TaskRow) -> bool:
    # One function, not a new lambda at each call: the proxy skips a filter
    # pass when neither the search nor this filter changed.
    return row.worth_handing_off


class TimeAuditPage(TabPage):
    """The Time audit tab's content.

    Attributes:
        period: what is shown: a calendar month, or the last 30 days.
        month: the first day of the period shown.
        audit: the period as last loaded (rows, totals, area hours).
        model, proxy, table: the task table.
        form: the quick entry form; entries: the selected task's entries.
        chart, matrix: hours by area, and value against drain.
        headline, detail: "N h/month could be handed off, worth X" and its details.
        status_line: the last message (a refused edit, an import's result).
    """

    topics = (Topic.TASKS, Topic.SETTINGS, Topic.BRIEFS, Topic.PROCEDURES)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        named(self, "timeAuditPage", _("Time audit"))
        self.period: Period = rolling_period(date.today())
        self.audit: MonthAudit | None = None
        # The bottom tabs' panels but the entries, each built when first shown.
        self._panels: dict[int, QWidget] = {}
        self._build()
        self._restore_layout()
        self.period = audit_period(date.today())
        self.refresh()

    # Building -------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(self._build_top_bar())
        self.headline = named(plain_label(), "handOffHeadline", _("What could be handed off"))
        font = QFont(self.headline.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.headline.setFont(font)
        self.detail = named(
            plain_label(), "handOffDetail", _("Candidates, hours handed off, buyback rate")
        )
        self.detail.setWordWrap(True)
        layout.addWidget(self.headline)
        layout.addWidget(self.detail)
        self.rate_prompt = named(rich_label(), "ratePrompt", _("Tasks to rate"))
        self.rate_prompt.setWordWrap(True)
        self.rate_prompt.setTextFormat(Qt.TextFormat.RichText)
        self.rate_prompt.linkActivated.connect(self._rate_link)
        set_tone(self.rate_prompt, WARNING)
        self.rate_prompt.hide()
        self.still_yours_flag = named(
            plain_label(), "stillYoursFlag", _("Hours you still did on handed-off tasks")
        )
        self.still_yours_flag.setWordWrap(True)
        set_tone(self.still_yours_flag, WARNING)
        self.still_yours_flag.hide()
        layout.addWidget(self.rate_prompt)
        layout.addWidget(self.still_yours_flag)
        self.form = QuickEntryForm(self.ctx, self)
        self.form.logged.connect(self._on_logged)
        layout.addWidget(self.form)
        self.splitter = named(QSplitter(Qt.Orientation.Vertical), "timeAuditSplitter", _("Panels"))
        self.splitter.addWidget(self._build_table())
        self.splitter.addWidget(self._build_bottom())
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter, 1)
        self.status_line = StatusLine("timeAuditStatus")
        layout.addWidget(self.status_line)

    def _build_top_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.previous_button = named(
            QToolButton(), "previousMonth", _("Previous month"), _("Previous month (Alt+Left)")
        )
        self.previous_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.month_edit = named(
            QComboBox(),
            "monthSelector",
            _("Period"),
            _(
                "What to sum up: the last 30 days (a whole month's worth of days, whatever "
                "today's date), or a calendar month."
            ),
        )
        self.month_edit.setMinimumContentsLength(14)
        self.month_edit.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.next_button = named(
            QToolButton(), "nextMonth", _("Next month"), _("Next month (Alt+Right)")
        )
        self.next_button.setArrowType(Qt.ArrowType.RightArrow)
        self.search = named(
            QLineEdit(), "taskSearch", _("Search tasks"), _("Search tasks (Ctrl+F)")
        )
        self.search.setPlaceholderText(_("Search tasks (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.candidates_only = named(
            QCheckBox(_("Candidates only")),
            "candidatesOnly",
            _("Candidates only"),
            _("Show only the tasks worth handing off that are not handed off yet."),
        )
        self.new_task_button = named(QPushButton(_("New task")), "newTask", _("New task"))
        self.import_button = named(
            QPushButton(_("Import…")),
            "importTime",
            _("Import a time tracker export"),
            _("Import a Toggl Track, Clockify or Harvest detailed report (CSV)."),
        )
        for widget in (self.previous_button, self.month_edit, self.next_button):
            bar.addWidget(widget)
        bar.addSpacing(12)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.candidates_only)
        bar.addStretch(0)
        bar.addWidget(self.new_task_button)
        bar.addWidget(self.import_button)
        self.previous_button.clicked.connect(self.show_previous_month)
        self.next_button.clicked.connect(self.show_next_month)
        self.month_edit.activated.connect(self._period_chosen)
        self.search.textChanged.connect(self._apply_filters)
        self.candidates_only.toggled.connect(self._apply_filters)
        self.new_task_button.clicked.connect(self.start_new_task)
        self.import_button.clicked.connect(self.choose_and_import)
        for text, name, keys, slot in (
            (_("Previous month"), "actionPreviousMonth", "Alt+Left", self.show_previous_month),
            (_("Next month"), "actionNextMonth", "Alt+Right", self.show_next_month),
        ):
            action = QAction(text, self)
            action.setObjectName(name)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        return bar

    def _build_table(self) -> QWidget:
        columns, editors = TaskColumns(
            self._commit_task,
            lambda: self.audit.currency if self.audit else "USD",
            lambda: self.audit.buyback_rate if self.audit else Decimal(0),
        ).build()
        self.model = TaskTableModel(columns, self)
        self.proxy = task_proxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = data_table(
            "taskTable", _("Tasks"), self.proxy,
            description=_("Your tasks and their hours"),
            sortable=True, editable=True, stretch_last=False,
        )  # fmt: skip
        self.table.sortByColumn(SCORE, Qt.SortOrder.DescendingOrder)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setResizeContentsPrecision(60)
        # The layout is saved as the window closes (`save_layout`), not at each
        # change (a column fitted to its content is one).
        offer_column_menu(header, "columnsMenu", always_shown=(NAME,), changed=self.save_layout)
        self.delegate = EditDelegate(editors, self)
        self.delegate.refused.connect(self.show_error)
        self.table.setItemDelegate(self.delegate)
        # The selection, not the current index: it is up to date when the signal comes.
        self.table.selectionModel().selectionChanged.connect(self._on_current_changed)
        self.proxy.modelReset.connect(self._on_current_changed)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._task_menu)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)
        self.delete_action = QAction(_("Delete task…"), self)
        self.delete_action.setObjectName("actionDeleteTask")
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(self.delete_selected_task)
        self.table.addAction(self.delete_action)
        self.brief_action = QAction(_("Write a brief for this task…"), self)
        self.brief_action.setObjectName("actionWriteBrief")
        self.brief_action.triggered.connect(self.write_brief_for_selected)
        self.empty_state = EmptyState(
            _("Study where your month goes"),
            _(
                "Import last month's detailed report from Toggl Track, Clockify or Harvest, or log "
                "time above as you work: type a task's name, how long it took, and press Enter. "
                "The tasks worth handing off, and what they are worth, appear here."
            ),
            _("Import a time tracker export…"),
            object_name="timeAuditEmpty",
        )
        self.empty_state.action_triggered.connect(self.choose_and_import)
        self.table_stack = QStackedWidget()
        self.table_stack.setObjectName("taskTableStack")
        self.table_stack.addWidget(self.table)
        self.table_stack.addWidget(self.empty_state)
        return self.table_stack

    def _build_bottom(self) -> QWidget:
        self.bottom_tabs = named(QTabWidget(), "timeAuditViews", _("Entries and charts"))
        self.entries = EntriesPanel(self.ctx, self)
        self.entries.refused.connect(self.show_error)
        self.entries.accepted.connect(self._clear_error)
        self.bottom_tabs.addTab(self.entries, _("Entries"))
        # The other panels (the procedure, the charts; what the hours bought
        # back went to, and the results beside them, last) are built when
        # first shown: until then an empty page holds each one's place (`_panel`).
        for title in (
            _("Procedure"),
            _("Hours by area"),
            _("Value vs drain"),
            _("Focus"),
            _("Results"),
        ):
            self.bottom_tabs.addTab(QWidget(), title)
        self.bottom_tabs.currentChanged.connect(self._panel)
        # Focus and Results, built now (they load their figures when first
        # shown): the bottom pane is as tall as the tallest panel needs, which
        # the splitter must know from the start, or it would move when they
        # first show.
        self._panel(FOCUS_TAB)
        self._panel(RESULTS_TAB)
        corner = QWidget()
        row = QHBoxLayout(corner)
        row.setContentsMargins(0, 0, 4, 2)
        self.brief_button = named(
            QPushButton(_("Write a brief…")),
            "writeBrief",
            _("Write a brief for this task"),
            _("Open the Briefs tab with a new brief for the selected task."),
        )
        self.brief_button.clicked.connect(self.write_brief_for_selected)
        self.delete_button = named(
            QPushButton(_("Delete task…")), "deleteTask", _("Delete the selected task")
        )
        self.delete_button.clicked.connect(self.delete_selected_task)
        row.addWidget(self.brief_button)
        row.addWidget(self.delete_button)
        self.bottom_tabs.setCornerWidget(corner)
        return self.bottom_tabs

    def _panel(self, index: int) -> QWidget:
        """The bottom tab `index`'s panel, built (and filled) the first time."""
        if index == ENTRIES_TAB or index < 0:
            return self.entries
        built = self._panels.get(index)
        if built is not None:
            return built
        built = self._build_panel(index)
        self._panels[index] = built
        put_in_tab(self.bottom_tabs, index, built)
        self._fill_panel(index)
        return built

    def _build_panel(self, index: int) -> QWidget:
        if index == PROCEDURE_TAB:
            from desktop_app.views.time_audit.procedure_panel import ProcedurePanel

            procedure = ProcedurePanel(self.ctx, self)
            procedure.message.connect(
                lambda text, error: self.show_error(text) if error else self.show_message(text)
            )
            return procedure
        if index == CHART_TAB:
            from desktop_app.views.time_audit.charts import HoursByAreaChart

            return HoursByAreaChart(self)
        if index == MATRIX_TAB:
            from desktop_app.views.time_audit.charts import ValueDrainMatrix

            matrix = ValueDrainMatrix(self)
            matrix.task_clicked.connect(lambda task_id: self.open_target(("task", task_id)))
            return matrix
        if index == FOCUS_TAB:
            from desktop_app.views.time_audit.focus_panel import FocusPanel

            return FocusPanel(self.ctx, self)
        from desktop_app.views.time_audit.results_panel import ResultsPanel

        return ResultsPanel(self.ctx, self)

    def _fill_panel(self, index: int) -> None:
        """Show in a panel just built what the page shows now."""
        if index == CHART_TAB:
            self._show_chart()
        elif index == MATRIX_TAB:
            self._show_matrix()
            row = self.selected_row()
            self.matrix.set_selected(row.id if row else None)
        elif index == PROCEDURE_TAB:
            row = self.selected_row()
            self.procedure.show_task(row.id if row else None, row.name if row else "")

    @property
    def procedure(self) -> ProcedurePanel:
        return cast("ProcedurePanel", self._panel(PROCEDURE_TAB))

    @property
    def chart(self) -> HoursByAreaChart:
        return cast("HoursByAreaChart", self._panel(CHART_TAB))

    @property
    def matrix(self) -> ValueDrainMatrix:
        return cast("ValueDrainMatrix", self._panel(MATRIX_TAB))

    @property
    def focus(self) -> FocusPanel:
        return cast("FocusPanel", self._panel(FOCUS_TAB))

    @property
    def results(self) -> ResultsPanel:
        return cast("ResultsPanel", self._panel(RESULTS_TAB))

    # Layout memory ----------------------------------------------------------------

    def _layout_parts(self) -> dict[str, LayoutPart]:
        return {"header": self.table.horizontalHeader(), "splitter": self.splitter}

    def _restore_layout(self) -> None:
        restored = restore_layout(LAYOUT_KEY, self._layout_parts())
        self._header_restored = "header" in restored
        if not self._header_restored:
            # What fits at 1280 px; the header's menu shows the rest.
            for column in HIDDEN_BY_DEFAULT:
                self.table.setColumnHidden(column, True)
        tab = str(QSettings().value(SETTINGS_PREFIX + "bottomTab", ENTRIES_TAB))
        self.bottom_tabs.setCurrentIndex(int(tab) if tab.isdigit() else ENTRIES_TAB)

    def save_layout(self) -> None:
        save_layout(LAYOUT_KEY, self._layout_parts())
        QSettings().setValue(SETTINGS_PREFIX + "bottomTab", self.bottom_tabs.currentIndex())

    # Loading --------------------------------------------------------------------------

    @property
    def month(self) -> date:
        """The first day of the period shown."""
        return self.period.start

    @property
    def export_month(self) -> date:
        """The calendar month the exports write: the one shown, or, for the
        last 30 days, this month."""
        return month_start(self.period.end - timedelta(days=1))

    def set_period(self, period: Period) -> None:
        if period == self.period and self.audit is not None:
            return
        self.period = period
        self.refresh()

    def set_month(self, day: date) -> None:
        """Show the calendar month holding `day`."""
        self.set_period(month_period(day))

    def show_last_30_days(self) -> None:
        self.set_period(rolling_period(date.today()))

    def show_previous_month(self) -> None:
        """One step down the period list: the last 30 days, this month, the one before..."""
        this_month = month_start(date.today())
        if self.period.rolling:
            self.set_month(this_month)
        else:
            self.set_month(previous_month(self.period.start))

    def show_next_month(self) -> None:
        """One step up the list; after this month comes the last 30 days."""
        this_month = month_start(date.today())
        if self.period.rolling:
            return
        if self.period.start >= this_month:
            self.show_last_30_days()
        else:
            self.set_month(next_month(self.period.start))

    def _period_chosen(self, index: int) -> None:
        key = str(self.month_edit.itemData(index))
        if key == "rolling":
            self.show_last_30_days()
        else:
            self.set_month(parse_month(key))

    def _fill_period_list(self) -> None:
        """ "Last 30 days", then every month from this one back to the first
        with entries (and the one shown, if older)."""
        this_month = month_start(date.today())
        months = set(months_with_entries()) | {this_month}
        if not self.period.rolling:
            months.add(self.period.start)
        earliest = min(months)
        listed = []
        month = max(months)
        while month >= earliest:
            listed.append(month)
            month = previous_month(month)
        combo = self.month_edit
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(rolling_period(date.today()).label, "rolling")
        for month in listed:
            combo.addItem(month_year(month).capitalize(), f"{month:%Y-%m}")
        current = "rolling" if self.period.rolling else f"{self.period.start:%Y-%m}"
        combo.setCurrentIndex(max(combo.findData(current), 0))
        combo.blockSignals(False)
        self.next_button.setEnabled(not self.period.rolling)

    def refresh(self) -> None:
        """Reload the month: the table keeps its selection, sorting and filters."""
        selected = self.selected_task_id()
        if self.period.rolling:
            # The last 30 days end today, whatever day the tab was opened.
            self.period = rolling_period(date.today())
        audit = load_month(self.period)
        self.audit = audit
        self._fill_period_list()
        # A row never moves while the user works in the table: the order is
        # put right when they click a header or leave the table.
        self.model.sync_rows(audit.rows, resort=not self._user_in_table())
        self.table_stack.setCurrentWidget(self.empty_state if not audit.rows else self.table)
        # Nothing to show below an empty table: the empty state gets the room.
        self.bottom_tabs.setVisible(bool(audit.rows))
        if audit.rows and not self._header_restored:
            # Each column as wide as what it shows, a long task name cut at a width
            # that leaves the others room.
            fit_columns(self.table, maximum=TASK_COLUMN_MAXIMUM, squeeze_to=SQUEEZE_TO)
            self._header_restored = True
        self.form.set_tasks([(row.id, row.name, row.name_key) for row in audit.rows])
        self._update_summary()
        self._show_chart()
        self._show_matrix()
        if selected is not None and self.selected_task_id() != selected:
            self.select_task(selected)
        if self.selected_row() is None and self.proxy.rowCount():
            # Something to look at from the start: the best candidate's entries.
            self.table.selectRow(0)
        self._show_entries()

    def _update_summary(self) -> None:
        audit = self.audit
        assert audit is not None
        cap = money(audit.buyback_rate, audit.currency)
        value = money(audit.hourly_value, audit.currency, cents=False)
        divisor = number(audit.buyback_divisor.normalize())
        self.detail.setToolTip(buyback_explanation(audit.buyback_divisor))
        self._update_flags(audit)
        if not audit.rows:
            self.headline.setText(_("No tasks yet"))
            self.detail.setText(
                _(
                    "What you could hand off is priced at your hourly value, {value}/h: "
                    "set yours in File > Settings…"
                ).format(value=value)
            )
            return
        if audit.open_minutes:
            self.headline.setText(
                _("{hours} h/month could be handed off, worth {money}").format(
                    hours=hours(audit.open_minutes),
                    money=money(audit.open_worth, audit.currency),
                )
            )
        else:
            self.headline.setText(
                _("Nothing to hand off {period} yet: say what each task needs").format(
                    period=self.period.phrase
                )
            )
        parts = [
            count(
                audit.open_tasks,
                "{count} candidate with hours {period}",
                "{count} candidates with hours {period}",
                period=self.period.phrase,
            ),
            _("{hours} h logged").format(hours=hours(audit.logged_minutes)),
        ]
        if audit.handed_off_minutes:
            parts.append(
                _("{hours} h/month already handed off").format(
                    hours=hours(audit.handed_off_minutes)
                )
            )
        parts.append(
            _(
                "pay a contractor at most {cap}/h: your {value}/h ÷ {divisor}, the buyback "
                "divisor ({share} of your hour)"
            ).format(
                cap=cap,
                value=value,
                divisor=divisor,
                share=divisor_in_words(audit.buyback_divisor),
            )
        )
        self.detail.setText(" · ".join(parts))

    def _update_flags(self, audit: MonthAudit) -> None:
        """The prompt to rate new tasks, and hours still done after a hand-off."""
        unrated = [row for row in audit.rows if row.unrated]
        if unrated:
            first = unrated[0]
            names = ", ".join(html_text(row.name) for row in unrated[:3]) + (
                ", …" if len(unrated) > 3 else ""
            )
            heading = html_text(
                count(len(unrated), "{count} task not rated yet", "{count} tasks not rated yet")
            )
            link = html_text(_("Rate “{name}”").format(name=first.name))
            self.rate_prompt.setText(
                _(
                    "{heading} ({names}): say what each needs and rate it, so the audit can "
                    "tell whether to hand it off. {link}"
                ).format(
                    heading=f"<b>{heading}</b>",
                    names=names,
                    link=f'<a href="rate:{first.id}">{link}</a>',
                )
            )
        self.rate_prompt.setVisible(bool(unrated))
        still = [row for row in audit.rows if row.still_yours_minutes]
        if still:
            names = ", ".join(
                _("{name} ({hours} h)").format(name=row.name, hours=hours(row.still_yours_minutes))
                for row in still[:3]
            ) + (", …" if len(still) > 3 else "")
            self.still_yours_flag.setText(
                _(
                    "You still did {hours} h of handed-off work yourself {period}: {names}. "
                    "Those hours are not counted as handed off."
                ).format(
                    hours=hours(audit.still_yours_minutes), period=self.period.phrase, names=names
                )
            )
        self.still_yours_flag.setVisible(bool(still))

    def _rate_link(self, link: str) -> None:
        kind, _sep, value = link.partition(":")
        if kind == "rate" and value.isdigit():
            self.rate_task(int(value))

    def rate_task(self, task_id: int) -> None:
        """Select the task and open its first unrated cell's editor."""
        self.open_target(("task", task_id))
        row = self.selected_row()
        if row is None:
            return
        column = {
            "need": NEED,
            "dislike": DISLIKE,
            "pull_away": PULL_AWAY,
            "business_value": VALUE,
            "owner_has_expertise": QUICK,
        }
        first = next((key for key in RATED_FIELDS if getattr(row, key) is None), "need")
        index = self.table.currentIndex().siblingAtColumn(column[first])
        self.table.setFocus()
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        if first != "owner_has_expertise":
            self.table.edit(index)

    def _user_in_table(self) -> bool:
        focus = QApplication.focusWidget()
        return focus is not None and (focus is self.table or self.table.isAncestorOf(focus))

    def _focus_moved(self, old: QWidget | None, new: QWidget | None) -> None:
        # Leaving the table (not for one of its own editors) re-sorts it. The
        # application's focusChanged, not an event filter: it fires on focus
        # moves only, not on every event the table gets.
        table = self.table
        if old is not None and (old is table or table.isAncestorOf(old)):
            QTimer.singleShot(0, self, self._resort_if_left)

    def _resort_if_left(self) -> None:
        if not self._user_in_table() and self.table.state() != QAbstractItemView.State.EditingState:
            self.model.resort()
            if (index := self.table.currentIndex()).isValid():
                self.table.scrollTo(index)

    def _apply_filters(self) -> None:
        only = self.candidates_only.isChecked()
        # One filter pass for both (a keystroke filters every task once).
        self.proxy.set_filter(self.search.text(), _worth_handing_off if only else None)
        self._show_matrix()

    def visible_rows(self) -> list[TaskRow]:
        """The tasks the table shows, through the search and "Candidates only"."""
        if self.proxy.rowCount() == self.model.rowCount():
            return self.model.rows()  # nothing filtered out: no need to ask each row
        return self.proxy.shown_rows()

    def _show_chart(self) -> None:
        if CHART_TAB in self._panels and self.audit is not None:
            self.chart.set_areas(
                self.audit.area_hours,
                _("Hours by area {period}").format(period=self.period.phrase),
            )

    def _show_matrix(self) -> None:
        # The matrix shows what the table shows: the filter holds for both.
        if MATRIX_TAB in self._panels:
            self.matrix.set_rows(self.visible_rows())

    # Selection ------------------------------------------------------------------------

    def selected_row(self) -> TaskRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.proxy.data(rows[0], self.model.ROW_ROLE)

    def selected_task_id(self) -> int | None:
        row = self.selected_row()
        return row.id if row is not None else None

    def select_task(self, task_id: int) -> bool:
        position = self.model.row_of(task_id)
        if position is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(position, NAME))
        if not index.isValid():
            return False
        self.table.setCurrentIndex(index)
        self.table.selectRow(index.row())
        self.table.scrollTo(index)
        return True

    def _on_current_changed(self, *_args: Any) -> None:
        row = self.selected_row()
        if row is not None and not self.form.task_combo.hasFocus():
            self.form.set_task(row.name)
        self._show_entries()

    def _show_entries(self) -> None:
        row = self.selected_row()
        has_row = row is not None
        self.brief_button.setEnabled(has_row)
        self.delete_button.setEnabled(has_row)
        self.brief_action.setEnabled(has_row)
        if MATRIX_TAB in self._panels:
            self.matrix.set_selected(row.id if row else None)
        if PROCEDURE_TAB in self._panels:
            self.procedure.show_task(row.id if row else None, row.name if row else "")
        if row is None:
            self.entries.show_entries(None, _("Select a task to see its entries."), [])
            return
        entries = entries_for_task(row.id, self.period)
        period = (
            _("last {count} days").format(count=ROLLING_DAYS)
            if self.period.rolling
            else self.period.label
        )
        if entries:
            title = count(
                len(entries),
                "{task}, {period}: {hours} h in {count} entry",
                "{task}, {period}: {hours} h in {count} entries",
                task=row.name,
                period=period,
                hours=hours(row.logged_minutes),
            )
        else:
            title = _("{task}, {period}: no entries").format(task=row.name, period=period)
        if row.still_yours_minutes:
            title = _("{first} · handed off, yet you still did {hours} h of this yourself").format(
                first=title, hours=hours(row.still_yours_minutes)
            )
        self.entries.show_entries(row.id, title, entries)

    # Edits ------------------------------------------------------------------------------

    def _commit_task(self, row: TaskRow, changes: dict[str, Any], text: str) -> str | None:
        command = UpdateTaskCommand(self.ctx, row.id, changes, text)
        try:
            execute(command)
        except StaleEdit as error:
            # Someone else saved the task since: theirs beside yours, to choose.
            offer_for_command(self, command, error, lambda: run_edit(command, self.status_line))
            return str(error)
        except UserError as error:
            return str(error)
        self.show_message("")
        return None

    def show_error(self, message: str) -> None:
        self.status_line.refused(message)

    def _clear_error(self) -> None:
        """A value put right: the error line about it goes."""
        if self.status_line.kind == "error":
            self.show_message("")

    def show_message(self, message: str) -> None:
        self.status_line.said(message)

    def _on_logged(self, message: str, task_id: int) -> None:
        self.show_message(message)
        if task_id:
            self.select_task(task_id)

    def start_new_task(self) -> None:
        """Add a task named "New task" (numbered if taken) and start editing its name."""
        taken = {row.name_key for row in (self.audit.rows if self.audit else [])}
        name, number = _("New task"), 1
        while fold(name) in taken:
            number += 1
            name = _("New task {number}").format(number=number)
        command = CreateTaskCommand(self.ctx, name)
        if not run_edit(command, self.status_line):
            return
        self.search.clear()
        self.candidates_only.setChecked(False)
        if command.task_id is not None and self.select_task(command.task_id):
            self.table.setFocus()
            self.table.edit(self.table.currentIndex().siblingAtColumn(NAME))

    def set_selected_decision(self, override: str | None, status: str | None = None) -> None:
        row = self.selected_row()
        if row is None:
            return
        changes: dict[str, Any] = {"status": status} if status else {"override": override}
        self.show_error(
            self._commit_task(row, changes, _("Change decision of “{name}”").format(name=row.name))
            or ""
        )

    def delete_selected_task(self) -> None:
        """Delete the selected task; one with time entries asks first. Undoable."""
        row = self.selected_row()
        if row is None:
            return
        entries = task_entry_count(row.id)
        if entries == 0:
            self._delete_task(row.id, row.name)
            return
        box = message_box(
            self,
            QMessageBox.Icon.Question,
            _("Delete task"),
            count(
                entries,
                "Delete “{name}” and its {count} time entry?",
                "Delete “{name}” and its {count} time entries?",
                name=row.name,
            ),
            QMessageBox.StandardButton.NoButton,
        )
        box.setObjectName("confirmDeleteTask")
        box.setInformativeText(_("You can undo this with Edit > Undo (Ctrl+Z)."))
        delete = box.addButton(_("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        delete.setObjectName("confirmDelete")
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(
            lambda _result: (
                self._delete_task(row.id, row.name) if box.clickedButton() is delete else None
            )
        )
        box.open()

    def _delete_task(self, task_id: int, name: str) -> None:
        run_edit(
            DeleteTaskCommand(self.ctx, task_id, name),
            self.status_line,
            _("Deleted “{name}”. Edit > Undo (Ctrl+Z) puts it back.").format(name=name),
        )

    def write_brief_for_selected(self) -> None:
        """Ask the Briefs tab for a new brief for the selected task."""
        task_id = self.selected_task_id()
        if task_id is not None:
            self.ctx.navigate_requested.emit("briefs", ("new_for_task", task_id))

    def _task_menu(self, position: QPoint) -> None:
        row = self.selected_row()
        if row is None:
            return
        menu = QMenu(self)
        menu.setObjectName("taskMenu")
        menu.addAction(self.brief_action)
        for brief_id, title in briefs_for_task(row.id):
            show = menu.addAction(menu_text(_("Show the brief “{title}”").format(title=title)))
            show.setObjectName(f"actionShowBrief_{brief_id}")
            show.triggered.connect(
                lambda _checked=False, b=brief_id: self.ctx.navigate_requested.emit(
                    "briefs", ("brief", b)
                )
            )
        log = menu.addAction(_("Log time for this task"))
        log.setObjectName("actionLogTimeForTask")
        log.triggered.connect(lambda: self.focus_entry_form(row.name))
        menu.addSeparator()
        self._procedure_actions(menu)
        menu.addSeparator()
        for name, text, override, status in (
            ("actionOutsourceTask", _("Hand it off (outsource)"), Override.OUTSOURCE.value, None),
            ("actionKeepTask", _("Keep it myself"), None, TaskStatus.KEPT.value),
            ("actionHandedOffTask", _("Mark as handed off"), None, TaskStatus.HANDED_OFF.value),
            ("actionTaskByTheRules", _("Back to the rules"), "", None),
        ):
            action = menu.addAction(text)
            action.setObjectName(name)
            action.triggered.connect(
                lambda _checked=False, o=override, s=status: self.set_selected_decision(o, s)
            )
        menu.addSeparator()
        self._growth_actions(menu, row)
        menu.addSeparator()
        menu.addAction(self.delete_action)
        menu.popup(self.table.viewport().mapToGlobal(position))

    def _growth_actions(self, menu: QMenu, row: TaskRow) -> None:
        """Whether the task, or its whole area, counts as growth work."""
        growth = menu.addMenu(_("Growth work"))
        growth.setObjectName("growthMenu")
        mark = task_growth_mark(row.id)
        for name, text, value in (
            ("actionGrowthYes", _("Counts as growth work"), True),
            ("actionGrowthNo", _("Does not count as growth work"), False),
            ("actionGrowthRules", _("As its area and need say"), None),
        ):
            action = growth.addAction(text)
            action.setObjectName(name)
            action.setCheckable(True)
            action.setChecked(mark is value)
            action.triggered.connect(
                lambda _checked=False, v=value: self._run_focus(
                    SetTaskGrowthCommand(self.ctx, row.id, v, row.name)
                )
            )
        growth.addSeparator()
        label = _(AREA_LABELS.get(row.area, row.area))
        area_on = row.area in growth_areas()
        area = growth.addAction(_("The whole area {label} counts").format(label=label))
        area.setObjectName("actionGrowthArea")
        area.setCheckable(True)
        area.setChecked(area_on)
        area.triggered.connect(
            lambda _checked=False: self._run_focus(
                SetAreaGrowthCommand(self.ctx, row.area, not area_on, label)
            )
        )

    def _run_focus(self, command: StoreCommand) -> bool:
        return run_edit(
            command,
            self.status_line,
            _("{text}. The Focus view counts it.").format(text=command.text()),
        )

    def _procedure_actions(self, menu: QMenu) -> None:
        """The task's procedure: show it, record it, import or export it."""
        has_procedure = self.procedure.procedure_id is not None
        for name, text, slot, enabled in (
            ("actionShowProcedure", _("Show its procedure"), self.show_procedure, True),
            (
                "actionRecordProcedure",
                _("Record yourself doing it…"),
                self.procedure.open_recorder,
                True,
            ),
            (
                "actionImportProcedure",
                _("Import its procedure from Markdown…"),
                self.procedure.choose_and_import,
                True,
            ),
            (
                "actionExportProcedure",
                _("Export its procedure (PDF or Markdown)…"),
                self.procedure.choose_and_export,
                has_procedure,
            ),
        ):
            action = menu.addAction(text)
            action.setObjectName(name)
            action.setEnabled(enabled)
            action.triggered.connect(lambda _checked=False, act=slot: self._on_procedure_tab(act))

    def _on_procedure_tab(self, act: Callable[[], object]) -> None:
        self.show_procedure()
        act()

    def show_procedure(self) -> None:
        self.bottom_tabs.setCurrentWidget(self.procedure)

    # Import and export ----------------------------------------------------------------

    def choose_and_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import a time tracker export"), str(_import_folder()), _(CSV_FILTER)
        )
        if path:
            QSettings().setValue(SETTINGS_PREFIX + "importFolder", str(Path(path).parent))
            self.open_import(Path(path))

    def open_import(self, path: Path) -> ImportDialog | None:
        # The importer loads when first used, not with the tab.
        from desktop_app.views.time_audit.import_dialog import ImportDialog

        """Preview `path`; a file that cannot be read is explained and nothing changes."""
        try:
            dialog = ImportDialog(self.ctx, path, self)
        except UserError as error:
            self._warn(_("Cannot import this file"), str(error))
            return None
        dialog.accepted.connect(lambda: self._after_import(dialog))
        dialog.open()
        return dialog

    def _after_import(self, dialog: ImportDialog) -> None:
        preview = dialog.preview
        command = dialog.command
        if command is None:
            return
        self.search.clear()
        self.candidates_only.setChecked(False)
        self.table.sortByColumn(SCORE, Qt.SortOrder.DescendingOrder)
        if preview.main_month is not None:
            self.set_month(preview.main_month)
        # The month's best candidate, not whatever the intermediate reload kept.
        self.table.selectRow(0)
        self.table.scrollToTop()
        new = len(command.outcome.task_ids)
        message = count(
            len(command.outcome.entry_ids),
            "Imported {count} time entry ({hours} h) from {name}.",
            "Imported {count} time entries ({hours} h) from {name}.",
            hours=hours(preview.total_minutes),
            name=dialog.path.name,
        )
        if new:
            message += " " + count(
                new,
                "{count} new task: what each needs is guessed from its name; check the Needs "
                "column, the ranking depends on it.",
                "{count} new tasks: what each needs is guessed from its name; check the Needs "
                "column, the ranking depends on it.",
            )
        assert self.audit is not None
        message += " " + _(
            "Worth is figured at your hourly value, {rate}/h (File > Settings…)."
        ).format(rate=money(self.audit.hourly_value, self.audit.currency, cents=False))
        self.show_message(message)

    def _warn(self, title: str, text: str) -> QMessageBox:
        ok = QMessageBox.StandardButton.Ok
        box = message_box(self, QMessageBox.Icon.Warning, title, text, ok)
        box.setObjectName("timeAuditWarning")
        box.open()
        return box

    def choose_and_export_tasks(self) -> None:
        suggested = Path.home() / f"offload-tasks-{self.export_month:%Y-%m}.csv"
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("Export tasks of {month}").format(month=month_year(self.export_month)),
            str(suggested),
            _(CSV_FILTER),
        )
        if path:
            self.export_tasks(Path(path))

    def export_tasks(self, path: Path) -> bool:
        from desktop_app.exporters.tasks_csv import export_tasks_csv

        try:
            rows = export_tasks_csv(path, self.export_month)
        except UserError as error:
            self._warn(_("Export failed"), str(error))
            return False
        self.show_message(
            count(
                rows,
                "Exported {count} task with hours for {month} to {path}.",
                "Exported {count} tasks with hours for {month} to {path}.",
                month=month_year(self.export_month),
                path=path,
            )
        )
        return True

    def choose_and_export_entries(self) -> None:
        suggested = Path.home() / f"offload-time-entries-{self.export_month:%Y-%m}.csv"
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("Export time entries of {month}").format(month=month_year(self.export_month)),
            str(suggested),
            _(CSV_FILTER),
        )
        if path:
            self.export_entries(Path(path))

    def export_entries(self, path: Path) -> bool:
        from desktop_app.exporters.tasks_csv import export_entries_csv

        try:
            rows = export_entries_csv(path, self.export_month)
        except UserError as error:
            self._warn(_("Export failed"), str(error))
            return False
        self.show_message(
            count(
                rows,
                "Exported {count} time entry of {month} to {path}.",
                "Exported {count} time entries of {month} to {path}.",
                month=month_year(self.export_month),
                path=path,
            )
        )
        return True

    # Commands of the tab (menus), navigation, search ---------------------------------

    def focus_entry_form(self, task_name: str = "") -> None:
        if task_name:
            self.form.set_task(task_name)
        elif (row := self.selected_row()) is not None:
            self.form.set_task(row.name)
        target = self.form.duration_edit if self.form.task_combo.currentText() else None
        (target or self.form.task_combo).setFocus()

    def show_candidates(self) -> None:
        self.open_target(("candidates", None))

    def show_score_help(self) -> QMessageBox:
        box = message_box(
            self,
            QMessageBox.Icon.Information,
            _("How the outsourcing score works"),
            "",
            QMessageBox.StandardButton.Close,
        )
        box.setObjectName("scoreHelp")
        box.setTextFormat(Qt.TextFormat.RichText)  # our own text, no user text in it
        box.setText(SCORE_HELP)
        box.open()
        return box

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def open_target(self, target: Any) -> None:
        """("task", id): select and show that task. ("candidates", None): this
        month's candidates, best first. ("focus", None): the focus figures."""
        if not isinstance(target, tuple) or len(target) != 2:
            return
        kind, value = target
        if kind == "focus":
            self.bottom_tabs.setCurrentWidget(self.focus)
            return
        if kind == "candidates":
            # The period the Overview's figure sums up.
            self.set_period(audit_period(date.today()))
            self.search.clear()
            self.candidates_only.setChecked(True)
            self.table.sortByColumn(SCORE, Qt.SortOrder.DescendingOrder)
            self.table.setFocus()
        elif kind == "procedure" and isinstance(value, int):
            self.open_target(("task", value))
            if self.selected_task_id() == value:
                self.show_procedure()
        elif kind == "task" and isinstance(value, int):
            if self.select_task(value):
                self.bottom_tabs.setCurrentIndex(ENTRIES_TAB)
                return
            # Hidden by the search or the filter: clear them and try again.
            self.search.clear()
            self.candidates_only.setChecked(False)
            if self.select_task(value):
                self.bottom_tabs.setCurrentIndex(ENTRIES_TAB)
            else:
                self.show_error(_("That task no longer exists."))

    def smoke_test(self) -> None:
        """The main path, headless: load, filter, select, chart, matrix."""
        self.refresh()
        if not self.audit or not self.audit.rows:
            raise RuntimeError("the time audit shows no tasks")
        self.candidates_only.setChecked(True)
        if not 0 < self.proxy.rowCount() <= self.model.rowCount():
            raise RuntimeError("the candidates filter shows nothing")
        self.table.selectRow(0)
        if self.selected_row() is None or "handed off" not in self.headline.text():
            raise RuntimeError("selecting a candidate failed")
        if not self.chart.values():
            raise RuntimeError("the hours-by-area chart is empty")
        if not self.matrix.shown_rows():
            raise RuntimeError("the value-vs-drain matrix is empty")
        self.candidates_only.setChecked(False)
