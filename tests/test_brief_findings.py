"""Each brief's stored count of clarity findings (issue 13): after every kind
of edit, and its undo, the list shows what the full clarity check finds."""

import shutil
import sqlite3
from datetime import date, timedelta
from pathlib import Path

from desktop_app.models.briefs import (
    Brief,
    BriefData,
    ExpectationData,
    add_brief,
    add_expectation,
    brief_summaries,
    delete_brief,
    delete_expectation,
    duplicate_brief,
    link_task,
    load_brief,
    move_expectation,
    recount_findings,
    redo_add_brief,
    undo_add_brief,
    undo_delete_brief,
    undo_task_link,
    update_brief,
    update_expectation,
)
from desktop_app.models.clarity import check_brief, count_content_findings
from desktop_app.models.procedure_content import StepData
from desktop_app.models.procedures import add_step, create_procedure, update_procedure
from desktop_app.models.snapshots import restore
from desktop_app.models.tasks import create_task
from desktop_app.store import open_store
from tests.conftest import BOTH_ENGINES

pytestmark = BOTH_ENGINES

TODAY = date(2026, 11, 20)
SCHEMAS = Path(__file__).parent / "data" / "schemas"


def _stored(brief_id):
    return Brief.get_by_id(brief_id).content_findings


def assert_counts_true(today=TODAY):
    """Every brief: its stored count is its own text's findings, and the list
    shows as many findings as the clarity check of the whole brief."""
    shown = {summary.id: summary.open_findings for summary in brief_summaries(today)}
    for brief in Brief.select(Brief.id):
        data = load_brief(brief.id)
        assert _stored(brief.id) == count_content_findings(data), data.title
        assert shown[brief.id] == len(check_brief(data, today)), data.title


def _vague_brief():
    """A brief with findings of several rules: vague words, no budget, a
    must-have without a measure."""
    data = BriefData(
        title="Support inbox",
        summary="Answer e-mails ASAP, etc.",
        deliverables="A weekly note",
        expectations=[
            ExpectationData("Reply quickly", "must", ""),
            ExpectationData("Tag every ticket", "should", "All tickets tagged"),
        ],
    )
    return add_brief(data)


def test_a_new_brief_stores_its_count(store):
    added = _vague_brief()
    assert _stored(added.brief_id) > 0
    assert_counts_true()


def test_each_edit_of_a_brief_and_its_expectations_recounts_and_undo_too(store):
    brief_id = _vague_brief().brief_id
    before = _stored(brief_id)

    old = update_brief(brief_id, {"summary": "Answer e-mails within 4 working hours."})
    assert _stored(brief_id) < before
    assert_counts_true()
    update_brief(brief_id, old)  # its undo
    assert _stored(brief_id) == before
    assert_counts_true()

    update_brief(brief_id, {"budget": "400", "report_every_days": 7})
    assert_counts_true()

    expectation_id = add_expectation(brief_id, "Some polished replies", "should")
    assert_counts_true()
    old = update_expectation(expectation_id, {"measure": "Checked weekly"})
    assert_counts_true()
    update_expectation(expectation_id, old)
    assert_counts_true()

    snapshot = delete_expectation(expectation_id)
    assert_counts_true()
    restore(snapshot)  # undo of the delete
    assert Brief.get_by_id(brief_id).content_findings == count_content_findings(
        load_brief(brief_id)
    )
    assert_counts_true()

    first = load_brief(brief_id).expectations[0].id
    assert move_expectation(first, 2)
    assert_counts_true()


def test_adding_deleting_and_duplicating_briefs_keep_the_counts(store):
    added = _vague_brief()
    copy = duplicate_brief(added.brief_id)
    assert _stored(copy.brief_id) == _stored(added.brief_id)
    assert_counts_true()

    snapshot = undo_add_brief(copy)
    assert_counts_true()
    redo_add_brief(copy, snapshot)
    assert_counts_true()

    deleted = delete_brief(added.brief_id)
    assert_counts_true()
    undo_delete_brief(deleted)
    assert_counts_true()


def test_the_date_and_the_procedures_are_counted_as_the_list_is_read(store):
    """What the stored count leaves out: a deadline passing, a task handed
    off without a procedure, a procedure without its "done when"."""
    brief_id = _vague_brief().brief_id
    update_brief(brief_id, {"deadline": TODAY + timedelta(days=3)})
    stored = _stored(brief_id)
    assert_counts_true()
    assert_counts_true(TODAY + timedelta(days=10))  # the deadline has passed
    later = {s.id: s.open_findings for s in brief_summaries(TODAY + timedelta(days=10))}
    assert later[brief_id] == {s.id: s.open_findings for s in brief_summaries(TODAY)}[brief_id] + 1

    task_id = create_task("Answer the inbox")
    link = link_task(brief_id, task_id)
    assert_counts_true()  # no procedure for it
    procedure_id = create_procedure(task_id)
    add_step(procedure_id, StepData("Open the shared inbox"))
    assert_counts_true()  # steps, but no "done when"
    update_procedure(procedure_id, {"done_when": "The inbox is empty"})
    assert_counts_true()
    undo_task_link(link)
    assert_counts_true()
    assert _stored(brief_id) == stored


def test_one_brief_or_one_status_reads_the_same_summary_as_the_whole_list(store):
    first = _vague_brief().brief_id
    second = add_brief(BriefData(title="Bookkeeping", status="posted")).brief_id
    every = {summary.id: summary for summary in brief_summaries(TODAY)}
    assert brief_summaries(TODAY, ids=[second]) == [every[second]]
    assert brief_summaries(TODAY, status="draft") == [every[first]]


def test_a_count_not_stored_is_counted_as_the_list_reads(store):
    brief_id = _vague_brief().brief_id
    Brief.update(content_findings=None).where(Brief.id == brief_id).execute()
    [summary] = brief_summaries(TODAY)
    assert summary.open_findings == len(check_brief(load_brief(brief_id), TODAY))
    recount_findings()
    assert_counts_true()


def test_upgrading_a_schema_9_file_counts_every_brief(tmp_path):
    path = tmp_path / "offload.sqlite3"
    shutil.copyfile(SCHEMAS / "schema-9.sqlite3", path)
    connection = sqlite3.connect(path)
    briefs = connection.execute("SELECT count(*) FROM brief").fetchone()[0]
    connection.close()
    assert briefs

    store = open_store(path)
    try:
        assert Brief.select().where(Brief.content_findings.is_null()).count() == 0
        assert_counts_true()
    finally:
        store.close()
