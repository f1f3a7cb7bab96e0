"""Logging to a rotating file under the app's data folder.

Loggers are named per area: offload.init, offload.db, offload.ui, ...
The log names the owner's files and contractors, so, like the database,
it is readable by its owner only (0600), rotated copies included.
"""

from __future__ import annotations

import io
import logging
import os
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_FILE_NAME = "offload.log"


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A RotatingFileHandler whose files are created 0600, whatever the umask."""

    def _open(self) -> io.TextIOWrapper:
        handle = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        # A log written by an earlier version may still be 0644.
        os.fchmod(handle, 0o600)
        stream = open(handle, self.mode, encoding=self.encoding, errors=self.errors)  # noqa: PTH123, SIM115
        assert isinstance(stream, io.TextIOWrapper)  # a text mode ("a") was asked for
        return stream

    def handleError(self, record: logging.LogRecord) -> None:
        # A full disk must not also fill the owner's terminal with logging's
        # own tracebacks: the log is written on a best-effort basis.
        if isinstance(sys.exc_info()[1], OSError):
            return
        super().handleError(record)


def setup_logging(logs_dir: Path, level: int = logging.INFO) -> Path:
    """Send the app's log records to logs_dir/offload.log (1 MB x 5 files)."""
    path = logs_dir / LOG_FILE_NAME
    root = logging.getLogger("offload")
    # psycopg's own warnings (a pipeline ended by a lost connection, say) go to
    # the same file: on the terminal they would add lines to Offload's one.
    driver = logging.getLogger("psycopg")
    for logger in (root, driver):
        for handler in list(logger.handlers):
            if isinstance(handler, RotatingFileHandler):
                logger.removeHandler(handler)
                handler.close()
    handler = PrivateRotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    driver.addHandler(handler)
    driver.propagate = False
    return path
