"""Time and size the brief PDF against plain ReportLab (issue 15's figures).

    .venv/bin/python -m tools.pdf_timing [--runs 7]

Prints, as medians of paired runs: a Latin 200-expectation brief through
`write_brief_pdf` against plain ReportLab setting the same paragraphs in
the same font (ReportLab's own Paragraph in a SimpleDocTemplate, no
tables, no header); the same brief with every expectation in a mix of
scripts; and the file sizes of both briefs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

MIXED = "Übersetzung für Олег — 翻訳 中文 한국어 مرحبا بالعالم שלום עולם नमस्ते दुनिया สวัสดีครับ 😀 {n}"


def _brief(text: str):
    from desktop_app.models.briefs import BriefData, ExpectationData

    return BriefData(
        title="Long",
        summary="We sell planners and need the books kept. " * 5,
        expectations=[
            ExpectationData(text.format(n=n), "must", f"Measure {n}") for n in range(200)
        ],
    )


def _plain_reportlab(data, destination: Path) -> None:
    """The same paragraphs and font, with ReportLab alone."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from desktop_app.pdf.common import register_fonts, styles, text

    register_fonts()
    sheet = styles()
    story = [
        Paragraph(text(data.title), sheet["Title"]),
        Paragraph(text(data.summary), sheet["Body"]),
    ]
    for number, expectation in enumerate(data.expectations, start=1):
        story.append(Paragraph(f"{number}. {text(expectation.text)}", sheet["Body"]))
        story.append(Paragraph(f"<b>Measured by:</b> {text(expectation.measure)}", sheet["Small"]))
    SimpleDocTemplate(str(destination), pagesize=A4).build(story)


def _median(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    from desktop_app.models.settings import Settings
    from desktop_app.pdf.brief import write_brief_pdf

    settings = Settings()
    latin = _brief("Expectation {n} " * 8)
    mixed = _brief(MIXED)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)

        def brief(data, name):
            return lambda: write_brief_pdf(
                data, out / name, settings=settings, exported_on=date(2026, 1, 1)
            )

        # Warm up: fonts read, modules imported.
        brief(latin, "latin.pdf")()
        brief(mixed, "mixed.pdf")()
        _plain_reportlab(latin, out / "plain.pdf")
        plain = _median(lambda: _plain_reportlab(latin, out / "plain.pdf"), args.runs)
        offload = _median(brief(latin, "latin.pdf"), args.runs)
        mixed_time = _median(brief(mixed, "mixed.pdf"), args.runs)
        sizes = {name: (out / name).stat().st_size for name in ("latin.pdf", "mixed.pdf")}
    print(f"plain ReportLab, 200 Latin expectations   {plain * 1000:7.0f} ms")
    print(
        f"Offload brief, 200 Latin expectations     {offload * 1000:7.0f} ms"
        f"  ({offload / plain:.2f}x plain)"
    )
    print(
        f"Offload brief, 200 mixed-script           {mixed_time * 1000:7.0f} ms"
        f"  ({mixed_time / plain:.2f}x plain)"
    )
    print(f"size: Latin brief {sizes['latin.pdf']:,} bytes, mixed {sizes['mixed.pdf']:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
