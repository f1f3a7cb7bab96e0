"""The focus figures on a data set where the answer is known (issue 18)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from desktop_app.importers.results_csv import parse_month_cell, read_results_csv
from desktop_app.models.briefs import BriefTask
from desktop_app.models.errors import ValidationError
from desktop_app.models.focus import (
    add_priority,
    focus_report,
    growth_reason,
    growth_tasks,
    priorities_of,
    set_area_growth,
    set_task_growth,
    update_priority,
    week_of,
)
from desktop_app.models.hiring import hire
from desktop_app.models.results import (
    hours_freed_by_month,
    import_results,
    restore_results,
    results_of,
    results_over_time,
    set_result,
)
from desktop_app.models.tasks import Task, TimeEntry, create_task, update_task
from tests.conftest import BOTH_ENGINES
from tests.engagement_helpers import brief, contractor

pytestmark = BOTH_ENGINES

TODAY = date(2026, 12, 9)  # a Wednesday
FIRST_HIRE = date(2026, 11, 2)  # a Monday
SECOND_HAND_OFF = date(2026, 11, 23)


def _log(task_id, monday, minutes, weekday=1):
    TimeEntry.create(task=task_id, date=monday + timedelta(days=weekday), minutes=minutes)


@pytest.fixture
def known_weeks(store):
    """Four weeks of audit in October, a hire on 2 Nov, a task handed off on
    its own on 23 Nov, a week with nothing logged between.

    Growth work: Planner design (unique input), Wholesale (its area, sales,
    is marked), Strategy (marked on its own though repetitive). Not growth:
    Bookkeeping (knowledge), Newsletter (unique input, but marked not growth).
    """
    planner = create_task("Planner design", area="content", need="unique")
    wholesale = create_task("Wholesale", area="sales", need="repetitive")
    strategy = create_task("Strategy", area="admin", need="repetitive")
    books = create_task("Bookkeeping", area="finance", need="knowledge")
    newsletter = create_task("Newsletter", area="content", need="unique")
    social = create_task(
        "Social media", area="marketing", need="repetitive", monthly_estimate_minutes=240
    )
    set_area_growth("sales", True)
    set_task_growth(strategy, True)
    set_task_growth(newsletter, False)
    for monday in (date(2026, 10, 5), date(2026, 10, 12), date(2026, 10, 19), date(2026, 10, 26)):
        _log(planner, monday, 120)
        _log(books, monday, 60)
        _log(newsletter, monday, 90)
        _log(social, monday, 30)
    brief_id = brief("Bookkeeping")
    BriefTask.create(brief=brief_id, task=books)
    hire(contractor("Ana"), brief_id, FIRST_HIRE, "35", 7)
    for monday in (date(2026, 11, 2), date(2026, 11, 9)):
        _log(planner, monday, 240)
        _log(wholesale, monday, 60, weekday=3)
    _log(books, date(2026, 11, 9), 30)  # not let go yet
    # Nothing logged in the week of 16 Nov (a holiday): it says nothing.
    update_task(social, {"status": "handed_off", "handed_off_on": SECOND_HAND_OFF})
    for monday in (date(2026, 11, 23), date(2026, 11, 30)):
        _log(planner, monday, 300)
        _log(strategy, monday, 60, weekday=4)
    _log(books, date(2026, 11, 30), 45)
    _log(planner, date(2026, 12, 7), 90, weekday=0)
    _log(strategy, date(2026, 12, 7), 30, weekday=2)
    return {"planner": planner, "books": books, "social": social, "strategy": strategy}


def test_what_counts_as_growth_work(known_weeks):
    assert [(t.name, t.reason) for t in growth_tasks()] == [
        ("Planner design", "your unique input"),
        ("Strategy", "marked growth work"),
        ("Wholesale", "area Sales is growth work"),
    ]
    assert growth_reason(None, False, "admin", "repetitive") is None
    assert growth_reason(False, True, "sales", "unique") is None  # the task's own mark wins


def test_the_focus_figures_on_known_weeks(known_weeks):
    report = focus_report(TODAY)
    assert report.this_week == date(2026, 12, 7)
    assert report.this_week_minutes == 120
    assert report.this_week_hours == Decimal("2.0")
    assert report.first_hire == FIRST_HIRE
    # Four October weeks of 120 min of planner design.
    assert (report.before_first_hire.hours, report.before_first_hire.weeks) == (Decimal("2.0"), 4)

    first, second = report.hand_offs
    assert first.hand_off.day == FIRST_HIRE
    assert first.hand_off.label == "Ana: Bookkeeping"
    assert (first.before.hours, first.before.weeks) == (Decimal("2.0"), 4)
    # 2 and 9 Nov: 240 + 60 min a week; 16 Nov had no entries and does not count.
    assert (first.after.hours, first.after.weeks) == (Decimal("5.0"), 2)
    assert first.change_minutes == Decimal(180)
    per_task = {t.name: (t.before.minutes, t.after.minutes) for t in first.tasks}
    assert per_task["Planner design"] == (Decimal(120), Decimal(240))
    assert per_task["Wholesale"] == (Decimal(0), Decimal(60))

    assert second.hand_off.label == "Social media"
    assert (second.before.hours, second.before.weeks) == (Decimal("5.0"), 2)
    # 23 and 30 Nov: 300 + 60 min; this week, in progress, is not averaged.
    assert (second.after.hours, second.after.weeks) == (Decimal("6.0"), 2)

    assert [(n.task_name, n.week, n.minutes) for n in report.not_let_go] == [
        ("Bookkeeping", date(2026, 11, 30), 45),
        ("Bookkeeping", date(2026, 11, 9), 30),
    ]
    assert report.not_let_go_minutes == 75


def test_before_any_hire_there_is_no_comparison(store):
    planner = create_task("Planner design", area="content", need="unique")
    _log(planner, date(2026, 12, 7), 60, weekday=0)
    report = focus_report(TODAY)
    assert report.first_hire is None
    assert report.before_first_hire.minutes is None
    assert report.this_week_minutes == 60
    assert report.hand_offs == []


def test_three_growth_priorities_a_week_at_most(store):
    ids = [
        add_priority(TODAY, text)
        for text in ("Launch the 2027 planner", "Pitch two shops", "Plan the spring sale")
    ]
    with pytest.raises(ValidationError) as refused:
        add_priority(TODAY + timedelta(days=2), "A fourth")
    assert "Three priorities a week at most" in str(refused.value)
    with pytest.raises(ValidationError):
        add_priority(TODAY, "  ")
    assert [p.text for p in priorities_of(week_of(TODAY))] == [
        "Launch the 2027 planner",
        "Pitch two shops",
        "Plan the spring sale",
    ]
    assert update_priority(ids[0], {"done_on": TODAY}) == {"done_on": None}
    # Next week starts empty.
    add_priority(TODAY + timedelta(days=7), "Wholesale catalogue")
    assert len(priorities_of(TODAY + timedelta(days=7))) == 1


def test_results_over_time_beside_hours_freed_and_spend(known_weeks):
    assert set_result("Revenue", date(2026, 11, 14), "12 400") is None
    assert set_result("Revenue", date(2026, 11, 1), "13 100,50") == Decimal("12400.00")
    previous = import_results("Revenue", {date(2026, 10, 1): "9800", date(2026, 11, 1): "13000"})
    assert previous == {date(2026, 10, 1): None, date(2026, 11, 1): Decimal("13100.50")}
    restore_results("Revenue", previous)
    assert results_of("Revenue") == {date(2026, 11, 1): Decimal("13100.50")}
    with pytest.raises(ValidationError):
        set_result("Revenue", date(2026, 11, 1), "a lot")

    Task.update(monthly_estimate_minutes=300).where(Task.id == known_weeks["books"]).execute()
    freed = hours_freed_by_month([date(2026, 10, 1), date(2026, 11, 1), date(2026, 12, 1)])
    # Bookkeeping (5 h) from November; social media (4 h) from 23 Nov.
    assert list(freed.values()) == [Decimal("0.0"), Decimal("9.0"), Decimal("9.0")]
    months = results_over_time("Revenue", TODAY, months=3)
    assert [m.month for m in months] == [date(2026, 10, 1), date(2026, 11, 1), date(2026, 12, 1)]
    assert [m.value for m in months] == [None, Decimal("13100.50"), None]
    # Ana's $35 an hour on the 4 h of bookkeeping logged in October, the
    # whole month before: estimated, nothing was paid.
    assert months[1].spend.amount == Decimal("140.00") and months[1].estimated
    assert months[0].spend.amount == Decimal("0.00")  # before the hire


def test_results_from_a_csv_each_row_read_or_refused_with_why(store, tmp_path):
    path = tmp_path / "revenue.csv"
    path.write_text(
        "Month;Revenue\n2026-01;€ 12.400,50\nFeb 2026;13 100\n03/2026;lots\n"
        "April 2026;\nsomeday;10\n2026-01-01;99\n2026-05;-300\n",
        encoding="utf-8",
    )
    found = read_results_csv(path)
    assert found.name == "Revenue"
    assert found.values == {
        date(2026, 1, 1): Decimal("12400.50"),
        date(2026, 2, 1): Decimal("13100.00"),
        date(2026, 5, 1): Decimal("-300.00"),
    }
    assert [line for line, _ in found.refused] == [4, 5, 6, 7]
    assert "not a number" in found.refused[0][1]
    assert "No value for April 2026" in found.refused[1][1]
    assert "“someday” is not a month" in found.refused[2][1]
    assert "twice" in found.refused[3][1]
    import_results(found.name, found.values)
    assert results_of("Revenue")[date(2026, 2, 1)] == Decimal("13100.00")
    assert [parse_month_cell(t) for t in ("2026/7", "7/2026", "Sept. 2026", "2026 March")] == [
        date(2026, 7, 1),
        date(2026, 7, 1),
        date(2026, 9, 1),
        date(2026, 3, 1),
    ]
