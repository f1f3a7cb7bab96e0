"""Hypothesis fuzzing of every importer and every validator.

Whatever the input, nothing escapes but the app's own errors (`UserError`,
`ValidationError`, or the `ValueError` a low-level parser documents and its
caller turns into a reason), every row of a file is imported or refused
with its reason, and what is accepted reads back equal.

Each test runs a fixed number of examples, derandomized, so the suite's
time stays steady (a few seconds for all of them).
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.importers.contractor_records import run_plan
from desktop_app.importers.contractors_csv import guess_mapping, plan_csv, read_csv_source
from desktop_app.importers.csv_rows import CsvSource
from desktop_app.importers.time_tracking import (
    DateOrder,
    build_preview,
    parse_date,
    parse_duration_seconds,
    parse_time_export,
    parse_time_of_day,
)
from desktop_app.importers.vcard import plan_vcard_file
from desktop_app.models import contractors as bench
from desktop_app.models.base import database
from desktop_app.models.contractor_input import CONTRACTOR_FIELDS, parse_contractor
from desktop_app.models.errors import UserError
from desktop_app.models.parsing import parse_amount, parse_decimal
from desktop_app.models.settings import format_value, parse_settings, setting_specs
from desktop_app.models.tasks import (
    TimeEntry,
    import_time_entries,
    parse_entry_duration,
    parse_monthly_hours,
)
from desktop_app.models.text import fold

# Examples per test: fixed, and replayed the same way each run.
EXAMPLES = 150
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text as files hold it: separators, quotes, line ends of every kind, accents, RTL, NUL-free.
_CHARS = st.characters(
    blacklist_categories=("Cs",), blacklist_characters="\x00", max_codepoint=0x2FFF
)
_NASTY = st.sampled_from(
    ['"', '""', ",", ";", "\t", "\r", "\n", "\r\n", "\r\r\n", "=", "-", "+", "@", " ::: ", "\\,"]
)
nasty_text = st.lists(st.one_of(st.text(_CHARS, max_size=12), _NASTY), max_size=12).map("".join)

TOGGL_HEADER = (
    "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,"
    "End date,End time,Duration,Tags,Amount (USD)"
)
_DATES = st.one_of(
    st.dates(date(1990, 1, 1), date(2040, 12, 31)).map(date.isoformat),
    st.dates(date(1990, 1, 1), date(2040, 12, 31)).map(lambda d: f"{d:%d/%m/%Y}"),
    st.dates(date(1990, 1, 1), date(2040, 12, 31)).map(lambda d: f"{d:%m/%d/%y}"),
    nasty_text,
)
_TIMES = st.one_of(st.sampled_from(["09:00:00", "1:05 PM", "23:59", "24:00", ""]), nasty_text)
_DURATIONS = st.one_of(
    st.sampled_from(["01:30:00", "0:45", "1,5", ".25h", "-1", "0", "99999", "9" * 5000, "-"]),
    nasty_text,
)


@st.composite
def toggl_rows(draw: st.DrawFn) -> list[list[str]]:
    row = st.tuples(
        nasty_text, nasty_text, nasty_text, nasty_text, nasty_text, nasty_text, nasty_text,
        _DATES, _TIMES, _DATES, _TIMES, _DURATIONS, nasty_text, nasty_text,
    )  # fmt: skip
    return [list(cells) for cells in draw(st.lists(row, min_size=1, max_size=8))]


def _as_csv(header: str, rows: list[list[str]], line_end: str) -> str:
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator=line_end)
    writer.writerow(header.split(","))
    writer.writerows(rows)
    return stream.getvalue()


@FUZZ
@given(text=st.one_of(nasty_text, st.text(_CHARS, max_size=300)).map(lambda t: TOGGL_HEADER + t))
def test_time_import_of_any_text_raises_only_user_errors(text):
    try:
        parsed = parse_time_export(text)
    except UserError:
        return
    assert len(parsed.entries) + len(parsed.refused) <= parsed.rows + parsed.summary_rows


@pytest.mark.slow
@FUZZ
@given(rows=toggl_rows(), line_end=st.sampled_from(["\n", "\r\n", "\r"]))
def test_time_import_accounts_for_every_row_and_reads_back(store, rows, line_end):
    parsed = parse_time_export(_as_csv(TOGGL_HEADER, rows, line_end))
    assert len(parsed.entries) + len(parsed.refused) + parsed.summary_rows == len(rows)
    preview = build_preview(parsed)
    for entry in preview.entries:
        assert 1 <= entry.minutes <= 24 * 60 and entry.task_name.strip() == entry.task_name
    with database.atomic() as transaction:
        outcome = import_time_entries(preview.entries)
        # Tasks are matched by name, case and accents ignored.
        stored = [
            (fold(e.task.name), e.date, e.minutes, e.note)
            for e in TimeEntry.select().where(TimeEntry.id.in_(outcome.entry_ids))
        ]
        assert sorted(stored) == sorted(
            (fold(e.task_name), e.day, e.minutes, e.note) for e in preview.entries
        )
        transaction.rollback()


_CONTRACTOR_TEXT = st.one_of(
    nasty_text,
    st.sampled_from([
        "ana@example.com", "+44 20 7946 0958", "tel:+1-418-656-9254;ext=102", "example.com/x",
        "$35/hr", "4/5", "★★★☆☆", "Upwork", "referred by Ana", "Trial", "2024-03-12",
        "12 Mar 2024", "Europe/Lisbon", "UTC+2", "EUR", "agency", '="+44 20 7946 0958"',
        "'=SUM(A1)", "9" * 5000,
    ]),
)  # fmt: skip


@FUZZ
@given(
    header=st.lists(
        st.one_of(st.sampled_from([s.label for s in CONTRACTOR_FIELDS]), nasty_text),
        min_size=1,
        max_size=6,
    ),
    rows=st.lists(st.lists(_CONTRACTOR_TEXT, max_size=7), max_size=6),
    line_end=st.sampled_from(["\n", "\r\n", "\r"]),
)
def test_contractor_csv_of_anything_imports_or_refuses_each_row(store, header, rows, line_end):
    text = _as_csv(",".join(f'"{h}"' for h in header), rows, line_end)
    try:
        table = read_csv_source(CsvSource.of_text(text))
        mapping = guess_mapping(table.headers)
        plan = plan_csv(table, mapping if mapping["name"] else {"name": (0,)})
    except UserError:
        return
    assert len(plan.records) + len(plan.refused) == table.row_count
    _imports_and_reads_back(plan)


def _imports_and_reads_back(plan) -> None:
    with database.atomic() as transaction:
        outcome = run_plan(plan, bench.OnDuplicate.ADD)
        for cid, record in zip(outcome.created, plan.records, strict=True):
            stored = bench.contractor_values(cid)
            for key, value in record.values.items():
                assert stored[key] == value, key
        transaction.rollback()


_VCARD_LINES = st.one_of(
    nasty_text,
    st.sampled_from([
        "FN:Mr. John Richter, James Doe Sr.", "N:Doe;James;;Mr.;Sr.", "ORG:Acme, Inc.;Sales",
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=91o=C3=B1o;Jos=C3=A9",
        "NOTE;ENCODING=QUOTED-PRINTABLE:first=", "second line", " folded", "\tfolded",
        "TEL;VALUE=uri:tel:+1-418-656-9254;ext=102", "TEL;VALUE=text:call me", "EMAIL:x",
        "EMAIL:ana@example.com", "URL:http\\://example.com", "PROFILE:VCard", "VERSION:2.1",
        "VERSION:4.0", "PHOTO;ENCODING=b:" + "A" * 300, "ADR:;;1 Main St;Lyon;;;France",
        "CATEGORIES:a,b\\,c", "TZ:Europe/Paris", "N;CHARSET=NOPE;ENCODING=QUOTED-PRINTABLE:=FF",
        'TEL;TYPE="work,voice";VALUE=uri:tel:+44', "KIND:org", "X-ABShowAs:COMPANY",
    ]),
)  # fmt: skip


@FUZZ
@given(
    cards=st.lists(st.lists(_VCARD_LINES, max_size=8), min_size=1, max_size=4),
    line_end=st.sampled_from(["\n", "\r\n", "\r", "\r\r\n"]),
    closed=st.booleans(),
)
def test_vcard_of_anything_imports_or_refuses_each_card(store, tmp_path, cards, line_end, closed):
    text = line_end.join(
        line
        for card in cards
        for line in ["BEGIN:VCARD", "VERSION:3.0", *card, "END:VCARD" if closed else ""]
    )
    path = tmp_path / "fuzz.vcf"
    path.write_text(text, encoding="utf-8", newline="")
    try:
        plan = plan_vcard_file(path)
    except UserError:
        return
    assert len(plan.records) + len(plan.refused) >= 1
    _imports_and_reads_back(plan)


@FUZZ
@given(raw=st.dictionaries(st.sampled_from([s.key for s in CONTRACTOR_FIELDS]), _CONTRACTOR_TEXT))
def test_contractor_fields_are_checked_and_read_back_equal(raw):
    try:
        values = parse_contractor(raw, assume_https=True)
    except UserError:
        return
    again = parse_contractor(
        {key: "" if value is None else str(value) for key, value in values.items()},
        assume_https=True,
    )
    assert again == values


_NUMBERS = st.one_of(
    nasty_text,
    st.decimals(allow_nan=False, allow_infinity=False, places=2).map(str),
    st.sampled_from(["1 234,50", "1.234,5", "85,5", "1,234", "9" * 5000, "1e9999", "NaN"]),
)


@FUZZ
@given(text=_NUMBERS)
def test_amounts_are_checked_and_read_back_equal(text):
    try:
        amount = parse_amount(text, "rate", "Rate")
    except UserError:
        return
    assert amount is None or parse_amount(str(amount), "rate", "Rate") == amount
    try:
        number = parse_decimal(text)
    except ValueError:
        return
    assert parse_decimal(str(number)) == number


@FUZZ
@given(raw=st.dictionaries(st.sampled_from([s.key for s in setting_specs()]), _NUMBERS))
def test_settings_are_checked_and_read_back_equal(raw):
    try:
        parsed = parse_settings(raw)
    except UserError:
        return
    texts = {spec.key: format_value(getattr(parsed, spec.key)) for spec in setting_specs()}
    assert parse_settings(texts) == parsed


_DURATION_TEXT = st.one_of(
    nasty_text,
    st.integers(-10, 10**6).map(str),
    st.sampled_from(["1:30", "1h30", "1.5h", "90m", "9" * 5000, "9" * 5000 + "m", "1" * 30 + "h"]),
)


@FUZZ
@given(text=_DURATION_TEXT)
def test_durations_typed_by_the_owner_raise_only_validation_errors(text):
    try:
        minutes = parse_entry_duration(text)
    except UserError:
        pass
    else:
        assert parse_entry_duration(str(minutes)) == minutes
    try:
        estimate = parse_monthly_hours(text)
    except UserError:
        return
    if estimate is not None:
        assert parse_monthly_hours(f"{estimate // 60}:{estimate % 60:02d}") == estimate


@FUZZ
@given(text=st.one_of(_DURATION_TEXT, _DATES, _TIMES))
def test_report_cells_raise_only_their_reason(text):
    for parse in (
        parse_duration_seconds,
        parse_time_of_day,
        lambda t: parse_date(t, DateOrder.DAY_FIRST),
    ):
        try:
            parse(text)
        except ValueError as error:
            # The reason is shown to the owner: never Python's own wording
            # (which would name int(), a literal or the digit limit).
            message = str(error)
            for python_words in ("int()", "invalid literal", "Exceeds the limit", "base 10"):
                assert python_words not in message


def test_the_example_budget_is_fixed():
    assert FUZZ.max_examples == EXAMPLES and FUZZ.derandomize
