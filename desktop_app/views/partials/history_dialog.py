"""The History dialog: who changed which field of a contractor, brief or
engagement, when, from what to what (`models.history.changes_of`)."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from desktop_app.models.formats import date_time
from desktop_app.models.history import Change
from desktop_app.models.i18n import _
from desktop_app.models.row_histories import changes_of
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.plain_text import plain_label
from desktop_app.views.partials.tables import data_table


class HistoryDialog(QDialog):
    """The changes, newest first, one a row: when, who, what, before, after."""

    def __init__(self, title: str, changes: list[Change], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "historyDialog", _("Changes"))
        self.setWindowTitle(_("Changes: {name}").format(name=title))
        layout = QVBoxLayout(self)
        self.model = QStandardItemModel(0, 5, self)
        self.model.setHorizontalHeaderLabels(
            [_("When"), _("Who"), _("Field"), _("Before"), _("After")]
        )
        for change in changes:
            field = change.field_label
            if change.what:
                field = f"{change.what}: {field}"
            cells = (
                date_time(change.changed_at),
                change.person or _("(not named)"),
                field,
                change.old or "–",
                change.new or "–",
            )
            items = []
            for text in cells:
                item = QStandardItem(text)
                item.setToolTip(text)
                items.append(item)
            self.model.appendRow(items)
        self.table = data_table("historyTable", _("Changes"), self.model)
        self.table.resizeColumnsToContents()
        for column in (3, 4):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 220))
        self.empty = plain_label(_("No changes recorded yet."))
        self.empty.setObjectName("historyEmpty")
        self.empty.setVisible(not changes)
        self.table.setVisible(bool(changes))
        layout.addWidget(self.empty)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 380)

    def rows(self) -> list[list[str]]:
        """The table's text, row by row, as shown."""
        return [
            [self.model.item(row, column).text() for column in range(self.model.columnCount())]
            for row in range(self.model.rowCount())
        ]


def show_history(parent: QWidget, kind: str, row_id: int, title: str) -> HistoryDialog:
    """Open the History dialog of one contractor, brief or engagement."""
    dialog = HistoryDialog(title, changes_of(kind, row_id), parent)
    dialog.open()
    return dialog
