"""The one answer to a save refused because someone else saved the row
since it was read (`models.versions.StaleEdit`): their value beside yours,
and the choice of which to keep.

"Keep theirs" takes their version as read and lets the views show it;
"Save mine" saves yours over theirs, now that you have seen it. Every view
that saves through `run_edit` gets it; a view with its own save (the brief
editor) passes what "Save mine" means.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop_app.models.i18n import _
from desktop_app.models.versions import StaleEdit, read_theirs
from desktop_app.views.partials.plain_text import message_box
from desktop_app.views.undo import StoreCommand

OBJECT_NAME = "staleEditDialog"


def offer_theirs_or_mine(
    parent: QWidget | None,
    error: StaleEdit,
    save_mine: Callable[[], object],
    keep_theirs: Callable[[], object] = lambda: None,
) -> QMessageBox | None:
    """Show `error` (who changed the row, when, theirs beside yours) with
    "Keep theirs" (the default) and "Save mine"; the choice runs its callback
    once theirs is taken as read. One such question at a time per window:
    None when one is open already."""
    window = parent.window() if parent is not None else QApplication.activeWindow()
    if window is not None:
        for open_box in window.findChildren(QMessageBox, OBJECT_NAME):
            if open_box.isVisible():
                return None
    box = message_box(
        window,
        QMessageBox.Icon.Warning,
        _("Changed by someone else"),
        str(error),
        QMessageBox.StandardButton.NoButton,
    )
    box.setObjectName(OBJECT_NAME)
    keep = box.addButton(_("Keep theirs"), QMessageBox.ButtonRole.RejectRole)
    mine = box.addButton(_("Save mine"), QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(keep)

    def chosen(button: object) -> None:
        read_theirs(error)
        box.deleteLater()
        if button is mine:
            save_mine()
        else:
            keep_theirs()

    box.buttonClicked.connect(chosen)
    box.open()
    return box


def offer_for_command(
    parent: QWidget | None, command: StoreCommand, error: StaleEdit, retry: Callable[[], object]
) -> QMessageBox | None:
    """The question for a refused `command`: "Save mine" runs it again
    (`retry`) over their version; "Keep theirs" refreshes what it touches."""

    def save_mine() -> None:
        if error.row[0]:
            command.expected = {**command.expected, error.row: error.version}
        retry()

    def keep_theirs() -> None:
        for topic in command.topics:
            command.ctx.data_changed.emit(topic)

    return offer_theirs_or_mine(parent, error, save_mine, keep_theirs)
