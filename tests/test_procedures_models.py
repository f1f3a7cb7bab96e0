"""Procedures in the models: steps in order, refusals, undo data, versions and
what changed since the version sent, the owner's time from the audit."""

from datetime import date

import pytest

from desktop_app.models.briefs import (
    BriefData,
    BriefVersion,
    create_brief,
    load_brief,
    versions_of,
)
from desktop_app.models.errors import UserError, ValidationError
from desktop_app.models.procedure_changes import procedure_changes
from desktop_app.models.procedure_content import MAX_STEPS, ProcedureData, StepData
from desktop_app.models.procedure_versions import (
    ProcedureVersion,
    procedure_versions,
    record_brief_sent,
)
from desktop_app.models.procedures import (
    Procedure,
    ProcedureStep,
    add_recorded_steps,
    add_step,
    create_procedure,
    delete_procedure,
    delete_step,
    import_procedure,
    load_procedure,
    move_step,
    owner_time,
    owner_time_text,
    redo_import,
    set_step_positions,
    steps_of,
    undo_import,
    undo_recorded_steps,
    update_procedure,
    update_step,
)
from desktop_app.models.snapshots import restore
from desktop_app.models.tasks import add_time_entry, create_task
from tests.conftest import BOTH_ENGINES

pytestmark = BOTH_ENGINES


def _texts(procedure_id):
    return [step.text for step in steps_of(procedure_id)]


@pytest.fixture
def task_id(store):
    return create_task("Bookkeeping")


def test_a_procedure_keeps_its_fields_and_steps_in_order(task_id):
    procedure_id = create_procedure(
        task_id,
        ProcedureData(
            title="Close the month",
            purpose="Books that match the bank.",
            tools="Xero\nShopify admin",
            done_when="Every account reconciled.",
            steps=[
                StepData("Download statements", check="Closing balance noted"),
                StepData("Match"),
            ],
        ),
    )
    data = load_procedure(procedure_id)
    assert data.task_name == "Bookkeeping"
    assert data.tools == "Xero\nShopify admin"
    assert [s.text for s in data.steps] == ["Download statements", "Match"]
    assert data.steps[0].check == "Closing balance noted"
    with pytest.raises(UserError, match="already has a procedure"):
        create_procedure(task_id)


def test_steps_are_added_moved_and_moved_back_by_their_keys(task_id):
    procedure_id = create_procedure(task_id)
    ids = [add_step(procedure_id, StepData(text)) for text in "ABCD"]
    add_step(procedure_id, StepData("first"), index=0)
    assert _texts(procedure_id) == ["first", "A", "B", "C", "D"]
    changes = move_step(ids[3], 1)
    assert list(changes) == [ids[3]]  # one row written
    assert _texts(procedure_id) == ["first", "D", "A", "B", "C"]
    set_step_positions({row_id: old for row_id, (old, _) in changes.items()})
    assert _texts(procedure_id) == ["first", "A", "B", "C", "D"]
    assert move_step(ids[0], 1) == {}  # already there


def test_an_empty_step_is_not_saved(task_id):
    procedure_id = create_procedure(task_id)
    with pytest.raises(ValidationError, match="needs some text") as error:
        add_step(procedure_id, StepData("   \n "))
    assert error.value.field == "text"
    step_id = add_step(procedure_id, StepData("Download"))
    with pytest.raises(ValidationError):
        update_step(step_id, {"text": ""})
    assert _texts(procedure_id) == ["Download"]


def test_a_link_is_a_web_address_or_a_file_that_exists(task_id, tmp_path):
    procedure_id = create_procedure(task_id)
    step_id = add_step(procedure_id, StepData("Watch", link="https://loom.com/share/abc"))
    for bad in ("ftp://files.example/x", "mailto:maya@example.com", "javascript:alert(1)"):
        with pytest.raises(ValidationError, match="neither a web address") as error:
            update_step(step_id, {"link": bad})
        assert error.value.field == "link"
    with pytest.raises(ValidationError, match="no file of that name exists"):
        update_step(step_id, {"link": str(tmp_path / "missing.mp4")})
    with pytest.raises(ValidationError, match="not a complete web address"):
        update_step(step_id, {"link": "https://"})
    recording = tmp_path / "recording.mp4"
    recording.write_bytes(b"\0")
    update_step(step_id, {"link": str(recording)})
    assert steps_of(procedure_id)[0].link == str(recording)


def test_tools_are_names_never_passwords(task_id):
    procedure_id = create_procedure(task_id)
    for secret in ("Xero password: hunter2", "Bank PIN = 1234", "Stripe API key: sk_live_x"):
        with pytest.raises(ValidationError, match="password manager"):
            update_procedure(procedure_id, {"tools": f"Shopify\n{secret}"})
    update_procedure(
        procedure_id, {"tools": "Xero (bookkeeper login)\nPassword manager: 1Password"}
    )


def test_too_many_steps_are_refused(task_id):
    steps = [StepData(f"Step {n}") for n in range(MAX_STEPS + 1)]
    with pytest.raises(UserError, match="at most 10,000 steps"):
        create_procedure(task_id, ProcedureData(steps=steps))
    assert not Procedure.select().exists()


def test_updates_return_the_old_values(task_id):
    procedure_id = create_procedure(task_id, ProcedureData(done_when="Reconciled"))
    assert update_procedure(procedure_id, {"done_when": "Reconciled and filed"}) == {
        "done_when": "Reconciled"
    }
    step_id = add_step(procedure_id, StepData("Match", check="0.00"))
    assert update_step(step_id, {"check": "Difference 0.00"}) == {"check": "0.00"}


def test_delete_and_restore_put_every_step_back(task_id):
    procedure_id = create_procedure(task_id, ProcedureData(steps=[StepData("A"), StepData("B")]))
    snapshot = delete_procedure(procedure_id)
    assert not ProcedureStep.select().exists()
    restore(snapshot)
    assert _texts(procedure_id) == ["A", "B"]
    step_snapshot = delete_step(steps_of(procedure_id)[0].id)
    assert _texts(procedure_id) == ["B"]
    restore(step_snapshot)
    assert _texts(procedure_id) == ["A", "B"]


def test_deleting_the_task_takes_its_procedure(task_id):
    from desktop_app.models.tasks import delete_task

    create_procedure(task_id, ProcedureData(steps=[StepData("A")]))
    restore(delete_task(task_id))
    assert Procedure.select().count() == 1
    assert ProcedureStep.select().count() == 1


def test_a_recording_makes_the_procedure_and_undo_takes_it_back(task_id):
    recorded = add_recorded_steps(
        task_id, [StepData("Open Xero", seconds=40), StepData("Match payouts", seconds=620)]
    )
    assert recorded.created_procedure
    data = load_procedure(recorded.procedure_id)
    assert [(s.text, s.seconds) for s in data.steps] == [("Open Xero", 40), ("Match payouts", 620)]
    assert data.recorded_seconds == 660
    undo_recorded_steps(recorded)
    assert not Procedure.select().exists()
    with pytest.raises(UserError, match="Nothing was recorded"):
        add_recorded_steps(task_id, [])


def test_a_second_recording_appends_and_its_undo_keeps_the_first(task_id):
    first = add_recorded_steps(task_id, [StepData("A", seconds=5)])
    second = add_recorded_steps(task_id, [StepData("B", seconds=6)])
    assert not second.created_procedure
    assert _texts(first.procedure_id) == ["A", "B"]
    undo_recorded_steps(second)
    assert _texts(first.procedure_id) == ["A"]


def test_an_import_replaces_only_when_asked_and_undo_puts_the_old_one_back(task_id):
    old_id = create_procedure(task_id, ProcedureData(steps=[StepData("Old")]))
    new = ProcedureData(steps=[StepData("New 1"), StepData("New 2")])
    with pytest.raises(UserError, match="already has a procedure"):
        import_procedure(task_id, new, replace=False)
    imported = import_procedure(task_id, new, replace=True)
    assert _texts(imported.procedure_id) == ["New 1", "New 2"]
    assert not Procedure.select().where(Procedure.id == old_id).exists()
    snapshot = undo_import(imported)
    assert _texts(old_id) == ["Old"]
    redo_import(imported, snapshot)
    assert _texts(imported.procedure_id) == ["New 1", "New 2"]
    assert Procedure.select().count() == 1


def test_the_owner_time_comes_from_the_latest_month_of_the_audit(task_id):
    assert owner_time(task_id) is None
    assert owner_time_text(None) == ""
    add_time_entry(task_id, date(2026, 4, 30), 300)
    for day in (3, 10, 17):
        add_time_entry(task_id, date(2026, 5, day), 70)
    time = owner_time(task_id)
    assert (time.month, time.minutes, time.times) == (date(2026, 5, 1), 210, 3)
    assert owner_time_text(time) == (
        "About 1 h 10 min each time (3 times in May 2026, from the time audit)"
    )


def _brief_with_procedure(task_id):
    procedure_id = create_procedure(
        task_id,
        ProcedureData(
            done_when="Reconciled",
            steps=[StepData("Download"), StepData("Match", check="0.00"), StepData("Report")],
        ),
    )
    brief_id = create_brief(BriefData(title="Monthly bookkeeping"), task_ids=[task_id])
    return brief_id, procedure_id


def test_a_brief_carries_the_procedures_of_its_tasks(task_id):
    other = create_task("Sales tax filings")  # no procedure
    brief_id, procedure_id = _brief_with_procedure(task_id)
    from desktop_app.models.briefs import link_task

    link_task(brief_id, other)
    data = load_brief(brief_id)
    assert [p.id for p in data.procedures] == [procedure_id]
    assert data.tasks == ["Bookkeeping", "Sales tax filings"]


def test_sending_a_brief_keeps_a_version_of_each_procedure_it_carries(task_id):
    brief_id, procedure_id = _brief_with_procedure(task_id)
    record_brief_sent(brief_id, load_brief(brief_id), "brief.pdf")
    [version] = procedure_versions(procedure_id)
    assert version.exported_to == "brief.pdf"
    assert version.brief_title == "Monthly bookkeeping"
    assert [s.text for s in version.data.steps] == ["Download", "Match", "Report"]
    # Forgetting the brief's version (undo of the export) forgets the procedure's too.
    from desktop_app.models.snapshots import delete_with_snapshot

    [brief_version] = versions_of(brief_id)
    snapshot = delete_with_snapshot(BriefVersion.get_by_id(brief_version.id))
    assert not ProcedureVersion.select().exists()
    restore(snapshot)
    assert len(procedure_versions(procedure_id)) == 1


def test_what_changed_since_the_version_sent(task_id):
    brief_id, procedure_id = _brief_with_procedure(task_id)
    record_brief_sent(brief_id, load_brief(brief_id), "brief.pdf")
    steps = steps_of(procedure_id)
    update_step(steps[1].id, {"check": "Difference 0.00", "text": "Match every payout"})
    move_step(steps[2].id, 0)
    delete_step(steps[0].id)
    add_step(procedure_id, StepData("File the receipts"))
    update_procedure(procedure_id, {"done_when": "Reconciled and reported"})
    [sent] = procedure_versions(procedure_id)
    changes = procedure_changes(sent.data, load_procedure(procedure_id))
    described = [(c.what, c.old, c.new) for c in changes]
    assert ("Done when", "Reconciled", "Reconciled and reported") in described
    assert ("Removed step 1", "Download", "") in described
    assert ("Added step 3", "", "File the receipts") in described
    assert ("Step 2 reworded", "Match", "Match every payout") in described
    assert ("Step 2 check changed", "0.00", "Difference 0.00") in described
    assert [c.what for c in changes if c.what.startswith("Moved")] == ["Moved “Report”"]
    assert procedure_changes(sent.data, sent.data) == []
