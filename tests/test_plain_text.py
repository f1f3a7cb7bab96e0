"""What the owner types is shown as typed, never read as HTML.

A contractor called `<img src=...>` once rendered as a picture in the
Overview and the contractor's title, loading a local file. Here every
free-text field of a full database carries such markup; the test walks the
whole window (every tab, every row's detail pane and its sub-tabs, the
dialogs the tabs open) and fails on any label, tooltip, text browser or
chart that interprets it instead of showing it.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLabel,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from desktop_app.demo import fill_demo_data
from desktop_app.models import schema
from desktop_app.models.settings import load_settings, save_settings
from desktop_app.models.tasks import add_time_entry, create_task
from desktop_app.models.text import fold
from desktop_app.views.main_window import MainWindow
from tests.dialogs import shown_dialog

# The markup a user might type. Shown as typed, it reads as these very
# characters; interpreted, the <img> loads a file and the rest vanishes.
RAW = '<img src="offload-probe.png">'
PROBE = f"{RAW}<b>bold</b>"

# Every free-text field the owner (or an import) fills in.
USER_TEXT = {
    "Task": ("name", "notes"),
    "TimeEntry": ("note",),
    "Brief": (
        "title", "summary", "deliverables", "in_scope", "out_of_scope", "success_criteria",
        "acceptance", "timeline", "report_how", "decide_alone", "ask_first", "contact",
        "working_hours", "skills",
    ),
    "Expectation": ("text", "measure"),
    "BriefVersion": ("exported_to",),
    "Contractor": ("name", "skills", "location", "source_detail", "notes", "phone"),
    "StageChange": ("reason",),
    "Reference": ("name", "contact", "said"),
    "PortfolioItem": ("title", "file_name", "notes"),
    "Interview": ("notes",),
    "Engagement": ("end_reason",),
    "CheckIn": ("summary", "blockers"),
    "Feedback": ("deliverable", "good", "not_good"),
    "Procedure": ("title", "purpose", "tools", "inputs", "outputs", "done_when"),
    "ProcedureStep": ("text", "detail", "check"),
    "ProcedureVersion": ("exported_to",),
    "Question": ("text", "answer"),
}  # fmt: skip


def _mark_every_user_text() -> None:
    models = {model.__name__: model for model in schema.ALL_MODELS}
    for name, fields in USER_TEXT.items():
        model = models[name]
        for row in model.select():
            values = {field: f"{getattr(row, field)} {PROBE}" for field in fields}
            if name == "Task":
                values["name_key"] = fold(values["name"])
            model.update(values).where(model.id == row.id).execute()
    settings = load_settings()
    save_settings(dataclasses.replace(settings, owner_name=f"Maya {PROBE}"))
    # A task not rated yet: the Time audit names it in its prompt.
    add_time_entry(create_task(f"Unrated {PROBE}"), date.today(), 30)


def _interprets(text: str, text_format: Qt.TextFormat) -> bool:
    if text_format == Qt.TextFormat.RichText:
        return True
    return text_format == Qt.TextFormat.AutoText and QtGuiNamespace.mightBeRichText(text)


def _where(widget: QWidget) -> str:
    names = []
    while widget is not None:
        names.append(widget.objectName() or type(widget).__name__)
        widget = widget.parentWidget()
    return "/".join(reversed(names))


def _model_tooltips(view: QAbstractItemView) -> set[str]:
    model = view.model()
    if model is None or isinstance(view, QHeaderView):
        return set()
    try:
        columns = model.columnCount()
    except TypeError:  # a list model keeps columnCount() private: one column
        columns = 1
    found = set()
    for row in range(min(model.rowCount(), 30)):
        for column in range(columns):
            tip = model.index(row, column).data(Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str) and RAW in tip and QtGuiNamespace.mightBeRichText(tip):
                found.add(f"tooltip of {_where(view)} column {column}")
    return found


def _chart_texts(view: QWidget) -> list[str]:
    """What a QChartView renders as rich text: title, series names, categories."""
    chart = view.chart()
    texts = [chart.title(), *(series.name() for series in chart.series())]
    for axis in chart.axes():
        texts += list(getattr(axis, "categories", list)())
    return texts


def _offenders(root: QWidget) -> set[str]:
    """Every place under `root` that reads the user's markup as HTML."""
    found = set()
    for widget in [root, *root.findChildren(QWidget)]:
        where = _where(widget)
        text = widget.text() if isinstance(widget, QLabel) else ""
        if RAW in text and _interprets(text, widget.textFormat()):
            found.add(f"label {where}")
        tip = widget.toolTip()
        if RAW in tip and QtGuiNamespace.mightBeRichText(tip):
            found.add(f"tooltip {where}")
        if isinstance(widget, QTextEdit) and RAW.replace(">", "") in widget.toHtml():
            found.add(f"text {where}")
        if isinstance(widget, QAbstractItemView):
            found |= _model_tooltips(widget)
        if type(widget).__name__ == "QChartView" and any(RAW in t for t in _chart_texts(widget)):
            found.add(f"chart {where}")
    return found


def _walk_views(page: QWidget, app: QApplication, seen: set[str]) -> None:
    """Select the first rows of every list in `page`, and show every sub-tab."""
    for view in page.findChildren(QAbstractItemView):
        model = view.model()
        if model is None or not view.isVisible() or view.selectionModel() is None:
            continue
        for row in range(min(model.rowCount(), 6)):
            view.setCurrentIndex(model.index(row, 0, QModelIndex()))
            app.processEvents()
            seen |= _offenders(page.window())
            for tabs in page.findChildren(QTabWidget):
                if not tabs.isVisible():
                    continue
                for index in range(tabs.count()):
                    tabs.setCurrentIndex(index)
                    app.processEvents()
                    seen |= _offenders(page.window())


@pytest.fixture
def marked_window(qtbot, store):
    fill_demo_data(date.today())
    _mark_every_user_text()
    window = MainWindow(store, remember_layout=False)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_no_tab_reads_user_text_as_html(marked_window, qtbot):
    app = QApplication.instance()
    seen: set[str] = set()
    for key in ("overview", "time_audit", "briefs", "contractors", "engagements"):
        page = marked_window.show_tab(key).page()
        qtbot.waitUntil(page.isVisible)
        app.processEvents()
        seen |= _offenders(marked_window)
        _walk_views(page, app, seen)
    assert not seen, "\n".join(sorted(seen))


def _sweep_modal(found: set[str], close) -> None:
    """Once a modal dialog is up, sweep it, then close it with `close(dialog)`."""

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, look)
            return
        found.update(_offenders(dialog))
        close(dialog)

    QTimer.singleShot(0, look)


def test_no_dialog_reads_user_text_as_html(marked_window, qtbot):
    seen: set[str] = set()
    window = marked_window

    contractors = window.show_tab("contractors").page()
    contractors.table.setCurrentIndex(contractors.proxy.index(0, 0))
    _sweep_modal(seen, lambda dialog: dialog.reject())
    contractors.delete_contractor()  # asks first: the contractor has interviews
    hire = contractors.hire_current()
    qtbot.waitExposed(hire)
    seen |= _offenders(hire)
    hire.reject()

    briefs = window.show_tab("briefs").page()
    briefs.new_brief()
    dialog = shown_dialog(briefs, "newBriefDialog")
    qtbot.waitExposed(dialog)
    seen |= _offenders(dialog)
    dialog.reject()
    _sweep_modal(seen, lambda dialog: dialog.reject())
    briefs.delete_brief()

    engagements = window.show_tab("engagements").page()
    engagements.table.setCurrentIndex(engagements.proxy.index(0, 0))
    for open_dialog in (engagements.end_selected, engagements.edit_terms):
        dialog = open_dialog()
        qtbot.waitExposed(dialog)
        seen |= _offenders(dialog)
        dialog.reject()
    engagements.detail.timeline_view.setCurrentIndex(engagements.detail.timeline.index(0, 0))
    dialog = engagements.edit_timeline_entry()
    qtbot.waitExposed(dialog)
    seen |= _offenders(dialog)
    dialog.reject()
    _sweep_modal(seen, lambda dialog: dialog.reject())
    engagements.delete_timeline_entry()

    assert not seen, "\n".join(sorted(seen))


def test_the_probe_is_seen_where_it_is_interpreted(qtbot):
    # The sweep itself: a label left in AutoText shows the markup as HTML.
    label = QLabel(f"Ana {PROBE}")
    qtbot.addWidget(label)
    assert _offenders(label) == {"label QLabel"}
    label.setTextFormat(Qt.TextFormat.PlainText)
    assert _offenders(label) == set()


def test_an_ampersand_in_a_name_is_shown_in_menus_and_the_undo_action(window, qtbot):
    from desktop_app.models.briefs import BriefData, create_brief
    from desktop_app.models.tasks import create_task

    create_task("R&D notes", need="knowledge")
    brief_id = create_brief(BriefData(title="Research"))
    page = window.show_tab("briefs").page()
    page.open_target(("brief", brief_id))
    page.editor._fill_tasks_menu()
    [link] = page.editor.tasks_menu.actions()
    assert link.text() == "R&&D notes"  # shown as "R&D notes", no shortcut on D
    link.trigger()
    undo = window.undo_stack.createUndoAction(window)
    assert undo.text() == "Undo Link task “R&&D notes”"
