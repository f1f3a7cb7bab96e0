"""The detail pane of one engagement: where it stands and what to do next.

From top to bottom: who and what, when the next check-in is due, the
actions, the "confidence lost" banner and the micromanagement warning when
they apply, the contractor's scorecard beside the chart of confidence and
quality, then the timeline and the quick forms.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.engagement_rules import Scorecard
from desktop_app.models.engagements import (
    ENGAGEMENT_STATUS_LABELS,
    CheckInKind,
    CheckInRecord,
    EngagementRow,
    EngagementStatus,
    FeedbackRecord,
    Initiator,
    day_text,
    micromanagement_rule,
)
from desktop_app.models.engagements import terms_text as engagement_terms
from desktop_app.models.formats import number, percent
from desktop_app.models.i18n import N_, _, count
from desktop_app.views.context import AppContext
from desktop_app.views.engagements.access_panel import AccessPanel
from desktop_app.views.engagements.agreements_panel import AgreementsPanel
from desktop_app.views.engagements.checklist_panel import ChecklistPanel
from desktop_app.views.engagements.forms import CheckInForm, FeedbackForm
from desktop_app.views.engagements.payments_panel import PaymentsPanel
from desktop_app.views.engagements.presentation import (
    banner_style,
    due_text,
    due_tone,
)
from desktop_app.views.engagements.questions_panel import QuestionsPanel
from desktop_app.views.partials.lazy_tabs import put_in_tab
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.plain_text import plain_label, rich_label
from desktop_app.views.partials.table_model import ALIGN_LEFT, Column, RowTableModel
from desktop_app.views.partials.tables import RememberingSizes, data_table
from desktop_app.views.partials.tones import ALERT, GOOD, WARNING, set_tone, tone_color

if TYPE_CHECKING:  # QtCharts loads with the chart, not with this module
    from desktop_app.views.engagements.chart import ConfidenceChart

TimelineItem = CheckInRecord | FeedbackRecord


def _entry_kind(item: TimelineItem) -> str:
    if isinstance(item, FeedbackRecord):
        return _("Feedback")
    if item.kind == CheckInKind.REQUEST:
        return _("Report requested")
    if item.initiated_by == Initiator.OWNER:
        return _("Report you asked for")
    return _("Report")


def _entry_text(item: TimelineItem) -> str:
    if isinstance(item, FeedbackRecord):
        parts = [item.deliverable]
        if item.good:
            parts.append(_("Good: {text}").format(text=item.good))
        if item.not_good:
            parts.append(_("Not good: {text}").format(text=item.not_good))
        return " · ".join(parts)
    text = item.summary or _("Asked for a progress report.")
    if item.blockers:
        text += " · " + _("Blockers: {text}").format(text=item.blockers)
    return text


def _entry_scores(item: TimelineItem) -> str:
    if isinstance(item, FeedbackRecord):
        scores = _("Confidence {confidence} · quality {quality}").format(
            confidence=item.confidence, quality=item.quality
        )
        return scores if item.on_time else scores + " · " + _("late")
    return _(item.state_label) if item.state_label else ""


def _entry_tooltip(item: TimelineItem) -> str:
    if isinstance(item, FeedbackRecord):
        return (
            _(
                "Confidence {confidence}/5, quality {quality}/5, communication {communication}/5, "
                "on time"
            )
            if item.on_time
            else _(
                "Confidence {confidence}/5, quality {quality}/5, communication {communication}/5, "
                "late"
            )
        ).format(confidence=item.confidence, quality=item.quality, communication=item.communication)
    return _(item.state_label) if item.state_label else _("No state given")


def _entry_tone(item: TimelineItem) -> object:
    if isinstance(item, FeedbackRecord):
        if item.confidence <= 2 or not item.on_time:
            return tone_color(ALERT)
        return tone_color(GOOD) if item.confidence >= 4 else None
    if item.state == "off_track":
        return tone_color(ALERT)
    return tone_color(WARNING) if item.state == "at_risk" else None


def timeline_model(parent: QWidget) -> RowTableModel[TimelineItem]:
    return RowTableModel(
        [
            Column(_("Date"), lambda item: day_text(item.day), sort_key=lambda item: item.day),
            Column(_("Entry"), _entry_kind),
            Column(_("What"), _entry_text, tooltip=_entry_text, align=ALIGN_LEFT),
            Column(
                _("State or scores"), _entry_scores, foreground=_entry_tone, tooltip=_entry_tooltip
            ),
        ],
        parent,
    )


class Banner(QFrame):
    """A coloured box with a bold title, an explanation and optional buttons."""

    def __init__(self, object_name: str, title: str, tone: str) -> None:
        super().__init__()
        named(self, object_name, title)
        self._tone = tone
        self.setStyleSheet(banner_style(object_name, tone))
        layout = QVBoxLayout(self)
        self.title = rich_label(f"<b>{escape(title)}</b>")
        self.title.setObjectName(f"{object_name}Title")
        self.text = plain_label()
        self.text.setObjectName(f"{object_name}Text")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        self.buttons = QHBoxLayout()
        layout.addLayout(self.buttons)

    def changeEvent(self, event: QEvent) -> None:
        # The tint follows a change of colour scheme.
        if event.type() == QEvent.Type.PaletteChange:
            style = banner_style(self.objectName(), self._tone)
            if style != self.styleSheet():
                self.setStyleSheet(style)
        super().changeEvent(event)

    def add_button(self, text: str, object_name: str, description: str) -> QPushButton:
        button = named(QPushButton(text), object_name, text.replace("&", ""), description)
        self.buttons.addWidget(button)
        return button


class ScorecardBox(QGroupBox):
    """The contractor's record: the last 90 days beside the lifetime."""

    ROWS = (N_("Feedback"), N_("On time"), N_("Quality"), N_("Communication"))

    def __init__(self) -> None:
        super().__init__(_("Scorecard"))
        named(self, "scorecard", _("Scorecard"), _("The contractor's record over all engagements"))
        grid = QGridLayout(self)
        grid.addWidget(rich_label(_("<b>Last 90 days</b>")), 0, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(rich_label(_("<b>Lifetime</b>")), 0, 2, Qt.AlignmentFlag.AlignRight)
        self.cells: dict[tuple[str, str], QLabel] = {}
        for row, name in enumerate(self.ROWS, start=1):
            grid.addWidget(plain_label(_(name)), row, 0)
            for column, period in enumerate(("recent", "lifetime"), start=1):
                label = plain_label("–")
                label.setObjectName(f"scorecard_{period}_{name.replace(' ', '_').lower()}")
                label.setAlignment(Qt.AlignmentFlag.AlignRight)
                grid.addWidget(label, row, column)
                self.cells[(period, name)] = label
        grid.setRowStretch(len(self.ROWS) + 1, 1)

    def show_scores(self, name: str, recent: Scorecard, lifetime: Scorecard) -> None:
        self.setTitle(_("Scorecard of {name}").format(name=name))
        for period, card in (("recent", recent), ("lifetime", lifetime)):
            values = {
                "Feedback": str(card.feedback_count),
                "On time": (
                    "–" if card.on_time_percent is None else percent(card.on_time_percent / 100)
                ),
                "Quality": _average(card.average_quality),
                "Communication": _average(card.average_communication),
            }
            for name_, text in values.items():
                self.cells[(period, name_)].setText(text)

    def value(self, period: str, name: str) -> str:
        return self.cells[(period, name)].text()


def _average(value: float | None) -> str:
    return "–" if value is None else _("{score} / 5").format(score=number(value, 1))


CHECK_IN_TAB, FEEDBACK_TAB = 1, 2  # the detail's tabs of the two forms


class EngagementDetail(QWidget):
    """Everything about one engagement. The page connects the buttons to its actions.

    Signals:
        check_in_added(int), feedback_added(int): a form stored one (its id).

    Attributes:
        row: the engagement shown, or None.
        insights: the scorecard beside the chart, for the page to place.
        status_actions: status value -> the action in the "Status" menu.
    """

    check_in_added = Signal(int)
    feedback_added = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "engagementDetail", _("Engagement details"))
        self.ctx = ctx
        self.row: EngagementRow | None = None
        self.chart: ConfidenceChart | None = None  # built on first use (QtCharts is heavy)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.placeholder = plain_label(
            _("Select an engagement to see its check-ins, feedback and confidence.")
        )
        self.placeholder.setObjectName("detailPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        outer.addWidget(self.placeholder)

        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("detailScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self.scroll_area)
        body = QWidget()
        self.scroll_area.setWidget(body)
        layout = QVBoxLayout(body)
        self._build_header(layout)
        layout.addLayout(self._build_actions())
        self._build_banners(layout)
        # The scorecard and the chart: the page places them under the list,
        # where a short list leaves room.
        self.insights = named(QWidget(), "engagementInsights", _("Scorecard and chart"))
        middle = QHBoxLayout(self.insights)
        middle.setContentsMargins(0, 0, 0, 0)
        self.scorecard = ScorecardBox()
        middle.addWidget(self.scorecard, 0)
        self.chart_holder = QVBoxLayout()
        middle.addLayout(self.chart_holder, 1)
        layout.addWidget(self._build_tabs(ctx), 1)
        self.show_row(None)

    def _build_header(self, layout: QVBoxLayout) -> None:
        self.title = named(plain_label(), "detailTitle", _("Engagement"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.terms = named(plain_label(), "detailTerms", _("Terms"))
        self.terms.setWordWrap(True)
        self.terms.setTextFormat(Qt.TextFormat.PlainText)
        self.due = named(plain_label(), "detailDue", _("Next check-in"))
        due_font = self.due.font()
        due_font.setBold(True)
        self.due.setFont(due_font)
        self.due.setTextFormat(Qt.TextFormat.PlainText)
        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        self.contractor_button = named(
            QPushButton(_("Show &contractor")), "showContractor", _("Show the contractor"),
            _("Open the contractor in the Contractors tab"),
        )  # fmt: skip
        self.brief_button = named(
            QPushButton(_("Show &brief")),
            "showBrief",
            _("Show the brief"),
            _("Open the brief in the Briefs tab"),
        )
        for button in (self.contractor_button, self.brief_button):
            title_row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(title_row)
        layout.addWidget(self.terms)
        layout.addWidget(self.due)

    def _build_actions(self) -> QHBoxLayout:
        actions = QHBoxLayout()
        self.request_button = named(
            QPushButton(_("&Request a progress report")), "requestReport",
            _("Request a progress report"),
            _("Open your mail program with a request for a progress report, and record it"),
        )  # fmt: skip
        self.status_button = named(QToolButton(), "statusButton", _("Change status"))
        self.status_button.setText(_("&Status"))
        self.status_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.status_menu = QMenu(self.status_button)
        self.status_menu.setObjectName("statusMenu")
        self.status_actions: dict[str, QAction] = {}
        for status in (EngagementStatus.TRIAL, EngagementStatus.ACTIVE, EngagementStatus.PAUSED):
            action = self.status_menu.addAction(_(ENGAGEMENT_STATUS_LABELS[status]))
            action.setObjectName(f"status_{status.value}")
            action.setCheckable(True)
            self.status_actions[status.value] = action
        self.status_menu.addSeparator()
        self.end_action = self.status_menu.addAction(_("&End engagement…"))
        self.end_action.setObjectName("status_end")
        self.status_button.setMenu(self.status_menu)
        self.terms_button = named(
            QPushButton(_("Edit &terms…")), "editTerms", _("Edit terms"),
            _("Change the dates, the rate or how often you check in"),
        )  # fmt: skip
        self.review_button = named(QToolButton(), "reviewButton", _("Review"))
        self.review_button.setText(_("Re&view"))
        self.review_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.review_menu = QMenu(self.review_button)
        self.print_action = self.review_menu.addAction(_("&Print review…"))
        self.print_action.setObjectName("printReview")
        self.export_action = self.review_menu.addAction(_("&Export review as PDF…"))
        self.export_action.setObjectName("exportReview")
        self.review_button.setMenu(self.review_menu)
        for widget in (
            self.request_button, self.status_button, self.terms_button, self.review_button,
        ):  # fmt: skip
            actions.addWidget(widget)
        actions.addStretch(1)
        return actions

    def _build_banners(self, layout: QVBoxLayout) -> None:
        self.lost_banner = Banner("confidenceLostBanner", _("Confidence lost"), ALERT)
        self.reopen_button = self.lost_banner.add_button(
            _("Re&open the brief"), "reopenBrief",
            _("Set the brief back to Posted and put this engagement on notice"),
        )  # fmt: skip
        self.notice_button = self.lost_banner.add_button(
            _("Put on &notice"), "putOnNotice", _("Mark this engagement as on notice from today")
        )
        self.find_button = self.lost_banner.add_button(
            _("&Find someone new"), "findSomeoneNew",
            _("Open the contractor bench filtered to the brief's skills"),
        )  # fmt: skip
        self.lost_banner.buttons.addStretch(1)
        layout.addWidget(self.lost_banner)
        self.micro_banner = Banner("micromanagementBanner", _("You may be micromanaging"), WARNING)
        layout.addWidget(self.micro_banner)

    def _build_tabs(self, ctx: AppContext) -> QTabWidget:
        self.tabs = named(QTabWidget(), "detailTabs", _("Timeline and forms"))
        self.timeline = timeline_model(self)
        # Rows grow to show the whole text: a timeline is tens of entries, not thousands.
        self.timeline_view = data_table(
            "timelineView", _("Timeline"), self.timeline, word_wrap=True
        )
        self.timeline_view.setItemDelegate(RememberingSizes(self.timeline_view))
        self.timeline_view.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.timeline_view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        # Double-click or Edit entry… opens the entry in the form that added it.
        self.edit_entry_action = QAction(_("&Edit entry…"), self.timeline_view)
        self.edit_entry_action.setObjectName("editTimelineEntry")
        self.edit_entry_action.setShortcuts(
            [QKeySequence(Qt.Key.Key_F2), QKeySequence(Qt.Key.Key_Return)]
        )
        self.edit_entry_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.timeline_view.addAction(self.edit_entry_action)
        self.delete_entry_action = QAction(_("&Delete entry…"), self.timeline_view)
        self.delete_entry_action.setObjectName("deleteTimelineEntry")
        self.delete_entry_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_entry_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.timeline_view.addAction(self.delete_entry_action)
        header = self.timeline_view.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(3, 150)
        self.timeline_view.setMinimumHeight(260)
        self.tabs.addTab(self.timeline_view, _("Timeline"))
        # The two forms are built when first shown (`_form`): an empty page
        # holds each one's place until then.
        self._ctx = ctx
        self._forms: dict[int, CheckInForm | FeedbackForm] = {}
        self.tabs.addTab(QWidget(), _("Add check-in"))
        self.tabs.addTab(QWidget(), _("Add feedback"))
        self.tabs.currentChanged.connect(self._form)
        self.questions = QuestionsPanel(ctx)
        self.questions.count_changed.connect(self._show_question_count)
        self.tabs.addTab(self.questions, _("Questions"))
        # Running the engagement: checklists, access, payments, agreements,
        # one tab of the detail holding a tab each.
        self.checklists = ChecklistPanel(ctx)
        self.access = AccessPanel(ctx)
        self.payments = PaymentsPanel(ctx)
        self.agreements = AgreementsPanel(ctx)
        self.running = named(QTabWidget(), "runningTabs", _("Running the engagement"))
        for panel, title in (
            (self.checklists, _("Checklists")),
            (self.access, _("Access")),
            (self.payments, _("Payments")),
            (self.agreements, _("Agreements")),
        ):
            self.running.addTab(panel, title)
        self.tabs.addTab(self.running, _("Running"))
        return self.tabs

    @property
    def check_in_form(self) -> CheckInForm:
        return cast(CheckInForm, self._form(CHECK_IN_TAB))

    @property
    def feedback_form(self) -> FeedbackForm:
        return cast(FeedbackForm, self._form(FEEDBACK_TAB))

    def _form(self, index: int) -> QWidget | None:
        """The form of tab `index` (check-in or feedback), built the first time."""
        if index not in (CHECK_IN_TAB, FEEDBACK_TAB):
            return None
        form = self._forms.get(index)
        if form is not None:
            return form
        if index == CHECK_IN_TAB:
            form = CheckInForm(self._ctx)
            form.added.connect(self.check_in_added)
        else:
            form = FeedbackForm(self._ctx)
            form.added.connect(self.feedback_added)
        self._forms[index] = form
        form.set_engagement(self.row.id if self.row else None)
        put_in_tab(self.tabs, index, form)
        return form

    def show_running(self, panel: QWidget) -> None:
        """Bring one running panel (checklists, access, payments, agreements) to the front."""
        self.tabs.setCurrentWidget(self.running)
        self.running.setCurrentWidget(panel)

    def _show_running(self, row: EngagementRow | None, today: date) -> None:
        """The running panels of `row`, with what waits in each in its tab's title."""
        for panel in (self.checklists, self.access, self.payments, self.agreements):
            panel.set_engagement(row, today)
        open_items = self.checklists.open_items() if row else 0
        ended = row is not None and row.status == EngagementStatus.ENDED
        open_access = self.access.open_count() if row else 0
        overdue = sum(
            1 for p in self.payments.model.rows() if p.paid_on is None and p.due_date < today
        )
        titles: dict[QWidget, str] = {
            self.checklists: _("Checklists ({count} open)").format(count=open_items)
            if open_items
            else _("Checklists"),
            self.access: _("Access ({count} open)").format(count=open_access)
            if open_access
            else _("Access"),
            self.payments: _("Payments ({count} overdue)").format(count=overdue)
            if overdue
            else _("Payments"),
            self.agreements: _("Agreements"),
        }
        for shown, title in titles.items():
            self.running.setTabText(self.running.indexOf(shown), title)
        to_do = open_items + overdue + (open_access if ended else 0)
        index = self.tabs.indexOf(self.running)
        self.tabs.setTabText(
            index, _("Running ({to_do})").format(to_do=to_do) if to_do else _("Running")
        )
        self.tabs.setTabToolTip(
            index,
            count(
                to_do,
                "{count} thing to do: checklist items, overdue invoices, access left open",
                "{count} things to do: checklist items, overdue invoices, access left open",
            )
            if to_do
            else _("Checklists, access, payments and agreements"),
        )

    def _show_question_count(self, waiting: int) -> None:
        index = self.tabs.indexOf(self.questions)
        self.tabs.setTabText(
            index,
            _("Questions ({waiting} waiting)").format(waiting=waiting)
            if waiting
            else _("Questions"),
        )

    # Showing
    def show_row(
        self,
        row: EngagementRow | None,
        today: date | None = None,
        items: Sequence[TimelineItem] = (),
        feedback: Sequence[FeedbackRecord] = (),
        scorecards: tuple[Scorecard, Scorecard] | None = None,
    ) -> None:
        """Show `row` with its timeline, feedback (oldest first) and scorecards."""
        self.row = row
        self.placeholder.setVisible(row is None)
        self.scroll_area.setVisible(row is not None)
        self.insights.setVisible(row is not None)
        for form in self._forms.values():
            form.set_engagement(row.id if row else None)
        self.questions.set_engagement(row.id if row else None)
        today = today or date.today()
        self._show_running(row, today)
        if row is None:
            self.timeline.set_rows([])
            return
        self.title.setText(f"{row.contractor_name} — {row.brief_title}")
        self.terms.setText(terms_text(row))
        self.due.setText(due_text(row, today, long=True))
        set_tone(self.due, due_tone(row, today))
        working = row.status != EngagementStatus.ENDED
        self.request_button.setEnabled(working)
        self.terms_button.setEnabled(working)
        for status, action in self.status_actions.items():
            action.setChecked(row.status == status)
            # An ended engagement stays ended: hiring again starts a new one.
            action.setEnabled(working)
        self.end_action.setEnabled(working)

        lost = row.trend.lost and working
        self.lost_banner.setVisible(lost)
        if lost:
            notice = (
                " "
                + _("{name} is on notice since {day}.").format(
                    name=row.contractor_name, day=day_text(row.on_notice_since)
                )
                if row.on_notice_since
                else ""
            )
            self.lost_banner.text.setText(
                _(
                    "{reason}{notice} You put time into finding someone you could trust; when "
                    "that trust is gone, reopen the job and look for someone new, with the same "
                    "brief."
                ).format(reason=row.trend.reason, notice=notice)
            )
            self.notice_button.setEnabled(row.on_notice_since is None)
        check = row.micromanagement
        self.micro_banner.setVisible(bool(check and check.warning))
        if check and check.warning:
            self.micro_banner.text.setText(
                _(
                    "{explanation} Checking in far more than agreed wastes your time and theirs: "
                    "ask for progress reports when they are due, give feedback on finished work, "
                    "and trust them with the rest.\n{micromanagement_rule}"
                ).format(
                    explanation=check.explanation(), micromanagement_rule=micromanagement_rule()
                )
            )
        if scorecards is not None:
            self.scorecard.show_scores(row.contractor_name, *scorecards)
        self.timeline.set_rows(list(items))
        self.tabs.setTabText(0, _("Timeline ({items})").format(items=len(items)))
        self._ensure_chart().show_feedback(list(feedback), today)

    def _ensure_chart(self) -> ConfidenceChart:
        if self.chart is None:
            from desktop_app.views.engagements.chart import ConfidenceChart

            self.chart = ConfidenceChart(self)
            self.chart_holder.addWidget(self.chart.view)
        return self.chart

    def selected_entry(self) -> TimelineItem | None:
        index = self.timeline_view.currentIndex()
        if not index.isValid():
            return None
        return self.timeline.row_at(index.row())


def terms_text(row: EngagementRow) -> str:
    """The terms, and why it ended when it has."""
    text = engagement_terms(row)
    if row.end_reason:
        text += "\n" + _("Why it ended: {reason}").format(reason=row.end_reason)
    return text
