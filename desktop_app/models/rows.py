"""What a Peewee query gives, typed.

types-peewee types `.tuples()` and `.dicts()` as the query itself (so its
rows would be model instances) and an insert's `.execute()` as untyped,
and its `Model.delete` cannot be called through the class without a
checker's complaint.
These say what each really gives, so the type checker follows the rows
into the code that reads them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, datetime
from functools import cache
from typing import Any, TypeVar, cast

from peewee import BaseQuery, Model, ModelDelete, ModelInsert

from desktop_app.models.base import database


def tuples(query: BaseQuery) -> Iterator[tuple[Any, ...]]:
    """The rows of `query`, each a tuple of its selected columns."""
    return iter(query.tuples())


def plain_rows(query: BaseQuery) -> list[tuple[Any, ...]]:
    """The rows of `query` as SQLite gives them, not converted by the fields
    (dates stay ISO text, money stays a number): for reading thousands of
    rows whose few typed columns the caller converts itself, where Peewee's
    conversions would cost more than the query."""
    return list(database.execute_sql(*query.sql()).fetchall())


def iso_day(value: Any) -> date:
    """A (not null) DateField's stored text as a date, as Peewee would give it."""
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def iso_time(value: Any) -> datetime:
    """A (not null) DateTimeField's stored text as a datetime, as Peewee would
    give it ("2026-12-02 07:45:00", with or without microseconds)."""
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def dicts(query: BaseQuery) -> Iterator[dict[str, Any]]:
    """The rows of `query`, each a dict of column name to value."""
    return iter(query.dicts())


def inserted_id(query: ModelInsert) -> int:
    """Run a one-row insert; the new row's id."""
    return int(query.execute())


def delete_from(model: type[Model]) -> ModelDelete:
    """`model.delete()`: a DELETE of `model`'s table, to be narrowed with `.where()`."""
    return ModelDelete(model)


Frozen = TypeVar("Frozen")


@cache
def _field_names(cls: Any) -> frozenset[str]:
    return frozenset(field.name for field in dataclasses.fields(cls))


def frozen_row(cls: type[Frozen], values: dict[str, Any]) -> Frozen:
    """`cls(**values)` for a frozen dataclass given every one of its fields,
    made the way `copy.copy` makes one: its own __init__ sets each field
    through object.__setattr__, which costs more than reading the row when
    a list builds thousands of them (a row of 26 fields: 8 µs against 1)."""
    if values.keys() != _field_names(cast(Any, cls)):
        return cls(**values)  # fills the defaults, or says which field is wrong
    row: Frozen = object.__new__(cls)
    row.__dict__.update(values)
    return row
