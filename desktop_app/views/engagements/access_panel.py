"""An engagement's access register: which tools and accounts the contractor
can reach, at what level, granted when and by whom, revoked when.

Never a password or a key: a field that looks like one is refused under
the field, with why. Revoke the selected accesses today with one click
(undoable); double-click a cell to change it. The whole register exports
to CSV (as `offload export-access` writes it).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.exporters.running_csv import export_access_csv
from desktop_app.models.access import ACCESS_LEVEL_LABELS, AccessLevel, AccessRow, access_rows
from desktop_app.models.engagements import EngagementStatus, day_text
from desktop_app.models.errors import UserError
from desktop_app.models.i18n import _, count
from desktop_app.views.context import AppContext
from desktop_app.views.engagements.running_commands import (
    DeleteAccessCommand,
    EditAccessCommand,
    GrantAccessCommand,
    RevokeAccessCommand,
)
from desktop_app.views.engagements.running_panel import RunningPanel
from desktop_app.views.partials.dates import date_edit, pydate
from desktop_app.views.partials.feedback import FieldErrors, MessageLine, run_edit
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.row_tables import row_table, selected_rows, show_rows
from desktop_app.views.partials.table_model import Column, RowTableModel
from desktop_app.views.partials.tones import WARNING, tone_color
from desktop_app.views.time_audit.task_table import Choice, DateChoice, EditDelegate

NAME, LEVEL, GRANTED_ON, GRANTED_BY, REVOKED_ON, NOTE = range(6)
LEVEL_CHOICE = Choice(tuple((level.value, ACCESS_LEVEL_LABELS[level]) for level in AccessLevel))


class AccessPanel(RunningPanel):
    """The access register of one engagement.

    Attributes:
        model: the accesses (RowTableModel of AccessRow), open ones first.
        errors: the messages under the fields of the line that records an access.
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "accessPanel", _("Access register"), parent)
        self.model: RowTableModel[AccessRow] = RowTableModel(self._columns(), self)
        self.table = row_table("accessTable", _("Tools and accounts"), self.model, NAME, self)
        self.delegate = EditDelegate(
            {LEVEL: LEVEL_CHOICE, GRANTED_ON: DateChoice(), REVOKED_ON: DateChoice()}, self.table
        )
        self.delegate.refused.connect(lambda message: self.say(message, error=True))
        self.table.setItemDelegate(self.delegate)
        self.table.horizontalHeader().setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        first, second = self._build_form()
        self.revoke_button = named(
            QPushButton(_("Revoke today")), "revokeAccess", _("Revoke the selected accesses today")
        )
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.delete_button = named(
            QPushButton(_("Delete")), "deleteAccess", _("Delete the selected access record")
        )
        self.delete_button.clicked.connect(self.delete_selected)
        self.export_button = named(
            QPushButton(_("Export…")),
            "exportAccess",
            _("Write every engagement's accesses to a CSV file"),
        )
        self.export_button.clicked.connect(self.choose_and_export)
        actions = QHBoxLayout()
        for button in (self.revoke_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.export_button)

        self.left_open = MessageLine("accessLeftOpen", _("Access left open"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.left_open)
        layout.addLayout(first)
        layout.addLayout(second)
        layout.addWidget(self.errors.general)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        self._update_buttons()

    def _build_form(self) -> tuple[QHBoxLayout, QHBoxLayout]:
        """The two lines that record an access given, errors under each field."""
        self.errors = FieldErrors("access")
        self.name_edit = named(
            QLineEdit(),
            "accessName",
            _("Tool or account"),
            _("The tool or account's name, never its password"),
        )
        self.name_edit.setPlaceholderText(_("Tool or account (e.g. Shopify staff account)"))
        self.name_edit.returnPressed.connect(self.grant)
        self.level_box = named(QComboBox(), "accessLevel", _("Level"))
        for level in AccessLevel:
            self.level_box.addItem(ACCESS_LEVEL_LABELS[level], level.value)
        self.level_box.setCurrentIndex(self.level_box.findData(AccessLevel.EDIT.value))
        self.granted_edit = date_edit("accessGrantedOn", _("Granted on"))
        self.by_edit = named(
            QLineEdit(), "accessGrantedBy", _("Granted by"), _("Who gave the access")
        )
        self.by_edit.setPlaceholderText(_("Granted by"))
        self.by_edit.returnPressed.connect(self.grant)
        self.grant_button = named(
            QPushButton(_("Record access")), "recordAccess", _("Record the access given")
        )
        self.grant_button.clicked.connect(self.grant)
        # Two lines, so the panel fits the detail pane at 1280 px.
        first = QHBoxLayout()
        first.addWidget(self.errors.under("name", self.name_edit), 1)
        first.addWidget(self.errors.under("level", self.level_box), 0)
        second = QHBoxLayout()
        second.addWidget(self.errors.under("granted_on", self.granted_edit), 0)
        second.addWidget(self.errors.under("granted_by", self.by_edit), 1)
        second.addWidget(self.grant_button, 0, Qt.AlignmentFlag.AlignTop)
        return first, second

    def _columns(self) -> list[Column[AccessRow]]:
        return [
            Column(
                _("Tool or account"),
                lambda r: r.name,
                edit_value=lambda r: r.name,
                commit=lambda r, v: self._edit(r, {"name": v}),
            ),
            Column(
                _("Level"),
                lambda r: r.level_label,
                edit_value=lambda r: r.level,
                commit=lambda r, v: self._edit(r, {"level": v}),
            ),
            Column(
                _("Granted on"),
                lambda r: day_text(r.granted_on),
                sort_key=lambda r: r.granted_on,
                edit_value=lambda r: r.granted_on,
                commit=lambda r, v: self._edit(r, {"granted_on": v}),
            ),
            Column(
                _("Granted by"),
                lambda r: r.granted_by,
                edit_value=lambda r: r.granted_by,
                commit=lambda r, v: self._edit(r, {"granted_by": v}),
            ),
            Column(
                _("Revoked on"),
                lambda r: day_text(r.revoked_on) if r.revoked_on else _("Still open"),
                sort_key=lambda r: r.revoked_on,
                edit_value=lambda r: r.revoked_on or self.today,
                commit=lambda r, v: self._edit(r, {"revoked_on": v}),
                foreground=lambda r: tone_color(WARNING) if r.is_open else None,
            ),
            Column(
                _("Note"),
                lambda r: r.note,
                tooltip=lambda r: r.note or None,
                edit_value=lambda r: r.note,
                commit=lambda r, v: self._edit(r, {"note": v}),
            ),
        ]

    def load(self) -> None:
        show_rows(self.model, access_rows(self.row.id) if self.row else [])
        still_open = [row.name for row in self.model.rows() if row.is_open]
        row = self.row
        ended = row is not None and row.status == EngagementStatus.ENDED
        self.left_open.clear_message()
        if row is not None and ended and still_open:
            self.left_open.show_warning(
                _(
                    "The engagement ended on {day_text}, and {contractor_name} can still reach: "
                    "{join}. Revoke it in the tool itself, then here."
                ).format(
                    day_text=day_text(row.end_date),
                    contractor_name=row.contractor_name,
                    join=", ".join(still_open),
                )
            )
        if self.row is not None and not self.by_edit.text():
            self.by_edit.setText(self.ctx.settings().owner_name)
        self._update_buttons()

    def open_count(self) -> int:
        return sum(1 for row in self.model.rows() if row.is_open)

    def _update_buttons(self, *_args: object) -> None:
        chosen = selected_rows(self.table, self.model)
        self.revoke_button.setEnabled(any(row.is_open for row in chosen))
        self.delete_button.setEnabled(bool(chosen))
        self.grant_button.setEnabled(self.row is not None)

    # Edits
    def _edit(self, row: AccessRow, changes: dict) -> str | None:
        command = EditAccessCommand(
            self.ctx, row.id, changes, _("Change the access to {name}").format(name=row.name)
        )
        if self.run(lambda _c: command):
            return None
        return self.message.text() or _("Not changed.")

    def grant(self) -> bool:
        if self.row is None:
            return False
        values = {
            "name": self.name_edit.text(),
            "level": self.level_box.currentData(),
            "granted_on": pydate(self.granted_edit.date()),
            "granted_by": self.by_edit.text(),
        }
        command = GrantAccessCommand(self.ctx, self.row.id, values)
        if not run_edit(command, self.errors):
            return False
        self.say(_("Recorded access to {name}.").format(name=values["name"].strip()))
        self.name_edit.clear()
        self.name_edit.setFocus()
        return True

    def revoke_selected(self) -> bool:
        chosen = [row for row in selected_rows(self.table, self.model) if row.is_open]
        if not chosen:
            self.say(_("Select an access still open to revoke it."))
            return False
        names = ", ".join(row.name for row in chosen)
        return self.run(
            lambda _c: RevokeAccessCommand(self.ctx, [row.id for row in chosen], self.today),
            _("Revoked today: {names}. Check it is really closed in the tool itself.").format(
                names=names
            ),
        )

    def delete_selected(self) -> bool:
        chosen = selected_rows(self.table, self.model)
        if not chosen:
            return False
        row = chosen[0]
        return self.run(
            lambda _c: DeleteAccessCommand(
                self.ctx, row.id, _("Delete the access to {name}").format(name=row.name)
            ),
            _("Deleted the record of {name}. Undo (Ctrl+Z) puts it back.").format(name=row.name),
        )

    def choose_and_export(self) -> Path | None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("Export the access register"),
            str(Path.home() / "access-register.csv"),
            _("CSV files (*.csv)"),
        )
        return self.export(Path(path)) if path else None

    def export(self, path: Path) -> Path | None:
        try:
            written = export_access_csv(path)
        except UserError as error:
            self.say(str(error), error=True)
            return None
        self.say(
            count(
                written,
                "Wrote {count} access record to {path}.",
                "Wrote {count} access records to {path}.",
                path=path,
            )
        )
        return path
