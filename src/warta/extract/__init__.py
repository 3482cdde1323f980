"""Extract: raw pages and structured rows to clean :class:`~warta.model.Article` objects.

Pure functions; the only files read are the package's own data files
(``outlets/*.toml``, ``records.toml``), once per process.
"""

from __future__ import annotations

from datetime import datetime

from warta.extract.decode import DecodeError, decode_bytes, looks_like_html
from warta.model import Article, Page, Record, Source

__all__ = ["ExtractError", "extract_page", "extract_record", "extract_text"]


class ExtractError(ValueError):
    """Input that gives no article; the message is a one-line human reason,
    e.g. ``"no article found: no title line"``."""


def extract_text(
    text: str,
    *,
    url: str | None = None,
    crawled_at: datetime | None = None,
    outlet: str | None = None,
    source: Source | None = None,
) -> Article:
    """Extract an article from an already-decoded plain-text page (see :func:`extract_page`)."""
    from warta.extract.generic import parse_generic
    from warta.extract.outlets import detect_outlet, generic_outlet, get_outlet
    from warta.extract.text_page import is_text_layout, parse_text_page

    known = get_outlet(outlet) if outlet else detect_outlet(text, url)
    knowledge = known or generic_outlet()
    name = known.name if known is not None else outlet
    src = source if source is not None else Source(path="", format="text")
    parse = parse_text_page if is_text_layout(text) else parse_generic
    return parse(text, outlet=knowledge, outlet_name=name, url=url, crawled_at=crawled_at, source=src)


def extract_page(page: Page, *, crawled_at: datetime | None = None, outlet: str | None = None) -> Article:
    """One raw page (plain text or HTML bytes) to an Article; raises :class:`ExtractError`."""
    try:
        text = decode_bytes(page.data)
    except DecodeError as exc:
        raise ExtractError(str(exc)) from None
    when = crawled_at if crawled_at is not None else page.crawled_at
    if looks_like_html(text):
        # Imported lazily: the HTML extractor pulls in lxml/trafilatura, text pages never need them.
        from warta.extract.html import extract_html

        return extract_html(text, url=page.url, outlet=outlet, crawled_at=when, source=page.source)
    return extract_text(text, url=page.url, crawled_at=when, outlet=outlet, source=page.source)


def extract_record(
    record: Record, *, crawled_at: datetime | None = None, outlet: str | None = None
) -> Article:
    """One JSON-lines or CSV row to an Article; raises :class:`ExtractError` naming what is missing."""
    from warta.extract.records import RecordError, article_from_fields

    try:
        return article_from_fields(record.fields, record, crawled_at=crawled_at, outlet=outlet)
    except RecordError as exc:
        raise ExtractError(str(exc)) from None
