"""The detail pane of one contractor: profile, references, portfolio,
interviews and the history of pipeline moves, each in a tab."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app import attachments
from desktop_app.models import contractors as bench
from desktop_app.models.availability import overlap_needed, overlap_with_owner
from desktop_app.models.contractor_input import (
    KIND_LABELS,
    RATE_UNIT_LABELS,
    SCORE_FIELDS,
    SCORE_LABELS,
)
from desktop_app.models.engagements import engagement_links
from desktop_app.models.errors import UserError
from desktop_app.models.formats import date_time, day, integer, number
from desktop_app.models.i18n import N_, _
from desktop_app.models.messages import (
    MESSAGE_LABELS,
    MessageKind,
    SentRow,
    likely_brief,
    messages_of,
    next_interview_of,
    open_offer_of,
)
from desktop_app.paths import attachments_dir
from desktop_app.views.context import AppContext
from desktop_app.views.contractors import dialogs
from desktop_app.views.contractors.commands import (
    AddChildCommand,
    DeleteChildCommand,
    EditChildCommand,
)
from desktop_app.views.contractors.form import FormDialog
from desktop_app.views.engagements.links import EngagementLinks
from desktop_app.views.hiring.composer import open_composer, save_brief_to_send
from desktop_app.views.hiring.contractor_dialogs import AnswersDialog, CriteriaDialog
from desktop_app.views.partials.feedback import MessageLine, run_edit
from desktop_app.views.partials.history_dialog import HistoryDialog, show_history
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.plain_text import plain_label, rich_label
from desktop_app.views.partials.table_model import (
    ALIGN_CENTER,
    ALIGN_RIGHT,
    Column,
    RowTableModel,
)
from desktop_app.views.partials.tables import data_table
from desktop_app.views.partials.tones import ALERT, MUTED, WARNING, set_tone, tone, tone_color

TAB_TITLES = (
    N_("Profile"),
    N_("References"),
    N_("Portfolio"),
    N_("Interviews"),
    N_("History"),
    N_("Messages"),
)
# What the Write… menu offers (a referral request goes to a referrer, feedback
# from an engagement).
CONTRACTOR_MESSAGES = (
    MessageKind.INTERVIEW_INVITE,
    MessageKind.REFERENCES_REQUEST,
    MessageKind.TRIAL_OFFER,
    MessageKind.SEND_BRIEF,
    MessageKind.DECLINE,
)


def stars(rating: int | None) -> str:
    return "" if rating is None else "★" * rating + "☆" * (5 - rating)


def when(value: Any, with_time: bool = False) -> str:
    if value is None:
        return ""
    return date_time(value) if with_time else day(value)


def stage_label(stage: str | None) -> str:
    if not stage:
        return "—"
    return _(bench.STAGE_LABELS[bench.Stage(stage)]) if stage in set(bench.Stage) else stage


class ContractorDetailPane(QWidget):
    """What the bench knows about one contractor.

    Signals:
        move_requested(str): the owner chose a stage to move the contractor to.
        hire_requested(): the owner wants to hire this contractor for a brief.
        edit_requested(), delete_requested(): the profile's buttons.

    Attributes:
        contractor_id: the contractor shown, or None.
        message: the label that reports what an action did or why it could not.
    """

    move_requested = Signal(str)
    hire_requested = Signal()
    edit_requested = Signal()
    delete_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "contractorDetail", _("Contractor details"))
        self.ctx = ctx
        self.contractor_id: int | None = None
        self.detail: bench.ContractorDetail | None = None
        # QDesktopServices.openUrl, kept as an attribute so that a caller
        # (the smoke test) can open nothing.
        self.open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl
        self.last_composer: QWidget | None = None

        self.title = named(plain_label(), "contractorTitle", _("Contractor name"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = named(plain_label(), "contractorSubtitle", _("Stage, source and rate"))
        self.subtitle.setWordWrap(True)
        self.engagements = EngagementLinks(ctx, "brief", "contractorEngagements")

        buttons = self._build_buttons()

        self.message = MessageLine("contractorMessage")

        self.tabs = named(QTabWidget(), "contractorTabs", _("Contractor details"))
        self.tabs.addTab(self._build_profile(), _("Profile"))
        self.tabs.addTab(self._build_references(), _("References"))
        self.tabs.addTab(self._build_portfolio(), _("Portfolio"))
        self.tabs.addTab(self._build_interviews(), _("Interviews"))
        self.tabs.addTab(self._build_history(), _("History"))
        self.tabs.addTab(self._build_messages(), _("Messages"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.engagements)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)

    # Building
    def _build_buttons(self) -> QHBoxLayout:
        """The stage moves, Hire, Edit and Delete."""
        self.next_button = named(
            QPushButton(),
            "moveNextButton",
            _("Move to the next stage"),
            _("Move this contractor one step along the pipeline"),
        )
        self.next_button.clicked.connect(self._move_next)
        self.move_button = named(
            QToolButton(),
            "moveToButton",
            _("Move to stage"),
            _("Move to any stage of the pipeline"),
        )
        self.move_button.setText(_("Move to…"))
        self.move_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.move_menu = QMenu(self.move_button)
        self.move_menu.setObjectName("moveToMenu")
        self.move_button.setMenu(self.move_menu)
        self.reject_button = named(
            QPushButton(_("Reject")),
            "rejectButton",
            _("Reject"),
            _("Move to Rejected, with a reason"),
        )
        self.reject_button.clicked.connect(lambda: self.move_requested.emit(bench.Stage.REJECTED))
        self.hire_button = named(
            QPushButton(_("Hire for a brief…")),
            "hireContractorButton",
            _("Hire for a brief"),
            _("Start an engagement: this contractor works to one of your briefs"),
        )
        self.hire_button.clicked.connect(self.hire_requested)
        self.write_button = named(
            QToolButton(), "writeButton", _("Write to the contractor"),
            _("A message written from what Offload knows, sent through your mail program"),
        )  # fmt: skip
        self.write_button.setText(_("Write…"))
        self.write_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.write_menu = QMenu(self.write_button)
        self.write_menu.setObjectName("writeMenu")
        for kind in CONTRACTOR_MESSAGES:
            action = self.write_menu.addAction(MESSAGE_LABELS[kind] + "…")
            action.setObjectName(f"write_{kind.value}")
            action.triggered.connect(lambda _checked=False, k=kind: self.write(k))
        self.write_button.setMenu(self.write_menu)
        self.answers_button = named(
            QPushButton(_("Screening answers…")), "answersButton", _("Screening answers"),
            _("Record their answers to a brief's screening questions"),
        )  # fmt: skip
        self.answers_button.clicked.connect(self.edit_answers)
        self.history_button = named(
            QPushButton(_("Changes…")), "contractorHistoryButton", _("Changes"),
            _("Who changed what, and when"),
        )  # fmt: skip
        self.history_button.clicked.connect(self.show_history)
        self.edit_button = named(
            QPushButton(_("Edit…")), "editContractorButton", _("Edit contractor")
        )
        self.edit_button.clicked.connect(self.edit_requested)
        self.delete_button = named(
            QPushButton(_("Delete…")), "deleteContractorButton", _("Delete contractor")
        )
        self.delete_button.clicked.connect(self.delete_requested)
        buttons = QHBoxLayout()
        for widget in (self.next_button, self.move_button, self.reject_button, self.hire_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.write_button)
        buttons.addWidget(self.history_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        return buttons

    def _build_profile(self) -> QWidget:
        self.profile = named(rich_label(), "contractorProfile", _("Profile"))
        self.profile.setTextFormat(Qt.TextFormat.RichText)
        self.profile.setWordWrap(True)
        self.profile.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.profile.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        # Links open only when clicked, through our handler (never on their own).
        self.profile.setOpenExternalLinks(False)
        self.profile.linkActivated.connect(lambda link: self.open_url(QUrl(link)))
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.profile)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        return scroll

    def _child_tab(self, table: QTableView, buttons: list[QPushButton], hint: str = "") -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(table, 1)
        if hint:
            label = plain_label(hint)
            label.setWordWrap(True)
            set_tone(label, MUTED)
            layout.addWidget(label)
        return page

    def _button(
        self, text: str, object_name: str, slot: Callable[[], object], tip: str = ""
    ) -> QPushButton:
        button = named(QPushButton(text), object_name, text.rstrip("…"), tip)
        button.clicked.connect(slot)
        return button

    def _build_references(self) -> QWidget:
        self.references_model: RowTableModel[bench.ReferenceRow] = RowTableModel(
            [
                Column(_("From"), lambda r: r.name),
                Column(_("Relation"), lambda r: r.relation_text),
                Column(
                    _("Checked"), lambda r: r.checked, checkable=True, commit=self._commit_checked
                ),
                Column(_("How to reach"), lambda r: r.contact),
                Column(
                    _("What they said"),
                    lambda r: r.said.replace("\n", " "),
                    tooltip=lambda r: r.said,
                ),
            ],
            self,
        )
        self.references_view = data_table(
            "referencesTable",
            _("References"),
            self.references_model,
            widths=(150, 100, 60, 150),
            editable=True,
        )
        self.references_view.doubleClicked.connect(lambda _arg: self.edit_reference())
        return self._child_tab(
            self.references_view,
            [
                self._button(_("Add reference…"), "addReferenceButton", self.add_reference),
                self._button(_("Edit…"), "editReferenceButton", self.edit_reference),
                self._button(_("Delete"), "deleteReferenceButton", self.delete_reference),
            ],
            _("Tick “Checked” once you have spoken to the reference yourself."),
        )

    def _build_portfolio(self) -> QWidget:
        self.portfolio_model: RowTableModel[bench.PortfolioRow] = RowTableModel(
            [
                Column(_("Title"), lambda p: p.title),
                Column(
                    _("Link or file"),
                    self._portfolio_target,
                    foreground=lambda p: tone_color(ALERT) if self._is_missing(p) else None,
                    tooltip=self._portfolio_tip,
                ),
                Column(_("Notes"), lambda p: p.notes.replace("\n", " "), tooltip=lambda p: p.notes),
            ],
            self,
        )
        self.portfolio_view = data_table(
            "portfolioTable", _("Portfolio"), self.portfolio_model, widths=(170, 220), editable=True
        )
        self.portfolio_view.doubleClicked.connect(lambda _arg: self.open_portfolio_item())
        return self._child_tab(
            self.portfolio_view,
            [
                self._button(_("Add link…"), "addPortfolioLinkButton", self.add_portfolio_link),
                self._button(
                    _("Attach file…"),
                    "attachFileButton",
                    self.choose_and_attach_file,
                    _("Copy a sample file into Offload's data folder (at most 100 MB)"),
                ),
                self._button(
                    _("Open"),
                    "openPortfolioButton",
                    self.open_portfolio_item,
                    _("Open the link in your browser, or the file in its viewer"),
                ),
                self._button(_("Delete"), "deletePortfolioButton", self.delete_portfolio_item),
            ],
            _("Links open in your browser only when you click Open (or double-click)."),
        )

    def _build_interviews(self) -> QWidget:
        score_columns = [_score_column(key) for key in SCORE_FIELDS]
        self.interviews_model: RowTableModel[bench.InterviewRow] = RowTableModel(
            [
                Column(_("When"), lambda i: when(i.held_at, True)),
                Column(_("Held"), lambda i: "yes" if i.held else "scheduled"),
                Column(_("Medium"), lambda i: i.medium_text),
                Column(_("Brief"), lambda i: i.brief_title),
                *score_columns,
                Column(_("Avg"), lambda i: _score(i.average), align=ALIGN_RIGHT),
                Column(_("Decision"), lambda i: i.decision_text),
                Column(_("Notes"), lambda i: i.notes.replace("\n", " "), tooltip=lambda i: i.notes),
            ],
            self,
        )
        self.interviews_view = data_table(
            "interviewsTable",
            _("Interviews"),
            self.interviews_model,
            widths=(135, 70, 70, 110, 48, 48, 48, 48, 40, 80),
            editable=True,
        )
        self.interviews_view.doubleClicked.connect(lambda _arg: self.edit_interview())
        return self._child_tab(
            self.interviews_view,
            [
                self._button(_("Add interview…"), "addInterviewButton", self.add_interview),
                self._button(_("Edit…"), "editInterviewButton", self.edit_interview),
                self._button(_("Delete"), "deleteInterviewButton", self.delete_interview),
                self._button(
                    _("Must-haves…"),
                    "interviewCriteriaButton",
                    self.score_criteria,
                    _("Score the interview on its brief's must-have expectations"),
                ),
            ],
            _(
                "Scores from 1 (poor) to 5 (excellent). Schedule an interview now and tick "
                "“Held” once it has taken place."
            ),
        )

    def _build_history(self) -> QWidget:
        self.history_model: RowTableModel[bench.HistoryRow] = RowTableModel(
            [
                Column(_("When"), lambda h: when(h.changed_at, True)),
                Column(_("From"), lambda h: stage_label(h.from_stage)),
                Column(_("To"), lambda h: stage_label(h.to_stage)),
                Column(
                    _("Reason"), lambda h: h.reason.replace("\n", " "), tooltip=lambda h: h.reason
                ),
            ],
            self,
        )
        self.history_view = data_table(
            "historyTable",
            _("Stage history"),
            self.history_model,
            widths=(135, 90, 90),
            editable=True,
        )
        return self._child_tab(self.history_view, [])

    def _build_messages(self) -> QWidget:
        self.messages_model: RowTableModel[SentRow] = RowTableModel(
            [
                Column(_("When"), lambda m: when(m.sent_at, True)),
                Column(_("What"), lambda m: m.kind_text),
                Column(_("Brief"), lambda m: m.brief_title),
                Column(_("How"), lambda m: _("mail program") if m.via == "mail" else _("copied")),
                Column(_("Subject"), lambda m: m.subject, tooltip=lambda m: m.body),
            ],
            self,
        )
        self.messages_view = data_table(
            "messagesTable", _("Messages sent"), self.messages_model, widths=(135, 150, 130, 90)
        )
        return self._child_tab(
            self.messages_view,
            [],
            _("Every message written here (Write…) is kept: hover a subject to read it."),
        )

    # Showing
    def show_contractor(self, contractor_id: int | None) -> None:
        self.contractor_id = contractor_id
        self.message.clear_message()
        self.reload()

    def reload(self) -> None:
        self.detail = None
        if self.contractor_id is not None:
            try:
                self.detail = bench.contractor_detail(self.contractor_id)
            except UserError:
                self.contractor_id = None
        detail = self.detail
        for widget in (
            self.next_button,
            self.move_button,
            self.reject_button,
            self.hire_button,
            self.write_button,
            self.answers_button,
            self.history_button,
            self.edit_button,
            self.delete_button,
            self.tabs,
        ):
            widget.setEnabled(detail is not None)
        if detail is None:
            for index, title in enumerate(TAB_TITLES):
                self.tabs.setTabText(index, _(title))
            self.next_button.hide()
            self.title.setText(_("No contractor selected"))
            self.subtitle.setText(
                _("Select a contractor in the list to see everything about them.")
            )
            for model in (
                self.references_model,
                self.portfolio_model,
                self.interviews_model,
                self.history_model,
                self.messages_model,
            ):
                model.set_rows([])
            self.profile.setText("")
            self.engagements.show_links([])
            return
        self.engagements.show_links(engagement_links(contractor_id=detail.row.id))
        row = detail.row
        self.title.setText(row.name)
        since = _(" since {when}").format(when=when(row.stage_since)) if row.stage_since else ""
        parts = [
            f"{stage_label(row.stage)}{since}",
            bench.source_text(row.source, row.source_detail),
            bench.rate_text(row.rate, row.rate_unit, row.currency),
        ]
        self.subtitle.setText(" · ".join(p for p in parts if p))
        self._update_move_buttons(row.stage)
        self.profile.setText(self._profile_html(row))
        self.references_model.set_rows(detail.references)
        self.portfolio_model.set_rows(detail.portfolio)
        self.interviews_model.set_rows(detail.interviews)
        self.history_model.set_rows(detail.history)
        sent = messages_of(row.id)
        self.messages_model.set_rows(sent)
        counts = (
            None,
            len(detail.references),
            len(detail.portfolio),
            len(detail.interviews),
            None,  # every contractor has a history; its length says little
            len(sent),
        )
        for index, title in enumerate(TAB_TITLES):
            items = counts[index]
            self.tabs.setTabText(
                index,
                _("{tab} ({count})").format(tab=_(title), count=items) if items else _(title),
            )

    def _update_move_buttons(self, stage: str) -> None:
        upcoming = bench.next_stage(stage)
        self.next_button.setVisible(upcoming is not None)
        if upcoming is not None:
            self.next_button.setText(
                _("Move to {stage} ▸").format(stage=_(bench.STAGE_LABELS[upcoming]))
            )
            self.next_button.setProperty("stage", upcoming.value)
        self.reject_button.setVisible(stage not in (bench.Stage.REJECTED, bench.Stage.ENDED))
        self.move_menu.clear()
        for target, label in bench.STAGE_LABELS.items():
            action = QAction(label, self.move_menu)
            action.setObjectName(f"moveTo_{target.value}")
            action.setEnabled(target != stage)
            action.triggered.connect(
                lambda _checked=False, s=target.value: self.move_requested.emit(s)
            )
            self.move_menu.addAction(action)

    def _move_next(self) -> None:
        stage = self.next_button.property("stage")
        if stage:
            self.move_requested.emit(stage)

    def _profile_html(self, row: bench.ContractorRow) -> str:
        muted = tone(MUTED)

        def line(label: str, value: str, raw: bool = False) -> str:
            shown = value if raw else escape(value)
            return (
                f"<tr><td style='color:{muted};padding-right:12px'>{label}</td>"
                f"<td>{shown}</td></tr>"
            )

        lines = [line(_("Kind"), KIND_LABELS.get(row.kind, row.kind))]
        if row.skills:
            lines.append(line(_("Skills"), row.skills))
        if row.email:
            lines.append(line(_("E-mail"), row.email))
        if row.phone:
            lines.append(line(_("Phone"), row.phone))
        if row.website:
            link = f"<a href='{escape(row.website, quote=True)}'>{escape(row.website)}</a>"
            lines.append(line(_("Website"), link, raw=True))
        place = " · ".join(p for p in (row.location, row.timezone) if p)
        if place:
            lines.append(line(_("Location"), place))
        if row.working_hours:
            lines.append(
                line(
                    _("Working hours"),
                    _("{working_hours} their time").format(working_hours=row.working_hours),
                )
            )
        overlap = overlap_with_owner([row.id], date.today())[row.id]
        warning = overlap.warning(overlap_needed(likely_brief(row.id)))
        shared = escape(overlap.text())
        if warning:
            shared += f"<br><span style='color:{tone(WARNING)}'>{escape(warning)}</span>"
        lines.append(line(_("Shared hours"), shared, raw=True))
        if row.rate is not None:
            lines.append(line(_("Rate"), bench.rate_text(row.rate, row.rate_unit, row.currency)))
        else:
            lines.append(
                line(
                    _("Rate"),
                    _("not known ({unit})").format(unit=_(RATE_UNIT_LABELS.get(row.rate_unit, ""))),
                )
            )
        lines.append(line(_("Source"), bench.source_text(row.source, row.source_detail)))
        lines.append(line(_("Your rating"), stars(row.rating) or _("not rated")))
        lines.append(line(_("Last contact"), when(row.last_contact) or "—"))
        lines.append(
            line(
                _("References"),
                _("{checked} of {references} checked").format(
                    checked=row.references_checked, references=row.references
                ),
            )
            if row.references
            else line(_("References"), _("none yet"))
        )
        if row.average_score is not None:
            lines.append(
                line(
                    _("Interview score"),
                    _("{score} of 5").format(score=number(row.average_score, 1)),
                )
            )
        notes = (
            escape(row.notes).replace("\n", "<br>")
            if row.notes
            else "<i>{}</i>".format(_("No notes"))
        )
        return f"<table>{''.join(lines)}</table><p>{notes}</p>"

    # Messages
    def say(self, text: str, *, error: bool = False) -> None:
        if error:
            self.message.show_error(text)
        else:
            self.message.show_note(text)

    def _run(self, command: Any) -> bool:
        return run_edit(command, self.message.show_error)

    # References
    def _selected(self, view: QTableView, model: RowTableModel) -> Any:
        rows = view.selectionModel().selectedRows()
        if not rows:
            current = view.currentIndex()
            if not current.isValid():
                return None
            return model.row_at(current.row())
        return model.row_at(rows[0].row())

    def _open_form(self, dialog: FormDialog, on_accept: Callable[[Any], object]) -> FormDialog:
        dialog.accepted.connect(lambda: on_accept(dialog.result))
        dialog.open()
        return dialog

    def add_reference(self) -> FormDialog | None:
        if self.contractor_id is None:
            return None
        cid = self.contractor_id
        return self._open_form(
            dialogs.reference_dialog(self),
            lambda values: self._run(AddChildCommand(self.ctx, "reference", cid, values)),
        )

    def edit_reference(self) -> FormDialog | None:
        reference = self._selected(self.references_view, self.references_model)
        if reference is None:
            return None
        values = bench.child_values("reference", reference.id)
        return self._open_form(
            dialogs.reference_dialog(self, values),
            lambda new: self._run(EditChildCommand(self.ctx, "reference", reference.id, new)),
        )

    def delete_reference(self) -> None:
        reference = self._selected(self.references_view, self.references_model)
        if reference is not None:
            self._run(DeleteChildCommand(self.ctx, "reference", reference.id))

    def _commit_checked(self, reference: bench.ReferenceRow, checked: Any) -> str | None:
        text = (
            _("Mark reference from {name} as checked")
            if checked
            else _("Mark reference from {name} as unchecked")
        ).format(name=reference.name)
        command = EditChildCommand(
            self.ctx, "reference", reference.id, {"checked": bool(checked)}, text
        )
        return None if run_edit(command, self.message.show_error) else self.message.message()

    # Portfolio
    def _folder(self) -> Path:
        return attachments_dir(self.ctx.database_path)

    def _is_missing(self, item: bench.PortfolioRow) -> bool:
        return item.is_file and attachments.is_missing(self._folder(), item.file_hash or "")

    def _portfolio_target(self, item: bench.PortfolioRow) -> str:
        if not item.is_file:
            return item.url
        size = _("{size} KB").format(size=integer(round((item.file_size or 0) / 1024)))
        if self._is_missing(item):
            return _("{file_name} — missing").format(file_name=item.file_name)
        return f"{item.file_name} ({size})"

    def _portfolio_tip(self, item: bench.PortfolioRow) -> str:
        if self._is_missing(item):
            return _(
                "The sample file {file_name} is no longer in {folder}; attach it again."
            ).format(file_name=item.file_name, folder=self._folder())
        return _("Double-click or press Open to view it") if item.is_file else item.url

    def add_portfolio_link(self) -> FormDialog | None:
        if self.contractor_id is None:
            return None
        cid = self.contractor_id
        return self._open_form(
            dialogs.portfolio_link_dialog(self),
            lambda values: self._run(AddChildCommand(self.ctx, "portfolio", cid, values)),
        )

    def choose_and_attach_file(self) -> None:
        if self.contractor_id is None:
            return
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Attach a sample file"), str(Path.home())
        )
        if path:
            self.attach_file(Path(path))

    def attach_file(self, path: Path) -> bool:
        """Copy `path` into the attachments folder and add it to the portfolio."""
        if self.contractor_id is None:
            return False
        try:
            stored = attachments.store_file(path, self._folder())
        except UserError as error:
            self.say(str(error), error=True)
            return False
        values = {
            "title": stored.file_name,
            "file_hash": stored.file_hash,
            "file_name": stored.file_name,
            "file_size": stored.file_size,
        }
        if self._run(AddChildCommand(self.ctx, "portfolio", self.contractor_id, values)):
            self.say(
                (
                    _("Attached {name} (the same file was already stored, so it is kept once).")
                    if stored.already_stored
                    else _("Attached {name}.")
                ).format(name=stored.file_name)
            )
            return True
        return False

    def open_portfolio_item(self) -> bool:
        """Open the selected link in the browser or file in the system viewer."""
        item = self._selected(self.portfolio_view, self.portfolio_model)
        if item is None:
            self.say(_("Select a portfolio item to open."))
            return False
        if not item.is_file:
            return self.open_url(QUrl(item.url))
        stored = attachments.locate(self._folder(), item.file_hash or "", item.file_name or "")
        if stored is None:
            self.say(
                _(
                    "The sample file {file_name} is missing: it is no longer in {folder}. Attach "
                    "it again if you still have it."
                ).format(file_name=item.file_name, folder=self._folder()),
                error=True,
            )
            return False
        return self.open_url(QUrl.fromLocalFile(str(stored)))

    def delete_portfolio_item(self) -> None:
        item = self._selected(self.portfolio_view, self.portfolio_model)
        if item is not None:
            self._run(DeleteChildCommand(self.ctx, "portfolio", item.id))

    # Interviews
    def add_interview(self) -> FormDialog | None:
        if self.contractor_id is None:
            return None
        cid = self.contractor_id
        return self._open_form(
            dialogs.interview_dialog(self, bench.brief_choices()),
            lambda values: self._run(AddChildCommand(self.ctx, "interview", cid, values)),
        )

    def edit_interview(self) -> FormDialog | None:
        interview = self._selected(self.interviews_view, self.interviews_model)
        if interview is None:
            return None
        values = bench.child_values("interview", interview.id)
        return self._open_form(
            dialogs.interview_dialog(self, bench.brief_choices(), values),
            lambda new: self._run(EditChildCommand(self.ctx, "interview", interview.id, new)),
        )

    def delete_interview(self) -> None:
        interview = self._selected(self.interviews_view, self.interviews_model)
        if interview is not None:
            self._run(DeleteChildCommand(self.ctx, "interview", interview.id))

    def score_criteria(self) -> QWidget | None:
        interview = self._selected(self.interviews_view, self.interviews_model)
        if interview is None:
            return None
        if interview.brief_id is None:
            self.say(_("Link the interview to a brief first (Edit…): its must-haves are "
                     "scored here."), error=True)  # fmt: skip
            return None
        dialog = CriteriaDialog(self.ctx, interview.id, interview.brief_id, self)
        dialog.open()
        return dialog

    # Hiring: messages and screening answers
    def write(self, kind: str) -> QWidget | None:
        """The composer for `kind`, filled from this contractor and their likely brief."""
        if self.contractor_id is None:
            return None
        brief_id = likely_brief(self.contractor_id)
        data: dict[str, Any] = {"contractor_id": self.contractor_id, "brief_id": brief_id}
        if kind == MessageKind.TRIAL_OFFER and open_offer_of(self.contractor_id, brief_id):
            data = {"offer_id": open_offer_of(self.contractor_id, brief_id)}
        if kind == MessageKind.INTERVIEW_INVITE and next_interview_of(self.contractor_id):
            data = {"interview_id": next_interview_of(self.contractor_id)}
        if kind == MessageKind.SEND_BRIEF and brief_id is not None:
            try:
                data["brief_pdf"] = str(save_brief_to_send(self.ctx, brief_id))
            except UserError as error:
                self.say(str(error), error=True)
                return None
        try:
            composer = open_composer(self.ctx, self, kind, **data)
        except UserError as error:
            self.say(str(error), error=True)
            return None
        self.last_composer = composer
        return composer

    def show_history(self) -> HistoryDialog | None:
        """Who changed which field of this contractor, and when."""
        if self.contractor_id is None or self.detail is None:
            return None
        return show_history(self, "contractor", self.contractor_id, self.detail.row.name)

    def edit_answers(self) -> QWidget | None:
        if self.contractor_id is None:
            return None
        dialog = AnswersDialog(self.ctx, self.contractor_id, likely_brief(self.contractor_id), self)
        dialog.open()
        return dialog

    # Layout memory
    def layout_parts(self) -> dict[str, QHeaderView]:
        """The detail tables' headers, for the tab's remembered layout."""
        return {f"{name}Header": view.horizontalHeader() for name, view in self._tables().items()}

    def _tables(self) -> dict[str, QTableView]:
        return {
            "references": self.references_view,
            "portfolio": self.portfolio_view,
            "interviews": self.interviews_view,
            "history": self.history_view,
            "messages": self.messages_view,
        }


def _score(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.1f}" if value != int(value) else str(int(value))


def _score_column(key: str) -> Column[bench.InterviewRow]:
    return Column(
        SCORE_LABELS[key][:4] + ".",
        lambda i: _score(i.scores[key]),
        sort_key=lambda i: i.scores[key],
        align=ALIGN_CENTER,
        tooltip=lambda i: SCORE_LABELS[key],
    )
