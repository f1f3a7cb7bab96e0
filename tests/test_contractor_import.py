"""CSV and vCard imports from files written here: broken records are
reported with their reason and not imported; the rest go in together."""

import pytest

from desktop_app.exporters.contractors_csv import export_contractors_csv
from desktop_app.importers.contractor_records import run_plan
from desktop_app.importers.contractors_csv import guess_mapping, plan_csv, plan_csv_file, read_csv
from desktop_app.importers.vcard import plan_vcard_file
from desktop_app.models import contractors as bench
from desktop_app.models.contractor_input import parse_contractor
from desktop_app.models.errors import UserError
from desktop_app.models.progress import Cancelled
from tests.conftest import BOTH_ENGINES

pytestmark = BOTH_ENGINES

SPREADSHEET = (
    "Full name;Email;Phone;Found on;Status;Hourly rate;Skills;My rating;Comments\n"
    "Ana Ferreira;ana@example.com;+351 912 345 678;Upwork;Interviewing;$32/hr;"
    "bookkeeping, Xero;4/5;Strong on Xero\n"
    "Bo Lind;bo@example;;referred by Sofia;;25;support;;bad e-mail\n"
    "Chen Wei;chen@example.com;;Codeable;Promoted;€40;wordpress;;unknown stage\n"
    "Dana Price;dana@example.com;;Freelancer;Contacted;-10;copywriting;;negative rate\n"
    "Eve Stone;eve@example.com;;referral from Ana;Prospect;1.200 EUR/month;social media;9;\n"
    ";nobody@example.com;;;;;;;no name\n"
    "Femi Ade;femi@example.com;+234 803 555 0101;Freelancer;Trial;15 USD per hour;"
    "support, email;★★★☆☆;\n"
)


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_csv_columns_are_mapped_from_their_headers(tmp_path):
    table = read_csv(write(tmp_path, "bench.csv", SPREADSHEET))
    assert table.delimiter == ";"
    mapping = guess_mapping(table.headers)
    assert mapping["name"] == (0,) and mapping["email"] == (1,) and mapping["source"] == (3,)
    assert mapping["stage"] == (4,) and mapping["rate"] == (5,) and mapping["rating"] == (7,)
    assert mapping["notes"] == (8,) and mapping["website"] == ()


def test_broken_csv_rows_are_reported_with_reasons_and_the_rest_imported(store, tmp_path):
    plan = plan_csv_file(write(tmp_path, "bench.csv", SPREADSHEET))
    assert [r.values["name"] for r in plan.records] == ["Ana Ferreira", "Femi Ade"]
    refused = dict(plan.refused)
    assert "e-mail address" in refused["line 3 (Bo Lind)"]
    assert "not a pipeline stage" in refused["line 4 (Chen Wei)"]
    assert "cannot be below zero" in refused["line 5 (Dana Price)"]
    assert "from 1 to 5, not 9" in refused["line 6 (Eve Stone)"]
    assert "Name is required" in refused["line 7"]
    ana = plan.records[0].values
    assert (ana["source"], ana["stage"], str(ana["rate"]), ana["currency"], ana["rate_unit"]) == (
        "upwork",
        "interviewing",
        "32.00",
        "USD",
        "hour",
    )
    assert ana["rating"] == 4 and ana["notes"] == "Strong on Xero"
    assert plan.records[1].values["rating"] == 3

    outcome = run_plan(plan, bench.OnDuplicate.SKIP)
    assert len(outcome.created) == 2
    names = sorted(row.name for row in bench.contractor_rows())
    assert names == ["Ana Ferreira", "Femi Ade"]
    history = bench.contractor_detail(outcome.created[0]).history
    assert history[0].reason == "Imported from bench.csv"


def test_csv_in_windows_1252_with_a_referral_and_a_niche_site(store, tmp_path):
    text = "Name,Source,Rate,Currency\nJosé Núñez,referred by Zoë,30,eur\nKim,Codeable,,\n"
    plan = plan_csv_file(write(tmp_path, "old.csv", text, "cp1252"))
    jose, kim = (r.values for r in plan.records)
    assert jose["name"] == "José Núñez"
    assert (jose["source"], jose["source_detail"], jose["currency"]) == ("referral", "Zoë", "EUR")
    assert (kim["source"], kim["source_detail"]) == ("niche", "Codeable")


def test_a_csv_without_a_name_column_says_which_columns_it_has(store, tmp_path):
    with pytest.raises(UserError, match=r"no column named “Name”.*Email, Phone"):
        plan_csv_file(write(tmp_path, "x.csv", "Email,Phone\na@example.com,\n"))
    table = read_csv(write(tmp_path, "y.csv", "Email,Phone\na@example.com,\n"))
    with pytest.raises(UserError, match="Choose the column"):
        plan_csv(table, guess_mapping(table.headers))


def test_an_unreadable_row_is_refused_with_its_reason(store, tmp_path):
    text = 'Name,Notes\n"Ana,"unterminated\nBo,"a quote that\nnever closes\nCy,fine\n'
    plan = plan_csv_file(write(tmp_path, "bad.csv", text))
    assert [record.values["name"] for record in plan.records] == ["never closes", "Cy"]
    assert plan.refused == [
        ("line 2", "A quote (\") closes in the middle of a cell; put the whole cell in quotes."),
        ("line 3", "A quote (\") opens in this row and never closes; the lines after it are "
         "read as rows of their own."),
    ]  # fmt: skip
    with pytest.raises(UserError, match="no contractors"):
        read_csv(write(tmp_path, "header.csv", "Name,Email\n"))


def test_duplicates_are_flagged_and_skipped_merged_or_added(store, tmp_path):
    existing = bench.create_contractor(
        parse_contractor({"name": "Ana F.", "email": "ana@example.com", "notes": "met online"})
    )
    path = write(tmp_path, "bench.csv", SPREADSHEET)
    plan = plan_csv_file(path)
    assert plan.records[0].duplicates[0].contractor_id == existing
    assert "1 of them already on the bench" in plan.describe()

    skipped = run_plan(plan, bench.OnDuplicate.SKIP)
    assert [name for _, name, _ in skipped.skipped] == ["Ana Ferreira"]
    bench.undo_import(skipped)
    assert len(bench.contractor_rows()) == 1

    merged = run_plan(plan_csv_file(path), bench.OnDuplicate.MERGE)
    values = bench.contractor_values(existing)
    assert values["phone"] == "+351 912 345 678" and values["skills"] == "bookkeeping, Xero"
    assert values["name"] == "Ana F."
    bench.undo_import(merged)
    assert bench.contractor_values(existing)["phone"] == ""
    bench.redo_import(merged)
    assert bench.contractor_values(existing)["phone"] == "+351 912 345 678"
    assert len(bench.contractor_rows()) == 2


def test_rows_repeated_within_one_file_are_caught(store, tmp_path):
    text = "Name,E-mail\nAna,ana@example.com\nAna again,ANA@example.com\n"
    plan = plan_csv_file(write(tmp_path, "twice.csv", text))
    assert plan.records[1].duplicates[0].name.startswith("Ana (line 2")
    outcome = run_plan(plan, bench.OnDuplicate.SKIP)
    assert len(outcome.created) == 1 and len(outcome.skipped) == 1


def test_export_writes_what_import_reads_back(store, tmp_path):
    bench.create_contractor(parse_contractor({
        "name": "Zoë <Ünïcode> & Co", "email": "zoe@example.com", "phone": "+44 20 7946 0958",
        "rate": "45.5", "currency": "GBP", "rate_unit": "month", "source": "referral",
        "source_detail": "Ana", "stage": "trial", "rating": "4", "skills": "=SUM(A1), tax",
        "notes": "line one\nline two", "last_contact": "2026-11-02", "kind": "agency",
    }))  # fmt: skip
    out = tmp_path / "bench.csv"
    assert export_contractors_csv(out) == 1
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, so Excel shows the accents
    text = raw.decode("utf-8-sig")
    # A phone opens as text with no mark; a formula-like cell keeps its guard.
    assert '"=""+44 20 7946 0958"""' in text and "'+44" not in text
    assert "'=SUM(A1)" in text
    original = bench.contractor_values(bench.contractor_rows()[0].id)
    plan = plan_csv_file(out)
    assert plan.refused == []
    imported = plan.records[0].values
    for key in original:
        assert imported[key] == original[key], key


VCARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Kowalski;Jan;;;\r\nFN:Jan Kowalski\r\nORG:Kowalski Books\r\n"
    "EMAIL;TYPE=INTERNET:jan@example.pl\r\nTEL;TYPE=CELL:+48 600 100 200\r\n"
    "item1.URL:jan.example.pl\r\nCATEGORIES:bookkeeping,Xero\r\n"
    "ADR;TYPE=WORK:;;ul. Długa 1;Kraków;;30-001;Poland\r\nNOTE:Recommended by\r\n  Ana\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Helpdesk Heroes\r\n"
    "EMAIL;TYPE=work:team@helpdeskheroes.example.com\r\n"
    "TEL;VALUE=uri;TYPE=voice:tel:+44-20-7946-0958\r\nTZ:Europe/London\r\n"
    "URL:https://helpdeskheroes.example.com\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Broken Bob\r\nthis line is broken\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Bad Mail\r\nEMAIL:not-an-address\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1:Muller;Hans\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Never Closed\r\n"
)


def test_vcard_3_and_4_import_and_broken_cards_are_reported(store, tmp_path):
    plan = plan_vcard_file(write(tmp_path, "contacts.vcf", VCARDS))
    jan, heroes, bob, bad_mail, hans = (r.values for r in plan.records)
    assert jan["name"] == "Jan Kowalski" and jan["kind"] == "individual"
    assert (jan["email"], jan["phone"]) == ("jan@example.pl", "+48 600 100 200")
    assert jan["website"] == "https://jan.example.pl"
    assert jan["location"] == "Kraków, Poland" and jan["skills"] == "bookkeeping, Xero"
    assert "Recommended by Ana" in jan["notes"] and "Organisation: Kowalski Books" in jan["notes"]
    assert heroes["kind"] == "agency" and heroes["phone"] == "+44-20-7946-0958"
    assert heroes["timezone"] == "Europe/London"
    # One unreadable line or value keeps the contact; what was not read is listed.
    assert bob["name"] == "Broken Bob"
    assert plan.records[2].unread == ("line 26 is not a vCard property: “this line is broken”",)
    assert bad_mail["email"] == "" and "Not read: E-mail: not-an-address" in bad_mail["notes"]
    assert "e-mail address" in plan.records[3].unread[0]
    # vCard 2.1 with its own character set is read.
    assert hans["name"] == "Hans Muller"
    assert plan.refused == [("card 6 (line 37)", "the file ends inside this card (no END:VCARD).")]
    outcome = run_plan(plan, bench.OnDuplicate.SKIP)
    assert len(outcome.created) == 5


def test_a_vcard_in_windows_1252_is_read_and_said(store, tmp_path):
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:José Müller\r\nEND:VCARD\r\n"
    plan = plan_vcard_file(write(tmp_path, "latin.vcf", text, "cp1252"))
    assert plan.records[0].values["name"] == "José Müller"
    assert plan.notes == ["latin.vcf is not in UTF-8; it was read as Windows-1252."]


def test_a_file_that_is_no_vcard_says_so(store, tmp_path):
    with pytest.raises(UserError, match="holds no vCard"):
        plan_vcard_file(write(tmp_path, "notes.vcf", "just some notes\n"))


def test_undo_of_an_import_that_merged_rows_into_its_own_new_contractor(store, tmp_path):
    text = "Name,E-mail,Phone\nAna,ana@example.com,\nAna again,ana@example.com,+351 912 345 678\n"
    outcome = run_plan(plan_csv_file(write(tmp_path, "twice.csv", text)), bench.OnDuplicate.MERGE)
    assert len(outcome.created) == 1 and len(outcome.merged) == 1
    assert bench.contractor_values(outcome.created[0])["phone"] == "+351 912 345 678"
    bench.undo_import(outcome)
    assert bench.contractor_rows() == []
    bench.redo_import(outcome)
    assert bench.contractor_values(outcome.created[0])["phone"] == "+351 912 345 678"


def test_a_cancelled_import_writes_nothing(store, tmp_path):
    plan = plan_csv_file(write(tmp_path, "bench.csv", SPREADSHEET))

    def cancel(done, total):
        raise Cancelled("Import cancelled: nothing was imported.")

    with pytest.raises(Cancelled):
        run_plan(plan, bench.OnDuplicate.SKIP, progress=cancel)
    assert bench.contractor_rows() == []


def test_apple_contacts_escaped_web_addresses_are_read(store, tmp_path):
    # macOS and iCloud Contacts write URL values with text escapes.
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lind;Sofia;;;\r\nFN:Sofia Lind\r\n"
        "item1.URL;type=pref:https\\://sofialind.example.com/portfolio\r\n"
        "item1.X-ABLabel:_$!<HomePage>!$_\r\nEND:VCARD\r\n"
    )
    plan = plan_vcard_file(write(tmp_path, "apple.vcf", text))
    assert plan.refused == []
    assert plan.records[0].values["website"] == "https://sofialind.example.com/portfolio"
