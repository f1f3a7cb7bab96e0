"""The undoable edits of the Engagements tab, one class per operation.

Each writes through `desktop_app.models` functions. Rows a command creates
are removed with a snapshot on undo, so redo puts them back under the same
ids and later commands on the stack still find them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from desktop_app.models.engagements import (
    CheckInRecord,
    FeedbackRecord,
    add_check_in,
    add_feedback,
    delete_check_in,
    delete_feedback,
    update_check_in,
    update_engagement,
    update_feedback,
    write_check_in_values,
    write_engagement_values,
    write_feedback_values,
)
from desktop_app.models.hiring import (
    Ending,
    Hiring,
    Reopening,
    end_engagement,
    hire,
    put_on_notice,
    redo_end,
    redo_hire,
    reopen,
    undo_end,
    undo_hire,
    undo_reopen,
)
from desktop_app.models.i18n import _
from desktop_app.models.snapshots import RowSnapshot
from desktop_app.views.context import AppContext, Topic
from desktop_app.views.undo import AddRowsCommand, DeleteRowsCommand, StoreCommand


class AddEntryCommand(AddRowsCommand):
    """Record a timeline entry through `add(engagement_id, day, **fields)`;
    undo removes it through `delete(id)`.

    Attributes:
        row_id: the new entry's id, once applied.
    """

    topics = (Topic.ENGAGEMENTS,)
    add: Callable[..., int]
    delete: Callable[[int], RowSnapshot]

    def __init__(
        self, ctx: AppContext, engagement_id: int, day: date, fields: Mapping[str, Any], text: str
    ) -> None:
        super().__init__(ctx, text)
        self.engagement_id = engagement_id
        self._day = day
        self._fields = dict(fields)
        self.row_id: int | None = None

    def first_apply(self) -> None:
        self.row_id = self.add(self.engagement_id, self._day, **self._fields)

    def take_back(self) -> RowSnapshot:
        assert self.row_id is not None
        return self.delete(self.row_id)


class AddCheckInCommand(AddEntryCommand):
    """Record a check-in (a report, or a request for one); undo removes it."""

    add = staticmethod(add_check_in)
    delete = staticmethod(delete_check_in)

    def __init__(
        self,
        ctx: AppContext,
        engagement_id: int,
        day: date,
        fields: Mapping[str, Any],
        text: str = _("Add check-in"),
    ) -> None:
        super().__init__(ctx, engagement_id, day, fields, text)


class AddFeedbackCommand(AddEntryCommand):
    """Record feedback on a piece of finished work; undo removes it."""

    add = staticmethod(add_feedback)
    delete = staticmethod(delete_feedback)

    def __init__(
        self, ctx: AppContext, engagement_id: int, day: date, fields: Mapping[str, Any]
    ) -> None:
        super().__init__(ctx, engagement_id, day, fields, _("Add feedback"))


class EditEntryCommand(StoreCommand):
    """Change a timeline entry through `update(id, day, **fields)`, checked as a
    new one is; undo writes the old values back through `write(id, values)`."""

    topics = (Topic.ENGAGEMENTS,)
    update: Callable[..., dict[str, Any]]
    write: Callable[[int, Mapping[str, Any]], None]

    def __init__(
        self, ctx: AppContext, row_id: int, day: date, fields: Mapping[str, Any], text: str
    ) -> None:
        super().__init__(ctx, text)
        self.row_id = row_id
        self._day = day
        self._fields = dict(fields)
        self._previous: dict[str, Any] = {}

    def apply(self) -> None:
        self._previous = self.update(self.row_id, self._day, **self._fields)

    def revert(self) -> None:
        self.write(self.row_id, self._previous)


class EditCheckInCommand(EditEntryCommand):
    update = staticmethod(update_check_in)
    write = staticmethod(write_check_in_values)

    def __init__(
        self, ctx: AppContext, check_in_id: int, day: date, fields: Mapping[str, Any]
    ) -> None:
        super().__init__(ctx, check_in_id, day, fields, _("Edit check-in"))


class EditFeedbackCommand(EditEntryCommand):
    update = staticmethod(update_feedback)
    write = staticmethod(write_feedback_values)

    def __init__(
        self, ctx: AppContext, feedback_id: int, day: date, fields: Mapping[str, Any]
    ) -> None:
        super().__init__(ctx, feedback_id, day, fields, _("Edit feedback"))


class DeleteTimelineEntryCommand(DeleteRowsCommand):
    """Delete a check-in or a piece of feedback; undo restores it under its id."""

    topics = (Topic.ENGAGEMENTS,)

    def __init__(self, ctx: AppContext, entry: CheckInRecord | FeedbackRecord) -> None:
        super().__init__(ctx, _("Delete timeline entry"))
        self.entry = entry

    def take_out(self) -> RowSnapshot:
        if isinstance(self.entry, FeedbackRecord):
            return delete_feedback(self.entry.id)
        return delete_check_in(self.entry.id)


class UpdateEngagementCommand(StoreCommand):
    """Change fields of an engagement (status, terms); undo writes the old values."""

    topics = (Topic.ENGAGEMENTS,)

    def __init__(
        self, ctx: AppContext, engagement_id: int, changes: Mapping[str, Any], text: str
    ) -> None:
        super().__init__(ctx, text)
        self.engagement_id = engagement_id
        self._changes = dict(changes)
        self._previous: dict[str, Any] = {}

    def apply(self) -> None:
        self._previous = update_engagement(self.engagement_id, self._changes)

    def revert(self) -> None:
        write_engagement_values(self.engagement_id, self._previous)


class PutOnNoticeCommand(StoreCommand):
    topics = (Topic.ENGAGEMENTS,)

    def __init__(self, ctx: AppContext, engagement_id: int, today: date) -> None:
        super().__init__(ctx, _("Put on notice"))
        self.engagement_id = engagement_id
        self._today = today
        self._previous: dict[str, Any] = {}

    def apply(self) -> None:
        self._previous = put_on_notice(self.engagement_id, self._today)

    def revert(self) -> None:
        write_engagement_values(self.engagement_id, self._previous)


class HireCommand(StoreCommand):
    """Hire a contractor for a brief: engagement, stage "hired", brief "filled".

    Attributes:
        hiring: what the hire created, once applied.
    """

    topics = (Topic.ENGAGEMENTS, Topic.CONTRACTORS, Topic.BRIEFS)

    def __init__(self, ctx: AppContext, contractor_name: str, **params: Any) -> None:
        super().__init__(ctx, _("Hire {name}").format(name=contractor_name))
        self._params = params
        self.hiring: Hiring | None = None
        self._snapshot: RowSnapshot | None = None

    def apply(self) -> None:
        if self.hiring is None:
            self.hiring = hire(**self._params)
        else:
            assert self._snapshot is not None
            redo_hire(self.hiring, self._snapshot)

    def revert(self) -> None:
        assert self.hiring is not None
        self._snapshot = undo_hire(self.hiring)


class EndEngagementCommand(StoreCommand):
    """End an engagement, revoking the accesses chosen and starting the
    offboarding checklist; undo takes all of it back, redo puts back the
    very same rows."""

    topics = (Topic.ENGAGEMENTS, Topic.CONTRACTORS)

    def __init__(
        self,
        ctx: AppContext,
        engagement_id: int,
        end_date: date,
        reason: str,
        revoke: Sequence[int] = (),
    ) -> None:
        super().__init__(ctx, _("End engagement"))
        self.engagement_id = engagement_id
        self._end_date = end_date
        self._reason = reason
        self._revoke = list(revoke)
        self._ending: Ending | None = None
        self._snapshot: RowSnapshot | None = None

    def apply(self) -> None:
        if self._ending is None:
            self._ending = end_engagement(
                self.engagement_id, self._end_date, self._reason, revoke=self._revoke
            )
        else:
            assert self._snapshot is not None
            redo_end(self._ending, self._snapshot)

    def revert(self) -> None:
        assert self._ending is not None
        self._snapshot = undo_end(self._ending)


class ReopenCommand(StoreCommand):
    """Confidence lost: the brief back to "posted", the engagement on notice.

    Attributes:
        reopening: what `reopen` changed, with the brief's skills.
    """

    topics = (Topic.ENGAGEMENTS, Topic.BRIEFS)

    def __init__(self, ctx: AppContext, engagement_id: int, today: date) -> None:
        super().__init__(ctx, _("Reopen the brief"))
        self.engagement_id = engagement_id
        self._today = today
        self.reopening: Reopening | None = None

    def apply(self) -> None:
        self.reopening = reopen(self.engagement_id, self._today)

    def revert(self) -> None:
        assert self.reopening is not None
        undo_reopen(self.reopening)
