"""The fonts every Offload PDF draws with, and which one sets each character.

`FALLBACK` lists the font families in order: a character is set in the
first family that has its glyph (and whose `ranges`, when given, hold it).
DejaVu Sans sets Latin, Greek and Cyrillic as before; Arabic and Hebrew
go to Noto fonts made for them even though DejaVu has some of their
letters, so a word is never split between two designs. A family is
registered with ReportLab only when a character first needs it, so a
Latin-only PDF reads and embeds DejaVu alone.

`ShapingFont` is ReportLab's TTFont with two fixes that shaped text needs
for copy and search: a glyph with no character of its own (an Arabic
joining form, a Devanagari conjunct) gets a private code whose ToUnicode
entry is the text it was shaped from, and characters beyond U+FFFF (emoji)
are written to ToUnicode as UTF-16 surrogate pairs, as PDF requires.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

from desktop_app.assets import resource_path

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"

Ranges = tuple[tuple[int, int], ...]

ARABIC: Ranges = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x0870, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
)
HEBREW: Ranges = ((0x0590, 0x05FF), (0xFB1D, 0xFB4F))
CJK: Ranges = (
    (0x1100, 0x11FF),  # hangul jamo
    (0x2E80, 0x2FDF),  # radicals
    (0x3000, 0x9FFF),  # punctuation, kana, bopomofo, compatibility, ideographs
    (0xA960, 0xA97F),
    (0xAC00, 0xD7FF),  # hangul syllables
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),  # full- and half-width forms
    (0x20000, 0x3FFFF),
)


@dataclass(frozen=True)
class Family:
    """One font family of the fallback list, as files in resources/fonts."""

    name: str
    regular: str
    bold: str | None = None
    italic: str | None = None
    bold_italic: str | None = None
    ranges: Ranges | None = None  # None: any character its cmap has
    skip: Ranges = ()  # characters left to a later family

    def face(self, *, bold: bool, italic: bool) -> str:
        """The ReportLab font name for this weight and slant (upright when none)."""
        if bold and italic and self.bold_italic:
            return self.bold_italic
        if bold and self.bold:
            return self.bold
        if italic and self.italic:
            return self.italic
        return self.regular

    def wants(self, code: int) -> bool:
        if any(low <= code <= high for low, high in self.skip):
            return False
        return self.ranges is None or any(low <= code <= high for low, high in self.ranges)


def _noto(script: str, *, bold: bool = False, ranges: Ranges | None = None) -> Family:
    return Family(
        f"NotoSans{script}",
        f"NotoSans{script}-Regular",
        f"NotoSans{script}-Bold" if bold else None,
        ranges=ranges,
    )


FALLBACK: tuple[Family, ...] = (
    Family(FONT, FONT, FONT_BOLD, FONT_ITALIC, FONT_BOLD_ITALIC, skip=ARABIC + HEBREW),
    _noto("Arabic", bold=True, ranges=ARABIC),
    _noto("Hebrew", bold=True, ranges=HEBREW),
    _noto("Devanagari", bold=True, ranges=((0x0900, 0x097F), (0xA8E0, 0xA8FF), (0x1CD0, 0x1CFF))),
    _noto("Bengali", ranges=((0x0980, 0x09FF),)),
    _noto("Gurmukhi", ranges=((0x0A00, 0x0A7F),)),
    _noto("Gujarati", ranges=((0x0A80, 0x0AFF),)),
    _noto("Oriya", ranges=((0x0B00, 0x0B7F),)),
    _noto("Tamil", ranges=((0x0B80, 0x0BFF),)),
    _noto("Telugu", ranges=((0x0C00, 0x0C7F),)),
    _noto("Kannada", ranges=((0x0C80, 0x0CFF),)),
    _noto("Malayalam", ranges=((0x0D00, 0x0D7F),)),
    _noto("Sinhala", ranges=((0x0D80, 0x0DFF),)),
    _noto("Thai", bold=True, ranges=((0x0E00, 0x0E7F),)),
    Family("WenQuanYiMicroHei", "WenQuanYiMicroHei", ranges=CJK),
    Family("NotoEmoji", "NotoEmoji-Regular"),
    _noto("Symbols"),
    _noto("Symbols2"),
)
_STYLE_OF = {FONT: (False, False), FONT_BOLD: (True, False), FONT_ITALIC: (False, True)}
_STYLE_OF[FONT_BOLD_ITALIC] = (True, True)
for _family in FALLBACK[1:]:
    if _family.bold:
        _STYLE_OF[_family.bold] = (True, False)

# Private codes for shaped glyphs: Supplementary Private Use Area-A, which
# nobody types, so they never clash with a character of the text.
_PRIVATE_START = 0xF0000


class ShapingFont(TTFont):
    """A TrueType font whose shaped glyphs copy and search as the text they show."""

    # TTFont's own attributes that ReportLab's stubs leave out; its face is
    # taken as Any (glyphToChar, _pdfScale and the rest are not in them either).
    face: Any
    _asciiReadable: bool  # noqa: N815 (ReportLab's name)

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        self.private_text: dict[int, str] = {}
        self._private_codes: dict[tuple[int, str], int] = {}
        self._hb_font: Any = None  # a uharfbuzz.Font, made when first shaping

    @property
    def hb_font(self) -> Any:
        if self._hb_font is None:
            import uharfbuzz

            self._hb_font = uharfbuzz.Font(self.hbFace)
        return self._hb_font

    def code_for_glyph(self, glyph: int, source: str, advance: int) -> int:
        """The character code that draws `glyph`: its own character when the
        glyph is the nominal glyph of `source`, else a private code whose
        ToUnicode is `source` (`advance` in font units)."""
        face = self.face
        if len(source) == 1 and face.charToGlyph.get(ord(source)) == glyph:
            return ord(source)
        key = (glyph, source)
        code = self._private_codes.get(key)
        if code is None:
            code = _PRIVATE_START + len(self._private_codes)
            self._private_codes[key] = code
            self.private_text[code] = source
            face.charToGlyph[code] = glyph
            face.glyphToChar.setdefault(glyph, []).append(code)
            face.charWidths[code] = face._pdfScale(advance)
        return code

    def addObjects(self, doc: Any) -> None:  # ReportLab's name and its PDFDocument
        """ReportLab's addObjects, with a ToUnicode that maps private codes
        to their text and writes non-BMP characters as surrogate pairs."""
        try:
            state = self.state[doc]
        except KeyError:
            state = self.state[doc] = TTFont.State(self._asciiReadable)
        state.frozen = 1
        for number, subset in enumerate(state.subsets):
            internal_name = self.getSubsetInternalName(number, doc)[1:]
            base_font_name = (
                b"".join((SUBSETN(number), b"+", self.face.name, self.face.subfontNameX))
            ).decode("pdfdoc")
            # A PDF dictionary whose entries ReportLab takes as attributes.
            pdf_font: Any = pdfdoc.PDFTrueTypeFont()
            pdf_font.__Comment__ = f"Font {self.fontName} subset {number}"
            pdf_font.Name = internal_name
            pdf_font.BaseFont = base_font_name
            pdf_font.FirstChar = 0
            pdf_font.LastChar = len(subset) - 1
            pdf_font.Widths = pdfdoc.PDFArray(list(map(self.face.getCharWidth, subset)))
            cmap = pdfdoc.PDFStream()
            cmap.content = _to_unicode_cmap(base_font_name, subset, self.private_text)
            if doc.compression:
                cmap.filters = [pdfdoc.PDFZCompress]
            pdf_font.ToUnicode = doc.Reference(cmap, "toUnicodeCMap:" + base_font_name)
            pdf_font.FontDescriptor = self.face.addSubsetObjects(doc, base_font_name, subset)
            doc.Reference(pdf_font, internal_name)
            doc.idToObject["BasicFonts"].dict[internal_name] = pdf_font
        del self.state[doc]


def _utf16_hex(value: str) -> str:
    return value.encode("utf-16-be").hex().upper()


def _to_unicode_cmap(name: str, subset: list[int], private_text: dict[int, str]) -> str:
    entries = []
    for index, code in enumerate(subset):
        source = private_text.get(code, chr(code) if code else "")
        if source:
            entries.append(f"<{index:02X}> <{_utf16_hex(source)}>")
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        f"/CIDSystemInfo << /Registry ({name}) /Ordering ({name}) /Supplement 0 >> def",
        f"/CMapName /{name} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
    ]
    # PDF allows at most 100 entries a block.
    for start in range(0, len(entries), 100):
        block = entries[start : start + 100]
        lines += [f"{len(block)} beginbfchar", *block, "endbfchar"]
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


def register_fonts() -> None:
    """Register the DejaVu Sans family once, so <b> and <i> map to real faces."""
    _register_family(FALLBACK[0])


@cache
def _register_family(family: Family) -> None:
    for face in (family.regular, family.bold, family.italic, family.bold_italic):
        if face and face not in pdfmetrics.getRegisteredFontNames():
            path = resource_path("fonts", f"{face}.ttf")
            pdfmetrics.registerFont(ShapingFont(face, str(path)))
    pdfmetrics.registerFontFamily(
        family.name,
        normal=family.regular,
        bold=family.bold or family.regular,
        italic=family.italic or family.regular,
        boldItalic=family.bold_italic or family.bold or family.regular,
    )


def shaping_font(name: str) -> ShapingFont:
    """The registered font `name` (every font Offload registers is a ShapingFont)."""
    font = pdfmetrics.getFont(name)
    assert isinstance(font, ShapingFont), name
    return font


def _has_glyph(family: Family, code: int) -> bool:
    _register_family(family)
    return code in shaping_font(family.regular).face.charToGlyph


@cache
def family_for(code: int) -> Family:
    """The first family of FALLBACK that has a glyph for `code` (DejaVu when none has)."""
    for family in FALLBACK:
        if family.wants(code) and _has_glyph(family, code):
            return family
    return FALLBACK[0]


def face_for(code: int, font_name: str) -> str:
    """The font that sets `code` in text styled `font_name` (bold and italic kept)."""
    bold, italic = _STYLE_OF.get(font_name, (False, False))
    return family_for(code).face(bold=bold, italic=italic)
