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

from desktop_app.models.formats import (
    integer,
    long_weekday_day,
    money,
    month_name,
    number,
    percent,
    weekday_day,
)
from desktop_app.models.i18n import _, count
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
        self.heading.setText(
            _("{title} ({count})").format(title=self.title, count=integer(len(items)))
            if items
            else self.title
        )
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
    return _("{hours} h").format(hours=number(value, 1 if value % 1 else 0))


def _day(value: date) -> str:
    return weekday_day(value)


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
        named(self, "overviewPage", _("Overview"))
        self.overview: Overview | None = None
        self.stack = QStackedWidget()
        self.empty_state = EmptyState(
            _("Start by studying your month"),
            _(
                "Offload sums up here what you have handed off, what is still worth handing "
                "off, what it costs, and what needs you this week. Begin with the time audit: "
                "log what takes your time for a month, or import it from Toggl, Clockify or "
                "Harvest."
            ),
            _("Open the time audit"),
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
        self.money_line = named(rich_label(), "overviewMoney", _("Paid against budget this month"))
        self.focus_line = named(rich_label(), "overviewFocus", _("Growth work this week"))
        for line in (self.money_line, self.focus_line):
            line.setWordWrap(True)
            line.linkActivated.connect(self._open_link)

        self.tiles = {
            "handed_off": MetricTile("tileHandedOff", _("a month handed off")),
            "worth": MetricTile("tileWorth", _("a month still worth handing off")),
            "spend": MetricTile("tileSpend", _("on contractors this month")),
            "due": MetricTile("tileCheckIns", _("check-ins due this week")),
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
                self.ctx, "overviewDue", _("Check-ins due this week"),
                _("No check-ins due this week: your contractors are working."),
            ),
            "act": AttentionList(
                self.ctx, "overviewAct", _("Engagements to act on"),
                _("Nothing to act on: confidence is steady and you check in as agreed."),
            ),
            "drafts": AttentionList(
                self.ctx, "overviewDrafts", _("Briefs in draft"),
                _("No brief in draft. Write one for a candidate task in the Briefs tab."),
            ),
            "waiting": AttentionList(
                self.ctx, "overviewWaiting", _("Waiting for your decision"),
                _("Nobody is waiting for you: no interviews or trials open."),
            ),
            "questions": AttentionList(
                self.ctx, "overviewQuestions", _("Questions waiting for your answer"),
                _("No question waits: every question your contractors asked has its answer."),
            ),
            "running": AttentionList(
                self.ctx, "overviewRunning", _("Running your engagements"),
                _("Nothing to close: checklists done, access revoked, invoices paid."),
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
        self.greeting.setText(_("Loading your overview…"))
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
        day = long_weekday_day(today)
        self.greeting.setText(_("{day}, {name}").format(day=day, name=name) if name else day)
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
                    (
                        count(
                            brief.open_findings,
                            "{title} · {count} clarity finding to fix",
                            "{title} · {count} clarity findings to fix",
                            title=brief.title,
                        )
                        if brief.open_findings
                        else _("{title} · clear: ready to finalise").format(title=brief.title)
                    ),
                    "briefs",
                    ("brief", brief.id),
                    _("Last edited {day}").format(day=_day(brief.updated_at.date())),
                    WARNING if brief.open_findings else None,
                )
                for brief in overview.drafts
            ]
        )
        self.lists["waiting"].show_items(
            [
                AttentionItem(
                    (
                        _("{name} · {stage} since {day}") if row.since else _("{name} · {stage}")
                    ).format(
                        name=row.name,
                        stage=_(STAGE_LABELS[Stage(row.stage)]),
                        day=_day(row.since.date()) if row.since else "",
                    ),
                    "contractors",
                    ("contractor", row.id),
                    _("Decide: move them on, or let them go."),
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
                    _(
                        "Asked {day} ({brief}): answer it, then "
                        "write the answer into the procedure or the brief."
                    ).format(day=_day(question.asked_on), brief=question.brief),
                    WARNING if (date.today() - question.asked_on).days > 2 else None,
                )
                for question in overview.questions
            ]
        )

    def _show_tiles(self, overview: Overview) -> None:
        summary = overview.outsourcing
        period = summary.period
        working_month = self.ctx.settings().hours_per_month
        share = summary.handed_off_hours / working_month
        tasks = count(
            summary.handed_off_tasks,
            "{count} task {period}",
            "{count} tasks {period}",
            period=period.in_short,
        )
        self.tiles["handed_off"].show_figure(
            _hours(summary.handed_off_hours),
            _("{tasks} · {share} of your working month").format(tasks=tasks, share=percent(share))
            if summary.handed_off_minutes
            else tasks,
            _(
                "Your working month: {hours} (File > Settings). Hours you "
                "still log on a task after handing it off are not counted as handed off."
            ).format(hours=_hours(working_month)),
        )
        self.tiles["handed_off"].show_flag(
            _("You still did {hours} of it yourself {period}").format(
                hours=_hours(summary.still_yours_hours), period=period.in_short
            )
            if summary.still_yours_minutes
            else "",
            WARNING,
        )
        self.tiles["worth"].show_figure(
            _hours(summary.open_hours),
            _("worth {money} of your time").format(
                money=money(summary.open_worth, summary.currency, cents=False)
            )
            if summary.open_tasks
            else _("No candidates with hours {period}").format(period=period.in_short),
            count(
                summary.open_tasks,
                "{count} candidate task {period} at your hourly value of {money}",
                "{count} candidate tasks {period} at your hourly value of {money}",
                period=period.phrase,
                money=money(summary.hourly_value, summary.currency),
            ),
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
            detail = "" if spend.trials else _("No one at work yet")
        elif not spend.estimated:
            detail = _("all of it paid")
        elif not spend.paid:
            detail = _("estimated from the rates: nothing paid yet")
        else:
            detail = _("{paid} paid, {estimated} estimated").format(
                paid=amounts(spend.paid), estimated=amounts(spend.estimated)
            )
        if spend.unknown:
            unknown = count(
                len(spend.unknown), "{count} engagement not known", "{count} engagements not known"
            )
            detail = _("{first}; {then}").format(first=detail, then=unknown)
        if spend.trials:  # owed, not yet paid: in the spend, said apart
            trials = _("{money} for paid trials").format(money=amounts(spend.trial_pay))
            detail = _("{first}; {then}").format(first=detail, then=trials) if detail else trials
        self.tiles["spend"].show_figure(
            value,
            detail,
            "\n".join(
                [
                    _("{name}: {money} ({basis})").format(
                        name=line.contractor_name,
                        money=amounts(line.spend) if line.spend else _("not known"),
                        basis=line.spend_basis,
                    )
                    for line in spend.lines
                ]
                + [
                    _("{name}: {money} ({basis})").format(
                        name=trial.contractor_name,
                        money=amounts({trial.currency: trial.pay}),
                        basis=trial.basis,
                    )
                    for trial in spend.trials
                ]
            )
            or count(len(working), "{count} working engagement", "{count} working engagements"),
        )
        due = overview.check_ins_due
        overdue = sum(1 for row in due if row.overdue_days)
        self.tiles["due"].show_figure(
            integer(len(due)),
            _("{count} overdue").format(count=integer(overdue)) if overdue else _("none overdue"),
        )
        set_tone(self.tiles["due"].value_label, ALERT if overdue else None)

    def _show_doing_well(self, rows: list[EngagementRow]) -> None:
        if not rows:
            self.doing_well.hide()
            return
        doing_well = escape(_("Doing well:"))
        links = ", ".join(
            f'<a href="engagement:{row.id}">{html_text(row.contractor_name)}</a>' for row in rows
        )
        self.doing_well.setText(
            _("{doing_well} {names}. Leave them to it.").format(
                doing_well=f'<span style="color:{tone(GOOD)}; font-weight:bold">'
                + doing_well
                + "</span>",
                names=links,
            )
        )
        self.doing_well.show()

    def _open_link(self, link: str) -> None:
        kind, _sep, value = link.partition(":")
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
            count(
                row.cadence_days,
                "Agreed: a check-in every day",
                "Agreed: a check-in every {count} days",
            ),
            ALERT if row.overdue_days else None,
        )

    @staticmethod
    def _confidence_item(row: EngagementRow) -> AttentionItem:
        trend = row.trend
        state = (
            _("{name} · {brief} · confidence lost ({score}/5)")
            if trend.lost
            else _("{name} · {brief} · confidence falling ({score}/5)")
        )
        return AttentionItem(
            state.format(name=row.contractor_name, brief=row.brief_title, score=trend.latest),
            "engagements",
            ("engagement", row.id),
            trend.reason or _("Confidence is lower than it was."),
            ALERT if trend.lost else WARNING,
        )

    @staticmethod
    def _micromanaging_item(row: EngagementRow) -> AttentionItem:
        check = row.micromanagement
        return AttentionItem(
            _("{name} · {brief} · you check in more than agreed").format(
                name=row.contractor_name, brief=row.brief_title
            ),
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
    month = "<b>{}</b>".format(escape(_("{month}:").format(month=month_name(spend.month))))
    if not lines:
        text = _("{month} paid {money}; no budget set").format(
            month=month, money=escape(amounts(spend.paid) or _("nothing"))
        )
    else:
        parts = []
        for code, paid, budget in lines:
            left = budget - paid
            state = (
                escape(_("{money} left").format(money=money(left, code)))
                if left >= 0
                else f'<span style="color:{tone(ALERT)}">'
                + escape(_("over by {money}").format(money=money(-left, code)))
                + "</span>"
            )
            parts.append(
                _("paid {paid} of {budget} budgeted ({state})").format(
                    paid=escape(money(paid, code)), budget=escape(money(budget, code)), state=state
                )
            )
        text = f"{month} " + "; ".join(parts)
    link = escape(_("Budget against paid…"))
    return text + f' · <a href="month:">{link}</a>'


def focus_html(overview: Overview) -> str:
    """Growth work this week against the weeks before the first hire."""
    focus = overview.focus
    if focus is None:
        return ""
    last_week = next(
        (week.growth_minutes for week in reversed(focus.weeks) if week.week < focus.this_week),
        None,
    )
    this_week = _hours(focus.this_week_hours)
    if last_week is not None:
        earlier = _hours((Decimal(last_week) / 60).quantize(Decimal("0.1")))
        text = _("{hours} so far this week ({earlier} last week)").format(
            hours=this_week, earlier=earlier
        )
    else:
        text = _("{hours} so far this week").format(hours=this_week)
    before = focus.before_first_hire
    if focus.first_hire is None:
        text = _("{first}; no one hired yet").format(first=text)
    elif before.hours is None:
        text = _("{first}; nothing logged before your first hire ({day})").format(
            first=text, day=_day(focus.first_hire)
        )
    else:
        text = count(
            before.weeks,
            "{first}, against {hours} a week before your first hire ({count} week logged)",
            "{first}, against {hours} a week before your first hire ({count} weeks logged)",
            first=text,
            hours=_hours(before.hours),
        )
    if focus.priorities:
        done = sum(1 for item in focus.priorities if item.done_on)
        text = _("{first} · priorities: {done} of {total} done").format(
            first=text, done=integer(done), total=integer(len(focus.priorities))
        )
    heading = escape(_("Growth work:"))
    link = escape(_("Your focus…"))
    return f'<b>{heading}</b> {escape(text)} · <a href="focus:">{link}</a>'


def running_items(overview: Overview) -> list[AttentionItem]:
    """Access left open after an ending, overdue invoices, then checklists with
    items open: each opens that part of the engagement."""
    today = overview.today
    items = [
        AttentionItem(
            _("{name} · ended, still has access: {tools}").format(
                name=left.contractor_name, tools=", ".join(left.names)
            ),
            "engagements",
            ("access", left.engagement_id),
            (
                _("{brief} ended on {day}: revoke the access in the tool, then mark it revoked.")
                if left.end_date
                else _("{brief} ended: revoke the access in the tool, then mark it revoked.")
            ).format(brief=left.brief_title, day=_day(left.end_date) if left.end_date else ""),
            ALERT,
        )
        for left in overview.access_left_open
    ]
    items += [
        AttentionItem(
            count(
                row.days_overdue(today),
                "{name} · invoice of {money} overdue {count} day",
                "{name} · invoice of {money} overdue {count} days",
                name=row.contractor_name,
                money=money(row.amount, row.currency),
            ),
            "engagements",
            ("payments", row.engagement_id),
            _("{brief}: dated {day}, due {due}").format(
                brief=row.brief_title, day=_day(row.invoiced_on), due=_day(row.due_date)
            )
            + (f" ({row.reference})" if row.reference else "")
            + (f". {row.note}" if row.note else ""),
            ALERT,
        )
        for row in overview.overdue
    ]
    items += [
        AttentionItem(
            count(
                len(checklist.open_items),
                "{name} · {count} {kind} item open: {items}",
                "{name} · {count} {kind} items open: {items}",
                name=checklist.contractor_name,
                kind=checklist.kind_label,
                items=", ".join(checklist.open_items[:2])
                + ("…" if len(checklist.open_items) > 2 else ""),
            ),
            "engagements",
            ("checklists", checklist.engagement_id),
            f"{checklist.brief_title}: " + "; ".join(checklist.open_items),
            WARNING,
        )
        for checklist in overview.checklists
    ]
    return items
