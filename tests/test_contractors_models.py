"""The bench's queries and edits: pipeline history, duplicates, merges,
interviews and the comparison, on a real SQLite file."""

from datetime import datetime, timedelta

import pytest

from desktop_app.models import contractors as bench
from desktop_app.models.base import database
from desktop_app.models.briefs import Brief
from desktop_app.models.contractor_input import parse_contractor
from desktop_app.models.errors import UserError, ValidationError
from desktop_app.models.snapshots import restore
from tests.conftest import BOTH_ENGINES

pytestmark = BOTH_ENGINES


def add(name, **fields):
    return bench.create_contractor(parse_contractor({"name": name, **fields}))


def interview(cid, days_ago=1, held=True, **scores):
    values = bench.parse_interview(
        {"held_at": datetime.now() - timedelta(days=days_ago), "held": held, **scores}
    )
    return bench.add_child("interview", cid, values)


def test_a_new_contractor_starts_its_history(store):
    cid = add("Ana Ferreira", stage="contacted")
    history = bench.contractor_detail(cid).history
    assert [(h.from_stage, h.to_stage, h.reason) for h in history] == [
        (None, "contacted", "Added to the bench")
    ]


def test_every_stage_move_is_kept_with_its_date_and_reason(store):
    cid = add("Ana Ferreira")
    monday = datetime(2026, 11, 2, 9, 0)
    bench.move_stage(cid, "contacted", "Wrote to her on Upwork", at=monday)
    bench.move_stage(cid, "interviewing", "", at=monday + timedelta(days=2))
    bench.move_stage(cid, "rejected", "Missed the call", at=monday + timedelta(days=5))
    detail = bench.contractor_detail(cid)
    assert detail.row.stage == "rejected"
    assert [(h.from_stage, h.to_stage, h.reason) for h in detail.history[:3]] == [
        ("interviewing", "rejected", "Missed the call"),
        ("contacted", "interviewing", ""),
        ("prospect", "contacted", "Wrote to her on Upwork"),
    ]
    assert detail.history[0].changed_at == monday + timedelta(days=5)
    assert detail.row.stage_since == monday + timedelta(days=5)


def test_a_move_to_the_same_or_an_unknown_stage_is_refused(store):
    cid = add("Ana")
    with pytest.raises(ValidationError, match="already at"):
        bench.move_stage(cid, "prospect")
    with pytest.raises(ValidationError, match="not a pipeline stage"):
        bench.move_stage(cid, "promoted")
    assert len(bench.contractor_detail(cid).history) == 1


def test_undoing_and_redoing_a_move_keeps_the_same_history_row(store):
    cid = add("Ana")
    change = bench.move_stage(cid, "contacted", "intro sent")
    bench.undo_stage_move(change)
    assert bench.contractor_values(cid)["stage"] == "prospect"
    assert len(bench.contractor_detail(cid).history) == 1
    bench.redo_stage_move(change)
    detail = bench.contractor_detail(cid)
    assert detail.row.stage == "contacted"
    assert detail.history[0].id == change["id"]


def test_next_stage_walks_forward_and_stops_at_the_end():
    assert bench.next_stage("prospect") is bench.Stage.CONTACTED
    assert bench.next_stage("trial") is bench.Stage.HIRED
    assert bench.next_stage("hired") is None
    assert bench.next_stage("rejected") is None


def test_rows_carry_counts_scores_and_the_latest_contact(store):
    cid = add("Ana", last_contact="2026-01-05")
    other = add("Bo")
    bench.add_child("reference", cid, bench.parse_reference({"name": "Rui", "checked": True}))
    bench.add_child("reference", cid, bench.parse_reference({"name": "Inês"}))
    bench.add_child("portfolio", cid, bench.parse_portfolio_link({"url": "https://a.example"}))
    interview(cid, days_ago=3, communication="4", expertise="5")
    interview(cid, days_ago=-5, held=False)
    rows = {row.name: row for row in bench.contractor_rows()}
    ana = rows["Ana"]
    assert (ana.references, ana.references_checked, ana.portfolio, ana.interviews) == (2, 1, 1, 2)
    assert ana.average_score == 4.5
    assert ana.last_contact.date() == (datetime.now() - timedelta(days=3)).date()
    assert rows["Bo"].average_score is None and rows["Bo"].references == 0
    assert bench.contractor_rows([other])[0].name == "Bo"


def test_the_list_loads_in_a_few_queries_however_many_contractors(store):
    for number in range(30):
        cid = add(f"Contractor {number}")
        interview(cid, communication="3")
        bench.add_child("reference", cid, bench.parse_reference({"name": "X"}))
    executed = []
    original = database.obj.execute_sql

    def counting(sql, params=None, *args, **kwargs):
        executed.append(sql)
        return original(sql, params, *args, **kwargs)

    database.obj.execute_sql = counting
    try:
        rows = bench.contractor_rows()
    finally:
        database.obj.execute_sql = original
    assert len(rows) == 30
    assert len(executed) <= 5


def test_interview_rules(store):
    future = datetime.now() + timedelta(days=2)
    with pytest.raises(ValidationError, match="in the future cannot be marked as held") as refused:
        bench.parse_interview({"held_at": future, "held": True})
    assert "held" in refused.value.errors
    assert bench.parse_interview({"held_at": future, "held": False})["held"] is False
    with pytest.raises(ValidationError) as refused:
        bench.parse_interview({"held_at": future, "communication": "6", "fit": "0"})
    assert set(refused.value.errors) == {"communication", "fit"}
    with pytest.raises(ValidationError, match="Give the date and time"):
        bench.parse_interview({"held_at": ""})


def test_duplicates_match_on_email_phone_or_website(store):
    cid = add("Ana", email="ana@example.com", phone="+351 912 345 678",
              website="https://www.ana.example.com/")  # fmt: skip
    assert bench.find_duplicates({"email": "ANA@example.com"})[0].contractor_id == cid
    assert bench.find_duplicates({"phone": "912-345-678"})[0].matched == ("phone",)
    found = bench.find_duplicates({"website": "ana.example.com", "email": "ana@example.com"})
    assert found[0].describe() == "Ana (same e-mail and website)"
    assert bench.find_duplicates({"email": "other@example.com"}) == []
    assert bench.find_duplicates({"email": "ana@example.com"}, exclude_id=cid) == []


def test_merging_two_records_moves_everything_and_loses_nothing(store):
    keep = add("Ana Ferreira", email="ana@example.com", skills="Xero", rate="30")
    other = add("Ana F.", email="ana.f@example.com", phone="+351 912 345 678",
                skills="VAT, xero", rate="35", notes="Met at a meetup")  # fmt: skip
    bench.add_child("reference", other, bench.parse_reference({"name": "Rui"}))
    interview(other, communication="5")
    record = bench.merge_contractors(keep, other)
    values = bench.contractor_values(keep)
    assert values["phone"] == "+351 912 345 678"
    assert values["skills"] == "Xero, VAT"
    assert "Met at a meetup" in values["notes"]
    assert "E-mail: ana.f@example.com" in values["notes"]
    assert "Rate: $35 per hour" in values["notes"]
    detail = bench.contractor_detail(keep)
    assert [r.name for r in detail.references] == ["Rui"]
    assert len(detail.interviews) == 1
    assert bench.contractor_names([other]) == {}

    bench.unmerge(record)
    assert bench.contractor_values(keep)["phone"] == ""
    assert [r.name for r in bench.contractor_detail(other).references] == ["Rui"]
    assert bench.contractor_detail(keep).references == []
    with pytest.raises(UserError):
        bench.merge_contractors(keep, keep)


def test_deleting_a_contractor_takes_its_rows_and_restore_brings_them_back(store):
    cid = add("Ana")
    interview(cid, communication="4")
    bench.move_stage(cid, "contacted")
    snapshot = bench.delete_contractor(cid)
    assert bench.contractor_rows() == []
    restore(snapshot)
    detail = bench.contractor_detail(cid)
    assert len(detail.interviews) == 1 and len(detail.history) == 2


def test_the_comparison_lines_up_the_evidence(store):
    brief = Brief.create(title="Monthly bookkeeping")
    ana = add("Ana", rate="32", source="upwork", rating="5")
    tom = add("Tomasz", rate="22", source="referral", source_detail="Leo", rating="4")
    said = {"name": "R", "checked": True, "said": "Always on time"}
    bench.add_child("reference", ana, bench.parse_reference(said))
    bench.add_child("reference", tom, bench.parse_reference({"name": "K"}))
    bench.add_child("portfolio", ana, bench.parse_portfolio_link({"url": "https://a.example"}))
    for cid, scores, brief_id in (
        (ana, ("5", "5", "4", "5"), brief.id),
        (tom, ("3", "5", "4", "4"), brief.id),
        (tom, ("5", "5", "5", "5"), None),
    ):
        values = bench.parse_interview({
            "held_at": datetime.now() - timedelta(days=1), "held": True, "notes": "call",
            "communication": scores[0], "expertise": scores[1], "reliability": scores[2],
            "fit": scores[3], "brief": brief_id,
        })  # fmt: skip
        bench.add_child("interview", cid, values)

    comparison = bench.compare_contractors([ana, tom], brief.id)
    rows = {row.label: row for row in comparison.rows}
    assert comparison.names == ("Ana", "Tomasz")
    assert comparison.brief_title == "Monthly bookkeeping"
    assert rows["Rate"].values == ("$32 per hour", "$22 per hour")
    assert rows["Rate"].best == {1}
    assert rows["Source"].values == ("Upwork", "Referral from Leo")
    assert rows["References checked"].values == ("1 of 1", "0 of 1")
    assert rows["Portfolio items"].values == ("1", "0")
    assert rows["Communication"].values == ("5.0", "3.0") and rows["Communication"].best == {0}
    assert rows["Expertise"].best == set()  # a tie leads nobody
    assert rows["Average score"].values == ("4.8", "4.0")
    assert rows["Your rating"].values == ("5 / 5", "4 / 5")
    assert "Always on time" in rows["What references said"].values[0]
    assert rows["Interviews held for “Monthly bookkeeping”"].values == ("1", "1")

    everything = {row.label: row for row in bench.compare_contractors([ana, tom]).rows}
    assert everything["Communication"].values == ("5.0", "4.0")


def test_rates_in_different_units_are_not_ranked(store):
    a = add("A", rate="30", rate_unit="hour")
    b = add("B", rate="900", rate_unit="month")
    rows = {row.label: row for row in bench.compare_contractors([a, b]).rows}
    assert rows["Rate"].best == set()


@pytest.mark.parametrize("count", [1, 6])
def test_two_to_five_contractors_are_compared(store, count):
    ids = [add(f"C{n}") for n in range(count)]
    with pytest.raises(UserError, match="Choose 2 to 5"):
        bench.compare_contractors(ids)


def test_undoing_a_second_merge_keeps_the_first_merges_history(store):
    def add(name, stage, email):
        return bench.create_contractor(
            parse_contractor({"name": name, "stage": stage, "email": email})
        )

    keep = add("Ana Souza", "interviewing", "ana@example.com")
    first = bench.merge_contractors(keep, add("Ana S.", "contacted", "ana.s@example.com"))
    assert first.note_id is not None
    second = bench.merge_contractors(keep, add("A. Souza", "prospect", "a.souza@example.com"))
    bench.unmerge(second)
    notes = [
        change.reason
        for change in bench.StageChange.select().where(bench.StageChange.contractor == keep)
        if change.reason.startswith("Merged with ")
    ]
    assert notes == ["Merged with Ana S. (who was at “Contacted”)"]


def test_deleting_counts_the_engagements_that_go_with_a_contractor(store):
    from desktop_app.models.engagements import create_engagement, dependents_summary

    contractor_id = bench.create_contractor(parse_contractor({"name": "Ana Souza"}))
    brief = Brief.create(title="Bookkeeping")
    create_engagement(brief.id, contractor_id, datetime.now().date(), cadence_days=7)
    assert dependents_summary(contractor_id)["engagements"] == 1


def test_the_list_types_the_rate_and_the_last_contact_as_stored(store):
    # The list reads plain rows (issue 13): the two typed columns come back
    # as a Decimal and a datetime, or None.
    from decimal import Decimal

    cid = add("Ana", rate="37.50", last_contact="2026-01-05", rating="4")
    add("Bo")
    rows = {row.name: row for row in bench.contractor_rows()}
    assert rows["Ana"].rate == Decimal("37.50") and isinstance(rows["Ana"].rate, Decimal)
    assert rows["Ana"].last_contact == datetime(2026, 1, 5)
    assert rows["Ana"].rating == 4
    assert (rows["Bo"].rate, rows["Bo"].last_contact, rows["Bo"].rating) == (None, None, None)
    assert bench.contractor_values(cid)["rate"] == rows["Ana"].rate
