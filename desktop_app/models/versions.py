"""No lost updates: each editable row carries a version number.

Two people may work in one team workspace at once. Each client remembers
the version of each row it last read or wrote (`session.seen`); a save is a
conditional UPDATE (`... WHERE id = ? AND row_version = <seen>`) that also
bumps the version and records who changed the row. When someone else saved
the row since, nothing is written and `StaleEdit` says who and when, with
their value beside yours. An undo is a save like any other: undoing what
someone has changed since is refused the same way, never silently applied.

A row this client never read (a script, the demo) is saved without the
check. The rows that carry a version: briefs and their expectations.
"""

from __future__ import annotations

import getpass
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from desktop_app.models.errors import UserError
from desktop_app.models.formats import date_time
from desktop_app.models.i18n import _


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


@dataclass
class EditSession:
    """This client: who edits (`person`), and the row versions it has seen."""

    person: str = field(default_factory=_login_name)
    seen: dict[tuple[str, int], int] = field(default_factory=dict)


# The running app's one session; tests swap it to play a second client.
session = EditSession()


def use_session(new: EditSession) -> EditSession:
    """Make `new` this process's session; returns the one it replaces."""
    global session
    previous, session = session, new
    return previous


class StaleEdit(UserError):
    """A save refused because someone else saved the row since it was read.

    Attributes:
        changed_by, changed_at: who saved it last, and when.
        theirs, yours: field -> the stored value and the value refused.
    """

    def __init__(
        self,
        what: str,
        changed_by: str,
        changed_at: datetime | None,
        theirs: Mapping[str, Any],
        yours: Mapping[str, Any],
    ) -> None:
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.theirs = dict(theirs)
        self.yours = dict(yours)
        who = changed_by or _("someone else")
        lines = [
            (
                _(
                    "{what} was changed by {who} on {when} since you read it; your change was "
                    "not saved. Look at theirs, then make yours again if it still stands."
                )
                if changed_at
                else _(
                    "{what} was changed by {who} since you read it; your change was not saved. "
                    "Look at theirs, then make yours again if it still stands."
                )
            ).format(what=what, who=who, when=date_time(changed_at) if changed_at else "")
        ]
        for name in self.yours:
            label = name.replace("_", " ").capitalize()
            lines.append(f"{label}, theirs: {_shown(self.theirs.get(name))}")
            lines.append(f"{label}, yours: {_shown(self.yours[name])}")
        super().__init__("\n".join(lines))


def _shown(value: Any) -> str:
    text = "(empty)" if value in (None, "") else str(value)
    return repr(text[:80] + ("…" if len(text) > 80 else ""))


def _key(model: Any, row_id: int) -> tuple[str, int]:
    return (model._meta.table_name, int(row_id))


def remember(model: Any, row_id: int, version: int) -> None:
    """This client has read (or written) version `version` of the row."""
    session.seen[_key(model, row_id)] = int(version)


def saved_values(model: Any, row_id: int) -> dict[str, Any]:
    """What a save adds to its UPDATE: the version bumped, the person."""
    return {"row_version": model.row_version + 1, "changed_by": session.person}


def save(
    model: Any,
    row_id: int,
    values: Mapping[str, Any],
    *,
    what: str,
    changed_at_field: str,
    extra: Mapping[str, Any] | None = None,
) -> None:
    """UPDATE the row with `values` (and `extra`, written but not compared)
    unless someone else saved it since this client read it: StaleEdit then,
    and nothing written. Call inside the edit's transaction."""
    key = _key(model, row_id)
    seen = session.seen.get(key)
    query = model.update(
        **values, **(extra or {}), row_version=model.row_version + 1, changed_by=session.person
    ).where(model.id == row_id)
    if seen is not None:
        query = query.where(model.row_version == seen)
    if query.execute() != 1:
        row = model.get_by_id(row_id)
        raise StaleEdit(
            what,
            row.changed_by,
            getattr(row, changed_at_field),
            {name: getattr(row, name) for name in values},
            values,
        )
    (version,) = model.select(model.row_version).where(model.id == row_id).tuples().get()
    session.seen[key] = int(version)
