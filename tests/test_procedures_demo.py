"""The demo's procedures and questions: six tasks written down, a question folded in."""

from datetime import date

from desktop_app.demo import fill_demo_data
from desktop_app.models.briefs import find_briefs, load_brief
from desktop_app.models.clarity import check_brief
from desktop_app.models.overview import load_overview
from desktop_app.models.procedure_changes import procedure_changes
from desktop_app.models.procedure_versions import procedure_versions
from desktop_app.models.procedures import Procedure, load_procedure, procedure_id_for_task
from desktop_app.models.tasks import find_task_id

TODAY = date(2026, 11, 23)


def test_six_tasks_have_realistic_procedures_and_questions_wait(store):
    fill_demo_data(TODAY)
    names = {
        "Bookkeeping",
        "Customer support inbox",
        "Product photo editing",
        "Social media posts",
        "Packing paper planner orders",
        "Newsletter writing",
    }
    assert Procedure.select().count() == 8  # the six, and the two other hand-offs
    for name in names:
        data = load_procedure(procedure_id_for_task(find_task_id(name)))
        assert len(data.steps) >= 4, name
        assert data.done_when and data.tools and data.purpose, name
        assert all(step.check for step in data.steps[:4]), name

    # The bookkeeping brief went out with its procedure, which changed since.
    [(brief_id, _)] = find_briefs("Monthly bookkeeping")
    bookkeeping = procedure_id_for_task(find_task_id("Bookkeeping"))
    [sent] = procedure_versions(bookkeeping)
    changes = procedure_changes(sent.data, load_procedure(bookkeeping))
    assert {c.what for c in changes} >= {"Outputs", "Added step 8", "Step 4 check changed"}
    findings = check_brief(load_brief(brief_id), TODAY)
    assert not [f for f in findings if f.field == "procedures"]

    # Sofia's answer about glare is a step of the photo procedure.
    photos = load_procedure(procedure_id_for_task(find_task_id("Product photo editing")))
    assert photos.steps[-1].text.startswith("Reshoot at a 30° angle")
    overview = load_overview(TODAY)
    assert [q.contractor for q in overview.questions] == ["Sofia Almeida", "Nadia Haddad"]
