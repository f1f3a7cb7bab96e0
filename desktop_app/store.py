"""Opening the owner's database safely: lock, version check, backup, migrate.

Every way into the data (the window, File > Open, each command-line
subcommand, the tests) opens it through `open_store`, so the same promises
hold everywhere: one writer at a time, a database from a newer Offload is
never touched, a copy is kept before the schema changes, and a new database
takes its currency and paper size from the system locale.
"""

from __future__ import annotations

import logging
import socket
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from peewee import PeeweeException, SqliteDatabase
from PySide6.QtCore import QLockFile

from desktop_app.backup import backup_before_migration
from desktop_app.locale_defaults import locale_defaults
from desktop_app.models.base import bind_database, database, unbind_database
from desktop_app.models.errors import UserError
from desktop_app.models.migrations import LATEST_VERSION, migrate, pending_migrations
from desktop_app.models.settings import seed_defaults
from desktop_app.paths import create_private_file

log = logging.getLogger("offload.db")


class StoreError(UserError):
    """The database cannot be opened; the message says why and what to do."""


class DatabaseLocked(StoreError):
    pass


class DatabaseTooNew(StoreError):
    pass


class NotADatabase(StoreError):
    pass


@dataclass
class Store:
    """An open database: its file, the bound connection and the writer's lock."""

    path: Path
    db: SqliteDatabase
    lock: QLockFile
    # The backup taken before this opening migrated the file, if it did.
    backup_path: Path | None = None

    def close(self) -> None:
        if database.obj is self.db:
            unbind_database()
        else:
            self.db.close()
        self.lock.unlock()


def lock_path(database_path: Path) -> Path:
    return database_path.with_name(database_path.name + ".lock")


def _acquire_lock(database_path: Path) -> QLockFile:
    lock = QLockFile(str(lock_path(database_path)))
    # Never treat a live holder as stale, however long it has run; a lock left
    # by a crashed process (its pid gone) is still detected and taken over.
    lock.setStaleLockTime(0)
    if lock.tryLock(0):
        return lock
    if lock.error() == QLockFile.LockError.LockFailedError:
        info = lock.getLockInfo()  # (pid, host, app), or None when unreadable
        holder = f" (process {info[0]} on {info[1] or socket.gethostname()})" if info else ""
        raise DatabaseLocked(
            f"{database_path} is already open in another Offload window{holder}. "
            "Close it there first: only one Offload can write to a database at a time."
        )
    raise DatabaseLocked(
        f"Cannot create the lock file beside {database_path}: check that the folder is writable."
    )


def read_schema_version(database_path: Path) -> int:
    """The file's schema version, read without changing a byte of it."""
    if not database_path.exists() or database_path.stat().st_size == 0:
        return 0
    try:
        connection = sqlite3.connect(f"file:{database_path}?mode=ro", uri=True)
        try:
            return int(connection.execute("PRAGMA user_version").fetchone()[0])
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise NotADatabase(
            f"{database_path} is not an Offload database (SQLite says: {error})."
        ) from None


def open_store(database_path: Path) -> Store:
    """Lock, check and upgrade the database at `database_path`, then bind it.

    Raises StoreError (with a message for the user) and leaves the file as
    it was when it is locked, too new or not a database.
    """
    database_path = database_path.expanduser().resolve()
    if database_path.is_dir():
        raise StoreError(f"{database_path} is a folder, not a database file.")
    try:
        database_path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(
            f"Cannot create the folder {database_path.parent}: {error.strerror}."
        ) from error
    lock = _acquire_lock(database_path)
    previous = database.obj
    db: SqliteDatabase | None = None
    try:
        version = read_schema_version(database_path)
        if version > LATEST_VERSION:
            raise DatabaseTooNew(
                f"{database_path} was written by a newer version of Offload (schema {version}; "
                f"this version knows up to {LATEST_VERSION}). Update Offload to open it; "
                "the file was not changed."
            )
        steps = pending_migrations(version)
        backup = backup_before_migration(database_path, version) if steps and version else None
        create_private_file(database_path)
        db = bind_database(database_path)
        if steps:
            log.info("migrating %s from schema %s to %s", database_path, version, LATEST_VERSION)
            migrate(db, steps)
        # Fills only settings never stored: a new database takes the system's
        # currency and paper size, an existing one keeps what the owner chose.
        seed_defaults(locale_defaults())
    except BaseException as error:
        # Leave everything as it was: the lock released, and whichever
        # database was bound before (the window's, on File > Open) bound again.
        if db is not None:
            db.close()
            database.initialize(previous)
        lock.unlock()
        if isinstance(error, (OSError, sqlite3.Error, PeeweeException)):
            raise StoreError(f"Cannot open {database_path}: {error}") from error
        raise
    return Store(path=database_path, db=db, lock=lock, backup_path=backup)
