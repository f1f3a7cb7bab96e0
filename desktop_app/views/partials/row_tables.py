"""Small tables of one record's rows (an engagement's checklist, its accesses,
payments, agreements; the week's priorities): set up the same way, and
refreshed in place while a cell's editor commits."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from desktop_app.views.partials.table_model import RowTableModel
from desktop_app.views.partials.tables import Selection, data_table


def row_table(
    object_name: str, title: str, model: RowTableModel, stretch: int, parent: QWidget
) -> QTableView:
    """A table of one record's rows (`partials.tables.data_table`), edited in
    place by double-click or F2, each column as wide as what it shows and
    column `stretch` taking the spare width."""
    table = data_table(
        object_name,
        title,
        model,
        selection=Selection.ExtendedSelection,
        editable=True,
        word_wrap=True,
        stretch_last=False,
    )
    table.setParent(parent)
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.SelectedClicked
    )
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    # A long note wraps in its cell rather than widening the table.
    header.setMaximumSectionSize(260)
    table.setMinimumHeight(120)
    return table


def selected_rows(table: QTableView, model: RowTableModel) -> list:
    """The rows selected in `table`, in order."""
    rows = sorted(index.row() for index in table.selectionModel().selectedRows())
    return [model.row_at(row) for row in rows]


def show_rows(model: RowTableModel, rows: list) -> None:
    """Show `rows` (each with an `id`): in place when they are the same rows
    as shown (an edit in a cell reloads its table while the cell's editor is
    still committing, so the table must not be reset under it), else afresh."""
    shown = model.rows()
    if [row.id for row in shown] == [row.id for row in rows]:
        for position, row in enumerate(rows):
            if row != shown[position]:
                model.replace_row(position, row)
    else:
        model.set_rows(rows)
