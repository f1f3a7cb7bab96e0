"""A real mouse drag reorders expectations (Xvfb, xcb: offscreen cannot drag)."""

import os
import subprocess
import sys

import pytest

from desktop_app.models.briefs import (
    BriefData,
    Expectation,
    ExpectationData,
    create_brief,
    expectations_of,
)
from desktop_app.store import open_store
from tests.conftest import REPO


def _positions(brief_id):
    return {e.id: e.position for e in Expectation.select().where(Expectation.brief == brief_id)}


@pytest.mark.xvfb
def test_a_real_mouse_drag_moves_an_expectation_and_stores_one_row(xvfb_display, store, tmp_path):
    brief_id = create_brief(
        BriefData(
            title="Support inbox",
            expectations=[ExpectationData(f"E{n}", "should", f"M{n}") for n in range(6)],
        )
    )
    before = _positions(brief_id)
    store.close()
    home = tmp_path / "drag-home"
    home.mkdir()
    env = {
        **os.environ,
        "DISPLAY": xvfb_display,
        "QT_QPA_PLATFORM": "xcb",
        "OFFLOAD_TEST_QPA": "xcb",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
    }
    result = subprocess.run(
        [sys.executable, str(REPO / "tests" / "briefs_drag_child.py"), str(store.path),
         str(brief_id), "4", "1"],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=90, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "order: ['E0', 'E4', 'E1', 'E2', 'E3', 'E5']" in result.stdout, result.stdout

    reopened = open_store(store.path)
    try:
        assert [row.text for row in expectations_of(brief_id)] == [
            "E0",
            "E4",
            "E1",
            "E2",
            "E3",
            "E5",
        ]
        after = _positions(brief_id)
        assert [i for i in before if before[i] != after[i]] == [expectations_of(brief_id)[1].id]
    finally:
        reopened.close()
