"""Tasks and time entries through the models' functions, on a real SQLite file."""

import logging
from datetime import date
from decimal import Decimal

import pytest

from desktop_app.models.errors import ValidationError
from desktop_app.models.settings import Settings, save_settings
from desktop_app.models.snapshots import restore
from desktop_app.models.tasks import (
    NewEntry,
    Override,
    Task,
    TimeEntry,
    add_time_entry,
    create_task,
    delete_imported,
    delete_task,
    find_task_id,
    import_time_entries,
    load_month,
    log_time,
    monthly_outsourcing_summary,
    months_with_entries,
    parse_entry_duration,
    parse_month,
    parse_monthly_hours,
    task_values,
    update_task,
    update_time_entry,
)
from tests.conftest import BOTH_ENGINES

pytestmark = BOTH_ENGINES

MARCH = date(2025, 3, 1)


@pytest.fixture
def settings(store):
    save_settings(Settings(hourly_value=Decimal("80"), buyback_divisor=Decimal("4")))


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("45", 45), ("1:30", 90), ("0:05", 5), ("1h30", 90), ("1.5h", 90), ("1,5h", 90), ("90m", 90)],
)
def test_durations_as_people_type_them(text, minutes):
    assert parse_entry_duration(text) == minutes


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0", "at least one minute"),
        ("0:00", "at least one minute"),
        ("-15", "cannot be negative"),
        ("-1:00", "cannot be negative"),
        ("24:01", "more than 24 hours"),
        ("1441", "more than 24 hours"),
        ("", "How long"),
        ("soon", "not a duration"),
        ("1:75", "not a duration"),
    ],
)
def test_bad_durations_are_refused_with_a_reason(text, message):
    with pytest.raises(ValidationError, match=message) as refused:
        parse_entry_duration(text)
    assert refused.value.field == "minutes"


def test_monthly_hours_and_months_parse():
    assert parse_monthly_hours("6") == 360
    assert parse_monthly_hours("6,5") == 390
    assert parse_monthly_hours("6:30") == 390
    assert parse_monthly_hours("") is None
    with pytest.raises(ValidationError, match="not a number of hours"):
        parse_monthly_hours("lots")
    with pytest.raises(ValidationError, match="at most 744 hours"):
        parse_monthly_hours("800")
    assert parse_month("2025-03") == MARCH
    for bad in ("2025-13", "March", "25-03"):
        with pytest.raises(ValidationError, match="not a month"):
            parse_month(bad)


def test_a_task_needs_a_unique_name_ignoring_case_and_accents(store):
    create_task("Réseaux sociaux")
    with pytest.raises(ValidationError, match="already exists") as refused:
        create_task("  reseaux   SOCIAUX ")
    assert refused.value.field == "name"
    with pytest.raises(ValidationError, match="needs a name"):
        create_task("   ")
    assert Task.select().count() == 1


def test_every_bad_field_is_named_and_nothing_changes(store):
    task_id = create_task("Bookkeeping")
    before = task_values(task_id)
    with pytest.raises(ValidationError) as refused:
        update_task(
            task_id,
            {"dislike": 9, "contractor_rate": "-5", "area": "space", "name": ""},
        )
    assert set(refused.value.errors) == {"dislike", "contractor_rate", "area", "name"}
    assert task_values(task_id) == before


def test_a_new_task_takes_its_status_from_the_rules(store):
    assert Task.get_by_id(create_task("Inbox", need="repetitive")).status == "candidate"
    assert Task.get_by_id(create_task("Design", need="unique")).status == "logged"
    kept = create_task("Newsletter", need="knowledge", override="keep")
    assert Task.get_by_id(kept).status == "kept"


def test_changing_the_need_or_the_override_moves_the_status(store):
    task_id = create_task("Design", need="unique")
    update_task(task_id, {"need": "expertise"})
    assert Task.get_by_id(task_id).status == "candidate"
    update_task(task_id, {"override": "keep"})
    assert Task.get_by_id(task_id).status == "kept"
    update_task(task_id, {"override": ""})
    assert Task.get_by_id(task_id).status == "candidate"


def test_choosing_a_status_moves_the_override_with_it(store):
    task_id = create_task("Design", need="unique")
    update_task(task_id, {"status": "candidate"})
    assert task_values(task_id)["override"] == Override.OUTSOURCE
    update_task(task_id, {"status": "kept"})
    assert (task_values(task_id)["override"], task_values(task_id)["status"]) == ("keep", "kept")
    inbox = create_task("Inbox", need="repetitive")
    with pytest.raises(ValidationError, match="the rules make it a candidate"):
        update_task(inbox, {"status": "logged"})


def test_a_task_handed_off_keeps_its_latest_month_as_its_estimate(store):
    task_id = create_task("Photo editing", need="expertise")
    add_time_entry(task_id, date(2025, 2, 3), 120)
    add_time_entry(task_id, date(2025, 3, 4), 200)
    add_time_entry(task_id, date(2025, 3, 20), 100)
    update_task(task_id, {"status": "handed_off"})
    assert task_values(task_id)["monthly_estimate_minutes"] == 300
    april = load_month(date(2025, 4, 1))
    assert april.handed_off_minutes == 300


def test_time_entries_refuse_zero_negative_and_days_over_24_hours(store):
    task_id = create_task("Inbox")
    other = create_task("Orders")
    for minutes in (0, -30, 1441):
        with pytest.raises(ValidationError):
            add_time_entry(task_id, MARCH, minutes)
    add_time_entry(task_id, MARCH, 1000)
    with pytest.raises(ValidationError, match="more than 24 hours on Mar 1, 2025"):
        add_time_entry(other, MARCH, 441)
    entry = add_time_entry(other, MARCH, 440)
    with pytest.raises(ValidationError, match="more than 24 hours"):
        update_time_entry(entry, {"minutes": 500})
    with pytest.raises(ValidationError, match="not a date"):
        add_time_entry(task_id, "2025-02-30", 30)
    assert TimeEntry.select().count() == 2


def test_logging_time_by_a_new_name_creates_the_task_in_the_same_transaction(store):
    entry_id, created = log_time("Pinterest pins", MARCH, 30)
    assert created == find_task_id("pinterest PINS")
    assert TimeEntry.get_by_id(entry_id).task_id == created
    with pytest.raises(ValidationError):
        log_time("Ads", MARCH, 0)
    assert find_task_id("Ads") is None
    _, again = log_time("Pinterest pins", MARCH, 15)
    assert again is None


def test_a_month_takes_hours_from_its_entries_else_the_estimate(store, settings):
    inbox = create_task("Inbox", need="repetitive", dislike=4, pull_away=4)
    taxes = create_task(
        "Sales tax",
        need="knowledge",
        owner_has_expertise=False,
        dislike=3,
        pull_away=3,
        monthly_estimate_minutes=180,
    )
    design = create_task("Design", need="unique")
    add_time_entry(inbox, date(2025, 3, 3), 90)
    add_time_entry(inbox, date(2025, 3, 31), 30)
    add_time_entry(inbox, date(2025, 4, 1), 600)  # next month
    add_time_entry(design, date(2025, 3, 5), 240)
    audit = load_month(date(2025, 3, 17))
    rows = {row.name: row for row in audit.rows}
    assert audit.month == MARCH
    assert (rows["Inbox"].minutes, rows["Inbox"].entry_count, rows["Inbox"].from_estimate) == (
        120,
        2,
        False,
    )
    assert (rows["Sales tax"].minutes, rows["Sales tax"].from_estimate) == (180, True)
    assert rows["Inbox"].score == Decimal("8.0")  # 2 h × 4 × 1
    assert rows["Sales tax"].score == Decimal("13.5")  # 3 h × 3 × 1.5
    assert rows["Design"].score is None
    assert rows["Design"].buy_back is None
    # No contractor rate: figured at the buyback rate, 80 / 4 = 20.
    assert rows["Inbox"].buy_back == Decimal("120.00")  # 2 × 80 − 2 × 20
    assert (audit.open_minutes, audit.open_tasks, audit.open_worth) == (300, 2, Decimal("400.00"))
    assert audit.logged_minutes == 360
    assert {a.area: (a.candidate_minutes, a.other_minutes) for a in audit.area_hours} == {
        "other": (300, 240)
    }
    assert taxes in {row.id for row in audit.rows}


def test_a_month_loads_with_the_same_few_queries_whatever_the_number_of_tasks(store):
    def queries_for_month() -> int:
        # Peewee logs each statement it runs (on either engine) at DEBUG.
        statements: list[str] = []
        handler = logging.Handler()
        handler.emit = lambda record: statements.append(str(record.msg[0]))  # type: ignore[method-assign,index]
        peewee_log = logging.getLogger("peewee")
        level = peewee_log.level
        peewee_log.addHandler(handler)
        peewee_log.setLevel(logging.DEBUG)
        try:
            load_month(MARCH)
        finally:
            peewee_log.removeHandler(handler)
            peewee_log.setLevel(level)
        return len([s for s in statements if s.lstrip().upper().startswith("SELECT")])

    for number in range(3):
        add_time_entry(create_task(f"Task {number}"), MARCH, 30)
    few = queries_for_month()
    for number in range(3, 120):
        add_time_entry(create_task(f"Task {number}"), MARCH, 5)
    # The tasks, the period's sums, the hours logged since a hand-off.
    assert queries_for_month() == few <= 4


def test_the_overview_summary_of_a_month(store, settings):
    handed = create_task("Photo editing", need="expertise", monthly_estimate_minutes=540)
    update_task(handed, {"status": "handed_off"})
    inbox = create_task("Inbox", need="repetitive")
    briefed = create_task("Video editing", need="expertise")
    update_task(briefed, {"status": "briefed"})
    kept = create_task("Newsletter", need="knowledge", override="keep")
    mine = create_task("Design", need="unique")
    for task_id in (inbox, briefed, kept, mine):
        add_time_entry(task_id, date(2025, 3, 10), 120)
    summary = monthly_outsourcing_summary(date(2025, 3, 10))
    assert summary.month == MARCH
    assert (summary.handed_off_minutes, summary.handed_off_tasks) == (540, 1)
    assert summary.handed_off_hours == Decimal("9.0")
    # Candidates not handed off yet: the inbox and the briefed task.
    assert (summary.open_minutes, summary.open_tasks) == (240, 2)
    assert summary.open_hours == Decimal("4.0")
    assert summary.open_worth == Decimal("320.00")  # 4 h × 80
    assert (summary.currency, summary.hourly_value) == ("USD", Decimal("80"))


def test_deleting_a_task_takes_its_entries_and_restore_puts_them_back(store):
    task_id = create_task("Inbox")
    for day in range(1, 11):
        add_time_entry(task_id, date(2025, 3, day), 30)
    snapshot = delete_task(task_id)
    assert TimeEntry.select().count() == 0
    restore(snapshot)
    assert TimeEntry.select().count() == 10
    assert Task.get_by_id(task_id).name == "Inbox"


def test_an_import_stores_once_and_can_be_taken_back_exactly(store):
    existing = create_task("Bookkeeping")
    entries = [
        NewEntry("bookkeeping", MARCH, 60, "", "k1"),
        NewEntry("Social media posts", MARCH, 30, "Instagram", "k2", area="marketing"),
        NewEntry("Social media posts", date(2025, 3, 2), 45, "", "k3", area="marketing"),
    ]
    outcome = import_time_entries(entries)
    assert len(outcome.entry_ids) == 3
    assert len(outcome.task_ids) == 1
    social = Task.get_by_id(outcome.task_ids[0])
    assert (social.name, social.area) == ("Social media posts", "marketing")
    assert TimeEntry.select().where(TimeEntry.task == existing).count() == 1
    again = import_time_entries(entries)
    assert (again.entry_ids, again.task_ids, again.duplicates) == ([], [], 3)

    snapshot = delete_imported(outcome)
    assert TimeEntry.select().count() == 0
    assert [task.name for task in Task.select()] == ["Bookkeeping"]
    restore(snapshot)
    assert TimeEntry.select().count() == 3
    assert Task.get_by_id(social.id).name == "Social media posts"


def test_months_with_entries_most_recent_first(store):
    task_id = create_task("Inbox")
    for day in (date(2025, 1, 5), date(2025, 3, 1), date(2025, 3, 9)):
        add_time_entry(task_id, day, 10)
    assert months_with_entries() == [MARCH, date(2025, 1, 1)]


def test_months_with_entries_across_years_gaps_and_month_ends(store):
    # Read a month at a time from the date index (issue 13): the first and last
    # day of a month, a year's turn and empty months in between.
    assert months_with_entries() == []
    task_id = create_task("Inbox")
    days = [date(2023, 12, 31), date(2024, 1, 1), date(2024, 2, 29), date(2024, 11, 30)]
    days += [date(2025, 3, 1), date(2025, 3, 31), date(2025, 3, 15)]
    for day in days:
        add_time_entry(task_id, day, 10)
    expected = sorted({day.replace(day=1) for day in days}, reverse=True)
    assert months_with_entries() == expected
    assert expected[0] == MARCH and expected[-1] == date(2023, 12, 1)
