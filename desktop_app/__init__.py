"""Offload: get ready to outsource, offline."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("offload")
except PackageNotFoundError:  # a frozen build without package metadata
    from desktop_app import _frozen_version

    __version__ = _frozen_version.VERSION
