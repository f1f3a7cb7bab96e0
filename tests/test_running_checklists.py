"""Checklists and the access register: the model side (issue 18).

Hiring starts the onboarding list, ending the offboarding one and revokes
the accesses chosen, each inside the edit's own transaction and undone
with it; templates are the shipped ones and the owner's own; a field that
looks like a secret is refused with why.
"""

from datetime import date

import pytest

from desktop_app.models.access import (
    AccessGrant,
    access_rows,
    delete_access,
    grant_access,
    left_open_after_ending,
    open_accesses,
    update_access,
)
from desktop_app.models.checklists import (
    ChecklistItem,
    ChecklistKind,
    add_item,
    add_items_from_template,
    checklist_of,
    checklist_templates,
    default_template,
    open_checklists,
    save_own_template,
    set_default_template,
    update_item,
)
from desktop_app.models.contractors import Contractor
from desktop_app.models.engagements import Engagement
from desktop_app.models.errors import ValidationError
from desktop_app.models.hiring import (
    end_engagement,
    hire,
    redo_end,
    redo_hire,
    redo_status,
    set_status,
    undo_end,
    undo_hire,
    undo_status,
)
from desktop_app.models.procedure_content import clean_procedure_field
from desktop_app.models.secret_check import looks_like_secret
from desktop_app.models.snapshots import restore
from tests.conftest import BOTH_ENGINES
from tests.engagement_helpers import brief, contractor

pytestmark = BOTH_ENGINES

START = date(2026, 11, 2)
ONBOARDING = [
    "Agreement signed",
    "Brief and procedures sent",
    "Accounts granted",
    "First check-in booked",
    "First deliverable reviewed",
]
OFFBOARDING = [
    "Access revoked",
    "Files and credentials returned",
    "Final invoice paid",
    "Feedback given",
    "Brief reopened or closed",
]


def _texts(engagement_id, kind):
    return [row.text for row in checklist_of(engagement_id, kind)]


def test_hiring_starts_the_onboarding_list_and_its_undo_takes_it_away(store):
    hiring = hire(contractor(), brief(), START, "40", 7)
    assert _texts(hiring.engagement_id, ChecklistKind.ONBOARDING) == ONBOARDING
    assert len(hiring.checklist_item_ids) == 5
    assert _texts(hiring.engagement_id, ChecklistKind.OFFBOARDING) == []

    snapshot = undo_hire(hiring)
    assert ChecklistItem.select().count() == 0
    redo_hire(hiring, snapshot)
    # The very same rows, so commands after the hire still find them.
    assert sorted(i.id for i in ChecklistItem.select()) == sorted(hiring.checklist_item_ids)


def test_ticking_an_item_with_a_date_and_a_note_and_taking_it_back(store):
    hiring = hire(contractor(), brief(), START, "40", 7)
    first = checklist_of(hiring.engagement_id, ChecklistKind.ONBOARDING)[0]
    previous = update_item(first.id, {"done_on": date(2026, 11, 3), "note": "Signed in DocuSign"})
    row = checklist_of(hiring.engagement_id, ChecklistKind.ONBOARDING)[0]
    assert (row.done, row.done_on, row.note) == (True, date(2026, 11, 3), "Signed in DocuSign")
    assert previous == {"done_on": None, "note": ""}
    with pytest.raises(ValidationError) as refused:
        update_item(first.id, {"done_on": "yesterday"})
    assert refused.value.field == "done_on"
    with pytest.raises(ValidationError):
        add_item(hiring.engagement_id, "onboarding", "   ")


def test_ending_starts_offboarding_revokes_the_chosen_access_and_undoes_exactly(store):
    contractor_id = contractor()
    hiring = hire(contractor_id, brief(), START, "40", 7)
    engagement_id = hiring.engagement_id
    shop = grant_access(
        engagement_id,
        {
            "name": "Shopify staff account",
            "level": "admin",
            "granted_on": START,
            "granted_by": "Maya",
        },
    )
    drive = grant_access(
        engagement_id, {"name": "Google Drive folder", "level": "view", "granted_on": START}
    )
    assert [row.name for row in open_accesses(engagement_id)] == [
        "Google Drive folder",
        "Shopify staff account",
    ]

    ending = end_engagement(engagement_id, date(2026, 12, 1), "Done", revoke=[shop])
    assert _texts(engagement_id, ChecklistKind.OFFBOARDING) == OFFBOARDING
    assert AccessGrant.get_by_id(shop).revoked_on == date(2026, 12, 1)
    assert AccessGrant.get_by_id(drive).revoked_on is None
    # The Drive folder was left open on an ended engagement: the Overview warns.
    [left] = left_open_after_ending()
    assert (left.engagement_id, left.names) == (engagement_id, ("Google Drive folder",))
    # The offboarding list is open; the ended engagement's onboarding no longer counts.
    assert [(c.kind, len(c.open_items)) for c in open_checklists()] == [("offboarding", 5)]

    snapshot = undo_end(ending)
    assert Engagement.get_by_id(engagement_id).status == "trial"
    assert Contractor.get_by_id(contractor_id).stage == "hired"
    assert AccessGrant.get_by_id(shop).revoked_on is None
    assert _texts(engagement_id, ChecklistKind.OFFBOARDING) == []
    assert left_open_after_ending() == []
    assert [(c.kind, len(c.open_items)) for c in open_checklists()] == [("onboarding", 5)]

    redo_end(ending, snapshot)
    assert Engagement.get_by_id(engagement_id).status == "ended"
    assert Contractor.get_by_id(contractor_id).stage == "ended"
    assert AccessGrant.get_by_id(shop).revoked_on == date(2026, 12, 1)
    ids = [row.id for row in checklist_of(engagement_id, ChecklistKind.OFFBOARDING)]
    assert ids == list(ending.checklist_item_ids)


def test_ending_never_revokes_another_engagements_access(store):
    first = hire(contractor(), brief(), START, "40", 7).engagement_id
    other = hire(contractor("Ben"), brief("Support"), START, "40", 7).engagement_id
    theirs = grant_access(other, {"name": "Gorgias", "granted_on": START})
    end_engagement(first, date(2026, 12, 1), "Done", revoke=[theirs])
    assert AccessGrant.get_by_id(theirs).revoked_on is None


def test_pausing_revokes_the_chosen_access_and_undo_reopens_it(store):
    engagement_id = hire(contractor(), brief(), START, "40", 7, status="active").engagement_id
    shop = grant_access(engagement_id, {"name": "Shopify", "granted_on": START})
    change = set_status(engagement_id, "paused", date(2026, 11, 20), revoke=[shop])
    assert Engagement.get_by_id(engagement_id).status == "paused"
    assert AccessGrant.get_by_id(shop).revoked_on == date(2026, 11, 20)
    undo_status(change)
    assert Engagement.get_by_id(engagement_id).status == "active"
    assert AccessGrant.get_by_id(shop).revoked_on is None
    redo_status(change)
    assert AccessGrant.get_by_id(shop).revoked_on == date(2026, 11, 20)
    with pytest.raises(ValidationError):
        set_status(engagement_id, "ended", date(2026, 11, 21))


@pytest.mark.parametrize(
    "field, typed",
    [
        ("name", "Shopify password: hunter2"),
        ("name", "Stripe sk_live_51HqLyjWDarjtT1zdp7dc"),
        ("granted_by", "PIN = 4921"),
        ("note", "Login maya@shop.example / Tr0ub4dor&3xK9q2LmZ7vW8pR"),
        ("name", "API key: 8f14e45fceea167a5a36dedd4bea2543"),
    ],
)
def test_a_field_that_looks_like_a_secret_is_refused_with_why(store, field, typed):
    engagement_id = hire(contractor(), brief(), START, "40", 7).engagement_id
    values = {"name": "Shopify", "granted_on": START, field: typed}
    with pytest.raises(ValidationError) as refused:
        grant_access(engagement_id, values)
    assert refused.value.field == field
    assert "looks like it holds a password or a key" in str(refused.value)
    assert "password manager" in str(refused.value)
    assert AccessGrant.select().count() == 0


def test_names_addresses_and_links_are_not_secrets():
    for line in (
        "Shopify staff account (orders only)",
        "maya@northwind-planners.example",
        "https://drive.google.com/drive/folders/1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuV",
        "Xero: bookkeeping role",
        "Canva team “Northwind”",
        "Google Workspace – shared inbox support@northwind.example",
        "1Password vault “Contractors”",
    ):
        assert looks_like_secret(line) is None, line


def test_the_procedures_tools_field_refuses_with_the_same_check(store):
    with pytest.raises(ValidationError) as refused:
        clean_procedure_field("tools", "Xero\nStripe sk_live_51HqLyjWDarjtT1zdp7dc")
    assert "looks like it holds a password or a key" in str(refused.value)


def test_access_dates_and_levels_are_checked(store):
    engagement_id = hire(contractor(), brief(), START, "40", 7).engagement_id
    with pytest.raises(ValidationError) as refused:
        grant_access(engagement_id, {"name": "Xero", "granted_on": START, "level": "god"})
    assert refused.value.field == "level"
    with pytest.raises(ValidationError) as refused:
        grant_access(engagement_id, {"name": "Xero"})
    assert refused.value.field == "granted_on"
    access = grant_access(engagement_id, {"name": "Xero", "granted_on": START})
    with pytest.raises(ValidationError) as refused:
        update_access(access, {"revoked_on": date(2026, 10, 1)})
    assert refused.value.field == "revoked_on"
    previous = update_access(access, {"revoked_on": date(2026, 11, 30)})
    assert previous == {"revoked_on": None}
    assert [row.is_open for row in access_rows(engagement_id)] == [False]
    snapshot = delete_access(access)
    assert access_rows() == []
    restore(snapshot)
    assert [row.name for row in access_rows()] == ["Xero"]


def test_a_template_with_no_items_is_refused(store):
    for empty in ("", "\n  \n- \n", []):
        with pytest.raises(ValidationError) as refused:
            save_own_template("Bookkeeper onboarding", "onboarding", empty)
        assert refused.value.field == "items"
        assert "at least one item" in str(refused.value)
    assert [t.name for t in checklist_templates() if t.is_own] == []


def test_the_owners_own_template_becomes_the_default_for_hiring(store):
    saved = save_own_template(
        "Bookkeeper onboarding",
        "onboarding",
        "- Xero invite sent\n- Bank feeds read-only\n\n* Chart of accounts walked through",
        make_default=True,
    )
    assert default_template("onboarding").own_id == saved.template_id
    assert default_template("offboarding").key == "shipped:offboarding"
    with pytest.raises(ValidationError):
        save_own_template("bookkeeper ONBOARDING", "onboarding", "One")  # same name, folded
    engagement_id = hire(contractor(), brief(), START, "40", 7).engagement_id
    assert _texts(engagement_id, "onboarding") == [
        "Xero invite sent",
        "Bank feeds read-only",
        "Chart of accounts walked through",
    ]
    # Adding a shipped template's items to an existing list appends them.
    add_items_from_template(engagement_id, "shipped:onboarding")
    assert len(_texts(engagement_id, "onboarding")) == 8
    assert set_default_template("onboarding", None) == saved.template_id
    assert default_template("onboarding").key == "shipped:onboarding"
