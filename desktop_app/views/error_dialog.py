"""What the owner sees when something goes wrong, and the log behind it.

An exception that escapes a slot reaches `sys.excepthook`. A `UserError`
is shown as its message. A storage failure (a full disk, a read-only
database, another program's write lock, a damaged file) is shown as one
plain sentence saying what happened and what to do
(`database_file.explain_database_error`). Anything else is a bug: it is
logged with its traceback and shown with a short explanation; the app keeps
running. Every edit commits in its own transaction, so what was saved
stays saved.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.database_file import explain_database_error
from desktop_app.models.base import bound_path
from desktop_app.models.errors import UserError
from desktop_app.models.i18n import _
from desktop_app.views.partials.plain_text import message_box

log = logging.getLogger("offload.ui")


class ErrorReporter:
    """Installs itself as sys.excepthook; shows one dialog at a time.

    Attributes:
        dialog: the message box on screen, or None.
    """

    def __init__(self, log_path: Path | None) -> None:
        self.log_path = log_path
        self.dialog: QMessageBox | None = None
        self._previous_hook = sys.excepthook

    def install(self) -> None:
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        sys.excepthook = self._previous_hook

    def handle(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous_hook(exc_type, exc, tb)
            return
        if isinstance(exc, UserError):
            log.warning("refused: %s", exc)
            self._show(QMessageBox.Icon.Warning, "Offload", str(exc), "")
            return
        explained = explain_database_error(exc, bound_path())
        if explained is not None:
            log.warning("storage: %s", explained, exc_info=(exc_type, exc, tb))
            self._show(QMessageBox.Icon.Warning, "Offload", explained, "")
            return
        log.error("unexpected error", exc_info=(exc_type, exc, tb))
        where = (
            "\n\n" + _("Details were written to {path}.").format(path=self.log_path)
            if self.log_path
            else ""
        )
        self._show(
            QMessageBox.Icon.Critical,
            _("Something went wrong"),
            _(
                "Offload hit an unexpected error and stopped what it was doing. Everything "
                "you saved before is safe, and you can keep working.{where}"
            ).format(where=where),
            "".join(traceback.format_exception(exc_type, exc, tb)),
        )

    def _show(self, icon: QMessageBox.Icon, title: str, text: str, details: str) -> None:
        if QApplication.instance() is None:
            print(text, file=sys.stderr)
            return
        if self.dialog is not None and self.dialog.isVisible():
            return  # one at a time: a repeating error must not bury the window
        parent = QApplication.activeWindow()
        box = message_box(parent, icon, title, text)
        box.setObjectName("errorDialog")
        if details:
            box.setDetailedText(details)
        self.dialog = box
        box.open()
