"""Schema 6: a task's need and ratings may be unrated (NULL); the day of a hand-off.

A new task used to start as "repetitive, unskilled", quick at it, 3/3/3:
a candidate before the owner said anything. Those columns now accept NULL
("not rated yet"). Tasks stored before keep their values: nobody can tell
a default from an answer. `handed_off_on` is new; tasks already handed off
take the day they were last changed, the best guess of when that was.
"""

from __future__ import annotations

from peewee import DateField, SqliteDatabase
from playhouse.migrate import SqliteMigrator, migrate

NULLABLE = ("need", "owner_has_expertise", "dislike", "pull_away", "business_value")


def apply(db: SqliteDatabase, migrator: SqliteMigrator) -> None:
    migrate(
        *(migrator.drop_not_null("task", column) for column in NULLABLE),
        migrator.add_column("task", "handed_off_on", DateField(null=True)),
    )
    db.execute_sql("UPDATE task SET handed_off_on = date(updated_at) WHERE status = 'handed_off'")
