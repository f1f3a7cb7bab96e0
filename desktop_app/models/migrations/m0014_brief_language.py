"""Schema 14: each brief has its own language, the one its PDF is written in
(an owner may brief a contractor in another language than the app's). ""
means the app's language, which every brief stored before keeps."""

from __future__ import annotations

from typing import Any

from peewee import CharField
from playhouse.migrate import migrate


def apply(db: Any, migrator: Any) -> None:
    migrate(migrator.add_column("brief", "language", CharField(max_length=10, default="")))
