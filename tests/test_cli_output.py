"""The command line never echoes a terminal control sequence out of user data.

A task, a contractor or a brief title carrying an escape sequence (from a
file someone sent, say) could otherwise retitle the terminal, hide lines
or colour the rest of the session when `offload` prints its name.
"""

import ast
from pathlib import Path

from desktop_app.cli.common import printable
from tests.conftest import REPO, run_offload
from tests.test_time_tracking_import import TOGGL_HEADER

# Set the window title, turn the text red, ring the bell, return to the line start.
NASTY = "\x1b]0;owned\x07\x1b[31mBook\rkeeping\x9b2J\x7f"
CONTROLS = {chr(code) for code in (*range(0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))}


def _assert_clean(text: str) -> None:
    found = sorted({f"U+{ord(char):04X}" for char in text if char in CONTROLS})
    assert not found, f"control characters echoed: {found}"


def test_printable_drops_control_characters_and_keeps_the_rest():
    assert printable(NASTY) == "]0;owned[31mBookkeeping2J"
    assert printable("Café\tcosts\n€ 5 — 東京 مرحبا") == "Café\tcosts\n€ 5 — 東京 مرحبا"


def test_an_imported_task_name_is_echoed_without_its_control_characters(store, tmp_path):
    store.close()
    export = tmp_path / "toggl.csv"
    export.write_text(
        f"{TOGGL_HEADER}\n"
        f'Maya,maya@example.com,,Finance,,"{NASTY}",No,03/04/2025,01:15:00 PM,'
        "03/04/2025,02:00:00 PM,00:45:00,,\n",
        encoding="utf-8",
    )
    result = run_offload("import-time", "--db", str(store.path), "--dry-run", str(export))
    assert result.returncode == 0, result.stderr
    assert "new task: ]0;owned[31mBook keeping2J" in result.stdout  # CR read as a space
    _assert_clean(result.stdout + result.stderr)


def test_a_contractor_name_is_echoed_without_its_control_characters(tmp_path):
    source = tmp_path / "bench.csv"
    source.write_text(f'Name,E-mail\n"Ana {NASTY}",ana@nowhere\n', encoding="utf-8")
    result = run_offload("import-contractors", "--db", str(tmp_path / "b.sqlite3"), str(source))
    assert "refused line 2 (Ana ]0;owned[31mBook" in result.stdout  # the CR: a space or nothing
    _assert_clean(result.stdout + result.stderr)


def test_a_refusal_quoting_user_text_is_echoed_without_control_characters(store, tmp_path):
    store.close()
    out = tmp_path / "brief.pdf"
    result = run_offload("export-brief", "--db", str(store.path), NASTY, str(out))
    assert result.returncode == 1
    assert "No brief has the id or the title “]0;owned[31mBookkeeping2J”" in result.stderr
    _assert_clean(result.stdout + result.stderr)


def test_every_subcommand_prints_through_the_one_filter():
    # Only cli/common.py calls print(); every subcommand echoes through it.
    cli = REPO / "desktop_app" / "cli"
    for path in cli.glob("*.py"):
        if path.name == "common.py":
            continue
        calls = [
            node.lineno
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "print"
        ]
        assert calls == [], f"{Path(path).name} prints directly on lines {calls}"
