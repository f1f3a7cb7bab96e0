"""The undoable edits of the Engagements tab, one class per operation.

Each writes through `desktop_app.models` functions. Rows a command creates
are removed with a snapshot on undo, so redo puts them back under the same
ids and later commands on the stack still find them.
"""

from __future__ import annotations

from collections.abc import Mapping
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
    redo_hire,
    reopen,
    undo_end,
    undo_hire,
    undo_reopen,
)
from desktop_app.models.snapshots import RowSnapshot
from desktop_app.views.context import AppContext, Topic
from desktop_app.views.undo import AddRowsCommand, DeleteRowsCommand, StoreCommand


class AddCheckInCommand(AddRowsCommand):
    """Record a check-in (a report, or a request for one); undo removes it.

    Attributes:
        row_id: the new check-in's id, once applied.
    """

    topics = (Topic.ENGAGEMENTS,)

    def __init__(
        self,
        ctx: AppContext,
        engagement_id: int,
        day: date,
        fields: Mapping[str, Any],
        text: str = "Add check-in",
    ) -> None:
        super().__init__(ctx, text)
        self.engagement_id = engagement_id
        self._day = day
        self._fields = dict(fields)
        self.row_id: int | None = None

    def first_apply(self) -> None:
        self.row_id = add_check_in(self.engagement_id, self._day, **self._fields)

    def take_back(self) -> RowSnapshot:
        assert self.row_id is not None
        return delete_check_in(self.row_id)


class AddFeedbackCommand(AddRowsCommand):
    """Record feedback on a piece of finished work; undo removes it.

    Attributes:
        row_id: the new feedback's id, once applied.
    """

    topics = (Topic.ENGAGEMENTS,)

    def __init__(
        self, ctx: AppContext, engagement_id: int, day: date, fields: Mapping[str, Any]
    ) -> None:
        super().__init__(ctx, "Add feedback")
        self.engagement_id = engagement_id
        self._day = day
        self._fields = dict(fields)
        self.row_id: int | None = None

    def first_apply(self) -> None:
        self.row_id = add_feedback(self.engagement_id, self._day, **self._fields)

    def take_back(self) -> RowSnapshot:
        assert self.row_id is not None
        return delete_feedback(self.row_id)


class EditCheckInCommand(StoreCommand):
    """Change a check-in, checked as a new one is; undo writes the old values."""

    topics = (Topic.ENGAGEMENTS,)

    def __init__(
        self, ctx: AppContext, check_in_id: int, day: date, fields: Mapping[str, Any]
    ) -> None:
        super().__init__(ctx, "Edit check-in")
        self.row_id = check_in_id
        self._day = day
        self._fields = dict(fields)
        self._previous: dict[str, Any] = {}

    def apply(self) -> None:
        self._previous = update_check_in(self.row_id, self._day, **self._fields)

    def revert(self) -> None:
        write_check_in_values(self.row_id, self._previous)


class EditFeedbackCommand(StoreCommand):
    """Change feedback, checked as new feedback is; undo writes the old values."""

    topics = (Topic.ENGAGEMENTS,)

    def __init__(
        self, ctx: AppContext, feedback_id: int, day: date, fields: Mapping[str, Any]
    ) -> None:
        super().__init__(ctx, "Edit feedback")
        self.row_id = feedback_id
        self._day = day
        self._fields = dict(fields)
        self._previous: dict[str, Any] = {}

    def apply(self) -> None:
        self._previous = update_feedback(self.row_id, self._day, **self._fields)

    def revert(self) -> None:
        write_feedback_values(self.row_id, self._previous)


class DeleteTimelineEntryCommand(DeleteRowsCommand):
    """Delete a check-in or a piece of feedback; undo restores it under its id."""

    topics = (Topic.ENGAGEMENTS,)

    def __init__(self, ctx: AppContext, entry: CheckInRecord | FeedbackRecord) -> None:
        super().__init__(ctx, "Delete timeline entry")
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
        super().__init__(ctx, "Put on notice")
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
        super().__init__(ctx, f"Hire {contractor_name}")
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
    topics = (Topic.ENGAGEMENTS, Topic.CONTRACTORS)

    def __init__(self, ctx: AppContext, engagement_id: int, end_date: date, reason: str) -> None:
        super().__init__(ctx, "End engagement")
        self.engagement_id = engagement_id
        self._end_date = end_date
        self._reason = reason
        self._ending: Ending | None = None

    def apply(self) -> None:
        self._ending = end_engagement(self.engagement_id, self._end_date, self._reason)

    def revert(self) -> None:
        assert self._ending is not None
        undo_end(self._ending)


class ReopenCommand(StoreCommand):
    """Confidence lost: the brief back to "posted", the engagement on notice.

    Attributes:
        reopening: what `reopen` changed, with the brief's skills.
    """

    topics = (Topic.ENGAGEMENTS, Topic.BRIEFS)

    def __init__(self, ctx: AppContext, engagement_id: int, today: date) -> None:
        super().__init__(ctx, "Reopen the brief")
        self.engagement_id = engagement_id
        self._today = today
        self.reopening: Reopening | None = None

    def apply(self) -> None:
        self.reopening = reopen(self.engagement_id, self._today)

    def revert(self) -> None:
        assert self.reopening is not None
        undo_reopen(self.reopening)
