"""Limits that keep ingest's memory flat and its decompression bounded.

They are module constants so tests (and a careful operator) can lower them;
every reader looks them up at call time, e.g. ``limits.MAX_PAGE_BYTES``.
"""

from __future__ import annotations

MB = 1024 * 1024

# One HTML or text page, read whole because extraction needs all of it.
MAX_PAGE_BYTES = 20 * MB
# One JSON line or one physical CSV line; longer lines are skipped in chunks.
MAX_LINE_BYTES = 20 * MB

# Decompression guards, counted on the bytes that actually come out of the
# decompressor (never the sizes an archive header claims).
MAX_MEMBER_BYTES = 2048 * MB  # one zip member or one gzip stream, expanded
MAX_ARCHIVE_BYTES = 8192 * MB  # everything expanded from one top-level input
MAX_RATIO = 100  # expanded / compressed; news text compresses 3-10x, zeros 1000x
RATIO_GRACE_BYTES = 4 * MB  # small, very repetitive files may exceed the ratio harmlessly
MAX_DEPTH = 4  # containers inside containers: a.zip!b.zip!c.jsonl.gz is depth 3

# How much of a stream is looked at to decide its format.
SNIFF_BYTES = 64 * 1024
# Read buffer for every stream layer; also the progress granularity.
BUFFER_BYTES = 1 * MB
# A non-seekable zip (stdin, nested, gzipped) is spooled; past this it goes to a temp file.
SPOOL_MEMORY_BYTES = 16 * MB


def mb(n: int) -> str:
    """``20 MB`` for 20 * MB; limits are whole megabytes in messages."""
    return f"{n // MB} MB" if n >= MB else f"{n} bytes"
