"""Offload stays offline: nothing it does opens a network socket."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import REPO


@pytest.mark.slow
def test_the_smoke_test_opens_no_network_socket(tmp_path):
    """The whole window, every tab and a PDF, traced by the kernel: any
    AF_INET or AF_INET6 socket, from Python or from Qt's C++, fails it."""
    if shutil.which("strace") is None:
        pytest.fail("strace is not installed: apt-get install strace (.ci/run installs it).")
    trace = tmp_path / "trace"
    result = subprocess.run(
        ["strace", "-f", "-q", "-e", "trace=socket,connect,socketpair", "-o", str(trace),
         sys.executable, "-m", "desktop_app", "--smoke-test"],
        capture_output=True, text=True, timeout=180, cwd=REPO, check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    calls = trace.read_text(encoding="utf-8").splitlines()
    assert calls, "strace recorded nothing: it did not run"
    network = [line for line in calls if re.search(r"AF_INET6?\b|PF_INET6?\b", line)]
    assert network == []
