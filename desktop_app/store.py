"""Opening the owner's database safely: look, lock, back up, migrate, bind.

Every way into the data (the window, File > Open, each command-line
subcommand, the tests) opens it through `open_store`, so the same promises
hold everywhere:

- the file is looked at first without changing a byte of it
  (`database_file.inspect_database`): a folder, pipe or device, a file
  with two names, a file that is not Offload's, a damaged file and a file
  from a newer Offload are refused, unchanged;
- one writer at a time (a lock file beside the real file, symlinks
  resolved first);
- a file that cannot be written (a read-only file or folder) is opened
  read-only when the caller allows it (the window, with a banner), and
  refused when it must write (an import);
- a copy is kept before the schema changes and once a day (`backup.py`);
- only the window and the imports may create or upgrade a database: the
  exports and dry runs read, and never take the lock.

A `postgresql://` URL opens a team workspace on a server instead
(`workspace.py`): the same version gate and read-only promise, the
server's transactions in place of the lock file.
"""

from __future__ import annotations

import logging
import os
import socket
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from pathlib import Path

from peewee import Database, PeeweeException
from PySide6.QtCore import QLockFile

from desktop_app.backup import Reason, automatic_backup, backup_before_migration, daily_backup_due
from desktop_app.database_file import (
    DatabaseDamaged,
    DatabaseLocked,
    DatabaseTooNew,
    Inspection,
    NeedsUpgrade,
    NotADatabase,
    StoreError,
    check_database,
    explain_database_error,
    folder_is_writable,
    inspect_database,
    read_only_parameters,
)
from desktop_app.locale_defaults import locale_defaults
from desktop_app.models.base import bind_database, database, unbind_database
from desktop_app.models.engine import is_database_url
from desktop_app.models.errors import UserError
from desktop_app.models.formats import use_locale
from desktop_app.models.i18n import use_language
from desktop_app.models.migrations import (
    LATEST_VERSION,
    Migration,
    migrate,
    pending_migrations,
)
from desktop_app.models.settings import Settings, load_settings, seed_defaults
from desktop_app.paths import check_can_write, create_private_file

__all__ = [
    "Access",
    "DatabaseDamaged",
    "DatabaseLocked",
    "DatabaseTooNew",
    "NeedsUpgrade",
    "NotADatabase",
    "Store",
    "StoreError",
    "open_store",
]

log = logging.getLogger("offload.db")


class Access(StrEnum):
    """What the caller will do with the database."""

    AUTO = "auto"  # write when the disk allows it, else read-only (the window)
    WRITE = "write"  # write, or refuse to open (imports)
    READ = "read"  # never write: no lock, no upgrade, no new file (exports, dry runs)


@dataclass
class Store:
    """An open database: its file, the bound connection and the writer's lock.

    Attributes:
        backup_path: the copy taken before this opening upgraded the file, if it did.
        daily_backup_path: the day's first copy, if this opening took it.
        read_only_reason: why the file is open read-only ("" when it can be written).
    """

    path: Path
    db: Database
    lock: QLockFile | None
    backup_path: Path | None = None
    daily_backup_path: Path | None = None
    read_only_reason: str = ""
    # SQLite's quick_check running beside the caller (`open_store(check_later=True)`),
    # and what it raised.
    _check: threading.Thread | None = field(default=None, repr=False)
    _check_error: StoreError | None = field(default=None, repr=False)
    # A team workspace's URL (no password shown); "" for a file.
    url: str = ""

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_reason)

    @property
    def is_workspace(self) -> bool:
        """Whether this is a team workspace on a PostgreSQL server."""
        return bool(self.url)

    @property
    def connection_url(self) -> str:
        """The workspace's URL as given (a password in it kept): for a second
        connection of this client's own, never to show or log."""
        return str(getattr(self.db, "url", ""))

    @property
    def name(self) -> str:
        """What the window and messages call this database."""
        return self.url or str(self.path)

    def back_up(self, reason: Reason) -> Path | None:
        """An automatic copy now, e.g. before an import; StoreError when it fails.

        A workspace is not copied: an import there is one transaction on
        the server, and the server's own backups are its administrator's.
        """
        if self.is_workspace:
            return None
        try:
            return automatic_backup(self.path, reason)
        except UserError as error:
            raise StoreError(f"Could not keep a copy of the database first: {error}") from error

    @contextmanager
    def worker_connection(self) -> Iterator[None]:
        """A connection of this worker thread's own to the same database, for the block.

        Peewee keeps one connection per thread, so a worker (a QThreadPool
        thread running an import or an export) that opens one here reads and
        writes the same store as the window, through its own SQLite
        connection: in WAL the window's connection goes on reading while the
        worker writes. The window's thread must never use this: closing at
        the end would close the window's own connection.
        """
        if threading.current_thread() is threading.main_thread():
            raise RuntimeError("worker_connection() is for worker threads only")
        self.db.connect(reuse_if_open=True)
        try:
            yield
        finally:
            self.db.close()

    def check_in_background(self) -> None:
        """Run SQLite's quick_check on a thread of its own (its own read-only
        connection: SQLite works without Python's lock, on the other core),
        for `wait_for_check`."""

        def check() -> None:
            try:
                check_database(self.path)
            except StoreError as error:
                self._check_error = error

        self._check = threading.Thread(target=check, name="offload-quick-check", daemon=True)
        self._check.start()

    def wait_for_check(self) -> None:
        """Return once the quick_check started by `open_store(check_later=True)`
        has passed; raise what it raised (DatabaseDamaged) when it has not.
        At once when there is none."""
        if self._check is not None:
            self._check.join()
            self._check = None
        if self._check_error is not None:
            error, self._check_error = self._check_error, None
            raise error

    def close(self) -> None:
        if self._check is not None:
            self._check.join()
        if database.obj is self.db:
            unbind_database()
        else:
            self.db.close()
        if self.lock is not None:
            self.lock.unlock()


def lock_path(database_path: Path) -> Path:
    return database_path.with_name(database_path.name + ".lock")


def acquire_lock(database_path: Path) -> QLockFile:
    lock = QLockFile(str(lock_path(database_path)))
    # Never treat a live holder as stale, however long it has run; a lock left
    # by a crashed process (its pid gone) is still detected and taken over.
    lock.setStaleLockTime(0)
    if lock.tryLock(0):
        return lock
    if lock.error() == QLockFile.LockError.LockFailedError:
        # (pid, host, app); (0, "", "") when the lock file cannot be read.
        pid, host, _app = lock.getLockInfo()
        holder = f" (process {pid} on {host or socket.gethostname()})" if pid else ""
        raise DatabaseLocked(
            f"{database_path} is already open in another Offload window{holder}. "
            "Close it there first: only one Offload can write to a database at a time."
        )
    # QLockFile does not say why: a read-only folder? A full disk? Ask the disk.
    try:
        check_can_write(database_path.parent)
    except UserError as error:
        raise StoreError(str(error)) from error
    raise StoreError(f"Cannot create the lock file beside {database_path}.")


def is_open_elsewhere(database_path: Path) -> bool:
    """True when an Offload holds the writer's lock of `database_path`."""
    lock = QLockFile(str(lock_path(database_path)))
    lock.setStaleLockTime(0)
    if lock.tryLock(0):
        lock.unlock()
        return False
    return lock.error() == QLockFile.LockError.LockFailedError


def why_read_only(database_path: Path) -> str:
    """Why the disk will not let Offload write this database ("" when it will)."""
    if database_path.exists() and not os.access(database_path, os.W_OK):
        return "the file is read-only"
    if not folder_is_writable(database_path.parent):
        return f"its folder {database_path.parent} is read-only"
    return ""


def read_schema_version(database_path: Path) -> int:
    """The file's schema version, read without changing a byte of it."""
    return inspect_database(database_path.expanduser().resolve(), quick_check=False).version


def open_store(
    database_path: Path | str,
    *,
    access: Access = Access.AUTO,
    create: bool = True,
    upgrade: bool = True,
    damaged_read_only: bool = False,
    check_later: bool = False,
) -> Store:
    """Look at, lock, back up, upgrade and bind the database at `database_path`.

    `create`: a missing or empty file may become a new database (never with
    Access.READ). `upgrade`: an earlier schema may be upgraded (never with
    Access.READ; an export refuses instead). `damaged_read_only`: open a
    file that fails SQLite's check read-only instead of refusing it (the
    owner asked to look at what is left). `check_later`: SQLite's
    quick_check, the longest part of opening a large file, runs on a thread
    beside what the caller does next, and the caller must call
    `Store.wait_for_check()` before it reads anything (the window builds
    itself meanwhile); the check still runs first whenever the file is about
    to be copied or upgraded, or is opened read-only.

    Raises StoreError (with a message for the user) and leaves the file as
    it was whenever it refuses. A `postgresql://` URL (a str) opens a team
    workspace on a server, with the same rules (`workspace.py`).
    """
    if isinstance(database_path, str) and is_database_url(database_path):
        # The server checks its own files: nothing to run beside the caller.
        return _open_workspace(database_path, access, create, upgrade)
    path = Path(database_path).expanduser().resolve()
    check_later = check_later and access == Access.AUTO and not damaged_read_only
    inspection, read_only_reason = _plan(path, access, create, damaged_read_only, check_later)
    steps = pending_migrations(inspection.version) if inspection is not None else []
    # Checked now when the file is about to be copied or upgraded, or cannot
    # be written (nothing would be gained), else beside the caller.
    if (
        inspection is not None
        and not (inspection.new or inspection.checked)
        and (steps or read_only_reason or daily_backup_due(path, date.today()))
    ):
        check_database(path)
        inspection = replace(inspection, checked=True)
    if steps and (read_only_reason or not upgrade) and inspection and not inspection.new:
        hint = (
            "Copy it to a folder you can write to, and open the copy in the Offload window."
            if access != Access.READ and read_only_reason
            else "Open it once in the Offload window, which upgrades it (keeping a copy)."
        )
        raise NeedsUpgrade(
            f"{path} comes from an earlier Offload (schema {inspection.version}) and must be "
            f"upgraded first. {hint} The file was not changed."
        )
    lock = None if read_only_reason else acquire_lock(path)
    previous = database.obj
    # db is bound just below, once the lock is held.
    store = Store(path=path, db=None, lock=lock, read_only_reason=read_only_reason)  # type: ignore[arg-type]
    try:
        if read_only_reason:
            store.db = bind_database(path, read_only=read_only_parameters(path))
        else:
            assert inspection is not None
            _open_for_writing(store, inspection, steps)
    except BaseException as error:
        # Leave everything as it was: the lock released, and whichever
        # database was bound before (the window's, on File > Open) bound again.
        if store.db is not None:
            store.db.close()
            database.initialize(previous)
        if lock is not None:
            lock.unlock()
        if inspection is not None and not inspection.checked:
            # Damage explains a failure better than the failure does.
            check_database(path)
        if isinstance(error, (OSError, sqlite3.Error, PeeweeException)):
            explained = explain_database_error(error, path)
            raise StoreError(explained or f"Cannot open {path}: {error}") from error
        raise
    if read_only_reason and access != Access.READ:
        log.warning("opened %s read-only: %s", path, read_only_reason)
    if inspection is not None and not inspection.new and not inspection.checked:
        store.check_in_background()
    use_owner_locale()
    return store


def _open_workspace(url: str, access: Access, create: bool, upgrade: bool) -> Store:
    from desktop_app.workspace import describe, local_folder, open_workspace

    read_only = access == Access.READ
    db, reason = open_workspace(
        url, read_only=read_only, create=create and not read_only, upgrade=upgrade
    )
    store = Store(
        path=local_folder(url) / "workspace",
        db=db,
        lock=None,
        read_only_reason=reason,
        url=describe(url),
    )
    use_owner_locale()
    return store


def use_owner_locale() -> None:
    """The bound database's Formats and Language settings, for this process:
    every figure and date written from now on (window, exports, PDFs)."""
    try:
        chosen = load_settings()
    except (sqlite3.Error, PeeweeException) as error:
        log.warning("cannot read the locale settings: %s", error)
        chosen = Settings()
    use_locale(chosen.locale)
    use_language(chosen.language)


def _plan(
    path: Path, access: Access, create: bool, damaged_read_only: bool, check_later: bool = False
) -> tuple[Inspection | None, str]:
    """What the file is (None when damaged and to be read anyway), and why
    it must be opened read-only ("" when it can be written). `check_later`:
    SQLite's quick_check is left to the caller."""
    read_only_reason = ""
    try:
        inspection: Inspection | None = inspect_database(path, quick_check=not check_later)
    except DatabaseDamaged:
        if not damaged_read_only:
            raise
        inspection, read_only_reason = None, "it is damaged"
    if inspection is not None:
        if inspection.new and (not create or access == Access.READ):
            state = "is empty" if path.exists() else "does not exist"
            raise StoreError(f"{path} {state}: it holds no Offload data.")
        if inspection.version > LATEST_VERSION:
            raise DatabaseTooNew(
                f"{path} was written by a newer version of Offload (schema "
                f"{inspection.version}; this version knows up to {LATEST_VERSION}). Update "
                "Offload to open it; the file was not changed."
            )
    if access == Access.READ:
        return inspection, read_only_reason or "opened for reading only"
    if inspection is not None and inspection.new:
        _make_folder(path.parent)
    disk_reason = "" if read_only_reason else why_read_only(path)
    if disk_reason:
        if access == Access.WRITE or inspection is None or inspection.new:
            action = "create a database" if inspection and inspection.new else "change it"
            raise StoreError(f"Cannot {action}: {path} cannot be written ({disk_reason}).")
        read_only_reason = disk_reason
    return inspection, read_only_reason


def _open_for_writing(store: Store, inspection: Inspection, steps: list[Migration]) -> None:
    """Back up (before an upgrade, or the day's first copy), bind, upgrade, seed."""
    path, version = store.path, inspection.version
    if steps and version:
        store.backup_path = backup_before_migration(path, version)
    elif not inspection.new and daily_backup_due(path, date.today()):
        store.daily_backup_path = _daily_backup(path)
    create_private_file(path)
    store.db = bind_database(path)
    if steps:
        log.info("migrating %s from schema %s to %s", path, version, LATEST_VERSION)
        migrate(store.db, steps)
    # Fills only settings never stored: a new database takes the system's
    # currency and paper size, an existing one keeps what the owner chose.
    seed_defaults(locale_defaults())


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(f"Cannot create the folder {folder}: {error.strerror}.") from error


def _daily_backup(path: Path) -> Path | None:
    """The day's first copy; a failure (a full disk, say) is logged, not fatal:
    the owner can still open and read their data."""
    try:
        return automatic_backup(path, Reason.DAILY)
    except UserError as error:
        log.warning("no daily backup of %s: %s", path, error)
        return None
