"""Light or dark, as the system says (`QStyleHints.colorScheme`).

Qt's own styles on Linux keep a light palette when the desktop asks for a
dark one unless a platform theme passes it on; Offload sets a palette of its
own for either scheme, so the window follows the system everywhere. Both
palettes give every text colour at least 4.5:1 contrast on its background
(placeholder text and selected rows included); the tones that carry meaning
are in `tones.py`.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from desktop_app.views.partials import tones

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

# (role, active and inactive colour, disabled colour)
_LIGHT = (
    (Role.Window, "#efefef", "#efefef"),
    (Role.WindowText, "#1a1a1a", "#8a8a8a"),
    (Role.Base, "#ffffff", "#f4f4f4"),
    (Role.AlternateBase, "#f5f5f5", "#f5f5f5"),
    (Role.Text, "#1a1a1a", "#8a8a8a"),
    (Role.PlaceholderText, "#62676d", "#9a9a9a"),
    (Role.Button, "#efefef", "#efefef"),
    (Role.ButtonText, "#1a1a1a", "#8a8a8a"),
    (Role.BrightText, "#ffffff", "#ffffff"),
    (Role.Light, "#ffffff", "#ffffff"),
    (Role.Midlight, "#cacaca", "#cacaca"),
    (Role.Mid, "#b8b8b8", "#b8b8b8"),
    (Role.Dark, "#9f9f9f", "#bebebe"),
    (Role.Shadow, "#767676", "#b1b1b1"),
    (Role.Highlight, "#2a64a8", "#919191"),
    (Role.HighlightedText, "#ffffff", "#ffffff"),
    (Role.Link, "#0b57d0", "#5a7fb8"),
    (Role.LinkVisited, "#6a3ab2", "#8a78a8"),
    (Role.ToolTipBase, "#ffffdc", "#ffffdc"),
    (Role.ToolTipText, "#1a1a1a", "#1a1a1a"),
    (Role.Accent, "#2a64a8", "#919191"),
)
_DARK = (
    (Role.Window, "#2d2d2d", "#2d2d2d"),
    (Role.WindowText, "#ececec", "#7c7c7c"),
    (Role.Base, "#1e1e1e", "#262626"),
    (Role.AlternateBase, "#262626", "#262626"),
    (Role.Text, "#ececec", "#7c7c7c"),
    (Role.PlaceholderText, "#a0a6ad", "#6a6a6a"),
    (Role.Button, "#383838", "#323232"),
    (Role.ButtonText, "#ececec", "#7c7c7c"),
    (Role.BrightText, "#ffffff", "#ffffff"),
    (Role.Light, "#4a4a4a", "#4a4a4a"),
    (Role.Midlight, "#3e3e3e", "#3e3e3e"),
    (Role.Mid, "#5a5a5a", "#4a4a4a"),
    (Role.Dark, "#1a1a1a", "#1a1a1a"),
    (Role.Shadow, "#0a0a0a", "#0a0a0a"),
    (Role.Highlight, "#2f65a6", "#4a4a4a"),
    (Role.HighlightedText, "#ffffff", "#9a9a9a"),
    (Role.Link, "#a6c8ff", "#6a7f9f"),
    (Role.LinkVisited, "#d4b3f7", "#8a78a8"),
    (Role.ToolTipBase, "#3a3a3a", "#3a3a3a"),
    (Role.ToolTipText, "#f0f0f0", "#f0f0f0"),
    (Role.Accent, "#2f65a6", "#4a4a4a"),
)


def scheme_palette(scheme: Qt.ColorScheme) -> QPalette:
    """Offload's palette for `scheme` (dark for Dark, light otherwise)."""
    palette = QPalette()
    for role, normal, disabled in _DARK if scheme == Qt.ColorScheme.Dark else _LIGHT:
        for group in (Group.Active, Group.Inactive):
            palette.setColor(group, role, QColor(normal))
        palette.setColor(Group.Disabled, role, QColor(disabled))
    return palette


def apply_colour_scheme(scheme: Qt.ColorScheme | None = None) -> Qt.ColorScheme:
    """Give the application the palette of `scheme` (default: the system's),
    paint every toned widget again; returns the scheme applied."""
    app = QApplication.instance()
    assert isinstance(app, QGuiApplication)
    if scheme is None:
        scheme = app.styleHints().colorScheme()
    if scheme != Qt.ColorScheme.Dark:
        scheme = Qt.ColorScheme.Light
    app.setPalette(scheme_palette(scheme))
    tones.retone()
    tones.restyle_palette_sheets()
    return scheme


class _SchemeFollower(QObject):
    def follow(self, scheme: Qt.ColorScheme) -> None:
        apply_colour_scheme(scheme)


def follow_colour_scheme() -> None:
    """Apply the system's colour scheme now and whenever it changes."""
    app = QApplication.instance()
    assert isinstance(app, QGuiApplication)
    apply_colour_scheme()
    follower = app.findChild(_SchemeFollower, "colourSchemeFollower")
    if follower is None:
        follower = _SchemeFollower(app)
        follower.setObjectName("colourSchemeFollower")
        app.styleHints().colorSchemeChanged.connect(follower.follow)
