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


# Where the owner reads a string: the arguments (position, or keyword) of Qt's
# text setters and constructors, and of the views' own helpers that show
# text, must be marked (`_`, `N_`, `ngettext`, `count`), in every module of
# desktop_app/views. "*" means every argument that reads as words.
UI_CALLS: dict[str, list[int | str]] = {
    # Qt
    "setText": [0], "setWindowTitle": [0], "setToolTip": [0], "setPlaceholderText": [0],
    "setStatusTip": [0], "setWhatsThis": [0], "addMenu": [0], "QLabel": [0], "QPushButton": [0],
    "QToolButton": [0], "QCheckBox": [0], "QRadioButton": [0], "QGroupBox": [0], "QAction": [0],
    "QMenu": [0], "addAction": [0], "addTab": [1], "insertTab": [2], "setTabText": [1],
    "setTabToolTip": [1], "showMessage": [0], "setTitle": [0], "setTitleText": [0],
    "setInformativeText": [0], "setDetailedText": [0], "setLabelText": [0],
    "setSpecialValueText": [0], "setAccessibleName": [0], "setAccessibleDescription": [0],
    "addButton": [0], "addRow": [0], "addItem": [0], "addItems": [0], "setHeaderLabels": [0],
    "setHorizontalHeaderLabels": [0], "QListWidgetItem": [0], "QTableWidgetItem": [0],
    "QProgressDialog": [0, 1], "QBarSet": [0], "setName": [0], "setSuffix": [0],
    "setPrefix": [0], "getSaveFileName": [1, 3], "getOpenFileName": [1, 3],
    "getExistingDirectory": [1], "getText": [1, 2], "getItem": [1, 2], "drawText": [2, 3],
    "information": [1, 2], "question": [1, 2], "critical": [1, 2],
    # the views' helpers
    "plain_label": [0], "rich_label": [0], "warn": [1, 2], "ask": [0, 1, 2], "named": [2, 3],
    "message_box": [2, 3], "TabSpec": ["title", "description"], "Column": [0],
    "EmptyState": [0, 1, 2], "AttentionList": [2, 3], "MetricTile": [1],
    "AttentionItem": [0, 3], "_action": [2], "TabCommand": [1],
    "Field": ["*"], "Banner": [1], "add_button": [0, 2], "_button": [0, 3],
    "data_table": [1, "description"], "row_table": [1], "_table": [2],
    "date_edit": [1, "unset_text"],
    "MessageLine": [1], "score_box": [1], "_level_combo": [1], "_plain": [1, 2],
    "plain_tooltip": [0], "ok_cancel": [2], "LongTask": [2, 3, "cancelled_text"],
    "execute_in_background": [2, 3, "cancelled_text"], "open_print_preview": [2],
    "_menu_action": [2], "more_menu": [1], "choose_file": [0], "_child_tab": [2],
    "menu_text": [0], "check_text": [2], "FormDialog": [1, "intro"], "line": ["*"],
    "say": [0], "_say": [0], "said": [0], "_said": [0], "_status": [0], "status": [0],
    "refused": [0], "_refused": [0], "show_error": [0], "show_warning": [0],
    "show_message": ["*"], "show_note": [0], "_show": [1, 2], "_warn": [0, 1],
    "_confirm": [0, 1], "confirm": [0, 1], "UserError": [0], "run_edit": [2], "run": [1],
    "_run": [1], "_commit": [2], "_commit_task": [2], "_edit": [1, 2], "edit": [3],
    "count_of": [1, 2], "count_suffix": [1, 2], "action": [0], "_finish": [0],
    "show_error_for": [1], "text": ["*"],
}  # fmt: skip
# Any undo command's name shows in Edit > Undo: every argument that reads as words.
_COMMAND = re.compile(r"[A-Z]\w*Command$")
_LETTERS = re.compile(r"[A-Za-z]{2}")
_ABBREVIATION = re.compile(r"\b[A-Za-z]\.[A-Za-z]\.")  # "e.g. 40"
# Reads as words: not a key ("portfolio", "send_feedback"), an object name
# ("engagementStatus"), a file filter's pattern or a shortcut.
_NOT_WORDS = re.compile(
    r"[a-z0-9_.:/\-]*|[a-z][A-Za-z0-9]*|(?:Ctrl|Shift|Alt|Meta)\+[\w+]+|[A-Z]{3}|#[0-9a-fA-F]{3,8}"
)
# Strings that are not words in any language: shown as they are.
ALLOWED: set[str] = {"Offload", "PgUp", "PgDown", "OK", "CSV", "PDF", "vCard"}


def _views() -> list[str]:
    return sorted(str(p.relative_to(REPO)) for p in (REPO / "desktop_app" / "views").rglob("*.py"))


def _reads_as_words(argument: ast.expr | None) -> bool:
    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
        text = argument.value
        words = bool(_LETTERS.search(text) or _ABBREVIATION.search(text))
        words = words and not _NOT_WORDS.fullmatch(text)
        return words and text not in ALLOWED
    if isinstance(argument, ast.JoinedStr):  # f"Deleted {name}": a sentence not marked
        return any(_reads_as_words(part) for part in argument.values)
    if isinstance(argument, ast.BinOp):  # "Deleted " + name: a sentence glued from pieces
        return _reads_as_words(argument.left) or _reads_as_words(argument.right)
    if isinstance(argument, ast.IfExp):
        return _reads_as_words(argument.body) or _reads_as_words(argument.orelse)
    if (  # "Deleted {name}".format(...) without _()
        isinstance(argument, ast.Call)
        and isinstance(argument.func, ast.Attribute)
        and argument.func.attr == "format"
    ):
        return _reads_as_words(argument.func.value)
    return False


def _unmarked(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = (func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)) or ""
        positions = ["*"] if _COMMAND.match(name) else UI_CALLS.get(name, [])
        arguments: list[ast.expr | None] = []
        for position in positions:
            if position == "*":
                arguments += [*node.args, *(k.value for k in node.keywords)]
            elif isinstance(position, int):
                arguments.append(node.args[position] if position < len(node.args) else None)
            else:
                arguments.append(next((k.value for k in node.keywords if k.arg == position), None))
        for argument in arguments:
            if _reads_as_words(argument):
                assert argument is not None
                found.append(f"{path.name}:{node.lineno}: {ast.unparse(argument)[:60]}")
    return found


@pytest.mark.parametrize("module", _views())
def test_a_view_marks_what_the_owner_reads(module):
    assert _unmarked(REPO / module) == []


def test_the_check_finds_an_unmarked_string(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        'label.setText("Hello")\nlabel.setText(_("Hello"))\nwarn(w, f"{x} failed", t)\n'
        'button.setObjectName("saveButton")\nlabel.setText("→")\nlabel.setText("Ctrl+S")\n'
        'self.status.say("Deleted " + name)\nAddTaskCommand(ctx, "task", "Add a task")\n'
        'QLabel("Hi {name}".format(name=n))\nQLabel(_("Hi {name}").format(name=n))\n'
    )
    assert [line.split(":")[1] for line in _unmarked(sample)] == ["1", "3", "7", "8", "9"]
