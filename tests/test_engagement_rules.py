from datetime import date, timedelta

import pytest

from desktop_app.models.engagement_rules import (
    Direction,
    FeedbackScore,
    confidence_lost,
    confidence_trend,
    days_overdue,
    micromanagement,
    next_check_in_due,
    recent_and_lifetime,
    scorecard,
)

START = date(2026, 10, 1)


def test_first_check_in_is_due_one_cadence_after_the_start():
    assert next_check_in_due(START, 7, []) == date(2026, 10, 8)


def test_next_check_in_counts_from_the_latest_one():
    assert next_check_in_due(START, 7, [date(2026, 10, 9), date(2026, 10, 3)]) == date(2026, 10, 16)


def test_check_ins_before_the_start_do_not_count():
    assert next_check_in_due(START, 14, [date(2026, 9, 20)]) == date(2026, 10, 15)


def test_overdue_days():
    due = date(2026, 10, 8)
    assert days_overdue(due, date(2026, 10, 7)) == 0
    assert days_overdue(due, date(2026, 10, 8)) == 0
    assert days_overdue(due, date(2026, 10, 11)) == 3


def _every(days, count, end):
    return [end - timedelta(days=days * i) for i in range(count)]


@pytest.mark.parametrize(
    ("cadence", "started", "warning"),
    [
        (7, 4, False),  # exactly as agreed
        (7, 6, False),  # a little more: not "clearly"
        (7, 7, True),  # 7 against 4 expected
        (1, 40, False),  # daily cadence: 28 expected, 40 < 42
        (1, 42, False),
        (1, 43, True),
        (30, 2, False),  # monthly: about 1 expected, needs 3
        (30, 3, True),
    ],
)
def test_micromanagement_rule(cadence, started, warning):
    today = date(2026, 11, 26)
    dates = [today - timedelta(days=i % 28) for i in range(started)]
    check = micromanagement(date(2026, 1, 1), cadence, dates, today)
    assert check.window_days == 28
    assert check.owner_started == started
    assert check.warning is warning


def test_micromanagement_only_counts_the_window():
    today = date(2026, 11, 26)
    old = [today - timedelta(days=40 + i) for i in range(20)]
    check = micromanagement(date(2026, 1, 1), 7, old, today)
    assert check.owner_started == 0
    assert not check.warning


def test_a_young_engagement_is_judged_over_at_least_two_weeks():
    today = date(2026, 11, 26)
    start = today - timedelta(days=3)
    check = micromanagement(start, 7, [today, today - timedelta(days=1)], today)
    assert check.window_days == 14
    assert check.expected == 2
    assert not check.warning  # 2 in 3 days is eager, not yet clearly more over 2 weeks
    assert "2 check-ins in the last 14 days" in check.explanation()


def test_confidence_trend_directions():
    assert confidence_trend([]).direction is Direction.UNKNOWN
    assert confidence_trend([4]).direction is Direction.UNKNOWN
    assert confidence_trend([3, 4, 4]).direction is Direction.STEADY
    assert confidence_trend([2, 3, 4]).direction is Direction.RISING
    assert confidence_trend([5, 5, 4, 3]).direction is Direction.FALLING
    trend = confidence_trend([5, 4, 3, 2])
    assert trend.latest == 2
    assert trend.previous_average == 4


@pytest.mark.parametrize(
    ("history", "lost"),
    [
        ([], False),
        ([2], False),  # one low score alone is not "staying low"
        ([4, 2, 2], True),  # stays low
        ([1, 2], True),
        ([5, 5, 5, 3], True),  # falls sharply: 3 after 5
        ([4, 4, 2], True),
        ([5, 4, 4, 3], False),  # a dip, not a sharp fall
        ([5, 5, 4], False),
        ([2, 4, 5], False),  # recovered
    ],
)
def test_confidence_lost_rule(history, lost):
    assert confidence_lost(history)[0] is lost
    assert confidence_trend(history).lost is lost


def test_a_lost_verdict_says_why():
    assert "stayed low" in confidence_lost([2, 1])[1]
    assert "fell sharply" in confidence_lost([5, 5, 5, 2])[1]


def test_scorecard_recent_beside_lifetime():
    today = date(2026, 11, 26)
    feedback = [
        FeedbackScore(today - timedelta(days=200), False, 2, 3),
        FeedbackScore(today - timedelta(days=120), True, 3, 3),
        FeedbackScore(today - timedelta(days=30), True, 5, 4),
        FeedbackScore(today - timedelta(days=5), True, 4, 5),
    ]
    recent, lifetime = recent_and_lifetime(feedback, today)
    assert recent.feedback_count == 2
    assert recent.on_time_percent == 100
    assert recent.average_quality == 4.5
    assert lifetime.feedback_count == 4
    assert lifetime.on_time_percent == 75
    assert lifetime.average_quality == 3.5
    assert lifetime.average_communication == 3.75
    assert scorecard([]).on_time_percent is None
