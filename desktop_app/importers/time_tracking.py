"""Reading the detailed CSV reports of Toggl Track, Clockify and Harvest.

The format is recognised from the header row, tried with a comma, a
semicolon and a tab as the delimiter (spreadsheets in many European
locales save CSV with semicolons). The documented column layouts:

    Toggl Track  User, Email, Client, Project, Task, Description, Billable,
                 Start date, Start time, End date, End time, Duration, Tags,
                 Amount (USD)
    Clockify     Project, Client, Description, Task, User, Group, Email, Tags,
                 Billable, Start Date, Start Time, End Date, End Time,
                 Duration (h), Duration (decimal), Billable Rate (USD), ...
    Harvest      Date, Client, Project, Project Code, Task, Notes, Hours,
                 Hours Rounded, Billable?, Invoiced?, First Name, Last Name, ...

Only the columns named in `_LAYOUTS` are read, found by name (any order,
case ignored); extra columns are ignored. Dates may be ISO (2025-03-04),
day first (04/03/2025, 04.03.2025) or month first (03/04/2025): the order
is settled by the dates of the whole file (a 13 or more in first place
means day first), and where no date settles it, by the separator (a slash
reads month first, as US exports are written) and the preview says so.
Times may be 12- or 24-hour; durations h:mm:ss, h:mm or decimal hours,
with a decimal point or comma.

Reading is in two steps: `parse_time_export` turns the text into plain
records plus the rows it cannot read, each with the reason (no database);
`build_preview` matches them to stored tasks and earlier imports. The
import itself is `desktop_app.models.tasks.import_time_entries`, one
transaction. Each record carries an import key, a fingerprint of what the
row says, so importing the same file twice adds nothing.
"""

from __future__ import annotations

import csv
import hashlib
import re
from array import array
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Any

from desktop_app.importers.csv_rows import CsvRow, CsvSource
from desktop_app.models.errors import UserError
from desktop_app.models.tasks import (
    MAX_ENTRY_NOTE_LENGTH,
    MAX_NAME_LENGTH,
    MINUTES_PER_DAY,
    Need,
    NewEntry,
    existing_import_keys,
    format_minutes,
    minutes_logged_by_day,
    tasks_by_key,
)
from desktop_app.models.text import count_of, fold, fold_cached
from desktop_app.models.time_audit_rules import suggest_need


class Vendor(StrEnum):
    TOGGL = "toggl"
    CLOCKIFY = "clockify"
    HARVEST = "harvest"


VENDOR_LABELS = {
    Vendor.TOGGL: "Toggl Track detailed report",
    Vendor.CLOCKIFY: "Clockify detailed report",
    Vendor.HARVEST: "Harvest detailed time report",
}


class TaskNameFrom(StrEnum):
    """Which column names the task of each row."""

    AUTO = "auto"
    DESCRIPTION = "description"
    TASK = "task"
    PROJECT = "project"


TASK_NAME_FROM_LABELS = {
    TaskNameFrom.AUTO: "Best column for this file",
    TaskNameFrom.DESCRIPTION: "Description (notes)",
    TaskNameFrom.TASK: "Task",
    TaskNameFrom.PROJECT: "Project",
}


class DateOrder(StrEnum):
    AUTO = "auto"
    DAY_FIRST = "dmy"
    MONTH_FIRST = "mdy"


DATE_ORDER_LABELS = {
    DateOrder.AUTO: "Tell from the file",
    DateOrder.DAY_FIRST: "Day first (31/12/2025)",
    DateOrder.MONTH_FIRST: "Month first (12/31/2025)",
}

DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}


@dataclass(frozen=True)
class Layout:
    """Which header (folded) holds each piece of a row, for one vendor."""

    vendor: Vendor
    date: str
    durations: tuple[str, ...]
    start_time: str = ""
    end_date: str = ""
    end_time: str = ""
    description: str = ""
    task: str = ""
    project: str = ""
    client: str = ""
    tags: str = ""
    user: tuple[str, ...] = ()
    # The name column used when the owner leaves the choice to the file.
    auto_name: tuple[TaskNameFrom, ...] = ()


_CLOCKIFY = Layout(
    Vendor.CLOCKIFY,
    date="start date",
    durations=("duration (h)", "duration (decimal)"),
    start_time="start time",
    end_date="end date",
    end_time="end time",
    description="description",
    task="task",
    project="project",
    client="client",
    tags="tags",
    user=("email", "user"),
    auto_name=(TaskNameFrom.DESCRIPTION, TaskNameFrom.TASK, TaskNameFrom.PROJECT),
)

_LAYOUTS = (
    _CLOCKIFY,
    # Toggl Track's detailed report has Clockify's columns, with one duration.
    replace(_CLOCKIFY, vendor=Vendor.TOGGL, durations=("duration",)),
    Layout(
        Vendor.HARVEST,
        date="date",
        durations=("hours",),
        description="notes",
        task="task",
        project="project",
        client="client",
        user=("first name", "last name"),
        auto_name=(TaskNameFrom.TASK, TaskNameFrom.DESCRIPTION, TaskNameFrom.PROJECT),
    ),
)


def _header_key(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").split()).casefold()


def detect_layout(header: list[str]) -> Layout | None:
    """The vendor layout whose columns the header row holds, or None.

    A report needs a date, a column that names the work, and either a
    duration or start and end times (Clockify can leave Duration out).
    """
    names = {_header_key(cell) for cell in header}
    for layout in _LAYOUTS:
        if (
            layout.date not in names
            or not {layout.description, layout.task, layout.project} & names
        ):
            continue
        timed = bool(layout.start_time) and {layout.start_time, layout.end_time} <= names
        if not any(d in names for d in layout.durations) and not timed:
            continue
        # Clockify is tried first: its "Duration (h)" or its "Group" column tells
        # it from Toggl Track, whose header has neither.
        if layout.vendor is Vendor.CLOCKIFY and not (names & {*layout.durations, "group"}):
            continue
        return layout
    return None


@dataclass(frozen=True)
class RefusedRow:
    line: int
    reason: str
    text: str


@dataclass
class ParsedExport:
    """What a file holds, read without the database."""

    name: str
    vendor: Vendor
    delimiter: str
    encoding: str
    date_order: DateOrder
    # True when no date in the file told day-first from month-first.
    date_order_guessed: bool
    task_name_from: TaskNameFrom
    rows: int = 0
    entries: list[NewEntry] = field(default_factory=list)
    # The file line of each entry (kept apart: four bytes each, for 400,000 rows).
    entry_lines: array[int] = field(default_factory=lambda: array("L"))
    refused: list[RefusedRow] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    summary_rows: int = 0

    @property
    def description(self) -> str:
        return (
            f"{VENDOR_LABELS[self.vendor]} ({DELIMITER_NAMES[self.delimiter]}-separated, "
            f"{_ENCODING_NAMES.get(self.encoding, self.encoding)})"
        )


_ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252",
}


# Cells ---------------------------------------------------------------------------

_DATE = re.compile(r"^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})\.?$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap])?\.?\s*(m)?\.?$", re.IGNORECASE)
_CLOCK_DURATION = re.compile(r"^(\d{1,6}):([0-5]\d)(?::([0-5]\d))?$")
_DECIMAL_DURATION = re.compile(r"^(\d+(?:[.,]\d+)?|[.,]\d+)\s*h?$", re.IGNORECASE)


# The cell parsers below are remembered per text: an export repeats its days,
# times and durations thousands of times (20,000 rows over a year hold a few
# hundred distinct dates), and a file may be read twice.
@lru_cache(maxsize=4096)
def _date_parts(text: str) -> tuple[int, int, int, bool] | None:
    match = _DATE.match(text.strip())
    if not match:
        return None
    first, second, third = match.groups()
    return int(first), int(second), int(third), len(first) == 4


class DateOrderEvidence:
    """What a file's dates say about day-first or month-first, read one date at a time.

    A first part over 12 proves day-first; a second part over 12 proves
    month-first. When nothing proves it: "/" reads month-first (US exports),
    "." and "-" day-first.
    """

    def __init__(self) -> None:
        self.day_first = self.month_first = False
        self.separators: Counter[str] = Counter()

    def add(self, text: str, times: int = 1) -> None:
        """What `text` says, found `times` times in the file."""
        parts = _date_parts(text)
        if parts is None or parts[3]:
            return
        self.separators[_separator(text)] += times
        self.day_first |= parts[0] > 12
        self.month_first |= parts[1] > 12

    def settle(self) -> tuple[DateOrder, bool]:
        """The order, and whether it was a guess."""
        if self.day_first and not self.month_first:
            return DateOrder.DAY_FIRST, False
        if self.month_first and not self.day_first:
            return DateOrder.MONTH_FIRST, False
        if not self.separators:
            return DateOrder.DAY_FIRST, False  # ISO only: the order never matters
        usual = self.separators.most_common(1)[0][0]
        return (DateOrder.MONTH_FIRST if usual == "/" else DateOrder.DAY_FIRST), True


@lru_cache(maxsize=4096)
def _separator(text: str) -> str:
    return next(char for char in text.strip() if char in "./-")


@lru_cache(maxsize=4096)
def parse_date(text: str, order: DateOrder) -> date:
    """The date in `text`, ISO or in `order`; ValueError with the reason."""
    parts = _date_parts(text)
    if parts is None:
        raise ValueError(f"“{_shown(text)}” is not a date")
    first, second, third, iso = parts
    if iso:
        year, month, day = first, second, third
    else:
        day, month = (first, second) if order != DateOrder.MONTH_FIRST else (second, first)
        year = third + 2000 if third < 100 else third
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"the date “{_shown(text)}” does not exist") from None


@lru_cache(maxsize=4096)
def parse_time_of_day(text: str) -> tuple[int, int, int]:
    """(hour, minute, second) from "13:05", "13:05:00", "1:05 PM" or "01:05:00 am"."""
    match = _TIME.match(text.strip())
    if not match:
        raise ValueError(f"“{_shown(text)}” is not a time of day")
    hour, minute, second = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
    meridiem = (match.group(4) or "").lower()
    if meridiem and not match.group(5):
        raise ValueError(f"“{_shown(text)}” is not a time of day")
    if minute > 59 or second > 59:
        raise ValueError(f"“{_shown(text)}” is not a time of day")
    if meridiem:
        if not 1 <= hour <= 12:
            raise ValueError(f"“{_shown(text)}” is not a 12-hour time")
        hour = hour % 12 + (12 if meridiem == "p" else 0)
    elif hour > 23:
        raise ValueError(f"“{_shown(text)}” is not a time of day")
    return hour, minute, second


@lru_cache(maxsize=4096)
def parse_duration_seconds(text: str) -> int:
    """Seconds from "1:30:00", "1:30", "1.5", "1,5" or "1.5h"; ValueError with the reason."""
    cleaned = text.strip()
    if cleaned.startswith("-"):
        raise ValueError(f"the duration “{_shown(cleaned)}” is negative")
    if clock := _CLOCK_DURATION.match(cleaned):
        hours, minutes, seconds = (int(part or 0) for part in clock.groups())
        return hours * 3600 + minutes * 60 + seconds
    if decimal_match := _DECIMAL_DURATION.match(cleaned):
        try:
            hours_value = Decimal(decimal_match.group(1).replace(",", "."))
        except InvalidOperation:
            raise ValueError(f"“{_shown(cleaned)}” is not a duration") from None
        return int((hours_value * 3600).to_integral_value(ROUND_HALF_UP))
    raise ValueError(f"“{_shown(cleaned)}” is not a duration")


def _shown(text: str) -> str:
    """A cell as a reason quotes it: at most 40 characters."""
    cleaned = text.strip()
    return cleaned if len(cleaned) <= 40 else cleaned[:39] + "…"


def _minutes(seconds: int, shown: str) -> int:
    if seconds == 0:
        raise ValueError(f"the duration “{_shown(shown)}” is zero")
    minutes = int((Decimal(seconds) / 60).to_integral_value(ROUND_HALF_UP))
    if minutes == 0:
        raise ValueError(f"the duration “{_shown(shown)}” is under half a minute")
    if minutes > MINUTES_PER_DAY:
        raise ValueError(f"the duration “{_shown(shown)}” is more than 24 hours")
    return minutes


_AREA_WORDS = {
    "marketing": ("marketing", "ads", "advertising", "social media", "seo", "newsletter"),
    "admin": ("admin", "administration", "operations", "ops", "email", "office"),
    "finance": ("finance", "accounting", "bookkeeping", "invoices", "invoicing", "taxes"),
    "content": ("content", "blog", "writing", "video", "podcast", "design"),
    "support": ("support", "customer support", "customer service", "helpdesk", "help desk"),
    "development": ("development", "dev", "engineering", "website", "web", "it"),
    "sales": ("sales", "partnerships", "wholesale"),
}
_AREA_BY_WORD = {fold(word): area for area, words in _AREA_WORDS.items() for word in words}


@lru_cache(maxsize=4096)
def guess_area(*texts: str) -> str:
    """The area a project, client or tag names ("Customer service" -> support), else "other"."""
    for text in texts:
        for part in re.split(r"[,;/|]", text):
            area = _AREA_BY_WORD.get(fold(part))
            if area:
                return area
    return "other"


@lru_cache(maxsize=4096)
def guess_need(*texts: str) -> str:
    """What a task probably needs, from its name, then its project and tags
    ("Bookkeeping" -> specialized knowledge); repetitive work when no word tells."""
    return (suggest_need(*texts) or Need.REPETITIVE).value


# The file -----------------------------------------------------------------------


def read_time_export(
    path: Path,
    task_name_from: TaskNameFrom = TaskNameFrom.AUTO,
    date_order: DateOrder = DateOrder.AUTO,
) -> ParsedExport:
    """Read `path` (size and encoding checked) and parse it; UserError when it cannot."""
    return parse_time_export(
        CsvSource.of_file(path), task_name_from=task_name_from, date_order=date_order
    )


def _find_header(source: CsvSource) -> tuple[str, Layout, int]:
    """The delimiter, the vendor's layout and the number of header cells."""
    first_line = source.first_line()
    for delimiter in (",", ";", "\t"):
        header = next(csv.reader([first_line], delimiter=delimiter), [])
        layout = detect_layout(header)
        if layout is not None:
            return delimiter, layout, len(header)
    shown = ", ".join(cell.strip() for cell in first_line.split(",")[:8])
    raise UserError(
        "This file is not a detailed report from Toggl Track, Clockify or Harvest"
        + (f": its first row reads “{shown[:160]}”." if shown else ".")
        + " In your time tracker, open the Detailed report, export it as CSV, and import that file."
    )


def _data_rows(
    source: CsvSource, delimiter: str, width: int
) -> tuple[dict[str, int], Iterator[CsvRow]]:
    """The header's columns, and the rows after it (blank rows left out)."""
    rows = (row for row in source.rows(delimiter, width) if not row.blank)
    header = next(rows, None)
    if header is None or header.problem:
        raise UserError(
            f"The header row of {source.name} cannot be read"
            + (f": {header.problem}" if header else ".")
        )
    return {_header_key(cell): index for index, cell in enumerate(header.cells)}, rows


def parse_time_export(
    source: CsvSource | str,
    *,
    task_name_from: TaskNameFrom = TaskNameFrom.AUTO,
    date_order: DateOrder = DateOrder.AUTO,
) -> ParsedExport:
    """Every row of an export as a record to import or a refusal with its reason.

    The file is read a row at a time. What the whole file decides (day or
    month first, the column that names tasks) is foretold from its first
    row and its header, the rows are read that way while the whole file's
    evidence is gathered, and the file is read a second time only when the
    evidence decides otherwise (a file whose first dates cannot tell day
    from month, one whose preferred name column is mostly empty).
    """
    if isinstance(source, str):
        source = CsvSource.of_text(source)
    delimiter, layout, width = _find_header(source)
    columns, rows = _data_rows(source, delimiter, width)
    first = next(rows, None)
    if first is None:
        raise UserError(f"{source.name} has a header row but no time entries.")
    survey = _Survey(columns, layout)
    foretold_order = date_order
    if date_order == DateOrder.AUTO:
        foretold_order = survey.order_of(first.cells)
    # With no row counted yet, the first column of the vendor's preference wins.
    foretold_name = _choose_name_column(layout, columns, Counter(), 0, task_name_from)
    parsed = _read_rows(
        source, layout, columns, chain([first], rows),
        date_order=foretold_order, name_from=foretold_name, survey=survey,
    )  # fmt: skip
    guessed = False
    if date_order == DateOrder.AUTO:
        date_order, guessed = survey.settle()
    chosen_name = _choose_name_column(layout, columns, survey.filled, survey.count, task_name_from)
    if (date_order, chosen_name) != (foretold_order, foretold_name):
        del parsed  # its entries go before the second reading's come
        rows = _data_rows(source, delimiter, width)[1]
        parsed = _read_rows(
            source, layout, columns, rows, date_order=date_order, name_from=chosen_name, survey=None
        )
    parsed.delimiter = delimiter
    parsed.date_order_guessed = guessed
    parsed.rows = survey.count - parsed.summary_rows
    return parsed


def _read_rows(
    source: CsvSource,
    layout: Layout,
    columns: dict[str, int],
    rows: Iterator[CsvRow],
    *,
    date_order: DateOrder,
    name_from: TaskNameFrom,
    survey: _Survey | None,
) -> ParsedExport:
    """The entries and refusals of `rows` read in `date_order`, each task named
    from `name_from`; each row also goes to `survey` when given."""
    parsed = ParsedExport(
        name=source.name,
        vendor=layout.vendor,
        delimiter="",
        encoding=source.encoding,
        date_order=date_order,
        date_order_guessed=False,
        task_name_from=name_from,
    )
    reader = _RowReader(columns, layout, date_order, name_from)
    people: set[str] = set()
    for row in rows:
        if survey is not None:
            survey.add(row.cells)
        if row.problem:
            parsed.refused.append(RefusedRow(row.line, row.problem, row.text))
            continue
        if _is_total_row(row.cells, columns, layout):
            parsed.summary_rows += 1
            continue
        try:
            entry, person = reader.read(row.cells)
        except ValueError as error:
            parsed.refused.append(RefusedRow(row.line, _sentence(str(error)), _excerpt(row.cells)))
            continue
        if person:
            people.add(person)
        parsed.entries.append(entry)
        parsed.entry_lines.append(row.line)
    parsed.people = sorted(people)
    return parsed


class _Survey:
    """What the whole file decides, gathered a row at a time: what its dates
    say of day or month first, how many rows fill each column that may name
    tasks, and the number of rows. Each distinct date text is weighed once,
    with the number of times it occurs (a file repeats a few hundred dates),
    a few thousand at a time."""

    def __init__(self, columns: dict[str, int], layout: Layout) -> None:
        self.evidence = DateOrderEvidence()
        self.filled: Counter[TaskNameFrom] = Counter()
        self.count = 0
        self.date_indexes = [
            columns[key] for key in (layout.date, layout.end_date) if key and key in columns
        ]
        self.names = [
            (candidate, columns[key])
            for candidate in layout.auto_name
            if (key := _name_key(layout, candidate)) and key in columns
        ]
        self.dates: Counter[str] = Counter()

    def add(self, cells: list[str]) -> None:
        """One row (no cells for a row that cannot be read)."""
        self.count += 1
        cell_count = len(cells)
        for index in self.date_indexes:
            if index < cell_count:
                self.dates[cells[index]] += 1
        for candidate, index in self.names:
            if index < cell_count and (text := cells[index].strip()) and text != "-":
                self.filled[candidate] += 1
        if len(self.dates) > _DISTINCT_DATES:
            self._weigh()

    def settle(self) -> tuple[DateOrder, bool]:
        """Day or month first, and whether it was a guess, from every row."""
        self._weigh()
        return self.evidence.settle()

    def order_of(self, cells: list[str]) -> DateOrder:
        """Day or month first, as one row's dates tell it."""
        evidence = DateOrderEvidence()
        for index in self.date_indexes:
            if index < len(cells):
                evidence.add(cells[index])
        return evidence.settle()[0]

    def _weigh(self) -> None:
        for text, times in self.dates.items():
            self.evidence.add(text, times)
        self.dates.clear()


_DISTINCT_DATES = 4096


class _RowReader:
    """Reads rows into entries, keeping one copy of each repeated text, so a
    file of a few dozen tasks over 400,000 rows holds a few dozen names.

    What a file repeats is worked out once: the column of each piece is
    found before the first row, and the last few thousand distinct dates,
    start times and durations are remembered as read (an export of a year
    holds a few hundred distinct dates), with the names, note, area and
    need of each description, task, project, client and tags (`_naming`).
    """

    def __init__(
        self, columns: dict[str, int], layout: Layout, order: DateOrder, name_from: TaskNameFrom
    ) -> None:
        self.columns, self.layout, self.order, self.name_from = columns, layout, order, name_from
        self.occurrences: Counter[int] = Counter()
        self.shared: dict[object, object] = {}
        # A column the header lacks reads as "" (as one a short row lacks).
        missing = 1 << 62
        keys = (
            layout.date, layout.start_time, layout.description, layout.task, layout.project,
            layout.client, layout.tags, *layout.user, *layout.durations,
        )  # fmt: skip
        self.indexes = [columns.get(key, missing) if key else missing for key in keys]
        self.users = len(layout.user)
        self.vendor = layout.vendor.value
        self.needed = max(
            columns[key] for key in (layout.date, *layout.durations) if key in columns
        )

    def _one(self, value: object) -> Any:
        return self.shared.setdefault(value, value)

    def read(self, cells: list[str]) -> tuple[NewEntry, str]:
        """The entry of a row and the person it names; ValueError with the reason."""
        width = len(cells)
        if width <= self.needed:
            raise ValueError(f"the row has only {width} columns; the header has more")
        # Toggl Track's newer exports write "-" for an empty value.
        texts = [
            ("" if (text := cells[index].strip()) == "-" else text) if index < width else ""
            for index in self.indexes
        ]
        date_text, start_text, description, task, project, client, tags = texts[:7]
        if not date_text:
            raise ValueError("the row has no date")
        day, day_text = _day(date_text, self.order)
        start: tuple[int, int, int] | None = None
        start_shown = ""
        if start_text:
            start, start_shown = _start(start_text)
        minutes = self._minutes(cells, texts[7 + self.users :], day, start)
        task_name, note, area, need = _naming(
            (description, task, project, client, tags), self.name_from, self.layout.auto_name
        )
        person = " ".join(texts[7 : 7 + self.users]).strip()
        # The nth identical row keeps the nth key, so a re-import lines up.
        text = "\x1f".join(
            (
                self.vendor, person, day_text, start_shown, client, project, task,
                description, str(minutes),
            )
        )  # fmt: skip
        # Counted by the text's hash, not the text: 400,000 rows stay small.
        identity = hash(text)
        self.occurrences[identity] += 1
        entry = NewEntry(
            task_name=self._one(task_name),
            day=day,
            minutes=minutes,
            note=self._one(note),
            import_key=_import_key(text, self.occurrences[identity]),
            area=area,
            need=need,
        )
        return entry, self._one(person)

    def _minutes(
        self,
        cells: list[str],
        durations: list[str],
        day: date,
        start: tuple[int, int, int] | None,
    ) -> int:
        for shown in durations:
            if shown:
                return _duration_minutes(shown)
        return _row_minutes(cells, self.columns, self.layout, self.order, day=day, start=start)


# Room for every day of 40 years: a file that cycles through more distinct
# dates than an LRU cache holds would miss on every row.
@lru_cache(maxsize=16384)
def _day(text: str, order: DateOrder) -> tuple[date, str]:
    """The date in `text` and its ISO text (as import keys write it)."""
    day = parse_date(text, order)
    return day, day.isoformat()


@lru_cache(maxsize=4096)
def _start(text: str) -> tuple[tuple[int, int, int], str]:
    """The time of day in `text` and its "hh:mm:ss" (as import keys write it)."""
    start = parse_time_of_day(text)
    return start, "{:02d}:{:02d}:{:02d}".format(*start)


@lru_cache(maxsize=4096)
def _duration_minutes(text: str) -> int:
    """The minutes of a duration cell; ValueError with the reason."""
    return _minutes(parse_duration_seconds(text), text)


@lru_cache(maxsize=4096)
def _naming(
    pieces: tuple[str, str, str, str, str],
    name_from: TaskNameFrom,
    auto_name: tuple[TaskNameFrom, ...],
) -> tuple[str, str, str, str | None]:
    """(task name, note, area, need) of a row from its (description, task,
    project, client, tags); ValueError when it names no task."""
    description, task, project, client, tags = pieces
    by_source = {
        TaskNameFrom.DESCRIPTION: description,
        TaskNameFrom.TASK: task,
        TaskNameFrom.PROJECT: project,
    }
    task_name = " ".join(by_source[name_from].split())
    if not task_name:
        fallback = next((by_source[s] for s in auto_name if by_source[s]), "")
        task_name = " ".join(fallback.split())
    if not task_name:
        raise ValueError("the row names no task (description, task and project are empty)")
    if len(task_name) > MAX_NAME_LENGTH:
        raise ValueError(f"the task name is longer than {MAX_NAME_LENGTH} characters")
    note = description if name_from != TaskNameFrom.DESCRIPTION else ""
    if fold_cached(note) == fold_cached(task_name):
        note = ""
    return (
        task_name,
        note[:MAX_ENTRY_NOTE_LENGTH],
        guess_area(project, tags, client, task),
        guess_need(task_name, project, tags),
    )


def _cell(cells: list[str], columns: dict[str, int], key: str) -> str:
    index = columns.get(key)
    if index is None or index >= len(cells):
        return ""
    text = cells[index].strip()
    # Toggl Track's newer exports write "-" for an empty value.
    return "" if text == "-" else text


def _is_total_row(cells: list[str], columns: dict[str, int], layout: Layout) -> bool:
    # Some exports end with a "Total" line: a summary, not an entry.
    first = cells[0].strip().casefold() if cells else ""
    return first in {"total", "totals", "total:"} and not _cell(cells, columns, layout.date)


def _choose_name_column(
    layout: Layout,
    columns: dict[str, int],
    filled: Counter[TaskNameFrom],
    rows: int,
    choice: TaskNameFrom,
) -> TaskNameFrom:
    if choice != TaskNameFrom.AUTO:
        return choice
    # The first column of the vendor's preference that most rows fill in.
    for candidate in layout.auto_name:
        if _name_key(layout, candidate) in columns and filled[candidate] * 2 >= rows:
            return candidate
    return layout.auto_name[0]


def _name_key(layout: Layout, source: TaskNameFrom) -> str:
    if source == TaskNameFrom.DESCRIPTION:
        return layout.description
    if source == TaskNameFrom.TASK:
        return layout.task
    if source == TaskNameFrom.PROJECT:
        return layout.project
    return ""


def _row_minutes(
    cells: list[str],
    columns: dict[str, int],
    layout: Layout,
    order: DateOrder,
    *,
    day: date,
    start: tuple[int, int, int] | None,
) -> int:
    for key in layout.durations:
        shown = _cell(cells, columns, key)
        if shown:
            return _minutes(parse_duration_seconds(shown), shown)
    end_text = _cell(cells, columns, layout.end_time)
    if start is None or not end_text:
        raise ValueError("the row has no duration")
    end_day_text = _cell(cells, columns, layout.end_date)
    end_day = parse_date(end_day_text, order) if end_day_text else day
    began = datetime.combine(day, datetime.min.time()) + timedelta(
        hours=start[0], minutes=start[1], seconds=start[2]
    )
    end = parse_time_of_day(end_text)
    ended = datetime.combine(end_day, datetime.min.time()) + timedelta(
        hours=end[0], minutes=end[1], seconds=end[2]
    )
    seconds = int((ended - began).total_seconds())
    shown = f"{end_text} − {_cell(cells, columns, layout.start_time)}"
    if seconds < 0:
        raise ValueError("the entry ends before it starts")
    return _minutes(seconds, shown)


def _import_key(identity: str, occurrence: int) -> str:
    return hashlib.sha256(f"{identity}\x1f{occurrence}".encode()).hexdigest()


def _sentence(reason: str) -> str:
    return reason[:1].upper() + reason[1:] + ("" if reason.endswith(".") else ".")


def _excerpt(cells: list[str]) -> str:
    text = " | ".join(cell.strip() for cell in cells if cell.strip())
    return text if len(text) <= 90 else text[:89] + "…"


# The preview --------------------------------------------------------------------


@dataclass(frozen=True)
class TaskPreview:
    name: str
    is_new: bool
    minutes: int
    entries: int
    # What a new task will be marked as needing (a guess); "" for a matched one.
    need: str = ""


@dataclass
class ImportPreview:
    """What an import would do to the open database.

    Attributes:
        entries: what will be stored (new rows that can be read).
        duplicates: rows already imported before (skipped).
        refused: rows that cannot be read or would break a rule, with reasons.
        tasks: the tasks the entries go to, new or matched by name.
    """

    parsed: ParsedExport
    entries: list[NewEntry]
    duplicates: int
    refused: list[RefusedRow]
    tasks: list[TaskPreview]

    @property
    def total_minutes(self) -> int:
        return sum(entry.minutes for entry in self.entries)

    @property
    def new_tasks(self) -> list[TaskPreview]:
        return [task for task in self.tasks if task.is_new]

    @property
    def matched_tasks(self) -> list[TaskPreview]:
        return [task for task in self.tasks if not task.is_new]

    @property
    def first_day(self) -> date | None:
        return min((entry.day for entry in self.entries), default=None)

    @property
    def last_day(self) -> date | None:
        return max((entry.day for entry in self.entries), default=None)

    @property
    def main_month(self) -> date | None:
        """The month that holds most of the imported minutes."""
        per_month: Counter[date] = Counter()
        for entry in self.entries:
            per_month[entry.day.replace(day=1)] += entry.minutes
        return per_month.most_common(1)[0][0] if per_month else None

    def summary_lines(self) -> list[str]:
        """The preview in words: what the dialog shows and the command line prints."""
        parsed = self.parsed
        lines = [f"{parsed.name}: {parsed.description}, {count_of(parsed.rows, 'row')}."]
        if self.entries:
            span = f"{self.first_day:%d %b %Y} – {self.last_day:%d %b %Y}"
            lines.append(
                f"To import: {count_of(len(self.entries), 'time entry', 'time entries')}, "
                f"{_hours(self.total_minutes)} ({span})."
            )
        else:
            lines.append("To import: nothing new.")
        column = TASK_NAME_FROM_LABELS[parsed.task_name_from].split(" (")[0]
        lines.append(
            f"Tasks: {len(self.matched_tasks)} matched by name, {len(self.new_tasks)} new "
            f"(named from the {column} column)."
        )
        if self.duplicates:
            lines.append(f"Already imported before: {count_of(self.duplicates, 'row')} (skipped).")
        if self.refused:
            lines.append(f"Cannot import: {count_of(len(self.refused), 'row')} (reasons below).")
        if parsed.date_order_guessed:
            order = "month first" if parsed.date_order == DateOrder.MONTH_FIRST else "day first"
            lines.append(
                f"No date in the file shows whether it is day or month first; read as {order}."
            )
        if len(parsed.people) > 1:
            lines.append(
                f"The file holds the time of {len(parsed.people)} people: "
                f"{', '.join(parsed.people[:5])}{'…' if len(parsed.people) > 5 else ''}."
            )
        return lines


def _hours(minutes: int) -> str:
    return f"{Decimal(minutes) / 60:.1f} h"


def build_preview(parsed: ParsedExport) -> ImportPreview:
    """Match a parsed file against the open database (a few queries, any file size).

    Rows already imported are counted and skipped; rows that would take a
    day past 24 hours (with what is already logged that day) are refused.
    """
    stored = existing_import_keys(entry.import_key for entry in parsed.entries)
    fresh = [
        (line, entry)
        for line, entry in zip(parsed.entry_lines, parsed.entries, strict=True)
        if entry.import_key not in stored
    ]
    duplicates = len(parsed.entries) - len(fresh)
    day_totals = minutes_logged_by_day(entry.day for _, entry in fresh)
    refused = list(parsed.refused)
    entries: list[NewEntry] = []
    texts: dict[str, str] = {}  # one copy of each reason: a team's file may refuse thousands
    for line, entry in fresh:
        total = day_totals.get(entry.day, 0) + entry.minutes
        if total > MINUTES_PER_DAY:
            reason = (
                f"It would make more than 24 hours on {entry.day:%d %b %Y} "
                f"({format_minutes(day_totals.get(entry.day, 0))} already counted that day)."
            )
            shown = f"{entry.task_name} | {format_minutes(entry.minutes)}"
            reason, shown = texts.setdefault(reason, reason), texts.setdefault(shown, shown)
            refused.append(RefusedRow(line, reason, shown))
            continue
        day_totals[entry.day] = total
        entries.append(entry)
    refused.sort(key=lambda row: row.line)
    # Entries share their task's name (`_RowReader`): total by name, then
    # fold each distinct name once. A name's first entry is the first of its task.
    by_name: dict[str, list[Any]] = {}  # name -> [minutes, entries, need]
    for entry in entries:
        bucket = by_name.get(entry.task_name)
        if bucket is None:
            bucket = by_name[entry.task_name] = [0, 0, entry.need or ""]
        bucket[0] += entry.minutes
        bucket[1] += 1
    keys = {name: fold_cached(name) for name in by_name}
    matched = tasks_by_key(keys.values())
    per_task: dict[str, list[int]] = {}
    names: dict[str, str] = {}
    needs: dict[str, str] = {}
    for name, (minutes, count, need) in by_name.items():
        key = keys[name]
        if key not in per_task:
            names[key] = matched[key][1] if key in matched else name
            needs[key] = "" if key in matched else need
            per_task[key] = [0, 0]
        per_task[key][0] += minutes
        per_task[key][1] += count
    tasks = sorted(
        (
            TaskPreview(names[key], key not in matched, minutes, count, needs[key])
            for key, (minutes, count) in per_task.items()
        ),
        key=lambda task: (-task.minutes, fold(task.name)),
    )
    return ImportPreview(parsed, entries, duplicates, refused, tasks)


def preview_file(
    path: Path,
    task_name_from: TaskNameFrom = TaskNameFrom.AUTO,
    date_order: DateOrder = DateOrder.AUTO,
) -> ImportPreview:
    """Read and preview `path` in one step."""
    return build_preview(read_time_export(path, task_name_from, date_order))
