"""Paths that lead from one tab to another, driven in one real window."""

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from desktop_app.models.briefs import BriefTask, expectations_of, load_brief
from desktop_app.models.formats import day
from desktop_app.models.tasks import (
    Task,
    add_time_entry,
    create_task,
    mark_briefed,
    task_values,
    unmark_briefed,
)
from desktop_app.views.time_audit.task_table import NAME, STATUS
from tests.dialogs import shown_dialog

THIS_MONTH = date.today().replace(day=1)
TODAY_FOLLOWS_THE_CLOCK = True  # conftest.py sets THIS_MONTH as each test starts


def _task_index(page, name, column=NAME):
    for row in range(page.proxy.rowCount()):
        if page.proxy.index(row, NAME).data() == name:
            return page.proxy.index(row, column)
    raise AssertionError(f"{name} is not shown")


def _click_task(page, qtbot, name):
    rect = page.table.visualRect(_task_index(page, name))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.selected_row().name == name


def _answer_next_question(button=QMessageBox.StandardButton.Yes):
    """Click `button` in the next message box, once it is up."""

    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, answer)
            return
        box.button(button).click()

    QTimer.singleShot(0, answer)


# Time audit -> Briefs ------------------------------------------------------------


def test_a_candidate_task_becomes_a_brief_from_a_template_and_shows_as_briefed(window, qtbot):
    social = create_task("Social media posts", area="marketing", need="repetitive")
    add_time_entry(social, THIS_MONTH, 90)
    assert task_values(social)["status"] == "candidate"
    audit = window.show_tab("time_audit").page()
    _click_task(audit, qtbot, "Social media posts")

    qtbot.mouseClick(audit.brief_button, Qt.MouseButton.LeftButton)

    briefs = window.current_page()
    assert window.tabs.currentWidget().spec.key == "briefs"
    dialog = shown_dialog(briefs, "newBriefDialog")
    qtbot.waitExposed(dialog)
    assert dialog.title_edit.text() == "Social media posts"
    assert dialog.task_combo.currentData() == social
    assert dialog.selected_template().name == "Social media management"
    create = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    qtbot.mouseClick(create, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    brief_id = briefs.current_brief_id
    stored = load_brief(brief_id)
    assert stored.title == "Social media posts"
    assert stored.tasks == ["Social media posts"]
    assert [link.task_id for link in BriefTask.select()] == [social]
    assert len(expectations_of(brief_id)) >= 8  # the template's expectations came along
    assert task_values(social)["status"] == "briefed"

    # The time audit says so, and one undo takes the brief and the status back.
    window.show_tab("time_audit")
    assert _task_index(audit, "Social media posts", STATUS).data() == "Briefed"
    assert audit.selected_row().worth_handing_off  # still counted until handed off
    window.undo_stack.undo()
    assert BriefTask.select().count() == 0
    assert task_values(social)["status"] == "candidate"
    assert _task_index(audit, "Social media posts", STATUS).data() == "Candidate"
    window.undo_stack.redo()
    assert load_brief(brief_id).tasks == ["Social media posts"]
    assert task_values(social)["status"] == "briefed"


def test_a_kept_or_handed_off_task_keeps_its_status_when_a_brief_is_written(store):
    kept = create_task("Newsletter", need="unique", override="keep")
    handed = create_task("Photo editing", need="expertise")
    from desktop_app.models.tasks import update_task

    update_task(handed, {"status": "handed_off"})
    logged = create_task("Planner design", need="unique")
    before = {task_id: task_values(task_id) for task_id in (kept, handed, logged)}

    changes = mark_briefed([kept, handed, logged])

    assert list(changes) == [logged]
    assert task_values(kept)["status"] == "kept"
    assert task_values(handed)["status"] == "handed_off"
    # A task the rules leave out is on its way out once briefed, as when the
    # owner picks Briefed in the Status column.
    assert (task_values(logged)["status"], task_values(logged)["override"]) == (
        "briefed",
        "outsource",
    )
    assert changes[logged] == before[logged]
    assert unmark_briefed([logged])[logged]["status"] == "briefed"
    assert Task.get_by_id(logged).status == "candidate"  # outsourced by the owner's brief


def test_linking_unlinking_and_deleting_move_the_task_status_undoably(window, qtbot):
    from desktop_app.models.briefs import BriefData, create_brief

    books = create_task("Bookkeeping", need="knowledge")
    first = create_brief(BriefData(title="Monthly bookkeeping"))
    second = create_brief(BriefData(title="Year-end accounts"))
    page = window.show_tab("briefs").page()
    page.open_target(("brief", first))
    editor = page.editor
    editor._fill_tasks_menu()
    [link] = [a for a in editor.tasks_menu.actions() if a.text() == "Bookkeeping"]
    link.trigger()
    assert task_values(books)["status"] == "briefed"

    # A second brief for the same task: deleting the first leaves it briefed.
    page.open_target(("brief", second))
    editor._fill_tasks_menu()
    [link] = [a for a in editor.tasks_menu.actions() if a.text() == "Bookkeeping"]
    link.trigger()
    page.open_target(("brief", first))
    _answer_next_question()
    page.delete_brief()
    assert task_values(books)["status"] == "briefed"

    # Unlinking the last brief's task: back to what the rules say.
    page.open_target(("brief", second))
    editor._fill_tasks_menu()
    [unlink] = [a for a in editor.tasks_menu.actions() if a.text() == "Bookkeeping"]
    assert unlink.isChecked()
    unlink.trigger()
    assert task_values(books)["status"] == "candidate"
    window.undo_stack.undo()
    assert task_values(books)["status"] == "briefed"
    _answer_next_question()
    page.delete_brief()
    assert task_values(books)["status"] == "candidate"
    window.undo_stack.undo()
    assert task_values(books)["status"] == "briefed"
    assert load_brief(second).tasks == ["Bookkeeping"]


# Briefs -> hiring ----------------------------------------------------------------


def _hiring_state():
    from desktop_app.models.briefs import Brief
    from desktop_app.models.contractors import Contractor, StageChange
    from desktop_app.models.engagements import Engagement

    return (
        [(c.name, c.stage) for c in Contractor.select().order_by(Contractor.id)],
        [(b.title, b.status) for b in Brief.select().order_by(Brief.id)],
        Engagement.select().count(),
        StageChange.select().count(),
        [(t.name, t.status) for t in Task.select().order_by(Task.id)],
    )


def test_hiring_from_a_brief_fills_it_and_one_undo_puts_everything_back(window, qtbot):
    from desktop_app.models.briefs import Brief, BriefData, create_brief
    from desktop_app.models.contractors import Contractor
    from desktop_app.models.engagements import Engagement
    from tests.engagement_helpers import contractor

    books = create_task("Bookkeeping", need="knowledge")
    brief_id = create_brief(
        BriefData(title="Monthly bookkeeping", status="posted"), task_ids=[books]
    )
    ana = contractor("Ana Souza")
    contractor("Ben Okafor", email="ben@example.com")
    before = _hiring_state()
    page = window.show_tab("briefs").page()
    page.open_target(("brief", brief_id))
    assert not page.editor.engagements_label.isVisible()

    qtbot.mouseClick(page.editor.hire_button, Qt.MouseButton.LeftButton)
    dialog = shown_dialog(page, "hireDialog")
    qtbot.waitExposed(dialog)
    assert dialog.brief.currentData() == brief_id
    assert dialog.contractor.currentIndex() == -1  # the owner chooses who
    dialog.contractor.setCurrentIndex(dialog.contractor.findData(ana))
    qtbot.mouseClick(dialog.hire_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    engagement = Engagement.get()
    assert (engagement.brief_id, engagement.contractor_id) == (brief_id, ana)
    assert Brief.get_by_id(brief_id).status == "filled"
    assert Contractor.get_by_id(ana).stage == "hired"
    assert task_values(books)["status"] == "handed_off"
    assert page.editor.fields["status"].value() == "filled"
    links = page.editor.engagements_label
    assert links.isVisible() and "Ana Souza" in links.text()

    # The brief names who works to it; the name opens the engagement.
    links.linkActivated.emit(str(engagement.id))
    assert window.tabs.currentWidget().spec.key == "engagements"
    assert window.current_page().selected_id() == engagement.id

    window.undo_stack.undo()
    assert _hiring_state() == before
    window.show_tab("briefs")
    assert page.editor.fields["status"].value() == "posted"
    assert not links.isVisible()


def test_the_brief_list_offers_hiring_in_its_context_menu(window, qtbot):
    from desktop_app.models.briefs import BriefData, create_brief

    brief_id = create_brief(BriefData(title="Social media management"))
    page = window.show_tab("briefs").page()
    page.open_target(("brief", brief_id))
    menu = page.list_menu()
    hire = menu.findChild(QAction, "briefsContextHire")
    assert hire.text() == "Hire a contractor…" and hire.isEnabled()
    hire.trigger()
    menu.close()
    dialog = shown_dialog(page, "hireDialog")
    qtbot.waitExposed(dialog)
    assert dialog.brief.currentData() == brief_id
    dialog.reject()


# Engagements -> Contractors and Briefs ---------------------------------------------


def test_confidence_lost_leads_to_the_bench_filtered_by_skills_and_to_the_brief(window, qtbot):
    from datetime import timedelta

    from desktop_app.models.briefs import Brief
    from tests.engagement_helpers import brief, contractor, engagement, feedback

    today = date.today()
    marco = engagement(today - timedelta(days=100), contractor_name="Marco Bellini", title="Social")
    brief_id = Brief.get(Brief.title == "Social").id
    Brief.update(skills="social media, Canva", status="filled").where(
        Brief.id == brief_id
    ).execute()
    for days_ago, score in ((80, 5), (50, 4), (20, 2), (6, 2)):
        feedback(marco, today - timedelta(days=days_ago), score, quality=3)
    contractor("Lena Fischer", email="lena@example.com", skills="Social media, Instagram")
    contractor("Chloé Martin", email="chloe@example.com", skills="canva, illustration")
    contractor("Ben Okafor", email="ben@example.com", skills="bookkeeping, Xero")
    # Judged unfit before: not offered again when looking for someone new.
    contractor("Rafael Costa", email="rafael@example.com", skills="social media", stage="rejected")
    brief("Monthly bookkeeping", status="draft")

    page = window.show_tab("engagements").page()
    page.open_target(("engagement", marco))
    assert page.detail.find_button.isVisible()  # the confidence-lost banner
    qtbot.mouseClick(page.detail.find_button, Qt.MouseButton.LeftButton)

    bench = window.current_page()
    assert window.tabs.currentWidget().spec.key == "contractors"
    shown = {bench.proxy.index(row, 0).data() for row in range(bench.proxy.rowCount())}
    assert shown == {"Lena Fischer", "Chloé Martin"}
    assert bench.skills_label.isVisible()
    assert bench.skills_label.text() == (
        "Someone new for “Social”: contractors with any of its skills (social media, Canva). "
        "Rejected contractors and Marco Bellini are left out."
    )
    assert bench.count_label.text() == "2 of 5 contractors"
    assert bench.skills_clear.isVisible()
    qtbot.mouseClick(bench.skills_clear, Qt.MouseButton.LeftButton)
    assert bench.proxy.rowCount() == 5
    assert not bench.skills_label.isVisible() and not bench.skills_clear.isVisible()

    # Back to the engagement, then its brief, even when the Briefs list hides it.
    briefs = window.show_tab("briefs").page()
    briefs.status_filter.setCurrentIndex(briefs.status_filter.findText("Draft"))
    window.show_tab("engagements")
    qtbot.mouseClick(page.detail.brief_button, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget().spec.key == "briefs"
    assert briefs.current_brief_id == brief_id
    selected = briefs.table.selectionModel().selectedRows()
    assert [index.data() for index in selected] == ["Social"]
    assert briefs.editor.fields["title"].value() == "Social"


# More ways from one tab to another ---------------------------------------------------


def test_a_contractor_names_the_briefs_they_work_on_and_each_opens_its_engagement(window, qtbot):
    from tests.engagement_helpers import engagement

    start = date.today().replace(day=1)
    engagement_id = engagement(start, contractor_name="Ana Souza", title="Monthly bookkeeping")
    page = window.show_tab("contractors").page()
    page.select_ids([page.model.rows()[0].id])
    links = page.detail.engagements
    assert links.isVisible()
    assert "Monthly bookkeeping" in links.text()
    assert f"active since {day(start)}" in links.text()  # in the owner's date format
    links.linkActivated.emit(str(engagement_id))
    assert window.tabs.currentWidget().spec.key == "engagements"
    assert window.current_page().selected_id() == engagement_id


def test_a_briefed_task_offers_its_brief_in_the_time_audit(window, qtbot):
    from desktop_app.models.briefs import BriefData, brief_tasks_briefed, create_brief

    books = create_task("Bookkeeping", need="knowledge")
    brief_id = create_brief(BriefData(title="Monthly bookkeeping"), task_ids=[books])
    brief_tasks_briefed(brief_id)
    audit = window.show_tab("time_audit").page()
    _click_task(audit, qtbot, "Bookkeeping")
    rect = audit.table.visualRect(_task_index(audit, "Bookkeeping"))
    audit.table.customContextMenuRequested.emit(rect.center())
    [menu] = [m for m in audit.findChildren(QMenu, "taskMenu") if m.isVisible()]
    show = menu.findChild(QAction, f"actionShowBrief_{brief_id}")
    assert show.text() == "Show the brief “Monthly bookkeeping”"
    show.trigger()
    menu.close()
    assert window.tabs.currentWidget().spec.key == "briefs"
    assert window.current_page().current_brief_id == brief_id


def test_hiring_is_offered_only_where_it_can_happen(window, qtbot):
    from desktop_app.models.briefs import BriefData, create_brief
    from tests.engagement_helpers import contractor

    contractor("Ana Souza")
    closed = create_brief(BriefData(title="Old job", status="closed"))
    briefs = window.show_tab("briefs").page()
    briefs.open_target(("brief", closed))
    assert not briefs.editor.hire_button.isEnabled()
    assert "closed" in briefs.editor.hire_button.toolTip()
    menu = briefs.list_menu()
    assert not menu.findChild(QAction, "briefsContextHire").isEnabled()
    menu.close()
    briefs.editor.fields["status"].input.setCurrentIndex(
        briefs.editor.fields["status"].input.findData("posted")
    )
    assert briefs.editor.hire_button.isEnabled()

    bench = window.show_tab("contractors").page()
    bench.select_ids([])
    assert not bench.detail.hire_button.isEnabled()  # nobody to hire
    bench.select_ids([bench.model.rows()[0].id])
    assert bench.detail.hire_button.isEnabled()


def test_someone_new_leaves_out_the_contractor_being_replaced(window, qtbot):
    from datetime import timedelta

    from desktop_app.models.briefs import Brief
    from tests.engagement_helpers import contractor, engagement, feedback

    today = date.today()
    lena = engagement(today - timedelta(days=100), contractor_name="Lena Fischer", title="Pins")
    Brief.update(skills="Pinterest").where(Brief.title == "Pins").execute()
    # Lena has the brief's skill herself: she is the one being replaced all the same.
    from desktop_app.models.contractors import Contractor

    Contractor.update(skills="Pinterest, Canva").where(Contractor.name == "Lena Fischer").execute()
    for days_ago, score in ((80, 5), (50, 4), (20, 2), (6, 2)):
        feedback(lena, today - timedelta(days=days_ago), score)
    contractor("Sam Taylor", email="sam@example.com", skills="Pinterest, TikTok")
    page = window.show_tab("engagements").page()
    page.open_target(("engagement", lena))
    qtbot.mouseClick(page.detail.find_button, Qt.MouseButton.LeftButton)
    bench = window.current_page()
    shown = [bench.proxy.index(row, 0).data() for row in range(bench.proxy.rowCount())]
    assert shown == ["Sam Taylor"]
    assert "Lena Fischer are left out" in bench.skills_label.text()
    # The line wraps under the filters: the window never grows for it.
    assert bench.skills_label.wordWrap()
    assert bench.skills_bar.geometry().top() > bench.search.geometry().bottom()

    # A brief that names no skills says so, and still leaves Lena out.
    Brief.update(skills="").where(Brief.title == "Pins").execute()
    window.show_tab("engagements")
    qtbot.mouseClick(page.detail.find_button, Qt.MouseButton.LeftButton)
    shown = {bench.proxy.index(row, 0).data() for row in range(bench.proxy.rowCount())}
    assert shown == {"Sam Taylor"}
    assert "names no skills" in bench.skills_label.text()
