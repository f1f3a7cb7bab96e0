"""Render the app icon's SVG sources to the PNG sizes desktops ask for.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tools.render_icons

resources/icons/offload.svg is the icon. At 16 and 24 px its strokes fall
between pixels and blur, so offload-small.svg redraws the same picture on
the 16-pixel grid for those sizes (24 px is 1.5 times that grid, so its
strokes land on whole pixels too). Edit the SVGs, then run this; the tests
check the PNGs are what the SVGs render to.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 24, 32, 48, 64, 128, 256)
SMALL_SIZES = (16, 24)
ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"


def source_for(size: int) -> Path:
    """The SVG drawn for this pixel size."""
    return ICONS / ("offload-small.svg" if size in SMALL_SIZES else "offload.svg")


def render(size: int) -> QImage:
    """The icon at `size` px, as the PNG holds it (needs a QGuiApplication)."""
    renderer = QSvgRenderer(str(source_for(size)))
    if not renderer.isValid():
        raise ValueError(f"{source_for(size)} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def png_path(size: int) -> Path:
    return ICONS / f"offload-{size}.png"


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (QPainter needs it)
    for size in SIZES:
        render(size).save(str(png_path(size)))
    print(f"rendered {len(SIZES)} sizes into {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
