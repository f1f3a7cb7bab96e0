"""The work tests/test_kill.py kills at random moments, in a process of its own.

    python tests/kill_child.py import DB FILE.csv
    python tests/kill_child.py reorder DB BRIEF_ID MOVES SEED

Both open DB the way every entry point does (`open_store`: lock, migrate,
bind), print "writing" once the writes are about to start, do the work as
the window does (the import: read the file, then `import_time_entries` in
one transaction; the reorders: one `move_expectation` per move, each its
own transaction), and print "done" at the end. The parent sends SIGKILL
somewhere in between.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def run_import(db_path: Path, csv_path: Path) -> None:
    from desktop_app.importers.time_tracking import DateOrder, TaskNameFrom, preview_file
    from desktop_app.models.tasks import import_time_entries
    from desktop_app.store import open_store

    store = open_store(db_path)
    preview = preview_file(csv_path, TaskNameFrom.AUTO, DateOrder.AUTO)
    print("writing", flush=True)
    import_time_entries(preview.entries)
    print("done", flush=True)
    store.close()


def run_reorders(db_path: Path, brief_id: int, moves: int, seed: int) -> None:
    from desktop_app.models.briefs import expectations_of, move_expectation
    from desktop_app.store import open_store

    store = open_store(db_path)
    ids = [row.id for row in expectations_of(brief_id)]
    chance = random.Random(seed)
    print("writing", flush=True)
    for _ in range(moves):
        move_expectation(chance.choice(ids), chance.randrange(len(ids)))
    print("done", flush=True)
    store.close()


if __name__ == "__main__":
    mode, database, *rest = sys.argv[1:]
    if mode == "import":
        run_import(Path(database), Path(rest[0]))
    else:
        run_reorders(Path(database), int(rest[0]), int(rest[1]), int(rest[2]))
