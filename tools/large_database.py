"""A large database with every step filled, for measuring what grows with the data.

    python -m tools.large_database OUT.sqlite3

Writes a new database as an owner might have it after years of use: 2,000
tasks with about 60,000 time entries, 2,000 contractors with their
histories, 400 briefs with 16,000 expectations, and 500 engagements with
their check-ins and feedback. `offload check --db OUT.sqlite3` and
`python -m tools.open_timing OUT.sqlite3` then time what opening it costs.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import date, timedelta
from pathlib import Path

from peewee import chunked

from desktop_app.models.base import database

BRIEFS = 400
EXPECTATIONS_PER_BRIEF = 40
ENGAGEMENTS = 500


def fill_briefs_and_engagements(today: date, seed: int = 3) -> None:
    """Add 400 briefs of 40 expectations, and 500 engagements with a year of
    fortnightly check-ins and monthly feedback, to the bound database."""
    from desktop_app.models.briefs import Brief, Expectation
    from desktop_app.models.contractors import Contractor
    from desktop_app.models.engagements import CheckIn, Engagement, Feedback
    from desktop_app.models.ordering import keys_between

    rng = random.Random(seed)
    levels = ("must", "should", "nice")
    with database.atomic():
        for batch in chunked(
            [{"title": f"Brief {n + 1}", "summary": "A job to hand off."} for n in range(BRIEFS)],
            200,
        ):
            Brief.insert_many(batch).execute()
        brief_ids = [row_id for (row_id,) in Brief.select(Brief.id).tuples()]
        keys = keys_between(None, None, EXPECTATIONS_PER_BRIEF)
        rows = [
            {
                "brief": brief_id,
                "text": f"Expectation {number + 1} of brief {brief_id}",
                "level": rng.choice(levels),
                "measure": "Checked at the weekly review",
                "position": keys[number],
            }
            for brief_id in brief_ids
            for number in range(EXPECTATIONS_PER_BRIEF)
        ]
        for batch in chunked(rows, 1000):
            Expectation.insert_many(batch).execute()
        contractor_ids = [row_id for (row_id,) in Contractor.select(Contractor.id).tuples()]
        if not contractor_ids:
            raise SystemExit("add contractors first (tools.generate_contractors)")
        engagements = [
            {
                "brief": rng.choice(brief_ids),
                "contractor": rng.choice(contractor_ids),
                "start_date": today - timedelta(days=rng.randint(30, 400)),
                "cadence_days": rng.choice((7, 14)),
                "status": rng.choice(("trial", "active", "active", "ended")),
            }
            for _ in range(ENGAGEMENTS)
        ]
        Engagement.insert_many(engagements).execute()
        for engagement_id, start in Engagement.select(
            Engagement.id, Engagement.start_date
        ).tuples():
            weeks = max(1, (today - start).days // 14)
            CheckIn.insert_many(
                [
                    {
                        "engagement": engagement_id,
                        "date": start + timedelta(days=14 * week),
                        "summary": "On track",
                        "initiated_by": "contractor",
                    }
                    for week in range(weeks)
                ]
            ).execute()
            Feedback.insert_many(
                [
                    {
                        "engagement": engagement_id,
                        "date": start + timedelta(days=30 * month),
                        "deliverable": "Monthly work",
                        "quality": rng.randint(2, 5),
                        "communication": rng.randint(2, 5),
                        "confidence": rng.randint(1, 5),
                    }
                    for month in range(max(1, weeks // 2))
                ]
            ).execute()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    if args.out.exists():
        print(f"{args.out} exists; choose a new file.", file=sys.stderr)
        return 1
    from desktop_app.demo.settings import fill as fill_settings
    from desktop_app.store import open_store
    from tools.generate_contractors import generate
    from tools.time_audit_data import fill_big_audit

    today = date.today()
    store = open_store(args.out)
    try:
        fill_settings(today)
        # About sixty entries a working day: four years make about 60,000.
        fill_big_audit(2000, 48, today)
        generate(2000)
        fill_briefs_and_engagements(today)
        counts = {
            table: database.execute_sql(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("task", "time_entry", "contractor", "brief", "expectation", "engagement")
        }
    finally:
        store.close()
    size = args.out.stat().st_size
    listed = ", ".join(f"{count:,} {table}" for table, count in counts.items())
    print(f"Wrote {store.path} ({size / 1e6:.1f} MB): {listed}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
