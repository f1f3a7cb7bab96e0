"""The Procedure sub-tab of the Time audit, driven as a user drives it."""

import json

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPlainTextEdit, QPushButton

from desktop_app.models.briefs import BriefData, create_brief
from desktop_app.models.procedure_content import ProcedureData, StepData
from desktop_app.models.procedure_versions import procedure_versions
from desktop_app.models.procedures import (
    Procedure,
    create_procedure,
    load_procedure,
    procedure_id_for_task,
    update_step,
)
from desktop_app.models.tasks import create_task
from desktop_app.views.time_audit.procedure_panel import StepListModel

SOP = "# Close the month\n\n1. Download\n   Check: three files\n2. Match\n3. Report\n"


def _panel(window, qtbot, task_name="Bookkeeping"):
    task_id = create_task(task_name)
    page = window.show_tab("time_audit").page()
    page.refresh()
    page.open_target(("procedure", task_id))
    panel = page.procedure
    assert page.bottom_tabs.currentWidget() is panel
    assert panel.task_id == task_id
    return page, panel, task_id


def _texts(panel):
    return [step.text for step in panel.model.rows()]


def _stored(task_id):
    return [step.text for step in load_procedure(procedure_id_for_task(task_id)).steps]


def test_a_procedure_is_written_step_by_step_and_every_edit_undoes(window, qtbot):
    page, panel, task_id = _panel(window, qtbot)
    assert panel.stack.currentWidget() is panel.empty
    qtbot.mouseClick(panel.blank_button, Qt.MouseButton.LeftButton)
    assert panel.stack.currentWidget() is not panel.empty
    for text in ("Download the statements", "Match the payouts", "Send the note"):
        qtbot.keyClicks(panel.add_edit, text)
        qtbot.keyClick(panel.add_edit, Qt.Key.Key_Return)
    assert _texts(panel) == ["Download the statements", "Match the payouts", "Send the note"]
    assert _stored(task_id) == _texts(panel)

    # An empty step is not saved, and says why.
    qtbot.keyClicks(panel.add_edit, "   ")
    qtbot.keyClick(panel.add_edit, Qt.Key.Key_Return)
    assert "needs some text" in page.status_line.text()
    assert len(_stored(task_id)) == 3

    # The selected step's check, typed in its field, is stored when the focus leaves.
    panel.select_row(1)
    panel.step_check.setFocus()
    qtbot.keyClicks(panel.step_check, "Difference 0.00")
    qtbot.keyClick(panel.step_check, Qt.Key.Key_Tab)
    assert load_procedure(panel.procedure_id).steps[1].check == "Difference 0.00"
    assert panel.model.data(panel.model.index(1, 0)).endswith("✓")

    # A link that is neither web nor file is refused beside the field; nothing stored.
    panel.step_link.setFocus()
    qtbot.keyClicks(panel.step_link, "mailto:maya@example.com")
    qtbot.keyClick(panel.step_link, Qt.Key.Key_Tab)
    assert "neither a web address" in panel.step_error.text()
    assert load_procedure(panel.procedure_id).steps[1].link == ""
    panel.step_link.setFocus()
    panel.step_link.clear()
    qtbot.keyClick(panel.step_link, Qt.Key.Key_Tab)
    assert panel.step_error.text() == ""

    # Done when, then undo it.
    done = panel.fields["done_when"]
    done.setFocus()
    qtbot.keyClicks(done, "Every account reconciled")
    panel.view.setFocus()
    assert load_procedure(panel.procedure_id).done_when == "Every account reconciled"
    window.undo_stack.undo()
    assert load_procedure(panel.procedure_id).done_when == ""
    assert done.toPlainText() == ""
    window.undo_stack.redo()
    assert done.toPlainText() == "Every account reconciled"


def test_steps_reorder_by_keyboard_and_by_drop_and_undo(window, qtbot):
    _page, panel, task_id = _panel(window, qtbot)
    create_procedure(task_id, ProcedureData(steps=[StepData(t) for t in ("A", "B", "C", "D")]))
    panel.reload()
    panel.select_row(0)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert _texts(panel) == ["B", "A", "C", "D"] == _stored(task_id)
    assert panel.current_step().text == "A"  # the selection followed the step
    qtbot.keyClick(
        panel.view,
        Qt.Key.Key_Down,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert _stored(task_id) == ["B", "C", "D", "A"]

    # A drop carries the same payload a drag inside the list would.
    d_id = panel.model.rows()[2].id
    payload = json.dumps({"procedure": panel.procedure_id, "ids": [d_id]}).encode()
    mime = QMimeData()
    mime.setData(StepListModel.MIME_TYPE, QByteArray(payload))
    assert panel.model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert _stored(task_id) == ["D", "B", "C", "A"]
    # A payload from another procedure is refused.
    foreign = QMimeData()
    foreign.setData(
        StepListModel.MIME_TYPE, QByteArray(json.dumps({"procedure": 999, "ids": [d_id]}).encode())
    )
    assert not panel.model.canDropMimeData(foreign, Qt.DropAction.MoveAction, 0, 0, QModelIndex())

    for expected in (["B", "C", "D", "A"], ["B", "A", "C", "D"], ["A", "B", "C", "D"]):
        window.undo_stack.undo()
        assert _texts(panel) == expected == _stored(task_id)
    window.undo_stack.redo()
    assert _texts(panel) == ["B", "A", "C", "D"]

    # Delete with the keyboard, then undo.
    panel.select_row(0)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert _stored(task_id) == ["A", "C", "D"]
    window.undo_stack.undo()
    assert _stored(task_id) == ["B", "A", "C", "D"]


def test_record_yourself_doing_it_makes_the_first_draft_in_one_pass(window, qtbot):
    _page, panel, task_id = _panel(window, qtbot)
    dialog = panel.open_recorder()
    qtbot.waitExposed(dialog)
    assert dialog.step_label.text() == "Step 1"
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return)  # nothing typed: not kept
    assert "needs some text" in dialog.error_label.text()
    qtbot.keyClicks(dialog.text_edit, "Download the PayPal CSV")
    qtbot.keyClicks(dialog.check_edit, "One file per month")
    qtbot.keyClick(dialog.check_edit, Qt.Key.Key_Return)
    assert dialog.step_label.text() == "Step 2"
    assert dialog.done_model.stringList()[0].startswith("1. Download the PayPal CSV (")
    qtbot.keyClicks(dialog.text_edit, "Import it into Xero")
    with qtbot.waitSignal(dialog.recorded):
        qtbot.mouseClick(dialog.finish_button, Qt.MouseButton.LeftButton)
    data = load_procedure(procedure_id_for_task(task_id))
    assert [(s.text, s.check) for s in data.steps] == [
        ("Download the PayPal CSV", "One file per month"),
        ("Import it into Xero", ""),
    ]
    assert all(s.seconds is not None for s in data.steps)  # each step was timed
    assert _texts(panel) == ["Download the PayPal CSV", "Import it into Xero"]
    assert window.undo_stack.undoText() == "Record 2 steps of “Bookkeeping”"
    window.undo_stack.undo()
    assert not Procedure.select().exists()
    assert panel.stack.currentWidget() is panel.empty


def test_closing_the_recorder_offers_to_keep_the_steps(window, qtbot):
    _page, panel, task_id = _panel(window, qtbot)
    dialog = panel.open_recorder()
    qtbot.keyClicks(dialog.text_edit, "Open Xero")
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return)
    asked = []

    def answer():  # the real question, answered as the owner would
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Save).click()

    QTimer.singleShot(0, answer)
    dialog.close()
    assert asked == ["Keep the 1 step you recorded?"]
    assert _stored(task_id) == ["Open Xero"]


def test_deleting_a_procedure_a_brief_includes_asks_first_and_undoes(window, qtbot):
    _page, panel, task_id = _panel(window, qtbot)
    create_procedure(task_id, ProcedureData(steps=[StepData("A")]))
    create_brief(BriefData(title="Monthly bookkeeping"), task_ids=[task_id])
    panel.reload()
    box = panel.delete_procedure()
    assert box is not None and "“Monthly bookkeeping”" in box.text()
    qtbot.waitExposed(box)
    cancel = box.button(QMessageBox.StandardButton.Cancel)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert procedure_id_for_task(task_id) is not None
    box = panel.delete_procedure()
    qtbot.waitExposed(box)
    qtbot.mouseClick(box.findChild(type(cancel), "confirmDelete"), Qt.MouseButton.LeftButton)
    assert procedure_id_for_task(task_id) is None
    assert panel.stack.currentWidget() is panel.empty
    window.undo_stack.undo()
    assert _stored(task_id) == ["A"]
    assert _texts(panel) == ["A"]


def test_import_export_and_what_changed_since_it_was_sent(window, qtbot, tmp_path):
    page, panel, task_id = _panel(window, qtbot)
    source = tmp_path / "close.md"
    source.write_text(SOP, encoding="utf-8")
    assert panel.import_file(source)
    assert _texts(panel) == ["Download", "Match", "Report"]
    bad = tmp_path / "notes.md"
    bad.write_text("# Notes\n\nNo steps here.\n", encoding="utf-8")
    assert not panel.import_file(bad, replace=True)
    assert "no steps" in page.status_line.text()

    out = tmp_path / "close.pdf"
    assert panel.export_to(out)
    assert out.exists()
    [version] = procedure_versions(panel.procedure_id)
    assert "Sent" in panel.sent_label.text() and "on its own" in panel.sent_label.text()
    update_step(panel.model.rows()[1].id, {"text": "Match every payout"})
    panel.reload()
    assert "1 change since" in panel.sent_label.text()
    dialog = panel.show_changes()
    assert [c.what for c in dialog.changes()] == ["Step 2 reworded"]
    dialog.close()

    window.undo_stack.undo()  # the export's version
    window.undo_stack.undo()  # the import
    assert procedure_id_for_task(task_id) is None
    assert version.id


def test_the_brief_shows_its_procedures_read_only_with_a_link_to_edit(window, qtbot):
    task_id = create_task("Bookkeeping")
    other = create_task("Sales tax filings")
    create_procedure(
        task_id,
        ProcedureData(steps=[StepData("Download", check="Three files"), StepData("Match")]),
    )
    brief_id = create_brief(BriefData(title="Monthly bookkeeping"), task_ids=[task_id, other])
    page = window.show_tab("briefs").page()
    page.open_target(("brief", brief_id))
    editor = page.editor
    index = editor.tabs.indexOf(editor.procedures)
    assert editor.tabs.tabText(index) == "Procedures (1/2)"
    shown = editor.procedures.boxes["Bookkeeping"].findChild(QPlainTextEdit)
    assert shown.isReadOnly()
    assert "1. Download\n     ✓ Check: Three files\n2. Match" in shown.toPlainText()

    # The clarity check names the task without a procedure; its finding opens the page.
    [finding] = [f for f in page.clarity.findings() if f.rule == "no_procedure"]
    assert finding.task_name == "Sales tax filings"
    page.jump_to(finding)
    assert editor.tabs.currentWidget() is editor.procedures

    # "Edit in the Time audit…" opens the task's Procedure tab.
    button = editor.procedures.boxes["Bookkeeping"].findChild(QPushButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    audit = window.current_page()
    panel = audit.procedure
    assert panel.task_id == task_id
    assert audit.bottom_tabs.currentWidget() is panel
