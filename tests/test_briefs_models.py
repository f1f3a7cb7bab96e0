"""Briefs in the database: validation, order keys, versions, duplicates, templates."""

import json
from datetime import date
from decimal import Decimal

import pytest

from desktop_app.assets import templates_folder
from desktop_app.models.brief_changes import changes_between
from desktop_app.models.brief_templates import (
    TemplateError,
    own_templates,
    parse_template,
    restore_own_template,
    save_own_template,
    shipped_templates,
    template_json,
)
from desktop_app.models.briefs import (
    EXPECTATION_MAX_LENGTH,
    Brief,
    BriefData,
    BriefStatus,
    BriefTask,
    Expectation,
    ExpectationData,
    add_expectation,
    brief_summaries,
    clean_field,
    create_brief,
    deadline_warning,
    delete_brief,
    delete_expectation,
    duplicate_brief,
    expectations_of,
    find_briefs,
    load_brief,
    move_expectation,
    record_version,
    set_expectation_positions,
    undo_delete_brief,
    update_brief,
    update_expectation,
    versions_of,
)
from desktop_app.models.errors import ValidationError
from desktop_app.models.ordering import MAX_KEY_LENGTH
from desktop_app.models.snapshots import restore
from desktop_app.models.tasks import Task
from tests.conftest import BOTH_ENGINES

pytestmark = BOTH_ENGINES


def _brief(count=5, **fields):
    data = BriefData(
        title=fields.pop("title", "Bookkeeping"),
        expectations=[
            ExpectationData(f"Expectation {n}", "should", f"Measure {n}") for n in range(count)
        ],
        **fields,
    )
    return create_brief(data)


def _texts(brief_id):
    return [row.text for row in expectations_of(brief_id)]


def _positions(brief_id):
    return {e.id: e.position for e in Expectation.select().where(Expectation.brief == brief_id)}


def test_a_brief_round_trips_every_field(store):
    data = BriefData(
        title="Café <Ünïcode> & Co",
        summary="Ζωή\n\nПривет",
        deliverables="P&L, PDF",
        in_scope="a",
        out_of_scope="b",
        success_criteria="c",
        acceptance="d",
        revision_rounds=2,
        deadline=date(2027, 1, 15),
        timeline="e",
        budget=Decimal("1200.50"),
        currency="EUR",
        budget_basis="monthly",
        report_every_days=7,
        report_how="f",
        delegation_level=4,
        decide_alone="g",
        ask_first="h",
        contact="i",
        working_hours="j",
        skills="k",
        status="final",
        expectations=[ExpectationData("x", "must", "y"), ExpectationData("z", "nice", "")],
    )
    brief_id = create_brief(data)
    loaded = load_brief(brief_id)
    assert loaded.fields() == data.fields()
    assert [(e.text, e.level, e.measure) for e in loaded.expectations] == [
        ("x", "must", "y"),
        ("z", "nice", ""),
    ]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "   ", "needs a title"),
        ("title", "x" * 201, "at most 200"),
        ("budget", "-1", "cannot be below zero"),
        ("budget", "lots", "not a number"),
        ("revision_rounds", "-1", "from 0 to 20"),
        ("revision_rounds", "1.5", "whole number"),
        ("report_every_days", "0", "from 1 to 365"),
        ("currency", "XYZ", "ISO 4217"),
        ("deadline", "31/12/2026", "not a date"),
        ("status", "archived", "choose one from the list"),
        ("language", "klingon", "choose one from the list"),
        ("delegation_level", 9, "delegation level"),
    ],
)
def test_bad_values_are_refused_naming_the_field_and_nothing_changes(store, field, value, message):
    brief_id = _brief(title="Keep me", budget=Decimal("100"))
    before = load_brief(brief_id)
    with pytest.raises(ValidationError, match=message) as refused:
        update_brief(brief_id, {field: value})
    assert refused.value.field == field
    assert load_brief(brief_id) == before


def test_numbers_are_read_as_people_type_them(store):
    assert clean_field("budget", "1 200,5") == Decimal("1200.50")
    assert clean_field("budget", "") is None
    assert clean_field("revision_rounds", "3") == 3
    assert clean_field("deadline", "2026-12-31") == date(2026, 12, 31)


def test_a_past_deadline_is_a_warning_not_a_refusal(store):
    brief_id = _brief()
    update_brief(brief_id, {"deadline": date(2020, 1, 1)})
    assert load_brief(brief_id).deadline == date(2020, 1, 1)
    assert "already passed" in deadline_warning(date(2020, 1, 1), date(2026, 11, 1))
    assert deadline_warning(date(2027, 1, 1), date(2026, 11, 1)) == ""


def test_update_returns_old_values_for_undo(store):
    brief_id = _brief(budget=Decimal("10"))
    old = update_brief(brief_id, {"budget": "20", "title": "New"})
    assert old == {"budget": Decimal("10"), "title": "Bookkeeping"}
    update_brief(brief_id, old)
    assert load_brief(brief_id).title == "Bookkeeping"


def test_expectations_are_checked(store):
    brief_id = _brief(0)
    with pytest.raises(ValidationError, match="at most 2,000"):
        add_expectation(brief_id, "x" * (EXPECTATION_MAX_LENGTH + 1))
    with pytest.raises(ValidationError, match="needs some text"):
        add_expectation(brief_id, "  ")
    with pytest.raises(ValidationError, match="must, should or nice"):
        add_expectation(brief_id, "ok", level="maybe")
    assert expectations_of(brief_id) == []
    expectation_id = add_expectation(brief_id, "x" * EXPECTATION_MAX_LENGTH)
    with pytest.raises(ValidationError, match="at most 2,000"):
        update_expectation(expectation_id, {"text": "y" * 2001})
    assert expectations_of(brief_id)[0].text == "x" * EXPECTATION_MAX_LENGTH


def test_adding_at_an_index_and_deleting_keep_the_order(store):
    brief_id = _brief(3)
    new_id = add_expectation(brief_id, "Inserted", index=1)
    assert _texts(brief_id) == ["Expectation 0", "Inserted", "Expectation 1", "Expectation 2"]
    snapshot = delete_expectation(new_id)
    assert _texts(brief_id) == ["Expectation 0", "Expectation 1", "Expectation 2"]
    restore(snapshot)
    assert _texts(brief_id)[1] == "Inserted"


def test_a_move_writes_one_row_and_undo_puts_the_key_back(store):
    brief_id = _brief(10)
    rows = expectations_of(brief_id)
    before = _positions(brief_id)
    changes = move_expectation(rows[8].id, 2)
    after = _positions(brief_id)
    assert [row_id for row_id in before if before[row_id] != after[row_id]] == [rows[8].id]
    assert _texts(brief_id)[2] == "Expectation 8"
    set_expectation_positions({row_id: old for row_id, (old, _) in changes.items()})
    assert _positions(brief_id) == before
    set_expectation_positions({row_id: new for row_id, (_, new) in changes.items()})
    assert _positions(brief_id) == after


def test_moving_to_the_same_place_writes_nothing(store):
    brief_id = _brief(4)
    rows = expectations_of(brief_id)
    assert move_expectation(rows[2].id, 2) == {}


def test_many_moves_to_one_spot_stay_bounded_and_keys_short(store):
    brief_id = _brief(30)
    written = 0
    for _ in range(400):
        last = expectations_of(brief_id)[-1]
        before = _positions(brief_id)
        move_expectation(last.id, 1)
        after = _positions(brief_id)
        changed = sum(before[row_id] != after[row_id] for row_id in before)
        assert changed <= 16
        written += changed
    assert written < 400 * 1.2
    assert max(len(key) for key in _positions(brief_id).values()) <= MAX_KEY_LENGTH
    assert len(set(_texts(brief_id))) == 30


def test_order_survives_reopening_the_database(store, db_location):
    from desktop_app.store import open_store

    brief_id = _brief(6)
    rows = expectations_of(brief_id)
    move_expectation(rows[5].id, 0)
    move_expectation(rows[0].id, 3)
    expected = _texts(brief_id)
    store.close()
    reopened = open_store(db_location)
    try:
        assert _texts(brief_id) == expected
    finally:
        reopened.close()


def test_duplicate_copies_content_order_and_links_as_a_draft(store):
    task = Task.create(name="Bookkeeping", name_key="bookkeeping")
    brief_id = create_brief(
        BriefData(
            title="Books",
            status=BriefStatus.POSTED,
            expectations=[ExpectationData("a"), ExpectationData("b")],
        ),
        task_ids=[task.id],
    )
    move_expectation(expectations_of(brief_id)[1].id, 0)
    copy_id = duplicate_brief(brief_id).brief_id
    copy = load_brief(copy_id)
    assert copy.title == "Books (copy)"
    assert copy.status == BriefStatus.DRAFT
    assert [e.text for e in copy.expectations] == ["b", "a"]
    assert copy.tasks == ["Bookkeeping"]


def test_delete_and_restore_bring_back_everything(store):
    brief_id = _brief(3)
    record_version(brief_id, load_brief(brief_id), "/tmp/x.pdf")
    deleted = delete_brief(brief_id)
    assert not Brief.select().exists()
    undo_delete_brief(deleted)
    assert _texts(brief_id) == ["Expectation 0", "Expectation 1", "Expectation 2"]
    assert len(versions_of(brief_id)) == 1


def test_find_briefs_by_id_or_title(store):
    first = _brief(title="Monthly bookkeeping")
    second = _brief(title="Support")
    assert find_briefs(str(second)) == [(second, "Support")]
    assert find_briefs("monthly BOOKKEEPING") == [(first, "Monthly bookkeeping")]
    assert find_briefs("nothing") == []


def test_summaries_count_expectations_and_findings(store):
    task = Task.create(name="Invoices", name_key="invoices")
    brief_id = create_brief(
        BriefData(title="Books", expectations=[ExpectationData("a", "must")]), task_ids=[task.id]
    )
    [summary] = brief_summaries(date(2026, 11, 1))
    assert summary.id == brief_id
    assert summary.expectation_count == 1
    assert summary.must_count == 1
    assert summary.open_findings > 0
    assert summary.tasks == ("Invoices",)
    assert BriefTask.select().count() == 1


def test_versions_keep_what_was_exported_and_list_what_changed(store):
    brief_id = _brief(3, budget=Decimal("100"))
    record_version(brief_id, load_brief(brief_id), "brief.pdf")
    rows = expectations_of(brief_id)
    update_brief(brief_id, {"budget": "150"})
    move_expectation(rows[2].id, 0)
    update_expectation(rows[1].id, {"level": "must"})
    add_expectation(brief_id, "Brand new")
    [version] = versions_of(brief_id)
    changes = changes_between(version.data, load_brief(brief_id))
    described = {(c.what, c.old, c.new) for c in changes}
    assert ("Budget", "100.00", "150.00") in described
    assert ("Expectation 3: level changed", "Should have", "Must have") in described
    assert ("Moved “Expectation 2”", "#3", "#1") in described
    assert any(c.what == "Added expectation 4" for c in changes)
    # Only the expectation that really moved is reported as moved.
    assert sum(c.what.startswith("Moved") for c in changes) == 1


def test_no_changes_since_a_fresh_version(store):
    brief_id = _brief(3)
    record_version(brief_id, load_brief(brief_id), "brief.pdf")
    assert changes_between(versions_of(brief_id)[0].data, load_brief(brief_id)) == []


def test_shipped_templates_are_complete_and_clear():
    from desktop_app.models.clarity import check_brief

    templates, problems = shipped_templates(templates_folder())
    assert problems == []
    assert len(templates) >= 6
    for template in templates:
        data = template.data
        assert template.description
        assert data.summary and data.deliverables and data.success_criteria
        assert 8 <= len(data.expectations) <= 12, template.name
        assert all(e.measure for e in data.expectations), template.name
        assert {e.level for e in data.expectations} == {"must", "should", "nice"}
        findings = {f.rule for f in check_brief(data, date(2026, 11, 1))}
        # Only what depends on the owner's own job: the money.
        assert findings <= {"missing_budget"}, (template.name, findings)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"offload_template": 1, "name": "x", "brief": {', "not valid JSON"),
        ("[1, 2]", "not an Offload brief template"),
        ('{"offload_template": 2, "name": "x", "brief": {}}', "template format 2"),
        ('{"offload_template": 1, "brief": {}}', "has no name"),
        ('{"offload_template": 1, "name": "x"}', "no “brief” object"),
        (
            '{"offload_template": 1, "name": "x", "brief": {"budget": "-5"}}',
            "cannot be below zero",
        ),
        (
            '{"offload_template": 1, "name": "x", "brief": {"expectations": [{"text": ""}]}}',
            "Expectation 1: An expectation needs some text",
        ),
        ('{"offload_template": 1, "name": "x", "brief": {"colour": "red"}}', "Unknown field"),
    ],
)
def test_a_broken_template_says_what_is_wrong(text, message):
    with pytest.raises(TemplateError, match=message) as refused:
        parse_template(text, "mine.json")
    assert "mine.json" in str(refused.value)


def test_a_broken_shipped_file_is_reported_and_the_others_load(tmp_path):
    (tmp_path / "good.json").write_text(
        json.dumps({"offload_template": 1, "name": "Good", "brief": {}}), encoding="utf-8"
    )
    (tmp_path / "bad.json").write_text("{nope", encoding="utf-8")
    templates, problems = shipped_templates(tmp_path)
    assert [t.name for t in templates] == ["Good"]
    assert len(problems) == 1 and "bad.json" in problems[0]


def test_own_templates_save_replace_and_undo(store):
    data = BriefData(title="Books", deadline=date(2027, 1, 1), expectations=[ExpectationData("a")])
    template_id, previous = save_own_template("Mine", template_json("Mine", "", data))
    assert previous is None
    [template] = own_templates()[0]
    assert template.name == "Mine" and template.own_id == template_id
    assert template.data.deadline is None  # a date belongs to one job, not a template
    changed = BriefData(title="Books 2", expectations=[ExpectationData("b")])
    same_id, previous = save_own_template("Mine", template_json("Mine", "", changed))
    assert same_id == template_id and previous is not None
    assert own_templates()[0][0].data.title == "Books 2"
    restore_own_template(template_id, previous)
    assert own_templates()[0][0].data.title == "Books"
    restore_own_template(template_id, None)
    assert own_templates() == ([], [])
