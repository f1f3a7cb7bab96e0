"""Help > Keyboard shortcuts: read from the menus, so it is always true."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.i18n import _
from desktop_app.views.partials.naming import name_buttons, named
from desktop_app.views.partials.tables import data_table


def _typeable(text: str) -> bool:
    """Whether a shortcut is typed on an ordinary keyboard: a combination or
    one of the function keys F1 to F12. Platform bindings also name keys few
    keyboards have ("Undo", "Find", F14 for Undo on X11); listing them would
    only confuse."""
    if "+" in text:
        return True
    return text[:1] == "F" and text[1:].isdigit() and 1 <= int(text[1:]) <= 12


class ShortcutsDialog(QDialog):
    """A table of every menu action that has a shortcut."""

    def __init__(self, menus: Iterable[QMenu], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "shortcutsDialog", _("Keyboard shortcuts"))
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels([_("Menu"), _("Command"), _("Shortcut")])
        for menu in menus:
            menu_title = menu.title().replace("&", "")
            for action in menu.actions():
                shortcut = ", ".join(
                    text
                    for text in (
                        key.toString(QKeySequence.SequenceFormat.NativeText)
                        for key in action.shortcuts()
                    )
                    if _typeable(text)
                )
                if not shortcut or action.isSeparator():
                    continue
                self.model.appendRow(
                    [
                        QStandardItem(menu_title),
                        QStandardItem(action.text().replace("&", "")),
                        QStandardItem(shortcut),
                    ]
                )
        for row in range(self.model.rowCount()):
            for column in range(3):
                self.model.item(row, column).setEditable(False)
        table = data_table("shortcutsTable", _("Keyboard shortcuts"), self.model)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        buttons = named(
            QDialogButtonBox(QDialogButtonBox.StandardButton.Close), "shortcutsButtons", _("Close")
        )
        name_buttons(buttons, "shortcutsButtons")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(520, 480)
