"""The store: the only stage that knows SQL.

Other stages call these functions and methods with model objects; a server
database (PostgreSQL) can later stand behind the same interface.
"""

from __future__ import annotations

from pathlib import Path

from warta.store.query import CompiledQuery, QueryError, compile_query
from warta.store.sqlite import Facets, Outcome, Prepared, SQLiteStore, StoreError, prepare

__all__ = [
    "CompiledQuery",
    "Facets",
    "Outcome",
    "Prepared",
    "QueryError",
    "SQLiteStore",
    "StoreError",
    "compile_query",
    "open_store",
    "prepare",
]


def open_store(path: str | Path, *, readonly: bool = False) -> SQLiteStore:
    """Open (creating and migrating if needed) the store at ``path``."""
    return SQLiteStore(path, readonly=readonly)
