"""A small time-to-live cache for corpus-wide figures (stats) that are too slow per page view."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from warta.store import SQLiteStore

__all__ = ["TTLCache"]


class TTLCache:
    """One value recomputed at most every ``ttl`` seconds: corpus-wide stats scan every row,
    too slow to run per page view on a big store, and a few seconds' staleness is harmless."""

    def __init__(self, compute: Callable[[SQLiteStore], Any], ttl: float = 60.0) -> None:
        self._compute = compute
        self._ttl = ttl
        self._value: Any = None
        self._at = float("-inf")
        self._lock = threading.Lock()

    def get(self, store: SQLiteStore) -> Any:
        """The value, computed with the caller's own store handle if stale: taking another handle
        from the pool here could deadlock against callers holding the rest."""
        with self._lock:  # one thread computes; the others wait rather than stampede
            if time.monotonic() - self._at > self._ttl:
                self._value = self._compute(store)
                self._at = time.monotonic()
            return self._value
