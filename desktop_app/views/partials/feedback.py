"""One way to show feedback: a message under a field, a tab's status line,
and running an edit that the models may refuse.

- `MessageLine`: a wrapped line of text in the tone of what it says (an
  error in ALERT, a warning in WARNING, a note in the palette's text
  colour). Hidden while empty, or, with `reserve`, keeping the height of a
  line, so nothing under it moves when a message comes and goes.
- `FieldErrors`: the message lines under a form's fields and one for the
  form as a whole. `show(error)` puts each message of a `ValidationError`
  under the field it names (anything else under the form); a field's
  message goes as soon as the field is edited, so no message outlives the
  value it was about.
- `StatusLine`: the line at the bottom of a tab that says what the last
  action did, or why it was refused.
- `run_edit(command, report, done)`: apply an undoable edit; a refusal
  (`UserError`) is said where `report` shows it, never in a message box,
  and nothing is changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDateTimeEdit,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.errors import UserError, ValidationError
from desktop_app.models.i18n import _
from desktop_app.models.versions import StaleEdit
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.stale_edit import offer_for_command
from desktop_app.views.partials.tones import ALERT, WARNING, set_tone
from desktop_app.views.undo import StoreCommand, execute

ERROR, WARN, NOTE = "error", "warning", "note"
_TONES = {ERROR: ALERT, WARN: WARNING, NOTE: None}


class MessageLine(QLabel):
    """A message: an error, a warning or a note, in its tone; plain text, wrapped.

    Attributes:
        kind: "error", "warning", "note", or "" while empty.
    """

    def __init__(
        self,
        object_name: str,
        accessible_name: str = "Message",
        *,
        reserve: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        named(self, object_name, accessible_name)
        self.kind = ""
        self._reserve = reserve
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Wrapped text asks for the height it needs at the width it gets.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        if reserve:
            self.setMinimumHeight(self.fontMetrics().lineSpacing())
        else:
            self.hide()

    def show_error(self, text: str) -> None:
        self._say(ERROR, text)

    def show_warning(self, text: str) -> None:
        self._say(WARN, text)

    def show_note(self, text: str) -> None:
        self._say(NOTE, text)

    def clear_message(self) -> None:
        self._say("", "")

    def message(self) -> str:
        """The text shown ("" when there is none)."""
        return self.text() if self.kind else ""

    def _say(self, kind: str, text: str) -> None:
        kind = kind if text else ""
        self.kind = kind
        set_tone(self, _TONES.get(kind))
        self.setText(text)
        # Screen readers announce a message that appears by its description.
        self.setAccessibleDescription(text)
        if not self._reserve:
            self.setVisible(bool(text))


class StatusLine(MessageLine):
    """The line under a tab's content: what the last action did, or why not."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(object_name, "Status", reserve=True, parent=parent)

    def said(self, text: str) -> None:
        self.show_note(text)

    def refused(self, text: str) -> None:
        self.show_error(text)


def edited_signals(widget: QWidget) -> list:
    """The signals by which the user changes `widget`'s value (those of the
    editors inside it, for a row of several)."""
    if isinstance(widget, QLineEdit):
        return [widget.textEdited]
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return [widget.textChanged]
    if isinstance(widget, QComboBox):
        signals = [widget.activated]
        line = widget.lineEdit() if widget.isEditable() else None
        if line is not None:
            signals.append(line.textEdited)
        return signals
    if isinstance(widget, QDateTimeEdit):
        return [widget.dateTimeChanged]
    if isinstance(widget, QSpinBox):
        return [widget.valueChanged]
    if isinstance(widget, QAbstractSpinBox):
        return [widget.editingFinished]
    if isinstance(widget, QAbstractButton):
        return [widget.toggled] if widget.isCheckable() else []
    signals = []
    for child in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        signals += edited_signals(child)
    return signals


class FieldErrors:
    """Message lines under a form's fields, and one for the form as a whole.

    Attributes:
        prefix: the start of every line's objectName ("<prefix>Error<Field>").
        labels: field name -> the line under it (fields may share a line).
        general: the line for what no field is named for.
    """

    def __init__(self, prefix: str, *, reserve: bool = False) -> None:
        self.prefix = prefix
        self._reserve = reserve
        self.labels: dict[str, MessageLine] = {}
        self.general = self._line("")

    def _line(self, field: str) -> MessageLine:
        suffix = field.title().replace("_", "")
        return MessageLine(
            f"{self.prefix}Error{suffix}", _("Error message"), reserve=self._reserve and bool(field)
        )

    def line(self, field: str, *editors: QWidget) -> MessageLine:
        """The line for `field`, made on first use; editing any of `editors` clears it."""
        if field not in self.labels:
            self.labels[field] = self._line(field)
        for editor in editors:
            self.watch(field, editor)
        return self.labels[field]

    def share(self, field: str, *others: str) -> None:
        """`others` show their messages on `field`'s line (one line under a row of editors)."""
        for other in others:
            self.labels[other] = self.line(field)

    def watch(self, field: str, editor: QWidget) -> None:
        """Clear `field`'s message as soon as the user edits `editor`."""
        for signal in edited_signals(editor):
            signal.connect(lambda *_, f=field: self.clear_field(f))

    def under(self, field: str, widget: QWidget) -> QWidget:
        """`widget` with `field`'s line below it (editing `widget` clears it)."""
        line = self.line(field, widget)
        box = QWidget()
        column = QVBoxLayout(box)
        # Never taller than the field and its message: spare height stays below the form.
        column.setSizeConstraint(QLayout.SizeConstraint.SetMaximumSize)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(line)
        return box

    def show(self, error: UserError) -> None:
        """Each message under the field it is about; the rest under the form."""
        self.clear()
        errors = error.errors if isinstance(error, ValidationError) else {"": str(error)}
        for field, message in errors.items():
            line = self.labels.get(field, self.general) if field else self.general
            shown = line.message()
            line.show_error(f"{shown} {message}" if shown and message not in shown else message)

    def show_message(self, field: str, text: str, *, warning: bool = False) -> None:
        line = self.labels.get(field, self.general)
        if warning:
            line.show_warning(text)
        else:
            line.show_error(text)

    def clear(self) -> None:
        for line in {*self.labels.values(), self.general}:
            line.clear_message()

    def clear_field(self, field: str) -> None:
        line = self.labels.get(field)
        if line is not None:
            line.clear_message()

    def message(self, field: str = "") -> str:
        """The message shown for `field` ("" for the form as a whole)."""
        line = self.labels.get(field, self.general) if field else self.general
        return line.message()

    def fields_shown(self) -> dict[str, str]:
        """Each field whose line shows a message, with the message."""
        return {field: line.message() for field, line in self.labels.items() if line.message()}


Report = StatusLine | FieldErrors | Callable[[str], None]


def report_refusal(report: Report, error: UserError) -> None:
    """Say why an edit was refused, where `report` says things."""
    if isinstance(report, FieldErrors):
        report.show(error)
    elif isinstance(report, StatusLine):
        report.refused(str(error))
    else:
        report(str(error))


def run_edit(command: StoreCommand, report: Report, done: str = "") -> bool:
    """Apply `command` and push it on the undo stack; True when it was done.

    A refusal (`UserError`) is said through `report` and changes nothing; on
    success `done` (if any) is said on a StatusLine, or a FieldErrors is cleared.
    """
    try:
        execute(command)
    except StaleEdit as error:
        # Someone else saved it since: said, and their value offered beside yours.
        report_refusal(report, error)
        parent = report if isinstance(report, QWidget) else None
        offer_for_command(parent, command, error, lambda: run_edit(command, report, done))
        return False
    except UserError as error:
        report_refusal(report, error)
        return False
    if isinstance(report, StatusLine) and done:
        report.said(done)
    elif isinstance(report, FieldErrors):
        report.clear()
    return True


def clear_on_edit(line: MessageLine, editors: Iterable[QWidget]) -> None:
    """Clear `line` as soon as the user edits any of `editors`."""
    for editor in editors:
        for signal in edited_signals(editor):
            signal.connect(lambda *_args: line.clear_message())
