import sqlite3

from desktop_app.cli import build_parser
from desktop_app.models.settings import Settings, save_settings
from tests.conftest import run_offload


def test_help_lists_the_options_and_subcommands(capsys):
    parser = build_parser()
    text = parser.format_help()
    for expected in ("--db", "--demo", "--smoke-test", "backup"):
        assert expected in text


def test_db_given_before_or_after_the_subcommand_is_the_same():
    for argv, name in (
        (["--db", "a.sqlite3", "backup", "out"], "a.sqlite3"),
        (["backup", "--db", "b.sqlite3", "out"], "b.sqlite3"),
    ):
        assert build_parser(argv).parse_args(argv).db.name == name


def test_backup_writes_a_consistent_copy(store, tmp_path):
    save_settings(Settings(business_name="Copied Shop"))
    store.close()
    out = tmp_path / "copy.sqlite3"
    result = run_offload("backup", "--db", str(store.path), str(out))
    assert result.returncode == 0, result.stderr
    assert "Backed up" in result.stdout
    copy = sqlite3.connect(out)
    assert copy.execute("SELECT value FROM setting WHERE key='business_name'").fetchone() == (
        "Copied Shop",
    )
    copy.close()


def test_backup_refuses_to_overwrite(store, tmp_path):
    store.close()
    out = tmp_path / "exists.sqlite3"
    out.write_text("keep me")
    result = run_offload("backup", "--db", str(store.path), str(out))
    assert result.returncode == 1
    assert "already exists" in result.stderr
    assert out.read_text() == "keep me"


def test_version_is_printed():
    from desktop_app import __version__

    result = run_offload("--version")
    assert result.returncode == 0
    assert __version__ in result.stdout


def test_smoke_test_exits_zero():
    result = run_offload("--smoke-test", timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "smoke test passed" in result.stdout
    for title in ("Overview", "Time audit", "Contractors", "Briefs", "Engagements"):
        assert title in result.stdout
