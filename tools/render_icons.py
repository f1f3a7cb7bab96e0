"""Render resources/icons/offload.svg to the PNG sizes desktops ask for.

QT_QPA_PLATFORM=offscreen python -m tools.render_icons
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 24, 32, 48, 64, 128, 256)
ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 (QPainter on QImage needs a Gui app)
    renderer = QSvgRenderer(str(ICONS / "offload.svg"))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(ICONS / f"offload-{size}.png"))
    print(f"rendered {len(SIZES)} sizes into {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
