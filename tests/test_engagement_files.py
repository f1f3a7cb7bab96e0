"""The files the Engagements tab writes: the .ics schedule and the review PDF."""

from datetime import date, timedelta

import pytest
from icalendar import Calendar
from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from desktop_app.exporters.checkin_calendar import event_uid
from desktop_app.exporters.engagement_schedule import export_schedule, scheduled_check_ins
from desktop_app.models.engagements import Engagement, add_check_in, update_engagement
from desktop_app.models.errors import UserError
from desktop_app.models.settings import Settings, save_settings
from desktop_app.pdf.review import write_review
from tests.conftest import run_offload
from tests.engagement_helpers import engagement, expectations, feedback, report

TODAY = date.today()
TODAY_FOLLOWS_THE_CLOCK = True  # conftest.py sets TODAY as each test starts


def ago(days):
    return TODAY - timedelta(days=days)


@pytest.fixture
def three(store):
    """Overdue (Jörg, weekly), due later (Ana, every 14 days, planned end), paused (Li)."""
    overdue = engagement(ago(30), contractor_name="Jörg Ødegård", title="Social media — posts")
    report(overdue, ago(10))
    later = engagement(
        ago(20), contractor_name="Ana Souza", title="Bookkeeping", cadence=14,
        end_date=TODAY + timedelta(days=200),
    )  # fmt: skip
    report(later, ago(2))
    engagement(ago(20), contractor_name="Li Wei", title="Translation", status="paused")
    return overdue, later


def test_the_schedule_holds_working_engagements_from_their_next_due_day(three):
    overdue, later = three
    everything = scheduled_check_ins(TODAY)
    schedule = {item.engagement_id: item for item in everything if not item.cancelled}
    assert set(schedule) == {overdue, later}
    # The paused one is there only to be cancelled in calendars that have it.
    assert [item.contractor for item in everything if item.cancelled] == ["Li Wei"]
    assert schedule[overdue].first_due == TODAY  # overdue: remind today
    assert schedule[later].first_due == ago(2) + timedelta(days=14)
    assert schedule[later].until == TODAY + timedelta(days=200)


def test_the_ics_file_parses_back_with_the_same_events(window, three, tmp_path):
    overdue, later = three
    page = window.show_tab("engagements").page()
    path = tmp_path / "check-ins.ics"
    assert page.export_schedule_to(path) == 2
    assert "Saved the check-ins of 2 engagements" in page.status.text()
    events = {str(e["uid"]): e for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}
    cancelled = {uid for uid, event in events.items() if event.get("status") == "CANCELLED"}
    assert set(events) - cancelled == {event_uid(overdue), event_uid(later)}
    assert len(cancelled) == 1  # Li Wei's paused engagement
    first = events[event_uid(overdue)]
    assert str(first["summary"]) == "Check in with Jörg Ødegård: Social media — posts"
    assert first.decoded("dtstart") == TODAY
    assert first["rrule"]["INTERVAL"] == [7]
    second = events[event_uid(later)]
    assert second.decoded("dtstart") == ago(2) + timedelta(days=14)
    assert second["rrule"]["INTERVAL"] == [14]
    assert second["rrule"]["UNTIL"] == [TODAY + timedelta(days=200)]


def test_a_file_name_without_ics_gets_it(window, three, tmp_path):
    page = window.show_tab("engagements").page()
    page.export_schedule_to(tmp_path / "reminders")
    assert (tmp_path / "reminders.ics").exists()


def test_nothing_to_schedule_is_said_and_nothing_written(window, store, tmp_path):
    engagement(ago(20), status="paused")
    page = window.show_tab("engagements").page()
    assert page.export_schedule_to(tmp_path / "x.ics") == 0
    assert "nothing to export" in page.status.text()
    assert not (tmp_path / "x.ics").exists()
    with pytest.raises(UserError):
        export_schedule(tmp_path / "x.ics", TODAY)


def test_the_export_schedule_action_asks_where_to_save(window, three, qtbot):
    asked = []

    def close_dialog():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(10, close_dialog)
            return
        asked.append(dialog.windowTitle())
        dialog.reject()

    QTimer.singleShot(0, close_dialog)
    window.findChild(
        type(window.menus["file"].actions()[0]), "action_engagements_choose_and_export_schedule"
    ).trigger()
    assert asked == ["Export check-in schedule"]


def test_the_export_schedule_subcommand(three, store, tmp_path):
    store.close()
    out = tmp_path / "cli.ics"
    result = run_offload("export-schedule", "--db", str(store.path), str(out))
    assert result.returncode == 0, result.stderr
    assert "2 engagement(s)" in result.stdout
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert sum(event.get("status") != "CANCELLED" for event in events) == 2


def test_the_subcommand_says_when_there_is_nothing_to_export(store, tmp_path):
    store.close()
    result = run_offload("export-schedule", "--db", str(store.path), str(tmp_path / "x.ics"))
    assert result.returncode == 1
    assert "nothing to export" in result.stderr


# The review PDF


@pytest.fixture
def reviewed(store):
    save_settings(Settings(business_name="Northwind Planners"))
    engagement_id = engagement(
        ago(90), contractor_name="Zoë Ναυσικά", title="Social media <posts> & reels"
    )
    brief_id = Engagement.get_by_id(engagement_id).brief_id
    expectations(
        brief_id,
        ("Schedule three posts a week", "must", "Posts visible in the scheduler"),
        ("Use the brand colours — Привет", "should", "Matches the style guide"),
        ("Try one new format a month", "nice", ""),
    )
    feedback(engagement_id, ago(60), 5, quality=5)
    feedback(engagement_id, ago(30), 3, quality=2, on_time=False)
    add_check_in(engagement_id, ago(20), summary="Behind <3 posts>", blockers="Photos & copy")
    return engagement_id


def _text(path):
    """The PDF's text with line breaks as spaces (titles and cells wrap)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_the_review_puts_expectations_in_order_beside_the_feedback(window, reviewed, tmp_path):
    page = window.show_tab("engagements").page()
    path = page.export_review(tmp_path / "review.pdf")
    text = _text(path)
    positions = [
        text.index(item)
        for item in (
            "Schedule three posts a week",
            "Use the brand colours — Привет",
            "Try one new format a month",
        )
    ]
    assert positions == sorted(positions)
    for expected in (
        "Zoë Ναυσικά — Social media <posts> & reels",
        "Northwind Planners",
        "[Must have]",
        "[Should have]",
        "[Nice to have]",
        "Measured by: Posts visible in the scheduler",
        "What the brief expects, in priority order",
        "Feedback received, oldest first",
        "late",
        "quality 2/5",
        "confidence 3/5",
        "Good: Clear",
        "Behind <3 posts>",
        "Blockers: Photos & copy",
        "Delivered on time",
        "50%",
        "Page 1 of 1",
    ):
        assert expected in text, expected
    assert "Saved the review of Zoë Ναυσικά" in page.status.text()


def test_a_long_review_spans_pages_numbered_n_of_m(store, tmp_path):
    from desktop_app.models.engagements import engagement_review

    engagement_id = engagement(ago(400))
    brief_id = Engagement.get_by_id(engagement_id).brief_id
    expectations(
        brief_id, *[(f"Expectation {n:02d} " + "word " * 30, "must", "m") for n in range(60)]
    )
    for n in range(50):
        feedback(engagement_id, ago(390 - n * 7), 4)
    path = write_review(tmp_path / "long.pdf", engagement_review(engagement_id, TODAY))
    reader = PdfReader(path)
    total = len(reader.pages)
    assert total > 3
    for number, pdf_page in enumerate(reader.pages, start=1):
        assert f"Page {number} of {total}" in pdf_page.extract_text()
    text = _text(path)
    positions = [text.index(f"Expectation {n:02d}") for n in range(60)]
    assert positions == sorted(positions)


def test_an_unwritable_folder_is_said_and_nothing_changes(window, reviewed, tmp_path):
    page = window.show_tab("engagements").page()
    assert page.export_review(tmp_path / "missing" / "review.pdf") is None
    assert "does not exist" in page.status.text()


def test_print_preview_shows_the_same_pages_as_the_pdf(window, reviewed, qtbot, tmp_path):
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    page = window.show_tab("engagements").page()
    pdf_pages = len(PdfReader(page.export_review(tmp_path / "review.pdf")).pages)
    preview = page.print_review()
    qtbot.waitExposed(preview)
    widget = preview.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: widget.pageCount() == pdf_pages)
    assert preview.page_count == pdf_pages
    preview.reject()


def test_an_ended_engagement_is_cancelled_in_the_calendar_not_scheduled(store, tmp_path):
    from desktop_app.exporters.checkin_calendar import write_schedule

    ended = engagement(ago(90))
    update_engagement(ended, {"status": "ended", "end_reason": "Done"})
    schedule = scheduled_check_ins(TODAY)
    assert [(item.engagement_id, item.cancelled) for item in schedule] == [(ended, True)]
    event = Calendar.from_ical(write_schedule(tmp_path / "s.ics", schedule).read_bytes()).walk(
        "VEVENT"
    )[0]
    assert str(event["uid"]) == event_uid(ended)  # the same event a calendar already holds
    assert event["status"] == "CANCELLED"
    assert "rrule" not in event
    assert int(event["sequence"]) > 0


@pytest.mark.parametrize(
    ("expectation_texts", "feedback_text"),
    [
        (["Reconcile weekly"], "Good work. " * 90),  # about 900 characters each way
        (["Deliver " + "careful work " * 152], "Fine."),  # about 1,980 characters
        ([f"Expectation {n}: " + "detail " * 27 for n in range(12)], "One piece."),
        # Taller than a page beside its neighbour: laid out one after the other.
        (["Reconcile weekly"], "Good work. " * 400),
    ],
    ids=[
        "long-feedback",
        "2000-character-expectation",
        "twelve-long-expectations",
        "feedback-longer-than-a-page",
    ],
)
def test_long_texts_never_break_the_review(store, tmp_path, expectation_texts, feedback_text):
    from desktop_app.models.engagements import add_feedback, engagement_review

    engagement_id = engagement(ago(100))
    brief_id = Engagement.get_by_id(engagement_id).brief_id
    expectations(brief_id, *[(text, "must", "measured") for text in expectation_texts])
    add_feedback(
        engagement_id, ago(5), deliverable="Batch", on_time=True, quality=4, communication=4,
        confidence=4, good=feedback_text, not_good=feedback_text,
    )  # fmt: skip
    path = write_review(tmp_path / "review.pdf", engagement_review(engagement_id, TODAY))
    text = " ".join(_text(path).split())
    for expected in [*expectation_texts, feedback_text]:
        words = expected.split()
        assert " ".join(words[:3]) in text and words[-1] in text
