"""The time audit as CSV: one row per task with its hours for a month, and
every time entry. Written with the standard library's `csv`, through
`atomic_text_writer`, so a failure leaves any earlier file as it was.

UTF-8 with a byte-order mark, so spreadsheet programs read accents right.
Cells that a spreadsheet would run as a formula (starting with = + - @)
are prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

from desktop_app.exporters.files import atomic_text_writer, spreadsheet_cell
from desktop_app.models.tasks import (
    AREA_LABELS,
    NEED_LABELS,
    OVERRIDE_LABELS,
    TASK_STATUS_LABELS,
    Need,
    entries_between,
    load_month,
    next_month,
)
from desktop_app.models.time_audit_rules import QUADRANT_LABELS

TASK_COLUMNS = (
    "Task",
    "Area",
    "Needs",
    "You have the expertise",
    "Dislike (1-5)",
    "Pull-away (1-5)",
    "Business value (1-5)",
    "Status",
    "Decision",
    "Candidate",
    "Score",
    "Month",
    "Hours",
    "Hours from",
    "Worth",
    "Contractor rate",
    "Buy-back a month",
    "Quadrant",
    "Notes",
)

ENTRY_COLUMNS = ("Date", "Task", "Minutes", "Hours", "Note")


def _number(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def export_tasks_csv(path: Path, month: date) -> int:
    """Write one row per task with its hours for `month`; returns the number of tasks."""
    audit = load_month(month)
    with atomic_text_writer(path, encoding="utf-8-sig") as stream:
        writer = csv.writer(stream)
        writer.writerow(TASK_COLUMNS)
        for row in audit.rows:
            writer.writerow(
                [
                    spreadsheet_cell(row.name),
                    AREA_LABELS.get(row.area, row.area),
                    # Unrated: an empty cell, never a made-up answer.
                    NEED_LABELS.get(Need(row.need), row.need) if row.need else "",
                    {True: "yes", False: "no", None: ""}[row.owner_has_expertise],
                    row.dislike,
                    row.pull_away,
                    row.business_value,
                    TASK_STATUS_LABELS.get(row.status, row.status),
                    OVERRIDE_LABELS.get(row.override, row.override or ""),
                    "yes" if row.candidate else "no",
                    "" if row.score is None else f"{row.score:.1f}",
                    f"{audit.month:%Y-%m}",
                    f"{Decimal(row.minutes) / 60:.2f}",
                    "estimate" if row.from_estimate else "entries",
                    _number(row.worth),
                    _number(row.contractor_rate),
                    _number(row.buy_back),
                    QUADRANT_LABELS[row.quadrant] if row.quadrant else "",
                    spreadsheet_cell(row.notes),
                ]
            )
    return len(audit.rows)


def export_entries_csv(path: Path, month: date | None = None) -> int:
    """Write every time entry (of `month` when given); returns the number written."""
    start = month.replace(day=1) if month else None
    end = next_month(start) if start else None
    count = 0
    with atomic_text_writer(path, encoding="utf-8-sig") as stream:
        writer = csv.writer(stream)
        writer.writerow(ENTRY_COLUMNS)
        for day, name, minutes, note in entries_between(start, end):
            writer.writerow(
                [
                    day.isoformat(),
                    spreadsheet_cell(name),
                    minutes,
                    f"{Decimal(minutes) / 60:.2f}",
                    spreadsheet_cell(note),
                ]
            )
            count += 1
    return count
