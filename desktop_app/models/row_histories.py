"""The history of one contractor, brief or engagement (`models.history`):
the rows it covers, named, read in one function for every History dialog."""

from __future__ import annotations

from desktop_app.models.briefs import Expectation
from desktop_app.models.engagements import CheckIn, Feedback
from desktop_app.models.formats import day
from desktop_app.models.history import Change, history


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def changes_of(kind: str, row_id: int) -> list[Change]:
    """The history of one contractor, brief or engagement (`kind`), newest
    first: its own fields, and a brief's expectations, an engagement's
    check-ins and feedback, each named in `what`. The one read behind every
    History dialog."""
    rows: list[tuple[str, int, str]] = [(kind, row_id, "")]
    if kind == "brief":
        rows += [
            ("expectation", e.id, _short(e.text))
            for e in Expectation.select(Expectation.id, Expectation.text).where(
                Expectation.brief == row_id
            )
        ]
    elif kind == "engagement":
        rows += [
            ("check_in", c.id, day(c.date))
            for c in CheckIn.select(CheckIn.id, CheckIn.date).where(CheckIn.engagement == row_id)
        ]
        rows += [
            ("feedback", f.id, _short(f.deliverable))
            for f in Feedback.select(Feedback.id, Feedback.deliverable).where(
                Feedback.engagement == row_id
            )
        ]
    elif kind != "contractor":
        raise ValueError(f"no history of {kind!r}")
    return history(rows)
