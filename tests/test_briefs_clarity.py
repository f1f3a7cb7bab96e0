"""The clarity rules, one by one, on plain data (no database, no Qt)."""

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from desktop_app.models.briefs import BriefData, ExpectationData
from desktop_app.models.clarity import (
    EXPECTATIONS,
    PROCEDURES,
    RULES,
    check_brief,
    vague_phrases,
)
from desktop_app.models.procedure_content import ProcedureData, StepData

TODAY = date(2026, 11, 20)


def _clear_brief(**changes):
    """A brief with nothing to find; each test breaks one thing."""
    data = BriefData(
        title="Monthly bookkeeping",
        summary="Keep the books of a small online shop.",
        deliverables="Profit and loss statement, PDF",
        success_criteria="Books closed by the 10th",
        deadline=date(2027, 1, 15),
        budget=Decimal("400"),
        report_every_days=7,
        expectations=[
            ExpectationData("Reconcile every account monthly.", "must", "Difference 0.00", id=11),
            ExpectationData("Answer within 2 working days.", "should", "Email reply times", id=12),
        ],
    )
    return dataclasses.replace(data, **changes)


def _rules(data, today=TODAY):
    return [finding.rule for finding in check_brief(data, today)]


def test_a_clear_brief_has_no_findings():
    assert check_brief(_clear_brief(), TODAY) == []


@pytest.mark.parametrize(
    ("changes", "rule", "field"),
    [
        ({"success_criteria": "  "}, "missing_success_criteria", "success_criteria"),
        ({"deadline": None}, "missing_deadline", "deadline"),
        ({"budget": None}, "missing_budget", "budget"),
        ({"report_every_days": None}, "missing_reporting", "report_every_days"),
        ({"deliverables": ""}, "missing_deliverables", "deliverables"),
        ({"expectations": []}, "no_expectations", EXPECTATIONS),
    ],
)
def test_each_missing_essential_is_found_and_points_at_its_field(changes, rule, field):
    [finding] = check_brief(_clear_brief(**changes), TODAY)
    assert finding.rule == rule
    assert finding.field == field
    assert finding.why  # every finding says why it matters


def test_a_timeline_stands_in_for_a_deadline():
    data = _clear_brief(deadline=None, timeline="Books closed by the 10th of each month")
    assert _rules(data) == []


def test_a_past_deadline_is_flagged_on_drafts_only():
    past = _clear_brief(deadline=date(2026, 11, 1))
    [finding] = check_brief(past, TODAY)
    assert (finding.rule, finding.field) == ("deadline_passed", "deadline")
    assert _rules(dataclasses.replace(past, status="posted")) == []


def test_an_expectation_without_a_measure_points_at_it():
    data = _clear_brief()
    data.expectations[1].measure = " "
    [finding] = check_brief(data, TODAY)
    assert finding.rule == "no_measure"
    assert (finding.field, finding.expectation_index, finding.expectation_id) == ("measure", 1, 12)
    assert "Answer within 2 working days." in finding.why


def test_more_than_five_must_haves():
    musts = [ExpectationData(f"Must {n}", "must", "checked") for n in range(6)]
    [finding] = check_brief(_clear_brief(expectations=musts), TODAY)
    assert finding.rule == "too_many_musts"
    assert finding.field == EXPECTATIONS
    assert "6 must-haves" in finding.title
    assert check_brief(_clear_brief(expectations=musts[:5]), TODAY) == []


@pytest.mark.parametrize(
    "phrase",
    ["ASAP", "etc.", "good quality", "as needed", "some", "various", "user-friendly", "fast"],
)
def test_each_vague_word_of_the_issue_is_found_with_its_span(phrase):
    summary = f"Reply to customers {phrase} and keep the shop tidy."
    [finding] = check_brief(_clear_brief(summary=summary), TODAY)
    assert finding.rule == "vague_word"
    assert finding.field == "summary"
    assert summary[finding.start : finding.end].lower() == phrase.lower()
    assert phrase.lower() in finding.title.lower()


@pytest.mark.parametrize(
    ("written", "listed"),
    [
        ("responsive", "responsive"),
        ("Professional", "professional"),
        ("professionally", "professionally"),
        ("high quality", "high quality"),
        ("high-quality", "high quality"),
        ("top-notch", "top-notch"),
        ("excellent", "excellent"),
        ("in a timely manner", "timely"),
        ("promptly", "promptly"),
        ("a reasonable number of", "reasonable"),
        ("following best practices", "best practices"),
        ("if possible", "if possible"),
        ("with attention to detail", "attention to detail"),
        ("in a modern and engaging style", "modern"),
    ],
)
def test_judgement_words_are_found_as_written(written, listed):
    summary = f"Reply to customers {written}, and keep the shop tidy."
    findings = check_brief(_clear_brief(summary=summary), TODAY)
    finding = findings[0]
    assert finding.rule == "vague_word"
    assert finding.title.startswith(f"“{listed}” in “The job")
    shown = summary[finding.start : finding.end].lower()
    assert shown.replace("-", " ") == listed.replace("-", " ")
    assert finding.why


def test_a_vague_word_says_the_field_it_is_in_once():
    [finding] = check_brief(_clear_brief(in_scope="Posts, stories etc."), TODAY)
    assert finding.title == "“etc.” in “In scope”"


def test_vague_words_in_expectations_point_at_text_or_measure():
    data = _clear_brief()
    data.expectations[0].text = "Answer emails ASAP."
    data.expectations[1].measure = "Replies are fast"
    findings = check_brief(data, TODAY)
    assert [(f.field, f.expectation_index, f.expectation_id) for f in findings] == [
        ("text", 0, 11),
        ("measure", 1, 12),
    ]
    assert data.expectations[0].text[findings[0].start : findings[0].end] == "ASAP"


def test_vague_words_match_whole_words_only():
    assert vague_phrases("Someone sends an awesome breakfast, fast-moving, faster.") == []
    found = vague_phrases("Some posts, some stories, etc. and so on")
    assert [(phrase, count) for phrase, _, _, _, count in found] == [
        ("etc.", 1),
        ("and so on", 1),
        ("some", 2),
    ]


def test_a_repeated_vague_word_is_one_finding_with_a_count():
    [finding] = check_brief(_clear_brief(summary="some posts and some stories"), TODAY)
    assert "(2×)" in finding.title
    assert finding.start == 0


def test_every_rule_is_exercised_by_this_module():
    names = {rule.__name__ for rule in RULES}
    assert names == {
        "missing_essentials",  # success criteria, deliverables, budget, reporting
        "missing_deadline",
        "deadline_passed",
        "no_expectations",
        "too_many_musts",
        "expectation_without_measure",
        "vague_words",
        "procedures",  # test_a_hand_off_without_a_procedure_..., ..._without_done_when
    }


def _procedure(task, done_when="Every payout matched, difference 0.00.", steps=("Download",)):
    return ProcedureData(
        title="",
        done_when=done_when,
        steps=[StepData(text) for text in steps],
        task_name=task,
    )


def test_a_hand_off_with_its_procedure_has_no_finding():
    data = _clear_brief(tasks=["Bookkeeping"], procedures=[_procedure("bookkeeping")])
    assert check_brief(data, TODAY) == []


def test_a_hand_off_without_a_procedure_is_a_finding():
    data = _clear_brief(
        tasks=["Bookkeeping", "Sales tax filings"], procedures=[_procedure("Bookkeeping")]
    )
    [finding] = check_brief(data, TODAY)
    assert finding.rule == "no_procedure"
    assert finding.field == PROCEDURES
    assert finding.task_name == "Sales tax filings"
    assert "Sales tax filings" in finding.title
    # A procedure with no steps is no procedure yet.
    empty = _clear_brief(tasks=["Bookkeeping"], procedures=[_procedure("Bookkeeping", steps=())])
    assert _rules(empty) == ["no_procedure"]


def test_a_procedure_with_steps_and_without_done_when_is_a_finding():
    data = _clear_brief(tasks=["Bookkeeping"], procedures=[_procedure("Bookkeeping", " ")])
    [finding] = check_brief(data, TODAY)
    assert finding.rule == "no_done_when"
    assert finding.task_name == "Bookkeeping"
    assert finding.title == "“Bookkeeping” does not say when it is done"


def test_a_brief_that_hands_off_no_task_asks_for_no_procedure():
    assert "no_procedure" not in _rules(_clear_brief(tasks=[]))
