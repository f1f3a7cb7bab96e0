"""The guard against PySide6 6.12's lost references to None and True (Python 3.11).

Each test runs in a child process: without the guard, the child aborts
("Fatal Python error: none_dealloc"), which would take the test run down.
"""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import REPO


def _run(code: str, home: Path) -> subprocess.CompletedProcess:
    # A child of its own, with this test's HOME: nothing reaches the user's settings.
    env = {
        "QT_QPA_PLATFORM": "offscreen",
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
    }
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        env=env,
        check=False,
    )


def test_calls_and_signals_by_the_hundred_thousand_survive_once_guarded(tmp_path):
    result = _run(
        """
        import sys
        from PySide6.QtCore import QObject, QPointF, Signal
        from desktop_app.pyside_none_guard import guard_none_refcount, is_guarded

        class Pinger(QObject):
            pinged = Signal()

        applied = guard_none_refcount()
        assert applied == (sys.version_info < (3, 12) and is_guarded()), applied
        assert guard_none_refcount() is False  # once is enough
        point, pinger = QPointF(), Pinger()
        for _ in range(200_000):
            point.setX(1.0)
            pinger.pinged.emit()
        print("survived")
        """,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "survived" in result.stdout


def test_the_tab_on_2000_tasks_paints_sorts_and_steps_months_without_crashing(tmp_path):
    result = _run(
        f"""
        from datetime import date
        from pathlib import Path
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QUndoStack
        from PySide6.QtWidgets import QApplication
        from desktop_app.store import open_store
        from desktop_app.views.context import AppContext
        from desktop_app.views.time_audit.page import TimeAuditPage
        from desktop_app.pyside_none_guard import guard_none_refcount
        from tools.time_audit_data import fill_big_audit

        # As the app does (app.create_application): without the guard, whether the
        # child survives its own exit depends on a margin of a few dozen references.
        guard_none_refcount()
        app = QApplication([])
        store = open_store(Path({str(tmp_path / "big.sqlite3")!r}))
        fill_big_audit(2000, 3, date.today())
        page = TimeAuditPage(AppContext(store, QUndoStack()))
        page.resize(1180, 700)
        page.show()
        page.bottom_tabs.setCurrentWidget(page.matrix)
        for step in range(12):
            page.show_previous_month() if step % 2 else page.show_next_month()
            page.table.sortByColumn(step % 5, Qt.SortOrder(step % 2))
            page.matrix.repaint()
            app.processEvents()
        assert page.model.rowCount() == 2000
        print("survived")
        """,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "survived" in result.stdout
