"""Offload: get ready to outsource, offline."""

from __future__ import annotations

import sys
from typing import Any

# Read from a plain module rather than the package metadata: importlib.metadata
# costs start-up time, and a frozen build carries no metadata. The module
# holds pyproject.toml's version (tests/test_installer_spec.py keeps them equal;
# build_installer.spec rewrites it).
from desktop_app._frozen_version import VERSION as __version__  # noqa: N811

__all__ = ["__version__"]

# The PostgreSQL drivers Peewee tries when it is imported (psycopg2cffi and
# psycopg2 are not installed: blocking them spares the look for them).
POSTGRESQL_DRIVERS = ("psycopg2cffi", "psycopg2", "psycopg")


class _PeeweeWithoutPostgresqlDrivers:
    """Import Peewee without its PostgreSQL drivers, whichever module imports
    it first: importing psycopg takes about as long as a bare Qt window
    takes to start, and a file database never needs it. A team workspace
    gives Peewee psycopg when it is opened (`models.engine.load_postgresql_driver`).
    A meta path finder, so that no module need import Peewee in a given order;
    it leaves sys.meta_path once Peewee is found."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name != "peewee":
            return None
        sys.meta_path.remove(self)
        from importlib.util import find_spec

        spec = find_spec(name)
        if spec is not None and spec.loader is not None:
            spec.loader = _WithoutDrivers(spec.loader)  # type: ignore[assignment]
        return spec


class _WithoutDrivers:
    """Peewee's loader, with the drivers unimportable while it runs."""

    def __init__(self, loader: Any) -> None:
        self._loader = loader

    def __getattr__(self, name: str) -> Any:  # get_source, get_filename, …
        return getattr(self._loader, name)

    def create_module(self, spec: Any) -> Any:
        return self._loader.create_module(spec)

    def exec_module(self, module: Any) -> None:
        blocked = [name for name in POSTGRESQL_DRIVERS if name not in sys.modules]
        for name in blocked:
            sys.modules[name] = None  # type: ignore[assignment]  # "import name" fails
        try:
            self._loader.exec_module(module)
        finally:
            for name in blocked:
                if name in sys.modules and sys.modules[name] is None:
                    del sys.modules[name]


if "peewee" not in sys.modules:
    sys.meta_path.insert(0, _PeeweeWithoutPostgresqlDrivers())
