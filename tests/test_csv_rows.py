"""The streamed row reader under the CSV importers, and the vCard reader's
line handling, at the edges a file can put them."""

from desktop_app.importers import csv_rows
from desktop_app.importers.csv_rows import CsvSource
from desktop_app.importers.vcard import plan_vcard_file


def _rows(text, **kwargs):
    return [(r.line, r.cells, r.problem[:30]) for r in CsvSource.of_text(text).rows(**kwargs)]


def test_a_cr_lf_split_between_two_chunks_is_one_line_end(monkeypatch):
    monkeypatch.setattr(csv_rows, "_CHUNK", 8)
    text = "a,b\r\ncd,e\r\nfgh,i\r\n"
    assert _rows(text) == [(1, ["a", "b"], ""), (2, ["cd", "e"], ""), (3, ["fgh", "i"], "")]
    assert _rows(text.replace("\r\n", "\r")) == _rows(text)


def test_a_line_with_no_end_longer_than_a_row_is_refused_without_being_kept():
    text = "a,b\n" + "x" * (csv_rows.MAX_ROW_CHARS * 3) + "\nc,d"
    rows = _rows(text)
    assert rows[0] == (1, ["a", "b"], "")
    assert rows[1][0] == 2 and rows[1][2].startswith("The row is longer than 128 KiB")
    assert rows[2] == (3, ["c", "d"], "")


def test_blank_rows_and_a_last_line_without_its_end():
    assert _rows("a\n\n b \nc") == [(1, ["a"], ""), (2, [], ""), (3, [" b "], ""), (4, ["c"], "")]


def test_a_vcard_with_a_huge_unfolded_photo_line_imports_without_it(store, tmp_path):
    path = tmp_path / "photo.vcf"
    with path.open("w", encoding="utf-8", newline="") as stream:
        stream.write("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\nPHOTO;ENCODING=b;TYPE=JPEG:")
        stream.write("A" * 3_000_000)
        stream.write("\r\nEMAIL:ana@example.com\r\nEND:VCARD\r\n")
        stream.write("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big Note\r\nNOTE:" + "n" * 300_000)
        stream.write("\r\nEND:VCARD\r\n")
    plan = plan_vcard_file(path)
    assert [(r.values["name"], r.values["email"]) for r in plan.records] == [
        ("Ana Lima", "ana@example.com")
    ]
    assert plan.refused == [
        ("card 2 (line 7)", "line 10 is longer than 256 KiB; a contact holds no such value.")
    ]
