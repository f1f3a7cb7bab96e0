"""The demo engagements tell the four stories the tab is built for."""

from datetime import date

from desktop_app.demo import DEMO_MODULES, fill_demo_data
from desktop_app.models.briefs import Brief
from desktop_app.models.contractors import Contractor
from desktop_app.models.engagements import check_ins_due_this_week, list_engagements

MONDAY = date(2026, 11, 23)


def test_engagements_come_last_in_the_demo():
    assert DEMO_MODULES[-1] == "desktop_app.demo.engagements"


def test_the_four_stories(store):
    fill_demo_data(MONDAY)
    rows = {row.contractor_name: row for row in list_engagements(MONDAY)}
    assert set(rows) == {"Ana Souza", "Marco Bellini", "Priya Nair", "Tomasz Wójcik"}
    assert rows["Ana Souza"].doing_well
    assert rows["Marco Bellini"].trend.lost and rows["Marco Bellini"].overdue_days == 3
    assert rows["Priya Nair"].micromanagement.warning
    assert not rows["Priya Nair"].trend.lost
    assert rows["Tomasz Wójcik"].status == "ended" and rows["Tomasz Wójcik"].end_reason
    assert Contractor.get(Contractor.name == "Tomasz Wójcik").stage == "ended"
    assert Contractor.get(Contractor.name == "Ana Souza").stage == "hired"
    assert [row.contractor_name for row in check_ins_due_this_week(MONDAY)] == [
        "Marco Bellini",
        "Ana Souza",
        "Priya Nair",
    ]


def test_the_other_demos_briefs_and_contractors_are_used_when_present(store):
    existing_brief = Brief.create(title="Bookkeeping for the shop", status="posted")
    existing = Contractor.create(name="Ana Souza", stage="trial")
    fill_demo_data(MONDAY)
    ana = next(row for row in list_engagements(MONDAY) if row.contractor_name == "Ana Souza")
    assert (ana.brief_id, ana.contractor_id) == (existing_brief.id, existing.id)
    assert Contractor.select().where(Contractor.name == "Ana Souza").count() == 1
