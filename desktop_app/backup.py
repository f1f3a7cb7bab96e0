"""Copies of the database, taken with SQLite's online backup API.

The backup API copies a consistent snapshot even while the app has the file
open in WAL mode, which a plain file copy does not. Every copy is checked
with SQLite's quick_check before it is kept, so a damaged database never
turns into a "good" backup.

Automatic copies go to `backups/` beside the database, named
`<stem>-<YYYYmmdd-HHMMSS>-<reason><suffix>`: once a day when Offload opens
the file, and before every import, restore and schema upgrade. After each
one, `rotate_backups` keeps the 5 newest, the newest of each of the last 7
days and of each of the last 4 weeks that have one; it never deletes a file
it did not name.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from desktop_app.database_file import (
    DatabaseDamaged,
    StoreError,
    connect_read_only,
    explain_database_error,
    inspect_database,
    is_damage,
    quick_check_problem,
)
from desktop_app.models.migrations import LATEST_VERSION
from desktop_app.paths import check_can_write

log = logging.getLogger("offload.backup")

KEEP_LAST = 5
KEEP_DAILY = 7
KEEP_WEEKLY = 4
_STAMP = "%Y%m%d-%H%M%S"
_AUTOMATIC = re.compile(r"^(?P<stamp>\d{8}-\d{6})(?:-\d+)?-(?P<reason>[a-z][a-z0-9-]*)$")
# What a backup's rows are counted by, in the order the restore list shows them.
COUNTED_TABLES = ("task", "contractor", "brief", "engagement")


class Reason(StrEnum):
    DAILY = "daily"
    IMPORT = "before-import"
    RESTORE = "before-restore"
    UPGRADE = "before-upgrade"


REASON_LABELS = {
    Reason.DAILY: "Daily",
    Reason.IMPORT: "Before an import",
    Reason.RESTORE: "Before a restore",
    Reason.UPGRADE: "Before an upgrade",
}


def backup_database(source: Path, destination: Path, *, replace: bool = False) -> Path:
    """Copy the database at `source` to `destination`, readable by its owner only.

    Reads without taking the writer's lock (a backup never changes the
    source), so it works while Offload has the file open. The copy is
    written beside `destination`, checked with quick_check, and renamed into
    place when complete: an interrupted or failed backup leaves no half
    file. `destination` must not exist unless `replace` is set.

    Raises DatabaseDamaged when the source is damaged (nothing is kept),
    UserError when the folder cannot be written, FileExistsError.
    """
    if destination.exists() and not replace:
        raise FileExistsError(f"{destination} already exists.")
    if destination.exists() and source.exists() and source.samefile(destination):
        raise StoreError(f"{destination} is the database itself; choose another file.")
    destination.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    check_can_write(destination.parent)
    partial = destination.with_name(f".{destination.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        source_connection = connect_read_only(source)
        try:
            target_connection = sqlite3.connect(partial)
            try:
                source_connection.backup(target_connection)
                problem = quick_check_problem(target_connection)
            finally:
                target_connection.close()
        finally:
            source_connection.close()
        if problem is not None:
            raise DatabaseDamaged(source, problem)
        partial.chmod(0o600)
        flush_to_disk(partial)
        partial.replace(destination)
        flush_to_disk(destination.parent)
    except sqlite3.DatabaseError as error:
        if is_damage(error):
            raise DatabaseDamaged(source, str(error)) from error
        raise StoreError(
            explain_database_error(error, destination) or f"Cannot back up {source}: {error}."
        ) from error
    finally:
        partial.unlink(missing_ok=True)
    log.info("backed up %s to %s", source, destination)
    return destination


def flush_to_disk(path: Path) -> None:
    """Make `path` (a file, or a folder's entries) reach the disk."""
    flags = os.O_RDONLY | (os.O_DIRECTORY if path.is_dir() else 0)
    handle = os.open(path, flags)
    try:
        os.fsync(handle)
    except OSError:
        pass  # some file systems cannot sync a folder; the rename still stands
    finally:
        os.close(handle)


def backups_dir(database_path: Path) -> Path:
    return database_path.parent / "backups"


def _automatic_name(database_path: Path, stamp: datetime, reason: str, counter: int) -> str:
    number = f"-{counter}" if counter > 1 else ""
    return f"{database_path.stem}-{stamp:{_STAMP}}{number}-{reason}{database_path.suffix}"


def automatic_backup(database_path: Path, reason: str, now: datetime | None = None) -> Path:
    """Copy the database into `backups/` beside it, then rotate the old copies."""
    stamp = (now or datetime.now()).replace(microsecond=0)
    folder = backups_dir(database_path)
    counter = 1
    destination = folder / _automatic_name(database_path, stamp, reason, counter)
    while destination.exists():
        counter += 1
        destination = folder / _automatic_name(database_path, stamp, reason, counter)
    backup_database(database_path, destination)
    rotate_backups(database_path)
    return destination


def backup_before_migration(database_path: Path, from_version: int) -> Path:
    """Keep a copy of the database as it was before its schema is upgraded."""
    return automatic_backup(database_path, f"{Reason.UPGRADE}-from-schema{from_version}")


@dataclass(frozen=True)
class AutomaticBackup:
    path: Path
    taken: datetime
    reason: str


def automatic_backups(database_path: Path) -> list[AutomaticBackup]:
    """The copies Offload took of this database, newest first."""
    folder = backups_dir(database_path)
    prefix, suffix = f"{database_path.stem}-", database_path.suffix
    found = []
    if not folder.is_dir():
        return []
    for path in folder.iterdir():
        name = path.name
        if not (name.startswith(prefix) and name.endswith(suffix)) or not path.is_file():
            continue
        match = _AUTOMATIC.match(name[len(prefix) : len(name) - len(suffix)])
        if match is None:
            continue
        try:
            # "20260102-030405" read as ISO's basic format: strptime's first
            # use costs start-up (which asks whether today's copy exists) ~5 ms.
            taken = datetime.fromisoformat(match["stamp"].replace("-", "T"))
        except ValueError:
            continue
        found.append(AutomaticBackup(path, taken, match["reason"]))
    return sorted(found, key=lambda backup: (backup.taken, backup.path.name), reverse=True)


def daily_backup_due(database_path: Path, today: date) -> bool:
    """True when no automatic copy of the database was taken today."""
    return not any(b.taken.date() == today for b in automatic_backups(database_path))


def backups_to_keep(backups: list[AutomaticBackup]) -> set[Path]:
    """The 5 newest, and the newest of each of the last 7 days and 4 weeks
    that have a copy (`backups` newest first)."""
    keep = {backup.path for backup in backups[:KEEP_LAST]}
    days: set[date] = set()
    weeks: set[tuple[int, int]] = set()
    for backup in backups:
        day = backup.taken.date()
        if day not in days and len(days) < KEEP_DAILY:
            days.add(day)
            keep.add(backup.path)
        calendar = day.isocalendar()
        week = (calendar.year, calendar.week)
        if week not in weeks and len(weeks) < KEEP_WEEKLY:
            weeks.add(week)
            keep.add(backup.path)
    return keep


def rotate_backups(database_path: Path) -> list[Path]:
    """Delete the automatic copies `backups_to_keep` does not keep; returns them."""
    backups = automatic_backups(database_path)
    keep = backups_to_keep(backups)
    removed = []
    for backup in backups:
        if backup.path not in keep:
            try:
                backup.path.unlink()
                removed.append(backup.path)
            except OSError as error:
                log.warning("cannot remove the old backup %s: %s", backup.path, error)
    return removed


@dataclass(frozen=True)
class BackupSummary:
    """A backup as the restore list shows it.

    Attributes:
        taken: when it was taken (from its name, else the file's time).
        reason: what it was taken for ("" for a copy Offload did not name).
        size: in bytes.
        counts: table -> rows, for COUNTED_TABLES (None where the schema had none).
        version: its schema version.
        problem: why it cannot be restored, or "" when it can.
    """

    path: Path
    taken: datetime
    reason: str
    size: int
    counts: dict[str, int | None]
    version: int
    problem: str = ""

    def counts_text(self) -> str:
        """ "1,204 tasks, 86 contractors, 3 briefs, 2 engagements" (— where none)."""
        return ", ".join(
            f"{'—' if count is None else f'{count:,}'} {table}s"
            for table, count in self.counts.items()
        )

    def describe(self) -> str:
        """One line: when, why, size, and what it holds or why it cannot be restored."""
        what = f"cannot be restored: {self.problem}" if self.problem else self.counts_text()
        return f"{self.taken:%Y-%m-%d %H:%M}  {self.reason_label}, {self.size / 1e6:.1f} MB, {what}"

    @property
    def reason_label(self) -> str:
        for reason, label in REASON_LABELS.items():
            if self.reason.startswith(reason):
                return label
        return "Copy"


def summarize_backup(
    path: Path, *, reason: str = "", taken: datetime | None = None
) -> BackupSummary:
    """Read what a backup holds without changing it (and check it)."""
    status = path.stat()
    taken = taken or datetime.fromtimestamp(status.st_mtime).replace(microsecond=0)
    counts: dict[str, int | None] = dict.fromkeys(COUNTED_TABLES)
    try:
        inspection = inspect_database(path, allow_links=True)
        if inspection.new:
            raise StoreError("it is empty")
        if inspection.version > LATEST_VERSION:
            raise StoreError(f"it comes from a newer Offload (schema {inspection.version})")
        connection = connect_read_only(path)
        try:
            tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master")}
            for table in COUNTED_TABLES:
                if table in tables:
                    counts[table] = connection.execute(
                        f'SELECT count(*) FROM "{table}"'
                    ).fetchone()[0]
        finally:
            connection.close()
    except (StoreError, sqlite3.Error) as error:
        return BackupSummary(path, taken, reason, status.st_size, counts, 0, str(error))
    return BackupSummary(path, taken, reason, status.st_size, counts, inspection.version)


def backup_summaries(database_path: Path) -> list[BackupSummary]:
    """Every backup in `backups/` beside the database, newest first."""
    named = {backup.path: backup for backup in automatic_backups(database_path)}
    folder = backups_dir(database_path)
    summaries = []
    if folder.is_dir():
        for path in folder.iterdir():
            if not path.is_file() or path.name.startswith("."):
                continue
            if path.suffix != database_path.suffix or not path.name.startswith(database_path.stem):
                continue
            automatic = named.get(path)
            summaries.append(
                summarize_backup(
                    path,
                    reason=automatic.reason if automatic else "",
                    taken=automatic.taken if automatic else None,
                )
            )
    return sorted(summaries, key=lambda summary: summary.taken, reverse=True)


def newest_good_backup(database_path: Path) -> BackupSummary | None:
    """The newest backup that passes SQLite's check, or None."""
    return next((s for s in backup_summaries(database_path) if not s.problem), None)
