"""A big time audit for trying the tab at scale and for `make bench`.

    python -m tools.time_audit_data OUT.sqlite3 [--tasks 2000] [--months 12] [--seed 1]

Writes a new database holding TASKS tasks across every area and need, and
MONTHS months of time entries up to today: about sixty entries on each
working day, never more than 24 hours a day. Also the demo's settings, so
money reads as in the demo.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import date, timedelta
from pathlib import Path

from peewee import chunked

from desktop_app.demo import large
from desktop_app.models.base import database
from desktop_app.models.tasks import AREAS, Need, Task, TaskStatus, TimeEntry, month_start
from desktop_app.models.text import fold
from desktop_app.models.time_audit_rules import derive_status

# The large sample's words (desktop_app/demo/large.py), so both read alike.
_VERBS, _THINGS = large.VERBS, large.THINGS


def fill_big_audit(tasks: int, months: int, today: date, seed: int = 1) -> None:
    """Add `tasks` tasks and `months` months of entries to the bound database."""
    rng = random.Random(seed)
    needs = list(Need)
    rows = []
    for number in range(tasks):
        name = f"{rng.choice(_VERBS)} {rng.choice(_THINGS)} #{number + 1:04d}"
        need = rng.choice(needs)
        override = rng.choice((None,) * 18 + ("keep", "outsource"))
        rows.append(
            {
                "name": name,
                "name_key": fold(name),
                "area": rng.choice(AREAS),
                "need": need.value,
                "owner_has_expertise": rng.random() < 0.6,
                "dislike": rng.randint(1, 5),
                "pull_away": rng.randint(1, 5),
                "business_value": rng.randint(1, 5),
                "monthly_estimate_minutes": rng.choice((None,) * 9 + (rng.randint(30, 900),)),
                "contractor_rate": rng.choice((None, None, rng.randint(12, 90))),
                "override": override,
                "status": derive_status(need, override, TaskStatus.LOGGED),
                "notes": "",
            }
        )
    with database.atomic():
        for batch in chunked(rows, 500):
            Task.insert_many(batch).execute()
        ids = [task_id for (task_id,) in Task.select(Task.id).tuples()]
        day = month_start(today)
        for _ in range(months - 1):
            day = (day - timedelta(days=1)).replace(day=1)
        entries = []
        while day <= today:
            if day.weekday() < 5 or rng.random() < 0.2:
                left = 14 * 60
                for _ in range(rng.randint(45, 75)):
                    minutes = rng.randint(5, 25)
                    if minutes > left:
                        break
                    left -= minutes
                    entries.append({"task": rng.choice(ids), "date": day, "minutes": minutes})
            day += timedelta(days=1)
        for batch in chunked(entries, 2000):
            TimeEntry.insert_many(batch).execute()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--tasks", type=int, default=2000)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.out.exists():
        print(f"{args.out} exists; choose a new file.", file=sys.stderr)
        return 1
    from desktop_app.demo.settings import fill as fill_settings
    from desktop_app.store import open_store

    store = open_store(args.out)
    try:
        fill_settings(date.today())
        fill_big_audit(args.tasks, args.months, date.today(), args.seed)
        count = TimeEntry.select().count()
    finally:
        store.close()
    print(f"Wrote {args.tasks} tasks and {count} time entries to {store.path}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
