"""What the window says, in words a reader does not trip over: plurals, one
"every", the window title, the shortcuts listed, what a brief status means,
dates typed one way, and a brief PDF without the owner's bookkeeping."""

from __future__ import annotations

from datetime import datetime

from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDateEdit, QDialogButtonBox, QMenu, QToolButton

from desktop_app.models import contractors as bench
from desktop_app.models.briefs import BriefData, BriefStatus, create_brief
from desktop_app.models.settings import Settings, save_settings
from desktop_app.pdf.brief import write_brief_pdf
from desktop_app.views.partials.dates import DATE_FORMAT
from desktop_app.views.shortcuts_dialog import ShortcutsDialog
from tests.engagement_helpers import contractor


def test_one_contractor_is_one_contractor(window, qtbot):
    contractor("Ana Souza")
    page = window.show_tab("contractors").page()
    page.refresh()
    assert page.count_label.text() == "1 contractor"
    contractor("Ben Okafor", email="ben@example.com")
    page.refresh()
    assert page.count_label.text() == "2 contractors"
    page.search.setText("ana")
    assert page.count_label.text() == "1 of 2 contractors"


def test_every_one_day_says_day(window, qtbot):
    brief_id = create_brief(BriefData(title="Bookkeeping", report_every_days=1))
    page = window.show_tab("briefs").page()
    page.open_target(("brief", brief_id))
    box = page.editor.fields["report_every_days"].input
    # The label says "every": the box only says how many days.
    assert box.text() == "1 day"
    box.setValue(7)
    assert box.text() == "7 days"

    engagements = window.show_tab("engagements").page()
    cadence = engagements.open_hire_dialog().terms.cadence
    cadence.setValue(1)
    assert cadence.text() == "1 day"


def test_the_window_title_names_offload_once(window):
    title = window.windowTitle()
    assert title.endswith(" — Offload")
    assert title.count("Offload") == 1
    window._install_store(window.ctx.store, demo=True)
    assert window.windowTitle() == f"{window.ctx.store.path.name} (demo) — Offload"


def test_the_shortcuts_list_shows_keys_a_keyboard_has(window, qtbot):
    menu = QMenu("&Edit", window)
    undo = QAction("&Undo", menu)
    # The bindings X11 gives Undo: a combination, a key Sun keyboards had (F14)
    # and the Undo key itself.
    undo.setShortcuts([QKeySequence("Ctrl+Z"), QKeySequence("F14"), QKeySequence("Undo")])
    help_action = QAction("Keyboard shortcuts", menu)
    help_action.setShortcut(QKeySequence("F1"))
    menu.addActions([undo, help_action])
    dialog = ShortcutsDialog([menu], window)
    rows = {
        dialog.model.item(row, 1).text(): dialog.model.item(row, 2).text()
        for row in range(dialog.model.rowCount())
    }
    assert rows == {"Undo": "Ctrl+Z", "Keyboard shortcuts": "F1"}


def test_each_brief_status_says_what_it_means(window, qtbot):
    brief_id = create_brief(BriefData(title="Bookkeeping"))
    page = window.show_tab("briefs").page()
    page.open_target(("brief", brief_id))
    combo = page.editor.fields["status"].input
    meanings = set()
    for index in range(combo.count()):
        tip = combo.itemData(index, Qt.ItemDataRole.ToolTipRole)
        assert tip and len(tip) > 20, combo.itemText(index)
        meanings.add(tip)
    assert len(meanings) == len(BriefStatus)
    line = page.editor.status_meaning
    assert line.isVisible()
    assert line.text() == combo.itemData(combo.currentIndex(), Qt.ItemDataRole.ToolTipRole)
    combo.setCurrentIndex(combo.findData(str(BriefStatus.POSTED)))
    assert "looking for" in line.text()


def test_the_brief_pdf_leaves_the_status_to_the_owner(store, tmp_path):
    save_settings(Settings(owner_name="Maya"))
    path = tmp_path / "brief.pdf"
    write_brief_pdf(
        BriefData(title="Bookkeeping", summary="Keep the books.", status=BriefStatus.DRAFT), path
    )
    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    assert "Bookkeeping" in text and "Prepared by Maya" in text
    assert "Draft" not in text


def test_dates_are_typed_one_way_everywhere(window, qtbot):
    ana = contractor("Ana Souza", last_contact=datetime(2026, 11, 2, 14, 30))
    page = window.show_tab("contractors").page()
    page.refresh()
    page.select_ids([ana])
    dialog = page.edit_contractor()
    qtbot.waitExposed(dialog)
    picker = dialog.editors["last_contact"]
    assert isinstance(picker, QDateEdit)
    assert picker.displayFormat() == DATE_FORMAT
    assert picker.text() == "2 Nov 2026"
    boxes = [w for w in window.findChildren(QDateEdit) if w.calendarPopup()]
    assert boxes and {box.displayFormat() for box in boxes} == {DATE_FORMAT}

    # Saved unchanged, the time of the contact stays as stored.
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert bench.contractor_values(ana)["last_contact"] == datetime(2026, 11, 2, 14, 30)

    dialog = page.edit_contractor()
    dialog.editors["last_contact"].setDate(QDate(2026, 11, 20))
    dialog.accept()
    assert bench.contractor_values(ana)["last_contact"] == datetime(2026, 11, 20)

    dialog = page.edit_contractor()
    clear = dialog.findChild(QToolButton, "contractorClear_last_contact")
    qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)
    assert dialog.editors["last_contact"].text() == "Not set"
    dialog.accept()
    assert bench.contractor_values(ana)["last_contact"] is None
