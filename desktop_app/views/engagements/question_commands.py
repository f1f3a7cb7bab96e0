"""The questions log's edits, each one undoable command.

Turning an answer into a procedure step, a brief rule or an expectation
is one model function in one transaction; the command keeps what its
undo needs (a snapshot, or the list as it was).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from desktop_app.models.i18n import _
from desktop_app.models.questions import (
    RULE_LABELS,
    AnswerAsExpectation,
    AnswerAsRule,
    AnswerAsStep,
    add_question,
    answer_to_expectation,
    answer_to_rule,
    answer_to_step,
    delete_question,
    restore_question_values,
    undo_answer_to_expectation,
    undo_answer_to_rule,
    undo_answer_to_step,
    update_question,
)
from desktop_app.models.snapshots import RowSnapshot
from desktop_app.views.context import AppContext, Topic
from desktop_app.views.undo import AddRowsCommand, DeleteRowsCommand, StoreCommand

# Folding an answer changes the brief (rules, expectations) or a procedure.
FOLD_TOPICS = (Topic.QUESTIONS, Topic.BRIEFS, Topic.PROCEDURES)


class AddQuestionCommand(AddRowsCommand):
    topics = (Topic.QUESTIONS,)

    def __init__(
        self, ctx: AppContext, engagement_id: int, text: str, asked_on: date, answer: str = ""
    ) -> None:
        super().__init__(ctx, _("Log a question"))
        self.engagement_id = engagement_id
        # Not `self.text`: that is QUndoCommand.text(), the Edit menu's words.
        self.question_text = text
        self.asked_on = asked_on
        self.answer = answer
        self.question_id: int | None = None

    def first_apply(self) -> None:
        answered_on = date.today() if self.answer.strip() else None
        answered_on = max(answered_on, self.asked_on) if answered_on else None
        self.question_id = add_question(
            self.engagement_id, self.question_text, self.asked_on, self.answer, answered_on
        )

    def take_back(self) -> RowSnapshot:
        assert self.question_id is not None
        return delete_question(self.question_id)


class UpdateQuestionCommand(StoreCommand):
    topics = (Topic.QUESTIONS,)

    def __init__(self, ctx: AppContext, question_id: int, changes: Mapping[str, Any], text: str):
        super().__init__(ctx, text)
        self.question_id = question_id
        self.changes = dict(changes)
        self.before: dict[str, Any] = {}

    def apply(self) -> None:
        self.before = update_question(self.question_id, self.changes)

    def revert(self) -> None:
        restore_question_values(self.question_id, self.before)


class DeleteQuestionCommand(DeleteRowsCommand):
    topics = (Topic.QUESTIONS,)

    def __init__(self, ctx: AppContext, question_id: int) -> None:
        super().__init__(ctx, _("Delete a question"))
        self.question_id = question_id

    def take_out(self) -> RowSnapshot:
        return delete_question(self.question_id)


class AnswerToStepCommand(AddRowsCommand):
    topics = FOLD_TOPICS

    def __init__(self, ctx: AppContext, question_id: int, task_id: int | None, task: str) -> None:
        super().__init__(ctx, _("Answer as a step of “{task}”").format(task=task))
        self.question_id = question_id
        self.task_id = task_id
        self.added: AnswerAsStep | None = None

    def first_apply(self) -> None:
        self.added = answer_to_step(self.question_id, self.task_id)

    def take_back(self) -> RowSnapshot:
        assert self.added is not None
        return undo_answer_to_step(self.added)


class AnswerToRuleCommand(StoreCommand):
    topics = FOLD_TOPICS

    def __init__(self, ctx: AppContext, question_id: int, rule: str) -> None:
        super().__init__(
            ctx, _("Answer as a rule: “{rule}”").format(rule=_(RULE_LABELS.get(rule, rule)))
        )
        self.question_id = question_id
        self.rule = rule
        self.added: AnswerAsRule | None = None

    def apply(self) -> None:
        self.added = answer_to_rule(self.question_id, self.rule)

    def revert(self) -> None:
        assert self.added is not None
        undo_answer_to_rule(self.added)


class AnswerToExpectationCommand(AddRowsCommand):
    topics = FOLD_TOPICS

    def __init__(self, ctx: AppContext, question_id: int) -> None:
        super().__init__(ctx, _("Answer as an expectation"))
        self.question_id = question_id
        self.added: AnswerAsExpectation | None = None

    def first_apply(self) -> None:
        self.added = answer_to_expectation(self.question_id)

    def take_back(self) -> RowSnapshot:
        assert self.added is not None
        return undo_answer_to_expectation(self.added)
