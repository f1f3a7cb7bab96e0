"""Every text of every tab meets 4.5:1 contrast, in the light and the dark palette."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QTableView

from desktop_app.demo import fill_demo_data
from desktop_app.views.partials import tones
from desktop_app.views.partials.colour_scheme import apply_colour_scheme, scheme_palette
from desktop_app.views.partials.contrast import MINIMUM_TEXT_CONTRAST, contrast_ratio
from desktop_app.views.tabs import TABS
from tests.contrast_helpers import measure_labels, measure_views, visit_every_page

SCHEMES = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}


@pytest.fixture(params=sorted(SCHEMES))
def scheme(request, qapp):
    saved = QPalette(qapp.palette())
    apply_colour_scheme(SCHEMES[request.param])
    yield request.param
    qapp.setPalette(saved)
    tones.retone()


def _measure_every_tab(window) -> list:
    measures = []

    def visit() -> None:
        QApplication.processEvents()
        measures.extend(measure_labels(window))
        measures.extend(measure_views(window))

    for spec in TABS:
        page = window.show_tab(spec.key).page()
        table = getattr(page, "table", None)
        if isinstance(table, QTableView) and table.model().rowCount():
            table.selectRow(0)
        visit_every_page(page, visit)
    return measures


@pytest.mark.parametrize("data", ["demo", "empty"])
def test_every_text_of_every_tab_is_readable(window, scheme, data, qtbot):
    if data == "demo":
        fill_demo_data()
        window.ctx.data_changed.emit("all")
        for spec in TABS:
            page = window.show_tab(spec.key).page()
            page.refresh()
    window.resize(1280, 800)
    measures = _measure_every_tab(window)
    assert len(measures) > (100 if data == "demo" else 15)
    failing = sorted(
        {m for m in measures if m.ratio < MINIMUM_TEXT_CONTRAST}, key=lambda m: m.ratio
    )
    lowest = min(measures, key=lambda m: m.ratio)
    print(
        f"{scheme}/{data}: lowest contrast {lowest.ratio:.2f}:1 ({lowest.where}: {lowest.text!r})"
    )
    assert not failing, "\n".join(
        f"{m.ratio:.2f}:1 {m.where} {m.text!r} {m.foreground} on {m.background}"
        for m in failing[:40]
    )


@pytest.mark.parametrize("name", sorted(SCHEMES))
def test_each_palette_reads_on_its_own_backgrounds(qapp, name):
    palette = scheme_palette(SCHEMES[name])
    role = QPalette.ColorRole
    pairs = [
        (role.WindowText, role.Window),
        (role.Text, role.Base),
        (role.Text, role.AlternateBase),
        (role.PlaceholderText, role.Base),
        (role.ButtonText, role.Button),
        (role.HighlightedText, role.Highlight),
        (role.Link, role.Base),
        (role.Link, role.Window),
        (role.ToolTipText, role.ToolTipBase),
    ]
    for text, background in pairs:
        ratio = contrast_ratio(palette.color(text), palette.color(background))
        assert ratio >= MINIMUM_TEXT_CONTRAST, (name, text, background, ratio)
    for tone in (tones.ALERT, tones.WARNING, tones.GOOD, tones.MUTED):
        for background in (role.Window, role.Base, role.AlternateBase):
            ratio = contrast_ratio(QColor(tones.tone(tone, palette)), palette.color(background))
            assert ratio >= MINIMUM_TEXT_CONTRAST, (name, tone, background, ratio)


def test_the_window_follows_the_system_colour_scheme(window, qapp):
    from desktop_app.views.partials.colour_scheme import follow_colour_scheme

    saved = QPalette(qapp.palette())
    try:
        follow_colour_scheme()
        page = window.show_tab("briefs").page()
        qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        QApplication.processEvents()
        assert tones.is_dark()
        assert page.palette().color(QPalette.ColorRole.Window).lightness() < 128
        qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
        assert not tones.is_dark()
    finally:
        qapp.setPalette(saved)
        tones.retone()
