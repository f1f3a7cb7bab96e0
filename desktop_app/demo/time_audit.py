"""Demo: two months in the working life of Maya, who runs an online shop of
printable planners (Northwind Planners, see `demo.settings`).

Nineteen tasks across areas, with time entries on most working days of the
previous month and of this month up to today: some clear candidates
(support inbox, bookkeeping, social media), two tasks she keeps, two handed
off in the summer (product photo editing, Pinterest pins: no entries, their
monthly estimate counts). The Briefs demo links to "Bookkeeping", "Customer
support inbox" and "Social media posts" (which then show as briefed); the
Engagements demo hires for the handed-off ones and "Etsy listing updates".
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from peewee import chunked

from desktop_app.models.tasks import (
    Need,
    Override,
    TaskStatus,
    TimeEntry,
    create_task,
    month_start,
    previous_month,
    update_task,
)


@dataclass(frozen=True)
class DemoTask:
    name: str
    fields: dict[str, Any]
    # Times a week it comes up, and its minutes each time (low, high).
    per_week: float
    minutes: tuple[int, int]
    notes: tuple[str, ...] = ()
    status: str | None = None
    # Only logged in the previous month (handed off since).
    last_month_only: bool = False


TASKS = (
    DemoTask(
        "Customer support inbox",
        {
            "area": "support",
            "need": Need.REPETITIVE,
            "dislike": 4,
            "pull_away": 4,
            "business_value": 3,
            "contractor_rate": Decimal("18"),
            "notes": "Refund requests, download links that expired, 'which planner is for me?'",
        },
        per_week=5,
        minutes=(35, 80),
        notes=("Refunds and resends", "Download link issues", "Answered pre-sale questions"),
    ),
    DemoTask(
        "Bookkeeping",
        {
            "area": "finance",
            "need": Need.KNOWLEDGE,
            "owner_has_expertise": False,
            "dislike": 5,
            "pull_away": 4,
            "business_value": 3,
            "contractor_rate": Decimal("35"),
            "notes": "Reconcile Stripe, PayPal and Etsy payouts; receipts into the spreadsheet.",
        },
        per_week=2,
        minutes=(50, 110),
        notes=("Reconciled payouts", "Chased missing receipts", "Month-end close"),
    ),
    DemoTask(
        "Social media posts",
        {
            "area": "marketing",
            "need": Need.REPETITIVE,
            "dislike": 3,
            "pull_away": 4,
            "business_value": 3,
            "contractor_rate": Decimal("22"),
        },
        per_week=5,
        minutes=(20, 45),
        notes=("Instagram carousel", "Stories for the new weekly planner", "Scheduled the week"),
    ),
    DemoTask(
        "Planner design",
        {
            "area": "content",
            "need": Need.UNIQUE,
            "dislike": 1,
            "pull_away": 1,
            "business_value": 5,
            "notes": "New planners and seasonal inserts: the heart of the shop.",
        },
        per_week=3.5,
        minutes=(90, 180),
        notes=("2026 academic planner layouts", "Habit tracker insert", "Cover variations"),
    ),
    DemoTask(
        "Order issues and resends",
        {
            "area": "support",
            "need": Need.REPETITIVE,
            "dislike": 4,
            "pull_away": 3,
            "business_value": 2,
        },
        per_week=4,
        minutes=(15, 40),
    ),
    DemoTask(
        "Etsy listing updates",
        {
            "area": "marketing",
            "need": Need.REPETITIVE,
            "dislike": 4,
            "pull_away": 3,
            "business_value": 2,
            "contractor_rate": Decimal("15"),
            "monthly_estimate_minutes": 5 * 60,
        },
        per_week=2,
        minutes=(30, 70),
        notes=("New mockups on listings", "Updated tags and titles"),
        # Nadia took it over on trial a month ago (the Engagements demo).
        last_month_only=True,
    ),
    DemoTask(
        "SEO for product pages",
        {
            "area": "marketing",
            "need": Need.EXPERTISE,
            "owner_has_expertise": False,
            "dislike": 3,
            "pull_away": 3,
            "business_value": 4,
            "contractor_rate": Decimal("45"),
        },
        per_week=1,
        minutes=(60, 120),
    ),
    DemoTask(
        "Website fixes",
        {
            "area": "development",
            "need": Need.EXPERTISE,
            "owner_has_expertise": False,
            "dislike": 4,
            "pull_away": 5,
            "business_value": 3,
            "contractor_rate": Decimal("50"),
            "notes": "Shopify theme quirks, broken checkout banner, app conflicts.",
        },
        per_week=1,
        minutes=(40, 150),
        notes=("Checkout banner broke again", "Theme update", "Image compression app"),
    ),
    DemoTask(
        "Newsletter writing",
        {
            "area": "content",
            "need": Need.KNOWLEDGE,
            "dislike": 2,
            "pull_away": 2,
            "business_value": 4,
            "override": Override.KEEP,
            "notes": "Keeping it: readers write back to me, it is my voice.",
        },
        per_week=1,
        minutes=(90, 150),
    ),
    DemoTask(
        "Packing paper planner orders",
        {
            "area": "admin",
            "need": Need.REPETITIVE,
            "dislike": 3,
            "pull_away": 3,
            "business_value": 2,
            "contractor_rate": Decimal("16"),
            "notes": "The printed editions: about 60 parcels a month, Tuesdays and Fridays.",
        },
        per_week=2,
        minutes=(35, 70),
        notes=("Tuesday parcels", "Friday parcels", "Restocked mailers"),
    ),
    DemoTask(
        "Supplier and printer emails",
        {
            "area": "admin",
            "need": Need.REPETITIVE,
            "dislike": 3,
            "pull_away": 2,
            "business_value": 2,
        },
        per_week=3,
        minutes=(15, 30),
    ),
    DemoTask(
        "Product photo editing",
        {
            "area": "content",
            "need": Need.EXPERTISE,
            "owner_has_expertise": False,
            "dislike": 4,
            "pull_away": 3,
            "business_value": 3,
            "contractor_rate": Decimal("25"),
            "monthly_estimate_minutes": 9 * 60,
            "notes": "Handed to Sofia, a retoucher, in the summer.",
        },
        per_week=0,
        minutes=(0, 0),
        status=TaskStatus.HANDED_OFF,
    ),
    DemoTask(
        "Pinterest pins",
        {
            "area": "marketing",
            "need": Need.REPETITIVE,
            "dislike": 3,
            "pull_away": 3,
            "business_value": 2,
            "monthly_estimate_minutes": 6 * 60,
            "notes": "Handed to Luca in the summer; pins have been late since October.",
        },
        per_week=0,
        minutes=(0, 0),
        status=TaskStatus.HANDED_OFF,
    ),
    DemoTask(
        "Strategy and planning",
        {"area": "admin", "need": Need.UNIQUE, "dislike": 1, "pull_away": 1, "business_value": 5},
        per_week=1,
        minutes=(45, 90),
    ),
    DemoTask(
        "Wholesale and collaborations",
        {"area": "sales", "need": Need.UNIQUE, "dislike": 2, "pull_away": 1, "business_value": 5},
        per_week=1.5,
        minutes=(30, 60),
    ),
    DemoTask(
        "Sales tax filings",
        {
            "area": "finance",
            "need": Need.KNOWLEDGE,
            "owner_has_expertise": False,
            "dislike": 5,
            "pull_away": 2,
            "business_value": 2,
            "monthly_estimate_minutes": 3 * 60,
            "notes": "Quarterly; about three hours a month averaged out.",
        },
        per_week=0,
        minutes=(0, 0),
    ),
    DemoTask(
        "Replying to reviews",
        {
            "area": "support",
            "need": Need.REPETITIVE,
            "dislike": 2,
            "pull_away": 2,
            "business_value": 3,
        },
        per_week=3,
        minutes=(10, 20),
    ),
    DemoTask(
        "Facebook and Pinterest ads",
        {
            "area": "marketing",
            "need": Need.EXPERTISE,
            "owner_has_expertise": False,
            "dislike": 4,
            "pull_away": 3,
            "business_value": 4,
        },
        per_week=2,
        minutes=(30, 60),
        notes=("Paused the weak ad set", "New creative test"),
    ),
    DemoTask(
        "YouTube video editing",
        {
            "area": "content",
            "need": Need.EXPERTISE,
            "owner_has_expertise": False,
            "dislike": 4,
            "pull_away": 4,
            "business_value": 3,
            "contractor_rate": Decimal("30"),
            "notes": "Flip-through videos of each planner.",
        },
        per_week=1,
        minutes=(60, 120),
    ),
)


RATED_DEFAULTS = {
    "owner_has_expertise": True,
    "dislike": 3,
    "pull_away": 3,
    "business_value": 3,
}


def fill(today: date) -> None:
    this_month = month_start(today)
    first = previous_month(this_month)
    rng = random.Random(first.toordinal())
    ids = {}
    for task in TASKS:
        # Maya has rated every task (a new task starts unrated).
        ids[task.name] = create_task(task.name, **{**RATED_DEFAULTS, **task.fields})
        if task.status is not None:
            update_task(ids[task.name], {"status": task.status})
    rows = []
    day = first
    while day <= today:
        working = day.weekday() < 5 or (day.weekday() == 5 and rng.random() < 0.3)
        if working:
            rows.extend(_day_entries(day, this_month, ids, rng))
        day += timedelta(days=1)
    for batch in chunked(rows, 200):
        TimeEntry.insert_many(batch).execute()


def _day_entries(
    day: date, this_month: date, ids: dict[str, int], rng: random.Random
) -> list[dict[str, Any]]:
    rows = []
    for task in TASKS:
        if task.per_week == 0 or (task.last_month_only and day >= this_month):
            continue
        if rng.random() >= task.per_week / 5:
            continue
        minutes = rng.randint(*task.minutes) // 5 * 5
        note = rng.choice(task.notes) if task.notes and rng.random() < 0.4 else ""
        rows.append({"task": ids[task.name], "date": day, "minutes": minutes, "note": note})
    return rows
