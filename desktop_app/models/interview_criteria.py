"""Interview criteria from the brief: its must-have expectations, scored 1-5
beside the four general scores (communication, expertise, reliability, fit)
of an interview held for that brief."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from peewee import Check, ForeignKeyField, SmallIntegerField

from desktop_app.models.base import BaseModel, database
from desktop_app.models.briefs import Expectation, Level
from desktop_app.models.contractors import Interview
from desktop_app.models.errors import UserError, ValidationError
from desktop_app.models.i18n import _
from desktop_app.models.rows import delete_from


class InterviewCriterionScore(BaseModel):
    """An interview's score on one of its brief's must-have expectations."""

    interview = ForeignKeyField(Interview, backref="criterion_scores", on_delete="CASCADE")
    interview_id: int
    expectation = ForeignKeyField(Expectation, backref="interview_scores", on_delete="CASCADE")
    expectation_id: int
    score = SmallIntegerField(constraints=[Check("score BETWEEN 1 AND 5")])

    class Meta:
        indexes = ((("interview", "expectation"), True),)


@dataclass(frozen=True)
class Criterion:
    expectation_id: int
    text: str


def brief_criteria(brief_id: int | None) -> list[Criterion]:
    """The brief's must-have expectations in priority order ([] without a brief)."""
    if brief_id is None:
        return []
    query = (
        Expectation.select(Expectation.id, Expectation.text)
        .where((Expectation.brief == brief_id) & (Expectation.level == Level.MUST))
        .order_by(Expectation.position, Expectation.id)
    )
    return [Criterion(e.id, e.text) for e in query]


def criterion_scores(interview_ids: Sequence[int]) -> dict[int, dict[int, int]]:
    """interview id -> {expectation id: score}."""
    scores: dict[int, dict[int, int]] = defaultdict(dict)
    query = InterviewCriterionScore.select().where(
        InterviewCriterionScore.interview.in_(list(interview_ids))
    )
    for row in query:
        scores[row.interview_id][row.expectation_id] = row.score
    return dict(scores)


def set_criterion_scores(interview_id: int, scores: Mapping[int, object]) -> dict[int, int]:
    """Store the interview's scores on its brief's criteria (None clears one),
    in one transaction; returns every score it had before, for the undo."""
    checked: dict[int, int | None] = {}
    for expectation_id, score in scores.items():
        if score is None or (
            isinstance(score, int) and not isinstance(score, bool) and 1 <= score <= 5
        ):
            checked[expectation_id] = score
            continue
        raise ValidationError(_("A score is a whole number from 1 to 5."), f"e{expectation_id}")
    with database.atomic():
        interview = Interview.get_or_none(Interview.id == interview_id)
        if interview is None:
            raise UserError(_("That interview no longer exists."))
        allowed = {c.expectation_id for c in brief_criteria(interview.brief_id)}
        unknown = set(scores) - allowed
        if unknown:
            raise ValidationError(
                _("Only the must-have expectations of the interview's brief are scored here."),
                f"e{sorted(unknown)[0]}",
            )
        before = criterion_scores([interview_id]).get(interview_id, {})
        write_criterion_scores(
            interview_id,
            {**before, **{k: v for k, v in checked.items() if v is not None}}
            | {k: None for k, v in checked.items() if v is None},
        )
    return before


def write_criterion_scores(interview_id: int, scores: Mapping[int, int | None]) -> None:
    """Make the interview's stored scores exactly `scores` (None entries dropped)."""
    with database.atomic():
        delete_from(InterviewCriterionScore).where(
            InterviewCriterionScore.interview == interview_id
        ).execute()
        rows = [
            {"interview": interview_id, "expectation": eid, "score": score}
            for eid, score in scores.items()
            if score is not None
        ]
        if rows:
            InterviewCriterionScore.insert_many(rows).execute()
