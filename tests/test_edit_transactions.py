"""One user edit is one transaction: when a later step fails, the earlier ones
are rolled back and nothing lands on the undo stack.

Each test makes a step fail for real: a trigger in the test's own database
refuses a write, as a full disk or a broken constraint would.
"""

import pytest
from peewee import IntegrityError
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.models.base import database
from desktop_app.models.briefs import Brief, BriefData, BriefTask, create_brief, load_brief
from desktop_app.models.tasks import Task, create_task, task_values, update_task
from desktop_app.views.context import Topic
from desktop_app.views.undo import StoreCommand, execute
from tests.dialogs import shown_dialog


def refuse(table: str, action: str) -> None:
    """From now on the database refuses every `action` (INSERT, UPDATE, DELETE) on `table`."""
    database.execute_sql(
        f"CREATE TRIGGER refuse_{action.lower()}_{table} BEFORE {action} ON {table} "
        "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
    )


def allow(table: str, action: str) -> None:
    database.execute_sql(f"DROP TRIGGER refuse_{action.lower()}_{table}")


def answer_yes():
    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(0, answer)


def _briefs_state():
    return (
        [(b.id, b.title) for b in Brief.select().order_by(Brief.id)],
        [(link.brief_id, link.task_id) for link in BriefTask.select().order_by(BriefTask.id)],
        [(t.id, t.status, t.override) for t in Task.select().order_by(Task.id)],
    )


def _link_action(editor, name):
    editor._fill_tasks_menu()
    [action] = [a for a in editor.tasks_menu.actions() if a.text() == name]
    return action


def test_a_new_brief_whose_task_cannot_be_marked_briefed_is_not_created(window, qtbot):
    social = create_task("Social media posts", area="marketing", need="repetitive")
    before = _briefs_state()
    briefs = window.show_tab("briefs").page()
    briefs.new_brief()
    dialog = shown_dialog(briefs, "newBriefDialog")
    qtbot.waitExposed(dialog)
    dialog.title_edit.setText("Social media posts")
    dialog.task_combo.setCurrentIndex(dialog.task_combo.findData(social))
    refuse("task", "UPDATE")  # the second step: the task shows as briefed

    with qtbot.captureExceptions() as raised:
        qtbot.mouseClick(
            dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton
        )

    assert [kind for kind, _, _ in raised] == [IntegrityError]
    assert _briefs_state() == before  # the brief and its link were rolled back
    assert window.undo_stack.count() == 0
    dialog.reject()


def test_a_brief_that_cannot_be_deleted_keeps_its_tasks_briefed(window, qtbot):
    books = create_task("Bookkeeping", need="knowledge")
    brief_id = create_brief(BriefData(title="Monthly bookkeeping"), task_ids=[books])
    assert task_values(books)["status"] == "briefed"
    before = _briefs_state()
    page = window.show_tab("briefs").page()
    page.open_target(("brief", brief_id))
    refuse("brief", "DELETE")  # the second step: the brief goes

    answer_yes()
    with pytest.raises(IntegrityError):
        page.delete_brief()

    assert _briefs_state() == before  # the task was not released
    assert window.undo_stack.count() == 0


def test_a_task_that_cannot_be_marked_briefed_is_not_linked(window, qtbot):
    create_task("Bookkeeping", need="knowledge")
    brief_id = create_brief(BriefData(title="Monthly bookkeeping"))
    before = _briefs_state()
    page = window.show_tab("briefs").page()
    page.open_target(("brief", brief_id))
    link = _link_action(page.editor, "Bookkeeping")
    refuse("task", "UPDATE")

    with qtbot.captureExceptions() as raised:
        link.trigger()

    assert [kind for kind, _, _ in raised] == [IntegrityError]
    assert _briefs_state() == before
    assert load_brief(brief_id).tasks == []
    assert window.undo_stack.count() == 0


def test_a_task_that_cannot_be_unlinked_stays_briefed(window, qtbot):
    books = create_task("Bookkeeping", need="knowledge")
    brief_id = create_brief(BriefData(title="Monthly bookkeeping"), task_ids=[books])
    before = _briefs_state()
    page = window.show_tab("briefs").page()
    page.open_target(("brief", brief_id))
    unlink = _link_action(page.editor, "Bookkeeping")
    assert unlink.isChecked()
    refuse("brief_task", "DELETE")  # the task is released first, then the link goes

    with qtbot.captureExceptions() as raised:
        unlink.trigger()

    assert [kind for kind, _, _ in raised] == [IntegrityError]
    assert _briefs_state() == before
    assert window.undo_stack.count() == 0


def test_an_undo_that_fails_half_way_changes_nothing_and_leaves_the_stack(window):
    books = create_task("Bookkeeping", need="knowledge")
    brief_id = create_brief(BriefData(title="Monthly bookkeeping"), task_ids=[books])
    page = window.show_tab("briefs").page()
    page.open_target(("brief", brief_id))
    answer_yes()
    page.delete_brief()
    assert Brief.select().count() == 0
    assert task_values(books)["status"] == "candidate"
    deleted = _briefs_state()
    assert window.undo_stack.count() == 1
    # Undo puts the brief back, then the task's status: the second step fails.
    refuse("task", "UPDATE")

    with pytest.raises(IntegrityError):
        window.undo_stack.undo()

    assert _briefs_state() == deleted  # the brief did not come back without its task
    # The stack agrees with the data: the edit it could not take back is no
    # longer offered for undo (nor for redo).
    assert window.undo_stack.count() == 0
    assert not window.undo_stack.canRedo()


class _TwoSteps(StoreCommand):
    """Renames a task, then changes its status: two model calls, two commits
    when run alone."""

    topics = (Topic.TASKS,)

    def __init__(self, ctx, task_id):
        super().__init__(ctx, "Two steps")
        self.task_id = task_id
        self.before = {}

    def apply(self):
        self.before = update_task(self.task_id, {"name": "Renamed"})
        update_task(self.task_id, {"status": "kept"})

    def revert(self):
        update_task(self.task_id, {"status": self.before["status"]})
        update_task(self.task_id, {"name": self.before["name"]})


def test_every_command_applies_in_one_transaction(window):
    task_id = create_task("Bookkeeping", need="knowledge")
    before = task_values(task_id)
    database.execute_sql(
        "CREATE TRIGGER refuse_kept BEFORE UPDATE OF status ON task WHEN NEW.status = 'kept' "
        "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
    )

    with pytest.raises(IntegrityError):
        execute(_TwoSteps(window.ctx, task_id))

    assert task_values(task_id) == before  # the rename was rolled back with it
    assert window.undo_stack.count() == 0


def test_every_command_undoes_and_redoes_in_one_transaction(window):
    task_id = create_task("Bookkeeping", need="knowledge")
    execute(_TwoSteps(window.ctx, task_id))
    applied = task_values(task_id)
    refuse("task", "UPDATE")
    with pytest.raises(IntegrityError):
        window.undo_stack.undo()
    assert task_values(task_id) == applied
    assert window.undo_stack.count() == 0

    allow("task", "UPDATE")
    execute(_TwoSteps(window.ctx, task_id))  # a second edit, undone, then redone
    window.undo_stack.undo()
    assert task_values(task_id)["name"] == "Renamed"  # the first stays as it is
    undone = task_values(task_id)
    database.execute_sql(
        "CREATE TRIGGER refuse_kept BEFORE UPDATE OF status ON task WHEN NEW.status = 'kept' "
        "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
    )
    with pytest.raises(IntegrityError):
        window.undo_stack.redo()
    assert task_values(task_id) == undone
    assert not window.undo_stack.canRedo()


def test_the_brief_task_edits_return_what_their_undo_needs(store):
    from desktop_app.models.briefs import (
        add_brief,
        delete_brief,
        link_task,
        redo_add_brief,
        undo_add_brief,
        undo_delete_brief,
        undo_task_link,
        unlink_task,
    )

    books = create_task("Bookkeeping", need="knowledge")
    invoices = create_task("Invoices", need="repetitive")
    before = _briefs_state()

    added = add_brief(BriefData(title="Monthly bookkeeping"), task_ids=[books, books])
    assert load_brief(added.brief_id).tasks == ["Bookkeeping"]
    assert list(added.tasks) == [books] and task_values(books)["status"] == "briefed"
    snapshot = undo_add_brief(added)
    assert _briefs_state() == before
    again = redo_add_brief(added, snapshot)
    assert again.brief_id == added.brief_id and task_values(books)["status"] == "briefed"
    created = _briefs_state()

    linked = link_task(added.brief_id, invoices)
    assert linked.changed and task_values(invoices)["status"] == "briefed"
    assert not link_task(added.brief_id, invoices).changed  # already linked: nothing to undo
    undo_task_link(linked)
    assert _briefs_state() == created
    unlinked = unlink_task(added.brief_id, books)
    assert task_values(books)["status"] == "candidate"
    assert not unlink_task(added.brief_id, books).changed
    undo_task_link(unlinked)
    assert _briefs_state() == created

    deleted = delete_brief(added.brief_id)
    assert _briefs_state() == before
    undo_delete_brief(deleted)
    assert _briefs_state() == created
