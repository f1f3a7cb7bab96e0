"""Contractors from a CSV file: a spreadsheet the owner kept, or the contacts
export of Google Contacts, Outlook or LinkedIn.

`read_csv` checks the file (through `csv_rows`, streamed), sniffs the
delimiter, finds the header row (LinkedIn writes note lines before it) and
counts the rows; `guess_mapping` matches its headers to contractor fields,
which the import dialog lets the owner correct; `plan_csv` checks every row
(broken rows are refused with their line number and reason) before anything
is written.

A field may come from several columns (`Columns`): a name is joined from
First, Middle and Last Name; an e-mail is the first filled of E-mail 1, 2
and 3, and the others are kept in the notes; a cell holding several values
joined by " ::: " (Google Contacts) gives its first, and the rest go to
the notes too. Notes are gathered from every column chosen for them,
each labelled with its header.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop_app.importers.contractor_records import ImportPlan, plan_import
from desktop_app.importers.csv_rows import CsvRow, CsvSource
from desktop_app.models.contractor_input import CONTRACTOR_FIELDS, FIELD_LABELS
from desktop_app.models.errors import UserError
from desktop_app.models.text import fold

# Header words that name each field, as spreadsheets, Upwork and our own export write them.
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "contractor", "freelancer", "contact", "who", "display name"),
    "kind": ("kind", "type", "individual or agency", "agency"),
    "skills": ("skills", "skill", "tags", "tag", "expertise", "specialty", "speciality"),
    "email": ("e-mail", "email", "mail", "email address", "e-mail address"),
    "phone": ("phone", "telephone", "mobile", "cell", "phone number", "whatsapp"),
    "website": ("website", "web", "url", "site", "portfolio", "profile", "link", "web page"),
    "location": ("location", "city", "country", "based in", "where"),
    "timezone": ("time zone", "timezone", "tz"),
    "working_hours": ("working hours", "hours", "availability", "available"),
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

# Fields whose columns are joined (with this text) rather than the first filled one taken.
JOINED = {"name": " ", "location": ", ", "skills": ", ", "notes": "\n"}
# Google Contacts joins several values of one field in one cell with this.
MULTI_VALUE = " ::: "
# How far into a file the header row may come (LinkedIn writes a few note lines first).
HEADER_SEARCH_ROWS = 20

Columns = tuple[int, ...]


@dataclass(frozen=True)
class CsvLayout:
    """A contacts program's CSV export: the headers of each field, in order of preference."""

    name: str
    signature: tuple[str, ...]  # folded headers that tell this layout
    fields: dict[str, tuple[str, ...]]


_NAME_PARTS = ("first name", "middle name", "last name")
LAYOUTS = (
    CsvLayout(
        "LinkedIn connections",
        ("first name", "last name", "connected on"),
        {
            "name": ("first name", "last name"),
            "email": ("email address",),
            "website": ("url", "profile url"),
            "last_contact": ("connected on",),
            "notes": ("company", "position"),
        },
    ),
    CsvLayout(
        "Google Contacts",
        ("e-mail 1 - value",),
        {
            "name": ("name", *_NAME_PARTS, "given name", "additional name", "family name"),
            "email": tuple(f"e-mail {n} - value" for n in range(1, 5)),
            "phone": tuple(f"phone {n} - value" for n in range(1, 6)),
            "website": tuple(f"website {n} - value" for n in range(1, 4)),
            "location": ("address 1 - city", "address 1 - region", "address 1 - country"),
            "skills": ("labels", "group membership"),
            "notes": (
                "notes",
                "organization name",
                "organization title",
                "organization 1 - name",
                "organization 1 - title",
            ),
        },
    ),
    CsvLayout(
        "Outlook contacts",
        ("first name", "last name", "e-mail address", "business phone"),
        {
            "name": _NAME_PARTS,
            "email": ("e-mail address", "e-mail 2 address", "e-mail 3 address"),
            "phone": (
                "mobile phone",
                "business phone",
                "primary phone",
                "home phone",
                "business phone 2",
                "home phone 2",
                "other phone",
                "company main phone",
            ),
            "website": ("web page", "personal web page"),
            "location": (
                "business city",
                "business state",
                "business country/region",
                "business country",
            ),
            "skills": ("categories",),
            "notes": ("notes", "company", "job title", "department"),
        },
    ),
)


@dataclass(frozen=True)
class CsvTable:
    """A CSV file's header, where its rows start and how many there are.

    The rows themselves are read again from the file (`rows()`) each time
    the import is planned, one at a time.
    """

    source: CsvSource
    delimiter: str
    headers: list[str]
    header_line: int
    row_count: int
    filled: frozenset[int]  # the columns that hold something in at least one row
    layout: str = ""  # "Google Contacts", "Outlook contacts", "LinkedIn connections" or ""

    @property
    def name(self) -> str:
        return self.source.name

    @property
    def encoding(self) -> str:
        return self.source.encoding

    def rows(self) -> Iterator[CsvRow]:
        """The rows after the header, blank ones left out."""
        for row in self.source.rows(self.delimiter, len(self.headers)):
            if row.line > self.header_line and not row.blank:
                yield row


def read_csv(path: Path) -> CsvTable:
    """Read `path` as CSV; UserError when it is not readable as a table."""
    return read_csv_source(CsvSource.of_file(path))


def read_csv_source(source: CsvSource) -> CsvTable:
    """A CSV source's table (see `read_csv`)."""
    try:
        delimiter = csv.Sniffer().sniff(source.head(), delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    header = _header_row(source, delimiter)
    headers = [cell.strip() for cell in header.cells]
    count, filled = 0, set[int]()
    for row in source.rows(delimiter, len(headers)):
        if row.line > header.line and not row.blank:
            count += 1
            filled.update(index for index, cell in enumerate(row.cells) if cell.strip())
    if not count:
        raise UserError(f"{source.name} holds a header row but no contractors.")
    folded = {_folded_header(header) for header in headers}
    layout = next((lay.name for lay in LAYOUTS if set(lay.signature) <= folded), "")
    return CsvTable(source, delimiter, headers, header.line, count, frozenset(filled), layout)


def _header_row(source: CsvSource, delimiter: str) -> CsvRow:
    """The first row that names a column for the contractors' names, else the first row."""
    first: CsvRow | None = None
    for number, row in enumerate(r for r in source.rows(delimiter) if not r.blank):
        if number >= HEADER_SEARCH_ROWS:
            break
        if row.problem:
            continue
        first = first or row
        if len([c for c in row.cells if c.strip()]) >= 2 and guess_mapping(row.cells)["name"]:
            return row
    if first is None:
        raise UserError(f"{source.name} holds no rows that can be read.")
    return first


def _folded_header(header: str) -> str:
    return " ".join(fold(header).replace("_", " ").split())


def guess_mapping(headers: Sequence[str]) -> dict[str, Columns]:
    """field -> the columns that most likely hold it (() when no header fits)."""
    folded = [_folded_header(header) for header in headers]
    position = {header: column for column, header in reversed(list(enumerate(folded)))}
    for layout in LAYOUTS:
        if set(layout.signature) <= set(folded):
            mapping: dict[str, Columns] = {spec.key: () for spec in CONTRACTOR_FIELDS}
            for key, names in layout.fields.items():
                mapping[key] = tuple(position[name] for name in names if name in position)
            if "name" in position and mapping["name"]:  # a whole name beats its parts
                mapping["name"] = (position["name"],)
            return mapping
    labels = {spec.key: fold(spec.label) for spec in CONTRACTOR_FIELDS}
    mapping = {}
    taken: set[int] = set()
    # Exact matches first (our own export's headers), then synonyms.
    for key in HEADER_SYNONYMS:
        mapping[key] = ()
        for column, header in enumerate(folded):
            if column not in taken and header in (labels[key], key.replace("_", " ")):
                mapping[key] = (column,)
                taken.add(column)
                break
    for key, words in HEADER_SYNONYMS.items():
        if mapping[key]:
            continue
        for column, header in enumerate(folded):
            if column not in taken and header in words:
                mapping[key] = (column,)
                taken.add(column)
                break
    if not mapping["name"]:
        mapping["name"] = tuple(position[name] for name in _NAME_PARTS if name in position)
    return mapping


def describe_columns(headers: Sequence[str], columns: Columns, key: str) -> str:
    """How the dialog names a choice of several columns."""
    names = [headers[column] or f"Column {column + 1}" for column in columns]
    if len(names) == 1:
        return names[0]
    if key in JOINED:
        return " + ".join(names)
    return ", ".join(names) + " (the first filled)"


def plan_csv(table: CsvTable, mapping: Mapping[str, Columns | int | None]) -> ImportPlan:
    """Check each row under `mapping`; nothing is written."""
    columns = {key: _as_columns(value) for key, value in mapping.items()}
    if not columns.get("name"):
        raise UserError("Choose the column that holds the contractors' names.")
    items = []
    refused = []
    for row in table.rows():
        if row.problem:
            refused.append((f"line {row.line}", row.problem))
            continue
        items.append((f"line {row.line}", row_texts(table.headers, row.cells, columns)))
    used = {column for chosen in columns.values() for column in chosen}
    unused = [
        header or f"Column {column + 1}"
        for column, header in enumerate(table.headers)
        if column not in used and column in table.filled
    ]
    empty = sum(1 for column in range(len(table.headers)) if column not in used | table.filled)
    notes = []
    if table.layout:
        notes.append(f"Read as an export of {table.layout}.")
    if unused:
        notes.append("Columns not imported: " + ", ".join(unused) + ".")
    if empty:
        notes.append(f"{empty} empty column{'s' if empty > 1 else ''} left out.")
    # A contacts program's export keeps a contact whose phone it cannot read.
    return plan_import(
        table.name, items, notes, keep_unreadable=bool(table.layout), refused=refused
    )


def _as_columns(value: Columns | int | None) -> Columns:
    if value is None:
        return ()
    if isinstance(value, int):
        return (value,)
    return tuple(value)


def row_texts(
    headers: Sequence[str], cells: Sequence[str], columns: Mapping[str, Columns]
) -> dict[str, str]:
    """The loose texts of one row, each field from its columns (see the module docstring)."""
    texts: dict[str, str] = {}
    aside: list[str] = []
    for key, chosen in columns.items():
        values = [
            (column, value)
            for column in chosen
            if column < len(cells)
            for value in _values(cells[column])
        ]
        if key == "notes":
            continue
        if key in JOINED:
            texts[key] = JOINED[key].join(value for _, value in values)
            continue
        texts[key] = values[0][1] if values else ""
        aside.extend(
            f"{FIELD_LABELS[key]}: {value}"
            for _, value in values[1:]
            if fold(value) != fold(texts[key])
        )
    notes = []
    for column in columns.get("notes", ()):
        value = cells[column].strip() if column < len(cells) else ""
        if not value:
            continue
        header = headers[column] if column < len(headers) else ""
        plain = _folded_header(header) in HEADER_SYNONYMS["notes"] or not header
        # "Organization 1 - Title" reads "Organization Title" in the notes.
        label = re.sub(r"\s+\d+\s+-\s+", " ", header)
        notes.append(value if plain else f"{label}: {value.replace(MULTI_VALUE, ', ')}")
    if aside:
        notes.append("Also on record: " + "; ".join(aside) + ".")
    if "notes" in columns or aside:
        texts["notes"] = "\n".join(notes)
    return texts


def _values(cell: str) -> list[str]:
    # "* myContacts", "* starred": Google's own groups, not the owner's labels.
    return [
        value.strip()
        for value in cell.split(MULTI_VALUE)
        if value.strip() and not value.strip().startswith("* ")
    ]


def plan_csv_file(path: Path) -> ImportPlan:
    """Read and check a CSV file with the guessed column mapping (the command line's path)."""
    table = read_csv(path)
    mapping = guess_mapping(table.headers)
    if not mapping["name"]:
        raise UserError(
            f"{path.name} has no column named “Name” (its columns: "
            f"{', '.join(h for h in table.headers if h) or 'none'}). Name the column that "
            "holds the contractors' names “Name” and try again."
        )
    return plan_csv(table, mapping)
