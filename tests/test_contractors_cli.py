"""`offload import-contractors` and `offload export-contractors`, run as a user would."""

import sqlite3

from tests.conftest import run_offload

CSV = (
    "Name,E-mail,Phone,Source,Stage,Rate\n"
    "Ana Ferreira,ana@example.com,+351 912 345 678,Upwork,Contacted,$32/h\n"
    "Bo Lind,bo@nowhere,,Freelancer,,20\n"
    "Chen Wei,chen@example.com,,referred by Ana,Trial,40\n"
)


def names(path):
    connection = sqlite3.connect(path)
    try:
        return sorted(name for (name,) in connection.execute("SELECT name FROM contractor"))
    finally:
        connection.close()


def test_import_reports_refused_rows_and_imports_the_rest(tmp_path):
    db = tmp_path / "bench.sqlite3"
    source = tmp_path / "bench.csv"
    source.write_text(CSV, encoding="utf-8")
    result = run_offload("import-contractors", "--db", str(db), str(source))
    assert result.returncode == 0, result.stderr
    assert "refused line 3 (Bo Lind): “bo@nowhere” is not an e-mail address" in result.stdout
    assert "Imported bench.csv: 2 added; 1 refused." in result.stdout
    assert names(db) == ["Ana Ferreira", "Chen Wei"]

    again = run_offload("import-contractors", "--db", str(db), str(source))
    assert "skipped line 2 (Ana Ferreira): already on the bench as Ana Ferreira" in again.stdout
    assert "--duplicates merge" in again.stdout
    assert names(db) == ["Ana Ferreira", "Chen Wei"]


def test_vcard_import_and_csv_export(tmp_path):
    db = tmp_path / "bench.sqlite3"
    cards = tmp_path / "contacts.vcf"
    cards.write_text(
        "BEGIN:VCARD\nVERSION:4.0\nFN:Jan Kowalski\nEMAIL:jan@example.pl\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Broken\nnot a property\nEND:VCARD\n",
        encoding="utf-8",
    )
    result = run_offload("import-contractors", "--db", str(db), str(cards))
    assert result.returncode == 0, result.stderr
    assert (
        "kept card 2 (line 6) (Broken): Could not read: line 9 is not a vCard property: "
        "“not a property”." in result.stdout
    )
    out = tmp_path / "out.csv"
    export = run_offload("export-contractors", "--db", str(db), str(out))
    assert export.returncode == 0, export.stderr
    assert "Exported 2 contractors" in export.stdout
    assert "Jan Kowalski,Individual" in out.read_text(encoding="utf-8-sig")


def test_a_file_that_cannot_be_read_fails_with_one_line(tmp_path):
    db = tmp_path / "bench.sqlite3"
    latin = tmp_path / "old.vcf"
    latin.write_bytes(b"BEGIN:VCARD\nVERSION:3.0\nFN:Jos\xe9\nEND:VCARD\n\x81")
    result = run_offload("import-contractors", "--db", str(db), str(latin))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "offload import-contractors: old.vcf is in an encoding Offload cannot read (not UTF-8, "
        "UTF-16 or Windows-1252); save it as UTF-8 and try again."
    ]
    missing = run_offload("import-contractors", "--db", str(db), str(tmp_path / "nope.csv"))
    assert missing.returncode == 1 and "does not exist" in missing.stderr
