"""The Contractors tab: the pipeline at a glance, the bench as a searchable,
sortable list, and the chosen contractor's details beside it."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models import contractors as bench
from desktop_app.models.engagements import dependents_summary, get_engagement
from desktop_app.models.errors import UserError
from desktop_app.models.formats import integer, number
from desktop_app.models.i18n import N_, _, count
from desktop_app.models.progress import Cancelled
from desktop_app.models.text import fold
from desktop_app.views.context import AppContext, Topic
from desktop_app.views.contractors import dialogs
from desktop_app.views.contractors.commands import (
    AddContractorCommand,
    DeleteContractorCommand,
    EditContractorCommand,
    MergeContractorsCommand,
    MergeValuesCommand,
    MoveStageCommand,
)
from desktop_app.views.contractors.detail import ContractorDetailPane, stage_label, stars, when
from desktop_app.views.contractors.form import FormDialog
from desktop_app.views.contractors.pipeline_bar import PipelineBar, stage_color
from desktop_app.views.partials.empty_state import EmptyState
from desktop_app.views.partials.feedback import StatusLine, run_edit
from desktop_app.views.partials.fitting import pane
from desktop_app.views.partials.layout_memory import (
    LayoutPart,
    offer_column_menu,
    restore_layout,
    save_layout,
)
from desktop_app.views.partials.long_task import LongTask
from desktop_app.views.partials.naming import name_buttons, named
from desktop_app.views.partials.plain_text import menu_text, message_box, plain_label
from desktop_app.views.partials.tab_page import TabPage
from desktop_app.views.partials.table_model import (
    ALIGN_CENTER,
    ALIGN_RIGHT,
    Column,
    ModelSortProxy,
    RowTableModel,
    SyncedTableModel,
)
from desktop_app.views.partials.tables import data_table, fit_columns

if TYPE_CHECKING:
    from desktop_app.views.contractors.comparison import ComparisonDialog

UNIT_ORDER = {"hour": 0, "month": 1, "project": 2}
CSV_FILTER = N_("CSV files (*.csv);;All files (*)")
# A bench this large is exported in a worker, with progress and Cancel.
_EXPORT_AT_ONCE = 500
IMPORT_FILTER = N_(
    "Contractors (*.csv *.vcf *.vcard);;CSV files (*.csv);;vCard files (*.vcf *.vcard)"
)


# Sorting 2,000 rows compares ~50,000 pairs; folding (case, accents) each
# text once instead of at every comparison keeps a re-sort fast. A key in a
# tuple is compared as is by SearchSortProxy (a bare str would be folded again).
_folded = lru_cache(maxsize=16384)(fold)


def _text_key(text: str) -> tuple[str] | None:
    return (_folded(text),) if text else None


def list_columns() -> list[Column[bench.ContractorRow]]:
    return [
        Column(
            _("Name"),
            lambda r: r.name,
            sort_key=lambda r: _text_key(r.name),
            tooltip=lambda r: r.notes or None,
        ),
        Column(
            _("Stage"),
            lambda r: stage_label(r.stage),
            sort_key=lambda r: bench.STAGE_ORDER.index(bench.Stage(r.stage)),
            foreground=lambda r: stage_color(r.stage),
        ),
        Column(
            _("Skills"),
            lambda r: r.skills,
            sort_key=lambda r: _text_key(r.skills),
            tooltip=lambda r: r.skills or None,
        ),
        Column(
            _("Source"),
            lambda r: bench.source_text(r.source, r.source_detail),
            sort_key=lambda r: _text_key(bench.source_text(r.source, r.source_detail)),
        ),
        Column(
            _("Rate"),
            lambda r: bench.rate_text(r.rate, r.rate_unit, r.currency, short=True),
            # Hourly rates sort together, then monthly, then per project.
            sort_key=lambda r: (
                None if r.rate is None else (UNIT_ORDER.get(r.rate_unit, 9), r.currency, r.rate)
            ),
            align=ALIGN_RIGHT,
        ),
        Column(
            _("Rating"), lambda r: stars(r.rating), sort_key=lambda r: r.rating, align=ALIGN_CENTER
        ),
        Column(
            _("Score"),
            lambda r: "" if r.average_score is None else number(r.average_score, 1),
            sort_key=lambda r: r.average_score,
            align=ALIGN_RIGHT,
            tooltip=lambda r: _("Average interview score (1-5)"),
        ),
        Column(
            _("References"),
            lambda r: f"{r.references_checked}/{r.references}" if r.references else "",
            sort_key=lambda r: (r.references_checked, r.references) if r.references else None,
            align=ALIGN_CENTER,
            tooltip=lambda r: _("Checked / on record"),
        ),
        Column(
            _("Last contact"), lambda r: when(r.last_contact), sort_key=lambda r: r.last_contact
        ),
    ]


def _search_text(row: bench.ContractorRow) -> str:
    return row.search_text


class ContractorsPage(TabPage):
    """The Contractors tab.

    Attributes:
        model, proxy, table: the list of contractors (RowTableModel + SearchSortProxy).
        pipeline: the stage counts; search, stage_filter, source_filter: the filters.
        detail: the selected contractor's ContractorDetailPane.
        count_label: how many contractors the list shows.
        status: the line that says what the last action did, or why not.
    """

    # Engagements: the detail pane names what the contractor works on.
    topics = (Topic.CONTRACTORS, Topic.BRIEFS, Topic.ENGAGEMENTS)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        named(self, "contractorsPage", _("Contractors"))
        self._columns_fitted = False  # the columns were sized to their content once
        self._skills_filter: frozenset[str] = frozenset()
        # Looking for someone new: the contractor being replaced is left out.
        self._leave_out: frozenset[int] = frozenset()
        filters = self._build_filters()
        self._build_table()
        self.detail = ContractorDetailPane(ctx)
        self.detail.move_requested.connect(self.request_move)
        self.detail.hire_requested.connect(self.hire_current)
        self.detail.edit_requested.connect(self.edit_contractor)
        self.detail.delete_requested.connect(self.delete_contractor)

        # The list above the details: both get the window's whole width, so the
        # bench's key columns and the detail's tables are read whole at 1280×800.
        self.splitter = named(
            QSplitter(Qt.Orientation.Vertical), "contractorsSplitter", _("List and details")
        )
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(pane(self.detail))
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)

        self.empty = EmptyState(
            _("Build your bench"),
            _(
                "Add the contractors you are considering: where you found them (Upwork, "
                "Freelancer, a niche site, on your own or through a referral), what their "
                "references say, their portfolios and your interview notes. Or import the "
                "spreadsheet or contacts file you already keep."
            ),
            _("Add your first contractor…"),
            object_name="emptyState_contractors",
        )
        self.empty.action_triggered.connect(self.new_contractor)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.splitter)

        self.count_label = named(plain_label(), "contractorsCount", _("Contractors shown"))
        self.status = StatusLine("contractorsStatus")
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addSpacing(16)
        bottom.addWidget(self.status, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.pipeline)
        layout.addLayout(filters)
        layout.addWidget(self.skills_bar)
        layout.addWidget(self.stack, 1)
        layout.addLayout(bottom)
        self.restore_layout()
        # The layout is saved as the window closes (`save_layout`), not at each
        # resize: fitting the columns alone resizes every one of them.
        header = self.table.horizontalHeader()
        offer_column_menu(header, "contractorsColumnsMenu", changed=self.save_layout)
        self.refresh()

    def _build_filters(self) -> QHBoxLayout:
        self.pipeline = PipelineBar()
        self.pipeline.stage_chosen.connect(self.filter_stage)

        self.search = named(
            QLineEdit(),
            "contractorSearch",
            _("Search contractors"),
            _("Search by name, skill, tag or notes (Ctrl+F)"),
        )
        self.search.setPlaceholderText(_("Search name, skills, tags, notes…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.stage_filter = named(QComboBox(), "stageFilter", _("Filter by stage"))
        self.stage_filter.addItem(_("All stages"), "")
        for stage, label in bench.STAGE_LABELS.items():
            self.stage_filter.addItem(_(label), stage.value)
        self.stage_filter.currentIndexChanged.connect(self._on_stage_filter)
        self.source_filter = named(QComboBox(), "sourceFilter", _("Filter by source"))
        self.source_filter.addItem(_("All sources"), "")
        for source, label in bench.SOURCE_LABELS.items():
            self.source_filter.addItem(label, source.value)
        self.source_filter.currentIndexChanged.connect(self._apply_filters)
        # The skills filter says itself on its own line, under the others: what is
        # looked for, who is left out, and how to see everyone again.
        self.skills_bar = named(QFrame(), "skillsFilterBar", _("Skills filter"))
        self.skills_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.skills_label = named(plain_label(), "skillsFilterLabel", _("Skills filter"))
        self.skills_label.setWordWrap(True)
        self.skills_clear = named(
            QPushButton(_("Show everyone")), "clearSkillsFilter", _("Clear the skills filter")
        )
        self.skills_clear.clicked.connect(lambda: self.filter_skills(""))
        bar = QHBoxLayout(self.skills_bar)
        bar.setContentsMargins(8, 4, 4, 4)
        bar.addWidget(self.skills_label, 1)
        bar.addWidget(self.skills_clear, 0, Qt.AlignmentFlag.AlignVCenter)
        self.skills_bar.hide()

        self.new_button = named(
            QPushButton(_("New contractor…")), "newContractorButton", _("New contractor")
        )
        self.new_button.clicked.connect(self.new_contractor)
        self.compare_button = named(
            QPushButton(_("Compare…")),
            "compareButton",
            _("Compare contractors"),
            _("Compare 2 to 5 selected contractors side by side"),
        )
        self.compare_button.clicked.connect(self.compare_selected)
        # Import and export also sit in the File menu; here they share one button.
        self.more_button = named(
            QToolButton(), "moreButton", _("Import and export"), _("Import or export contractors")
        )
        self.more_button.setText(_("Import/Export"))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        more = QMenu(self.more_button)
        more.setObjectName("importExportMenu")
        self._menu_action(
            more, "menuImport", _("Import from CSV or vCard…"), self.import_contractors_dialog
        )
        self._menu_action(more, "menuExport", _("Export to CSV…"), self.export_contractors_dialog)
        self.more_button.setMenu(more)
        for combo in (self.stage_filter, self.source_filter):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6)
        self.search.setMinimumWidth(120)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.stage_filter, 1)
        filters.addWidget(self.source_filter, 1)
        for button in (self.new_button, self.compare_button, self.more_button):
            filters.addWidget(button)
        return filters

    def _build_table(self) -> None:
        # The model sorts itself (one Python sort over 2,000 rows, not a proxy
        # calling Python for each of ~25,000 comparisons).
        self.model: SyncedTableModel[bench.ContractorRow] = SyncedTableModel(list_columns(), self)
        self.proxy = ModelSortProxy(_search_text, self)
        self.proxy.setSourceModel(self.model)
        self.table = data_table(
            "contractorsTable", _("Contractors"), self.proxy,
            selection=QAbstractItemView.SelectionMode.ExtendedSelection, sortable=True,
        )  # fmt: skip
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._show_context_menu)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.table.doubleClicked.connect(lambda _arg: self.edit_contractor())
        self.delete_action = QAction(_("Delete contractor…"), self)
        self.delete_action.setObjectName("deleteContractorAction")
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_contractor)
        self.table.addAction(self.delete_action)

    # Loading
    def refresh(self) -> None:
        selected = self.selected_ids()
        rows = bench.contractor_rows()
        self.model.set_rows(rows)
        counts: dict[str, int] = {}
        for row in rows:
            counts[row.stage] = counts.get(row.stage, 0) + 1
        self.pipeline.set_counts(counts, len(rows))
        self.stack.setCurrentIndex(1 if rows else 0)
        if rows and not self._columns_fitted:
            # Until the owner sizes them: each column as wide as what it shows.
            fit_columns(self.table, squeeze_to=110)
            self._columns_fitted = True
        self.select_ids(selected)
        if not self.selected_ids():
            self.detail.show_contractor(None)
        self._update_status_count()

    def _update_status_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        text = (
            count(total, "{count} contractor", "{count} contractors")
            if shown == total
            else count(
                total, "{shown} of {count} contractor", "{shown} of {count} contractors",
                shown=integer(shown),
            )
        )  # fmt: skip
        self.table.setAccessibleDescription(text)
        self.count_label.setText(text)

    # Filters
    def _on_search(self, text: str) -> None:
        self.proxy.set_query(text)
        self._update_status_count()

    def _on_stage_filter(self) -> None:
        self.pipeline.set_current(self.stage_filter.currentData() or "")
        self._apply_filters()

    def filter_stage(self, stage: str) -> None:
        """Show only contractors at `stage` ("" for all)."""
        index = self.stage_filter.findData(stage)
        self.stage_filter.setCurrentIndex(max(index, 0))

    def filter_skills(self, skills: str) -> None:
        """Show contractors with any of the comma-separated `skills` ("" shows everyone).

        Looking for someone new, the owner has no use for those already
        rejected: they are left out unless a stage filter asks for them.
        """
        wanted = [s.strip() for s in skills.split(",") if s.strip()]
        self._skills_filter = frozenset(fold(s) for s in wanted)
        self._leave_out = frozenset()
        self.skills_label.setText(
            _("With any of: {skills}. Rejected contractors are left out.").format(
                skills=", ".join(wanted)
            )
        )
        self.skills_bar.setVisible(bool(wanted))
        self._apply_filters()

    def look_for_someone_new(self, engagement_id: int) -> None:
        """The bench for replacing an engagement's contractor: those with any of
        the brief's skills, neither rejected nor the contractor being replaced."""
        try:
            row = get_engagement(engagement_id, date.today())
        except UserError as error:
            self._refused(str(error))
            return
        self.clear_filters()
        wanted = [s.strip() for s in row.brief_skills.split(",") if s.strip()]
        self._skills_filter = frozenset(fold(s) for s in wanted)
        self._leave_out = frozenset({row.contractor_id})
        left_out = _("Rejected contractors and {contractor_name} are left out.").format(
            contractor_name=row.contractor_name
        )
        if wanted:
            text = _(
                "Someone new for “{brief_title}”: contractors with any of its skills "
                "({skills}). {left_out}"
            ).format(brief_title=row.brief_title, skills=", ".join(wanted), left_out=left_out)
        else:
            text = _(
                "“{brief_title}” names no skills, so everyone still on the bench is shown. "
                "{left_out} Add the skills to the brief to narrow the list."
            ).format(brief_title=row.brief_title, left_out=left_out)
        self.skills_label.setText(text)
        self.skills_bar.show()
        self._apply_filters()

    def _apply_filters(self) -> None:
        stage = self.stage_filter.currentData() or ""
        source = self.source_filter.currentData() or ""
        skills = self._skills_filter
        leave_out = self._leave_out
        looking = bool(skills or leave_out)

        def accepts(row: bench.ContractorRow) -> bool:
            if stage and row.stage != stage:
                return False
            if source and row.source != source:
                return False
            if looking:
                if row.id in leave_out:
                    return False
                if not stage and row.stage == bench.Stage.REJECTED:
                    return False
            if skills:
                have = row.skill_set
                return any(any(w in s or s in w for s in have) for w in skills)
            return True

        self.proxy.set_predicate(accepts if (stage or source or looking) else None)
        self._update_status_count()

    def clear_filters(self) -> None:
        self.search.clear()
        self.stage_filter.setCurrentIndex(0)
        self.source_filter.setCurrentIndex(0)
        self.filter_skills("")

    # Selection
    def selected_ids(self) -> list[int]:
        """The selected contractors, in the order the list shows them."""
        rows = sorted(self.table.selectionModel().selectedRows(), key=lambda index: index.row())
        return [self.proxy.data(index, RowTableModel.ROW_ROLE).id for index in rows]

    def select_ids(self, ids: list[int]) -> None:
        wanted = set(ids)
        selection = self.table.selectionModel()
        selection.clearSelection()
        if not wanted:
            return
        first = None
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self.proxy.data(index, RowTableModel.ROW_ROLE).id in wanted:
                # setCurrentIndex with Select both selects the row and makes it current.
                flags = (
                    QItemSelectionModel.SelectionFlag.Select
                    | QItemSelectionModel.SelectionFlag.Rows
                )
                selection.setCurrentIndex(index, flags)
                first = first or index
        if first is not None:
            self.table.scrollTo(first)

    def _on_selection(self) -> None:
        ids = self.selected_ids()
        self.detail.show_contractor(ids[0] if len(ids) == 1 else None)
        if len(ids) > 1:
            self.detail.title.setText(
                count(len(ids), "{count} contractor selected", "{count} contractors selected")
            )
            self.detail.subtitle.setText(
                _("Compare them side by side (Compare…), or right-click for more.")
                if len(ids) <= bench.MAX_COMPARED
                else _("Select at most {most} to compare.").format(most=bench.MAX_COMPARED)
            )

    def current_row(self) -> bench.ContractorRow | None:
        ids = self.selected_ids()
        if not ids:
            return None
        for row in self.model.rows():
            if row.id == ids[0]:
                return row
        return None

    # Context menu
    def _show_context_menu(self, position: Any) -> None:
        menu = self.context_menu()
        menu.popup(self.table.viewport().mapToGlobal(position))

    def context_menu(self) -> QMenu:
        """The list's right-click menu, for the current selection."""
        menu = QMenu(self)
        menu.setObjectName("contractorsContextMenu")
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        ids = self.selected_ids()
        row = self.current_row()
        if len(ids) == 1 and row is not None:
            move = menu.addMenu(_("Move to stage"))
            move.setObjectName("contextMoveMenu")
            move.menuAction().setObjectName("contextMoveMenuAction")
            for stage, label in bench.STAGE_LABELS.items():
                action = move.addAction(_(label))
                action.setObjectName(f"contextMoveTo_{stage.value}")
                action.setEnabled(stage != row.stage)
                action.triggered.connect(lambda _checked=False, s=stage.value: self.request_move(s))
            self._menu_action(menu, "contextEdit", _("Edit…"), self.edit_contractor)
            self._menu_action(menu, "contextHire", _("Hire for a brief…"), self.hire_current)
        if bench.MIN_COMPARED <= len(ids) <= bench.MAX_COMPARED:
            self._menu_action(
                menu,
                "contextCompare",
                _("Compare {count} side by side…").format(count=len(ids)),
                self.compare_selected,
            )
        if len(ids) == 2:
            self._menu_action(menu, "contextMerge", _("Merge these two…"), self.merge_selected)
        if len(ids) == 1:
            menu.addSeparator()
            self._menu_action(menu, "contextDelete", _("Delete…"), self.delete_contractor)
        if not ids:
            self._menu_action(menu, "contextNew", _("New contractor…"), self.new_contractor)
        return menu

    def _menu_action(self, menu: QMenu, name: str, text: str, slot: Any) -> QAction:
        action = menu.addAction(text)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    # Asking (blocking dialogs behind small methods, so tests answer the real dialog)
    def ask(self, title: str, text: str, yes_text: str) -> bool:
        box = message_box(
            self, QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton
        )
        box.setObjectName("contractorsQuestion")
        yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        name_buttons(box, "contractorsQuestion")
        box.exec()
        return box.clickedButton() is yes

    def ask_duplicate(self, name: str, duplicates: list[bench.Duplicate], *, new: bool) -> str:
        """ "open", "merge", "add" or "" (cancel) for a record that matches others."""
        first = duplicates[0]
        others = "; ".join(d.describe() for d in duplicates)
        box = message_box(
            self,
            QMessageBox.Icon.Warning,
            _("Already on the bench?"),
            "",
            QMessageBox.StandardButton.NoButton,
        )
        box.setObjectName("duplicateQuestion")
        box.setText(
            _("{name} looks like someone already on the bench: {others}.").format(
                name=name, others=others
            )
        )
        box.setInformativeText(
            (
                _(
                    "Open {name} to look, merge what you typed into that record, or add a new "
                    "contractor anyway."
                )
                if new
                else _(
                    "Open {name} to look, merge what you typed into that record, or save your "
                    "changes anyway."
                )
            ).format(name=first.name)
        )
        choices = {
            box.addButton(
                menu_text(_("Open {name}").format(name=first.name)),
                QMessageBox.ButtonRole.ActionRole,
            ): "open",
            box.addButton(
                menu_text(_("Merge into {name}").format(name=first.name)),
                QMessageBox.ButtonRole.ActionRole,
            ): "merge",
            box.addButton(
                _("Add anyway") if new else _("Save anyway"), QMessageBox.ButtonRole.AcceptRole
            ): "add",
        }
        box.addButton(QMessageBox.StandardButton.Cancel)
        name_buttons(box, "duplicateQuestion")
        box.exec()
        clicked = box.clickedButton()
        return choices.get(clicked, "") if isinstance(clicked, QPushButton) else ""

    def say(self, text: str) -> None:
        self.status.said(text)

    def _refused(self, text: str) -> None:
        self.status.refused(text)

    def _run(self, command: Any) -> bool:
        return run_edit(command, self.status)

    # Contractors
    def new_contractor(self) -> FormDialog:
        """Open the new-contractor form (File > New contractor…)."""
        dialog = dialogs.contractor_dialog(self, currency=self.ctx.settings().currency)
        dialog.accepted.connect(lambda: self.add_contractor(dialog.result))
        dialog.open()
        return dialog

    def add_contractor(self, values: dict[str, Any]) -> int | None:
        """Add a contractor from checked values; a likely duplicate asks first."""
        duplicates = bench.find_duplicates(values)
        if duplicates:
            choice = self.ask_duplicate(values["name"], duplicates, new=True)
            target = duplicates[0]
            if choice == "open":
                self.open_target(("contractor", target.contractor_id))
                return None
            if choice == "merge":
                if self._run(
                    MergeValuesCommand(self.ctx, target.contractor_id, target.name, values)
                ):
                    self.open_target(("contractor", target.contractor_id))
                    self.say(_("Merged the new details into {name}.").format(name=target.name))
                return None
            if choice != "add":
                return None
        command = AddContractorCommand(self.ctx, values)
        if not self._run(command):
            return None
        self.clear_filters()
        added = command.contractor_id
        assert added is not None  # applied
        self.select_ids([added])
        self.say(_("Added {name}.").format(name=values["name"]))
        return added

    def edit_contractor(self) -> FormDialog | None:
        row = self.current_row()
        if row is None:
            return None
        values, read = bench.contractor_for_editing(row.id)
        dialog = dialogs.contractor_dialog(self, values)
        # Saved over what the form showed: refused if someone saved it meanwhile.
        dialog.accepted.connect(lambda: self.save_contractor(row.id, dialog.result, read))
        dialog.open()
        return dialog

    def save_contractor(
        self, contractor_id: int, values: dict[str, Any], read: bench.Versions | None = None
    ) -> bool:
        """Save the contractor form; `read`: the versions the form was opened
        on (`contractor_for_editing`), so a save over someone's is refused."""
        duplicates = bench.find_duplicates(
            {**bench.contractor_values(contractor_id), **values}, exclude_id=contractor_id
        )
        old = bench.contractor_values(contractor_id)
        changed_identity = any(values.get(k) != old.get(k) for k in ("email", "phone", "website"))
        if duplicates and changed_identity:
            choice = self.ask_duplicate(values.get("name", old["name"]), duplicates, new=False)
            target = duplicates[0]
            if choice == "open":
                self.open_target(("contractor", target.contractor_id))
                return False
            if choice == "merge":
                names = (target.name, old["name"])
                if self._run(EditContractorCommand(self.ctx, contractor_id, values, read)):
                    self._run(
                        MergeContractorsCommand(
                            self.ctx, target.contractor_id, contractor_id, names
                        )
                    )
                    self.open_target(("contractor", target.contractor_id))
                return False
            if choice != "add":
                return False
        return self._run(EditContractorCommand(self.ctx, contractor_id, values, read))

    def delete_contractor(self) -> bool:
        """Delete the selected contractor; asks first when it has interviews or more."""
        row = self.current_row()
        if row is None or len(self.selected_ids()) != 1:
            return False
        counts = dependents_summary(row.id)
        held = {k: v for k, v in counts.items() if v}
        if held:
            held_texts = {
                "engagements": lambda n: count(n, "{count} engagement", "{count} engagements"),
                "interviews": lambda n: count(n, "{count} interview", "{count} interviews"),
                "references": lambda n: count(n, "{count} reference", "{count} references"),
                "portfolio": lambda n: count(
                    n, "{count} portfolio item", "{count} portfolio items"
                ),
            }
            what = ", ".join(held_texts[k](v) for k, v in held.items())
            if not self.ask(
                _("Delete contractor?"),
                _("Delete {name} with {what}? Edit > Undo (Ctrl+Z) brings everything back.").format(
                    name=row.name, what=what
                ),
                _("Delete"),
            ):
                return False
        if self._run(DeleteContractorCommand(self.ctx, row.id, row.name)):
            self.say(_("Deleted {name}. Undo with Ctrl+Z.").format(name=row.name))
            return True
        return False

    def merge_selected(self) -> bool:
        ids = self.selected_ids()
        if len(ids) != 2:
            self._refused(_("Select the two records of the same person to merge them."))
            return False
        names = bench.contractor_names(ids)
        keep, other = ids
        if not self.ask(
            _("Merge contractors?"),
            _(
                "Merge {name} into {target}? References, portfolio, interviews and history move "
                "over; details {target} lacks are filled in, and anything that differs is kept in "
                "the notes. You can undo this."
            ).format(name=names[other], target=names[keep]),
            _("Merge"),
        ):
            return False
        if self._run(MergeContractorsCommand(self.ctx, keep, other, (names[keep], names[other]))):
            self.select_ids([keep])
            self.say(
                _("Merged {name} into {target}.").format(name=names[other], target=names[keep])
            )
            return True
        return False

    # Pipeline
    def request_move(self, stage: str) -> FormDialog | None:
        """Ask for an optional reason, then move the selected contractor to `stage`."""
        row = self.current_row()
        if row is None or row.stage == stage:
            return None
        dialog = dialogs.move_stage_dialog(self, row.name, row.stage, stage)
        dialog.accepted.connect(lambda: self.move_to_stage(row.id, stage, dialog.result or ""))
        dialog.open()
        return dialog

    def move_to_stage(self, contractor_id: int, stage: str, reason: str = "") -> bool:
        names = bench.contractor_names([contractor_id])
        command = MoveStageCommand(
            self.ctx, contractor_id, names.get(contractor_id, ""), stage, reason
        )
        if self._run(command):
            self.say(
                _("Moved {name} to {stage}.").format(
                    name=names.get(contractor_id, ""), stage=stage_label(stage)
                )
            )
            return True
        return False

    # Comparison
    def hire_current(self) -> QWidget | None:
        """Open the hire dialog for the current contractor; the owner picks the brief."""
        from desktop_app.views.engagements.hire_dialog import open_hire_dialog

        row = self.current_row()
        if row is None:
            return None
        return open_hire_dialog(self.ctx, self, contractor_id=row.id)

    def open_referrals(self) -> QWidget:
        """The people who recommend contractors, with whom you asked and whom they named."""
        from desktop_app.views.hiring.contractor_dialogs import ReferralsDialog

        dialog = ReferralsDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.referrals_dialog = dialog
        return dialog

    def write_message(self) -> None:
        """Show the Write… menu of the contractor shown (Ctrl+Shift+W)."""
        if self.detail.contractor_id is None:
            self.say(_("Select a contractor to write to first."))
            return
        button = self.detail.write_button
        self.detail.write_menu.popup(button.mapToGlobal(button.rect().bottomLeft()))

    def compare_selected(self) -> ComparisonDialog | None:
        ids = self.selected_ids()
        if not bench.MIN_COMPARED <= len(ids) <= bench.MAX_COMPARED:
            self._refused(
                _(
                    "Select {least} to {most} contractors to compare (Ctrl+click "
                    "or Shift+click in the list)."
                ).format(least=bench.MIN_COMPARED, most=bench.MAX_COMPARED)
            )
            return None
        from desktop_app.views.contractors.comparison import ComparisonDialog

        dialog = ComparisonDialog(self.ctx, ids, self)
        dialog.open()
        return dialog

    # Import and export
    def import_contractors_dialog(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import contractors"), str(Path.home()), _(IMPORT_FILTER)
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> QWidget | None:
        """Read `path` (.csv or .vcf) and show what would be imported."""
        from desktop_app.views.contractors.import_dialog import ImportDialog

        try:
            dialog = ImportDialog(self.ctx, path, self)
        except UserError as error:
            self._refused(str(error))
            return None
        dialog.imported.connect(self.say)
        dialog.open_requested.connect(lambda cid: self.open_target(("contractor", cid)))
        dialog.open()
        return dialog

    def export_contractors_dialog(self) -> None:
        suggested = Path.home() / "contractors.csv"
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export contractors"), str(suggested), _(CSV_FILTER)
        )
        if path:
            self.export_csv(Path(path))

    def export_csv(self, path: Path) -> LongTask | int | None:
        """Write the bench to `path`: at once for a small bench (the count, or
        None when refused), in a worker with progress and Cancel for a large
        one (the task; its `finished` comes once it is said)."""
        from desktop_app.exporters.contractors_csv import export_contractors_csv

        if self.model.rowCount() <= _EXPORT_AT_ONCE:
            try:
                written = export_contractors_csv(path)
            except UserError as error:
                self._export_refused(error)
                return None
            self._exported(written, path)
            return written
        task = LongTask(
            self.ctx.store,
            self,
            _("Exporting contractors"),
            count(
                self.model.rowCount(),
                "Exporting {count} contractor to {name}…",
                "Exporting {count} contractors to {name}…",
                name=path.name,
            ),
            lambda progress: export_contractors_csv(path, progress),
            cancelled_text=_("Export cancelled: {name} was not written.").format(name=path.name),
        )
        task.succeeded.connect(lambda rows: self._exported(rows, path))
        task.failed.connect(self._export_refused)
        task.start()
        return task

    def _exported(self, rows: int, path: Path) -> None:
        self.say(
            count(
                rows,
                "Exported {count} contractor to {path}.",
                "Exported {count} contractors to {path}.",
                path=path,
            )
        )

    def _export_refused(self, error: UserError) -> None:
        if isinstance(error, Cancelled):
            self._refused(str(error))
        else:
            self._refused(_("{error} Nothing was exported.").format(error=error))

    # TabPage
    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def open_target(self, target: Any) -> None:
        """("contractor", id), ("stage", value), ("skills", "a, b, c") or
        ("someone_new", engagement id)."""
        kind, value = target
        if kind == "contractor":
            self.clear_filters()
            self.select_ids([int(value)])
        elif kind == "stage":
            self.clear_filters()
            self.filter_stage(str(value))
        elif kind == "skills":
            self.clear_filters()
            self.filter_skills(str(value))
        elif kind == "someone_new":
            self.look_for_someone_new(int(value))

    def smoke_test(self) -> None:
        self.refresh()
        if self.model.rowCount() == 0:
            raise RuntimeError("the demo bench is empty")
        self.detail.open_url = lambda _url: True
        self.open_target(("stage", bench.Stage.INTERVIEWING.value))
        if self.proxy.rowCount() == 0:
            raise RuntimeError("no contractor is interviewing in the demo")
        self.select_ids([self.proxy.data(self.proxy.index(0, 0), RowTableModel.ROW_ROLE).id])
        if self.detail.contractor_id is None or not self.detail.title.text():
            raise RuntimeError("the detail pane shows nothing")
        ids = [
            self.proxy.data(self.proxy.index(r, 0), RowTableModel.ROW_ROLE).id
            for r in range(min(3, self.proxy.rowCount()))
        ]
        if len(ids) >= bench.MIN_COMPARED:
            self.select_ids(ids)
            dialog = self.compare_selected()
            if dialog is None or dialog.model.rowCount() == 0:
                raise RuntimeError("the comparison is empty")
            dialog.close()
        self.search.setText(_("bookkeeping"))
        if self.proxy.rowCount() == 0:
            raise RuntimeError("searching the demo bench for bookkeeping finds no one")
        self.clear_filters()

    # Layout memory (the detail tables' column widths are saved as the window closes)
    def _layout_parts(self) -> dict[str, LayoutPart]:
        return {
            # A new name: a horizontal split remembered by an earlier version
            # would turn the splitter back.
            "listAboveDetails": self.splitter,
            "header": self.table.horizontalHeader(),
            **self.detail.layout_parts(),
        }

    def save_layout(self) -> None:
        save_layout("contractors", self._layout_parts())

    def restore_layout(self) -> None:
        restored = restore_layout("contractors", self._layout_parts())
        self._columns_fitted = "header" in restored
        if "listAboveDetails" not in restored:
            self.splitter.setSizes([290, 330])
