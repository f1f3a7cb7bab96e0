from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from desktop_app.views.main_window import MainWindow

TAB_TITLES = ["Overview", "Time audit", "Contractors", "Briefs", "Engagements"]


def test_the_window_opens_with_five_tabs(window):
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == TAB_TITLES
    assert window.tabs.currentIndex() == 0


def test_the_status_bar_names_the_open_database(window, store):
    label = window.findChild(QLabel, "databaseLabel")
    assert str(store.path) in label.text()
    assert store.path.name in window.windowTitle()


def test_tabs_are_built_only_when_first_shown(window):
    built = [window.tabs.widget(i).content is not None for i in range(window.tabs.count())]
    assert built == [True, False, False, False, False]


def test_every_tab_action_and_field_is_named(window):
    for index in range(window.tabs.count()):
        tab = window.tabs.widget(index)
        assert tab.objectName().startswith("tab_")
        assert tab.accessibleName() == window.tabs.tabText(index)
    for action in window.findChildren(QAction):
        if action.isSeparator() or not action.text():
            continue
        assert action.objectName(), action.text()
        # A menu item's accessible name is its text.
        assert action.text().replace("&", "").strip(), action.objectName()


def test_menus_hold_the_expected_commands(window):
    names = {a.objectName() for a in window.findChildren(QAction)}
    for expected in (
        "actionOpenDatabase",
        "actionSettings",
        "actionQuit",
        "actionUndo",
        "actionRedo",
        "actionAbout",
        "actionShortcuts",
    ):
        assert expected in names


def test_about_shows_the_version(window, qtbot):
    from desktop_app import __version__

    box = window.show_about()
    qtbot.waitExposed(box)
    assert isinstance(box, QMessageBox)
    assert __version__ in box.text()
    box.close()


def test_shortcuts_dialog_lists_undo_and_settings(window, qtbot):
    dialog = window.show_shortcuts()
    qtbot.waitExposed(dialog)
    commands = [dialog.model.item(row, 1).text() for row in range(dialog.model.rowCount())]
    assert any(c.startswith("Undo") for c in commands)
    assert "Settings…" in commands
    assert "Quit" in commands
    dialog.close()


def test_layout_and_current_tab_are_remembered(store, qtbot):
    first = MainWindow(store, remember_layout=True)
    qtbot.addWidget(first)
    first.show()
    first.resize(720, 540)
    first.show_tab("contractors")
    first.close()

    second = MainWindow(store, remember_layout=True)
    qtbot.addWidget(second)
    second.show()
    assert second.tabs.tabText(second.tabs.currentIndex()) == "Contractors"
    assert (second.width(), second.height()) == (720, 540)


def test_opening_another_database_switches_and_releases_the_first(window, tmp_path):
    from desktop_app.store import open_store

    first_path = window.ctx.store.path
    other = tmp_path / "other.sqlite3"
    assert window.open_database(other)
    assert str(other) in window.database_label.text()
    # The first file is free again: another opening of it succeeds.
    open_store(first_path).close()
    window.open_database(first_path)


def test_opening_a_locked_database_keeps_the_current_one(window, tmp_path, qtbot):
    from PySide6.QtCore import QLockFile, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop_app.models.base import database
    from desktop_app.store import lock_path

    held = tmp_path / "held.sqlite3"
    other_process = QLockFile(str(lock_path(held)))
    assert other_process.tryLock(0)
    current = window.ctx.store
    messages = []

    def close_warning():
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, close_warning)
            return
        messages.append(box.text())
        box.close()

    QTimer.singleShot(0, close_warning)
    assert not window.open_database(held)
    assert "already open" in messages[0]
    assert window.ctx.store is current
    assert database.obj is current.db
    other_process.unlock()


def test_every_tab_can_be_visited(window, qtbot):
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        assert isinstance(window.tabs.currentWidget().ensure_built(), QWidget)


def test_no_two_actions_share_a_shortcut(window):
    seen = {}
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            key = sequence.toString()
            assert key not in seen, f"{key} is both {seen[key]} and {action.objectName()}"
            seen[key] = action.objectName()


def test_a_database_opened_from_the_window_takes_the_locale_defaults(window, tmp_path):
    from desktop_app.locale_defaults import locale_defaults
    from desktop_app.models.settings import SettingRow

    assert window.open_database(tmp_path / "fresh.sqlite3")
    stored = {row.key: row.value for row in SettingRow.select()}
    for key, value in locale_defaults().items():
        assert stored[key] == value


def test_the_demo_never_suggests_its_temporary_folder(store, qtbot):
    from desktop_app.paths import data_dir

    demo_window = MainWindow(store, demo=True, remember_layout=False)
    qtbot.addWidget(demo_window)
    assert demo_window._database_folder() == data_dir()
    assert demo_window._database_folder() != store.path.parent


def test_closing_the_demo_deletes_only_the_demos_files(tmp_path):
    from desktop_app.app import remove_demo_files
    from desktop_app.demo import create_demo_database

    folder = tmp_path / "offload-demo-x"
    folder.mkdir()
    create_demo_database(folder)
    (folder / "offload-demo-files").mkdir()
    remove_demo_files(folder)
    assert not folder.exists()

    folder.mkdir()
    create_demo_database(folder)
    (folder / "my-real.sqlite3").write_text("the owner's own file")
    remove_demo_files(folder)
    assert sorted(p.name for p in folder.iterdir()) == ["my-real.sqlite3"]
