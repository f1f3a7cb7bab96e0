"""`make bench`: Offload's timings beside plain baselines measured in the same run.

    python -m tools.bench [--runs 7] [--scale 1] [--cache .bench-cache] [--only GROUP ...]

Prints one table (issue 13's rows): each figure is the median of --runs runs,
beside its baseline from the same run (a bare PySide6 QMainWindow; a plain Qt
model over sqlite3; plain ReportLab with the same paragraphs and font; csv
with executemany) and the ratio, on the empty, demo and large databases, then
"growth" rows at 0.1, 1 and 3 times the scale. Start-up is timed from process
start to the first painted frame of the real `offload` entry point, in a
child process, under xcb on an Xvfb of its own (and offscreen as a second
figure). The large database is written by `offload generate-sample` and kept
in the cache folder under the generator's and the schema's versions.

Timings are never asserted in tests (the machines are shared and noisy);
tests/test_bench.py runs this at scale 0.01 with one run, so it cannot rot.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GROWTH = (0.1, 1.0, 3.0)
IMPORT_ROWS = 20_000
PDF_EXPECTATIONS = 200
MOVE_EXPECTATIONS = 1000
PROBE = "OFFLOAD_STARTUP_PROBE"


@dataclass
class Row:
    """One line of the table. Seconds, or MB for memory (`unit`)."""

    what: str
    database: str
    baseline_name: str
    baseline: float | None
    value: float | None
    goal: str = ""
    # The goal as numbers: a ratio to the baseline, a ceiling in seconds or
    # MB, MB above the baseline (memory).
    max_ratio: float | None = None
    max_value: float | None = None
    max_extra: float | None = None
    unit: str = "s"
    # Offload / baseline within each run: their median is the ratio shown,
    # steadier than a ratio of medians on a machine whose load drifts.
    pairs: list[float] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        if self.pairs:
            return statistics.median(self.pairs)
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    @property
    def met(self) -> str:
        if self.value is None or not (self.max_ratio or self.max_value or self.max_extra):
            return ""
        checks = []
        if self.max_ratio is not None and self.ratio is not None:
            checks.append(self.ratio <= self.max_ratio)
        if self.max_value is not None:
            checks.append(self.value <= self.max_value)
        if self.max_extra is not None and self.baseline is not None:
            checks.append(self.value - self.baseline <= self.max_extra)
        return "yes" if all(checks) else "**no**"


@dataclass
class Bench:
    runs: int
    scale: float
    cache: Path
    work: Path
    display: str | None
    warm_up: bool = True
    rows: list[Row] = field(default_factory=list)
    databases: dict[str, Path] = field(default_factory=dict)

    def say(self, text: str) -> None:
        print(f"[bench] {text}", file=sys.stderr, flush=True)

    @property
    def window_platform(self) -> str:
        return "xcb" if self.display else "offscreen"


# ---------------------------------------------------------------------------
# Child processes


def child_env(bench: Bench, platform: str) -> dict[str, str]:
    """A clean environment: its own settings and data folders (no remembered
    layout, no owner's files), the chosen Qt platform."""
    home = bench.work / "home"
    env = {k: v for k, v in os.environ.items() if k not in (PROBE, "DISPLAY", "WAYLAND_DISPLAY")}
    for name, sub in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_RUNTIME_DIR", "runtime"),
    ):
        folder = home / sub
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        env[name] = str(folder)
    env["QT_QPA_PLATFORM"] = platform
    with_this_tree(env)
    if platform == "xcb" and bench.display:
        env["DISPLAY"] = bench.display
    return env


def with_this_tree(env: dict[str, str]) -> dict[str, str]:
    """`env` with this tree's Offload first on the path, also from a git
    worktree: the `offload` script of a shared editable install would import
    the tree it was installed from."""
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(REPO), env.get("PYTHONPATH"))))
    return env


@dataclass
class ChildResult:
    started: float  # time.time() just before the process was started
    stdout: str
    max_rss_mb: float


def run_child(command: list[str], env: dict[str, str], timeout: float = 300) -> ChildResult:
    """Run `command`; its output and its peak memory (from wait4's rusage)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.time()
        process = subprocess.Popen(command, env=env, cwd=REPO, stdout=out, stderr=err)
        killer = threading.Timer(timeout, process.kill)
        killer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            killer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode}:\n{stderr[-3000:]}")
    return ChildResult(started, stdout, usage.ru_maxrss / 1024)


def offload_command(database: Path) -> list[str]:
    """The real entry point: the `offload` script the package installs."""
    script = Path(sys.executable).with_name("offload")
    if script.exists():
        return [str(script), "--db", str(database)]
    return [sys.executable, "-m", "desktop_app", "--db", str(database)]


BARE_COMMAND = [sys.executable, str(REPO / "tools" / "bare_window.py")]


def probe_times(result: ChildResult) -> dict[str, float]:
    """Seconds from process start to each event the probe reported."""
    times = {}
    for line in result.stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == PROBE:
            times[parts[1]] = float(parts[2]) - result.started
    return times


@contextmanager
def xvfb() -> Iterator[str | None]:
    """An Xvfb of our own for the xcb figures (None when Xvfb is not installed)."""
    if shutil.which("Xvfb") is None:
        yield None
        return
    from tools.installer_check import xvfb as installer_xvfb

    with installer_xvfb() as display:
        yield display


# ---------------------------------------------------------------------------
# Databases


def cached_large(bench: Bench, scale: float) -> Path:
    """The large sample at `scale`, written once per generator and schema version."""
    from desktop_app.demo.large import GENERATOR_VERSION
    from desktop_app.models.migrations import LATEST_VERSION

    name = f"large-g{GENERATOR_VERSION}-s{LATEST_VERSION}-x{scale:g}.sqlite3"
    cached = bench.cache / name
    if not cached.exists():
        bench.cache.mkdir(parents=True, exist_ok=True)
        bench.say(f"writing {name} (once; kept in {bench.cache})")
        started = time.perf_counter()
        subprocess.run(
            [*offload_command(cached)[:-2], "generate-sample", str(cached), "--size", "large",
             "--scale", f"{scale:g}"],
            cwd=REPO, check=True, stdout=subprocess.DEVNULL,
            env=with_this_tree({**os.environ}),
        )  # fmt: skip
        bench.say(f"  {time.perf_counter() - started:.1f} s")
    # A copy: opening a database may write to it (and the move bench does).
    copy = bench.work / f"large-x{scale:g}.sqlite3"
    if not copy.exists():
        shutil.copyfile(cached, copy)
    return copy


def prepare_databases(bench: Bench) -> None:
    from desktop_app.demo import write_sample
    from desktop_app.store import open_store

    empty = bench.work / "empty.sqlite3"
    open_store(empty).close()
    bench.databases["empty"] = empty
    bench.databases["demo"] = write_sample(bench.work / "demo.sqlite3", "demo")
    bench.databases["large"] = cached_large(bench, bench.scale)


def scale_label(bench: Bench, factor: float) -> str:
    return f"scale {factor * bench.scale:g}"


# ---------------------------------------------------------------------------
# Start-up


def startup(bench: Bench, database: Path, platform: str) -> tuple[list[dict], list[dict]]:
    """Paired runs of the bare window and of `offload`: their probe times."""
    env = {**child_env(bench, platform), PROBE: "overview"}
    bare_env = {**env, PROBE: "first-paint"}
    if bench.warm_up:
        run_child(BARE_COMMAND, bare_env)
        run_child(offload_command(database), env)
    bare, offload = [], []
    for _ in range(bench.runs):
        result = run_child(BARE_COMMAND, bare_env)
        bare.append({**probe_times(result), "rss": result.max_rss_mb})
        result = run_child(offload_command(database), env)
        offload.append({**probe_times(result), "rss": result.max_rss_mb})
    return bare, offload


def median_of(samples: list[dict], key: str) -> float:
    return statistics.median(sample[key] for sample in samples)


def paired(offload: list[dict], key: str, baseline: list[dict], baseline_key: str = "") -> list:
    """Offload's figure over the baseline's, run by run."""
    return [o[key] / b[baseline_key or key] for o, b in zip(offload, baseline, strict=True)]


def startup_rows(bench: Bench) -> dict[str, tuple[list[dict], list[dict]]]:
    goals = {"empty": 1.5, "demo": 2.0, "large": 2.0}
    by_database = {}
    platforms = (["xcb"] if bench.display else []) + ["offscreen"]
    for platform in platforms:
        for name, database in bench.databases.items():
            bench.say(f"start-up, {name} database, {platform}")
            bare, offload = startup(bench, database, platform)
            if platform == platforms[0]:
                by_database[name] = (bare, offload)
            bench.rows.append(
                Row(
                    f"start-up to first paint ({platform})", name, "bare PySide6 QMainWindow",
                    median_of(bare, "first-paint"), median_of(offload, "first-paint"),
                    f"≤ {goals[name]:g}×" if platform == platforms[0] else "",
                    max_ratio=goals[name] if platform == platforms[0] else None,
                    pairs=paired(offload, "first-paint", bare),
                )
            )  # fmt: skip
            if platform == platforms[0]:
                bench.rows.append(
                    Row(
                        f"start-up to the Overview filled in ({platform})", name,
                        "bare PySide6 QMainWindow", median_of(bare, "first-paint"),
                        median_of(offload, "overview"),
                        pairs=paired(offload, "overview", bare, "first-paint"),
                    )
                )  # fmt: skip
    return by_database


# ---------------------------------------------------------------------------
# First visits, memory


def window_child(bench: Bench, *args: str) -> tuple[dict, float]:
    command = [sys.executable, "-m", "tools.bench_window", *args]
    result = run_child(command, child_env(bench, bench.window_platform))
    return json.loads(result.stdout.strip().splitlines()[-1]), result.max_rss_mb


def first_visit_rows(bench: Bench, bare_rss: float) -> None:
    titles = {
        "time_audit": "Time audit",
        "contractors": "Contractors",
        "briefs": "Briefs",
        "engagements": "Engagements",
    }
    for name, database in bench.databases.items():
        bench.say(f"first visits, {name} database")
        offload: list[dict] = []
        plain: list[dict] = []
        peaks = []
        for _ in range(bench.runs):
            times, peak = window_child(bench, "visits", str(database))
            offload.append(times)
            peaks.append(peak)
            plain.append(window_child(bench, "plain-visits", str(database))[0])
        for key, title in titles.items():
            bench.rows.append(
                Row(
                    f"first visit of {title} (painted)", name, "plain Qt model + sqlite3",
                    median_of(plain, key), median_of(offload, key), "≤ 100 ms", max_value=0.100,
                    pairs=paired(offload, key, plain),
                )
            )  # fmt: skip
        if name == "large":
            bench.rows.append(
                Row(
                    "peak memory, every tab visited", name, "bare PySide6 QMainWindow",
                    bare_rss, statistics.median(peaks), "≤ bare + 80 MB", max_extra=80, unit="MB",
                )
            )  # fmt: skip


# ---------------------------------------------------------------------------
# Keystroke, move


def keystroke_rows(bench: Bench) -> None:
    for name in ("demo", "large"):
        bench.say(f"Time audit search, {name} database")
        result, _ = window_child(bench, "keystroke", str(bench.databases[name]), str(bench.runs))
        bench.rows.append(
            Row(
                "one keystroke in the Time audit search (painted)", name,
                "QSortFilterProxyModel, same rows", result["baseline"], result["offload"],
                "≤ 30 ms", max_value=0.030,
            )
        )  # fmt: skip


def brief_with_expectations(database: Path, count: int) -> int:
    """Add a brief of `count` expectations to `database`; its id."""
    from desktop_app.models.briefs import BriefData, ExpectationData, create_brief
    from desktop_app.store import open_store

    store = open_store(database)
    try:
        expectations = [
            ExpectationData(f"Expectation {n + 1}: {EXPECTATION_TEXTS[n % 4]}", "should", "m")
            for n in range(count)
        ]
        return create_brief(BriefData(title="A thousand expectations", expectations=expectations))
    finally:
        store.close()


def move_rows(bench: Bench) -> None:
    bench.say("moving one of 1,000 expectations, large database")
    database = bench.work / "move.sqlite3"
    shutil.copyfile(bench.databases["large"], database)
    brief_id = brief_with_expectations(database, MOVE_EXPECTATIONS)
    result, _ = window_child(bench, "move", str(database), str(brief_id), str(max(2, bench.runs)))
    bench.rows += [
        Row(
            "moving one of 1,000 expectations (painted)", "large",
            "QStandardItemModel + one sqlite3 UPDATE", result["baseline"], result["offload"],
            "≤ 10 ms", max_value=0.010,
        ),
        Row(
            "then the longest freeze as the brief list catches up", "large", "", None,
            result["freeze"], "no freeze (≤ 50 ms)", max_value=0.050,
        ),
    ]  # fmt: skip


# ---------------------------------------------------------------------------
# PDF


EXPECTATION_TEXTS = (
    "Reply to every customer e-mail within one working day, in the shop's friendly tone, "
    "and escalate refunds over fifty dollars to the owner with the order number.",
    "Reconcile the bank, PayPal and Stripe accounts by the fifth of each month so that "
    "Xero shows no unreconciled lines and every receipt is attached.",
    "Schedule fifteen pins a week, two weeks ahead, from the product photos in the shared "
    "folder, using the brand colours and fonts of the style guide.",
    "Send a weekly note on Fridays: what was done, what is next, and any blocker that "
    "needs a decision from the owner, in five lines or fewer.",
)


def timed_pairs(offload: Callable[[], object], baseline: Callable[[], object], runs: int) -> Row:
    """Both functions, alternately, after one warm-up call each (fonts, caches)."""
    offload()
    baseline()
    times: list[tuple[float, float]] = []
    for _ in range(runs):
        started = time.perf_counter()
        baseline()
        middle = time.perf_counter()
        offload()
        times.append((middle - started, time.perf_counter() - middle))
    return Row(
        "", "", "", statistics.median(b for b, _ in times), statistics.median(o for _, o in times),
        pairs=[o / b for b, o in times],
    )  # fmt: skip


def pdf_rows(bench: Bench) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from desktop_app.models.briefs import BriefData, ExpectationData
    from desktop_app.models.settings import Settings
    from desktop_app.pdf.brief import write_brief_pdf
    from desktop_app.pdf.common import FONT, MARGIN, register_fonts, text

    bench.say("PDF of a 200-expectation brief")
    levels = ("must", "should", "nice")
    expectations = [
        ExpectationData(EXPECTATION_TEXTS[n % 4], levels[n % 3], f"Checked weekly, item {n + 1}")
        for n in range(PDF_EXPECTATIONS)
    ]
    data = BriefData(title="Customer support inbox", expectations=expectations)
    out = bench.work / "brief.pdf"

    def offload() -> None:
        write_brief_pdf(data, out, settings=Settings())

    def plain() -> None:
        register_fonts()
        body = ParagraphStyle("Body", fontName=FONT, fontSize=9.5, leading=13)
        story = [Paragraph(text(data.title), ParagraphStyle("Title", fontName=FONT, fontSize=18))]
        for number, expectation in enumerate(expectations, start=1):
            level = expectation.level.upper()
            story.append(Paragraph(f"{number}. {level} {text(expectation.text)}", body))
            story.append(Paragraph(f"<b>Measured by:</b> {text(expectation.measure)}", body))
        SimpleDocTemplate(
            str(out), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
            topMargin=MARGIN, bottomMargin=MARGIN,
        ).build(story)  # fmt: skip

    row = timed_pairs(offload, plain, max(3, bench.runs) if bench.warm_up else bench.runs)
    row.what, row.database = "PDF of a 200-expectation brief", "-"
    row.baseline_name = "plain ReportLab, same paragraphs and font"
    row.goal, row.max_ratio = "≤ 1.5×", 1.5
    bench.rows.append(row)


# ---------------------------------------------------------------------------
# Import: tools/import_bench.py's CSV, its Offload import (read, preview, one
# transaction, as `offload import-time`) and its csv + executemany baseline.


def import_pair(bench: Bench, rows: int, runs: int) -> tuple[float, float, list[float]]:
    from tools.import_bench import time_baseline, time_offload_import, write_toggl_csv

    csv_path = write_toggl_csv(bench.work / f"toggl-{rows}.csv", rows)
    offload, plain = [], []
    for _ in range(runs):
        plain.append(time_baseline(csv_path, bench.work))
        offload.append(time_offload_import(csv_path, bench.work))
    pairs = [o / p for o, p in zip(offload, plain, strict=True)]
    return statistics.median(plain), statistics.median(offload), pairs


def import_rows(bench: Bench) -> dict[float, tuple[float, float, list[float]]]:
    rows = max(10, round(IMPORT_ROWS * bench.scale))
    bench.say(f"importing a {rows:,}-row Toggl CSV")
    baseline, value, pairs = import_pair(bench, rows, bench.runs)
    bench.rows.append(
        Row(
            f"importing a {rows:,}-row Toggl CSV", "empty", "csv + executemany", baseline, value,
            "≤ 3 s and ≤ 4×", max_ratio=4, max_value=3 * bench.scale, pairs=pairs,
        )
    )  # fmt: skip
    return {1.0: (baseline, value, pairs)}


# ---------------------------------------------------------------------------
# Opening


def opening_rows(bench: Bench) -> None:
    """What opening the large database costs, beside reading its schema version:
    SQLite's quick_check (run at every opening), the whole `open_store`, and
    the day's backup (an online backup and a check of the copy)."""
    from desktop_app.backup import backup_database
    from desktop_app.database_file import connect_read_only, quick_check_problem
    from desktop_app.store import open_store

    bench.say("opening the large database")
    large = bench.databases["large"]
    runs = max(3, bench.runs) if bench.warm_up else bench.runs

    def version() -> None:
        connection = connect_read_only(large)
        connection.execute("PRAGMA user_version").fetchone()
        connection.close()

    def quick_check() -> None:
        connection = connect_read_only(large)
        assert quick_check_problem(connection) is None
        connection.close()

    def backup() -> None:
        backup_database(large, bench.work / "copy.sqlite3", replace=True)

    for what, function in (
        ("opening: PRAGMA quick_check", quick_check),
        ("opening: open_store (look, quick_check, lock, migrate, bind)",
         lambda: open_store(large).close()),
        ("opening: the day's backup (online backup, then quick_check of the copy)", backup),
    ):  # fmt: skip
        row = timed_pairs(function, version, runs)
        row.what, row.database, row.baseline_name = what, "large", "read the schema version"
        bench.rows.append(row)


# ---------------------------------------------------------------------------
# Growth


def growth_rows(
    bench: Bench, startups: dict[str, tuple[list[dict], list[dict]]], imports: dict
) -> None:
    platform = "xcb" if bench.display else "offscreen"
    for factor in GROWTH:
        label = scale_label(bench, factor)
        if factor == 1.0 and "large" in startups:
            bare, offload = startups["large"]
        else:
            bench.say(f"growth: start-up at {label}")
            bare, offload = startup(bench, cached_large(bench, factor * bench.scale), platform)
        first = median_of(offload, "first-paint")
        load = statistics.median(s["overview"] - s["first-paint"] for s in offload)
        bench.rows.append(
            Row(f"growth: start-up to first paint ({platform})", label,
                "bare PySide6 QMainWindow", median_of(bare, "first-paint"), first,
                pairs=paired(offload, "first-paint", bare))
        )  # fmt: skip
        bench.rows.append(Row("growth: the Overview's load, first paint to filled", label, "",
                              None, load))  # fmt: skip
    for factor in GROWTH:
        label = scale_label(bench, factor)
        rows = max(10, round(IMPORT_ROWS * bench.scale * factor))
        if factor in imports:
            baseline, value, pairs = imports[factor]
        else:
            bench.say(f"growth: importing {rows:,} rows")
            baseline, value, pairs = import_pair(bench, rows, min(bench.runs, 3))
        bench.rows.append(
            Row(f"growth: importing a {rows:,}-row Toggl CSV", label, "csv + executemany",
                baseline, value, pairs=pairs)
        )  # fmt: skip


# ---------------------------------------------------------------------------
# The table


def amount(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def table(rows: list[Row]) -> str:
    lines = [
        "| what | database | baseline | Offload | ratio | goal | met |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        baseline = f"{amount(row.baseline, row.unit)} ({row.baseline_name})" if row.baseline_name \
            else ""  # fmt: skip
        if row.unit == "MB" and row.baseline is not None and row.value is not None:
            ratio = f"bare + {row.value - row.baseline:.0f} MB"
        else:
            ratio = f"{row.ratio:.2f}×" if row.ratio is not None else ""
        lines.append(
            f"| {row.what} | {row.database} | {baseline} | {amount(row.value, row.unit)} "
            f"| {ratio} | {row.goal} | {row.met} |"
        )
    return "\n".join(lines)


def machine() -> str:
    import platform

    from PySide6 import __version__ as pyside

    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{cpu}, {os.cpu_count()} cores (load {load} at the end), {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}, PySide6 {pyside}"
    )


def compile_sources() -> None:
    """Byte-compile Offload's modules, as installing it does (pip, the
    installer): with PYTHONDONTWRITEBYTECODE set, as on shared build
    machines, each start-up would otherwise compile every module it
    imports again, which no installed Offload does and the bare window,
    whose PySide6 is compiled, never pays."""
    import compileall

    for folder in ("desktop_app", "tools"):
        compileall.compile_dir(REPO / folder, quiet=1)


# The groups of rows, in the table's order, for --only.
GROUPS = ("startup", "visits", "keystroke", "move", "pdf", "import", "opening", "growth")


def run(bench: Bench, only: tuple[str, ...] = GROUPS) -> list[Row]:
    compile_sources()
    prepare_databases(bench)
    startups = startup_rows(bench) if "startup" in only else {}
    if "visits" in only:
        # Without the start-up rows the memory row has no bare window to compare with.
        if startups:
            bare_rss = statistics.median(s["rss"] for s in startups["large"][0])
        else:
            bare_env = {**child_env(bench, bench.window_platform), PROBE: "first-paint"}
            bare_rss = statistics.median(
                run_child(BARE_COMMAND, bare_env).max_rss_mb for _ in range(bench.runs)
            )
        first_visit_rows(bench, bare_rss)
    if "keystroke" in only:
        keystroke_rows(bench)
    if "move" in only:
        move_rows(bench)
    if "pdf" in only:
        pdf_rows(bench)
    imports = import_rows(bench) if "import" in only else {}
    if "opening" in only:
        opening_rows(bench)
    if "growth" in only:
        growth_rows(bench, startups, imports)
    return bench.rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per figure (median)")
    parser.add_argument("--scale", type=float, default=1.0, help="size of the large database")
    parser.add_argument("--cache", type=Path, default=REPO / ".bench-cache")
    parser.add_argument("--no-warm-up", action="store_true", help="skip the unmeasured runs")
    parser.add_argument(
        "--only",
        action="append",
        choices=GROUPS,
        help="measure only these rows (repeatable; default: all of them)",
    )
    parser.add_argument(
        "--postgres", default=os.environ.get("OFFLOAD_BENCH_POSTGRES_URL", ""), metavar="URL",
        help="also time a PostgreSQL server's copies (tools/bench_postgres.py)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="offload-bench-") as folder, xvfb() as display:
        bench = Bench(args.runs, args.scale, args.cache, Path(folder), display, not args.no_warm_up)
        if display is None:
            bench.say("Xvfb not found: start-up is timed offscreen only")
        rows = run(bench, tuple(args.only or GROUPS))
        if args.postgres:
            from tools.bench_postgres import postgres_rows

            postgres_rows(bench, args.postgres)
    print(table(rows))
    print()
    print(f"Medians of {args.runs} runs, large database at scale {args.scale:g}; {machine()}; "
          f"the benchmark took {time.perf_counter() - started:.0f} s.")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
