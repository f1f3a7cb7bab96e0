"""The demo's time audit: a believable two months of an online shop owner's work."""

from datetime import date, timedelta

from desktop_app.demo import DEMO_MODULES, fill_demo_data
from desktop_app.models.tasks import (
    TimeEntry,
    load_month,
    monthly_outsourcing_summary,
    previous_month,
)

TODAY = date(2026, 3, 18)


def test_the_demo_holds_a_believable_month_of_work(store):
    assert "desktop_app.demo.time_audit" in DEMO_MODULES
    fill_demo_data(TODAY)
    last_month = load_month(previous_month(TODAY.replace(day=1)))
    rows = {row.name: row for row in last_month.rows}
    assert 15 <= len(rows) <= 20
    # The Briefs demo links to these three by name.
    assert {"Bookkeeping", "Customer support inbox", "Social media posts"} <= set(rows)
    assert {rows[name].candidate for name in ("Bookkeeping", "Customer support inbox")} == {True}
    statuses = [row.status for row in last_month.rows]
    # Photo editing and Pinterest pins since the summer; Etsy listings since
    # the Engagements demo's trial began.
    handed_off = {row.name for row in last_month.rows if row.status == "handed_off"}
    assert handed_off == {"Product photo editing", "Pinterest pins", "Etsy listing updates"}
    assert 1 <= statuses.count("kept") <= 2
    assert len({row.area for row in last_month.rows}) >= 6
    assert 100 * 60 < last_month.logged_minutes < 220 * 60

    worked_days = {day for (day,) in TimeEntry.select(TimeEntry.date).distinct().tuples()}
    first = previous_month(TODAY.replace(day=1))
    weekdays = [
        first + timedelta(days=n)
        for n in range((TODAY - first).days + 1)
        if (first + timedelta(days=n)).weekday() < 5
    ]
    assert sum(day in worked_days for day in weekdays) / len(weekdays) > 0.9
    assert max(worked_days) <= TODAY

    summary = monthly_outsourcing_summary(TODAY)
    assert summary.open_tasks >= 8
    assert summary.handed_off_minutes > 0
