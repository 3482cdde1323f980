"""One byte stream in, Pages / Records / Rejections out: sniff, unwrap containers, read.

Containers (gzip, zip) are unwrapped in memory, streaming, under the limits
in :mod:`warta.ingest.limits`; nothing is ever extracted to disk and archive
member names are labels only (``archive.zip!member``), never paths.
"""

from __future__ import annotations

import gzip
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from warta.ingest import limits
from warta.ingest.detect import detect
from warta.ingest.records import read_csv, read_jsonl
from warta.ingest.streams import (
    BombError,
    Budget,
    CountingReader,
    LimitedReader,
    TruncatedError,
    buffered,
    read_up_to,
    sniff,
)
from warta.ingest.warc import read_warc
from warta.model import Page, Record, Rejection, Source

Item = Page | Record | Rejection


@dataclass(slots=True)
class Context:
    """State shared by every container inside one top-level input."""

    budget: Budget = field(default_factory=Budget)


def _strip_gz(name: str) -> str:
    lower = name.lower()
    if lower.endswith(".gz"):
        return name[:-3]
    if lower.endswith(".tgz"):
        return name[:-4] + ".tar"
    return name


def _hidden_member(name: str) -> bool:
    parts = [p for p in name.replace("\\", "/").split("/") if p]
    return any(p.startswith(".") and p not in (".", "..") for p in parts) or "__MACOSX" in parts


def read_stream(
    label: str, stream: BinaryIO, context: Context, depth: int = 0, name: str = ""
) -> Iterator[Item]:
    """Everything in ``stream``; ``label`` names it in sources and rejections, ``name`` hints its type."""
    head, stream = sniff(stream)
    kind = detect(head, name or label)
    if kind.name in ("gzip", "zip") and depth >= limits.MAX_DEPTH:
        yield Rejection(label, f"archives nested deeper than {limits.MAX_DEPTH} levels")
    elif kind.name == "gzip":
        yield from _read_gzip(label, stream, context, depth, name or label)
    elif kind.name == "zip":
        yield from _read_zip(label, stream, context, depth)
    elif kind.name == "warc":
        yield from read_warc(label, stream)
    elif kind.name == "jsonl":
        yield from read_jsonl(label, stream)
    elif kind.name == "csv":
        yield from read_csv(label, stream, kind.delimiter)
    elif kind.name in ("html", "text"):
        yield _read_page(label, stream, kind.name)
    else:
        yield Rejection(label, _REASONS[kind.name])


_REASONS = {
    "empty": "empty file",
    "binary": "binary file, not a news page or records",
    "json-document": "JSON but not JSON lines (one object per line)",
    "csv-without-columns": "CSV header has no known article column (such as url, title, body)",
}


def _read_page(label: str, stream: BinaryIO, fmt: str) -> Page | Rejection:
    # Read at most one byte past the limit: an oversized page never sits in memory whole.
    data = read_up_to(stream, limits.MAX_PAGE_BYTES + 1)
    if len(data) > limits.MAX_PAGE_BYTES:
        return Rejection(label, f"page is larger than {limits.mb(limits.MAX_PAGE_BYTES)}")
    return Page(data=data, source=Source(label, fmt))


def _read_gzip(label: str, stream: BinaryIO, context: Context, depth: int, name: str) -> Iterator[Item]:
    compressed = CountingReader(stream)
    inner = buffered(
        LimitedReader(gzip.GzipFile(fileobj=compressed, mode="rb"), lambda: compressed.count, context.budget)
    )
    try:
        yield from read_stream(label, inner, context, depth + 1, _strip_gz(name))
    except TruncatedError:
        yield Rejection(label, "truncated gzip stream")
    except (gzip.BadGzipFile, zlib.error) as exc:
        yield Rejection(label, f"corrupt gzip stream ({exc})")
    except BombError as exc:
        yield Rejection(label, exc.reason)


def _seekable(stream: BinaryIO) -> BinaryIO:
    """zipfile needs to seek; a pipe or a decompressed member is spooled (memory, then a temp file)."""
    if stream.seekable():
        return stream
    spool = tempfile.SpooledTemporaryFile(max_size=limits.SPOOL_MEMORY_BYTES)  # noqa: SIM115 - caller closes
    shutil.copyfileobj(stream, spool, limits.BUFFER_BYTES)
    spool.seek(0)
    return spool  # type: ignore[return-value]


def _read_zip(label: str, stream: BinaryIO, context: Context, depth: int) -> Iterator[Item]:
    seekable = _seekable(stream)
    try:
        yield from _read_members(label, seekable, context, depth)
    finally:
        if seekable is not stream:
            seekable.close()  # a spooled copy: free its memory or temp file now


def _read_members(label: str, stream: BinaryIO, context: Context, depth: int) -> Iterator[Item]:
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        yield Rejection(label, f"corrupt zip archive: {exc}")
        return
    with archive:
        for info in archive.infolist():
            if info.is_dir() or _hidden_member(info.filename):
                continue
            member = f"{label}!{info.filename}"
            if info.flag_bits & 0x1:
                yield Rejection(member, "encrypted archive member")
                continue
            try:
                with archive.open(info) as handle:
                    # compress_size bounds what zipfile reads, so it bounds the
                    # compressed bytes consumed: a fair denominator for the ratio.
                    inner = buffered(LimitedReader(handle, lambda i=info: i.compress_size, context.budget))
                    yield from read_stream(member, inner, context, depth + 1, info.filename)
            except BombError as exc:
                yield Rejection(member, exc.reason)
            except TruncatedError:
                yield Rejection(member, "corrupt zip archive: member data ends early")
            except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
                yield Rejection(member, f"corrupt zip archive: {exc}")
            except NotImplementedError as exc:  # an unsupported compression method
                yield Rejection(member, f"unsupported zip member ({exc})")
            if context.budget.exhausted:
                return  # the member's rejection already says why; the rest would only add more
