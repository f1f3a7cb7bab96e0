"""Importing contractors: map a CSV file's columns (or read a vCard file),
preview every row with what will happen to it, then import in one undoable
transaction. Broken rows are listed with their reason and not imported."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.importers.contractor_records import ImportPlan
from desktop_app.importers.contractors_csv import (
    Columns,
    CsvTable,
    describe_columns,
    guess_mapping,
    plan_csv,
    read_csv,
)
from desktop_app.importers.vcard import plan_vcard_file
from desktop_app.models import contractors as bench
from desktop_app.models.contractor_input import CONTRACTOR_FIELDS
from desktop_app.models.errors import UserError
from desktop_app.models.formats import integer
from desktop_app.models.i18n import N_, _, count
from desktop_app.views.context import AppContext
from desktop_app.views.contractors.commands import ImportContractorsCommand
from desktop_app.views.partials.long_task import LongTask
from desktop_app.views.partials.naming import name_buttons, named
from desktop_app.views.partials.plain_text import plain_label
from desktop_app.views.partials.table_model import Column, RowTableModel
from desktop_app.views.partials.tables import data_table
from desktop_app.views.partials.tones import ALERT, WARNING, tone_color
from desktop_app.views.undo import execute_in_background

VCARD_SUFFIXES = (".vcf", ".vcard")


@dataclass(frozen=True)
class PreviewRow:
    status: str  # "new", "duplicate", "refused"
    duplicate_of: int | None
    label: str
    name: str
    email: str
    phone: str
    skills: str
    rate: str
    source: str
    stage: str
    note: str  # why refused, or whom it matches


def preview_rows(plan: ImportPlan) -> list[PreviewRow]:
    rows = []
    for record in plan.records:
        values = record.values
        rows.append(
            PreviewRow(
                status="duplicate" if record.duplicates else "new",
                duplicate_of=record.duplicates[0].contractor_id
                if record.duplicates and record.duplicates[0].contractor_id > 0
                else None,
                label=record.label,
                name=values["name"],
                email=values["email"],
                phone=values["phone"],
                skills=values["skills"],
                rate=bench.rate_text(values["rate"], values["rate_unit"], values["currency"]),
                source=bench.source_text(values["source"], values["source_detail"]),
                stage=bench.STAGE_LABELS[bench.Stage(values["stage"])],
                note=" ".join(
                    part
                    for part in (
                        "Matches " + "; ".join(d.describe() for d in record.duplicates)
                        if record.duplicates
                        else "",
                        record.unread_text(),
                    )
                    if part
                ),
            )
        )
    for label, reason in plan.refused:
        rows.append(PreviewRow("refused", None, label, "", "", "", "", "", "", "", reason))
    return rows


STATUS_TEXT = {
    "new": N_("Import"),
    "duplicate": N_("Already on the bench?"),
    "refused": N_("Refused"),
}


class ImportDialog(QDialog):
    """Column mapping (CSV), a preview, what to do with duplicates, and Import.

    Signals:
        imported(str): the import's summary, once it is done.
        open_requested(int): the owner chose to look at a contractor already on
            the bench that a row matches (the dialog closes without importing).

    Attributes:
        plan: what the import would do with the current mapping.
        mapping_boxes: field key -> its column chooser (CSV only).
        preview_model: one PreviewRow per record and per refused row.
    """

    imported = Signal(str)
    open_requested = Signal(int)

    def __init__(self, ctx: AppContext, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "importDialog", _("Import contractors"))
        self.setWindowTitle(_("Import contractors from {name}").format(name=path.name))
        self.ctx = ctx
        self.path = path
        self.table_data: CsvTable | None = None
        self.mapping_boxes: dict[str, QComboBox] = {}
        is_vcard = path.suffix.lower() in VCARD_SUFFIXES
        if is_vcard:
            self.plan = plan_vcard_file(path)
        else:
            self.table_data = read_csv(path)
            self.plan = ImportPlan(path.name)

        layout = QVBoxLayout(self)
        if self.table_data is not None:
            layout.addWidget(self._mapping_box(self.table_data), 0)
        self.summary = named(plain_label(), "importSummary", _("What will be imported"))
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        layout.addWidget(self._build_preview(), 1)

        self.duplicate_choice = named(
            QComboBox(),
            "importDuplicates",
            _("Rows already on the bench"),
            _(
                "What to do with a row whose e-mail, phone, website or name "
                "matches a contractor already on the bench"
            ),
        )
        self.duplicate_choice.addItem(_("Skip them (keep what is on the bench)"), "skip")
        self.duplicate_choice.addItem(_("Merge them into the existing record"), "merge")
        self.duplicate_choice.addItem(_("Add them as new contractors anyway"), "add")
        duplicates_row = QHBoxLayout()
        self.duplicate_label = plain_label(_("Rows already on the bench:"))
        self.duplicate_label.setBuddy(self.duplicate_choice)
        duplicates_row.addWidget(self.duplicate_label)
        duplicates_row.addWidget(self.duplicate_choice, 1)
        layout.addLayout(duplicates_row)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.setObjectName("importButtons")
        self.import_button = self.buttons.addButton(
            _("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setObjectName("importConfirm")
        name_buttons(self.buttons, "importButtons")
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(980, 640)
        if self.table_data is not None:
            self.replan()
        else:
            self._show_plan()

    def _build_preview(self) -> QTableView:
        self.preview_model: RowTableModel[PreviewRow] = RowTableModel(
            [
                Column("", lambda r: _(STATUS_TEXT[r.status]), foreground=_status_color),
                Column(_("Row"), lambda r: r.label),
                Column(_("Name"), lambda r: r.name),
                Column(
                    _("Note"),
                    lambda r: r.note,
                    tooltip=lambda r: r.note or None,
                    foreground=_status_color,
                ),
                Column(_("E-mail"), lambda r: r.email),
                Column(_("Phone"), lambda r: r.phone),
                Column(_("Skills"), lambda r: r.skills),
                Column(_("Rate"), lambda r: r.rate),
                Column(_("Source"), lambda r: r.source),
                Column(_("Stage"), lambda r: r.stage),
            ],
            self,
        )
        self.preview = data_table(
            "importPreview", _("Import preview"), self.preview_model,
            selection=QAbstractItemView.SelectionMode.ExtendedSelection,
            alternating=False, stretch_last=False,
            widths=(165, 110, 150, 320, 170, 120, 120, 110, 110),
        )  # fmt: skip
        self.preview.doubleClicked.connect(lambda index: self.open_duplicate(index.row()))
        self.preview.horizontalHeader().setStretchLastSection(True)
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        return self.preview

    def open_duplicate(self, row: int) -> bool:
        """Close without importing and show the contractor that preview row `row` matches."""
        duplicate_of = self.preview_model.row_at(row).duplicate_of
        if duplicate_of is None:
            return False
        self.reject()
        self.open_requested.emit(duplicate_of)
        return True

    def _mapping_box(self, table: CsvTable) -> QWidget:
        rows = count(table.row_count, "{count} row", "{count} rows")
        about = (
            _("{layout} export, {rows}, {encoding}").format(
                layout=table.layout, rows=rows, encoding=table.encoding.upper()
            )
            if table.layout
            else _("{rows}, {encoding}").format(rows=rows, encoding=table.encoding.upper())
        )
        group = QGroupBox(
            _("Columns of {name} ({about}): choose which column holds each detail").format(
                name=table.name, about=about
            )
        )
        # Three fields a row, so the preview keeps most of the height.
        form = QGridLayout()
        guessed = guess_mapping(table.headers)
        for number, spec in enumerate(CONTRACTOR_FIELDS):
            box = named(
                QComboBox(),
                f"importColumn_{spec.key}",
                _("Column for {label}").format(label=spec.label),
            )
            box.addItem(_("— not imported —"), [])
            chosen = guessed.get(spec.key, ())
            if len(chosen) > 1:  # a layout's choice of several columns
                box.addItem(describe_columns(table.headers, chosen, spec.key), list(chosen))
            for column, header in enumerate(table.headers):
                box.addItem(header or _("Column {number}").format(number=column + 1), [column])
            box.setCurrentIndex(
                next((i for i in range(box.count()) if box.itemData(i) == list(chosen)), 0)
            )
            box.currentIndexChanged.connect(self.replan)
            label = plain_label(f"{spec.label}:")
            label.setBuddy(box)
            row, pair = divmod(number, 3)
            form.addWidget(label, row, pair * 2)
            form.addWidget(box, row, pair * 2 + 1)
            form.setColumnStretch(pair * 2 + 1, 1)
            self.mapping_boxes[spec.key] = box
        inner = QWidget()
        inner.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setMinimumHeight(160)
        outer = QVBoxLayout(group)
        outer.addWidget(scroll)
        return group

    def mapping(self) -> dict[str, Columns]:
        return {key: tuple(box.currentData() or ()) for key, box in self.mapping_boxes.items()}

    def set_column(self, key: str, header: str) -> None:
        """Choose the column titled `header` for `key` ("" for none)."""
        box = self.mapping_boxes[key]
        box.setCurrentIndex(box.findText(header) if header else 0)

    def replan(self) -> None:
        assert self.table_data is not None
        try:
            self.plan = plan_csv(self.table_data, self.mapping())
        except UserError as error:
            self.plan = ImportPlan(self.path.name)
            self._show_plan(str(error))
            return
        self._show_plan()

    def _show_plan(self, problem: str = "") -> None:
        self.preview_model.set_rows(preview_rows(self.plan))
        text = problem or self.plan.describe()
        if self.plan.refused and not problem:
            text += _(" Refused rows are listed in red with the reason; they will not be imported.")
        if self.plan.duplicates and not problem:
            text += _(" Double-click a row marked “Already on the bench?” to open that contractor.")
        if self.plan.notes:
            text += " " + " ".join(self.plan.notes)
        self.summary.setText(text)
        has_duplicates = bool(self.plan.duplicates)
        self.duplicate_choice.setEnabled(has_duplicates)
        self.duplicate_label.setEnabled(has_duplicates)
        self.import_button.setEnabled(bool(self.plan.records))
        self.import_button.setText(
            _("Import {count}").format(count=integer(len(self.plan.records)))
        )
        self.import_button.setAccessibleName(self.import_button.text())

    def run_import(self) -> LongTask | None:
        """Import the planned records in one transaction, as one undoable edit,
        in a worker with progress and Cancel; the dialog closes once they are in."""
        if not self.plan.records:
            return None
        self.import_button.setEnabled(False)
        command = ImportContractorsCommand(
            self.ctx, self.plan, bench.OnDuplicate(self.duplicate_choice.currentData())
        )
        task = execute_in_background(
            command,
            self,
            _("Importing contractors"),
            count(
                len(self.plan.records),
                "Importing {count} contractor from {name}…",
                "Importing {count} contractors from {name}…",
                name=self.path.name,
            ),
            cancelled_text=_("Import cancelled: nothing was imported."),
        )
        task.succeeded.connect(lambda _result: self._imported(command))
        task.failed.connect(self._not_imported)
        return task

    def _imported(self, command: ImportContractorsCommand) -> None:
        assert command.outcome is not None
        summary = _("Imported from {name}: {summary}.").format(
            name=self.path.name, summary=command.outcome.summary()
        )
        if self.plan.refused:
            summary += " " + count(
                len(self.plan.refused),
                "{count} refused row was not imported.",
                "{count} refused rows were not imported.",
            )
        self.imported.emit(summary)
        self.accept()

    def _not_imported(self, error: UserError) -> None:
        self.summary.setText(str(error))
        self.import_button.setEnabled(True)


def _status_color(row: PreviewRow) -> QColor | None:
    if row.status == "refused":
        return tone_color(ALERT)
    if row.status == "duplicate":
        return tone_color(WARNING)
    return None
