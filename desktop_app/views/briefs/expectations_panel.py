"""The expectations of a brief: the priority list, the selected one's editor,
and a line to add more.

The order changes by dragging a row, with Ctrl+Up / Ctrl+Down, or with
Move to top / Move to bottom (toolbar, context menu and Ctrl+Shift+Up /
Ctrl+Shift+Down); each move is one undoable command.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.briefs import (
    EXPECTATION_MAX_LENGTH,
    LEVEL_LABELS,
    ExpectationData,
    Level,
    clean_expectation,
    load_brief,
)
from desktop_app.models.clarity import MAX_MUST_HAVES
from desktop_app.models.errors import UserError
from desktop_app.models.formats import integer
from desktop_app.models.i18n import _, count
from desktop_app.views.briefs.commands import (
    AddExpectationCommand,
    DeleteExpectationCommand,
    EditExpectationCommand,
    MoveExpectationCommand,
)
from desktop_app.views.briefs.expectation_delegate import ExpectationDelegate
from desktop_app.views.briefs.expectations_model import ExpectationListModel
from desktop_app.views.briefs.fields import FieldEvents
from desktop_app.views.context import AppContext
from desktop_app.views.partials.feedback import MessageLine, clear_on_edit
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.plain_text import plain_label
from desktop_app.views.partials.text_direction import PlainTextEdit
from desktop_app.views.partials.tones import ALERT, set_tone
from desktop_app.views.undo import execute


def _level_combo(object_name: str, accessible: str) -> QComboBox:
    combo = named(QComboBox(), object_name, accessible, _("Must, should or nice to have"))
    for level in Level:
        combo.addItem(_(LEVEL_LABELS[level]), str(level))
    return combo


class ExpectationsPanel(QWidget):
    """The Expectations page of the brief editor."""

    def __init__(self, ctx: AppContext, events: FieldEvents, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.brief_id: int | None = None
        # True while a move this list already shows is being stored: the
        # page then reloads none of it (see BriefsPage.refresh).
        self.storing_move = False
        self._burst = 0
        self._shown: dict[str, Any] = {}
        events.focus_left.connect(self._end_burst)
        self._build_list()
        toolbar = self._build_toolbar()
        hint = plain_label(
            _(
                "Most important first. Drag a row to reorder it, or select it and press "
                "Ctrl+↑ / Ctrl+↓."
            )
        )
        hint.setObjectName("expectationsHint")
        hint.setWordWrap(True)
        self._build_detail(events)
        add_row = self._build_add_row()
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(toolbar)
        layout.addWidget(self.view, 3)
        layout.addLayout(add_row)
        layout.addWidget(self.add_message)
        layout.addWidget(self.detail)
        self._update_actions()
        self._load_detail(force=True)

    def _build_list(self) -> None:
        self.model = ExpectationListModel(self)
        self.model.move_requested.connect(self._store_move)
        self.view = named(
            QListView(), "expectationsList", _("Expectations in priority order"),
            _("Most important first. Drag a row, or press Ctrl+Up or Ctrl+Down, to move it."),
        )  # fmt: skip
        self.view.setModel(self.model)
        self.view.setItemDelegate(ExpectationDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setAlternatingRowColors(True)
        self.view.setUniformItemSizes(True)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)

    def _build_toolbar(self) -> QHBoxLayout:
        # Not `self.actions`: that is QWidget.actions(), which Qt and tests call.
        self.list_actions: dict[str, QAction] = {}
        toolbar = QHBoxLayout()
        toolbar.setContentsMargins(0, 0, 0, 0)
        for key, text, shortcut, slot in (
            ("moveTop", _("Move to top"), "Ctrl+Shift+Up", lambda: self.move_current_to(0)),
            ("moveUp", _("Move up"), "Ctrl+Up", lambda: self.move_current_by(-1)),
            ("moveDown", _("Move down"), "Ctrl+Down", lambda: self.move_current_by(1)),
            ("moveBottom", _("Move to bottom"), "Ctrl+Shift+Down", self.move_current_to_bottom),
            ("delete", "Delete", "Delete", self.delete_current),
        ):
            action = QAction(text, self.view)
            action.setObjectName(f"actionExpectation_{key}")
            action.setShortcut(QKeySequence(shortcut))
            # Only while the list has the focus: elsewhere these keys mean other things.
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.setToolTip(f"{text} ({QKeySequence(shortcut).toString()})")
            action.triggered.connect(slot)
            self.view.addAction(action)
            self.list_actions[key] = action
            button = named(QToolButton(), f"expectationButton_{key}", text, action.toolTip())
            button.setDefaultAction(action)
            toolbar.addWidget(button)
        toolbar.addStretch(1)
        self.must_label = named(plain_label(), "mustCount", _("Must-haves"))
        toolbar.addWidget(self.must_label)
        return toolbar

    def _build_detail(self, events: FieldEvents) -> None:
        """The selected expectation's editor."""
        self.detail = QGroupBox(_("Selected expectation"))
        self.detail.setObjectName("expectationDetail")
        self.text_edit = named(
            PlainTextEdit(), "expectationText", _("Expectation"),
            _("What you expect, in a sentence the contractor cannot read two ways."),
        )  # fmt: skip
        self.text_edit.setUndoRedoEnabled(False)
        self.text_edit.setTabChangesFocus(True)
        self.text_edit.setMaximumHeight(self.text_edit.fontMetrics().lineSpacing() * 4 + 12)
        self.text_edit.textChanged.connect(lambda: self._commit("text"))
        self.counter = named(plain_label(), "expectationLength", _("Length"))
        self.level_combo = _level_combo("expectationLevel", _("Level"))
        self.level_combo.currentIndexChanged.connect(lambda: self._commit("level"))
        self.measure_edit = named(
            QLineEdit(), "expectationMeasure", _("Measured by"),
            _("How you will check it was met: a number, a date, a test."),
        )  # fmt: skip
        self.measure_edit.setPlaceholderText(_("How you will check it was met"))
        self.measure_edit.textEdited.connect(lambda: self._commit("measure"))
        for widget in (self.text_edit, self.level_combo, self.measure_edit):
            events.watch(widget)
        self.detail_message = MessageLine("expectationMessage", _("Expectation: message"))
        form = QFormLayout(self.detail)
        text_row = QVBoxLayout()
        text_row.setSpacing(2)
        text_row.addWidget(self.text_edit)
        text_row.addWidget(self.counter, 0, Qt.AlignmentFlag.AlignRight)
        form.addRow(_("Expectation:"), text_row)
        form.addRow(_("Level:"), self.level_combo)
        form.addRow(_("Measured by:"), self.measure_edit)
        form.addRow(self.detail_message)

    def _build_add_row(self) -> QHBoxLayout:
        self.add_edit = named(
            QLineEdit(), "newExpectation", _("New expectation"),
            _("Type an expectation and press Enter to add it at the end of the list."),
        )  # fmt: skip
        self.add_edit.setPlaceholderText(_("Add an expectation, then press Enter"))
        self.add_edit.setMaxLength(EXPECTATION_MAX_LENGTH)
        self.add_edit.returnPressed.connect(self.add_from_line)
        self.add_level = _level_combo("newExpectationLevel", _("Level of the new expectation"))
        self.add_level.setCurrentIndex(1)
        add_button = named(QPushButton(_("Add")), "addExpectation", _("Add expectation"))
        add_button.clicked.connect(self.add_from_line)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_edit, 1)
        add_row.addWidget(self.add_level)
        add_row.addWidget(add_button)
        self.add_message = MessageLine("newExpectationMessage", _("New expectation: message"))
        clear_on_edit(self.add_message, [self.add_edit])
        return add_row

    # Loading
    def set_brief(self, brief_id: int | None, rows: list[ExpectationData]) -> None:
        """Show the brief's expectations (the same brief keeps its selection)."""
        same_brief = brief_id == self.brief_id
        current = self.current_id() if same_brief else None
        self.brief_id = brief_id
        self.model.set_rows(brief_id, rows)
        if not same_brief:
            self.add_message.clear_message()
        if current is not None and self.current_id() is None and self.model.row_of(current) >= 0:
            self.select_row(self.model.row_of(current))
        elif not same_brief and rows:
            # Something to edit from the start: the top expectation.
            self.select_row(0)
        self._update_must_count()
        self._update_actions()
        self._load_detail(force=not same_brief)

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(ExpectationListModel.IdRole) if index.isValid() else None

    def current_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.view.scrollTo(index)

    def focus_expectation(self, row: int, part: str = "text", start: int = -1, end: int = -1):
        """Select expectation `row` and put the cursor in its text or measure."""
        if not 0 <= row < self.model.rowCount():
            return
        self.select_row(row)
        if part == "measure":
            self.measure_edit.setFocus()
            if start >= 0:
                self.measure_edit.setSelection(start, end - start)
            return
        self.text_edit.setFocus()
        if start >= 0:
            cursor = self.text_edit.textCursor()
            cursor.setPosition(start)
            cursor.setPosition(end, cursor.MoveMode.KeepAnchor)
            self.text_edit.setTextCursor(cursor)

    def _update_must_count(self) -> None:
        musts = sum(row.level == Level.MUST for row in self.model.rows())
        self.must_label.setText(
            count(
                musts,
                "{count} must-have (at most {most})",
                "{count} must-haves (at most {most})",
                most=MAX_MUST_HAVES,
            )
        )
        too_many = musts > MAX_MUST_HAVES
        set_tone(self.must_label, ALERT if too_many else None)

    def _update_actions(self) -> None:
        row, count = self.current_row(), self.model.rowCount()
        self.list_actions["moveTop"].setEnabled(row > 0)
        self.list_actions["moveUp"].setEnabled(row > 0)
        self.list_actions["moveDown"].setEnabled(0 <= row < count - 1)
        self.list_actions["moveBottom"].setEnabled(0 <= row < count - 1)
        self.list_actions["delete"].setEnabled(row >= 0)
        self.add_edit.setEnabled(self.brief_id is not None)

    def _on_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        self._burst += 1
        self._update_actions()
        self._load_detail(force=True)

    def _end_burst(self) -> None:
        self._burst += 1

    def _load_detail(self, *, force: bool) -> None:
        """Show the selected expectation in the editor below the list.

        Unless `force`, only what changed in storage (an undo, say) is
        shown again, so the text being typed is never reset under the cursor.
        """
        row = self.current_row()
        self.detail.setEnabled(row >= 0)
        if row < 0:
            self._shown = {}
            self._set_detail_values("", Level.SHOULD, "")
            self.detail_message.clear_message()
            self.counter.clear()
            return
        stored = self.model.rows()[row]
        values = {"text": stored.text, "level": stored.level, "measure": stored.measure}
        if force or values != self._shown:
            changed = {k for k in values if force or values[k] != self._shown.get(k)}
            self._set_detail_values(
                values["text"] if "text" in changed else None,
                values["level"] if "level" in changed else None,
                values["measure"] if "measure" in changed else None,
            )
            self._shown = values
            if force:
                self.detail_message.clear_message()
        self._update_counter()

    def _set_detail_values(self, text: str | None, level: str | None, measure: str | None):
        for widget in (self.text_edit, self.level_combo, self.measure_edit):
            widget.blockSignals(True)
        try:
            if text is not None and self.text_edit.toPlainText() != text:
                self.text_edit.setPlainText(text)
            if level is not None:
                self.level_combo.setCurrentIndex(max(self.level_combo.findData(str(level)), 0))
            if measure is not None and self.measure_edit.text() != measure:
                self.measure_edit.setText(measure)
        finally:
            for widget in (self.text_edit, self.level_combo, self.measure_edit):
                widget.blockSignals(False)

    def _update_counter(self) -> None:
        length = len(self.text_edit.toPlainText())
        self.counter.setText(f"{integer(length)} / {integer(EXPECTATION_MAX_LENGTH)}")
        set_tone(self.counter, ALERT if length > EXPECTATION_MAX_LENGTH else None)

    # Editing
    def _commit(self, field: str) -> None:
        expectation_id = self.current_id()
        if expectation_id is None or self.brief_id is None:
            return
        raw = {
            "text": self.text_edit.toPlainText,
            "level": self.level_combo.currentData,
            "measure": self.measure_edit.text,
        }[field]()
        self._update_counter()
        try:
            value = clean_expectation(field, raw)
        except UserError as error:
            self._show_detail_error(str(error))
            return
        if value == self._shown.get(field):
            self.detail_message.clear_message()
            return
        # Level changes are single clicks: each is its own undo step.
        merge_key = None if field == "level" else (field, self._burst)
        command = EditExpectationCommand(
            self.ctx, self.brief_id, expectation_id, {field: value}, merge_key
        )
        previous, self._shown[field] = self._shown.get(field), value
        try:
            execute(command)
        except UserError as error:
            self._shown[field] = previous
            self._show_detail_error(str(error))
            return
        self.detail_message.clear_message()

    def _show_detail_error(self, message: str) -> None:
        self.detail_message.show_error(_("{message} Nothing was saved.").format(message=message))

    def add_from_line(self) -> None:
        if self.brief_id is None:
            return
        values = {"text": self.add_edit.text(), "level": self.add_level.currentData()}
        try:
            command = AddExpectationCommand(self.ctx, self.brief_id, values)
            execute(command)
        except UserError as error:
            self.add_message.show_error(str(error))
            return
        self.add_message.clear_message()
        self.add_edit.clear()
        row = self.model.row_of(command.expectation_id) if command.expectation_id else -1
        if row >= 0:
            self.select_row(row)

    def delete_current(self) -> None:
        row, expectation_id = self.current_row(), self.current_id()
        if expectation_id is None or self.brief_id is None:
            return
        execute(DeleteExpectationCommand(self.ctx, self.brief_id, expectation_id))
        if self.model.rowCount():
            self.select_row(min(row, self.model.rowCount() - 1))
        self.view.setFocus()

    # Moving
    def move_current_by(self, step: int) -> None:
        row = self.current_row()
        if row >= 0:
            self.model.move(row, row + step)

    def move_current_to(self, target: int) -> None:
        row = self.current_row()
        if row >= 0:
            self.model.move(row, target)

    def move_current_to_bottom(self) -> None:
        self.move_current_to(self.model.rowCount() - 1)

    def _store_move(self, expectation_id: int, target: int) -> None:
        """The model moved a row (drag or keyboard): store it as an undoable command."""
        self._update_actions()
        self.view.scrollTo(self.view.currentIndex())
        if self.brief_id is None:
            return
        command = MoveExpectationCommand(
            self.ctx, self.brief_id, expectation_id, target,
            _("Move expectation to position {number}").format(number=target + 1),
        )  # fmt: skip
        self.storing_move = True
        try:
            execute(command)
        except UserError as error:
            self.add_message.show_error(str(error))
        finally:
            self.storing_move = False
        # Qt deletes a command with nothing to undo: read what it found, not it.
        if not command.positions:
            # Nothing was stored: show the order as it is stored.
            self.set_brief(self.brief_id, load_brief(self.brief_id, for_editing=True).expectations)
