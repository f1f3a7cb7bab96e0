"""The undoable edits of the Engagements tab, one class per operation.

Each writes through `desktop_app.models` functions. Rows a command creates
are removed with a snapshot on undo, so redo puts them back under the same
ids and later commands on the stack still find them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from desktop_app.models.engagements import (
    update_engagement,
    write_engagement_values,
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


class CreateRowCommand(AddRowsCommand):
    """Create one row (a check-in, a piece of feedback); undo removes it.

    Attributes:
        row_id: the id of the created row, once applied.
    """

    topics = (Topic.ENGAGEMENTS,)

    def __init__(
        self,
        ctx: AppContext,
        text: str,
        create: Callable[[], int],
        delete: Callable[[int], RowSnapshot],
    ) -> None:
        super().__init__(ctx, text)
        self._create = create
        self._delete = delete
        self.row_id: int | None = None

    def first_apply(self) -> None:
        self.row_id = self._create()

    def take_back(self) -> RowSnapshot:
        assert self.row_id is not None
        return self._delete(self.row_id)


class DeleteRowCommand(DeleteRowsCommand):
    """Delete a row with what depends on it; undo restores it under its id."""

    topics = (Topic.ENGAGEMENTS,)

    def __init__(self, ctx: AppContext, text: str, delete: Callable[[], RowSnapshot]) -> None:
        super().__init__(ctx, text)
        self._delete = delete

    def take_out(self) -> RowSnapshot:
        return self._delete()


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
