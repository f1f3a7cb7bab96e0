"""Sample files stored by content: once per content, refused when too big or unreadable."""

import hashlib
from pathlib import Path

import pytest

from desktop_app.attachments import MAX_ATTACHMENT_BYTES, locate, store_file
from desktop_app.models.errors import UserError


def test_a_file_is_copied_under_its_hash_with_its_extension(tmp_path):
    source = tmp_path / "Sample Report.PDF"
    source.write_bytes(b"%PDF-1.4 sample")
    stored = store_file(source, tmp_path / "files")
    digest = hashlib.sha256(b"%PDF-1.4 sample").hexdigest()
    assert stored.file_hash == digest
    assert stored.path == tmp_path / "files" / digest[:2] / f"{digest}.pdf"
    assert stored.path.read_bytes() == b"%PDF-1.4 sample"
    assert (stored.file_name, stored.file_size, stored.already_stored) == (
        "Sample Report.PDF",
        15,
        False,
    )
    source.unlink()
    assert locate(tmp_path / "files", digest) == stored.path


def test_the_same_content_is_stored_once(tmp_path):
    first = tmp_path / "a.docx"
    second = tmp_path / "copy of a.docx"
    first.write_bytes(b"same bytes")
    second.write_bytes(b"same bytes")
    folder = tmp_path / "files"
    one = store_file(first, folder)
    two = store_file(second, folder)
    assert two.already_stored and two.path == one.path
    assert two.file_name == "copy of a.docx"
    stored = [p for p in folder.rglob("*") if p.is_file()]
    assert stored == [one.path]


def test_a_file_over_the_limit_is_refused_and_nothing_is_stored(tmp_path):
    big = tmp_path / "video.mp4"
    with big.open("wb") as handle:  # sparse: no 100 MB written to disk
        handle.truncate(MAX_ATTACHMENT_BYTES + 1)
    folder = tmp_path / "files"
    with pytest.raises(UserError, match="at most 100 MB"):
        store_file(big, folder)
    assert not folder.exists() or not any(folder.rglob("*"))


def test_an_unreadable_file_is_refused(tmp_path):
    # Reading the process's own memory map fails with an I/O error, even as root.
    folder = tmp_path / "files"
    with pytest.raises(UserError, match="Cannot attach mem"):
        store_file(Path("/proc/self/mem"), folder)
    assert not [p for p in folder.rglob("*") if p.is_file()]


def test_a_missing_file_or_folder_is_refused(tmp_path):
    with pytest.raises(UserError, match="does not exist"):
        store_file(tmp_path / "gone.pdf", tmp_path / "files")
    with pytest.raises(UserError, match="is a folder"):
        store_file(tmp_path, tmp_path / "files")


def test_a_missing_stored_file_is_reported_as_missing(tmp_path):
    assert locate(tmp_path, "ab" * 32) is None
    assert locate(tmp_path, "../../etc/passwd") is None
