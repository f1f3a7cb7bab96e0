"""Hiring for one brief, in one window: the job post, the screening
questions and the paid trial (offer to several, results, compare, hire).

Every change is an undoable command (views/hiring/commands.py); the window
reloads on the HIRING, BRIEFS and CONTRACTORS topics, so an undo from the
main window shows here at once.
"""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.exporters.job_post import write_job_post
from desktop_app.models import hiring_plan, trials
from desktop_app.models.briefs import LEVEL_LABELS, Level, brief_exists, expectations_of
from desktop_app.models.errors import UserError
from desktop_app.models.formats import integer, money_short, number
from desktop_app.models.i18n import _, count
from desktop_app.models.job_post import SECTIONS, JobPost, PostFormat, job_post
from desktop_app.models.messages import MessageKind
from desktop_app.views.context import AppContext, Topic
from desktop_app.views.hiring.commands import (
    AddCriterionCommand,
    AddQuestionCommand,
    DeleteCriterionCommand,
    DeleteQuestionCommand,
    EditQuestionCommand,
    EditTrialCommand,
    LeaveOutCommand,
    MoveQuestionCommand,
    UpdatePlanCommand,
)
from desktop_app.views.hiring.composer import open_composer
from desktop_app.views.hiring.widgets import button_row
from desktop_app.views.partials.dates import date_edit, pydate, qdate
from desktop_app.views.partials.feedback import FieldErrors, MessageLine, StatusLine, run_edit
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.plain_text import plain_label, plain_tooltip
from desktop_app.views.partials.table_model import ALIGN_RIGHT, Column, RowTableModel
from desktop_app.views.partials.tables import data_table
from desktop_app.views.partials.text_direction import PlainTextEdit
from desktop_app.views.undo import StoreCommand

_SETTINGS = "hiring/briefWindowGeometry"


class BriefHiringWindow(QDialog):
    """Post, screen and trial for one brief.

    Attributes:
        post: the job post shown (models.job_post.JobPost), None without a brief.
        tabs: Job post, Screening questions, Paid trial.
        status: what the last action did, or why it could not.
        open_dialogs: dialogs opened from here (kept so they are not collected).
    """

    def __init__(self, ctx: AppContext, brief_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "briefHiring", _("Hiring for a brief"))
        self.ctx = ctx
        self.brief_id = brief_id
        self.post: JobPost | None = None
        self.open_dialogs: list[QWidget] = []
        self._loading = False

        self.tabs = named(QTabWidget(), "hiringTabs", _("Hiring"))
        self.tabs.addTab(self._build_post_tab(), _("&Job post"))
        self.tabs.addTab(self._build_questions_tab(), _("&Screening questions"))
        self.tabs.addTab(self._build_trial_tab(), _("Paid &trial"))
        self.status = StatusLine("hiringStatus")
        close = named(QPushButton(_("Close")), "hiringClose", _("Close"))
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self.resize(1060, 720)
        geometry = QSettings().value(_SETTINGS)
        if geometry is not None:
            self.restoreGeometry(geometry)
        ctx.data_changed.connect(self._on_data_changed)
        self.reload()

    # Building ---------------------------------------------------------------
    def _build_post_controls(self) -> None:
        self.board = named(QComboBox(), "postBoard", _("Keep within"), _("The length to keep to"))
        for key, board in hiring_plan.BOARDS.items():
            self.board.addItem(board.label, key)
        self.board.activated.connect(self._board_chosen)
        self.format = named(QComboBox(), "postFormat", _("Format"))
        self.format.addItem(_("Plain text"), PostFormat.TEXT.value)
        self.format.addItem(_("Markdown"), PostFormat.MARKDOWN.value)
        self.format.currentIndexChanged.connect(self._show_post)
        self.overlap = named(
            QLineEdit(), "postOverlap", _("Shared hours needed"),
            _("Hours a working day you and the contractor must both be at work, for "
            "questions (empty: no need)"),
        )  # fmt: skip
        self.overlap.setPlaceholderText(_("e.g. {number}").format(number=integer(2)))
        self.overlap.setMaximumWidth(70)
        self.overlap.editingFinished.connect(self._overlap_edited)
        self.how_to_apply = named(
            QLineEdit(), "postHowToApply", _("How to apply"),
            _("What applicants should do (empty: Offload's default sentence)"),
        )  # fmt: skip
        self.how_to_apply.editingFinished.connect(self._how_to_apply_edited)
        self.parts = named(
            QListWidget(), "postParts", _("In the post"),
            _("Untick a section or an expectation to keep it out of the post"),
        )  # fmt: skip
        self.parts.setWordWrap(True)
        self.parts.itemChanged.connect(self._part_toggled)
        self.preview = named(PlainTextEdit(per_paragraph=True), "postPreview", _("Job post"))
        self.preview.setReadOnly(True)
        self.length = MessageLine("postLength", _("Length"), reserve=True)

    def _build_post_tab(self) -> QWidget:
        page = QWidget()
        self._build_post_controls()
        copy = named(QPushButton(_("&Copy as job post")), "postCopy", _("Copy as job post"))
        copy.clicked.connect(self.copy_post)
        save = named(QPushButton(_("Save as &file…")), "postSave", _("Save job post to a file"))
        save.clicked.connect(self.choose_and_save_post)
        top = QHBoxLayout()
        top.addWidget(plain_label(_("Keep within:")))
        top.addWidget(self.board)
        top.addWidget(plain_label(_("Format:")))
        top.addWidget(self.format)
        top.addWidget(plain_label(_("Shared hours needed a day:")))
        top.addWidget(self.overlap)
        top.addStretch(1)
        apply_row = QFormLayout()
        apply_row.addRow(_("How to &apply:"), self.how_to_apply)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_label = plain_label(_("In the post (untick to keep out):"))
        left_label.setBuddy(self.parts)
        left_layout.addWidget(left_label)
        left_layout.addWidget(self.parts, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.preview, 1)
        right_layout.addWidget(self.length)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(save)
        buttons.addWidget(copy)
        right_layout.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([340, 680])
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addLayout(apply_row)
        layout.addWidget(split, 1)
        return page

    def _build_questions_tab(self) -> QWidget:
        page = QWidget()
        intro = plain_label(
            _(
                "Candidates answer these when they apply: they go at the end of the job post. "
                "Record each candidate's answers from their profile in Contractors "
                "(Screening answers…); the comparison shows them side by side."
            )
        )
        intro.setWordWrap(True)
        self.questions = named(QListWidget(), "screeningQuestions", _("Screening questions"))
        self.questions.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.questions.itemChanged.connect(self._question_edited)
        self.new_question = named(QLineEdit(), "newQuestion", _("New question"))
        self.new_question.setPlaceholderText(_("Type a question and press Enter"))
        self.new_question.returnPressed.connect(self.add_question)
        self.suggestions = named(QComboBox(), "questionSuggestions", _("Suggested questions"))
        self.suggestions.activated.connect(self._suggestion_chosen)
        add = named(QPushButton(_("&Add")), "addQuestion", _("Add question"))
        add.clicked.connect(self.add_question)
        up = named(QPushButton(_("Up")), "questionUp", _("Move question up"))
        up.clicked.connect(lambda: self.move_question(-1))
        down = named(QPushButton(_("Down")), "questionDown", _("Move question down"))
        down.clicked.connect(lambda: self.move_question(1))
        delete = named(QPushButton(_("Delete")), "deleteQuestion", _("Delete question"))
        delete.clicked.connect(self.delete_question)
        row = QHBoxLayout()
        row.addWidget(self.new_question, 1)
        row.addWidget(add)
        side = QHBoxLayout()
        side.addWidget(up)
        side.addWidget(down)
        side.addStretch(1)
        side.addWidget(delete)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.suggestions)
        layout.addWidget(self.questions, 1)
        layout.addLayout(side)
        return page

    def _build_trial_form(self) -> QFormLayout:
        self.trial_errors = FieldErrors("trial")
        self.task = named(
            PlainTextEdit(), "trialTask", _("Trial task"),
            _("What to do and what to hand in: a small piece of the real job"),
        )  # fmt: skip
        self.task.setMaximumHeight(90)
        self.pay = named(QLineEdit(), "trialPay", _("Trial pay"), _("What the trial pays"))
        self.pay.setMaximumWidth(110)
        self.pay_currency = plain_label()
        self.deadline = date_edit("trialDeadline", _("Trial deadline"))
        self.has_deadline = named(
            QCheckBox(_("Deadline:")), "trialHasDeadline", _("Has a deadline")
        )
        self.has_deadline.toggled.connect(self.deadline.setEnabled)
        save = named(QPushButton(_("Save the trial")), "trialSave", _("Save the trial task"))
        save.clicked.connect(self.save_trial)
        self.trial_missing = MessageLine("trialMissing", _("What is missing"))
        pay_row = QHBoxLayout()
        pay_row.addWidget(self.trial_errors.under("pay", self.pay))
        pay_row.addWidget(self.pay_currency)
        pay_row.addSpacing(16)
        pay_row.addWidget(self.has_deadline)
        pay_row.addWidget(self.trial_errors.under("deadline", self.deadline))
        pay_row.addStretch(1)
        pay_row.addWidget(save)
        form = QFormLayout()
        form.addRow(_("&What to do:"), self.trial_errors.under("task", self.task))
        form.addRow(_("Pay:"), pay_row)
        return form

    def _build_rubric(self) -> QWidget:
        self.rubric = named(QListWidget(), "trialRubric", _("Scoring rubric"))
        self.rubric.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.rubric.setWordWrap(True)
        self.new_criterion = named(QLineEdit(), "newCriterion", _("Your own criterion"))
        self.new_criterion.setPlaceholderText(_("Add a criterion of your own and press Enter"))
        self.new_criterion.returnPressed.connect(self.add_criterion)
        delete_criterion = named(QPushButton(_("Delete")), "deleteCriterion", _("Delete criterion"))
        delete_criterion.clicked.connect(self.delete_criterion)
        rubric_box = QWidget()
        rubric_layout = QVBoxLayout(rubric_box)
        rubric_layout.setContentsMargins(0, 0, 0, 0)
        rubric_label = plain_label(_("Scoring rubric (the brief's must and should, then yours):"))
        rubric_label.setBuddy(self.rubric)
        rubric_layout.addWidget(rubric_label)
        rubric_layout.addWidget(self.rubric, 1)
        criterion_row = QHBoxLayout()
        criterion_row.addWidget(self.new_criterion, 1)
        criterion_row.addWidget(delete_criterion)
        rubric_layout.addLayout(criterion_row)
        return rubric_box

    def _build_offers(self) -> QWidget:
        self.offers_model: RowTableModel[trials.OfferRow] = RowTableModel(
            [
                Column(_("Contractor"), lambda o: o.contractor_name),
                Column(_("Trial"), lambda o: o.status_text),
                Column(_("Delivered"), lambda o: o.delivery_text(date.today())),
                Column(
                    _("Score"),
                    lambda o: "—" if (score := o.average()) is None else number(score, 1),
                    sort_key=lambda o: o.average(),
                    align=ALIGN_RIGHT,
                ),
                Column(_("Pay"), lambda o: money_short(o.pay, o.currency), align=ALIGN_RIGHT),
                Column(_("Notes"), lambda o: o.closed_reason or o.notes, tooltip=lambda o: o.notes),
            ],
            self,
        )
        self.offers = data_table(
            "trialOffers", _("Trial offers"), self.offers_model,
            selection=QAbstractItemView.SelectionMode.ExtendedSelection,
        )  # fmt: skip
        self.offers.doubleClicked.connect(lambda _arg: self.record_result())
        offer_buttons = button_row(
            (
                (_("&Offer to…"), "trialOffer", self.offer_trial),
                (_("&Record result…"), "trialRecord", self.record_result),
                (_("Write the o&ffer…"), "trialWriteOffer", self.write_offer),
                (_("Co&mpare…"), "trialCompare", self.compare),
                (_("&Hire…"), "trialHire", self.hire),
                (_("Write the &decline…"), "trialDecline", self.write_decline),
            )
        )
        offers_box = QWidget()
        offers_layout = QVBoxLayout(offers_box)
        offers_layout.setContentsMargins(0, 0, 0, 0)
        offers_layout.addWidget(plain_label(_("Who has the trial:")))
        offers_layout.addWidget(self.offers, 1)
        offers_layout.addLayout(offer_buttons)
        return offers_box

    def _build_trial_tab(self) -> QWidget:
        page = QWidget()
        form = self._build_trial_form()
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self._build_rubric())
        split.addWidget(self._build_offers())
        split.setSizes([380, 640])
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addWidget(self.trial_errors.general)
        layout.addWidget(self.trial_missing)
        layout.addWidget(split, 1)
        return page

    # Loading ----------------------------------------------------------------
    def _on_data_changed(self, topic: str) -> None:
        if topic in (Topic.HIRING, Topic.BRIEFS, Topic.CONTRACTORS):
            self.reload()

    def reload(self) -> None:
        if not brief_exists(self.brief_id):
            self.status.refused(_("This brief no longer exists."))
            self.tabs.setEnabled(False)
            return
        self.tabs.setEnabled(True)
        self._loading = True
        try:
            plan = hiring_plan.plan_of(self.brief_id)
            trial = trials.trial_of(self.brief_id)
            self.setWindowTitle(
                _("Hiring for “{brief_title}”").format(brief_title=trial.brief_title)
            )
            self._load_plan(plan)
            self._load_questions()
            self._load_trial(trial)
        finally:
            self._loading = False
        self._show_post()

    def _load_plan(self, plan: hiring_plan.PlanValues) -> None:
        self.board.setCurrentIndex(max(0, self.board.findData(plan.board)))
        if not self.overlap.hasFocus():
            self.overlap.setText(
                "" if plan.overlap_hours is None else f"{plan.overlap_hours.normalize():f}"
            )
        if not self.how_to_apply.hasFocus():
            self.how_to_apply.setText(plan.how_to_apply)
        self.parts.clear()
        for key, heading in SECTIONS:
            item = QListWidgetItem(heading)
            item.setData(Qt.ItemDataRole.UserRole, ("section", key))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Unchecked if key in plan.left_out_sections else Qt.CheckState.Checked
            )
            self.parts.addItem(item)
            if key == "expectations":
                for number, expectation in enumerate(expectations_of(self.brief_id), start=1):
                    level = LEVEL_LABELS.get(Level(expectation.level), expectation.level)
                    child = QListWidgetItem(f"    {number}. {level}: {expectation.text}")
                    child.setToolTip(plain_tooltip(expectation.text))
                    child.setData(Qt.ItemDataRole.UserRole, ("expectation", expectation.id))
                    child.setFlags(child.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    child.setCheckState(
                        Qt.CheckState.Unchecked
                        if expectation.id in plan.left_out_expectations
                        else Qt.CheckState.Checked
                    )
                    self.parts.addItem(child)

    def _load_questions(self) -> None:
        current = self.questions.currentRow()
        self.questions.clear()
        for question in hiring_plan.questions_of(self.brief_id):
            item = QListWidgetItem(question.text)
            item.setData(Qt.ItemDataRole.UserRole, question.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.questions.addItem(item)
        self.questions.setCurrentRow(min(current, self.questions.count() - 1))
        self.suggestions.clear()
        self.suggestions.addItem(_("Add a suggested question…"), "")
        for text in hiring_plan.suggested_questions(self.brief_id):
            self.suggestions.addItem(text, text)

    def _load_trial(self, trial: trials.TrialValues) -> None:
        if not self.task.hasFocus():
            self.task.setPlainText(trial.task)
        if not self.pay.hasFocus():
            self.pay.setText("" if trial.pay is None else f"{trial.pay:f}")
        self.pay_currency.setText(trial.currency)
        self.has_deadline.setChecked(trial.deadline is not None)
        self.deadline.setEnabled(trial.deadline is not None)
        if trial.deadline is not None:
            self.deadline.setDate(qdate(trial.deadline))
        missing = trial.missing()
        if missing:
            self.trial_missing.show_warning(
                _("Cannot be offered yet: {missing}.").format(missing="; ".join(missing))
            )
        else:
            self.trial_missing.clear_message()
        self.rubric.clear()
        for line in trial.rubric:
            item = QListWidgetItem(f"{line.source_text}: {line.text}")
            item.setToolTip(plain_tooltip(line.text))
            item.setData(Qt.ItemDataRole.UserRole, line.key)
            self.rubric.addItem(item)
        self.offers_model.set_rows(trials.offer_rows(brief_id=self.brief_id))
        self.offers.resizeColumnsToContents()

    # The job post -------------------------------------------------------------
    def _format(self) -> PostFormat:
        return PostFormat(self.format.currentData())

    def _show_post(self) -> None:
        if self._loading or not brief_exists(self.brief_id):
            return
        self.post = job_post(self.brief_id, self._format())
        self.preview.setPlainText(self.post.text)
        limit = self.post.board.body_limit
        problems = self.post.problems()
        said = count(
            limit,
            "{length} of {count} character (title not counted).",
            "{length} of {count} characters (title not counted).",
            length=integer(self.post.length),
        )
        (self.length.show_error if problems else self.length.show_note)(" ".join([said, *problems]))

    def copy_post(self) -> bool:
        """Copy the post to paste on the job board (said plainly when it is too long)."""
        if self.post is None:
            return False
        QGuiApplication.clipboard().setText(self.post.text)
        problems = self.post.problems()
        said = _("Copied the job post; paste it into the job board.")
        if problems:
            said = _("{copied} Before posting: {problems}").format(
                copied=said, problems=" ".join(problems)
            )
        self._say(said, error=bool(problems))
        return True

    def choose_and_save_post(self) -> None:
        if self.post is None:
            return
        suffix = ".md" if self._format() is PostFormat.MARKDOWN else ".txt"
        suggested = Path.home() / f"{self.post.title or _('job post')}{suffix}"
        path, _filter = QFileDialog.getSaveFileName(self, _("Save job post"), str(suggested))
        if path:
            self.save_post(Path(path))

    def save_post(self, path: Path) -> bool:
        if self.post is None:
            return False
        try:
            write_job_post(self.post, path)
        except UserError as error:
            self._say(str(error), error=True)
            return False
        self._say(_("Saved the job post to {path}.").format(path=path))
        return True

    def _board_chosen(self) -> None:
        self._run(
            UpdatePlanCommand(
                self.ctx, self.brief_id, {"board": self.board.currentData()}, _("Choose job board")
            )
        )

    def _overlap_edited(self) -> None:
        text = self.overlap.text().strip()
        stored = hiring_plan.plan_of(self.brief_id).overlap_hours
        if text == ("" if stored is None else f"{stored.normalize():f}"):
            return
        self._run(
            UpdatePlanCommand(
                self.ctx, self.brief_id, {"overlap_hours": text}, _("Set the shared hours needed")
            )
        )

    def _how_to_apply_edited(self) -> None:
        text = self.how_to_apply.text()
        if text == hiring_plan.plan_of(self.brief_id).how_to_apply:
            return
        self._run(
            UpdatePlanCommand(
                self.ctx, self.brief_id, {"how_to_apply": text}, _("Change how to apply")
            )
        )

    def _part_toggled(self, item: QListWidgetItem) -> None:
        if self._loading:
            return
        kind, key = item.data(Qt.ItemDataRole.UserRole)
        out = item.checkState() != Qt.CheckState.Checked
        text = (
            _("Keep out of the post: {part}") if out else _("Put back in the post: {part}")
        ).format(part=item.text().strip())
        which = {"section": key} if kind == "section" else {"expectation_id": key}
        self._run(LeaveOutCommand(self.ctx, self.brief_id, text[:80], out=out, **which))

    # Screening questions ----------------------------------------------------
    def add_question(self, text: str | None = None) -> bool:
        value = self.new_question.text() if text is None else text
        if self._run(AddQuestionCommand(self.ctx, self.brief_id, value)):
            self.new_question.clear()
            return True
        return False

    def _suggestion_chosen(self, index: int) -> None:
        text = self.suggestions.itemData(index)
        if text:
            self.add_question(text)

    def _selected_question(self) -> int | None:
        # None when nothing is current (Qt's stubs say otherwise).
        item: QListWidgetItem | None = self.questions.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def _question_edited(self, item: QListWidgetItem) -> None:
        if self._loading:
            return
        if not self._run(
            EditQuestionCommand(self.ctx, item.data(Qt.ItemDataRole.UserRole), item.text())
        ):
            self.reload()

    def delete_question(self) -> None:
        question_id = self._selected_question()
        if question_id is None:
            self._say(_("Select a question to delete first."), error=True)
            return
        self._run(
            DeleteQuestionCommand(self.ctx, question_id), _("Deleted (Ctrl+Z brings it back).")
        )

    def move_question(self, step: int) -> None:
        question_id = self._selected_question()
        row = self.questions.currentRow()
        if question_id is None or not 0 <= row + step < self.questions.count():
            return
        if self._run(MoveQuestionCommand(self.ctx, question_id, row + step)):
            self.questions.setCurrentRow(row + step)

    # The paid trial -----------------------------------------------------------
    def save_trial(self) -> bool:
        changes = {
            "task": self.task.toPlainText(),
            "pay": self.pay.text(),
            "deadline": pydate(self.deadline.date()) if self.has_deadline.isChecked() else None,
        }
        current = trials.trial_of(self.brief_id)
        stored = {"task": current.task, "pay": current.pay, "deadline": current.deadline}
        try:
            clean = {k: trials.clean_trial_field(k, v) for k, v in changes.items()}
        except UserError as error:
            self.trial_errors.show(error)
            return False
        changed = {k: changes[k] for k in changes if clean[k] != stored[k]}
        self.trial_errors.clear()
        if not changed:
            return True
        return self._run(EditTrialCommand(self.ctx, self.brief_id, changed), _("Trial saved."))

    def add_criterion(self) -> bool:
        if not self.save_trial():
            return False
        if self._run(AddCriterionCommand(self.ctx, self.brief_id, self.new_criterion.text())):
            self.new_criterion.clear()
            return True
        return False

    def delete_criterion(self) -> None:
        item: QListWidgetItem | None = self.rubric.currentItem()
        key = None if item is None else item.data(Qt.ItemDataRole.UserRole)
        if not key or not key.startswith("c"):
            self._say(
                _("Select one of your own criteria: the brief's expectations change in the brief."),
                error=True,
            )
            return
        self._run(DeleteCriterionCommand(self.ctx, int(key[1:])))

    def selected_offers(self) -> list[trials.OfferRow]:
        rows = sorted({index.row() for index in self.offers.selectionModel().selectedRows()})
        return [self.offers_model.row_at(r) for r in rows]

    def _one_offer(self) -> trials.OfferRow | None:
        chosen = self.selected_offers()
        if len(chosen) != 1:
            self._say(_("Select one contractor's trial in the list first."), error=True)
            return None
        return chosen[0]

    def offer_trial(self) -> QDialog | None:
        from desktop_app.views.hiring.trial_dialogs import OfferDialog

        if not self.save_trial():
            return None
        dialog = OfferDialog(self.ctx, self.brief_id, self)

        def offered(_result: int) -> None:
            if dialog.offered:
                self._say(
                    _(
                        "Offered the trial to {names}. Select each and click Write the offer… to "
                        "send it (Ctrl+Z takes the offer back)."
                    ).format(names=", ".join(dialog.offered))
                )

        dialog.finished.connect(offered)
        return self._open(dialog)

    def record_result(self) -> QDialog | None:
        from desktop_app.views.hiring.trial_dialogs import ResultDialog

        offer = self._one_offer()
        if offer is None:
            return None
        return self._open(ResultDialog(self.ctx, offer, self))

    def write_offer(self) -> QWidget | None:
        offer = self._one_offer()
        return None if offer is None else self._compose(MessageKind.TRIAL_OFFER, offer_id=offer.id)

    def write_decline(self) -> QWidget | None:
        offer = self._one_offer()
        if offer is None:
            return None
        return self._compose(
            MessageKind.DECLINE,
            contractor_id=offer.contractor_id,
            brief_id=self.brief_id,
            reason=offer.closed_reason,
        )

    def compare(self) -> QDialog | None:
        from desktop_app.views.contractors.comparison import ComparisonDialog

        chosen = self.selected_offers() or self.offers_model.rows()
        ids = [o.contractor_id for o in chosen][:5]
        if len(ids) < 2:
            self._say(_("Offer the trial to two or more people to compare them."), error=True)
            return None
        return self._open(ComparisonDialog(self.ctx, ids, self, brief_id=self.brief_id))

    def hire(self) -> QDialog | None:
        from desktop_app.views.hiring.trial_dialogs import HireFromTrialDialog

        offer = self._one_offer()
        if offer is None:
            return None
        if not offer.is_open:
            self._say(
                _("{contractor_name}'s trial was decided already.").format(
                    contractor_name=offer.contractor_name
                ),
                error=True,
            )
            return None
        dialog = HireFromTrialDialog(self.ctx, offer, self)
        dialog.accepted.connect(lambda: self._say(dialog.outcome))
        return self._open(dialog)

    # Helpers ------------------------------------------------------------------
    def _compose(self, kind: str, **data: object) -> QWidget | None:
        try:
            composer = open_composer(self.ctx, self, kind, **data)
        except UserError as error:
            self._say(str(error), error=True)
            return None
        self.open_dialogs.append(composer)
        return composer

    def _open(self, dialog: QDialog) -> QDialog:
        self.open_dialogs = [*self.open_dialogs[-8:], dialog]
        dialog.open()
        return dialog

    def _say(self, text: str, *, error: bool = False) -> None:
        if error:
            self.status.refused(text)
        else:
            self.status.said(text)

    def _run(self, command: StoreCommand, done: str = "") -> bool:
        return run_edit(
            command,
            self.status,
            done or _("{action}: done (Ctrl+Z to undo).").format(action=command.text()),
        )

    def done(self, result: int) -> None:
        QSettings().setValue(_SETTINGS, self.saveGeometry())
        with contextlib.suppress(RuntimeError):
            self.ctx.data_changed.disconnect(self._on_data_changed)
        super().done(result)


def open_brief_hiring(ctx: AppContext, brief_id: int, parent: QWidget) -> BriefHiringWindow:
    """The hiring window of `brief_id`, shown without blocking."""
    window = BriefHiringWindow(ctx, brief_id, parent)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.open()
    return window
