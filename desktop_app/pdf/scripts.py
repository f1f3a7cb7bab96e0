"""Any script in a ReportLab paragraph: font fallback, shaping, direction, wrapping.

`Paragraph` is the one paragraph every Offload PDF uses. Text made only of
characters DejaVu Sans draws as they are (Latin, Greek, Cyrillic, without
combining marks) takes ReportLab's own path, untouched and as fast as
before. Any other paragraph is prepared once, before ReportLab breaks its
lines:

1. each run of characters is set in the first font of `fonts.FALLBACK`
   that has them (bold and italic kept where the font has them);
2. words get break opportunities where the script allows a line to end
   without a space: between Chinese, Japanese and Korean characters
   (never before a closing mark such as 。or 」), between Thai grapheme
   clusters (never inside one);
3. the Unicode bidirectional algorithm (python-bidi) gives each run its
   level; a paragraph whose first strong character is right-to-left is
   right-aligned;
4. runs that need it are shaped with HarfBuzz (uharfbuzz) in their
   direction: Arabic joining, Indic conjuncts and vowel signs, Thai marks,
   emoji sequences.

ReportLab then breaks lines between those words as usual (a word wider
than the column is split, so nothing overflows), and each line's words are
put in visual order (rule L2 of the bidi algorithm) before it is drawn.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, Protocol

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr
from reportlab.platypus import paragraph as rl_paragraph

from desktop_app.models.text import is_right_to_left
from desktop_app.pdf.fonts import FALLBACK, face_for, register_fonts, shaping_font

# ReportLab's private paragraph machinery this module builds on (fragwords,
# their kinds); its stubs leave private names out.
_reportlab_paragraph: Any = rl_paragraph
_FK_TEXT = _reportlab_paragraph._FK_TEXT

if TYPE_CHECKING:

    class _HSFrag(list[Any]):
        """ReportLab's fragword followed by a space: [width, (frag, text), ...]."""

else:
    _HSFrag = rl_paragraph._HSFrag


class _Styled(Protocol):
    """What `_font_runs` reads of a styled piece (a ReportLab frag or `_Style`)."""

    fontName: str  # noqa: N815 (ReportLab's name)


_FEATURES = {"kern": True, "liga": True}

# Characters a line may not start with (closing marks, small kana, Thai
# vowels that follow their consonant) or end with (opening marks).
_CANNOT_START = set(
    "!%),.:;?]}¢°’”‰′″℃、。〉》」』】〕〗〙〛〟ゝゞァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〻ー゠・！％），．：；？］｝｡｣､･ｧｨｩｪｫｬｭｮｯｰ"
    "\u0e30\u0e32\u0e33\u0e45\u0e46\u0e2f"
)
_CANNOT_END = set("([{‘“〈《「『【〔〖〘〚〝（［｛｢£¥＄￡￥")
_CANNOT_END |= {chr(code) for code in range(0x0E40, 0x0E45)}  # Thai vowels written first
_JOINERS = {"\u200c", "\u200d", "\u2060"}


def _is_mark(char: str) -> bool:
    """Characters that belong to the one before them: combining marks,
    joiners, variation selectors, emoji modifiers."""
    code = ord(char)
    return (
        unicodedata.category(char) in ("Mn", "Mc", "Me")
        or char in _JOINERS
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
        or 0x1F3FB <= code <= 0x1F3FF
        or 0xE0020 <= code <= 0xE007F
    )


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x2E80 <= code <= 0x9FFF
        or 0xAC00 <= code <= 0xD7AF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x3FFFF
    )


def _is_thai(char: str) -> bool:
    return 0x0E00 <= ord(char) <= 0x0E7F


def _break_between(before: str, after: str) -> bool:
    """May a line end between these two characters of one word?"""
    if _is_mark(after) or before in _JOINERS:
        return False
    if after in _CANNOT_START or before in _CANNOT_END:
        return False
    if _is_cjk(before) or _is_cjk(after):
        return True
    # Thai has no spaces between words: break between grapheme clusters.
    return _is_thai(before) and _is_thai(after)


@cache
def _simple_characters() -> frozenset[str]:
    """What DejaVu draws without shaping and with no script of its own to break."""
    register_fonts()
    dejavu = FALLBACK[0]
    font = shaping_font(dejavu.regular)
    return frozenset(
        chr(code)
        for code in font.face.charToGlyph
        if dejavu.wants(code)
        and code < 0x2E80
        and not _is_mark(chr(code))
        and unicodedata.bidirectional(chr(code)) not in ("R", "AL", "AN")
    ) | frozenset("\t\n\r")


def is_simple(value: str) -> bool:
    """True when ReportLab can set `value` alone, with DejaVu and no shaping."""
    return set(value) <= _simple_characters()


def is_rtl(value: str) -> bool:
    """True when the first strong character of `value` is right-to-left: the
    one rule the screens follow too (models.text.is_right_to_left)."""
    return is_right_to_left(value)


# ---------------------------------------------------------------- bidi levels


def _levels(text: str, base: int) -> list[int]:
    """The resolved embedding level of each character (rules X1-I2)."""
    from bidi import algorithm

    storage = algorithm.get_empty_storage()
    storage["base_level"] = base
    storage["base_dir"] = ("L", "R")[base]
    algorithm.get_embedding_levels(text, storage)
    algorithm.explicit_embed_and_overrides(storage)
    algorithm.resolve_weak_types(storage)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    return [char["level"] for char in storage["chars"]]


def visual_order(levels: list[int]) -> list[int]:
    """Indexes of items in display order (rule L2): from the highest level down
    to the lowest odd one, reverse every run at that level or higher."""
    order = list(range(len(levels)))
    if not levels:
        return order
    highest = max(levels)
    lowest_odd = min(level for level in levels) | 1
    for level in range(highest, lowest_odd - 1, -1):
        index = 0
        while index < len(order):
            if levels[order[index]] >= level:
                end = index
                while end < len(order) and levels[order[end]] >= level:
                    end += 1
                order[index:end] = reversed(order[index:end])
                index = end
            else:
                index += 1
    return order


# ------------------------------------------------------------------- shaping


def _needs_shaping(font_name: str, text: str, rtl: bool) -> bool:
    if rtl:
        return True
    if font_name.startswith("WenQuanYi"):
        return False
    if font_name.startswith(("DejaVu", "NotoEmoji")):
        return any(_is_mark(char) for char in text)
    return True


@lru_cache(maxsize=4096)
def shape(font_name: str, size: float, text: str, rtl: bool) -> tuple[str, float]:
    """`text` shaped by HarfBuzz in `font_name`: a ShapedStr in visual order, and its width.

    Cached: a brief repeats its words, and a word shapes the same every time.
    """
    import uharfbuzz

    font = shaping_font(font_name)
    buffer = uharfbuzz.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    buffer.cluster_level = uharfbuzz.BufferClusterLevel.MONOTONE_CHARACTERS
    uharfbuzz.shape(font.hb_font, buffer, _FEATURES)
    infos, positions = buffer.glyph_infos, buffer.glyph_positions
    starts = sorted({info.cluster for info in infos})
    ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))
    # The whole source text of a cluster goes to its first glyph in logical
    # order (the last one drawn when right-to-left), so copying gives it back once.
    given: set[int] = set()
    sources = [""] * len(infos)
    logical = range(len(infos) - 1, -1, -1) if rtl else range(len(infos))
    for index in logical:
        cluster = infos[index].cluster
        if cluster not in given:
            given.add(cluster)
            source = text[cluster : ends[cluster]]
            # Text extractors read a right-to-left glyph's characters as
            # drawn, then reverse the line: store them reversed too.
            sources[index] = source[::-1] if rtl else source
    scale = font.face._pdfScale
    codes = []
    data = []
    for info, position, source in zip(infos, positions, sources, strict=True):
        advance = font.hb_font.get_glyph_h_advance(info.codepoint)
        code = font.code_for_glyph(info.codepoint, source, advance)
        codes.append(chr(code))
        data.append(
            ShapeData(
                info.cluster,
                scale(position.x_advance),
                scale(position.y_advance),
                scale(position.x_offset),
                scale(position.y_offset),
                font.face.charWidths.get(code, scale(advance)),
            )
        )
    width = sum(item.x_advance for item in data) * size / 1000
    # ReportLab keeps one ShapeData a glyph, though its stubs say one a string.
    shape_data: Any = data
    return ShapedStr("".join(codes), shapeData=shape_data), width


# ------------------------------------------------------ words ReportLab breaks


def _font_runs(frag: _Styled, text: str) -> list[tuple[str, str]]:
    """(font name, text) runs of one styled piece, each in the font that has it."""
    runs: list[list[str]] = []
    for char in text:
        if runs and _is_mark(char):
            runs[-1][1] += char
            continue
        face = face_for(ord(char), frag.fontName) if not char.isspace() else frag.fontName
        if runs and runs[-1][0] == face:
            runs[-1][1] += char
        else:
            runs.append([face, char])
    return [(face, value) for face, value in runs]


def _units(pieces: list[tuple[object, str]]) -> list[list[tuple[object, str]]]:
    """A word's pieces cut where a line may break inside the word (CJK, Thai)."""
    units: list[list[tuple[object, str]]] = [[]]
    previous = ""
    for frag, value in pieces:
        start = 0
        for index, char in enumerate(value):
            if previous and _break_between(previous, char):
                if index > start:
                    units[-1].append((frag, value[start:index]))
                units.append([])
                start = index
            previous = char
        if start < len(value) or not value:
            units[-1].append((frag, value[start:]))
    return [unit for unit in units if unit]


class _Word(list[Any]):
    """A fragword cut from a longer word: no space follows it."""

    level: int  # its bidi embedding level


class _WordHS(_HSFrag):
    """A fragword followed by a space."""

    level: int


def _prepare(frags: list[Any]) -> list[Any]:
    """ReportLab's fragwords for `frags`, set in fallback fonts, cut at break
    opportunities, with bidi levels and shaped where needed."""
    words = _reportlab_paragraph._getFragWords(frags)
    plain = "".join(
        value + (" " if isinstance(word, _HSFrag) else "")
        for word in words
        for frag, value in word[1:]
        if not hasattr(frag, "cbDefn")
    )
    rtl_text = any(unicodedata.bidirectional(char) in ("R", "AL") for char in plain)
    base = 1 if rtl_text and is_rtl(plain) else 0
    levels = _levels(plain, base) if rtl_text else None
    offset = 0
    prepared = []
    for word in words:
        specials = [piece for piece in word[1:] if hasattr(piece[0], "cbDefn")]
        texts = [
            piece
            for piece in word[1:]
            if not hasattr(piece[0], "cbDefn") and getattr(piece[0], "_fkind", _FK_TEXT) == _FK_TEXT
        ]
        if specials or not texts or len(texts) != len(word) - 1:
            offset += sum(len(value) for frag, value in texts)
            offset += 1 if isinstance(word, _HSFrag) else 0
            prepared.append(word)
            continue
        pieces = []
        for frag, value in texts:
            for face, run in _font_runs(frag, value):
                piece_frag = frag if face == frag.fontName else frag.clone(fontName=face)
                pieces.append((piece_frag, run))
        units = _units(pieces)
        if not units:
            # A word with no text is how ReportLab carries the space after a
            # styled run ("<b>Skills:</b> 日本語"): keep it, or the space is lost.
            word.level = base
            prepared.append(word)
            offset += 1 if isinstance(word, _HSFrag) else 0
            continue
        for number, unit in enumerate(units):
            last = number == len(units) - 1
            klass = _WordHS if last and isinstance(word, _HSFrag) else _Word
            built = _build_word(klass, unit, levels, offset, base)
            offset += sum(len(value) for frag, value in unit)
            prepared.append(built)
        offset += 1 if isinstance(word, _HSFrag) else 0
    return prepared


def _build_word(
    klass: type[_Word | _WordHS], unit: list[Any], levels: list[int] | None, offset: int, base: int
) -> _Word | _WordHS:
    """One fragword: its pieces split by level, shaped, in visual order."""
    runs = []  # (frag, text, level)
    position = offset
    for frag, value in unit:
        start = 0
        for index in range(1, len(value) + 1):
            if index == len(value) or (
                levels is not None and levels[position + index] != levels[position + start]
            ):
                level = levels[position + start] if levels is not None else base
                runs.append((frag, value[start:index], level))
                start = index
        position += len(value)
    pieces = []
    width = 0.0
    for run_index in visual_order([level for _, _, level in runs]):
        frag, value, level = runs[run_index]
        rtl = bool(level % 2)
        if _needs_shaping(frag.fontName, value, rtl):
            value, run_width = shape(frag.fontName, frag.fontSize, value, rtl)
        else:
            run_width = pdfmetrics.stringWidth(value, frag.fontName, frag.fontSize)
        width += run_width
        pieces.append((frag, value))
    word = klass([width, *pieces])
    word.level = runs[0][2] if runs else base
    return word


def _reorder_lines(paragraph: Paragraph, lines: list[Any]) -> None:
    """Put each line's words in visual order (they are laid out in logical order)."""
    words: list[Any] = paragraph.frags  # fragwords by now (`_prepare`)
    for number, line in enumerate(lines):
        start = line.sFW
        end = lines[number + 1].sFW if number + 1 < len(lines) else len(words)
        members = [
            word
            for word in words[start:end]
            if hasattr(word, "level") and getattr(word[1][0], "_fkind", _FK_TEXT) == _FK_TEXT
        ]
        if not members or not any(word.level for word in members):
            continue
        order = visual_order([word.level for word in members])
        rebuilt: list[Any] = []
        for position, index in enumerate(order):
            word = members[index]
            if position:
                left = members[min(index, order[position - 1])]
                if isinstance(left, _HSFrag):
                    rebuilt.append(_space_after(rebuilt[-1]))
            for frag, value in word[1:]:
                piece = frag.clone()
                piece.text = value
                rebuilt.append(piece)
        trailing = [frag for frag in line.words if getattr(frag, "_fkind", _FK_TEXT) != _FK_TEXT]
        line.words = rebuilt + trailing


def _space_after(frag: Any) -> Any:
    space = frag.clone()
    space.text = " "
    return space


@cache
def _right_aligned(style: ParagraphStyle) -> ParagraphStyle:
    return style.clone(f"{style.name}-rtl", alignment=TA_RIGHT)


class Paragraph(rl_paragraph.Paragraph):
    """ReportLab's Paragraph for text in any script (see the module's docstring)."""

    def __init__(self, text: str, style: ParagraphStyle, *args: Any, **kwargs: Any) -> None:
        super().__init__(text, style, *args, **kwargs)
        self._prepared: bool = _reportlab_paragraph._processed_frags(self.frags)
        plain = "" if self._prepared else "".join(getattr(f, "text", "") for f in self.frags)
        self._simple = not self._prepared and is_simple(plain)
        left = self.style.alignment == TA_LEFT
        if not self._simple and not self._prepared and left and is_rtl(plain):
            self.style = _right_aligned(self.style)

    def breakLines(self, width: Any) -> Any:  # ReportLab's name
        if self._simple:
            return super().breakLines(width)
        if not self._prepared:
            self.frags = _prepare(self.frags)
            self._prepared = True
        lines = super().breakLines(width)
        if lines.kind == 1:
            _reorder_lines(self, lines.lines)
        return lines


def text_width(value: str, font_name: str, size: float) -> float:
    """The width of one line of `value` in points, each character in its fallback font."""
    if is_simple(value):
        return pdfmetrics.stringWidth(value, font_name, size)
    total = 0.0
    for face, run in _font_runs(_Style(font_name), value):
        if _needs_shaping(face, run, False):
            total += shape(face, size, run, is_rtl(run))[1]
        else:
            total += pdfmetrics.stringWidth(run, face, size)
    return total


class _Style:
    def __init__(self, font_name: str) -> None:
        self.fontName = font_name
