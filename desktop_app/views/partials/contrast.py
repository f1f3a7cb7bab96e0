"""Contrast between two colours, as WCAG 2 measures it (text needs 4.5:1)."""

from __future__ import annotations

from PySide6.QtGui import QColor

# WCAG 2.2, 1.4.3: the least contrast of ordinary text against its background.
MINIMUM_TEXT_CONTRAST = 4.5


def relative_luminance(colour: QColor) -> float:
    """The colour's relative luminance (0 for black, 1 for white)."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(colour.redF())
        + 0.7152 * linear(colour.greenF())
        + 0.0722 * linear(colour.blueF())
    )


def contrast_ratio(foreground: QColor, background: QColor) -> float:
    """From 1 (the same) to 21 (black on white). A translucent foreground is
    first laid over the background, as it is painted."""
    shown = blend(foreground, background)
    lighter, darker = sorted(
        (relative_luminance(shown), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def blend(colour: QColor, under: QColor) -> QColor:
    """`colour` painted over the opaque `under`, as the eye sees it."""
    alpha = colour.alphaF()
    if alpha >= 1:
        return QColor(colour.red(), colour.green(), colour.blue())
    return QColor.fromRgbF(
        colour.redF() * alpha + under.redF() * (1 - alpha),
        colour.greenF() * alpha + under.greenF() * (1 - alpha),
        colour.blueF() * alpha + under.blueF() * (1 - alpha),
    )
