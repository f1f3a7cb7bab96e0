"""Importing Toggl Track, Clockify and Harvest detailed CSV reports.

The sample files follow each vendor's documented column layout (the header
row of the Detailed report as exported to CSV), in the dialects and
settings people really export with.
"""

import codecs
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.importers.time_tracking import (
    DateOrder,
    TaskNameFrom,
    Vendor,
    build_preview,
    guess_need,
    parse_date,
    parse_duration_seconds,
    parse_time_export,
    parse_time_of_day,
    preview_file,
)
from desktop_app.models.errors import UserError
from desktop_app.models.tasks import (
    Need,
    Task,
    TimeEntry,
    add_time_entry,
    create_task,
    import_time_entries,
    load_month,
)
from tests.conftest import BOTH_ENGINES

pytestmark = BOTH_ENGINES

TOGGL_HEADER = (
    "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,"
    "End date,End time,Duration,Tags,Amount (USD)"
)

# US settings: month-first dates, 12-hour times, durations as h:mm:ss.
TOGGL_US = f"""{TOGGL_HEADER}
Maya,maya@example.com,,Support,,Customer support inbox,No,03/04/2025,09:00:00 AM,03/04/2025,10:30:00 AM,01:30:00,,
Maya,maya@example.com,,Finance,,Bookkeeping,No,03/04/2025,01:15:00 PM,03/04/2025,02:00:00 PM,00:45:00,,
Maya,maya@example.com,Shop,Marketing,,"Social media posts, Instagram",No,03/13/2025,11:00:00 AM,03/13/2025,11:20:00 AM,00:20:00,social,
Maya,maya@example.com,,Finance,,Bookkeeping,No,02/30/2025,09:00:00 AM,02/30/2025,10:00:00 AM,01:00:00,,
Maya,maya@example.com,,Support,,Customer support inbox,No,03/05/2025,09:00:00 AM,03/05/2025,09:00:00 AM,00:00:00,,
Maya,maya@example.com,,Support,,Customer support inbox,No,03/06/2025,09:00:00 AM,03/06/2025,08:00:00 AM,-01:00:00,,
Maya,maya@example.com,,,,,No,03/07/2025,09:00:00 AM,03/07/2025,10:00:00 AM,01:00:00,,
"""  # noqa: E501

# A European spreadsheet's save: semicolons, day-first dates with dots,
# 24-hour times, durations in decimal hours with a decimal comma.
TOGGL_EU = """User;Email;Client;Project;Task;Description;Billable;Start date;Start time;End date;End time;Duration;Tags;Amount (EUR)
Zoë;zoe@example.com;;Buchhaltung;;Buchhaltung;No;04.03.2025;09:00;04.03.2025;10:30;1,5;;
Zoë;zoe@example.com;;Support;;Kundenanfragen;No;13.03.2025;14:00;13.03.2025;14:45;0,75;;
Zoë;zoe@example.com;;Support;;Kundenanfragen;No;14.03.2025;14:00;14.03.2025;14:45;;;
Zoë;zoe@example.com;;Support;;Kundenanfragen;No;15.03.2025;25:00;15.03.2025;14:45;;;
"""  # noqa: E501

CLOCKIFY_HEADER = (
    "Project,Client,Description,Task,User,Group,Email,Tags,Billable,Start Date,Start Time,"
    "End Date,End Time,Duration (h),Duration (decimal),Billable Rate (USD),Billable Amount (USD)"
)

# Day-first dates with slashes (settled by the 13th), 24-hour times.
CLOCKIFY = f"""{CLOCKIFY_HEADER}
Support,Shop,Customer support inbox,,Maya,,maya@example.com,,No,13/03/2025,09:00:00,13/03/2025,10:15:00,01:15:00,1.25,0.00,0.00
Marketing,Shop,Newsletter,,Maya,,maya@example.com,,No,14/03/2025,16:00:00,14/03/2025,17:30:00,01:30:00,1.50,0.00,0.00
Marketing,Shop,Newsletter,,Maya,,maya@example.com,,No,15/03/2025,16:00:00,16/03/2025,17:30:00,25:30:00,25.50,0.00,0.00
Marketing,Shop,Newsletter,,Maya,,maya@example.com,,No,yesterday,16:00:00,,,01:00:00,1.00,0.00,0.00
Total,,,,,,,,,,,,,02:45:00,2.75,,0.00
"""  # noqa: E501

HARVEST_HEADER = (
    "Date,Client,Project,Project Code,Task,Notes,Hours,Hours Rounded,Billable?,Invoiced?,"
    "First Name,Last Name,Employee Id,Roles,Employee?,Billable Rate,Billable Amount,Cost Rate,"
    "Cost Amount,Currency,External Reference URL"
)

# ISO dates, decimal hours; Harvest's own tasks name the work.
HARVEST = f"""{HARVEST_HEADER}
2025-03-03,Northwind,Operations,OPS,Bookkeeping,Reconciled payouts,1.25,1.25,No,No,Maya,Lindqvist,,,Yes,0,0,0,0,USD,
2025-03-03,Northwind,Operations,OPS,Order fulfilment,,0.5,0.5,No,No,Maya,Lindqvist,,,Yes,0,0,0,0,USD,
2025-03-04,Northwind,Operations,OPS,Bookkeeping,,2:15,2.25,No,No,Maya,Lindqvist,,,Yes,0,0,0,0,USD,
2025-03-05,Northwind,Operations,OPS,Bookkeeping,,0,0,No,No,Maya,Lindqvist,,,Yes,0,0,0,0,USD,
2025-03-06,Northwind,Operations,OPS,Bookkeeping,,lots,0,No,No,Maya,Lindqvist,,,Yes,0,0,0,0,USD,
"""  # noqa: E501

HARVEST_SEMICOLON = HARVEST.replace(",", ";").replace("1.25", "1,25").replace("0.5", "0,5")


def _write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _reasons(preview):
    return {row.line: row.reason for row in preview.refused}


def test_toggl_us_report_preview_counts_and_refused_rows(store, tmp_path):
    create_task("BOOKKEEPING")  # matched by name, case ignored
    preview = preview_file(_write(tmp_path, "toggl.csv", TOGGL_US))
    assert preview.parsed.vendor is Vendor.TOGGL
    assert preview.parsed.delimiter == ","
    assert preview.parsed.date_order is DateOrder.MONTH_FIRST
    assert not preview.parsed.date_order_guessed  # 02/30 and 03/13 settle it
    assert preview.parsed.rows == 7
    assert [(e.task_name, e.day, e.minutes) for e in preview.entries] == [
        ("Customer support inbox", date(2025, 3, 4), 90),
        ("Bookkeeping", date(2025, 3, 4), 45),
        ("Social media posts, Instagram", date(2025, 3, 13), 20),
    ]
    assert preview.total_minutes == 155
    assert [(t.name, t.is_new) for t in preview.tasks] == [
        ("Customer support inbox", True),
        ("BOOKKEEPING", False),
        ("Social media posts, Instagram", True),
    ]
    assert _reasons(preview) == {
        5: "The date “02/30/2025” does not exist.",
        6: "The duration “00:00:00” is zero.",
        7: "The duration “-01:00:00” is negative.",
        8: "The row names no task (description, task and project are empty).",
    }
    lines = preview.summary_lines()
    assert lines[0] == "toggl.csv: Toggl Track detailed report (comma-separated, UTF-8), 7 rows."
    assert "To import: 3 time entries, 2.6 h (04 Mar 2025 – 13 Mar 2025)." in lines
    assert any(line.startswith("Tasks: 1 matched by name, 2 new") for line in lines)
    assert "Cannot import: 4 rows (reasons below)." in lines


def test_toggl_semicolon_day_first_decimal_comma_and_end_times(store, tmp_path):
    path = _write(tmp_path, "toggl-eu.csv", TOGGL_EU, "cp1252")
    preview = preview_file(path)
    parsed = preview.parsed
    assert (parsed.vendor, parsed.delimiter, parsed.encoding) == (Vendor.TOGGL, ";", "cp1252")
    assert parsed.date_order is DateOrder.DAY_FIRST
    assert [(e.task_name, e.day, e.minutes) for e in preview.entries] == [
        ("Buchhaltung", date(2025, 3, 4), 90),
        ("Kundenanfragen", date(2025, 3, 13), 45),
        # No duration: taken from the start and end times.
        ("Kundenanfragen", date(2025, 3, 14), 45),
    ]
    assert _reasons(preview) == {5: "“25:00” is not a time of day."}


def test_clockify_report_with_its_two_duration_columns_and_total_line(store, tmp_path):
    path = _write(tmp_path, "clockify.csv", CLOCKIFY, "utf-16")
    preview = preview_file(path)
    parsed = preview.parsed
    assert (parsed.vendor, parsed.encoding) == (Vendor.CLOCKIFY, "utf-16")
    assert parsed.date_order is DateOrder.DAY_FIRST
    assert parsed.summary_rows == 1  # the "Total" line is not an entry
    assert parsed.rows == 4
    assert [(e.task_name, e.day, e.minutes) for e in preview.entries] == [
        ("Customer support inbox", date(2025, 3, 13), 75),
        ("Newsletter", date(2025, 3, 14), 90),
    ]
    assert _reasons(preview) == {
        4: "The duration “25:30:00” is more than 24 hours.",
        5: "“yesterday” is not a date.",
    }
    assert {e.area for e in preview.entries} == {"support", "marketing"}


@pytest.mark.parametrize("text", [HARVEST, HARVEST_SEMICOLON])
def test_harvest_report_comma_and_semicolon(store, tmp_path, text):
    preview = preview_file(_write(tmp_path, "harvest.csv", text))
    assert preview.parsed.vendor is Vendor.HARVEST
    assert preview.parsed.task_name_from is TaskNameFrom.TASK
    assert [(e.task_name, e.minutes, e.note) for e in preview.entries] == [
        ("Bookkeeping", 75, "Reconciled payouts"),
        ("Order fulfilment", 30, ""),
        ("Bookkeeping", 135, ""),
    ]
    assert _reasons(preview) == {
        5: "The duration “0” is zero.",
        6: "“lots” is not a duration.",
    }
    assert preview.parsed.people == ["Maya Lindqvist"]


def test_importing_the_same_file_twice_adds_nothing(store, tmp_path):
    path = _write(tmp_path, "toggl.csv", codecs.BOM_UTF8.decode("utf-8") + TOGGL_US)
    first = preview_file(path)
    assert first.parsed.encoding == "utf-8-sig"
    outcome = import_time_entries(first.entries)
    assert (len(outcome.entry_ids), len(outcome.task_ids)) == (3, 3)
    tasks, entries = Task.select().count(), TimeEntry.select().count()

    second = preview_file(path)
    assert second.entries == []
    assert second.duplicates == 3
    assert "Already imported before: 3 rows (skipped)." in second.summary_lines()
    import_time_entries(second.entries)
    # Even the rows themselves, forced in again, are recognised.
    assert import_time_entries(first.entries).duplicates == 3
    assert (Task.select().count(), TimeEntry.select().count()) == (tasks, entries)


@pytest.mark.parametrize(
    ("name", "project", "need"),
    [
        ("New planner designs", "Product", Need.UNIQUE),
        ("Strategy and planning", "", Need.UNIQUE),
        ("Bookkeeping", "Finance", Need.KNOWLEDGE),
        ("Product photos", "Content", Need.EXPERTISE),
        ("Shopify fixes", "Website", Need.EXPERTISE),
        ("Customer emails", "Design", Need.REPETITIVE),  # the name wins over the project
        ("Misc", "Accounting", Need.KNOWLEDGE),
        ("Misc", "", Need.REPETITIVE),
    ],
)
def test_what_a_new_task_needs_is_guessed_from_its_words(name, project, need):
    assert guess_need(name, project) == need


def test_imported_tasks_start_with_the_guessed_need_and_existing_ones_keep_theirs(store, tmp_path):
    create_task("Bookkeeping", need="unique")
    preview = preview_file(_write(tmp_path, "toggl.csv", TOGGL_US))
    assert {(t.name, t.need) for t in preview.tasks} == {
        ("Customer support inbox", "repetitive"),
        ("Bookkeeping", ""),
        ("Social media posts, Instagram", "repetitive"),
    }
    import_time_entries(preview.entries)
    needs = dict(Task.select(Task.name, Task.need).tuples())
    assert needs["Bookkeeping"] == "unique"
    assert needs["Customer support inbox"] == "repetitive"


def test_the_task_name_column_can_be_chosen(store, tmp_path):
    path = _write(tmp_path, "toggl.csv", TOGGL_US)
    preview = preview_file(path, TaskNameFrom.PROJECT)
    assert [t.name for t in preview.tasks] == ["Support", "Finance", "Marketing"]
    # The description then becomes the entry's note.
    assert preview.entries[0].note == "Customer support inbox"
    # A row without a project falls back to the next column that names something.
    assert "The row names no task" in _reasons(preview)[8]


def test_ambiguous_dates_are_read_as_the_separator_suggests_and_can_be_switched(store, tmp_path):
    text = f"{TOGGL_HEADER}\nMaya,m@x.com,,Support,,Inbox,No,03/04/2025,09:00,,,00:30:00,,\n"
    path = _write(tmp_path, "toggl.csv", text)
    preview = preview_file(path)
    assert preview.parsed.date_order_guessed
    assert preview.entries[0].day == date(2025, 3, 4)
    assert any(
        "day or month first; read as month first" in line for line in preview.summary_lines()
    )
    switched = preview_file(path, date_order=DateOrder.DAY_FIRST)
    assert switched.entries[0].day == date(2025, 4, 3)


def test_a_day_cannot_pass_24_hours_with_what_is_already_logged(store, tmp_path):
    add_time_entry(create_task("Design"), date(2025, 3, 4), 23 * 60)
    preview = preview_file(_write(tmp_path, "toggl.csv", TOGGL_US))
    # 23 h + 1 h 30 passes 24 h; 23 h + 45 min does not.
    assert [e.task_name for e in preview.entries] == [
        "Bookkeeping",
        "Social media posts, Instagram",
    ]
    assert "more than 24 hours on 04 Mar 2025 (23:00 already counted" in _reasons(preview)[2]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"Name,Phone\nAna,123\n", "not a detailed report from Toggl Track, Clockify or Harvest"),
        (b"Date;Kunde;Projekt\n04.03.2025;A;B\n", "not a detailed report"),
        (TOGGL_HEADER.encode() + b"\n", "has a header row but no time entries"),
        ("Привет".encode("koi8-r") + b"\x81\x8d", "encoding Offload cannot read"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
    ],
)
def test_files_that_cannot_be_imported_say_why_and_change_nothing(
    store, tmp_path, content, message
):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(UserError, match=message):
        preview_file(path)
    assert Task.select().count() == 0


def test_a_file_over_50_mb_is_refused_before_reading(store, tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as stream:
        stream.write(TOGGL_HEADER.encode() + b"\n")
        stream.truncate(50 * 1024 * 1024 + 1)
    with pytest.raises(UserError, match="over 50 MB"):
        preview_file(path)


def test_a_big_month_previews_and_imports_in_one_go(store, tmp_path):
    rows = [
        f"Maya,m@x.com,,P,,Task {n % 40},No,2025-03-{1 + n % 28:02d},09:00:00,,,"
        f"00:0{1 + n % 9}:00,,"
        for n in range(3000)
    ]
    parsed = parse_time_export("\n".join([TOGGL_HEADER, *rows]))
    preview = build_preview(parsed)
    assert len(preview.entries) == 3000
    assert len(preview.new_tasks) == 40
    import_time_entries(preview.entries)
    audit = load_month(date(2025, 3, 1))
    assert audit.logged_minutes == preview.total_minutes
    assert sum(row.entry_count for row in audit.rows) == 3000


@pytest.mark.parametrize(
    ("text", "order", "expected"),
    [
        ("2025-03-04", DateOrder.MONTH_FIRST, date(2025, 3, 4)),
        ("04/03/2025", DateOrder.DAY_FIRST, date(2025, 3, 4)),
        ("03/04/2025", DateOrder.MONTH_FIRST, date(2025, 3, 4)),
        ("4.3.25", DateOrder.DAY_FIRST, date(2025, 3, 4)),
        ("04-03-2025", DateOrder.DAY_FIRST, date(2025, 3, 4)),
    ],
)
def test_dates_in_every_order(text, order, expected):
    assert parse_date(text, order) == expected


def test_times_12_and_24_hour():
    assert parse_time_of_day("13:05") == (13, 5, 0)
    assert parse_time_of_day("1:05:09 PM") == (13, 5, 9)
    assert parse_time_of_day("12:00 am") == (0, 0, 0)
    assert parse_time_of_day("12:30:00 p.m.") == (12, 30, 0)
    for bad in ("13:00 PM", "24:00", "9h", "10:61"):
        with pytest.raises(ValueError):
            parse_time_of_day(bad)


@given(st.integers(min_value=0, max_value=99 * 3600 + 3599))
def test_any_h_mm_ss_duration_reads_back(seconds):
    hours, rest = divmod(seconds, 3600)
    text = f"{hours}:{rest // 60:02d}:{rest % 60:02d}"
    assert parse_duration_seconds(text) == seconds


@given(st.decimals(min_value=0, max_value=48, places=2))
def test_any_decimal_duration_reads_back_with_a_point_or_a_comma(value: Decimal):
    expected = int((value * 3600).to_integral_value())
    assert parse_duration_seconds(f"{value}") == expected
    assert parse_duration_seconds(f"{value}".replace(".", ",")) == expected


# Damaged and unusual files (issue 10): every row is imported or refused with its reason.

_ROWS = [
    f"Maya,m@example.com,,Support,,Inbox {day},No,2025-03-{day:02d},09:00:00,"
    f"2025-03-{day:02d},10:00:00,01:00:00,,"
    for day in range(1, 7)
]


def _file(tmp_path, rows, line_end="\n"):
    path = tmp_path / "export.csv"
    path.write_bytes((line_end.join([TOGGL_HEADER, *rows]) + line_end).encode())
    return path


def _accounted_for(preview):
    parsed = preview.parsed
    return len(preview.entries) + len(preview.refused) + preview.duplicates == parsed.rows


def test_excel_for_mac_files_with_cr_line_ends_are_read(store, tmp_path):
    preview = preview_file(_file(tmp_path, _ROWS, "\r"))
    assert [e.task_name for e in preview.entries] == [f"Inbox {d}" for d in range(1, 7)]
    assert preview.refused == []


def test_a_stray_cr_inside_a_row_is_read_as_a_space(store, tmp_path):
    rows = [*_ROWS]
    rows[1] = rows[1].replace("Inbox 2", "Inbox\r2")
    preview = preview_file(_file(tmp_path, rows, "\r\n"))
    assert [e.task_name for e in preview.entries][:2] == ["Inbox 1", "Inbox 2"]
    assert len(preview.entries) == 6


def test_a_row_over_128_kib_is_refused_and_the_rest_imported(store, tmp_path):
    rows = [*_ROWS]
    rows[2] = rows[2].replace("Inbox 3", "x" * 140_000)
    preview = preview_file(_file(tmp_path, rows))
    assert len(preview.entries) == 5
    assert _reasons(preview) == {
        4: "The row is longer than 128 KiB: a cell this long is not a time entry or a contact."
    }
    assert preview.refused[0].text.startswith("Maya,m@example.com,,Support,,xxx")
    assert _accounted_for(preview)
    import_time_entries(preview.entries)
    assert TimeEntry.select().count() == 5


def test_an_unclosed_quote_refuses_its_row_and_the_later_rows_are_read(store, tmp_path):
    rows = [*_ROWS]
    rows[1] = rows[1].replace("Inbox 2", '"Inbox 2')
    preview = preview_file(_file(tmp_path, rows))
    assert [e.task_name for e in preview.entries] == [
        "Inbox 1",
        *(f"Inbox {d}" for d in (3, 4, 5, 6)),
    ]
    assert 'A quote (") opens in this row and never closes' in _reasons(preview)[3]
    assert _accounted_for(preview)


def test_two_stray_quotes_never_join_the_rows_between_them(store, tmp_path):
    rows = [*_ROWS]
    rows[1] = rows[1].replace(",Inbox 2,", ',"Inbox 2,')
    rows[4] = rows[4].replace(",Inbox 5,", ',Inbox" 5,')
    preview = preview_file(_file(tmp_path, rows))
    reasons = _reasons(preview)
    assert "closes only on line 6" in reasons[3]
    assert [e.task_name for e in preview.entries] == [
        "Inbox 1",
        "Inbox 3",
        "Inbox 4",
        'Inbox" 5',
        "Inbox 6",
    ]
    assert _accounted_for(preview)


def test_a_cell_in_quotes_may_hold_line_breaks(store, tmp_path):
    rows = [*_ROWS]
    rows[0] = rows[0].replace(",Inbox 1,", ',"Inbox 1\nfirst pass",')
    preview = preview_file(_file(tmp_path, rows, "\r\n"))
    assert preview.entries[0].task_name == "Inbox 1 first pass"
    assert preview.refused == []


def test_a_4400_digit_duration_is_refused_in_words(store):
    from desktop_app.models.errors import ValidationError
    from desktop_app.models.tasks import parse_entry_duration

    with pytest.raises(ValidationError, match="is not a duration"):
        parse_entry_duration("9" * 4400)
    with pytest.raises(ValueError, match="is not a duration"):
        parse_duration_seconds("9" * 4400 + ":00")
