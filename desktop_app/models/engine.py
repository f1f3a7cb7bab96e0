"""What differs between SQLite and PostgreSQL, in one place.

The owner's own file is SQLite; a team workspace is a PostgreSQL database
(`--db postgresql://user@host/name`). Models, migrations and the store ask
here instead of writing engine-specific SQL, so no view (and almost no
model) knows which engine it runs on:

- the schema version: `PRAGMA user_version` on SQLite, a one-row table
  `offload_schema` on PostgreSQL;
- the frozen DDL of the migration steps is SQLite's; `portable_ddl` turns
  it into PostgreSQL's (AUTOINCREMENT ids become identity columns, which
  likewise never hand an id out twice; DATETIME is TIMESTAMP; the boolean
  columns SQLite stores as INTEGER are BOOLEAN);
- a date's month as "YYYY-MM" (`month_text`): SQLite stores dates as ISO
  text, PostgreSQL as dates;
- placeholders in the few raw statements (`?` or `%s`);
- after rows are inserted with ids of their own, PostgreSQL's id sequence
  is moved past them (`ids_inserted`).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import peewee
from peewee import SQL, Database, Expression, Function, PostgresqlDatabase, fn

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator

# What a --db value must start with to name a PostgreSQL database.
POSTGRES_SCHEMES = ("postgresql://", "postgres://")

# How long opening a connection to a server may take, in seconds: an
# unreachable server is refused quickly instead of freezing the window.
CONNECT_TIMEOUT = 5

# The channel on which each client announces its committed edits (LISTEN/NOTIFY),
# and this process's name on it, so it can leave its own announcements out.
CHANGES_CHANNEL = "offload_changes"
CLIENT_ID = uuid.uuid4().hex[:12]

# The table that holds a PostgreSQL workspace's schema version.
VERSION_TABLE = "offload_schema"

# The boolean columns the frozen SQLite DDL declares INTEGER, by table
# (tests/test_engine.py checks this against the models' BooleanFields).
BOOLEAN_COLUMNS: dict[str, frozenset[str]] = {
    "task": frozenset({"owner_has_expertise"}),
    "checklist_template": frozenset({"is_default"}),
    "reference": frozenset({"checked"}),
    "interview": frozenset({"held"}),
    "feedback": frozenset({"on_time"}),
    "growth_mark": frozenset({"growth"}),
}


def load_postgresql_driver() -> None:
    """Give Peewee psycopg 3 as its own import would have: Offload imports
    Peewee without it (desktop_app/__init__.py). Once; nothing when psycopg
    is not installed (Peewee then says so on connecting).
    tests/test_startup.py checks that these are every name Peewee takes from it."""
    module: Any = peewee  # its driver's names are set below
    if module.psycopg is not None:
        return
    try:
        # Here, not at the top: start-up never loads psycopg for a file.
        import psycopg  # noqa: PLC0415
        from psycopg.pq import TransactionStatus  # noqa: PLC0415
        from psycopg.types.json import Json, Jsonb  # noqa: PLC0415
    except ImportError:
        return
    module.psycopg = psycopg
    module.TransactionStatus = TransactionStatus
    module.Json_pg3 = Json
    module.Jsonb_pg3 = Jsonb
    adapter = peewee.Psycopg3Adapter
    adapter.txn_idle = TransactionStatus.IDLE
    adapter.txn_inerror = TransactionStatus.INERROR
    adapter.txn_unknown = TransactionStatus.UNKNOWN


def is_database_url(text: str) -> bool:
    """Whether a --db value names a PostgreSQL database rather than a file."""
    return text.strip().lower().startswith(POSTGRES_SCHEMES)


def is_postgres(db: Any) -> bool:
    """Whether `db` (a database or the models' proxy) is PostgreSQL."""
    return isinstance(getattr(db, "obj", db), PostgresqlDatabase)


def migrator_for(db: Database) -> SchemaMigrator:
    # playhouse.migrate (and the modules it pulls) loads only when a step
    # runs: an up-to-date database never needs it (issue 13's start-up).
    from playhouse.migrate import PostgresqlMigrator, SqliteMigrator  # noqa: PLC0415

    return PostgresqlMigrator(db) if is_postgres(db) else SqliteMigrator(db)


def schema_version(db: Any) -> int:
    """The stored schema version (0 for a new, empty database)."""
    if not is_postgres(db):
        return int(db.pragma("user_version"))
    if VERSION_TABLE not in db.get_tables():
        return 0
    row = db.execute_sql(f'SELECT "version" FROM "{VERSION_TABLE}"').fetchone()
    return int(row[0]) if row else 0


def set_schema_version(db: Any, version: int) -> None:
    """Store the schema version, in the caller's transaction."""
    if not is_postgres(db):
        db.pragma("user_version", version)
        return
    db.execute_sql(f'CREATE TABLE IF NOT EXISTS "{VERSION_TABLE}" ("version" INTEGER NOT NULL)')
    db.execute_sql(f'DELETE FROM "{VERSION_TABLE}"')
    db.execute_sql(f'INSERT INTO "{VERSION_TABLE}" ("version") VALUES (%s)', (version,))


_CREATE_TABLE = re.compile(r'^CREATE TABLE "(?P<table>\w+)"')


def portable_ddl(db: Database, statement: str) -> str:
    """A frozen (SQLite) DDL statement as `db`'s engine reads it."""
    if not is_postgres(db):
        return statement
    statement = statement.replace(
        "INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT",
        "INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
    )
    statement = re.sub(r"\bDATETIME\b", "TIMESTAMP", statement)
    statement = re.sub(r"\bBLOB\b", "BYTEA", statement)
    match = _CREATE_TABLE.match(statement)
    if match:
        for column in BOOLEAN_COLUMNS.get(match["table"], ()):
            statement = statement.replace(f'"{column}" INTEGER', f'"{column}" BOOLEAN')
    return statement


def month_text(field: Any) -> Function:
    """A date column's month as "YYYY-MM" text, on either engine."""
    if is_postgres(field.model._meta.database):
        # The format inline, not a parameter: the same expression in SELECT
        # DISTINCT and ORDER BY must read the same to the server.
        return fn.to_char(field, SQL("'YYYY-MM'"))
    return fn.SUBSTR(field, 1, 7)


def placeholders(count: int, db: Any) -> str:
    """`count` parameter marks for a raw statement on `db`."""
    return ", ".join([getattr(db, "param", "?")] * count)


def param(db: Any) -> str:
    """One parameter mark for a raw statement on `db`."""
    return str(getattr(db, "param", "?"))


def ids_inserted(db: Any, table: str) -> None:
    """Rows went into `table` with ids of their own: on PostgreSQL, move its
    id sequence past the largest, so the next row never collides (SQLite's
    AUTOINCREMENT follows by itself)."""
    if is_postgres(db):
        db.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
            f'COALESCE((SELECT MAX("id") FROM "{table}"), 0) + 1, false)'
        )


def execute(db: Any, sql: str, params: tuple[Any, ...] = ()) -> Any:
    """Run one raw statement on `db` (a typed seam over Peewee's execute_sql)."""
    return db.execute_sql(sql, params)


def server_version(db: Any) -> int:
    """A PostgreSQL server's version number (150018 for 15.18)."""
    return int(db.connection().pgconn.server_version)


def case_insensitive_equal(left: Any, right: Any) -> Expression:
    """`left = right`, ignoring case, on either engine."""
    return fn.LOWER(left) == fn.LOWER(right)


def announce(db: Any, topics: Iterable[str], sender: str = CLIENT_ID) -> None:
    """Tell the other clients of a workspace that `topics` changed (a committed
    edit, undo or redo): one notification per topic. Nothing on SQLite.
    `sender`: who announces (this process unless a test plays another)."""
    if not is_postgres(db):
        return
    for topic in topics:
        db.execute_sql("SELECT pg_notify(%s, %s)", (CHANGES_CHANNEL, f"{sender} {topic}"))


def announced_topic(payload: str) -> str | None:
    """The topic another client announced (None for this client's own)."""
    sender, _, topic = payload.partition(" ")
    return None if sender == CLIENT_ID or not topic else topic
