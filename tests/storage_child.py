"""A child process for storage tests that need what a test process cannot be:
another user (for whom file modes hold) or a process whose files cannot grow.

    python -m tests.storage_child read-only DB
    python -m tests.storage_child full-disk DB FILLER|rlimit

Opens the Offload window offscreen on DB as `offload --db DB` does, makes an
edit as the owner would, and prints what the owner saw as one JSON object.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import signal
import sqlite3
import sys
import traceback
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.app import create_application
from desktop_app.models.settings import Settings
from desktop_app.store import open_store
from desktop_app.views.error_dialog import ErrorReporter
from desktop_app.views.main_window import MainWindow
from desktop_app.views.settings_dialog import ChangeSettingsCommand
from desktop_app.views.time_audit.commands import CreateTaskCommand
from desktop_app.views.undo import execute


def _counts(db: Path) -> dict[str, int]:
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("task", "time_entry", "setting")
        }
    finally:
        connection.close()


def _shown_after(app: QApplication, reporter: ErrorReporter, action) -> str:
    """Run `action` from the event loop, as a click would, and return the
    message the owner was shown ("" when none)."""
    reporter.dialog = None
    QTimer.singleShot(0, action)
    for _ in range(200):
        app.processEvents()
        if reporter.dialog is not None and reporter.dialog.isVisible():
            text = reporter.dialog.text()
            reporter.dialog.close()
            return text
    return ""


def _edit_settings(window: MainWindow) -> None:
    old = window.ctx.settings()
    execute(ChangeSettingsCommand(window.ctx, old, Settings(business_name="Changed Shop")))


def read_only(db: Path) -> dict[str, object]:
    app = create_application()
    reporter = ErrorReporter(None)
    reporter.install()
    before = db.read_bytes()
    store = open_store(db)
    window = MainWindow(store, remember_layout=False)
    window.show()
    app.processEvents()
    result = {
        "read_only": store.read_only,
        "banner_visible": window.read_only_banner.isVisible(),
        "banner": window.read_only_banner.text(),
        "title": window.windowTitle(),
        "edit_message": _shown_after(app, reporter, lambda: _edit_settings(window)),
        "task_message": _shown_after(
            app, reporter, lambda: execute(CreateTaskCommand(window.ctx, "Answer e-mail"))
        ),
        "undo_count": window.undo_stack.count(),
    }
    window.close()
    store.close()
    result["unchanged"] = db.read_bytes() == before
    return result


def _fill(filler: Path) -> None:
    """Write until the disk is full."""
    with contextlib.suppress(OSError), filler.open("wb") as stream:
        while True:
            stream.write(b"\0" * 4096)
            stream.flush()


def full_disk(db: Path, how: str) -> dict[str, object]:
    from desktop_app.models.base import database
    from desktop_app.models.tasks import NewEntry, import_time_entries
    from desktop_app.store import explain_database_error

    app = create_application()
    reporter = ErrorReporter(None)
    reporter.install()
    store = open_store(db)
    window = MainWindow(store, remember_layout=False)
    window.show()
    app.processEvents()
    before = _counts(db)
    limits = resource.getrlimit(resource.RLIMIT_FSIZE)
    if how == "rlimit":
        # No file of this process may grow: as good as a full disk to SQLite.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (0, limits[1]))
    else:
        _fill(Path(how))
    result: dict[str, object] = {
        "settings_message": _shown_after(app, reporter, lambda: _edit_settings(window)),
        "task_message": _shown_after(
            app, reporter, lambda: execute(CreateTaskCommand(window.ctx, "Answer e-mail"))
        ),
    }
    entries = [
        NewEntry(f"Imported task {n % 50}", date(2025, 1, 1 + n % 28), 15, "x" * 200, f"k{n}")
        for n in range(5000)
    ]
    try:
        import_time_entries(entries)
        result["import_error"] = ""
    except Exception as error:
        result["import_error"] = f"{type(error).__name__}: {error}"
        result["import_explained"] = explain_database_error(error, db) or ""
        result["in_transaction"] = database.obj.connection().in_transaction
    if how == "rlimit":
        resource.setrlimit(resource.RLIMIT_FSIZE, limits)
    else:
        Path(how).unlink()
    result["counts_before"] = before
    result["counts_after"] = _counts(db)
    # With room again, the next edit is saved: the window kept working.
    result["after_room_message"] = _shown_after(
        app, reporter, lambda: execute(CreateTaskCommand(window.ctx, "Write newsletter"))
    )
    window.close()
    store.close()
    connection = sqlite3.connect(db)
    result["quick_check"] = connection.execute("PRAGMA quick_check").fetchone()[0]
    result["tasks_at_end"] = connection.execute("SELECT count(*) FROM task").fetchone()[0]
    connection.close()
    return result


def main(argv: list[str]) -> int:
    scenario, db = argv[0], Path(argv[1])
    try:
        result = read_only(db) if scenario == "read-only" else full_disk(db, argv[2])
    except Exception:
        result = {"crash": traceback.format_exc()}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
