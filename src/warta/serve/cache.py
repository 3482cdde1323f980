"""Corpus-wide figures (stats, the archive overview) that are too slow to compute per page view.

On a store of a million articles ``stats()`` scans every row (seconds) and the overview
reads a whole index (about a second). A page must never wait for that, so the value is
recomputed in the background every ``ttl`` seconds while readers get the last one; a few
seconds' staleness is harmless. Only the very first read computes in the request.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

from warta.api import Warta
from warta.store import SQLiteStore

__all__ = ["Refreshed"]

T = TypeVar("T")
log = logging.getLogger(__name__)


class Refreshed(Generic[T]):
    """One value, refreshed in a background thread (with its own read-only handle) once stale."""

    def __init__(self, path: str, compute: Callable[[SQLiteStore], T], ttl: float = 60.0) -> None:
        self._path = path
        self._compute = compute
        self._ttl = ttl
        self._value: T | None = None
        self._at = float("-inf")
        self._refreshing = False
        self._lock = threading.Lock()

    def get(self, store: SQLiteStore) -> T:
        """The value; computed with the caller's handle only the first time (taking another
        handle from the pool here could deadlock against callers holding the rest)."""
        with self._lock:  # the first read computes; the others wait rather than stampede
            if self._value is None:
                self._value = self._compute(store)
                self._at = time.monotonic()
            elif time.monotonic() - self._at > self._ttl and not self._refreshing:
                self._refreshing = True
                threading.Thread(target=self._refresh, name="warta-refresh", daemon=True).start()
            return self._value

    def _refresh(self) -> None:
        try:
            with Warta(self._path, readonly=True) as handle:
                value = self._compute(handle.store)
            with self._lock:
                self._value = value
        except Exception as exc:  # keep serving the last value; try again after another ttl
            log.warning("warta: background refresh failed: %s", exc)
        finally:
            with self._lock:
                self._at = time.monotonic()
                self._refreshing = False
