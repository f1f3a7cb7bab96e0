"""No lost updates beyond briefs: two clients editing the same contractor,
engagement and task, on both engines; undo refused when the other changed
the row since; two clients reordering one brief's expectations; and who
did what (`models.history`).

Each client is its own connection and its own edit session, as two Offload
windows on two machines are (`tests/test_row_versions.py`'s `Client`).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from desktop_app.models import access, checklists, procedures, versions
from desktop_app.models import contractors as bench
from desktop_app.models.base import database
from desktop_app.models.briefs import (
    BriefData,
    add_expectation,
    create_brief,
    expectations_of,
    move_expectation,
)
from desktop_app.models.contractor_input import parse_contractor
from desktop_app.models.engagements import (
    Engagement,
    create_engagement,
    list_engagements,
    update_engagement,
)
from desktop_app.models.history import history
from desktop_app.models.tasks import Task, create_task, load_month, update_task
from desktop_app.models.versions import StaleEdit
from desktop_app.store import Store
from tests.conftest import BOTH_ENGINES, POSTGRES_ONLY
from tests.test_row_versions import Client, second_connection

pytestmark = BOTH_ENGINES

TODAY = date(2026, 11, 20)


@pytest.fixture
def clients(store: Store, db_location: Path | str) -> Iterator[tuple[Client, Client]]:
    other = second_connection(db_location)
    try:
        yield Client(store.db, "Ann"), Client(other, "Ben")
    finally:
        other.close()


def _contractor() -> int:
    return bench.create_contractor(parse_contractor({"name": "Maria Lopez"}))


def _engagement() -> int:
    brief_id = create_brief(BriefData(title="Bookkeeping"))
    return create_engagement(brief_id, _contractor(), date(2026, 10, 1)).id


# Each kind of row: made, read as its list reads it, saved, and read back.
KINDS = {
    "contractor": (
        _contractor,
        lambda _row_id: bench.contractor_rows(),
        lambda row_id, value: bench.update_contractor(row_id, {"notes": value}),
        lambda row_id: bench.contractor_values(row_id)["notes"],
    ),
    "engagement": (
        _engagement,
        lambda _row_id: list_engagements(TODAY),
        lambda row_id, value: update_engagement(row_id, {"end_reason": value}),
        lambda row_id: Engagement.get_by_id(row_id).end_reason,
    ),
    "task": (
        lambda: create_task("Invoices"),
        lambda _row_id: load_month(TODAY),
        lambda row_id, value: update_task(row_id, {"notes": value}),
        lambda row_id: Task.get_by_id(row_id).notes,
    ),
}


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("first", ["ann", "ben"])
def test_a_stale_save_is_refused_in_both_orders(clients, kind, first):
    make, read, save, stored = KINDS[kind]
    ann, ben = clients
    with ann.active():
        row_id = make()
        read(row_id)
    with ben.active():
        read(row_id)
    winner, loser = (ann, ben) if first == "ann" else (ben, ann)
    with winner.active():
        save(row_id, "theirs")
    with loser.active():
        with pytest.raises(StaleEdit) as refused:
            save(row_id, "mine")
        assert f"changed by {winner.session.person} on" in str(refused.value)
        assert list(refused.value.theirs.values()) == ["theirs"]
        assert list(refused.value.yours.values()) == ["mine"]
        assert stored(row_id) == "theirs"
        # Having read theirs (the list again), the loser's save goes through.
        read(row_id)
        save(row_id, "mine")
        assert stored(row_id) == "mine"


def _checklist_item() -> int:
    return checklists.add_item(_engagement(), "onboarding", "Share the bank login")


def _step() -> int:
    procedure_id = procedures.create_procedure(create_task("Payroll"))
    return procedures.add_step(procedure_id, procedures.StepData("Open the payroll app"))


def _access() -> int:
    return access.grant_access(_engagement(), {"name": "Xero", "granted_on": date(2026, 10, 1)})


def _items_of(item_id: int) -> object:
    item = checklists.ChecklistItem.get_by_id(item_id)
    return checklists.checklist_of(item.engagement_id, "onboarding")


def _steps_around(step_id: int) -> object:
    return procedures.steps_of(procedures.ProcedureStep.get_by_id(step_id).procedure_id)


# The other rows an owner edits: each read as its list reads it.
OTHER_KINDS = {
    "checklist item": (
        _checklist_item,
        _items_of,
        lambda row_id, value: checklists.update_item(row_id, {"note": value}),
        lambda row_id: checklists.ChecklistItem.get_by_id(row_id).note,
    ),
    "procedure step": (
        _step,
        _steps_around,
        lambda row_id, value: procedures.update_step(row_id, {"detail": value}),
        lambda row_id: procedures.ProcedureStep.get_by_id(row_id).detail,
    ),
    "access": (
        _access,
        lambda _row_id: access.access_rows(),
        lambda row_id, value: access.update_access(row_id, {"note": value}),
        lambda row_id: access.AccessGrant.get_by_id(row_id).note,
    ),
}


@pytest.mark.parametrize("kind", list(OTHER_KINDS))
def test_a_stale_save_of_the_other_edited_rows_is_refused(clients, kind):
    make, read, save, stored = OTHER_KINDS[kind]
    ann, ben = clients
    with ann.active():
        row_id = make()
        read(row_id)
    with ben.active():
        read(row_id)
        save(row_id, "theirs")
    with ann.active():
        with pytest.raises(StaleEdit, match="changed by Ben on"):
            save(row_id, "mine")
        assert stored(row_id) == "theirs"
        read(row_id)
        save(row_id, "mine")
        assert stored(row_id) == "mine"


def _command(kind: str, ctx, row_id: int, value: str):  # type: ignore[no-untyped-def]
    if kind == "contractor":
        from desktop_app.views.contractors.commands import EditContractorCommand

        return EditContractorCommand(ctx, row_id, {"notes": value})
    if kind == "engagement":
        from desktop_app.views.engagements.commands import UpdateEngagementCommand

        return UpdateEngagementCommand(ctx, row_id, {"end_reason": value}, "Change terms")
    from desktop_app.views.time_audit.commands import UpdateTaskCommand

    return UpdateTaskCommand(ctx, row_id, {"notes": value}, "Edit notes")


@pytest.mark.parametrize("kind", list(KINDS))
def test_undo_of_an_edit_the_other_client_changed_since_is_refused(window, clients, kind):
    from desktop_app.views.undo import execute

    make, read, save, stored = KINDS[kind]
    _ann, ben = clients
    row_id = make()  # Ann's window is bound to her connection
    read(row_id)
    execute(_command(kind, window.ctx, row_id, "Ann's"))
    with ben.active():
        read(row_id)
        save(row_id, "Ben's")
    read(row_id)  # Ann's window shows Ben's value now: her undo is still refused
    with pytest.raises(StaleEdit, match="changed by Ben on"):
        window.undo_stack.undo()
    assert stored(row_id) == "Ben's"
    assert window.undo_stack.count() == 0  # never offered again


@pytest.mark.parametrize("kind", list(KINDS))
def test_undoing_ones_own_edits_in_turn_goes_through(window, clients, kind):
    from desktop_app.views.undo import execute

    make, read, _save, stored = KINDS[kind]
    row_id = make()
    read(row_id)
    before = stored(row_id)
    execute(_command(kind, window.ctx, row_id, "first"))
    execute(_command(kind, window.ctx, row_id, "second"))
    window.undo_stack.undo()
    assert stored(row_id) == "first"
    window.undo_stack.undo()  # over this client's own later saves: allowed
    assert stored(row_id) == before
    window.undo_stack.redo()
    window.undo_stack.redo()
    assert stored(row_id) == "second"


def test_two_clients_reordering_one_brief_end_in_one_order(clients):
    ann, ben = clients
    with ann.active():
        brief_id = create_brief(BriefData(title="Newsletter"))
        ids = [add_expectation(brief_id, f"Expectation {n}") for n in range(5)]
    with ben.active():
        expectations_of(brief_id)
    with ann.active():
        move_expectation(ids[4], 0)  # Ann puts the last first
    with ben.active():
        move_expectation(ids[3], 0)  # Ben, who read the old order, puts the fourth first
        bens = [row.id for row in expectations_of(brief_id)]
    with ann.active():
        anns = [row.id for row in expectations_of(brief_id)]
    assert anns == bens
    assert sorted(anns) == sorted(ids)
    assert anns[:2] == [ids[3], ids[4]]


def _waiting_on_a_lock(url: str) -> bool:
    import psycopg

    with psycopg.connect(url) as connection:
        (waiting,) = connection.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
            " AND datname = current_database()"
        ).fetchone()
    return bool(waiting)


@POSTGRES_ONLY
def test_two_reorders_in_overlapping_transactions_end_in_one_order(
    qtbot, clients, engine, db_location
):
    """PostgreSQL runs both moves at once (SQLite has one writer at a time:
    the test above is its case). Ben's move reads the order without Ann's,
    still open, so both may take the same key; Ben then waits for Ann's
    commit. The order is still one order, the same for both, and a later
    move between the two rows works."""
    import threading

    ann, ben = clients
    with ann.active():
        brief_id = create_brief(BriefData(title="Newsletter"))
        ids = [add_expectation(brief_id, f"Expectation {n}") for n in range(4)]
    failures: list[BaseException] = []

    def bens_move() -> None:  # Ben's window, its own connection in this thread
        try:
            move_expectation(ids[2], 1)
        except BaseException as error:
            failures.append(error)
        finally:
            ben.db.close()

    anns_transaction = ann.db.atomic()
    anns_transaction.__enter__()
    with ann.active():
        move_expectation(ids[3], 1)  # not committed yet
    with ben.active():
        thread = threading.Thread(target=bens_move)
        thread.start()
        qtbot.waitUntil(lambda: _waiting_on_a_lock(str(db_location)), timeout=10_000)
        anns_transaction.__exit__(None, None, None)  # Ann commits; Ben goes on
        thread.join(timeout=30)
    assert not thread.is_alive() and failures == []
    with ann.active():
        anns = [row.id for row in expectations_of(brief_id)]
    with ben.active():
        bens = [row.id for row in expectations_of(brief_id)]
    assert anns == bens
    assert sorted(anns) == sorted(ids)
    assert anns[0] == ids[0] and set(anns[1:3]) == {ids[2], ids[3]}
    with ann.active():
        move_expectation(ids[1], 2)  # between the two that may share a key
        after = [row.id for row in expectations_of(brief_id)]
    assert after[2] == ids[1] and sorted(after) == sorted(ids)


def test_each_change_records_who_when_and_what_field(clients):
    ann, ben = clients
    with ann.active():
        contractor_id = _contractor()
        bench.update_contractor(contractor_id, {"notes": "Fast", "phone": "+1 555 0100"})
    with ben.active():
        bench.contractor_rows()
        bench.update_contractor(contractor_id, {"notes": "Fast and careful"})
        changes = history([("contractor", contractor_id, "")])
    assert [(c.person, c.field, c.old, c.new) for c in changes] == [
        ("Ben", "notes", "Fast", "Fast and careful"),
        ("Ann", "phone", "", "+1 555 0100"),
        ("Ann", "notes", "", "Fast"),
    ] or [(c.person, c.field, c.old, c.new) for c in changes] == [
        ("Ben", "notes", "Fast", "Fast and careful"),
        ("Ann", "notes", "", "Fast"),
        ("Ann", "phone", "", "+1 555 0100"),
    ]
    assert all(c.changed_at is not None for c in changes)
    with ann.active():
        stored = bench.Contractor.get_by_id(contractor_id)
        assert (stored.changed_by, stored.row_version) == ("Ben", 3)
    database.obj  # noqa: B018  (the binding is Ann's again)


def test_a_form_open_on_a_contractor_is_refused_after_a_change_made_on_the_way(clients):
    """A recommendation recorded by Ben sets the contractor's source: a new
    version, so Ann's form, open since before, does not put the old source
    back silently."""
    from desktop_app.models.referrals import add_referrer, parse_referrer, record_recommendation

    ann, ben = clients
    with ann.active():
        contractor_id = _contractor()
        values, read = bench.contractor_for_editing(contractor_id)
    with ben.active():
        leo = add_referrer(parse_referrer({"name": "Leo Martins"}))
        record_recommendation(leo, contractor_id, date(2026, 11, 7))
    with ann.active():
        from desktop_app.models.versions import tracking

        with pytest.raises(StaleEdit, match="changed by Ben on"), tracking(read):
            bench.update_contractor(contractor_id, {**values, "notes": "Met on a call"})
        assert bench.contractor_values(contractor_id)["source_detail"] == "Leo Martins"


def test_a_check_in_form_saves_over_the_version_it_was_opened_on(clients):
    """The timeline re-read after Ben's edit (a live refresh) does not let
    Ann's form, open since before, save over it."""
    from desktop_app.models.engagements import (
        add_check_in,
        entry_versions_read,
        timeline,
        update_check_in,
    )
    from desktop_app.models.versions import tracking

    ann, ben = clients
    with ann.active():
        engagement_id = _engagement()
        check_in_id = add_check_in(engagement_id, date(2026, 11, 2), summary="Books closed")
        [opened] = timeline(engagement_id)  # the form is opened on this
    with ben.active():
        timeline(engagement_id)
        update_check_in(check_in_id, date(2026, 11, 2), summary="Books closed, VAT filed")
    with ann.active():
        timeline(engagement_id)  # the list refreshed
        read = entry_versions_read(opened)
        with pytest.raises(StaleEdit, match="changed by Ben on"), tracking(read):
            update_check_in(check_in_id, date(2026, 11, 2), summary="Books closed late")
        [stored] = timeline(engagement_id)
        assert stored.summary == "Books closed, VAT filed"


def test_a_save_of_a_row_the_other_client_deleted_says_so_in_the_owners_language(clients):
    from desktop_app.models.errors import UserError
    from desktop_app.models.i18n import use_language

    ann, ben = clients
    with ann.active():
        contractor_id = _contractor()
        bench.contractor_rows()
    with ben.active():
        bench.contractor_rows()
        bench.delete_contractor(contractor_id)
    with ann.active():
        use_language("de")
        # The contractor's own edit says so before it saves ("nicht mehr im
        # Pool"); the save beneath every versioned edit says it too.
        with pytest.raises(UserError, match="nicht mehr im Pool"):
            bench.update_contractor(contractor_id, {"notes": "mine"})
        with pytest.raises(UserError, match="wurde gelöscht") as refused:
            versions.save(bench.Contractor, contractor_id, {"notes": "mine"}, what="Contractor")
        assert not isinstance(refused.value, StaleEdit)
        assert bench.Contractor.get_or_none(bench.Contractor.id == contractor_id) is None
