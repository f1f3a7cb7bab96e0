"""What changed in a procedure since a version of it was sent."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.brief_changes import Change
from desktop_app.models.formats import date_time
from desktop_app.models.i18n import N_, _, count
from desktop_app.models.procedure_changes import procedure_changes
from desktop_app.models.procedure_content import ProcedureData
from desktop_app.models.procedure_versions import ProcedureVersionRow
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.plain_text import plain_label
from desktop_app.views.partials.table_model import Column, RowTableModel
from desktop_app.views.partials.tables import Selection, data_table

COLUMNS: list[Column[Change]] = [
    Column(N_("What"), lambda c: c.what),
    Column(N_("In the version sent"), lambda c: " ".join(c.old.split())),
    Column(N_("Now"), lambda c: " ".join(c.new.split())),
]


class ChangesDialog(QDialog):
    """The changes since a chosen version (the last one sent, to begin with)."""

    def __init__(
        self, versions: list[ProcedureVersionRow], current: ProcedureData, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        named(self, "procedureChangesDialog", _("What changed since the version you sent"))
        self.setWindowTitle(
            _("What changed in “{shown_title}”").format(shown_title=current.shown_title)
        )
        self.versions = versions
        self.current = current
        layout = QVBoxLayout(self)
        self.version_combo = named(QComboBox(), "procedureVersion", _("The version sent"))
        for version in versions:
            how = (
                _("with “{brief_title}”").format(brief_title=version.brief_title)
                if version.brief_title
                else _("on its own")
            )
            self.version_combo.addItem(
                _("Sent {when} {how}").format(when=date_time(version.created_at), how=how)
            )
        self.version_combo.currentIndexChanged.connect(self._show)
        layout.addWidget(self.version_combo)
        self.summary = named(plain_label(), "procedureChangesSummary", _("How many changes"))
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.summary)
        self.model: RowTableModel[Change] = RowTableModel(COLUMNS, self)
        self.table = data_table(
            "procedureChangesTable", _("Changes"), self.model,
            selection=Selection.ExtendedSelection,
            alternating=False, word_wrap=True, stretch_last=False,
        )  # fmt: skip
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 420)
        self._show()

    def _show(self) -> None:
        version = self.versions[max(0, self.version_combo.currentIndex())]
        changes = procedure_changes(version.data, self.current)
        self.model.set_rows(changes)
        self.table.resizeRowsToContents()
        self.summary.setText(
            count(
                len(changes),
                "{count} change since this version.",
                "{count} changes since this version.",
            )
            if changes
            else _("Nothing changed since this version.")
        )

    def changes(self) -> list[Change]:
        return self.model.rows()
