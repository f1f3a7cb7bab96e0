"""Long work off the window's thread: imports and exports, with progress and Cancel.

`LongTask` runs `work(progress)` in a QThreadPool thread with a database
connection of its own (`Store.worker_connection`), while `WorkDialog`, an
application-modal dialog with a progress bar and Cancel, keeps the owner
from editing anything meanwhile: the window still paints and moves, but no
half-done import can be seen through an edit or changed under it. Nothing
calls `processEvents`: the window's own event loop runs throughout.

Cancel asks the work to stop at its next progress report, where `progress`
raises `Cancelled`; the work's transaction rolls back, and the dialog says
so until the worker has really stopped, then closes.

Signals (of LongTask, always on the window's thread):
    succeeded(result): the work returned `result`.
    failed(error): the work raised `error` (`Cancelled` when the owner stopped it).
    finished(): after either, once the dialog has closed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QProgressBar, QVBoxLayout, QWidget

from desktop_app.models.errors import UserError
from desktop_app.models.i18n import _
from desktop_app.models.progress import Cancelled, Progress
from desktop_app.store import Store
from desktop_app.views.partials.naming import name_buttons, named
from desktop_app.views.partials.plain_text import plain_label

log = logging.getLogger("offload.ui")

Work = Callable[[Progress], Any]


class WorkDialog(QDialog):
    """The progress of a long task, with Cancel; closes only when the task has stopped."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None, title: str, text: str) -> None:
        super().__init__(parent)
        named(self, "longTaskDialog", title)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.label = named(plain_label(text), "longTaskText", _("What is being done"))
        self.label.setWordWrap(True)
        self.bar = named(QProgressBar(), "longTaskProgress", _("Progress"))
        self.bar.setRange(0, 0)  # busy until the first report says how much there is
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        name_buttons(self.buttons, "longTaskButtons")
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self._running = True

    def show_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))

    def reject(self) -> None:
        """Cancel, Esc or the close box: ask the task to stop; close when it has."""
        if not self._running:
            super().reject()
            return
        if self.cancel_button.isEnabled():
            self.cancel_button.setEnabled(False)
            self.label.setText(_("Cancelling: nothing of it will be kept…"))
            self.cancel_requested.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._running:
            event.ignore()
            self.reject()
        else:
            super().closeEvent(event)

    def stopped(self) -> None:
        """The task has stopped: the dialog may close now."""
        self._running = False
        self.accept()


class _Signals(QObject):
    # Emitted from the worker thread; delivered on the window's thread.
    progressed = Signal(int, int)
    returned = Signal(object)
    raised = Signal(object)


class _Job(QRunnable):
    def __init__(
        self,
        store: Store,
        work: Work,
        signals: _Signals,
        stop: threading.Event,
        cancelled_text: str,
    ) -> None:
        super().__init__()
        self.store = store
        self.work = work
        self.signals = signals
        self.stop = stop
        self.cancelled_text = cancelled_text

    def run(self) -> None:
        try:
            with self.store.worker_connection():
                result = self.work(self._report)
        except BaseException as error:  # handed to the window's thread, never lost
            self.signals.raised.emit(error)
        else:
            self.signals.returned.emit(result)

    def _report(self, done: int, total: int) -> None:
        if self.stop.is_set():
            raise Cancelled(self.cancelled_text)
        self.signals.progressed.emit(done, total)


class LongTask(QObject):
    """`work(progress)` in a worker thread, with `WorkDialog` over `parent` meanwhile.

    Make it, connect `succeeded`/`failed`, then `start()`.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(
        self,
        store: Store,
        parent: QWidget,
        title: str,
        text: str,
        work: Work,
        *,
        cancelled_text: str = "",
    ) -> None:
        super().__init__(parent)
        cancelled_text = cancelled_text or _("Cancelled: nothing was changed.")
        self.dialog = WorkDialog(parent, title, text)
        self._stop = threading.Event()
        self._signals = _Signals(self)
        self._signals.progressed.connect(self._on_progress)
        self._signals.returned.connect(self._on_returned)
        self._signals.raised.connect(self._on_raised)
        self.dialog.cancel_requested.connect(self._stop.set)
        self._job = _Job(store, work, self._signals, self._stop, cancelled_text)
        self.running = False

    def start(self) -> None:
        self.running = True
        self.dialog.show()
        QThreadPool.globalInstance().start(self._job)

    def cancel(self) -> None:
        """What the dialog's Cancel does."""
        self.dialog.reject()

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.dialog.show_progress(done, total)

    @Slot(object)
    def _on_returned(self, result: object) -> None:
        self._stopped()
        self.succeeded.emit(result)
        self.finished.emit()

    @Slot(object)
    def _on_raised(self, error: BaseException) -> None:
        self._stopped()
        if not isinstance(error, UserError):
            # A bug (or a storage failure): the window's error dialog shows it.
            self.finished.emit()
            raise error
        self.failed.emit(error)
        self.finished.emit()

    def _stopped(self) -> None:
        self.running = False
        self.dialog.stopped()
        self.dialog.deleteLater()
