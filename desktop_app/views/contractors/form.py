"""A dialog of labelled fields whose OK asks the models to check the input.

The dialog collects text from its editors, hands it to a parse function of
`desktop_app.models`, and closes only when that accepts it; a refusal's
message shows under each field at fault. A web address typed without
https:// gets a one-click "Use https://…" offer under its field.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDateTime, QSize, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.errors import ValidationError
from desktop_app.models.i18n import _
from desktop_app.views.partials.dates import (
    DATE_TIME_FORMAT,
    date_edit,
    picked_date,
    show_date,
)
from desktop_app.views.partials.feedback import FieldErrors, edited_signals
from desktop_app.views.partials.fitting import (
    SCREEN_SHARE,
    fitted_size,
    grow_to_content,
    scrolling,
)
from desktop_app.views.partials.naming import name_buttons, named
from desktop_app.views.partials.plain_text import plain_label
from desktop_app.views.partials.text_direction import PlainTextEdit


@dataclass(frozen=True)
class Field:
    """One editor of a FormDialog.

    kind: "text", "multiline", "choice" (data from `choices`), "editable"
    (a combo the user may also type into), "check", "date" (optional: it
    may be left unset) or "datetime".
    """

    key: str
    label: str
    kind: str = "text"
    choices: Sequence[tuple[Any, str]] = ()
    help: str = ""
    placeholder: str = ""


class FormDialog(QDialog):
    """Fields, OK and Cancel; `result` holds the parsed values once accepted.

    Attributes:
        editors: field key -> its editor widget.
        errors: the messages under the fields (`partials.feedback.FieldErrors`).
        result: what `parse` returned for the accepted input, else None.
    """

    def __init__(
        self,
        object_name: str,
        title: str,
        fields: Sequence[Field],
        values: dict[str, Any],
        parse: Callable[[dict[str, Any]], Any],
        *,
        parent: QWidget | None = None,
        intro: str = "",
    ) -> None:
        super().__init__(parent)
        named(self, object_name, title)
        self.setWindowTitle(title)
        self._parse = parse
        self._prefix = object_name.removesuffix("Dialog")
        self.result: Any = None
        self.editors: dict[str, QWidget] = {}
        self.errors = FieldErrors(self._prefix)
        self.suggestion_buttons: dict[str, QPushButton] = {}
        fields_box = QWidget()
        fields_layout = QVBoxLayout(fields_box)
        fields_layout.setContentsMargins(0, 0, 0, 0)
        if intro:
            label = plain_label(intro)
            label.setWordWrap(True)
            fields_layout.addWidget(label)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for spec in fields:
            self._add_field(spec, values.get(spec.key))
        fields_layout.addLayout(self.form)
        fields_layout.addStretch(1)
        # The fields scroll when the screen is too short for them and their
        # messages; the dialog grows to show them all when it can.
        self.scroll_area = scrolling(fields_box, f"{self._prefix}Fields")
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll_area, 1)
        layout.addWidget(self.errors.general)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.setObjectName(f"{self._prefix}Buttons")
        name_buttons(self.buttons, self.buttons.objectName())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.resize(fitted_size(QSize(520, self.sizeHint().height()), parent, SCREEN_SHARE))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        grow_to_content(self, self.scroll_area)

    def _add_field(self, spec: Field, value: Any) -> None:
        editor = self._editor(spec, value)
        named(editor, f"{self._prefix}_{spec.key}", spec.label, spec.help)
        error = self.errors.line(spec.key, editor)
        suggestion = named(
            QPushButton(),
            f"{self._prefix}Suggest_{spec.key}",
            _("Fix: {field}").format(field=spec.label),
        )
        suggestion.hide()
        for signal in edited_signals(editor):
            signal.connect(lambda *_, button=suggestion: button.hide())
        suggestion.clicked.connect(lambda _checked=False, key=spec.key: self._take_suggestion(key))
        column = QVBoxLayout()
        column.setSpacing(2)
        shown: QWidget = editor
        if isinstance(editor, QDateEdit):
            shown = self._with_clear_button(editor, spec)
        # The message under a short editor (a choice, a date) still gets the
        # whole width of the form to wrap in, so it is never cut.
        short = isinstance(shown, QComboBox | QDateTimeEdit | QCheckBox) or shown is not editor
        column.addWidget(shown, 0, Qt.AlignmentFlag.AlignLeft if short else Qt.AlignmentFlag(0))
        column.addWidget(error)
        column.addWidget(suggestion, 0, Qt.AlignmentFlag.AlignLeft)
        if spec.kind == "check":
            self.form.addRow("", column)
        else:
            label = plain_label(f"{spec.label}:")
            label.setBuddy(editor)
            self.form.addRow(label, column)
        self.editors[spec.key] = editor
        self.suggestion_buttons[spec.key] = suggestion

    def _with_clear_button(self, editor: QDateEdit, spec: Field) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        clear = named(
            QToolButton(), f"{self._prefix}Clear_{spec.key}",
            _("Clear: {field}").format(field=spec.label),
            _("Leave unset: {field}").format(field=spec.label),
        )  # fmt: skip
        clear.setText(_("Clear"))
        clear.clicked.connect(lambda: show_date(editor, None))
        layout.addWidget(editor)
        layout.addWidget(clear)
        return row

    def _editor(self, spec: Field, value: Any) -> QWidget:
        # One builder per kind of field: each returns its own widget type.
        if spec.kind == "multiline":
            return _multiline_editor(spec, value)
        if spec.kind == "check":
            check = QCheckBox(spec.label)
            check.setChecked(bool(value))
            return check
        if spec.kind == "date":
            return _date_editor(spec, value)
        if spec.kind == "datetime":
            return _datetime_editor(value)
        if spec.kind in ("choice", "editable"):
            return _choice_editor(spec, value)
        line = QLineEdit("" if value is None else str(value))
        line.setPlaceholderText(spec.placeholder)
        return line

    def raw_values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key, editor in self.editors.items():
            if isinstance(editor, QLineEdit):
                values[key] = editor.text()
            elif isinstance(editor, QPlainTextEdit):
                values[key] = editor.toPlainText()
            elif isinstance(editor, QCheckBox):
                values[key] = editor.isChecked()
            elif isinstance(editor, QDateEdit):
                picked, stored = picked_date(editor), editor.property("stored")
                values[key] = stored if picked is not None and picked == _day(stored) else picked
            elif isinstance(editor, QDateTimeEdit):
                moment = editor.dateTime().toPython()
                assert isinstance(moment, datetime)
                values[key] = moment.replace(second=0, microsecond=0)
            elif isinstance(editor, QComboBox):
                values[key] = editor.currentText() if editor.isEditable() else editor.currentData()
        return values

    def set_text(self, key: str, text: str) -> None:
        editor = self.editors[key]
        if isinstance(editor, QLineEdit):
            editor.setText(text)
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(text)
        elif isinstance(editor, QComboBox):
            if editor.isEditable():
                editor.setCurrentText(text)
            else:
                editor.setCurrentIndex(max(editor.findData(text), 0))

    def _take_suggestion(self, key: str) -> None:
        button = self.suggestion_buttons[key]
        self.set_text(key, button.property("suggestion"))
        button.hide()
        self.errors.clear_field(key)

    def show_errors(self, error: ValidationError) -> None:
        for button in self.suggestion_buttons.values():
            button.hide()
        self.errors.show(error)
        suggestions = error.suggestions
        for key in error.errors:
            if key in suggestions and key in self.suggestion_buttons:
                button = self.suggestion_buttons[key]
                button.setText(_("Use {suggestions}").format(suggestions=suggestions[key]))
                button.setProperty("suggestion", suggestions[key])
                button.show()
        grow_to_content(self, self.scroll_area)
        if error.field in self.editors:
            self.editors[error.field].setFocus()
            self.scroll_area.ensureWidgetVisible(self.editors[error.field])

    def accept(self) -> None:
        try:
            self.result = self._parse(self.raw_values())
        except ValidationError as error:
            self.result = None
            self.show_errors(error)
            return
        super().accept()


def _day(value: date | None) -> date | None:
    """The day of a date or of a date and time."""
    return value.date() if isinstance(value, datetime) else value


def _multiline_editor(spec: Field, value: Any) -> QPlainTextEdit:
    editor = PlainTextEdit("" if value is None else str(value))
    editor.setTabChangesFocus(True)
    editor.setMinimumHeight(70)
    editor.setPlaceholderText(spec.placeholder)
    return editor


def _date_editor(spec: Field, value: Any) -> QDateEdit:
    stored = value if isinstance(value, date) else None
    editor = date_edit("", spec.label, _day(stored), unset_text=_("Not set"))
    # A stored time of day (an interview's) is kept while the day is unchanged.
    editor.setProperty("stored", stored)
    return editor


def _datetime_editor(value: Any) -> QDateTimeEdit:
    editor = QDateTimeEdit(QDateTime(value or datetime.now().replace(second=0)))
    editor.setCalendarPopup(True)
    editor.setDisplayFormat(DATE_TIME_FORMAT)
    return editor


def _choice_editor(spec: Field, value: Any) -> QComboBox:
    editor = QComboBox()
    for data, label in spec.choices:
        editor.addItem(label, data)
    if spec.kind != "editable":
        editor.setCurrentIndex(max(editor.findData(value), 0))
        return editor
    editor.setEditable(True)
    editor.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = editor.completer()
    assert completer is not None  # an editable combo box has one
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    editor.setCurrentText("" if value is None else str(value))
    return editor
