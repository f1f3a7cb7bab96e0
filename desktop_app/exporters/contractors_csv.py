"""The bench as a CSV file a spreadsheet opens (and Offload imports back).

The headers are the field labels that `importers/contractors_csv.py` maps
back without help. The file is UTF-8 with a byte-order mark, which makes
Excel show accented names correctly. A cell that a spreadsheet would run as
a formula (starting with =, +, - or @) gets a leading apostrophe; a phone
number is written as the formula ="+44 20 7946 0958", which spreadsheets
show as that text with no mark (an apostrophe shows in LibreOffice). The
importer reads both back as the value.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from desktop_app.exporters.files import (
    atomic_text_writer,
    spreadsheet_cell,
    spreadsheet_text_cell,
)
from desktop_app.models.contractor_input import CONTRACTOR_FIELDS, KIND_LABELS, RATE_UNIT_LABELS
from desktop_app.models.contractors import (
    SOURCE_LABELS,
    STAGE_LABELS,
    Source,
    Stage,
    contractor_rows,
)

EXTRA_HEADERS = ("References checked", "Portfolio items", "Interviews", "Average score")


def export_contractors_csv(
    destination: Path, progress: Callable[[int, int], None] | None = None
) -> int:
    """Write every contractor to `destination` (replaced only on success); returns the count."""
    rows = contractor_rows()
    with atomic_text_writer(destination, encoding="utf-8-sig") as stream:
        writer = csv.writer(stream)
        writer.writerow([spec.label for spec in CONTRACTOR_FIELDS] + list(EXTRA_HEADERS))
        for number, row in enumerate(rows, start=1):
            cells = {
                "name": row.name,
                "kind": KIND_LABELS.get(row.kind, row.kind),
                "skills": row.skills,
                "email": row.email,
                "phone": row.phone,
                "website": row.website,
                "location": row.location,
                "timezone": row.timezone,
                "working_hours": row.working_hours,
                "rate": "" if row.rate is None else f"{row.rate:.2f}",
                "rate_unit": RATE_UNIT_LABELS.get(row.rate_unit, row.rate_unit),
                "currency": row.currency,
                "source": SOURCE_LABELS.get(Source(row.source), row.source)
                if row.source in set(Source)
                else row.source,
                "source_detail": row.source_detail,
                "stage": STAGE_LABELS.get(Stage(row.stage), row.stage)
                if row.stage in set(Stage)
                else row.stage,
                "rating": "" if row.rating is None else str(row.rating),
                "last_contact": _date(row.last_contact),
                "notes": row.notes,
            }
            extra = [
                f"{row.references_checked} of {row.references}",
                str(row.portfolio),
                str(row.interviews),
                "" if row.average_score is None else f"{row.average_score:.1f}",
            ]
            writer.writerow(
                [
                    (spreadsheet_text_cell if spec.key == "phone" else spreadsheet_cell)(
                        cells[spec.key]
                    )
                    for spec in CONTRACTOR_FIELDS
                ]
                + [spreadsheet_cell(e) for e in extra]
            )
            if progress is not None and number % 200 == 0:
                progress(number, len(rows))
    return len(rows)


def _date(value: datetime | None) -> str:
    if value is None:
        return ""
    return f"{value:%Y-%m-%d}" if value.time() == datetime.min.time() else f"{value:%Y-%m-%d %H:%M}"
