"""Contractors side by side: every rate as a month of the brief's work, and
hiring one of them from the comparison."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from PySide6.QtWidgets import QApplication

from desktop_app.models import contractors as bench
from desktop_app.models.briefs import BriefTask
from desktop_app.models.contractors import Interview, monthly_equivalent
from desktop_app.models.tasks import add_time_entry, create_task
from tests.dialogs import shown_dialog
from tests.engagement_helpers import brief, contractor


def _bench_for_one_brief():
    """A brief whose task took 60 h last month, and three people interviewed for it."""
    books = brief("Monthly bookkeeping")
    task = create_task("Bookkeeping")
    last_month = date.today().replace(day=1) - timedelta(days=1)
    for day in range(6):
        add_time_entry(task, last_month - timedelta(days=day), 10 * 60)
    BriefTask.create(brief=books, task=task)
    people = {
        "ana": contractor("Ana Souza", rate=Decimal("15"), rate_unit="hour", currency="USD"),
        "ben": contractor(
            "Ben Okafor", email="ben@example.com", rate=Decimal("900"), rate_unit="month",
            currency="USD",
        ),
        "cleo": contractor(
            "Cleo Park", email="cleo@example.com", rate=Decimal("400"), rate_unit="project",
            currency="USD",
        ),
    }  # fmt: skip
    for person in people.values():
        Interview.create(contractor=person, brief=books, held_at=datetime(2026, 11, 2))
    return books, people


def test_monthly_equivalent_is_one_figure_for_every_unit():
    assert monthly_equivalent(Decimal("15"), "hour", Decimal("60")) == Decimal("900.00")
    assert monthly_equivalent(Decimal("900"), "month", None) == Decimal("900")
    assert monthly_equivalent(Decimal("15"), "hour", None) is None
    assert monthly_equivalent(Decimal("400"), "project", Decimal("60")) is None
    assert monthly_equivalent(None, "hour", Decimal("60")) is None


def test_rates_are_compared_per_month_of_the_brief(window, qtbot):
    books, people = _bench_for_one_brief()
    page = window.show_tab("contractors").page()
    page.refresh()
    page.select_ids(list(people.values()))
    dialog = page.compare_selected()
    qtbot.waitExposed(dialog)

    # Compared for the brief they were all interviewed for, without asking.
    assert dialog.brief_id() == books
    rows = {row.label: row for row in dialog.comparison.rows}
    per_month = rows["Per month at 60 h"]
    assert per_month.values == ("$900/mo", "$900/mo", "a fee per project")
    # "$15/h" beside "$900/mo" now reads as what it is: the same money.
    assert rows["Rate"].values == ("$15 per hour", "$900 per month", "$400 per project")
    assert "60 h a month" in dialog.legend.text()
    shown = [dialog.model.index(row, 0).data() for row in range(dialog.model.rowCount())]
    assert "Per month at 60 h" in shown

    dialog.brief_choice.setCurrentIndex(0)  # all interviews: no brief, no hours
    assert "Per month at 60 h" not in {row.label for row in dialog.comparison.rows}
    assert "Choose the brief" in dialog.legend.text()
    dialog.close()


def test_hiring_from_the_comparison(window, qtbot):
    books, people = _bench_for_one_brief()
    page = window.show_tab("contractors").page()
    page.refresh()
    page.select_ids([people["ana"], people["ben"]])
    dialog = page.compare_selected()
    qtbot.waitExposed(dialog)
    dialog.hire_menu.aboutToShow.emit()
    names = [action.text() for action in dialog.hire_menu.actions()]
    assert names == ["Hire Ana Souza…", "Hire Ben Okafor…"]
    dialog.hire_menu.actions()[1].trigger()
    hire = shown_dialog(dialog, "hireDialog")
    qtbot.waitExposed(hire)
    assert hire.contractor.currentData() == people["ben"]
    assert hire.brief.currentData() == books
    assert (hire.terms.rate.text(), hire.terms.rate_unit.currentData()) == ("900", "month")
    # The others interviewed for the brief are asked about.
    assert "Ana Souza, Cleo Park are still in the running" in hire.others_names.text()
    hire.accept()
    QApplication.processEvents()
    assert not hire.isVisible()
    stages = {row.name: row.stage for row in bench.contractor_rows()}
    assert stages == {
        "Ana Souza": "interviewing",
        "Ben Okafor": "hired",
        "Cleo Park": "interviewing",
    }
    # The comparison follows: Ben's stage reads Hired.
    assert (
        dict(zip(dialog.comparison.names, dialog.comparison.rows[0].values, strict=True))[
            "Ben Okafor"
        ]
        == "Hired"
    )
    dialog.close()
