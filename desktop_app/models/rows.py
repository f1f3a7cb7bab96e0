"""What a Peewee query gives, typed.

types-peewee types `.tuples()` and `.dicts()` as the query itself (so its
rows would be model instances) and an insert's `.execute()` as untyped,
and its `Model.delete` cannot be called through the class without a
checker's complaint.
These say what each really gives, so the type checker follows the rows
into the code that reads them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from peewee import BaseQuery, Model, ModelDelete, ModelInsert


def tuples(query: BaseQuery) -> Iterator[tuple[Any, ...]]:
    """The rows of `query`, each a tuple of its selected columns."""
    return iter(query.tuples())


def dicts(query: BaseQuery) -> Iterator[dict[str, Any]]:
    """The rows of `query`, each a dict of column name to value."""
    return iter(query.dicts())


def inserted_id(query: ModelInsert) -> int:
    """Run a one-row insert; the new row's id."""
    return int(query.execute())


def delete_from(model: type[Model]) -> ModelDelete:
    """`model.delete()`: a DELETE of `model`'s table, to be narrowed with `.where()`."""
    return ModelDelete(model)
