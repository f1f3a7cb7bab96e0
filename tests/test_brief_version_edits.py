"""Exporting or printing a brief keeps what it said as a version: an edit like
the others, on the undo stack, that every view of briefs hears about."""

from desktop_app.models.briefs import BriefData, BriefVersion, create_brief, versions_of


def _brief_page(window, qtbot):
    brief_id = create_brief(BriefData(title="Support inbox", summary="Answer customers."))
    page = window.show_tab("briefs").page()
    page.open_target(("brief", brief_id))
    return page, brief_id


def _briefs_changed(topic):
    return topic == "briefs"


def _versions_tab(page):
    tabs = page.editor.tabs
    return tabs.tabText(tabs.indexOf(page.editor.versions))


def test_an_export_keeps_its_version_as_an_undoable_edit(window, qtbot, tmp_path):
    page, brief_id = _brief_page(window, qtbot)
    page.editor.tabs.setCurrentWidget(page.editor.versions)
    assert _versions_tab(page) == "Versions (0)"
    with qtbot.waitSignal(window.ctx.data_changed, check_params_cb=_briefs_changed):
        assert page.export_to(tmp_path / "support")
    [version] = versions_of(brief_id)
    assert version.exported_to == str(tmp_path / "support.pdf")
    assert window.undo_stack.undoText() == "Export “Support inbox”"
    assert page.editor.tabs.tabText(page.editor.tabs.indexOf(page.editor.versions)).endswith("(1)")

    with qtbot.waitSignal(window.ctx.data_changed, check_params_cb=_briefs_changed):
        window.undo_stack.undo()
    assert versions_of(brief_id) == []
    assert (tmp_path / "support.pdf").exists()  # the file sent stays where it was sent
    assert _versions_tab(page) == "Versions (0)"
    window.undo_stack.redo()
    assert [v.id for v in versions_of(brief_id)] == [version.id]  # the same row, the same id


def test_printing_keeps_its_version_as_an_undoable_edit(window, qtbot):
    page, brief_id = _brief_page(window, qtbot)
    dialog = page.print_brief()
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(window.ctx.data_changed, check_params_cb=_briefs_changed):
        dialog.accept()  # what the preview does once the pages went to the printer
    [version] = versions_of(brief_id)
    assert version.exported_to == "Printed"
    assert window.undo_stack.undoText() == "Print “Support inbox”"
    window.undo_stack.undo()
    assert BriefVersion.select().count() == 0
