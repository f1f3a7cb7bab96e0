"""File > Settings: the owner's settings, validated, as one undoable edit."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models import versions
from desktop_app.models.currencies import ISO_4217_CODES
from desktop_app.models.errors import ValidationError
from desktop_app.models.formats import use_locale
from desktop_app.models.i18n import _
from desktop_app.models.parsing import read_number
from desktop_app.models.settings import (
    Kind,
    Settings,
    SettingSpec,
    format_value,
    parse_settings,
    save_settings,
    setting_specs,
)
from desktop_app.views.context import AppContext, Topic
from desktop_app.views.partials.feedback import FieldErrors
from desktop_app.views.partials.naming import name_buttons, named
from desktop_app.views.partials.plain_text import plain_label
from desktop_app.views.undo import StoreCommand

# The person's name field: not a stored setting (`AppContext.person`).
PERSON = "person"
PERSON_MAX = 200  # what a row's `changed_by` holds


class ChangeSettingsCommand(StoreCommand):
    """Store new settings; undo stores the old ones."""

    topics = (Topic.SETTINGS,)

    def __init__(self, ctx: AppContext, old: Settings, new: Settings) -> None:
        changed = [
            f.name
            for f in dataclasses.fields(Settings)
            if getattr(old, f.name) != getattr(new, f.name)
        ]
        labels = {spec.key: _(spec.label) for spec in setting_specs()}
        text = (
            _("Change {setting}").format(setting=labels[changed[0]])
            if len(changed) == 1
            else _("Change settings")
        )
        super().__init__(ctx, text)
        self.old = old
        self.new = new

    def apply(self) -> None:
        save_settings(self.new)
        use_locale(self.new.locale)

    def revert(self) -> None:
        save_settings(self.old)
        use_locale(self.old.locale)


class SettingsDialog(QDialog):
    """One field per declared setting; OK only closes when every field is valid.

    Attributes:
        result_settings: the valid settings once accepted, else None.
    """

    def __init__(
        self,
        current: Settings,
        parent: QWidget | None = None,
        *,
        person: str = "",
        default_person: str = "",
    ) -> None:
        super().__init__(parent)
        named(self, "settingsDialog", _("Settings"))
        self.setWindowTitle(_("Settings"))
        self.result_settings: Settings | None = None
        # Who you are in this workspace: kept on this computer, not in the
        # database (the team shares it); None until accepted.
        self.result_person: str | None = None
        self._current = current
        self.editors: dict[str, QLineEdit | QComboBox] = {}
        self.errors = FieldErrors("setting")
        self.money_units: list[QLabel] = []
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for spec in setting_specs():
            editor = self._editor_for(spec, getattr(current, spec.key))
            error = self.errors.line(spec.key, editor)
            column = QVBoxLayout()
            column.setSpacing(2)
            if spec.money:
                # Show which currency the amount is in, following the currency field.
                row = QHBoxLayout()
                row.addWidget(editor, 1)
                unit = plain_label(current.currency)
                unit.setObjectName(f"settingUnit_{spec.key}")
                self.money_units.append(unit)
                row.addWidget(unit)
                column.addLayout(row)
            else:
                column.addWidget(editor)
            column.addWidget(error)
            label = plain_label(_("{label}:").format(label=_(spec.label)))
            label.setBuddy(editor)
            form.addRow(label, column)
            self.editors[spec.key] = editor
        currency = self.editors.get("currency")
        if isinstance(currency, QComboBox):
            currency.currentTextChanged.connect(self._show_currency)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.setObjectName("settingsButtons")
        name_buttons(buttons, "settingsButtons")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.person = self._person_section(layout, person, default_person)
        layout.addWidget(self.errors.general)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def _person_section(self, layout: QVBoxLayout, person: str, default: str) -> QLineEdit:
        """Not a setting of the database: this person's, on this computer."""
        heading = plain_label(_("On this computer, for this workspace"))
        heading.setObjectName("settingsPersonHeading")
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        layout.addSpacing(8)
        layout.addWidget(heading)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        layout.addLayout(form)
        editor = named(
            QLineEdit(person),
            "setting_person",
            _("Name in the history"),
            _("Shown in the history beside each change you make. Kept on this computer."),
        )
        editor.setClearButtonEnabled(True)
        editor.setPlaceholderText(default or versions.login_name())
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(editor)
        column.addWidget(self.errors.line(PERSON, editor))
        label = plain_label(_("{label}:").format(label=_("Name in the history")))
        label.setBuddy(editor)
        form.addRow(label, column)
        return editor

    def _editor_for(self, spec: SettingSpec, value: object) -> QLineEdit | QComboBox:
        text = format_value(value)
        editor: QLineEdit | QComboBox
        if spec.kind is Kind.CURRENCY:
            editor = QComboBox()
            editor.setEditable(True)
            editor.addItems(sorted(ISO_4217_CODES))
            editor.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            completer = editor.completer()
            assert completer is not None  # an editable combo box has one
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            editor.setCurrentText(text)
        elif spec.kind is Kind.CHOICE:
            editor = QComboBox()
            for stored, label in spec.choices:
                editor.addItem(_(label), stored)
            editor.setCurrentIndex(max(editor.findData(text), 0))
        else:
            line = QLineEdit(text)
            line.setClearButtonEnabled(spec.kind is Kind.TEXT)
            if spec.kind in (Kind.DECIMAL, Kind.INTEGER):
                line.setAlignment(Qt.AlignmentFlag.AlignRight)
                # A number that reads two ways ("1.234") says how it was read.
                line.editingFinished.connect(lambda key=spec.key: self._say_how_read(key))
            editor = line
        named(editor, f"setting_{spec.key}", _(spec.label), _(spec.help) if spec.help else "")
        return editor

    def _say_how_read(self, key: str) -> None:
        editor = self.editors.get(key)
        if not isinstance(editor, QLineEdit):
            return
        try:
            note = read_number(editor.text()).note if editor.text().strip() else ""
        except ValueError:
            return  # said when OK is pressed
        if note:
            self.errors.line(key).show_note(note)

    def _show_currency(self, text: str) -> None:
        for unit in self.money_units:
            unit.setText(text.strip().upper())

    def raw_values(self) -> dict[str, str]:
        values = {}
        for key, editor in self.editors.items():
            if isinstance(editor, QLineEdit):
                values[key] = editor.text()
            elif editor.isEditable():
                values[key] = editor.currentText()
            else:
                values[key] = str(editor.currentData())
        return values

    def accept(self) -> None:
        self.errors.clear()
        person = " ".join(self.person.text().split())
        if len(person) > PERSON_MAX:
            self.errors.show_message(
                PERSON, _("Keep the name under {count} characters.").format(count=PERSON_MAX)
            )
            self.person.setFocus()
            return
        self.result_person = person
        try:
            self.result_settings = parse_settings(self.raw_values(), self._current)
        except ValidationError as error:
            self.errors.show(error)
            if error.field in self.editors:
                self.editors[error.field].setFocus()
            return
        super().accept()
