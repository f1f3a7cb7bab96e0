"""The database seam and the base class of every model.

Every model points at `database`, a proxy: the app binds the owner's file
at start-up, the command line binds the file it is given, and each test
binds a fresh temporary file.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from peewee import DatabaseProxy, Model, SqliteDatabase
from playhouse.sqlite_ext import AutoIncrementField

database = DatabaseProxy()

# WAL lets a reader (a backup, say) run beside the writer; synchronous=full
# trades a little speed for never losing a committed edit on power loss.
PRAGMAS = (
    ("journal_mode", "wal"),
    ("foreign_keys", 1),
    ("synchronous", "full"),
)


def bind_database(path: Path) -> SqliteDatabase:
    """Open the SQLite file at `path` and point every model at it."""
    db = SqliteDatabase(str(path), pragmas=PRAGMAS, timeout=10)
    db.connect()
    database.initialize(db)
    return db


def unbind_database() -> None:
    """Close the bound database, if any."""
    if database.obj is not None:
        database.obj.close()
        database.initialize(None)


def now() -> datetime:
    """The local time to the second: what the owner sees on their clock."""
    return datetime.now().replace(microsecond=0)


class BaseModel(Model):
    # AUTOINCREMENT: an id is never handed out twice, so undoing a delete can
    # put rows back under their old ids without colliding with newer rows.
    id = AutoIncrementField()

    class Meta:
        database = database
        legacy_table_names = False
