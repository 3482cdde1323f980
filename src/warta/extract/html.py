"""HTML page -> :class:`~warta.model.Article`.

trafilatura finds the main text; this module parses the page once with lxml,
hands that tree to ``trafilatura.bare_extraction`` (one call, no metadata
pass: its date finder returns a day without a time or zone, which we could
not use, and costs a third of the extraction time) and reads what trafilatura
lacks for Indonesian outlets from the same tree: reporters versus editors,
the publication time with its real offset, the lead-photo caption and credit.
The body then goes through the outlet's cleaning rules (dateline, furniture,
"Baca juga" links, wire credits) shared with the plain-text extractor.
"""

from __future__ import annotations

import re
import threading
from dataclasses import replace
from datetime import UTC, datetime
from functools import cache
from typing import Any

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from warta.extract.clean import clean_body
from warta.extract.dates import parse_datetime
from warta.extract.html_meta import Head, read_bylines, read_caption, read_head, read_related, visible_time
from warta.extract.outlets import Outlet, generic_outlet, get_outlet, outlet_for_url
from warta.model import Article, Related, Source

__all__ = ["MAX_DEPTH", "TRAFILATURA_SETTINGS", "extract_html"]

# libxml2's own nesting limit without XML_PARSE_HUGE: deeper pages are cut off
# by the parser (so the tree stays shallow and nothing downstream recurses
# deeply); we notice the cut and refuse the page rather than keep half of it.
MAX_DEPTH = 256

# Chosen on the extraction benchmark (bench/extraction_benchmark.py): precision
# mode drops more boilerplate for a small recall cost; comments are not the article.
TRAFILATURA_SETTINGS: dict[str, Any] = {
    "include_comments": False,
    "favor_precision": True,
    "include_tables": True,
}

_local = threading.local()
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SENTENCE_MARKS = (".", "!", "?", "،", "”", '"', "»")
_BYLINE_LINE = re.compile(r"(?i)(?:penulis|reporter|pewarta|editor|penyunting|redaktur)\b\s*:?\s*\S")
_TITLE_SUFFIX = re.compile(r"\s+[-|–—:·]\s+[^-|–—:·]{2,40}$")


def _error(reason: str) -> ValueError:
    # Imported lazily: warta.extract imports this module lazily too.
    from warta.extract import ExtractError

    return ExtractError(reason)


def _parser() -> etree.HTMLParser:
    # One parser per thread: lxml parsers keep per-parse state (the error log).
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = lxml_html.HTMLParser(
            collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True
        )
        _local.parser = parser
    return parser


def _parse(html: str) -> Any:
    if not html or not html.strip():
        raise _error("empty page")
    if _CONTROL.search(html, 0, 65536) is not None:
        html = _CONTROL.sub("", html)  # libxml2 rejects them; they are never text
    parser = _parser()
    try:
        tree = etree.fromstring(html, parser)
    except ValueError:
        # "Unicode strings with encoding declaration are not supported": an <?xml ...?> prolog.
        tree = etree.fromstring(html.encode("utf-8", "surrogatepass"), _bytes_parser())
        parser = _bytes_parser()
    except etree.LxmlError as exc:
        raise _error(f"not parseable as HTML ({exc})") from None
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT" or "Excessive depth" in entry.message:
            raise _error(f"HTML nested deeper than {MAX_DEPTH} levels")
    if tree is None:
        raise _error("no article text found")
    return tree


def _bytes_parser() -> etree.HTMLParser:
    parser = getattr(_local, "bytes_parser", None)
    if parser is None:
        parser = lxml_html.HTMLParser(
            collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True, encoding="utf-8"
        )
        _local.bytes_parser = parser
    return parser


@cache
def _for_html(outlet: Outlet) -> Outlet:
    # trafilatura's lines are whole paragraphs already: rejoining "broken" lines
    # (a plain-text scrape repair) would glue real paragraphs together.
    return replace(outlet, join_broken_lines=False)


def _outlet(name: str | None, url: str | None, head: Head) -> tuple[Outlet, str | None]:
    known = get_outlet(name) if name else None
    if known is None:
        known = outlet_for_url(url) or outlet_for_url(head.canonical) or outlet_for_url(head.get("og:url"))
    if known is None:
        known = get_outlet(head.get("og:site_name"))
    if known is not None:
        return known, known.name
    return generic_outlet(), name or head.get("og:site_name")


def _title(head: Head, site: str | None) -> str:
    ld = head.ld.get("headline") if head.ld else None
    for candidate in (ld, head.h1, head.get("og:title", "twitter:title"), head.title_tag):
        if isinstance(candidate, str) and candidate.strip():
            title = " ".join(candidate.split())
            if candidate is not head.h1 and candidate is not ld:
                # "<headline> - Tempo.co": the site's name is not part of the headline.
                match = _TITLE_SUFFIX.search(title)
                if match is not None and (
                    site is None
                    or site.casefold().split(".")[0] in match.group(0).casefold()
                    or "." in match.group(0)
                ):
                    title = title[: match.start()]
            return title
    return ""


def _times(tree: Any, head: Head, outlet: Outlet) -> tuple[datetime | None, datetime | None]:
    zone = outlet.timezone
    ld = head.ld or {}

    def first(*values: Any) -> datetime | None:
        for value in values:
            if isinstance(value, str) and value.strip() and value.strip().casefold() not in outlet.no_date:
                found = parse_datetime(value, default_tz=zone)
                if found is not None:
                    return found
        return None

    meta = head.meta
    published = first(
        ld.get("datePublished"),
        meta.get("article:published_time"),
        meta.get("content_publisheddate"),
        meta.get("dtk:publishdate"),
        meta.get("datepublished"),
        meta.get("pubdate"),
        meta.get("publishdate"),
        meta.get("publish-date"),
        meta.get("og:published_time"),
    )
    updated = first(
        ld.get("dateModified"),
        meta.get("article:modified_time"),
        meta.get("og:updated_time"),
        meta.get("datemodified"),
    )
    if published is None:
        published = visible_time(tree, zone)
    if published is None and updated is not None and outlet.updated_is_published:
        published = updated
    return published, updated


def _trim_head(text: str, drop: set[str]) -> str:
    """Drop the headline, caption, printed date or byline lines that open the text,
    so that the outlet's dateline pattern sees the real first paragraph."""
    lines = text.lstrip().split("\n")
    start = 0
    while start < min(len(lines), 4):
        line = lines[start].strip()
        if line and line.casefold() not in drop and (len(line) > 80 or not _is_stamp_or_byline(line)):
            break
        start += 1
    return "\n".join(lines[start:])


def _is_prose(paragraph: str) -> bool:
    """A sentence, not a row of links: eight words or more and sentence punctuation
    (or a CJK full stop: those scripts put no spaces between words)."""
    if "。" in paragraph:
        return True
    return paragraph.count(" ") >= 7 and any(mark in paragraph for mark in _SENTENCE_MARKS)


def _is_stamp_or_byline(line: str) -> bool:
    # Any zone will do here: the question is only whether the line is a date and time.
    return parse_datetime(line, default_tz=UTC) is not None or _BYLINE_LINE.match(line) is not None


def _merge_related(block: list[Related], inline: list[Related]) -> list[Related]:
    # the page's own block first; inline "Baca juga" links add only titles it lacks
    seen = {r.title.casefold() for r in block}
    return block + [r for r in inline if r.title.casefold() not in seen]


def extract_html(
    html: str, *, url: str | None, outlet: str | None, crawled_at: datetime | None, source: Source
) -> Article:
    """The article of one HTML page; raises :class:`warta.extract.ExtractError` with a one-line reason."""
    tree = _parse(html)
    head = read_head(tree)
    page_url = url or head.canonical or head.get("og:url")
    knowledge, outlet_name = _outlet(outlet, page_url, head)
    # Read before trafilatura runs; it works on its own copy, but these need the
    # whole page (bylines and captions sit outside the text it keeps).
    byline = read_bylines(html, head, knowledge)
    caption, credit = read_caption(tree, knowledge)
    published, updated = _times(tree, head, knowledge)
    try:
        document = trafilatura.bare_extraction(
            tree, url=page_url, with_metadata=False, **TRAFILATURA_SETTINGS
        )
    except (RecursionError, ValueError, TypeError) as exc:  # defensive: trafilatura bugs on odd trees
        raise _error(f"no article text found ({type(exc).__name__})") from None
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise _error("no article text found")
    title = _title(head, outlet_name)
    # The headline, the photo caption and byline lines can leak into the text.
    drop = {title.casefold()} if title else set()
    if caption:
        drop.add(caption.casefold())
        if credit:
            drop.add(f"{caption} {credit}".casefold())
    cleaned = clean_body(_trim_head(text, drop), _for_html(knowledge))
    paragraphs = [p for p in cleaned.paragraphs if p.casefold() not in drop]
    if not any(_is_prose(p) for p in paragraphs) and sum(p.count(" ") + 1 for p in paragraphs) < 40:
        # trafilatura's fallbacks return menus and footers of pages with no article.
        raise _error("no article text found")
    reporters = list(byline.reporters)
    for name in cleaned.reporters:
        if name not in reporters:
            reporters.append(name)
    editors = list(byline.editors)
    for name in cleaned.editors:
        if name not in editors:
            editors.append(name)
    wire = list(byline.wire)
    for agency in cleaned.wire:
        if agency not in wire:
            wire.append(agency)
    ld = head.ld or {}
    section = ld.get("articleSection")
    if isinstance(section, list):
        section = section[0] if section else None
    category = section if isinstance(section, str) and section.strip() else head.get("article:section")
    return Article(
        title=title,
        body="\n\n".join(paragraphs),
        outlet=outlet_name,
        url=page_url,
        reporters=reporters,
        editors=editors,
        published_at=published,
        updated_at=updated,
        crawled_at=crawled_at,
        dateline=cleaned.dateline,
        wire=wire,
        image_caption=caption,
        image_credit=credit,
        language=head.lang,
        related=_merge_related(read_related(tree), cleaned.related),
        editor_picks=cleaned.editor_picks,
        source=source,
        category=category.strip() if isinstance(category, str) else None,
    )
