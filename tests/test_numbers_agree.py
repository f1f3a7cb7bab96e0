"""One number, one function: the window, the Overview and the review PDF agree."""

from datetime import date, timedelta

from pypdf import PdfReader

from desktop_app.models.engagements import add_check_in
from tests.engagement_helpers import engagement, feedback, report
from tests.test_engagements_view import _select

TODAY = date.today()
TODAY_FOLLOWS_THE_CLOCK = True  # conftest.py sets TODAY as each test starts


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def _pdf_text(path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_the_review_pdf_counts_the_check_ins_the_owner_started_as_the_window_does(
    window, qtbot, tmp_path
):
    # Fortnightly: four check-ins the owner opened ("I asked for it") in four
    # weeks, and one report the contractor sent of their own accord.
    noor = engagement(ago(40), contractor_name="Noor Haddad", title="Listings", cadence=14)
    for days in (20, 14, 9, 3):
        report(noor, ago(days), by="owner", summary="How are the listings going?")
    report(noor, ago(6), summary="Forty listings done.")
    page = window.show_tab("engagements").page()
    _select(page, qtbot, "Noor Haddad")
    banner = page.detail.micro_banner
    assert banner.isVisible()
    assert "You started 4 check-ins in the last 28 days" in banner.text.text()

    text = _pdf_text(page.export_review(tmp_path / "review.pdf"))
    assert "5 (4 started by you)" in text
    assert "asked for by you" not in text
    # The check-ins table names the owner on exactly the four they started.
    table = text[text.index("What was said") :]
    assert table.count("You") == 4


def test_a_report_the_owner_requested_counts_as_theirs_everywhere(window, qtbot, tmp_path):
    lea = engagement(ago(30), contractor_name="Léa Martin", title="Support", cadence=7)
    add_check_in(lea, ago(2), initiated_by="owner", kind="request")
    report(lea, ago(1))
    page = window.show_tab("engagements").page()
    _select(page, qtbot, "Léa Martin")
    assert page.detail.row.micromanagement.owner_started == 1
    text = _pdf_text(page.export_review(tmp_path / "review.pdf"))
    assert "2 (1 started by you)" in text


def test_a_contractor_with_a_warning_is_never_doing_well(window, qtbot):
    # Nadia in the demo: high confidence, but the owner checks in every few days.
    nadia = engagement(ago(34), contractor_name="Nadia Haddad", title="Etsy listings")
    for days in (33, 26, 19, 12, 5):
        report(nadia, ago(days))
    for days in (27, 24, 22, 20, 17, 15, 13, 10, 8, 6, 3, 1):
        add_check_in(nadia, ago(days), initiated_by="owner", kind="request")
    feedback(nadia, ago(20), 4)
    feedback(nadia, ago(6), 4)
    sofia = engagement(ago(60), contractor_name="Sofia Almeida", title="Photos")
    report(sofia, ago(2))
    feedback(sofia, ago(10), 5)

    overview = window.show_tab("overview").page()
    overview.refresh()
    assert "Sofia Almeida" in overview.doing_well.text()
    assert "Nadia Haddad" not in overview.doing_well.text()
    assert overview.lists["act"].texts() == [
        "Nadia Haddad · Etsy listings · you check in more than agreed"
    ]


def test_an_overdue_check_in_is_a_warning_too(store):
    from desktop_app.models.engagements import get_engagement

    omar = engagement(ago(60), contractor_name="Omar", title="Books", cadence=7)
    report(omar, ago(12))
    feedback(omar, ago(12), 5)
    row = get_engagement(omar, TODAY)
    assert row.warnings == ["check-in 5 days overdue"]
    assert not row.doing_well
