"""An engagement's onboarding and offboarding checklists.

Two lists, each a table: tick an item (Space or a click) and it is done
today; double-click its date or its note to change them; type below the
list to add an item. Hiring started the onboarding list and ending starts
the offboarding one; an older engagement without a list gets one with a
click. Templates: add a template's items, keep a list as a template of
your own (one with no items is refused), choose the one new lists start
from, delete your own. Every edit is one undoable command.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMenu,
    QPushButton,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.checklists import (
    CHECKLIST_KIND_LABELS,
    ChecklistKind,
    ChecklistRow,
    checklist_of,
    checklist_templates,
)
from desktop_app.models.engagements import EngagementStatus, day_text
from desktop_app.models.i18n import _
from desktop_app.views.context import AppContext
from desktop_app.views.engagements.running_commands import (
    AddChecklistItemCommand,
    AddTemplateItemsCommand,
    DeleteChecklistItemCommand,
    DeleteChecklistTemplateCommand,
    EditChecklistItemCommand,
    SaveChecklistTemplateCommand,
    SetDefaultTemplateCommand,
)
from desktop_app.views.engagements.running_panel import RunningPanel
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.plain_text import in_sentence, plain_label
from desktop_app.views.partials.row_tables import row_table, selected_rows, show_rows
from desktop_app.views.partials.table_model import Column, RowTableModel
from desktop_app.views.time_audit.task_table import DateChoice, EditDelegate

DONE, ITEM, DONE_ON, NOTE = range(4)


class ChecklistList(QWidget):
    """One checklist (onboarding or offboarding): the table and the line to add an item."""

    def __init__(self, panel: ChecklistPanel, kind: ChecklistKind) -> None:
        super().__init__(panel)
        self.panel = panel
        self.kind = kind
        label = CHECKLIST_KIND_LABELS[kind]
        self.model: RowTableModel[ChecklistRow] = RowTableModel(
            [
                Column(_("Done"), lambda r: r.done, checkable=True, commit=self._tick),
                Column(
                    _("Item"),
                    lambda r: r.text,
                    edit_value=lambda r: r.text,
                    commit=lambda r, v: self._edit(r, {"text": v}, _("Reword a checklist item")),
                ),
                Column(
                    _("Done on"),
                    lambda r: day_text(r.done_on),
                    sort_key=lambda r: r.done_on,
                    edit_value=lambda r: r.done_on or panel.today,
                    commit=lambda r, v: self._edit(
                        r, {"done_on": v}, _("Done on {day_text}").format(day_text=day_text(v))
                    ),
                ),
                Column(
                    _("Note"),
                    lambda r: r.note,
                    tooltip=lambda r: r.note or _("Double-click to add a note"),
                    edit_value=lambda r: r.note,
                    commit=lambda r, v: self._edit(r, {"note": v}, _("Note on a checklist item")),
                ),
            ],
            self,
        )
        self.table = row_table(
            f"{kind.value}Checklist",
            _("{label} checklist").format(label=_(label)),
            self.model,
            ITEM,
            self,
        )
        self.delegate = EditDelegate({DONE_ON: DateChoice()}, self.table)
        self.delegate.refused.connect(lambda message: panel.say(message, error=True))
        self.table.setItemDelegate(self.delegate)
        self.delete_action = QAction(_("&Delete item"), self.table)
        self.delete_action.setObjectName(f"{kind.value}DeleteItem")
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.table.addAction(self.delete_action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.empty = named(
            plain_label(),
            f"{kind.value}ChecklistEmpty",
            _("No {lower} list").format(lower=in_sentence(_(label))),
        )
        self.empty.setWordWrap(True)
        self.start_button = named(
            QPushButton(_("Start the {lower} checklist").format(lower=in_sentence(_(label)))),
            f"start{label}Checklist",
            _("Start the {lower} checklist").format(lower=in_sentence(_(label))),
            _("Make the list from the template new lists start from"),
        )
        self.start_button.clicked.connect(self.start)
        self.add_edit = named(
            QLineEdit(),
            f"{kind.value}NewItem",
            _("New {lower} item").format(lower=in_sentence(_(label))),
            _("Enter adds it"),
        )
        self.add_edit.setPlaceholderText(_("Add an item: type it and press Enter"))
        self.add_edit.returnPressed.connect(self.add_typed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.empty)
        start_row = QHBoxLayout()
        start_row.addWidget(self.start_button)
        start_row.addStretch(1)
        layout.addLayout(start_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.add_edit)

    def load(self, engagement_id: int | None, status: str | None) -> None:
        rows = checklist_of(engagement_id, self.kind) if engagement_id is not None else []
        show_rows(self.model, rows)
        has_list = bool(rows)
        self.table.setVisible(has_list)
        self.start_button.setVisible(not has_list and engagement_id is not None)
        self.empty.setVisible(not has_list)
        if self.kind == ChecklistKind.OFFBOARDING and status != EngagementStatus.ENDED:
            self.empty.setText(
                _(
                    "The offboarding checklist starts when you end the engagement: access "
                    "revoked, files returned, the final invoice paid, feedback given."
                )
            )
        else:
            self.empty.setText(
                _("No {lower} checklist yet.").format(
                    lower=in_sentence(_(CHECKLIST_KIND_LABELS[self.kind]))
                )
            )

    def counts(self) -> tuple[int, int]:
        rows = self.model.rows()
        return sum(1 for row in rows if row.done), len(rows)

    # Edits
    def _tick(self, row: ChecklistRow, done: Any) -> str | None:
        on = self.panel.today if done else None
        text = (
            _("Tick “{text}”").format(text=row.text)
            if done
            else _("Untick “{text}”").format(text=row.text)
        )
        return self._edit(row, {"done_on": on}, text)

    def _edit(self, row: ChecklistRow, changes: dict[str, Any], text: str) -> str | None:
        command = EditChecklistItemCommand(self.panel.ctx, row.id, changes, text)
        if self.panel.run(lambda _confirmed: command):
            return None
        return self.panel.message.text() or _("Not changed.")

    def add_typed(self) -> bool:
        if self.panel.row is None:
            return False
        engagement_id, text = self.panel.row.id, self.add_edit.text()
        if self.panel.run(
            lambda _c: AddChecklistItemCommand(self.panel.ctx, engagement_id, self.kind, text)
        ):
            self.add_edit.clear()
            return True
        return False

    def start(self) -> bool:
        if self.panel.row is None:
            return False
        template = next(t for t in checklist_templates(self.kind) if t.is_default)
        return self.panel.add_template(template.key, template.name)

    def delete_selected(self) -> bool:
        rows = selected_rows(self.table, self.model)
        if not rows:
            self.panel.say(_("Select an item to delete."))
            return False
        row = rows[0]
        return self.panel.run(
            lambda _c: DeleteChecklistItemCommand(
                self.panel.ctx, row.id, _("Delete “{text}”").format(text=row.text)
            ),
            _("Deleted “{text}”. Undo (Ctrl+Z) puts it back.").format(text=row.text),
        )

    def tick(self, position: int, done: bool = True) -> bool:
        """Tick (or untick) the item at `position`, as a click in its box does."""
        index = self.model.index(position, DONE)
        state = Qt.CheckState.Checked if done else Qt.CheckState.Unchecked
        return self.model.setData(index, state.value, Qt.ItemDataRole.CheckStateRole)


class ChecklistPanel(RunningPanel):
    """The onboarding and offboarding checklists of one engagement.

    Attributes:
        lists: kind -> its ChecklistList.
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "checklistPanel", _("Checklists"), parent)
        self.lists = {
            ChecklistKind.ONBOARDING: ChecklistList(self, ChecklistKind.ONBOARDING),
            ChecklistKind.OFFBOARDING: ChecklistList(self, ChecklistKind.OFFBOARDING),
        }
        self.kinds = named(QTabWidget(), "checklistKinds", _("Onboarding and offboarding"))
        for kind, widget in self.lists.items():
            self.kinds.addTab(widget, CHECKLIST_KIND_LABELS[kind])
        self.templates_button = named(
            QToolButton(),
            "checklistTemplates",
            _("Templates"),
            _(
                "Add a template's items, keep this list as a template, choose the one new lists "
                "start from"
            ),
        )
        self.templates_button.setText(_("Templates"))
        self.templates_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.templates_menu = QMenu(self.templates_button)
        self.templates_menu.setObjectName("checklistTemplatesMenu")
        self.templates_menu.aboutToShow.connect(self._fill_templates_menu)
        self.templates_button.setMenu(self.templates_menu)
        self.delete_button = named(
            QPushButton(_("Delete item")), "deleteChecklistItem", _("Delete the selected item")
        )
        self.delete_button.clicked.connect(lambda: self.current_list().delete_selected())
        actions = QHBoxLayout()
        actions.addWidget(self.templates_button)
        actions.addWidget(self.delete_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.kinds, 1)
        layout.addLayout(actions)
        layout.addWidget(self.message)

    def current_list(self) -> ChecklistList:
        return self.lists[
            ChecklistKind.ONBOARDING
            if self.kinds.currentIndex() == 0
            else ChecklistKind.OFFBOARDING
        ]

    def load(self) -> None:
        row = self.row
        for position, (kind, widget) in enumerate(self.lists.items()):
            widget.load(row.id if row else None, row.status if row else None)
            done, total = widget.counts()
            title = CHECKLIST_KIND_LABELS[kind]
            self.kinds.setTabText(position, f"{title} ({done}/{total})" if total else title)
        if (
            row is not None
            and row.status == EngagementStatus.ENDED
            and self.kinds.currentIndex() == 0
        ):
            # An ended engagement's open work is its offboarding.
            self.kinds.setCurrentIndex(1)

    def open_items(self) -> int:
        """Items not done yet in the list that matters now (onboarding while
        working, offboarding once ended)."""
        ended = self.row is not None and self.row.status == EngagementStatus.ENDED
        kind = ChecklistKind.OFFBOARDING if ended else ChecklistKind.ONBOARDING
        done, total = self.lists[kind].counts()
        return total - done

    # Templates
    def _fill_templates_menu(self) -> None:
        menu = self.templates_menu
        menu.clear()
        kind = self.current_list().kind
        label = in_sentence(_(CHECKLIST_KIND_LABELS[kind]))
        for template in checklist_templates(kind):
            sub = menu.addMenu(
                _("{name} (new lists start from it)").format(name=template.name)
                if template.is_default
                else template.name
            )
            sub.setObjectName(f"template_{template.key}")
            add = sub.addAction(
                _("Add its {items} items to this list").format(items=len(template.items))
            )
            add.setEnabled(self.row is not None)
            add.triggered.connect(
                lambda _checked=False, t=template: self.add_template(t.key, t.name)
            )
            use = sub.addAction(_("Start new {label} checklists from it").format(label=label))
            use.setEnabled(not template.is_default)
            use.triggered.connect(
                lambda _checked=False, t=template: self.run(
                    lambda _c: SetDefaultTemplateCommand(self.ctx, t.kind, t.own_id, t.name),
                    _("New {label} checklists start from “{name}”.").format(
                        label=label, name=t.name
                    ),
                )
            )
            if template.is_own:
                remove = sub.addAction(_("Delete this template"))
                remove.triggered.connect(
                    lambda _checked=False, t=template: self.run(
                        lambda _c: DeleteChecklistTemplateCommand(
                            self.ctx,
                            t.own_id,
                            _("Delete the template “{name}”").format(name=t.name),
                        ),
                        _("Deleted the template “{name}”.").format(name=t.name),
                    )
                )
        menu.addSeparator()
        save = menu.addAction(_("Keep this {label} list as a template…").format(label=label))
        save.setObjectName("saveChecklistTemplate")
        save.setEnabled(bool(self.current_list().model.rows()))
        save.triggered.connect(self.ask_template_name)

    def add_template(self, key: str, name: str) -> bool:
        if self.row is None:
            return False
        engagement_id = self.row.id
        return self.run(
            lambda _c: AddTemplateItemsCommand(self.ctx, engagement_id, key, name),
            _("Added the items of “{name}”.").format(name=name),
        )

    def ask_template_name(self) -> QInputDialog:
        """Ask the name to keep the list shown as a template under."""
        dialog = QInputDialog(self)
        dialog.setObjectName("templateNameDialog")
        dialog.setWindowTitle(_("Keep as a template"))
        dialog.setLabelText(_("Name of the template:"))
        dialog.textValueSelected.connect(self.save_as_template)
        dialog.open()
        return dialog

    def save_as_template(self, name: str, *, make_default: bool = False) -> bool:
        """Keep the list shown as a template of your own, named `name`."""
        widget = self.current_list()
        items = [row.text for row in widget.model.rows()]
        return self.run(
            lambda _c: SaveChecklistTemplateCommand(
                self.ctx, name, widget.kind, items, make_default
            ),
            _(
                "Kept “{name}” as a template: add its items to any engagement from Templates."
            ).format(name=name.strip()),
        )
