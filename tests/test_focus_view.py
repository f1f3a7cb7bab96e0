"""The Time audit's Focus and Results views and the Overview's focus line,
driven as the owner drives them, on weeks whose figures are known
(`tests/test_focus.py::known_weeks`)."""

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu

from desktop_app.models.focus import GrowthMark, GrowthPriority, focus_report
from desktop_app.models.results import results_of
from tests.test_focus import known_weeks  # noqa: F401 (a fixture)

TODAY = date(2026, 12, 9)


def _focus(window):
    page = window.show_tab("time_audit").page()
    page.bottom_tabs.setCurrentWidget(page.focus)
    page.focus.refresh(TODAY)
    return page


def _texts(table):
    model = table.model()
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_the_focus_figures_on_known_weeks(window, known_weeks):  # noqa: F811
    focus = _focus(window).focus
    assert focus.summary.text() == (
        "Growth work this week: 2.0 h so far, against 2.0 h a week before your first hire "
        "(Nov 2, 2026, over 4 weeks logged)."
    )
    assert _texts(focus.hand_offs) == [
        [
            "Nov 23, 2026",
            "Social media",
            "5.0 h a week (2 weeks)",
            "6.0 h a week (2 weeks)",
            "+1.0 h",
        ],
        [
            "Nov 2, 2026",
            "Ana: Bookkeeping",
            "2.0 h a week (4 weeks)",
            "5.0 h a week (2 weeks)",
            "+3.0 h",
        ],
    ]
    assert _texts(focus.not_let_go) == [
        ["Nov 30, 2026", "Bookkeeping", "0.8 h"],
        ["Nov 9, 2026", "Bookkeeping", "0.5 h"],
    ]
    tip = focus.hand_off_model.index(1, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "Planner design: 2.0 h a week (4 weeks) → 4.0 h a week (2 weeks)" in tip


def test_three_priorities_a_week_each_ticked_and_undone(window, qtbot, known_weeks):  # noqa: F811
    page = window.show_tab("time_audit").page()
    page.bottom_tabs.setCurrentWidget(page.focus)
    focus = page.focus  # this week, today
    for text in ("Finish the 2027 planner", "Pitch two shops", "Plan the spring sale"):
        qtbot.keyClicks(focus.priority_edit, text)
        qtbot.keyClick(focus.priority_edit, Qt.Key.Key_Return)
    assert [row[1] for row in _texts(focus.priorities)] == [
        "Finish the 2027 planner",
        "Pitch two shops",
        "Plan the spring sale",
    ]
    assert not focus.priority_edit.isEnabled()  # three: finish or drop one first
    focus.priorities.setFocus()
    focus.priorities.setCurrentIndex(focus.priority_model.index(0, 0))
    qtbot.keyClick(focus.priorities, Qt.Key.Key_Space)
    assert GrowthPriority.get(GrowthPriority.text == "Finish the 2027 planner").done_on == (
        date.today()
    )
    focus.priorities.selectRow(2)
    qtbot.mouseClick(focus.drop_button, Qt.MouseButton.LeftButton)
    assert GrowthPriority.select().count() == 2
    assert focus.priority_edit.isEnabled()
    window.undo_stack.undo()
    assert GrowthPriority.select().count() == 3


def _task_menu(page, name):
    for row in range(page.proxy.rowCount()):
        index = page.proxy.index(row, 0)
        if index.data() == name:
            page.table.setCurrentIndex(index)
            rect = page.table.visualRect(index)
            viewport = page.table.viewport()
            event = QContextMenuEvent(
                QContextMenuEvent.Reason.Mouse,
                rect.center(),
                viewport.mapToGlobal(rect.center()),
                Qt.KeyboardModifier.NoModifier,
            )
            QApplication.sendEvent(viewport, event)
            [menu] = [m for m in page.findChildren(QMenu, "taskMenu") if m.isVisible()]
            return menu
    raise AssertionError(f"{name} is not listed")


def test_marking_growth_work_from_the_task_menu_moves_the_figures(window, known_weeks):  # noqa: F811
    page = _focus(window)
    menu = _task_menu(page, "Newsletter")
    menu.findChild(QAction, "actionGrowthYes").trigger()
    menu.close()
    assert GrowthMark.get(GrowthMark.task.is_null(False)).growth
    page.focus.refresh(TODAY)
    # The newsletter's 90 minutes a week now count before the first hire.
    assert "against 3.5 h a week before your first hire" in page.focus.summary.text()
    assert "Newsletter (marked growth work)" in page.focus.growth.text()
    window.undo_stack.undo()
    page.focus.refresh(TODAY)
    assert "against 2.0 h a week" in page.focus.summary.text()
    # A whole area.
    menu = _task_menu(page, "Bookkeeping")
    area = menu.findChild(QAction, "actionGrowthArea")
    assert area.text() == "The whole area Finance counts" and not area.isChecked()
    area.trigger()
    menu.close()
    report = focus_report(TODAY)
    assert ("Bookkeeping", "area Finance is growth work") in [
        (task.name, task.reason) for task in report.growth_tasks
    ]


def test_the_overview_shows_growth_this_week_against_before(window, known_weeks):  # noqa: F811
    overview = window.show_tab("overview").page()
    overview.refresh()
    text = overview.focus_line.text()
    # Today is not the known weeks' Wednesday, so only the part before the hire is fixed.
    assert "against 2 h a week before your first hire (4 weeks logged)" in text
    assert 'href="focus:"' in text


def test_results_typed_and_imported_from_a_csv(window, qtbot, known_weeks, tmp_path):  # noqa: F811
    page = window.show_tab("time_audit").page()
    page.bottom_tabs.setCurrentWidget(page.results)
    results = page.results
    results.refresh(TODAY)
    results.name_box.setCurrentText("Revenue")
    results.month_edit.setDate(results.month_edit.date().fromString("2026-11-01", "yyyy-MM-dd"))
    qtbot.keyClicks(results.value_edit, "13 100,50")
    qtbot.keyClick(results.value_edit, Qt.Key.Key_Return)
    assert results_of("Revenue") == {date(2026, 11, 1): Decimal("13100.50")}
    rows = {row[0]: row for row in _texts(results.table)}
    assert rows["Nov 2026"][1] == "13,100.50"
    path = tmp_path / "orders.csv"
    path.write_text("Month,Orders\n2026-10,410\n2026-11,455\nsoon,3\n", encoding="utf-8")
    assert results.import_file(path)
    assert results.name_box.currentText() == "Orders"
    assert "Imported 2 months of Orders" in results.message.text()
    assert "line 4: “soon” is not a month" in results.message.text()
    rows = {row[0]: row for row in _texts(results.table)}
    assert (rows["Oct 2026"][1], rows["Nov 2026"][1]) == ("410", "455")
    window.undo_stack.undo()
    assert results_of("Orders") == {}
