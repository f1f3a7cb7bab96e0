"""No lost updates: each editable row carries a version number.

Two people may work in one team workspace at once. Each client remembers
the version of each row it last read or wrote (`session.seen`); a save is a
conditional UPDATE (`... WHERE id = ? AND row_version = <seen>`) that also
bumps the version and records who changed the row. When someone else saved
the row since, nothing is written and `StaleEdit` says who and when, with
their value beside yours. An undo is a save like any other: undoing what
someone has changed since is refused the same way, never silently applied.

A row this client never read (a script, the demo) is saved without the
check. The rows that carry a version: briefs and their expectations,
contractors, engagements with their check-ins and feedback, tasks,
procedures and their steps, hiring plans, payments, access grants and
checklist items (schemas 11 and 12).

Undo and redo do not trust `seen`: a window refreshed by another client's
edit has read their version since. An undo command runs under the versions
its own apply wrote (`tracking`), so it goes through only when nobody saved
the row after it.

Each save also leaves who changed which field, when, from what to what
(`models.history`): the rows' History panels read it.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from desktop_app.models import history
from desktop_app.models.base import ON_BIND, now
from desktop_app.models.errors import UserError
from desktop_app.models.formats import date_time
from desktop_app.models.i18n import _


def login_name() -> str:
    """Who edits when no name was given: the computer's login name."""
    return _login_name()


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
    # While an edit command runs (`tracking`): the versions it expects
    # (those its previous run wrote) and the versions it writes.
    expected: dict[tuple[str, int], int] | None = None
    written: dict[tuple[str, int], int] | None = None
    # The versions this client wrote, each row's: undoing an older edit
    # passes over this client's own later saves, never someone else's.
    own: dict[tuple[str, int], set[int]] = field(default_factory=dict)


# The running app's one session; tests swap it to play a second client.
session = EditSession()


def _forget() -> None:
    """Another database is bound: the versions seen belong to the one before."""
    session.seen.clear()
    session.own.clear()


ON_BIND.append(_forget)


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
        *,
        row: tuple[str, int] = ("", 0),
        version: int = 0,
    ) -> None:
        # The row refused and its version now: `read_theirs` takes it as read.
        self.row = row
        self.version = version
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
            ).format(what=_(what), who=who, when=date_time(changed_at) if changed_at else "")
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


def read_theirs(error: StaleEdit) -> None:
    """The owner has seen the other person's value (a StaleEdit showed it):
    their next save of the row goes over it."""
    if error.row[0]:
        session.seen[error.row] = error.version


@contextmanager
def tracking(
    expected: Mapping[tuple[str, int], int] | None,
) -> Iterator[dict[tuple[str, int], int]]:
    """Run one run of an edit command: its saves check the rows against
    `expected` (the versions its previous run wrote: an undo is refused when
    someone saved the row since) before what this client has seen; yields
    the versions this run writes, for the next run (redo after undo)."""
    written: dict[tuple[str, int], int] = {}
    before = session.expected, session.written
    session.expected, session.written = dict(expected or {}), written
    try:
        yield written
    finally:
        session.expected, session.written = before


def save(
    model: Any,
    row_id: int,
    values: Mapping[str, Any],
    *,
    what: str,
    changed_at_field: str = "changed_at",
    extra: Mapping[str, Any] | None = None,
    check: bool = True,
) -> None:
    """UPDATE the row with `values` (and `extra`, written but not compared)
    unless someone else saved it since this client read it: StaleEdit then,
    and nothing written. Keeps the fields it changed in the history. Call
    inside the edit's transaction. `check=False`: a change made on the way
    of another edit (a message sent sets the last contact): never refused,
    but still a new version, so a form open on the row is refused in turn."""
    key = _key(model, row_id)
    expected = session.expected.get(key) if session.expected else None
    allowed: list[int] = []
    if not check:
        pass
    elif expected is not None:
        # An undo or redo: the version its last run wrote, or one this
        # client's own later saves made of it (one version apart each).
        own = session.own.get(key, set())
        allowed = [expected]
        while allowed[-1] + 1 in own:
            allowed.append(allowed[-1] + 1)
    elif key in session.seen:
        allowed = [session.seen[key]]
    fields = [getattr(model, name) for name in values]
    before = model.select(*fields).where(model.id == row_id).dicts().first()
    if before is None:
        raise UserError(
            _("{what} was deleted (by someone else?); your change was not saved.").format(
                what=_(what)
            )
        )
    stamp = now()
    written = {changed_at_field: stamp, **values, **(extra or {})}
    query = model.update(
        **written, row_version=model.row_version + 1, changed_by=session.person
    ).where(model.id == row_id)
    if allowed:
        query = query.where(model.row_version.in_(allowed))
    if query.execute() != 1:
        row = model.get_by_id(row_id)
        theirs = {name: getattr(row, name) for name in values}
        # Shown side by side: the fields where theirs and yours differ.
        differ = [n for n in values if history.as_text(theirs[n]) != history.as_text(values[n])]
        shown = differ or list(values)
        raise StaleEdit(
            what,
            row.changed_by,
            getattr(row, changed_at_field),
            {name: theirs[name] for name in shown},
            {name: values[name] for name in shown},
            row=key,
            version=row.row_version,
        )
    (version,) = model.select(model.row_version).where(model.id == row_id).tuples().get()
    session.seen[key] = int(version)
    session.own.setdefault(key, set()).add(int(version))
    if session.written is not None:
        session.written[key] = int(version)
    history.record(key[0], key[1], before, values, person=session.person, at=stamp)


Versions = dict[tuple[str, int], int]


def read_for_editing(model: Any, row_ids: Any) -> Versions:
    """The versions of rows a form is opened on, remembered as seen: the
    form's save passes them to its command (`StoreCommand.expected`), so a
    save is refused when someone saved the row while the form was open,
    even if a list has since shown their change."""
    ids = [int(i) for i in ([row_ids] if isinstance(row_ids, int) else row_ids)]
    found: Versions = {}
    for row_id, version in (
        model.select(model.id, model.row_version).where(model.id.in_(ids)).tuples()
    ):
        found[_key(model, row_id)] = int(version)
    session.seen.update(found)
    return found


def remember_rows(model: Any, pairs: Any) -> None:
    """This client has read these (id, version) pairs (a list it shows)."""
    table = model._meta.table_name
    session.seen.update({(table, int(i)): int(v) for i, v in pairs})
