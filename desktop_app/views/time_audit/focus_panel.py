"""Focus: what the owner did with the hours bought back (the Time audit's
"Focus" view).

At the top, this week's growth hours against the weekly average before the
first hire (the figure the Overview shows), and up to three growth
priorities for the week, each ticked when done. Then what counts as growth
work (tasks marked so in the table's menu, whole areas, and "your unique
input"), the growth hours a week before and after each hand-off, and "not
let go yet": hours still logged on a task after it was handed off, per
task and week. Everything from `focus.focus_report`; every edit undoable.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.engagements import day_text
from desktop_app.models.focus import (
    MAX_PRIORITIES,
    FocusReport,
    HandOffFigures,
    NotLetGo,
    PriorityRow,
    focus_report,
)
from desktop_app.models.formats import number
from desktop_app.models.i18n import _, count
from desktop_app.views.context import AppContext, Topic
from desktop_app.views.partials.feedback import StatusLine, run_edit
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.plain_text import plain_label
from desktop_app.views.partials.row_tables import row_table, selected_rows, show_rows
from desktop_app.views.partials.tab_page import TabPage
from desktop_app.views.partials.table_model import ALIGN_RIGHT, Column, RowTableModel
from desktop_app.views.partials.tones import ALERT, GOOD, WARNING, tone_color
from desktop_app.views.time_audit.focus_commands import (
    AddPriorityCommand,
    DeletePriorityCommand,
    EditPriorityCommand,
)
from desktop_app.views.undo import StoreCommand


def hours_text(minutes: Decimal | int | None) -> str:
    """ "3.5 h"; "–" for not known."""
    if minutes is None:
        return "–"
    return _("{hours} h").format(hours=number(Decimal(minutes) / 60, 1))


def average_text(minutes: Decimal | None, weeks: int) -> str:
    if minutes is None:
        return _("no week logged")
    return count(
        weeks, "{hours} a week ({count} week)", "{hours} a week ({count} weeks)",
        hours=hours_text(minutes),
    )  # fmt: skip


def summary_text(report: FocusReport) -> str:
    """This week's growth work against before the first hire, in words."""
    so_far = hours_text(report.this_week_minutes)
    before = report.before_first_hire
    if report.first_hire is None:
        return _(
            "Growth work this week: {hours} so far. Once you hire, this compares it with the "
            "weeks before."
        ).format(hours=so_far)
    hired = day_text(report.first_hire)
    if before.minutes is None:
        return _(
            "Growth work this week: {hours} so far; nothing was logged before your first hire "
            "({day})."
        ).format(hours=so_far, day=hired)
    return count(
        before.weeks,
        "Growth work this week: {hours} so far, against {before} a week before your first "
        "hire ({day}, over {count} week logged).",
        "Growth work this week: {hours} so far, against {before} a week before your first "
        "hire ({day}, over {count} weeks logged).",
        hours=so_far,
        before=hours_text(before.minutes),
        day=hired,
    )


class FocusPanel(TabPage):
    """The focus figures and this week's priorities.

    Attributes:
        report: what is shown (None until loaded).
    """

    topics = (Topic.FOCUS, Topic.TASKS, Topic.ENGAGEMENTS)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        # Reloads on these topics while shown, once shown again otherwise
        # (TabPage's mechanism); it first loads when first shown.
        super().__init__(ctx, parent)
        named(self, "focusPanel", _("Focus: what you did with the hours bought back"))
        self.report: FocusReport | None = None
        self._stale = True
        self.today = date.today()
        self.summary = named(plain_label(), "focusSummary", _("Growth work this week"))
        self.summary.setWordWrap(True)
        font = QFont(self.summary.font())
        font.setBold(True)
        self.summary.setFont(font)
        self.growth = named(plain_label(), "growthTasks", _("What counts as growth work"))
        self.growth.setWordWrap(True)
        self.message = StatusLine("focusMessage")
        # Two columns, so the view fits under the task table at 1280 x 800:
        # this week on the left, the hand-offs and what is not let go on the right.
        left = QVBoxLayout()
        left.addWidget(self.summary)
        left.addLayout(self._build_priorities())
        left.addWidget(self.growth)
        left.addWidget(self.message)
        left.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 4)
        layout.addLayout(self._build_tables(), 5)

    def _build_priorities(self) -> QVBoxLayout:
        self.priority_model: RowTableModel[PriorityRow] = RowTableModel(
            [
                Column(
                    _("Done"), lambda p: p.done_on is not None, checkable=True, commit=self._tick
                ),
                Column(
                    _("This week's growth priorities"),
                    lambda p: p.text,
                    edit_value=lambda p: p.text,
                    commit=lambda p, v: self._edit(p, {"text": v}, _("Reword a priority")),
                ),
            ],
            self,
        )
        self.priorities = row_table(
            "focusPriorities", _("This week's growth priorities"), self.priority_model, 1, self
        )
        # Room for the three a week, no more.
        height = self.priorities.verticalHeader().defaultSectionSize() * 3
        height += self.priorities.horizontalHeader().sizeHint().height() + 4
        self.priorities.setFixedHeight(height)
        self.priority_edit = named(
            QLineEdit(),
            "newPriority",
            _("New growth priority"),
            _("Enter adds it (three a week at most)"),
        )
        self.priority_edit.setPlaceholderText(
            _("A growth priority for this week: type it, press Enter")
        )
        self.priority_edit.returnPressed.connect(self.add_priority)
        self.drop_button = named(
            QPushButton(_("Drop")), "dropPriority", _("Drop the selected priority")
        )
        self.drop_button.clicked.connect(self.drop_selected)
        row = QHBoxLayout()
        row.addWidget(self.priority_edit, 1)
        row.addWidget(self.drop_button)
        column = QVBoxLayout()
        column.addWidget(self.priorities)
        column.addLayout(row)
        return column

    def _build_tables(self) -> QVBoxLayout:
        self.hand_off_model: RowTableModel[HandOffFigures] = RowTableModel(
            [
                Column(
                    _("Hand-off"),
                    lambda h: day_text(h.hand_off.day),
                    sort_key=lambda h: h.hand_off.day,
                ),
                Column(_("Who took over what"), lambda h: h.hand_off.label, tooltip=self._per_task),
                Column(
                    _("Growth before"),
                    lambda h: average_text(h.before.minutes, h.before.weeks),
                    align=ALIGN_RIGHT,
                ),
                Column(
                    _("Growth after"),
                    lambda h: average_text(h.after.minutes, h.after.weeks),
                    align=ALIGN_RIGHT,
                ),
                Column(
                    _("Change"),
                    lambda h: (
                        ""
                        if h.change_minutes is None
                        else ("+" if h.change_minutes >= 0 else "−")
                        + hours_text(abs(h.change_minutes))
                    ),
                    align=ALIGN_RIGHT,
                    foreground=lambda h: (
                        None
                        if h.change_minutes is None
                        else tone_color(GOOD if h.change_minutes >= 0 else ALERT)
                    ),
                ),
            ],
            self,
        )
        self.hand_offs = row_table(
            "focusHandOffs",
            _("Growth hours before and after each hand-off"),
            self.hand_off_model,
            1,
            self,
        )
        self.hand_offs.setEditTriggers(self.hand_offs.EditTrigger.NoEditTriggers)
        self.not_let_go_model: RowTableModel[NotLetGo] = RowTableModel(
            [
                Column(_("Week of"), lambda n: day_text(n.week), sort_key=lambda n: n.week),
                Column(_("Task handed off"), lambda n: n.task_name),
                Column(
                    _("You still did"),
                    lambda n: hours_text(n.minutes),
                    sort_key=lambda n: n.minutes,
                    align=ALIGN_RIGHT,
                    foreground=lambda n: tone_color(WARNING),
                ),
            ],
            self,
        )
        self.not_let_go = row_table(
            "notLetGo",
            _("Not let go yet: hours on tasks already handed off"),
            self.not_let_go_model,
            1,
            self,
        )
        self.not_let_go.setEditTriggers(self.not_let_go.EditTrigger.NoEditTriggers)
        column = QVBoxLayout()
        for title, table in (
            (
                _("Growth hours a week, before and after each hand-off (newest first)"),
                self.hand_offs,
            ),
            (_("Not let go yet: hours you still did on work handed off"), self.not_let_go),
        ):
            heading = plain_label(title)
            heading.setObjectName(f"{table.objectName()}Heading")
            font = QFont(heading.font())
            font.setBold(True)
            heading.setFont(font)
            heading.setWordWrap(True)
            table.setMinimumHeight(90)
            column.addWidget(heading)
            column.addWidget(table, 1)
        return column

    @staticmethod
    def _per_task(figures: HandOffFigures) -> str:
        lines = [
            f"{task.name}: {average_text(task.before.minutes, task.before.weeks)} → "
            f"{average_text(task.after.minutes, task.after.weeks)}"
            for task in figures.tasks
        ]
        return "\n".join(lines) or _("No growth work logged around this hand-off.")

    # Loading
    def refresh(self, today: date | None = None) -> None:
        self._stale = False
        self.today = today or date.today()
        report = focus_report(self.today)
        self.report = report
        self.summary.setText(summary_text(report))
        show_rows(self.priority_model, report.priorities)
        full = len(report.priorities) >= MAX_PRIORITIES
        self.priority_edit.setEnabled(not full)
        self.priority_edit.setPlaceholderText(
            _("Three priorities this week: finish or drop one to add another")
            if full
            else _("A growth priority for this week: type it, press Enter")
        )
        self.growth.setText(
            _(
                "Counted as growth work: {tasks}. Right-click a task in the table to count it "
                "or not."
            ).format(
                tasks="; ".join(
                    _("{task} ({reason})").format(task=task.name, reason=task.reason)
                    for task in report.growth_tasks
                )
            )
            if report.growth_tasks
            else _(
                "Nothing counts as growth work yet: right-click a task in the table and count "
                "it (tasks whose need is your unique input count on their own)."
            )
        )
        self.hand_off_model.set_rows(list(reversed(report.hand_offs)))
        self.not_let_go_model.set_rows(report.not_let_go)

    # Edits
    def _run(self, command: StoreCommand, done: str = "") -> bool:
        self.message.clear_message()
        return run_edit(command, self.message, done)

    def _tick(self, priority: PriorityRow, done: Any) -> str | None:
        on = self.today if done else None
        text = _("Tick a priority done") if done else _("Untick a priority")
        ok = self._run(EditPriorityCommand(self.ctx, priority.id, {"done_on": on}, text))
        return None if ok else self.message.message()

    def _edit(self, priority: PriorityRow, changes: dict, text: str) -> str | None:
        ok = self._run(EditPriorityCommand(self.ctx, priority.id, changes, text))
        return None if ok else self.message.message()

    def add_priority(self) -> bool:
        text = self.priority_edit.text()
        if self._run(AddPriorityCommand(self.ctx, self.today, text)):
            self.priority_edit.clear()
            return True
        return False

    def drop_selected(self) -> bool:
        chosen = selected_rows(self.priorities, self.priority_model)
        if not chosen:
            self.message.said(_("Select a priority to drop."))
            return False
        return self._run(
            DeletePriorityCommand(self.ctx, chosen[0].id),
            _("Dropped “{text}”. Undo (Ctrl+Z) puts it back.").format(text=chosen[0].text),
        )
