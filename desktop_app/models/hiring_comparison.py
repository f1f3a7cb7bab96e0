"""The comparison of candidates for one brief: the bench's evidence
(`contractors.compare_contractors`, with the interviews' scores on the
brief's must-haves after the general ones), then the shared working hours, the
answers to the brief's screening questions and the paid trial (on time,
a score per rubric line, the average, the pay, the notes), side by side.
The comparison window and its PDF both show this."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from desktop_app.models.availability import overlap_needed, overlap_with_owner
from desktop_app.models.contractors import (
    Comparison,
    ComparisonRow,
    Interview,
    compare_contractors,
)
from desktop_app.models.formats import money_short
from desktop_app.models.formats import number as format_number
from desktop_app.models.hiring_plan import answers_of, questions_of
from desktop_app.models.i18n import _
from desktop_app.models.interview_criteria import brief_criteria, criterion_scores
from desktop_app.models.rows import tuples
from desktop_app.models.trials import OfferRow, offer_rows, rubric_of, trial_of


def _best(values: Sequence[float | None], higher_is_better: bool = True) -> frozenset[int]:
    given = [(i, v) for i, v in enumerate(values) if v is not None]
    if len(given) < 2 or len({v for _, v in given}) < 2:
        return frozenset()
    target = max(v for _, v in given) if higher_is_better else min(v for _, v in given)
    return frozenset(i for i, v in given if v == target)


def compare_candidates(
    ids: Sequence[int], brief_id: int | None, today: date, **bench_options: Any
) -> Comparison:
    """2-5 contractors side by side, with what hiring for `brief_id` adds."""
    base = compare_contractors(ids, brief_id, **bench_options)
    people = base.contractor_ids
    rows = list(base.rows)
    blank = ("",) * len(people)

    overlaps = overlap_with_owner(people, today)
    needed = overlap_needed(brief_id)
    hours = [overlaps[c].hours for c in people]
    label = "Shared working hours"
    if needed is not None:
        label = _("Shared working hours (needs {hours} h)").format(hours=format_number(needed))
    rows.append(
        ComparisonRow(
            label,
            tuple(
                "\n".join(filter(None, (overlaps[c].text(), overlaps[c].warning(needed))))
                for c in people
            ),
            _best(hours),
        )
    )
    if brief_id is None:
        return dataclasses.replace(base, rows=tuple(rows))

    # The interviews' scores on the brief's must-haves, after the four general ones.
    after = next((i + 1 for i, row in enumerate(rows) if row.label == "Average score"), len(rows))
    rows[after:after] = _criteria_rows(people, brief_id)

    questions = questions_of(brief_id)
    if questions:
        rows.append(ComparisonRow("Screening answers", blank, heading=True))
        answers = {c: {a.question_id: a.text for a in answers_of(c, brief_id)} for c in people}
        for number, question in enumerate(questions, start=1):
            rows.append(
                ComparisonRow(
                    f"{number}. {question.text}",
                    tuple(answers[c].get(question.id) or "—" for c in people),
                    long_text=True,
                )
            )

    trial = trial_of(brief_id)
    offers: dict[int, OfferRow] = {
        o.contractor_id: o for o in offer_rows(brief_id=brief_id, contractor_ids=people)
    }
    if offers:
        rows += _trial_rows(people, offers, trial.id, brief_id, today)
    return dataclasses.replace(base, rows=tuple(rows))


def _criteria_rows(people: Sequence[int], brief_id: int) -> list[ComparisonRow]:
    """One row per must-have of the brief that someone was scored on: the
    mean of each contractor's interviews for the brief (none scored: no rows)."""
    interviews = Interview.select(Interview.id, Interview.contractor).where(
        Interview.contractor.in_(list(people)) & (Interview.brief == brief_id)
    )
    whose: dict[int, int] = dict(tuples(interviews))  # interview id -> contractor id
    scores: dict[tuple[int, int], list[int]] = defaultdict(list)
    for interview_id, by_expectation in criterion_scores(list(whose)).items():
        for expectation_id, score in by_expectation.items():
            scores[(whose[interview_id], expectation_id)].append(score)
    rows = []
    for criterion in brief_criteria(brief_id):
        given = [scores.get((c, criterion.expectation_id)) for c in people]
        if not any(given):
            continue
        means = [sum(s) / len(s) if s else None for s in given]
        rows.append(
            ComparisonRow(
                f"Interview, must have: {criterion.text}",
                tuple(format_number(m, 1) if m is not None else "—" for m in means),
                _best(means),
            )
        )
    return rows


def _trial_rows(
    people: Sequence[int], offers: dict[int, OfferRow], trial_id: int | None, brief_id: int,
    today: date,
) -> list[ComparisonRow]:  # fmt: skip
    got = [offers.get(c) for c in people]
    rows = [
        ComparisonRow("Paid trial", ("",) * len(people), heading=True),
        ComparisonRow("Trial", tuple(o.status_text if o else "not offered" for o in got)),
        ComparisonRow(
            "Delivered",
            tuple(o.delivery_text(today) if o else "—" for o in got),
            # On time first: fewer days late is better.
            _best([-o.days_late if o and o.days_late is not None else None for o in got]),
        ),
    ]
    for line in rubric_of(brief_id, trial_id):
        scores = [o.scores.get(line.key) if o else None for o in got]
        rows.append(
            ComparisonRow(
                f"{line.source_text}: {line.text}",
                tuple(f"{s} / 5" if s is not None else "—" for s in scores),
                _best(scores),
            )
        )
    averages = [o.average() if o else None for o in got]
    rows.append(
        ComparisonRow(
            "Trial average score",
            tuple(format_number(a, 1) if a is not None else "—" for a in averages),
            _best(averages),
        )
    )
    rows.append(
        ComparisonRow(
            "Trial pay",
            tuple(money_short(o.pay, o.currency) if o else "—" for o in got),
        )
    )
    rows.append(
        ComparisonRow(
            "Trial notes",
            tuple(
                "\n".join(
                    filter(None, (o.notes, f"Closed: {o.closed_reason}" if o.closed_reason else ""))
                )
                or "—"
                if o
                else "—"
                for o in got
            ),
            long_text=True,
        )
    )
    return rows
