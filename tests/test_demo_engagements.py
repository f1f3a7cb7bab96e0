"""The demo engagements tell the four stories the tab is built for."""

from datetime import date

from desktop_app.demo import DEMO_MODULES, fill_demo_data
from desktop_app.models.briefs import Brief
from desktop_app.models.contractors import Contractor
from desktop_app.models.engagements import check_ins_due_this_week, list_engagements

MONDAY = date(2026, 11, 23)


def test_engagements_come_after_every_step_they_use_and_before_their_questions():
    order = {name.rpartition(".")[2]: index for index, name in enumerate(DEMO_MODULES)}
    assert order["engagements"] > max(order["time_audit"], order["briefs"], order["contractors"])
    assert order["questions"] > order["engagements"]
    # Running them (checklists, access, payments) comes last: it ticks what hiring started.
    assert DEMO_MODULES[-1] == "desktop_app.demo.running"


def test_the_four_stories(store):
    fill_demo_data(MONDAY)
    rows = {row.contractor_name: row for row in list_engagements(MONDAY)}
    assert set(rows) == {"Sofia Almeida", "Luca Romano", "Nadia Haddad", "Mateusz Zieliński"}
    assert rows["Sofia Almeida"].doing_well
    assert rows["Luca Romano"].trend.lost and rows["Luca Romano"].overdue_days == 3
    assert rows["Nadia Haddad"].micromanagement.warning
    assert not rows["Nadia Haddad"].trend.lost
    assert rows["Mateusz Zieliński"].status == "ended" and rows["Mateusz Zieliński"].end_reason
    assert Contractor.get(Contractor.name == "Mateusz Zieliński").stage == "ended"
    assert Contractor.get(Contractor.name == "Sofia Almeida").stage == "hired"
    assert [row.contractor_name for row in check_ins_due_this_week(MONDAY)] == [
        "Luca Romano",
        "Sofia Almeida",
        "Nadia Haddad",
    ]


def test_the_engaged_people_are_full_bench_records_found_before_hiring(store):
    from desktop_app.models import contractors as bench

    fill_demo_data(MONDAY)
    for name in ("Sofia Almeida", "Luca Romano", "Nadia Haddad", "Mateusz Zieliński"):
        assert Contractor.select().where(Contractor.name == name).count() == 1
    sofia = Contractor.get(Contractor.name == "Sofia Almeida")
    assert sofia.email == "sofia.almeida@example.com"  # a full record on the bench
    assert sofia.website and sofia.rating == 5
    history = bench.contractor_detail(sofia.id).history
    assert [h.to_stage for h in reversed(history)] == ["prospect", "hired"]


def test_the_other_demos_briefs_are_used_when_present(store):
    existing_brief = Brief.create(title="Photo editing for the shop", status="posted")
    from desktop_app.demo.engagements import fill

    fill(MONDAY)
    sofia = next(row for row in list_engagements(MONDAY) if row.contractor_name == "Sofia Almeida")
    assert sofia.brief_id == existing_brief.id


def test_the_engagements_leave_the_jobs_being_hired_for_as_they_are(store):
    from desktop_app.models import contractors as bench

    fill_demo_data(MONDAY)
    statuses = {brief.title: brief.status for brief in Brief.select()}
    assert statuses["Monthly bookkeeping"] == "posted"
    assert statuses["Customer support inbox"] == "draft"
    assert statuses["Social media management"] == "final"
    assert statuses["Pinterest pins and boards"] == "filled"
    # "Find someone new" for Luca searches the bench by his brief's skills,
    # and the bench already holds people who do that work.
    pins = Brief.get(Brief.title == "Pinterest pins and boards")
    wanted = {skill.strip().lower() for skill in pins.skills.split(",")}
    matches = [
        row.name
        for row in bench.contractor_rows()
        if row.name != "Luca Romano"
        and wanted & {skill.strip().lower() for skill in row.skills.split(",")}
    ]
    assert len(matches) >= 3


def test_the_briefs_contractors_were_hired_on_pass_the_clarity_check(store):
    from desktop_app.models.briefs import brief_summaries

    fill_demo_data(MONDAY)
    filled = [s for s in brief_summaries(MONDAY) if s.status == "filled"]
    assert len(filled) == 4
    assert {s.title: s.open_findings for s in filled} == {s.title: 0 for s in filled}
