"""Edits in the time audit land where they are aimed, and nothing typed is lost."""

import itertools
from datetime import date

import pytest
from PySide6.QtCore import QLineF, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QSpinBox

from desktop_app.models.tasks import TimeEntry, add_time_entry, create_task, task_values
from desktop_app.models.time_audit_rules import Quadrant
from desktop_app.views.time_audit.task_table import DISLIKE, NAME
from tests.test_time_audit_view import (
    _double_click,
    _editor,
    _index,
    _names,
    _press_return,
    _select,
    make_tasks,
)

TODAY = date.today()
TODAY_FOLLOWS_THE_CLOCK = True  # conftest.py sets TODAY as each test starts


@pytest.fixture
def tasks(store):
    return make_tasks()


@pytest.fixture
def page(window, tasks):
    return window.show_tab("time_audit").page()


def _edit_rating(page, qtbot, name, column, value):
    index = _index(page, name, column)
    page.table.setFocus()
    page.table.setCurrentIndex(index)
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    spin = _editor(page.table, QSpinBox, "cellRatingEditor")
    spin.setValue(value)
    _press_return(qtbot, spin, page.table)


def test_a_row_never_moves_while_editing_and_the_table_sorts_when_left(page, tasks, qtbot):
    order = ["Bookkeeping", "Customer support inbox", "Réseaux sociaux", "Planner design"]
    assert _names(page) == order  # by score: 10.1, 8.0, 3.0, none
    # Bookkeeping to dislike 1: 1.5 h × 2.5 × 1.5 = 5.6, below the inbox's 8.0.
    _edit_rating(page, qtbot, "Bookkeeping", DISLIKE, 1)
    assert task_values(tasks["books"])["dislike"] == 1
    assert _names(page) == order  # the row stayed under the user
    assert page.selected_row().name == "Bookkeeping"
    # The next edit, one row down, lands on the inbox, as aimed.
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert page.selected_row().name == "Customer support inbox"
    _edit_rating(page, qtbot, "Customer support inbox", DISLIKE, 5)
    assert task_values(tasks["inbox"])["dislike"] == 5
    assert task_values(tasks["books"])["dislike"] == 1
    # Leaving the table puts it in order, the selection on the same task.
    page.search.setFocus()
    qtbot.waitUntil(lambda: _names(page)[0] == "Customer support inbox")  # 9.0
    assert _names(page) == [
        "Customer support inbox",
        "Bookkeeping",
        "Réseaux sociaux",
        "Planner design",
    ]
    assert page.selected_row().name == "Customer support inbox"


def test_tab_walks_task_duration_note_log_then_the_date_and_keeps_what_was_typed(
    window, page, tasks, qtbot
):
    form = page.form
    window.activateWindow()
    form.task_combo.lineEdit().setFocus()
    form.task_combo.setEditText("Bookkeeping")
    walked = []
    for keys in ("1:30", "Reconciled payouts", None, None):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        walked.append(QApplication.focusWidget())
        if keys:
            qtbot.keyClicks(QApplication.focusWidget(), keys)
    assert walked[:3] == [form.duration_edit, form.note_edit, form.add_button]
    assert walked[3] is form.date_edit or form.date_edit.isAncestorOf(walked[3])
    # One more Tab leaves the date: its day, month and year are one stop.
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    focus = QApplication.focusWidget()
    assert focus is not form.date_edit and not form.date_edit.isAncestorOf(focus)
    assert (form.duration_edit.text(), form.note_edit.text()) == ("1:30", "Reconciled payouts")
    qtbot.mouseClick(form.add_button, Qt.MouseButton.LeftButton)
    entry = TimeEntry.select().order_by(TimeEntry.id.desc()).get()
    assert (entry.task_id, entry.minutes, entry.note, entry.date) == (
        tasks["books"],
        90,
        "Reconciled payouts",
        TODAY,
    )


def test_the_log_time_hint_follows_a_rename(window, page, qtbot):
    qtbot.mouseClick(page.new_task_button, Qt.MouseButton.LeftButton)
    editor = _editor(page.table, QLineEdit, "cellTextEditor")
    assert page.form.task_combo.currentText() == "New task"
    editor.selectAll()
    qtbot.keyClicks(editor, "Pinterest pins")
    _press_return(qtbot, editor, page.table)
    assert page.form.task_combo.currentText() == "Pinterest pins"
    assert not page.form.new_task_hint.isVisible()
    assert "New task" not in page.form.new_task_hint.text()


def test_an_error_line_goes_once_the_value_is_put_right(page, tasks, qtbot):
    form = page.form
    form.set_task("Bookkeeping")
    qtbot.keyClicks(form.duration_edit, "soon")
    qtbot.keyClick(form.duration_edit, Qt.Key.Key_Return)
    assert form.error_label.isVisible()
    assert "“soon” is not a duration" in form.error_label.text()
    qtbot.keyClick(form.duration_edit, Qt.Key.Key_Backspace)
    assert not form.error_label.isVisible()
    # A refused cell edit in the table, then the same cell put right.
    _double_click(page, qtbot, _index(page, "Bookkeeping", NAME))
    editor = _editor(page.table, QLineEdit, "cellTextEditor")
    editor.clear()
    _press_return(qtbot, editor, page.table)
    assert page.status_line.text() == "A task needs a name."
    page.table.setCurrentIndex(_index(page, "Bookkeeping", NAME))
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    editor = _editor(page.table, QLineEdit, "cellTextEditor")
    editor.selectAll()
    qtbot.keyClicks(editor, "Books")
    _press_return(qtbot, editor, page.table)
    assert page.status_line.text() == ""


def test_one_entry_is_one_entry(page, tasks, qtbot):
    _select(page, qtbot, "Bookkeeping")
    assert page.entries.title.text().endswith(": 1.5 h in 1 entry")
    _select(page, qtbot, "Customer support inbox")
    assert page.entries.title.text().endswith(": 2.0 h in 2 entries")


# The value-vs-drain matrix ----------------------------------------------------------


def test_equal_ratings_spread_out_names_never_overlap_and_the_filter_holds(window, store, qtbot):
    rated = {"business_value": 3, "dislike": 3, "pull_away": 3, "owner_has_expertise": True}
    names = [f"Listing batch {n}" for n in range(6)]
    for name in names:
        add_time_entry(create_task(name, need="repetitive", **rated), TODAY, 60)
    add_time_entry(create_task("Planner design", need="unique", **rated), TODAY, 120)
    page = window.show_tab("time_audit").page()
    page.bottom_tabs.setCurrentWidget(page.matrix)
    window.resize(1280, 800)
    matrix = page.matrix
    qtbot.waitUntil(lambda: matrix.isVisible() and matrix.width() > 400)
    matrix.grab()  # paint once: the names are placed while painting
    points = matrix.points()
    assert len(points) == 7
    centre = matrix._plot_rect().center()
    for one, other in itertools.combinations(points, 2):
        # Seven tasks rated 3/3/3 are seven dots, none on top of another...
        assert QLineF(one.center, other.center).length() > 4
    for point in points:
        # ...all in the upper halves (3 counts as the upper half): Delegate.
        assert point.row.quadrant is Quadrant.DELEGATE
        assert point.center.x() > centre.x() and point.center.y() < centre.y()
    boxes = matrix.label_boxes()
    assert boxes  # some names are written
    for (_, one), (_, other) in itertools.combinations(boxes.items(), 2):
        assert not one.intersects(other)
    for task_id, box in boxes.items():
        for point in points:
            if point.row.id != task_id:
                dot = point.center
                assert not box.adjusted(-point.radius, -point.radius, point.radius,
                                        point.radius).contains(dot)  # fmt: skip
    # "Candidates only" holds for the matrix too.
    qtbot.mouseClick(page.candidates_only, Qt.MouseButton.LeftButton)
    assert sorted(row.name for row in matrix.shown_rows()) == names
    qtbot.keyClicks(page.search, "batch 1")
    assert [row.name for row in matrix.shown_rows()] == ["Listing batch 1"]
