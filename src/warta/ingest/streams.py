"""Byte-stream layers: counting (progress), bounded decompression, re-reading a sniffed head.

Every layer is an :class:`io.RawIOBase` wrapped in an :class:`io.BufferedReader`
by its user, so ``readline`` and ``read`` stay in C and each Python-level
``readinto`` call moves a whole buffer (``limits.BUFFER_BYTES``).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO, Protocol

from warta.ingest import limits


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


class BombError(Exception):
    """Decompression went past a limit; ``reason`` is the one-line rejection."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class TruncatedError(Exception):
    """A compressed stream ended early. Not an EOFError on purpose: warcio (and
    other readers) treat EOFError as a normal end and would hide the cut."""


@dataclass(slots=True)
class Budget:
    """Expanded bytes from all containers of one top-level input (per-archive limit)."""

    total: int = 0

    @property
    def exhausted(self) -> bool:
        return self.total > limits.MAX_ARCHIVE_BYTES


def _readinto(stream: Readable, buffer: memoryview) -> int:
    # readinto1 (one underlying read) rather than readinto (fill the buffer): a
    # layer never waits on, or loses to a truncation error, more than one step.
    readinto = getattr(stream, "readinto1", None) or getattr(stream, "readinto", None)
    if readinto is not None:
        return int(readinto(buffer) or 0)
    data = stream.read(len(buffer))
    buffer[: len(data)] = data
    return len(data)


class CountingReader(io.RawIOBase):
    """Counts bytes read from ``inner``; optionally reports them as progress deltas.

    ``size`` (when known) caps what is reported, so re-reads after a seek
    (zip central directory) never push a progress bar past 100 %.
    """

    def __init__(
        self,
        inner: Readable,
        on_progress: Callable[[int], None] | None = None,
        size: int | None = None,
    ) -> None:
        super().__init__()
        self._inner = inner
        self._on_progress = on_progress
        self._size = size
        self.count = 0
        self._reported = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        n = _readinto(self._inner, memoryview(buffer).cast("B"))
        self.count += n
        if self._on_progress is not None and self.count - self._reported >= limits.BUFFER_BYTES // 4:
            self._report(self.count)
        return n

    def _report(self, upto: int) -> None:
        if self._size is not None:
            upto = min(upto, self._size)
        delta = upto - self._reported
        if delta > 0 and self._on_progress is not None:
            self._reported = upto
            self._on_progress(delta)

    def finish(self) -> None:
        """Report what is left: the whole file counts as consumed once we are done with it."""
        self._report(self._size if self._size is not None else self.count)

    def seekable(self) -> bool:
        seekable = getattr(self._inner, "seekable", None)
        return bool(seekable and seekable())

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return int(self._inner.seek(offset, whence))  # type: ignore[attr-defined]

    def tell(self) -> int:
        return int(self._inner.tell())  # type: ignore[attr-defined]


class LimitedReader(io.RawIOBase):
    """Output of a decompressor, stopped with :class:`BombError` past the limits.

    ``compressed`` returns the compressed bytes consumed so far (or an upper
    bound of them), for the ratio check.
    """

    def __init__(self, inner: Readable, compressed: Callable[[], int], budget: Budget) -> None:
        super().__init__()
        self._inner = inner
        self._compressed = compressed
        self._budget = budget
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        view = memoryview(buffer).cast("B")
        # One decompression step per call, never more than one buffer: bounded output.
        try:
            n = _readinto(self._inner, view[: limits.BUFFER_BYTES])
        except EOFError as exc:
            raise TruncatedError(str(exc)) from exc
        self.count += n
        self._budget.total += n
        if self.count > limits.MAX_MEMBER_BYTES:
            raise BombError(
                f"archive member expands beyond {limits.mb(limits.MAX_MEMBER_BYTES)} (possible zip bomb)"
            )
        if self.count > limits.RATIO_GRACE_BYTES and self.count > limits.MAX_RATIO * max(
            1, self._compressed()
        ):
            raise BombError(
                f"archive member expands more than {limits.MAX_RATIO}x its compressed size"
                " (possible zip bomb)"
            )
        if self._budget.exhausted:
            raise BombError(
                f"archive expands beyond {limits.mb(limits.MAX_ARCHIVE_BYTES)} in total (possible zip bomb)"
            )
        return n


class ChainReader(io.RawIOBase):
    """``head`` followed by the rest of ``inner``: puts sniffed bytes back on a pipe."""

    def __init__(self, head: bytes, inner: Readable) -> None:
        super().__init__()
        self._head = memoryview(head)
        self._inner = inner

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        view = memoryview(buffer).cast("B")
        if self._head:
            n = min(len(view), len(self._head))
            view[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        return _readinto(self._inner, view)


def buffered(raw: io.RawIOBase) -> io.BufferedReader:
    return io.BufferedReader(raw, buffer_size=limits.BUFFER_BYTES)


def read_up_to(stream: Readable, n: int) -> bytes:
    """Up to ``n`` bytes, fewer only at end of stream (some readers return short reads)."""
    parts: list[bytes] = []
    left = n
    while left > 0:
        chunk = stream.read(min(left, limits.BUFFER_BYTES))
        if not chunk:
            break
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def sniff(stream: BinaryIO) -> tuple[bytes, BinaryIO]:
    """The first ``limits.SNIFF_BYTES`` and a stream that still starts at the beginning."""
    if stream.seekable():
        start = stream.tell()
        head = read_up_to(stream, limits.SNIFF_BYTES)
        stream.seek(start)
        return head, stream
    head = read_up_to(stream, limits.SNIFF_BYTES)
    return head, buffered(ChainReader(head, stream))


def skip_line(stream: BinaryIO) -> None:
    """Discard the rest of an over-long line, one buffer at a time."""
    while True:
        chunk = stream.readline(limits.BUFFER_BYTES)
        if not chunk or chunk.endswith(b"\n"):
            return
