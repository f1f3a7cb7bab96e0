"""A monthly figure (revenue, orders, leads) from a CSV file: a month and a
value a row.

The month is read as people and programs write it: 2026-03, 2026-03-01,
03/2026, 3/2026, Mar 2026, March 2026. The value as typed in any common
locale (`results.parse_value`: "12 400", "1.234,50"), with a currency sign
or code around it taken off. A header row is optional; when there is one,
its second cell names the figure. Semicolon-separated files (a spreadsheet
in a locale with decimal commas) are read too. Every row is read or refused
with its line and reason; the rows read go in together (`results.import_results`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from desktop_app.importers.csv_rows import CsvSource
from desktop_app.models.errors import ValidationError
from desktop_app.models.results import parse_value

_MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_CURRENCY_AROUND = re.compile(r"^\s*([$€£¥]|[A-Z]{3})?\s*(.*?)\s*([$€£¥]|[A-Z]{3})?\s*$")


def parse_month_cell(text: str) -> date | None:
    """The month a cell names, or None."""
    cell = text.strip().lower().replace(".", " ").replace(",", " ")
    if match := re.fullmatch(r"(\d{4})[-/](\d{1,2})(?:[-/]\d{1,2})?", cell):
        year, month = int(match.group(1)), int(match.group(2))
    elif match := re.fullmatch(r"(?:\d{1,2}[-/])?(\d{1,2})[-/](\d{4})", cell):
        year, month = int(match.group(2)), int(match.group(1))
    elif match := re.fullmatch(r"([a-z]+)\s+(\d{4})", cell):
        month = _MONTH_NAMES.get(match.group(1), 0)
        year = int(match.group(2))
    elif match := re.fullmatch(r"(\d{4})\s+([a-z]+)", cell):
        month = _MONTH_NAMES.get(match.group(2), 0)
        year = int(match.group(1))
    else:
        return None
    if not 1 <= month <= 12 or not 1900 <= year <= 2999:
        return None
    return date(year, month, 1)


def _value(text: str) -> Decimal | None:
    match = _CURRENCY_AROUND.match(text)
    return parse_value(match.group(2) if match else text)


@dataclass
class ResultsFile:
    """What a results CSV holds: its figure's name (from the header, if any),
    the months read and the rows refused with why."""

    name: str
    values: dict[date, Decimal] = field(default_factory=dict)
    refused: list[tuple[int, str]] = field(default_factory=list)


def read_results_csv(path: Path) -> ResultsFile:
    """Read `path`; UserError when the file itself cannot be read."""
    source = CsvSource.of_file(path)
    first = source.first_line()
    delimiter = ";" if first.count(";") > first.count(",") else ","
    found = ResultsFile(name="")
    header_seen = False
    for row in source.rows(delimiter):
        if row.blank:
            continue
        if row.problem:
            found.refused.append((row.line, row.problem))
            continue
        cells = [cell.strip() for cell in row.cells]
        month = parse_month_cell(cells[0]) if cells else None
        if month is None and not (header_seen or found.values or found.refused):
            # A header: its second cell names the figure.
            header_seen = True
            found.name = cells[1] if len(cells) > 1 else ""
            continue
        if month is None:
            found.refused.append((row.line, f"“{cells[0]}” is not a month (write 2026-03)."))
            continue
        if len(cells) < 2 or not cells[1]:
            found.refused.append((row.line, f"No value for {month:%B %Y}."))
            continue
        try:
            value = _value(cells[1])
        except ValidationError as error:
            found.refused.append((row.line, str(error)))
            continue
        if month in found.values:
            found.refused.append((row.line, f"{month:%B %Y} is in the file twice; kept the first."))
            continue
        found.values[month] = value if value is not None else Decimal(0)
    return found
