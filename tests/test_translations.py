"""The translations: complete, placeholders kept, compiled, and marked strings.

The shipped catalogues (resources/locale/<lang>/LC_MESSAGES/offload.po) must
translate every string the code marks, with the same {placeholders}; each
.mo must be the compilation of its .po; a catalogue that fails to load is
reported once and the app runs in English; and the modules converted so far
show no unmarked literal where the owner reads it.
"""

from __future__ import annotations

import ast
import dataclasses
import logging
import re
import string
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from PySide6.QtWidgets import QTabWidget

from desktop_app.models import i18n
from desktop_app.models.i18n import LANGUAGES, _, count, use_language
from desktop_app.models.settings import load_settings, save_settings
from desktop_app.store import open_store
from tools.translations import SHIPPED, completeness, extract, mo_bytes, po_path, read_catalog

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def template():
    return extract()


def test_every_shipped_language_is_offered_in_settings():
    assert set(SHIPPED) | {"en"} == set(LANGUAGES)


@pytest.mark.parametrize("language", SHIPPED)
def test_a_complete_catalogue_translates_every_marked_string(language, template):
    done, marked = completeness(language, template)
    assert marked > 250
    catalog = read_catalog(language)
    missing = [
        message.id
        for message in template
        if message.id and catalog.get(message.id, context=message.context) is None
    ]
    assert (done, missing) == (marked, [])


def _names(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("language", SHIPPED)
def test_translations_keep_the_placeholders(language):
    wrong = []
    for message in read_catalog(language):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not message.id or not all(strings):
            continue  # untranslated: the completeness test counts it
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set().union(*(_names(text) for text in sources))
        got = [_names(form) for form in forms if form]
        if message.pluralizable:
            ok = all(names <= expected for names in got) and set().union(*got) == expected
        else:
            ok = got == [expected]
        if not ok:
            wrong.append(message.id)
    assert wrong == []


@pytest.mark.parametrize("language", SHIPPED)
def test_each_mo_is_its_po_compiled(language):
    # The messages, not the bytes: the header carries the date of the last update.
    with po_path(language).with_suffix(".mo").open("rb") as file:
        shipped = read_mo(file)
    compiled = read_mo(BytesIO(mo_bytes(read_catalog(language))))
    assert _messages(shipped) == _messages(compiled), "run `python -m tools.translations compile`"


def _messages(catalog):
    return {
        (tuple(m.id) if isinstance(m.id, list | tuple) else m.id): (
            tuple(m.string) if isinstance(m.string, list | tuple) else m.string
        )
        for m in catalog
        if m.id
    }


def test_german_plurals_and_sentences():
    assert use_language("de") == "de"
    assert _("&File") == "&Datei"
    assert count(1, "{count} day overdue", "{count} days overdue") == "1 Tag überfällig"
    assert count(1234, "{count} day overdue", "{count} days overdue") == "1,234 Tage überfällig"
    assert use_language("en") == "en"
    assert count(1, "{count} day overdue", "{count} days overdue") == "1 day overdue"
    assert count(2, "{count} day overdue", "{count} days overdue") == "2 days overdue"


def test_a_language_from_the_system_or_a_regional_setting(monkeypatch):
    assert i18n.language_for("de_AT") == "de"
    assert i18n.language_for("pt") == "pt_BR"
    assert i18n.language_for("ja_JP") == "en"
    monkeypatch.setenv("LANG", "fr_CA.UTF-8")
    assert i18n.language_for("") == "fr"


def test_a_catalogue_that_fails_to_load_is_reported_once_and_english_is_used(
    tmp_path, monkeypatch, caplog
):
    broken = tmp_path / "de" / "LC_MESSAGES"
    broken.mkdir(parents=True)
    (broken / "offload.mo").write_bytes(b"not a catalogue")
    monkeypatch.setattr(i18n, "locale_dir", lambda: tmp_path)
    monkeypatch.setattr(i18n, "_reported", set())
    with caplog.at_level(logging.WARNING, logger="offload.i18n"):
        assert use_language("de") == "en"
        assert use_language("de") == "en"
    assert _("&File") == "&File"
    assert len([r for r in caplog.records if "cannot load the de translation" in r.message]) == 1


def test_the_window_in_german_shows_german_words_and_formats(qtbot, db_path):
    from desktop_app.views.main_window import MainWindow

    store = open_store(db_path)
    save_settings(dataclasses.replace(load_settings(), language="de", locale="de_DE"))
    store.close()
    store = open_store(db_path)
    window = MainWindow(store, remember_layout=False)
    qtbot.addWidget(window)
    tabs = window.findChild(QTabWidget, "mainTabs")
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Übersicht", "Zeitanalyse", "Auftragnehmer", "Briefings", "Aufträge",
    ]  # fmt: skip
    assert [menu.title() for menu in window.menus.values()] == [
        "&Datei", "&Bearbeiten", "&Ansicht", "&Hilfe",
    ]  # fmt: skip
    from desktop_app.models.formats import money

    assert money(1234.5, "EUR") == "1.234,50\u00a0€"
    window.close()
    store.close()


# Where the owner reads a string: calls whose arguments must be marked
# (position, or keyword) in the modules converted so far.
UI_CALLS = {
    "setText": [0], "setWindowTitle": [0], "setToolTip": [0], "setPlaceholderText": [0],
    "setStatusTip": [0], "addMenu": [0], "QLabel": [0], "plain_label": [0],
    "QPushButton": [0], "QCheckBox": [0], "QGroupBox": [0], "QAction": [0], "addTab": [1],
    "showMessage": [0], "setTitle": [0], "warn": [1, 2], "ask": [1, 2], "named": [2, 3],
    "_action": [2], "TabSpec": ["title", "description"], "TabCommand": [1], "Column": [0],
    "EmptyState": [0, 1, 2], "AttentionList": [2, 3], "MetricTile": [1], "AttentionItem": [0, 3],
    "addButton": [0], "message_box": [2, 3], "setInformativeText": [0],
}  # fmt: skip
CONVERTED = [
    "desktop_app/views/main_window.py",
    "desktop_app/views/tabs.py",
    "desktop_app/views/settings_dialog.py",
    "desktop_app/views/shortcuts_dialog.py",
    "desktop_app/views/overview/page.py",
    "desktop_app/views/engagements/presentation.py",
    "desktop_app/views/engagements/page.py",
]
_LETTERS = re.compile(r"[A-Za-z]{2}")


def _unmarked(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        for position in UI_CALLS.get(name or "", []):
            if isinstance(position, int):
                argument = node.args[position] if position < len(node.args) else None
            else:
                argument = next((k.value for k in node.keywords if k.arg == position), None)
            literal = (isinstance(argument, ast.Constant) and isinstance(argument.value, str)
                       and _LETTERS.search(argument.value))  # fmt: skip
            words = isinstance(argument, ast.JoinedStr) and any(
                isinstance(part, ast.Constant) and _LETTERS.search(str(part.value))
                for part in argument.values
            )
            if literal or words:
                found.append(f"{path.name}:{node.lineno}: {ast.unparse(argument)[:60]}")
    return found


@pytest.mark.parametrize("module", CONVERTED)
def test_a_converted_module_marks_what_the_owner_reads(module):
    assert _unmarked(REPO / module) == []


def test_the_check_finds_an_unmarked_string(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        'label.setText("Hello")\nlabel.setText(_("Hello"))\nwarn(w, f"{x} failed", t)\n'
    )
    assert len(_unmarked(sample)) == 2
