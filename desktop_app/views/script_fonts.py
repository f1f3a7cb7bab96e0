"""The PDF fonts, lent to the screens of a machine that has none for a script.

The brief editor, the lists and the print preview draw text through Qt,
which takes its fonts from the system. A desktop with no Chinese, Arabic or
Thai font shows boxes where the PDF prints the text right: so, once the
first frame is on screen, the fonts Offload ships for its PDFs
(resources/fonts, see pdf/fonts.py) are added to Qt's fonts for every
writing system the system has no font for. Qt then falls back to them as it
does to system fonts. A system that has them loses nothing (and loads
nothing); one that has none pays about 30 ms, after the window is seen.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontDatabase

from desktop_app.assets import resource_path

log = logging.getLogger("offload.fonts")
_lent: set[str] = set()

WS = QFontDatabase.WritingSystem

# Writing systems, and the shipped files that draw them.
SCRIPT_FONTS: tuple[tuple[tuple[QFontDatabase.WritingSystem, ...], tuple[str, ...]], ...] = (
    ((WS.Arabic,), ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf")),
    ((WS.Hebrew,), ("NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf")),
    ((WS.Devanagari,), ("NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf")),
    ((WS.Bengali,), ("NotoSansBengali-Regular.ttf",)),
    ((WS.Gujarati,), ("NotoSansGujarati-Regular.ttf",)),
    ((WS.Gurmukhi,), ("NotoSansGurmukhi-Regular.ttf",)),
    ((WS.Kannada,), ("NotoSansKannada-Regular.ttf",)),
    ((WS.Malayalam,), ("NotoSansMalayalam-Regular.ttf",)),
    ((WS.Oriya,), ("NotoSansOriya-Regular.ttf",)),
    ((WS.Sinhala,), ("NotoSansSinhala-Regular.ttf",)),
    ((WS.Tamil,), ("NotoSansTamil-Regular.ttf",)),
    ((WS.Telugu,), ("NotoSansTelugu-Regular.ttf",)),
    ((WS.Thai,), ("NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf")),
    (
        (WS.SimplifiedChinese, WS.TraditionalChinese, WS.Japanese, WS.Korean),
        ("WenQuanYiMicroHei.ttf",),
    ),
)
# Emoji and symbols have no writing system of their own: lent when no
# family of the system is named for them.
SYMBOL_FONTS = (
    "NotoEmoji-Regular.ttf",
    "NotoSansSymbols-Regular.ttf",
    "NotoSansSymbols2-Regular.ttf",
)


def lend_missing_script_fonts() -> list[str]:
    """Add the shipped fonts for every script the system cannot draw; the files added."""
    folder = resource_path("fonts")
    wanted: list[str] = []
    for systems, files in SCRIPT_FONTS:
        if not any(QFontDatabase.families(system) for system in systems):
            wanted.extend(files)
    if not any("emoji" in family.casefold() for family in QFontDatabase.families()):
        wanted.extend(SYMBOL_FONTS)
    added = []
    for name in wanted:
        if name in _lent:
            continue
        _lent.add(name)
        if QFontDatabase.addApplicationFont(str(folder / name)) < 0:
            log.warning("could not load the font %s", name)
        else:
            added.append(name)
    if added:
        log.info("lent %d shipped fonts to the screens: %s", len(added), ", ".join(added))
    return added
