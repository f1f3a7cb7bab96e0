"""Schema 11: no lost updates in a team workspace. Briefs and their
expectations carry a version number, bumped by each save, and the name of
the person who saved last (`models.versions`); an expectation also keeps
when it was last changed (a brief has `updated_at`)."""

from __future__ import annotations

from typing import Any

from peewee import CharField, DateTimeField, IntegerField
from playhouse.migrate import migrate


def apply(db: Any, migrator: Any) -> None:
    migrate(
        migrator.add_column("brief", "row_version", IntegerField(default=1)),
        migrator.add_column("brief", "changed_by", CharField(max_length=200, default="")),
        migrator.add_column("expectation", "row_version", IntegerField(default=1)),
        migrator.add_column("expectation", "changed_by", CharField(max_length=200, default="")),
        migrator.add_column("expectation", "changed_at", DateTimeField(null=True)),
    )
