"""Every script on paper (issue 15): the brief, the review and the comparison
with fields in each script and emoji, read back with pdftotext; no missing
glyph; long unbroken strings wrap; a Latin brief stays as small as before."""

import re
import subprocess
import unicodedata
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from desktop_app.models import contractors as bench
from desktop_app.models.briefs import BriefData, ExpectationData
from desktop_app.models.contractor_input import parse_contractor
from desktop_app.models.engagements import Engagement, add_check_in, add_feedback
from desktop_app.models.settings import Settings
from desktop_app.pdf.brief import write_brief_pdf
from desktop_app.pdf.comparison import write_comparison_pdf
from desktop_app.pdf.review import write_review
from tests.engagement_helpers import engagement, expectations

TODAY = date(2026, 11, 26)

# One sample per script: (name, text, words pdftotext must give back exactly,
# or None when only the letters are checked: shaped scripts reorder vowel
# signs and joining forms on the page).
SCRIPTS = [
    ("latin", "Übersetzung für Zoë", ["Übersetzung", "Zoë"]),
    ("cyrillic-greek", "Олег и Ελένη", ["Олег", "Ελένη"]),
    ("japanese", "翻訳の依頼です。ひらがなとカタカナ", ["翻訳の依頼です", "ひらがなとカタカナ"]),
    ("chinese", "我们需要一个中文翻译", ["我们需要一个中文翻译"]),
    ("korean", "안녕하세요 번역가님", ["안녕하세요", "번역가님"]),
    ("arabic", "مرحبا بالعالم للاختبار", None),
    ("hebrew", "שלום עולם לבדיקה", None),
    ("hindi", "नमस्ते दुनिया क्षत्रिय", None),
    ("thai", "สวัสดีครับ ภาษาไทย", None),
    ("emoji", "Done 😀 👍 🚀 ✓", ["😀", "👍", "🚀", "✓"]),
]
ALL = " · ".join(sample for _, sample, _ in SCRIPTS)
LONG = "https://example.com/" + "a1b2c3d4e5" * 98  # 1,000 characters, no space


def _pdftotext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _letters(value: str) -> str:
    """The letters and marks of `value`, sorted: what survives any visual reordering."""
    return "".join(
        sorted(c for c in value if unicodedata.category(c)[0] in "LM" and c not in "\u200c\u200d")
    )


def _assert_every_script(extracted: str) -> None:
    # pdftotext marks right-to-left runs with embedding controls.
    flat = re.sub(r"[\u202a-\u202e\u200e\u200f]", "", extracted)
    squeezed = re.sub(r"\s+", "", flat)
    for name, sample, words in SCRIPTS:
        if words:
            for word in words:
                assert word in squeezed, f"{name}: {word!r} not in the PDF's text"
        else:
            for word in sample.split():
                letters = _letters(word)
                assert any(
                    _letters(candidate) == letters for candidate in _words_around(flat, word)
                ), f"{name}: the letters of {word!r} are not in the PDF's text"


def _words_around(text: str, word: str) -> list[str]:
    """Every run of 1-3 adjacent extracted words (pdftotext may cut a shaped word)."""
    tokens = text.split()
    return [
        "".join(tokens[i : i + size]) for size in (1, 2, 3) for i in range(len(tokens) - size + 1)
    ]


def test_every_sample_character_has_a_glyph_and_shapes_without_notdef():
    from reportlab.pdfbase import pdfmetrics

    from desktop_app.pdf.fonts import FALLBACK, family_for
    from desktop_app.pdf.scripts import _font_runs, _needs_shaping, shape

    for character in set(ALL) - {" ", "·"}:
        if unicodedata.category(character) in ("Mn", "Mc", "Cf"):
            continue
        family = family_for(ord(character))
        font = pdfmetrics.getFont(family.regular)
        assert ord(character) in font.face.charToGlyph, (character, family.name)
        if family is FALLBACK[0]:
            assert unicodedata.bidirectional(character) not in ("R", "AL"), character

    from desktop_app.pdf.scripts import _Style

    for _, sample, _ in SCRIPTS:
        for face, run in _font_runs(_Style("DejaVuSans"), sample):
            rtl = unicodedata.bidirectional(run.strip()[:1] or "a") in ("R", "AL")
            if _needs_shaping(face, run, rtl):
                shaped, _ = shape(face, 10, run, rtl)
                glyphs = pdfmetrics.getFont(face).face.charToGlyph
                assert all(glyphs.get(ord(code)) for code in shaped), (face, run)


def test_the_brief_prints_every_script(store, tmp_path):
    data = BriefData(
        title="Übersetzung für Олег — 翻訳",
        summary=ALL,
        skills="日本語, العربية, עברית, हिन्दी, ภาษาไทย",
        expectations=[ExpectationData(sample, "must", name) for name, sample, _ in SCRIPTS],
    )
    path = write_brief_pdf(data, tmp_path / "brief.pdf", settings=Settings(), exported_on=TODAY)
    text = _pdftotext(path.path)
    _assert_every_script(text)
    assert "翻訳" in text.split("\n", 3)[0] + text  # the title, and the page header


def test_a_right_to_left_paragraph_is_right_aligned_in_right_to_left_order(tmp_path):
    from reportlab.lib.enums import TA_RIGHT

    from desktop_app.pdf.common import Paragraph, styles
    from desktop_app.pdf.scripts import visual_order

    paragraph = Paragraph("مرحبا بالعالم Offload 2024", styles()["Body"])
    assert paragraph.style.alignment == TA_RIGHT
    paragraph.wrap(400, 100)
    line = paragraph.blPara.lines[0]
    words = [frag.text for frag in line.words if frag.text.strip()]
    # Drawn left to right: the Latin name and the number come first (at the
    # left), the first Arabic word last (at the right).
    assert words[0] == "Offload" or "Offload" in words[0]
    assert Paragraph("Hello world", styles()["Body"]).style.alignment != TA_RIGHT
    # Rule L2: levels 1,1,2,2 inside a left-to-right paragraph.
    assert visual_order([0, 1, 1, 2, 2, 0]) == [0, 3, 4, 2, 1, 5]


def test_cjk_and_thai_lines_break_between_characters_and_never_overflow(tmp_path):
    from desktop_app.pdf.common import Paragraph, styles

    for sample in ("翻訳" * 200, "ภาษาไทย" * 80, "번역가님" * 100, LONG):
        paragraph = Paragraph(sample, styles()["Body"])
        paragraph.wrap(200, 10_000)
        assert len(paragraph.blPara.lines) > 3
        lines = paragraph.blPara.lines
        # Lines of a simple paragraph are (extra space, words) pairs.
        spare = [line[0] if isinstance(line, tuple) else line.extraSpace for line in lines]
        assert min(spare) >= -0.01  # no line wider than the column


def _review_with(store, texts: list[str]) -> Path:
    from desktop_app.models.engagements import engagement_review

    engagement_id = engagement(TODAY - timedelta(days=100), contractor_name="Олег 翻訳")
    brief_id = Engagement.get_by_id(engagement_id).brief_id
    expectations(brief_id, *[(value, "must", value[:50]) for value in texts])
    for value in texts:
        add_feedback(
            engagement_id, TODAY - timedelta(days=5), deliverable=value[:280], on_time=True,
            quality=4, communication=4, confidence=4, good=value, not_good=value[:20],
        )  # fmt: skip
        add_check_in(
            engagement_id, TODAY - timedelta(days=3), initiated_by="contractor", summary=value,
            state="on_track",
        )  # fmt: skip
    return engagement_review(engagement_id, TODAY)


def test_the_review_prints_every_script(store, tmp_path):
    review = _review_with(store, [sample for _, sample, _ in SCRIPTS])
    path = write_review(tmp_path / "review.pdf", review, business_name="Café 翻訳", today=TODAY)
    _assert_every_script(_pdftotext(path))


def test_the_comparison_prints_every_script(store, tmp_path):
    ids = [
        bench.create_contractor(parse_contractor({"name": name, "notes": sample}))
        for name, sample, _ in SCRIPTS[:5]
    ]
    more = [
        bench.create_contractor(parse_contractor({"name": name, "notes": sample}))
        for name, sample, _ in SCRIPTS[5:]
    ]
    text = _pdftotext(write_comparison_pdf(bench.compare_contractors(ids), tmp_path / "a.pdf"))
    text += _pdftotext(write_comparison_pdf(bench.compare_contractors(more), tmp_path / "b.pdf"))
    _assert_every_script(text)


@pytest.mark.parametrize("count", [2, 3, 4, 5])
def test_long_unbroken_strings_never_break_the_comparison(store, tmp_path, count):
    # Five contractors with one ~900-character unbroken note crashed with LayoutError.
    ids = [
        bench.create_contractor(
            parse_contractor(
                {
                    "name": f"Contractor {number}",
                    "notes": ("y" * 1000) if number == 0 else LONG if number == 1 else "短" * 900,
                }
            )
        )
        for number in range(count)
    ]
    path = write_comparison_pdf(bench.compare_contractors(ids), tmp_path / "compare.pdf")
    text = re.sub(r"\s+", "", _pdftotext(path))
    # Columns side by side interleave in the extracted text: count the characters.
    assert text.count("y") >= 890 and text.count("a1b2c3d4e5") >= 85
    if count > 2:
        assert text.count("短") >= 890
    assert all(f"Contractor{number}" in text for number in range(count))


def test_long_unbroken_strings_never_break_the_brief_or_the_review(store, tmp_path):
    data = BriefData(
        title="T" * 1000,
        summary=LONG,
        expectations=[ExpectationData(LONG, "must", "x" * 1000), ExpectationData("z" * 5000)],
    )
    result = write_brief_pdf(data, tmp_path / "brief.pdf", settings=Settings(), exported_on=TODAY)
    text = re.sub(r"\s+", "", _pdftotext(result.path))
    # The 5,000-character expectation runs on over a page break (the footer between).
    assert LONG in text and text.count("z") == 5000 and text.count("x") >= 1000
    review = _review_with(store, [LONG, "翻" * 1000, "q" * 2000])
    path = write_review(tmp_path / "review.pdf", review, today=TODAY)
    text = re.sub(r"\s+", "", _pdftotext(path))
    assert LONG in text and text.count("翻") >= 1000 and text.count("q") >= 2000


def test_a_latin_brief_stays_as_small_as_before(tmp_path):
    # 65,219 bytes with DejaVu alone, before fallback fonts (same data, same day).
    data = BriefData(
        title="Long",
        summary="We sell planners and need the books kept. " * 5,
        budget=Decimal("1200"),
        expectations=[
            ExpectationData(f"Expectation {n} " * 8, "must", f"Measure {n}") for n in range(200)
        ],
    )
    path = write_brief_pdf(data, tmp_path / "latin.pdf", settings=Settings(), exported_on=TODAY)
    assert path.path.stat().st_size <= 65_219 * 1.10
    fonts = subprocess.run(
        ["pdffonts", str(path.path)], capture_output=True, text=True, check=True
    ).stdout
    assert "DejaVu" in fonts and "Noto" not in fonts and "WenQuanYi" not in fonts


def test_the_space_after_a_bold_label_survives_in_a_paragraph_with_cjk(tmp_path):
    from reportlab.platypus import SimpleDocTemplate

    from desktop_app.pdf.common import Paragraph, styles

    path = tmp_path / "label.pdf"
    body = styles()["Body"]
    SimpleDocTemplate(str(path)).build(
        [
            Paragraph("<b>Skills needed:</b> 日本語, Python", body),
            Paragraph("<b>Contact:</b> hello 日本語 <i>world</i> שלום end", body),
        ]
    )
    text = _pdftotext(path)
    assert "Skills needed: 日本語, Python" in text
    assert "Contact: hello 日本語 world" in text
