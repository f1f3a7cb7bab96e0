"""The questions log: what a contractor asks while working, and the answers.

Each engagement keeps the questions its contractor asked, the owner's
answer and when each was given. An answer worth keeping is folded back
into what the next contractor reads: a step of the task's procedure, a
"decide alone" or "ask first" rule of the brief, or an expectation. Each
of those is one model function in one transaction that returns what its
undo needs. A question asked before (by anyone) is offered its earlier
answer.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, TextField

from desktop_app.models.base import BaseModel, database, now
from desktop_app.models.briefs import (
    Brief,
    Expectation,
    Level,
    add_expectation,
    brief_task_ids,
    delete_expectation,
    update_brief,
)
from desktop_app.models.contractors import Contractor
from desktop_app.models.engagements import Engagement, EngagementStatus
from desktop_app.models.errors import UserError, ValidationError
from desktop_app.models.formats import day, integer
from desktop_app.models.i18n import _
from desktop_app.models.procedure_content import STEP_TEXT_MAX_LENGTH, StepData
from desktop_app.models.procedures import (
    ProcedureStep,
    add_step,
    create_procedure,
    delete_procedure,
    delete_step,
    procedure_id_for_task,
)
from desktop_app.models.rows import tuples
from desktop_app.models.snapshots import RowSnapshot, delete_with_snapshot
from desktop_app.models.tasks import Task
from desktop_app.models.text import fold

QUESTION_MAX_LENGTH = 5_000
ANSWER_MAX_LENGTH = 10_000
# How alike two questions must read (difflib's ratio on their words) for the
# earlier answer to be offered.
SIMILAR = 0.72

DECIDE_ALONE = "decide_alone"
ASK_FIRST = "ask_first"
RULE_LABELS = {DECIDE_ALONE: "Decide on your own", ASK_FIRST: "Ask me first"}


class Question(BaseModel):
    """A question a contractor asked, and the owner's answer."""

    engagement = ForeignKeyField(Engagement, backref="questions", on_delete="CASCADE")
    engagement_id: int
    text = TextField()
    answer = TextField(default="")
    asked_on = DateField(index=True)
    answered_on = DateField(null=True)
    # Where the answer went (each may be set): a step, an expectation, a rule.
    step = ForeignKeyField(ProcedureStep, backref="questions", on_delete="SET NULL", null=True)
    step_id: int | None
    expectation = ForeignKeyField(Expectation, backref="questions", on_delete="SET NULL", null=True)
    expectation_id: int | None
    rule = CharField(max_length=12, default="")  # "" | decide_alone | ask_first
    created_at = DateTimeField(default=now)


# ---------------------------------------------------------------------------
# Checks


def clean_question(name: str, value: Any) -> Any:
    """A value for the question field `name`, checked (ValidationError names it)."""
    if name == "text":
        text = "" if value is None else str(value).strip()
        if not text:
            raise ValidationError(_("Write the question the contractor asked."), name)
        if len(text) > QUESTION_MAX_LENGTH:
            raise ValidationError(
                _("A question can be at most {limit} characters (this is {length}).").format(
                    limit=integer(QUESTION_MAX_LENGTH), length=integer(len(text))
                ),
                name,
            )
        return text
    if name == "answer":
        answer = "" if value is None else str(value).strip()
        if len(answer) > ANSWER_MAX_LENGTH:
            raise ValidationError(
                _("An answer can be at most {limit} characters (this is {length}).").format(
                    limit=integer(ANSWER_MAX_LENGTH), length=integer(len(answer))
                ),
                name,
            )
        return answer
    if name in ("asked_on", "answered_on"):
        if value is None and name == "answered_on":
            return None
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            raise ValidationError(
                _("“{value}” is not a date (write it as 2026-12-31).").format(value=value), name
            ) from None
    raise ValidationError(_("A question has no field “{name}”.").format(name=name), name)


# ---------------------------------------------------------------------------
# Edits of the log


def add_question(
    engagement_id: int,
    text: str,
    asked_on: date,
    answer: str = "",
    answered_on: date | None = None,
) -> int:
    """Log a question (answered already when `answer` is given); its id."""
    values = {
        "text": clean_question("text", text),
        "asked_on": clean_question("asked_on", asked_on),
        "answer": clean_question("answer", answer),
    }
    if values["answer"]:
        values["answered_on"] = clean_question("answered_on", answered_on or values["asked_on"])
        _check_order(values["asked_on"], values["answered_on"])
    with database.atomic():
        if not Engagement.select().where(Engagement.id == engagement_id).exists():
            raise UserError(_("That engagement no longer exists."))
        return Question.create(engagement=engagement_id, **values).id


def _check_order(asked_on: date, answered_on: date | None) -> None:
    if answered_on is not None and answered_on < asked_on:
        raise ValidationError(
            _("The answer ({answered}) cannot come before the question ({asked}).").format(
                answered=day(answered_on), asked=day(asked_on)
            ),
            "answered_on",
        )


def update_question(question_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Store `changes` (text, answer, asked_on, answered_on); returns the old values.

    Answering sets the answer's date (today when not given); clearing the
    answer clears it.
    """
    clean = {name: clean_question(name, value) for name, value in changes.items()}
    with database.atomic():
        question = Question.get_by_id(question_id)
        if "answer" in clean:
            if clean["answer"] and question.answered_on is None and "answered_on" not in clean:
                clean["answered_on"] = date.today()
            if not clean["answer"]:
                clean["answered_on"] = None
        asked_on = clean.get("asked_on", question.asked_on)
        answered_on = clean.get("answered_on", question.answered_on)
        _check_order(asked_on, answered_on)
        old = {name: getattr(question, name) for name in clean}
        Question.update(**clean).where(Question.id == question_id).execute()
    return old


def restore_question_values(question_id: int, values: Mapping[str, Any]) -> None:
    """Write back what `update_question` returned (undo)."""
    Question.update(**values).where(Question.id == question_id).execute()


def delete_question(question_id: int) -> RowSnapshot:
    return delete_with_snapshot(Question.get_by_id(question_id))


# ---------------------------------------------------------------------------
# Reading


@dataclass(frozen=True)
class QuestionRow:
    """One question as the log shows it.

    Attributes:
        step_id, expectation_id, rule: where the answer went, if anywhere.
    """

    id: int
    engagement_id: int
    text: str
    answer: str
    asked_on: date
    answered_on: date | None
    step_id: int | None
    expectation_id: int | None
    rule: str

    @property
    def answered(self) -> bool:
        return bool(self.answer)

    @property
    def used_as(self) -> list[str]:
        """Where the answer went, in words ("a step", "a rule", "an expectation")."""
        used = []
        if self.step_id is not None:
            used.append("a procedure step")
        if self.rule:
            used.append(f"a rule (“{RULE_LABELS.get(self.rule, self.rule)}”)")
        if self.expectation_id is not None:
            used.append("an expectation")
        return used


def _row(question: Question) -> QuestionRow:
    return QuestionRow(
        question.id,
        question.engagement_id,
        question.text,
        question.answer,
        question.asked_on,
        question.answered_on,
        question.step_id,
        question.expectation_id,
        question.rule,
    )


def questions_of(engagement_id: int) -> list[QuestionRow]:
    """The engagement's questions: unanswered first, then the newest first."""
    query = Question.select().where(Question.engagement == engagement_id)
    rows = [_row(question) for question in query]
    return sorted(rows, key=lambda row: (row.answered, -row.asked_on.toordinal(), -row.id))


def get_question(question_id: int) -> QuestionRow:
    return _row(Question.get_by_id(question_id))


@dataclass(frozen=True)
class WaitingQuestion:
    """A question waiting for the owner's answer (the Overview lists them)."""

    id: int
    engagement_id: int
    contractor: str
    brief: str
    text: str
    asked_on: date


def waiting_questions() -> list[WaitingQuestion]:
    """Unanswered questions of engagements not ended, the longest-waiting first."""
    query = (
        Question.select(
            Question.id,
            Question.engagement,
            Contractor.name,
            Brief.title,
            Question.text,
            Question.asked_on,
        )
        .join(Engagement)
        .join(Contractor, on=Engagement.contractor == Contractor.id)
        .switch(Engagement)
        .join(Brief, on=Engagement.brief == Brief.id)
        .where((Question.answer == "") & (Engagement.status != EngagementStatus.ENDED))
        .order_by(Question.asked_on, Question.id)
    )
    return [WaitingQuestion(*row) for row in tuples(query)]


_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def earlier_answer(text: str, exclude_id: int | None = None) -> QuestionRow | None:
    """The answered question that reads most like `text` (any engagement), if
    one is alike enough to offer its answer."""
    words = _words(text)
    if not words:
        return None
    best: tuple[float, QuestionRow] | None = None
    query = Question.select().where(Question.answer != "").order_by(Question.answered_on.desc())
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(words)
    for question in query:
        if question.id == exclude_id:
            continue
        matcher.set_seq1(_words(question.text))
        ratio = matcher.ratio()
        if ratio >= SIMILAR and (best is None or ratio > best[0]):
            best = (ratio, _row(question))
    return best[1] if best else None


# ---------------------------------------------------------------------------
# Folding an answer back into the brief and the procedure


def _answered(question_id: int) -> Question:
    question = Question.get_or_none(Question.id == question_id)
    if question is None:
        raise UserError(_("That question no longer exists."))
    if not question.answer.strip():
        raise UserError(_("Answer the question first: the answer is what gets written down."))
    return question


def _one_line(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class StepTarget:
    """A task of the engagement's brief whose procedure can take the answer."""

    task_id: int
    task_name: str
    procedure_id: int | None


def step_targets(engagement_id: int) -> list[StepTarget]:
    """The tasks the engagement's brief hands off, with their procedures."""
    brief_id = Engagement.get_by_id(engagement_id).brief_id
    ids = brief_task_ids(brief_id)
    names: dict[int, str] = dict(tuples(Task.select(Task.id, Task.name).where(Task.id.in_(ids))))
    return [StepTarget(t, names[t], procedure_id_for_task(t)) for t in ids if t in names]


@dataclass(frozen=True)
class AnswerAsStep:
    """What `answer_to_step` added: the step, and the procedure if it was new."""

    question_id: int
    procedure_id: int
    step_id: int
    created_procedure: bool


def answer_to_step(question_id: int, task_id: int | None = None) -> AnswerAsStep:
    """The answer becomes the last step of the procedure of the brief's task
    (`task_id`, or the only one), made when the task has none."""
    with database.atomic():
        question = _answered(question_id)
        targets = step_targets(question.engagement_id)
        if task_id is None:
            if not targets:
                raise UserError(
                    _(
                        "The brief of this engagement hands off no task of the time audit: link "
                        "one to the brief, then its procedure can take this answer."
                    )
                )
            if len(targets) > 1:
                raise UserError(_("The brief hands off several tasks: choose whose procedure."))
            task_id = targets[0].task_id
        elif task_id not in {target.task_id for target in targets}:
            raise UserError(_("That task is not one the brief hands off."))
        procedure_id = procedure_id_for_task(task_id)
        created = procedure_id is None
        if procedure_id is None:
            procedure_id = create_procedure(task_id)
        answer = _one_line(question.answer)
        text = answer
        if len(text) > STEP_TEXT_MAX_LENGTH:
            text = text[: STEP_TEXT_MAX_LENGTH - 1].rstrip() + "…"
        detail = _("From a question asked on {date}: “{question}”").format(
            date=day(question.asked_on), question=_one_line(question.text)
        )
        if text != answer:
            detail = f"{question.answer.strip()}\n\n{detail}"
        step_id = add_step(procedure_id, StepData(text=text, detail=detail))
        Question.update(step=step_id).where(Question.id == question_id).execute()
    return AnswerAsStep(question_id, procedure_id, step_id, created)


def undo_answer_to_step(added: AnswerAsStep) -> RowSnapshot:
    """Take the step back (and the procedure, when it was made for it); the
    question forgets it. `snapshots.restore` redoes it, link included."""
    if added.created_procedure:
        return delete_procedure(added.procedure_id)
    return delete_step(added.step_id)


@dataclass(frozen=True)
class AnswerAsRule:
    """What `answer_to_rule` changed: the brief's list before, and the rule."""

    question_id: int
    brief_id: int
    field: str
    old_value: str
    old_rule: str


def answer_to_rule(question_id: int, field: str) -> AnswerAsRule:
    """The answer becomes a line of the brief's "decide on your own"
    (DECIDE_ALONE) or "ask me first" (ASK_FIRST) list."""
    if field not in RULE_LABELS:
        raise ValidationError(_("Choose “decide on your own” or “ask me first”."), "rule")
    with database.atomic():
        question = _answered(question_id)
        brief_id = Engagement.get_by_id(question.engagement_id).brief_id
        current = getattr(Brief.get_by_id(brief_id), field)
        rule = _one_line(question.answer)
        lines = [line for line in current.splitlines() if line.strip()]
        if fold(rule) in {fold(line.lstrip("-*• ")) for line in lines}:
            raise UserError(
                _("“{rule}” is already in the brief's “{RULE_LABELS}” list.").format(
                    rule=rule, RULE_LABELS=RULE_LABELS[field]
                )
            )
        update_brief(brief_id, {field: "\n".join([*lines, rule])})
        old_rule = question.rule
        Question.update(rule=field).where(Question.id == question_id).execute()
    return AnswerAsRule(question_id, brief_id, field, current, old_rule)


def undo_answer_to_rule(added: AnswerAsRule) -> None:
    with database.atomic():
        update_brief(added.brief_id, {added.field: added.old_value})
        Question.update(rule=added.old_rule).where(Question.id == added.question_id).execute()


@dataclass(frozen=True)
class AnswerAsExpectation:
    question_id: int
    expectation_id: int


def answer_to_expectation(question_id: int, level: str = Level.SHOULD) -> AnswerAsExpectation:
    """The answer becomes the brief's last expectation (a should-have unless told)."""
    with database.atomic():
        question = _answered(question_id)
        brief_id = Engagement.get_by_id(question.engagement_id).brief_id
        expectation_id = add_expectation(brief_id, _one_line(question.answer), level)
        Question.update(expectation=expectation_id).where(Question.id == question_id).execute()
    return AnswerAsExpectation(question_id, expectation_id)


def undo_answer_to_expectation(added: AnswerAsExpectation) -> RowSnapshot:
    """Take the expectation back; `snapshots.restore` redoes it, link included."""
    return delete_expectation(added.expectation_id)
