"""Starting the window: the application object, logging, the database."""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

# Before PySide6: its import hook (for `__feature__`) reads the source of
# every module imported after it, which costs start-up tens of milliseconds
# over Peewee and the layers below the views. What opening the database
# needs is loaded first (Peewee through desktop_app.models, without its
# PostgreSQL driver), then Qt.
from desktop_app.logging_setup import setup_logging
from desktop_app.models import base, errors, migrations, settings  # noqa: F401

# isort: split
from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app import __version__
from desktop_app.assets import resource_path
from desktop_app.paths import default_database_path, logs_dir, set_application_names
from desktop_app.pyside_none_guard import guard_none_refcount
from desktop_app.store import DatabaseDamaged, Store, StoreError, open_store
from desktop_app.views.first_paint import after_next_frame, watch_startup

if TYPE_CHECKING:
    from desktop_app.views.main_window import MainWindow

log = logging.getLogger("offload.init")


def create_application(*, icon: bool = True) -> QApplication:
    """The one QApplication, named and iconed (unless `icon` is False: see
    `run_gui`), before any path is asked for."""
    # Before the first PySide6 call that could cost a reference (see the module).
    guard_none_refcount()
    set_application_names()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationVersion(__version__)
    app.setApplicationDisplayName("Offload")
    # The desktop entry's name: Wayland and the task bar match windows to it.
    QGuiApplication.setDesktopFileName("offload")
    if icon:
        app.setWindowIcon(window_icon())
    from desktop_app.views.partials.colour_scheme import follow_colour_scheme

    # Light or dark as the system says, before the first window is made.
    follow_colour_scheme()
    return app


def window_icon() -> QIcon:
    """The icon as PNGs, one a size: Qt's SVG icon engine would draw the
    16 px title-bar icon from the large design and blur it; the PNGs for
    16 and 24 px are drawn for their pixel grid (tools/render_icons.py)."""
    icon = QIcon()
    for png in sorted(resource_path("icons").glob("offload-[0-9]*.png")):
        size = int(png.stem.rsplit("-", 1)[1])
        icon.addFile(str(png), QSize(size, size))
    return icon


def run_gui(database_path: Path | str | None = None, demo: bool = False) -> int:
    """Show the main window on the chosen database; returns the exit status."""
    # The icon comes just after the first frame: on X11 a window shown with
    # an icon first decodes every size of it (about a tenth of a bare
    # window's start-up), and the owner sees the window sooner without.
    app = create_application(icon=False)
    log_path = setup_logging(logs_dir())
    from desktop_app.views.error_dialog import ErrorReporter

    reporter = ErrorReporter(log_path)
    reporter.install()
    demo_dir: Path | None = None
    path: Path | str
    try:
        if demo:
            from desktop_app.demo import create_demo_database

            demo_dir = Path(tempfile.mkdtemp(prefix="offload-demo-"))
            path = create_demo_database(demo_dir)
        else:
            path = database_path or default_database_path()
        if isinstance(path, str):
            from desktop_app.workspace import describe

            shown: Path | str = describe(path)  # never a password in the log
        else:
            shown = path
        log.info("Offload %s starting on %s", __version__, shown)
        window = _open_window(app, path, demo, shown)
        if window is None:
            return 1
        window.show()
        # The menus' actions come just after the first frame (their titles
        # are in it); watched after show(): before the Overview's load.
        after_next_frame(window, lambda: _after_first_frame(app, window))
        watch_startup(window, window.tab("overview").content)
        status = app.exec()
        window.ctx.store.close()
        return status
    finally:
        reporter.uninstall()
        if demo_dir is not None:
            remove_demo_files(demo_dir)


def install_qt_translation(app: QApplication) -> None:
    """Qt's own words (OK, Cancel, a text field's menu) in the owner's language:
    the qtbase catalogue of the language models/i18n.py chose, when Qt ships
    one (the desktop build keeps those of the shipped languages)."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from desktop_app.models.i18n import current_language

    language = current_language()
    if language == "en":
        return
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{language}", folder):
        app.installTranslator(translator)
    else:
        log.info("no Qt translation for %s in %s", language, folder)


def _open_window(
    app: QApplication, path: Path | str, demo: bool, shown: Path | str
) -> MainWindow | None:
    """The window on the database at `path`, built but not shown; None when
    the file cannot be opened (the owner has been told why) or is damaged
    and the owner declined to restore or look at it."""
    store: Store | None = None
    window: MainWindow | None = None
    if isinstance(path, str):
        asked = _password_at_start(path)
        if asked is None:
            return None
        path = asked
    try:
        # SQLite's check of the file runs beside the window being built.
        store = open_store(path, check_later=True)
        try:
            window = _main_window(app, store, demo)
        finally:
            # Damage is reported before the window shows any of the file
            # (and explains the window failing to read it).
            store.wait_for_check()
    except DatabaseDamaged as error:
        if window is not None:
            window.deleteLater()
        if store is not None:
            store.close()
        log.warning("damaged database %s: %s", path, error.details)
        app.setWindowIcon(window_icon())
        from desktop_app.views.restore_dialog import recover_damaged

        recovered = recover_damaged(None, error.path, error)
        return None if recovered is None else _main_window(app, recovered, demo)
    except StoreError as error:
        log.warning("cannot open %s: %s", shown, error)
        app.setWindowIcon(window_icon())
        box = QMessageBox(QMessageBox.Icon.Critical, "Offload cannot start", str(error))
        box.setObjectName("startupErrorDialog")
        box.exec()
        return None
    return window


def _password_at_start(url: str) -> str | None:
    """`offload --db URL` whose server asks for a password that ~/.pgpass and
    PGPASSWORD do not give: the workspace dialog asks for it (masked, kept
    for the session only) before the window is built. Returns the address
    to open (the owner may correct it there), None when they cancel. Any
    other refusal is left to `open_store`, which says it."""
    from desktop_app.workspace import try_connection

    _problem, needs_password = try_connection(url)
    if not needs_password:
        return url
    from desktop_app.views.workspace_dialog import WorkspaceDialog

    chosen: list[str] = []

    def reached(address: str) -> str:
        chosen.append(address)
        return ""

    dialog = WorkspaceDialog(url, reached)
    dialog.ask_for_password(url)
    if dialog.exec() != WorkspaceDialog.DialogCode.Accepted or not chosen:
        return None
    return chosen[-1]


def _main_window(app: QApplication, store: Store, demo: bool) -> MainWindow:
    """The window on `store`, in the language its settings chose."""
    install_qt_translation(app)
    from desktop_app.views.main_window import MainWindow

    return MainWindow(store, demo=demo, menus_after_first_frame=True)


def _after_first_frame(app: QApplication, window: MainWindow) -> None:
    """What the window can do without until the owner has seen it."""
    window.fill_menus()
    app.setWindowIcon(window_icon())
    from desktop_app.views.script_fonts import lend_missing_script_fonts

    lend_missing_script_fonts()


def remove_demo_files(demo_dir: Path) -> None:
    """Delete the demo database and what Offload made beside it, then the folder
    if nothing else is in it: a file the owner saved there is never deleted."""
    from desktop_app.demo import DEMO_FILE_NAME

    for path in demo_dir.glob(f"{DEMO_FILE_NAME}*"):
        path.unlink(missing_ok=True)
    for made in (f"{Path(DEMO_FILE_NAME).stem}-files", "backups"):
        shutil.rmtree(demo_dir / made, ignore_errors=True)
    try:
        demo_dir.rmdir()
    except OSError:
        log.info("kept %s: it holds files that are not the demo's", demo_dir)
