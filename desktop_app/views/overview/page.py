"""The Overview tab: where the owner stands, and where to act, on one page.

Four figures across the top (hours handed off, hours still worth handing
off, monthly spend, check-ins due this week) and four lists below (check-ins
due; engagements to act on: confidence falling or lost, or the owner
checking in far more than agreed; briefs in draft; contractors waiting for a
decision). Every figure and every line opens the place to act on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QListView,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.formats import money
from desktop_app.models.text import count_of
from desktop_app.views.context import AppContext, Topic
from desktop_app.views.first_paint import after_next_frame
from desktop_app.views.overview.tiles import MetricTile
from desktop_app.views.partials.empty_state import EmptyState
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.plain_text import html_text, plain_label, rich_label
from desktop_app.views.partials.tab_page import TabPage
from desktop_app.views.partials.table_model import Column, RowTableModel
from desktop_app.views.partials.tones import ALERT, GOOD, MUTED, WARNING, set_tone, tone, tone_color

if TYPE_CHECKING:
    from desktop_app.models.engagements import EngagementRow
    from desktop_app.models.overview import Overview


@dataclass(frozen=True)
class AttentionItem:
    """One line of an Overview list and where it leads."""

    text: str
    tab: str
    target: Any
    tooltip: str = ""
    tone: str | None = None


class AttentionList(QWidget):
    """A titled list of items; a click (or Enter) opens the item's place.

    Attributes:
        view: the QListView; model: its RowTableModel of AttentionItems.
    """

    def __init__(
        self,
        ctx: AppContext,
        object_name: str,
        title: str,
        when_empty: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.title = title
        self.heading = plain_label()
        self.heading.setObjectName(f"{object_name}Heading")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.model: RowTableModel[AttentionItem] = RowTableModel(
            [
                Column(
                    title,
                    lambda item: item.text,
                    tooltip=lambda item: item.tooltip or None,
                    foreground=lambda item: tone_color(item.tone) if item.tone else None,
                )
            ],
            self,
        )
        self.view = named(QListView(), object_name, title, when_empty)
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setUniformItemSizes(True)
        self.view.setSpacing(3)
        self.view.setCursor(Qt.CursorShape.PointingHandCursor)
        self.view.clicked.connect(self._open)
        self.view.activated.connect(self._open)
        self.empty = plain_label(when_empty)
        self.empty.setObjectName(f"{object_name}Empty")
        self.empty.setWordWrap(True)
        set_tone(self.empty, MUTED)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.view)
        layout.addWidget(self.empty)
        layout.addStretch(1)

    # A list is as tall as its lines, up to this many (then it scrolls): two
    # lines never take the room of ten, so the whole Overview fits the window.
    MOST_LINES_SHOWN = 8

    def show_items(self, items: list[AttentionItem]) -> None:
        self.model.set_rows(items)
        self.heading.setText(f"{self.title} ({len(items)})" if items else self.title)
        self.view.setVisible(bool(items))
        self.empty.setVisible(not items)
        if items:
            lines = min(len(items), self.MOST_LINES_SHOWN)
            line = self.view.sizeHintForRow(0) + 2 * self.view.spacing()
            self.view.setFixedHeight(
                lines * line + 2 * self.view.frameWidth() + self.view.spacing()
            )

    def texts(self) -> list[str]:
        return [item.text for item in self.model.rows()]

    def _open(self, index: QModelIndex) -> None:
        item = self.model.row_at(index.row())
        self.ctx.navigate_requested.emit(item.tab, item.target)


def _hours(value: Decimal) -> str:
    return f"{value:,.1f} h" if value % 1 else f"{value:,.0f} h"


def _day(value: date) -> str:
    return f"{value:%a} {value.day} {value:%b}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class OverviewPage(TabPage):
    """The first tab. Reloads whenever any step's data changes.

    Signals:
        first_loaded(): the figures were loaded for the first time (just
            after the page was first painted, with placeholders).

    Attributes:
        tiles: the four figures, by key ("handed_off", "worth", "spend", "due").
        lists: the lists, by key ("due", "act", "drafts", "waiting", "questions").
        overview: what is shown (None until the first load).
    """

    topics = (
        Topic.SETTINGS,
        Topic.TASKS,
        Topic.CONTRACTORS,
        Topic.BRIEFS,
        Topic.ENGAGEMENTS,
        Topic.QUESTIONS,
        Topic.FOCUS,
    )
    first_loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        named(self, "overviewPage", "Overview")
        self.overview: Overview | None = None
        self.stack = QStackedWidget()
        self.empty_state = EmptyState(
            "Start by studying your month",
            "Offload sums up here what you have handed off, what is still worth handing "
            "off, what it costs, and what needs you this week. Begin with the time audit: "
            "log what takes your time for a month, or import it from Toggl, Clockify or "
            "Harvest.",
            "Open the time audit",
            object_name="overviewEmpty",
        )
        self.empty_state.action_triggered.connect(
            lambda: self.ctx.navigate_requested.emit("time_audit", None)
        )
        self.stack.addWidget(self._build_dashboard())
        self.stack.addWidget(self.empty_state)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        # The owner sees the window first, with placeholders; the figures
        # load just after the first frame that shows this page (a timer
        # queued now would run before it: see views/first_paint.py).
        self._show_placeholders()
        self._load_requested = False

    def _build_dashboard(self) -> QWidget:
        self.greeting = plain_label()
        self.greeting.setObjectName("overviewGreeting")
        font = self.greeting.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.greeting.setFont(font)
        self.doing_well = rich_label()
        self.doing_well.setObjectName("overviewDoingWell")
        self.doing_well.setWordWrap(True)
        self.doing_well.setTextFormat(Qt.TextFormat.RichText)
        self.doing_well.linkActivated.connect(self._open_link)
        # This month's paid against budget, and growth work against before the first hire.
        # Built from markup with no user text in it (amounts, hours, a link).
        self.money_line = named(rich_label(), "overviewMoney", "Paid against budget this month")
        self.focus_line = named(rich_label(), "overviewFocus", "Growth work this week")
        for line in (self.money_line, self.focus_line):
            line.setWordWrap(True)
            line.linkActivated.connect(self._open_link)

        self.tiles = {
            "handed_off": MetricTile("tileHandedOff", "a month handed off"),
            "worth": MetricTile("tileWorth", "a month still worth handing off"),
            "spend": MetricTile("tileSpend", "on contractors this month"),
            "due": MetricTile("tileCheckIns", "check-ins due this week"),
        }
        targets = {
            "handed_off": ("time_audit", None),
            "worth": ("time_audit", ("candidates", None)),
            "spend": ("engagements", None),
            "due": ("engagements", None),
        }
        tile_row = QHBoxLayout()
        for key, tile in self.tiles.items():
            tab, target = targets[key]
            tile.clicked.connect(
                lambda tab=tab, target=target: self.ctx.navigate_requested.emit(tab, target)
            )
            tile_row.addWidget(tile, 1)

        self.lists = {
            "due": AttentionList(
                self.ctx, "overviewDue", "Check-ins due this week",
                "No check-ins due this week: your contractors are working.",
            ),
            "act": AttentionList(
                self.ctx, "overviewAct", "Engagements to act on",
                "Nothing to act on: confidence is steady and you check in as agreed.",
            ),
            "drafts": AttentionList(
                self.ctx, "overviewDrafts", "Briefs in draft",
                "No brief in draft. Write one for a candidate task in the Briefs tab.",
            ),
            "waiting": AttentionList(
                self.ctx, "overviewWaiting", "Waiting for your decision",
                "Nobody is waiting for you: no interviews or trials open.",
            ),
            "questions": AttentionList(
                self.ctx, "overviewQuestions", "Questions waiting for your answer",
                "No question waits: every question your contractors asked has its answer.",
            ),
            "running": AttentionList(
                self.ctx, "overviewRunning", "Running your engagements",
                "Nothing to close: checklists done, access revoked, invoices paid.",
            ),
        }  # fmt: skip
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(14)
        for position, key in enumerate(("due", "act", "running", "drafts", "waiting", "questions")):
            grid.addWidget(self.lists[key], position // 2, position % 2)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(12)
        layout.addWidget(self.greeting)
        layout.addLayout(tile_row)
        layout.addWidget(self.money_line)
        layout.addWidget(self.focus_line)
        layout.addWidget(self.doing_well)
        layout.addLayout(grid)
        layout.addStretch(1)  # the room left goes below the lists, not between them
        scroll = QScrollArea()
        scroll.setObjectName("overviewScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        return scroll

    # Loading
    def _show_placeholders(self) -> None:
        """What the first frame shows while the figures load: the tiles' "…"
        and each list's title, with no claim yet that a list is empty."""
        self.greeting.setText("Loading your overview…")
        for attention in self.lists.values():
            attention.heading.setText(attention.title)
            attention.view.hide()
            attention.empty.hide()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._load_requested:
            self._load_requested = True
            after_next_frame(self, self._load_first)

    def _load_first(self) -> None:
        if not self.isVisible():
            # Hidden (another tab, the window closed) before its frame came:
            # it loads when it is shown again.
            self._load_requested = False
            return
        self.refresh()
        self.first_loaded.emit()

    def refresh(self) -> None:
        # Every step's models load here, after the window is on screen,
        # not when the window is built.
        from desktop_app.models.contractors import STAGE_LABELS, Stage
        from desktop_app.models.overview import load_overview

        today = date.today()
        overview = load_overview(today)
        self.overview = overview
        if overview.is_empty:
            self.stack.setCurrentWidget(self.empty_state)
            return
        self.stack.setCurrentIndex(0)
        settings = self.ctx.settings()
        name = settings.owner_name.split()[0] if settings.owner_name.strip() else ""
        self.greeting.setText(f"{today:%A} {today.day} {today:%B}" + (f", {name}" if name else ""))
        self._show_tiles(overview)
        self._show_doing_well(overview.doing_well)
        self.lists["due"].show_items([self._due_item(row, today) for row in overview.check_ins_due])
        self.lists["act"].show_items(
            [self._confidence_item(row) for row in overview.confidence_watch]
            + [self._micromanaging_item(row) for row in overview.micromanaging]
        )
        self.lists["drafts"].show_items(
            [
                AttentionItem(
                    f"{brief.title} · "
                    + (
                        f"{_plural(brief.open_findings, 'clarity finding')} to fix"
                        if brief.open_findings
                        else "clear: ready to finalise"
                    ),
                    "briefs",
                    ("brief", brief.id),
                    f"Last edited {_day(brief.updated_at.date())}",
                    WARNING if brief.open_findings else None,
                )
                for brief in overview.drafts
            ]
        )
        self.lists["waiting"].show_items(
            [
                AttentionItem(
                    f"{row.name} · {STAGE_LABELS[Stage(row.stage)].lower()}"
                    + (f" since {_day(row.since.date())}" if row.since else ""),
                    "contractors",
                    ("contractor", row.id),
                    "Decide: move them on, or let them go.",
                )
                for row in overview.waiting
            ]
        )
        self.lists["running"].show_items(running_items(overview))
        self.money_line.setText(money_html(overview))
        self.money_line.setVisible(bool(overview.spend.lines))
        self.focus_line.setText(focus_html(overview))
        self.focus_line.setVisible(overview.focus is not None and bool(overview.focus.weeks))
        self.lists["questions"].show_items(
            [
                AttentionItem(
                    f"{question.contractor}: {' '.join(question.text.split())}",
                    "engagements",
                    ("question", question.engagement_id),
                    f"Asked {_day(question.asked_on)} ({question.brief}): answer it, then "
                    "write the answer into the procedure or the brief.",
                    WARNING if (date.today() - question.asked_on).days > 2 else None,
                )
                for question in overview.questions
            ]
        )

    def _show_tiles(self, overview: Overview) -> None:
        summary = overview.outsourcing
        period = summary.period
        working_month = self.ctx.settings().hours_per_month
        share = 100 * summary.handed_off_hours / working_month
        self.tiles["handed_off"].show_figure(
            _hours(summary.handed_off_hours),
            f"{_plural(summary.handed_off_tasks, 'task')} in {period.short}"
            + (f" · {share:.0f}% of your working month" if summary.handed_off_minutes else ""),
            f"Your working month: {working_month:,.0f} h (File > Settings). Hours you "
            "still log on a task after handing it off are not counted as handed off.",
        )
        self.tiles["handed_off"].show_flag(
            f"You still did {_hours(summary.still_yours_hours)} of it yourself in {period.short}"
            if summary.still_yours_minutes
            else "",
            WARNING,
        )
        self.tiles["worth"].show_figure(
            _hours(summary.open_hours),
            f"worth {money(summary.open_worth, summary.currency, cents=False)} of your time"
            if summary.open_tasks
            else f"No candidates with hours in {period.short}",
            f"{_plural(summary.open_tasks, 'candidate task')} {period.phrase} at your "
            f"hourly value of {money(summary.hourly_value, summary.currency)}",
        )
        spend = overview.spend
        value = (
            " + ".join(
                money(amount, code, cents=False) for code, amount in sorted(spend.spend.items())
            )
            if spend.spend
            else "—"
        )
        working = [line for line in spend.lines if line.status != "ended"]
        if not spend.lines:
            detail = "" if spend.trials else "No one at work yet"
        elif not spend.estimated:
            detail = "all of it paid"
        elif not spend.paid:
            detail = "estimated from the rates: nothing paid yet"
        else:
            detail = f"{amounts(spend.paid)} paid, {amounts(spend.estimated)} estimated"
        if spend.unknown:
            detail += f"; {_plural(len(spend.unknown), 'engagement')} not known"
        if spend.trials:  # owed, not yet paid: in the spend, said apart
            trials = f"{amounts(spend.trial_pay)} for paid trials"
            detail = f"{detail}; {trials}" if detail else trials
        self.tiles["spend"].show_figure(
            value,
            detail,
            "\n".join(
                [
                    f"{line.contractor_name}: "
                    + (amounts(line.spend) if line.spend else "not known")
                    + f" ({line.spend_basis})"
                    for line in spend.lines
                ]
                + [
                    f"{trial.contractor_name}: {amounts({trial.currency: trial.pay})} "
                    f"({trial.basis})"
                    for trial in spend.trials
                ]
            )
            or f"{_plural(len(working), 'working engagement')}",
        )
        due = overview.check_ins_due
        overdue = sum(1 for row in due if row.overdue_days)
        self.tiles["due"].show_figure(
            str(len(due)), f"{overdue} overdue" if overdue else "none overdue"
        )
        set_tone(self.tiles["due"].value_label, ALERT if overdue else None)

    def _show_doing_well(self, rows: list[EngagementRow]) -> None:
        if not rows:
            self.doing_well.hide()
            return
        links = ", ".join(
            f'<a href="engagement:{row.id}">{html_text(row.contractor_name)}</a>' for row in rows
        )
        self.doing_well.setText(
            f'<span style="color:{tone(GOOD)}; font-weight:bold">Doing well:</span> {links}. '
            "Leave them to it."
        )
        self.doing_well.show()

    def _open_link(self, link: str) -> None:
        kind, _, value = link.partition(":")
        if kind == "engagement":
            self.ctx.navigate_requested.emit("engagements", ("engagement", int(value)))
        elif kind == "month":
            self.ctx.navigate_requested.emit("engagements", ("month", None))
        elif kind == "focus":
            self.ctx.navigate_requested.emit("time_audit", ("focus", None))

    @staticmethod
    def _due_item(row: EngagementRow, today: date) -> AttentionItem:
        from desktop_app.views.engagements.presentation import due_text

        return AttentionItem(
            f"{row.contractor_name} · {row.brief_title} · {due_text(row, today)}",
            "engagements",
            ("engagement", row.id),
            f"Agreed: a check-in every {count_of(row.cadence_days, 'day')}",
            ALERT if row.overdue_days else None,
        )

    @staticmethod
    def _confidence_item(row: EngagementRow) -> AttentionItem:
        trend = row.trend
        state = "confidence lost" if trend.lost else "confidence falling"
        return AttentionItem(
            f"{row.contractor_name} · {row.brief_title} · {state} ({trend.latest}/5)",
            "engagements",
            ("engagement", row.id),
            trend.reason or "Confidence is lower than it was.",
            ALERT if trend.lost else WARNING,
        )

    @staticmethod
    def _micromanaging_item(row: EngagementRow) -> AttentionItem:
        check = row.micromanagement
        return AttentionItem(
            f"{row.contractor_name} · {row.brief_title} · you check in more than agreed",
            "engagements",
            ("engagement", row.id),
            check.explanation() if check else "",
            WARNING,
        )

    # The main path, for `offload --smoke-test`.
    def smoke_test(self) -> None:
        self.refresh()
        if self.overview is None:
            raise RuntimeError("the Overview did not load")
        if not self.overview.is_empty and self.tiles["handed_off"].value_label.text() == "…":
            raise RuntimeError("the Overview's figures did not fill in")


def amounts(totals: dict[str, Decimal]) -> str:
    """Amounts in several currencies, never added: "$320 + €300"."""
    return " + ".join(money(amount, code, cents=False) for code, amount in sorted(totals.items()))


def money_html(overview: Overview) -> str:
    """This month's paid against the briefs' budgets, per currency, with a link
    to every engagement's month."""
    spend = overview.spend
    lines = spend.budget_lines()
    month = f"{spend.month:%B}"
    if not lines:
        text = f"<b>{month}:</b> paid {escape(amounts(spend.paid) or 'nothing')}; no budget set"
    else:
        parts = []
        for code, paid, budget in lines:
            left = budget - paid
            state = (
                f"{money(left, code)} left"
                if left >= 0
                else f'<span style="color:{tone(ALERT)}">over by {money(-left, code)}</span>'
            )
            parts.append(f"paid {money(paid, code)} of {money(budget, code)} budgeted ({state})")
        text = f"<b>{month}:</b> " + "; ".join(parts)
    return text + ' · <a href="month:">Budget against paid…</a>'


def focus_html(overview: Overview) -> str:
    """Growth work this week against the weeks before the first hire."""
    focus = overview.focus
    if focus is None:
        return ""
    last_week = next(
        (week.growth_minutes for week in reversed(focus.weeks) if week.week < focus.this_week),
        None,
    )
    text = f"<b>Growth work:</b> {_hours(focus.this_week_hours)} so far this week"
    if last_week is not None:
        text += f" ({_hours((Decimal(last_week) / 60).quantize(Decimal('0.1')))} last week)"
    before = focus.before_first_hire
    if focus.first_hire is None:
        text += "; no one hired yet"
    elif before.hours is None:
        text += f"; nothing logged before your first hire ({_day(focus.first_hire)})"
    else:
        text += (
            f", against {_hours(before.hours)} a week before your first hire "
            f"({_plural(before.weeks, 'week')} logged)"
        )
    if focus.priorities:
        done = sum(1 for item in focus.priorities if item.done_on)
        text += f" · priorities: {done} of {len(focus.priorities)} done"
    return text + ' · <a href="focus:">Your focus…</a>'


def running_items(overview: Overview) -> list[AttentionItem]:
    """Access left open after an ending, overdue invoices, then checklists with
    items open: each opens that part of the engagement."""
    today = overview.today
    items = [
        AttentionItem(
            f"{left.contractor_name} · ended, still has access: {', '.join(left.names)}",
            "engagements",
            ("access", left.engagement_id),
            f"{left.brief_title} ended"
            + (f" on {_day(left.end_date)}" if left.end_date else "")
            + ": revoke the access in the tool, then mark it revoked.",
            ALERT,
        )
        for left in overview.access_left_open
    ]
    items += [
        AttentionItem(
            f"{row.contractor_name} · invoice of {money(row.amount, row.currency)} overdue "
            f"{_plural(row.days_overdue(today), 'day')}",
            "engagements",
            ("payments", row.engagement_id),
            f"{row.brief_title}: dated {_day(row.invoiced_on)}, due {_day(row.due_date)}"
            + (f" ({row.reference})" if row.reference else "")
            + (f". {row.note}" if row.note else ""),
            ALERT,
        )
        for row in overview.overdue
    ]
    items += [
        AttentionItem(
            f"{checklist.contractor_name} · "
            f"{_plural(len(checklist.open_items), checklist.kind_label + ' item')}"
            f" open: {', '.join(checklist.open_items[:2])}"
            + ("…" if len(checklist.open_items) > 2 else ""),
            "engagements",
            ("checklists", checklist.engagement_id),
            f"{checklist.brief_title}: " + "; ".join(checklist.open_items),
            WARNING,
        )
        for checklist in overview.checklists
    ]
    return items
