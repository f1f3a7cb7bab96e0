"""Small builders for the engagement tests: a contractor, a brief, a history."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from desktop_app.models.briefs import Brief, Expectation
from desktop_app.models.contractors import Contractor
from desktop_app.models.engagements import add_check_in, add_feedback, create_engagement


def contractor(name: str = "Ana Souza", **fields) -> int:
    fields.setdefault("email", "ana@example.com")
    fields.setdefault("stage", "interviewing")
    return Contractor.create(name=name, **fields).id


def brief(title: str = "Monthly bookkeeping", **fields) -> int:
    fields.setdefault("status", "posted")
    fields.setdefault("skills", "bookkeeping, xero")
    return Brief.create(title=title, **fields).id


def expectations(brief_id: int, *items: tuple[str, str, str]) -> None:
    """Expectations (text, level, measure) in the order given."""
    for number, (text, level, measure) in enumerate(items):
        Expectation.create(
            brief=brief_id, text=text, level=level, measure=measure, position=f"a{number:03d}"
        )


def engagement(
    start: date,
    *,
    contractor_name: str = "Ana Souza",
    title: str = "Monthly bookkeeping",
    cadence: int = 7,
    rate: str | None = "40",
    rate_unit: str = "hour",
    status: str = "active",
    currency: str = "USD",
    end_date: date | None = None,
) -> int:
    return create_engagement(
        brief(title),
        contractor(contractor_name),
        start,
        rate=Decimal(rate) if rate else None,
        rate_unit=rate_unit,
        currency=currency,
        cadence_days=cadence,
        status=status,
        end_date=end_date,
    ).id


def report(engagement_id: int, day: date, by: str = "contractor", summary: str = "On it") -> int:
    return add_check_in(engagement_id, day, initiated_by=by, summary=summary, state="on_track")


def feedback(engagement_id: int, day: date, confidence: int, quality: int = 4, on_time=True) -> int:
    return add_feedback(
        engagement_id,
        day,
        deliverable=f"Work of {day:%d %b}",
        on_time=on_time,
        quality=quality,
        communication=4,
        confidence=confidence,
        good="Clear",
        not_good="",
    )


def days(start: date, *offsets: int) -> list[date]:
    return [start + timedelta(days=offset) for offset in offsets]
