import tomllib
from pathlib import Path

from PySide6.QtCore import QLocale

from desktop_app.assets import resource_path
from desktop_app.locale_defaults import locale_defaults

REPO = Path(__file__).resolve().parent.parent


def test_every_package_folder_is_listed_in_pyproject():
    listed = set(
        tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(init.parent.relative_to(REPO).parts)
        for init in (REPO / "desktop_app").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert found | {"desktop_app.resources"} == listed


def test_shipped_files_are_found():
    assert resource_path("icons", "offload.svg").is_file()
    for face in ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"):
        assert resource_path("fonts", f"{face}.ttf").is_file()


def test_paper_and_currency_follow_the_locale():
    us = locale_defaults(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    assert us == {"page_size": "letter", "currency": "USD"}
    germany = locale_defaults(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    assert germany == {"page_size": "a4", "currency": "EUR"}
