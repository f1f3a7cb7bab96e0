"""What migration steps share."""

from __future__ import annotations

from collections.abc import Iterable

from peewee import Database

from desktop_app.models.engine import portable_ddl


def run_statements(db: Database, statements: Iterable[str]) -> None:
    """Run frozen DDL statements (SQLite's), in order, as `db`'s engine reads them."""
    for statement in statements:
        db.execute_sql(portable_ddl(db, statement))
