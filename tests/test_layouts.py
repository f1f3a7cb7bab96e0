"""Layouts that hold: nothing moves under the pointer, labels stay beside
their boxes at any size, panes keep the sizes the owner gives them, and the
window and its tables fit the screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QScrollArea, QSplitter, QTabWidget

from desktop_app.demo import fill_demo_data
from desktop_app.models.briefs import BriefData, create_brief
from desktop_app.models.formats import use_locale
from desktop_app.models.i18n import use_language


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


def _splitter_sizes(page) -> dict[str, list[int]]:
    return {
        splitter.objectName() or str(number): splitter.sizes()
        for number, splitter in enumerate(page.findChildren(QSplitter))
        if splitter.isVisible()
    }


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1040)])
@pytest.mark.parametrize("key", ["time_audit", "contractors", "briefs", "engagements"])
def test_panes_keep_their_sizes_while_the_owner_browses(window, qtbot, key, size):
    fill_demo_data()
    window.resize(*size)
    page = window.show_tab(key).page()
    page.refresh()
    QApplication.processEvents()
    before = _splitter_sizes(page)
    assert before
    table = page.table
    for row in range(table.model().rowCount()):
        table.selectRow(row)
        QApplication.processEvents()
        assert _splitter_sizes(page) == before, f"row {row}"
        for tabs in page.findChildren(QTabWidget):
            if not tabs.isVisible():
                continue
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                QApplication.processEvents()
                now = _splitter_sizes(page)
                assert {k: v for k, v in now.items() if k in before} == before, (
                    f"row {row}, {tabs.objectName()} page {index}"
                )
            tabs.setCurrentIndex(0)


def test_the_window_opens_within_the_screen(window):
    from desktop_app.views.main_window import MainWindow, default_window_size

    screen = window.screen().availableGeometry()
    size = default_window_size(window)
    assert size.width() <= screen.width() and size.height() <= screen.height() - 40
    fresh = MainWindow(window.ctx.store)
    try:
        assert fresh.size() == size
        assert fresh.minimumSizeHint().height() <= size.height()
    finally:
        fresh.close()
        fresh.deleteLater()


# English fits 1280×800 whole. German words are longer (issue 19: the time
# audit's columns took 1401 px of 1232, the contractors' 1272 of 1230, the
# engagements' 692 of 639): shorter German headers where a shorter word exists
# ("Geübt", "Unlust", "Schätzung/Mon."), and the widest columns narrowed with
# "…" (fit_columns' squeeze_to), so German, and Spanish, French and Portuguese,
# fit too: no sideways scrolling, and every header still reads whole.
LOCALES = {"en": "en_US", "de": "de_DE", "es": "es_ES", "fr": "fr_FR", "pt_BR": "pt_BR"}


@pytest.mark.parametrize("language", list(LOCALES))
@pytest.mark.parametrize("key", ["time_audit", "contractors", "briefs", "engagements"])
def test_key_columns_are_read_whole_at_1280_by_800(window, qtbot, key, language):
    # German words are longer: the tabs are built after the language is chosen.
    use_language(language)
    use_locale(LOCALES[language])
    fill_demo_data()
    window.resize(1264, 752)  # the window on a 1280×800 screen
    page = window.show_tab(key).page()
    page.refresh()
    QApplication.processEvents()
    table = page.table
    header = table.horizontalHeader()
    shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    # No sideways scrolling: every shown column is in view.
    assert sum(header.sectionSize(c) for c in shown) <= table.viewport().width()
    if language != "en":
        for column in shown:  # every header reads whole in the longer languages too
            title = table.model().headerData(column, Qt.Orientation.Horizontal)
            assert header.sectionSize(column) >= header.sectionSizeHint(column), title
        return
    capped = {"time_audit": {0: 170}}.get(key, {})
    for column in shown:
        needed = max(table.sizeHintForColumn(column), header.sectionSizeHint(column))
        needed = min(needed, capped.get(column, needed))
        title = table.model().headerData(column, Qt.Orientation.Horizontal)
        assert header.sectionSize(column) >= needed, (title, header.sectionSize(column), needed)
    # What is not shown is one right-click away, in the header's menu.
    from desktop_app.views.partials.layout_memory import column_menu

    menu = column_menu(header, "menu")
    hidden = [action.text() for action in menu.actions() if not action.isChecked()]
    for column in range(header.count()):
        if header.isSectionHidden(column):
            assert table.model().headerData(column, Qt.Orientation.Horizontal) in hidden
    menu.deleteLater()


@pytest.mark.parametrize("language", list(LOCALES))
def test_the_engagement_pane_needs_no_sideways_scrolling_at_1280_by_800(window, qtbot, language):
    # In French the questions' row (Save, Delete and the three "Into …"
    # buttons) was wider than the pane: the whole pane scrolled sideways and
    # its buttons ("Afficher le brief") and the timeline's last column were cut.
    use_language(language)
    use_locale(LOCALES[language])
    fill_demo_data()
    window.resize(1264, 752)
    page = window.show_tab("engagements").page()
    page.refresh()
    page.table.selectRow(0)
    QApplication.processEvents()
    scroll = page.detail.scroll_area
    qtbot.waitUntil(lambda: scroll.widget().isVisible())
    needed = scroll.widget().minimumSizeHint().width()
    assert needed <= scroll.viewport().width(), (needed, scroll.viewport().width())
