"""File > Import time tracker export…: what a Toggl Track, Clockify or Harvest
report holds, before anything is stored; then the import, with a progress
bar, in one transaction and one undoable command."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.importers.time_tracking import (
    DATE_ORDER_LABELS,
    TASK_NAME_FROM_LABELS,
    DateOrder,
    ImportPreview,
    RefusedRow,
    TaskNameFrom,
    TaskPreview,
    preview_file,
)
from desktop_app.models.errors import UserError
from desktop_app.models.formats import hours
from desktop_app.models.i18n import _, count
from desktop_app.models.progress import Cancelled
from desktop_app.models.tasks import NEED_LABELS, Need
from desktop_app.views.context import AppContext
from desktop_app.views.partials.long_task import LongTask
from desktop_app.views.partials.naming import name_buttons, named
from desktop_app.views.partials.plain_text import plain_label
from desktop_app.views.partials.table_model import ALIGN_RIGHT, Column, RowTableModel
from desktop_app.views.partials.tables import data_table
from desktop_app.views.time_audit.commands import ImportTimeCommand
from desktop_app.views.undo import execute_in_background


class ImportDialog(QDialog):
    """The preview of one file, and the Import button.

    Attributes:
        preview: what the file would add, as last read.
        command: the import command once the import ran, else None.
    """

    def __init__(self, ctx: AppContext, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path = path
        self.command: ImportTimeCommand | None = None
        named(self, "importDialog", _("Import time tracker export"))
        self.setWindowTitle(_("Import {name}").format(name=path.name))
        self.summary = named(plain_label(), "importSummary", _("What the file holds"))
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name_from = named(
            QComboBox(), "importTaskFrom", _("Task names from"), _("Which column names each task.")
        )
        for name_from, label in TASK_NAME_FROM_LABELS.items():
            self.name_from.addItem(label, name_from.value)
        self.date_order = named(
            QComboBox(),
            "importDateOrder",
            _("Dates"),
            _("Whether dates such as 03/04/2025 are day first or month first."),
        )
        for order, label in DATE_ORDER_LABELS.items():
            self.date_order.addItem(label, order.value)
        options = QFormLayout()
        options.addRow(_("Task names from:"), self.name_from)
        options.addRow(_("Dates:"), self.date_order)

        self.tasks_model: RowTableModel[TaskPreview] = RowTableModel(
            [
                Column(_("Task"), lambda t: t.name),
                Column("", lambda t: "new" if t.is_new else "matched"),
                Column(_("Entries"), lambda t: t.entries, align=ALIGN_RIGHT),
                Column(_("Hours"), lambda t: hours(t.minutes), align=ALIGN_RIGHT),
                Column(
                    _("Needs (a guess, for new tasks)"),
                    lambda t: NEED_LABELS[Need(t.need)] if t.need else "",
                    tooltip=lambda t: (
                        _(
                            "Guessed from the task's name; change it in the Needs column after "
                            "the import."
                        )
                        if t.need
                        else _("An existing task keeps what it needs.")
                    ),
                ),
            ],
            self,
        )
        self.tasks_table = self._table(
            self.tasks_model, "importTasks", _("Tasks the entries go to"), stretch=0
        )
        self.refused_model: RowTableModel[RefusedRow] = RowTableModel(
            [
                Column(_("Line"), lambda r: r.line, align=ALIGN_RIGHT),
                Column(_("Why it cannot be imported"), lambda r: r.reason),
                Column(_("Row"), lambda r: r.text, tooltip=lambda r: r.text),
            ],
            self,
        )
        self.refused_table = self._table(
            self.refused_model, "importRefused", _("Rows that cannot be imported"), stretch=2
        )
        self.refused_title = plain_label(_("Rows that cannot be imported:"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.setObjectName("importButtons")
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setObjectName("importRun")
        name_buttons(self.buttons, "importButtons")
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(options)
        layout.addWidget(plain_label(_("Tasks:")))
        layout.addWidget(self.tasks_table, 3)
        layout.addWidget(self.refused_title)
        layout.addWidget(self.refused_table, 2)
        layout.addWidget(self.buttons)
        self.resize(760, 620)
        self.preview: ImportPreview = self._read(TaskNameFrom.AUTO, DateOrder.AUTO)
        self._show_preview()
        self.name_from.currentIndexChanged.connect(self._reread)
        self.date_order.currentIndexChanged.connect(self._reread)

    def _table(self, model: RowTableModel, name: str, title: str, stretch: int) -> QTableView:
        # One line a row (no word wrap): columns size to their whole text.
        table = data_table(
            name, title, model,
            selection=QAbstractItemView.SelectionMode.ExtendedSelection,
            alternating=False, stretch_last=False,
        )  # fmt: skip
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # One column of words takes the room left (and is cut short if need be).
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        return table

    def _read(self, name_from: TaskNameFrom, order: DateOrder) -> ImportPreview:
        # Raises UserError (unknown format, empty or oversized file, other
        # encoding) before the dialog is shown: see TimeAuditPage.open_import.
        return preview_file(self.path, name_from, order)

    def _reread(self) -> None:
        try:
            self.preview = self._read(
                TaskNameFrom(self.name_from.currentData()), DateOrder(self.date_order.currentData())
            )
        except UserError as error:
            self.summary.setText(str(error))
            self.import_button.setEnabled(False)
            return
        self._show_preview()

    def _show_preview(self) -> None:
        preview = self.preview
        self.summary.setText("\n".join(preview.summary_lines()))
        self.tasks_model.set_rows(preview.tasks)
        self.refused_model.set_rows(preview.refused)
        self.refused_title.setVisible(bool(preview.refused))
        self.refused_table.setVisible(bool(preview.refused))
        self.import_button.setText(
            count(len(preview.entries), "Import {count} entry", "Import {count} entries")
            if preview.entries
            else _("Nothing to import")
        )
        self.import_button.setEnabled(bool(preview.entries))
        self.import_button.setAccessibleName(self.import_button.text())

    def run_import(self) -> LongTask | None:
        """Store the previewed entries in one transaction, in a worker, with
        progress and Cancel; the dialog closes once they are stored."""
        entries = self.preview.entries
        if not entries:
            return None
        self.import_button.setEnabled(False)
        command = ImportTimeCommand(self.ctx, entries, self.path.name)
        task = execute_in_background(
            command,
            self,
            _("Importing"),
            count(
                len(entries),
                "Importing {count} time entry from {name}…",
                "Importing {count} time entries from {name}…",
                name=self.path.name,
            ),
            cancelled_text=_("Import cancelled: nothing was imported."),
        )
        task.succeeded.connect(lambda _result: self._imported(command))
        task.failed.connect(self._not_imported)
        return task

    def _imported(self, command: ImportTimeCommand) -> None:
        self.command = command
        self.accept()

    def _not_imported(self, error: UserError) -> None:
        said = (
            str(error)
            if isinstance(error, Cancelled)
            else _("Nothing was imported: {error}").format(error=error)
        )
        self.summary.setText(said)
        self.import_button.setEnabled(True)
