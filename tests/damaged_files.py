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
    """One page in the middle overwritten with noise, as a bad sector leaves it."""
    path = _copy(source, folder / "overwritten.sqlite3")
    with path.open("r+b") as stream:
        stream.seek(PAGE * 4)
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
    environment = {**os.environ, **other_user_environment(folder)}
    return subprocess.run(
        as_other_user(offload_command(*args)),
        capture_output=True,
        text=True,
        timeout=timeout,
        env=environment,
        cwd=REPO,
        check=False,
    )
