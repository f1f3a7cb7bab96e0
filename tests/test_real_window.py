"""The app as a user starts it: a real window on a real (virtual) X server."""

import os
import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO


def _xdotool(display, *args, timeout=30):
    return subprocess.run(
        ["xdotool", *args],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.mark.xvfb
def test_the_window_opens_on_x11_and_quits_with_ctrl_q(xvfb_display, tmp_path):
    if shutil.which("xdotool") is None:
        pytest.fail("xdotool is not installed: apt-get install xdotool (see README).")
    home = tmp_path / "user"
    home.mkdir()
    db = tmp_path / "real.sqlite3"
    env = {
        **os.environ,
        "DISPLAY": xvfb_display,
        "QT_QPA_PLATFORM": "xcb",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
    }
    app = subprocess.Popen(
        [sys.executable, "-m", "desktop_app", "--db", str(db)],
        env=env,
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        found = _xdotool(
            xvfb_display, "search", "--sync", "--onlyvisible", "--name", "real.sqlite3 — Offload"
        )
        assert found.returncode == 0, found.stderr
        window_id = found.stdout.split()[0]
        # No window manager runs on Xvfb: focus the window directly, then type
        # through XTEST as a keyboard would (Qt ignores synthetic key events).
        _xdotool(xvfb_display, "windowfocus", "--sync", window_id)
        _xdotool(xvfb_display, "key", "ctrl+q")
        assert app.wait(timeout=30) == 0, app.stderr.read()
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    # It closed as a user closes it: the layout was saved, the database stays.
    config = (home / ".config" / "Offload" / "Offload.conf").read_text()
    assert "geometry" in config
    assert db.exists()
