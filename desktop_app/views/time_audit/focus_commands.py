"""The undoable edits of the owner's focus: what counts as growth work, the
week's priorities, and the monthly results. One named command per operation,
each one model function in one transaction."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from desktop_app.models.focus import (
    add_priority,
    delete_priority,
    set_area_growth,
    set_task_growth,
    update_priority,
    write_priority_values,
)
from desktop_app.models.formats import month_year
from desktop_app.models.i18n import _, count
from desktop_app.models.results import (
    check_name,
    import_results,
    restore_results,
    set_result,
    write_result,
)
from desktop_app.models.snapshots import RowSnapshot
from desktop_app.views.context import AppContext, Topic
from desktop_app.views.undo import AddRowsCommand, DeleteRowsCommand, StoreCommand

FOCUS_TOPICS = (Topic.FOCUS,)


class SetTaskGrowthCommand(StoreCommand):
    """A task counts as growth work (True), does not (False), or as its area
    and need say (None)."""

    topics = FOCUS_TOPICS

    def __init__(self, ctx: AppContext, task_id: int, growth: bool | None, name: str) -> None:
        text = {
            True: _("Count “{}” as growth work"),
            False: _("Not count “{}” as growth work"),
            None: _("Let “{}” count as its area and need say"),
        }[growth].format(name)
        super().__init__(ctx, text)
        self.task_id = task_id
        self._growth = growth
        self._previous: bool | None = None

    def apply(self) -> None:
        self._previous = set_task_growth(self.task_id, self._growth)

    def revert(self) -> None:
        set_task_growth(self.task_id, self._previous)


class SetAreaGrowthCommand(StoreCommand):
    """A whole area of the time audit counts as growth work, or stops counting."""

    topics = FOCUS_TOPICS

    def __init__(self, ctx: AppContext, area: str, growth: bool, label: str) -> None:
        text = (
            _("Count the area {label} as growth work")
            if growth
            else _("Stop counting the area {label} as growth work")
        )
        super().__init__(ctx, text.format(label=label))
        self.area = area
        self._growth = growth
        self._previous = False

    def apply(self) -> None:
        self._previous = set_area_growth(self.area, self._growth)

    def revert(self) -> None:
        set_area_growth(self.area, self._previous)


class AddPriorityCommand(AddRowsCommand):
    """One of the week's (at most three) growth priorities."""

    topics = FOCUS_TOPICS

    def __init__(self, ctx: AppContext, week: date, text: str) -> None:
        super().__init__(ctx, _("Add a growth priority"))
        self._week = week
        self._text = text
        self.priority_id: int | None = None

    def first_apply(self) -> None:
        self.priority_id = add_priority(self._week, self._text)

    def take_back(self) -> RowSnapshot:
        assert self.priority_id is not None
        return delete_priority(self.priority_id)


class EditPriorityCommand(StoreCommand):
    """Reword a priority, or tick it done (`done_on`)."""

    topics = FOCUS_TOPICS

    def __init__(
        self, ctx: AppContext, priority_id: int, changes: Mapping[str, Any], text: str
    ) -> None:
        super().__init__(ctx, text)
        self.priority_id = priority_id
        self._changes = dict(changes)
        self._previous: dict[str, Any] = {}

    def apply(self) -> None:
        self._previous = update_priority(self.priority_id, self._changes)

    def revert(self) -> None:
        write_priority_values(self.priority_id, self._previous)


class DeletePriorityCommand(DeleteRowsCommand):
    topics = FOCUS_TOPICS

    def __init__(self, ctx: AppContext, priority_id: int) -> None:
        super().__init__(ctx, _("Drop a growth priority"))
        self.priority_id = priority_id

    def take_out(self) -> RowSnapshot:
        return delete_priority(self.priority_id)


class SetResultCommand(StoreCommand):
    """The owner's figure for a month (empty removes it)."""

    topics = FOCUS_TOPICS

    def __init__(self, ctx: AppContext, name: str, month: date, value: str) -> None:
        super().__init__(
            ctx, _("{name} of {month}").format(name=name.strip(), month=month_year(month))
        )
        self._name = name
        self._month = month
        self._value = value
        self._previous: Decimal | None = None

    def apply(self) -> None:
        self._previous = set_result(self._name, self._month, self._value)

    def revert(self) -> None:
        write_result(check_name(self._name), self._month, self._previous)


class ImportResultsCommand(StoreCommand):
    """Many months of a figure from a CSV, in one transaction."""

    topics = FOCUS_TOPICS

    def __init__(self, ctx: AppContext, name: str, values: Mapping[date, Decimal]) -> None:
        super().__init__(
            ctx,
            count(
                len(values),
                "Import {count} month of {name}",
                "Import {count} months of {name}",
                name=name.strip(),
            ),
        )
        self._name = name
        self._values = dict(values)
        self._previous: dict[date, Decimal | None] = {}

    def apply(self) -> None:
        self._previous = import_results(self._name, self._values)

    def revert(self) -> None:
        restore_results(self._name, self._previous)
