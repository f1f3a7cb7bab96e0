"""The database seam and the base class of every model.

Every model points at `database`, a proxy: the app binds the owner's file
at start-up (or a team workspace on a PostgreSQL server), the command line
binds the database it is given, and each test binds a fresh one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from peewee import (
    AutoField,
    Database,
    DatabaseProxy,
    Model,
    PostgresqlDatabase,
    SqliteDatabase,
    _savepoint,
)
from playhouse.sqlite_ext import AutoIncrementField

database = DatabaseProxy()

# Called each time another database is bound (`versions.py` forgets the row
# versions it had seen: ids repeat between databases).
ON_BIND: list[Callable[[], None]] = []

# How long a connection waits for another program's write lock, in seconds.
BUSY_TIMEOUT = 10.0

# WAL lets a reader (a backup, say) run beside the writer; synchronous=full
# trades a little speed for never losing a committed edit on power loss.
PRAGMAS = (
    ("journal_mode", "wal"),
    ("foreign_keys", 1),
    ("synchronous", "full"),
)


def _transaction_left(db: Database) -> bool:
    """Whether SQLite still holds a transaction: on a full disk it may have
    rolled the whole transaction back itself."""
    return bool(db.connection().in_transaction)


class _Savepoint(_savepoint):
    def rollback(self, begin: bool = True) -> None:
        if _transaction_left(self.db):
            super().rollback(begin)


class OffloadDatabase(SqliteDatabase):
    """SqliteDatabase whose rollback copes with SQLite having rolled back already.

    On a full disk (and some I/O errors) SQLite rolls the whole transaction
    back itself. Peewee then issues ROLLBACK, which fails with "cannot
    rollback - no transaction is active" and hides the real error; here the
    rollback is skipped when no transaction is left, so the full disk is
    what reaches the owner.
    """

    file_path: Path | None = None

    def rollback(self) -> None:
        if not self.is_closed() and not _transaction_left(self):
            return
        super().rollback()

    def savepoint(self) -> _Savepoint:
        return _Savepoint(self)


def bind_database(path: Path, *, read_only: Mapping[str, object] | None = None) -> OffloadDatabase:
    """Open the SQLite file at `path` and point every model at it.

    `read_only`, when given, holds the URI parameters that open the file so
    that SQLite refuses every write ({"mode": "ro"}, or {"immutable": 1}
    for a file in a folder that cannot be written).
    """
    if read_only is not None:
        query = "&".join(f"{key}={value}" for key, value in read_only.items())
        db = OffloadDatabase(
            f"file:{quote(str(path))}?{query}",
            uri=True,
            pragmas=(("foreign_keys", 1),),
            timeout=BUSY_TIMEOUT,
        )
    else:
        db = OffloadDatabase(str(path), pragmas=PRAGMAS, timeout=BUSY_TIMEOUT)
    db.file_path = path  # what exports compare their target with
    db.connect()
    _bind(db)
    return db


def _bind(db: Database | None) -> None:
    """Point every model at `db`; what belonged to the database before (the
    row versions this client had seen, `versions.py`) is forgotten."""
    for forget in ON_BIND:
        forget()
    database.initialize(db)


class OffloadPostgresDatabase(PostgresqlDatabase):
    """A team workspace on a PostgreSQL server, through psycopg 3.

    `url` is the URL as given, which never holds a password Offload stored:
    libpq reads it from ~/.pgpass or PGPASSWORD when the server asks.
    """

    file_path: Path | None = None
    url: str = ""

    def is_closed(self) -> bool:
        """Closed, or its session ended by the server (a restart, its
        administrator, the network): then the next statement connects again
        (the one that met the end failed, and said so). Never inside a
        transaction: that one is lost, and fails whole."""
        state: Any = getattr(self, "_state")  # noqa: B009 (Peewee's, untyped)
        conn = state.conn
        if (
            conn is not None
            and getattr(conn, "broken", False)
            and not state.transactions
            and not state.ctx
        ):
            with suppress(Exception):
                conn.close()
            state.reset()
        return bool(super().is_closed())


# Passwords the owner typed in the window, by workspace URL: kept in this
# process's memory for the session only, never written to settings, logs or
# the URL (libpq's ~/.pgpass and PGPASSWORD need none of this).
_session_passwords: dict[str, str] = {}


def _password_key(url: str) -> str:
    return "postgresql://" + url.removeprefix("postgres://").removeprefix("postgresql://")


def keep_password_for_session(url: str, password: str) -> None:
    """Use `password` for every connection to `url` until Offload closes."""
    _session_passwords[_password_key(url)] = password


def forget_session_passwords() -> None:
    """Forget every typed password (a new session: the tests' own)."""
    _session_passwords.clear()


def session_password(url: str) -> str | None:
    """The password the owner typed for `url` this session (None: libpq's own
    places, ~/.pgpass and PGPASSWORD, or none)."""
    return _session_passwords.get(_password_key(url)) or None


def postgres_database(url: str) -> OffloadPostgresDatabase:
    """An unopened connection to the PostgreSQL database at `url`."""
    from desktop_app.models.engine import CONNECT_TIMEOUT, load_postgresql_driver  # noqa: PLC0415

    load_postgresql_driver()  # Peewee was imported without it (desktop_app/__init__.py)
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    db = OffloadPostgresDatabase(
        url,
        prefer_psycopg3=True,
        connect_timeout=CONNECT_TIMEOUT,
        application_name="Offload",
        password=session_password(url),
    )
    db.url = url
    return db


def bind_postgres(db: OffloadPostgresDatabase) -> OffloadPostgresDatabase:
    """Open `db` (if needed) and point every model at it."""
    db.connect(reuse_if_open=True)
    _bind(db)
    return db


def bound_path() -> Path | None:
    """The file of the bound database, if any."""
    return getattr(database.obj, "file_path", None)


def unbind_database() -> None:
    """Close the bound database, if any."""
    if database.obj is not None:
        database.obj.close()
        _bind(None)


def now() -> datetime:
    """The local time to the second: what the owner sees on their clock."""
    return datetime.now().replace(microsecond=0)


class BaseModel(Model):
    # AUTOINCREMENT: an id is never handed out twice, so undoing a delete can
    # put rows back under their old ids without colliding with newer rows.
    id: AutoField[int] = AutoIncrementField()

    class Meta:
        database = database
        legacy_table_names = False

    @classmethod
    def after_restore(cls, rows: list[dict[str, Any]]) -> None:
        """`snapshots.restore` put `rows` (column -> value) back: a model
        whose rows other figures are counted from counts them again here."""
