"""A SIGKILL at any moment leaves the database whole, and each edit all or nothing.

Child processes (tests/kill_child.py) import a 10,000-row time-tracker
export, or move expectations as fast as they can, and are killed at random
moments once their writes have begun. After every kill the file passes
SQLite's integrity check, the import is all there or not there at all,
the expectations are all there with distinct order keys, and the file
opens again the way the window opens it (the dead process's lock is stale).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop_app.models.briefs import BriefData, ExpectationData, create_brief
from desktop_app.store import open_store
from tests.conftest import REPO
from tests.test_time_tracking_import import TOGGL_HEADER

pytestmark = pytest.mark.slow

CHILD = REPO / "tests" / "kill_child.py"
ROWS = 10_000
TASKS = 40
EXPECTATIONS = 30
KILLS_DURING_IMPORT = 16
KILLS_DURING_REORDERS = 15


def _export(path: Path) -> Path:
    """A Toggl Track detailed report of ROWS entries on TASKS tasks."""
    start = datetime(2024, 1, 1, 8, 0)
    lines = [TOGGL_HEADER]
    for number in range(ROWS):
        begin = start + timedelta(minutes=50 * number)
        end = begin + timedelta(minutes=30)
        lines.append(
            f"Maya,maya@example.com,,Finance,,Task {number % TASKS},No,"
            f"{begin:%m/%d/%Y},{begin:%I:%M:%S %p},{end:%m/%d/%Y},{end:%I:%M:%S %p},00:30:00,,"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _start(*args: str) -> subprocess.Popen:
    child = subprocess.Popen(
        [sys.executable, str(CHILD), *args],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "writing"
    return child


def _kill_after(child: subprocess.Popen, seconds: float) -> bool:
    """SIGKILL `child` `seconds` after its writes began; True when it was still
    working (False: it had finished first)."""
    # The random moment itself, not a wait for something to happen.
    time.sleep(seconds)
    if child.poll() is None:
        child.send_signal(signal.SIGKILL)
    child.wait()
    if child.stdout is not None:
        child.stdout.close()
    return child.returncode == -signal.SIGKILL


def _query(db: Path, sql: str) -> list[tuple]:
    connection = sqlite3.connect(db)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def _check_whole(db: Path) -> None:
    assert _query(db, "PRAGMA integrity_check") == [("ok",)]
    assert _query(db, "PRAGMA foreign_key_check") == []
    open_store(db).close()  # the lock the dead process held is stale: it opens


@pytest.fixture
def closed_database(store):
    """A migrated, empty database, closed so children can open it."""
    path = store.path
    store.close()
    return path


def test_killing_a_10000_row_import_leaves_all_or_nothing(closed_database, tmp_path):
    export = _export(tmp_path / "toggl.csv")
    chance = random.Random(10)
    # One run to the end: what "all" is, and how long the writing takes.
    whole = tmp_path / "whole.sqlite3"
    shutil.copy(closed_database, whole)
    child = _start("import", str(whole), str(export))
    began = time.perf_counter()
    assert child.communicate()[0].strip() == "done"
    writing = time.perf_counter() - began
    assert _query(whole, "SELECT COUNT(*) FROM time_entry") == [(ROWS,)]

    outcomes = {"nothing": 0, "all": 0}
    kills = attempts = 0
    while kills < KILLS_DURING_IMPORT:
        attempts += 1
        assert attempts < KILLS_DURING_IMPORT * 3, "the import finished before every kill"
        db = tmp_path / f"killed-{attempts}.sqlite3"
        shutil.copy(closed_database, db)
        child = _start("import", str(db), str(export))
        if not _kill_after(child, chance.uniform(0, 1.05 * writing)):  # the commit too
            continue
        kills += 1
        _check_whole(db)
        entries = _query(db, "SELECT COUNT(*) FROM time_entry")[0][0]
        tasks = _query(db, "SELECT COUNT(*) FROM task")[0][0]
        assert (entries, tasks) in ((0, 0), (ROWS, TASKS)), (entries, tasks)
        outcomes["nothing" if entries == 0 else "all"] += 1
    print(f"import: {kills} kills in {writing:.2f} s of writing, outcomes {outcomes}")


def test_killing_a_burst_of_reorders_loses_no_expectation(closed_database):
    open_store(closed_database)
    brief_id = create_brief(
        BriefData(
            title="Monthly bookkeeping",
            expectations=[ExpectationData(f"Expectation {n}") for n in range(EXPECTATIONS)],
        )
    )
    from desktop_app.models.base import unbind_database

    unbind_database()
    chance = random.Random(20)
    ids = sorted(row[0] for row in _query(closed_database, "SELECT id FROM expectation"))
    moved = 0
    for kill in range(KILLS_DURING_REORDERS):
        # Far more moves than it can make before the kill.
        child = _start("reorder", str(closed_database), str(brief_id), "1000000", str(kill))
        assert _kill_after(child, chance.uniform(0.0, 0.5))
        _check_whole(closed_database)
        rows = _query(
            closed_database,
            f"SELECT id, position FROM expectation WHERE brief_id = {brief_id} "
            "ORDER BY position, id",
        )
        assert sorted(row_id for row_id, _ in rows) == ids
        assert len({position for _, position in rows}) == EXPECTATIONS  # no two share a place
        order = [row_id for row_id, _ in rows]
        moved += order != ids
    print(f"reorders: {KILLS_DURING_REORDERS} kills; the order had changed after {moved}")
