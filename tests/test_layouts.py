"""Layouts that hold: nothing moves under the pointer, labels stay beside
their boxes at any size, panes keep the sizes the owner gives them, and the
window and its tables fit the screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea

from desktop_app.models.briefs import BriefData, create_brief


def _top(widget, ancestor) -> int:
    return widget.mapTo(ancestor, QPoint(0, 0)).y()


def test_the_template_list_never_moves_under_the_pointer(window, qtbot):
    page = window.show_tab("briefs").page()
    dialog = page.new_brief()
    qtbot.waitExposed(dialog)
    view = dialog.template_view
    before = _top(view, dialog)

    dialog.title_edit.clear()
    dialog.accept()  # no title: the message appears under it
    QApplication.processEvents()
    assert dialog.title_error.message() == "A brief needs a title."
    assert _top(view, dialog) == before

    qtbot.keyClicks(dialog.title_edit, "Bookkeeping")  # the message goes
    QApplication.processEvents()
    assert dialog.title_error.message() == ""
    assert _top(view, dialog) == before
    dialog.reject()


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080), (2560, 1440)])
def test_brief_labels_sit_beside_the_top_of_their_boxes(window, qtbot, size):
    brief_id = create_brief(BriefData(title="Bookkeeping", summary="Keep the books."))
    window.resize(*size)
    page = window.show_tab("briefs").page()
    page.open_target(("brief", brief_id))
    editor = page.editor
    checked = 0
    for index in range(editor.tabs.count()):
        area = editor.tabs.widget(index)
        if not isinstance(area, QScrollArea):
            continue
        editor.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        content = area.widget()
        for label in content.findChildren(QLabel):
            box = label.buddy()
            if box is None or not label.isVisible():
                continue
            # The label's text starts on the box's first line, whatever the height.
            gap = _top(box, content) - _top(label, content)
            assert -4 <= gap <= 6, (label.text(), gap)
            checked += 1
    assert checked >= 15
