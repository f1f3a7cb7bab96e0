"""What a brief needs for hiring: its job post's choices and its screening questions.

One `HiringPlan` row per brief (made on first use) holds the job board
whose length the post must keep to, the sections and expectations kept out
of the post, how to apply, and the hours a day of shared working time the
job needs for questions. `ScreeningQuestion`s are asked in the post; each
contractor's `ScreeningAnswer` is kept per question (so per brief).

Every edit is one transaction and returns what its undo needs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from peewee import (
    CharField,
    DateField,
    DateTimeField,
    DecimalField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from desktop_app.models import versions
from desktop_app.models.base import BaseModel, database
from desktop_app.models.briefs import Brief, Level, load_brief
from desktop_app.models.contractors import Contractor
from desktop_app.models.errors import UserError, ValidationError
from desktop_app.models.formats import integer
from desktop_app.models.i18n import _
from desktop_app.models.parsing import parse_decimal
from desktop_app.models.rows import delete_from
from desktop_app.models.snapshots import RowSnapshot, delete_with_snapshot
from desktop_app.models.text import fold

QUESTION_MAX_LENGTH = 500
ANSWER_MAX_LENGTH = 5000
HOW_TO_APPLY_MAX_LENGTH = 2000


@dataclass(frozen=True)
class JobBoard:
    """How long a job post may be where it is posted.

    Attributes:
        body_limit: characters of the post's text (title not counted).
        questions_limit: screening questions the board takes (None: any).
    """

    key: str
    label: str
    body_limit: int
    title_limit: int | None = None
    questions_limit: int | None = None
    note: str = ""


# The lengths a post is kept within. Upwork's figures are those its help
# pages and forms gave when this was written (no network here to re-check:
# correct them in this one table); the others are plain length choices.
BOARDS: dict[str, JobBoard] = {
    board.key: board
    for board in (
        JobBoard(
            "upwork",
            "Upwork (5,000 characters, 5 questions)",
            5000,
            questions_limit=5,
            note="Upwork's job description box and its screening questions.",
        ),
        JobBoard("short", "Short post (2,000 characters)", 2000),
        JobBoard("long", "Long post (10,000 characters)", 10000),
    )
}


class HiringPlan(BaseModel):
    """A brief's hiring choices (one row per brief, made on first use)."""

    brief = ForeignKeyField(Brief, backref="hiring_plans", on_delete="CASCADE", unique=True)
    brief_id: int
    board = CharField(max_length=20, default="upwork")  # a key of job_post.BOARDS
    # Sections and expectation ids kept out of the job post, as JSON.
    left_out = TextField(default="{}")
    how_to_apply = TextField(default="")
    # Hours a working day the owner and the contractor must share for questions.
    overlap_hours = DecimalField(max_digits=4, decimal_places=1, null=True)
    # No lost updates (`models.versions`, schema 12): bumped by each save,
    # with who saved last and when.
    row_version = IntegerField(default=1)
    changed_by = CharField(max_length=200, default="")
    changed_at = DateTimeField(null=True)


class ScreeningQuestion(BaseModel):
    """A question candidates answer when they apply."""

    brief = ForeignKeyField(Brief, backref="screening_questions", on_delete="CASCADE")
    brief_id: int
    text = TextField()
    position = IntegerField(default=0)


class ScreeningAnswer(BaseModel):
    """One contractor's answer to one screening question."""

    question = ForeignKeyField(ScreeningQuestion, backref="answers", on_delete="CASCADE")
    question_id: int
    contractor = ForeignKeyField(Contractor, backref="screening_answers", on_delete="CASCADE")
    contractor_id: int
    text = TextField(default="")
    answered_on = DateField(null=True)

    class Meta:
        indexes = ((("question", "contractor"), True),)


# Questions that tell candidates apart for most jobs (shipped suggestions).
SUGGESTED_QUESTIONS: tuple[str, ...] = (
    "Describe a job like this one you did recently: what was the result, and how was it measured?",
    "Which tools on our list have you used in paid work, and for how long?",
    "What would you need from us in the first week to do this well?",
    "How and when do you report progress on recurring work?",
    "What would you do when you find a mistake in work already delivered?",
    "Which hours (with your time zone) can you answer messages?",
)


@dataclass(frozen=True)
class PlanValues:
    """A brief's hiring plan as plain data (defaults when none is stored)."""

    brief_id: int
    board: str = "upwork"
    left_out_sections: frozenset[str] = frozenset()
    left_out_expectations: frozenset[int] = frozenset()
    how_to_apply: str = ""
    overlap_hours: Decimal | None = None


def _parse_left_out(text: str) -> tuple[frozenset[str], frozenset[int]]:
    try:
        raw = json.loads(text or "{}")
    except ValueError:
        return frozenset(), frozenset()
    if not isinstance(raw, Mapping):
        return frozenset(), frozenset()
    sections = frozenset(str(s) for s in raw.get("sections", []) if isinstance(s, str))
    ids = frozenset(int(i) for i in raw.get("expectations", []) if isinstance(i, int))
    return sections, ids


def _dump_left_out(sections: Iterable[str], expectation_ids: Iterable[int]) -> str:
    return json.dumps({"sections": sorted(sections), "expectations": sorted(expectation_ids)})


def plan_of(brief_id: int) -> PlanValues:
    """The brief's hiring plan (its defaults when nothing was chosen yet)."""
    row = HiringPlan.get_or_none(HiringPlan.brief == brief_id)
    if row is None:
        return PlanValues(brief_id)
    # What the plan shows is what this client has read (`models.versions`).
    versions.remember(HiringPlan, row.id, row.row_version)
    sections, ids = _parse_left_out(row.left_out)
    return PlanValues(
        brief_id,
        row.board,
        sections,
        ids,
        row.how_to_apply,
        None if row.overlap_hours is None else Decimal(row.overlap_hours),
    )


PLAN_FIELDS = ("board", "left_out", "how_to_apply", "overlap_hours")


def parse_overlap_hours(text: str | Decimal | None) -> Decimal | None:
    """Hours a day of shared working time: "" for none, else 0.5 to 12."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    try:
        value = text if isinstance(text, Decimal) else parse_decimal(str(text))
    except ValueError:
        raise ValidationError(
            _("“{text}” is not a number of hours (e.g. 2 or 1.5).").format(text=text),
            "overlap_hours",
        ) from None
    if not Decimal("0.5") <= value <= Decimal("12"):
        raise ValidationError(
            _("Shared hours a day must be from 0.5 to 12 (or left empty)."), "overlap_hours"
        )
    return value.quantize(Decimal("0.1"))


def _clean_plan(changes: Mapping[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for name, value in changes.items():
        if name == "board":
            if value not in BOARDS:
                raise ValidationError(_("Choose a job board from the list."), "board")
            clean[name] = value
        elif name == "how_to_apply":
            text = str(value or "")
            if len(text) > HOW_TO_APPLY_MAX_LENGTH:
                raise ValidationError(
                    _("How to apply can be at most {limit} characters.").format(
                        limit=integer(HOW_TO_APPLY_MAX_LENGTH)
                    ),
                    "how_to_apply",
                )
            clean[name] = text
        elif name == "overlap_hours":
            clean[name] = parse_overlap_hours(value)
        elif name == "left_out":
            sections, ids = value
            clean[name] = _dump_left_out(sections, ids)
        else:
            raise ValidationError(_("A hiring plan has no field “{name}”.").format(name=name), name)
    return clean


def update_plan(brief_id: int, changes: Mapping[str, Any]) -> dict[str, Any]:
    """Store `changes` to the brief's plan (made when missing); returns the old
    stored values (`left_out` as JSON text) for `restore_plan`.

    `left_out` is given as (section keys, expectation ids)."""
    clean = _clean_plan(changes)
    with database.atomic():
        if not Brief.select().where(Brief.id == brief_id).exists():
            raise UserError(_("That brief no longer exists."))
        row = HiringPlan.get_or_none(HiringPlan.brief == brief_id) or HiringPlan.create(
            brief=brief_id
        )
        old = {name: getattr(row, name) for name in clean}
        versions.save(HiringPlan, row.id, clean, what="The hiring plan")
    return old


def restore_plan(brief_id: int, stored: Mapping[str, Any]) -> None:
    """Write back values `update_plan` returned (undo)."""
    with database.atomic():
        row = HiringPlan.get_or_none(HiringPlan.brief == brief_id)
        if row is not None:
            versions.save(HiringPlan, row.id, dict(stored), what="The hiring plan")


def set_left_out(
    brief_id: int, *, section: str | None = None, expectation_id: int | None = None, out: bool
) -> dict[str, Any]:
    """Keep a section or an expectation out of the post (or put it back)."""
    plan = plan_of(brief_id)
    sections, ids = set(plan.left_out_sections), set(plan.left_out_expectations)
    if section is not None:
        (sections.add if out else sections.discard)(section)
    if expectation_id is not None:
        (ids.add if out else ids.discard)(expectation_id)
    return update_plan(brief_id, {"left_out": (sections, ids)})


# ---------------------------------------------------------------------------
# Screening questions


@dataclass(frozen=True)
class QuestionRow:
    id: int
    brief_id: int
    text: str
    position: int


def questions_of(brief_id: int) -> list[QuestionRow]:
    """The brief's screening questions in the order they are asked."""
    query = (
        ScreeningQuestion.select()
        .where(ScreeningQuestion.brief == brief_id)
        .order_by(ScreeningQuestion.position, ScreeningQuestion.id)
    )
    return [QuestionRow(q.id, q.brief_id, q.text, q.position) for q in query]


def clean_question(text: Any) -> str:
    value = " ".join(str(text or "").split())
    if not value:
        raise ValidationError(_("A screening question needs some text."), "text")
    if len(value) > QUESTION_MAX_LENGTH:
        raise ValidationError(
            _(
                "A screening question can be at most {limit} characters (this one has {length})."
            ).format(limit=integer(QUESTION_MAX_LENGTH), length=integer(len(value))),
            "text",
        )
    return value


def suggested_questions(brief_id: int) -> list[str]:
    """Questions to offer for this brief: from its skills and must-haves, then
    the shipped ones, leaving out those it asks already."""
    data = load_brief(brief_id)
    asked = {fold(q.text) for q in questions_of(brief_id)}
    own = []
    if data.skills.strip():
        own.append(f"Which of these have you used in paid work, and for how long: {data.skills}?")
    musts = [e.text for e in data.expectations if e.level == Level.MUST]
    if musts:
        first = musts[0].rstrip(".")
        own.append(f"How would you make sure of this one: “{first}”?")
    return [q for q in dict.fromkeys([*own, *SUGGESTED_QUESTIONS]) if fold(q) not in asked]


def add_question(brief_id: int, text: str, index: int | None = None) -> int:
    """A new screening question at `index` (None: last); returns its id."""
    value = clean_question(text)
    with database.atomic():
        if not Brief.select().where(Brief.id == brief_id).exists():
            raise UserError(_("That brief no longer exists."))
        ordered = questions_of(brief_id)
        index = len(ordered) if index is None else max(0, min(index, len(ordered)))
        question = ScreeningQuestion.create(brief=brief_id, text=value, position=index)
        ids = [q.id for q in ordered]
        ids.insert(index, question.id)
        _write_order(ids)
    return question.id


def update_question(question_id: int, text: str) -> str:
    """Change a question's text; returns the old text."""
    value = clean_question(text)
    with database.atomic():
        question = _question(question_id)
        old = question.text
        ScreeningQuestion.update(text=value).where(ScreeningQuestion.id == question_id).execute()
    return old


def restore_question_text(question_id: int, text: str) -> None:
    with database.atomic():
        ScreeningQuestion.update(text=text).where(ScreeningQuestion.id == question_id).execute()


def delete_question(question_id: int) -> RowSnapshot:
    """Delete a question with its answers (`snapshots.restore` undoes it)."""
    return delete_with_snapshot(_question(question_id))


def move_question(question_id: int, index: int) -> list[int]:
    """Put the question at `index` of its brief's order; returns the old order (ids)."""
    with database.atomic():
        question = _question(question_id)
        ids = [q.id for q in questions_of(question.brief_id)]
        old = list(ids)
        ids.remove(question_id)
        ids.insert(max(0, min(index, len(ids))), question_id)
        _write_order(ids)
    return old


def set_question_order(ids: Sequence[int]) -> None:
    with database.atomic():
        _write_order(ids)


def _write_order(ids: Sequence[int]) -> None:
    for position, question_id in enumerate(ids):
        ScreeningQuestion.update(position=position).where(
            ScreeningQuestion.id == question_id
        ).execute()


def _question(question_id: int) -> ScreeningQuestion:
    question = ScreeningQuestion.get_or_none(ScreeningQuestion.id == question_id)
    if question is None:
        raise UserError(_("That screening question no longer exists."))
    return question


# ---------------------------------------------------------------------------
# Answers


@dataclass(frozen=True)
class AnswerRow:
    question_id: int
    question: str
    contractor_id: int
    text: str
    answered_on: date | None


def answers_of(contractor_id: int, brief_id: int) -> list[AnswerRow]:
    """Every question of the brief with the contractor's answer ("" when none)."""
    questions = questions_of(brief_id)
    stored = {
        a.question_id: a
        for a in ScreeningAnswer.select().where(
            (ScreeningAnswer.contractor == contractor_id)
            & (ScreeningAnswer.question.in_([q.id for q in questions]))
        )
    }
    return [
        AnswerRow(
            q.id,
            q.text,
            contractor_id,
            stored[q.id].text if q.id in stored else "",
            stored[q.id].answered_on if q.id in stored else None,
        )
        for q in questions
    ]


@dataclass
class AnswerChange:
    """What `record_answers` changed: for each question, the answer before (None: none)."""

    contractor_id: int
    before: dict[int, tuple[str, date | None] | None] = field(default_factory=dict)
    after: dict[int, tuple[str, date | None]] = field(default_factory=dict)


def record_answers(
    contractor_id: int, answers: Mapping[int, str], answered_on: date
) -> AnswerChange:
    """Store the contractor's answers (question id -> text) in one transaction.

    An empty text removes an answer. Returns what `undo_answers` needs."""
    change = AnswerChange(contractor_id)
    with database.atomic():
        if not Contractor.select().where(Contractor.id == contractor_id).exists():
            raise UserError(_("That contractor is no longer on the bench."))
        for question_id, raw in answers.items():
            _question(question_id)
            text = str(raw or "").strip()
            if len(text) > ANSWER_MAX_LENGTH:
                raise ValidationError(
                    _("An answer can be at most {limit} characters.").format(
                        limit=integer(ANSWER_MAX_LENGTH)
                    ),
                    "text",
                )
            row = ScreeningAnswer.get_or_none(
                (ScreeningAnswer.question == question_id)
                & (ScreeningAnswer.contractor == contractor_id)
            )
            before = None if row is None else (row.text, row.answered_on)
            if before is not None and before[0] == text:
                continue
            change.before[question_id] = before
            change.after[question_id] = (text, answered_on if text else None)
        _write_answers(contractor_id, change.after)
    return change


def undo_answers(change: AnswerChange) -> None:
    with database.atomic():
        _write_answers(
            change.contractor_id,
            {qid: before or ("", None) for qid, before in change.before.items()},
        )


def redo_answers(change: AnswerChange) -> None:
    with database.atomic():
        _write_answers(change.contractor_id, change.after)


def _write_answers(contractor_id: int, values: Mapping[int, tuple[str, date | None]]) -> None:
    for question_id, (text, day) in values.items():
        where = (ScreeningAnswer.question == question_id) & (
            ScreeningAnswer.contractor == contractor_id
        )
        if not text:
            delete_from(ScreeningAnswer).where(where).execute()
        elif ScreeningAnswer.select().where(where).exists():
            ScreeningAnswer.update(text=text, answered_on=day).where(where).execute()
        else:
            ScreeningAnswer.create(
                question=question_id, contractor=contractor_id, text=text, answered_on=day
            )
