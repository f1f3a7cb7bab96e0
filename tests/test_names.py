"""Every dialog button and every table header has an objectName and an
accessible name (tests find widgets by the first, screen readers read the
second), like every other widget of the window."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import (
    QAbstractButton,
    QDialogButtonBox,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableView,
    QWidget,
)

from desktop_app.demo import fill_demo_data
from desktop_app.models import contractors as bench
from desktop_app.models.engagements import list_engagements
from desktop_app.views.tabs import TABS
from tests.contrast_helpers import visit_every_page


def _unnamed(root: QWidget) -> list[str]:
    missing = []
    for header in root.findChildren(QHeaderView):
        table = header.parentWidget()
        if header.orientation().name != "Horizontal" or not header.isVisible():
            continue
        if not header.objectName() or not header.accessibleName():
            missing.append(f"header of {table.objectName() or type(table).__name__}")
    for box in root.findChildren(QDialogButtonBox):
        for button in box.buttons():
            if not button.objectName() or not button.accessibleName():
                missing.append(f"button {button.text()!r} of {box.objectName()}")
    return missing


def _dialog_buttons(dialog: QWidget) -> list[QAbstractButton]:
    if isinstance(dialog, QMessageBox):
        return dialog.buttons()
    return [button for button in dialog.findChildren(QPushButton) if button.isVisible()]


def test_every_table_header_of_every_tab_is_named(window, qtbot):
    fill_demo_data()
    missing: list[str] = []
    for spec in TABS:
        page = window.show_tab(spec.key).page()
        page.refresh()
        table = getattr(page, "table", None)
        if isinstance(table, QTableView) and table.model().rowCount():
            table.selectRow(0)
        visit_every_page(page, lambda page=page: missing.extend(_unnamed(page)))
    assert not sorted(set(missing))


def test_every_dialog_button_is_named(window, qtbot, tmp_path):
    fill_demo_data()
    contractors = window.show_tab("contractors").page()
    contractors.refresh()
    first, second = (row.id for row in bench.contractor_rows()[:2])
    contractors.select_ids([first])
    detail = contractors.detail
    opened: list[QWidget] = [
        contractors.new_contractor(),
        contractors.edit_contractor(),
        contractors.request_move(bench.Stage.REJECTED),
        detail.add_reference(),
        detail.add_portfolio_link(),
        detail.add_interview(),
        window.open_settings(),
        window.show_shortcuts(),
    ]
    contractors.select_ids([first, second])
    opened.append(contractors.compare_selected())
    csv = tmp_path / "bench.csv"
    csv.write_text("Name,Email\nZoë Adams,zoe@example.com\n", encoding="utf-8")
    opened.append(contractors.import_file(csv))
    briefs = window.show_tab("briefs").page()
    opened += [briefs.new_brief(), briefs.save_as_template()]
    engagements = window.show_tab("engagements").page()
    working = next(row for row in list_engagements(date.today()) if row.is_working)
    engagements.select_engagement(working.id)
    opened += [
        engagements.open_hire_dialog(),
        engagements.end_selected(),
        engagements.edit_terms(),
    ]
    audit = window.show_tab("time_audit").page()
    export = tmp_path / "toggl.csv"
    day = date.today() - timedelta(days=3)
    export.write_text(
        "User,Email,Client,Project,Task,Description,Billable,Start date,Start time,"
        "End date,End time,Duration,Tags\n"
        f"Me,me@example.com,,Admin,,Invoices,No,{day},09:00:00,{day},09:30:00,00:30:00,\n",
        encoding="utf-8",
    )
    opened.append(audit.open_import(export))

    missing = []
    for dialog in opened:
        assert dialog is not None
        qtbot.waitExposed(dialog)
        buttons = _dialog_buttons(dialog)
        assert buttons, dialog.objectName()
        missing += _unnamed(dialog)
        for button in buttons:
            if not button.objectName() or not button.accessibleName():
                missing.append(f"{dialog.objectName()}: {button.text()!r}")
        dialog.close()
    assert not sorted(set(missing))
