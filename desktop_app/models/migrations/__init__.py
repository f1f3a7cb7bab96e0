"""The schema ladder: the stored schema version and the ordered steps up to now.

A new database climbs the whole ladder, so the path an old database takes
is the same path every test takes. Each step runs in a transaction with the
version bump, so a failed step leaves the file at the previous version.

To change the schema: change the model, then append a step here (a new
module `mNNNN_what.py` whose `apply(db, migrator)` uses
`playhouse.migrate` operations, or frozen DDL from `tools.schema_sql` for a
new table). Never edit a released step.

The same ladder serves both engines: `models.engine` keeps the version
(`PRAGMA user_version` on SQLite, a table on PostgreSQL), gives the
engine's migrator, and turns the frozen SQLite DDL into PostgreSQL's.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from peewee import Database

from desktop_app.models import engine

# The steps' modules and playhouse.migrate load only when a step runs:
# opening a database that is up to date (every start-up but the first after
# an update) needs neither.


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    # The step's module in this package; its `apply(db, migrator)` runs the step.
    module: str

    @property
    def apply(self) -> Callable[[Any, Any], None]:
        step = importlib.import_module(f"{__name__}.{self.module}")
        apply: Callable[[Any, Any], None] = step.apply
        return apply


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "settings", "m0001_settings"),
    Migration(2, "time audit", "m0002_time_audit"),
    Migration(3, "briefs", "m0003_briefs"),
    Migration(4, "contractors", "m0004_contractors"),
    Migration(5, "engagements", "m0005_engagements"),
    Migration(6, "unrated tasks, hand-off day", "m0006_unrated_tasks"),
    Migration(7, "procedures and questions", "m0007_procedures"),
    Migration(8, "running engagements and focus", "m0008_running"),
    Migration(9, "hiring: job posts, screening, trials, referrals, messages", "m0009_hiring"),
    Migration(10, "each brief's count of clarity findings", "m0010_brief_findings"),
    Migration(11, "row versions of briefs and expectations", "m0011_row_versions"),
    Migration(12, "row versions everywhere, and history", "m0012_row_versions_everywhere"),
    Migration(13, "attached files' contents in a team workspace", "m0013_attachment_contents"),
    Migration(14, "each brief's own language", "m0014_brief_language"),
)

LATEST_VERSION = MIGRATIONS[-1].version


def schema_version(db: Database) -> int:
    """The schema version stored in the database (0 for a new, empty one)."""
    return engine.schema_version(db)


def pending_migrations(version: int) -> list[Migration]:
    """The steps a database at `version` still has to climb."""
    return [step for step in MIGRATIONS if step.version > version]


def migrate(db: Database, steps: list[Migration]) -> None:
    """Run `steps` in order, each in its own transaction with its version bump."""
    migrator = engine.migrator_for(db)
    for step in steps:
        # On SQLite migration_context switches foreign keys off while a table
        # is rebuilt, so a rebuild never cascades deletes into other tables;
        # PostgreSQL alters tables in place, in a transaction.
        with migrator.migration_context():
            step.apply(db, migrator)
            engine.set_schema_version(db, step.version)
