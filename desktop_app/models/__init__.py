"""Peewee models and the domain rules, as plain Python.

Nothing in this package imports Qt: it is the layer that the views, the
command line and the tests all stand on.
"""

from __future__ import annotations

from typing import Any


def load_postgresql_driver() -> None:
    """Give Peewee psycopg 3 as its own import would have: Offload imports
    Peewee without it (desktop_app/__init__.py). Once; nothing when psycopg
    is not installed (Peewee then says so on connecting).
    tests/test_startup.py checks that these are every name Peewee takes from it."""
    import peewee as peewee_module  # noqa: PLC0415

    peewee: Any = peewee_module  # its driver names are set below
    if peewee.psycopg is not None:
        return
    try:
        import psycopg  # noqa: PLC0415
        from psycopg.pq import TransactionStatus  # noqa: PLC0415
        from psycopg.types.json import Json, Jsonb  # noqa: PLC0415
    except ImportError:
        return
    peewee.psycopg = psycopg
    peewee.TransactionStatus = TransactionStatus
    peewee.Json_pg3 = Json
    peewee.Jsonb_pg3 = Jsonb
    adapter = peewee.Psycopg3Adapter
    adapter.txn_idle = TransactionStatus.IDLE
    adapter.txn_inerror = TransactionStatus.INERROR
    adapter.txn_unknown = TransactionStatus.UNKNOWN
