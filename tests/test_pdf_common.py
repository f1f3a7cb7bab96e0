import os

import pytest
from pypdf import PdfReader
from reportlab.platypus import PageBreak

from desktop_app.models.errors import UserError
from desktop_app.pdf.common import PageFrame, build_pdf, paragraph, styles


def _build(path, story_text, pages=1):
    sheet = styles()
    story = []
    for page in range(pages):
        story.append(paragraph(story_text, sheet["Body"]))
        if page < pages - 1:
            story.append(PageBreak())
    return build_pdf(
        path,
        story,
        frame=PageFrame("Northwind Planners", "Bookkeeping brief"),
        title="Bookkeeping brief",
    )


def _text(path):
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_unicode_and_markup_characters_print_literally(tmp_path):
    path = _build(tmp_path / "brief.pdf", "Ζωή, Привет, Zoë & <b>not bold</b> > 3")
    text = _text(path)
    assert "Ζωή, Привет, Zoë & <b>not bold</b> > 3" in text
    assert "Northwind Planners" in text


def test_every_page_says_which_of_how_many(tmp_path):
    path = _build(tmp_path / "long.pdf", "Body", pages=3)
    reader = PdfReader(path)
    assert len(reader.pages) == 3
    for number, page in enumerate(reader.pages, start=1):
        assert f"Page {number} of 3" in page.extract_text()


def test_an_unwritable_folder_is_refused_and_the_old_file_kept(tmp_path):
    if os.geteuid() == 0:
        # root writes anywhere: a folder that does not exist stands in.
        target = tmp_path / "missing" / "brief.pdf"
        with pytest.raises(UserError, match="does not exist"):
            _build(target, "x")
        return
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "brief.pdf").write_bytes(b"old")
    folder.chmod(0o500)
    try:
        with pytest.raises(UserError, match="Cannot write"):
            _build(folder / "brief.pdf", "x")
        assert (folder / "brief.pdf").read_bytes() == b"old"
    finally:
        folder.chmod(0o700)


def test_a_failed_build_leaves_no_partial_file(tmp_path):
    class Broken(Exception):
        pass

    class BrokenFlowable(paragraph("x", styles()["Body"]).__class__):
        def wrap(self, *args):
            raise Broken

    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "brief.pdf").write_bytes(b"old")
    with pytest.raises(Broken):
        build_pdf(
            folder / "brief.pdf",
            [BrokenFlowable("x", styles()["Body"])],
            frame=PageFrame("", ""),
            title="",
        )
    assert (folder / "brief.pdf").read_bytes() == b"old"
    assert sorted(p.name for p in folder.iterdir()) == ["brief.pdf"]
