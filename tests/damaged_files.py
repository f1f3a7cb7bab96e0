"""Real damaged and unusual database files, made from a sound Offload database,
and a way to run Offload as a user that root's powers do not cover.

    python -m tests.damaged_files

prints the table of what each entry point does with each kind of file
(the one in the issue note), by running them for real.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NOBODY = 65534
PAGE = 4096


def truncated(source: Path, folder: Path) -> Path:
    """The last 1,000 bytes cut off, as a full disk or a killed copy leaves it."""
    path = _copy(source, folder / "truncated.sqlite3")
    os.truncate(path, path.stat().st_size - 1000)
    return path


def overwritten_page(source: Path, folder: Path) -> Path:
    """One page overwritten with noise, as a bad sector leaves it: the first
    page of the tasks table, which the window reads as it opens."""
    path = _copy(source, folder / "overwritten.sqlite3")
    connection = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        (page,) = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'task'"
        ).fetchone()
    finally:
        connection.close()
    with path.open("r+b") as stream:
        stream.seek(PAGE * (page - 1))
        stream.write(random.Random(5).randbytes(PAGE))
    return path


def zero_length(_source: Path, folder: Path) -> Path:
    path = folder / "empty.sqlite3"
    path.write_bytes(b"")
    return path


def foreign_sqlite(_source: Path, folder: Path) -> Path:
    """Another program's database: tables, user_version 0, none of Offload's."""
    path = folder / "notes.db"
    connection = sqlite3.connect(path)
    connection.executescript(
        "CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT);"
        "CREATE TABLE tag (note_id INTEGER, name TEXT);"
        "INSERT INTO note (text) VALUES ('shopping list'), ('ideas');"
    )
    connection.commit()
    connection.close()
    return path


def not_sqlite(_source: Path, folder: Path) -> Path:
    path = folder / "contacts.sqlite3"
    path.write_text("Name,E-mail\nAna Souza,ana@example.com\n" * 50, encoding="utf-8")
    return path


def newer_schema(source: Path, folder: Path) -> Path:
    """An Offload database a later version wrote (its schema is beyond this one's)."""
    from desktop_app.models.migrations import LATEST_VERSION

    path = _copy(source, folder / "newer.sqlite3")
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    connection.commit()
    connection.close()
    return path


def read_only(source: Path, folder: Path) -> Path:
    """A read-only file in a read-only folder (run Offload with `as_other_user`:
    root writes whatever the modes say)."""
    inner = folder / "read-only"
    inner.mkdir()
    path = _copy(source, inner / "offload.sqlite3")
    path.chmod(0o444)
    inner.chmod(0o555)
    return path


def fifo(_source: Path, folder: Path) -> Path:
    path = folder / "pipe.sqlite3"
    os.mkfifo(path)
    return path


def directory(_source: Path, folder: Path) -> Path:
    path = folder / "folder.sqlite3"
    path.mkdir()
    return path


def hard_link(source: Path, folder: Path) -> Path:
    """A database with a second name: the second name is what Offload is given."""
    first = _copy(source, folder / "linked.sqlite3")
    second = folder / "linked-too.sqlite3"
    os.link(first, second)
    return second


KINDS: dict[str, Callable[[Path, Path], Path]] = {
    "truncated by 1,000 bytes": truncated,
    "one page overwritten": overwritten_page,
    "zero-length": zero_length,
    "another program's SQLite": foreign_sqlite,
    "not SQLite (a CSV)": not_sqlite,
    "newer schema": newer_schema,
    "read-only file and folder": read_only,
    "FIFO": fifo,
    "directory": directory,
    "hard link": hard_link,
}


def _copy(source: Path, destination: Path) -> Path:
    shutil.copyfile(source, destination)
    destination.chmod(0o600)
    return destination


def fingerprint(path: Path) -> object:
    """What must not change: the bytes of a file, or the kind of anything else."""
    if path.is_file():
        return path.read_bytes()
    if path.is_dir():
        return sorted(p.name for p in path.iterdir())
    return path.stat().st_mode if path.exists() else None


# Running as another user --------------------------------------------------------


@contextlib.contextmanager
def shared_folder() -> Iterator[Path]:
    """A folder another user can reach (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="offload-shared-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in [folder, *folder.rglob("*")]:
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


def not_measured(environment: dict[str, str]) -> dict[str, str]:
    """`environment` without coverage's request to measure the child: another
    user cannot write `make test`'s coverage data into the checkout."""
    return {
        name: value
        for name, value in environment.items()
        if name not in ("COVERAGE_PROCESS_CONFIG", "COVERAGE_PROCESS_START")
    }


def other_user_environment(folder: Path) -> dict[str, str]:
    """HOME, XDG folders and Qt's runtime folder, owned by the user the command runs as."""
    home = folder / "home"
    runtime = folder / "runtime"
    for path, mode in ((home, 0o755), (runtime, 0o700)):
        path.mkdir(exist_ok=True)
        path.chmod(mode)
        if os.geteuid() == 0:
            os.chown(path, NOBODY, NOBODY)
    return {
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "share"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_RUNTIME_DIR": str(runtime),
        "QT_QPA_PLATFORM": "offscreen",
    }


def as_other_user(command: list[str]) -> list[str]:
    """`command` run as `nobody` when we are root (for whom file modes mean
    nothing), as it is otherwise."""
    if os.geteuid() != 0:
        return command
    return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *command]


def offload_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "desktop_app", *args]


def run_as_other_user(
    folder: Path, *args: str, timeout: int = 60
) -> subprocess.CompletedProcess[str]:
    environment = not_measured({**os.environ, **other_user_environment(folder)})
    return subprocess.run(
        as_other_user(offload_command(*args)),
        capture_output=True,
        text=True,
        timeout=timeout,
        env=environment,
        cwd=REPO,
        check=False,
    )


# The table of the issue note ------------------------------------------------------------

SHORT = (
    ("DAMAGED", "damaged (integrity check findings)"),
    ("is damaged", "refused: damaged"),
    ("empty, not an Offload", "empty, not an Offload database"),
    ("from a newer Offload", "refused: from a newer Offload"),
    ("another program's SQLite", "refused: another program's database"),
    ("not an SQLite file", "refused: not SQLite"),
    ("newer version of Offload", "refused: from a newer Offload"),
    ("named pipe", "refused at once: a FIFO"),
    ("is a folder", "refused: a folder"),
    ("names (hard links)", "refused: two names (hard links)"),
    ("is empty", "refused: empty"),
    ("cannot be written", "refused: read-only"),
    ("read-only", "refused: read-only"),
    ("must be upgraded", "refused: needs an upgrade"),
)


def _short(text: str) -> str:
    return next((short for words, short in SHORT if words in text), text.strip()[:60])


def _window_open(path: Path) -> str:
    """What `offload --db PATH` shows first (run in a child process)."""
    from desktop_app.store import DatabaseDamaged, StoreError, open_store

    empty = path.is_file() and path.stat().st_size == 0
    try:
        store = open_store(path)
    except DatabaseDamaged:
        return "offers the newest good backup, or a read-only look"
    except StoreError as error:
        return f"“cannot start” box: {_short(str(error)).removeprefix('refused: ')}"
    state = f"opens read-only, banner: {store.read_only_reason}" if store.read_only else "opens"
    store.close()
    if empty:
        state += " as a new, empty database"
    return state


def _cell(kind: str, entry: str, args: list[str], folder: Path, db: Path) -> str:
    before = fingerprint(db)
    if entry == "window open":
        command = [sys.executable, "-m", "tests.damaged_files", "--window-open", str(db)]
    else:
        command = offload_command(*args)
    environment = {**os.environ, **other_user_environment(folder)}
    if kind.startswith("read-only"):
        command = as_other_user(command)
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=30, env=environment, cwd=REPO,
            check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return "HANGS"
    text = (result.stdout + result.stderr).strip()
    if entry == "window open":
        outcome = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else text
    elif result.returncode == 0:
        outcome = "exit 0: " + {
            "check": "healthy" + (" (newer schema)" if "newer" in text else ""),
            "backup": "checked copy written",
            "restore (list)": "lists the backups",
            "restore over it": "restored (the file is kept in backups/)",
            "import-time --dry-run": "preview printed",
            "import-time": "imported into a new database",
            "import-contractors": "imported into a new database",
        }.get(entry, "done")
    else:
        outcome = f"exit {result.returncode}, {_short(text)}"
    unchanged = fingerprint(db) == before
    expected_change = any(words in outcome for words in ("restored", "new", "exit 0: imported"))
    return outcome + ("" if unchanged or expected_change else " — FILE CHANGED")


def damage_table() -> str:
    """Run every entry point on every kind of file; the note's Markdown table."""
    from desktop_app.demo import create_demo_database

    rows = []
    with shared_folder() as folder:
        folder.chmod(0o777)  # the other user writes its outputs here
        sound = create_demo_database(folder / "sound")
        time_report = folder / "toggl.csv"
        time_report.write_text(
            "Client,Project,Task,Description,Start date,Start time,Duration\n"
            ",Admin,,Invoices,2025-01-06,09:00:00,01:00:00\n",
            encoding="utf-8",
        )
        contacts = folder / "contacts.csv"
        contacts.write_text("Name,E-mail\nAna Souza,ana@example.com\n", encoding="utf-8")
        good = folder / "good.sqlite3"
        shutil.copyfile(sound, good)
        for path in (time_report, contacts, good):
            path.chmod(0o644)
        entries: dict[str, Callable[[Path, Path], list[str]]] = {
            "window open": lambda db, out: [],
            "check": lambda db, out: ["check", "--db", str(db)],
            "backup": lambda db, out: ["backup", "--db", str(db), str(out / "copy.sqlite3")],
            "export-tasks": lambda db, out: ["export-tasks", "--db", str(db), str(out / "t.csv")],
            "export-contractors": lambda db, out: [
                "export-contractors", "--db", str(db), str(out / "c.csv")],
            "export-schedule": lambda db, out: [
                "export-schedule", "--db", str(db), str(out / "s.ics")],
            "export-brief": lambda db, out: [
                "export-brief", "--db", str(db), "1", str(out / "b.pdf")],
            "import-time --dry-run": lambda db, out: [
                "import-time", "--dry-run", "--db", str(db), str(time_report)],
            "import-time": lambda db, out: ["import-time", "--db", str(db), str(time_report)],
            "import-contractors": lambda db, out: [
                "import-contractors", "--db", str(db), str(contacts)],
            "restore (list)": lambda db, out: ["restore", "--db", str(db)],
            "restore from it": lambda db, out: [
                "restore", "--db", str(out / "target.sqlite3"), str(db)],
            "restore over it": lambda db, out: ["restore", "--db", str(db), str(good)],
        }  # fmt: skip
        for number, (kind, make) in enumerate(KINDS.items()):
            cells = []
            for entry, args in entries.items():
                place = folder / f"k{number}-{len(cells)}"
                place.mkdir()
                place.chmod(0o777)
                db = make(sound, place)
                out = place / "out"
                out.mkdir()
                out.chmod(0o777)
                cells.append(_cell(kind, entry, args(db, out), folder, db))
            rows.append((kind, cells))
        header = ["file", *entries]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join([kind, *cells]) + " |" for kind, cells in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--window-open"]:
        print(_window_open(Path(sys.argv[2])))
    else:
        print(damage_table())
