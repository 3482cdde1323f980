"""Ingest: paths in, :class:`Page` / :class:`Record` / :class:`Rejection` out (I/O at the edge).

Inputs are files, folders (recursive, sorted, hidden entries skipped), globs
and ``-`` for standard input. Each file is recognised by content: gzip, zip,
WARC, JSON lines, CSV, HTML or plain text. Everything streams: records come
one line or row at a time and containers are unwrapped in memory under the
limits in :mod:`warta.ingest.limits`. Bad input becomes a :class:`Rejection`
with a one-line reason and reading goes on.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import BinaryIO

from warta.ingest import limits
from warta.ingest.containers import Context, read_stream
from warta.ingest.paths import STDIN_LABEL, Input, expand
from warta.ingest.paths import total_bytes as total_bytes
from warta.ingest.streams import CountingReader, buffered
from warta.model import Page, Record, Rejection

__all__ = ["limits", "read", "total_bytes"]


def read(
    paths: Sequence[str],
    *,
    stdin: BinaryIO | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> Iterator[Page | Record | Rejection]:
    """Pages, Records and Rejections from ``paths``, in order, lazily.

    ``-`` reads ``stdin`` (default ``sys.stdin.buffer``). ``on_progress(n)``
    is called with the number of *new* bytes of top-level input consumed
    since the previous call (use it as ``progress.advance``); once every input
    is read, the calls add up to :func:`total_bytes`.
    """
    for item in expand(paths):
        if isinstance(item, Rejection):
            yield item
        else:
            yield from _read_input(item, stdin, on_progress)


def _read_input(
    item: Input, stdin: BinaryIO | None, on_progress: Callable[[int], None] | None
) -> Iterator[Page | Record | Rejection]:
    if item.is_stdin:
        label = STDIN_LABEL
        handle: BinaryIO = stdin if stdin is not None else sys.stdin.buffer
        counter = CountingReader(handle, on_progress)
    else:
        label = item.path
        try:
            handle = open(item.path, "rb", buffering=0)  # noqa: SIM115 - closed in finally, generator-owned
        except OSError as exc:
            yield Rejection(label, f"cannot open ({exc.strerror or exc})")
            return
        counter = CountingReader(handle, on_progress, os.fstat(handle.fileno()).st_size)
    try:
        yield from read_stream(label, buffered(counter), Context(), name=label)
    except (OSError, ValueError, EOFError, UnicodeError, RecursionError, MemoryError) as exc:
        # A fault no reader anticipated still only costs this input, not the batch.
        yield Rejection(label, f"could not read ({type(exc).__name__}: {exc})")
    finally:
        counter.finish()
        if not item.is_stdin:
            handle.close()
