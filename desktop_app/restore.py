"""Putting a backup back in place of the database, keeping the current file.

`restore_backup` checks the backup (an Offload database SQLite's check
passes, from this Offload or an earlier one), takes the writer's lock,
keeps a copy of the current file in `backups/` (a byte copy when the
current file is damaged, so nothing is lost), then replaces the database
with a copy of the backup written beside it and renamed into place: at
every moment the database is either the old file or the restored one.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from desktop_app.backup import (
    Reason,
    automatic_backup,
    backup_database,
    backups_dir,
    flush_to_disk,
    rotate_backups,
)
from desktop_app.database_file import (
    DatabaseDamaged,
    DatabaseTooNew,
    NotADatabase,
    StoreError,
    check_file_kind,
    inspect_database,
)
from desktop_app.models.migrations import LATEST_VERSION
from desktop_app.paths import cannot_write_message
from desktop_app.store import acquire_lock

log = logging.getLogger("offload.backup")

# What SQLite keeps beside a database while it is open or after a crash.
_SIDECARS = ("-wal", "-shm", "-journal")


def check_backup(backup: Path) -> int:
    """The backup's schema version; StoreError when it cannot be restored."""
    backup = backup.expanduser().resolve()
    if not backup.exists():
        raise StoreError(f"{backup} does not exist.")
    inspection = inspect_database(backup, allow_links=True)
    if inspection.new:
        raise StoreError(f"{backup} is empty: it holds no Offload data to restore.")
    if inspection.version > LATEST_VERSION:
        raise DatabaseTooNew(
            f"{backup} comes from a newer Offload (schema {inspection.version}); update "
            "Offload to restore it."
        )
    return inspection.version


def restore_backup(backup: Path, database_path: Path) -> Path | None:
    """Replace the database at `database_path` with `backup`.

    Returns the copy kept of the file it replaced (None when there was no
    file). Raises StoreError, changing nothing, when the backup is not a
    sound Offload database, the database is open in another Offload, or
    the copy of the current file cannot be kept.
    """
    backup = backup.expanduser().resolve()
    database_path = database_path.expanduser().resolve()
    check_file_kind(database_path)  # no folder, pipe or hard-linked file as the target
    if database_path.exists() and backup.samefile(database_path):
        raise StoreError(f"{backup} is the database itself; choose a backup to restore.")
    check_backup(backup)
    _check_replaceable(database_path)
    database_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    lock = acquire_lock(database_path)
    try:
        kept = _keep_current(database_path)
        partial = database_path.with_name(f".{database_path.name}.restoring")
        try:
            backup_database(backup, partial, replace=True)
            # Only now, with the restored copy complete beside it: no journal of
            # the old file may be applied to the new one.
            for suffix in _SIDECARS:
                database_path.with_name(database_path.name + suffix).unlink(missing_ok=True)
            partial.replace(database_path)
            flush_to_disk(database_path.parent)
        finally:
            partial.unlink(missing_ok=True)
    finally:
        lock.unlock()
    rotate_backups(database_path)
    log.info("restored %s from %s (the file it replaced: %s)", database_path, backup, kept)
    return kept


def _check_replaceable(database_path: Path) -> None:
    """A restore replaces an Offload database (damaged ones included), never
    another program's file."""
    try:
        inspect_database(database_path, quick_check=False)
    except NotADatabase as error:
        raise StoreError(
            f"{error} A restore never replaces another program's file; choose where to "
            "restore with --db (a new file is fine)."
        ) from error
    except DatabaseDamaged:
        pass


def _keep_current(database_path: Path) -> Path | None:
    """Copy the current file into backups/ before it is replaced.

    A sound file is copied with the backup API, then its WAL folded into it;
    a damaged one byte for byte, with its WAL beside it, so that whatever
    can still be rescued from it stays.
    """
    if not database_path.exists() or database_path.stat().st_size == 0:
        return None
    try:
        inspect_database(database_path)
    except StoreError as error:
        log.warning("keeping a byte copy of %s: %s", database_path, error)
        return _byte_copy(database_path)
    kept = automatic_backup(database_path, Reason.RESTORE)
    connection = sqlite3.connect(database_path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    return kept


def _byte_copy(database_path: Path) -> Path:
    stamp = datetime.now().replace(microsecond=0)
    folder = backups_dir(database_path)
    name = f"{database_path.stem}-{stamp:%Y%m%d-%H%M%S}-{Reason.RESTORE}-damaged"
    copy = folder / f"{name}{database_path.suffix}"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        shutil.copyfile(database_path, copy)
        copy.chmod(0o600)
        wal = database_path.with_name(database_path.name + "-wal")
        if wal.exists() and wal.stat().st_size:
            shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
    except OSError as error:
        copy.unlink(missing_ok=True)
        raise StoreError(
            f"Could not keep a copy of {database_path} before restoring "
            f"({cannot_write_message(folder, error)}). Nothing was changed."
        ) from error
    return copy
