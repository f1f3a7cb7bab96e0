"""The main window: one tab per step, the menus, the status bar."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QLocale, QSettings, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app import __version__
from desktop_app.backup import backup_database, backups_dir
from desktop_app.models.errors import UserError
from desktop_app.models.formats import current_locale
from desktop_app.models.i18n import N_, _
from desktop_app.paths import data_dir
from desktop_app.store import DatabaseDamaged, Store, StoreError, is_open_elsewhere, open_store
from desktop_app.views.context import AppContext
from desktop_app.views.partials.fitting import available_geometry
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.plain_text import message_box, plain_label, warn
from desktop_app.views.partials.tab_page import TabPage
from desktop_app.views.tabs import TABS, LazyTab, TabCommand

if TYPE_CHECKING:
    from desktop_app.views.settings_dialog import SettingsDialog
    from desktop_app.views.workspace_dialog import WorkspaceDialog

# The settings dialog (and the undo machinery it needs), the restore dialog
# and the restore itself load when first used, after the first frame:
# start-up imports only what that frame needs.

log = logging.getLogger("offload.ui")

DATABASE_FILTER = N_("Offload database (*.sqlite3 *.sqlite *.db);;All files (*)")


def standard_keys(key: QKeySequence.StandardKey, *always: str) -> list[QKeySequence]:
    """The platform's bindings for `key`, plus `always` (which also stand in
    where the platform defines none, as on desktops without a theme)."""
    bindings = list(QKeySequence.keyBindings(key))
    for text in always:
        sequence = QKeySequence(text)
        if sequence not in bindings:
            bindings.append(sequence)
    return bindings


# The size the window opens at the first time, when the screen has room.
PREFERRED_SIZE = QSize(1440, 900)
# Room left for the window's title bar and borders, which the desktop adds.
FRAME_ALLOWANCE = QSize(16, 48)


def default_window_size(window: QWidget) -> QSize:
    """The preferred size, made to fit the screen's available area (panels and
    docks left out) with the window's frame: at 150 % on a 1080p screen, all
    of the window is on the screen."""
    screen = available_geometry(window)
    return QSize(
        min(PREFERRED_SIZE.width(), screen.width() - FRAME_ALLOWANCE.width()),
        min(PREFERRED_SIZE.height(), screen.height() - FRAME_ALLOWANCE.height()),
    )


class MainWindow(QMainWindow):
    """The Offload window.

    Attributes:
        ctx: the AppContext of the open database (replaced on File > Open).
        undo_stack: the one undo stack, shared by every tab.
        tabs: the QTabWidget holding one LazyTab per step.
    """

    def __init__(
        self,
        store: Store,
        *,
        demo: bool = False,
        remember_layout: bool = True,
        menus_after_first_frame: bool = False,
    ) -> None:
        """`menus_after_first_frame`: the menu bar shows its menus' titles at
        once, and their actions are made by `fill_menus`, which the caller
        runs after the window's first frame (as `offload` does: app.py), or
        when a menu is first opened, whichever comes first."""
        super().__init__()
        self.setObjectName("mainWindow")
        self.setAccessibleName(_("Offload"))
        self._remember_layout = remember_layout
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setObjectName("undoStack")
        self.tabs = named(QTabWidget(), "mainTabs", _("Steps"))
        self.tabs.setDocumentMode(True)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        # Shown when the database is open read-only, saying why.
        self.read_only_banner = named(plain_label(), "readOnlyBanner", _("Read-only"))
        self.read_only_banner.setTextFormat(Qt.TextFormat.PlainText)
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setContentsMargins(10, 6, 10, 6)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.read_only_banner)
        column.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.database_label = named(plain_label(), "databaseLabel", _("Open database"))
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(self.database_label)
        self.ctx = self._install_store(store, demo=demo)
        self._build_menu_bar()
        if not menus_after_first_frame:
            self.fill_menus()
        self.resize(default_window_size(self))
        if remember_layout:
            self._restore_layout()
        else:
            self.tabs.setCurrentIndex(0)
        self._on_tab_changed(self.tabs.currentIndex())

    # Database
    def _install_store(self, store: Store, *, demo: bool) -> AppContext:
        """Show `store`: a fresh context, empty undo history, tabs rebuilt lazily."""
        current = self.tabs.currentIndex()
        # Qt's own widgets (date editors, spin boxes) write as the Formats setting says.
        QLocale.setDefault(QLocale(str(current_locale())))
        self.undo_stack.clear()
        ctx = AppContext(store, self.undo_stack, demo=demo, parent=self)
        ctx.navigate_requested.connect(self.navigate)
        self.tabs.blockSignals(True)
        while self.tabs.count():
            page = self.tabs.widget(0)
            self.tabs.removeTab(0)
            if page is not None:
                page.deleteLater()
        for spec in TABS:
            self.tabs.addTab(LazyTab(spec, ctx), _(spec.title))
        self.tabs.setCurrentIndex(max(current, 0))
        self.tabs.blockSignals(False)
        old_ctx = getattr(self, "ctx", None)
        self.ctx = ctx
        if old_ctx is not None:
            old_ctx.stop_listening()
            old_ctx.deleteLater()
        # A team workspace shows its URL (no password) where a file shows its path.
        if demo:
            label = _("Demo database (temporary): {path}")
        elif store.read_only:
            label = _("Database: {path} (read-only)")
        else:
            label = _("Database: {path}")
        self.database_label.setText(label.format(path=store.name))
        # Ending with the application's name, so the desktop does not add it again
        # ("… — Offload (demo) — Offload").
        if demo:
            title = _("{name} (demo) — Offload")
        elif store.read_only:
            title = _("{name} (read-only) — Offload")
        else:
            title = _("{name} — Offload")
        name = store.name.rsplit("/", 1)[-1] if store.is_workspace else store.path.name
        self.setWindowTitle(title.format(name=name))
        self.read_only_banner.setText(
            _(
                "Read-only: {reason}. You can look, search and export, but changes cannot be saved."
            ).format(reason=store.read_only_reason)
        )
        if store.read_only and not self.read_only_banner.styleSheet():
            # Only when shown: a style sheet costs the first frame a few ms.
            self.read_only_banner.setStyleSheet(
                "QLabel#readOnlyBanner { background: #c4740a; color: white; font-weight: bold; }"
            )
        self.read_only_banner.setVisible(store.read_only)
        return ctx

    def open_database(self, path: Path) -> bool:
        """Switch to the database at `path`; on failure say why and keep the current one."""
        problem = self._open_location(path)
        if problem:
            warn(self, _("Cannot open the database"), problem)
        return not problem

    def _open_location(self, location: Path | str) -> str:
        """Switch to the file at `location` or the workspace at its address;
        returns why not ("" once it is open), keeping the current database."""
        old_store = self.ctx.store
        if isinstance(location, str):
            from desktop_app.workspace import describe  # a server's module, when one is named

            if old_store.is_workspace and describe(location) == old_store.url:
                return ""
        elif location.expanduser().resolve() == old_store.path:
            return ""
        try:
            store = open_store(location)
        except DatabaseDamaged as error:
            from desktop_app.views.restore_dialog import recover_damaged

            recovered = recover_damaged(self, error.path, error)
            if recovered is None:
                return _("The database is damaged and was not opened.")
            store = recovered
        except StoreError as error:
            return str(error)
        log.info("opened %s", store.name)  # a workspace's URL without its password
        self._switch_to(store, old_store, _("Opened {path}").format(path=store.name))
        return ""

    def choose_and_open_workspace(self) -> WorkspaceDialog:
        """File > Open team workspace…: the address of a workspace on a server."""
        from desktop_app.views.workspace_dialog import WorkspaceDialog

        current = self.ctx.store.url if self.ctx.store.is_workspace else ""
        dialog = WorkspaceDialog(current, self._open_location, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _switch_to(self, store: Store, old_store: Store | None, message: str) -> None:
        self._install_store(store, demo=False if old_store is None else self.ctx.demo)
        if old_store is not None:
            old_store.close()
        self._on_tab_changed(self.tabs.currentIndex())
        self.statusBar().showMessage(message, 8000)

    # Restore
    def choose_and_restore(self) -> None:
        """File > Restore from backup…: pick a backup, confirm, restore."""
        from desktop_app.views.restore_dialog import RestoreDialog, confirm_restore

        dialog = RestoreDialog(self.ctx.store.path, self)
        if dialog.exec() != RestoreDialog.DialogCode.Accepted or dialog.chosen is None:
            return
        if confirm_restore(self, dialog.chosen, self.ctx.store.path):
            self.restore_backup_file(dialog.chosen)

    def restore_backup_file(self, backup: Path) -> bool:
        """Replace the open database with `backup` (keeping a copy of it first),
        then show the restored file with an empty undo history."""
        from desktop_app.restore import check_backup, restore_backup

        path = self.ctx.store.path
        try:
            check_backup(backup)  # before the current file is let go
        except StoreError as error:
            warn(self, _("Cannot restore this backup"), str(error))
            return False
        self.ctx.store.close()  # lets go of the lock; the tabs are rebuilt below
        try:
            kept = restore_backup(backup, path)
        except StoreError as error:
            warn(
                self,
                _("Restore failed"),
                _("{error}\n\nThe database was not changed.").format(error=error),
            )
            kept = None
            message = ""
        else:
            message = (
                _("Restored {name} from {backup}; the file it replaced is kept as {kept}")
                if kept
                else _("Restored {name} from {backup}")
            ).format(name=path.name, backup=backup.name, kept=kept.name if kept else "")
        try:
            store = open_store(path)
        except StoreError as error:
            message_box(
                self, QMessageBox.Icon.Critical, _("Cannot open the database"), str(error)
            ).exec()
            self.close()
            return False
        self._switch_to(store, None, message or _("Reopened {path}").format(path=path))
        return bool(message)

    def _database_folder(self) -> Path:
        """Where file dialogs start: beside the open database, but never in the
        demo's temporary folder, which is deleted when the window closes."""
        return data_dir() if self.ctx.demo else self.ctx.store.path.parent

    def _choose_and_open_database(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Open database"), str(self._database_folder()), _(DATABASE_FILTER)
        )
        if path:
            self.open_database(Path(path))

    def _choose_and_create_database(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("New database"), str(self._database_folder() / "offload.sqlite3"),
            _(DATABASE_FILTER),
        )  # fmt: skip
        if not path:
            return
        new_path = Path(path)
        if new_path.exists() and new_path.stat().st_size > 0:
            warn(
                self,
                _("Cannot create the database"),
                _(
                    "{path} already exists. Use File > Open database… to open it, "
                    "or choose a new name."
                ).format(path=new_path),
            )
            return
        self.open_database(new_path)

    def back_up_database(self, destination: Path) -> None:
        """Write a consistent, checked copy of the open database to `destination`."""
        # The owner confirmed replacing an existing file in the save dialog, but
        # never the open database itself, nor one open in another Offload.
        if destination.exists() and destination.samefile(self.ctx.store.path):
            raise StoreError(
                _("{path} is the database itself; choose another file.").format(path=destination)
            )
        if destination.exists() and is_open_elsewhere(destination.resolve()):
            raise UserError(
                _("{path} is a database open in Offload; choose another file.").format(
                    path=destination
                )
            )
        backup_database(self.ctx.store.path, destination, replace=True)
        self.statusBar().showMessage(_("Backed up to {path}").format(path=destination), 8000)

    def _choose_and_back_up(self) -> None:
        suggested = self._database_folder() / f"offload-backup-{date.today():%Y-%m-%d}.sqlite3"
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Back up database"), str(suggested), _(DATABASE_FILTER)
        )
        if not path:
            return
        try:
            self.back_up_database(Path(path))
        except (UserError, OSError) as error:
            warn(self, _("Backup failed"), str(error))

    # Settings
    def open_settings(self) -> SettingsDialog:
        """Show the settings dialog; its accepted values become one undoable edit."""
        from desktop_app.views.settings_dialog import SettingsDialog

        dialog = SettingsDialog(
            self.ctx.settings(),
            self,
            person=self.ctx.person(),
            default_person=self.ctx.default_person(),
        )
        dialog.accepted.connect(lambda: self._apply_settings(dialog))
        dialog.open()
        return dialog

    def _apply_settings(self, dialog: SettingsDialog) -> None:
        person = dialog.result_person
        if person is not None and person != self.ctx.person():
            self.ctx.set_person(person)
        old, new = self.ctx.settings(), dialog.result_settings
        if new is not None and new != old:
            from desktop_app.views.settings_dialog import ChangeSettingsCommand
            from desktop_app.views.undo import execute

            execute(ChangeSettingsCommand(self.ctx, old, new))

    # Tabs
    def tab(self, key: str) -> LazyTab:
        for index in range(self.tabs.count()):
            tab = self.tabs.widget(index)
            if isinstance(tab, LazyTab) and tab.spec.key == key:
                return tab
        raise KeyError(key)

    def show_tab(self, key: str) -> LazyTab:
        tab = self.tab(key)
        self.tabs.setCurrentWidget(tab)
        tab.ensure_built()
        return tab

    def navigate(self, key: str, target: object = None) -> None:
        """Show the tab `key` and, if given, `target` in it."""
        page = self.show_tab(key).page()
        if page is not None and target is not None:
            page.open_target(target)

    def current_page(self) -> TabPage | None:
        tab = self.tabs.currentWidget()
        return tab.page() if isinstance(tab, LazyTab) else None

    def _on_tab_changed(self, index: int) -> None:
        tab = self.tabs.widget(index)
        if isinstance(tab, LazyTab):
            tab.ensure_built()

    def _run_tab_command(self, key: str, command: TabCommand) -> None:
        page = self.show_tab(key).page()
        if page is None:
            return
        getattr(page, command.method)()

    # Menus
    def _action(
        self,
        menu: QMenu,
        object_name: str,
        text: str,
        slot: object,
        shortcut: list[QKeySequence] | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(object_name)
        if isinstance(shortcut, str):
            action.setShortcut(QKeySequence(shortcut))
        elif shortcut:
            action.setShortcuts(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)
        return action

    def _build_menu_bar(self) -> None:
        """The menu bar as the first frame shows it: each menu's title, the
        menus still empty (`fill_menus` fills them)."""
        bar = self.menuBar()
        self.menus: dict[str, QMenu] = {}
        self._menus_filled = False
        for key, title, name in (
            ("file", _("&File"), "File"),
            ("edit", _("&Edit"), "Edit"),
            ("view", _("&View"), "View"),
            ("help", _("&Help"), "Help"),
        ):
            menu = self.menus[key] = bar.addMenu(title)
            menu.setObjectName(f"menu{name}")
            # Opened before fill_menus has run: filled then, before it shows.
            menu.aboutToShow.connect(self.fill_menus)

    def fill_menus(self) -> None:
        """Every menu's actions and their shortcuts (once)."""
        if self._menus_filled:
            return
        self._menus_filled = True
        for menu in self.menus.values():
            # (Python makes the QAction type at its first use: ~10 ms.)
            menu.menuAction().setObjectName(f"{menu.objectName()}Action")
        file_menu = self.menus["file"]
        self._action(
            file_menu, "actionNewDatabase", _("&New database…"), self._choose_and_create_database,
            standard_keys(QKeySequence.StandardKey.New, "Ctrl+N"),
        )  # fmt: skip
        self._action(
            file_menu, "actionOpenDatabase", _("&Open database…"), self._choose_and_open_database,
            standard_keys(QKeySequence.StandardKey.Open, "Ctrl+O"),
        )  # fmt: skip
        self._action(
            file_menu, "actionOpenWorkspace", _("Open team &workspace…"),
            self.choose_and_open_workspace,
        )  # fmt: skip
        self._action(file_menu, "actionBackUp", _("&Back up database…"), self._choose_and_back_up)
        self._action(
            file_menu, "actionRestore", _("&Restore from backup…"), self.choose_and_restore
        )
        file_menu.addSeparator()
        self._file_commands_anchor = file_menu.addSeparator()
        self._action(
            file_menu, "actionSettings", _("&Settings…"), self.open_settings,
            standard_keys(QKeySequence.StandardKey.Preferences, "Ctrl+,"),
        )  # fmt: skip
        file_menu.addSeparator()
        self._action(
            file_menu, "actionQuit", _("&Quit"), self.close,
            standard_keys(QKeySequence.StandardKey.Quit, "Ctrl+Q"),
        )  # fmt: skip

        edit_menu = self.menus["edit"]
        undo = self.undo_stack.createUndoAction(self, _("&Undo"))
        undo.setObjectName("actionUndo")
        undo.setShortcuts(standard_keys(QKeySequence.StandardKey.Undo, "Ctrl+Z"))
        redo = self.undo_stack.createRedoAction(self, _("&Redo"))
        redo.setObjectName("actionRedo")
        redo.setShortcuts(standard_keys(QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z", "Ctrl+Y"))
        for action in (undo, redo):
            edit_menu.addAction(action)
            self.addAction(action)
        edit_menu.addSeparator()
        self._action(
            edit_menu, "actionFind", _("&Find…"), self._focus_search,
            standard_keys(QKeySequence.StandardKey.Find, "Ctrl+F"),
        )  # fmt: skip

        view_menu = self.menus["view"]
        for number, spec in enumerate(TABS, start=1):
            self._action(
                view_menu, f"actionShow_{spec.key}", _(spec.title),
                lambda _checked=False, key=spec.key: self.show_tab(key), f"Ctrl+{number}",
            )  # fmt: skip
        help_menu = self.menus["help"]
        self._action(
            help_menu, "actionShortcuts", _("&Keyboard shortcuts"), self.show_shortcuts,
            standard_keys(QKeySequence.StandardKey.HelpContents, "F1"),
        )  # fmt: skip
        self._action(help_menu, "actionAbout", _("&About Offload"), self.show_about)
        # Once every menu exists: a tab's commands may go in any of them, Help included.
        for spec in TABS:
            for command in spec.commands:
                menu = self.menus[command.menu]
                action = QAction(_(command.text), self)
                action.setObjectName(f"action_{spec.key}_{command.method}")
                if command.shortcut:
                    action.setShortcut(QKeySequence(command.shortcut))
                action.triggered.connect(
                    lambda _checked=False, key=spec.key, c=command: self._run_tab_command(key, c)
                )
                if command.menu == "file":
                    menu.insertAction(self._file_commands_anchor, action)
                else:
                    menu.addAction(action)
                self.addAction(action)

        # Screen readers announce a menu item by its text; the status tip
        # repeats it plainly (no mnemonic) where the pointer rests.
        for action in self.findChildren(QAction):
            if action.text() and not action.statusTip():
                action.setStatusTip(action.text().replace("&", ""))

    def _focus_search(self) -> None:
        page = self.current_page()
        if page is not None:
            page.focus_search()

    # Help
    def show_about(self) -> QMessageBox:
        import html
        import platform

        from PySide6 import __version__ as pyside_version

        box = message_box(
            self, QMessageBox.Icon.NoIcon, _("About Offload"), "", QMessageBox.StandardButton.Close
        )
        box.setObjectName("aboutDialog")
        box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        box.setTextFormat(Qt.TextFormat.RichText)
        path = self.ctx.store.path
        # Markup around marked sentences; "Offload", "Python" and "PySide6" are names.
        about = (
            f"<h3>Offload {__version__}</h3>"
            + "<p>{}</p>".format(
                _(
                    "Get ready to outsource: study your month, find the right person, "
                    "outline every expectation, then focus on your own work."
                )
            )
            + "<p>{}<br><code>{}</code></p>".format(
                _("Everything stays on this computer, in one file:"), html.escape(str(path))
            )
            + "<p>{}<br><code>{}</code></p>".format(
                _("Backups (one a day, and before every import, restore and upgrade):"),
                html.escape(str(backups_dir(path))),
            )
            + f"<p><small>Python {platform.python_version()}, PySide6 {pyside_version}</small></p>"
        )
        box.setText(about)
        folder = QPushButton(_("Open data folder"), box)  # owned by the box, not by Python
        folder.setObjectName("aboutOpenFolder")
        box.addButton(folder, QMessageBox.ButtonRole.ActionRole)
        from desktop_app.views.restore_dialog import open_folder

        folder.clicked.connect(lambda: open_folder(path.parent))
        box.open()
        return box

    def show_shortcuts(self) -> QWidget:
        from desktop_app.views.shortcuts_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self.menus.values(), self)
        dialog.open()
        return dialog

    # Layout memory
    def _restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value("mainWindow/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = settings.value("mainWindow/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        key = settings.value("mainWindow/tab", "")
        for index in range(self.tabs.count()):
            tab = self.tabs.widget(index)
            if isinstance(tab, LazyTab) and tab.spec.key == key:
                self.tabs.setCurrentIndex(index)

    def save_layout(self) -> None:
        settings = QSettings()
        settings.setValue("mainWindow/geometry", self.saveGeometry())
        settings.setValue("mainWindow/state", self.saveState())
        tab = self.tabs.currentWidget()
        if isinstance(tab, LazyTab):
            settings.setValue("mainWindow/tab", tab.spec.key)
        # Each tab opened keeps its splitters and columns (once, at closing:
        # not each time a tab is left).
        for index in range(self.tabs.count()):
            lazy = self.tabs.widget(index)
            if isinstance(lazy, LazyTab) and isinstance(lazy.content, TabPage):
                lazy.content.save_layout()
        settings.sync()

    def changeEvent(self, event: QEvent) -> None:
        # Back to the window of a team workspace: others may have changed
        # anything meanwhile (live updates may have been cut off).
        if (
            event.type() == QEvent.Type.ActivationChange
            and self.isActiveWindow()
            and self.ctx.store.is_workspace
        ):
            self.ctx.refresh_all()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.ctx.stop_listening()
        if self._remember_layout:
            self.save_layout()
        log.info("window closed")
        super().closeEvent(event)
