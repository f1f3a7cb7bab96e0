"""Contractors from a spreadsheet the owner kept (CSV).

`read_csv` decodes the file (through `text_files`) and sniffs the delimiter;
`guess_mapping` matches its headers to contractor fields, which the import
dialog lets the owner correct; `plan_csv` checks every row (broken rows are
refused with their line number and reason) before anything is written.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from desktop_app.importers.contractor_records import ImportPlan, plan_import
from desktop_app.importers.text_files import read_text_file
from desktop_app.models.contractor_input import CONTRACTOR_FIELDS
from desktop_app.models.errors import UserError
from desktop_app.models.text import fold

# Header words that name each field, as spreadsheets, Upwork and our own export write them.
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "contractor", "freelancer", "contact", "who"),
    "kind": ("kind", "type", "individual or agency", "agency"),
    "skills": ("skills", "skill", "tags", "tag", "expertise", "specialty", "speciality"),
    "email": ("e-mail", "email", "mail", "email address", "e-mail address"),
    "phone": ("phone", "telephone", "mobile", "cell", "phone number", "whatsapp"),
    "website": ("website", "web", "url", "site", "portfolio", "profile", "link"),
    "location": ("location", "city", "country", "based in", "where"),
    "timezone": ("time zone", "timezone", "tz"),
    "rate": ("rate", "price", "fee", "hourly rate", "cost"),
    "rate_unit": ("rate unit", "unit", "per", "billing"),
    "currency": ("currency", "ccy"),
    "source": ("source", "found on", "found via", "where found", "platform", "channel"),
    "source_detail": ("source detail", "referred by", "referrer", "site name", "niche site"),
    "stage": ("stage", "status", "pipeline", "pipeline stage"),
    "rating": ("rating", "score", "stars", "my rating"),
    "last_contact": ("last contact", "last contacted", "contacted on", "last touch"),
    "notes": ("notes", "note", "comments", "comment", "remarks"),
}


@dataclass(frozen=True)
class CsvTable:
    """A CSV file's header and rows, with the file line each row started on."""

    name: str
    headers: list[str]
    rows: list[list[str]]
    line_numbers: list[int]
    encoding: str
    delimiter: str


def read_csv(path: Path) -> CsvTable:
    """Read `path` as CSV; UserError when it is not readable as a table."""
    text, encoding = read_text_file(path)
    sample = text[:20000]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[list[str]] = []
    line_numbers: list[int] = []
    try:
        start = 1
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append(row)
                line_numbers.append(start)
            start = reader.line_num + 1
    except csv.Error as error:
        raise UserError(
            f"{path.name} is not a readable CSV file (line {reader.line_num}: {error}). "
            "Save it again from your spreadsheet as CSV."
        ) from None
    if not rows:
        raise UserError(f"{path.name} holds no rows.")
    headers = [cell.strip() for cell in rows[0]]
    if len(rows) < 2:
        raise UserError(f"{path.name} holds a header row but no contractors.")
    return CsvTable(path.name, headers, rows[1:], line_numbers[1:], encoding, delimiter)


def guess_mapping(headers: list[str]) -> dict[str, int | None]:
    """field -> the column that most likely holds it (None when no header fits)."""
    folded = [fold(header).replace("_", " ") for header in headers]
    labels = {spec.key: fold(spec.label) for spec in CONTRACTOR_FIELDS}
    mapping: dict[str, int | None] = {}
    taken: set[int] = set()
    # Exact matches first (our own export's headers), then synonyms.
    for key, _ in HEADER_SYNONYMS.items():
        mapping[key] = None
        for column, header in enumerate(folded):
            if column not in taken and header in (labels[key], key.replace("_", " ")):
                mapping[key] = column
                taken.add(column)
                break
    for key, words in HEADER_SYNONYMS.items():
        if mapping[key] is not None:
            continue
        for column, header in enumerate(folded):
            if column not in taken and header in words:
                mapping[key] = column
                taken.add(column)
                break
    return mapping


def plan_csv(table: CsvTable, mapping: dict[str, int | None]) -> ImportPlan:
    """Check each row under `mapping`; nothing is written."""
    if mapping.get("name") is None:
        raise UserError("Choose the column that holds the contractors' names.")
    columns = {key: column for key, column in mapping.items() if column is not None}
    items = []
    for line, row in zip(table.line_numbers, table.rows, strict=True):
        texts = {key: row[column] if column < len(row) else "" for key, column in columns.items()}
        items.append((f"line {line}", texts))
    notes = []
    unused = [
        header
        for column, header in enumerate(table.headers)
        if header and column not in columns.values()
    ]
    if unused:
        notes.append("Columns not imported: " + ", ".join(unused) + ".")
    return plan_import(table.name, items, notes)


def plan_csv_file(path: Path) -> ImportPlan:
    """Read and check a CSV file with the guessed column mapping (the command line's path)."""
    table = read_csv(path)
    mapping = guess_mapping(table.headers)
    if mapping["name"] is None:
        raise UserError(
            f"{path.name} has no column named “Name” (its columns: "
            f"{', '.join(h for h in table.headers if h) or 'none'}). Name the column that "
            "holds the contractors' names “Name” and try again."
        )
    return plan_csv(table, mapping)
