"""The comparison PDF: landscape, every contractor's evidence, any script,
and notes too long for a page cut instead of failing."""

from datetime import datetime, timedelta

from pypdf import PdfReader

from desktop_app.models import contractors as bench
from desktop_app.models.contractor_input import parse_contractor
from desktop_app.pdf.comparison import write_comparison_pdf


def test_the_pdf_holds_every_contractor_and_survives_long_and_odd_text(store, tmp_path):
    ids = [
        bench.create_contractor(parse_contractor({"name": name, "notes": notes, "rate": rate}))
        for name, notes, rate in (
            ("Анна Петрова", "Говорит по-русски <b>bold?</b> & more", "20"),
            ("Ελένη Παππά", "x" * 5000, "25"),
            ("Zoë <Ünïcode> & Co", "", ""),
        )
    ]
    values = bench.parse_interview({
        "held_at": datetime.now() - timedelta(days=1), "held": True,
        "notes": "long call " * 400, "communication": "5",
    })  # fmt: skip
    bench.add_child("interview", ids[1], values)
    pdf = write_comparison_pdf(bench.compare_contractors(ids), tmp_path / "compare.pdf")
    reader = PdfReader(pdf)
    page = reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
    text = "".join(p.extract_text() for p in reader.pages)
    pages = len(reader.pages)
    for expected in ("Анна Петрова", "Ελένη Παππά", "Zoë <Ünïcode> & Co", "<b>bold?</b>",
                     "$20 per hour", f"Page {pages} of {pages}"):  # fmt: skip
        assert expected in text
    assert "…" in text  # the 5000-character note was cut to fit a page


def test_a_failed_write_leaves_the_old_file(store, tmp_path):
    import pytest

    from desktop_app.models.errors import UserError

    ids = [bench.create_contractor(parse_contractor({"name": n})) for n in ("A", "B")]
    with pytest.raises(UserError, match="does not exist"):
        write_comparison_pdf(bench.compare_contractors(ids), tmp_path / "missing" / "x.pdf")
