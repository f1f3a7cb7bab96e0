"""File > Open team workspace…: the address of a PostgreSQL database to open.

A wrong address, or one the server refuses, is said under the field and the
dialog stays open with what was typed, so it can be corrected; the window
keeps the database it had until a workspace opens.

The server is first reached on a thread of its own (`workspace.ConnectionAttempt`,
up to its few seconds' timeout): the dialog says "Connecting to …" with a
busy bar, and Cancel stops waiting, so the window never freezes. When the
server asks for a password that ~/.pgpass and PGPASSWORD do not give, a
masked field asks for it; Offload keeps it in memory until it closes, never
in its settings or logs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.base import keep_password_for_session
from desktop_app.models.engine import is_database_url
from desktop_app.models.i18n import _
from desktop_app.views.partials.feedback import MessageLine
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.plain_text import plain_label

if TYPE_CHECKING:
    from desktop_app.workspace import ConnectionAttempt

EXAMPLE = "postgresql://you@server:5432/offload"


class WorkspaceDialog(QDialog):
    """Asks for a workspace's address; `open_workspace(address)` returns why it
    could not be opened ("" once it is open, and the dialog closes)."""

    def __init__(
        self, current: str, open_workspace: Callable[[str], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        named(self, "workspaceDialog", _("Open team workspace"))
        self.setWindowTitle(_("Open team workspace"))
        self._open_workspace = open_workspace
        self._attempt: ConnectionAttempt | None = None  # the one under way, if any
        self._attempted = ""  # its address
        self.address = named(QLineEdit(current), "workspaceAddress", _("Address"))
        self.address.setPlaceholderText(EXAMPLE)
        self.address.setMinimumWidth(self.fontMetrics().horizontalAdvance(EXAMPLE) * 3 // 2)
        self.password = named(QLineEdit(), "workspacePassword", _("Password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_row = QWidget()
        password_form = QFormLayout(self.password_row)
        password_form.setContentsMargins(0, 0, 0, 0)
        password_form.addRow(plain_label(_("Password:")), self.password)
        self.password_row.hide()
        self.connecting = MessageLine("workspaceConnecting", _("Connecting"))
        self.busy = named(QProgressBar(), "workspaceBusy", _("Connecting"))
        self.busy.setRange(0, 0)  # no end known: a moving bar
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.error = MessageLine("workspaceError", _("Why the workspace did not open"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._try_open)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        explanation = plain_label(
            _(
                "The address of your team's workspace on its PostgreSQL server. "
                "A password comes from ~/.pgpass or PGPASSWORD and is never kept by Offload."
            )
        )
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        layout.addWidget(self.address)
        layout.addWidget(self.password_row)
        layout.addWidget(self.connecting)
        layout.addWidget(self.busy)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.address.textEdited.connect(self._address_edited)
        self.password.textEdited.connect(lambda _text: self.error.clear_message())

    @property
    def is_connecting(self) -> bool:
        return self._attempt is not None

    def _address_edited(self, _text: str) -> None:
        self.error.clear_message()
        # A password belongs to the address it was asked for.
        self.password.clear()
        self.password_row.hide()

    def _try_open(self) -> None:
        if self.is_connecting:
            return
        address = self.address.text().strip()
        if not is_database_url(address):
            # Echoed short: a pasted page of text would widen the dialog past the screen.
            shown = address if len(address) <= 60 else address[:59] + "…"
            self._refuse(
                _(
                    "“{address}” is not the address of a PostgreSQL database: "
                    "it starts with postgresql://, as in {example}."
                ).format(address=shown, example=EXAMPLE)
            )
            return
        from desktop_app.workspace import ConnectionAttempt

        self.error.clear_message()
        self._attempted = address
        self._attempt = ConnectionAttempt(address, self.password.text())
        self._attempt.finished.connect(self._reached)
        self._attempt.start()
        self._show_connecting(True)

    def _show_connecting(self, connecting: bool) -> None:
        from desktop_app.workspace import describe

        if connecting:
            self.connecting.show_note(
                _("Connecting to {address}…").format(address=describe(self._attempted))
            )
        else:
            self.connecting.clear_message()
        self.busy.setVisible(connecting)
        self.address.setEnabled(not connecting)
        self.password.setEnabled(not connecting)
        self.buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(not connecting)
        self.adjustSize()

    def _reached(self, problem: str, needs_password: bool) -> None:
        """The server answered (or gave up): ask for a password, say why not, or open."""
        if self._attempt is None or self.sender() is not self._attempt:
            return  # an attempt cancelled since
        self._attempt = None
        self._show_connecting(False)
        address, typed = self._attempted, self.password.text()
        if needs_password:
            self._ask_for_password(address, refused=bool(typed))
            return
        if problem:
            self._refuse(problem)
            return
        if typed:
            keep_password_for_session(address, typed)
        self.password.clear()
        problem = self._open_workspace(address)
        if problem:
            self._refuse(problem)
            return
        self.accept()

    def ask_for_password(self, address: str) -> None:
        """Open asking for the password the server of `address` wants (start-up)."""
        self._attempted = address
        self._ask_for_password(address, refused=False)

    def _ask_for_password(self, address: str, *, refused: bool) -> None:
        from desktop_app.workspace import user_and_place

        user, place = user_and_place(address)
        self.password_row.show()
        if refused:
            self.password.selectAll()
            self._refuse(
                _("The server at {place} refused this password for {user}: type it again.").format(
                    place=place, user=user
                )
            )
        else:
            self.error.show_note(
                _(
                    "The server at {place} asks for the password of {user}. Offload keeps it "
                    "until it closes, never on disk."
                ).format(place=place, user=user)
            )
            self.adjustSize()
        self.password.setFocus()

    def reject(self) -> None:
        """Cancel: while connecting, stop waiting (the dialog stays, with what was
        typed); else close."""
        if self._attempt is None:
            self.password.clear()
            super().reject()
            return
        from desktop_app.workspace import describe

        self._attempt.cancel()
        self._attempt = None
        self._show_connecting(False)
        self.error.show_note(
            _("Stopped connecting to {address}; nothing was opened.").format(
                address=describe(self._attempted)
            )
        )

    def _refuse(self, problem: str) -> None:
        self.error.show_error(problem)
        self.adjustSize()  # tall enough for the message, whatever its length
