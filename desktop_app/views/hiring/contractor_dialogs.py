"""Dialogs the Contractors tab opens for hiring: a candidate's answers to a
brief's screening questions, an interview's scores on the brief's
must-haves, and the people who recommend contractors (referrals)."""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models import hiring_plan, referrals
from desktop_app.models.contractors import brief_choices, contractor_names
from desktop_app.models.errors import UserError, ValidationError
from desktop_app.models.formats import day
from desktop_app.models.i18n import _
from desktop_app.models.interview_criteria import brief_criteria, criterion_scores
from desktop_app.models.messages import MessageKind
from desktop_app.views.context import AppContext, Topic
from desktop_app.views.hiring.commands import (
    AddReferrerCommand,
    AskForReferralCommand,
    CriterionScoresCommand,
    DeleteReferrerCommand,
    EditReferrerCommand,
    RecommendationCommand,
    RecordAnswersCommand,
)
from desktop_app.views.hiring.composer import open_composer
from desktop_app.views.hiring.widgets import button_row, ok_cancel
from desktop_app.views.partials.feedback import FieldErrors, StatusLine, run_edit
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.plain_text import plain_label
from desktop_app.views.partials.table_model import ALIGN_RIGHT, Column, RowTableModel
from desktop_app.views.partials.tables import data_table
from desktop_app.views.partials.text_direction import PlainTextEdit
from desktop_app.views.undo import StoreCommand

# Whatever dialog `_open` is handed, it hands back.
Dialog = TypeVar("Dialog", bound=QDialog)


class AnswersDialog(QDialog):
    """A contractor's answers to one brief's screening questions."""

    def __init__(
        self, ctx: AppContext, contractor_id: int, brief_id: int | None,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        name = contractor_names([contractor_id]).get(contractor_id, "")
        named(self, "answersDialog", _("{name}: screening answers").format(name=name))
        self.setWindowTitle(_("{name}: screening answers").format(name=name))
        self.ctx, self.contractor_id = ctx, contractor_id
        self.errors = FieldErrors("answers")
        self.brief = named(QComboBox(), "answersBrief", _("For brief"))
        for choice_id, title in brief_choices():
            self.brief.addItem(title, choice_id)
        if brief_id is not None:
            self.brief.setCurrentIndex(max(0, self.brief.findData(brief_id)))
        self.brief.currentIndexChanged.connect(self._load)
        self.form_box = QWidget()
        self.form = QFormLayout(self.form_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form_box)
        self.editors: dict[int, QPlainTextEdit] = {}
        top = QFormLayout()
        top.addRow(_("&Brief:"), self.brief)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.errors.general)
        layout.addWidget(ok_cancel(self, "answers"))
        self.resize(620, 520)
        self._load()

    def _load(self) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.editors = {}
        brief_id = self.brief.currentData()
        answers = hiring_plan.answers_of(self.contractor_id, brief_id) if brief_id else []
        if not answers:
            empty = plain_label(
                _(
                    "This brief has no screening questions yet: add them in the brief's "
                    "Post, screen and trial window (Briefs tab)."
                )
            )
            empty.setWordWrap(True)
            self.form.addRow(empty)
        for number, answer in enumerate(answers, start=1):
            label = plain_label(f"{number}. {answer.question}")
            label.setWordWrap(True)
            editor = named(PlainTextEdit(answer.text), f"answer_{answer.question_id}",
                           answer.question)  # fmt: skip
            editor.setTabChangesFocus(True)
            editor.setMaximumHeight(80)
            label.setBuddy(editor)
            self.form.addRow(label)
            self.form.addRow(editor)
            self.editors[answer.question_id] = editor

    def accept(self) -> None:
        answers = {qid: editor.toPlainText() for qid, editor in self.editors.items()}
        command = RecordAnswersCommand(self.ctx, self.contractor_id, answers, date.today())
        if run_edit(command, self.errors):
            super().accept()


class CriteriaDialog(QDialog):
    """An interview's scores on its brief's must-have expectations."""

    def __init__(self, ctx: AppContext, interview_id: int, brief_id: int | None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        named(self, "criteriaDialog", _("Scores on the brief's must-haves"))
        self.setWindowTitle(_("Scores on the brief's must-haves"))
        self.ctx, self.interview_id = ctx, interview_id
        self.errors = FieldErrors("criteria")
        current = criterion_scores([interview_id]).get(interview_id, {})
        self.combos: dict[int, QComboBox] = {}
        intro = plain_label(
            _(
                "Beside communication, expertise, reliability and fit: how well did they show "
                "each of the brief's must-haves? 1 (not at all) to 5 (clearly)."
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        for criterion in brief_criteria(brief_id):
            combo = named(QComboBox(), f"criterion_{criterion.expectation_id}", criterion.text)
            combo.addItem("—", None)
            for score in range(1, 6):
                combo.addItem(str(score), score)
            combo.setCurrentIndex(max(0, combo.findData(current.get(criterion.expectation_id))))
            label = plain_label(criterion.text)
            label.setWordWrap(True)
            label.setBuddy(combo)
            form.addRow(label, combo)
            self.combos[criterion.expectation_id] = combo
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        if not self.combos:
            none = plain_label(
                _("Link the interview to a brief with must-have expectations first.")
            )
            none.setWordWrap(True)
            layout.addWidget(none)
        layout.addWidget(self.errors.general)
        layout.addWidget(ok_cancel(self, "criteria"))
        self.resize(560, self.sizeHint().height())

    def accept(self) -> None:
        scores = {eid: combo.currentData() for eid, combo in self.combos.items()}
        if run_edit(CriterionScoresCommand(self.ctx, self.interview_id, scores), self.errors):
            super().accept()


class ReferrerForm(QDialog):
    """A referrer's name, e-mail, who they are and notes."""

    def __init__(self, values: dict | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "referrerForm", _("Referrer"))
        self.setWindowTitle(_("Edit referrer") if values else _("New referrer"))
        self.values: dict | None = None
        self.errors = FieldErrors("referrer")
        values = values or {}
        self.editors = {
            key: named(QLineEdit(str(values.get(key, ""))), f"referrer_{key}", label)
            for key, label in (
                ("name", _("Name")),
                ("email", _("E-mail")),
                ("relation", _("Who they are")),
            )
        }
        self.notes = named(PlainTextEdit(values.get("notes", "")), "referrer_notes", _("Notes"))
        self.notes.setTabChangesFocus(True)
        form = QFormLayout()
        form.addRow(_("&Name:"), self.errors.under("name", self.editors["name"]))
        form.addRow(_("&E-mail:"), self.errors.under("email", self.editors["email"]))
        form.addRow(_("&Who they are:"), self.errors.under("relation", self.editors["relation"]))
        form.addRow(_("N&otes:"), self.errors.under("notes", self.notes))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self, "referrerForm"))

    def accept(self) -> None:
        raw = {key: editor.text() for key, editor in self.editors.items()}
        raw["notes"] = self.notes.toPlainText()
        try:
            self.values = referrals.parse_referrer(raw)
        except ValidationError as error:
            self.errors.show(error)
            return
        super().accept()


class ReferralsDialog(QDialog):
    """The people who recommend contractors: whom you asked, when, and whom they named.

    Attributes:
        model, table: the referrers; history: the selected one's history.
        open_dialogs: forms and composers opened from here.
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "referralsDialog", _("Referrals"))
        self.setWindowTitle(_("Referrals: who recommends contractors"))
        self.ctx = ctx
        self.open_dialogs: list[QWidget] = []
        self.model: RowTableModel[referrals.ReferrerRow] = RowTableModel(
            [
                Column(_("Name"), lambda r: r.name),
                Column(_("Who they are"), lambda r: r.relation),
                Column(_("Asked"), lambda r: r.asked or "", align=ALIGN_RIGHT),
                Column(_("Last asked"), lambda r: day(r.last_asked) if r.last_asked else ""),
                Column(_("Recommended"), lambda r: ", ".join(r.recommended)),
            ],
            self,
        )
        self.table = data_table("referrersTable", _("Referrers"), self.model)
        self.table.doubleClicked.connect(lambda _arg: self.edit_referrer())
        self.history = named(QListWidget(), "referrerHistory", _("History"))
        self.status = StatusLine("referralsStatus")
        self.brief = named(QComboBox(), "referralBrief", _("For brief"))
        self.brief.addItem(_("No brief in particular"), None)
        for choice_id, title in brief_choices():
            self.brief.addItem(title, choice_id)
        self.contractor = named(QComboBox(), "referralContractor", _("Recommended contractor"))
        buttons = button_row(
            (
                (_("&New…"), "referrerNew", self.add_referrer),
                (_("&Edit…"), "referrerEdit", self.edit_referrer),
                (_("&Delete"), "referrerDelete", self.delete_referrer),
                (_("&Ask for a referral…"), "referrerAsk", self.ask),
                (_("&Record as asked"), "referrerAsked", self.record_asked),
            )
        )
        recommend = QHBoxLayout()
        recommend.addWidget(plain_label(_("They recommended:")))
        recommend.addWidget(self.contractor, 1)
        record = named(QPushButton(_("Re&cord")), "referrerRecommend", _("Record recommendation"))
        record.clicked.connect(self.record_recommendation)
        recommend.addWidget(record)
        form = QFormLayout()
        form.addRow(_("For &brief:"), self.brief)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.history)
        close = named(QPushButton(_("Close")), "referralsClose", _("Close"))
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addLayout(recommend)
        layout.addLayout(bottom)
        self.resize(820, 560)
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._show_history())
        ctx.data_changed.connect(self._on_data_changed)
        self.reload()

    def _on_data_changed(self, topic: str) -> None:
        if topic in (Topic.HIRING, Topic.CONTRACTORS, Topic.BRIEFS):
            self.reload()

    def reload(self) -> None:
        chosen = self.selected()
        self.model.set_rows(referrals.referrer_rows())
        self.table.resizeColumnsToContents()
        self.contractor.clear()
        for cid, name in referrals.contractor_choices():
            self.contractor.addItem(name, cid)
        if chosen is not None:
            self.select_referrer(chosen.id)
        elif self.model.rowCount():
            self.table.selectRow(0)
        self._show_history()

    def select_referrer(self, referrer_id: int) -> None:
        for row in range(self.model.rowCount()):
            if self.model.row_at(row).id == referrer_id:
                self.table.selectRow(row)
                self._show_history()
                return

    def selected(self) -> referrals.ReferrerRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _show_history(self) -> None:
        self.history.clear()
        chosen = self.selected()
        if chosen is None:
            self.history.addItem(_("Add the people you ask for recommendations (New…)."))
            return
        events = referrals.referrer_history(chosen.id)
        for event in events:
            self.history.addItem(QListWidgetItem(f"{day(event.day)}  {event.text}"))
        if not events:
            self.history.addItem(
                _("Not asked yet: Ask for a referral… writes to {name}.").format(name=chosen.name)
            )

    def _need(self) -> referrals.ReferrerRow | None:
        chosen = self.selected()
        if chosen is None:
            self._say(_("Select a person in the list first."), error=True)
        return chosen

    def _say(self, text: str, *, error: bool = False) -> None:
        if error:
            self.status.refused(text)
        else:
            self.status.said(text)

    def _run(self, command: StoreCommand) -> bool:
        return run_edit(
            command, self.status, _("{text}: done (Ctrl+Z to undo).").format(text=command.text())
        )

    def add_referrer(self) -> ReferrerForm:
        form = ReferrerForm(None, self)
        form.accepted.connect(
            lambda: form.values and self._run(AddReferrerCommand(self.ctx, form.values))
        )
        return self._open(form)

    def edit_referrer(self) -> ReferrerForm | None:
        chosen = self._need()
        if chosen is None:
            return None
        values = {"name": chosen.name, "email": chosen.email, "relation": chosen.relation,
                  "notes": chosen.notes}  # fmt: skip
        form = ReferrerForm(values, self)
        form.accepted.connect(
            lambda: form.values and self._run(EditReferrerCommand(self.ctx, chosen.id, form.values))
        )
        return self._open(form)

    def delete_referrer(self) -> None:
        chosen = self._need()
        if chosen is not None:
            self._run(DeleteReferrerCommand(self.ctx, chosen.id, chosen.name))

    def ask(self) -> QWidget | None:
        """Write to the selected person (the message is recorded as a request)."""
        chosen = self._need()
        if chosen is None:
            return None
        try:
            composer = open_composer(
                self.ctx, self, MessageKind.REFERRAL_REQUEST, referrer_id=chosen.id,
                brief_id=self.brief.currentData(),
            )  # fmt: skip
        except UserError as error:
            self._say(str(error), error=True)
            return None
        return self._open(composer, opened=True)

    def record_asked(self) -> None:
        """Record a request made outside Offload (a call, a chat)."""
        chosen = self._need()
        if chosen is not None:
            self._run(
                AskForReferralCommand(self.ctx, chosen.id, self.brief.currentData(), date.today())
            )

    def record_recommendation(self) -> None:
        chosen = self._need()
        contractor_id = self.contractor.currentData()
        if chosen is None or contractor_id is None:
            return
        self._run(RecommendationCommand(self.ctx, chosen.id, contractor_id, date.today()))

    def _open(self, dialog: Dialog, *, opened: bool = False) -> Dialog:
        self.open_dialogs = [*self.open_dialogs[-8:], dialog]
        if not opened:
            dialog.open()
        return dialog
