"""What migration steps share."""

from __future__ import annotations

from collections.abc import Iterable

from peewee import SqliteDatabase


def run_statements(db: SqliteDatabase, statements: Iterable[str]) -> None:
    """Run frozen DDL statements, in order."""
    for statement in statements:
        db.execute_sql(statement)
