"""The list of briefs after one edit, and a move of an expectation (issue 13):
the row that changed is updated in place, the rest is not read again, and a
move reloads nothing the list of expectations already shows."""

from datetime import date

from PySide6.QtCore import QSettings

from desktop_app.models.briefs import (
    BriefData,
    ExpectationData,
    brief_summaries,
    create_brief,
    load_brief,
)
from desktop_app.models.clarity import check_brief
from desktop_app.views.briefs import page as briefs_page
from tests.test_briefs_actions import _page


def _briefs(count=3, expectations=4):
    ids = []
    for number in range(count):
        data = BriefData(
            title=f"Brief {number}",
            summary="Answer customers.",
            expectations=[
                ExpectationData(f"Expectation {n}", "should", f"Measure {n}")
                for n in range(expectations)
            ],
        )
        ids.append(create_brief(data))
    return ids


def _row_of(page, brief_id):
    return next(s for s in page.list_model.rows() if s.id == brief_id)


def test_one_edit_updates_its_row_in_place_and_reads_only_that_brief(window, qtbot, monkeypatch):
    first, second, _ = _briefs()
    page = _page(window, qtbot, first)
    resets = []
    page.list_model.modelReset.connect(lambda: resets.append(True))
    read = []
    real = briefs_page.brief_summaries

    def counting(today, **kwargs):
        read.append(kwargs.get("ids"))
        return real(today, **kwargs)

    monkeypatch.setattr(briefs_page, "brief_summaries", counting)
    before = _row_of(page, first).open_findings

    summary = page.editor.fields["summary"].input
    summary.setFocus()
    summary.selectAll()
    qtbot.keyClicks(summary, "Some replies, ASAP")

    shown = _row_of(page, first)
    assert shown.open_findings > before
    assert shown.open_findings == len(check_brief(load_brief(first), date.today()))
    assert shown == brief_summaries(date.today(), ids=[first])[0]
    assert _row_of(page, second) == brief_summaries(date.today(), ids=[second])[0]
    assert resets == []
    assert read and all(ids == [first] for ids in read)

    window.ctx.undo_stack.undo()
    assert _row_of(page, first).open_findings == before


def test_a_move_reloads_no_expectation_then_the_findings_follow_the_new_order(
    window, qtbot, monkeypatch
):
    [brief_id] = _briefs(count=1, expectations=6)
    page = _page(window, qtbot, brief_id)
    panel = page.editor.expectations
    page.editor.tabs.setCurrentWidget(panel)
    loads = []
    real = briefs_page.load_brief
    monkeypatch.setattr(briefs_page, "load_brief", lambda i, **kw: loads.append(i) or real(i, **kw))
    # One expectation without a measure: its finding names its place.
    panel.select_row(5)
    panel.measure_edit.clear()
    panel._commit("measure")
    qtbot.waitUntil(lambda: any("Expectation 6" in f.title for f in page.clarity.findings()))
    loads.clear()

    panel.select_row(5)
    panel.list_actions["moveUp"].trigger()

    assert [row.text for row in panel.model.rows()][4] == "Expectation 5"
    assert [e.text for e in load_brief(brief_id).expectations][4] == "Expectation 5"
    assert loads == []  # the editor was not reloaded
    qtbot.waitUntil(lambda: any("Expectation 5 has" in f.title for f in page.clarity.findings()))
    assert [f.title for f in page.clarity.findings()] == [
        f.title for f in check_brief(load_brief(brief_id), date.today())
    ]

    window.ctx.undo_stack.undo()  # an undo reloads what is stored
    assert [row.text for row in panel.model.rows()][5] == "Expectation 5"


def test_the_list_layout_is_saved_as_the_window_closes_not_when_the_tab_is_left(window, qtbot):
    _briefs(count=1)
    page = _page(window, qtbot)
    page.table.horizontalHeader().resizeSection(1, 137)
    window.show_tab("overview")
    assert QSettings().value("briefs/listHeader") is None
    window.save_layout()  # what closing the window does
    assert QSettings().value("briefs/listHeader") is not None
