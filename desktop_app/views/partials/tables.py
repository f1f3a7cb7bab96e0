"""One way to set up a table: `data_table()` makes the QTableView every tab
shows its rows in (named, with a named header, rows selected whole, no row
numbers), and `fit_columns()` gives each column the width of what it shows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QSize, QTimer
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
)

from desktop_app.models.i18n import _
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.table_model import RowTableModel, SearchSortProxy, _text

Selection = QAbstractItemView.SelectionMode

# How many rows a column sized to its contents is measured on: the rows in
# view and others up to this many. Qt's default is 1,000, and each row
# measured asks the model (in Python) for several roles of each cell.
FIT_ROWS = 100


def name_header(table: QTableView, accessible_name: str = "") -> QHeaderView:
    """Name `table`'s column header for tests and screen readers."""
    header = table.horizontalHeader()
    header.setObjectName(f"{table.objectName()}Header")
    header.setAccessibleName(
        accessible_name or _("{table} columns").format(table=table.accessibleName())
    )
    return header


def data_table(
    object_name: str,
    accessible_name: str,
    model: QAbstractItemModel,
    *,
    description: str = "",
    selection: Selection = Selection.SingleSelection,
    sortable: bool = False,
    editable: bool = False,
    alternating: bool = True,
    word_wrap: bool = False,
    widths: Sequence[int] = (),
    stretch_last: bool = True,
) -> QTableView:
    """A table of `model`'s rows, set up the way every tab's tables are."""
    table = named(QTableView(), object_name, accessible_name, description)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(selection)
    if not editable:
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(alternating)
    table.setWordWrap(word_wrap)
    table.setSortingEnabled(sortable)
    table.verticalHeader().hide()
    header = name_header(table)
    # A column's width is measured on rows: Qt reads the count from the
    # header being resized (the horizontal one), the rows' from the other.
    header.setResizeContentsPrecision(FIT_ROWS)
    table.verticalHeader().setResizeContentsPrecision(FIT_ROWS)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(stretch_last)
    header.setHighlightSections(False)
    for column, width in enumerate(widths):
        table.setColumnWidth(column, width)
    return table


def fit_columns(
    table: QTableView,
    *,
    maximum: int = 360,
    stretch: int | None = None,
    squeeze_to: int = 0,
) -> None:
    """Give each shown column the width of its header and of the widest text it
    shows (at most `maximum` px); `stretch` (a column) then takes the room
    left, so that the key columns are read whole.

    With `squeeze_to`, columns wider than the table's viewport (longer words,
    as in German) are narrowed, widest first, down to `squeeze_to` px and
    never below their header: their longest texts are cut with "…" (and
    read whole in the tooltip or by widening the column), the headers stay
    whole and the table does not scroll sideways."""
    header = table.horizontalHeader()
    measured = text_widths(table)
    for column in range(header.count()):
        if not header.isSectionHidden(column):
            width = measured.get(column)
            if width is None:
                table.resizeColumnToContents(column)
            else:
                header.resizeSection(column, max(width, header.sectionSizeHint(column)))
            if header.sectionSize(column) > maximum:
                header.resizeSection(column, maximum)
    if squeeze_to:
        # Once the table has its width in the window (it may be laid out after this).
        QTimer.singleShot(0, table, lambda: _squeeze(table, squeeze_to))
    if stretch is not None and not header.isSectionHidden(stretch):
        used = sum(
            header.sectionSize(c) for c in range(header.count()) if not header.isSectionHidden(c)
        )
        spare = table.viewport().width() - used
        if spare > 0:
            header.resizeSection(stretch, header.sectionSize(stretch) + spare)


def _squeeze(table: QTableView, floor: int) -> None:
    """Narrow the widest shown columns until all fit the viewport (see fit_columns)."""
    if not table.isVisible():
        return
    header = table.horizontalHeader()
    shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    excess = sum(header.sectionSize(c) for c in shown) - table.viewport().width()
    # Each column's floor, asked once: a header's size hint asks the model for
    # several roles of its title, and the loop below may take a hundred steps.
    floors = {c: max(floor, header.sectionSizeHint(c)) for c in shown} if excess > 0 else {}
    while excess > 0:
        room = {
            c: header.sectionSize(c) - floors[c] for c in shown if header.sectionSize(c) > floors[c]
        }
        if not room:
            return  # nothing left to narrow: the table scrolls sideways
        widest = max(room, key=header.sectionSize)
        others = [header.sectionSize(c) for c in room if c != widest]
        # Down to the next widest column (or as far as needed), a step at a time.
        step = min(
            room[widest], excess, max(1, header.sectionSize(widest) - max(others, default=0))
        )
        header.resizeSection(widest, header.sectionSize(widest) - step)
        excess -= step


def text_widths(table: QTableView) -> dict[int, int]:
    """The width each plain-text column of a RowTableModel table needs for its
    first rows (as many as its header's resize precision), as Qt's item
    delegate would measure them, read in
    Python from the rows (Qt asks the model for several roles of each cell,
    each a call into Python). Columns with a check box or an icon, and
    tables with a delegate that sizes cells its own way, are left out (Qt
    measures those)."""
    model = table.model()
    source = model.sourceModel() if isinstance(model, SearchSortProxy) else model
    delegate = table.itemDelegate()
    if not isinstance(source, RowTableModel) or not isinstance(delegate, QStyledItemDelegate):
        return {}
    if type(delegate).sizeHint is not QStyledItemDelegate.sizeHint:
        return {}
    header = table.horizontalHeader()
    precision = header.resizeContentsPrecision()
    count = precision if precision > 0 else FIT_ROWS
    rows: list[Any]
    if isinstance(model, SearchSortProxy):
        rows = model.shown_rows()[:count] if model.sortColumn() < 0 else []
    else:
        rows = source.rows()[:count]
    if not rows:
        return {}
    metrics = QFontMetricsF(table.font())

    def widest(texts: list[str]) -> int:
        lines = [line for text in texts for line in text.splitlines() or [""]]
        return math.ceil(max(metrics.horizontalAdvance(line) for line in lines))

    columns = [
        (column, spec)
        for column, spec in enumerate(source.columns)
        if not spec.checkable
        and spec.decoration is None
        and table.itemDelegateForColumn(column) in (None, delegate)
    ]
    if not columns:
        return {}
    # The style's margins and the grid's line, from Qt's own measure of the
    # first such column on one row (the top one, which Qt measures first):
    # not from QStyle, whose hundreds of enum members Python would create.
    column, spec = columns[0]
    header.setResizeContentsPrecision(1)
    try:
        qt_width = table.sizeHintForColumn(column)
    finally:
        header.setResizeContentsPrecision(precision)
    top = model.index(max(0, table.rowAt(0)), column).data(RowTableModel.ROW_ROLE)
    padding = qt_width - widest([_text(spec.display(top))])
    return {
        column: widest([_text(spec.display(row)) for row in rows]) + padding
        for column, spec in columns
    }


class RememberingSizes(QStyledItemDelegate):
    """The default delegate, remembering each cell's size hint for the width it
    was measured at until the model changes: a table whose rows grow to show
    their text (ResizeToContents) measures every cell again at each of the
    resizes a first layout makes (about ten, each asking the model eight
    roles a cell); the same cell at the same width is measured once."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._sizes: dict[tuple[int, int, int], QSize] = {}
        model = view.model()
        for signal in (
            model.modelReset,
            model.dataChanged,
            model.layoutChanged,
            model.rowsInserted,
            model.rowsRemoved,
            model.rowsMoved,
        ):
            signal.connect(self._forget)

    def _forget(self, *_: object) -> None:
        self._sizes.clear()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        key = (index.row(), index.column(), option.rect.width())
        size = self._sizes.get(key)
        if size is None:
            size = self._sizes[key] = super().sizeHint(option, index)
        return QSize(size)
