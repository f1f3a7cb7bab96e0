"""A brief's own language: chosen in its editor (one undo step), kept by
schema 14, and the language its PDF is written in (words, dates, money),
whatever the app's language."""

import dataclasses
import shutil
import subprocess
import threading
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from desktop_app.demo import fill_demo_data
from desktop_app.models.briefs import Brief, BriefData, create_brief, load_brief, update_brief
from desktop_app.models.errors import ValidationError
from desktop_app.models.formats import money, use_locale
from desktop_app.models.i18n import _, current_language, use_language, written_in
from desktop_app.models.settings import load_settings, save_settings
from desktop_app.pdf.brief import write_brief_pdf
from desktop_app.store import open_store

SCHEMA_11 = Path(__file__).parent / "data" / "schemas" / "schema-11.sqlite3"
DAY = date(2026, 12, 1)


def _pdf_text(path: Path) -> str:
    """What a reader sees: the text pdftotext takes out of the file."""
    shown = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    return " ".join(shown.split())


pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")


def _demo_brief(language: str) -> BriefData:
    fill_demo_data(date(2026, 11, 20))
    brief = Brief.select().order_by(Brief.id).first()
    update_brief(brief.id, {"language": language, "budget": "1234.5", "currency": "EUR"})
    return dataclasses.replace(load_brief(brief.id), deadline=date(2027, 1, 15))


def test_the_demo_brief_in_german_has_german_headings_dates_and_money(store, tmp_path):
    use_language("en")
    use_locale("en_US")
    data = _demo_brief("de")
    path = write_brief_pdf(data, tmp_path / "brief.pdf", exported_on=DAY).path
    shown = _pdf_text(path)
    for words in (
        "BRIEFING", "Worum es geht", "Erwartungen, nach Priorität", "Lieferergebnisse",
        "Erfolg und Abnahme", "Zeitplan", "Fortschrittsberichte", "MUSS", "SOLLTE",
        "1.234,50 € pro Monat", "15. Januar 2027", "Freitag, 15. Januar 2027",
        "Erstellt von Maya Lindqvist · 1. Dezember 2026", "Seite 1 von", "alle 30 Tage",
    ):  # fmt: skip
        assert words in shown, words
    for english in ("The job", "JOB BRIEF", "Page 1 of", "per month", "Measured by"):
        assert english not in shown, english
    # The window's words and formats are untouched by the PDF's.
    assert _("&File") == "&File"
    assert money(Decimal("1234.5"), "EUR") == "€1,234.50"


def test_a_french_brief_prints_french_while_the_app_is_in_english(store, tmp_path):
    use_language("en")
    data = BriefData(
        title="Tenue des comptes", summary="Rapprochement", deadline=date(2027, 1, 15),
        budget=Decimal("900"), currency="EUR", budget_basis="hourly", language="fr",
        report_every_days=7,
    )  # fmt: skip
    path = write_brief_pdf(data, tmp_path / "fr.pdf", exported_on=DAY).path
    shown = _pdf_text(path)
    for words in ("BRIEF DE MISSION", "Le travail", "Échéance", "15 janvier 2027",
                  "900,00 € de l’heure", "tous les 7 jours", "Page 1 sur 1"):  # fmt: skip
        assert words in shown, words
    assert current_language() == "en"
    # The same brief left to the app's language prints English.
    english = write_brief_pdf(
        dataclasses.replace(data, language=""), tmp_path / "en.pdf", exported_on=DAY
    ).path
    assert "The job" in _pdf_text(english)


def test_a_brief_left_to_the_app_language_follows_a_german_app(store, tmp_path):
    save_settings(dataclasses.replace(load_settings(), owner_name="Maya"))
    use_language("de")
    use_locale("de_DE")
    data = BriefData(title="Buchhaltung", summary="Abstimmen", budget=Decimal("50"), currency="EUR")
    shown = _pdf_text(write_brief_pdf(data, tmp_path / "de.pdf", exported_on=DAY).path)
    assert "Worum es geht" in shown and "50,00 €, Festpreis" in shown


def test_japanese_text_in_a_german_brief_still_prints(store, tmp_path):
    data = BriefData(
        title="経理の月次作業", summary="銀行口座の照合と月次決算。", language="de",
        deliverables="損益計算書（PDF）",
    )  # fmt: skip
    shown = _pdf_text(write_brief_pdf(data, tmp_path / "ja.pdf", exported_on=DAY).path)
    assert "経理の月次作業" in shown and "損益計算書" in shown and "Lieferergebnisse" in shown


def test_a_language_not_shipped_is_refused_and_nothing_changes(store):
    brief_id = create_brief(BriefData(title="Books"))
    with pytest.raises(ValidationError, match="choose one from the list"):
        update_brief(brief_id, {"language": "tlh"})
    assert load_brief(brief_id).language == ""


def test_a_document_language_stays_in_its_own_thread(store):
    use_language("en")
    seen = {}
    inside = threading.Event()
    done = threading.Event()

    def write() -> None:
        with written_in("de"):
            seen["worker"] = _("&File")
            inside.set()
            done.wait(5)

    worker = threading.Thread(target=write)
    worker.start()
    assert inside.wait(5)
    seen["window"] = _("&File")
    done.set()
    worker.join()
    assert seen == {"worker": "&Datei", "window": "&File"}


def test_schema_14_gives_every_stored_brief_the_app_language(tmp_path):
    path = tmp_path / "offload.sqlite3"
    shutil.copyfile(SCHEMA_11, path)
    store = open_store(path)
    try:
        briefs = list(Brief.select())
        assert briefs and {brief.language for brief in briefs} == {""}
        update_brief(briefs[0].id, {"language": "pt_BR"})
        assert load_brief(briefs[0].id).language == "pt_BR"
    finally:
        store.close()


def test_choosing_the_language_in_the_editor_is_one_undo_step(window, qtbot):
    brief_id = create_brief(BriefData(title="Books"))
    page = window.show_tab("briefs").page()
    page.open_target(("brief", brief_id))
    field = page.editor.fields["language"]
    box = field.choice_box()
    assert box.currentData() == "" and box.currentText() == "The app's language (English)"
    assert [box.itemText(i) for i in range(1, box.count())] == [
        "English", "Deutsch", "Español", "Français", "Português (Brasil)",
    ]  # fmt: skip
    box.setCurrentIndex(box.findData("fr"))
    assert load_brief(brief_id).language == "fr"
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()
    assert load_brief(brief_id).language == ""
    assert field.value() == ""
    window.undo_stack.redo()
    assert load_brief(brief_id).language == "fr"
    assert field.value() == "fr"


@pytest.mark.parametrize("language", ["de", "es", "fr", "pt_BR"])
def test_every_shipped_template_is_translated_with_the_same_shape(language):
    from desktop_app.assets import templates_folder
    from desktop_app.models.brief_templates import shipped_templates

    english, problems = shipped_templates(templates_folder(), language="en")
    translated, translated_problems = shipped_templates(templates_folder(), language=language)
    assert problems == translated_problems == []
    by_key = {template.key: template for template in english}
    assert {template.key for template in translated} == set(by_key) and len(by_key) == 6
    for template in translated:
        source, data = by_key[template.key], template.data
        assert template.name != source.name and template.description, template.key
        assert data.language == language and source.data.language == ""
        assert [e.level for e in data.expectations] == [e.level for e in source.data.expectations]
        assert all(e.measure for e in data.expectations), template.key
        for name in ("revision_rounds", "budget_basis", "report_every_days", "delegation_level"):
            assert getattr(data, name) == getattr(source.data, name), (template.key, name)
        for name in ("summary", "deliverables", "success_criteria", "decide_alone", "ask_first"):
            assert getattr(data, name) != getattr(source.data, name), (template.key, name)
            # A list field keeps its one item a line.
            lines = len(getattr(data, name).splitlines())
            assert lines == len(getattr(source.data, name).splitlines()), (template.key, name)


def test_a_template_chosen_in_german_writes_a_german_brief(qtbot, db_path, tmp_path):
    from desktop_app.views.main_window import MainWindow

    store = open_store(db_path)
    save_settings(dataclasses.replace(load_settings(), language="de", locale="de_DE"))
    store.close()
    store = open_store(db_path)
    window = MainWindow(store, remember_layout=False)
    qtbot.addWidget(window)
    window.show()
    page = window.show_tab("briefs").page()
    dialog = page.new_brief()
    qtbot.waitExposed(dialog)
    dialog.title_edit.setFocus()
    qtbot.keyClicks(dialog.title_edit, "Shop-Buchhaltung")
    assert dialog.select_template("Monatliche Buchhaltung")
    assert "Jedes Konto jeden Monat mit seinem Auszug abstimmen." in dialog.preview.toPlainText()
    dialog.accept()
    data = load_brief(page.current_brief_id)
    assert data.title == "Shop-Buchhaltung" and data.language == "de"
    assert data.expectations[0].text.startswith("Jede Buchung aus Bank-")
    assert page.editor.fields["language"].value() == "de"
    shown = _pdf_text(write_brief_pdf(data, tmp_path / "b.pdf", exported_on=DAY).path)
    assert "Jede Buchung aus Bank-" in shown and "Erwartungen, nach Priorität" in shown
    window.close()
    store.close()


def test_a_job_post_is_written_in_the_brief_s_language(store):
    from desktop_app.models.job_post import PostFormat, job_post

    use_language("en")
    brief_id = create_brief(
        BriefData(
            title="Buchhaltung", summary="Monatlich abstimmen.", in_scope="Belege",
            budget=Decimal("450"), currency="EUR", budget_basis="monthly", language="de",
        )
    )  # fmt: skip
    post = job_post(brief_id, PostFormat.TEXT)
    assert "WORUM ES GEHT" in post.text and "Enthalten:" in post.text
    assert "450 € (pro Monat)" in post.text.replace("\u00a0", " ")
    update_brief(brief_id, {"language": ""})
    assert "THE JOB" in job_post(brief_id, PostFormat.TEXT).text
