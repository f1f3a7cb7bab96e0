"""An engagement's questions log: what the contractor asked, and the answers.

Above, a line to log a new question (a question asked before, by anyone,
is offered its earlier answer); in the middle, the log, unanswered first;
below, the selected question's answer and, once answered, one click to
write it where the next contractor will read it: a step of the task's
procedure, a "decide alone" or "ask first" rule of the brief, or an
expectation. Each of those is one undoable command.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.formats import day
from desktop_app.models.i18n import N_, _
from desktop_app.models.questions import (
    ASK_FIRST,
    DECIDE_ALONE,
    QuestionRow,
    earlier_answer,
    questions_of,
    step_targets,
)
from desktop_app.views.context import AppContext
from desktop_app.views.engagements.question_commands import (
    AddQuestionCommand,
    AnswerToExpectationCommand,
    AnswerToRuleCommand,
    AnswerToStepCommand,
    DeleteQuestionCommand,
    UpdateQuestionCommand,
)
from desktop_app.views.partials.dates import pydate
from desktop_app.views.partials.feedback import MessageLine, run_edit
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.plain_text import plain_label
from desktop_app.views.partials.table_model import Column, RowTableModel
from desktop_app.views.partials.tables import data_table
from desktop_app.views.partials.text_direction import PlainTextEdit
from desktop_app.views.undo import StoreCommand

COLUMNS: list[Column[QuestionRow]] = [
    Column(N_("Asked"), lambda q: day(q.asked_on), sort_key=lambda q: q.asked_on),
    Column(N_("Question"), lambda q: " ".join(q.text.split())),
    Column(N_("Answer"), lambda q: " ".join(q.answer.split()) or _("Waiting for your answer")),
    Column(N_("Written into"), lambda q: ", ".join(q.used_as)),
]


class QuestionsPanel(QWidget):
    """The questions log of one engagement.

    Signals:
        count_changed(int): how many questions wait for an answer.

    Attributes:
        engagement_id: the engagement shown (None: none).
        offered: the earlier answer offered for the question being typed.
    """

    count_changed = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "questionsPanel", _("Questions log"))
        self.ctx = ctx
        self.engagement_id: int | None = None
        self.offered: QuestionRow | None = None
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.question_edit = named(
            QLineEdit(), "newQuestion", _("New question"), _("What the contractor asked")
        )
        self.question_edit.setPlaceholderText(_("What did the contractor ask? Enter logs it"))
        self.question_edit.textEdited.connect(self._offer_earlier)
        self.question_edit.returnPressed.connect(self.add_question)
        self.asked_edit = named(QDateEdit(), "questionAsked", _("Asked on"))
        self.asked_edit.setCalendarPopup(True)
        self.asked_edit.setDate(QDate.currentDate())
        self.add_button = named(QPushButton(_("Log")), "logQuestion", _("Log the question"))
        self.add_button.clicked.connect(self.add_question)
        row.addWidget(self.question_edit, 1)
        row.addWidget(self.asked_edit)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        offer = QHBoxLayout()
        self.offer_label = named(
            plain_label(), "earlierAnswer", _("An earlier answer to this question")
        )
        self.offer_label.setTextFormat(Qt.TextFormat.PlainText)
        self.offer_label.setWordWrap(True)
        self.use_button = named(
            QPushButton(_("Use this answer")), "useEarlierAnswer", _("Log it with this answer")
        )
        self.use_button.clicked.connect(lambda: self.add_question(use_earlier=True))
        offer.addWidget(self.offer_label, 1)
        offer.addWidget(self.use_button)
        layout.addLayout(offer)
        self._show_offer(None)
        self._build_log(layout)
        self._build_answer(layout)
        self._show_selected()

    def _build_log(self, layout: QVBoxLayout) -> None:
        self.model: RowTableModel[QuestionRow] = RowTableModel(COLUMNS, self)
        self.table = data_table(
            "questionsTable", _("Questions asked"), self.model,
            alternating=False, word_wrap=True, stretch_last=False,
        )  # fmt: skip
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        layout.addWidget(self.table, 1)

    def _build_answer(self, layout: QVBoxLayout) -> None:
        self.answer_edit = named(
            PlainTextEdit(), "questionAnswer", _("Your answer"), _("Your answer to the question")
        )
        self.answer_edit.setPlaceholderText(_("Your answer"))
        self.answer_edit.setTabChangesFocus(True)
        self.answer_edit.textChanged.connect(self._update_fold_buttons)
        self.answer_edit.setFixedHeight(self.answer_edit.fontMetrics().lineSpacing() * 3 + 14)
        layout.addWidget(self.answer_edit)
        actions = QHBoxLayout()
        self.save_button = named(QPushButton(_("Save answer")), "saveAnswer", _("Save the answer"))
        self.save_button.clicked.connect(self.save_answer)
        self.step_button = named(
            QPushButton(_("Into a step")),
            "answerToStep",
            _("Add the answer as a step of the task's procedure"),
        )
        self.step_button.clicked.connect(self.answer_to_step)
        self.rule_button = named(
            QToolButton(), "answerToRule", _("Add the answer as a rule of the brief")
        )
        self.rule_button.setText(_("Into a rule"))
        self.rule_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        rules = QMenu(self.rule_button)
        for rule, text in ((DECIDE_ALONE, _("Decide on your own")), (ASK_FIRST, _("Ask me first"))):
            action = rules.addAction(text)
            action.setObjectName(f"answerRule_{rule}")
            action.triggered.connect(lambda _checked=False, r=rule: self.answer_to_rule(r))
        self.rule_button.setMenu(rules)
        self.expectation_button = named(
            QPushButton(_("Into an expectation")),
            "answerToExpectation",
            _("Add the answer as an expectation of the brief"),
        )
        self.expectation_button.clicked.connect(self.answer_to_expectation)
        self.delete_button = named(
            QPushButton(_("Delete")), "deleteQuestion", _("Delete the question")
        )
        self.delete_button.clicked.connect(self.delete_selected)
        actions.addWidget(self.save_button)
        actions.addWidget(self.delete_button)
        actions.addStretch(1)
        layout.addLayout(actions)
        # Where the answer can go, on a row of its own: beside Save and Delete
        # the row was wider than the engagement's pane in French at 1280×800,
        # which then scrolled sideways and cut the pane's buttons.
        into = QHBoxLayout()
        for widget in (self.step_button, self.rule_button, self.expectation_button):
            into.addWidget(widget)
        into.addStretch(1)
        layout.addLayout(into)
        self.error = MessageLine("questionError", _("Why it was not done"))
        layout.addWidget(self.error)

    # Loading ----------------------------------------------------------------------

    def set_engagement(self, engagement_id: int | None) -> None:
        selected = self.selected()
        keep = selected.id if selected and engagement_id == self.engagement_id else None
        self.engagement_id = engagement_id
        rows = questions_of(engagement_id) if engagement_id is not None else []
        self.model.set_rows(rows)
        self.table.resizeRowsToContents()
        if keep is not None:
            self.select_question(keep)
        self._show_selected()
        self.count_changed.emit(sum(not row.answered for row in rows))

    def selected(self) -> QuestionRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_question(self, question_id: int) -> None:
        for position, row in enumerate(self.model.rows()):
            if row.id == question_id:
                self.table.selectRow(position)

    def _show_selected(self, *_args: object) -> None:
        question = self.selected()
        answer = question.answer if question else ""
        if self.answer_edit.toPlainText() != answer:
            self.answer_edit.setPlainText(answer)
        self.answer_edit.setEnabled(question is not None)
        self.save_button.setEnabled(question is not None)
        self.delete_button.setEnabled(question is not None)
        self._update_fold_buttons()
        self.error.clear_message()

    def _update_fold_buttons(self) -> None:
        """Where an answer can go, once there is one (typed counts: it is saved first)."""
        answered = self.selected() is not None and bool(self.answer_edit.toPlainText().strip())
        for button in (self.step_button, self.rule_button, self.expectation_button):
            button.setEnabled(answered)

    # The earlier answer ------------------------------------------------------------

    def _offer_earlier(self, text: str) -> None:
        self._show_offer(earlier_answer(text) if len(text.split()) >= 3 else None)

    def _show_offer(self, earlier: QuestionRow | None) -> None:
        self.offered = earlier
        self.offer_label.setVisible(earlier is not None)
        self.use_button.setVisible(earlier is not None)
        if earlier is not None:
            when = earlier.answered_on or earlier.asked_on
            self.offer_label.setText(
                _("Asked before (“{question}”), answered {when}: {answer}").format(
                    question=" ".join(earlier.text.split()),
                    when=day(when),
                    answer=" ".join(earlier.answer.split()),
                )
            )

    # Edits ---------------------------------------------------------------------------

    def _run(self, command: StoreCommand) -> bool:
        if not run_edit(command, self.error.show_error):
            return False
        self.error.clear_message()
        return True

    def add_question(self, *, use_earlier: bool = False) -> bool:
        if self.engagement_id is None:
            return False
        answer = self.offered.answer if use_earlier and self.offered else ""
        asked = pydate(self.asked_edit.date())
        command = AddQuestionCommand(
            self.ctx, self.engagement_id, self.question_edit.text(), asked, answer
        )
        if not self._run(command):
            return False
        self.question_edit.clear()
        self.asked_edit.setDate(QDate.currentDate())
        self._show_offer(None)
        if command.question_id is not None:
            self.select_question(command.question_id)
        if not answer:
            self.answer_edit.setFocus()
        return True

    def save_answer(self) -> bool:
        question = self.selected()
        if question is None:
            return False
        answer = self.answer_edit.toPlainText()
        if answer.strip() == question.answer:
            return True
        changes: dict[str, object] = {"answer": answer}
        if answer.strip() and question.answered_on is None:
            changes["answered_on"] = max(date.today(), question.asked_on)
        return self._run(
            UpdateQuestionCommand(self.ctx, question.id, changes, _("Answer a question"))
        )

    def _answered(self) -> QuestionRow | None:
        """The selected question with its answer saved first (None: nothing to use)."""
        question = self.selected()
        if question is None or not self.save_answer():
            return None
        return self.selected()

    def answer_to_step(self) -> bool:
        question = self._answered()
        if question is None or self.engagement_id is None:
            return False
        targets = step_targets(self.engagement_id)
        if len(targets) > 1:
            menu = QMenu(self)
            menu.setObjectName("stepTargetMenu")
            for target in targets:
                action = menu.addAction(
                    _("A step of “{task_name}”").format(task_name=target.task_name)
                )
                action.triggered.connect(
                    lambda _checked=False, t=target: self._run(
                        AnswerToStepCommand(self.ctx, question.id, t.task_id, t.task_name)
                    )
                )
            menu.popup(self.step_button.mapToGlobal(self.step_button.rect().bottomLeft()))
            return False
        task = targets[0] if targets else None
        return self._run(
            AnswerToStepCommand(
                self.ctx,
                question.id,
                task.task_id if task else None,
                task.task_name if task else "",
            )
        )

    def answer_to_rule(self, rule: str) -> bool:
        question = self._answered()
        return question is not None and self._run(AnswerToRuleCommand(self.ctx, question.id, rule))

    def answer_to_expectation(self) -> bool:
        question = self._answered()
        return question is not None and self._run(AnswerToExpectationCommand(self.ctx, question.id))

    def delete_selected(self) -> bool:
        question = self.selected()
        return question is not None and self._run(DeleteQuestionCommand(self.ctx, question.id))
