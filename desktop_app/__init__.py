"""Offload: get ready to outsource, offline."""

from __future__ import annotations

# Read from a plain module rather than the package metadata: importlib.metadata
# costs start-up time, and a frozen build carries no metadata. The module
# holds pyproject.toml's version (tests/test_installer_spec.py keeps them equal;
# build_installer.spec rewrites it).
from desktop_app._frozen_version import VERSION as __version__  # noqa: N811

__all__ = ["__version__"]
