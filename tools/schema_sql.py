"""Print the DDL of models, frozen, for a new migration step.

    python -m tools.schema_sql desktop_app.models.tasks:Task,TimeEntry

A migration must keep creating the tables as they were when it was written,
whatever the models become later: so it holds this output as literal SQL,
and `tests/test_migrations.py` checks that the ladder and the models agree.
"""

from __future__ import annotations

import importlib
import sys

from peewee import SqliteDatabase

from desktop_app.models.base import database


def ddl_statements(models: list) -> list[str]:
    """CREATE TABLE and CREATE INDEX statements for `models`, in order."""
    database.initialize(SqliteDatabase(":memory:"))
    statements = []
    for model in models:
        sql, params = model._schema._create_table(safe=False).query()
        assert not params, params
        statements.append(sql)
        for index in model._schema._create_indexes(safe=False):
            sql, params = index.query()
            assert not params, params
            statements.append(sql)
    return statements


def main(argv: list[str]) -> int:
    models = []
    for spec in argv:
        module_name, _, names = spec.partition(":")
        module = importlib.import_module(module_name)
        models.extend(getattr(module, name) for name in names.split(","))
    print("STATEMENTS = (")
    for statement in ddl_statements(models):
        print(f"    {statement!r},")
    print(")")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
