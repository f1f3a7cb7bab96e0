from datetime import date, datetime

from desktop_app.models.briefs import Brief, Expectation
from desktop_app.models.contractors import Contractor, Interview
from desktop_app.models.snapshots import delete_with_snapshot, restore
from desktop_app.models.tasks import Task, TimeEntry
from tests.conftest import BOTH_ENGINES

pytestmark = BOTH_ENGINES


def _rows(model):
    return sorted(tuple(sorted(row.items())) for row in model.select().dicts())


def test_a_cascading_delete_is_restored_exactly(store):
    task = Task.create(name="Invoices", name_key="invoices")
    for day in range(1, 301):
        TimeEntry.create(task=task, date=date(2026, 10, 1 + day % 28), minutes=day % 90 + 1)
    before = (_rows(Task), _rows(TimeEntry))

    snapshot = delete_with_snapshot(Task.get_by_id(task.id))
    assert Task.select().count() == 0
    assert TimeEntry.select().count() == 0

    restore(snapshot)
    assert (_rows(Task), _rows(TimeEntry)) == before


def test_links_that_were_nulled_are_put_back(store):
    brief = Brief.create(title="Bookkeeping")
    Expectation.create(brief=brief, text="Reconcile weekly", position="a0")
    contractor = Contractor.create(name="Ana")
    interview = Interview.create(contractor=contractor, brief=brief, held_at=datetime(2026, 11, 1))

    snapshot = delete_with_snapshot(Brief.get_by_id(brief.id))
    assert Interview.get_by_id(interview.id).brief_id is None
    assert Expectation.select().count() == 0

    restore(snapshot)
    assert Interview.get_by_id(interview.id).brief_id == brief.id
    assert Expectation.get().text == "Reconcile weekly"


def test_ids_are_never_reused_after_a_delete(store):
    first = Task.create(name="A", name_key="a")
    delete_with_snapshot(first)
    second = Task.create(name="B", name_key="b")
    assert second.id > first.id
