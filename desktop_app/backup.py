"""Copies of the database, taken with SQLite's online backup API.

The backup API copies a consistent snapshot even while the app has the file
open in WAL mode, which a plain file copy does not.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime
from pathlib import Path

log = logging.getLogger("offload.backup")


def backup_database(source: Path, destination: Path, *, replace: bool = False) -> Path:
    """Copy the database at `source` to `destination`, readable by its owner only.

    Reads without taking the writer's lock (a backup never changes the
    source), so it works while Offload has the file open. The copy is
    written beside `destination` and renamed into place when complete: an
    interrupted backup leaves no half file. `destination` must not exist
    unless `replace` is set.
    """
    if destination.exists() and not replace:
        raise FileExistsError(f"{destination} already exists.")
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(f".{destination.name}.partial")
    partial.unlink(missing_ok=True)
    source_connection = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        target_connection = sqlite3.connect(partial)
        try:
            source_connection.backup(target_connection)
        finally:
            target_connection.close()
        partial.chmod(0o600)
        partial.replace(destination)
    finally:
        source_connection.close()
        partial.unlink(missing_ok=True)
    log.info("backed up %s to %s", source, destination)
    return destination


def backups_dir(database_path: Path) -> Path:
    return database_path.parent / "backups"


def backup_before_migration(database_path: Path, from_version: int) -> Path:
    """Keep a copy of the database as it was before its schema is upgraded."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    name = f"{database_path.stem}-schema{from_version}-{stamp}{database_path.suffix}"
    destination = backups_dir(database_path) / name
    counter = 1
    while destination.exists():
        counter += 1
        destination = destination.with_name(
            f"{database_path.stem}-schema{from_version}-{stamp}-{counter}{database_path.suffix}"
        )
    return backup_database(database_path, destination)
