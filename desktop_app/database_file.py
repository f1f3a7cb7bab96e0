"""What a file is to Offload, found without changing a byte of it.

Before anything opens a database to write (the window, a subcommand, a
restore), `inspect_database` looks at the file: a folder, a named pipe or a
device is refused before it is opened (a pipe would hang the open), a file
with two names (hard links) is refused (SQLite keeps its lock and its WAL
beside the name, so two names would mean two writers), a file that is not
SQLite, or is another program's SQLite, is refused, and SQLite's
`quick_check` must pass. Only a missing or empty file may become a new
Offload database.

`explain_database_error` turns what SQLite raises later (a full disk, a
read-only file, another program's write lock, a damaged page) into one
sentence for the owner; the window and the command line both use it.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from desktop_app.models import base
from desktop_app.models.errors import UserError
from desktop_app.paths import NO_SPACE, cannot_write_message

SQLITE_HEADER = b"SQLite format 3\x00"
# Files SQLite and Offload keep beside a database, named after it.
SIDECAR_SUFFIXES = ("-wal", "-shm", "-journal", ".lock")
# The table every Offload schema has had since its first step.
OFFLOAD_MARKER_TABLE = "setting"


class StoreError(UserError):
    """The database cannot be opened; the message says why and what to do."""


class DatabaseLocked(StoreError):
    pass


class DatabaseTooNew(StoreError):
    pass


class NotADatabase(StoreError):
    """Not an SQLite file, or another program's SQLite file."""


class DatabaseDamaged(StoreError):
    """An Offload (or SQLite) file that fails SQLite's own checks.

    Attributes:
        path: the damaged file.
        details: what SQLite reported, for the log and `offload check`.
    """

    def __init__(self, path: Path, details: str) -> None:
        super().__init__(
            f"{path} is damaged: SQLite's check found “{details}”. It was not changed. "
            "Restore a backup (File > Restore from backup…, or offload restore)."
        )
        self.path = path
        self.details = details


class NeedsUpgrade(StoreError):
    pass


@dataclass(frozen=True)
class Inspection:
    """What `inspect_database` found.

    Attributes:
        path: the file, symlinks resolved.
        new: True when the file is missing or empty (it may become a database).
        version: its schema version (0 when new).
        checked: True when SQLite's quick_check ran and passed.
    """

    path: Path
    new: bool
    version: int = 0
    checked: bool = False


def sqlite_uri(path: Path, **parameters: object) -> str:
    """A `file:` URI for `path`, safe for names holding ?, # or %."""
    query = "&".join(f"{key}={value}" for key, value in parameters.items())
    return f"file:{quote(str(path))}" + (f"?{query}" if query else "")


def has_sqlite_header(path: Path) -> bool:
    """True when `path` is a regular file that starts as every SQLite database does."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return False
        with path.open("rb") as stream:
            return stream.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def sidecar_owner(path: Path) -> Path | None:
    """The database `path` belongs beside (x.sqlite3 for x.sqlite3-wal), if any."""
    for suffix in SIDECAR_SUFFIXES:
        if path.name.endswith(suffix) and len(path.name) > len(suffix):
            owner = path.with_name(path.name[: -len(suffix)])
            if has_sqlite_header(owner):
                return owner
    return None


def has_backups(path: Path) -> bool:
    """Whether Offload keeps backups of `path` (in backups/ beside it): then it
    was an Offload database, whatever it looks like now."""
    folder = path.parent / "backups"
    return folder.is_dir() and any(
        copy.name.startswith(f"{path.stem}-") and copy.name.endswith(path.suffix)
        for copy in folder.iterdir()
    )


def check_file_kind(path: Path, *, allow_links: bool = False) -> os.stat_result | None:
    """The file's status, or None when it does not exist.

    Refuses, before anything opens it, what can never be a database file:
    a folder, a named pipe, a device or a socket, and a file with more than
    one name (hard links) unless `allow_links` (reading one, as a backup
    does, is harmless).
    """
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StoreError(f"Cannot read {path}: {error.strerror}.") from error
    mode = status.st_mode
    if stat.S_ISDIR(mode):
        raise StoreError(f"{path} is a folder, not a database file.")
    if not stat.S_ISREG(mode):
        kind = (
            "a named pipe (FIFO)"
            if stat.S_ISFIFO(mode)
            else "a device"
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket"
            if stat.S_ISSOCK(mode)
            else "not a regular file"
        )
        raise StoreError(f"{path} is {kind}, not a database file. Nothing was read from it.")
    if status.st_nlink > 1 and not allow_links:
        raise StoreError(
            f"{path} has {status.st_nlink} names (hard links). SQLite keeps its lock and "
            "journal beside each name, so two programs could write to it at once and damage "
            "it. Make a single copy (offload backup, or cp) and open the copy."
        )
    return status


def folder_is_writable(folder: Path) -> bool:
    """Whether new files can be made in `folder` (also true for root only when
    the file system is writable: `access` reports a read-only mount)."""
    return os.access(folder, os.W_OK | os.X_OK)


def read_only_parameters(path: Path) -> dict[str, object]:
    """The URI parameters that open `path` so that it can never be changed.

    A WAL database needs its shared-memory file (-shm) beside it; in a folder
    that cannot be written, and with no -shm left there, SQLite cannot open
    it even read-only, so the file is then opened as immutable (nothing
    else can write there either).
    """
    try:
        connection = sqlite3.connect(
            sqlite_uri(path, mode="ro"), uri=True, timeout=base.BUSY_TIMEOUT
        )
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            connection.close()
        return {"mode": "ro"}
    except (sqlite3.OperationalError, sqlite3.DatabaseError) as error:
        name = getattr(error, "sqlite_errorname", "")
        if not name.startswith(("SQLITE_CANTOPEN", "SQLITE_READONLY")):
            raise
        if folder_is_writable(path.parent):
            raise
    return {"immutable": 1}


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that can never change the file (see `read_only_parameters`)."""
    uri = sqlite_uri(path, **read_only_parameters(path))
    return sqlite3.connect(uri, uri=True, timeout=base.BUSY_TIMEOUT)


def _findings(rows: list[tuple[object, ...]]) -> str | None:
    """None for SQLite's "ok", else its first findings on one line."""
    lines = [
        line.strip()
        for row in rows
        for line in str(row[0]).splitlines()
        if line.strip() and not line.startswith("***")
    ]
    if lines == ["ok"]:
        return None
    return "; ".join(lines[:3]) + (f" (and {len(lines) - 3} more)" if len(lines) > 3 else "")


def quick_check_problem(connection: sqlite3.Connection) -> str | None:
    """None when SQLite's quick_check passes, else its first findings."""
    return _findings(connection.execute("PRAGMA quick_check(5)").fetchall())


def inspect_database(
    path: Path, *, quick_check: bool = True, allow_links: bool = False
) -> Inspection:
    """Find what `path` is, reading it only; raise StoreError for what Offload
    must not open (see the module's docstring)."""
    status = check_file_kind(path, allow_links=allow_links)
    if status is None or status.st_size == 0:
        return Inspection(path=path, new=True)
    try:
        with path.open("rb") as stream:
            header = stream.read(100)
    except OSError as error:
        raise StoreError(f"Cannot read {path}: {error.strerror}.") from error
    if not header.startswith(SQLITE_HEADER):
        if has_backups(path):
            # Offload backed this file up before: it was a database, and its
            # first page has been overwritten since.
            raise DatabaseDamaged(path, "its first page is not an SQLite page any more")
        raise NotADatabase(f"{path} is not an Offload database: it is not an SQLite file.")
    if len(header) < 100:
        raise DatabaseDamaged(path, f"the file is only {len(header)} bytes long")
    try:
        connection = connect_read_only(path)
    except sqlite3.DatabaseError as error:
        raise _damaged_or_unreadable(path, error) from error
    try:
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        tables = {
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
        if version == 0 and not tables:
            return Inspection(path=path, new=True)
        if OFFLOAD_MARKER_TABLE not in tables:
            raise NotADatabase(
                f"{path} is another program's SQLite database, not an Offload one "
                f"({len(tables)} table{'s' * (len(tables) != 1)}, none of Offload's). "
                "It was not changed."
            )
        problem = quick_check_problem(connection) if quick_check else None
    except sqlite3.DatabaseError as error:
        raise _damaged_or_unreadable(path, error) from error
    finally:
        connection.close()
    if problem is not None:
        raise DatabaseDamaged(path, problem)
    return Inspection(path=path, new=False, version=version, checked=quick_check)


def check_database(path: Path) -> None:
    """Run SQLite's quick_check on `path` through a read-only connection of its
    own; DatabaseDamaged when it fails. Safe on any thread (the window runs it
    beside its start-up: `open_store(check_later=True)`)."""
    try:
        connection = connect_read_only(path)
        try:
            problem = quick_check_problem(connection)
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise _damaged_or_unreadable(path, error) from error
    if problem is not None:
        raise DatabaseDamaged(path, problem)


def _damaged_or_unreadable(path: Path, error: sqlite3.DatabaseError) -> StoreError:
    if is_damage(error):
        return DatabaseDamaged(path, str(error))
    return StoreError(explain_database_error(error, path) or f"Cannot read {path}: {error}.")


def processes_using(path: Path) -> list[str]:
    """Other programs that have `path` (or its WAL) open, as "name (process N)".

    Read from /proc, so Linux only; elsewhere, or without the right to look,
    the list is empty.
    """
    targets = {str(path), f"{path}-wal", f"{path}-shm"}
    found = []
    proc = Path("/proc")
    if not proc.is_dir():
        return []
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if any(str(fd.readlink()) in targets for fd in (entry / "fd").iterdir()):
                name = (entry / "comm").read_text(encoding="utf-8", errors="replace").strip()
                found.append(f"{name} (process {entry.name})")
        except OSError:
            continue
    return found


# A team workspace's server gone in the middle of a transaction (stopped, the
# network down, the session ended by its administrator): the server rolls
# the transaction back, so nothing of it was kept.
CONNECTION_LOST = (
    "The connection to the team workspace's server was lost, so nothing of what was being "
    "saved was kept: an import or an edit is saved whole or not at all. Check that the "
    "server answers, then do it again."
)
_LOST_WORDS = (
    "terminating connection",
    "server closed the connection",
    "connection is lost",
    "connection is closed",
    "the connection is bad",
    "consuming input failed",
    "eof detected",
    "connection already closed",
)


def _connection_lost(error: BaseException) -> bool:
    """Whether `error` (or what it wraps) is psycopg's word for a lost connection."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        text = str(current).lower()
        if type(current).__module__.startswith(("psycopg", "peewee")) and any(
            words in text for words in _LOST_WORDS
        ):
            return True
        current = current.__cause__ or current.__context__
    return False


def _sqlite_error(error: BaseException) -> sqlite3.Error | None:
    """The sqlite3 error behind `error` (Peewee wraps it as its first argument)."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, sqlite3.Error):
            return current
        first = current.args[0] if current.args else None
        if isinstance(first, sqlite3.Error):
            return first
        current = current.__cause__ or current.__context__
    return None


# SQLite's error names (or, for errors without one, words of its message),
# each with what the owner is told: {where} is the database, {folder} its
# folder, {who} the programs holding it, {text} SQLite's own words.
_EXPLANATIONS = (
    (
        ("SQLITE_FULL",),
        "database or disk is full",
        "There is no room left on the disk that holds {folder}: the change was not saved "
        "and nothing was lost. Free some space, then try again.",
    ),
    (
        ("SQLITE_READONLY",),
        "readonly database",
        "{where} is read-only, so the change was not saved. To change it, copy it to a "
        "folder you can write to, or ask for write access.",
    ),
    (
        ("SQLITE_BUSY",),
        "database is locked",
        "Another program{who} is writing to {where} and did not let go within {seconds} "
        "seconds. Close that program (a database browser or a sync tool, say), then try "
        "again; nothing was changed.",
    ),
    (
        ("SQLITE_CORRUPT", "SQLITE_NOTADB"),
        "malformed",
        "{where} is damaged (SQLite says: {text}). Nothing more was written to it. Run "
        "offload check for details and restore a backup (File > Restore from backup…, or "
        "offload restore).",
    ),
    (
        ("SQLITE_IOERR",),
        "disk I/O error",
        "The disk could not write {where} (it may be full, removed or failing): the change "
        "was not saved. Check the disk, then try again.",
    ),
    (
        ("SQLITE_CANTOPEN",),
        "unable to open database file",
        "Cannot open {where}: it was moved or deleted, or its folder cannot be read or written.",
    ),
)


def is_damage(error: sqlite3.Error) -> bool:
    """Whether SQLite raised `error` because the file is damaged."""
    return getattr(error, "sqlite_errorname", "").startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB"))


def explain_database_error(error: BaseException, path: Path | None) -> str | None:
    """One sentence for the owner about a storage failure, or None when
    `error` is not one (then it is a bug, reported as such)."""
    folder = path.parent if path else Path("its folder")
    if isinstance(error, OSError) and error.errno in NO_SPACE:
        return cannot_write_message(folder, error)
    if _connection_lost(error):
        return CONNECTION_LOST
    cause = _sqlite_error(error)
    if cause is None:
        return None
    name = getattr(cause, "sqlite_errorname", "") or ""
    text = str(cause)
    for names, words, message in _EXPLANATIONS:
        if name.startswith(names) or words in text:
            holders = processes_using(path) if path and "{who}" in message else []
            return message.format(
                where=path or "the database",
                folder=folder,
                who=f" ({', '.join(holders)})" if holders else "",
                seconds=f"{base.BUSY_TIMEOUT:.0f}",
                text=text,
            )
    return None


@dataclass(frozen=True)
class HealthReport:
    """What `check_health` found: `healthy`, and one line saying so."""

    healthy: bool
    line: str


def check_health(path: Path) -> HealthReport:
    """SQLite's full integrity check, the foreign keys and the schema version,
    read without changing the file (`offload check`)."""
    from desktop_app.models.migrations import LATEST_VERSION

    try:
        inspection = inspect_database(path, quick_check=False)
        if inspection.new:
            return HealthReport(False, f"{path}: empty, not an Offload database yet.")
        connection = connect_read_only(path)
        try:
            integrity = _findings(connection.execute("PRAGMA integrity_check(5)").fetchall())
            broken_links = connection.execute("PRAGMA foreign_key_check").fetchall()
        finally:
            connection.close()
    except StoreError as error:
        return HealthReport(False, str(error))
    except sqlite3.DatabaseError as error:
        return HealthReport(False, str(_damaged_or_unreadable(path, error)))
    version = inspection.version
    schema = (
        f"schema {version}, this Offload's"
        if version == LATEST_VERSION
        else f"schema {version}, from an earlier Offload (opening it upgrades it)"
        if version < LATEST_VERSION
        else f"schema {version}, from a newer Offload (update Offload to open it)"
    )
    problems = []
    if integrity is not None:
        problems.append(f"integrity check: {integrity}")
    if broken_links:
        tables = sorted({str(row[0]) for row in broken_links})
        problems.append(
            f"{len(broken_links)} row(s) point at rows that are gone (in {', '.join(tables)})"
        )
    if problems:
        return HealthReport(
            False,
            f"{path}: DAMAGED ({schema}): {'; '.join(problems)}. Restore a backup "
            "(offload restore, or File > Restore from backup…).",
        )
    return HealthReport(True, f"{path}: healthy ({schema}; integrity and foreign keys ok).")
