"""The Overview: its figures on a known database, and every line leading somewhere."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from desktop_app.models.briefs import Brief, BriefTask
from desktop_app.models.contractors import Contractor, StageChange
from desktop_app.models.engagements import add_feedback
from desktop_app.models.formats import day as format_day
from desktop_app.models.formats import weekday_day
from desktop_app.models.hiring import hire
from desktop_app.models.overview import load_overview
from desktop_app.models.settings import Settings, save_settings
from desktop_app.models.tasks import add_time_entry, create_task
from tests.engagement_helpers import brief, contractor, report

TODAY = date.today()
TODAY_FOLLOWS_THE_CLOCK = True  # conftest.py sets TODAY as each test starts


def _ago(days: int) -> date:
    return TODAY - timedelta(days=days)


@pytest.fixture
def known(store):
    """A small business whose figures are known by hand (today's month).

    - Time audit: "Invoices" (candidate, 6 h this month, at $80 an hour worth
      $480) and "Photo retouching", handed off through a hiring (3 h estimate).
      "Planner design" is the owner's own work (unique input, not a candidate).
    - Engagements: Ana retouches photos at $30/hour (3 h a month: $90), hired
      20 days ago, weekly, last report 10 days ago: 3 days overdue; confidence
      fell from 5 to 2. Ben posts on social media at $500/month, reported
      yesterday, fortnightly: not due this week.
    - Briefs: "Support inbox" in draft, with no deadline (clarity findings).
    - Contractors: Cleo interviewing since 4 days ago; Dev a prospect.
    """
    save_settings(Settings(owner_name="Maya Lind", currency="USD", hourly_value=Decimal("80")))
    invoices = create_task("Invoices", need="repetitive")
    for day in range(3):  # in the last 30 days, the period the Overview sums up
        add_time_entry(invoices, _ago(day), 120)
    photos = create_task("Photo retouching", need="expertise", monthly_estimate_minutes=180)
    create_task("Planner design", need="unique")

    photo_brief = brief("Photo retouching", skills="photo editing")
    BriefTask.create(brief=photo_brief, task=photos)
    ana = hire(contractor("Ana"), photo_brief, _ago(20), "30", 7, status="active").engagement_id
    report(ana, _ago(10))
    for day, confidence in ((15, 5), (12, 5), (2, 2)):
        add_feedback(ana, _ago(day), deliverable="Batch", on_time=True, quality=3,
                     communication=3, confidence=confidence)  # fmt: skip
    ben = hire(
        contractor("Ben", email="ben@example.com"), brief("Social posts", skills="social"),
        _ago(30), "500", 14, rate_unit="month", status="active",
    ).engagement_id  # fmt: skip
    report(ben, _ago(1))

    brief("Support inbox", status="draft")
    cleo = contractor("Cleo", email="cleo@example.com")
    four_days_ago = datetime.combine(_ago(4), datetime.min.time())
    StageChange.create(contractor=cleo, to_stage="interviewing", changed_at=four_days_ago)
    contractor("Dev", email="dev@example.com", stage="prospect")
    return {"ana": ana, "ben": ben, "cleo": cleo}


def test_the_figures_on_a_known_database(known):
    overview = load_overview(TODAY)
    summary = overview.outsourcing
    assert (summary.handed_off_minutes, summary.handed_off_tasks) == (180, 1)
    assert (summary.open_minutes, summary.open_tasks) == (360, 1)
    assert summary.open_worth == Decimal("480")
    # Nothing paid yet: estimated from the rates, 30 x 3 h + 500.
    assert overview.spend.spend == {"USD": Decimal("590.00")}
    assert overview.spend.estimated == {"USD": Decimal("590.00")}
    assert [row.contractor_name for row in overview.check_ins_due] == ["Ana"]
    assert overview.check_ins_due[0].overdue_days == 3
    assert [row.contractor_name for row in overview.confidence_watch] == ["Ana"]
    assert overview.confidence_watch[0].trend.lost
    assert [(d.title, d.open_findings > 0) for d in overview.drafts] == [("Support inbox", True)]
    assert [(w.name, w.stage, w.since.date()) for w in overview.waiting] == [
        ("Cleo", "interviewing", _ago(4))
    ]
    assert not overview.is_empty


@pytest.fixture
def overview_page(window, known, qtbot):
    page = window.show_tab("overview").page()
    page.refresh()
    return page


def test_the_page_shows_those_figures(overview_page):
    tiles = overview_page.tiles
    assert tiles["handed_off"].value_label.text() == "3 h"
    assert tiles["worth"].value_label.text() == "6 h"
    assert "worth $480 of your time" in tiles["worth"].detail_label.text()
    assert tiles["handed_off"].detail_label.text() == (
        "1 task in the last 30 days · 2% of your working month"  # 3 h of 160
    )
    assert not tiles["handed_off"].flag_label.isVisible()
    assert tiles["spend"].value_label.text() == "$590"
    assert tiles["due"].value_label.text() == "1"
    assert tiles["due"].detail_label.text() == "1 overdue"
    assert tiles["spend"].accessibleName() == "on contractors this month: $590"
    lists = overview_page.lists
    assert lists["due"].texts() == ["Ana · Photo retouching · 3 days overdue"]
    assert lists["act"].texts() == ["Ana · Photo retouching · confidence lost (2/5)"]
    assert lists["drafts"].texts()[0].startswith("Support inbox · ")
    assert lists["waiting"].texts() == [f"Cleo · Interviewing since {weekday_day(_ago(4))}"]
    assert overview_page.greeting.text().endswith(", Maya")


def _click_first(qtbot, attention_list):
    view = attention_list.view
    rect = view.visualRect(view.model().index(0, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_each_line_opens_the_place_to_act_on_it(window, overview_page, known, qtbot):
    _click_first(qtbot, overview_page.lists["due"])
    assert window.tabs.currentWidget().spec.key == "engagements"
    engagements = window.tab("engagements").page()
    assert engagements.selected_id() == known["ana"]

    window.show_tab("overview")
    _click_first(qtbot, overview_page.lists["waiting"])
    assert window.tabs.currentWidget().spec.key == "contractors"
    assert window.tab("contractors").page().current_row().id == known["cleo"]

    window.show_tab("overview")
    _click_first(qtbot, overview_page.lists["drafts"])
    assert window.tabs.currentWidget().spec.key == "briefs"
    draft = Brief.get(Brief.title == "Support inbox")
    assert window.tab("briefs").page().current_brief_id == draft.id


def test_tiles_open_their_tab_by_mouse_and_keyboard(window, overview_page, qtbot):
    qtbot.mouseClick(overview_page.tiles["worth"], Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget().spec.key == "time_audit"
    window.show_tab("overview")
    overview_page.tiles["spend"].setFocus()
    qtbot.keyClick(overview_page.tiles["spend"], Qt.Key.Key_Return)
    assert window.tabs.currentWidget().spec.key == "engagements"


def test_it_follows_edits_made_elsewhere_and_their_undo(window, overview_page, known, qtbot):
    assert len(overview_page.lists["waiting"].texts()) == 1
    contractors = window.show_tab("contractors").page()
    contractors.move_to_stage(known["cleo"], "rejected", "Not the right fit")
    window.show_tab("overview")
    assert overview_page.lists["waiting"].texts() == []
    assert overview_page.lists["waiting"].empty.isVisible()
    window.undo_stack.undo()
    assert len(overview_page.lists["waiting"].texts()) == 1
    assert Contractor.get_by_id(known["cleo"]).stage == "interviewing"


def test_paid_trials_are_in_the_spend_the_same_on_the_overview_and_the_payments(
    window, overview_page, known, qtbot
):
    from desktop_app.models.trials import offer_trial, update_trial

    # A trial on "Support inbox" for Cleo and Dev, 75 each, due today: owed this month.
    support = Brief.get(Brief.title == "Support inbox").id
    update_trial(support, {"task": "Answer ten tickets", "pay": "75", "deadline": TODAY})
    dev = Contractor.get(Contractor.name == "Dev").id
    offer_trial(support, [known["cleo"], dev], TODAY)
    overview_page.refresh()
    spend = overview_page.tiles["spend"]
    assert spend.value_label.text() == "$740"  # 590 for the engagements + 2 × 75
    assert spend.detail_label.text() == (
        "estimated from the rates: nothing paid yet; $150 for paid trials"
    )
    assert (
        f"Cleo: $75 (Paid trial for “Support inbox”, owed {format_day(TODAY)}.)" in spend.toolTip()
    )
    # The payments panel's month says the same.
    page = window.show_tab("engagements").page()
    assert page.select_engagement(known["ben"])
    panel = page.detail.payments
    page.detail.show_running(panel)
    month = panel.open_month()
    qtbot.waitExposed(month)
    totals = month.totals.text()
    assert "Spend: $740.00, of which $590.00 estimated (nothing paid yet)" in totals
    assert "and $150.00 for paid trials (Cleo, Dev)" in totals
    month.close()


def test_a_new_database_says_where_to_start(window, qtbot):
    page = window.show_tab("overview").page()
    page.refresh()
    assert page.stack.currentWidget() is page.empty_state
    assert page.empty_state.isVisible()
    qtbot.mouseClick(page.empty_state.button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget().spec.key == "time_audit"


def test_the_overview_is_built_first_and_fills_in_after_the_window_shows(window, qtbot):
    page = window.tab("overview").content
    assert page is not None  # the first tab is built with the window
    qtbot.waitUntil(lambda: page.overview is not None)


def test_smoke_test_on_the_demo(window, qtbot):
    from desktop_app.demo import fill_demo_data

    fill_demo_data(TODAY)
    page = window.show_tab("overview").page()
    page.smoke_test()
    assert page.tiles["due"].value_label.text() != "…"


def test_after_importing_last_month_the_overview_sums_up_that_month(store):
    from desktop_app.models.tasks import previous_month

    last_month = previous_month(TODAY.replace(day=1))
    invoices = create_task("Invoices", need="repetitive")
    add_time_entry(invoices, last_month + timedelta(days=3), 240)
    summary = load_overview(TODAY).outsourcing
    assert summary.month == last_month  # as the Time audit opens on it
    assert summary.open_minutes == 240


def test_on_the_demo_at_1280_by_800_every_line_shows_without_scrolling(window, qtbot):
    from PySide6.QtWidgets import QScrollArea

    from desktop_app.demo import fill_demo_data

    fill_demo_data(TODAY)
    window.resize(1280, 800)
    page = window.show_tab("overview").page()
    page.refresh()
    qtbot.waitUntil(page.lists["waiting"].view.isVisible)
    scroll = page.findChild(QScrollArea, "overviewScroll")
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().maximum() == 0)
    for attention in page.lists.values():
        view = attention.view
        if not view.isVisible():
            continue
        rows = view.model().rowCount()
        shown = min(rows, attention.MOST_LINES_SHOWN)
        # Every line up to the most shown is inside the list, none cut...
        last = view.visualRect(view.model().index(shown - 1, 0))
        assert view.viewport().rect().contains(last), attention.title
        # ...and a short list takes the room of its lines, not more.
        line = last.height() + 2 * view.spacing()
        assert view.height() < (shown + 1) * line, attention.title
