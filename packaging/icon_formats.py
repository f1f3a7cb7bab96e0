"""Windows .ico and macOS .icns files from the PNGs in resources/icons.

build_installer.spec writes them at build time on those platforms, so the
SVG stays the one source (tools/render_icons.py renders the PNGs). Both
formats simply hold PNG images behind a small index, so no imaging library
is needed. This folder has no __init__.py on purpose: it must not shadow
the `packaging` library that pip and PyInstaller import; load this file by
its path.
"""

from __future__ import annotations

import struct
from pathlib import Path

# Sizes the .ico carries: Windows picks 16-48 for lists and the title bar,
# 256 for large icon views.
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)

# .icns types that hold PNG data, by pixel size. The @2x types reuse the
# next size up (a 32 px image is 16 pt at 2x).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"ic11", 32),
    (b"icp6", 64),
    (b"ic12", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic13", 256),
)


def _png(icons: Path, size: int) -> bytes:
    data = (icons / f"offload-{size}.png").read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"offload-{size}.png is not a PNG file")
    width, height = struct.unpack(">II", data[16:24])
    if (width, height) != (size, size):
        raise ValueError(f"offload-{size}.png is {width}x{height}, not {size}x{size}")
    return data


def write_ico(icons: Path, destination: Path) -> Path:
    """An .ico with one PNG image per size in ICO_SIZES."""
    images = [(size, _png(icons, size)) for size in ICO_SIZES]
    header = struct.pack("<HHH", 0, 1, len(images))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(images)
    entries = b""
    for size, data in images:
        side = 0 if size == 256 else size  # 0 means 256 in the one-byte fields
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    destination.write_bytes(header + entries + b"".join(data for _size, data in images))
    return destination


def write_icns(icons: Path, destination: Path) -> Path:
    """An .icns with the PNG sizes macOS asks for (1x and 2x)."""
    chunks = b""
    for kind, size in ICNS_TYPES:
        data = _png(icons, size)
        chunks += kind + struct.pack(">I", 8 + len(data)) + data
    destination.write_bytes(b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks)
    return destination
