"""A small pool of read-only database handles shared by the server's worker threads.

An sqlite3 connection must not be used by two threads at once; FastAPI runs sync
routes on a thread pool (up to 40 threads). A bounded pool (not one handle per thread)
keeps the number of connections, and their 64 MB page caches, small.

Requests wait for a handle on the event loop (an asyncio semaphore), never inside a
worker thread: a thread blocked waiting for a handle would be a thread the handle's
holder may need to finish, and with every worker thread waiting the server deadlocks.
"""

from __future__ import annotations

import asyncio
import queue
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager

from warta.api import Warta


class PoolTimeout(RuntimeError):
    """Every handle stayed busy for ``timeout`` seconds."""


class HandlePool:
    """``size`` read-only :class:`Warta` handles over one file, all opened up front
    (so a missing or unreadable file fails at start-up, not on the first request)."""

    def __init__(self, path: str, *, size: int = 4, timeout: float = 30.0) -> None:
        self.path = path
        self.size = max(1, size)
        self.timeout = timeout
        self._all: list[Warta] = []
        try:
            for _ in range(self.size):
                self._all.append(Warta(path, readonly=True))
        except BaseException:
            self.close()
            raise
        self._idle: queue.LifoQueue[Warta] = queue.LifoQueue()  # LIFO: hot caches get reused
        for handle in self._all:
            self._idle.put(handle)
        self._slots = asyncio.Semaphore(self.size)  # binds to the server's loop on first wait

    @asynccontextmanager
    async def borrow(self) -> AsyncIterator[Warta]:
        """For request handling: wait on the event loop, then hand a free handle to the route."""
        try:
            await asyncio.wait_for(self._slots.acquire(), self.timeout)
        except TimeoutError:
            raise PoolTimeout(f"all {self.size} database handles busy for {self.timeout:g}s") from None
        try:
            handle = self._idle.get_nowait()  # the semaphore guarantees one is idle
            try:
                yield handle
            finally:
                self._idle.put(handle)
        finally:
            self._slots.release()

    @contextmanager
    def handle(self) -> Iterator[Warta]:
        """For code outside request handling (scripts, tests): block until a handle is free."""
        try:
            handle = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise PoolTimeout(f"all {self.size} database handles busy for {self.timeout:g}s") from None
        try:
            yield handle
        finally:
            self._idle.put(handle)

    def close(self) -> None:
        handles, self._all = self._all, []
        for handle in handles:
            handle.close()
