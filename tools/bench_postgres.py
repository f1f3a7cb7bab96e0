"""`make bench`'s rows on PostgreSQL: the same databases copied onto a server.

    python -m tools.bench --postgres postgresql://user@host:5432/postgres

With a server named (--postgres, or OFFLOAD_BENCH_POSTGRES_URL), the empty,
demo and large databases of the run are copied onto it (`offload
copy-workspace`, one new database each, dropped at the end), and start-up,
the first visit of each tab and the time import are timed there, each
beside the same figure on SQLite in the same run (the ratio is PostgreSQL
over SQLite, run by run). The server's user must be allowed to create
databases.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tools.bench import (
    IMPORT_ROWS,
    PROBE,
    Bench,
    Row,
    child_env,
    median_of,
    paired,
    probe_times,
    run_child,
    window_child,
)

ENGINE = "PostgreSQL"
TITLES = {
    "time_audit": "Time audit",
    "contractors": "Contractors",
    "briefs": "Briefs",
    "engagements": "Engagements",
}


@contextmanager
def databases_on(server: str) -> Iterator[list[str]]:
    """A list to make databases' URLs into (`new_database`); dropped after."""
    made: list[str] = []
    try:
        yield made
    finally:
        import psycopg

        with psycopg.connect(server, autocommit=True) as admin:
            for url in made:
                admin.execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def new_database(server: str, made: list[str], name: str) -> str:
    import psycopg

    database = f"offload_bench_{os.getpid()}_{len(made)}_{name}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{database}"')
    url = f"{server.rsplit('/', 1)[0]}/{database}"
    made.append(url)
    return url


def copied_onto(bench: Bench, server: str, made: list[str], name: str) -> str:
    """The run's `name` database copied into a new database on the server."""
    url = new_database(server, made, name)
    # This checkout's code (an installed `offload` script may be another's).
    command = [sys.executable, "-m", "desktop_app", "copy-workspace"]
    subprocess.run(
        [*command, str(bench.databases[name]), url],
        cwd=Path(__file__).resolve().parent.parent,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return url


def postgres_rows(bench: Bench, server: str) -> None:
    """Start-up, first visits and the import on PostgreSQL, beside SQLite."""
    platform = bench.window_platform
    with databases_on(server) as made:
        for name in bench.databases:
            bench.say(f"PostgreSQL: copying the {name} database onto the server")
            url = copied_onto(bench, server, made, name)
            where = f"{name} ({ENGINE})"
            bench.say(f"PostgreSQL: start-up, {name} database, {platform}")
            on_sqlite, on_server = _startups(bench, str(bench.databases[name]), url, platform)
            for key, what in (
                ("first-paint", f"start-up to first paint ({platform})"),
                ("overview", f"start-up to the Overview filled in ({platform})"),
            ):
                bench.rows.append(
                    Row(
                        what, where, "Offload on SQLite", median_of(on_sqlite, key),
                        median_of(on_server, key), pairs=paired(on_server, key, on_sqlite),
                    )
                )  # fmt: skip
            bench.say(f"PostgreSQL: first visits, {name} database")
            sqlite_visits, server_visits = [], []
            for _ in range(bench.runs):
                sqlite_visits.append(window_child(bench, "visits", str(bench.databases[name]))[0])
                server_visits.append(window_child(bench, "visits", url)[0])
            for key, title in TITLES.items():
                bench.rows.append(
                    Row(
                        f"first visit of {title} (painted)", where, "Offload on SQLite",
                        median_of(sqlite_visits, key), median_of(server_visits, key),
                        pairs=paired(server_visits, key, sqlite_visits),
                    )
                )  # fmt: skip
        import_row(bench, server, made)


def _startups(
    bench: Bench, sqlite: str, server: str, platform: str
) -> tuple[list[dict], list[dict]]:
    """Paired start-ups of this checkout's `offload --db` on the file and on
    the workspace (as `bench.startup`, whose installed `offload` script may
    run another checkout's code): their probe times."""
    env = {**child_env(bench, platform), PROBE: "overview"}

    def command(database: str) -> list[str]:
        return [sys.executable, "-m", "desktop_app", "--db", database]

    if bench.warm_up:
        run_child(command(sqlite), env)
        run_child(command(server), env)
    on_sqlite, on_server = [], []
    for _ in range(bench.runs):
        on_sqlite.append(probe_times(run_child(command(sqlite), env)))
        on_server.append(probe_times(run_child(command(server), env)))
    return on_sqlite, on_server


def import_row(bench: Bench, server: str, made: list[str]) -> None:
    """The Toggl import of `make bench`, into a new workspace each run."""
    from tools.import_bench import time_import_into, time_offload_import, write_toggl_csv

    rows = max(10, round(IMPORT_ROWS * bench.scale))
    bench.say(f"PostgreSQL: importing a {rows:,}-row Toggl CSV")
    csv_path = write_toggl_csv(bench.work / f"toggl-pg-{rows}.csv", rows)
    on_sqlite, on_server = [], []
    for run in range(bench.runs):
        on_sqlite.append(time_offload_import(csv_path, bench.work))
        on_server.append(time_import_into(csv_path, new_database(server, made, f"import{run}")))
    bench.rows.append(
        Row(
            f"importing a {rows:,}-row Toggl CSV", f"empty ({ENGINE})", "Offload on SQLite",
            statistics.median(on_sqlite), statistics.median(on_server),
            pairs=[s / q for s, q in zip(on_server, on_sqlite, strict=True)],
        )
    )  # fmt: skip
