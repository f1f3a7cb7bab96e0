"""Timing and peak memory of the time import, against a plain baseline.

python -m tools.import_bench [--rows 20000] [--runs 3]
    a Toggl Track CSV of --rows rows imported the way `offload import-time`
    does it (read, preview, one transaction), against csv + executemany
    into the same tables; medians of --runs runs.
python -m tools.import_bench --memory-mb 50
    the peak memory (RSS) of `offload import-time` on a CSV of that size.
"""

from __future__ import annotations

import argparse
import csv
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HEADER = (
    "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,"
    "End date,End time,Duration,Tags,Amount (USD)"
)
PROJECTS = ("Support", "Marketing", "Finance", "Content", "Operations")


def write_toggl_csv(path: Path, rows: int) -> Path:
    """A Toggl Track detailed report of `rows` entries, about 100 a day from
    2014 on (40 tasks; no day passes 24 hours)."""
    first = date(2014, 1, 1)
    days = max(1, rows // 100)
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(HEADER.split(","))
        for n in range(rows):
            day = first + timedelta(days=n % days)
            minutes = 5 + n % 20
            start = (n // days % 100) * 14
            writer.writerow([
                "Maya", "maya@example.com", "Shop", PROJECTS[n % 5], "",
                f"Task {n % 40} for the {PROJECTS[n % 5].lower()} side", "No",
                day.isoformat(), f"{start // 60:02d}:{start % 60:02d}:00",
                day.isoformat(), f"{(start + minutes) // 60:02d}:{(start + minutes) % 60:02d}:00",
                f"00:{minutes:02d}:00", "", "",
            ])  # fmt: skip
    return path


def time_offload_import(csv_path: Path, folder: Path) -> float:
    """Seconds for read + preview + import, as `offload import-time` runs them."""
    return time_import_into(csv_path, folder / f"offload-{time.monotonic_ns()}.sqlite3")


def time_import_into(csv_path: Path, location: Path | str) -> float:
    """Seconds for read + preview + import into the database at `location`
    (a new file, or a team workspace's URL)."""
    from desktop_app.importers.time_tracking import preview_file
    from desktop_app.models.tasks import import_time_entries
    from desktop_app.store import open_store

    store = open_store(location)
    try:
        began = time.perf_counter()
        preview = preview_file(csv_path)
        import_time_entries(preview.entries)
        return time.perf_counter() - began
    finally:
        store.close()


def time_baseline(csv_path: Path, folder: Path) -> float:
    """Seconds for csv.reader + executemany into the same tables (no checks, no preview)."""
    from desktop_app.store import open_store

    db = folder / f"baseline-{time.monotonic_ns()}.sqlite3"
    open_store(db).close()  # the same schema, empty
    connection = sqlite3.connect(db)
    try:
        began = time.perf_counter()
        with csv_path.open(encoding="utf-8", newline="") as stream:
            reader = csv.reader(stream)
            next(reader)
            tasks: dict[str, int] = {}
            rows = []
            for cells in reader:
                name = cells[5]
                if name not in tasks:
                    cursor = connection.execute(
                        "INSERT INTO task (name, name_key, area, need, owner_has_expertise, "
                        "dislike, pull_away, business_value, status, notes, created_at, "
                        "updated_at, row_version, changed_by) VALUES (?, ?, 'other', "
                        "'repetitive', 0, 3, 3, 3, 'open', '', datetime('now'), "
                        "datetime('now'), 1, '')",
                        (name, name.casefold()),
                    )
                    tasks[name] = cursor.lastrowid
                hours, minutes, seconds = (int(part) for part in cells[11].split(":"))
                rows.append((tasks[name], cells[7], hours * 60 + minutes + seconds // 60, ""))
            connection.executemany(
                "INSERT INTO time_entry (task_id, date, minutes, note, created_at) "
                "VALUES (?, ?, ?, ?, datetime('now'))",
                rows,
            )
        connection.commit()
        return time.perf_counter() - began
    finally:
        connection.close()


def peak_memory_of_cli_import(size_mb: int, folder: Path) -> tuple[int, float, str]:
    """(peak RSS in MiB, seconds, the command) of `offload import-time` on a CSV of `size_mb`."""
    csv_path = folder / f"toggl-{size_mb}mb.csv"
    rows = size_mb * 1024 * 1024 // 125  # a row of this report is about 125 bytes
    write_toggl_csv(csv_path, rows)
    while csv_path.stat().st_size > size_mb * 1024 * 1024:
        rows -= rows // 100
        write_toggl_csv(csv_path, rows)
    command = [
        sys.executable, "-m", "desktop_app", "import-time",
        "--db", str(folder / "memory.sqlite3"), str(csv_path),
    ]  # fmt: skip
    began = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    seconds = time.perf_counter() - began
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    shown = " ".join(command[1:]).replace(str(folder), "$TMP")
    size = csv_path.stat().st_size / 1e6
    return peak_kib // 1024, seconds, f"{size:.1f} MB, {rows:,} rows: {shown}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--memory-mb", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        if args.memory_mb:
            peak, seconds, what = peak_memory_of_cli_import(args.memory_mb, folder)
            print(f"peak RSS {peak} MiB, {seconds:.1f} s — {what}")
            return 0
        csv_path = write_toggl_csv(folder / "toggl.csv", args.rows)
        offload = [time_offload_import(csv_path, folder) for _ in range(args.runs)]
        baseline = [time_baseline(csv_path, folder) for _ in range(args.runs)]
        ours, base = statistics.median(offload), statistics.median(baseline)
        print(f"{args.rows:,}-row Toggl CSV ({csv_path.stat().st_size / 1e6:.1f} MB), "
              f"median of {args.runs}:")  # fmt: skip
        print(f"  offload import (read, preview, one transaction): {ours:.2f} s")
        print(f"  csv + executemany baseline:                      {base:.2f} s")
        print(f"  ratio: {ours / base:.1f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
