"""“Record yourself doing it”: the first draft of a procedure in one pass.

A focused window that shows one step at a time. The owner does the task
for real; after each step they type what they just did (and, if they
like, how to tell it was done right) and press Enter: the step is kept
with the time it took, and the clock starts on the next one. Finish
stores every step at once (one undoable command); closing with steps
typed asks whether to keep them.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.errors import UserError
from desktop_app.models.i18n import _, count
from desktop_app.models.procedure_content import StepData, clean_step, duration_text
from desktop_app.views.context import AppContext
from desktop_app.views.partials.feedback import MessageLine, run_edit
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.plain_text import message_box, plain_label
from desktop_app.views.time_audit.procedure_commands import RecordStepsCommand


class RecorderDialog(QDialog):
    """One step at a time, timed.

    Signals:
        recorded(int): the steps were stored (how many).

    Attributes:
        steps: the steps written so far, with their seconds.
    """

    recorded = Signal(int)

    def __init__(
        self, ctx: AppContext, task_id: int, task_name: str, parent: QWidget | None = None
    ):
        super().__init__(parent)
        named(
            self,
            "procedureRecorder",
            _("Record yourself doing “{task_name}”").format(task_name=task_name),
        )
        self.setWindowTitle(_("Record yourself doing “{task_name}”").format(task_name=task_name))
        self.ctx = ctx
        self.task_id = task_id
        self.task_name = task_name
        self.steps: list[StepData] = []
        self._stored = False
        self.clock = QElapsedTimer()
        self.clock.start()
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self._tick)
        self.ticker.start()
        self._build()
        self.resize(560, 460)
        self._show_step()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        intro = plain_label(
            _(
                "Do the task now, for real. After each step, type what you just did and press "
                "Enter: the step is kept with the time it took, and the clock starts on the next. "
                "Press Finish after the last one."
            )
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.step_label = named(plain_label(), "recorderStep", _("Which step"))
        self.step_label.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.step_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.step_label.setFont(font)
        self.clock_label = named(plain_label(), "recorderClock", _("Time on this step"))
        self.clock_label.setTextFormat(Qt.TextFormat.PlainText)
        heading = QHBoxLayout()
        heading.addWidget(self.step_label, 1)
        heading.addWidget(self.clock_label)
        layout.addLayout(heading)
        form = QFormLayout()
        self.text_edit = named(QLineEdit(), "recorderText", _("What did you just do?"))
        self.text_edit.setPlaceholderText(_("What did you just do? e.g. “Download the PayPal CSV”"))
        self.check_edit = named(QLineEdit(), "recorderCheck", _("How to tell it was done right"))
        self.check_edit.setPlaceholderText(_("Optional: how to tell it was done right"))
        self.text_edit.returnPressed.connect(self.next_step)
        self.check_edit.returnPressed.connect(self.next_step)
        form.addRow(_("Step"), self.text_edit)
        form.addRow(_("Check"), self.check_edit)
        layout.addLayout(form)
        self.error_label = MessageLine("recorderError", _("Why the step was not kept"))
        layout.addWidget(self.error_label)
        self.done_model = QStringListModel(self)
        self.done_view = named(QListView(), "recorderSteps", _("Steps recorded so far"))
        self.done_view.setModel(self.done_model)
        self.done_view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        layout.addWidget(self.done_view, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.next_button = named(
            QPushButton(_("Next step")), "recorderNext", _("Next step (Enter)")
        )
        self.next_button.clicked.connect(self.next_step)
        self.finish_button = named(QPushButton(_("Finish")), "recorderFinish", _("Finish"))
        self.finish_button.clicked.connect(self.finish)
        self.cancel_button = named(QPushButton(_("Cancel")), "recorderCancel", _("Cancel"))
        self.cancel_button.clicked.connect(self.close)
        for button in (self.next_button, self.finish_button, self.cancel_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        layout.addLayout(buttons)

    def _show_step(self) -> None:
        self.step_label.setText(_("Step {number}").format(number=len(self.steps) + 1))
        self._tick()
        self.text_edit.setFocus()

    def _tick(self) -> None:
        self.clock_label.setText(duration_text(int(self.clock.elapsed() // 1000)))

    def next_step(self) -> bool:
        """Keep the typed step with its time; start the clock on the next one."""
        try:
            text = clean_step("text", self.text_edit.text())
        except UserError as error:
            self.error_label.show_error(_("{error} Type it, then press Enter.").format(error=error))
            return False
        seconds = int(self.clock.elapsed() // 1000)
        self.steps.append(StepData(text, check=self.check_edit.text().strip(), seconds=seconds))
        self.done_model.setStringList(
            [
                f"{n}. {s.text} ({duration_text(s.seconds or 0)})"
                for n, s in enumerate(self.steps, 1)
            ]
        )
        self.done_view.scrollToBottom()
        self.text_edit.clear()
        self.check_edit.clear()
        self.error_label.clear_message()
        self.clock.restart()
        self._show_step()
        return True

    def finish(self) -> bool:
        """Keep the step being typed (if any), store every step, close."""
        if self.text_edit.text().strip() and not self.next_step():
            return False
        if not self.steps:
            self.error_label.show_error(_("Nothing recorded yet: type the first step you did."))
            return False
        command = RecordStepsCommand(self.ctx, self.task_id, self.task_name, self.steps)
        if not run_edit(command, self.error_label.show_error):
            return False
        self._stored = True
        self.recorded.emit(len(self.steps))
        self.ticker.stop()
        self.accept()
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._stored or not (self.steps or self.text_edit.text().strip()):
            self.ticker.stop()
            super().closeEvent(event)
            return
        steps = len(self.steps) + bool(self.text_edit.text().strip())
        box = message_box(
            self,
            QMessageBox.Icon.Question,
            _("Keep the steps?"),
            count(
                steps, "Keep the {count} step you recorded?", "Keep the {count} steps you recorded?"
            ),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Cancel or (
            answer == QMessageBox.StandardButton.Save and not self.finish()
        ):
            event.ignore()
            return
        self.ticker.stop()
        super().closeEvent(event)

    def reject(self) -> None:
        # Escape goes through closeEvent's question, like the Cancel button.
        self.close()
