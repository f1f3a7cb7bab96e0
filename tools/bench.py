"""Benchmarks: `make bench`. Timings are compared against a baseline measured
in the same run, never asserted in tests (the machines are shared and noisy).

Each benchmark is a function registered with @benchmark; it returns rows of
(what, median seconds, baseline name or "").
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RUNS = int(os.environ.get("BENCH_RUNS", "7"))

Row = tuple[str, float, str]
BENCHMARKS: list[Callable[[], list[Row]]] = []


def benchmark(function: Callable[[], list[Row]]) -> Callable[[], list[Row]]:
    BENCHMARKS.append(function)
    return function


def median_wall_time(command: list[str], runs: int = RUNS) -> float:
    """The median wall time of `command` over `runs` runs (after one warm-up)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    times = []
    for run in range(runs + 1):
        started = time.perf_counter()
        subprocess.run(command, env=env, cwd=REPO, check=True, capture_output=True)
        if run:  # the first run warms the disk cache
            times.append(time.perf_counter() - started)
    return statistics.median(times)


@benchmark
def startup() -> list[Row]:
    """Process start to the window shown, beside an empty PySide6 window.

    On the demo database, and on a large one (2,000 tasks with a year of
    entries, 2,000 contractors): the window must open about as fast either way.
    """
    import tempfile

    from desktop_app.demo import create_demo_database

    bare = median_wall_time([sys.executable, str(REPO / "tools" / "bare_window.py")])
    rows: list[Row] = [("bare PySide6 window (baseline)", bare, "")]
    with tempfile.TemporaryDirectory(prefix="offload-bench-") as folder:
        demo = create_demo_database(Path(folder))
        large = Path(folder) / "large.sqlite3"
        subprocess.run(
            [sys.executable, "-m", "tools.time_audit_data", str(large), "--tasks", "2000"],
            cwd=REPO, check=True, capture_output=True,
        )  # fmt: skip
        subprocess.run(
            [sys.executable, "-m", "tools.generate_contractors", "--db", str(large),
             "--count", "2000"],
            cwd=REPO, check=True, capture_output=True,
        )  # fmt: skip
        window = [sys.executable, str(REPO / "tools" / "startup_window.py")]
        for name, database in (("demo database", demo), ("2,000 tasks + 2,000 contractors", large)):
            for until in ("shown", "filled"):
                seconds = median_wall_time([*window, str(database), until])
                rows.append(
                    (f"offload window {until}, {name}", seconds, "bare PySide6 window (baseline)")
                )
    smoke = median_wall_time([sys.executable, "-m", "desktop_app", "--smoke-test"])
    rows.append(("offload --smoke-test (demo data, every tab, a PDF)", smoke, ""))
    return rows


@benchmark
def opening() -> list[Row]:
    """What opening a large database costs, on the database of
    `tools.large_database` (2,000 tasks with about 60,000 time entries, 2,000
    contractors, 400 briefs with 16,000 expectations, 500 engagements):
    SQLite's quick_check (run on every opening), the whole `open_store`, and
    the day's backup. Baseline: reading the schema version alone."""
    import sqlite3
    import tempfile

    from desktop_app.backup import backup_database
    from desktop_app.database_file import connect_read_only, quick_check_problem
    from desktop_app.store import open_store

    with tempfile.TemporaryDirectory(prefix="offload-bench-") as folder:
        large = Path(folder) / "large.sqlite3"
        subprocess.run(
            [sys.executable, "-m", "tools.large_database", str(large)],
            cwd=REPO, check=True, capture_output=True,
        )  # fmt: skip

        def version() -> None:
            connection = connect_read_only(large)
            connection.execute("PRAGMA user_version").fetchone()
            connection.close()

        def quick_check() -> None:
            connection = connect_read_only(large)
            assert quick_check_problem(connection) is None
            connection.close()

        def open_and_close() -> None:
            open_store(large).close()

        def backup() -> None:
            copy = Path(folder) / "copy.sqlite3"
            backup_database(large, copy, replace=True)

        size = f"{large.stat().st_size / 1e6:.0f} MB"
        with sqlite3.connect(large) as connection:
            entries = connection.execute("SELECT count(*) FROM time_entry").fetchone()[0]
        rows = [
            (
                f"read the schema version ({size}, {entries:,} entries; baseline)",
                _median(version),
                "",
            ),
            ("PRAGMA quick_check", _median(quick_check), ""),
            ("open_store: look, quick_check, lock, bind", _median(open_and_close), ""),
            ("backup_database: online backup + quick_check of the copy", _median(backup), ""),
        ]
        baseline = rows[0][0]
        return [rows[0], *((name, seconds, baseline) for name, seconds, _ in rows[1:])]


@benchmark
def engagements() -> list[Row]:
    """The Engagements tab on a large history: 1,000 engagements, 52,000 check-ins,
    12,000 pieces of feedback. Baseline: reading those rows and nothing more."""
    import tempfile
    from datetime import date, timedelta

    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from desktop_app.models.base import database
    from desktop_app.models.briefs import Brief
    from desktop_app.models.contractors import Contractor
    from desktop_app.models.engagements import CheckIn, Engagement, Feedback, list_engagements
    from desktop_app.store import open_store
    from desktop_app.views.context import AppContext
    from desktop_app.views.engagements.page import EngagementsPage

    app = QApplication.instance() or QApplication([])
    today = date.today()
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "bench.sqlite3")
        with database.atomic():
            Brief.insert_many([{"title": f"Brief {n}"} for n in range(1000)]).execute()
            Contractor.insert_many([{"name": f"Contractor {n}"} for n in range(1000)]).execute()
            Engagement.insert_many(
                [
                    {"brief": n + 1, "contractor": n + 1, "start_date": today - timedelta(days=400),
                     "cadence_days": 7, "status": "active"}
                    for n in range(1000)
                ]
            ).execute()  # fmt: skip
            for engagement in range(1, 1001):
                CheckIn.insert_many(
                    [{"engagement": engagement, "date": today - timedelta(days=7 * week),
                      "summary": "On track", "initiated_by": "contractor"} for week in range(52)]
                ).execute()  # fmt: skip
                Feedback.insert_many(
                    [{"engagement": engagement, "date": today - timedelta(days=30 * month),
                      "deliverable": "Month", "quality": 4, "communication": 4,
                      "confidence": 1 + (engagement + month) % 5} for month in range(12)]
                ).execute()  # fmt: skip

        def read_rows() -> None:
            list(Engagement.select().tuples())
            list(CheckIn.select(CheckIn.engagement, CheckIn.date, CheckIn.initiated_by).tuples())
            list(Feedback.select(Feedback.engagement, Feedback.confidence).tuples())

        page = EngagementsPage(AppContext(store, QUndoStack()))
        rows = [
            ("read 1,000 engagements' rows (baseline)", _median(read_rows), ""),
            ("list_engagements: due dates, trends, micromanagement", _median(
                lambda: list_engagements(today)), "read 1,000 engagements' rows (baseline)"),
            ("Engagements tab refresh (list, summary, detail)", _median(page.refresh),
             "read 1,000 engagements' rows (baseline)"),
        ]  # fmt: skip
        page.deleteLater()
        app.processEvents()
        store.close()
    return rows


def _median(function: Callable[[], object], runs: int = RUNS) -> float:
    """The median time of `function` in this process, after one warm-up call."""
    function()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


@benchmark
def contractors_tab() -> list[Row]:
    """The bench's list query, the Contractors tab's reload, a search and a
    comparison, on 2,000 contractors against a baseline of 20 (same run)."""
    import tempfile

    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from desktop_app.models.contractors import compare_contractors, contractor_rows
    from desktop_app.paths import set_application_names
    from desktop_app.store import open_store
    from desktop_app.views.context import AppContext
    from desktop_app.views.contractors.page import ContractorsPage
    from tools.generate_contractors import generate

    set_application_names()
    app = QApplication.instance() or QApplication([])
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="offload-bench-") as folder:
        for count in (20, 2000):
            store = open_store(Path(folder) / f"bench-{count}.sqlite3")
            try:
                generate(count)
                # Not shown: the timings are the tab's own work (queries, the
                # item model, the proxy's filter and sort), not the painting.
                page = ContractorsPage(AppContext(store, QUndoStack()))
                page.resize(1200, 700)
                five = [row.id for row in contractor_rows()[:5]]

                def search(page: ContractorsPage = page) -> None:
                    page.search.setText("xero")
                    page.search.clear()

                measured = {
                    "load the list (contractor_rows)": contractor_rows,
                    "reload the Contractors tab": page.refresh,
                    "search the list, then clear it": search,
                    "compare five contractors": lambda five=five: compare_contractors(five),
                }
                for what, function in measured.items():
                    baseline = f"contractors, 20: {what}" if count != 20 else ""
                    rows.append((f"contractors, {count}: {what}", _median(function),
                                 baseline))  # fmt: skip
                page.close()
                page.deleteLater()
                app.processEvents()
            finally:
                store.close()
    return rows


@benchmark
def time_audit_month() -> list[Row]:
    """The Time audit tab on 20 tasks and on 2,000 tasks with a year of entries."""
    import tempfile
    from datetime import date

    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from desktop_app.models.tasks import load_month
    from desktop_app.store import open_store
    from desktop_app.views.context import AppContext
    from desktop_app.views.time_audit.page import TimeAuditPage
    from tools.time_audit_data import fill_big_audit

    app = QApplication.instance() or QApplication([])
    # The offscreen platform's "This plugin does not support ..." would
    # clutter the table; real warnings still print.
    previous = qInstallMessageHandler(
        lambda kind, context, message: (
            None
            if message.startswith("This plugin does not support")
            else print(message, file=sys.stderr)
        )
    )
    today = date.today()
    timings: dict[tuple[str, int], float] = {}
    with tempfile.TemporaryDirectory(prefix="offload-bench-") as folder:
        for tasks in (20, 2000):
            store = open_store(Path(folder) / f"audit-{tasks}.sqlite3")
            fill_big_audit(tasks, 12, today)
            timings["load", tasks] = _median(lambda: load_month(today))
            page = TimeAuditPage(AppContext(store, QUndoStack()))
            page.resize(1180, 700)
            page.show()

            def refresh(page: TimeAuditPage = page) -> None:
                page.refresh()
                app.processEvents()  # includes painting the table, chart and matrix

            timings["refresh", tasks] = _median(refresh)
            page.close()
            page.deleteLater()
            app.processEvents()
            store.close()
    qInstallMessageHandler(previous)
    rows: list[Row] = []
    for what, title in (("load", "load a month"), ("refresh", "refresh the tab")):
        baseline = f"time audit: {title}, 20 tasks (baseline)"
        rows.append((baseline, timings[what, 20], ""))
        rows.append(
            (f"time audit: {title}, 2,000 tasks, a year of entries", timings[what, 2000], baseline)
        )
    return rows


@benchmark
def briefs() -> list[Row]:
    """A move among 1,000 expectations, a typed character, a 200-expectation PDF."""
    import tempfile

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop_app.models.briefs import (
        BriefData,
        Expectation,
        ExpectationData,
        create_brief,
        expectations_of,
        move_expectation,
    )
    from desktop_app.pdf.brief import write_brief_pdf
    from desktop_app.store import open_store

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        # The window remembers its layout: not in the user's own settings.
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        store = open_store(Path(folder) / "bench.sqlite3")
        try:
            expectations = [ExpectationData(f"Expectation {n}", "should", "m") for n in range(1000)]
            big = create_brief(BriefData(title="Big", expectations=expectations))
            rows = expectations_of(big)
            first = rows[0].id

            def update_one() -> None:
                Expectation.update(measure="n").where(Expectation.id == first).execute()

            order = [row.id for row in rows]

            def move_one() -> None:
                # The last one to the top: a real move every time.
                order.insert(0, order.pop())
                move_expectation(order[0], 0)

            baseline = _median(update_one)
            move = _median(move_one)
            # A keystroke in the editor: one merged edit, then the tab reloads.
            for n in range(300):
                create_brief(
                    BriefData(
                        title=f"Brief {n}",
                        expectations=[ExpectationData(f"E{k}", "must", "m") for k in range(12)],
                    )
                )
            from desktop_app.views.main_window import MainWindow

            window = MainWindow(store, remember_layout=False)
            window.show()
            page = window.show_tab("briefs").page()
            page.open_target(("brief", big + 1))
            summary = page.editor.fields["summary"].input
            keystroke = _median(lambda: summary.insertPlainText("x"), runs=30)
            list_reload = _median(page.refresh_list, runs=10)
            window.close()
            data = BriefData(
                title="Long",
                expectations=[
                    ExpectationData(f"Expectation {n} " * 8, "must", "m") for n in range(200)
                ],
            )
            pdf = _median(lambda: write_brief_pdf(data, Path(folder) / "b.pdf"), runs=3)
            window.deleteLater()
            app.processEvents()
        finally:
            store.close()
    return [
        ("update one expectation row (baseline)", baseline, ""),
        ("move one expectation among 1,000", move, "update one expectation row (baseline)"),
        (
            "type one character in a brief, 300 briefs listed",
            keystroke,
            "update one expectation row (baseline)",
        ),
        ("reload the list of 300 briefs (once typing pauses)", list_reload, ""),
        ("export a 200-expectation brief to PDF", pdf, ""),
    ]


def main(names: list[str]) -> int:
    """Run every benchmark, or those named (`python -m tools.bench opening`)."""
    rows: list[Row] = []
    for function in BENCHMARKS:
        if not names or function.__name__ in names:
            rows.extend(function())
    by_name = {name: seconds for name, seconds, _ in rows}
    width = max(len(name) for name, _, _ in rows)
    print(f"{'benchmark':<{width}}  median s   vs baseline   ({RUNS} runs each)")
    for name, seconds, baseline in rows:
        ratio = f"x{seconds / by_name[baseline]:.2f}" if baseline else ""
        print(f"{name:<{width}}  {seconds:8.3f}   {ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
