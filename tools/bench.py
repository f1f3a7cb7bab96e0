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


def _median_call(function: Callable[[], object], runs: int = RUNS * 5) -> float:
    times = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times[1:])


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

            baseline = _median_call(update_one)
            move = _median_call(move_one)
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
            keystroke = _median_call(lambda: summary.insertPlainText("x"), runs=30)
            list_reload = _median_call(page.refresh_list, runs=10)
            window.close()
            data = BriefData(
                title="Long",
                expectations=[
                    ExpectationData(f"Expectation {n} " * 8, "must", "m") for n in range(200)
                ],
            )
            pdf = _median_call(lambda: write_brief_pdf(data, Path(folder) / "b.pdf"), runs=3)
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
