"""What `make bench` times inside a window, each in a fresh process.

    python -m tools.bench_window visits DB          Offload's tabs, first visit each
    python -m tools.bench_window plain-visits DB    the same lists as plain Qt + sqlite3
    python -m tools.bench_window keystroke DB RUNS  one keystroke in the Time audit search
    python -m tools.bench_window move DB BRIEF RUNS moving an expectation, and the freeze after

Prints one JSON object: seconds for each thing timed, Offload's beside its
plain baseline where both run in one process. Every timing ends when the
window's next frame has been painted and flushed (views/first_paint.py),
so painting is included. Run by tools/bench.py; the platform (xcb on Xvfb,
or offscreen) comes from the environment.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEventLoop,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.views.first_paint import after_next_frame

STEPS = ("time_audit", "contractors", "briefs", "engagements")
WIDTH, HEIGHT = 1180, 760

# What each tab lists, read the plain way: one query, every row.
PLAIN_QUERIES = {
    "time_audit": (
        "SELECT t.name, t.area, t.need, t.status, t.dislike, t.pull_away, t.business_value,"
        " COALESCE(SUM(e.minutes), 0) FROM task t LEFT JOIN time_entry e"
        " ON e.task_id = t.id AND e.date >= :month GROUP BY t.id ORDER BY t.name"
    ),
    "contractors": (
        "SELECT name, kind, skills, stage, rate, rate_unit, currency, source, rating,"
        " last_contact FROM contractor ORDER BY name"
    ),
    "briefs": (
        "SELECT b.title, b.status, b.deadline, b.budget, COUNT(x.id), b.updated_at FROM brief b"
        " LEFT JOIN expectation x ON x.brief_id = b.id GROUP BY b.id ORDER BY b.updated_at DESC"
    ),
    "engagements": (
        "SELECT c.name, b.title, e.status, e.start_date, e.cadence_days, MAX(ci.date)"
        " FROM engagement e JOIN contractor c ON c.id = e.contractor_id"
        " JOIN brief b ON b.id = e.brief_id LEFT JOIN check_in ci ON ci.engagement_id = e.id"
        " GROUP BY e.id ORDER BY c.name"
    ),
}


class TupleModel(QAbstractTableModel):
    """The plain baseline's model: rows of tuples, shown as text."""

    def __init__(self, rows: list[tuple[Any, ...]]) -> None:
        super().__init__()
        self.rows = rows
        self.columns = len(rows[0]) if rows else 1

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.columns

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            value = self.rows[index.row()][index.column()]
            return "" if value is None else str(value)
        return None


def wait_for_frame(widget: QWidget) -> float:
    """Return once `widget`'s window has painted its next frame; when it was
    (time.perf_counter()). That is when the frame's callback ran, not when
    the event loop returned: work the application queued to run after the
    frame (`after_paint`) may run in the same turn of the loop, after it."""
    loop = QEventLoop()
    painted: list[float] = []
    after_next_frame(widget, lambda: (painted.append(time.perf_counter()), loop.quit()))
    QTimer.singleShot(30_000, loop.quit)  # never hang the benchmark
    loop.exec()
    return painted[0] if painted else time.perf_counter()


def timed(action: Callable[[], object], widget: QWidget) -> float:
    """Seconds from `action` until the frame that shows its result."""
    started = time.perf_counter()
    action()
    return wait_for_frame(widget) - started


def longest_stall(milliseconds: int) -> float:
    """Run the event loop for `milliseconds`; the longest it was blocked (s)."""
    ticks: list[float] = [time.perf_counter()]
    timer = QTimer()
    timer.setInterval(2)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    timer.start()
    loop.exec()
    timer.stop()
    ticks.append(time.perf_counter())
    return max(later - earlier for earlier, later in itertools.pairwise(ticks))


def open_offload(database: Path) -> tuple[QMainWindow, Any]:
    """The window `offload --db DATABASE` opens, shown, its Overview loaded."""
    from desktop_app.app import create_application
    from desktop_app.store import open_store
    from desktop_app.views.main_window import MainWindow

    app = create_application()
    store = open_store(database)
    window = MainWindow(store, remember_layout=False)
    window.resize(WIDTH, HEIGHT)
    overview = window.tab("overview").content
    loaded = QEventLoop()
    overview.first_loaded.connect(loaded.quit)
    window.show()
    loaded.exec()
    wait_for_frame(window)
    return window, app


_APPLICATION: list[QApplication] = []  # kept alive for the process


def plain_window() -> tuple[QMainWindow, QTabWidget]:
    _APPLICATION.append(QApplication.instance() or QApplication(sys.argv[:1]))
    window = QMainWindow()
    tabs = QTabWidget()
    tabs.addTab(QLabel("Overview"), "Overview")
    window.setCentralWidget(tabs)
    window.resize(WIDTH, HEIGHT)
    window.show()
    wait_for_frame(window)
    return window, tabs


def plain_rows(database: Path, step: str) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(database)
    try:
        month = date.today().replace(day=1).isoformat()
        return connection.execute(PLAIN_QUERIES[step], {"month": month}).fetchall()
    finally:
        connection.close()


# How long the owner looks at the filled-in Overview before the first click
# (a visit, a search, a move): the window imports the tabs' modules in that
# idle time (views/tabs.py), which would otherwise land in what is timed.
SETTLE_MS = 1000


def settle(milliseconds: int) -> None:
    """Let the event loop run, idle, for `milliseconds`."""
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def visits(database: Path) -> dict[str, float]:
    window, _app = open_offload(database)
    settle(SETTLE_MS)
    return {step: timed(lambda step=step: window.show_tab(step), window) for step in STEPS}


def plain_visits(database: Path) -> dict[str, float]:
    window, tabs = plain_window()
    result = {}
    for step in STEPS:

        def visit(step: str = step) -> None:
            view = QTableView()
            view.setModel(TupleModel(plain_rows(database, step)))
            view.setSortingEnabled(True)
            tabs.addTab(view, step)
            tabs.setCurrentWidget(view)

        result[step] = timed(visit, window)
    return result


TYPED = "invoi"
# How long the event loop is watched after a move for work catching up
# (the list of briefs, the clarity check): longer than any delay it uses.
FREEZE_WATCH_MS = 650


def _type_each(search: QLineEdit, window: QWidget, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        search.clear()
        wait_for_frame(window)
        for character in TYPED:
            times.append(timed(lambda c=character: QTest.keyClick(search, c), window))
    return times


def keystroke(database: Path, runs: int) -> dict[str, float]:
    window, _app = open_offload(database)
    settle(SETTLE_MS)
    page = window.show_tab("time_audit").page()
    wait_for_frame(window)
    offload = _type_each(page.search, window, runs)
    window.hide()
    # The plain way: the same tasks in a QStandardItemModel, filtered on their
    # names by a QSortFilterProxyModel (the whole filter runs in C++).
    source = QStandardItemModel()
    for row in plain_rows(database, "time_audit"):
        source.appendRow([QStandardItem(str(value)) for value in row])
    plain = QWidget()
    search = QLineEdit()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(source)
    proxy.setFilterKeyColumn(0)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    search.textChanged.connect(proxy.setFilterFixedString)
    view = QTableView()
    view.setModel(proxy)
    layout = QVBoxLayout(plain)
    layout.addWidget(search)
    layout.addWidget(view)
    plain.resize(WIDTH, HEIGHT)
    plain.show()
    wait_for_frame(plain)
    baseline = _type_each(search, plain, runs)
    return {"offload": statistics.median(offload), "baseline": statistics.median(baseline)}


def move(database: Path, brief_id: int, runs: int) -> dict[str, float]:
    window, _app = open_offload(database)
    settle(SETTLE_MS)
    page = window.show_tab("briefs").page()
    page.open_target(("brief", brief_id))
    panel = page.editor.expectations
    page.editor.tabs.setCurrentWidget(panel)
    middle = panel.model.rowCount() // 2
    panel.select_row(middle)
    wait_for_frame(window)
    moves, freezes = [], []
    for run in range(runs):
        # Up then down: the same row goes back and forth, as a user nudges it.
        action = panel.list_actions["moveUp" if run % 2 == 0 else "moveDown"]
        moves.append(timed(action.trigger, window))
        freezes.append(longest_stall(FREEZE_WATCH_MS))
    window.hide()
    # The plain way: a QStandardItemModel in a list, and one UPDATE through sqlite3.
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA synchronous = full")
    ids = [
        row_id
        for (row_id,) in connection.execute(
            "SELECT id FROM expectation WHERE brief_id = ? ORDER BY position", (brief_id,)
        )
    ]
    model = QStandardItemModel()
    for row_id in ids:
        model.appendRow(QStandardItem(f"Expectation {row_id}"))
    view = QListView()
    view.setModel(model)
    view.resize(WIDTH // 2, HEIGHT)
    view.show()
    view.setCurrentIndex(model.index(middle, 0))
    wait_for_frame(view)
    baseline = []
    for run in range(runs):
        source = middle if run % 2 == 0 else middle - 1
        target = source - 1 if run % 2 == 0 else source + 1

        def plain_move(source: int = source, target: int = target, run: int = run) -> None:
            items = model.takeRow(source)
            model.insertRow(target, items)
            view.setCurrentIndex(model.index(target, 0))
            connection.execute(
                "UPDATE expectation SET position = ? WHERE id = ?", (f"m{run}", ids[source])
            )
            connection.commit()

        baseline.append(timed(plain_move, view))
    connection.close()
    return {
        "offload": statistics.median(moves),
        "freeze": max(freezes),
        "baseline": statistics.median(baseline),
    }


def main(argv: Sequence[str]) -> int:
    # A team workspace's URL stays text (a Path would fold its "//").
    what = argv[0]
    database: Any = argv[1] if argv[1].startswith("postgres") else Path(argv[1])
    if what == "visits":
        result = visits(database)
    elif what == "plain-visits":
        result = plain_visits(database)
    elif what == "keystroke":
        result = keystroke(database, int(argv[2]))
    elif what == "move":
        result = move(database, int(argv[2]), int(argv[3]))
    else:
        raise SystemExit(f"unknown measurement {what!r}")
    print(json.dumps(result))
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
