"""The brief as a job post: the demo briefs' text, what never goes in, the
length against the board, and `offload export-job-post`."""

from datetime import date

import pytest

from desktop_app.cli.job_post import BOARD_CHOICES
from desktop_app.demo import fill_demo_data
from desktop_app.models.briefs import expectations_of, find_briefs, load_brief
from desktop_app.models.errors import UserError, ValidationError
from desktop_app.models.hiring_plan import (
    BOARDS,
    add_question,
    questions_of,
    set_left_out,
    suggested_questions,
    update_plan,
)
from desktop_app.models.job_post import LEVEL_LABELS, job_post
from tests.conftest import BOTH_ENGINES, run_offload

pytestmark = BOTH_ENGINES

DAY = date(2026, 11, 20)


@pytest.fixture
def demo(store):
    fill_demo_data(DAY)
    return {title: bid for bid, title in (b for t in ("Monthly bookkeeping", "Customer support "
            "inbox", "Social media management") for b in find_briefs(t))}  # fmt: skip


@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize(
    "title", ["Monthly bookkeeping", "Customer support inbox", "Social media management"]
)
def test_each_demo_brief_posts_its_expectations_in_priority_order_and_nothing_internal(
    demo, title, fmt
):
    brief_id = demo[title]
    data = load_brief(brief_id)
    post = job_post(brief_id, fmt)
    text = post.text
    # Expectations in the owner's order, numbered, each with its level.
    positions = []
    for number, item in enumerate(data.expectations, start=1):
        level = LEVEL_LABELS[item.level]
        marker = f"{number}. **{level}:**" if fmt == "markdown" else f"{number}. {level}:"
        assert marker in text
        positions.append(text.index(marker))
    assert positions == sorted(positions)
    # The title first; the job, skills, deliverables and how to apply in.
    assert text.splitlines()[0].endswith(data.title)
    assert "The job" in text or "THE JOB" in text
    # Nothing internal: contact details, the owner's tasks, procedures, status, delegation.
    tasks = [task for task in data.tasks if task != data.title]  # a task may share the title
    for internal in ("maya@northwindplanners.example", "Slack", "#contractors", *tasks):
        assert internal not in text
    for procedure in data.procedures:
        for step in procedure.steps:
            assert step.text not in text
    for line in data.ask_first.splitlines() + data.decide_alone.splitlines():
        if line.strip():
            assert line.strip() not in text
    assert "Status" not in text and "Delegation" not in text and "Contact" not in text


def test_the_bookkeeping_post_asks_its_screening_questions_and_fits_upwork_as_text(demo):
    brief_id = demo["Monthly bookkeeping"]
    post = job_post(brief_id, "text")
    for number, question in enumerate(questions_of(brief_id), start=1):
        assert f"{number}. {question.text}" in post.text
    assert "We need at least 2 h a working day" in post.text
    assert post.board is BOARDS["upwork"]
    assert post.length == 4970 and post.fits and post.problems() == []


def test_a_post_over_its_board_names_the_sections_to_shorten(demo):
    brief_id = demo["Monthly bookkeeping"]
    post = job_post(brief_id, "markdown")  # Markdown's marks take it over 5,000
    assert not post.fits
    (problem,) = post.problems()
    assert problem.startswith(f"The post is {post.length:,} characters, {post.over_by:,} over")
    assert "Shorten: What we expect, most important first (2," in problem
    short = job_post(brief_id, "text", board="short")
    (problem,) = short.problems()
    # Longest sections first, enough of them to take the excess out of.
    named = problem.split("Shorten: ")[1]
    assert named.startswith("What we expect") and "The job" in named
    assert job_post(brief_id, "markdown", board="long").fits


def test_sections_and_single_expectations_can_be_kept_out(demo):
    brief_id = demo["Monthly bookkeeping"]
    secret = expectations_of(brief_id)[4]  # "Keep our financial data confidential..."
    set_left_out(brief_id, expectation_id=secret.id, out=True)
    set_left_out(brief_id, section="scope", out=True)
    text = job_post(brief_id, "text").text
    assert secret.text not in text
    assert "Not included:" not in text and "SCOPE" not in text
    # The numbering closes up: 12 expectations, one kept out.
    assert "11. Nice to have:" in text and "12. " not in text
    set_left_out(brief_id, section="scope", out=False)
    assert "SCOPE" in job_post(brief_id, "text").text


def test_too_many_questions_for_upwork_says_how_many_to_leave_out(demo):
    brief_id = demo["Monthly bookkeeping"]
    for question in suggested_questions(brief_id)[:3]:
        add_question(brief_id, question)
    post = job_post(brief_id, "text", board="long")
    assert post.fits
    update_plan(brief_id, {"board": "upwork"})
    problems = job_post(brief_id, "text").problems()
    assert any("takes 5 screening questions: leave out 1" in p for p in problems)


def test_markdown_marks_typed_by_the_owner_print_as_typed(store):
    from desktop_app.models.briefs import BriefData, ExpectationData, create_brief

    brief_id = create_brief(
        BriefData(title="Fix *all* the [links]", skills="HTML, CSS",
                  expectations=[ExpectationData("Use `rel=noopener` # always", "must")])
    )  # fmt: skip
    text = job_post(brief_id, "markdown").text
    assert text.startswith("# Fix \\*all\\* the \\[links\\]\n")
    assert "1. **Must have:** Use \\`rel=noopener\\` \\# always" in text


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_list_marks_the_owner_typed_are_not_doubled(store, fmt):
    from desktop_app.models.briefs import BriefData, create_brief

    brief_id = create_brief(
        BriefData(title="Etsy", deliverables="- 投稿 10 件\n* تقرير شهري\n• One report\nNo mark",
                  success_criteria="– Sold out")
    )  # fmt: skip
    text = job_post(brief_id, fmt).text
    mark = "-" if fmt == "markdown" else "•"
    for item in ("投稿 10 件", "تقرير شهري", "One report", "No mark", "Sold out"):
        assert f"\n{mark} {item}\n" in text
    assert f"{mark} -" not in text and f"{mark} •" not in text and f"{mark} *" not in text


def test_the_length_counts_as_a_job_board_s_form_does(store):
    from desktop_app.models.briefs import BriefData, create_brief

    plain = job_post(create_brief(BriefData(title="Pins", summary="Pins for spring.")))
    # An emoji is two of the units a browser's form counts (UTF-16), a CJK letter one.
    emoji = job_post(create_brief(BriefData(title="Pins", summary="Pins for spring 🌸.")))
    cjk = job_post(create_brief(BriefData(title="Pins", summary="Pins for spring 春.")))
    assert cjk.length == plain.length + 2  # " 春"
    assert emoji.length == plain.length + 3  # " 🌸"


def test_plan_refusals_name_their_field(demo):
    brief_id = demo["Monthly bookkeeping"]
    with pytest.raises(ValidationError) as refused:
        update_plan(brief_id, {"overlap_hours": "13"})
    assert refused.value.field == "overlap_hours"
    with pytest.raises(ValidationError, match="board"):
        update_plan(brief_id, {"board": "linkedin"})
    with pytest.raises(ValidationError, match="needs some text"):
        add_question(brief_id, "   ")
    with pytest.raises(UserError, match="no longer exists"):
        job_post(99999)


def test_the_command_line_choices_are_the_boards():
    assert set(BOARD_CHOICES) == set(BOARDS)


def test_offload_export_job_post_prints_writes_and_refuses_an_over_long_post(store, tmp_path):
    fill_demo_data(DAY)
    store.close()
    db = store.name  # the file, or the workspace URL
    printed = run_offload("export-job-post", "--db", db, "Monthly bookkeeping")
    assert printed.returncode == 0, printed.stderr
    assert printed.stdout.startswith("Monthly bookkeeping\n\nTHE JOB\n")
    out = tmp_path / "post.md"
    refused = run_offload("export-job-post", "--db", db, "--format", "markdown",
                          "Monthly bookkeeping", str(out))  # fmt: skip
    assert refused.returncode == 1 and not out.exists()
    assert "over the 5,000 of Upwork" in refused.stderr and "Shorten: " in refused.stderr
    written = run_offload("export-job-post", "--db", db, "--format", "markdown", "--board",
                          "long", "Monthly bookkeeping", str(out))  # fmt: skip
    assert written.returncode == 0, written.stderr
    assert out.read_text(encoding="utf-8").startswith("# Monthly bookkeeping\n\n## The job\n")
    # In the order the usage gives: ID, then the options, then OUT.
    other = tmp_path / "post.txt"
    ordered = run_offload("export-job-post", "--db", db, "Monthly bookkeeping", "--format",
                          "text", str(other))  # fmt: skip
    assert ordered.returncode == 0, ordered.stderr
    assert other.read_text(encoding="utf-8").startswith("Monthly bookkeeping\n\nTHE JOB\n")


def test_printing_a_post_into_a_pipe_closed_early_says_nothing(store):
    import os
    import subprocess
    import sys

    from tests.conftest import REPO

    fill_demo_data(DAY)
    store.close()
    # `offload export-job-post ID | head -3`: the reader stops reading early.
    child = subprocess.Popen(
        [sys.executable, "-m", "desktop_app", "export-job-post", "--db", store.name, "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    child.stdout.close()  # closed before the child writes its first line
    _, errors = child.communicate(timeout=120)
    assert errors.decode() == ""  # no "Broken pipe" complaint, no traceback
    assert child.returncode == 1
