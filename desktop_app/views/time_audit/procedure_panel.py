"""The Procedure sub-tab of the Time audit's task pane: how the selected task is done.

Left, the procedure's own fields (title, purpose, tools, inputs, outputs,
done when); in the middle, the numbered steps, reordered by dragging or
with Ctrl+Up / Ctrl+Down like a brief's expectations; right, the selected
step (what to do, detail, link, check). A field is stored when the focus
leaves it; each edit, move, addition and deletion is one undoable command.
Above them: how long the task takes today (from the audit), when the
procedure was last sent and what changed since, and the procedure's
actions (record yourself doing it, import, export, delete).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.briefs import briefs_for_task
from desktop_app.models.errors import UserError
from desktop_app.models.formats import day as format_day
from desktop_app.models.i18n import N_, _, count
from desktop_app.models.procedure_changes import procedure_changes
from desktop_app.models.procedure_content import (
    PROCEDURE_FIELDS,
    ProcedureData,
    StepData,
    duration_text,
)
from desktop_app.models.procedure_versions import procedure_versions
from desktop_app.models.procedures import (
    load_procedure,
    owner_time,
    owner_time_text,
    procedure_id_for_task,
)
from desktop_app.views.briefs.fields import FieldEvents
from desktop_app.views.context import AppContext
from desktop_app.views.partials.empty_state import EmptyState
from desktop_app.views.partials.feedback import MessageLine, run_edit
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.ordered_list_model import Index, OrderedListModel
from desktop_app.views.partials.plain_text import (
    ask,
    in_sentence,
    message_box,
    plain_label,
    plain_tooltip,
)
from desktop_app.views.partials.text_direction import PlainTextEdit
from desktop_app.views.time_audit.procedure_commands import (
    AddStepCommand,
    CreateProcedureCommand,
    DeleteProcedureCommand,
    DeleteStepCommand,
    ImportProcedureCommand,
    KeepProcedureVersionCommand,
    MoveStepCommand,
    UpdateProcedureCommand,
    UpdateStepCommand,
)
from desktop_app.views.undo import StoreCommand, execute

SETTINGS_PREFIX = "time_audit/procedure/"
MARKDOWN_FILTER = N_("Markdown (*.md *.markdown *.txt);;All files (*)")
EXPORT_FILTER = N_("PDF (*.pdf);;Markdown (*.md)")
FIELD_HINTS = {
    "title": N_("What the procedure does, e.g. “Close the month in Xero”"),
    "purpose": N_("Why the task matters, in a line or two."),
    "tools": N_("One a line: the tools and accounts it needs (names only, never passwords)."),
    "inputs": N_("One a line: what you start from."),
    "outputs": N_("One a line: what the task produces."),
    "done_when": N_("When the task counts as done, so the contractor knows when to stop."),
}


class StepListModel(OrderedListModel[StepData]):
    """A procedure's steps in order (see OrderedListModel)."""

    MIME_TYPE = "application/x-offload-procedure-steps"
    OWNER = "procedure"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        step = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            check = "  ✓" if step.check.strip() else ""
            return f"{index.row() + 1}. {step.text}{check}"
        if role == Qt.ItemDataRole.ToolTipRole:
            check = step.check.strip() or _("No check yet: say how to tell it was done right.")
            return plain_tooltip(_("{text}\n\nCheck: {check}").format(text=step.text, check=check))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return _("Step {number}: {text}").format(number=index.row() + 1, text=step.text)
        return super().data(index, role)


def _plain(name: str, accessible: str, hint: str, lines: int = 3) -> QPlainTextEdit:
    edit = named(PlainTextEdit(), name, accessible, hint)
    edit.setPlaceholderText(hint)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
    return edit


class ProcedurePanel(QWidget):
    """The selected task's procedure.

    Signals:
        message(str, bool): a line for the tab's status line (True: an error).

    Attributes:
        task_id, procedure_id: what is shown (None: nothing).
        data: the procedure as last loaded.
        model, view: the steps.
    """

    message = Signal(str, bool)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "procedurePanel", _("Procedure"))
        self.ctx = ctx
        self.task_id: int | None = None
        self.task_name = ""
        self.procedure_id: int | None = None
        self.data: ProcedureData | None = None
        self._loading = False
        # The step whose values the step form shows: edits there belong to it,
        # whichever row is current by the time they are stored.
        self._form_step_id: int | None = None
        self.events = FieldEvents(self)
        self.events.focus_left.connect(self._commit_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget()
        self.stack.setObjectName("procedureStack")
        layout.addWidget(self.stack)
        self.no_task = EmptyState(
            _("How is this task done?"),
            _("Select a task above to write down how it is done, step by step."),
            object_name="procedureNoTask",
        )
        self.empty = EmptyState(
            _("No procedure yet"),
            _(
                "Write down how this task is done, once, so no contractor has to ask. "
                "“Record yourself doing it” shows one step at a time while you do the task: "
                "type what you just did, and the first draft exists after a single pass."
            ),
            _("Record yourself doing it…"),
            object_name="procedureEmpty",
        )
        self.empty.action_triggered.connect(self.open_recorder)
        extra = QHBoxLayout()
        extra.addStretch(1)
        self.blank_button = named(
            QPushButton(_("Write it step by step")), "startProcedure", _("Start a blank procedure")
        )
        self.blank_button.clicked.connect(self.start_blank)
        self.import_empty_button = named(
            QPushButton(_("Import from Markdown…")),
            "importProcedureEmpty",
            _("Import from Markdown"),
        )
        self.import_empty_button.clicked.connect(self.choose_and_import)
        extra.addWidget(self.blank_button)
        extra.addWidget(self.import_empty_button)
        extra.addStretch(1)
        empty_layout = self.empty.layout()
        assert isinstance(empty_layout, QBoxLayout)  # EmptyState's own column
        empty_layout.insertLayout(empty_layout.count() - 1, extra)
        self.stack.addWidget(self.no_task)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._build_editor())
        self._build_actions()

    # Building -------------------------------------------------------------------

    def _build_editor(self) -> QWidget:
        page = QWidget()
        page.setObjectName("procedureEditor")
        column = QVBoxLayout(page)
        column.setContentsMargins(4, 4, 4, 0)
        top = QHBoxLayout()
        self.time_label = named(
            plain_label(), "procedureOwnerTime", _("How long it takes you today")
        )
        self.time_label.setTextFormat(Qt.TextFormat.PlainText)
        self.sent_label = named(
            plain_label(), "procedureSent", _("When the procedure was last sent")
        )
        self.sent_label.setTextFormat(Qt.TextFormat.PlainText)
        # Wrapped, so a narrow window gives them more lines, not the pane more width.
        self.time_label.setWordWrap(True)
        self.sent_label.setWordWrap(True)
        self.changes_button = named(
            QPushButton(_("What changed…")),
            "procedureChanges",
            _("What changed since the version you sent"),
        )
        self.changes_button.clicked.connect(self.show_changes)
        top.addWidget(self.time_label, 1)
        top.addSpacing(12)
        top.addWidget(self.sent_label, 1)
        top.addWidget(self.changes_button)
        for name, text, slot in (
            ("recordProcedure", _("Record yourself doing it…"), self.open_recorder),
            ("importProcedure", _("Import…"), self.choose_and_import),
            ("exportProcedure", _("Export…"), self.choose_and_export),
            ("deleteProcedure", _("Delete…"), self.delete_procedure),
        ):
            button = named(QPushButton(text), name, text.rstrip("…"))
            button.clicked.connect(slot)
            top.addWidget(button)
        column.addLayout(top)

        self.splitter = named(QSplitter(Qt.Orientation.Horizontal), "procedureSplitter", _("Parts"))
        self.splitter.addWidget(self._build_fields())
        self.splitter.addWidget(self._build_steps())
        self.splitter.addWidget(self._build_step_form())
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setChildrenCollapsible(False)
        column.addWidget(self.splitter, 1)
        return page

    def _build_fields(self) -> QWidget:
        form_widget = QWidget()
        form = QFormLayout(form_widget)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        for name, label in PROCEDURE_FIELDS:
            hint = _(FIELD_HINTS[name])
            editor: QLineEdit | QPlainTextEdit
            if name == "title":
                title = named(QLineEdit(), "procedureTitle", label, hint)
                title.setPlaceholderText(hint)
                title.editingFinished.connect(self._commit_changed)
                editor = title
            else:
                lines = 2 if name == "purpose" else 3
                editor = _plain(f"procedure_{name}", label, hint, lines)
            self.events.watch(editor)
            self.fields[name] = editor
            form.addRow(label, editor)
        scroll = QScrollArea()
        scroll.setObjectName("procedureFields")
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_widget)
        return scroll

    def _build_steps(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.model = StepListModel(self)
        self.model.move_requested.connect(self._store_move)
        self.view = named(
            QListView(),
            "procedureSteps",
            _("Steps"),
            _("In order. Drag a step, or press Ctrl+Up or Ctrl+Down, to move it."),
        )
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDragEnabled(True)
        self.view.setDropIndicatorShown(True)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(True)
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)
        column.addWidget(self.view, 1)
        row = QHBoxLayout()
        self.add_edit = named(
            QLineEdit(),
            "addStep",
            _("New step"),
            _("What to do next; Enter adds it as the last step"),
        )
        self.add_edit.setPlaceholderText(_("Add a step: what to do, then Enter"))
        self.add_edit.returnPressed.connect(self.add_from_line)
        self.events.watch(self.add_edit)
        row.addWidget(self.add_edit, 1)
        self.tool_buttons: dict[str, QToolButton] = {}
        for name, text, tip in (
            ("stepUp", "↑", _("Move up (Ctrl+Up)")),
            ("stepDown", "↓", _("Move down (Ctrl+Down)")),
            ("stepDelete", "✕", _("Delete the step (Delete)")),
        ):
            button = named(QToolButton(), name, tip, tip)
            button.setText(text)
            self.tool_buttons[name] = button
            row.addWidget(button)
        self.tool_buttons["stepUp"].clicked.connect(lambda: self.move_current_by(-1))
        self.tool_buttons["stepDown"].clicked.connect(lambda: self.move_current_by(1))
        self.tool_buttons["stepDelete"].clicked.connect(self.delete_current)
        column.addLayout(row)
        return box

    def _build_step_form(self) -> QWidget:
        box = QWidget()
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.step_text = named(
            QLineEdit(), "stepText", _("What to do"), _("What to do, in one line")
        )
        self.step_detail = _plain(
            "stepDetail", _("Detail"), _("How exactly: menus, settings, the traps."), 3
        )
        link_row = QHBoxLayout()
        self.step_link = named(
            QLineEdit(),
            "stepLink",
            _("Link"),
            _("A screen recording or a document: an https:// address, or a file"),
        )
        self.step_link.setPlaceholderText(_("https://… or a file"))
        self.link_file_button = named(QToolButton(), "stepLinkFile", _("Choose a file…"))
        self.link_file_button.setText("…")
        self.link_file_button.clicked.connect(self._choose_link_file)
        link_row.addWidget(self.step_link, 1)
        link_row.addWidget(self.link_file_button)
        self.step_check = named(
            QLineEdit(), "stepCheck", _("Check"), _("How to tell the step was done right")
        )
        self.step_check.setPlaceholderText(_("How to tell it was done right"))
        self.step_error = MessageLine("stepError", _("Why the step was not saved"))
        self.step_time = named(plain_label(), "stepTime", _("Time the step took when recorded"))
        self.step_time.setTextFormat(Qt.TextFormat.PlainText)
        for line in (self.step_text, self.step_link, self.step_check):
            line.editingFinished.connect(self._commit_changed)
        for step_editor in (self.step_text, self.step_detail, self.step_link, self.step_check):
            self.events.watch(step_editor)
        form.addRow(_("Step"), self.step_text)
        form.addRow(_("Detail"), self.step_detail)
        form.addRow(_("Link"), link_row)
        form.addRow(_("Check"), self.step_check)
        form.addRow("", self.step_time)
        form.addRow("", self.step_error)
        return box

    def _build_actions(self) -> None:
        for name, keys, slot in (
            ("actionStepUp", "Ctrl+Up", lambda: self.move_current_by(-1)),
            ("actionStepDown", "Ctrl+Down", lambda: self.move_current_by(1)),
            ("actionStepTop", "Ctrl+Shift+Up", lambda: self.move_current_to(0)),
            ("actionStepBottom", "Ctrl+Shift+Down", lambda: self.move_current_to(10**9)),
        ):
            action = QAction(name, self.view)
            action.setObjectName(name)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
            self.view.addAction(action)
        delete = QAction(_("Delete step"), self.view)
        delete.setObjectName("actionDeleteStep")
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_current)
        self.view.addAction(delete)

    # Loading --------------------------------------------------------------------

    def show_task(self, task_id: int | None, task_name: str = "") -> None:
        """Show the procedure of `task_id` (None: no task selected)."""
        if task_id != self.task_id:
            self._commit_changed()
        self.task_id = task_id
        self.task_name = task_name
        self.reload()

    def reload(self) -> None:
        """Bring what is shown in line with what is stored."""
        if self.task_id is None:
            self.procedure_id = None
            self.data = None
            self.stack.setCurrentWidget(self.no_task)
            return
        self.procedure_id = procedure_id_for_task(self.task_id)
        if self.procedure_id is None:
            self.data = None
            self.model.set_rows(None, [])
            self.empty.title_label.setText(
                _("No procedure yet for “{task_name}”").format(task_name=self.task_name)
            )
            self.stack.setCurrentWidget(self.empty)
            return
        self.data = load_procedure(self.procedure_id)
        self._loading = True
        try:
            for name, editor in self.fields.items():
                value = getattr(self.data, name)
                current = editor.text() if isinstance(editor, QLineEdit) else editor.toPlainText()
                if current != value and not editor.hasFocus():
                    if isinstance(editor, QLineEdit):
                        editor.setText(value)
                    else:
                        editor.setPlainText(value)
            self.fields["title"].setPlaceholderText(self.task_name)
            self.model.set_rows(self.procedure_id, self.data.steps)
            self._load_step()
        finally:
            self._loading = False
        self._show_times()
        self._update_actions()
        self.stack.setCurrentIndex(2)

    def _show_times(self) -> None:
        assert self.data is not None and self.task_id is not None
        parts = [owner_time_text(owner_time(self.task_id)) or _("No time logged on it yet")]
        if self.data.recorded_seconds is not None:
            parts.append(
                _("recorded: {duration_text}").format(
                    duration_text=duration_text(self.data.recorded_seconds)
                )
            )
        self.time_label.setText(" · ".join(parts))
        versions = procedure_versions(self.procedure_id) if self.procedure_id else []
        if not versions:
            self.sent_label.setText(_("Not sent yet: it goes out with the brief of this task."))
            self.changes_button.setEnabled(False)
            return
        last = versions[0]
        changes = procedure_changes(last.data, self.data)
        since = (
            count(len(changes), "{count} change since", "{count} changes since")
            if changes
            else _("unchanged")
        )
        when = format_day(last.created_at.date())
        if last.brief_title:
            sent = _("Sent {when} with the brief “{title}”; {since}.").format(
                when=when, title=last.brief_title, since=since
            )
        else:
            sent = _("Sent {when} on its own; {since}.").format(when=when, since=since)
        self.sent_label.setText(sent)
        self.changes_button.setEnabled(bool(changes))

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(StepListModel.IdRole) if index.isValid() else None

    def current_step(self) -> StepData | None:
        index = self.view.currentIndex()
        return self.model.rows()[index.row()] if index.isValid() else None

    def _on_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if not self._loading:
            self._commit_changed()
        self._load_step()
        self._update_actions()

    def _load_step(self) -> None:
        step = self.current_step()
        self._form_step_id = step.id if step else None
        was_loading = self._loading
        self._loading = True
        try:
            for editor, value in (
                (self.step_text, step.text if step else ""),
                (self.step_link, step.link if step else ""),
                (self.step_check, step.check if step else ""),
            ):
                if editor.text() != value:
                    editor.setText(value)
            detail = step.detail if step else ""
            if self.step_detail.toPlainText() != detail:
                self.step_detail.setPlainText(detail)
            for step_editor in (self.step_text, self.step_detail, self.step_link, self.step_check):
                step_editor.setEnabled(step is not None)
            self.link_file_button.setEnabled(step is not None)
            seconds = step.seconds if step else None
            self.step_time.setText(
                _("Took {duration_text} when you recorded it").format(
                    duration_text=duration_text(seconds)
                )
                if seconds
                else ""
            )
            self.step_error.clear_message()
        finally:
            self._loading = was_loading

    def _update_actions(self) -> None:
        row = self.view.currentIndex().row()
        count = self.model.rowCount()
        self.tool_buttons["stepUp"].setEnabled(row > 0)
        self.tool_buttons["stepDown"].setEnabled(0 <= row < count - 1)
        self.tool_buttons["stepDelete"].setEnabled(row >= 0)

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(row, 0))

    # Edits ------------------------------------------------------------------------

    def _run(self, command: StoreCommand) -> bool:
        return run_edit(command, lambda text: self.message.emit(text, True))

    def _commit_changed(self) -> None:
        """Store every field whose text differs from what is stored (the focus left it)."""
        if self._loading or self.data is None or self.procedure_id is None:
            return
        changes = {}
        for name, editor in self.fields.items():
            value = editor.text() if isinstance(editor, QLineEdit) else editor.toPlainText()
            if value != getattr(self.data, name):
                changes[name] = value
        if changes:
            labels = dict(PROCEDURE_FIELDS)
            what = ", ".join(in_sentence(_(labels[name])) for name in changes)
            command = UpdateProcedureCommand(
                self.ctx,
                self.procedure_id,
                changes,
                _("Edit {what} of “{task_name}”").format(what=what, task_name=self.task_name),
            )
            if not self._run(command):
                return
        self._commit_step()

    def _commit_step(self) -> None:
        rows = self.model.rows()
        step = next((row for row in rows if row.id == self._form_step_id), None)
        if step is None or step.id is None:
            return
        values = {
            "text": self.step_text.text(),
            "detail": self.step_detail.toPlainText(),
            "link": self.step_link.text().strip(),
            "check": self.step_check.text(),
        }
        changes = {name: value for name, value in values.items() if value != getattr(step, name)}
        if not changes:
            self.step_error.clear_message()
            return
        number = rows.index(step) + 1
        command = UpdateStepCommand(
            self.ctx, step.id, changes, _("Edit step {number}").format(number=number)
        )
        # Refused, nothing is stored: the field keeps what was typed, with why.
        if not run_edit(command, self.step_error.show_error):
            return
        self.step_error.clear_message()

    def start_blank(self) -> None:
        if self.task_id is not None:
            self._run(CreateProcedureCommand(self.ctx, self.task_id, self.task_name))
            self.add_edit.setFocus()

    def add_from_line(self) -> None:
        """Add the typed step at the end (an empty one is not saved)."""
        if self.procedure_id is None:
            return
        command = AddStepCommand(self.ctx, self.procedure_id, StepData(self.add_edit.text()))
        if self._run(command):
            self.add_edit.clear()
            self.select_row(self.model.rowCount() - 1)
            self.message.emit("", False)

    def delete_current(self) -> None:
        step_id = self.current_id()
        if step_id is None:
            return
        row = self.view.currentIndex().row()
        if self._run(DeleteStepCommand(self.ctx, step_id, row + 1)):
            self.select_row(min(row, self.model.rowCount() - 1))

    def move_current_by(self, step: int) -> None:
        row = self.view.currentIndex().row()
        if row >= 0:
            self.model.move(row, row + step)

    def move_current_to(self, target: int) -> None:
        row = self.view.currentIndex().row()
        if row >= 0:
            self.model.move(row, min(target, self.model.rowCount() - 1))

    def _store_move(self, step_id: int, target: int) -> None:
        if not self._run(MoveStepCommand(self.ctx, step_id, target)):
            self.reload()
        self._update_actions()

    def _choose_link_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Link a file to this step"), str(Path.home())
        )
        if path:
            self.step_link.setText(path)
            self._commit_step()

    # The procedure as a whole -------------------------------------------------------

    def open_recorder(self) -> QWidget | None:
        """The guided "record yourself doing it" mode, for the selected task."""
        from desktop_app.views.time_audit.procedure_recorder import RecorderDialog

        if self.task_id is None:
            return None
        dialog = RecorderDialog(self.ctx, self.task_id, self.task_name, self)
        dialog.recorded.connect(lambda count: self.message.emit(f"Recorded {count} steps.", False))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def delete_procedure(self) -> QMessageBox | None:
        """Delete the procedure; when a brief includes it, ask first. Undoable."""
        if self.procedure_id is None or self.task_id is None:
            return None
        procedure_id, name = self.procedure_id, self.task_name
        briefs = briefs_for_task(self.task_id)
        if not briefs:
            self._delete(procedure_id, name)
            return None
        titles = ", ".join(f"“{title}”" for _, title in briefs)
        box = message_box(
            self,
            QMessageBox.Icon.Question,
            _("Delete procedure"),
            count(
                len(briefs),
                "The brief {titles} includes this procedure. Delete the procedure of “{name}”?",
                "The briefs {titles} include this procedure. Delete the procedure of “{name}”?",
                titles=titles,
                name=name,
            ),
            QMessageBox.StandardButton.NoButton,
        )
        box.setObjectName("confirmDeleteProcedure")
        box.setInformativeText(
            _("The briefs will go out without it. You can undo this with Edit > Undo (Ctrl+Z).")
        )
        delete = box.addButton(_("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        delete.setObjectName("confirmDelete")
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(
            lambda _result: (
                self._delete(procedure_id, name) if box.clickedButton() is delete else None
            )
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def _delete(self, procedure_id: int, name: str) -> None:
        if self._run(DeleteProcedureCommand(self.ctx, procedure_id, name)):
            self.message.emit(
                f"Deleted the procedure of “{name}”. Edit > Undo (Ctrl+Z) puts it back.", False
            )

    def choose_and_import(self) -> None:
        folder = str(QSettings().value(SETTINGS_PREFIX + "folder", str(Path.home())))
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import a procedure from Markdown"), folder, _(MARKDOWN_FILTER)
        )
        if path:
            QSettings().setValue(SETTINGS_PREFIX + "folder", str(Path(path).parent))
            self.import_file(Path(path))

    def import_file(self, path: Path, *, replace: bool | None = None) -> bool:
        """Make the Markdown file at `path` the task's procedure (asks before
        replacing one, unless `replace` says). Undoable."""
        from desktop_app.importers.procedure_markdown import (
            procedure_for_task,
            read_procedure_markdown,
        )

        if self.task_id is None:
            return False
        try:
            data = procedure_for_task(read_procedure_markdown(path), self.task_name)
        except UserError as error:
            self.message.emit(
                _("Cannot import {name}: {error}").format(name=path.name, error=error), True
            )
            return False
        if self.procedure_id is not None and replace is None:
            replace = ask(
                self,
                _("Replace the procedure"),
                count(
                    len(data.steps),
                    "“{name}” has a procedure of {steps}. Replace it with the {count} step of "
                    "{file}?",
                    "“{name}” has a procedure of {steps}. Replace it with the {count} steps of "
                    "{file}?",
                    name=self.task_name,
                    steps=count(
                        len(self.data.steps) if self.data else 0, "{count} step", "{count} steps"
                    ),
                    file=path.name,
                ),
            )
            if not replace:
                return False
        command = ImportProcedureCommand(self.ctx, self.task_id, data, bool(replace), path.name)
        if not self._run(command):
            return False
        self.message.emit(
            count(
                len(data.steps),
                "Imported {count} step from {name}. Edit > Undo (Ctrl+Z) takes it back.",
                "Imported {count} steps from {name}. Edit > Undo (Ctrl+Z) takes them back.",
                name=path.name,
            ),
            False,
        )
        return True

    def choose_and_export(self) -> None:
        if self.data is None:
            return
        folder = str(QSettings().value(SETTINGS_PREFIX + "folder", str(Path.home())))
        name = "".join(c if c.isalnum() or c in " -_" else " " for c in self.data.shown_title)
        path, chosen = QFileDialog.getSaveFileName(
            self,
            _("Export the procedure"),
            str(Path(folder) / f"{name.strip()}.pdf"),
            _(EXPORT_FILTER),
        )
        if path:
            target = Path(path)
            if target.suffix.lower() not in (".pdf", ".md"):
                target = target.with_name(target.name + (".md" if "Markdown" in chosen else ".pdf"))
            QSettings().setValue(SETTINGS_PREFIX + "folder", str(target.parent))
            self.export_to(target)

    def export_to(self, path: Path) -> bool:
        """Write the procedure to `path` (.pdf or .md) and keep it as a version."""
        from desktop_app.exporters.procedure_files import export_procedure

        if self.procedure_id is None or self.data is None:
            return False
        try:
            result = export_procedure(self.procedure_id, path, keep_version=False)
        except UserError as error:
            self.message.emit(f"Export failed: {error}", True)
            return False
        data = load_procedure(self.procedure_id)
        execute(
            KeepProcedureVersionCommand(
                self.ctx,
                self.procedure_id,
                data,
                str(path),
                _("Export “{shown_title}”").format(shown_title=data.shown_title),
            )
        )
        self.message.emit(f"Exported “{data.shown_title}” to {result.path}.", False)
        return True

    def show_changes(self) -> QWidget | None:
        """What changed since the version sent last, in a window of its own."""
        from desktop_app.views.time_audit.procedure_changes_dialog import ChangesDialog

        if self.procedure_id is None or self.data is None:
            return None
        versions = procedure_versions(self.procedure_id)
        if not versions:
            return None
        dialog = ChangesDialog(versions, self.data, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
