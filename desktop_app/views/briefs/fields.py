"""Editors for a brief's fields, made from their declaration (`BRIEF_FIELDS`).

Each editor reports every change as it happens (`FieldEditor.changed`) and
shows a value it is given without reporting it back. `FieldEvents` watches
them all (undo keys, the end of a burst of typing, the mouse wheel).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.briefs import (
    BRIEF_STATUS_LABELS,
    BUDGET_BASIS_LABELS,
    DELEGATION_LABELS,
    BriefField,
    BriefStatus,
    BudgetBasis,
    Delegation,
    FieldKind,
)
from desktop_app.models.currencies import ISO_4217_CODES
from desktop_app.models.formats import integer
from desktop_app.models.i18n import LANGUAGES, N_, _, current_language, ngettext
from desktop_app.views.partials.dates import DATE_FORMAT, NO_DATE
from desktop_app.views.partials.feedback import MessageLine
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.spin_boxes import count_suffix
from desktop_app.views.partials.text_direction import PlainTextEdit

_UNDO_KEYS = ("Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+Y")


class FieldEvents(QObject):
    """What the brief's editors share, watched from outside each widget:

    - Ctrl+Z and Ctrl+Shift+Z go past text editors to the window's Undo and
      Redo, so undo always uses the one stack;
    - losing the focus ends a burst of typing (`focus_left`);
    - the mouse wheel over a choice or a number that is not being edited
      scrolls the form instead of changing the value under the pointer.

    Signals:
        focus_left(): a watched editor lost the keyboard focus.
    """

    focus_left = Signal()

    def watch(self, widget: QWidget) -> None:
        widget.installEventFilter(self)
        if isinstance(widget, QComboBox | QAbstractSpinBox):
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if (
            kind == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and _is_undo_key(event)
        ):
            # Not accepted: the key goes to the window's shortcuts.
            event.ignore()
            return True
        if kind == QEvent.Type.FocusOut:
            self.focus_left.emit()
        elif (
            kind == QEvent.Type.Wheel
            and isinstance(watched, QComboBox | QAbstractSpinBox)
            and not watched.hasFocus()
            and (parent := watched.parentWidget()) is not None
        ):
            QCoreApplication.sendEvent(parent, event)
            return True
        return False


def _is_undo_key(event: QKeyEvent) -> bool:
    if event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo):
        return True
    pressed = QKeySequence(event.keyCombination())
    return any(pressed == QKeySequence(key) for key in _UNDO_KEYS)


# The box a field is edited in, by its kind (text, line or money, count,
# date, choice).
FieldInput = QPlainTextEdit | QLineEdit | QSpinBox | QDateEdit | QComboBox


class FieldEditor(QWidget):
    """The editor of one brief field, with a line under it for messages.

    Signals:
        changed(): the user changed the value.
    """

    changed = Signal()

    def __init__(
        self, spec: BriefField, events: FieldEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self._follow_count: Callable[[int], None] | None = None
        self.input = self._make_input(spec)
        named(self.input, f"briefField_{spec.name}", _(spec.label), _(spec.help))
        events.watch(self.input)
        # A number or a date reads better in a box its own size.
        compact = spec.kind in (FieldKind.COUNT, FieldKind.DATE)
        if compact:
            self.input.setMaximumWidth(220)
        self.message = MessageLine(
            f"briefFieldMessage_{spec.name}", _("{label}: message").format(label=_(spec.label))
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.input, 0 if compact else 1)
        if spec.kind is FieldKind.DATE:
            clear = named(
                QToolButton(), f"briefFieldClear_{spec.name}",
                _("Clear: {field}").format(field=_(spec.label)),
                _("Remove the date: {field}").format(field=_(spec.label)),
            )  # fmt: skip
            clear.setText(_("Clear"))
            date_input = self.input
            assert isinstance(date_input, QDateEdit)
            clear.clicked.connect(lambda: date_input.setDate(NO_DATE))
            row.addWidget(clear)
        if compact:
            row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        # Room the form gives beyond what the field needs stays below it: the
        # box never drifts down from its label.
        layout.addStretch(1)

    def _make_input(self, spec: BriefField) -> FieldInput:
        # One builder per kind of box: each returns its own widget type.
        if spec.kind is FieldKind.TEXT:
            return self._text_input(spec)
        if spec.kind in (FieldKind.LINE, FieldKind.MONEY):
            return self._line_input(spec)
        if spec.kind is FieldKind.COUNT:
            return self._count_input(spec)
        if spec.kind is FieldKind.DATE:
            return self._date_input()
        return self._choice_input(spec)

    def _text_input(self, spec: BriefField) -> QPlainTextEdit:
        editor = PlainTextEdit()
        editor.setTabChangesFocus(True)
        editor.setUndoRedoEnabled(False)
        editor.setPlaceholderText(_(spec.help))
        lines = 7 if spec.name == "summary" else 4
        height = editor.fontMetrics().lineSpacing() * lines + 12
        editor.setMinimumHeight(height)
        editor.setMaximumHeight(height * 2)
        editor.textChanged.connect(self.changed)
        return editor

    def _line_input(self, spec: BriefField) -> QLineEdit:
        editor = QLineEdit()
        money = spec.kind is FieldKind.MONEY
        editor.setPlaceholderText(
            _("e.g. {number}").format(number=integer(1200)) if money else _(spec.help)
        )
        if not money:
            editor.setMaxLength(spec.max_length)
        editor.textEdited.connect(self.changed)
        return editor

    def _count_input(self, spec: BriefField) -> QSpinBox:
        editor = QSpinBox()
        # The value below the range stands for "not set".
        editor.setRange(spec.minimum - 1, spec.maximum)
        editor.setSpecialValueText(_("Not set"))
        if spec.name == "report_every_days":
            # Its label says "every": the box says how many days.
            self._follow_count = count_suffix(editor, lambda n: ngettext("day", "days", n))
        editor.valueChanged.connect(self.changed)
        return editor

    def _date_input(self) -> QDateEdit:
        editor = QDateEdit()
        editor.setCalendarPopup(True)
        editor.setMinimumDate(NO_DATE)
        editor.setSpecialValueText(_("No deadline"))
        editor.setDisplayFormat(DATE_FORMAT)
        editor.dateChanged.connect(self.changed)
        return editor

    def _choice_input(self, spec: BriefField) -> QComboBox:
        editor = QComboBox()
        for value, label in _choices(spec):
            editor.addItem(label, value)
            if spec.name == "status":
                meaning = _(STATUS_MEANINGS[BriefStatus(value)])
                editor.setItemData(editor.count() - 1, meaning, Qt.ItemDataRole.ToolTipRole)
        editor.currentIndexChanged.connect(self.changed)
        return editor

    def choice_box(self) -> QComboBox:
        """The box of a choice field (status, delegation, budget basis)."""
        assert isinstance(self.input, QComboBox), self.spec.name
        return self.input

    def value(self) -> Any:
        """The value as typed: text for text and money, else typed values."""
        editor = self.input
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        if isinstance(editor, QLineEdit):
            return editor.text()
        if isinstance(editor, QSpinBox):
            return None if editor.value() < self.spec.minimum else editor.value()
        if isinstance(editor, QDateEdit):
            picked = editor.date()
            return None if picked == NO_DATE else picked.toPython()
        return editor.currentData()

    def set_value(self, value: Any) -> None:
        """Show `value` without reporting it as a change."""
        editor = self.input
        editor.blockSignals(True)
        try:
            if isinstance(editor, QPlainTextEdit):
                if editor.toPlainText() != (value or ""):
                    editor.setPlainText(value or "")
            elif isinstance(editor, QLineEdit):
                text = _money_short(value) if self.spec.kind is FieldKind.MONEY else value or ""
                editor.setText(text)
                editor.setCursorPosition(0)  # show the start of a long line
            elif isinstance(editor, QSpinBox):
                editor.setValue(self.spec.minimum - 1 if value is None else int(value))
                if self._follow_count is not None:
                    self._follow_count(editor.value())
            elif isinstance(editor, QDateEdit):
                editor.setDate(NO_DATE if value is None else QDate(value))
            else:
                stored = str(value.value if isinstance(value, Delegation) else value)
                editor.setCurrentIndex(max(editor.findData(stored), 0))
        finally:
            editor.blockSignals(False)

    def show_message(self, text: str, *, warning: bool = False) -> None:
        if warning:
            self.message.show_warning(text)
        else:
            self.message.show_error(text)

    def focus(self, start: int = -1, end: int = -1) -> None:
        """Put the cursor in the editor, selecting `start`..`end` of its text if given."""
        editor = self.input
        editor.setFocus()
        if start < 0:
            return
        if isinstance(editor, QPlainTextEdit):
            cursor = editor.textCursor()
            cursor.setPosition(start)
            cursor.setPosition(end, cursor.MoveMode.KeepAnchor)
            editor.setTextCursor(cursor)
            editor.ensureCursorVisible()
        elif isinstance(editor, QLineEdit):
            editor.setSelection(start, end - start)


# What each status means, for the owner: the tooltip of each choice and the
# line under the status (the status is the owner's bookkeeping, never printed).
STATUS_MEANINGS = {
    BriefStatus.DRAFT: N_("Draft: still being written. The clarity check says what is missing."),
    BriefStatus.FINAL: N_("Final: written and checked, ready to send or post; not posted yet."),
    BriefStatus.POSTED: N_("Posted: out to contractors; you are looking for someone to do it."),
    BriefStatus.FILLED: N_("Filled: a contractor is hired for it and the work is under way."),
    BriefStatus.CLOSED: N_("Closed: the job is done or dropped; no one is hired for it any more."),
}


def _choices(spec: BriefField) -> list[tuple[str, str]]:
    if spec.name == "status":
        return [(str(s), _(BRIEF_STATUS_LABELS[s])) for s in BriefStatus]
    if spec.name == "budget_basis":
        return [(str(b), BUDGET_BASIS_LABELS[b]) for b in BudgetBasis]
    if spec.name == "language":
        app = _("The app's language ({language})").format(language=LANGUAGES[current_language()])
        return [("", app), *LANGUAGES.items()]
    if spec.name == "delegation_level":
        return [(str(d.value), f"{d.value}. {DELEGATION_LABELS[d]}") for d in Delegation]
    if spec.kind is FieldKind.CURRENCY:
        return [(code, code) for code in sorted(ISO_4217_CODES)]
    return [(choice, choice) for choice in spec.choices]


def _money_short(value: Decimal | None) -> str:
    return "" if value is None else f"{value:,.2f}"
