"""Dates as the owner types and picks them, the same way in every form:
"3 Dec 2026", with a calendar to pick from.

An optional date (a deadline, the last contact) is left unset by choosing
the lowest date, which the box shows as a word ("No deadline", "Not set");
`picked_date` reads it back as None.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit

from desktop_app.views.partials.naming import named

DATE_FORMAT = "d MMM yyyy"
DATE_TIME_FORMAT = "d MMM yyyy HH:mm"
# Below any date the owner means: stands for "not set" in an optional date box.
NO_DATE = QDate(2000, 1, 1)


def qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(
    object_name: str, accessible_name: str, value: date | None = None, *, unset_text: str = ""
) -> QDateEdit:
    """A date box with a calendar. Without `unset_text` it starts on `value`
    (default: today); with it, the date may be left unset, shown as that text."""
    editor = named(QDateEdit(), object_name, accessible_name)
    editor.setCalendarPopup(True)
    editor.setDisplayFormat(DATE_FORMAT)
    if unset_text:
        editor.setMinimumDate(NO_DATE)
        editor.setSpecialValueText(unset_text)
        show_date(editor, value)
    else:
        editor.setDate(qdate(value or date.today()))
    return editor


def show_date(editor: QDateEdit, value: date | None) -> None:
    """Show `value` (None: unset, in an optional box)."""
    editor.setDate(NO_DATE if value is None else qdate(value))


def picked_date(editor: QDateEdit) -> date | None:
    """The date shown; None when an optional box is left unset."""
    picked = editor.date()
    return None if picked == NO_DATE else pydate(picked)
