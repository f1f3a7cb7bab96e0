"""The brief's Procedures page: how each task it hands off is done, read-only.

A procedure belongs to its task, not to the brief: it is written and
edited in the Time audit's Procedure tab, and every brief that hands the
task off carries it (and prints it as an appendix). Here each task shows
its procedure as the contractor will read it, with a button to edit it
there, or to write it when there is none.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.briefs import linked_tasks
from desktop_app.models.i18n import _
from desktop_app.models.procedure_content import ProcedureData, list_items
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.plain_text import plain_label
from desktop_app.views.partials.text_direction import PlainTextEdit


def procedure_text(data: ProcedureData) -> str:
    """The procedure as plain text, in the order the PDF prints it."""
    lines = []
    if data.purpose.strip():
        lines += [_("Purpose: {purpose}").format(purpose=data.purpose.strip()), ""]
    for label, value in (
        (_("Tools and accounts"), data.tools),
        (_("Inputs"), data.inputs),
        (_("Outputs"), data.outputs),
    ):
        items = list_items(value)
        if items:
            lines.append(_("{label}: {items}").format(label=label, items="; ".join(items)))
    if lines and lines[-1]:
        lines.append("")
    for number, step in enumerate(data.steps, start=1):
        lines.append(f"{number}. {step.text}")
        if step.detail.strip():
            lines += [f"     {line}" for line in step.detail.strip().splitlines()]
        if step.link.strip():
            lines.append("     " + _("See: {link}").format(link=step.link.strip()))
        if step.check.strip():
            lines.append("     ✓ " + _("Check: {check}").format(check=step.check.strip()))
    if data.done_when.strip():
        lines += ["", _("Done when: {done_when}").format(done_when=data.done_when.strip())]
    return "\n".join(lines)


class ProceduresSection(QScrollArea):
    """One box per task the brief hands off.

    Signals:
        edit_requested(int): the owner wants to edit (or write) the
            procedure of the task with this id.

    Attributes:
        boxes: task name -> its box (to jump to from a clarity finding).
    """

    edit_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "briefProcedures", _("Procedures of the tasks this brief hands off"))
        self.setWidgetResizable(True)
        self.boxes: dict[str, QGroupBox] = {}
        self.count_with = 0
        self.count_tasks = 0
        self._content = QWidget()
        self._layout = QVBoxLayout(self._content)
        self.setWidget(self._content)

    def set_brief(self, brief_id: int | None, procedures: list[ProcedureData]) -> None:
        """Show the procedures of the brief's tasks (None: nothing)."""
        # A new page each time: the scroll area deletes the old one at once.
        self._content = QWidget()
        self._layout = QVBoxLayout(self._content)
        self.setWidget(self._content)
        self.boxes = {}
        tasks = linked_tasks(brief_id) if brief_id is not None else []
        by_task = {procedure.task_id: procedure for procedure in procedures}
        self.count_tasks = len(tasks)
        self.count_with = sum(task.id in by_task for task in tasks)
        if not tasks:
            note = plain_label(
                _(
                    "This brief hands off no task of the time audit. Link one (Tasks… above): "
                    "its procedure then goes out with the brief."
                )
            )
            note.setObjectName("briefProceduresNone")
            note.setTextFormat(Qt.TextFormat.PlainText)
            note.setWordWrap(True)
            self._layout.addWidget(note)
        for task in tasks:
            procedure = by_task.get(task.id)
            self._layout.addWidget(self._box(task.id, task.name, procedure))
        self._layout.addStretch(1)

    def _box(self, task_id: int, task_name: str, procedure: ProcedureData | None) -> QGroupBox:
        title = task_name
        if procedure is not None and procedure.title.strip():
            title = f"{task_name}: {procedure.title.strip()}"
        box = QGroupBox(title)
        box.setObjectName(f"briefProcedure_{task_id}")
        column = QVBoxLayout(box)
        if procedure is None or not procedure.steps:
            note = plain_label(
                _("No procedure yet: the contractor will learn this task by asking.")
            )
            note.setTextFormat(Qt.TextFormat.PlainText)
            note.setWordWrap(True)
            column.addWidget(note)
            button = named(
                QPushButton(_("Write it in the Time audit…")),
                f"writeProcedure_{task_id}",
                _("Write the procedure of {task_name}").format(task_name=task_name),
            )
        else:
            text = named(
                PlainTextEdit(procedure_text(procedure)),
                f"procedureText_{task_id}",
                _("The procedure of {task_name}").format(task_name=task_name),
            )
            text.setReadOnly(True)
            lines = min(18, procedure_text(procedure).count("\n") + 2)
            text.setFixedHeight(text.fontMetrics().lineSpacing() * lines + 12)
            column.addWidget(text)
            button = named(
                QPushButton(_("Edit in the Time audit…")),
                f"editProcedure_{task_id}",
                _("Edit the procedure of {task_name}").format(task_name=task_name),
            )
        button.clicked.connect(lambda: self.edit_requested.emit(task_id))
        column.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        self.boxes[task_name] = box
        return box

    def focus_task(self, task_name: str) -> None:
        box = self.boxes.get(task_name)
        if box is not None:
            self.ensureWidgetVisible(box)
            button = box.findChild(QPushButton)
            if button is not None:
                button.setFocus()
