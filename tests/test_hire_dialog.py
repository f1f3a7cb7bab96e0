"""Hiring through the dialog, as the Contractors, Briefs and Engagements tabs open it."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, QPoint, Qt

from desktop_app.models.briefs import Brief
from desktop_app.models.contractors import Contractor, StageChange
from desktop_app.models.engagements import Engagement
from desktop_app.views.engagements.hire_dialog import HireDialog, open_hire_dialog
from tests.dialogs import shown_dialog
from tests.engagement_helpers import brief, contractor

TODAY = date.today()
TODAY_FOLLOWS_THE_CLOCK = True  # conftest.py sets TODAY as each test starts


@pytest.fixture
def bench(store):
    """Two contractors and two briefs, nobody hired."""
    return {
        "ana": contractor("Ana Souza", rate=Decimal("38"), currency="EUR", rate_unit="hour"),
        "ben": contractor("Ben Okafor", email="ben@example.com"),
        "books": brief("Monthly bookkeeping", report_every_days=14, status="posted"),
        "social": brief("Social media", status="final"),
    }


def _state():
    return (
        [(c.name, c.stage) for c in Contractor.select().order_by(Contractor.id)],
        [(b.title, b.status) for b in Brief.select().order_by(Brief.id)],
        Engagement.select().count(),
        StageChange.select().count(),
    )


def _open(window, qtbot, **given) -> HireDialog:
    dialog = open_hire_dialog(window.ctx, window, **given)
    qtbot.waitExposed(dialog)
    return dialog


def _hire(qtbot, dialog):
    qtbot.mouseClick(dialog.hire_button, Qt.MouseButton.LeftButton)


def test_hiring_from_the_contractors_tab_with_the_contractor_given(window, qtbot, bench):
    dialog = _open(window, qtbot, contractor_id=bench["ana"])
    assert dialog.contractor.currentText() == "Ana Souza  (Interviewing)"
    assert dialog.brief.currentIndex() == -1  # the owner chooses the brief
    assert (dialog.terms.rate.text(), dialog.terms.currency.text()) == ("38", "EUR")
    dialog.brief.setFocus()
    qtbot.keyClicks(dialog.brief, "Monthly")
    assert dialog.brief.currentData() == bench["books"]
    assert dialog.terms.cadence.value() == 14  # the brief's reporting cadence
    _hire(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    engagement = Engagement.get_by_id(dialog.engagement_id)
    assert (engagement.contractor_id, engagement.brief_id) == (bench["ana"], bench["books"])
    assert (engagement.rate, engagement.currency, engagement.cadence_days) == (
        Decimal("38"), "EUR", 14,
    )  # fmt: skip
    assert (engagement.start_date, engagement.status) == (TODAY, "trial")
    assert Contractor.get_by_id(bench["ana"]).stage == "hired"
    assert Brief.get_by_id(bench["books"]).status == "filled"
    assert "Monthly bookkeeping" in StageChange.get().reason

    assert window.undo_stack.undoText() == "Hire Ana Souza"
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _state() == (
        [("Ana Souza", "interviewing"), ("Ben Okafor", "interviewing")],
        [("Monthly bookkeeping", "posted"), ("Social media", "final")],
        0,
        0,
    )
    window.undo_stack.redo()
    assert Engagement.get().id == dialog.engagement_id


def test_hiring_from_the_briefs_tab_with_the_brief_given(window, qtbot, bench):
    dialog = _open(window, qtbot, brief_id=bench["social"])
    assert dialog.brief.currentText() == "Social media  (Final)"
    assert dialog.contractor.currentIndex() == -1
    dialog.contractor.setFocus()
    qtbot.keyClicks(dialog.contractor, "Ben")
    dialog.terms.rate.clear()
    qtbot.keyClicks(dialog.terms.rate, "1.200,50")
    dialog.terms.rate_unit.setCurrentIndex(dialog.terms.rate_unit.findData("month"))
    dialog.terms.status.setCurrentIndex(dialog.terms.status.findData("active"))
    _hire(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    engagement = Engagement.get()
    assert (engagement.contractor_id, engagement.brief_id) == (bench["ben"], bench["social"])
    assert (engagement.rate, engagement.rate_unit, engagement.status) == (
        Decimal("1200.50"), "month", "active",
    )  # fmt: skip
    assert Brief.get_by_id(bench["social"]).status == "filled"


def test_hiring_from_the_engagements_tab_selects_the_new_engagement(window, qtbot, bench):
    page = window.show_tab("engagements").page()
    qtbot.mouseClick(page.empty.button, Qt.MouseButton.LeftButton)
    dialog = shown_dialog(page, "hireDialog")
    qtbot.waitExposed(dialog)
    dialog.contractor.setCurrentIndex(dialog.contractor.findData(bench["ben"]))
    dialog.brief.setCurrentIndex(dialog.brief.findData(bench["books"]))
    _hire(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert page.stack.currentIndex() == 1
    assert page.detail.title.text() == "Ben Okafor — Monthly bookkeeping"
    assert page.status.text().startswith("Hired.")


def test_nothing_chosen_is_said_under_the_field(window, qtbot, bench):
    dialog = _open(window, qtbot)
    before = _state()
    _hire(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.errors.labels["contractor"].text() == "Choose the contractor you are hiring."
    assert _state() == before
    dialog.reject()


@pytest.mark.parametrize(
    ("cadence", "message"),
    [(0, "a cadence of 0 days means no check-ins"), (400, "over a year")],
)
def test_a_bad_cadence_is_refused_and_changes_nothing(window, qtbot, bench, cadence, message):
    dialog = _open(window, qtbot, contractor_id=bench["ana"], brief_id=bench["books"])
    before = _state()
    editor = dialog.terms.cadence.lineEdit()
    editor.selectAll()
    qtbot.keyClicks(editor, str(cadence))
    _hire(qtbot, dialog)
    assert dialog.isVisible()
    assert message in dialog.errors.labels["cadence_days"].text()
    assert _state() == before
    assert window.undo_stack.count() == 0
    dialog.reject()


def test_an_end_before_the_start_is_refused(window, qtbot, bench):
    dialog = _open(window, qtbot, contractor_id=bench["ana"], brief_id=bench["books"])
    before = _state()
    qtbot.mouseClick(dialog.terms.has_end, Qt.MouseButton.LeftButton)
    dialog.terms.end.setDate(QDate.currentDate().addDays(-1))
    _hire(qtbot, dialog)
    assert "is before the start" in dialog.errors.labels["end_date"].text()
    assert _state() == before
    dialog.reject()


def test_a_bad_rate_and_currency_are_refused(window, qtbot, bench):
    dialog = _open(window, qtbot, contractor_id=bench["ana"], brief_id=bench["books"])
    dialog.terms.rate.setText("-5")
    _hire(qtbot, dialog)
    assert "below zero" in dialog.errors.labels["rate"].text()
    dialog.terms.rate.setText("40")
    dialog.terms.currency.setText("XX")
    _hire(qtbot, dialog)
    assert "ISO 4217" in dialog.errors.labels["currency"].text()
    assert Engagement.select().count() == 0
    dialog.reject()


def test_a_second_open_engagement_on_the_same_brief_is_refused(window, qtbot, bench):
    for attempt in range(2):
        dialog = _open(window, qtbot, contractor_id=bench["ana"], brief_id=bench["books"])
        _hire(qtbot, dialog)
        if attempt == 0:
            qtbot.waitUntil(lambda d=dialog: not d.isVisible())
    assert dialog.isVisible()
    assert "already has an engagement" in dialog.errors.labels["contractor"].text()
    assert Engagement.select().count() == 1
    assert window.undo_stack.count() == 1
    dialog.reject()


def test_start_dates_in_the_past_are_allowed(window, qtbot, bench):
    dialog = _open(window, qtbot, contractor_id=bench["ana"], brief_id=bench["books"])
    dialog.terms.start.setDate(QDate.currentDate().addDays(-30))
    _hire(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert Engagement.get().start_date == TODAY - timedelta(days=30)


def test_hiring_one_asks_about_the_others_interviewed_for_the_brief(window, qtbot, bench):
    from datetime import datetime

    from desktop_app.models.contractors import Interview

    cleo = contractor("Cleo Park", email="cleo@example.com", stage="trial")
    dora = contractor("Dora Lind", email="dora@example.com", stage="rejected")
    for person in (bench["ana"], bench["ben"], cleo, dora):
        Interview.create(contractor=person, brief=bench["books"], held_at=datetime(2026, 11, 2))
    dialog = _open(window, qtbot, contractor_id=bench["ana"], brief_id=bench["books"])
    # Ben and Cleo wait for an answer; Dora was told already.
    assert dialog.others_box.isVisible()
    assert "Ben Okafor, Cleo Park are still in the running" in dialog.others_names.text()
    assert dialog.keep_others.isChecked() and not dialog.reject_reason.isEnabled()
    qtbot.mouseClick(dialog.reject_others, Qt.MouseButton.LeftButton, pos=QPoint(6, 6))
    assert dialog.reject_reason.isEnabled()
    assert dialog.reject_reason.text() == "We hired Ana Souza for “Monthly bookkeeping”."
    _hire(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    def stages():
        return {c.name: c.stage for c in Contractor.select()}

    assert stages() == {
        "Ana Souza": "hired", "Ben Okafor": "rejected", "Cleo Park": "rejected",
        "Dora Lind": "rejected",
    }  # fmt: skip
    reasons = [c.reason for c in StageChange.select().where(StageChange.to_stage == "rejected")]
    assert reasons == ["We hired Ana Souza for “Monthly bookkeeping”."] * 2
    # One step: the hire and the answers to the others go back together.
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert stages() == {
        "Ana Souza": "interviewing", "Ben Okafor": "interviewing", "Cleo Park": "trial",
        "Dora Lind": "rejected",
    }  # fmt: skip
    assert StageChange.select().count() == 0
    window.undo_stack.redo()
    assert stages()["Ben Okafor"] == "rejected" and stages()["Cleo Park"] == "rejected"


def test_keeping_the_others_leaves_them_waiting(window, qtbot, bench):
    from datetime import datetime

    from desktop_app.models.contractors import Interview

    Interview.create(contractor=bench["ben"], brief=bench["books"], held_at=datetime(2026, 11, 2))
    dialog = _open(window, qtbot, contractor_id=bench["ana"], brief_id=bench["books"])
    assert dialog.others_box.isVisible() and dialog.keep_others.isChecked()
    _hire(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert Contractor.get_by_id(bench["ben"]).stage == "interviewing"
    # Nobody else interviewed for the social media brief: nothing to ask.
    other = _open(window, qtbot, contractor_id=bench["ben"], brief_id=bench["social"])
    assert not other.others_box.isVisible()
    other.reject()
