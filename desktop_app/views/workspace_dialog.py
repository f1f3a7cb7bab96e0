"""File > Open team workspace…: the address of a PostgreSQL database to open.

A wrong address, or one the server refuses, is said under the field and the
dialog stays open with what was typed, so it can be corrected; the window
keeps the database it had until a workspace opens.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.engine import is_database_url
from desktop_app.models.i18n import _
from desktop_app.views.partials.feedback import MessageLine
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.plain_text import plain_label

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
        self.address = named(QLineEdit(current), "workspaceAddress", _("Address"))
        self.address.setPlaceholderText(EXAMPLE)
        self.address.setMinimumWidth(self.fontMetrics().horizontalAdvance(EXAMPLE) * 3 // 2)
        self.error = MessageLine("workspaceError", _("Why the workspace did not open"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._try_open)
        buttons.rejected.connect(self.reject)
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
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.address.textEdited.connect(lambda _text: self.error.clear_message())

    def _try_open(self) -> None:
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
        problem = self._open_workspace(address)
        if problem:
            self._refuse(problem)
            return
        self.accept()

    def _refuse(self, problem: str) -> None:
        self.error.show_error(problem)
        self.adjustSize()  # tall enough for the message, whatever its length
