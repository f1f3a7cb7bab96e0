"""Files from where owners keep people and hours, one per origin (tests/data/imports/,
written here in each program's own layout, fictional people): each gives the
expected contractors or hours, the command line and the import dialog store
the same, and importing a file twice adds nothing."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.cli import main
from desktop_app.models import contractors as bench
from desktop_app.models.base import database
from desktop_app.store import open_store

DATA = Path(__file__).parent / "data" / "imports"

# file -> {name: the fields that must be stored}; notes are checked for what they contain.
CONTACTS: dict[str, dict[str, dict[str, object]]] = {
    "android.vcf": {  # Android Contacts: vCard 2.1, quoted-printable UTF-8, soft line breaks
        "José Ñuñez": {
            "email": "jose.nunez@example.com",
            "phone": "+34 612 345 678",
            "notes": "Logo and packaging designer, Valencia.\nMet at the Feria del Libro; "
            "quoted €35/h.\nOrganisation: Diseño Claro",
        },
        "Chidi Okafor": {"phone": "+234 803 555 0147"},
    },
    "outlook.vcf": {  # Outlook desktop: vCard 2.1 in Windows-1252 quoted-printable
        "Maja Lindqvist": {
            "email": "maja@nordljus.example.se",
            "phone": "+46 8 123 456 78",
            "website": "http://www.nordljus.example.se",
            "location": "Stockholm, Sverige",
            "notes": "Title: Bookkeeper\nOrganisation: Nordljus AB\n"
            "Also on record: Phone: +46 70 123 45 67.",
        },
        "Jürgen Müller": {
            "email": "juergen@mueller-soehne.example.de",
            "notes": "Organisation: Müller & Söhne GmbH",
        },
    },
    "iphone.vcf": {  # iPhone: vCard 3.0 with CR CR LF line ends
        "Layla Haddad": {
            "email": "layla@haddad.example.com",
            "phone": "+961 3 123 456",
            "website": "https://haddad.example.com",
            "notes": "Arabic–English translation, legal documents.\n"
            "Organisation: Haddad Translations",
        },
        "سمير حداد": {"phone": "+961 71 234 567"},
    },
    "lotus-notes.vcf": {  # Lotus Notes: PROFILE:VCard and other lines Offload does not keep
        "Kenji Watanabe": {
            "email": "kenji.watanabe@example.jp",
            "phone": "+81 3 1234 5678",
            "notes": "Organisation: Watanabe Web Studio",
        },
    },
    "gmail.vcf": {  # Gmail: unescaped commas in FN and ORG, escaped URL, system groups
        "Mr. John Richter, James Doe Sr.": {
            "email": "james.doe@example.com",
            "website": "http://www.acme.example.com/team/james",
            "skills": "Freelancers",
            "notes": "Writes product pages.\nTitle: Copywriter\nOrganisation: Acme, Inc.",
        },
        "Wanjiru Kamau": {"skills": "", "email": ""},
    },
    "apple-contacts.vcf": {  # Apple Contacts: grouped items, escaped URL, photo, a company
        "Sofia Lind": {
            "website": "https://sofialind.example.com/portfolio",
            "location": "Bristol, United Kingdom",
            "phone": "+44 7700 900123",
        },
        "Pixel & Co": {"kind": "agency", "email": "hello@pixelco.example.com"},
    },
    "thunderbird.vcf": {  # Thunderbird: vCard 4.0, a phone written as words
        "Tomasz Nowak": {
            "phone": "",
            "website": "https://nowak.example.pl",
            "notes": "Video editor\nNot read: Phone: call the office first",
        },
    },
    "nextcloud.vcf": {  # Nextcloud: vCard 4.0, tel: URI with an extension
        "Amélie Durand": {
            "phone": "+1-418-656-9254 ext. 102",
            "timezone": "Europe/Paris",
            "location": "Lyon, France",
            "skills": "Translation, SEO",
        },
    },
    "google-contacts.csv": {  # Google Contacts CSV: " ::: " values, numbered columns
        "Priya Raman": {
            "email": "priya@raman.example.in",
            "phone": "+91 98765 43210",
            "website": "https://raman.example.in",
            "location": "Mumbai, India",
            "skills": "Freelancers",
            "notes": "Shopify developer\nOrganization Name: Raman Commerce\n"
            "Organization Title: Founder\nAlso on record: E-mail: priya.raman@example.com; "
            "Phone: +91 22 2345 6789.",
        },
        "Lukas Berger": {"email": ""},
        "Mei Lin": {"phone": "", "notes": "Not read: Phone: ask Priya for it"},
    },
    "outlook-contacts.csv": {  # Outlook CSV (Windows-1252): first filled of many phones
        "Olga Petrenko": {
            "email": "olga@petrenko.example.ua",
            "phone": "+380 67 123 4567",
            "website": "https://petrenko.example.ua",
            "location": "Kyiv, Ukraine",
            "skills": "Illustration, Branding",
        },
        "Diego A. Ramírez": {"phone": "+52 55 1234 5678"},
    },
    "linkedin-connections.csv": {  # LinkedIn: note lines before the header
        "Ana Ferreira": {
            "website": "https://www.linkedin.com/in/ana-ferreira-example",
            "last_contact": datetime(2024, 3, 12),
            "notes": "Company: Contas Claras\nPosition: Bookkeeper",
        },
        "Tomás Silva": {"email": "tomas@silva.example.pt", "last_contact": datetime(2022, 11, 7)},
    },
}

CLI_NOTES = {
    "google-contacts.csv": "Columns not imported: Given Name, Family Name, Occupation, "
    "E-mail 1 - Type, Phone 1 - Type, Address 1 - Type, Address 1 - Formatted, Website 1 - Type.",
    "outlook-contacts.csv": "Columns not imported: E-mail Type, E-mail Display Name, Gender, "
    "Priority, Private, Sensitivity.",
    "linkedin-connections.csv": "Read as an export of LinkedIn connections.",
    "thunderbird.vcf": "kept card 1 (line 1) (Tomasz Nowak): Could not read: “call the office "
    "first” is not a phone number",
}

# file -> (task, day, minutes) of every entry, and the hours in all.
HOURS: dict[str, tuple[list[tuple[str, date, int]], Decimal]] = {
    "toggl-detailed.csv": (  # newer Toggl Track export: "-" for empty values
        [
            ("Customer support inbox", date(2025, 3, 3), 90),
            ("Bookkeeping", date(2025, 3, 3), 45),
            ("Newsletter", date(2025, 3, 4), 75),
            ("Support", date(2025, 3, 5), 30),  # no description: named from the project
        ],
        Decimal("4.0"),
    ),
    "clockify-no-duration.csv": (  # start and end times, no Duration column
        [
            ("Customer support inbox", date(2025, 3, 13), 75),
            ("Newsletter", date(2025, 3, 14), 90),
            ("Newsletter", date(2025, 3, 14), 60),  # across midnight
        ],
        Decimal("3.8"),
    ),
    "harvest.csv": (
        [
            ("Bookkeeping", date(2025, 3, 3), 75),
            ("Order fulfilment", date(2025, 3, 3), 30),
            ("Bookkeeping", date(2025, 3, 4), 135),
        ],
        Decimal("4.0"),
    ),
}


def _contractors(db: Path) -> dict[str, dict[str, object]]:
    store = open_store(db)
    try:
        return {row.name: bench.contractor_values(row.id) for row in bench.contractor_rows()}
    finally:
        store.close()


def _entries(db: Path) -> list[tuple[str, date, int]]:
    connection = sqlite3.connect(db)
    try:
        rows = connection.execute(
            "SELECT task.name, time_entry.date, time_entry.minutes FROM time_entry "
            "JOIN task ON task.id = time_entry.task_id ORDER BY time_entry.id"
        ).fetchall()
    finally:
        connection.close()
    return [(name, date.fromisoformat(day), minutes) for name, day, minutes in rows]


@contextmanager
def _tab(qtbot, db: Path, key: str) -> Iterator[Any]:
    """The page of tab `key` in a window on `db`, closed afterwards."""
    from desktop_app.views.main_window import MainWindow

    store = open_store(db)
    window = MainWindow(store, remember_layout=False)
    qtbot.addWidget(window)
    window.show()
    try:
        yield window.show_tab(key).page()
    finally:
        window.close()
        store.close()


def _import_in_dialog(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())


@pytest.mark.parametrize("name", sorted(CONTACTS))
def test_contacts_from_each_origin(name, tmp_path, qtbot, capsys):
    source = DATA / name
    by_cli, by_window = tmp_path / "cli.sqlite3", tmp_path / "window.sqlite3"
    assert main(["import-contractors", "--db", str(by_cli), str(source)]) == 0
    printed = capsys.readouterr().out
    if name in CLI_NOTES:
        assert CLI_NOTES[name] in printed
    stored = _contractors(by_cli)
    assert sorted(stored) == sorted(CONTACTS[name])
    for person, expected in CONTACTS[name].items():
        for key, value in expected.items():
            assert stored[person][key] == value, (person, key)

    # Twice adds nothing, even for contacts with no e-mail, phone or site.
    assert main(["import-contractors", "--db", str(by_cli), str(source)]) == 0
    assert f"Imported {name}: 0 added" in capsys.readouterr().out
    assert len(_contractors(by_cli)) == len(CONTACTS[name])

    # The import dialog stores the same.
    with _tab(qtbot, by_window, "contractors") as page:
        _import_in_dialog(qtbot, page.import_file(source))
        in_window = {row.name: bench.contractor_values(row.id) for row in bench.contractor_rows()}
        again = page.import_file(source)
        assert f"{len(CONTACTS[name])} of them already on the bench" in again.plan.describe()
        again.reject()
    ignored = {"id", "created_at", "updated_at"}
    assert {
        n: {k: v for k, v in values.items() if k not in ignored} for n, values in in_window.items()
    } == {n: {k: v for k, v in values.items() if k not in ignored} for n, values in stored.items()}
    assert database.obj is None


@pytest.mark.parametrize("name", sorted(HOURS))
def test_hours_from_each_time_tracker(name, tmp_path, qtbot, capsys):
    source = DATA / name
    expected, hours = HOURS[name]
    by_cli, by_window = tmp_path / "cli.sqlite3", tmp_path / "window.sqlite3"
    assert main(["import-time", "--db", str(by_cli), str(source)]) == 0
    assert f"({hours} h)" in capsys.readouterr().out
    assert _entries(by_cli) == expected
    assert main(["import-time", "--db", str(by_cli), str(source)]) == 0
    assert "Nothing new to import" in capsys.readouterr().out
    assert _entries(by_cli) == expected

    with _tab(qtbot, by_window, "time_audit") as page:
        _import_in_dialog(qtbot, page.open_import(source))
        again = page.open_import(source)
        assert again.import_button.text() == "Nothing to import"
        again.reject()
    assert _entries(by_window) == expected
