"""Running an engagement, driven as the owner drives it (issue 18): the
checklists from hire to end with undo, the revoke prompt on ending and
pausing, a secret refused, payments against budget, the statement of work
and the register's export read back, the Overview's lines."""

import csv
import subprocess
from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QMessageBox

from desktop_app.models.access import AccessGrant, grant_access
from desktop_app.models.checklists import ChecklistItem, ChecklistTemplate
from desktop_app.models.contractors import Contractor
from desktop_app.models.engagements import Engagement, create_engagement
from desktop_app.models.formats import day as format_day
from desktop_app.models.payments import Payment, add_payment
from desktop_app.views.engagements.hire_dialog import open_hire_dialog
from tests.dialogs import no_dialog, shown_dialog
from tests.engagement_helpers import brief, contractor

TODAY = date.today()
TODAY_FOLLOWS_THE_CLOCK = True  # conftest.py sets TODAY as each test starts


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def _page(window):
    return window.show_tab("engagements").page()


def _select(page, engagement_id):
    assert page.select_engagement(engagement_id)
    assert page.detail.row.id == engagement_id
    return page.detail


def _texts(table):
    model = table.model()
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def _edit_cell(qtbot, table, row, column, text):
    """Double-click into a cell, type `text`, press Enter."""
    index = table.model().index(row, column)
    table.setCurrentIndex(index)
    table.edit(index)
    shown = [w for w in table.viewport().findChildren(QLineEdit, "cellTextEditor") if w.isVisible()]
    assert len(shown) == 1, shown
    editor = shown[0]
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    # The delegate commits on Return through a queued call: wait for it.
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)


def _answer(qtbot, parent, button):
    """Answer the question box shown over `parent` with `button` (Yes or No)."""
    qtbot.waitUntil(lambda: not no_dialog(parent, "confirmBox"))
    box = shown_dialog(parent, "confirmBox")
    qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: no_dialog(parent, "confirmBox"))


@pytest.fixture
def hired(window, qtbot, store):
    """Ana hired for bookkeeping through the hire dialog, a month ago."""
    ana = contractor("Ana Souza")
    books = brief("Monthly bookkeeping", budget=Decimal("500"), budget_basis="monthly")
    dialog = open_hire_dialog(window.ctx, window, contractor_id=ana, brief_id=books)
    qtbot.waitExposed(dialog)
    start = ago(30)
    dialog.terms.start.setDate(QDate(start.year, start.month, start.day))
    qtbot.mouseClick(dialog.hire_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    return dialog.engagement_id


def test_checklists_from_hire_to_end_with_undo(window, qtbot, hired):
    page = _page(window)
    detail = _select(page, hired)
    detail.show_running(detail.checklists)
    onboarding = detail.checklists.lists["onboarding"]
    assert [row[1] for row in _texts(onboarding.table)] == [
        "Agreement signed",
        "Brief and procedures sent",
        "Accounts granted",
        "First check-in booked",
        "First deliverable reviewed",
    ]
    assert detail.tabs.tabText(detail.tabs.indexOf(detail.running)) == "Running (5)"

    # Tick the first item from the keyboard (Space on its box): done today.
    onboarding.table.setFocus()
    onboarding.table.setCurrentIndex(onboarding.model.index(0, 0))
    qtbot.keyClick(onboarding.table, Qt.Key.Key_Space)
    assert ChecklistItem.get(ChecklistItem.text == "Agreement signed").done_on == TODAY
    assert _texts(onboarding.table)[0][2] == format_day(TODAY)
    assert window.undo_stack.undoText() == "Tick “Agreement signed”"
    # A note, typed in its cell.
    _edit_cell(qtbot, onboarding.table, 1, 3, "Sent with the Xero procedure")
    assert ChecklistItem.get(ChecklistItem.text == "Brief and procedures sent").note == (
        "Sent with the Xero procedure"
    )
    # An item of her own, typed below the list.
    qtbot.keyClicks(onboarding.add_edit, "Bank feeds read-only")
    qtbot.keyClick(onboarding.add_edit, Qt.Key.Key_Return)
    assert _texts(onboarding.table)[-1][1] == "Bank feeds read-only"
    assert detail.tabs.tabText(detail.tabs.indexOf(detail.running)) == "Running (5)"

    # End it: the offboarding list starts.
    Contractor.update(stage="hired").execute()
    detail.end_action.trigger()
    dialog = shown_dialog(page, "endDialog")
    qtbot.waitExposed(dialog)
    assert not dialog.revoke.isVisible()  # no access recorded: nothing to ask
    qtbot.keyClicks(dialog.reason, "The books moved to an accountant.")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert page.select_engagement(hired)
    offboarding = detail.checklists.lists["offboarding"]
    assert detail.checklists.kinds.currentWidget() is offboarding
    assert _texts(offboarding.table)[0][1] == "Access revoked"
    ids = [row.id for row in offboarding.model.rows()]

    # Undo the ending: the offboarding list goes; redo: the very same rows.
    window.undo_stack.undo()
    assert Engagement.get_by_id(hired).status == "trial"
    assert ChecklistItem.select().where(ChecklistItem.kind == "offboarding").count() == 0
    window.undo_stack.redo()
    assert [i.id for i in ChecklistItem.select().where(ChecklistItem.kind == "offboarding")] == ids
    # Undo everything back to before the hire: no list is left behind.
    while window.undo_stack.canUndo():
        window.undo_stack.undo()
    assert (Engagement.select().count(), ChecklistItem.select().count()) == (0, 0)
    while window.undo_stack.canRedo():
        window.undo_stack.redo()
    assert ChecklistItem.select().count() == 11
    assert ChecklistItem.get(ChecklistItem.text == "Agreement signed").done_on == TODAY


def test_a_list_kept_as_a_template_starts_the_next_hire(window, qtbot, hired):
    page = _page(window)
    detail = _select(page, hired)
    panel = detail.checklists
    detail.show_running(panel)
    dialog = panel.ask_template_name()
    qtbot.waitExposed(dialog)
    dialog.setTextValue("Bookkeeper onboarding")
    dialog.accept()
    template = ChecklistTemplate.get()
    assert template.name == "Bookkeeper onboarding" and "Accounts granted" in template.items
    # A template with no items is refused, with why.
    ChecklistItem.delete().execute()
    panel.set_engagement(detail.row)
    assert not panel.save_as_template("Empty one")
    assert "at least one item" in panel.message.text()
    window.undo_stack.undo()  # the template goes
    assert ChecklistTemplate.select().count() == 0


def test_the_revoke_prompt_on_ending_lists_every_open_access(window, qtbot, hired):
    shop = grant_access(
        hired, {"name": "Shopify staff account", "level": "admin", "granted_on": ago(30)}
    )
    drive = grant_access(
        hired, {"name": "Google Drive folder", "level": "view", "granted_on": ago(30)}
    )
    closed = grant_access(hired, {"name": "Old inbox", "granted_on": ago(30), "revoked_on": ago(2)})
    page = _page(window)
    detail = _select(page, hired)
    Contractor.update(stage="hired").execute()
    detail.end_action.trigger()
    dialog = shown_dialog(page, "endDialog")
    qtbot.waitExposed(dialog)
    boxes = dialog.revoke.boxes
    assert set(boxes) == {shop, drive}  # the closed one is not asked about
    assert all(box.isChecked() for box in boxes.values())
    assert "2 accesses still open" in dialog.revoke.heading.text()
    qtbot.mouseClick(boxes[drive], Qt.MouseButton.LeftButton)  # keep the Drive folder open
    qtbot.keyClicks(dialog.reason, "Done.")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert AccessGrant.get_by_id(shop).revoked_on == TODAY
    assert AccessGrant.get_by_id(drive).revoked_on is None
    assert AccessGrant.get_by_id(closed).revoked_on == ago(2)

    # The Overview warns: an ended engagement with access left open.
    overview = window.show_tab("overview").page()
    overview.refresh()
    texts = overview.lists["running"].texts()
    assert "Ana Souza · ended, still has access: Google Drive folder" in texts
    # The line opens the engagement's access register, which says it too.
    view = overview.lists["running"].view
    row = texts.index("Ana Souza · ended, still has access: Google Drive folder")
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    page = window.tab("engagements").page()
    assert page.detail.running.currentWidget() is page.detail.access
    assert "can still reach: Google Drive folder" in page.detail.access.left_open.text()

    window.undo_stack.undo()
    assert AccessGrant.get_by_id(shop).revoked_on is None


def test_pausing_with_access_open_asks_which_to_revoke(window, qtbot, hired):
    shop = grant_access(hired, {"name": "Shopify", "granted_on": ago(30)})
    page = _page(window)
    detail = _select(page, hired)
    detail.status_actions["paused"].trigger()
    dialog = shown_dialog(page, "pauseDialog")
    qtbot.waitExposed(dialog)
    assert list(dialog.choices.boxes) == [shop]
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert Engagement.get_by_id(hired).status == "paused"
    assert AccessGrant.get_by_id(shop).revoked_on == TODAY
    assert window.undo_stack.undoText() == "Pause"
    window.undo_stack.undo()
    assert (Engagement.get_by_id(hired).status, AccessGrant.get_by_id(shop).revoked_on) == (
        "trial",
        None,
    )


def test_a_field_that_looks_like_a_secret_is_refused_under_it(window, qtbot, hired):
    page = _page(window)
    detail = _select(page, hired)
    panel = detail.access
    detail.show_running(panel)
    qtbot.keyClicks(panel.name_edit, "Shopify password: hunter2")
    qtbot.mouseClick(panel.grant_button, Qt.MouseButton.LeftButton)
    message = panel.errors.message("name")
    assert "looks like it holds a password or a key" in message
    assert "password manager" in message
    assert AccessGrant.select().count() == 0
    assert window.undo_stack.count() == 1  # the hire only
    panel.name_edit.clear()
    qtbot.keyClicks(panel.name_edit, "Shopify staff account")
    qtbot.keyClick(panel.name_edit, Qt.Key.Key_Return)
    assert [row[0] for row in _texts(panel.table)] == ["Shopify staff account"]
    assert panel.errors.message("name") == ""
    # A key pasted into a cell later is refused the same way.
    _edit_cell(qtbot, panel.table, 0, 5, "token=ghp_16C7e42F292c6912E7710c838347Ae178B4a")
    assert "looks like it holds a password or a key" in panel.message.text()
    assert AccessGrant.get().note == ""
    # Revoke it today, with one click.
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.revoke_button, Qt.MouseButton.LeftButton)
    assert AccessGrant.get().revoked_on == TODAY


@pytest.fixture
def two_currencies(store):
    """Ana (USD 500 a month budget) and Ben (EUR 800 a month), each paid on
    either side of this month's first day, Ben partly in pounds."""
    ana = create_engagement(
        brief("Bookkeeping", budget=Decimal(500), budget_basis="monthly"),
        contractor("Ana"),
        ago(90),
        rate="40",
        status="active",
    ).id
    ben = create_engagement(
        brief("Design", budget=Decimal(800), budget_basis="monthly", currency="EUR"),
        contractor("Ben"),
        ago(90),
        rate="800",
        rate_unit="month",
        currency="EUR",
        status="active",
    ).id
    first = TODAY.replace(day=1)
    last_month = first - timedelta(days=1)
    for engagement_id, amount, currency, day in (
        (ana, "450", "USD", last_month),
        (ana, "120", "USD", first),
        (ben, "300", "EUR", last_month),
        (ben, "500", "EUR", first),
        (ben, "200", "GBP", first),
    ):
        add_payment(
            engagement_id,
            {"invoiced_on": day, "amount": amount, "currency": currency, "paid_on": day},
        )
    return {"ana": ana, "ben": ben}


def test_budget_against_paid_across_two_currencies_and_a_month_boundary(
    window, qtbot, two_currencies
):
    page = _page(window)
    detail = _select(page, two_currencies["ben"])
    panel = detail.payments
    detail.show_running(panel)
    assert panel.summary.text() == (
        f"{TODAY:%B %Y}: Paid €500.00 of a €800.00 budget: €300.00 left "
        "(and £200.00, not counted against it)."
    )
    dialog = panel.open_month()
    qtbot.waitExposed(dialog)
    rows = {row[0]: row for row in _texts(dialog.table)}
    assert rows["Ana · Bookkeeping"][1:3] == ["$500.00", "$120.00"]
    assert rows["Ben · Design"][1:3] == ["€800.00", "€500.00 + £200.00"]
    totals = dialog.totals.text()
    assert f"{TODAY:%B %Y}: paid €500.00 of €800.00 budgeted (€300.00 left); " in totals
    assert "paid $120.00 of $500.00 budgeted ($380.00 left)" in totals
    assert "Not added together: no rate for EUR, GBP into USD." in totals
    # Last month: the payments made before the first of this month.
    dialog.month_box.setCurrentIndex(1)
    totals = dialog.totals.text()
    assert "paid €300.00 of €800.00 budgeted" in totals and "paid $450.00" in totals
    # Rates typed by the owner add them up into one figure.
    dialog.month_box.setCurrentIndex(0)
    for code, rate in (("eur", "1,10"), ("GBP", "1.25")):
        qtbot.keyClicks(dialog.rate_currency, code)
        qtbot.keyClicks(dialog.rate_value, rate)
        qtbot.keyClick(dialog.rate_value, Qt.Key.Key_Return)
    assert "About $920.00 at your rates." in dialog.totals.text()  # 120 + 550 + 250
    window.undo_stack.undo()
    assert "no rate for GBP" in dialog.totals.text()
    dialog.close()


def test_recording_an_invoice_checks_the_currency_and_asks_before_the_start(
    window, qtbot, two_currencies
):
    page = _page(window)
    detail = _select(page, two_currencies["ana"])
    panel = detail.payments
    detail.show_running(panel)
    before = Payment.select().count()
    dialog = panel.open_record()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.amount_edit, "480")
    dialog.currency_box.setCurrentText("DOL")
    qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    assert "not an ISO 4217 currency code" in dialog.errors.message("currency")
    dialog.currency_box.setCurrentText("usd")
    early = ago(120)
    dialog.day_edit.setDate(QDate(early.year, early.month, early.day))
    qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not no_dialog(dialog, "confirmBox"))
    assert "before the engagement started" in shown_dialog(dialog, "confirmBox").text()
    _answer(qtbot, dialog, QMessageBox.StandardButton.No)
    assert Payment.select().count() == before and dialog.isVisible()
    qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    _answer(qtbot, dialog, QMessageBox.StandardButton.Yes)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    invoice = Payment.select().order_by(Payment.id.desc()).get()
    assert (invoice.amount, invoice.currency, invoice.invoiced_on, invoice.paid_on) == (
        Decimal("480.00"),
        "USD",
        early,
        None,
    )
    # Overdue (due 14 days after its date): it says so, and pays with one click.
    assert invoice.due_on == early + timedelta(days=14)
    states = [row[5] for row in _texts(panel.table)]
    assert "Overdue 106 days" in states
    panel.table.selectRow(states.index("Overdue 106 days"))
    qtbot.mouseClick(panel.pay_button, Qt.MouseButton.LeftButton)
    assert Payment.get_by_id(invoice.id).paid_on == TODAY


def test_the_statement_of_work_and_the_exports_read_back(window, qtbot, hired, tmp_path):
    page = _page(window)
    detail = _select(page, hired)
    agreements = detail.agreements
    detail.show_running(agreements)
    agreements.kind_box.setCurrentIndex(agreements.kind_box.findData("sow"))
    qtbot.mouseClick(agreements.add_button, Qt.MouseButton.LeftButton)
    agreements.table.selectRow(0)
    terms = agreements.term_edits["payment_terms"]
    terms.setFocus()
    qtbot.keyClicks(terms, "Net 7 after each month")
    qtbot.keyClick(terms, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Net 7" in (agreements.model.rows()[0].payment_terms or ""))
    pdf = agreements.export_sow(tmp_path / "sow.pdf")
    assert pdf is not None
    text = " ".join(
        subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    )
    assert "Statement of work Monthly bookkeeping" in text
    assert "Between the client and Ana Souza" in text
    assert "Net 7 after each month" in text
    assert "Terms from the statement of work (not signed yet)" in text

    access = detail.access
    detail.show_running(access)
    qtbot.keyClicks(access.name_edit, "Xero (bookkeeping role)")
    qtbot.keyClick(access.name_edit, Qt.Key.Key_Return)
    out = access.export(tmp_path / "access.csv")
    with out.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [(r["Contractor"], r["Tool or account"], r["Still open"]) for r in rows] == [
        ("Ana Souza", "Xero (bookkeeping role)", "Yes")
    ]
    # Never over the open database.
    assert access.export(window.ctx.database_path) is None
    assert "never replaces a database" in access.message.text()


def test_the_demo_overview_lists_what_running_the_engagements_asks(window, store):
    from desktop_app.demo import fill_demo_data

    fill_demo_data(TODAY)
    overview = window.show_tab("overview").page()
    overview.refresh()
    texts = overview.lists["running"].texts()
    assert texts[0] == (
        "Mateusz Zieliński · ended, still has access: Hosting control panel (SiteGround)"
    )
    assert texts[1] == "Luca Romano · invoice of $600.00 overdue 26 days"
    assert (
        "Nadia Haddad · 2 onboarding items open: Agreement signed, Walk her through the "
        "refund policy"
    ) in texts
    assert f"<b>{TODAY:%B}:</b> paid $320.00 of $" in overview.money_line.text()
    assert "before your first hire (5 weeks logged)" in overview.focus_line.text()
    assert "priorities: 1 of 3 done" in overview.focus_line.text()
    spend = overview.tiles["spend"]
    # The demo's paid trials owed this month (it depends on the day) are said apart.
    from desktop_app.models.payments import month_spend

    trials = month_spend(TODAY, TODAY).trial_pay
    assert spend.detail_label.text() == "$320 paid, $600 estimated" + (
        f"; ${trials['USD']:,.0f} for paid trials" if trials else ""
    )
