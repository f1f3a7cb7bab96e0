"""Contractors side by side: 2-5 of them, optionally for one brief, in one
table; printed (preview of the very PDF that export writes) or exported."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QFont, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.models import contractors as bench
from desktop_app.models.engagements import brief_monthly_hours
from desktop_app.models.errors import UserError
from desktop_app.models.formats import number
from desktop_app.models.hiring_comparison import compare_candidates
from desktop_app.models.i18n import N_, _
from desktop_app.views.context import AppContext, Topic
from desktop_app.views.partials.feedback import MessageLine
from desktop_app.views.partials.naming import named
from desktop_app.views.partials.plain_text import menu_text, plain_label
from desktop_app.views.partials.table_model import Column, RowTableModel
from desktop_app.views.partials.tables import data_table
from desktop_app.views.partials.tones import GOOD, MUTED, set_tone, tone_color

BEST_BACKGROUND = QColor("#d9f2ea")
BEST_FOREGROUND = QColor("#0b4d40")


class ComparisonDialog(QDialog):
    """The comparison table and its print and export buttons.

    Attributes:
        comparison: what the table shows (desktop_app.models.contractors.Comparison).
        model, table: the table (one row per piece of evidence, one column per contractor).
        brief_choice: "All interviews" or one brief (only shown when briefs exist).
    """

    def __init__(
        self,
        ctx: AppContext,
        contractor_ids: list[int],
        parent: QWidget | None = None,
        brief_id: int | None = None,
    ):
        super().__init__(parent)
        named(self, "comparisonDialog", _("Compare contractors"))
        self.setWindowTitle(_("Compare contractors"))
        self.ctx = ctx
        self.contractor_ids = list(contractor_ids)
        self.comparison: bench.Comparison | None = None

        self.brief_choice = named(
            QComboBox(),
            "comparisonBrief",
            _("Compare for brief"),
            _("Count only the interviews held for this brief"),
        )
        self.brief_choice.addItem(_("All interviews"), 0)
        for choice_id, title in bench.brief_choices():
            self.brief_choice.addItem(_("For “{title}”").format(title=title), choice_id)
        # Compared for the brief asked for, else the job they were interviewed for.
        chosen = brief_id if brief_id is not None else bench.brief_in_common(self.contractor_ids)
        if chosen is not None:
            self.brief_choice.setCurrentIndex(max(self.brief_choice.findData(chosen), 0))
        self.brief_choice.currentIndexChanged.connect(self.reload)
        brief_label = plain_label(_("Interview evidence:"))
        brief_label.setBuddy(self.brief_choice)
        has_briefs = self.brief_choice.count() > 1
        brief_label.setVisible(has_briefs)
        self.brief_choice.setVisible(has_briefs)

        self.model: RowTableModel[bench.ComparisonRow] = RowTableModel([], self)
        self.table = data_table(
            "comparisonTable", _("Comparison"), self.model,
            selection=QAbstractItemView.SelectionMode.NoSelection, word_wrap=True,
            alternating=False, stretch_last=False,
        )  # fmt: skip
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)

        self.legend = plain_label()
        self.legend.setWordWrap(True)
        set_tone(self.legend, MUTED)

        buttons = self._build_buttons(brief_label)

        self.message = MessageLine("comparisonMessage")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.legend)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(1000, 720)
        geometry = QSettings().value("contractors/comparisonGeometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        ctx.data_changed.connect(self._on_data_changed)
        self.reload()

    def _build_buttons(self, brief_label: QLabel) -> QHBoxLayout:
        self.hire_button = named(
            QToolButton(), "comparisonHire", _("Hire one of them"),
            _("Hire one of the contractors compared, for the brief chosen here"),
        )  # fmt: skip
        self.hire_button.setText(_("&Hire…"))
        self.hire_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.hire_menu = QMenu(self.hire_button)
        self.hire_menu.setObjectName("comparisonHireMenu")
        self.hire_menu.aboutToShow.connect(self._fill_hire_menu)
        self.hire_button.setMenu(self.hire_menu)
        self.print_button = named(
            QPushButton(_("Print…")), "comparisonPrint", _("Print comparison")
        )
        self.print_button.clicked.connect(self.print_preview)
        self.pdf_button = named(QPushButton(_("Export PDF…")), "comparisonPdf", _("Export to PDF"))
        self.pdf_button.clicked.connect(self.choose_and_export_pdf)
        close = named(QPushButton(_("Close")), "comparisonClose", _("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(brief_label)
        buttons.addWidget(self.brief_choice)
        buttons.addStretch(1)
        buttons.addWidget(self.hire_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(close)
        return buttons

    def _on_data_changed(self, topic: str) -> None:
        if topic in (Topic.CONTRACTORS, Topic.BRIEFS, Topic.HIRING):
            self.reload()

    def brief_id(self) -> int | None:
        return self.brief_choice.currentData() or None

    def _fill_hire_menu(self) -> None:
        self.hire_menu.clear()
        names = bench.contractor_names(self.contractor_ids)
        for contractor_id in self.contractor_ids:
            if contractor_id not in names:
                continue
            action = self.hire_menu.addAction(
                menu_text(_("Hire {names}…").format(names=names[contractor_id]))
            )
            action.setObjectName(f"comparisonHire_{contractor_id}")
            action.triggered.connect(lambda _checked=False, c=contractor_id: self.hire(c))

    def hire(self, contractor_id: int) -> QDialog:
        """Open the hire dialog for one of the contractors, for the brief chosen here."""
        from desktop_app.views.engagements.hire_dialog import open_hire_dialog

        return open_hire_dialog(
            self.ctx, self, contractor_id=contractor_id, brief_id=self.brief_id()
        )

    def reload(self) -> None:
        brief_id = self.brief_id()
        # The hours a month of the brief's work put hourly and monthly rates in one unit.
        hours = brief_monthly_hours([brief_id], date.today()).get(brief_id) if brief_id else None
        self._show_legend(brief_id, hours)
        try:
            self.comparison = compare_candidates(
                self.contractor_ids, brief_id, date.today(), monthly_hours=hours
            )
        except UserError as error:
            self.comparison = None
            self.model.set_rows([])
            self.message.show_error(str(error))
            return
        self.message.clear_message()
        comparison = self.comparison
        bold = QFont()
        bold.setBold(True)
        columns: list[Column[bench.ComparisonRow]] = [
            Column(
                "",
                lambda r: r.label.upper() if r.heading else r.label,
                foreground=lambda r: tone_color(GOOD) if r.heading else None,
            )
        ]
        columns += [_person_column(name, n) for n, name in enumerate(comparison.names)]
        self.model.columns = columns
        self.model.set_rows(list(comparison.rows))
        self.table.clearSpans()
        for index, row in enumerate(comparison.rows):
            if row.heading:
                # A band naming the lines below it (the screening answers, the trial).
                self.table.setSpan(index, 0, 1, len(columns))
        self._fit_columns()
        self.table.setCurrentIndex(self.model.index(-1, -1))
        title = _("Compare contractors")
        if comparison.brief_title:
            title += _(" for “{brief_title}”").format(brief_title=comparison.brief_title)
        self.setWindowTitle(title)

    def _show_legend(self, brief_id: int | None, hours: Decimal | None) -> None:
        parts = [
            _(
                "Tinted cells lead their row. Scores are averages of the interviews on record (1 "
                "to 5)."
            )
        ]
        if brief_id is None:
            parts.append(
                _(
                    "Choose the brief below to see every rate as a month of its work, and the "
                    "screening answers and the paid trial, side by side."
                )
            )
        elif hours is None:
            parts.append(
                _(
                    "The brief's hours a month are not known: link it to its time-audit tasks "
                    "to compare hourly and monthly rates."
                )
            )
        else:
            parts.append(
                _(
                    "“Per month” puts every rate in one unit: {hours} h a month, what the "
                    "brief's tasks take in the time audit."
                ).format(hours=number(hours))
            )
        self.legend.setText(" ".join(parts))

    # PDF and printing
    def choose_and_export_pdf(self) -> None:
        suggested = Path.home() / "contractors-compared.pdf"
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Export comparison"), str(suggested), _("PDF files (*.pdf)")
        )
        if path:
            self.export_pdf(Path(path))

    def export_pdf(self, path: Path) -> Path | None:
        from desktop_app.pdf.comparison import write_comparison_pdf

        if self.comparison is None:
            return None
        try:
            write_comparison_pdf(self.comparison, path)
        except UserError as error:
            self.message.show_error(_("Export failed: {error}").format(error=error))
            return None
        self.message.show_note(_("Saved {path}.").format(path=path))
        return path

    def print_preview(self) -> QDialog | None:
        """A print preview of the comparison PDF; printing prints exactly that PDF."""
        from desktop_app.pdf.comparison import write_comparison_pdf
        from desktop_app.views.partials.pdf_print import open_print_preview

        comparison = self.comparison
        if comparison is None:
            return None
        try:
            preview = open_print_preview(
                lambda path: write_comparison_pdf(comparison, path),
                "comparison.pdf",
                _("Contractors side by side"),
                self,
                object_name="comparisonPrintPreview",
                noun=N_("comparison"),
            )
        except UserError as error:
            self.message.show_error(_("Cannot print: {error}").format(error=error))
            return None
        self.message.clear_message()
        self._preview = preview
        return preview

    def _fit_columns(self) -> None:
        """Share the width among the contractors, then measure the wrapped rows.

        Widths are set here rather than by a stretching header, whose sizes
        arrive later than the row measurement needs them.
        """
        columns = self.model.columnCount()
        if columns < 2:
            return
        # Screening questions and rubric lines are sentences: give them room.
        rows = self.comparison.rows if self.comparison else ()
        label_width = 260 if any(len(r.label) > 40 for r in rows if not r.heading) else 150
        self.table.setColumnWidth(0, label_width)
        available = max(self.table.viewport().width() - label_width, 120 * (columns - 1))
        for column in range(1, columns):
            self.table.setColumnWidth(column, available // (columns - 1))
        self.table.resizeRowsToContents()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_columns()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def done(self, result: int) -> None:
        QSettings().setValue("contractors/comparisonGeometry", self.saveGeometry())
        super().done(result)


def _person_column(name: str, i: int) -> Column[bench.ComparisonRow]:
    """The column of the `i`th contractor compared, the best values marked."""
    return Column(
        name,
        lambda r: r.values[i],
        background=lambda r: BEST_BACKGROUND if i in r.best else None,
        foreground=lambda r: BEST_FOREGROUND if i in r.best else None,
        tooltip=lambda r: (
            _("Best on this row") if i in r.best else (r.values[i] if r.long_text else None)
        ),
    )
