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
    bare = median_wall_time([sys.executable, str(REPO / "tools" / "bare_window.py")])
    smoke = median_wall_time([sys.executable, "-m", "desktop_app", "--smoke-test"])
    return [
        ("bare PySide6 window (baseline)", bare, ""),
        ("offload --smoke-test (demo data, every tab)", smoke, "bare PySide6 window (baseline)"),
    ]


def _median_call(function: Callable[[], object], runs: int = RUNS) -> float:
    """The median time of calling `function` in this process (after one warm-up)."""
    function()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


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
            timings["load", tasks] = _median_call(lambda: load_month(today))
            page = TimeAuditPage(AppContext(store, QUndoStack()))
            page.resize(1180, 700)
            page.show()

            def refresh(page: TimeAuditPage = page) -> None:
                page.refresh()
                app.processEvents()  # includes painting the table, chart and matrix

            timings["refresh", tasks] = _median_call(refresh)
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


def main() -> int:
    rows: list[Row] = []
    for function in BENCHMARKS:
        rows.extend(function())
    by_name = {name: seconds for name, seconds, _ in rows}
    width = max(len(name) for name, _, _ in rows)
    print(f"{'benchmark':<{width}}  median s   vs baseline   ({RUNS} runs each)")
    for name, seconds, baseline in rows:
        ratio = f"x{seconds / by_name[baseline]:.2f}" if baseline else ""
        print(f"{name:<{width}}  {seconds:8.3f}   {ratio}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
