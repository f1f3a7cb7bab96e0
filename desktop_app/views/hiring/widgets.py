"""Small widget set-ups the hiring dialogs share."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QTableView,
)

from desktop_app.models.i18n import _
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.table_model import RowTableModel
from desktop_app.views.partials.tables import Selection, data_table


def ok_cancel(dialog: QDialog, name: str, ok: str = "") -> QDialogButtonBox:
    """The dialog's OK button (named `<name>Ok`, labelled `ok`, "&Save" by
    default) and Cancel."""
    ok = ok or _("&Save")
    box = named(QDialogButtonBox(), f"{name}Buttons", ok.replace("&", ""))
    accept = box.addButton(ok, QDialogButtonBox.ButtonRole.AcceptRole)
    accept.setObjectName(f"{name}Ok")
    box.addButton(QDialogButtonBox.StandardButton.Cancel)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def row_table(
    object_name: str, name: str, model: RowTableModel, *, multiple: bool = False
) -> QTableView:
    """A read-only table of whole rows over `model`."""
    selection = Selection.ExtendedSelection if multiple else Selection.SingleSelection
    return data_table(
        object_name, name, model, selection=selection, alternating=False, word_wrap=True
    )


def button_row(buttons: Sequence[tuple[str, str, Callable[[], object]]]) -> QHBoxLayout:
    """Push buttons (text with its mnemonic, object name, slot), left-aligned in a row."""
    row = QHBoxLayout()
    for text, object_name, slot in buttons:
        button = named(QPushButton(text), object_name, text.replace("&", "").rstrip("…"))
        button.clicked.connect(slot)
        row.addWidget(button)
    row.addStretch(1)
    return row
