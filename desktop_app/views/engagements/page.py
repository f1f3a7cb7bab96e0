"""The Engagements tab: who needs a check-in, who is doing well, where to act.

At the top, a line per thing to act on (check-ins due this week, confidence
falling or lost, micromanagement, who is doing well), each name a link to
the engagement. Below, the list (most urgent check-in first) beside the
selected engagement's detail pane.
"""

from __future__ import annotations

import tempfile
from datetime import date
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.exporters.mailto import mailto_url
from desktop_app.models.access import open_accesses
from desktop_app.models.engagements import (
    CheckInKind,
    EngagementRow,
    EngagementStatus,
    FeedbackRecord,
    Initiator,
    contractor_scorecard,
    end_of_week,
    engagement_review,
    feedback_of,
    list_engagements,
    timeline,
)
from desktop_app.models.errors import UserError
from desktop_app.models.formats import day
from desktop_app.models.i18n import N_, _, count
from desktop_app.views.context import AppContext, Topic
from desktop_app.views.engagements.commands import (
    AddCheckInCommand,
    DeleteTimelineEntryCommand,
    PutOnNoticeCommand,
    ReopenCommand,
)
from desktop_app.views.engagements.detail import EngagementDetail
from desktop_app.views.engagements.dialogs import EndDialog, TermsDialog
from desktop_app.views.engagements.entry_dialog import EditEntryDialog
from desktop_app.views.engagements.hire_dialog import HireDialog
from desktop_app.views.engagements.hire_dialog import open_hire_dialog as _open_hire_dialog
from desktop_app.views.engagements.month_dialog import MonthDialog
from desktop_app.views.engagements.presentation import (
    confidence_text,
    due_sort_key,
    due_text,
    due_tone,
    status_text,
    trend_text,
    trend_tone,
)
from desktop_app.views.engagements.revoke_prompt import PauseDialog
from desktop_app.views.engagements.running_commands import SetStatusCommand
from desktop_app.views.partials.empty_state import EmptyState
from desktop_app.views.partials.feedback import StatusLine, run_edit
from desktop_app.views.partials.history_dialog import HistoryDialog, show_history
from desktop_app.views.partials.layout_memory import (
    LayoutPart,
    offer_column_menu,
    restore_layout,
    save_layout,
)
from desktop_app.views.partials.naming import name_buttons, named
from desktop_app.views.partials.plain_text import ask, message_box, rich_label
from desktop_app.views.partials.tab_page import TabPage
from desktop_app.views.partials.table_model import (
    ALIGN_RIGHT,
    Column,
    ModelSortProxy,
    SyncedTableModel,
)
from desktop_app.views.partials.tables import data_table, fit_columns
from desktop_app.views.partials.tones import ALERT, GOOD, WARNING, tint, tone, tone_color
from desktop_app.views.undo import StoreCommand

if TYPE_CHECKING:
    from desktop_app.views.partials.pdf_print import PdfPrintPreview

SETTINGS_PREFIX = "engagements"
REQUEST_SUMMARY = "Asked for a progress report by e-mail."
ATTENTION_NAMES = 5  # names per line of the summary; the rest behind a link

RUNNING_PANELS = ("checklists", "access", "payments", "agreements")

FILTERS = (
    ("open", N_("Open engagements")),
    ("due", N_("Check-in due this week")),
    ("confidence", N_("Confidence falling or lost")),
    ("ended", N_("Ended")),
    ("all", N_("All engagements")),
)


def progress_report_mail(row: EngagementRow, owner_name: str) -> tuple[str, str]:
    """The subject and body of a request for a progress report."""
    first_name = row.contractor_name.split()[0] if row.contractor_name.split() else ""
    subject = _("Progress report: {title}").format(title=row.brief_title)
    body = (
        _(
            "Hi {first_name},\n\n"
            "could you send me a short progress report on “{title}”: what is done "
            "since we last spoke, what comes next, and anything that holds you up?\n\n"
            "Thanks,\n"
            "{owner_name}"
        )
        .format(first_name=first_name, title=row.brief_title, owner_name=owner_name)
        .rstrip()
    )
    return subject, body


class EngagementsPage(TabPage):
    """The Engagements tab.

    Attributes:
        model: the engagements, one row each (RowTableModel of EngagementRow).
        proxy: search, filter and sort over `model`.
        detail: the selected engagement's pane.
        status: the line under the list where results and refusals are said.
    """

    topics = (Topic.ENGAGEMENTS, Topic.CONTRACTORS, Topic.BRIEFS, Topic.SETTINGS, Topic.QUESTIONS)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._columns_fitted = False  # the columns were sized to their content once
        named(self, "engagementsPage", _("Engagements"))
        self._today = date.today()

        self.stack = QStackedWidget()
        self.empty = EmptyState(
            _("No one at work yet"),
            _(
                "When you hire a contractor for a brief, the engagement shows here: check-ins at "
                "the cadence you agree, feedback on finished work, and a warning when confidence "
                "falls."
            ),
            _("&Hire a contractor…"),
            object_name="emptyEngagements",
        )
        self.empty.action_triggered.connect(self.open_hire_dialog)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._build_content())
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self._restore_layout()
        # The layout is saved as the window closes (`save_layout`), not at each
        # resize: fitting the columns alone resizes every one of them.
        header = self.table.horizontalHeader()
        offer_column_menu(header, "engagementsColumnsMenu", changed=self._save_layout)
        self.refresh()

    # Building
    def _build_content(self) -> QWidget:
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(self._build_bar())
        self.attention = named(rich_label(), "attentionSummary", _("What needs you"))
        self.attention.setTextFormat(Qt.TextFormat.RichText)
        self.attention.setWordWrap(True)
        self.attention.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.attention.linkActivated.connect(self._open_link)
        layout.addWidget(self.attention)
        self._build_table()
        self.detail = EngagementDetail(self.ctx)
        self.left = named(QSplitter(Qt.Orientation.Vertical), "engagementListSplitter", "")
        self.left.addWidget(self.table)
        self.left.addWidget(self.detail.insights)
        self.left.setStretchFactor(0, 1)
        self.left.setSizes([300, 260])
        self.splitter = named(QSplitter(Qt.Orientation.Horizontal), "engagementSplitter", "")
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([640, 600])
        layout.addWidget(self.splitter, 1)
        self.status = StatusLine("engagementStatus")
        layout.addWidget(self.status)
        self._connect()
        self._apply_filter()
        return content

    def _build_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.search = named(
            QLineEdit(), "engagementSearch", _("Search engagements"),
            _("Search by contractor, brief, status or skill"),
        )  # fmt: skip
        self.search.setPlaceholderText(_("Search contractors, briefs, skills…"))
        self.search.setClearButtonEnabled(True)
        self.filter = named(QComboBox(), "engagementFilter", _("Show"))
        for key, label in FILTERS:
            self.filter.addItem(_(label), key)
        self.hire_button = named(
            QPushButton(_("&Hire a contractor…")), "hireButtonTop", _("Hire a contractor"),
            _("Hire a contractor for a brief"),
        )  # fmt: skip
        self.schedule_button = named(
            QPushButton(_("Export check-in &schedule…")),
            "exportSchedule",
            _("Export check-in schedule"),
            _("Save the check-ins as an .ics file for your calendar"),
        )
        bar.addWidget(self.search, 2)
        bar.addWidget(self.filter, 1)
        self.history_button = named(
            QPushButton(_("Changes…")), "engagementHistoryButton", _("Changes"),
            _("Who changed the selected engagement and its check-ins, and when"),
        )  # fmt: skip
        self.history_button.clicked.connect(self.show_history)
        bar.addWidget(self.hire_button)
        bar.addWidget(self.schedule_button)
        bar.addWidget(self.history_button)
        return bar

    def show_history(self) -> HistoryDialog | None:
        """Who changed which field of the selected engagement (its check-ins
        and feedback too), and when."""
        row = self._require_selection()
        if row is None:
            return None
        title = f"{row.contractor_name} · {row.brief_title}"
        return show_history(self, "engagement", row.id, title)

    def _build_table(self) -> None:
        # The model sorts itself: one Python sort, not a proxy asking Python
        # for each comparison.
        self.model: SyncedTableModel[EngagementRow] = SyncedTableModel(self._columns(), self)
        self.proxy = ModelSortProxy(self._search_text, self)
        self.proxy.setSourceModel(self.model)
        self.table = data_table("engagementTable", _("Engagements"), self.proxy, sortable=True)
        self.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
        self.table.selectionModel().currentRowChanged.connect(self._selection_changed)

    def _connect(self) -> None:
        self.search.textChanged.connect(self.proxy.set_query)
        self.filter.currentIndexChanged.connect(self._apply_filter)
        self.hire_button.clicked.connect(self.open_hire_dialog)
        self.schedule_button.clicked.connect(self.choose_and_export_schedule)
        d = self.detail
        d.request_button.clicked.connect(self.request_progress_report)
        for status, action in d.status_actions.items():
            action.triggered.connect(lambda _checked=False, s=status: self.set_status(s))
        d.end_action.triggered.connect(self.end_selected)
        d.terms_button.clicked.connect(self.edit_terms)
        d.print_action.triggered.connect(self.print_review)
        d.export_action.triggered.connect(self.choose_and_export_review)
        d.contractor_button.clicked.connect(self.show_contractor)
        d.brief_button.clicked.connect(self.show_brief)
        d.reopen_button.clicked.connect(self.reopen_brief)
        d.notice_button.clicked.connect(self.put_on_notice)
        d.find_button.clicked.connect(self.find_someone_new)
        d.delete_entry_action.triggered.connect(self.delete_timeline_entry)
        d.edit_entry_action.triggered.connect(self.edit_timeline_entry)
        d.timeline_view.doubleClicked.connect(self.edit_timeline_entry)
        d.check_in_added.connect(lambda _id: self._said(_("Check-in added.")))
        d.feedback_added.connect(lambda _id: self._said(_("Feedback added.")))

    def _columns(self) -> list[Column[EngagementRow]]:
        def due_colour(row: EngagementRow) -> QColor | None:
            name = due_tone(row, self._today)
            return tone_color(name) if name else None

        def trend_colour(row: EngagementRow) -> QColor | None:
            name = trend_tone(row)
            return tone_color(name) if name else None

        return [
            Column(_("Contractor"), lambda row: row.contractor_name),
            Column(_("Brief"), lambda row: row.brief_title),
            Column(_("Status"), status_text),
            Column(
                _("Next check-in"),
                lambda row: due_text(row, self._today),
                sort_key=due_sort_key,
                foreground=due_colour,
                background=lambda row: tint(ALERT) if row.overdue_days else None,
                tooltip=lambda row: due_text(row, self._today, long=True),
            ),
            Column(
                _("Confidence"),
                confidence_text,
                sort_key=lambda row: row.trend.latest,
                align=ALIGN_RIGHT,
                foreground=trend_colour,
            ),
            Column(
                _("Trend"),
                trend_text,
                sort_key=lambda row: (not row.trend.lost, row.trend.direction.value),
                foreground=trend_colour,
                tooltip=lambda row: row.trend.reason or None,
            ),
        ]

    @staticmethod
    def _search_text(row: EngagementRow) -> str:
        return " ".join((row.contractor_name, row.brief_title, row.status, row.brief_skills))

    # Loading
    def today(self) -> date:
        return date.today()

    def refresh(self) -> None:
        self._today = self.today()
        current = self.selected_id()
        rows = list_engagements(self._today)
        self.stack.setCurrentIndex(1 if rows else 0)
        self.model.set_rows(rows)
        if rows and not self._columns_fitted:
            # Until the owner sizes them: each column as wide as what it shows.
            fit_columns(self.table, squeeze_to=80)
            self._columns_fitted = True
        self.attention.setText(self._attention_html(rows))
        if current is None or not self.select_engagement(current, reveal=False):
            self._select_first()
        else:
            self._show_selected()

    def _attention_html(self, rows: list[EngagementRow]) -> str:
        """A line per thing to act on; each name links to its engagement."""
        today = self._today
        last_day = end_of_week(today)

        def link(row: EngagementRow, note: str = "", name: str | None = None) -> str:
            text = f'<a href="engagement:{row.id}">{escape(row.contractor_name)}</a>'
            text = f"{text} ({escape(note)})" if note else text
            return f'<span style="color:{tone(name)}">{text}</span>' if name else text

        def joined(items: list[str], filter_key: str = "") -> str:
            # A long list would push the table off the screen: the rest is one link away.
            shown = " · ".join(items[:ATTENTION_NAMES])
            more = len(items) - ATTENTION_NAMES
            if more > 0:
                rest = escape(count(more, "and {count} more", "and {count} more"))
                shown += (
                    f' · <a href="filter:{filter_key}">{rest}</a>' if filter_key else f" · {rest}"
                )
            return shown

        lines = []
        due = sorted((r for r in rows if r.due_by(last_day)), key=due_sort_key)
        if due:
            items = []
            for row in due:
                note = due_text(row, today)
                items.append(link(row, note[0].lower() + note[1:], due_tone(row, today)))
            heading = escape(_("Check in this week:"))
            lines.append(f"<b>{heading}</b> " + joined(items, "due"))
        elif any(r.is_working for r in rows):
            nothing_due = escape(_("No check-in due this week."))
            lines.append(f"<b>{nothing_due}</b>")
        at_risk = sorted((r for r in rows if r.confidence_at_risk), key=lambda r: not r.trend.lost)
        if at_risk:
            items = [link(r, _("lost") if r.trend.lost else _("falling")) for r in at_risk]
            heading = escape(_("Confidence to act on:"))
            lines.append(
                f'<b style="color:{tone(ALERT)}">{heading}</b> ' + joined(items, "confidence")
            )
        micro = [r for r in rows if r.micromanagement and r.micromanagement.warning]
        if micro:
            heading = escape(_("Checking in more than agreed:"))
            lines.append(
                f'<b style="color:{tone(WARNING)}">{heading}</b> '
                + joined([link(r) for r in micro])
            )
        micro_ids = {r.id for r in micro}
        well = [r for r in rows if r.doing_well and r.id not in micro_ids]
        if well:
            doing_well = escape(_("Doing well:"))
            lines.append(
                _("{doing_well} {names}: leave them to it.").format(
                    doing_well=f'<b style="color:{tone(GOOD)}">{doing_well}</b>',
                    names=joined([link(r) for r in well]),
                )
            )
        return "<br>".join(lines)

    def _open_link(self, href: str) -> None:
        kind, _sep, value = href.partition(":")
        if kind == "engagement":
            self.select_engagement(int(value))
        elif kind == "filter":
            self.search.clear()
            self.filter.setCurrentIndex(self.filter.findData(value))

    # Selection
    def selected_id(self) -> int | None:
        row = self.selected_row()
        return row.id if row else None

    def selected_row(self) -> EngagementRow | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_at(self.proxy.mapToSource(index).row())

    def select_engagement(self, engagement_id: int, *, reveal: bool = True) -> bool:
        """Select an engagement; with `reveal`, clear search and filter to show it."""
        for row_number, row in enumerate(self.model.rows()):
            if row.id != engagement_id:
                continue
            index = self.proxy.mapFromSource(self.model.index(row_number, 0))
            if not index.isValid():
                if not reveal:
                    return False
                self.search.clear()
                self.filter.setCurrentIndex(self.filter.findData("all"))
                index = self.proxy.mapFromSource(self.model.index(row_number, 0))
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)
            self._show_selected()
            return True
        return False

    def _select_first(self) -> None:
        first = self.proxy.index(0, 0)
        if first.isValid() and self.table.currentIndex() != first:
            # The selection change shows it (`_selection_changed`).
            self.table.setCurrentIndex(first)
        else:
            self._show_selected()

    def _selection_changed(self, *_args: object) -> None:
        self._show_selected()

    def _show_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            self.detail.show_row(None)
            return
        self.detail.show_row(
            row,
            self._today,
            timeline(row.id),
            feedback_of(row.id),
            contractor_scorecard(row.contractor_id, self._today),
        )

    def _apply_filter(self) -> None:
        key = self.filter.currentData()
        last_day = end_of_week(self._today)
        predicates = {
            "open": lambda row: row.status != EngagementStatus.ENDED,
            "due": lambda row: row.due_by(last_day),
            "confidence": lambda row: row.confidence_at_risk,
            "ended": lambda row: row.status == EngagementStatus.ENDED,
            "all": None,
        }
        self.proxy.set_predicate(predicates.get(key))
        if self.selected_row() is None:
            self._select_first()

    # Messages
    def _said(self, message: str) -> None:
        self.status.said(message)

    def _refused(self, message: str) -> None:
        self.status.refused(message)

    def _run(self, command: StoreCommand, done: str) -> bool:
        return run_edit(command, self.status, done)

    def _require_selection(self) -> EngagementRow | None:
        row = self.selected_row()
        if row is None:
            self._refused(_("Select an engagement first."))
        return row

    # Actions
    def open_hire_dialog(
        self, contractor_id: int | None = None, brief_id: int | None = None
    ) -> HireDialog:
        """Open the hire dialog; the new engagement is selected once hired."""
        dialog: HireDialog = _open_hire_dialog(
            self.ctx, self, contractor_id=contractor_id, brief_id=brief_id
        )
        dialog.accepted.connect(lambda: self._hired(dialog))
        return dialog

    def _hired(self, dialog: HireDialog) -> None:
        if dialog.engagement_id is not None:
            self.select_engagement(dialog.engagement_id)
            self._said(_("Hired. Agree the first check-in, then let them work."))

    def request_progress_report(self) -> bool:
        """Open the mail program with a request for a progress report, and record it."""
        row = self._require_selection()
        if row is None:
            return False
        if row.status == EngagementStatus.ENDED:
            self._refused(
                _("The engagement with {contractor_name} has ended.").format(
                    contractor_name=row.contractor_name
                )
            )
            return False
        subject, body = progress_report_mail(row, self.ctx.settings().owner_name)
        url = QUrl(mailto_url(row.contractor_email, subject, body))
        if not QDesktopServices.openUrl(url):
            self._refused(
                _(
                    "No mail program opened, so nothing was recorded yet. Copy the request and "
                    "send it from your e-mail, or set a default e-mail program in your system "
                    "settings."
                )
            )
            self._offer_to_copy(row, subject, body)
            return False
        return self._record_request(row)

    def _offer_to_copy(self, row: EngagementRow, subject: str, body: str) -> QMessageBox:
        """No mail program: offer the request to paste into any e-mail (not blocking)."""
        box = message_box(
            self,
            QMessageBox.Icon.Information,
            _("No mail program"),
            "",
            QMessageBox.StandardButton.NoButton,
        )
        box.setObjectName("noMailProgram")
        box.setText(
            _("No mail program opened for the request to {name}.").format(name=row.contractor_name)
        )
        box.setInformativeText(
            (
                _(
                    "Copy the request, paste it into an e-mail to {address}, "
                    "and Offload records that you asked."
                )
                if row.contractor_email
                else _(
                    "Copy the request, paste it into an e-mail, and Offload records that you asked."
                )
            ).format(address=row.contractor_email)
        )
        box.setDetailedText(_("Subject: {subject}\n\n{body}").format(subject=subject, body=body))
        copy = box.addButton(_("&Copy the request"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        name_buttons(box, "noMailProgram")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        address = (
            _("To: {address}").format(address=row.contractor_email) + "\n"
            if row.contractor_email
            else ""
        )
        message = address + _("Subject: {subject}").format(subject=subject) + f"\n\n{body}"

        def answered() -> None:
            if box.clickedButton() is copy:
                QGuiApplication.clipboard().setText(message)
                if self._record_request(row, copied=True):
                    self._said(
                        _(
                            "Copied the request to {contractor_name}: paste it into an e-mail. "
                            "Recorded as asked (Ctrl+Z takes it back)."
                        ).format(contractor_name=row.contractor_name)
                    )

        box.finished.connect(answered)
        box.open()
        return box

    def _record_request(self, row: EngagementRow, *, copied: bool = False) -> bool:
        command = AddCheckInCommand(
            self.ctx,
            row.id,
            self.today(),
            {
                "initiated_by": Initiator.OWNER,
                "kind": CheckInKind.REQUEST,
                "summary": REQUEST_SUMMARY,
            },
            text=_("Request a progress report"),
        )
        asked = _("Asked {name} for a progress report.").format(name=row.contractor_name)
        if not row.contractor_email:
            asked += " " + _("Add their e-mail address in Contractors.")
        done = "" if copied else asked
        return self._run(command, done)

    def set_status(self, status: str) -> bool | PauseDialog:
        """Change the status; pausing with access still open asks which to revoke."""
        row = self._require_selection()
        if row is None or row.status == status:
            return False
        label = status.capitalize()
        still_open = open_accesses(row.id) if status == EngagementStatus.PAUSED else []
        if still_open:
            dialog = PauseDialog(self.ctx, row, still_open, self.today(), self)
            dialog.open()
            return dialog
        return self._run(
            SetStatusCommand(
                self.ctx,
                row.id,
                status,
                self.today(),
                text=_("Set status {label}").format(label=label),
            ),
            f"{row.contractor_name}: {label}.",
        )

    def end_selected(self) -> EndDialog | None:
        row = self._require_selection()
        if row is None:
            return None
        dialog = EndDialog(self.ctx, row, self)
        dialog.open()
        return dialog

    def edit_terms(self) -> TermsDialog | None:
        row = self._require_selection()
        if row is None:
            return None
        dialog = TermsDialog(self.ctx, row, self)
        dialog.open()
        return dialog

    def put_on_notice(self) -> bool:
        row = self._require_selection()
        if row is None:
            return False
        return self._run(
            PutOnNoticeCommand(self.ctx, row.id, self.today()),
            _("{contractor_name} is on notice from today.").format(
                contractor_name=row.contractor_name
            ),
        )

    def reopen_brief(self) -> bool:
        """Confidence lost: post the brief again and put the engagement on notice."""
        row = self._require_selection()
        if row is None:
            return False
        return self._run(
            ReopenCommand(self.ctx, row.id, self.today()),
            _(
                "“{brief_title}” is posted again and {contractor_name} is on notice. Find someone "
                "new opens your bench filtered to the brief's skills."
            ).format(brief_title=row.brief_title, contractor_name=row.contractor_name),
        )

    def find_someone_new(self) -> None:
        """Open the contractor bench filtered to the brief's skills, without the
        contractor being replaced."""
        row = self._require_selection()
        if row is not None:
            self.ctx.navigate_requested.emit("contractors", ("someone_new", row.id))

    def show_contractor(self) -> None:
        row = self._require_selection()
        if row is not None:
            self.ctx.navigate_requested.emit("contractors", ("contractor", row.contractor_id))

    def show_brief(self) -> None:
        row = self._require_selection()
        if row is not None:
            self.ctx.navigate_requested.emit("briefs", ("brief", row.brief_id))

    def focus_check_in_form(self) -> None:
        if self._require_selection() is not None:
            self.detail.tabs.setCurrentWidget(self.detail.check_in_form)
            self.detail.check_in_form.summary.setFocus()

    def focus_feedback_form(self) -> None:
        if self._require_selection() is not None:
            self.detail.tabs.setCurrentWidget(self.detail.feedback_form)
            self.detail.feedback_form.deliverable.setFocus()

    def delete_timeline_entry(self) -> bool:
        """Delete the selected check-in or feedback, after asking (undoable)."""
        entry = self.detail.selected_entry()
        if entry is None:
            self._refused(_("Select a check-in or a piece of feedback in the timeline first."))
            return False
        if isinstance(entry, FeedbackRecord):
            what = _("the feedback on “{deliverable}”").format(deliverable=entry.deliverable)
        else:
            what = _("the check-in of {day}").format(day=day(entry.day))
        if not self._confirm(
            _("Delete entry"), _("Delete {what}? You can undo it with Ctrl+Z.").format(what=what)
        ):
            return False
        return self._run(
            DeleteTimelineEntryCommand(self.ctx, entry), _("Deleted {what}.").format(what=what)
        )

    def edit_timeline_entry(self) -> EditEntryDialog | None:
        """Change the selected check-in or feedback in its quick form (undoable)."""
        entry = self.detail.selected_entry()
        if entry is None:
            self._refused(_("Select a check-in or a piece of feedback in the timeline first."))
            return None
        dialog = EditEntryDialog(self.ctx, entry, self)
        said = (
            _("Feedback changed. Undo with Ctrl+Z.")
            if isinstance(entry, FeedbackRecord)
            else _("Check-in changed. Undo with Ctrl+Z.")
        )
        dialog.accepted.connect(lambda: self._said(said))
        dialog.open()
        return dialog

    def send_feedback(self) -> QWidget | None:
        """Write the selected piece of feedback to the contractor (the composer)."""
        from desktop_app.views.hiring.composer import open_composer

        entry = self.detail.selected_entry()
        if not isinstance(entry, FeedbackRecord):
            self._refused(_("Select a piece of feedback in the timeline first."))
            return None
        try:
            return open_composer(self.ctx, self, "send_feedback", feedback_id=entry.id)
        except UserError as error:
            self._refused(str(error))
            return None

    def _confirm(self, title: str, question: str) -> bool:
        return ask(self, title, question)

    # Files
    def choose_and_export_schedule(self) -> None:
        suggested = Path.home() / "offload-check-ins.ics"
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export check-in schedule"), str(suggested), _("iCalendar (*.ics)")
        )
        if path:
            self.export_schedule_to(Path(path))

    def export_schedule_to(self, destination: Path) -> int:
        """Write the check-in schedule; returns how many engagements it holds (0 if refused)."""
        if destination.suffix.lower() != ".ics":
            destination = destination.with_name(destination.name + ".ics")
        try:
            from desktop_app.exporters.engagement_schedule import export_schedule

            saved = export_schedule(destination, self.today())
        except UserError as error:
            self._refused(str(error))
            return 0
        self._said(
            count(
                saved,
                "Saved the check-ins of {count} engagement to {path}. Open it with your "
                "calendar app to get the reminders.",
                "Saved the check-ins of {count} engagements to {path}. Open it with your "
                "calendar app to get the reminders.",
                path=destination,
            )
        )
        return saved

    def _write_review(self, destination: Path, row: EngagementRow) -> Path:
        from desktop_app.pdf.review import write_review

        settings = self.ctx.settings()
        return write_review(
            destination,
            engagement_review(row.id, self.today()),
            business_name=settings.business_name,
            page_size=settings.page_size,
            today=self.today(),
        )

    def choose_and_export_review(self) -> None:
        row = self._require_selection()
        if row is None:
            return
        suggested = Path.home() / _("Review — {contractor_name}.pdf").format(
            contractor_name=row.contractor_name
        )
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export review as PDF"), str(suggested), _("PDF (*.pdf)")
        )
        if path:
            self.export_review(Path(path))

    def export_review(self, destination: Path) -> Path | None:
        """Write the selected engagement's review as a PDF; None when refused."""
        row = self._require_selection()
        if row is None:
            return None
        if destination.suffix.lower() != ".pdf":
            destination = destination.with_name(destination.name + ".pdf")
        try:
            self._write_review(destination, row)
        except UserError as error:
            self._refused(str(error))
            return None
        self._said(
            _("Saved the review of {contractor_name} to {destination}.").format(
                contractor_name=row.contractor_name, destination=destination
            )
        )
        return destination

    def print_review(self) -> PdfPrintPreview | None:
        """Open a print preview of exactly the review PDF that export writes."""
        row = self._require_selection()
        if row is None:
            return None
        from desktop_app.views.partials.pdf_print import open_print_preview  # QtPdf: on use

        try:
            return open_print_preview(
                lambda path: self._write_review(path, row),
                f"review-{row.id}.pdf",
                _("Review — {contractor_name}").format(contractor_name=row.contractor_name),
                self,
                noun=N_("review"),
            )
        except UserError as error:
            self._refused(str(error))
            return None

    # Navigation, search, smoke test
    def open_target(self, target: Any) -> None:
        """("engagement", id) selects that engagement; ("question", id) shows its
        questions log; ("checklists", id), ("access", id), ("payments", id) or
        ("agreements", id) that part of running it; ("month", None) opens the
        month's budget against paid."""
        if isinstance(target, tuple) and len(target) == 2 and target[0] == "engagement":
            self.select_engagement(int(target[1]))
        elif isinstance(target, tuple) and len(target) == 2 and target[0] == "question":
            self.select_engagement(int(target[1]))
            self.detail.tabs.setCurrentWidget(self.detail.questions)
        elif isinstance(target, tuple) and len(target) == 2 and target[0] in RUNNING_PANELS:
            # ("checklists" | "access" | "payments" | "agreements", engagement id)
            self.select_engagement(int(target[1]))
            self.detail.show_running(getattr(self.detail, target[0]))
        elif target == ("month", None):
            MonthDialog(self.ctx, self.today(), parent=self).show()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def smoke_test(self) -> None:
        """Select an engagement, add a check-in and undo it, write and read the .ics."""
        from icalendar import Calendar

        from desktop_app.models.engagements import check_ins_of

        if not self.model.rows():
            raise RuntimeError("the demo has no engagements")
        self.filter.setCurrentIndex(self.filter.findData("open"))
        self._select_first()
        row = self.selected_row()
        if row is None or self.detail.row is None or self.detail.row.id != row.id:
            raise RuntimeError("selecting an engagement did not show it")
        before = len(check_ins_of(row.id))
        form = self.detail.check_in_form
        form.summary.setPlainText("Smoke test: all on track.")
        if form.submit() is None:
            raise RuntimeError(f"the check-in was refused: {form.errors.message()}")
        if len(check_ins_of(row.id)) != before + 1:
            raise RuntimeError("the check-in was not stored")
        self.ctx.undo_stack.undo()
        if len(check_ins_of(row.id)) != before:
            raise RuntimeError("undo did not remove the check-in")
        with tempfile.TemporaryDirectory(prefix="offload-smoke-ics-") as folder:
            path = Path(folder) / "check-ins.ics"
            count = self.export_schedule_to(path)
            events = [
                event
                for event in Calendar.from_ical(path.read_bytes()).walk("VEVENT")
                if event.get("status") != "CANCELLED"
            ]
            if count == 0 or len(events) != count:
                raise RuntimeError(f"the schedule holds {len(events)} events, not {count}")

    # Layout memory
    def _layout_parts(self) -> dict[str, LayoutPart]:
        return {
            "splitter": self.splitter,
            "listSplitter": self.left,
            "header": self.table.horizontalHeader(),
        }

    def _restore_layout(self) -> None:
        restored = restore_layout(SETTINGS_PREFIX, self._layout_parts())
        self._columns_fitted = "header" in restored

    def _save_layout(self, *_args: object) -> None:
        save_layout(SETTINGS_PREFIX, self._layout_parts())

    def save_layout(self) -> None:
        """The window is closing: keep the splitters and the list's columns."""
        self._save_layout()
