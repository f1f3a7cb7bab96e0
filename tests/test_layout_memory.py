"""Remembered layout and the column menu (views/partials/layout_memory.py),
which every tab uses."""

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMenu, QSplitter, QTableView

from desktop_app.views.partials.layout_memory import (
    column_menu,
    restore_layout,
    save_layout,
)
from desktop_app.views.partials.table_model import Column, RowTableModel


def _table(qtbot):
    model = RowTableModel(
        [Column("Name", lambda r: r), Column("Stage", lambda r: r), Column("Rate", lambda r: r)]
    )
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    model.setParent(table)
    return table


def _splitter(qtbot):
    splitter = QSplitter(Qt.Orientation.Horizontal)
    qtbot.addWidget(splitter)
    splitter.addWidget(QLabel("left"))
    splitter.addWidget(QLabel("right"))
    splitter.resize(600, 200)
    return splitter


def test_splitter_and_header_come_back_as_saved(qtbot):
    splitter, table = _splitter(qtbot), _table(qtbot)
    splitter.setSizes([150, 450])
    table.horizontalHeader().resizeSection(1, 222)
    table.horizontalHeader().setSectionHidden(2, True)
    save_layout("sometab", {"splitter": splitter, "header": table.horizontalHeader()})
    assert QSettings().value("sometab/splitter") is not None

    again, other = _splitter(qtbot), _table(qtbot)
    restored = restore_layout("sometab", {"splitter": again, "header": other.horizontalHeader()})
    assert restored == {"splitter", "header"}
    assert again.saveState() == splitter.saveState()
    assert other.horizontalHeader().sectionSize(1) == 222
    assert other.horizontalHeader().isSectionHidden(2)


def test_nothing_saved_restores_nothing(qtbot):
    assert restore_layout("never", {"splitter": _splitter(qtbot)}) == set()


def test_the_column_menu_shows_and_hides_columns_but_the_first(qtbot):
    table = _table(qtbot)
    changes = []
    menu = column_menu(table.horizontalHeader(), "columnsMenu", changed=lambda: changes.append(1))
    assert [a.text() for a in menu.actions()] == ["Stage", "Rate"]
    rate = menu.findChild(QAction, "actionShowColumn2")
    assert rate.isChecked()
    rate.trigger()
    assert table.horizontalHeader().isSectionHidden(2)
    assert changes == [1]
    menu.close()


@pytest.mark.parametrize(
    ("key", "table", "menu"),
    [
        ("time_audit", "table", "columnsMenu"),
        ("contractors", "table", "contractorsColumnsMenu"),
        ("briefs", "table", "briefsColumnsMenu"),
        ("engagements", "table", "engagementsColumnsMenu"),
    ],
)
def test_every_tab_offers_the_column_menu_and_remembers_it(window, qtbot, key, table, menu):
    page = window.show_tab(key).page()
    header = getattr(page, table).horizontalHeader()
    header.customContextMenuRequested.emit(header.rect().center())
    [shown] = [m for m in header.findChildren(QMenu, menu) if m.isVisible()]
    last = [action for action in shown.actions() if action.isChecked()][-1]
    last.trigger()
    shown.close()
    column = int(last.objectName().removeprefix("actionShowColumn"))
    assert header.isSectionHidden(column)
    # Saved at once: the tab's header state says the column is hidden.
    from desktop_app.views.main_window import MainWindow

    second = MainWindow(window.ctx.store, remember_layout=False)
    qtbot.addWidget(second)
    again = second.show_tab(key).page()
    assert getattr(again, table).horizontalHeader().isSectionHidden(column)
