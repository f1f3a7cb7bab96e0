"""Putting expectations in priority order: drops, moveRows, keys, undo, storage."""

import json

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt
from PySide6.QtWidgets import QToolButton

from desktop_app.models.briefs import (
    EXPECTATION_MAX_LENGTH,
    BriefData,
    Expectation,
    ExpectationData,
    create_brief,
    expectations_of,
)
from desktop_app.views.briefs.expectations_model import MIME_TYPE, ExpectationListModel


def _brief(count=6, title="Support inbox"):
    return create_brief(
        BriefData(
            title=title,
            expectations=[
                ExpectationData(f"E{n}", ("must", "should", "nice")[n % 3], f"M{n}")
                for n in range(count)
            ],
        )
    )


def _open(window, qtbot, brief_id):
    page = window.show_tab("briefs").page()
    page.open_target(("brief", brief_id))
    page.editor.focus_field("expectations")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return page.editor.expectations


def _stored(brief_id):
    return [row.text for row in expectations_of(brief_id)]


def _shown(panel):
    model = panel.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def _positions(brief_id):
    return {e.id: e.position for e in Expectation.select().where(Expectation.brief == brief_id)}


def test_a_dropped_payload_moves_the_row_and_stores_one_key(window, qtbot):
    brief_id = _brief()
    panel = _open(window, qtbot, brief_id)
    model = panel.model
    before = _positions(brief_id)
    mime = model.mimeData([model.index(4, 0)])
    assert mime.hasFormat(MIME_TYPE)
    assert model.canDropMimeData(mime, Qt.DropAction.MoveAction, 1, 0, QModelIndex())
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, 1, 0, QModelIndex())
    assert _shown(panel) == ["E0", "E4", "E1", "E2", "E3", "E5"]
    assert _stored(brief_id) == _shown(panel)
    after = _positions(brief_id)
    assert sum(before[i] != after[i] for i in before) == 1
    assert window.undo_stack.undoText() == "Move expectation to position 2"


def test_a_drop_at_the_end_and_a_foreign_payload(window, qtbot):
    brief_id = _brief()
    other_id = _brief(title="Other")
    panel = _open(window, qtbot, brief_id)
    model = panel.model
    assert model.dropMimeData(
        model.mimeData([model.index(0, 0)]), Qt.DropAction.MoveAction, -1, 0, QModelIndex()
    )
    assert _stored(brief_id) == ["E1", "E2", "E3", "E4", "E5", "E0"]
    # An expectation of another brief, or a payload that is not ours, is refused.
    foreign = QMimeData()
    foreign_id = expectations_of(other_id)[0].id
    foreign.setData(
        MIME_TYPE, QByteArray(json.dumps({"brief": other_id, "ids": [foreign_id]}).encode())
    )
    assert not model.canDropMimeData(foreign, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert not model.dropMimeData(foreign, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    text = QMimeData()
    text.setText("E1")
    assert not model.canDropMimeData(text, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert _stored(brief_id) == ["E1", "E2", "E3", "E4", "E5", "E0"]
    assert _stored(other_id)[0] == "E0"


def test_items_accept_drops_only_between_rows(window, qtbot):
    brief_id = _brief()
    panel = _open(window, qtbot, brief_id)
    model = panel.model
    assert model.flags(QModelIndex()) & Qt.ItemFlag.ItemIsDropEnabled
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsDropEnabled
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsDragEnabled


def test_move_rows_refuses_moves_onto_itself(window, qtbot):
    brief_id = _brief()
    panel = _open(window, qtbot, brief_id)
    model = panel.model
    assert not model.moveRows(QModelIndex(), 2, 1, QModelIndex(), 2)
    assert not model.moveRows(QModelIndex(), 2, 1, QModelIndex(), 3)
    assert window.undo_stack.count() == 0
    assert model.moveRows(QModelIndex(), 2, 1, QModelIndex(), 6)
    assert _stored(brief_id) == ["E0", "E1", "E3", "E4", "E5", "E2"]


def test_keyboard_moves_with_ctrl_arrows_and_move_to_top(window, qtbot):
    brief_id = _brief()
    panel = _open(window, qtbot, brief_id)
    view = panel.view
    panel.select_row(3)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert _stored(brief_id) == ["E0", "E1", "E3", "E2", "E4", "E5"]
    assert view.currentIndex().row() == 2  # the selection follows the moved row
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert _stored(brief_id) == ["E0", "E1", "E2", "E4", "E3", "E5"]
    qtbot.mouseClick(
        panel.findChild(QToolButton, "expectationButton_moveTop"), Qt.MouseButton.LeftButton
    )
    assert _stored(brief_id) == ["E3", "E0", "E1", "E2", "E4", "E5"]
    assert not panel.list_actions["moveUp"].isEnabled()
    qtbot.keyClick(
        view,
        Qt.Key.Key_Down,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert _stored(brief_id) == ["E0", "E1", "E2", "E4", "E5", "E3"]
    assert _shown(panel) == _stored(brief_id)


def test_undo_and_redo_of_moves_are_exact(window, qtbot):
    brief_id = _brief()
    panel = _open(window, qtbot, brief_id)
    original = _positions(brief_id)
    panel.model.move(5, 0)
    panel.model.move(2, 4)
    moved = _positions(brief_id)
    order = _stored(brief_id)
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert _positions(brief_id) == original
    assert _shown(panel) == ["E0", "E1", "E2", "E3", "E4", "E5"]
    window.undo_stack.redo()
    window.undo_stack.redo()
    assert _positions(brief_id) == moved
    assert _shown(panel) == order


def test_each_move_writes_a_bounded_number_of_rows(window, qtbot):
    brief_id = _brief(40)
    panel = _open(window, qtbot, brief_id)
    total = 0
    for step in range(120):
        before = _positions(brief_id)
        source = (step * 7) % 40
        target = (step * 13) % 40
        if source == target:
            continue
        panel.model.move(source, target)
        after = _positions(brief_id)
        changed = sum(before[i] != after[i] for i in before)
        assert 1 <= changed <= 16
        total += changed
    assert _shown(panel) == _stored(brief_id)
    assert total <= 120 * 1.2


def test_the_order_survives_closing_and_reopening(window, qtbot, store, db_path):
    from desktop_app.store import open_store

    brief_id = _brief()
    panel = _open(window, qtbot, brief_id)
    panel.model.move(5, 1)
    panel.model.move(0, 3)
    expected = _shown(panel)
    window.close()
    store.close()
    reopened = open_store(db_path)
    try:
        assert _stored(brief_id) == expected
    finally:
        reopened.close()


def test_moving_across_levels_is_allowed_and_shows_the_level(window, qtbot):
    brief_id = _brief()
    panel = _open(window, qtbot, brief_id)
    panel.model.move(2, 0)  # a nice-to-have above the must-haves
    index = panel.model.index(0, 0)
    assert index.data(ExpectationListModel.LevelRole) == "nice"
    assert index.data(ExpectationListModel.RankRole) == 1
    assert index.data(Qt.ItemDataRole.AccessibleTextRole) == "1. Nice to have: E2"


def test_add_edit_and_delete_expectations(window, qtbot):
    brief_id = _brief(2)
    panel = _open(window, qtbot, brief_id)
    panel.add_edit.setFocus()
    qtbot.keyClicks(panel.add_edit, "Reply within 4 working hours")
    qtbot.keyClick(panel.add_edit, Qt.Key.Key_Return)
    assert _stored(brief_id) == ["E0", "E1", "Reply within 4 working hours"]
    assert panel.add_edit.text() == ""
    assert panel.current_row() == 2
    assert "No measure yet" not in _shown(panel)

    panel.measure_edit.setFocus()
    qtbot.keyClicks(panel.measure_edit, "Help-desk report")
    panel.level_combo.setCurrentIndex(panel.level_combo.findData("must"))
    row = expectations_of(brief_id)[2]
    assert (row.measure, row.level) == ("Help-desk report", "must")
    assert window.undo_stack.count() == 3  # add, the typed measure, the level

    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert _stored(brief_id) == ["E0", "E1"]
    window.undo_stack.undo()
    assert _stored(brief_id) == ["E0", "E1", "Reply within 4 working hours"]
    assert expectations_of(brief_id)[2].measure == "Help-desk report"


def test_an_empty_or_overlong_expectation_is_refused(window, qtbot):
    brief_id = _brief(1)
    panel = _open(window, qtbot, brief_id)
    panel.add_edit.setFocus()
    qtbot.keyClick(panel.add_edit, Qt.Key.Key_Return)
    assert panel.add_message.text() == "An expectation needs some text."
    assert _stored(brief_id) == ["E0"]

    panel.select_row(0)
    panel.text_edit.setFocus()
    panel.text_edit.setPlainText("x" * (EXPECTATION_MAX_LENGTH + 1))
    assert "at most 2,000 characters" in panel.detail_message.text()
    assert panel.detail_message.isVisible()
    assert panel.counter.text() == "2,001 / 2,000"
    assert _stored(brief_id) == ["E0"]
    assert window.undo_stack.count() == 0


def test_a_move_the_database_already_has_adds_no_undo_step(window, qtbot):
    from desktop_app.models.briefs import move_expectation

    brief_id = _brief()
    panel = _open(window, qtbot, brief_id)
    # Stored behind the view's back (no notification): the view still shows the old order.
    move_expectation(expectations_of(brief_id)[3].id, 0)
    assert panel.model.move(3, 0)
    assert window.undo_stack.count() == 0
    assert _shown(panel) == _stored(brief_id) == ["E3", "E0", "E1", "E2", "E4", "E5"]


def test_one_step_moves_then_undo_keep_the_order_shown_stored_and_selected(window, qtbot):
    # Each move stores one key; the list of briefs catches up on the brief's
    # time of change alone after the frame (issue 13).
    from desktop_app.models.briefs import brief_stamps

    brief_id = _brief()
    panel = _open(window, qtbot, brief_id)
    page = window.tab("briefs").page()
    view, model = panel.view, panel.model
    panel.select_row(3)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert _shown(panel) == ["E0", "E3", "E1", "E2", "E4", "E5"]
    assert _stored(brief_id) == _shown(panel)
    assert view.currentIndex().data() == "E3"  # the selection follows the moved row
    assert view.selectionModel().selectedIndexes() == [view.currentIndex()]
    assert [model.index(row, 0).data(model.RankRole) for row in range(6)] == [1, 2, 3, 4, 5, 6]
    # The list of briefs catches up with the brief's time of change.
    qtbot.waitUntil(
        lambda: (
            page.list_model.rows()[page.list_model.row_of(brief_id)].updated_at
            == brief_stamps([brief_id])[brief_id]
        )
    )
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert _shown(panel) == ["E0", "E1", "E3", "E2", "E4", "E5"]
    assert _stored(brief_id) == _shown(panel)
    window.undo_stack.undo()
    assert _shown(panel) == _stored(brief_id) == ["E0", "E3", "E1", "E2", "E4", "E5"]
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert _shown(panel) == _stored(brief_id) == ["E0", "E1", "E2", "E3", "E4", "E5"]
    assert view.currentIndex().data() == "E3"
    window.undo_stack.redo()
    assert _shown(panel) == _stored(brief_id) == ["E0", "E1", "E3", "E2", "E4", "E5"]
