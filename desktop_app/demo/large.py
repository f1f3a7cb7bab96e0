"""A large, believable database: years of an owner's data, for `make bench`
and for trying the app at scale (`offload generate-sample PATH --size large`).

At scale 1: 2,000 tasks with 60,000 time entries over the last year, 2,000
contractors (with references and interviews), 400 briefs with 16,000
expectations, and 500 engagements with their check-ins and feedback. A scale
multiplies every count. Everything goes in through the model functions the
window uses (their bulk forms where the models offer one: the time import,
`create_brief` with its expectations, the contractor import), in one
transaction; the same seed gives the same database.

GENERATOR_VERSION names what this writes: change it whenever the output
changes, so the benchmark's cached copies are made again.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from desktop_app.models.base import database
from desktop_app.models.briefs import (
    BriefData,
    BriefStatus,
    ExpectationData,
    brief_tasks_briefed,
    create_brief,
)
from desktop_app.models.contractor_input import MEDIUMS, SOURCES, parse_contractor
from desktop_app.models.contractors import (
    OnDuplicate,
    add_child,
    import_contractors,
    parse_interview,
    parse_reference,
)
from desktop_app.models.engagements import add_check_in, add_feedback
from desktop_app.models.hiring import end_engagement, hire
from desktop_app.models.tasks import AREAS, Need, NewEntry, create_task, import_time_entries

GENERATOR_VERSION = 2


@dataclass(frozen=True)
class Counts:
    """How many of each thing a scale asks for (at least one of each)."""

    tasks: int
    time_entries: int
    contractors: int
    briefs: int
    expectations_per_brief: int
    engagements: int

    @classmethod
    def at(cls, scale: float) -> Counts:
        def scaled(count: int) -> int:
            return max(1, round(count * scale))

        return cls(
            tasks=scaled(2000),
            time_entries=scaled(60_000),
            contractors=scaled(2000),
            briefs=scaled(400),
            expectations_per_brief=40,
            engagements=scaled(500),
        )


VERBS = (
    "Update", "Review", "Answer", "Prepare", "Reconcile", "Schedule", "Edit", "Write",
    "Fix", "Plan", "Check", "Design", "Research", "Publish", "File", "Tidy",
)  # fmt: skip
THINGS = (
    "invoices", "support tickets", "product listings", "newsletter", "ad campaigns",
    "blog post", "supplier emails", "shipping labels", "photos", "refunds", "reviews",
    "landing page", "tax forms", "pins", "reels", "analytics report", "wholesale orders",
    "affiliate payouts", "FAQ page", "podcast notes",
)  # fmt: skip
_FIRST = (
    "Ana", "Tomasz", "Priya", "Ben", "Maria", "Jonas", "Aisha", "Diego", "Grace", "Lena",
    "Sam", "Chloé", "Rafael", "Yuki", "Hannah", "Oliver", "Zoë", "Nikolai", "Fatima", "Kofi",
)  # fmt: skip
_LAST = (
    "Ferreira", "Nowak", "Raman", "Okafor", "Santos", "Berg", "Khan", "Alvarez", "Mwangi",
    "Fischer", "Taylor", "Martin", "Costa", "Tanaka", "Weiss", "Grant", "Ivanova", "Diallo",
)  # fmt: skip
_SKILLS = (
    "bookkeeping", "Xero", "QuickBooks", "VAT returns", "customer support", "Gorgias",
    "Zendesk", "social media", "Instagram", "Pinterest", "TikTok", "Canva", "copywriting",
    "SEO", "Shopify", "email marketing", "Klaviyo", "video editing", "WordPress", "Excel",
)  # fmt: skip
_NOTES = (
    "Quick to reply.", "Strong portfolio.", "Asked good questions about the brief.",
    "Rate is negotiable for a long engagement.", "Prefers async communication.", "",
)  # fmt: skip
# Expectations: clear ones, and some with the words the clarity check flags.
_EXPECTATIONS = (
    ("Reply to every customer e-mail within one working day", "First-reply time in Gorgias"),
    ("Reconcile the bank accounts by the 5th of each month", "Xero shows no unreconciled lines"),
    ("Schedule fifteen pins a week, two weeks ahead", "Visible in the Tailwind queue"),
    ("Keep product listings up to date", ""),
    ("Write good quality blog posts as soon as possible", ""),
    ("Send a weekly note: what was done, what is next, any blocker", "A note every Friday"),
    ("Handle refunds, returns, exchanges etc.", "Refund log checked weekly"),
    ("Flag anything unusual in the numbers", ""),
)


def fill_large(
    today: date,
    scale: float = 1.0,
    seed: int = 1,
    progress: Callable[[str], None] | None = None,
) -> Counts:
    """Add the large sample data, at `scale`, to the bound database; returns the counts."""
    from desktop_app.demo.settings import fill as fill_settings

    counts = Counts.at(scale)
    rng = random.Random(seed)
    say = progress or (lambda _step: None)
    with database.atomic():
        fill_settings(today)
        say(f"{counts.tasks:,} tasks")
        task_names, task_ids = _tasks(rng, counts.tasks)
        say(f"{counts.time_entries:,} time entries")
        _time_entries(rng, task_names, counts.time_entries, today)
        say(f"{counts.contractors:,} contractors")
        contractor_ids = _contractors(rng, counts.contractors, today)
        say(f"{counts.briefs:,} briefs")
        brief_ids = _briefs(rng, counts, today, task_ids)
        say(f"{counts.engagements:,} engagements")
        _engagements(rng, counts.engagements, contractor_ids, brief_ids, today)
    return counts


def _tasks(rng: random.Random, count: int) -> tuple[list[str], list[int]]:
    names, ids = [], []
    needs = list(Need)
    for number in range(count):
        name = f"{rng.choice(VERBS)} {rng.choice(THINGS)} #{number + 1:04d}"
        task_id = create_task(
            name,
            area=rng.choice(AREAS),
            need=rng.choice(needs).value,
            owner_has_expertise=rng.random() < 0.6,
            dislike=rng.randint(1, 5),
            pull_away=rng.randint(1, 5),
            business_value=rng.randint(1, 5),
            monthly_estimate_minutes=rng.choice((None,) * 9 + (rng.randint(30, 900),)),
            contractor_rate=rng.choice((None, None, rng.randint(12, 90))),
            override=rng.choice((None,) * 18 + ("keep", "outsource")),
        )
        names.append(name)
        ids.append(task_id)
    return names, ids


def _time_entries(rng: random.Random, task_names: list[str], count: int, today: date) -> None:
    """`count` entries over the year up to today, on working days (and a few
    weekends), never more than 14 hours a day: as imported from a time tracker."""
    days = [
        today - timedelta(days=back)
        for back in range(365)
        if (today - timedelta(days=back)).weekday() < 5 or back % 9 == 0
    ]
    entries = []
    for number in range(count):
        day = days[number % len(days)]
        # About 230 entries a day at scale 1 over ~270 days: 3 minutes each
        # keeps a day under 14 hours whatever the scale.
        per_day = max(1, count // len(days) + 1)
        minutes = max(1, min(25, (14 * 60) // per_day - rng.randint(0, 1)))
        entries.append(
            NewEntry(
                task_name=rng.choice(task_names),
                day=day,
                minutes=minutes,
                note="",
                import_key=f"sample-{number}",
            )
        )
    import_time_entries(entries)


def _contractors(rng: random.Random, count: int, today: date) -> list[int]:
    stamp = datetime.combine(today, time(9, 0))
    records = []
    for number in range(count):
        source = rng.choice(SOURCES)
        raw = {
            "name": f"{rng.choice(_FIRST)} {rng.choice(_LAST)} {number + 1:04d}",
            "kind": "agency" if number % 9 == 0 else "individual",
            "skills": ", ".join(rng.sample(_SKILLS, 3)),
            "email": f"contractor{number + 1}@example.com",
            "phone": f"+44 20 7946 {number % 10000:04d}",
            "website": f"https://portfolio.example.com/c{number + 1}",
            "location": "Remote",
            "timezone": "Europe/London",
            "rate": str(rng.randint(8, 90)),
            "rate_unit": rng.choice(("hour", "hour", "month", "project")),
            "currency": rng.choice(("USD", "EUR", "GBP")),
            "source": source,
            "source_detail": {"niche": "Bookkeeper Directory", "referral": "Sofia"}.get(source, ""),
            "stage": rng.choice(("prospect", "contacted", "interviewing", "trial", "rejected")),
            "rating": rng.choice(("", "2", "3", "4", "5")),
            "last_contact": stamp - timedelta(days=rng.randint(0, 300)),
            "notes": rng.choice(_NOTES),
        }
        records.append((f"row {number + 1}", parse_contractor(raw)))
    outcome = import_contractors(records, OnDuplicate.ADD, reason="Added to the bench")
    for contractor_id in outcome.created:
        if rng.random() < 0.5:
            add_child(
                "reference",
                contractor_id,
                parse_reference(
                    {"name": "A previous client", "relation": "client", "said": "Recommended."}
                ),
            )
        if rng.random() < 0.5:
            held = stamp - timedelta(days=rng.randint(1, 300))
            add_child(
                "interview",
                contractor_id,
                parse_interview(
                    {
                        "held_at": held,
                        "held": True,
                        "medium": rng.choice(MEDIUMS),
                        "communication": rng.randint(1, 5),
                        "expertise": rng.randint(1, 5),
                        "reliability": rng.randint(1, 5),
                        "fit": rng.randint(1, 5),
                        "notes": rng.choice(_NOTES),
                    },
                    current_time=stamp,
                ),
            )
    return outcome.created


def _briefs(rng: random.Random, counts: Counts, today: date, task_ids: list[int]) -> list[int]:
    """Briefs at every step, each written for a task of the time audit (which
    then shows as briefed, as when the owner writes one)."""
    statuses = (BriefStatus.DRAFT, BriefStatus.FINAL, BriefStatus.POSTED)
    ids = []
    for number in range(counts.briefs):
        expectations = []
        for _ in range(counts.expectations_per_brief):
            text, measure = rng.choice(_EXPECTATIONS)
            expectations.append(
                ExpectationData(text, rng.choice(("must", "should", "nice")), measure)
            )
        data = BriefData(
            title=f"{rng.choice(VERBS)} {rng.choice(THINGS)}, job {number + 1}",
            summary="Take this off my plate: the work, the tools and what good looks like "
            "are below. Ask about anything unclear before you start.",
            deliverables="A weekly note of what was done",
            success_criteria="Done on time every week for three months.",
            deadline=today + timedelta(days=rng.randint(-30, 120)),
            budget=Decimal(rng.randint(100, 2000)),
            report_every_days=rng.choice((7, 14)),
            skills=", ".join(rng.sample(_SKILLS, 3)),
            status=rng.choice(statuses),
            expectations=expectations,
        )
        brief_id = create_brief(data, task_ids=[task_ids[number % len(task_ids)]])
        brief_tasks_briefed(brief_id)
        ids.append(brief_id)
    return ids


def _engagements(
    rng: random.Random, count: int, contractor_ids: list[int], brief_ids: list[int], today: date
) -> None:
    # Two briefs in five are being worked on (filled, by one contractor or
    # more); the rest stay drafts, final or posted, as the owner left them.
    hired_for = brief_ids[: max(1, len(brief_ids) * 2 // 5)]
    for number in range(min(count, len(contractor_ids))):
        start = today - timedelta(days=rng.randint(14, 360))
        cadence = rng.choice((7, 7, 14))
        monthly = rng.random() < 0.3
        status = rng.choice(("active", "active", "active", "trial", "paused"))
        hiring = hire(
            contractor_ids[number],
            hired_for[number % len(hired_for)],
            start,
            str(rng.randint(300, 2000) if monthly else rng.randint(10, 60)),
            cadence,
            rate_unit="month" if monthly else "hour",
            status=status,
        )
        engagement = hiring.engagement_id
        day = start + timedelta(days=cadence)
        while day <= today:
            add_check_in(
                engagement,
                day,
                summary=rng.choice(("On track.", "Two items late, catching up.", "All done.")),
                state=rng.choice(("on_track", "on_track", "at_risk")),
                initiated_by=rng.choice(("contractor", "contractor", "owner")),
            )
            if rng.random() < 0.25:
                add_feedback(
                    engagement,
                    day,
                    deliverable="This week's work",
                    on_time=rng.random() < 0.8,
                    quality=rng.randint(2, 5),
                    communication=rng.randint(2, 5),
                    confidence=rng.randint(1, 5),
                )
            day += timedelta(days=cadence + rng.choice((-1, 0, 0, 1)))
        if number % 10 == 9 and start < today - timedelta(days=30):
            end_engagement(engagement, today - timedelta(days=rng.randint(1, 20)), "Job done.")
