"""WARC: HTML response records become Pages; requests, non-HTML and errors are skipped silently."""

from __future__ import annotations

import gzip
import io
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tests.ingest.ingest_helpers import HTML_PAGE, collect
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from warta.ingest import limits

SECOND_PAGE = b"<html><body><h1>Pasar Apung Kalibening</h1><p>Pedagang datang sejak subuh.</p></body></html>"


def _warc(gzipped: bool, copies: int = 1) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)

    def response(uri: str, body: bytes, content_type: str, date: str, status: str = "200 OK") -> None:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri,
            "response",
            payload=io.BytesIO(body),
            http_headers=headers,
            warc_headers_dict={"WARC-Date": date},
        )
        writer.write_record(record)

    writer.write_record(writer.create_warcinfo_record("made-up.warc", {"software": "warta tests"}))
    request = writer.create_warc_record(
        "https://berita.example/2031/02/03/jembatan-sukamaju",
        "request",
        payload=io.BytesIO(b""),
        http_headers=StatusAndHeaders(
            "GET /2031/02/03/jembatan-sukamaju HTTP/1.1", [("Host", "berita.example")], is_http_request=True
        ),
    )
    writer.write_record(request)
    for _ in range(copies):
        _responses(response)
    return buffer.getvalue()


def _responses(response: Callable[..., None]) -> None:
    response(
        "https://berita.example/2031/02/03/jembatan-sukamaju",
        HTML_PAGE,
        "text/html; charset=utf-8",
        "2031-02-03T04:05:06Z",
    )
    response("https://berita.example/logo.png", b"\x89PNG\r\n\x1a\n....", "image/png", "2031-02-03T04:05:07Z")
    response(
        "https://berita.example/hilang",
        b"<html>404</html>",
        "text/html",
        "2031-02-03T04:05:08Z",
        "404 Not Found",
    )
    response(
        "https://berita.example/../../etc/passwd?x=1",
        SECOND_PAGE,
        "application/xhtml+xml",
        "2031-04-01T23:59:59.250Z",
    )


def test_warc_gz_html_responses_become_pages(write: Callable[[str, bytes | str], Path]) -> None:
    path = write("crawl.warc.gz", _warc(gzipped=True))
    result = collect([str(path)])
    assert not result.rejections and not result.records
    first, second = result.pages
    assert first.data == HTML_PAGE
    assert first.url == "https://berita.example/2031/02/03/jembatan-sukamaju"
    assert first.crawled_at == datetime(2031, 2, 3, 4, 5, 6, tzinfo=UTC)
    assert first.crawled_at.utcoffset() is not None
    assert first.source.format == "warc"
    assert first.source.path == f"{path}#3"  # the N-th record of the file
    assert second.data == SECOND_PAGE
    assert second.url == "https://berita.example/../../etc/passwd?x=1"  # a label, not a path
    assert second.crawled_at == datetime(2031, 4, 1, 23, 59, 59, 250000, tzinfo=UTC)


def test_plain_warc_and_warc_inside_a_gzip_without_extension(
    write: Callable[[str, bytes | str], Path],
) -> None:
    plain = collect([str(write("crawl.warc", _warc(gzipped=False)))])
    assert [p.data for p in plain.pages] == [HTML_PAGE, SECOND_PAGE]
    wrapped = collect([str(write("crawl.bin", gzip.compress(_warc(gzipped=False))))])
    assert [p.url for p in wrapped.pages] == [p.url for p in plain.pages]


def test_truncated_warc_gz_keeps_earlier_pages(write: Callable[[str, bytes | str], Path]) -> None:
    data = _warc(gzipped=True, copies=100)
    cut = collect([str(write("cut.warc.gz", data[: len(data) - 60]))])
    # warcio reads ahead 16 KB, so the pages in the last 16 KB before the cut are lost.
    assert 150 < len(cut.pages) < 200
    whole = collect([str(write("whole.warc.gz", data))]).pages
    assert len(whole) == 200
    assert [(p.data, p.url, p.crawled_at) for p in cut.pages] == [
        (p.data, p.url, p.crawled_at) for p in whole[: len(cut.pages)]
    ]
    assert len(cut.rejections) == 1
    assert cut.rejections[0].reason == "truncated gzip stream"


def test_warc_page_over_the_limit(
    monkeypatch: pytest.MonkeyPatch, write: Callable[[str, bytes | str], Path]
) -> None:
    monkeypatch.setattr(limits, "MAX_PAGE_BYTES", 200)
    result = collect([str(write("crawl.warc", _warc(gzipped=False)))])
    assert [(r.record, r.reason) for r in result.rejections] == [
        ("record 3", "page is larger than 200 bytes")
    ]
    assert [p.data for p in result.pages] == [SECOND_PAGE]
