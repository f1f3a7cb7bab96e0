"""What the desktop build is made from: the spec's choices, the icons, the
menu entry's template, the version. (`make installer-check` builds it.)"""

from __future__ import annotations

import ast
import importlib.util
import shutil
import subprocess
import tomllib

import pytest
from PIL import Image
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from desktop_app import _frozen_version
from desktop_app.app import window_icon
from desktop_app.smoke import LAZY_QT_MODULES
from tests.conftest import REPO
from tools import render_icons
from tools.installer_check import parse_desktop_entry, spec_constant

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)


def _icon_formats():
    spec = importlib.util.spec_from_file_location(
        "offload_icon_formats", REPO / "packaging" / "icon_formats.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _qt_modules_imported_by_the_app() -> set[str]:
    found = set()
    for path in (REPO / "desktop_app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                parts = node.module.split(".")
                if parts[0] == "PySide6" and len(parts) > 1:
                    found.add(parts[1])
                elif node.module == "PySide6":
                    found |= {alias.name for alias in node.names if alias.name.startswith("Qt")}
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    parts = alias.name.split(".")
                    if parts[0] == "PySide6" and len(parts) > 1:
                        found.add(parts[1])
    return found


def test_the_frozen_version_is_pyprojects():
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == _frozen_version.VERSION


def test_the_build_keeps_every_qt_module_the_app_imports():
    kept = spec_constant("KEEP_QT_MODULES")
    imported = _qt_modules_imported_by_the_app()
    lazily = {name.removeprefix("PySide6.") for name in LAZY_QT_MODULES}
    assert {"QtCore", "QtGui", "QtWidgets"} <= imported
    missing = (imported | lazily) - kept
    assert not missing, f"add {sorted(missing)} to KEEP_QT_MODULES in build_installer.spec"


def test_the_build_keeps_the_qt_plugins_a_desktop_needs():
    plugins = spec_constant("KEEP_QT_PLUGINS")
    assert {"qxcb", "qwayland", "qoffscreen"} <= plugins["platforms"]
    assert "qsvg" in plugins["imageformats"]
    assert "qsvgicon" in plugins["iconengines"]
    assert "printsupport" in plugins


def test_the_icon_pngs_are_what_the_svgs_render_to(qapp):
    for size in PNG_SIZES:
        stored = QImage(str(render_icons.png_path(size))).convertToFormat(
            QImage.Format.Format_ARGB32_Premultiplied
        )
        fresh = render_icons.render(size)
        assert stored.size() == QSize(size, size)
        worst = max(
            abs(a - b)
            for a, b in zip(stored.constBits().tobytes(), fresh.constBits().tobytes(), strict=True)
        )
        assert worst <= 2, f"offload-{size}.png is stale: run python -m tools.render_icons"


def test_the_window_icon_offers_the_sharp_small_drawing_and_the_large_one(qapp):
    icon = window_icon()
    sizes = {size.width() for size in icon.availableSizes()}
    assert set(PNG_SIZES) <= sizes
    small = icon.pixmap(16, 16).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    stored = QImage(str(render_icons.png_path(16))).convertToFormat(QImage.Format.Format_ARGB32)
    assert small == stored


def test_windows_and_macos_icons_hold_every_size(tmp_path):
    icon_formats = _icon_formats()
    icons = REPO / "resources" / "icons"
    with Image.open(icon_formats.write_ico(icons, tmp_path / "offload.ico")) as ico:
        assert ico.format == "ICO"
        assert {size for size, _ in ico.info["sizes"]} == set(PNG_SIZES)
    with Image.open(icon_formats.write_icns(icons, tmp_path / "offload.icns")) as icns:
        assert icns.format == "ICNS"
        assert {(16, 16, 1), (16, 16, 2), (128, 128, 2), (256, 256, 1)} <= set(icns.info["sizes"])
        icns.size = (256, 256)
        icns.load()
        assert icns.size == (256, 256)


def test_a_wrong_png_is_refused_rather_than_packed(tmp_path):
    icons = tmp_path / "icons"
    shutil.copytree(REPO / "resources" / "icons", icons)
    shutil.copy(icons / "offload-32.png", icons / "offload-48.png")
    with pytest.raises(ValueError, match=r"offload-48\.png is 32x32, not 48x48"):
        _icon_formats().write_ico(icons, tmp_path / "offload.ico")


def test_the_menu_entry_template_is_valid_and_filed_under_office():
    template = REPO / "resources" / "offload.desktop"
    validator = shutil.which("desktop-file-validate")
    assert validator, "desktop-file-validate is missing: apt-get install desktop-file-utils"
    result = subprocess.run([validator, str(template)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    entry = parse_desktop_entry(template.read_text(encoding="utf-8"))
    assert entry["Categories"] == "Office;ProjectManagement;"
    assert entry["Icon"] == "offload"
    # The X11 window class is the program's name; Wayland uses setDesktopFileName.
    assert entry["StartupWMClass"] == "offload"
