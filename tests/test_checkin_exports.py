from datetime import UTC, date, datetime
from urllib.parse import parse_qs, unquote, urlsplit

from icalendar import Calendar
from PySide6.QtCore import QUrl

from desktop_app.exporters.checkin_calendar import ScheduledCheckIn, event_uid, write_schedule
from desktop_app.exporters.mailto import mailto_url


def test_mailto_is_well_formed_for_spaces_and_non_ascii_letters():
    url = mailto_url(
        "zoë.müller@example.com",
        "Progress report: Social media — week 3",
        "Hi Zoë,\ncould you send a short update?\n\nThanks, Maja & co",
    )
    assert " " not in url and "\n" not in url
    assert url.startswith("mailto:zo%C3%AB.m%C3%BCller@example.com?subject=")
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    assert unquote(parts.path) == "zoë.müller@example.com"
    assert query["subject"] == ["Progress report: Social media — week 3"]
    assert query["body"] == ["Hi Zoë,\r\ncould you send a short update?\r\n\r\nThanks, Maja & co"]
    assert "+" not in url  # a "+" would reach the mail program as a literal plus
    assert QUrl(url, QUrl.ParsingMode.StrictMode).isValid()
    assert QUrl(url).scheme() == "mailto"


def test_the_schedule_parses_back_with_the_same_events(tmp_path):
    schedule = [
        ScheduledCheckIn(3, "Ana Souza", "Monthly bookkeeping", date(2026, 12, 1), 7),
        ScheduledCheckIn(
            9, "Jörg Ødegård", "Social media — posts", date(2026, 11, 28), 14, date(2027, 3, 1)
        ),
    ]
    path = write_schedule(tmp_path / "checkins.ics", schedule)
    calendar = Calendar.from_ical(path.read_bytes())
    events = calendar.walk("VEVENT")
    assert [str(event["uid"]) for event in events] == [event_uid(3), event_uid(9)]
    first, second = events
    assert str(first["summary"]) == "Check in with Ana Souza: Monthly bookkeeping"
    assert first.decoded("dtstart") == date(2026, 12, 1)
    assert first["rrule"]["FREQ"] == ["DAILY"] and first["rrule"]["INTERVAL"] == [7]
    assert "UNTIL" not in first["rrule"]
    assert str(second["summary"]) == "Check in with Jörg Ødegård: Social media — posts"
    assert second["rrule"]["INTERVAL"] == [14]
    assert second["rrule"]["UNTIL"] == [date(2027, 3, 1)]
    assert first.walk("VALARM")[0].decoded("trigger").total_seconds() == 9 * 3600
    assert isinstance(first.decoded("dtstamp"), datetime)
    assert first.decoded("dtstamp").tzinfo is not None
    assert datetime.now(UTC) >= first.decoded("dtstamp")
