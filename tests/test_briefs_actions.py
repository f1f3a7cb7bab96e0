"""The Briefs tab's actions: clarity jumps, duplicate, delete, export, print, templates."""

import os
from decimal import Decimal

from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.models.brief_templates import own_templates
from desktop_app.models.briefs import (
    Brief,
    BriefData,
    ExpectationData,
    brief_exists,
    create_brief,
    expectations_of,
    load_brief,
    versions_of,
)
from desktop_app.models.tasks import Task
from desktop_app.pdf.brief import write_brief_pdf


def _brief(**fields):
    data = BriefData(
        title=fields.pop("title", "Support inbox"),
        summary=fields.pop("summary", "Answer customers."),
        deliverables="Replies in the help desk",
        success_criteria="First reply within 4 hours",
        report_every_days=7,
        timeline=fields.pop("timeline", "Starts on the 1st of the month"),
        budget=fields.pop("budget", None),
        expectations=fields.pop(
            "expectations",
            [
                ExpectationData("Reply within 4 working hours", "must", "Help-desk report"),
                ExpectationData("Tag every conversation", "should", ""),
            ],
        ),
        **fields,
    )
    return create_brief(data)


def _page(window, qtbot, brief_id=None):
    page = window.show_tab("briefs").page()
    if brief_id is not None:
        page.open_target(("brief", brief_id))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return page


def _click_finding(qtbot, page, rule):
    view = page.clarity.view
    for row, finding in enumerate(page.clarity.findings()):
        if finding.rule == rule:
            rect = view.visualRect(page.clarity.model.index(row, 0))
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            return finding
    raise AssertionError(f"no {rule} finding")


def _answer_next_question(button):
    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        answer.text = box.text()
        box.button(button).click()

    answer.text = ""
    QTimer.singleShot(0, answer)
    return answer


# Clarity ---------------------------------------------------------------------------


def test_findings_jump_to_their_field_and_vanish_when_fixed(window, qtbot):
    brief_id = _brief(summary="We need some help, ASAP.")
    page = _page(window, qtbot, brief_id)
    rules = [f.rule for f in page.clarity.findings()]
    assert rules == ["missing_budget", "no_measure", "vague_word", "vague_word"]
    assert page.clarity.summary.text().startswith("4 things")

    _click_finding(qtbot, page, "missing_budget")
    budget = page.editor.fields["budget"].input
    assert budget.hasFocus()
    qtbot.keyClicks(budget, "350")
    assert "missing_budget" not in [f.rule for f in page.clarity.findings()]
    assert load_brief(brief_id).budget == Decimal("350.00")

    vague = _click_finding(qtbot, page, "vague_word")
    summary = page.editor.fields["summary"].input
    assert summary.hasFocus()
    assert summary.textCursor().selectedText() == "ASAP"
    assert "“ASAP”" in vague.title

    _click_finding(qtbot, page, "no_measure")
    panel = page.editor.expectations
    assert page.editor.tabs.currentWidget() is panel
    assert panel.current_row() == 1
    assert panel.measure_edit.hasFocus()
    qtbot.keyClicks(panel.measure_edit, "Tag report in the help desk")
    assert "no_measure" not in [f.rule for f in page.clarity.findings()]


def test_a_clear_brief_says_so(window, qtbot):
    brief_id = _brief(
        budget=Decimal("400"),
        expectations=[ExpectationData("Reply within 4 working hours", "must", "Report")],
    )
    page = _page(window, qtbot, brief_id)
    assert page.clarity.findings() == []
    assert "Nothing vague or missing" in page.clarity.summary.text()
    assert page.list_model.rows()[0].open_findings == 0


# Duplicate and delete --------------------------------------------------------------


def test_duplicate_selects_the_copy_and_undo_removes_it(window, qtbot):
    brief_id = _brief()
    page = _page(window, qtbot, brief_id)
    page.editor.findChild(QAction, "actionBriefDuplicate").trigger()
    copy_id = page.current_brief_id
    assert copy_id != brief_id
    assert load_brief(copy_id).title == "Support inbox (copy)"
    assert [e.text for e in load_brief(copy_id).expectations] == [
        e.text for e in load_brief(brief_id).expectations
    ]
    window.undo_stack.undo()
    assert not brief_exists(copy_id)
    assert page.current_brief_id == brief_id


def test_delete_asks_first_and_undo_puts_everything_back(window, qtbot):
    brief_id = _brief()
    page = _page(window, qtbot, brief_id)
    answered = _answer_next_question(QMessageBox.StandardButton.No)
    page.delete_brief()
    assert "Delete the brief “Support inbox” with its 2 expectations?" in answered.text
    assert brief_exists(brief_id)

    _answer_next_question(QMessageBox.StandardButton.Yes)
    page.delete_brief()
    assert not brief_exists(brief_id)
    assert page.stack.currentWidget() is page.empty
    window.undo_stack.undo()
    assert [e.text for e in expectations_of(brief_id)] == [
        "Reply within 4 working hours",
        "Tag every conversation",
    ]
    assert page.current_brief_id == brief_id


# Export, versions, print -----------------------------------------------------------


def test_export_keeps_a_version_and_versions_list_what_changed(window, qtbot, tmp_path):
    brief_id = _brief(budget=Decimal("300"))
    page = _page(window, qtbot, brief_id)
    assert page.export_to(tmp_path / "support")
    assert (tmp_path / "support.pdf").exists()
    assert "Exported “Support inbox”" in page.status.text()
    [version] = versions_of(brief_id)
    assert version.exported_to == str(tmp_path / "support.pdf")

    editor = page.editor
    editor.tabs.setCurrentWidget(editor.versions)
    assert editor.tabs.tabText(editor.tabs.currentIndex()) == "Versions (1)"
    assert editor.versions.heading.text().startswith("No changes since the last version you sent")
    editor.focus_field("budget")
    budget = editor.fields["budget"].input
    budget.selectAll()
    qtbot.keyClicks(budget, "450")
    editor.expectations.model.move(1, 0)
    editor.tabs.setCurrentWidget(editor.versions)
    assert editor.versions.heading.text().startswith("2 changes since the last version you sent")
    shown = editor.versions.changes.toPlainText()
    assert "Budget: 300.00 → 450.00" in shown
    assert "Moved “Tag every conversation”: #2 → #1" in shown


def test_export_to_a_folder_that_cannot_be_written_says_so_and_changes_nothing(
    window, qtbot, tmp_path
):
    brief_id = _brief()
    page = _page(window, qtbot, brief_id)
    before = load_brief(brief_id)
    if os.geteuid() == 0:
        target = tmp_path / "missing" / "brief.pdf"  # root writes anywhere
    else:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        target = locked / "brief.pdf"
    assert not page.export_to(target)
    assert page.status.kind == "error"
    assert page.status.text().startswith("Export failed: ")
    assert "The brief was not exported and is unchanged." in page.status.text()
    assert QApplication.activeModalWidget() is None  # said in the tab, no box to dismiss
    assert not target.exists()
    assert versions_of(brief_id) == []
    assert load_brief(brief_id) == before


def test_print_preview_shows_the_pages_of_the_exported_pdf(window, qtbot, tmp_path):
    expectations = [
        ExpectationData(f"Expectation {n}: " + "reconcile and report " * 20, "should", "Checked")
        for n in range(40)
    ]
    brief_id = _brief(expectations=expectations)
    page = _page(window, qtbot, brief_id)
    exported = write_brief_pdf(load_brief(brief_id), tmp_path / "same.pdf")
    expected_pages = len(PdfReader(exported.path).pages)
    assert expected_pages > 2
    dialog = page.print_brief()
    qtbot.waitExposed(dialog)
    preview = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() == expected_pages)
    assert dialog.page_count == expected_pages
    dialog.reject()
    assert versions_of(brief_id) == []  # a preview alone sends nothing


def test_print_action_has_its_shortcut(window, qtbot):
    _brief()
    _page(window, qtbot)
    actions = {a.objectName(): a for a in window.findChildren(QAction)}
    assert actions["action_briefs_print_brief"].shortcut().toString() == "Ctrl+P"
    assert actions["action_briefs_export_pdf"].shortcut().toString() == "Ctrl+E"


# Templates -------------------------------------------------------------------------


def test_save_a_brief_as_a_template_and_start_from_it(window, qtbot):
    brief_id = _brief(budget=Decimal("300"))
    page = _page(window, qtbot, brief_id)
    dialog = page.save_as_template()
    qtbot.waitExposed(dialog)
    dialog.name_edit.setText("Our support")
    dialog.accept()
    [template] = own_templates()[0]
    assert template.name == "Our support"
    assert template.data.budget == Decimal("300.00")

    again = page.save_as_template()
    again.name_edit.setText("Our support")
    assert "saving replaces it" in again.note.text()
    again.reject()

    new = page.new_brief()
    qtbot.waitExposed(new)
    assert new.select_template("Our support")
    assert new.template_model.index(new.template_view.currentIndex().row(), 0).data() == (
        "Our support (yours)"
    )
    new.title_edit.setText("Support, second shop")
    new.accept()
    created = load_brief(page.current_brief_id)
    assert created.expectations[0].text == "Reply within 4 working hours"


def test_a_broken_template_file_is_refused_with_its_reason(window, qtbot, tmp_path):
    page = _page(window, qtbot)
    dialog = page.new_brief()
    qtbot.waitExposed(dialog)
    broken = tmp_path / "broken.json"
    broken.write_text('{"offload_template": 1, "name": "Half', encoding="utf-8")
    assert not dialog.import_template_file(broken)
    assert dialog.message.isVisible()
    assert (
        "The template “broken.json” cannot be used: it is not valid JSON" in dialog.message.text()
    )
    assert "Nothing was imported." in dialog.message.text()
    assert own_templates() == ([], [])

    good = tmp_path / "good.json"
    good.write_text(
        '{"offload_template": 1, "name": "Podcast editing", "brief": {"expectations": '
        '[{"text": "Edit each episode", "level": "must", "measure": "Episodes"}]}}',
        encoding="utf-8",
    )
    assert dialog.import_template_file(good)
    assert dialog.selected_template().name == "Podcast editing"
    dialog.delete_selected_template()
    assert own_templates() == ([], [])
    window.undo_stack.undo()
    assert own_templates()[0][0].name == "Podcast editing"
    dialog.reject()


# Tasks, layout, smoke test -------------------------------------------------------


def test_link_and_unlink_a_task_from_the_editor(window, qtbot):
    task = Task.create(name="Customer emails", name_key="customer emails", status="candidate")
    brief_id = _brief()
    page = _page(window, qtbot, brief_id)
    editor = page.editor
    editor._fill_tasks_menu()
    [action] = [a for a in editor.tasks_menu.actions() if a.text() == "Customer emails"]
    action.trigger()
    assert load_brief(brief_id).tasks == ["Customer emails"]
    assert editor.tasks_label.text() == "Hands off: Customer emails"
    window.undo_stack.undo()
    assert load_brief(brief_id).tasks == []
    assert task.id


def test_search_and_status_filter_narrow_the_list(window, qtbot):
    _brief(title="Monthly bookkeeping")
    _brief(title="Social media", status="final")
    page = _page(window, qtbot)
    qtbot.keyClicks(page.search, "BOOKKEEPING")
    assert page.proxy.rowCount() == 1
    page.search.clear()
    page.status_filter.setCurrentIndex(page.status_filter.findText("Final"))
    assert [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())] == ["Social media"]
    # Opening a brief the filter hides brings it back into view.
    other = Brief.get(Brief.title == "Monthly bookkeeping").id
    page.open_target(("brief", other))
    assert page.proxy.rowCount() == 2
    assert page.current_brief_id == other


def test_layout_is_remembered(window, qtbot):
    _brief()
    window.resize(1264, 752)
    page = _page(window, qtbot)
    page.splitter.setSizes([420, 500, 260])
    page.table.horizontalHeader().setSectionHidden(2, True)
    page._save_layout()
    sizes = page.splitter.sizes()
    assert QSettings().value("briefs/splitter") is not None
    from desktop_app.views.briefs.page import BriefsPage

    again = BriefsPage(window.ctx)
    qtbot.addWidget(again)
    again.resize(page.size())
    assert again.table.horizontalHeader().isSectionHidden(2)
    assert again.splitter.saveState() == page.splitter.saveState()
    assert sizes[0] > 300


def test_smoke_test_exports_and_opens_the_pdf(window, qtbot):
    _brief()
    page = _page(window, qtbot)
    page.smoke_test()
    assert versions_of(page.current_brief_id) == []


def test_the_demo_briefs_are_linked_and_real(store):
    from datetime import date

    from desktop_app.demo import fill_demo_data
    from desktop_app.models.briefs import brief_summaries

    fill_demo_data(date(2026, 11, 20))  # the time audit demo makes the tasks
    summaries = {s.title: s for s in brief_summaries(date(2026, 11, 20))}
    assert summaries["Monthly bookkeeping"].status == "posted"
    assert summaries["Customer support inbox"].status == "draft"
    assert summaries["Social media management"].status == "final"
    assert summaries["Monthly bookkeeping"].tasks == ("Bookkeeping",)
    assert summaries["Social media management"].tasks == ("Social media posts",)
    assert summaries["Customer support inbox"].open_findings >= 3
    assert summaries["Social media management"].open_findings == 0
    bookkeeping = summaries["Monthly bookkeeping"].id
    assert len(versions_of(bookkeeping)) == 1


def test_the_export_action_asks_where_and_cancel_writes_nothing(window, qtbot):
    from PySide6.QtWidgets import QFileDialog

    brief_id = _brief(title="Café: <support>")
    _page(window, qtbot, brief_id)
    seen = {}

    def answer():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(10, answer)
            return
        seen["file"] = dialog.selectedFiles()[0]
        dialog.reject()

    QTimer.singleShot(0, answer)
    window.findChild(QAction, "action_briefs_export_pdf").trigger()
    assert seen["file"].endswith("Café support.pdf")
    assert versions_of(brief_id) == []


def test_printing_keeps_a_version(window, qtbot):
    brief_id = _brief()
    page = _page(window, qtbot, brief_id)
    dialog = page.print_brief()
    qtbot.waitExposed(dialog)
    dialog.accept()  # what the preview does once the pages went to the printer
    [version] = versions_of(brief_id)
    assert version.exported_to == "Printed"
    assert "Printed “Support inbox”" in page.status.text()


def test_closing_the_window_keeps_what_was_typed(window, qtbot):
    brief_id = _brief()
    page = _page(window, qtbot, brief_id)
    page.editor.focus_field("contact")
    qtbot.keyClicks(page.editor.fields["contact"].input, "maya@example.com")
    window.close()
    assert load_brief(brief_id).contact == "maya@example.com"
