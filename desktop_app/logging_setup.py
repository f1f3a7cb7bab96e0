"""Logging to a rotating file under the app's data folder.

Loggers are named per area: offload.init, offload.db, offload.ui, ...
"""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_FILE_NAME = "offload.log"


def setup_logging(logs_dir: Path, level: int = logging.INFO) -> Path:
    """Send the app's log records to logs_dir/offload.log (1 MB x 5 files)."""
    path = logs_dir / LOG_FILE_NAME
    root = logging.getLogger("offload")
    for handler in list(root.handlers):
        if isinstance(handler, RotatingFileHandler):
            root.removeHandler(handler)
            handler.close()
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    return path
