from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from desktop_app.models.errors import ValidationError
from desktop_app.models.settings import (
    Settings,
    load_settings,
    parse_settings,
    save_settings,
    seed_defaults,
)


def test_defaults_until_something_is_stored(store):
    assert load_settings() == Settings()


def test_settings_round_trip_through_the_database(store):
    settings = Settings(
        owner_name="Zoë Ναυσικά",
        business_name="Café <Ünïcode> & Co",
        currency="EUR",
        hourly_value=Decimal("72.50"),
        hours_per_month=Decimal("140"),
    )
    save_settings(settings)
    assert load_settings() == settings


@pytest.mark.parametrize(
    ("key", "text", "message"),
    [
        ("hourly_value", "-5", "at least 0"),
        ("hourly_value", "lots", "not a number"),
        ("hourly_value", "", "required"),
        ("currency", "XYZ", "not an ISO 4217 currency code"),
        ("currency", "dollars", "not an ISO 4217 currency code"),
        ("hours_per_month", "0", "at least 1"),
        ("hours_per_month", "800", "at most 744"),
        ("owner_name", "x" * 201, "at most 200 characters"),
    ],
)
def test_bad_values_are_refused_with_a_message(key, text, message):
    with pytest.raises(ValidationError, match=message) as refused:
        parse_settings({key: text})
    assert key in refused.value.errors


def test_every_bad_field_is_named_at_once():
    with pytest.raises(ValidationError) as refused:
        parse_settings({"hourly_value": "-1", "currency": "ABC"})
    assert set(refused.value.errors) == {"hourly_value", "currency"}


def test_values_are_normalised():
    settings = parse_settings({"currency": " eur ", "hourly_value": "85,5"})
    assert settings.currency == "EUR"
    assert settings.hourly_value == Decimal("85.5")


def test_seeding_fills_gaps_and_never_overwrites(store):
    seed_defaults({"currency": "GBP"})
    assert load_settings().currency == "GBP"
    save_settings(Settings(currency="EUR"))
    seed_defaults({"currency": "GBP"})
    assert load_settings().currency == "EUR"


def _open_settings(window, qtbot):
    dialog = window.open_settings()
    qtbot.waitExposed(dialog)
    return dialog


def _type_into(qtbot, editor, text):
    editor.setFocus()
    if hasattr(editor, "lineEdit") and editor.lineEdit() is not None:
        editor = editor.lineEdit()
    editor.selectAll()
    qtbot.keyClicks(editor, text)


def _click_ok(qtbot, dialog):
    from PySide6.QtWidgets import QDialogButtonBox

    buttons = dialog.findChild(QDialogButtonBox, "settingsButtons")
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_dialog_refuses_a_negative_rate_and_keeps_what_was_stored(window, qtbot):
    dialog = _open_settings(window, qtbot)
    _type_into(qtbot, dialog.editors["hourly_value"], "-20")
    _click_ok(qtbot, dialog)
    error = dialog.errors.labels["hourly_value"]
    assert dialog.isVisible()
    assert error.isVisible()
    assert "at least 0" in error.text()
    assert load_settings().hourly_value == Settings().hourly_value
    assert window.undo_stack.count() == 0
    dialog.reject()


def test_dialog_refuses_text_as_a_rate_and_an_unknown_currency(window, qtbot):
    dialog = _open_settings(window, qtbot)
    _type_into(qtbot, dialog.editors["hourly_value"], "a lot")
    _type_into(qtbot, dialog.editors["currency"], "QQQ")
    _click_ok(qtbot, dialog)
    assert "not a number" in dialog.errors.labels["hourly_value"].text()
    assert "ISO 4217" in dialog.errors.labels["currency"].text()
    assert dialog.isVisible()
    dialog.reject()


def test_dialog_refuses_a_time_zone_offset_beyond_any_clock(window, qtbot):
    dialog = _open_settings(window, qtbot)
    _type_into(qtbot, dialog.editors["time_zone"], "UTC+15")
    _click_ok(qtbot, dialog)
    assert "further from UTC than any time zone" in dialog.errors.labels["time_zone"].text()
    assert dialog.isVisible() and load_settings().time_zone == Settings().time_zone
    _type_into(qtbot, dialog.editors["time_zone"], "UTC+5:45")  # Nepal's offset
    _click_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert load_settings().time_zone == "UTC+5:45"


def test_a_settings_change_is_stored_and_undone_and_redone(window, qtbot):
    dialog = _open_settings(window, qtbot)
    _type_into(qtbot, dialog.editors["business_name"], "Northwind")
    _type_into(qtbot, dialog.editors["hourly_value"], "120")
    _click_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert load_settings().business_name == "Northwind"
    assert load_settings().hourly_value == Decimal("120")
    undo = window.findChild(type(window.menuBar().actions()[0]), "actionUndo")
    assert undo.text() == "&Undo Change settings"

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert load_settings() == Settings()
    qtbot.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert load_settings().business_name == "Northwind"


def test_an_unchanged_dialog_adds_nothing_to_undo(window, qtbot):
    dialog = _open_settings(window, qtbot)
    _click_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.undo_stack.count() == 0


def test_the_hourly_value_shows_the_currency_it_is_in(window, qtbot):
    from PySide6.QtWidgets import QLabel

    dialog = _open_settings(window, qtbot)
    unit = dialog.findChild(QLabel, "settingUnit_hourly_value")
    assert unit.text() == "USD"
    _type_into(qtbot, dialog.editors["currency"], "eur")
    assert unit.text() == "EUR"
    dialog.reject()


def test_a_number_that_reads_two_ways_says_how_it_was_read(window, qtbot):
    dialog = _open_settings(window, qtbot)
    editor = dialog.editors["hourly_value"]
    _type_into(qtbot, editor, "1.234")
    # Leaving the field (the offscreen platform gives no focus to leave).
    editor.editingFinished.emit()
    note = dialog.errors.labels["hourly_value"]
    assert note.text() == "Read “1.234” as 1.234: a number with three decimals."
    _type_into(qtbot, editor, "1.234,5")  # one way only: no note
    editor.editingFinished.emit()
    assert note.text() == ""
    dialog.reject()


def test_formats_and_language_are_settings_and_formats_apply_at_once(window, qtbot):
    from desktop_app.models.formats import money

    dialog = _open_settings(window, qtbot)
    formats = dialog.editors["locale"]
    formats.setCurrentIndex(formats.findData("de_DE"))
    language = dialog.editors["language"]
    assert [language.itemData(i) for i in range(language.count())] == [
        "", "en", "de", "es", "fr", "pt_BR",
    ]  # fmt: skip
    language.setCurrentIndex(language.findData("de"))
    _click_ok(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert (load_settings().locale, load_settings().language) == ("de_DE", "de")
    assert money(Decimal("1234.5"), "EUR") == "1.234,50\u00a0€"
    window.undo_stack.undo()
    assert money(Decimal("1234.5"), "EUR") == "€1,234.50"
