"""The access register and the payments as CSV files a spreadsheet opens.

UTF-8 with a byte-order mark (Excel shows accented names right), one row a
record, dates as YYYY-MM-DD, amounts with a dot and two decimals beside
their currency (never converted: a spreadsheet sums a column only when the
owner chooses to). Cells a spreadsheet would run as a formula get an
apostrophe (`files.spreadsheet_cell`). The window's exports and
`offload export-access` / `offload export-payments` write through here.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from desktop_app.exporters.files import atomic_text_writer, spreadsheet_cell
from desktop_app.models.access import access_rows
from desktop_app.models.engagements import ENGAGEMENT_STATUS_LABELS, EngagementStatus
from desktop_app.models.payments import payment_rows

ACCESS_HEADERS = (
    "Contractor",
    "Brief",
    "Engagement",
    "Tool or account",
    "Level",
    "Granted on",
    "Granted by",
    "Revoked on",
    "Still open",
    "Note",
)
PAYMENT_HEADERS = (
    "Contractor",
    "Brief",
    "Date",
    "Amount",
    "Currency",
    "Period from",
    "Period to",
    "Due on",
    "Paid on",
    "State",
    "Reference",
    "Attached file",
    "Note",
)


def _day(value: date | None) -> str:
    return "" if value is None else value.isoformat()


def _write(destination: Path, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    count = 0
    with atomic_text_writer(destination, encoding="utf-8-sig") as stream:
        writer = csv.writer(stream)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([spreadsheet_cell(cell) for cell in row])
            count += 1
    return count


def export_access_csv(destination: Path) -> int:
    """Every access of every engagement (open ones first); returns the count."""
    rows = (
        (
            row.contractor_name,
            row.brief_title,
            ENGAGEMENT_STATUS_LABELS.get(EngagementStatus(row.engagement_status), ""),
            row.name,
            row.level_label,
            _day(row.granted_on),
            row.granted_by,
            _day(row.revoked_on),
            "Yes" if row.is_open else "No",
            row.note,
        )
        for row in access_rows()
    )
    return _write(destination, ACCESS_HEADERS, rows)


def export_payments_csv(destination: Path, today: date, month: date | None = None) -> int:
    """Every invoice and payment, newest first, or those of `month` (the
    payments made that month and its invoices still unpaid); returns the count."""
    rows = (
        (
            row.contractor_name,
            row.brief_title,
            _day(row.invoiced_on),
            f"{row.amount:.2f}",
            row.currency,
            _day(row.period_start),
            _day(row.period_end),
            _day(row.due_on),
            _day(row.paid_on),
            row.state(today).value.capitalize(),
            row.reference,
            row.file_name,
            row.note,
        )
        for row in payment_rows(month=month)
    )
    return _write(destination, PAYMENT_HEADERS, rows)
