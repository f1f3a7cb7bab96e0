"""A team workspace: Offload's data in a PostgreSQL database on a server.

`store.open_store` comes here for a `postgresql://` URL, so the window and
every subcommand open a workspace exactly as they open a file, with the
same promises where they make sense on a server:

- a server that does not answer is given up after a few seconds, and
  wrong credentials, a missing database, an old server and a database
  holding another application's tables each get one clear line, with
  nothing changed;
- passwords come from libpq's own places (~/.pgpass, PGPASSWORD), never
  from Offload's settings, and never appear in what Offload shows or logs;
- the same schema ladder and version gate: a workspace from a newer
  Offload is refused, an older one upgraded (by one client at a time: an
  advisory lock), a read-only opening never writes;
- the server's transactions replace the file's lock: several people work
  in one workspace at once, and `models.versions` refuses a stale save.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import re
import threading
from pathlib import Path

from peewee import PeeweeException
from PySide6.QtCore import QObject, Signal

from desktop_app.database_file import DatabaseTooNew, NeedsUpgrade, StoreError
from desktop_app.locale_defaults import locale_defaults
from desktop_app.models.base import (
    OffloadPostgresDatabase,
    bind_postgres,
    database,
    postgres_database,
    session_password,
)
from desktop_app.models.engine import (
    CHANGES_CHANNEL,
    CONNECT_TIMEOUT,
    VERSION_TABLE,
    announced_topic,
    execute,
    schema_version,
    server_version,
)
from desktop_app.models.migrations import LATEST_VERSION, migrate, pending_migrations
from desktop_app.models.settings import seed_defaults

log = logging.getLogger("offload.db")

# The oldest PostgreSQL Offload supports (identity columns, to_char, ...).
OLDEST_SERVER = 120000
OLDEST_SERVER_TEXT = "12"

# pg_advisory_lock's key while a client upgrades a workspace.
_MIGRATION_LOCK = 0x0FF10AD


def describe(url: str) -> str:
    """`url` as shown and logged: without a password, whatever it held."""
    return re.sub(r"(://[^:/@?]+):[^@/?]*@", r"\1@", url)


def _parts(url: str) -> dict[str, str]:
    from psycopg.conninfo import conninfo_to_dict

    try:
        return {key: str(value) for key, value in conninfo_to_dict(url).items()}
    except Exception as error:
        raise StoreError(
            f"{describe(url)} is not a PostgreSQL address Offload can read: {error}"
        ) from error


def local_folder(url: str) -> Path:
    """This computer's folder for what a workspace keeps locally (sent files, exports)."""
    from desktop_app.paths import data_dir

    parts = _parts(url)
    name = "-".join(parts.get(key, "") for key in ("host", "port", "dbname") if parts.get(key))
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", name)[:60] or "workspace"
    digest = hashlib.sha256(describe(url).encode()).hexdigest()[:8]
    folder = data_dir() / "workspaces" / f"{slug}-{digest}"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def user_and_place(url: str) -> tuple[str, str]:
    """Who connects to `url` and where: ("ann", "db.example:5432")."""
    parts = _parts(url)
    where = parts.get("host", "the local socket") + (f":{parts['port']}" if "port" in parts else "")
    return parts.get("user", "") or getpass.getuser(), where


def explain_connection_error(error: BaseException, url: str) -> str:
    """One line for the owner about why the server did not let Offload in."""
    parts = _parts(url)
    where = parts.get("host", "the local socket") + (f":{parts['port']}" if "port" in parts else "")
    user = parts.get("user", "your login name")
    name = parts.get("dbname", "")
    text = str(error)
    lowered = text.lower()
    if "timeout expired" in lowered or "timed out" in lowered:
        return (
            f"The PostgreSQL server at {where} did not answer within {CONNECT_TIMEOUT} seconds. "
            "Check the address and that the server is running; nothing was changed."
        )
    if "connection refused" in lowered or "no such file or directory" in lowered:
        return (
            f"Cannot reach a PostgreSQL server at {where} (connection refused). Check the "
            "address and port, and that the server is running; nothing was changed."
        )
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return (
            f"The PostgreSQL server at {where} refused the password of {user}. Put the right one "
            "in ~/.pgpass (or PGPASSWORD); Offload never stores it. Nothing was changed."
        )
    if re.search(r'role "[^"]*" does not exist', lowered):
        return f"The PostgreSQL server at {where} has no user {user}. Nothing was changed."
    if re.search(r'database "[^"]*" does not exist', lowered):
        return (
            f"The PostgreSQL server at {where} has no database {name!r}. Ask its administrator "
            f"to create it (createdb {name}), then open it again. Nothing was changed."
        )
    if "could not translate host name" in lowered:
        return f"Cannot find the server {parts.get('host', '')}: check the address."
    first = text.strip().splitlines()[0] if text.strip() else type(error).__name__
    return f"Cannot open the workspace {describe(url)}: {first}"


def asks_for_a_password(error: BaseException) -> bool:
    """Whether the server wanted a password that none of libpq's places gave."""
    text = str(error).lower()
    return "no password supplied" in text or "password is required" in text


def try_connection(url: str, password: str = "") -> tuple[str, bool]:
    """Knock on the server of `url` (at most CONNECT_TIMEOUT seconds): why it
    did not let Offload in ("" when it did), and whether it asks for a
    password none was given for (or refused the `password` typed). Changes
    nothing; for a worker thread, so
    the window stays responsive meanwhile (`ConnectionAttempt`)."""
    import psycopg

    try:
        psycopg.connect(
            url,
            connect_timeout=CONNECT_TIMEOUT,
            application_name="Offload",
            password=password or session_password(url),
        ).close()
    except psycopg.Error as error:
        wrong_typed = password and "password authentication failed" in str(error).lower()
        if asks_for_a_password(error) or wrong_typed:
            return "", True
        try:
            return explain_connection_error(error, url), False
        except StoreError as unreadable:
            return str(unreadable), False
    return "", False


class ConnectionAttempt(QObject):
    """`try_connection` on a thread of its own, from `start()`; `finished(problem,
    needs_password)` arrives in the thread the attempt lives in, unless it
    was cancelled first (the thread then ends by itself, within the timeout)."""

    finished = Signal(str, bool)

    def __init__(self, url: str, password: str = "") -> None:
        super().__init__()
        self._cancelled = threading.Event()
        self._thread = threading.Thread(
            target=self._run, args=(url, password), name="offload-connect", daemon=True
        )

    def start(self) -> None:
        """Knock (after `finished` is connected: a refusal can come at once)."""
        self._thread.start()

    def cancel(self) -> None:
        self._cancelled.set()

    def _run(self, url: str, password: str) -> None:
        problem, needs_password = try_connection(url, password)
        if not self._cancelled.is_set():
            self.finished.emit(problem, needs_password)


def open_workspace(
    url: str, *, read_only: bool, create: bool, upgrade: bool
) -> tuple[OffloadPostgresDatabase, str]:
    """Connect, check, upgrade (when allowed) and bind the workspace at `url`.

    Returns the bound database and why it is read-only ("" when it is not).
    Raises StoreError with one line for the owner, leaving the database
    and whichever database was bound before as they were.
    """
    db = postgres_database(url)
    shown = describe(url)
    previous = database.obj
    try:
        db.connect()
    except PeeweeException as error:
        raise StoreError(explain_connection_error(error, url)) from error
    try:
        _check_server(db, shown)
        version = _check_contents(db, shown, create=create and not read_only)
        steps = pending_migrations(version)
        if steps and version and (read_only or not upgrade):
            raise NeedsUpgrade(
                f"{shown} comes from an earlier Offload (schema {version}) and must be upgraded "
                "first. Open it once in the Offload window, which upgrades it. Nothing was changed."
            )
        bind_postgres(db)
        if read_only:
            execute(db, "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            return db, "opened for reading only"
        _migrate_and_seed(db, shown)
    except BaseException as error:
        db.close()
        database.initialize(previous)
        if isinstance(error, PeeweeException):
            raise StoreError(explain_connection_error(error, url)) from error
        raise
    return db, ""


def _check_server(db: OffloadPostgresDatabase, shown: str) -> None:
    version = server_version(db)
    if version < OLDEST_SERVER:
        major = version // 10000
        raise StoreError(
            f"The server of {shown} runs PostgreSQL {major}; Offload needs "
            f"{OLDEST_SERVER_TEXT} or newer. Nothing was changed."
        )


def _check_contents(db: OffloadPostgresDatabase, shown: str, *, create: bool) -> int:
    """The workspace's schema version; refuses another application's database."""
    tables = db.get_tables()
    if tables and VERSION_TABLE not in tables:
        listed = ", ".join(tables[:4]) + (", …" if len(tables) > 4 else "")
        raise StoreError(
            f"{shown} holds another application's tables ({listed}), not an Offload "
            "workspace. Offload leaves it as it is: give it an empty database of its own."
        )
    version = schema_version(db)
    if version > LATEST_VERSION:
        raise DatabaseTooNew(
            f"{shown} was written by a newer version of Offload (schema {version}; this "
            f"version knows up to {LATEST_VERSION}). Update Offload to open it; nothing was "
            "changed."
        )
    if version == 0 and not create:
        raise StoreError(f"{shown} is empty: it holds no Offload data.")
    return version


def _migrate_and_seed(db: OffloadPostgresDatabase, shown: str) -> None:
    """Climb the ladder and store the settings never stored, one client at a
    time (an advisory lock): a second one waits, then finds it done."""
    execute(db, "SELECT pg_advisory_lock(%s)", (_MIGRATION_LOCK,))
    try:
        steps = pending_migrations(schema_version(db))
        if steps:
            log.info("migrating %s to schema %s", shown, LATEST_VERSION)
            migrate(db, steps)
        seed_defaults(locale_defaults())
    finally:
        execute(db, "SELECT pg_advisory_unlock(%s)", (_MIGRATION_LOCK,))


class ChangeListener(QObject):
    """Others' edits in a workspace, as they are committed (LISTEN/NOTIFY).

    A daemon thread holds a connection of its own and waits on the channel;
    `changed(topic)` is emitted for each edit another client announces
    (`engine.announce`), queued to the thread the listener lives in.
    """

    changed = Signal(str)

    def __init__(self, url: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._url = url
        self._stopped = threading.Event()
        # Set once the channel is listened to: announcements before are not heard.
        self.ready = threading.Event()
        self._thread = threading.Thread(target=self._listen, name="offload-listen", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop listening; returns at once (the thread ends within a second)."""
        self._stopped.set()

    def _listen(self) -> None:
        import psycopg

        try:
            with psycopg.connect(
                self._url,
                autocommit=True,
                connect_timeout=CONNECT_TIMEOUT,
                password=session_password(self._url),
            ) as connection:
                connection.execute(f'LISTEN "{CHANGES_CHANNEL}"')
                self.ready.set()
                while not self._stopped.is_set():
                    for notification in connection.notifies(timeout=0.5):
                        topic = announced_topic(notification.payload)
                        if topic is not None and not self._stopped.is_set():
                            self.changed.emit(topic)
        except psycopg.Error as error:
            if self._stopped.is_set():
                return  # the workspace closed under it: nothing to say
            # Refresh on focus still shows others' changes.
            log.warning("no live updates from %s: %s", describe(self._url), error)
