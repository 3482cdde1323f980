"""WARC files: HTML response records become Pages; everything else is skipped silently."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from warta.ingest import limits
from warta.ingest.streams import read_up_to
from warta.model import Page, Rejection, Source

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def parse_warc_date(value: str | None) -> datetime | None:
    """WARC-Date (ISO 8601, UTC by the standard) as an aware UTC datetime."""
    if not value:
        return None
    text = value.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)  # the WARC standard says UTC
    return parsed.astimezone(UTC)


def read_warc(label: str, stream: BinaryIO) -> Iterator[Page | Rejection]:
    """One :class:`Page` per 2xx HTML response record, ``label#N`` for the N-th record.

    ``stream`` is already decompressed by the caller (so the zip-bomb limits
    apply to ``.warc.gz`` too); warcio reads an uncompressed WARC as is.
    The target URI is a label and a field, never a path.
    """
    number = 0
    try:
        for record in ArchiveIterator(stream):
            number += 1
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = (record.http_headers.get_header("Content-Type") or "").lower()
            if not content_type.startswith(_HTML_TYPES):
                continue
            if not str(record.http_headers.get_statuscode() or "").startswith("2"):
                continue  # error pages and redirects are not articles
            # content_stream() undoes chunking and Content-Encoding; read it bounded.
            data = read_up_to(record.content_stream(), limits.MAX_PAGE_BYTES + 1)
            if len(data) > limits.MAX_PAGE_BYTES:
                yield Rejection(
                    label,
                    f"page is larger than {limits.mb(limits.MAX_PAGE_BYTES)}",
                    record=f"record {number}",
                )
                continue
            yield Page(
                data=data,
                source=Source(f"{label}#{number}", "warc"),
                url=record.rec_headers.get_header("WARC-Target-URI"),
                crawled_at=parse_warc_date(record.rec_headers.get_header("WARC-Date")),
            )
    except ArchiveLoadFailed as exc:
        reason = " ".join(str(exc.msg if hasattr(exc, "msg") else exc).split())
        yield Rejection(label, f"corrupt WARC file ({reason})", record=f"record {number + 1}")
