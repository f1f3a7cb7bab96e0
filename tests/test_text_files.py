import codecs

import pytest

from desktop_app.exporters.files import atomic_text_writer
from desktop_app.importers.text_files import read_text_file
from desktop_app.models.errors import UserError

TEXT = "Client,Hours\nCafé Zoë,1,5\n"


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_the_encodings_exports_use_are_read(tmp_path, raw, encoding):
    path = tmp_path / "export.csv"
    path.write_bytes(raw)
    assert read_text_file(path) == (TEXT, encoding)


def test_an_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(UserError, match="empty"):
        read_text_file(path)


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as stream:
        stream.truncate(50 * 1024 * 1024 + 1)
    with pytest.raises(UserError, match="over 50 MB"):
        read_text_file(path)


def test_another_encoding_is_refused_with_the_reason(tmp_path):
    path = tmp_path / "other.csv"
    path.write_bytes("Привет".encode("koi8-r") + b"\x81\x8d")
    with pytest.raises(UserError, match="encoding Offload cannot read"):
        read_text_file(path)


def test_binary_data_is_refused(tmp_path):
    path = tmp_path / "picture.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(UserError, match="binary"):
        read_text_file(path)


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(UserError, match="does not exist"):
        read_text_file(tmp_path / "nope.csv")


def test_atomic_writer_replaces_only_on_success(tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "out.csv"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_text_writer(target) as stream:
        stream.write("half")
        raise RuntimeError
    assert target.read_text() == "old"
    with atomic_text_writer(target) as stream:
        stream.write("new")
    assert target.read_text() == "new"
    assert sorted(p.name for p in folder.iterdir()) == ["out.csv"]
