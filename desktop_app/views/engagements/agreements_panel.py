"""An engagement's agreements, and the statement of work made from its brief.

Each agreement (contract, NDA, statement of work, IP assignment): when it
was signed, the notice period, the confidentiality, IP and payment terms
in a line each, and the signed file (stored like a portfolio sample).
"Statement of work (PDF)…" writes one from the brief (scope,
deliverables, expectations, acceptance, revision rounds, rate, payment
terms, notice), to sign outside the app.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models.agreements import (
    AGREEMENT_KIND_LABELS,
    AgreementKind,
    AgreementRow,
    agreements_of,
)
from desktop_app.models.engagements import day_text
from desktop_app.models.errors import UserError
from desktop_app.models.i18n import _, count
from desktop_app.models.text import fold
from desktop_app.views.context import AppContext
from desktop_app.views.engagements.running_commands import (
    AddAgreementCommand,
    DeleteAgreementCommand,
    EditAgreementCommand,
)
from desktop_app.views.engagements.running_panel import RunningPanel
from desktop_app.views.partials.dates import date_edit, picked_date
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.row_tables import row_table, selected_rows, show_rows
from desktop_app.views.partials.table_model import Column, RowTableModel
from desktop_app.views.partials.tones import WARNING, tone_color
from desktop_app.views.time_audit.task_table import Choice, DateChoice, EditDelegate

KIND, SIGNED, NOTICE, FILE = range(4)
KIND_CHOICE = Choice(tuple((kind.value, AGREEMENT_KIND_LABELS[kind]) for kind in AgreementKind))


class AgreementsPanel(RunningPanel):
    """The agreements of one engagement, and its statement of work.

    Attributes:
        model: the agreements, the latest signed first.
        last_export: the statement of work written last (None before any).
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "agreementsPanel", _("Agreements"), parent)
        self.last_export: Path | None = None
        self.model: RowTableModel[AgreementRow] = RowTableModel(self._columns(), self)
        self.table = row_table("agreementsTable", _("Agreements"), self.model, FILE, self)
        self.delegate = EditDelegate({KIND: KIND_CHOICE, SIGNED: DateChoice()}, self.table)
        self.delegate.refused.connect(lambda message: self.say(message, error=True))
        self.table.setItemDelegate(self.delegate)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.kind_box = named(QComboBox(), "agreementKind", _("Kind of agreement"))
        for kind in AgreementKind:
            self.kind_box.addItem(_(AGREEMENT_KIND_LABELS[kind]), kind.value)
        # As wide as a short kind, not the longest: the longest German kind
        # made this row wider than the engagement's pane at 1280×800.
        self.kind_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.kind_box.setMinimumContentsLength(12)
        self.signed_edit = date_edit(
            "agreementSignedOn", _("Signed on"), unset_text=_("Not signed yet")
        )
        self.add_button = named(
            QPushButton(_("Add agreement")), "addAgreement", _("Add the agreement")
        )
        self.add_button.clicked.connect(self.add)
        self.sow_button = named(
            QPushButton(_("Statement of work (PDF)…")),
            "exportSow",
            _("Write a statement of work from the brief and these terms, to sign outside the app"),
        )
        self.sow_button.clicked.connect(self.choose_and_export_sow)
        add_row = QHBoxLayout()
        for widget in (self.kind_box, self.signed_edit, self.add_button):
            add_row.addWidget(widget)
        add_row.addStretch(1)

        self.attach_button = named(
            QPushButton(_("Attach signed file…")),
            "attachAgreement",
            _("Attach the signed agreement to the selected row"),
        )
        self.attach_button.clicked.connect(self.choose_and_attach)
        self.more_menu("agreements", _("Open the signed file"))
        actions = QHBoxLayout()
        for button in (self.sow_button, self.attach_button, self.more_button):
            actions.addWidget(button)
        actions.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(add_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._build_terms())
        layout.addLayout(actions)
        layout.addWidget(self.message)
        self._update_buttons()

    def _columns(self) -> list[Column[AgreementRow]]:
        return [
            Column(
                _("Kind"),
                lambda r: r.kind_label,
                edit_value=lambda r: r.kind,
                commit=lambda r, v: self._edit(r, {"kind": v}),
            ),
            Column(
                _("Signed on"),
                lambda r: day_text(r.signed_on) if r.signed_on else _("Not signed yet"),
                sort_key=lambda r: r.signed_on,
                edit_value=lambda r: r.signed_on or self.today,
                commit=lambda r, v: self._edit(r, {"signed_on": v}),
                foreground=lambda r: None if r.signed_on else tone_color(WARNING),
            ),
            Column(
                _("Notice"),
                lambda r: r.notice_text,
                tooltip=lambda r: _("The notice period, in days"),
                edit_value=lambda r: "" if r.notice_days is None else str(r.notice_days),
                commit=lambda r, v: self._edit(r, {"notice_days": v}),
            ),
            Column(
                _("Signed file"),
                lambda r: (
                    (
                        _("{file_name} — missing").format(file_name=r.file_name)
                        if self.file_missing(r.file_hash)
                        else r.file_name
                    )
                    if r.file_hash
                    else ""
                ),
            ),
        ]

    def _build_terms(self) -> QFormLayout:
        """The selected agreement's terms, a line each, saved when left."""
        form = QFormLayout()
        self.term_edits: dict[str, QLineEdit] = {}
        for name, label, example in (
            (
                "confidentiality",
                _("Confidentiality"),
                _("What stays confidential, and for how long"),
            ),
            ("ip_terms", _("Intellectual property"), _("Who owns the work, and from when")),
            ("payment_terms", _("Payment terms"), _("When invoices are sent and paid")),
        ):
            edit = named(QLineEdit(), f"agreement_{name}", label, example)
            edit.setPlaceholderText(example)
            edit.editingFinished.connect(lambda n=name: self._save_term(n))
            form.addRow(f"{label}:", edit)
            self.term_edits[name] = edit
        return form

    def load(self) -> None:
        show_rows(self.model, agreements_of(self.row.id) if self.row else [])
        if self.model.rows() and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        chosen = selected_rows(self.table, self.model)
        shown = chosen[0] if len(chosen) == 1 else None
        for name, edit in self.term_edits.items():
            text = getattr(shown, name) if shown else ""
            if edit.text() != text and not edit.hasFocus():
                edit.setText(text)
            edit.setEnabled(shown is not None)
        self.attach_button.setEnabled(len(chosen) == 1)
        self.delete_action.setEnabled(len(chosen) == 1)
        self.open_action.setEnabled(len(chosen) == 1 and bool(chosen[0].file_hash))
        for button in (self.add_button, self.sow_button):
            button.setEnabled(self.row is not None)

    # Edits
    def _edit(self, row: AgreementRow, changes: dict) -> str | None:
        command = EditAgreementCommand(
            self.ctx,
            row.id,
            changes,
            _("Change the {kind_label}").format(kind_label=row.kind_label),
        )
        if self.run(lambda _c: command):
            return None
        return self.message.text() or _("Not changed.")

    def _save_term(self, name: str) -> bool:
        chosen = selected_rows(self.table, self.model)
        if len(chosen) != 1:
            return False
        typed = self.term_edits[name].text()
        if " ".join(typed.split()) == getattr(chosen[0], name):
            return False
        return self._edit(chosen[0], {name: typed}) is None

    def add(self) -> bool:
        if self.row is None:
            return False
        values = {
            "kind": self.kind_box.currentData(),
            "signed_on": picked_date(self.signed_edit),
        }
        engagement_id = self.row.id
        label = self.kind_box.currentText()
        return self.run(
            lambda _c: AddAgreementCommand(self.ctx, engagement_id, values),
            _(
                "Added: {kind}. Double-click its cells to give the notice period and the terms."
            ).format(kind=label),
        )

    def delete_selected(self) -> bool:
        chosen = selected_rows(self.table, self.model)
        if not chosen:
            return False
        row = chosen[0]
        return self.run(
            lambda _c: DeleteAgreementCommand(
                self.ctx, row.id, _("Delete the {kind_label}").format(kind_label=row.kind_label)
            ),
            _("Deleted the {kind_label}. Undo (Ctrl+Z) puts it back.").format(
                kind_label=row.kind_label
            ),
        )

    def choose_and_attach(self) -> bool:
        path = self.choose_file(_("Attach the signed agreement"))
        return self.attach(path) if path else False

    def attach(self, path: Path) -> bool:
        return self.attach_to_selected(path, "agreement", EditAgreementCommand)

    def choose_and_export_sow(self) -> Path | None:
        if self.row is None:
            return None
        name = "-".join(fold(self.row.brief_title).split())[:60] or "statement-of-work"
        path, _filter = QFileDialog.getSaveFileName(
            self,
            _("Export the statement of work"),
            str(Path.home() / f"sow-{name}.pdf"),
            _("PDF files (*.pdf)"),
        )
        return self.export_sow(Path(path)) if path else None

    def export_sow(self, path: Path) -> Path | None:
        """Write the statement of work to `path` (replaced only once written whole)."""
        from desktop_app.pdf.sow import export_sow  # ReportLab loads when first used

        if self.row is None:
            return None
        try:
            result = export_sow(self.row.id, path, self.today)
        except UserError as error:
            self.say(str(error), error=True)
            return None
        self.last_export = path
        pages = count(result.pages, "{count} page", "{count} pages")
        self.say(
            _("Wrote the statement of work ({pages}) to {path}: sign it outside Offload.").format(
                pages=pages, path=path
            )
        )
        return path
