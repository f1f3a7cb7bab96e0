"""A change of colour scheme paints again what named a tone or a palette role,
and forgets the widgets deleted since."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.views.overview.tiles import MetricTile
from desktop_app.views.partials import tones
from desktop_app.views.partials.colour_scheme import apply_colour_scheme, scheme_palette


@pytest.fixture
def restore_palette(qapp):
    saved = QPalette(qapp.palette())
    yield
    qapp.setPalette(saved)
    tones.retone()
    tones.restyle_palette_sheets()


def _centre_colour(widget: QWidget) -> QColor:
    image = widget.grab().toImage()
    return image.pixelColor(image.width() // 2, image.height() // 2)


def test_a_toned_label_and_a_tile_take_the_dark_scheme_and_back(qtbot, restore_palette):
    parent = QWidget()
    qtbot.addWidget(parent)
    label = QLabel("Overdue", parent)
    tones.set_tone(label, tones.ALERT)
    tile = MetricTile("testTile", "Spend", parent)
    tile.resize(200, 120)

    apply_colour_scheme(Qt.ColorScheme.Dark)
    dark = scheme_palette(Qt.ColorScheme.Dark)
    assert label.palette().color(QPalette.ColorRole.WindowText) == QColor(
        tones.DARK_TONES[tones.ALERT]
    )
    assert _centre_colour(tile) == dark.color(QPalette.ColorRole.Base)

    apply_colour_scheme(Qt.ColorScheme.Light)
    light = scheme_palette(Qt.ColorScheme.Light)
    assert label.palette().color(QPalette.ColorRole.WindowText) == QColor(tones.ALERT)
    assert _centre_colour(tile) == light.color(QPalette.ColorRole.Base)


def test_a_scheme_change_after_toned_widgets_were_deleted_paints_the_rest(qtbot, restore_palette):
    parent = QWidget()
    qtbot.addWidget(parent)
    kept = QLabel("kept", parent)
    tones.set_tone(kept, tones.GOOD)
    gone = QWidget()
    for index in range(50):
        tones.set_tone(QLabel(f"gone {index}", gone), tones.WARNING)
    gone.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    apply_colour_scheme(Qt.ColorScheme.Dark)

    assert kept.palette().color(QPalette.ColorRole.WindowText) == QColor(
        tones.DARK_TONES[tones.GOOD]
    )
