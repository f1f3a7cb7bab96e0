"""The brief editor: every field of one brief, its expectations and versions.

Every change is stored as the owner types (one undoable command per burst
of typing in a field), so switching briefs or closing the window never
loses anything typed. Input a field refuses stays on screen with the
reason under the field, and nothing is stored until it is put right.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.briefs import (
    BRIEF_FIELDS,
    FIELDS_BY_NAME,
    BriefData,
    BriefStatus,
    FieldKind,
    brief_exists,
    clean_field,
    deadline_warning,
    linked_tasks,
    task_choices,
    versions_of,
)
from desktop_app.models.clarity import EXPECTATIONS, PROCEDURES
from desktop_app.models.engagements import engagement_links
from desktop_app.models.errors import UserError
from desktop_app.models.i18n import N_, _
from desktop_app.models.versions import StaleEdit
from desktop_app.views.briefs.commands import EditBriefCommand, LinkTaskCommand
from desktop_app.views.briefs.expectations_panel import ExpectationsPanel
from desktop_app.views.briefs.fields import FieldEditor, FieldEvents
from desktop_app.views.briefs.procedures_section import ProceduresSection
from desktop_app.views.briefs.versions_panel import VersionsPanel
from desktop_app.views.context import AppContext, Topic
from desktop_app.views.engagements.links import EngagementLinks
from desktop_app.views.partials.history_dialog import HistoryDialog, show_history
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.plain_text import menu_text, plain_label
from desktop_app.views.partials.stale_edit import offer_theirs_or_mine
from desktop_app.views.partials.tones import MUTED, set_tone
from desktop_app.views.undo import execute

# The editor's pages and the fields on each, in the order a brief is written.
PAGES = (
    (
        "job",
        N_("The job"),
        ("summary", "deliverables", "in_scope", "out_of_scope", "skills", "language"),
    ),
    ("expectations", N_("Expectations"), ()),
    (
        "terms",
        N_("Success and terms"),
        ("success_criteria", "acceptance", "revision_rounds", "deadline", "timeline", "budget"),
    ),
    (
        "together",
        N_("Working together"),
        (
            "report_every_days",
            "report_how",
            "delegation_level",
            "decide_alone",
            "ask_first",
            "contact",
            "working_hours",
        ),
    ),
    ("procedures", N_("Procedures"), ()),
    ("versions", N_("Versions"), ()),
)
# Shown beside the budget, on its row.
_BUDGET_ROW = ("currency", "budget_basis")
# Fields whose edits are single choices: each is its own undo step.
_NO_MERGE = {FieldKind.CHOICE, FieldKind.CURRENCY}


class BriefEditor(QWidget):
    """Edits one brief.

    Signals:
        export_requested(), print_requested(), duplicate_requested(),
        delete_requested(), save_template_requested(), hire_requested():
        the header's actions.
    """

    hire_requested = Signal()
    export_requested = Signal()
    print_requested = Signal()
    duplicate_requested = Signal()
    delete_requested = Signal()
    save_template_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.brief_id: int | None = None
        self.data: BriefData | None = None
        self._shown: dict[str, Any] = {}
        self._burst = 0
        # The "changed by someone else" question, while it is asked.
        self._stale_box: QMessageBox | None = None
        self.field_events = FieldEvents(self)
        self.field_events.focus_left.connect(self._end_burst)
        self.fields: dict[str, FieldEditor] = {}
        for spec in BRIEF_FIELDS:
            editor = FieldEditor(spec, self.field_events)
            editor.changed.connect(lambda name=spec.name: self._commit(name))
            self.fields[spec.name] = editor
        title_font = self.fields["title"].input.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.35)
        title_font.setBold(True)
        self.fields["title"].input.setFont(title_font)

        self.tabs = named(QTabWidget(), "briefEditorTabs", _("Brief sections"))
        self.tabs.setDocumentMode(True)
        self.page_of_field: dict[str, int] = {}
        self.scroll_areas: dict[int, QScrollArea] = {}
        self.expectations = ExpectationsPanel(ctx, self.field_events)
        self.versions = VersionsPanel()
        self.procedures = ProceduresSection()
        self.procedures.edit_requested.connect(
            lambda task_id: ctx.navigate_requested.emit("time_audit", ("procedure", task_id))
        )
        for key, title, names in PAGES:
            page: QWidget
            if key == "expectations":
                page = self.expectations
            elif key == "procedures":
                page = self.procedures
            elif key == "versions":
                page = self.versions
            else:
                page = self._form_page(names)
            index = self.tabs.addTab(page, _(title))
            page.setObjectName(f"briefPage_{key}")
            for name in names:
                self.page_of_field[name] = index
            if key == "terms":
                for name in _BUDGET_ROW:
                    self.page_of_field[name] = index
        self.page_of_field[EXPECTATIONS] = self._page_index("expectations")
        self.page_of_field[PROCEDURES] = self._page_index("procedures")
        self.tabs.currentChanged.connect(self._on_page_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._header())
        layout.addWidget(self.tabs, 1)

    # Building
    def _header(self) -> QVBoxLayout:
        header = QVBoxLayout()
        header.setContentsMargins(8, 8, 8, 0)
        top = QHBoxLayout()
        top.addWidget(self.fields["title"], 1)
        status_label = plain_label(_("Status:"))
        status_label.setBuddy(self.fields["status"].input)
        top.addWidget(status_label)
        top.addWidget(self.fields["status"])
        self.hire_button = named(
            QPushButton(_("Hire a contractor…")), "briefHire", _("Hire a contractor"),
            _("Hire a contractor for this brief: the engagement starts and the brief is filled"),
        )  # fmt: skip
        self.hire_button.clicked.connect(self.hire_requested)
        top.addWidget(self.hire_button)
        header.addLayout(top)
        status = self.fields["status"].choice_box()
        self.status_meaning = named(plain_label(), "briefStatusMeaning", _("What the status means"))
        self.status_meaning.setWordWrap(True)
        set_tone(self.status_meaning, MUTED)
        status.currentIndexChanged.connect(self._show_status_meaning)
        header.addWidget(self.status_meaning)
        self.engagements_label = EngagementLinks(self.ctx, "contractor", "briefEngagements")

        second = QHBoxLayout()
        self.tasks_label = named(plain_label(), "briefTasks", _("Tasks this brief hands off"))
        self.tasks_label.setWordWrap(True)
        self.tasks_button = named(
            QToolButton(), "briefTasksButton", _("Link tasks"),
            _("Link or unlink the time-audit tasks this brief hands off"),
        )  # fmt: skip
        self.tasks_button.setText(_("Tasks"))
        self.tasks_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.tasks_menu = QMenu(self.tasks_button)
        self.tasks_menu.setObjectName("briefTasksMenu")
        self.tasks_menu.aboutToShow.connect(self._fill_tasks_menu)
        self.tasks_button.setMenu(self.tasks_menu)
        second.addWidget(self.tasks_label, 1)
        second.addWidget(self.tasks_button)
        second.addSpacing(12)
        for name, text, signal, tip in (
            ("briefExport", _("Export PDF…"), self.export_requested, _("Save the brief as a PDF")),
            ("briefPrint", _("Print…"), self.print_requested, _("Preview and print the brief")),
        ):
            button = named(QPushButton(text), name, text.rstrip("…"), tip)
            button.clicked.connect(signal)
            second.addWidget(button)
        more = named(QToolButton(), "briefMore", _("More actions"))
        more.setText(_("More"))
        more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(more)
        menu.setObjectName("briefMoreMenu")
        for name, text, signal in (
            ("actionBriefDuplicate", _("Duplicate brief"), self.duplicate_requested),
            ("actionBriefSaveTemplate", _("Save as template…"), self.save_template_requested),
            ("actionBriefDelete", _("Delete brief…"), self.delete_requested),
        ):
            action = menu.addAction(text)
            action.setObjectName(name)
            action.triggered.connect(signal)
        history = menu.addAction(_("Changes…"))
        history.setObjectName("actionBriefHistory")
        history.triggered.connect(self.show_history)
        more.setMenu(menu)
        second.addWidget(more)
        header.addLayout(second)
        header.addWidget(self.engagements_label)
        return header

    def _form_page(self, names: tuple[str, ...]) -> QScrollArea:
        content = QWidget()
        column = QVBoxLayout(content)
        form = QFormLayout()
        column.addLayout(form)
        # On a tall screen the spare height goes below the last field, not
        # between the fields and their labels.
        column.addStretch(1)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        for name in names:
            spec = FIELDS_BY_NAME[name]
            label = plain_label(_("{label}:").format(label=_(spec.label)))
            label.setBuddy(self.fields[name].input)
            label.setToolTip(_(spec.help))
            if name == "budget":
                row = QHBoxLayout()
                row.addWidget(self.fields["budget"], 2)
                for other in _BUDGET_ROW:
                    row.addWidget(self.fields[other], 1, Qt.AlignmentFlag.AlignTop)
                form.addRow(label, row)
            else:
                form.addRow(label, self.fields[name])
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setWidget(content)
        return area

    def _show_status_meaning(self) -> None:
        status = self.fields["status"].choice_box()
        meaning = status.itemData(status.currentIndex(), Qt.ItemDataRole.ToolTipRole) or ""
        self.status_meaning.setText(meaning)
        status.setToolTip(meaning)

    def _page_index(self, key: str) -> int:
        return [k for k, _, _ in PAGES].index(key)

    # Showing
    def show_brief(self, data: BriefData | None) -> None:
        """Show another brief (or none), from scratch."""
        self._burst += 1
        self.brief_id = None if data is None else data.id
        self._shown = {}
        if data is not None:
            self.load(data, force=True)
        else:
            self.data = None
            self.expectations.set_brief(None, [])

    def load(self, data: BriefData, *, force: bool = False) -> None:
        """Show what is stored for the current brief.

        A field is set again only when its stored value differs from what
        the editor last showed or stored (an undo, a redo): typing is never
        interrupted, and refused input stays visible with its message.
        """
        self.data = data
        for spec in BRIEF_FIELDS:
            value = getattr(data, spec.name)
            editor = self.fields[spec.name]
            if force or spec.name not in self._shown or value != self._shown[spec.name]:
                editor.set_value(value)
                self._shown[spec.name] = value
                editor.show_message("")
        self._show_deadline_warning()
        self._show_status_meaning()
        linked = data.tasks
        self.tasks_label.setText(
            _("Hands off: {tasks}").format(tasks=", ".join(linked))
            if linked
            else _("Hands off: no time-audit task linked")
        )
        self.engagements_label.show_links(engagement_links(brief_id=data.id))
        # A closed brief is hired for no more (the hire dialog does not offer it).
        closed = data.status == BriefStatus.CLOSED
        self.hire_button.setEnabled(not closed)
        self.hire_button.setToolTip(
            _("This brief is closed: set it back to Posted to hire for it.")
            if closed
            else _(
                "Hire a contractor for this brief: the engagement starts and the brief is filled"
            )
        )
        self.expectations.set_brief(data.id, data.expectations)
        count = len(data.expectations)
        self.tabs.setTabText(
            self._page_index("expectations"), _("Expectations ({count})").format(count=count)
        )
        self.procedures.set_brief(data.id, data.procedures)
        self.tabs.setTabText(
            self._page_index("procedures"),
            _("Procedures ({count_with}/{count_tasks})").format(
                count_with=self.procedures.count_with, count_tasks=self.procedures.count_tasks
            ),
        )
        if self.tabs.currentWidget() is self.versions:
            self._refresh_versions()

    def order_stored(self) -> None:
        """The list of expectations moved one and stored it: hold the new order."""
        if self.data is not None:
            self.data = dataclasses.replace(self.data, expectations=self.expectations.model.rows())

    def _refresh_versions(self) -> None:
        if self.brief_id is None:
            return
        versions = versions_of(self.brief_id)
        self.versions.set_versions(versions, self.data)
        self.tabs.setTabText(
            self._page_index("versions"), _("Versions ({versions})").format(versions=len(versions))
        )

    def _on_page_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.versions:
            self._refresh_versions()

    def _show_deadline_warning(self) -> None:
        editor = self.fields["deadline"]
        deadline = self._shown.get("deadline")
        status = self._shown.get("status")
        warning = (
            deadline_warning(deadline, date.today())
            if status in (BriefStatus.DRAFT, BriefStatus.FINAL)
            else ""
        )
        if warning:
            editor.show_message(
                _("{warning} It is saved; change it if the work is due later.").format(
                    warning=warning
                ),
                warning=True,
            )
        else:
            editor.show_message("")

    # Editing
    def _end_burst(self) -> None:
        self._burst += 1

    def _commit(self, name: str) -> None:
        """Store the field `name` as it is now in its editor, if valid and changed."""
        if self.brief_id is None:
            return
        editor = self.fields[name]
        spec = FIELDS_BY_NAME[name]
        try:
            value = clean_field(name, editor.value())
        except UserError as error:
            editor.show_message(_("{error} Nothing was saved.").format(error=error))
            return
        if value == self._shown.get(name):
            editor.show_message("")
            return
        merge_key = None if spec.kind in _NO_MERGE else (name, self._burst)
        # What is stored is what the editor shows: the reload that the edit
        # triggers must not set the field again under the cursor.
        previous, self._shown[name] = self._shown.get(name), value
        try:
            execute(EditBriefCommand(self.ctx, self.brief_id, {name: value}, merge_key))
        except StaleEdit as error:
            self._shown[name] = previous
            self._offer_theirs_or_mine(name, error)
            return
        except UserError as error:
            self._shown[name] = previous
            editor.show_message(_("{error} Nothing was saved.").format(error=error))
            return
        editor.show_message("")
        if name in ("deadline", "status"):
            self._show_deadline_warning()

    def _offer_theirs_or_mine(self, name: str, error: StaleEdit) -> None:
        """Someone else saved this brief since it was shown: their value beside
        yours, and the choice of which to keep (`partials.stale_edit`). Typing
        on while it is asked saves nothing; "Save mine" saves the field as it
        then is."""
        brief_id = self.brief_id

        def save_mine() -> None:
            if brief_id is not None and brief_exists(brief_id):
                mine = clean_field(name, self.fields[name].value())
                execute(EditBriefCommand(self.ctx, brief_id, {name: mine}))

        def keep_theirs() -> None:
            # The brief read again: the editor shows what is stored.
            self.ctx.data_changed.emit(Topic.BRIEFS)

        self._stale_box = offer_theirs_or_mine(self, error, save_mine, keep_theirs)

    def show_history(self) -> HistoryDialog | None:
        """Who changed which field of this brief and its expectations, and when."""
        if self.brief_id is None or self.data is None:
            return None
        return show_history(self, "brief", self.brief_id, self.data.title)

    def _fill_tasks_menu(self) -> None:
        self.tasks_menu.clear()
        if self.brief_id is None:
            return
        linked = {task.id for task in linked_tasks(self.brief_id)}
        tasks = task_choices()
        if not tasks:
            action = self.tasks_menu.addAction(_("No tasks in the time audit yet"))
            action.setEnabled(False)
            return
        for task in tasks:
            is_linked = task.id in linked
            action = self.tasks_menu.addAction(menu_text(task.name))
            action.setCheckable(True)
            action.setChecked(is_linked)
            action.triggered.connect(
                lambda _checked=False, t=task, was=is_linked: execute(
                    LinkTaskCommand(self.ctx, self.brief_id, t.id, t.name, link=not was)
                )
            )

    # Jumping
    def focus_procedure(self, task_name: str) -> None:
        """Show the Procedures page at the procedure of `task_name`."""
        self.tabs.setCurrentIndex(self._page_index("procedures"))
        self.procedures.focus_task(task_name)

    def focus_field(self, name: str, start: int = -1, end: int = -1) -> None:
        """Show the page holding field `name` and put the cursor in it."""
        if name == PROCEDURES:
            self.focus_procedure("")
            return
        if name == EXPECTATIONS:
            self.tabs.setCurrentIndex(self._page_index("expectations"))
            self.expectations.view.setFocus()
            return
        if name not in self.fields:
            return
        if name in self.page_of_field:
            index = self.page_of_field[name]
            self.tabs.setCurrentIndex(index)
            area = self.tabs.widget(index)
            if isinstance(area, QScrollArea):
                area.ensureWidgetVisible(self.fields[name])
        self.fields[name].focus(start, end)

    def focus_expectation(self, row: int, part: str, start: int = -1, end: int = -1) -> None:
        self.tabs.setCurrentIndex(self._page_index("expectations"))
        self.expectations.focus_expectation(row, part, start, end)
