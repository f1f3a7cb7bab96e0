"""The Engagements tab, driven as the owner drives it."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, QObject, QPoint, QSettings, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QAction, QColor, QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from desktop_app.models.briefs import Brief
from desktop_app.models.contractors import Contractor
from desktop_app.models.engagements import (
    CheckIn,
    Engagement,
    Feedback,
    check_ins_of,
    end_of_week,
)
from desktop_app.models.formats import weekday_day
from desktop_app.views.engagements.presentation import ALERT
from tests.dialogs import shown_dialog
from tests.engagement_helpers import engagement, feedback, report

TODAY = date.today()
TODAY_FOLLOWS_THE_CLOCK = True  # conftest.py sets TODAY as each test starts


def ago(days):
    return TODAY - timedelta(days=days)


def _page(window):
    return window.show_tab("engagements").page()


@pytest.fixture
def stories(store):
    """Three engagements as of today.

    - Marco: every 14 days, last report 17 days ago (3 days overdue);
      confidence 5, 4, 2, 2: lost.
    - Ana: weekly, last report 5 days ago (due in 2 days); confidence 4, 5.
    - Priya: weekly, the owner started 8 check-ins in four weeks.
    """
    marco = engagement(ago(100), contractor_name="Marco Bellini", title="Social media", cadence=14)
    Brief.update(skills="social media, Canva").where(Brief.title == "Social media").execute()
    report(marco, ago(17))
    for days, score in ((80, 5), (50, 4), (20, 2), (6, 2)):
        feedback(marco, ago(days), score, quality=3)
    ana = engagement(ago(60), contractor_name="Ana Souza", title="Bookkeeping")
    report(ana, ago(5))
    feedback(ana, ago(30), 4)
    feedback(ana, ago(3), 5)
    priya = engagement(ago(40), contractor_name="Priya Nair", title="Support inbox")
    Brief.update(skills="customer support").where(Brief.title == "Support inbox").execute()
    for days in (26, 22, 19, 15, 12, 8, 5, 1):
        report(priya, ago(days), by="owner", summary="How is it going?")
    return {"marco": marco, "ana": ana, "priya": priya}


def _row_texts(page, name):
    model = page.proxy
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == name:
            return [model.index(row, column).data() for column in range(model.columnCount())]
    raise AssertionError(f"{name} is not listed")


def _select(page, qtbot, name):
    for row in range(page.proxy.rowCount()):
        index = page.proxy.index(row, 0)
        if index.data() == name:
            rect = page.table.visualRect(index)
            qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            assert page.detail.row.contractor_name == name
            return
    raise AssertionError(f"{name} is not listed")


def test_an_empty_tab_says_what_to_do_and_offers_hiring(window, qtbot):
    page = _page(window)
    assert page.stack.currentWidget() is page.empty
    assert "hire a contractor" in page.empty.text_label.text().lower()
    qtbot.mouseClick(page.empty.button, Qt.MouseButton.LeftButton)
    dialog = shown_dialog(page, "hireDialog")
    qtbot.waitExposed(dialog)
    assert "Add a contractor in the Contractors tab and a brief" in dialog.errors.general.text()
    assert not dialog.hire_button.isEnabled()
    dialog.reject()


def test_the_list_shows_status_due_check_in_and_confidence(window, stories):
    page = _page(window)
    assert _row_texts(page, "Marco Bellini") == [
        "Marco Bellini", "Social media", "Active", "3 days overdue", "2 / 5", "Lost",
    ]  # fmt: skip
    ana = _row_texts(page, "Ana Souza")
    assert ana[3] == f"Due {weekday_day(ago(-2))}"
    assert ana[4:] == ["5 / 5", "Rising ↑"]
    # Overdue is said in words and shown in red on a tinted cell.
    index = page.proxy.index(0, 3)
    assert index.data() == "3 days overdue"
    assert index.data(Qt.ItemDataRole.ForegroundRole) == QColor(ALERT)
    assert index.data(Qt.ItemDataRole.BackgroundRole).alpha() > 0
    # Most urgent check-in first.
    assert [page.proxy.index(r, 0).data() for r in range(3)] == [
        "Marco Bellini", "Ana Souza", "Priya Nair",
    ]  # fmt: skip


def test_the_summary_says_who_needs_what_and_its_links_open_the_engagement(window, stories):
    page = _page(window)
    text = page.attention.text()
    assert "Check in this week" in text and "3 days overdue" in text
    assert "Confidence to act on" in text and "Marco Bellini</a> (lost)" in text
    assert "Checking in more than agreed" in text and "Priya Nair" in text
    assert "Doing well" in text and "Ana Souza" in text
    page.attention.linkActivated.emit(f"engagement:{stories['ana']}")
    assert page.detail.row.id == stories["ana"]
    assert page.detail.title.text() == "Ana Souza — Bookkeeping"


def test_search_and_filters(window, qtbot, stories):
    page = _page(window)
    qtbot.keyClicks(page.search, "bookkeep")
    assert page.proxy.rowCount() == 1
    page.search.clear()
    page.filter.setCurrentIndex(page.filter.findData("confidence"))
    assert [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())] == [
        "Marco Bellini"
    ]
    page.filter.setCurrentIndex(page.filter.findData("due"))
    sunday = end_of_week(TODAY)
    expected = {"Marco Bellini"}  # overdue
    expected |= {"Ana Souza"} if ago(-2) <= sunday else set()
    expected |= {"Priya Nair"} if ago(-6) <= sunday else set()
    assert {page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())} == expected


def test_ctrl_f_puts_the_cursor_in_the_search(window, qtbot, stories):
    page = _page(window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()


def test_the_detail_shows_banner_scorecard_chart_and_timeline(window, qtbot, stories):
    page = _page(window)
    _select(page, qtbot, "Marco Bellini")
    detail = page.detail
    assert detail.lost_banner.isVisible()
    assert "stayed low" in detail.lost_banner.text.text()
    assert not detail.micro_banner.isVisible()
    assert detail.due.text().startswith("Next check-in: 3 days overdue")
    assert detail.scorecard.value("lifetime", "Feedback") == "4"
    assert detail.scorecard.value("lifetime", "Quality") == "3.0 / 5"
    assert detail.chart.confidence.count() == 4
    assert [detail.chart.confidence.at(i).y() for i in range(4)] == [5, 4, 2, 2]
    assert detail.chart.quality.count() == 4
    assert detail.timeline.rowCount() == 5
    assert detail.tabs.tabText(0) == "Timeline (5)"


def test_the_micromanagement_warning_explains_the_rule(window, qtbot, stories):
    page = _page(window)
    _select(page, qtbot, "Priya Nair")
    banner = page.detail.micro_banner
    assert banner.isVisible()
    text = banner.text.text()
    assert "You started 8 check-ins in the last 28 days" in text
    assert "The rule:" in text and "1.5 times" in text
    assert not page.detail.lost_banner.isVisible()


def test_a_check_in_added_through_the_form_is_stored_and_undone(window, qtbot, stories):
    page = _page(window)
    _select(page, qtbot, "Ana Souza")
    form = page.detail.check_in_form
    page.detail.tabs.setCurrentWidget(form)
    qtbot.keyClicks(form.summary, "Books closed for the month.")
    qtbot.keyClicks(form.blockers, "Waiting for the Etsy export")
    form.state.setCurrentIndex(form.state.findData("at_risk"))
    qtbot.mouseClick(form.add_button, Qt.MouseButton.LeftButton)
    stored = check_ins_of(stories["ana"])[-1]
    assert (stored.day, stored.summary, stored.state) == (
        TODAY,
        "Books closed for the month.",
        "at_risk",
    )
    assert stored.blockers == "Waiting for the Etsy export"
    assert form.summary.toPlainText() == ""
    assert page.detail.timeline.rowCount() == 4
    assert page.status.text() == "Check-in added."
    assert _row_texts(page, "Ana Souza")[3] == f"Due {weekday_day(ago(-7))}"

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(check_ins_of(stories["ana"])) == 1
    assert page.detail.timeline.rowCount() == 3
    qtbot.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert check_ins_of(stories["ana"])[-1].id == stored.id


def test_half_typed_forms_stay_with_their_engagement(window, qtbot, stories):
    page = _page(window)
    _select(page, qtbot, "Ana Souza")
    check_in, feedback_form = page.detail.check_in_form, page.detail.feedback_form
    qtbot.keyClicks(check_in.summary, "Books closed")
    qtbot.keyClicks(feedback_form.good, "Clean categories")
    feedback_form.quality.setValue(4)

    _select(page, qtbot, "Priya Nair")
    # Nothing typed for Ana can be added to Priya's timeline.
    assert check_in.summary.toPlainText() == ""
    assert feedback_form.good.toPlainText() == ""
    assert feedback_form.quality.value() == 0

    _select(page, qtbot, "Ana Souza")
    assert check_in.summary.toPlainText() == "Books closed"
    assert feedback_form.good.toPlainText() == "Clean categories"
    assert feedback_form.quality.value() == 4
    qtbot.mouseClick(check_in.add_button, Qt.MouseButton.LeftButton)
    assert check_ins_of(stories["ana"])[-1].summary == "Books closed"
    assert check_ins_of(stories["priya"])[-1].summary == "How is it going?"


def test_a_check_in_before_the_start_is_refused_under_its_field(window, qtbot, stories):
    page = _page(window)
    _select(page, qtbot, "Ana Souza")
    form = page.detail.check_in_form
    page.detail.tabs.setCurrentWidget(form)
    start = ago(60)
    form.date.setDate(QDate(start.year, start.month, start.day).addDays(-1))
    qtbot.keyClicks(form.summary, "Too early")
    qtbot.mouseClick(form.add_button, Qt.MouseButton.LeftButton)
    message = form.errors.labels["date"]
    assert message.isVisible()
    assert "before the engagement started" in message.text()
    assert len(check_ins_of(stories["ana"])) == 1
    assert window.undo_stack.count() == 0
    assert form.summary.toPlainText() == "Too early"  # kept, to fix and retry


def test_feedback_needs_every_score_then_updates_chart_and_scorecard(window, qtbot, stories):
    page = _page(window)
    _select(page, qtbot, "Ana Souza")
    form = page.detail.feedback_form
    page.detail.tabs.setCurrentWidget(form)
    qtbot.keyClicks(form.deliverable, "November close")
    qtbot.keyClicks(form.good, "Early and tidy")
    form.quality.setValue(5)
    form.communication.setValue(4)
    qtbot.mouseClick(form.add_button, Qt.MouseButton.LeftButton)
    assert "Confidence must be a score from 1 to 5" in form.errors.labels["confidence"].text()
    assert Feedback.select().where(Feedback.engagement == stories["ana"]).count() == 2

    for _ in range(4):
        qtbot.keyClick(form.confidence, Qt.Key.Key_Up)
    box = form.on_time
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))  # late
    qtbot.mouseClick(form.add_button, Qt.MouseButton.LeftButton)
    stored = Feedback.select().order_by(Feedback.id.desc()).get()
    assert (stored.deliverable, stored.good, stored.on_time) == (
        "November close",
        "Early and tidy",
        False,
    )
    assert (stored.quality, stored.communication, stored.confidence) == (5, 4, 4)
    assert page.detail.chart.confidence.count() == 3
    assert page.detail.scorecard.value("lifetime", "Feedback") == "3"
    assert form.confidence.value() == 0  # cleared for the next one


def test_request_a_progress_report_opens_the_mail_program_and_records_it(window, qtbot, stories):
    class MailProgram(QObject):
        def __init__(self):
            super().__init__()
            self.urls = []

        @Slot(QUrl)
        def receive(self, url):
            self.urls.append(url)

    Contractor.update(email="zoë.müller@example.com").where(
        Contractor.name == "Ana Souza"
    ).execute()
    from desktop_app.models.settings import Settings, save_settings

    save_settings(Settings(owner_name="Maja Ødegård"))
    mail = MailProgram()
    # PySide6 6.12 takes the slot's name as str, despite its bytes annotation.
    QDesktopServices.setUrlHandler("mailto", mail, "receive")
    try:
        page = _page(window)
        _select(page, qtbot, "Ana Souza")
        qtbot.mouseClick(page.detail.request_button, Qt.MouseButton.LeftButton)
    finally:
        QDesktopServices.unsetUrlHandler("mailto")
    [url] = mail.urls
    assert url.scheme() == "mailto"
    assert url.path() == "zoë.müller@example.com"
    query = url.query(QUrl.ComponentFormattingOption.FullyDecoded)
    assert "subject=Progress report: Bookkeeping" in query
    assert "Hi Ana," in query and "Maja Ødegård" in query
    request = check_ins_of(stories["ana"])[-1]
    assert (request.kind, request.initiated_by, request.day) == ("request", "owner", TODAY)
    assert page.status.text() == "Asked Ana Souza for a progress report."
    window.undo_stack.undo()
    assert [c.kind for c in check_ins_of(stories["ana"])] == ["report"]


@pytest.mark.qt_log_ignore("Unable to detect a launcher")
def test_without_a_mail_program_the_request_can_be_copied(
    window, qtbot, stories, monkeypatch, tmp_path
):
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QMessageBox

    # A desktop with no program to open mailto: links (no xdg-open on the PATH).
    monkeypatch.setenv("PATH", str(tmp_path))
    page = _page(window)
    _select(page, qtbot, "Ana Souza")
    before = len(check_ins_of(stories["ana"]))
    qtbot.mouseClick(page.detail.request_button, Qt.MouseButton.LeftButton)

    assert page.status.kind == "error" and "No mail program opened" in page.status.text()
    assert len(check_ins_of(stories["ana"])) == before  # nothing recorded yet
    box = shown_dialog(page, "noMailProgram")
    assert isinstance(box, QMessageBox)
    qtbot.waitExposed(box)
    copy = box.findChild(QPushButton, "noMailProgram_copy_the_request")
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)

    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("To: ana@example.com\nSubject: Progress report: Bookkeeping")
    assert "Hi Ana," in copied
    request = check_ins_of(stories["ana"])[-1]
    assert (request.kind, request.initiated_by) == ("request", "owner")
    assert page.status.kind == "note" and page.status.text().startswith("Copied the request")
    window.undo_stack.undo()
    assert len(check_ins_of(stories["ana"])) == before


def test_reopen_put_on_notice_and_find_someone_new(window, qtbot, stories):
    page = _page(window)
    _select(page, qtbot, "Marco Bellini")
    engagement_id = stories["marco"]
    brief_id = Engagement.get_by_id(engagement_id).brief_id
    Brief.update(status="filled").execute()
    detail = page.detail
    with qtbot.waitSignal(window.ctx.data_changed):
        qtbot.mouseClick(detail.reopen_button, Qt.MouseButton.LeftButton)
    assert Brief.get_by_id(brief_id).status == "posted"
    assert Engagement.get_by_id(engagement_id).on_notice_since == TODAY
    assert _row_texts(page, "Marco Bellini")[2] == "Active · on notice"
    assert not detail.notice_button.isEnabled()  # already on notice
    assert "on notice since" in detail.lost_banner.text.text()

    window.undo_stack.undo()
    assert Brief.get_by_id(brief_id).status == "filled"
    assert Engagement.get_by_id(engagement_id).on_notice_since is None
    qtbot.mouseClick(detail.notice_button, Qt.MouseButton.LeftButton)
    assert Engagement.get_by_id(engagement_id).on_notice_since == TODAY
    assert Brief.get_by_id(brief_id).status == "filled"

    emitted = []
    window.ctx.navigate_requested.connect(lambda key, target: emitted.append((key, target)))
    qtbot.mouseClick(detail.find_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(detail.contractor_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(detail.brief_button, Qt.MouseButton.LeftButton)
    contractor_id = Engagement.get_by_id(engagement_id).contractor_id
    assert emitted == [
        ("contractors", ("someone_new", engagement_id)),
        ("contractors", ("contractor", contractor_id)),
        ("briefs", ("brief", brief_id)),
    ]


def test_status_changes_from_the_menu_are_undoable(window, qtbot, stories):
    page = _page(window)
    _select(page, qtbot, "Ana Souza")
    page.detail.status_actions["paused"].trigger()
    assert Engagement.get_by_id(stories["ana"]).status == "paused"
    assert _row_texts(page, "Ana Souza")[3] == "—"
    window.undo_stack.undo()
    assert Engagement.get_by_id(stories["ana"]).status == "active"


def test_ending_needs_a_reason_then_ends_and_can_be_undone(window, qtbot, stories):
    page = _page(window)
    _select(page, qtbot, "Marco Bellini")
    Contractor.update(stage="hired").execute()
    page.detail.end_action.trigger()
    dialog = shown_dialog(page, "endDialog")
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "Say why" in dialog.errors.labels["end_reason"].text()
    assert Engagement.get_by_id(stories["marco"]).status == "active"
    qtbot.keyClicks(dialog.reason, "Deadlines kept slipping.")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    ended = Engagement.get_by_id(stories["marco"])
    assert (ended.status, ended.end_reason, ended.end_date) == (
        "ended", "Deadlines kept slipping.", TODAY,
    )  # fmt: skip
    assert Contractor.get_by_id(ended.contractor_id).stage == "ended"
    assert "Marco Bellini" not in [
        page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())
    ]  # the list shows open engagements
    window.undo_stack.undo()
    assert Engagement.get_by_id(stories["marco"]).status == "active"
    assert Contractor.get_by_id(ended.contractor_id).stage == "hired"


def test_terms_refuse_an_end_before_the_start_and_a_cadence_of_zero(window, qtbot, stories):
    page = _page(window)
    _select(page, qtbot, "Ana Souza")
    dialog = page.edit_terms()
    qtbot.waitExposed(dialog)
    terms = dialog.terms
    qtbot.mouseClick(terms.has_end, Qt.MouseButton.LeftButton)
    start = ago(60)
    terms.end.setDate(QDate(start.year, start.month, start.day).addDays(-3))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "before the start" in dialog.errors.labels["end_date"].text()
    qtbot.mouseClick(terms.has_end, Qt.MouseButton.LeftButton)
    terms.cadence.lineEdit().selectAll()
    qtbot.keyClicks(terms.cadence.lineEdit(), "0")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "0 days" in dialog.errors.labels["cadence_days"].text()
    assert window.undo_stack.count() == 0
    terms.cadence.setValue(14)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert Engagement.get_by_id(stories["ana"]).cadence_days == 14
    assert window.undo_stack.undoText() == "Change terms"


def test_a_timeline_entry_is_deleted_after_asking_and_comes_back_on_undo(window, qtbot, stories):
    page = _page(window)
    _select(page, qtbot, "Ana Souza")
    view = page.detail.timeline_view
    view.setCurrentIndex(page.detail.timeline.index(0, 0))  # newest: feedback 3 days ago
    questions = []

    def answer(button):
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, lambda: answer(button))
            return
        questions.append(box.text())
        box.button(button).click()

    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.No))
    page.detail.delete_entry_action.trigger()
    assert Feedback.select().where(Feedback.engagement == stories["ana"]).count() == 2
    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Yes))
    page.detail.delete_entry_action.trigger()
    assert "Delete the feedback on" in questions[0]
    assert Feedback.select().where(Feedback.engagement == stories["ana"]).count() == 1
    window.undo_stack.undo()
    assert Feedback.select().where(Feedback.engagement == stories["ana"]).count() == 2


def test_open_target_selects_the_engagement_even_when_filtered_out(window, stories):
    page = _page(window)
    page.filter.setCurrentIndex(page.filter.findData("confidence"))
    window.navigate("engagements", ("engagement", stories["priya"]))
    assert page.selected_id() == stories["priya"]
    assert page.detail.title.text() == "Priya Nair — Support inbox"


def test_menu_commands_have_shortcuts_and_open_the_tab(window, qtbot, stories):
    actions = {a.objectName(): a for a in window.findChildren(QAction)}
    expected = {
        "action_engagements_open_hire_dialog": "Ctrl+Shift+H",
        "action_engagements_request_progress_report": "Ctrl+Shift+R",
        "action_engagements_focus_check_in_form": "Ctrl+Shift+K",
        "action_engagements_focus_feedback_form": "Ctrl+Shift+G",
    }
    for name, shortcut in expected.items():
        assert actions[name].shortcut().toString() == shortcut
    for name in (
        "action_engagements_choose_and_export_schedule",
        "action_engagements_print_review",
        "action_engagements_choose_and_export_review",
    ):
        assert name in actions
    assert window.tabs.currentIndex() == 0
    qtbot.keyClick(
        window,
        Qt.Key.Key_K,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    page = window.current_page()
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Engagements"
    assert page.detail.tabs.currentWidget() is page.detail.check_in_form


def test_the_layout_is_remembered(window, qtbot, stories):
    page = _page(window)
    page.splitter.setSizes([300, 800])
    page.splitter.splitterMoved.emit(300, 1)
    page.table.horizontalHeader().resizeSection(0, 171)
    window.save_layout()  # as the window closes
    assert QSettings().value("engagements/splitter") is not None
    from desktop_app.views.engagements.page import EngagementsPage

    again = EngagementsPage(window.ctx)
    qtbot.addWidget(again)
    assert again.table.columnWidth(0) == 171
    assert again.splitter.saveState() == page.splitter.saveState()


def test_the_smoke_test_path_runs_on_the_demo(store, qtbot):
    from desktop_app.demo import fill_demo_data
    from desktop_app.views.main_window import MainWindow

    fill_demo_data()
    window = MainWindow(store, remember_layout=False)
    qtbot.addWidget(window)
    window.show()
    page = window.show_tab("engagements").page()
    before = CheckIn.select().count()
    page.smoke_test()
    assert CheckIn.select().count() == before


def test_a_long_summary_line_names_five_and_links_to_the_rest(window, store):
    for number in range(8):
        engagement(ago(30), contractor_name=f"Contractor {number}", title=f"Brief {number}")
    page = _page(window)
    line = page.attention.text().split("<br>")[0]
    assert line.count('href="engagement:') == 5
    assert '<a href="filter:due">and 3 more</a>' in line
    page.filter.setCurrentIndex(page.filter.findData("ended"))
    page.attention.linkActivated.emit("filter:due")
    assert page.filter.currentData() == "due"
    assert page.proxy.rowCount() == 8


def test_the_progress_report_mail_is_well_formed_for_spaces_and_non_ascii(store):
    from urllib.parse import parse_qs, urlsplit

    from desktop_app.exporters.mailto import mailto_url
    from desktop_app.models.engagements import get_engagement
    from desktop_app.views.engagements.page import progress_report_mail

    engagement_id = engagement(
        ago(10), contractor_name="Zoë Ναυσικά Müller", title="Social media — Привет & co"
    )
    subject, body = progress_report_mail(get_engagement(engagement_id, TODAY), "Maja Ødegård")
    url = mailto_url("zoë@example.com", subject, body)
    assert " " not in url and "\n" not in url
    query = parse_qs(urlsplit(url).query)
    assert query["subject"] == ["Progress report: Social media — Привет & co"]
    assert query["body"][0].startswith("Hi Zoë,\r\n\r\ncould you send me")
    assert query["body"][0].endswith("Thanks,\r\nMaja Ødegård")
    assert QUrl(url, QUrl.ParsingMode.StrictMode).isValid()


def test_building_the_tab_loads_neither_charts_pdf_nor_reportlab():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import desktop_app.views.engagements.page\n"
        "heavy = ('PySide6.QtCharts', 'PySide6.QtPdf', 'PySide6.QtPrintSupport', 'reportlab')\n"
        "print([m for m in sys.modules if m.startswith(heavy)])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
