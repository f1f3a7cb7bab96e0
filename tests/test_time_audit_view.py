"""The Time audit tab, driven as a user drives it."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QContextMenuEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSpinBox,
)

from desktop_app.models.settings import Settings, save_settings
from desktop_app.models.tasks import (
    Task,
    TimeEntry,
    add_time_entry,
    create_task,
    load_month,
    task_values,
)
from desktop_app.models.time_audit_rules import Quadrant
from desktop_app.views.partials.empty_state import EmptyState
from desktop_app.views.time_audit.task_table import DISLIKE, HOURS, NAME, NEED, QUICK, SCORE
from tests.dialogs import no_dialog, shown_dialog
from tests.test_time_tracking_import import TOGGL_US

TODAY = date.today()
THIS_MONTH = TODAY.replace(day=1)
TODAY_FOLLOWS_THE_CLOCK = True  # conftest.py sets TODAY and THIS_MONTH as each test starts
RATED = {"owner_has_expertise": True, "business_value": 3}


@pytest.fixture
def tasks(store):
    return make_tasks()


def make_tasks() -> dict[str, int]:
    """Four tasks with hours today (the other time-audit test files share them)."""
    save_settings(Settings(hourly_value=Decimal("80"), buyback_divisor=Decimal("4")))
    ids = {
        "inbox": create_task(
            "Customer support inbox", need="repetitive", dislike=4, pull_away=4, **RATED
        ),
        "books": create_task(
            "Bookkeeping",
            area="finance",
            need="knowledge",
            owner_has_expertise=False,
            dislike=5,
            pull_away=4,
            business_value=3,
        ),
        "design": create_task(
            "Planner design", area="content", need="unique", dislike=3, pull_away=3, **RATED
        ),
        "social": create_task(
            "Réseaux sociaux",
            area="marketing",
            need="repetitive",
            monthly_estimate_minutes=60,
            dislike=3,
            pull_away=3,
            **RATED,
        ),
    }
    # Today: in this month and in the last 30 days, whatever today's date.
    add_time_entry(ids["inbox"], TODAY, 60, "refunds")
    add_time_entry(ids["inbox"], TODAY, 60)
    add_time_entry(ids["books"], TODAY, 90)
    add_time_entry(ids["design"], TODAY, 240)
    return ids


@pytest.fixture
def page(window, tasks, qtbot):
    return window.show_tab("time_audit").page()


def _names(page):
    return [page.proxy.index(row, NAME).data() for row in range(page.proxy.rowCount())]


def _index(page, name, column=NAME):
    for row in range(page.proxy.rowCount()):
        if page.proxy.index(row, NAME).data() == name:
            return page.proxy.index(row, column)
    raise AssertionError(f"{name} is not shown")


def _select(page, qtbot, name):
    index = _index(page, name)
    rect = page.table.visualRect(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.selected_row().name == name


def _double_click(page, qtbot, index):
    # A real double click starts with a press and a release.
    center = page.table.visualRect(index).center()
    viewport = page.table.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=center)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=center)
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=center)


def _editor(view, kind, name):
    # The open editor: one closed before may linger, hidden, until deleted.
    shown = [w for w in view.viewport().findChildren(kind, name) if w.isVisible()]
    assert len(shown) == 1, shown
    return shown[0]


def _press_return(qtbot, editor, view):
    # The delegate commits on Return through a queued call: wait for it.
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState)


def _click_header(page, qtbot, column):
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def _action(window, name):
    return window.findChild(QAction, name)


def test_the_tab_says_what_could_be_handed_off_and_what_it_is_worth(page):
    # Inbox 2 h, bookkeeping 1.5 h, Réseaux sociaux 1 h (its estimate); design is mine.
    assert page.headline.text() == "4.5 h/month could be handed off, worth $360.00"
    assert "3 candidates with hours in the last 30 days" in page.detail.text()
    assert (
        "pay a contractor at most $20.00/h: your $80/h ÷ 4, the buyback divisor "
        "(a quarter of your hour)" in page.detail.text()
    )
    assert "buyback divisor (4) is the rule of thumb" in page.detail.toolTip()
    # Ranked by score: 1.5 h × 4.5 × 1.5 = 10.1; 2 h × 4 = 8.0; 1 h × 3 = 3.0.
    assert _names(page) == [
        "Bookkeeping",
        "Customer support inbox",
        "Réseaux sociaux",
        "Planner design",
    ]
    assert [page.proxy.index(r, SCORE).data() for r in range(4)] == ["10.1", "8.0", "3.0", ""]
    assert _index(page, "Réseaux sociaux", HOURS).data() == "1.0 est."


def test_candidates_only_and_search_filter_the_table(page, qtbot):
    qtbot.mouseClick(page.candidates_only, Qt.MouseButton.LeftButton)
    assert page.candidates_only.isChecked()
    assert "Planner design" not in _names(page)
    assert len(_names(page)) == 3
    qtbot.keyClicks(page.search, "reseaux")  # accents ignored
    assert _names(page) == ["Réseaux sociaux"]
    page.search.clear()
    qtbot.keyClicks(page.search, "finance")  # the area is searched too
    assert _names(page) == ["Bookkeeping"]
    page.search.clear()
    qtbot.mouseClick(page.candidates_only, Qt.MouseButton.LeftButton)
    assert len(_names(page)) == 4


def test_clicking_a_header_sorts_and_empty_values_stay_last(page, qtbot):
    _click_header(page, qtbot, NAME)
    assert _names(page) == [
        "Bookkeeping",
        "Customer support inbox",
        "Planner design",
        "Réseaux sociaux",
    ]
    _click_header(page, qtbot, HOURS)
    first = _names(page)
    _click_header(page, qtbot, HOURS)
    assert _names(page) == list(reversed(first))
    assert _names(page)[0] == "Planner design"  # 4 h
    _click_header(page, qtbot, SCORE)
    _click_header(page, qtbot, SCORE)
    assert _names(page)[-1] == "Planner design"  # no score: last both ways


def test_renaming_in_place_and_a_refused_empty_name(window, page, qtbot):
    _double_click(page, qtbot, _index(page, "Bookkeeping"))
    editor = _editor(page.table, QLineEdit, "cellTextEditor")
    assert editor.text() == "Bookkeeping"
    editor.selectAll()
    qtbot.keyClicks(editor, "Bookkeeping and invoices")
    _press_return(qtbot, editor, page.table)
    assert task_values(page.selected_task_id())["name"] == "Bookkeeping and invoices"
    assert "Bookkeeping and invoices" in _names(page)
    assert window.undo_stack.count() == 1

    index = _index(page, "Bookkeeping and invoices")
    page.table.setCurrentIndex(index)
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    editor = _editor(page.table, QLineEdit, "cellTextEditor")
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    _press_return(qtbot, editor, page.table)
    assert page.status_line.text() == "A task needs a name."
    assert "Bookkeeping and invoices" in _names(page)
    assert window.undo_stack.count() == 1


def test_a_rename_that_reorders_the_tasks_keeps_the_selection(window, page, tasks, qtbot):
    assert page.selected_row().name == "Bookkeeping"  # the best candidate, selected at first
    page.table.setCurrentIndex(_index(page, "Bookkeeping"))
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    editor = _editor(page.table, QLineEdit, "cellTextEditor")
    editor.selectAll()
    qtbot.keyClicks(editor, "Zero-inbox bookkeeping")
    _press_return(qtbot, editor, page.table)
    assert task_values(tasks["books"])["name"] == "Zero-inbox bookkeeping"
    assert page.selected_row().id == tasks["books"]


def test_an_entry_moved_to_another_month_leaves_the_list(window, page, tasks, qtbot):
    _select(page, qtbot, "Bookkeeping")
    entries = page.entries
    entries.table.setFocus()
    entries.table.setCurrentIndex(entries.model.index(0, 0))
    qtbot.keyClick(entries.table, Qt.Key.Key_F2)
    editor = _editor(entries.table, QDateEdit, "cellDateEditor")
    editor.setDate(TODAY - timedelta(days=60))  # out of the last 30 days
    _press_return(qtbot, editor, entries.table)
    qtbot.waitUntil(lambda: entries.model.rowCount() == 0)
    assert TimeEntry.get(TimeEntry.task == tasks["books"]).date == TODAY - timedelta(days=60)
    window.undo_stack.undo()
    assert entries.model.rowCount() == 1


def test_a_name_taken_by_another_task_is_refused(window, page, qtbot):
    page.table.setCurrentIndex(_index(page, "Bookkeeping"))
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    editor = _editor(page.table, QLineEdit, "cellTextEditor")
    editor.selectAll()
    qtbot.keyClicks(editor, "reseaux SOCIAUX")
    _press_return(qtbot, editor, page.table)
    assert page.status_line.text() == "A task named “Réseaux sociaux” already exists."
    assert window.undo_stack.count() == 0


def test_ratings_and_needs_edit_in_place_and_undo_puts_them_back(window, page, tasks, qtbot):
    _select(page, qtbot, "Customer support inbox")
    page.table.setCurrentIndex(_index(page, "Customer support inbox", DISLIKE))
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    spin = _editor(page.table, QSpinBox, "cellRatingEditor")
    spin.setValue(1)
    _press_return(qtbot, spin, page.table)
    assert task_values(tasks["inbox"])["dislike"] == 1
    assert _index(page, "Customer support inbox", SCORE).data() == "5.0"  # 2 h × (1 + 4) ÷ 2

    page.table.setCurrentIndex(_index(page, "Customer support inbox", NEED))
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    combo = _editor(page.table, QComboBox, "cellChoiceEditor")
    # The list opens with the editor; one click on a choice commits it.
    qtbot.waitUntil(lambda: combo.view().isVisible())
    choice = combo.view().visualRect(combo.model().index(combo.findData("unique"), 0))
    qtbot.mouseClick(combo.view().viewport(), Qt.MouseButton.LeftButton, pos=choice.center())
    qtbot.waitUntil(lambda: page.table.state() != QAbstractItemView.State.EditingState)
    assert task_values(tasks["inbox"])["status"] == "logged"
    # The offscreen platform leaves a closed popup's frame active; a desktop does not.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert _index(page, "Customer support inbox", SCORE).data() == ""
    assert page.headline.text() == "2.5 h/month could be handed off, worth $200.00"

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert task_values(tasks["inbox"])["need"] == "repetitive"
    assert task_values(tasks["inbox"])["status"] == "candidate"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert task_values(tasks["inbox"])["dislike"] == 4
    assert page.headline.text() == "4.5 h/month could be handed off, worth $360.00"
    # The edited task is still the one selected.
    assert page.selected_row().name == "Customer support inbox"


def test_space_ticks_the_expertise_box(page, tasks, qtbot):
    page.table.setFocus()
    page.table.setCurrentIndex(_index(page, "Bookkeeping", QUICK))
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    assert task_values(tasks["books"])["owner_has_expertise"] is True
    assert _index(page, "Bookkeeping", SCORE).data() == "6.8"  # the 1.5 factor is gone


def _delete_key(page, qtbot):
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)


def test_deleting_a_task_with_entries_asks_first_and_undo_brings_it_all_back(
    window, page, tasks, qtbot
):
    _select(page, qtbot, "Customer support inbox")
    _delete_key(page, qtbot)
    box = shown_dialog(page, "confirmDeleteTask")
    qtbot.waitExposed(box)
    assert box.text() == "Delete “Customer support inbox” and its 2 time entries?"
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert Task.get_or_none(Task.id == tasks["inbox"]) is not None

    _delete_key(page, qtbot)
    box = shown_dialog(page, "confirmDeleteTask")
    qtbot.waitExposed(box)
    qtbot.mouseClick(box.findChild(QPushButton, "confirmDelete"), Qt.MouseButton.LeftButton)
    assert Task.get_or_none(Task.id == tasks["inbox"]) is None
    assert "Customer support inbox" not in _names(page)
    assert TimeEntry.select().where(TimeEntry.task == tasks["inbox"]).count() == 0

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Customer support inbox" in _names(page)
    assert [e.note for e in TimeEntry.select().where(TimeEntry.task == tasks["inbox"])] == [
        "refunds",
        "",
    ]


def test_a_task_without_entries_is_deleted_at_once_and_undoable(window, page, tasks, qtbot):
    _select(page, qtbot, "Réseaux sociaux")
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert no_dialog(page, "confirmDeleteTask")
    assert "Réseaux sociaux" not in _names(page)
    window.undo_stack.undo()
    assert Task.get_by_id(tasks["social"]).name == "Réseaux sociaux"


def test_the_quick_entry_form_logs_minutes_or_h_mm_dated_today(window, page, tasks, qtbot):
    form = page.form
    assert form.date_edit.date().toPython() == date.today()
    form.task_combo.setEditText("")
    qtbot.keyClicks(form.task_combo.lineEdit(), "bookkeeping")
    qtbot.keyClicks(form.duration_edit, "1:30")
    qtbot.keyClicks(form.note_edit, "VAT return")
    qtbot.keyClick(form.duration_edit, Qt.Key.Key_Return)
    logged = TimeEntry.select().where(TimeEntry.note == "VAT return").get()
    assert (logged.task_id, logged.minutes, logged.date) == (tasks["books"], 90, date.today())
    assert form.duration_edit.text() == ""
    assert page.status_line.text().startswith("Logged 1:30 on bookkeeping")
    assert page.selected_row().name == "Bookkeeping"
    assert any(e.note == "VAT return" for e in page.entries.model.rows())

    qtbot.keyClicks(form.duration_edit, "45")
    qtbot.mouseClick(form.add_button, Qt.MouseButton.LeftButton)
    assert TimeEntry.select().where(TimeEntry.task == tasks["books"]).count() == 3


@pytest.mark.parametrize(
    ("duration", "message"),
    [
        ("0", "at least one minute"),
        ("-20", "cannot be negative"),
        ("25:00", "more than 24 hours"),
        ("23:00", "more than 24 hours on"),
        ("", "How long"),
    ],
)
def test_the_form_refuses_bad_durations_and_changes_nothing(window, page, qtbot, duration, message):
    page.form.date_edit.setDate(TODAY)  # the day make_tasks() logged 3:30 on
    page.form.set_task("Bookkeeping")
    qtbot.keyClicks(page.form.duration_edit, duration)
    qtbot.mouseClick(page.form.add_button, Qt.MouseButton.LeftButton)
    assert message in page.form.error_label.text()
    assert page.form.error_label.isVisible()
    assert TimeEntry.select().count() == 4
    assert window.undo_stack.count() == 0


def test_logging_time_under_a_new_name_creates_the_task_and_undo_takes_both(window, page, qtbot):
    page.form.task_combo.setEditText("")
    qtbot.keyClicks(page.form.task_combo.lineEdit(), "Pinterest pins")
    assert page.form.new_task_hint.text() == "A new task “Pinterest pins” will be created."
    qtbot.keyClicks(page.form.duration_edit, "20")
    qtbot.keyClick(page.form.duration_edit, Qt.Key.Key_Return)
    assert "Pinterest pins" in _names(page)
    assert window.undo_stack.undoText() == "Log 0:20 on “Pinterest pins”"
    window.undo_stack.undo()
    assert "Pinterest pins" not in _names(page)
    assert Task.select().where(Task.name == "Pinterest pins").count() == 0
    window.undo_stack.redo()
    assert "Pinterest pins" in _names(page)


def test_the_entries_of_the_selected_task_edit_and_delete_with_undo(window, page, tasks, qtbot):
    _select(page, qtbot, "Customer support inbox")
    entries = page.entries
    assert entries.title.text().endswith(": 2.0 h in 2 entries")
    assert entries.model.rowCount() == 2
    duration = entries.model.index(0, 1)
    entries.table.setCurrentIndex(duration)
    entries.table.setFocus()
    qtbot.keyClick(entries.table, Qt.Key.Key_F2)
    editor = _editor(entries.table, QLineEdit, "cellTextEditor")
    editor.selectAll()
    qtbot.keyClicks(editor, "0")
    _press_return(qtbot, editor, entries.table)
    assert page.status_line.text() == "A time entry must last at least one minute."
    entries.table.setCurrentIndex(duration)
    qtbot.keyClick(entries.table, Qt.Key.Key_F2)
    editor = _editor(entries.table, QLineEdit, "cellTextEditor")
    editor.selectAll()
    qtbot.keyClicks(editor, "2:00")
    _press_return(qtbot, editor, entries.table)
    assert sorted(e.minutes for e in entries.model.rows()) == [60, 120]
    assert _index(page, "Customer support inbox", HOURS).data() == "3.0"

    entries.table.selectRow(0)
    qtbot.mouseClick(entries.delete_button, Qt.MouseButton.LeftButton)
    assert entries.model.rowCount() == 1
    window.undo_stack.undo()
    assert entries.model.rowCount() == 2
    window.undo_stack.undo()
    assert sorted(e.minutes for e in entries.model.rows()) == [60, 60]


def test_the_chart_shows_the_months_hours_per_area_candidates_apart(page, qtbot):
    audit = load_month(THIS_MONTH)
    expected = {
        area.area.capitalize(): (area.candidate_minutes / 60, area.other_minutes / 60)
        for area in audit.area_hours
    }
    assert (
        page.chart.values()
        == expected
        == {
            "Other": (2.0, 0.0),
            "Finance": (1.5, 0.0),
            "Marketing": (1.0, 0.0),
            "Content": (0.0, 4.0),
        }
    )
    series = page.chart.chart.series()[0]
    sets = {
        bar_set.label(): [bar_set.at(i) for i in range(bar_set.count())]
        for bar_set in series.barSets()
    }
    assert sets["Candidates"] == [0.0, 2.0, 1.5, 1.0]  # areas ordered by hours
    assert sets["Other tasks"] == [4.0, 0.0, 0.0, 0.0]
    page.form.set_task("Planner design")
    page.form.date_edit.setDate(THIS_MONTH)
    qtbot.keyClicks(page.form.duration_edit, "60")
    qtbot.mouseClick(page.form.add_button, Qt.MouseButton.LeftButton)
    assert page.chart.values()["Content"] == (0.0, 5.0)


def test_the_matrix_places_every_task_with_hours_and_a_click_selects(page, tasks, qtbot):
    page.bottom_tabs.setCurrentWidget(page.matrix)
    qtbot.waitExposed(page.matrix)
    shown = {row.name: row.quadrant.value for row in page.matrix.shown_rows()}
    # Value 3 by default; drain (dislike + pull-away) ÷ 2: 4.5, 4, 3 and 3.
    assert shown == {
        "Bookkeeping": "delegate",
        "Customer support inbox": "delegate",
        "Planner design": "delegate",
        "Réseaux sociaux": "delegate",
    }
    assert page.matrix.quadrant_counts()[Quadrant.DELEGATE] == 4
    page.matrix.repaint()
    point = next(p for p in page.matrix._layout_points() if p.row.id == tasks["books"])
    qtbot.mouseClick(page.matrix, Qt.MouseButton.LeftButton, pos=point.center.toPoint())
    assert page.selected_row().name == "Bookkeeping"


def test_write_a_brief_asks_the_briefs_tab_for_a_new_brief(window, page, tasks, qtbot):
    _select(page, qtbot, "Bookkeeping")
    with qtbot.waitSignal(window.ctx.navigate_requested) as button:
        qtbot.mouseClick(page.brief_button, Qt.MouseButton.LeftButton)
    assert button.args == ["briefs", ("new_for_task", tasks["books"])]
    window.show_tab("time_audit")
    with qtbot.waitSignal(window.ctx.navigate_requested) as menu:
        page.brief_action.trigger()
    assert menu.args == ["briefs", ("new_for_task", tasks["books"])]


def test_other_tabs_can_open_a_task_or_the_candidates(window, page, tasks, qtbot):
    qtbot.keyClicks(page.search, "design")
    window.navigate("time_audit", ("task", tasks["books"]))
    assert page.selected_row().name == "Bookkeeping"  # the search was cleared to show it
    assert page.search.text() == ""
    window.show_tab("overview")
    window.navigate("time_audit", ("candidates", None))
    assert window.tabs.currentWidget().spec.key == "time_audit"
    assert page.candidates_only.isChecked()
    assert page.period.rolling  # what the Overview's figure sums up
    assert _names(page)[0] == "Bookkeeping"
    window.navigate("time_audit", ("task", 999_999))
    assert page.status_line.text() == "That task no longer exists."


def test_months_are_stepped_through(page, tasks, qtbot):
    before = THIS_MONTH - timedelta(days=1)
    add_time_entry(tasks["design"], before - timedelta(days=40), 30)
    page.refresh()
    # The list: the last 30 days, then the months, newest first.
    assert page.period.rolling
    assert page.month_edit.currentText() == "Last 30 days"
    assert page.month_edit.itemText(1) == f"{THIS_MONTH:%B %Y}"
    qtbot.mouseClick(page.previous_button, Qt.MouseButton.LeftButton)
    assert (page.period.rolling, page.month) == (False, THIS_MONTH)
    qtbot.mouseClick(page.previous_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.previous_button, Qt.MouseButton.LeftButton)
    month = (before - timedelta(days=40)).replace(day=1)
    assert page.month == month
    assert page.month_edit.currentText() == f"{month:%B %Y}"
    assert _index(page, "Planner design", HOURS).data() == "0.5"
    assert _index(page, "Réseaux sociaux", HOURS).data() == "1.0 est."
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert page.period.rolling
    assert not page.next_button.isEnabled()
    assert _index(page, "Planner design", HOURS).data() == "4.0"


def test_new_task_starts_editing_its_name(window, page, qtbot):
    qtbot.mouseClick(page.new_task_button, Qt.MouseButton.LeftButton)
    editor = _editor(page.table, QLineEdit, "cellTextEditor")
    assert editor.text() == "New task"
    editor.selectAll()
    qtbot.keyClicks(editor, "Pinterest pins")
    _press_return(qtbot, editor, page.table)
    assert page.selected_row().name == "Pinterest pins"
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert "Pinterest pins" not in _names(page)
    assert "New task" not in _names(page)


def _write_toggl(tmp_path):
    path = tmp_path / "Toggl_time_entries_2025-03-01_to_2025-03-31.csv"
    path.write_text(TOGGL_US, encoding="utf-8")
    return path


def test_import_previews_then_imports_in_one_undoable_step(window, page, tasks, tmp_path, qtbot):
    dialog = page.open_import(_write_toggl(tmp_path))
    qtbot.waitExposed(dialog)
    assert "To import: 3 time entries, 2.6 h" in dialog.summary.text()
    assert "Tasks: 2 matched by name, 1 new (named from the Description column)." in (
        dialog.summary.text()
    )
    assert [(t.name, t.is_new, t.entries) for t in dialog.tasks_model.rows()] == [
        ("Customer support inbox", False, 1),
        ("Bookkeeping", False, 1),
        ("Social media posts, Instagram", True, 1),
    ]
    refused = [(r.line, r.reason) for r in dialog.refused_model.rows()]
    assert refused[0] == (5, "The date “02/30/2025” does not exist.")
    assert len(refused) == 4
    assert dialog.import_button.text() == "Import 3 entries"

    entries_before = TimeEntry.select().count()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert TimeEntry.select().count() == entries_before + 3
    assert page.month == date(2025, 3, 1)
    assert "Imported 3 time entries (2.6 h)" in page.status_line.text()
    assert "1 new task: what each needs is guessed from its name" in page.status_line.text()
    assert "at your hourly value, $80/h" in page.status_line.text()
    assert set(_names(page)) >= {"Social media posts, Instagram", "Bookkeeping"}
    assert page.selected_row().name == _names(page)[0]  # the best candidate of March

    assert window.undo_stack.undoText() == "Import 3 time entries from " + dialog.path.name
    window.undo_stack.undo()
    assert TimeEntry.select().count() == entries_before
    assert "Social media posts, Instagram" not in _names(page)
    window.undo_stack.redo()
    assert TimeEntry.select().count() == entries_before + 3

    again = page.open_import(dialog.path)
    assert again.import_button.text() == "Nothing to import"
    assert not again.import_button.isEnabled()
    assert "Already imported before: 3 rows (skipped)." in again.summary.text()
    again.reject()


def test_the_task_name_column_can_be_switched_in_the_preview(page, tmp_path, qtbot):
    dialog = page.open_import(_write_toggl(tmp_path))
    dialog.name_from.setCurrentIndex(dialog.name_from.findData("project"))
    assert [t.name for t in dialog.tasks_model.rows()] == ["Support", "Finance", "Marketing"]
    dialog.reject()


def test_a_file_that_is_no_export_is_explained_and_changes_nothing(page, tmp_path, qtbot):
    path = tmp_path / "contacts.csv"
    path.write_text("Name,Phone\nAna,123\n")
    assert page.open_import(path) is None
    box = shown_dialog(page, "timeAuditWarning")
    qtbot.waitExposed(box)
    assert "not a detailed report from Toggl Track, Clockify or Harvest" in box.text()
    box.close()
    assert Task.select().count() == 4


def test_the_import_menu_action_asks_for_a_file(window, page, qtbot):
    asked = []

    def answer():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, answer)
            return
        asked.append(dialog.windowTitle())
        dialog.reject()

    QTimer.singleShot(0, answer)
    _action(window, "action_time_audit_choose_and_import").trigger()
    assert asked == ["Import a time tracker export"]


def test_menus_hold_the_tabs_commands_with_their_shortcuts(window):
    import_action = _action(window, "action_time_audit_choose_and_import")
    assert import_action.shortcut() == QKeySequence("Ctrl+I")
    assert import_action in window.menus["file"].actions()
    assert _action(window, "action_time_audit_focus_entry_form").shortcut() == QKeySequence(
        "Ctrl+T"
    )
    assert _action(window, "action_time_audit_show_score_help") in window.menus["help"].actions()


def test_the_help_explains_the_score_formula(window, page, qtbot):
    _action(window, "action_time_audit_show_score_help").trigger()
    box = shown_dialog(page, "scoreHelp")
    qtbot.waitExposed(box)
    assert "score = hours a month × (dislike + pull-away) ÷ 2 × expertise factor" in box.text()
    box.close()


def test_ctrl_t_puts_the_cursor_in_the_entry_form(window, page, qtbot):
    _select(page, qtbot, "Bookkeeping")
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert page.form.task_combo.currentText() == "Bookkeeping"
    assert page.form.duration_edit.hasFocus()


def test_ctrl_f_focuses_the_search(window, page, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()


def test_tasks_export_from_the_page(page, tmp_path):
    out = tmp_path / "tasks.csv"
    assert page.export_tasks(out)
    text = out.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("Task,Area,Needs")
    assert "Réseaux sociaux" in text
    assert str(out) in page.status_line.text()
    assert page.export_entries(tmp_path / "entries.csv")
    assert not page.export_tasks(tmp_path / "missing" / "tasks.csv")
    shown_dialog(page, "timeAuditWarning").close()


def test_an_empty_database_says_what_to_do_next(window, store, qtbot):
    page = window.show_tab("time_audit").page()
    empty = page.findChild(EmptyState, "timeAuditEmpty")
    assert empty.isVisible()
    assert empty.button.text() == "Import a time tracker export…"
    assert page.headline.text() == "No tasks yet"
    assert "set yours in File > Settings" in page.detail.text()
    assert not page.bottom_tabs.isVisible()  # nothing to chart or list yet
    page.form.set_task("Bookkeeping")
    qtbot.keyClicks(page.form.duration_edit, "30")
    qtbot.keyClick(page.form.duration_edit, Qt.Key.Key_Return)
    assert page.table.isVisible()
    assert page.bottom_tabs.isVisible()
    assert _names(page) == ["Bookkeeping"]


def test_the_layout_is_remembered(window, page, qtbot):
    page.splitter.setSizes([300, 200])
    page.table.horizontalHeader().resizeSection(NAME, 321)
    page.bottom_tabs.setCurrentIndex(2)
    page.save_layout()
    assert QSettings().value("time_audit/bottomTab") in (2, "2")
    from desktop_app.views.main_window import MainWindow

    second = MainWindow(window.ctx.store, remember_layout=False)
    qtbot.addWidget(second)
    again = second.show_tab("time_audit").page()
    assert again.table.horizontalHeader().sectionSize(NAME) == 321
    assert again.bottom_tabs.currentIndex() == 2


def _context_menu(page, qtbot, name):
    _select(page, qtbot, name)
    rect = page.table.visualRect(_index(page, name))
    # What the platform sends on a right click (the offscreen one sends none).
    viewport = page.table.viewport()
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse,
        rect.center(),
        viewport.mapToGlobal(rect.center()),
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, event)
    menus = [m for m in page.findChildren(QMenu, "taskMenu") if m.isVisible()]
    assert len(menus) == 1
    return menus[0]


def _trigger(menu, name):
    action = menu.findChild(QAction, name)
    action.trigger()
    menu.close()


def test_the_context_menu_decides_keep_outsource_and_handed_off(window, page, tasks, qtbot):
    _trigger(_context_menu(page, qtbot, "Planner design"), "actionOutsourceTask")
    assert task_values(tasks["design"])["override"] == "outsource"
    assert _index(page, "Planner design", SCORE).data() != ""

    _trigger(_context_menu(page, qtbot, "Bookkeeping"), "actionKeepTask")
    assert (task_values(tasks["books"])["status"], task_values(tasks["books"])["override"]) == (
        "kept",
        "keep",
    )
    _trigger(_context_menu(page, qtbot, "Customer support inbox"), "actionHandedOffTask")
    assert task_values(tasks["inbox"])["status"] == "handed_off"
    assert "2.0 h/month already handed off" in page.detail.text()
    for _ in range(3):
        window.undo_stack.undo()
    assert task_values(tasks["inbox"])["status"] == "candidate"
    assert task_values(tasks["books"])["override"] is None
    assert task_values(tasks["design"])["override"] is None
