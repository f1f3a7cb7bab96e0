"""The Briefs tab: the list of briefs, the editor, and the clarity check."""

from __future__ import annotations

import dataclasses
import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QItemSelectionModel,
    QSettings,
    QStandardPaths,
    Qt,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.exporters.files import file_name_for
from desktop_app.models.briefs import (
    BRIEF_STATUS_LABELS,
    BriefData,
    BriefStatus,
    BriefSummary,
    brief_dependents,
    brief_exists,
    brief_stamps,
    brief_summaries,
    load_brief,
)
from desktop_app.models.clarity import Finding, check_brief
from desktop_app.models.errors import UserError
from desktop_app.models.formats import date_time, day_month, day_short
from desktop_app.models.i18n import N_, _, count
from desktop_app.models.progress import Cancelled
from desktop_app.views.briefs.clarity_panel import ClarityPanel
from desktop_app.views.briefs.commands import (
    DeleteBriefCommand,
    DuplicateBriefCommand,
    KeepVersionCommand,
)
from desktop_app.views.briefs.editor import BriefEditor
from desktop_app.views.context import AppContext, Topic
from desktop_app.views.first_paint import after_paint
from desktop_app.views.partials.empty_state import EmptyState
from desktop_app.views.partials.feedback import StatusLine
from desktop_app.views.partials.fitting import pane
from desktop_app.views.partials.layout_memory import (
    LayoutPart,
    offer_column_menu,
    restore_layout,
    save_layout,
)
from desktop_app.views.partials.long_task import LongTask
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.plain_text import ask
from desktop_app.views.partials.tab_page import TabPage
from desktop_app.views.partials.table_model import (
    ALIGN_CENTER,
    Column,
    ModelSortProxy,
    RowTableModel,
    SyncedTableModel,
)
from desktop_app.views.partials.tables import data_table
from desktop_app.views.undo import execute

PDF_FILTER = N_("PDF (*.pdf)")
_SETTINGS = "briefs"
# A brief with more pieces to lay out (expectations and procedure steps)
# is exported in a worker, with progress and Cancel.
_EXPORT_AT_ONCE = 150

if TYPE_CHECKING:
    from desktop_app.pdf.brief import ExportResult

# The status filter: (label, statuses shown; None shows all).
STATUS_FILTERS: tuple[tuple[str, frozenset[str] | None], ...] = (
    (N_("All briefs"), None),
    (N_("Open: draft, final, posted"), frozenset({"draft", "final", "posted"})),
    *((BRIEF_STATUS_LABELS[s], frozenset({str(s)})) for s in BriefStatus),
)


def _status_label(summary: BriefSummary) -> str:
    return _(BRIEF_STATUS_LABELS.get(BriefStatus(summary.status), summary.status))


def _pieces(data: BriefData) -> int:
    """How much a brief's PDF has to lay out: its expectations and procedure steps."""
    return len(data.expectations) + sum(len(p.steps) for p in data.procedures)


LIST_COLUMNS: list[Column[BriefSummary]] = [
    Column(
        N_("Title"),
        lambda s: s.title,
        tooltip=lambda s: (
            _("{title}\nHands off: {tasks}").format(title=s.title, tasks=", ".join(s.tasks))
            if s.tasks
            else s.title
        ),
    ),
    Column(
        N_("Status"),
        _status_label,
        sort_key=lambda s: list(BriefStatus).index(BriefStatus(s.status)),
    ),
    Column(
        N_("Deadline"),
        lambda s: day_short(s.deadline) if s.deadline else "",
        sort_key=lambda s: s.deadline,
    ),
    Column(
        N_("To fix"),
        lambda s: s.open_findings or "",
        sort_key=lambda s: s.open_findings,
        align=ALIGN_CENTER,
        tooltip=lambda s: (
            count(
                s.open_findings,
                "{count} clarity finding to look at",
                "{count} clarity findings to look at",
            )
            if s.open_findings
            else None
        ),
    ),
    Column(
        N_("Updated"),
        lambda s: day_month(s.updated_at),
        sort_key=lambda s: s.updated_at,
        tooltip=lambda s: _("Last changed {when}").format(when=date_time(s.updated_at)),
    ),
]
UPDATED_COLUMN = 4


# Widths of the columns after the title (which takes the rest), as the
# texts they show at most: set once, never measured from the rows (a
# column sized to its contents asks every row for its text at each visit).
def _column_samples() -> dict[int, str]:
    sample_day = date(2026, 9, 28)
    return {
        1: max((_(label) for label in BRIEF_STATUS_LABELS.values()), key=len),
        2: day_short(sample_day),
        3: _("To fix"),
        4: day_month(sample_day),
    }


class BriefsPage(TabPage):
    """Briefs: pick one on the left, edit it in the middle, see what is unclear on the right.

    Attributes:
        editor: the BriefEditor of the selected brief.
        clarity: the ClarityPanel.
        status: the line under the tab that says what an action did, or why not.
    """

    # Engagements: the editor names who works to the brief.
    topics = (Topic.BRIEFS, Topic.TASKS, Topic.SETTINGS, Topic.ENGAGEMENTS, Topic.PROCEDURES)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        named(self, "briefsPage", _("Briefs"))
        self._selecting = False

        # The model sorts its rows itself: one Python sort, not a proxy asking
        # Python for each comparison.
        self.list_model: SyncedTableModel[BriefSummary] = SyncedTableModel(LIST_COLUMNS, self)
        self.proxy = ModelSortProxy(lambda s: s.search_text, self)
        self.proxy.setSourceModel(self.list_model)
        self.editor = BriefEditor(ctx)
        self.clarity = named(ClarityPanel(), "clarityPanel", _("Clarity check"))
        self.clarity.jump_requested.connect(self.jump_to)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("briefsSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._build_list_panel())
        self.editor_stack = QStackedWidget()
        self.no_selection = EmptyState(
            _("Choose a brief"),
            _("Pick a brief on the left to edit it, or start a new one from a template."),
            _("New brief…"),
            object_name="briefsNoSelection",
        )
        self.no_selection.action_triggered.connect(self.new_brief)
        self.editor_stack.addWidget(self.no_selection)
        self.editor_stack.addWidget(self.editor)
        self.splitter.addWidget(pane(self.editor_stack, "briefEditorPane"))
        self.splitter.addWidget(self.clarity)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([380, 560, 250])

        self.empty = EmptyState(
            _("Outline every expectation"),
            _(
                "A brief tells a contractor exactly what the job is, what success looks like, "
                "the deadline, the budget and how often to report, with your expectations in "
                "priority order. Start from a template for bookkeeping, support, social media "
                "and more, and the clarity check points out what is still vague or missing."
            ),
            _("New brief…"),
            object_name="briefsEmpty",
        )
        self.empty.action_triggered.connect(self.new_brief)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.splitter)
        self.status = StatusLine("briefsStatus")
        self.status.setContentsMargins(8, 0, 8, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)

        self.editor.export_requested.connect(self.export_pdf)
        self.editor.print_requested.connect(self.print_brief)
        self.editor.duplicate_requested.connect(self.duplicate_brief)
        self.editor.delete_requested.connect(self.delete_brief)
        self.editor.save_template_requested.connect(self.save_as_template)
        self.editor.hire_requested.connect(self.hire_contractor)
        # What changed since the last refresh (topics), to read only that again.
        self._changed: set[str] = set()
        # After a move, its row of the list (changed just now) and the clarity
        # findings (which name expectations by their place) catch up just
        # after the frame that shows the move.
        self._catching_up = False
        self._restore_layout()
        self.refresh()

    # Building
    def _build_list_panel(self) -> QWidget:
        panel = QWidget()
        self.search = named(
            QLineEdit(), "briefsSearch", _("Search briefs"),
            _("Search titles, summaries, skills and linked tasks (Ctrl+F)"),
        )  # fmt: skip
        self.search.setPlaceholderText(_("Search briefs"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_query)
        self.status_filter = named(QComboBox(), "briefsStatusFilter", _("Show briefs"))
        for label, _status in STATUS_FILTERS:
            self.status_filter.addItem(_(label))
        self.status_filter.currentIndexChanged.connect(self._apply_status_filter)
        new_button = named(
            QPushButton(_("New brief…")),
            "briefsNew",
            _("New brief"),
            _("Start a brief from a template"),
        )
        new_button.clicked.connect(self.new_brief)
        self.table = data_table(
            "briefsTable", _("Briefs"), self.proxy, sortable=True, alternating=False,
            stretch_last=False,
        )  # fmt: skip
        self.table.sortByColumn(UPDATED_COLUMN, Qt.SortOrder.DescendingOrder)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        for column, sample in _column_samples().items():
            # The header's own hint (title, sort arrow) reads no row.
            cell = metrics.horizontalAdvance(sample) + 16  # the cell's margins
            header.resizeSection(column, max(header.sectionSizeHint(column), cell))
        self._set_resize_modes()
        # The owner picks the columns (right-click the header); Updated starts hidden
        # to leave the title room, though the list starts sorted by it.
        self.table.setColumnHidden(UPDATED_COLUMN, True)
        offer_column_menu(header, "briefsColumnsMenu", changed=self._save_layout)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(
            lambda position: self.list_menu().popup(self.table.viewport().mapToGlobal(position))
        )
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(new_button)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(8, 8, 0, 8)
        layout.addLayout(top)
        layout.addWidget(self.status_filter)
        layout.addWidget(self.table, 1)
        return panel

    def list_menu(self) -> QMenu:
        """The list's right-click menu, for the selected brief."""
        menu = QMenu(self)
        menu.setObjectName("briefsListMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chosen = self.current_brief_id is not None
        closed = self.editor.data is not None and self.editor.data.status == BriefStatus.CLOSED
        for name, text, slot in (
            ("briefsContextHiring", _("Post, screen and trial…"), self.open_hiring),
            ("briefsContextCopyPost", _("Copy as job post"), self.copy_job_post),
            ("briefsContextHire", _("Hire a contractor…"), self.hire_contractor),
            ("briefsContextDuplicate", _("Duplicate brief"), self.duplicate_brief),
            ("briefsContextDelete", _("Delete brief…"), self.delete_brief),
        ):
            action = menu.addAction(text)
            action.setObjectName(name)
            action.setEnabled(chosen and not (closed and name == "briefsContextHire"))
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
        menu.addSeparator()
        new = menu.addAction(_("New brief…"))
        new.setObjectName("briefsContextNew")
        new.triggered.connect(lambda _checked=False: self.new_brief())
        return menu

    def _layout_parts(self) -> dict[str, LayoutPart]:
        return {"splitter": self.splitter, "listHeader": self.table.horizontalHeader()}

    def _set_resize_modes(self) -> None:
        """The title takes the width left; the owner may drag the others."""
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def _restore_layout(self) -> None:
        restore_layout(_SETTINGS, self._layout_parts())
        # A header state saved by an earlier version sized columns to their contents.
        self._set_resize_modes()

    def _save_layout(self, *_args: object) -> None:
        save_layout(_SETTINGS, self._layout_parts())

    def save_layout(self) -> None:
        """The window is closing: keep the splitter and the list's columns."""
        self._save_layout()

    # Loading
    @property
    def current_brief_id(self) -> int | None:
        return self.editor.brief_id

    def _on_data_changed(self, topic: str) -> None:
        if topic in self.topics:
            self._changed.add(topic)
        super()._on_data_changed(topic)

    def refresh(self) -> None:
        """Reload the brief being edited, its clarity findings, and the list.

        After an edit of briefs alone, only the rows of the brief being
        edited and of the briefs changed since (by their time of change) are
        read again; other changes (tasks, procedures, settings...) read the
        whole list, a few queries whatever its length. A move the list of
        expectations made itself reloads nothing it shows.
        """
        changed, self._changed = self._changed, set()
        brief_id = self.editor.brief_id
        if brief_id is not None and self.editor.expectations.storing_move:
            self.editor.order_stored()
            if not self._catching_up:
                self._catching_up = True
                after_paint(self.editor.expectations.view.viewport(), self._after_move)
            return
        listed = {summary.id: summary.updated_at for summary in self.list_model.rows()}
        stamps = brief_stamps()
        if not listed or stamps.keys() != listed.keys() or changed != {Topic.BRIEFS}:
            self.refresh_list()
        else:
            # Times of change are to the second: two edits in one second leave
            # the same time, so the brief being edited is always read again
            # (an undo elsewhere shows its brief, which reads its row: open_target).
            changed_rows = {i for i, at in stamps.items() if listed[i] != at}
            if brief_id is not None:
                changed_rows.add(brief_id)
            self._refresh_rows(sorted(changed_rows))
        if brief_id is not None and not brief_exists(brief_id):
            brief_id = None
        if brief_id is None and self.proxy.rowCount():
            brief_id = self.proxy.index(0, 0).data(RowTableModel.ROW_ROLE).id
        self._show(brief_id)

    def refresh_list(self) -> None:
        summaries = brief_summaries(date.today())
        self._set_list_rows(summaries)
        self.stack.setCurrentWidget(self.splitter if summaries else self.empty)

    def _refresh_rows(self, brief_ids: list[int]) -> None:
        """Read the briefs `brief_ids` again and show each in its row."""
        if not brief_ids:
            return
        fresh = {summary.id: summary for summary in brief_summaries(date.today(), ids=brief_ids)}
        self._set_list_rows([fresh.get(row.id, row) for row in self.list_model.rows()])

    def _set_list_rows(self, summaries: list[BriefSummary]) -> None:
        """Show `summaries`, editing rows in place when the same briefs are listed,
        so the selection and the scroll position stay where they are."""
        self.list_model.sync_rows(summaries)

    def _after_move(self) -> None:
        """Show the moved brief's row as stored, and check the brief in its new order."""
        self._catching_up = False
        brief_id = self.editor.brief_id
        if brief_id is None or self.editor.data is None:
            return
        # A move changes nothing the list shows but the brief's time of
        # change: that is all it reads again (not the brief's counts).
        stamps = brief_stamps([brief_id])
        self._set_list_rows(
            [
                dataclasses.replace(row, updated_at=stamps[row.id])
                if row.id in stamps and row.updated_at != stamps[row.id]
                else row
                for row in self.list_model.rows()
            ]
        )
        self.clarity.set_findings(check_brief(self.editor.data, date.today()))

    def _show(self, brief_id: int | None) -> None:
        """Edit `brief_id` (None: nothing), select it in the list, check its clarity."""
        if brief_id is None:
            if self.editor.brief_id is not None:
                self.editor.show_brief(None)
            self.editor_stack.setCurrentWidget(self.no_selection)
            self.clarity.set_findings([], has_brief=False)
            self._select_in_list(None)
            return
        data = load_brief(brief_id, for_editing=True)
        if brief_id == self.editor.brief_id:
            self.editor.load(data)
        else:
            self.editor.show_brief(data)
        self.editor_stack.setCurrentWidget(self.editor)
        self.clarity.set_findings(check_brief(data, date.today()))
        self._select_in_list(brief_id)

    def _select_in_list(self, brief_id: int | None) -> None:
        """Select the row of `brief_id` (None: no row), without reacting to it."""
        current = self.table.currentIndex()
        if current.isValid() and current.data(RowTableModel.ROW_ROLE).id == brief_id:
            return
        selection = self.table.selectionModel()
        self._selecting = True
        try:
            if brief_id is None:
                selection.clear()
                return
            for row in range(self.proxy.rowCount()):
                index = self.proxy.index(row, 0)
                if index.data(RowTableModel.ROW_ROLE).id == brief_id:
                    selection.setCurrentIndex(
                        index,
                        QItemSelectionModel.SelectionFlag.ClearAndSelect
                        | QItemSelectionModel.SelectionFlag.Rows,
                    )
                    self.table.scrollTo(index)
                    return
        finally:
            self._selecting = False

    def _on_current_row_changed(self, current: Any, _previous: Any) -> None:
        if self._selecting or not current.isValid():
            return
        brief_id = current.data(RowTableModel.ROW_ROLE).id
        if brief_id != self.editor.brief_id:
            self._show(brief_id)

    def _apply_status_filter(self, index: int) -> None:
        statuses = STATUS_FILTERS[index][1]
        self.proxy.set_predicate(None if statuses is None else lambda s: s.status in statuses)

    # TabPage
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def open_target(self, target: Any) -> None:
        """("brief", id) shows that brief; ("new_for_task", task id) starts a brief for it."""
        if not isinstance(target, tuple) or len(target) != 2:
            return
        kind, value = target
        if kind == "brief" and brief_exists(value):
            self._refresh_rows([value])
            self._reveal_in_list(value)
            self._show(value)
        elif kind == "new_for_task":
            self.new_brief(task_id=value)

    def _reveal_in_list(self, brief_id: int) -> None:
        """Clear a search or filter that hides the brief."""
        visible = any(
            self.proxy.index(row, 0).data(RowTableModel.ROW_ROLE).id == brief_id
            for row in range(self.proxy.rowCount())
        )
        if not visible:
            self.search.clear()
            self.status_filter.setCurrentIndex(0)

    def smoke_test(self) -> None:
        """Export the selected brief to a temporary PDF and open it with QtPdf."""
        from PySide6.QtPdf import QPdfDocument

        from desktop_app.pdf.brief import export_brief

        brief_id = self.current_brief_id
        if brief_id is None:
            raise RuntimeError("Briefs: no brief to export (the demo data has none)")
        with tempfile.TemporaryDirectory(prefix="offload-smoke-brief-") as folder:
            path = Path(folder) / "brief.pdf"
            export_brief(brief_id, path, keep_version=False)
            document = QPdfDocument()
            error = document.load(str(path))
            pages = document.pageCount()
            document.close()
        if error != QPdfDocument.Error.None_ or pages < 1:
            raise RuntimeError(f"Briefs: the exported PDF does not open ({error.name}, {pages})")

    # Jumping to what a finding is about
    def jump_to(self, finding: Finding) -> None:
        if finding.task_name:
            self.editor.focus_procedure(finding.task_name)
        elif finding.expectation_index is not None:
            self.editor.focus_expectation(
                finding.expectation_index, finding.field, finding.start, finding.end
            )
        else:
            self.editor.focus_field(finding.field, finding.start, finding.end)

    # Commands (menus and buttons)
    def new_brief(self, task_id: int | None = None) -> QWidget:
        """Open the New brief dialog (templates), for `task_id` if given."""
        from desktop_app.views.briefs.template_dialogs import NewBriefDialog

        dialog = NewBriefDialog(self.ctx, task_id=task_id or None, parent=self)
        dialog.created.connect(self._on_created)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _on_created(self, brief_id: int) -> None:
        self.open_target(("brief", brief_id))
        self.editor.focus_field("summary")

    def hire_contractor(self) -> QWidget | None:
        """Open the hire dialog for the selected brief; the owner picks the contractor.

        Hiring creates the engagement, moves the contractor to Hired and this
        brief to Filled, in one undoable step.
        """
        from desktop_app.views.engagements.hire_dialog import open_hire_dialog

        brief_id = self.current_brief_id
        if brief_id is None:
            self._status(_("Choose a brief to hire for first."))
            return None
        dialog = open_hire_dialog(self.ctx, self, brief_id=brief_id)
        dialog.accepted.connect(
            lambda: self._status(_("Hired: click the name under the title to open the engagement."))
        )
        return dialog

    def open_hiring(self) -> QWidget | None:
        """The brief's hiring window: its job post, screening questions and paid trial."""
        from desktop_app.views.hiring.brief_hiring import open_brief_hiring

        brief_id = self.current_brief_id
        if brief_id is None:
            self._status(_("Choose a brief to hire for first."))
            return None
        self.hiring_window = open_brief_hiring(self.ctx, brief_id, self)
        return self.hiring_window

    def copy_job_post(self) -> bool:
        """Copy the selected brief as a job post (plain text) to paste on a job board."""
        from PySide6.QtGui import QGuiApplication

        from desktop_app.models.job_post import job_post

        brief_id = self.current_brief_id
        if brief_id is None:
            self._status(_("Choose a brief to copy as a job post first."))
            return False
        post = job_post(brief_id)
        QGuiApplication.clipboard().setText(post.text)
        problems = post.problems()
        copied = count(
            post.length,
            "Copied “{title}” as a job post ({count} character).",
            "Copied “{title}” as a job post ({count} characters).",
            title=post.title,
        )
        if problems:
            copied = _("{copied} Before posting: {problems}").format(
                copied=copied, problems=" ".join(problems)
            )
        self._status(copied)
        return True

    def duplicate_brief(self) -> None:
        brief_id = self.current_brief_id
        if brief_id is None:
            return
        title = load_brief(brief_id).title.strip()
        command = DuplicateBriefCommand(self.ctx, brief_id, title)
        execute(command)
        self.open_target(("brief", command.brief_id))

    def delete_brief(self) -> None:
        """Ask, then delete the selected brief (undoable)."""
        brief_id = self.current_brief_id
        if brief_id is None:
            return
        title = load_brief(brief_id).title.strip()
        if self.confirm(_("Delete brief"), self.delete_question(brief_id, title)):
            execute(DeleteBriefCommand(self.ctx, brief_id, title))

    @staticmethod
    def delete_question(brief_id: int, title: str) -> str:
        counts = brief_dependents(brief_id)
        expectations = counts.get("Expectation", 0)
        versions = counts.get("BriefVersion", 0)
        expectations_text = count(expectations, "{count} expectation", "{count} expectations")
        versions_text = count(versions, "{count} exported version", "{count} exported versions")
        if expectations and versions:
            question = _("Delete the brief “{title}” with its {expectations} and {versions}?")
        elif expectations:
            question = _("Delete the brief “{title}” with its {expectations}?")
        elif versions:
            question = _("Delete the brief “{title}” with its {versions}?")
        else:
            question = _("Delete the brief “{title}”?")
        question = question.format(
            title=title, expectations=expectations_text, versions=versions_text
        )
        if counts.get("Engagement"):
            question += "\n\n" + count(
                counts["Engagement"],
                "{count} engagement works to this brief; it goes with it, check-ins and "
                "feedback included.",
                "{count} engagements work to this brief; they go with it, check-ins and "
                "feedback included.",
            )
        return question + "\n\n" + _("You can undo this with Ctrl+Z.")

    def confirm(self, title: str, question: str) -> bool:
        """Ask a yes/no question (blocking). Tests answer the real box."""
        return ask(self, title, question)

    def save_as_template(self) -> QWidget | None:
        from desktop_app.views.briefs.template_dialogs import SaveTemplateDialog

        if self.current_brief_id is None:
            return None
        dialog = SaveTemplateDialog(self.ctx, load_brief(self.current_brief_id), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # Export and print
    def export_pdf(self) -> None:
        """File > Export brief as PDF…: ask where, then export."""
        brief_id = self.current_brief_id
        if brief_id is None:
            self._status(_("Choose a brief to export first."))
            return
        folder = str(
            QSettings().value(f"{_SETTINGS}/exportFolder", "")
            or QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        )
        suggested = str(Path(folder) / file_name_for(load_brief(brief_id).title))
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export brief as PDF"), suggested, _(PDF_FILTER)
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> LongTask | bool:
        """Write the selected brief to `path` and keep the version; say so, or say why not.

        A long brief (many expectations, procedures with many steps) is
        written in a worker, with progress and Cancel: then the task is
        returned, and the rest happens when it succeeds. Else True when
        exported, False when refused.
        """
        from desktop_app.pdf.brief import write_brief_pdf

        brief_id = self.current_brief_id
        if brief_id is None:
            return False
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        data = load_brief(brief_id)
        if _pieces(data) > _EXPORT_AT_ONCE:
            task = LongTask(
                self.ctx.store,
                self,
                _("Exporting brief"),
                _("Writing “{title}” to {name}…").format(title=data.title.strip(), name=path.name),
                lambda progress: write_brief_pdf(data, path, progress=progress),
                cancelled_text=_("Export cancelled: {name} was not written.").format(
                    name=path.name
                ),
            )
            task.succeeded.connect(lambda result: self._exported(brief_id, data, path, result))
            task.failed.connect(self._export_failed)
            task.start()
            return task
        try:
            result = write_brief_pdf(data, path)
        except UserError as error:
            self._export_failed(error)
            return False
        self._exported(brief_id, data, path, result)
        return True

    def _exported(self, brief_id: int, data: BriefData, path: Path, result: ExportResult) -> None:
        title = data.title.strip()
        execute(
            KeepVersionCommand(
                self.ctx, brief_id, data, str(path), _("Export “{title}”").format(title=title)
            )
        )
        QSettings().setValue(f"{_SETTINGS}/exportFolder", str(path.parent))
        pages = count(result.pages, "{count} page", "{count} pages")
        self._status(
            _("Exported “{title}” ({pages}) to {path}").format(title=title, pages=pages, path=path)
        )

    def _export_failed(self, error: UserError) -> None:
        if isinstance(error, Cancelled):
            self.status.refused(_("{error} The brief is unchanged.").format(error=error))
        else:
            self.status.refused(
                _("Export failed: {error} The brief was not exported and is unchanged.").format(
                    error=error
                )
            )

    def print_brief(self) -> QWidget | None:
        """File > Print brief…: a print preview of exactly the PDF export writes."""
        from desktop_app.pdf.brief import write_brief_pdf
        from desktop_app.views.partials.pdf_print import open_print_preview

        brief_id = self.current_brief_id
        if brief_id is None:
            self._status(_("Choose a brief to print first."))
            return None
        data = load_brief(brief_id)
        try:
            dialog = open_print_preview(
                lambda path: write_brief_pdf(data, path),
                file_name_for(data.title),
                data.title.strip(),
                self,
                object_name="briefPrintPreview",
                noun=N_("brief"),
            )
        except UserError as error:
            self.status.refused(_("Cannot print: {error}").format(error=error))
            return None
        # Printing (the preview closes accepted) sends the brief: keep it as a version.
        dialog.accepted.connect(lambda: self._printed(brief_id, data))
        return dialog

    def _printed(self, brief_id: int, data: BriefData) -> None:
        if brief_exists(brief_id):
            title = data.title.strip()
            execute(
                KeepVersionCommand(
                    self.ctx, brief_id, data, _("Printed"), _("Print “{title}”").format(title=title)
                )
            )
            self._status(_("Printed “{title}”").format(title=title))

    # Messages
    def _status(self, text: str) -> None:
        self.status.said(text)
