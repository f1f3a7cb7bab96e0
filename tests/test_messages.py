"""Messages of the search: every template filled from the data, its mailto
link per RFC 6068, owners' templates, missing and unknown placeholders,
and the history."""

from datetime import date, datetime
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from PySide6.QtCore import QUrl

from desktop_app.demo import fill_demo_data
from desktop_app.exporters.mailto import mailto_url
from desktop_app.models.briefs import find_briefs
from desktop_app.models.contractors import Contractor, Interview
from desktop_app.models.engagements import Feedback
from desktop_app.models.errors import ValidationError
from desktop_app.models.messages import (
    SHIPPED,
    MessageKind,
    compose,
    messages_of,
    record_sent,
    rerecord_sent,
    save_template,
    still_missing,
    template_of,
    unrecord_sent,
    write_template,
)
from desktop_app.models.referrals import ReferralRequest, Referrer
from desktop_app.models.trials import offer_rows
from tests.conftest import BOTH_ENGINES

pytestmark = BOTH_ENGINES

DAY = date(2026, 11, 20)


@pytest.fixture
def demo(store):
    fill_demo_data(DAY)
    return find_briefs("Monthly bookkeeping")[0][0]


def _people():
    return {c.name: c.id for c in Contractor.select()}


def _message(kind, books):
    people = _people()
    ana = people["Ana Ferreira"]
    if kind == MessageKind.REFERRAL_REQUEST:
        leo = Referrer.get(Referrer.name == "Leo Martins").id
        return compose(kind, referrer_id=leo, brief_id=books)
    if kind == MessageKind.INTERVIEW_INVITE:
        scheduled = (Interview.contractor == people["Tomasz Nowak"]) & ~Interview.held
        interview = Interview.select().where(scheduled).get()
        return compose(kind, interview_id=interview.id)
    if kind == MessageKind.TRIAL_OFFER:
        offer = next(o for o in offer_rows(brief_id=books) if o.contractor_id == ana)
        return compose(kind, offer_id=offer.id)
    if kind == MessageKind.DECLINE:
        reason = "Ana's trial was on time and the month-end note clearer."
        return compose(kind, contractor_id=people["Tomasz Nowak"], brief_id=books, reason=reason)
    if kind == MessageKind.SEND_BRIEF:
        return compose(kind, contractor_id=ana, brief_id=books,
                       brief_pdf="/home/maya/Briefs/Monthly bookkeeping.pdf")  # fmt: skip
    if kind == MessageKind.SEND_FEEDBACK:
        return compose(kind, feedback_id=Feedback.select().order_by(Feedback.id).first().id)
    return compose(kind, contractor_id=ana, brief_id=books)


EXPECTED = {
    MessageKind.REFERRAL_REQUEST: ("leo@example.com", "Do you know someone for Monthly "
                                   "bookkeeping?", ("Hi Leo,", "Northwind Planners", "Xero")),
    MessageKind.INTERVIEW_INVITE: ("tomasz.nowak@example.pl", "Interview for Monthly bookkeeping",
                                   ("Hi Tomasz,", "Sun, November 22 at 9:00\u202fAM (phone)")),
    MessageKind.REFERENCES_REQUEST: ("ana.ferreira@example.com", "References and samples for "
                                     "Monthly bookkeeping", ("two references",)),
    MessageKind.TRIAL_OFFER: ("ana.ferreira@example.com", "A paid trial for Monthly bookkeeping",
                              ("It pays $120", "by Nov 24, 2026", "Reconcile October")),
    MessageKind.DECLINE: ("tomasz.nowak@example.pl", "Monthly bookkeeping",
                          ("someone else this time: Ana's trial was on time",)),
    MessageKind.SEND_BRIEF: ("ana.ferreira@example.com", "The brief: Monthly bookkeeping",
                             ("saved at /home/maya/Briefs/Monthly bookkeeping.pdf",
                              "budget ($450 (per month))")),
    MessageKind.SEND_FEEDBACK: ("", "Feedback on ", ("What was good:",)),
}  # fmt: skip


@pytest.mark.parametrize("kind", list(MessageKind))
def test_each_template_is_filled_from_the_data_and_its_mailto_follows_rfc_6068(demo, kind):
    message = _message(kind, demo)
    to, subject_start, inside = EXPECTED[kind]
    if to:
        assert message.to == to
    assert message.subject.startswith(subject_start)
    for words in inside:
        assert words in message.body, (words, message.body)
    assert message.body.endswith("Maya Lindqvist") or "Maya Lindqvist" in message.body
    url = mailto_url(message.to, message.subject, message.body)
    # RFC 6068: one mailto URI, no raw space, line break, "+", "&" or "#" in a value;
    # the body's line breaks as %0D%0A; UTF-8 percent-encoding.
    assert url.startswith("mailto:") and " " not in url and "\n" not in url and "+" not in url
    assert "#" not in url
    assert "%0D%0A" in url and "%0A%0A" not in url
    parts = urlsplit(url)
    assert unquote(parts.path) == message.to
    query = parse_qs(parts.query)
    assert query["subject"] == [message.subject]
    assert query["body"] == [message.body.replace("\n", "\r\n")]
    assert QUrl(url, QUrl.ParsingMode.StrictMode).isValid()


def test_a_placeholder_without_a_value_is_flagged_until_written_over(demo):
    people = _people()
    message = compose(MessageKind.INTERVIEW_INVITE, contractor_id=people["Ana Ferreira"],
                      brief_id=demo)  # fmt: skip
    assert message.missing == ("interview_when", "interview_medium")
    assert "«interview_when»" in message.body
    edited = message.body.replace("«interview_when»", "Tuesday at 10:00")
    assert still_missing(message, message.subject, edited) == ["interview_medium"]


def test_owners_edit_templates_and_an_unknown_placeholder_is_named(demo):
    with pytest.raises(ValidationError) as refused:
        save_template(MessageKind.DECLINE, "No thanks, {first_name}", "We chose {winner}.")
    assert "“{winner}” is not a placeholder" in str(refused.value)
    assert refused.value.field == "body"
    with pytest.raises(ValidationError, match="no partner"):
        save_template(MessageKind.DECLINE, "Hi", "Price {brief_budget")
    before = save_template(
        MessageKind.DECLINE, "About {brief_title}", "Dear {first_name}: {reason}"
    )
    # The sample workspace has Maya's own decline; hers is what this replaces.
    assert before.own and before.subject == "{brief_title}: thank you"
    people = _people()
    message = compose(MessageKind.DECLINE, contractor_id=people["Sam Taylor"], brief_id=demo,
                      reason="we need Pinterest")  # fmt: skip
    assert (message.subject, message.body) == (
        "About Monthly bookkeeping", "Dear Sam: we need Pinterest"
    )  # fmt: skip
    write_template(before)  # undo
    assert template_of(MessageKind.DECLINE) == before
    write_template(SHIPPED[MessageKind.DECLINE])  # back to the shipped one
    assert not template_of(MessageKind.DECLINE).own


def test_a_sent_message_is_in_the_contractor_s_history_and_undoes(demo):
    people = _people()
    sam = people["Sam Taylor"]
    contacted = Contractor.get_by_id(sam).last_contact
    message = compose(MessageKind.REFERENCES_REQUEST, contractor_id=sam, brief_id=demo)
    sent = record_sent(message, message.subject, message.body + "\nPS", via="clipboard")
    (row,) = messages_of(sam)
    assert (row.kind_text, row.via, row.brief_title) == (
        "Ask for references or samples", "clipboard", "Monthly bookkeeping"
    )  # fmt: skip
    assert row.body.endswith("PS")
    assert Contractor.get_by_id(sam).last_contact == row.sent_at
    undone = unrecord_sent(sent)
    assert messages_of(sam) == []
    assert Contractor.get_by_id(sam).last_contact == contacted  # undone too
    rerecord_sent(undone)
    assert [r.id for r in messages_of(sam)] == [row.id]
    assert Contractor.get_by_id(sam).last_contact == row.sent_at
    # Asking a referrer is kept as a request for a referral.
    leo = Referrer.get(Referrer.name == "Leo Martins").id
    before = ReferralRequest.select().count()
    ask = compose(MessageKind.REFERRAL_REQUEST, referrer_id=leo, brief_id=demo)
    asked = record_sent(ask, ask.subject, ask.body, on=date(2026, 11, 20))
    assert ReferralRequest.get_by_id(asked.request_id).asked_on == date(2026, 11, 20)
    unrecord_sent(asked)
    assert ReferralRequest.select().count() == before


def test_compose_names_a_time_it_is_given(demo):
    people = _people()
    message = compose(MessageKind.INTERVIEW_INVITE, contractor_id=people["Sam Taylor"],
                      brief_id=demo, interview_when=datetime(2026, 11, 24, 15, 30))  # fmt: skip
    assert "Tue, November 24 at 3:30\u202fPM" in message.body


def test_an_invitation_across_time_zones_gives_the_time_in_both(demo):
    people = _people()
    # Maya works in Stockholm; Pixel & Post in Sydney (summer there, winter here: +10 h).
    sydney = compose(MessageKind.INTERVIEW_INVITE, contractor_id=people["Pixel & Post Studio"],
                     brief_id=demo, interview_when=datetime(2026, 11, 24, 9, 0))  # fmt: skip
    assert (
        "Tue, November 24 at 9:00\u202fAM Stockholm time, 7:00\u202fPM Sydney time" in sydney.body
    )
    # Past their midnight the day is said too; Chicago is 7 h behind.
    late = compose(MessageKind.INTERVIEW_INVITE, contractor_id=people["Pixel & Post Studio"],
                   brief_id=demo, interview_when=datetime(2026, 11, 24, 15, 0))  # fmt: skip
    assert (
        "at 3:00\u202fPM Stockholm time, Wed, November 25 at 1:00\u202fAM Sydney time" in late.body
    )
    chicago = compose(MessageKind.INTERVIEW_INVITE,
                      contractor_id=people["Ledgerlight Bookkeeping"], brief_id=demo,
                      interview_when=datetime(2026, 11, 24, 15, 0))  # fmt: skip
    assert "at 3:00\u202fPM Stockholm time, 8:00\u202fAM Chicago time" in chicago.body
    # The same clock (Warsaw): the time once, as before.
    warsaw = compose(MessageKind.INTERVIEW_INVITE, contractor_id=people["Tomasz Nowak"],
                     brief_id=demo, interview_when=datetime(2026, 11, 24, 9, 0))  # fmt: skip
    assert "Tue, November 24 at 9:00\u202fAM (" in warsaw.body
