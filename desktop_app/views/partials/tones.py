"""The colours that carry meaning (alert, warning, good) and quiet text
(hints, empty states, labels of a profile), for a light and a dark palette.

Each tone is named by its light-palette colour (`ALERT` is "#b42318"), so it
can be written into a style or a rich text as it is; `tone()` gives the
colour for the palette in use, which is what every view should show. Each
colour has at least 4.5:1 contrast on its palette's window, base,
alternate base and the panes of tab widgets (tests/test_contrast.py
measures every label of every tab).
Colour never carries meaning alone: a coloured text also says it in words.
"""

from __future__ import annotations

import weakref

import shiboken6
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget

ALERT = "#b42318"
WARNING = "#8a4b08"
GOOD = "#067647"
# Secondary text: hints, empty states, the labels of a contractor's profile.
MUTED = "#5c636a"

# The same tones for a dark palette: lighter, so they read on dark grey.
DARK_TONES = {ALERT: "#ffaba3", WARNING: "#f8c07f", GOOD: "#6fe09c", MUTED: "#c6ccd2"}

# The widget property that remembers a widget's tone, so a change of colour
# scheme can paint it again (`retone`).
TONE_PROPERTY = "offloadTone"

# The widgets a change of colour scheme must paint again. They are tracked
# here rather than found through QApplication.allWidgets(): that list can
# hold a widget whose C++ object is being torn down, and wrapping it for
# Python crashed the process (seen in the full test suite). A weak set
# forgets a widget when it is deleted.
_toned: weakref.WeakSet[QWidget] = weakref.WeakSet()
_palette_sheets: weakref.WeakSet[QWidget] = weakref.WeakSet()


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether `palette` (default: the application's) is a dark one."""
    palette = palette if palette is not None else QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def tone(name: str, palette: QPalette | None = None) -> str:
    """The colour of tone `name` (ALERT, WARNING, GOOD, MUTED) for `palette`."""
    return DARK_TONES.get(name, name) if is_dark(palette) else name


def tone_color(name: str, palette: QPalette | None = None) -> QColor:
    return QColor(tone(name, palette))


def tint(name: str, alpha: int = 36, palette: QPalette | None = None) -> QColor:
    """A light wash of the tone, for the background of what it marks."""
    colour = tone_color(name, palette)
    colour.setAlpha(alpha)
    return colour


def set_tone(widget: QWidget, name: str | None) -> None:
    """Draw `widget`'s text in tone `name` (None: the palette's own text colour),
    now and after any change of colour scheme."""
    widget.setProperty(TONE_PROPERTY, name or "")
    _toned.add(widget)
    _paint(widget)


def set_palette_style_sheet(widget: QWidget, sheet: str) -> None:
    """Give `widget` a style sheet that names palette roles ("palette(base)"),
    set again after any change of colour scheme: Qt reads the roles only
    when the sheet is set."""
    widget.setStyleSheet(sheet)
    _palette_sheets.add(widget)


def widget_tone(widget: QWidget) -> str:
    """The tone `set_tone` gave `widget` ("" when none)."""
    return str(widget.property(TONE_PROPERTY) or "")


def _paint(widget: QWidget) -> None:
    name = widget_tone(widget)
    if not name:
        # An empty palette resolves nothing: the widget inherits every colour again.
        widget.setPalette(QPalette())
        return
    palette = QPalette()
    colour = tone_color(name, QGuiApplication.palette())
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, role, colour)
    widget.setPalette(palette)


def retone() -> None:
    """Paint every toned widget again for the application's palette (after the
    colour scheme changed)."""
    for widget in _live(_toned):
        if widget_tone(widget):
            _paint(widget)


def restyle_palette_sheets() -> None:
    """Set again every style sheet `set_palette_style_sheet` gave, so it takes
    the application's new palette."""
    for widget in _live(_palette_sheets):
        sheet = widget.styleSheet()
        widget.setStyleSheet("")
        widget.setStyleSheet(sheet)


def _live(widgets: weakref.WeakSet[QWidget]) -> list[QWidget]:
    return [widget for widget in list(widgets) if shiboken6.isValid(widget)]
