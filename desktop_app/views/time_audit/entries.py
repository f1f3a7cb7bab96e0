"""Logging time: the quick entry form, and the entries of the selected task."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.errors import UserError, ValidationError
from desktop_app.models.formats import day as day_text
from desktop_app.models.formats import weekday_day
from desktop_app.models.i18n import _, count
from desktop_app.models.tasks import EntryRow, format_minutes, parse_entry_duration
from desktop_app.models.text import fold
from desktop_app.views.context import AppContext
from desktop_app.views.partials.dates import DATE_FORMAT, pydate
from desktop_app.views.partials.feedback import MessageLine
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.plain_text import plain_label
from desktop_app.views.partials.table_model import ALIGN_RIGHT, Column, SyncedTableModel
from desktop_app.views.partials.tables import data_table
from desktop_app.views.time_audit.commands import (
    DeleteEntryCommand,
    LogTimeCommand,
    UpdateEntryCommand,
)
from desktop_app.views.time_audit.task_table import DateChoice, EditDelegate
from desktop_app.views.undo import execute


class OneStopDateEdit(QDateEdit):
    """A date picker that Tab leaves in one step, instead of walking through
    its day, month and year: in a line of fields, the date is one field."""

    def focusNextPrevChild(self, forward: bool) -> bool:
        return QWidget.focusNextPrevChild(self, forward)


class QuickEntryForm(QWidget):
    """Log time in one line: task (pick one, or type a new name), date, duration, note.

    Signals:
        logged(str, int): time was logged; a message to show, and the task's id.
    """

    logged = Signal(str, int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:  # noqa: PLR0915 (a form: one statement a widget setting)
        super().__init__(parent)
        self.ctx = ctx
        named(self, "quickEntryForm", _("Log time"))
        self._task_ids: dict[str, int] = {}
        self._names = QStringListModel(self)
        self.task_combo = named(
            QComboBox(),
            "entryTask",
            _("Task"),
            _("Pick a task, or type a new name to create the task as you log time."),
        )
        self.task_combo.setEditable(True)
        self.task_combo.setModel(self._names)
        self.task_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.task_combo.setMinimumContentsLength(22)
        self._task_line().setPlaceholderText(_("Task"))
        completer = QCompleter(self._names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.task_combo.setCompleter(completer)
        self.date_edit = named(OneStopDateEdit(QDate.currentDate()), "entryDate", _("Date"))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(DATE_FORMAT)
        self.duration_edit = named(
            QLineEdit(),
            "entryDuration",
            _("Duration"),
            _("Minutes (45) or hours and minutes (1:30)."),
        )
        self.duration_edit.setPlaceholderText(_("45 or 1:30"))
        self.duration_edit.setMaximumWidth(110)
        self.note_edit = named(QLineEdit(), "entryNote", _("Note"), _("What you did (optional)."))
        self.note_edit.setPlaceholderText(_("Note (optional)"))
        self.add_button = named(QPushButton(_("Log time")), "entryAdd", _("Log time"))
        self.add_button.setDefault(True)
        self.new_task_hint = named(plain_label(), "entryNewTaskHint", _("New task"))
        self.new_task_hint.hide()
        self.error_label = MessageLine("entryError", _("Why the entry was refused"))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        title = plain_label(_("Log time:"))
        title.setBuddy(self.task_combo)
        row.addWidget(title)
        # In the order Tab walks: task, duration, note, Log; the date (today
        # unless changed) comes last, so a Tab never lands typing in it.
        row.addWidget(self.task_combo, 3)
        row.addWidget(self.duration_edit)
        row.addWidget(self.note_edit, 4)
        row.addWidget(self.date_edit)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.new_task_hint)
        layout.addWidget(self.error_label)
        self.add_button.clicked.connect(self.submit)
        for editor in (self.duration_edit, self.note_edit, self._task_line()):
            editor.returnPressed.connect(self.submit)
        self.task_combo.editTextChanged.connect(self._update_hint)
        QWidget.setTabOrder(self.task_combo, self.duration_edit)
        QWidget.setTabOrder(self.duration_edit, self.note_edit)
        QWidget.setTabOrder(self.note_edit, self.add_button)
        QWidget.setTabOrder(self.add_button, self.date_edit)
        # An error line goes as soon as the user changes what it was about.
        self.task_combo.editTextChanged.connect(lambda *_args: self._clear_error("task"))
        self.duration_edit.textEdited.connect(lambda *_args: self._clear_error("minutes"))
        self.note_edit.textEdited.connect(lambda *_args: self._clear_error("note"))
        self.date_edit.dateChanged.connect(lambda *_args: self._clear_error("date"))
        self._error_field = ""

    def set_tasks(self, choices: list[tuple[int, str, str]]) -> None:
        """The tasks to offer, as (id, name, folded name); what is typed stays,
        unless it named a task that has been renamed since: then the new name."""
        text = self.task_combo.currentText()
        shown_id = self._task_ids.get(fold(" ".join(text.split())))
        self._task_ids = {key: task_id for task_id, _, key in choices}
        names = [name for _, name, _ in choices]
        if shown_id is not None and fold(" ".join(text.split())) not in self._task_ids:
            renamed = next((name for task_id, name, _ in choices if task_id == shown_id), None)
            if renamed is not None:
                text = renamed
        if names != self._names.stringList():
            self._names.setStringList(names)
        if text != self.task_combo.currentText():
            self.task_combo.setEditText(text)
        self._update_hint(self.task_combo.currentText())

    def set_task(self, name: str) -> None:
        self.task_combo.setEditText(name)

    def _update_hint(self, text: str) -> None:
        name = " ".join(text.split())
        is_new = bool(name) and fold(name) not in self._task_ids
        self.new_task_hint.setText(
            _("A new task “{name}” will be created.").format(name=name) if is_new else ""
        )
        self.new_task_hint.setVisible(is_new)

    def show_error(self, message: str, field: str = "") -> None:
        self.error_label.show_error(message)
        self._error_field = field if message else ""

    def _clear_error(self, field: str) -> None:
        if self.error_label.message() and self._error_field in (field, ""):
            self.show_error("")

    def _task_line(self) -> QLineEdit:
        line = self.task_combo.lineEdit()
        assert line is not None  # the task box is editable
        return line

    def submit(self) -> bool:
        """Log what the form holds; on a refusal show why and change nothing."""
        self.show_error("")
        name = " ".join(self.task_combo.currentText().split())
        if not name:
            self.show_error(_("Choose a task, or type a new task name."), "task")
            self.task_combo.setFocus()
            return False
        try:
            minutes = parse_entry_duration(self.duration_edit.text())
        except ValidationError as error:
            self.show_error(str(error), "minutes")
            self.duration_edit.setFocus()
            return False
        task: int | str = self._task_ids.get(fold(name), name)
        day = pydate(self.date_edit.date())
        command = LogTimeCommand(
            self.ctx, task, name, day=day, minutes=minutes, note=self.note_edit.text()
        )
        try:
            execute(command)
        except UserError as error:
            self.show_error(str(error), getattr(error, "field", "") or "")
            return False
        self.duration_edit.clear()
        self.note_edit.clear()
        self.duration_edit.setFocus()
        task_id = command.created_task_id or (task if isinstance(task, int) else 0)
        logged = (
            _("Logged {duration} on {name} (new task) for {day}.")
            if command.created_task_id
            else _("Logged {duration} on {name} for {day}.")
        )
        self.logged.emit(
            logged.format(duration=format_minutes(minutes), name=name, day=day_text(day)), task_id
        )
        return True


class EntriesPanel(QWidget):
    """The selected task's time entries in the month: edit in place, delete, undo.

    Signals:
        refused(str): an edit was refused; the message says why.
        accepted(): an edit was stored (a refusal shown before is now stale).
    """

    refused = Signal(str)
    accepted = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        named(self, "entriesPanel", _("Time entries of the selected task"))
        self.title = named(
            plain_label(_("Select a task to see its entries.")), "entriesTitle", _("Entries")
        )
        self.title.setWordWrap(True)
        self.model: SyncedTableModel[EntryRow] = SyncedTableModel(
            [
                Column(
                    _("Date"),
                    lambda e: weekday_day(e.date),
                    sort_key=lambda e: e.date,
                    edit_value=lambda e: QDate(e.date),
                    commit=lambda e, v: self._commit(e, {"date": v}, _("Change entry date")),
                ),
                Column(
                    _("Duration"),
                    lambda e: format_minutes(e.minutes),
                    sort_key=lambda e: e.minutes,
                    align=ALIGN_RIGHT,
                    edit_value=lambda e: format_minutes(e.minutes),
                    commit=self._commit_duration,
                ),
                Column(
                    _("Note"),
                    lambda e: e.note,
                    edit_value=lambda e: e.note,
                    commit=lambda e, v: self._commit(e, {"note": v}, _("Change entry note")),
                ),
                Column(_("From"), lambda e: "import" if e.imported else _("logged here")),
            ],
            self,
        )
        self.table = data_table(
            "entriesTable", _("Time entries"), self.model,
            selection=QAbstractItemView.SelectionMode.ExtendedSelection,
            editable=True, alternating=False, stretch_last=False,
        )  # fmt: skip
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(
            2, QHeaderView.ResizeMode.Stretch
        )  # fmt: skip
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.delegate = EditDelegate({0: DateChoice()}, self)
        self.delegate.refused.connect(self.refused)
        self.table.setItemDelegate(self.delegate)
        self.delete_button = named(
            QPushButton(_("Delete entry")), "deleteEntry", _("Delete the selected time entries")
        )
        self.delete_button.setEnabled(False)
        self.delete_button.clicked.connect(self.delete_selected)
        self.delete_action = QAction(_("Delete entry"), self)
        self.delete_action.setObjectName("actionDeleteEntry")
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.table.addAction(self.delete_action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.table)
        self.task_id: int | None = None

    def show_entries(self, task_id: int | None, title: str, entries: list[EntryRow]) -> None:
        self.task_id = task_id
        self.title.setText(title)
        if self.table.state() == QAbstractItemView.State.EditingState and not (
            self.model.same_rows(entries)
        ):
            # An edit moved an entry out (to another month): reset once the
            # editor that committed it has closed.
            QTimer.singleShot(0, lambda: self.model.sync_rows(entries))
            return
        self.model.sync_rows(entries)

    def _update_buttons(self, *_args: Any) -> None:
        self.delete_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def _commit(self, entry: EntryRow, changes: dict[str, Any], text: str) -> str | None:
        try:
            execute(UpdateEntryCommand(self.ctx, entry.id, changes, text))
        except UserError as error:
            return str(error)
        self.accepted.emit()
        return None

    def _commit_duration(self, entry: EntryRow, text: Any) -> str | None:
        try:
            minutes = parse_entry_duration(str(text))
        except ValidationError as error:
            return str(error)
        return self._commit(entry, {"minutes": minutes}, _("Change entry duration"))

    def selected_entries(self) -> list[EntryRow]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.row_at(row) for row in rows]

    def delete_selected(self) -> None:
        """Delete the selected entries, each one undoable (Ctrl+Z)."""
        entries = self.selected_entries()
        if not entries:
            return
        self.ctx.undo_stack.beginMacro(
            count(len(entries), "Delete {count} time entry", "Delete {count} time entries")
        )
        try:
            for entry in entries:
                execute(DeleteEntryCommand(self.ctx, entry.id))
        finally:
            self.ctx.undo_stack.endMacro()
