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


def _median_seconds(function: Callable[[], object], runs: int = RUNS) -> float:
    """The median time of calling `function` in this process (after one warm-up)."""
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
                    rows.append((f"contractors, {count}: {what}", _median_seconds(function),
                                 baseline))  # fmt: skip
                page.close()
                page.deleteLater()
                app.processEvents()
            finally:
                store.close()
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
