"""What the owner sees of row versions beyond briefs, on both engines: a
form saved over someone else's change asks Keep theirs / Save mine (the
one mechanism the brief editor uses too); the History dialogs of a
contractor, an engagement and a brief; the name in Settings per workspace.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from desktop_app.models import contractors as bench
from desktop_app.models.briefs import BriefData, create_brief, load_brief, update_brief
from desktop_app.models.contractor_input import parse_contractor
from desktop_app.models.engagements import create_engagement, list_engagements, update_engagement
from desktop_app.store import Store
from tests.conftest import BOTH_ENGINES
from tests.dialogs import no_dialog, shown_dialog
from tests.test_row_versions import Client, second_connection

pytestmark = BOTH_ENGINES


@pytest.fixture
def ben(store: Store, db_location: Path | str) -> Iterator[Client]:
    other = second_connection(db_location)
    try:
        yield Client(other, "Ben")
    finally:
        other.close()


def _ok(qtbot, dialog) -> None:  # type: ignore[no-untyped-def]
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("choice", ["Keep theirs", "Save mine"])
def test_a_contractor_form_saved_over_someones_change_offers_theirs_or_mine(
    window, qtbot, ben, choice
):
    contractor_id = bench.create_contractor(parse_contractor({"name": "Maria Lopez"}))
    page = window.show_tab("contractors").page()
    page.refresh()
    page.select_ids([contractor_id])
    dialog = page.edit_contractor()
    with ben.active():
        bench.contractor_rows()
        bench.update_contractor(contractor_id, {"notes": "Ben's notes"})
    page.refresh()  # Ann's list shows Ben's change: her open form still does not
    dialog.editors["notes"].setPlainText("Ann's notes")
    _ok(qtbot, dialog)
    box = shown_dialog(window, "staleEditDialog")
    assert isinstance(box, QMessageBox)
    assert "changed by Ben on" in box.text()
    assert 'Notes, theirs: "Ben\'s notes"' in box.text()
    assert 'Notes, yours: "Ann\'s notes"' in box.text()
    assert bench.contractor_values(contractor_id)["notes"] == "Ben's notes"
    [button] = [b for b in box.buttons() if b.text() == choice]
    button.click()
    qtbot.waitUntil(lambda: no_dialog(window, "staleEditDialog"))
    expected = "Ben's notes" if choice == "Keep theirs" else "Ann's notes"
    assert bench.contractor_values(contractor_id)["notes"] == expected
    assert window.undo_stack.count() == (0 if choice == "Keep theirs" else 1)


def test_a_contractors_history_says_who_changed_which_field_when(window, qtbot, ben):
    window.ctx.set_person("Ann")
    contractor_id = bench.create_contractor(parse_contractor({"name": "Maria Lopez"}))
    bench.update_contractor(contractor_id, {"phone": "+1 555 0100"})
    with ben.active():
        bench.contractor_rows()
        bench.update_contractor(contractor_id, {"notes": "Careful with numbers"})
    page = window.show_tab("contractors").page()
    page.refresh()
    # Nothing chosen: there is no contractor whose changes to show. The
    # button says "Changes…", apart from the stage moves' "History" tab.
    assert page.detail.history_button.text() == "Changes…"
    assert not page.detail.history_button.isEnabled()
    page.select_ids([contractor_id])
    assert page.detail.history_button.isEnabled()
    qtbot.mouseClick(page.detail.history_button, Qt.MouseButton.LeftButton)
    dialog = shown_dialog(window, "historyDialog")
    assert [row[1:] for row in dialog.rows()] == [
        ["Ben", "Notes", "–", "Careful with numbers"],
        ["Ann", "Phone", "–", "+1 555 0100"],
    ]
    assert dialog.windowTitle() == "Changes: Maria Lopez"
    dialog.close()


def test_an_engagements_history_names_its_check_ins_too(window, qtbot):
    from desktop_app.models.engagements import add_check_in, update_check_in

    window.ctx.set_person("Ann")
    brief_id = create_brief(BriefData(title="Bookkeeping"))
    contractor_id = bench.create_contractor(parse_contractor({"name": "Maria Lopez"}))
    engagement_id = create_engagement(brief_id, contractor_id, date(2026, 10, 1)).id
    list_engagements(date(2026, 11, 20))
    update_engagement(engagement_id, {"cadence_days": 14})
    check_in = add_check_in(engagement_id, date(2026, 11, 2), summary="Books closed")
    update_check_in(check_in, date(2026, 11, 2), summary="Books closed for October")
    page = window.show_tab("engagements").page()
    page.open_target(("engagement", engagement_id))
    qtbot.mouseClick(page.history_button, Qt.MouseButton.LeftButton)
    dialog = shown_dialog(window, "historyDialog")
    fields = {row[2] for row in dialog.rows()}
    # The check-in named by its day, and each change's time, in the owner's
    # formats (not a hand-written "02 Nov 2026").
    assert fields == {"Cadence days", "Nov 2, 2026: Summary"}
    for row in dialog.rows():
        assert re.fullmatch(r"[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s[AP]M", row[0]), row[0]
    dialog.close()


def test_a_briefs_history_and_a_brief_without_changes(window, qtbot):
    brief_id = create_brief(BriefData(title="Newsletter"))
    page = window.show_tab("briefs").page()
    page.open_target(("brief", brief_id))
    dialog = page.editor.show_history()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.empty.isVisible() and not dialog.table.isVisible()
    dialog.close()
    load_brief(brief_id, for_editing=True)
    update_brief(brief_id, {"summary": "Two issues a month"})
    dialog = page.editor.show_history()
    assert dialog is not None
    assert [row[2:] for row in dialog.rows()] == [["Summary", "–", "Two issues a month"]]
    dialog.close()


def test_the_name_in_settings_is_kept_per_workspace_and_names_the_changes(window, qtbot):
    dialog = window.open_settings()
    qtbot.waitExposed(dialog)
    dialog.person.setText("  Ann   Lee ")
    buttons = dialog.findChild(QDialogButtonBox, "settingsButtons")
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.ctx.person() == "Ann Lee"
    contractor_id = bench.create_contractor(parse_contractor({"name": "Maria Lopez"}))
    bench.update_contractor(contractor_id, {"notes": "Fast"})
    assert bench.Contractor.get_by_id(contractor_id).changed_by == "Ann Lee"
    dialog = window.open_settings()
    qtbot.waitExposed(dialog)
    assert dialog.person.text() == "Ann Lee"  # read back for this workspace
    dialog.person.setText("x" * 201)
    buttons = dialog.findChild(QDialogButtonBox, "settingsButtons")
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "under 200 characters" in dialog.errors.message("person")
    dialog.reject()
    assert window.ctx.person() == "Ann Lee"
