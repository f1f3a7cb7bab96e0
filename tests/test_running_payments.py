"""Payments against budget, agreements and the statement of work: the model side."""

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from desktop_app.models.agreements import (
    add_agreement,
    agreements_of,
    notice_text,
    statement_of_work,
    update_agreement,
)
from desktop_app.models.briefs import Brief
from desktop_app.models.engagements import create_engagement
from desktop_app.models.errors import NeedsConfirmation, ValidationError
from desktop_app.models.payments import (
    BriefBudget,
    Payment,
    PaymentState,
    add_payment,
    month_budget,
    month_spend,
    overdue_payments,
    payment_rows,
    set_conversion_rate,
    update_payment,
)
from desktop_app.models.settings import load_settings, save_settings
from tests.conftest import BOTH_ENGINES
from tests.engagement_helpers import brief, contractor

pytestmark = BOTH_ENGINES

TODAY = date(2026, 12, 3)
NOVEMBER, DECEMBER = date(2026, 11, 1), date(2026, 12, 1)


@pytest.fixture
def two_currencies(store):
    """Ana's bookkeeping (USD 500 a month budget) and Ben's design (EUR 800 a
    month), both paid on each side of the month boundary; Cleo started mid
    November at USD 600 a month and has paid nothing yet."""
    ana = create_engagement(
        brief("Bookkeeping", budget=Decimal(500), budget_basis="monthly", currency="USD"),
        contractor("Ana"),
        date(2026, 10, 1),
        rate="40",
        status="active",
    ).id
    ben = create_engagement(
        brief("Design", budget=Decimal(800), budget_basis="monthly", currency="EUR"),
        contractor("Ben"),
        date(2026, 10, 1),
        rate="800",
        rate_unit="month",
        currency="EUR",
        status="active",
    ).id
    cleo = create_engagement(
        brief("Support inbox", budget=Decimal(650), budget_basis="monthly", currency="USD"),
        contractor("Cleo"),
        date(2026, 11, 15),
        rate="600",
        rate_unit="month",
        status="active",
    ).id
    paid = [
        (ana, "450", "USD", date(2026, 11, 30)),
        (ana, "120", "USD", date(2026, 12, 1)),
        (ben, "300", "EUR", date(2026, 11, 30)),
        (ben, "500", "EUR", date(2026, 12, 1)),
        # Ben's expenses were invoiced in pounds: never added to the euros.
        (ben, "200", "GBP", date(2026, 12, 2)),
    ]
    for engagement_id, amount, currency, day in paid:
        add_payment(
            engagement_id,
            {"invoiced_on": day, "amount": amount, "currency": currency, "paid_on": day},
        )
    return {"ana": ana, "ben": ben, "cleo": cleo}


def test_budget_against_paid_across_two_currencies_and_a_month_boundary(two_currencies):
    november = month_spend(NOVEMBER, TODAY)
    assert november.paid == {"USD": Decimal("450.00"), "EUR": Decimal("300.00")}
    assert november.budget == {"USD": Decimal("1150.00"), "EUR": Decimal("800.00")}
    assert november.budget_lines() == [
        ("EUR", Decimal("300.00"), Decimal("800.00")),
        ("USD", Decimal("450.00"), Decimal("1150.00")),
    ]

    december = month_spend(DECEMBER, TODAY)
    assert december.paid == {
        "USD": Decimal("120.00"),
        "EUR": Decimal("500.00"),
        "GBP": Decimal("200.00"),
    }
    # Pounds paid against a budget in euros do not count against it.
    ben = december.line_of(two_currencies["ben"])
    assert ben.paid_against_budget() == Decimal("500.00")
    assert december.budget_lines() == [
        ("EUR", Decimal("500.00"), Decimal("800.00")),
        ("USD", Decimal("120.00"), Decimal("1150.00")),
    ]


def test_spend_is_paid_where_paid_and_estimated_elsewhere_saying_which(two_currencies):
    december = month_spend(DECEMBER, TODAY)
    ana = december.line_of(two_currencies["ana"])
    cleo = december.line_of(two_currencies["cleo"])
    assert ana.from_payments and ana.spend == {"USD": Decimal("120.00")}
    assert ana.spend_basis == "Paid: 1 payment this month."
    assert not cleo.from_payments and cleo.spend == {"USD": Decimal("600")}
    assert cleo.spend_basis == "Estimated: Monthly rate."
    assert december.spend == {
        "USD": Decimal("720.00"),
        "EUR": Decimal("500.00"),
        "GBP": Decimal("200.00"),
    }
    assert december.estimated == {"USD": Decimal("600.00")}


def test_totals_convert_only_with_the_owners_rates(two_currencies):
    december = month_spend(DECEMBER, TODAY)
    converted = december.converted(december.paid)
    assert (converted.currency, converted.amount, converted.missing) == (
        "USD",
        None,
        ("EUR", "GBP"),
    )

    set_conversion_rate("EUR", "1,10", "USD")
    set_conversion_rate("gbp", "1.25", "USD")
    december = month_spend(DECEMBER, TODAY)
    assert december.converted(december.paid).amount == Decimal("920.00")  # 120 + 550 + 250
    with pytest.raises(ValidationError):
        set_conversion_rate("USD", "1", "USD")
    with pytest.raises(ValidationError):
        set_conversion_rate("EUR", "-2", "USD")
    # The settings' currency is what totals are converted into.
    save_settings(dataclasses.replace(load_settings(), currency="EUR"))
    assert month_spend(DECEMBER, TODAY).converted({"EUR": Decimal(1)}).amount == Decimal("1.00")


def test_a_payment_not_in_iso_4217_is_refused(two_currencies):
    before = Payment.select().count()
    for typed in ("XYZ", "dollars", "", "US$"):
        with pytest.raises(ValidationError) as refused:
            add_payment(
                two_currencies["ana"],
                {"invoiced_on": TODAY, "amount": "10", "currency": typed},
            )
        assert refused.value.field == "currency"
        assert "ISO 4217" in str(refused.value)
    assert Payment.select().count() == before
    payment = add_payment(
        two_currencies["ana"], {"invoiced_on": TODAY, "amount": "10", "currency": " chf"}
    )
    assert Payment.get_by_id(payment).currency == "CHF"


def test_a_payment_dated_before_the_engagement_started_asks_first(two_currencies):
    ana = two_currencies["ana"]
    before = Payment.select().count()
    values = {"invoiced_on": date(2026, 9, 20), "amount": "200", "paid_on": date(2026, 9, 20)}
    with pytest.raises(NeedsConfirmation) as asked:
        add_payment(ana, values)
    assert "Sep 20, 2026, before the engagement started (Oct 1, 2026)" in asked.value.question
    assert Payment.select().count() == before
    deposit = add_payment(ana, values, confirmed=True)
    assert Payment.get_by_id(deposit).amount == Decimal("200")
    # Editing something else does not ask again.
    assert update_payment(deposit, {"reference": "Deposit"}) == {"reference": ""}
    with pytest.raises(NeedsConfirmation):
        update_payment(deposit, {"paid_on": date(2026, 9, 1)})


def test_bad_amounts_and_dates_are_refused_naming_the_field(two_currencies):
    ana = two_currencies["ana"]
    cases = [
        ({"invoiced_on": TODAY, "amount": "0"}, "amount"),
        ({"invoiced_on": TODAY, "amount": "lots"}, "amount"),
        ({"amount": "10"}, "invoiced_on"),
        ({"invoiced_on": TODAY, "amount": "10", "due_on": date(2026, 12, 1)}, "due_on"),
        (
            {
                "invoiced_on": TODAY,
                "amount": "10",
                "period_start": date(2026, 12, 1),
                "period_end": date(2026, 11, 1),
            },
            "period_end",
        ),
        ({"invoiced_on": TODAY, "amount": "10", "file_hash": "not-a-hash"}, "file_hash"),
    ]
    for values, field in cases:
        with pytest.raises(ValidationError) as refused:
            add_payment(ana, values)
        assert refused.value.field == field, values


def test_overdue_invoices(two_currencies):
    ana = two_currencies["ana"]
    late = add_payment(
        ana,
        {
            "invoiced_on": date(2026, 11, 1),
            "due_on": date(2026, 11, 15),
            "amount": "480",
            "reference": "INV-0042",
        },
    )
    add_payment(ana, {"invoiced_on": date(2026, 11, 20), "amount": "90"})  # due 20 Dec
    [overdue] = overdue_payments(TODAY)
    assert (overdue.id, overdue.days_overdue(TODAY)) == (late, 18)
    assert overdue.state(TODAY) is PaymentState.OVERDUE
    update_payment(late, {"paid_on": TODAY})
    assert overdue_payments(TODAY) == []
    # The month's export: payments made in the month and its invoices still unpaid.
    rows = payment_rows(month=date(2026, 11, 1))
    assert sorted((r.amount, r.paid_on) for r in rows) == [
        (Decimal("90.00"), None),
        (Decimal("300.00"), date(2026, 11, 30)),
        (Decimal("450.00"), date(2026, 11, 30)),
    ]


def test_the_monthly_budget_of_each_basis():
    start, end = date(2026, 10, 15), date(2026, 12, 10)
    fixed = BriefBudget(Decimal("3000"), "fixed", "USD", None)
    assert month_budget(fixed, start, end, date(2026, 11, 1), None)[0] == Decimal("1000.00")
    assert month_budget(fixed, start, end, date(2027, 1, 1), None)[0] is None
    open_ended = BriefBudget(Decimal("3000"), "fixed", "USD", None)
    assert month_budget(open_ended, start, None, date(2026, 10, 1), None)[0] == Decimal("3000.00")
    assert month_budget(open_ended, start, None, date(2026, 11, 1), None)[0] is None
    hourly = BriefBudget(Decimal("25"), "hourly", "USD", None)
    assert month_budget(hourly, start, None, date(2026, 11, 1), Decimal("12.5"))[0] == Decimal(
        "312.50"
    )
    amount, basis = month_budget(hourly, start, None, date(2026, 11, 1), None)
    assert amount is None and "not known" in basis


def test_agreements_and_the_statement_of_work_terms(store):
    brief_id = brief(
        "Monthly bookkeeping",
        summary="Keep the books.",
        deliverables="Monthly P&L, PDF",
        budget=Decimal(500),
        budget_basis="monthly",
        revision_rounds=2,
    )
    engagement_id = create_engagement(
        brief_id, contractor("Ana"), date(2026, 10, 1), rate="40", status="active"
    ).id
    sow = statement_of_work(engagement_id, TODAY)
    assert sow.rate == "$40 per hour"
    assert sow.terms_source.startswith("No agreement recorded")

    nda = add_agreement(engagement_id, {"kind": "nda", "signed_on": date(2026, 9, 28)})
    contract = add_agreement(
        engagement_id,
        {
            "kind": "sow",
            "notice_days": "14",
            "ip_terms": "IP moves on payment",
            "payment_terms": "Net 7",
            "confidentiality": "No customer data leaves Xero",
        },
    )
    assert [a.kind for a in agreements_of(engagement_id)] == ["nda", "sow"]
    sow = statement_of_work(engagement_id, TODAY)
    assert (sow.notice, sow.payment_terms, sow.ip_terms) == (
        "2 weeks written notice by either side",
        "Net 7",
        "IP moves on payment",
    )
    assert sow.terms_source == "Terms from the statement of work (not signed yet)"
    assert update_agreement(contract, {"signed_on": date(2026, 10, 2)}) == {"signed_on": None}
    for bad, field in (
        ({"kind": "handshake"}, "kind"),
        ({"notice_days": "two weeks"}, "notice_days"),
        ({"notice_days": 400}, "notice_days"),
        ({"ip_terms": "x" * 600}, "ip_terms"),
    ):
        with pytest.raises(ValidationError) as refused:
            update_agreement(nda, bad)
        assert refused.value.field == field
    assert [notice_text(d) for d in (0, 1, 14, 30, None)] == [
        "No notice",
        "1 day",
        "2 weeks",
        "30 days",
        "",
    ]
    assert Brief.get_by_id(brief_id).title == sow.brief.title
