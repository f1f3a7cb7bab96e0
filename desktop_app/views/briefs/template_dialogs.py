"""Starting a brief from a template, and saving a brief as a template."""

from __future__ import annotations

import dataclasses
import re
from html import escape
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.assets import templates_folder
from desktop_app.models.brief_templates import (
    Template,
    TemplateError,
    all_templates,
    clean_template_name,
    own_template_named,
    parse_template,
    template_json,
)
from desktop_app.models.briefs import (
    LEVEL_LABELS,
    BriefData,
    BriefStatus,
    Level,
    task_choices,
    task_name,
)
from desktop_app.models.errors import UserError
from desktop_app.models.i18n import N_, _, count
from desktop_app.models.text import fold
from desktop_app.views.briefs.commands import (
    DeleteTemplateCommand,
    NewBriefCommand,
    SaveTemplateCommand,
)
from desktop_app.views.context import AppContext
from desktop_app.views.partials.feedback import MessageLine, run_edit
from desktop_app.views.partials.naming import name_buttons, named
from desktop_app.views.partials.plain_text import plain_label
from desktop_app.views.partials.table_model import Column, RowTableModel
from desktop_app.views.partials.tones import MUTED, tone
from desktop_app.views.undo import execute

TEMPLATE_FILTER = N_("Offload brief template (*.json);;All files (*)")
# A template is a page or two of text; anything bigger is not one.
MAX_TEMPLATE_BYTES = 1024 * 1024


def _template_label(template: Template | None) -> str:
    if template is None:
        return _("Blank brief")
    return _("{name} (yours)").format(name=template.name) if template.is_own else template.name


def template_preview_html(template: Template | None) -> str:
    """What a template holds, for the owner to choose from."""
    if template is None:
        return "<h3>{}</h3><p>{}</p>".format(
            _("Blank brief"),
            _(
                "Start from nothing but a title. The clarity check tells you what a "
                "contractor still needs."
            ),
        )
    data = template.data
    musts = sum(e.level == Level.MUST for e in data.expectations)
    parts = [f"<h3>{escape(template.name)}</h3>"]
    if template.description:
        parts.append(f"<p><i>{escape(template.description)}</i></p>")
    summary = data.summary.strip().split("\n\n")[0]
    if summary:
        parts.append(f"<p>{escape(summary)}</p>")
    deliverables = [line.strip() for line in data.deliverables.splitlines() if line.strip()]
    if deliverables:
        parts.append("<p><b>{}</b></p><ul>".format(_("Deliverables")))
        parts += [f"<li>{escape(line)}</li>" for line in deliverables]
        parts.append("</ul>")
    expectations = count(len(data.expectations), "{count} expectation", "{count} expectations")
    must_haves = count(musts, "{count} must-have", "{count} must-haves")
    parts.append(
        "<p>"
        + _("{expectations}, {must_haves}, in priority order:").format(
            expectations=f"<b>{expectations}</b>", must_haves=must_haves
        )
        + "</p><ol>"
    )
    muted = tone(MUTED)
    for expectation in data.expectations:
        level = _(LEVEL_LABELS[Level(expectation.level)])
        parts.append(
            f"<li>{escape(expectation.text)} <span style='color:{muted}'>({level})</span></li>"
        )
    parts.append("</ol>")
    return "".join(parts)


def best_template(templates: list[Template], title: str) -> int | None:
    """The index of the template whose name shares most words with `title` (None if none)."""
    words = set(re.findall(r"\w{4,}", fold(title)))
    scores = [len(words & set(re.findall(r"\w{4,}", fold(t.name)))) for t in templates]
    return max(range(len(templates)), key=lambda i: (scores[i], -i)) if any(scores) else None


def _default_contact(ctx: AppContext) -> str:
    settings = ctx.settings()
    return ", ".join(part for part in (settings.owner_name, settings.business_name) if part)


class NewBriefDialog(QDialog):
    """Title, the task it hands off, and a template to start from.

    Signals:
        created(int): the new brief's id, once stored (as one undoable edit).
    """

    created = Signal(int)

    def __init__(
        self, ctx: AppContext, *, task_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        named(self, "newBriefDialog", _("New brief"))
        self.setWindowTitle(_("New brief"))
        self._title_touched = False
        self._template_chosen = False
        self._choosing = False
        self.title_edit = named(QLineEdit(), "newBriefTitle", _("Title"), _("What the job is"))
        self.title_edit.setMaxLength(200)
        self.title_edit.textEdited.connect(self._on_title_edited)
        # Its line is kept whether or not it holds a message: a message that
        # came and went would move the template list under the pointer.
        self.title_error = MessageLine("newBriefTitleError", _("Title: message"), reserve=True)
        self._build_task_combo(task_id)
        self._build_template_list()
        self.message = MessageLine("newBriefMessage")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.setObjectName("newBriefButtons")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Create brief"))
        name_buttons(self.buttons, "newBriefButtons")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self.resize(880, 560)
        self.load_templates()

    def _build_task_combo(self, task_id: int | None) -> None:
        self.task_combo = named(
            QComboBox(), "newBriefTask", _("Hands off task"),
            _("The time-audit task this brief hands off, if any"),
        )  # fmt: skip
        self.task_combo.addItem(_("No task"), None)
        for task in task_choices():
            self.task_combo.addItem(task.name, task.id)
        if task_id is not None:
            self.task_combo.setCurrentIndex(max(self.task_combo.findData(task_id), 0))
            name = task_name(task_id)
            if name:
                self.title_edit.setText(name)
                self._title_touched = True

    def _build_template_list(self) -> None:
        self.template_model: RowTableModel[Template | None] = RowTableModel(
            [Column(_("Template"), _template_label, tooltip=lambda t: t.description if t else "")],
            self,
        )
        self.template_view = named(
            QListView(), "newBriefTemplates", _("Templates"), _("The brief to start from")
        )
        self.template_view.setModel(self.template_model)
        self.template_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.template_view.setSpacing(2)
        self.template_view.selectionModel().currentRowChanged.connect(self._on_template_changed)
        self.template_view.doubleClicked.connect(self.accept)
        self.preview = named(QTextBrowser(), "newBriefPreview", _("Template preview"))
        self.import_button = named(
            QPushButton(_("Import template…")), "newBriefImport", _("Import template"),
            _("Add a template from a JSON file (saved as one of your templates)"),
        )  # fmt: skip
        self.import_button.clicked.connect(self._choose_template_file)
        self.delete_button = named(
            QPushButton(_("Delete template")), "newBriefDeleteTemplate", _("Delete template"),
            _("Delete the selected template of your own (undo with Ctrl+Z)"),
        )  # fmt: skip
        self.delete_button.clicked.connect(self.delete_selected_template)

    def _lay_out(self) -> None:
        form = QFormLayout()
        title_column = QVBoxLayout()
        title_column.setSpacing(2)
        title_column.addWidget(self.title_edit)
        title_column.addWidget(self.title_error)
        form.addRow(_("Title:"), title_column)
        form.addRow(_("Hands off:"), self.task_combo)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(plain_label(_("Start from:")))
        left.addWidget(self.template_view, 1)
        template_buttons = QHBoxLayout()
        template_buttons.addWidget(self.import_button)
        template_buttons.addWidget(self.delete_button)
        left.addLayout(template_buttons)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addWidget(self.preview, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    # Templates
    def load_templates(self, select_key: str | None = None) -> None:
        """List the templates; select `select_key`, else the best match for the title."""
        templates, problems = all_templates(templates_folder())
        self.template_model.set_rows([None, *templates])
        keys = [None, *(t.key for t in templates)]
        if select_key is not None and select_key in keys:
            row = keys.index(select_key)
        else:
            best = best_template(templates, self.title_edit.text())
            row = 0 if best is None else best + 1
        self._select_row(row)
        if problems:
            self._say(
                _("Some templates could not be read:\n{problems}").format(
                    problems="\n".join(problems)
                ),
                warning=True,
            )

    def _select_row(self, row: int) -> None:
        self._choosing = True
        try:
            self.template_view.selectionModel().setCurrentIndex(
                self.template_model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect,
            )
        finally:
            self._choosing = False

    def selected_template(self) -> Template | None:
        index = self.template_view.currentIndex()
        return self.template_model.row_at(index.row()) if index.isValid() else None

    def select_template(self, name: str) -> bool:
        for row, template in enumerate(self.template_model.rows()):
            if template is not None and template.name == name:
                self.template_view.setCurrentIndex(self.template_model.index(row, 0))
                return True
        return False

    def _on_title_edited(self) -> None:
        self._title_touched = True
        self.title_error.clear_message()
        if not self._template_chosen:
            # Until the owner picks one, follow the title: "Bookkeeping" -> Monthly bookkeeping.
            templates = [row for row in self.template_model.rows()[1:] if row is not None]
            best = best_template(templates, self.title_edit.text())
            if best is not None:
                self._select_row(best + 1)

    def _on_template_changed(self) -> None:
        if not self._choosing:
            self._template_chosen = True
        template = self.selected_template()
        self.preview.setHtml(template_preview_html(template))
        self.delete_button.setEnabled(template is not None and template.is_own)
        if template is not None and not self._title_touched:
            self.title_edit.setText(template.data.title)

    def _say(self, text: str, *, warning: bool = False) -> None:
        if warning:
            self.message.show_warning(text)
        else:
            self.message.show_error(text)

    def _choose_template_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import template"), "", _(TEMPLATE_FILTER)
        )
        if path:
            self.import_template_file(Path(path))

    def import_template_file(self, path: Path) -> bool:
        """Add the template in `path` to the owner's own; a broken file says why."""
        from desktop_app.importers.text_files import read_text_file

        try:
            text, _encoding = read_text_file(path, max_bytes=MAX_TEMPLATE_BYTES)
            template = parse_template(text, path.name)
            content = template_json(template.name, template.description, template.data)
            execute(SaveTemplateCommand(self.ctx, template.name, content))
        except UserError as error:
            self._say(_("{error} Nothing was imported.").format(error=error))
            return False
        self._say("")
        self.load_templates()
        self.select_template(template.name)
        return True

    def delete_selected_template(self) -> None:
        template = self.selected_template()
        if template is None or not template.is_own or template.own_id is None:
            return
        execute(DeleteTemplateCommand(self.ctx, template.own_id, template.name))
        self.load_templates()

    # Creating
    def accept(self) -> None:
        title = self.title_edit.text().strip()
        if not title:
            self.title_error.show_error(_("A brief needs a title."))
            self.title_edit.setFocus()
            return
        template = self.selected_template()
        base = template.data if template is not None else BriefData()
        data = dataclasses.replace(
            base,
            title=title,
            status=BriefStatus.DRAFT,
            deadline=None,
            tasks=[],
            currency=self.ctx.settings().currency,
            contact=base.contact or _default_contact(self.ctx),
        )
        task_id = self.task_combo.currentData()
        task_ids = [task_id] if task_id is not None else []
        command = NewBriefCommand(self.ctx, data, task_ids)
        if not run_edit(command, self._say):
            return
        super().accept()
        self.created.emit(command.brief_id)


class SaveTemplateDialog(QDialog):
    """Save a brief as a template of the owner's own."""

    def __init__(self, ctx: AppContext, data: BriefData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data = data
        named(self, "saveTemplateDialog", _("Save as template"))
        self.setWindowTitle(_("Save brief as template"))
        self.name_edit = named(QLineEdit(data.title.strip()), "templateName", _("Template name"))
        self.name_edit.setMaxLength(200)
        self.name_edit.textChanged.connect(self._on_name_changed)
        self.description_edit = named(
            QLineEdit(), "templateDescription", _("Description"),
            _("One line saying what job the template is for"),
        )  # fmt: skip
        self.note = MessageLine("templateNote")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.setObjectName("saveTemplateButtons")
        name_buttons(self.buttons, "saveTemplateButtons")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(_("Name:"), self.name_edit)
        form.addRow(_("Description:"), self.description_edit)
        explanation = plain_label(
            _(
                "The template keeps everything but the deadline, the status and the linked "
                "tasks. New brief… lists it beside the templates Offload ships."
            )
        )
        explanation.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self._on_name_changed()

    def _on_name_changed(self) -> None:
        name = self.name_edit.text().strip()
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        if name and own_template_named(name) is not None:
            self.note.show_warning(
                _("You already have a template called “{name}”: saving replaces it.").format(
                    name=name
                )
            )
            save.setText(_("Replace"))
        else:
            self.note.clear_message()
            save.setText(_("Save"))
        save.setAccessibleName(save.text())

    def accept(self) -> None:
        try:
            name = clean_template_name(self.name_edit.text())
            content = template_json(name, self.description_edit.text().strip(), self.data)
            execute(SaveTemplateCommand(self.ctx, name, content))
        except (UserError, TemplateError) as error:
            self.note.show_error(str(error))
            return
        super().accept()
