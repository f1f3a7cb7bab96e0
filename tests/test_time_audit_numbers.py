"""The time audit's figures: the period they sum up, what counts as handed off
and as a candidate, new tasks left unrated; the tab and the Overview agree."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from desktop_app.models.briefs import BriefTask
from desktop_app.models.hiring import hire
from desktop_app.models.settings import Settings, save_settings
from desktop_app.models.tasks import Task, add_time_entry, create_task, load_month
from desktop_app.views.time_audit.task_table import NAME, NEED, STATUS
from tests.engagement_helpers import brief, contractor

TODAY = date.today()
TODAY_FOLLOWS_THE_CLOCK = True  # conftest.py sets TODAY as each test starts
RATED = {"dislike": 4, "pull_away": 4, "business_value": 3, "owner_has_expertise": True}


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def _names(page):
    return [page.proxy.index(row, NAME).data() for row in range(page.proxy.rowCount())]


def _cell(page, name, column):
    for row in range(page.proxy.rowCount()):
        if page.proxy.index(row, NAME).data() == name:
            return page.proxy.index(row, column)
    raise AssertionError(f"{name} is not shown")


# The period --------------------------------------------------------------------


def test_on_the_first_of_a_month_the_audit_sums_up_the_last_30_days(store):
    from desktop_app.models.tasks import audit_period, month_period

    first = date(2026, 6, 1)
    inbox = create_task("Support inbox", need="repetitive", **RATED)
    day = date(2026, 4, 1)
    while day <= first:
        add_time_entry(inbox, day, 60)
        day += timedelta(days=1)
    period = audit_period(first)
    assert period.rolling and period.label == "Last 30 days"
    assert (period.start, period.end) == (date(2026, 5, 3), date(2026, 6, 2))
    assert load_month(period).open_minutes == 30 * 60  # not the one day of June
    assert load_month(month_period(first)).open_minutes == 60


def test_the_tab_and_the_overview_open_on_a_month_of_data(window, qtbot):
    save_settings(Settings(hourly_value=Decimal("80")))
    inbox = create_task("Support inbox", need="repetitive", **RATED)
    for days in range(60):  # an hour every day for two months, up to today
        add_time_entry(inbox, ago(days), 60)
    page = window.show_tab("time_audit").page()
    assert page.month_edit.currentText() == "Last 30 days"
    assert page.headline.text() == "30.0 h/month could be handed off, worth $2,400.00"
    overview = window.show_tab("overview").page()
    overview.refresh()
    assert overview.tiles["worth"].value_label.text() == "30 h"
    assert "in the last 30 days" in overview.tiles["worth"].toolTip()
    # A calendar month is one pick away, and says so.
    window.show_tab("time_audit")
    page.month_edit.setCurrentIndex(1)
    page.month_edit.activated.emit(1)
    assert (page.period.rolling, page.month) == (False, TODAY.replace(day=1))
    assert page.headline.text().startswith(f"{TODAY.day}.0 h/month")


# Handed off --------------------------------------------------------------------


@pytest.fixture
def handed_off(store):
    """Etsy listings, handed off to Nadia 20 days ago (4 h a month); the owner
    logged 2 h before that and 3 h since."""
    save_settings(Settings(hourly_value=Decimal("80")))
    listings = create_task(
        "Etsy listing updates", need="repetitive", monthly_estimate_minutes=240, **RATED
    )
    add_time_entry(listings, ago(25), 120)
    add_time_entry(listings, ago(10), 90)
    add_time_entry(listings, ago(3), 90)
    brief_id = brief("Etsy listings")
    BriefTask.create(brief=brief_id, task=listings)
    hire(contractor("Nadia"), brief_id, ago(20), "15", 7)
    # The owner is logging this month: the audit sums up the last 30 days.
    add_time_entry(create_task("Planner design", need="unique", **RATED), TODAY, 60)
    return listings


def test_hours_the_owner_logs_after_a_hand_off_are_flagged_not_counted(window, handed_off, qtbot):
    from desktop_app.models.tasks import audit_period

    assert Task.get_by_id(handed_off).handed_off_on == ago(20)
    audit = load_month(audit_period(TODAY))
    assert (audit.handed_off_minutes, audit.still_yours_minutes) == (240, 180)

    page = window.show_tab("time_audit").page()
    assert "4.0 h/month already handed off" in page.detail.text()
    assert page.still_yours_flag.isVisible()
    assert page.still_yours_flag.text().startswith(
        "You still did 3.0 h of handed-off work yourself in the last 30 days: "
        "Etsy listing updates (3.0 h)."
    )
    assert _cell(page, "Etsy listing updates", STATUS).data() == "Handed off · you still did 3.0 h"

    overview = window.show_tab("overview").page()
    overview.refresh()
    tile = overview.tiles["handed_off"]
    assert tile.value_label.text() == "4 h"  # the estimate, not the owner's 5 h
    assert tile.flag_label.isVisible()
    assert tile.flag_label.text() == "You still did 3 h of it yourself in the last 30 days"


# Candidates ---------------------------------------------------------------------


def test_a_candidate_with_no_hours_in_the_period_is_not_counted(window, qtbot):
    inbox = create_task("Support inbox", need="repetitive", **RATED)
    create_task("Sales tax filings", need="knowledge", **RATED)  # nothing logged, no estimate
    add_time_entry(inbox, TODAY, 45)
    page = window.show_tab("time_audit").page()
    assert page.detail.text().startswith("1 candidate with hours in the last 30 days · 0.8 h")
    qtbot.mouseClick(page.candidates_only, Qt.MouseButton.LeftButton)
    assert _names(page) == ["Support inbox"]
    overview = window.show_tab("overview").page()
    overview.refresh()
    assert "1 candidate task" in overview.tiles["worth"].toolTip()


# New tasks start unrated ---------------------------------------------------------


def test_a_new_task_is_not_rated_and_the_tab_asks_for_its_ratings(window, qtbot):
    inbox = create_task("Support inbox", need="repetitive", **RATED)
    add_time_entry(inbox, TODAY, 60)
    page = window.show_tab("time_audit").page()
    assert not page.rate_prompt.isVisible()
    page.form.set_task("Bookkeeping for May")
    qtbot.keyClicks(page.form.duration_edit, "1:30")
    qtbot.keyClick(page.form.duration_edit, Qt.Key.Key_Return)
    stored = Task.get(Task.name == "Bookkeeping for May")
    assert (stored.need, stored.dislike, stored.pull_away, stored.business_value) == (
        None,
        None,
        None,
        None,
    )
    assert stored.owner_has_expertise is None and stored.status == "logged"
    # Not a candidate: the figures are those of the support inbox alone.
    assert page.headline.text().startswith("1.0 h/month could be handed off")
    assert _cell(page, "Bookkeeping for May", NEED).data() == (
        "Rate it (maybe specialized knowledge)"
    )
    assert _cell(page, "Bookkeeping for May", STATUS).data() == "Logged"
    assert page.rate_prompt.isVisible()
    assert "1 task not rated yet" in page.rate_prompt.text()
    # The prompt's link opens the Needs editor on the name's suggestion.
    page.rate_prompt.linkActivated.emit(f"rate:{stored.id}")
    combos = [w for w in page.table.viewport().findChildren(QComboBox) if w.isVisible()]
    assert len(combos) == 1
    assert combos[0].currentText() == "Specialized knowledge"
    combos[0].activated.emit(combos[0].currentIndex())
    qtbot.waitUntil(lambda: Task.get_by_id(stored.id).need == "knowledge")
    assert "Bookkeeping for May" in _names(page)


def test_new_task_button_makes_an_unrated_task(window, qtbot):
    page = window.show_tab("time_audit").page()
    qtbot.mouseClick(page.new_task_button, Qt.MouseButton.LeftButton)
    editor = next(w for w in page.table.viewport().findChildren(QLineEdit) if w.isVisible())
    editor.selectAll()
    qtbot.keyClicks(editor, "Instagram posts")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: Task.select().where(Task.name == "Instagram posts").exists())
    task = Task.get(Task.name == "Instagram posts")
    assert task.need is None and task.status == "logged"
    assert page.rate_prompt.isVisible()
