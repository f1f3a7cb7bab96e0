"""What the panels of a running engagement share (checklists, access,
payments, agreements): the engagement shown, a line that says what an edit
did or why it was refused, running an edit (asking first when the models
say a value is unusual), a table set up the same way in each, and attached
files stored as portfolio samples are.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QTableView, QToolButton, QWidget

from desktop_app import attachments
from desktop_app.models.engagements import EngagementRow
from desktop_app.models.errors import NeedsConfirmation, UserError
from desktop_app.models.i18n import _
from desktop_app.paths import attachments_dir
from desktop_app.views.context import AppContext
from desktop_app.views.partials.feedback import MessageLine, run_edit
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.plain_text import message_box
from desktop_app.views.partials.row_tables import selected_rows
from desktop_app.views.partials.table_model import RowTableModel
from desktop_app.views.undo import StoreCommand, execute

# A command made for the owner's answer: `confirmed` is True once they said
# yes to what the models asked about.
CommandFactory = Callable[[bool], StoreCommand]


class RunningPanel(QWidget):
    """One part of a running engagement, shown in the engagement's detail.

    Subclasses show their rows in `table` (over `model`).

    Attributes:
        row: the engagement shown (None: none).
        today: the day the panel shows things as of.
        message: the line saying what the last edit did, or why it was refused.
        asking: a question about an unusual edit is open (its answer applies it).
    """

    # Made by each subclass: its rows and the table that shows them.
    table: QTableView
    model: RowTableModel[Any]

    def __init__(
        self, ctx: AppContext, object_name: str, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        named(self, object_name, title)
        self.ctx = ctx
        self.row: EngagementRow | None = None
        self.today = date.today()
        self.asking = False
        self.message = MessageLine(
            f"{object_name}Message", _("{title}: what happened").format(title=title)
        )

    def set_engagement(self, row: EngagementRow | None, today: date | None = None) -> None:
        """Show `row`'s part (None: nothing)."""
        if row is None or self.row is None or row.id != self.row.id:
            self.say("")
        self.row = row
        self.today = today or date.today()
        self.load()

    def load(self) -> None:
        """Reload what the panel shows for `row`."""
        raise NotImplementedError

    def say(self, text: str, *, error: bool = False) -> None:
        if error:
            self.message.show_error(text)
        else:
            self.message.show_note(text)

    def run(self, make: CommandFactory, done: str = "") -> bool:
        """Apply the edit `make(False)`; a refusal is said on the message line.

        When the models ask first (NeedsConfirmation), the question is asked
        in a box; on Yes, `make(True)` is applied. Returns True when the edit
        was applied now.
        """
        try:
            execute(make(False))
        except NeedsConfirmation as asked:
            self._ask(asked.question, make, done)
            return False
        except UserError as error:
            self.say(str(error), error=True)
            return False
        self.say(done)
        return True

    def _ask(self, question: str, make: CommandFactory, done: str) -> None:
        box = question_box(self, question)

        def answered(result: int) -> None:
            self.asking = False
            if result != QMessageBox.StandardButton.Yes:
                self.say(_("Nothing was recorded."))
                return
            if run_edit(make(True), lambda text: self.say(text, error=True)):
                self.say(done)

        box.finished.connect(answered)
        self.asking = True
        box.open()

    def more_menu(self, prefix: str, open_text: str) -> QMenu:
        """The "More" button's menu, with "open the attached file" and "delete"
        for the selected row (`open_action`, `delete_action`)."""
        self.more_button = named(QToolButton(), f"{prefix}More", _("More actions"))
        self.more_button.setText(_("More"))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        more = QMenu(self.more_button)
        self.open_action = more.addAction(open_text)
        self.open_action.setObjectName(f"{prefix}OpenFile")
        self.open_action.triggered.connect(self.open_selected_file)
        self.delete_action = more.addAction(_("Delete"))
        self.delete_action.setObjectName(f"{prefix}Delete")
        self.delete_action.triggered.connect(self.delete_selected)
        self.more_button.setMenu(more)
        return more

    def delete_selected(self) -> bool:
        raise NotImplementedError

    # Attached files: stored by content beside the database, like portfolio samples.

    def _folder(self) -> Path:
        return attachments_dir(self.ctx.database_path)

    def choose_file(self, caption: str) -> Path | None:
        path, _filter = QFileDialog.getOpenFileName(self, caption, str(Path.home()))
        return Path(path) if path else None

    def store_file(self, path: Path) -> attachments.StoredFile | None:
        """Copy `path` into the attachments folder (the portfolio samples' rules:
        at most 100 MB, stored once per content); None, with why, when it cannot."""
        try:
            return attachments.store_file(path, self._folder())
        except UserError as error:
            self.say(str(error), error=True)
            return None

    def file_missing(self, file_hash: str | None) -> bool:
        return bool(file_hash) and attachments.is_missing(self._folder(), file_hash or "")

    def attach_to_selected(self, path: Path, what: str, edit: type) -> bool:
        """Store `path` and attach it to the one row selected in `self.table`,
        through the edit command `edit(ctx, id, changes, text)`."""
        chosen = selected_rows(self.table, self.model)
        if len(chosen) != 1:
            self.say(_("Select the {what} to attach the file to.").format(what=what))
            return False
        stored = self.store_file(path)
        if stored is None:
            return False
        changes = {
            "file_hash": stored.file_hash,
            "file_name": stored.file_name,
            "file_size": stored.file_size,
        }
        return self.run(
            lambda _c: edit(self.ctx, chosen[0].id, changes, _("Attach a file")),
            _("Attached {file_name}.").format(file_name=stored.file_name),
        )

    def open_selected_file(self) -> bool:
        """Open the file attached to the one row selected in `self.table`."""
        chosen = selected_rows(self.table, self.model)
        if len(chosen) != 1 or not chosen[0].file_hash:
            return False
        return self.open_file(chosen[0].file_hash, chosen[0].file_name)

    def open_file(self, file_hash: str | None, file_name: str) -> bool:
        stored = attachments.locate(self._folder(), file_hash or "", file_name)
        if stored is None:
            self.say(
                _(
                    "The file {file_name} is missing: it is no longer in {folder}. Attach it "
                    "again if you still have it."
                ).format(file_name=file_name, folder=self._folder()),
                error=True,
            )
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(stored)))


def question_box(parent: QWidget, question: str) -> QMessageBox:
    """The box that asks before an unusual edit (Yes or No, No the default);
    not shown yet: the caller connects `finished` and opens it."""
    box = message_box(
        parent,
        QMessageBox.Icon.Question,
        _("Record it anyway?"),
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    box.setObjectName("confirmBox")
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    return box
