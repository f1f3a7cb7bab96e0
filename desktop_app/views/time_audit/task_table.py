"""The task table: one row per task with its hours for the month, edited in place.

Each column is declared once (`task_columns`); an edit becomes an
`UpdateTaskCommand` through `commit`, which returns the refusal message of
the models' validation (shown in the tab's status line) or None.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtCore import Signal as QtSignal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop_app.models.formats import hours, money, number
from desktop_app.models.i18n import _, count
from desktop_app.models.tasks import (
    AREA_LABELS,
    AREAS,
    NEED_LABELS,
    OVERRIDE_LABELS,
    TASK_STATUS_LABELS,
    Need,
    TaskRow,
    TaskStatus,
    format_minutes,
)
from desktop_app.models.time_audit_rules import QUADRANT_LABELS, suggest_need
from desktop_app.views.partials.dates import DATE_FORMAT
from desktop_app.views.partials.plain_text import in_sentence
from desktop_app.views.partials.table_model import (
    ALIGN_CENTER,
    ALIGN_RIGHT,
    Column,
    ModelSortProxy,
    RowTableModel,
    SearchSortProxy,
    SyncedTableModel,
)
from desktop_app.views.partials.tones import ALERT, WARNING, tone_color

# The colour that marks candidates in the table, the chart and the matrix.
CANDIDATE_COLOR = QColor("#e8590c")
OTHER_COLOR = QColor("#adb5bd")

Index = QModelIndex | QPersistentModelIndex


class TaskTableModel(SyncedTableModel[TaskRow]):
    """The task table's model."""


@dataclass(frozen=True)
class Choice:
    """An editor that picks one of (stored value, label); where the stored value
    is None, it starts on `suggest(row)` when given (a guess, not an answer)."""

    options: tuple[tuple[Any, str], ...]
    suggest: Callable[[Any], Any] | None = None


@dataclass(frozen=True)
class Rating:
    """An editor for a 1-5 rating."""


@dataclass(frozen=True)
class DateChoice:
    """An editor for a date."""


EditorKind = Choice | Rating | DateChoice

AREA_CHOICE = Choice(tuple((area, AREA_LABELS[area]) for area in AREAS))
NEED_CHOICE = Choice(
    tuple((need.value, NEED_LABELS[need]) for need in Need),
    suggest=lambda row: _suggested_need(row),  # noqa: PLW0108 (defined below)
)
OVERRIDE_CHOICE = Choice(
    tuple(("" if key is None else key, label) for key, label in OVERRIDE_LABELS.items())
)
STATUS_CHOICE = Choice(tuple((status.value, TASK_STATUS_LABELS[status]) for status in TaskStatus))

# Column positions, named for the tests and the page: what to hand off and what it
# is worth come first, the ratings that feed the score after them.
(
    NAME,
    NEED,
    HOURS,
    SCORE,
    WORTH,
    BUY_BACK,
    RATE,
    QUICK,
    DISLIKE,
    PULL_AWAY,
    VALUE,
    AREA,
    ESTIMATE,
    DECISION,
    STATUS,
    QUADRANT,
    NOTES,
) = range(17)

Commit = Callable[[TaskRow, dict[str, Any], str], str | None]


class TaskColumns:
    """Builds the columns; reads the month's currency and buyback rate when drawn."""

    def __init__(self, commit: Commit, currency: Callable[[], str], cap: Callable[[], Decimal]):
        self._commit = commit
        self._currency = currency
        self._cap = cap

    def _rating_column(self, title: str, key: str, what: str, tooltip: str) -> Column[TaskRow]:
        """An editable 1-5 score of the task, centred; "rate" until rated."""
        return Column(
            title,
            lambda r: "rate" if getattr(r, key) is None else getattr(r, key),
            sort_key=lambda r: getattr(r, key),
            align=ALIGN_CENTER,
            # The editor of an unrated score starts in the middle of the scale.
            edit_value=lambda r: 3 if getattr(r, key) is None else getattr(r, key),
            commit=self._edit(key, _("Change {what}").format(what=what)),
            foreground=lambda r: tone_color(WARNING) if getattr(r, key) is None else None,
            tooltip=lambda r: tooltip + (_(" Not rated yet.") if getattr(r, key) is None else ""),
        )

    def _edit(self, key: str, what: str) -> Callable[[TaskRow, Any], str | None]:
        def commit(row: TaskRow, value: Any) -> str | None:
            return self._commit(
                row, {key: value}, _("{what} of “{name}”").format(what=what, name=row.name)
            )

        return commit

    def build(self) -> tuple[list[Column[TaskRow]], dict[int, EditorKind]]:
        money_of = lambda amount: money(amount, self._currency())  # noqa: E731
        columns: list[Column[TaskRow]] = [
            Column(
                _("Task"),
                lambda r: r.name,
                sort_key=lambda r: (r.name_key,),
                edit_value=lambda r: r.name,
                commit=lambda r, v: self._commit(
                    r, {"name": v}, _("Rename “{name}”").format(name=r.name)
                ),
                decoration=lambda r: CANDIDATE_COLOR if r.worth_handing_off else None,
                tooltip=_task_tooltip,
            ),
            Column(
                _("Needs"),
                _need_text,
                # The editor of an unrated task starts on the guess from its name.
                edit_value=lambda r: r.need,
                commit=self._edit("need", _("Change what it needs")),
                foreground=lambda r: tone_color(WARNING) if r.need is None else None,
                tooltip=_need_tooltip,
            ),
            Column(
                _("Hours"),
                lambda r: hours(r.minutes) + (_(" est.") if r.from_estimate else ""),
                sort_key=lambda r: r.minutes,
                align=ALIGN_RIGHT,
                tooltip=_hours_tooltip,
            ),
            Column(
                _("Score"),
                lambda r: "" if r.score is None else number(r.score, 1),
                sort_key=lambda r: r.score,
                align=ALIGN_RIGHT,
                tooltip=_score_tooltip,
            ),
            Column(
                _("Worth"),
                lambda r: money_of(r.worth),
                sort_key=lambda r: r.worth,
                align=ALIGN_RIGHT,
                tooltip=lambda _r: _("The month's hours at your hourly value."),
            ),
            Column(
                _("Buy-back /mo"),
                lambda r: money_of(r.buy_back),
                sort_key=lambda r: r.buy_back,
                align=ALIGN_RIGHT,
                foreground=lambda r: (
                    tone_color(ALERT) if r.buy_back is not None and r.buy_back < 0 else None
                ),
                tooltip=lambda r: (
                    None
                    if r.buy_back is None
                    else _("Hours × your hourly value − hours × ")
                    + (_("your buyback rate") if r.rate_is_buyback else _("the contractor's rate"))
                ),
            ),
            Column(
                _("Rate /h"),
                lambda r: money_of(r.contractor_rate),
                sort_key=lambda r: r.contractor_rate,
                align=ALIGN_RIGHT,
                edit_value=lambda r: "" if r.contractor_rate is None else str(r.contractor_rate),
                commit=self._edit("contractor_rate", _("Change contractor rate")),
                foreground=lambda r: (
                    tone_color(ALERT)
                    if r.contractor_rate is not None and r.contractor_rate > self._cap()
                    else None
                ),
                tooltip=self._rate_tooltip,
            ),
            Column(
                _("Quick at it"),
                lambda r: r.owner_has_expertise,
                commit=self._edit("owner_has_expertise", _("Change expertise")),
                checkable=True,
                tooltip=lambda r: (
                    _(
                        "Checked when you have the expertise to do it quickly. "
                        "Unchecked raises the score by half."
                    )
                    + (
                        _(" Not answered yet (half-ticked): click to say.")
                        if r.owner_has_expertise is None
                        else ""
                    )
                ),
            ),
            self._rating_column(
                _("Dislike"),
                "dislike",
                "dislike",
                _("How much you dislike it, 1 (fine) to 5 (dread it)."),
            ),
            self._rating_column(
                _("Pull-away"),
                "pull_away",
                "pull-away",
                _("How much it pulls you away from growth work, 1 to 5."),
            ),
            self._rating_column(
                _("Value"),
                "business_value",
                "business value",
                _("What the task is worth to the business, 1 to 5."),
            ),
            Column(
                _("Area"),
                lambda r: AREA_LABELS.get(r.area, r.area),
                edit_value=lambda r: r.area,
                commit=self._edit("area", _("Change area")),
            ),
            Column(
                _("Estimate h/mo"),
                lambda r: (
                    "" if r.monthly_estimate_minutes is None else hours(r.monthly_estimate_minutes)
                ),
                sort_key=lambda r: r.monthly_estimate_minutes,
                align=ALIGN_RIGHT,
                edit_value=lambda r: (
                    "" if r.monthly_estimate_minutes is None else hours(r.monthly_estimate_minutes)
                ),
                commit=self._edit("monthly_estimate_minutes", _("Change monthly estimate")),
                tooltip=lambda _r: _(
                    "Hours a month, used for months with nothing logged (e.g. 6 or 6:30)."
                ),
            ),
            Column(
                _("Decision"),
                lambda r: OVERRIDE_LABELS.get(r.override, r.override or ""),
                edit_value=lambda r: r.override or "",
                commit=self._edit("override", _("Change decision")),
                tooltip=lambda _r: _("Your word over the rules: keep it, or hand it off anyway."),
            ),
            Column(
                _("Status"),
                _status_text,
                edit_value=lambda r: r.status,
                commit=self._edit("status", _("Change status")),
                foreground=lambda r: tone_color(ALERT) if r.still_yours_minutes else None,
                tooltip=lambda r: (
                    _(
                        "Handed off, yet you logged {hours} h on it yourself since: those hours "
                        "are not counted as handed off."
                    ).format(hours=hours(r.still_yours_minutes))
                    if r.still_yours_minutes
                    else None
                ),
            ),
            Column(
                _("Quadrant"),
                lambda r: QUADRANT_LABELS[r.quadrant] if r.quadrant else "",
                tooltip=lambda r: (
                    _("Value {value}, drain {drain}").format(
                        value=r.business_value, drain=number(r.drain or 0)
                    )
                    if r.quadrant
                    else _("Rate its value, dislike and pull-away to place it.")
                ),
            ),
            Column(
                _("Notes"),
                lambda r: r.notes.replace("\n", " "),
                edit_value=lambda r: r.notes,
                commit=self._edit("notes", _("Change notes")),
                tooltip=lambda r: r.notes or None,
            ),
        ]
        editors: dict[int, EditorKind] = {
            AREA: AREA_CHOICE,
            NEED: NEED_CHOICE,
            DISLIKE: Rating(),
            PULL_AWAY: Rating(),
            VALUE: Rating(),
            DECISION: OVERRIDE_CHOICE,
            STATUS: STATUS_CHOICE,
        }
        return columns, editors

    def _rate_tooltip(self, row: TaskRow) -> str:
        cap = money(self._cap(), self._currency())
        if row.contractor_rate is None:
            return _("No rate yet: the buy-back is figured at your buyback rate, {cap}/h.").format(
                cap=cap
            )
        if row.contractor_rate > self._cap():
            return _("Over your buyback rate of {cap}/h: worth handing off for less.").format(
                cap=cap
            )
        return _("Within your buyback rate of {cap}/h.").format(cap=cap)


def _task_tooltip(row: TaskRow) -> str:
    if row.worth_handing_off:
        return _("A candidate for handing off.")
    if row.handed_off:
        return _("Handed off.")
    if row.need is None:
        return _("Not rated yet: say what it needs to know whether to hand it off.")
    if row.candidate:
        return _("A candidate, but no hours in this period: nothing to free.")
    return _("Not a candidate.")


def _suggested_need(row: TaskRow) -> str:
    return (suggest_need(row.name) or Need.REPETITIVE).value


def _need_text(row: TaskRow) -> str:
    if row.need is not None:
        return NEED_LABELS.get(Need(row.need), row.need)
    guess = suggest_need(row.name)
    return (
        _("Rate it (maybe {need})").format(need=in_sentence(_(NEED_LABELS[guess])))
        if guess
        else _("Rate it")
    )


def _need_tooltip(row: TaskRow) -> str:
    text = _(
        "Specific expertise, specialized knowledge and repetitive "
        "work make a task a candidate; your unique input does not."
    )
    if row.need is None:
        text = _("Not rated yet, so not a candidate. ") + text
    return text


def _hours_tooltip(row: TaskRow) -> str:
    if row.handed_off:
        text = _("Handed off: the hours a month someone else now does (its estimate).")
        if row.still_yours_minutes:
            text += _(" You still logged {hours} h on it yourself.").format(
                hours=hours(row.still_yours_minutes)
            )
        return text
    if row.from_estimate:
        return _("Nothing logged in this period: your monthly estimate.")
    return count(
        row.entry_count,
        "{time} logged in {count} entry in this period.",
        "{time} logged in {count} entries in this period.",
        time=format_minutes(row.logged_minutes),
    )


def _status_text(row: TaskRow) -> str:
    text = TASK_STATUS_LABELS.get(row.status, row.status)
    if row.still_yours_minutes:
        text += _(" · you still did {hours} h").format(hours=hours(row.still_yours_minutes))
    return text


def _score_tooltip(row: TaskRow) -> str | None:
    if row.score is None:
        if row.candidate and (row.dislike is None or row.pull_away is None):
            return _("Rate dislike and pull-away to score it.")
        return _("Only candidates get a score.")
    factor = number(Decimal("1.5")) if row.owner_has_expertise is False else "1"
    return (
        f"{hours(row.minutes)} h × ({row.dislike} + {row.pull_away}) ÷ 2 × {factor} = "
        f"{number(row.score, 1)}"
    )


def search_text(row: TaskRow) -> str:
    return " ".join(
        (
            row.name,
            AREA_LABELS.get(row.area, row.area),
            _need_text(row),
            TASK_STATUS_LABELS.get(row.status, ""),
            row.notes,
        )
    )


def task_proxy(parent: QObject | None = None) -> SearchSortProxy:
    return ModelSortProxy(search_text, parent)


def _open_list(combo: QComboBox) -> None:
    if combo.isVisible():
        combo.showPopup()


class EditDelegate(QStyledItemDelegate):
    """Combo boxes, 1-5 spin boxes and date pickers for the declared columns,
    and the message of a refused edit.

    Signals:
        refused(str): an edit was refused; the message says why.
    """

    refused = QtSignal(str)

    def __init__(self, editors: dict[int, EditorKind], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._editors = editors

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        kind = self._editors.get(index.column())
        if isinstance(kind, Choice):
            combo = QComboBox(parent)
            combo.setObjectName("cellChoiceEditor")
            combo.setAccessibleName(_("Choose a value"))
            for value, label in kind.options:
                combo.addItem(label, value)
            # A pick commits at once: double-click, pick, done.
            combo.activated.connect(lambda _index, editor=combo: self._commit_and_close(editor))
            return combo
        if isinstance(kind, Rating):
            spin = QSpinBox(parent)
            spin.setObjectName("cellRatingEditor")
            spin.setAccessibleName(_("Rating from 1 to 5"))
            spin.setRange(1, 5)
            return spin
        if isinstance(kind, DateChoice):
            date_editor = QDateEdit(parent)
            date_editor.setObjectName("cellDateEditor")
            date_editor.setAccessibleName(_("Date"))
            date_editor.setCalendarPopup(True)
            date_editor.setDisplayFormat(DATE_FORMAT)
            return date_editor
        text_editor = super().createEditor(parent, option, index)
        text_editor.setObjectName("cellTextEditor")
        text_editor.setAccessibleName(_("Edit the value"))
        return text_editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            kind = self._editors.get(index.column())
            if value is None and isinstance(kind, Choice) and kind.suggest is not None:
                value = kind.suggest(index.data(RowTableModel.ROW_ROLE))
            editor.setCurrentIndex(max(editor.findData(value), 0))
            # Open the list with the editor (the timer dies with the editor;
            # an editor committed and closed at once stays closed).
            QTimer.singleShot(0, editor, lambda: _open_list(editor))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value))
        elif isinstance(editor, QDateEdit):
            editor.setDate(value if isinstance(value, QDate) else QDate.currentDate())
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))
        else:
            super().setEditorData(editor, index)

    def _commit_and_close(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            # Committed by Enter with the list still open: close it, or the
            # keyboard focus stays in a list that is about to go away.
            editor.hidePopup()
            value: Any = editor.currentData()
        elif isinstance(editor, QSpinBox):
            value = editor.value()
        elif isinstance(editor, QDateEdit):
            value = editor.date().toPython()
        elif isinstance(editor, QLineEdit):
            value = editor.text()
        else:
            super().setModelData(editor, model, index)
            return
        current = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(current, QDate):
            current = current.toPython()
        if current == value:
            return  # nothing changed: no command on the undo stack
        if not model.setData(index, value, Qt.ItemDataRole.EditRole):
            source = model.sourceModel() if hasattr(model, "sourceModel") else model
            message = getattr(source, "last_error", "")
            if message:
                self.refused.emit(message)
