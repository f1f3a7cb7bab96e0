"""The time audit's rules on hand-made cases: no database."""

from decimal import Decimal

import pytest

from desktop_app.models.time_audit_rules import (
    Need,
    Override,
    Quadrant,
    TaskStatus,
    buy_back_per_month,
    buyback_rate,
    derive_status,
    hours,
    is_candidate,
    outsourcing_score,
    quadrant,
    worth_per_month,
)


@pytest.mark.parametrize(
    ("need", "expected"),
    [
        (Need.EXPERTISE, True),
        (Need.KNOWLEDGE, True),
        (Need.REPETITIVE, True),
        (Need.UNIQUE, False),
    ],
)
def test_a_candidate_needs_expertise_knowledge_or_repetitive_work(need, expected):
    assert is_candidate(need) is expected


def test_the_owner_overrides_the_rules_both_ways():
    assert is_candidate(Need.REPETITIVE, Override.KEEP) is False
    assert is_candidate(Need.UNIQUE, Override.OUTSOURCE) is True
    assert is_candidate(Need.UNIQUE, None) is False


def test_the_score_weighs_hours_by_dislike_pull_away_and_missing_expertise():
    # 10 h, dislike 4, pull-away 5, slow at it: 10 × 4.5 × 1.5
    assert outsourcing_score(600, 4, 5, owner_has_expertise=False) == Decimal("67.5")
    # The same hours on a task liked and done well: 10 × 1 × 1
    assert outsourcing_score(600, 1, 1, owner_has_expertise=True) == Decimal("10.0")
    assert outsourcing_score(0, 5, 5, owner_has_expertise=False) == Decimal("0.0")


def test_the_score_ranks_as_the_issue_asks():
    base = {"dislike": 3, "pull_away": 3, "owner_has_expertise": True}
    more_hours = outsourcing_score(900, **base)
    fewer_hours = outsourcing_score(300, **base)
    disliked = outsourcing_score(300, 5, 3, owner_has_expertise=True)
    pulling_away = outsourcing_score(300, 3, 5, owner_has_expertise=True)
    slow = outsourcing_score(300, 3, 3, owner_has_expertise=False)
    assert more_hours > fewer_hours
    assert disliked > fewer_hours
    assert pulling_away > fewer_hours
    assert slow > fewer_hours


def test_buy_back_is_owner_value_minus_contractor_cost():
    # 10 h at $80 of the owner's time, a contractor at $30: 800 − 300
    assert buy_back_per_month(600, Decimal("80"), Decimal("30")) == Decimal("500.00")
    # A contractor dearer than the owner's hour buys nothing back.
    assert buy_back_per_month(60, Decimal("40"), Decimal("55")) == Decimal("-15.00")
    # 1 h 20 min at $85 with a $21.25 contractor: exact to the cent.
    assert buy_back_per_month(80, Decimal("85"), Decimal("21.25")) == Decimal("85.00")


def test_the_buyback_rate_is_the_hourly_value_divided_by_the_divisor():
    assert buyback_rate(Decimal("85"), Decimal("4")) == Decimal("21.25")
    assert buyback_rate(Decimal("100"), Decimal("3")) == Decimal("33.33")
    with pytest.raises(ValueError, match="positive"):
        buyback_rate(Decimal("85"), Decimal("0"))


def test_worth_and_hours_are_exact_to_the_cent():
    assert worth_per_month(90, Decimal("85")) == Decimal("127.50")
    assert hours(100) == Decimal("1.67")


@pytest.mark.parametrize(
    ("need", "override", "current", "expected"),
    [
        (Need.REPETITIVE, None, TaskStatus.LOGGED, TaskStatus.CANDIDATE),
        (Need.UNIQUE, None, TaskStatus.CANDIDATE, TaskStatus.LOGGED),
        (Need.UNIQUE, Override.OUTSOURCE, TaskStatus.LOGGED, TaskStatus.CANDIDATE),
        (Need.EXPERTISE, Override.KEEP, TaskStatus.CANDIDATE, TaskStatus.KEPT),
        (Need.EXPERTISE, None, TaskStatus.HANDED_OFF, TaskStatus.HANDED_OFF),
        (Need.UNIQUE, None, TaskStatus.BRIEFED, TaskStatus.BRIEFED),
        # Keep wins even over a hand-off: the owner takes the task back.
        (Need.EXPERTISE, Override.KEEP, TaskStatus.HANDED_OFF, TaskStatus.KEPT),
        (Need.EXPERTISE, None, TaskStatus.KEPT, TaskStatus.CANDIDATE),
    ],
)
def test_the_status_follows_the_rules_and_the_override(need, override, current, expected):
    assert derive_status(need, override, current) == expected


@pytest.mark.parametrize(
    ("value", "dislike", "pull_away", "expected"),
    [
        (5, 5, 5, Quadrant.DELEGATE),
        (1, 5, 5, Quadrant.REPLACE),
        (1, 1, 1, Quadrant.INVEST),
        (5, 1, 1, Quadrant.PRODUCE),
        # 3 counts as the upper half on both axes.
        (3, 3, 3, Quadrant.DELEGATE),
        (2, 3, 2, Quadrant.INVEST),
        (2, 3, 3, Quadrant.REPLACE),
    ],
)
def test_value_against_drain_quadrants(value, dislike, pull_away, expected):
    assert quadrant(value, dislike, pull_away) is expected
