"""The plain-text article layout of the seeds (Tempo.co page dumps).

Shape, one item per line, blank lines between::

    Title
    Reporter / <name, may be missing> / Editor / <name>
    Kamis, 16 Desember 2021 09:30 WIB
    Photo caption ending in its credit ("... Pool via REUTERS")
    TEMPO.CO, Jakarta - first paragraph ...     (dateline)
    ... body with "Advertising" crumbs, a wire line ("REUTERS"), "Pilihan Editor: ..."
    Berita terkait / (title, age, title, summary, "Baca Selengkapnya") * N
"""

from __future__ import annotations

from datetime import datetime

from warta.extract.clean import clean_body, split_credit
from warta.extract.dates import parse_datetime, parse_relative
from warta.extract.outlets import Outlet, parse_byline
from warta.model import Article, Related, Source

__all__ = ["is_text_layout", "parse_text_page"]

_LABELS = {"reporter": "reporter", "penulis": "reporter", "editor": "editor", "redaktur": "editor"}
_RELATED_HEADS = frozenset({"berita terkait", "artikel terkait", "baca juga", "berita lainnya"})
_READ_MORE = frozenset({"baca selengkapnya", "selengkapnya"})
_HEADER_LINES = 12


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def is_text_layout(text: str) -> bool:
    """True when the first lines carry the "Reporter"/"Editor" labels of the seeds layout."""
    head = _lines(text[:3000])[:_HEADER_LINES]
    return any(line.casefold() in _LABELS for line in head[1:])


def _related(lines: list[str], crawled_at: datetime | None) -> list[Related]:
    items: list[Related] = []
    index = 0
    while index < len(lines):
        title = lines[index]
        age = lines[index + 1] if index + 1 < len(lines) else None
        when = parse_relative(age, crawled_at or datetime.now()) if age else None
        if age is None or when is None:
            index += 1  # not an item start (a stray line): skip it
            continue
        index += 2
        if index < len(lines) and lines[index] == title:
            index += 1
        summary = None
        if index < len(lines) and lines[index].casefold() not in _READ_MORE:
            summary = lines[index]
            index += 1
        if index < len(lines) and lines[index].casefold() in _READ_MORE:
            index += 1
        # The age is relative to when the page was fetched; without that time it stays printed only.
        items.append(
            Related(title=title, summary=summary, age=age, published_at=when if crawled_at else None)
        )
    return items


def parse_text_page(
    text: str,
    *,
    outlet: Outlet,
    outlet_name: str | None,
    url: str | None,
    crawled_at: datetime | None,
    source: Source,
) -> Article:
    """Parse one page in the seeds layout (check :func:`is_text_layout` first)."""
    from warta.extract import ExtractError

    lines = _lines(text)
    if not lines:
        raise ExtractError("no article found: empty text")
    title = lines[0]
    reporters: list[str] = []
    editors: list[str] = []
    wires: list[str] = []
    published: datetime | None = None
    index = 1
    # Header: labels and their values, then the date line.
    while index < len(lines) and index < _HEADER_LINES:
        line = lines[index]
        role = _LABELS.get(line.casefold())
        if role is not None:
            index += 1
            value = lines[index] if index < len(lines) else ""
            # An empty reporter slot: the next label must not be taken as the name.
            if value.casefold() in _LABELS or parse_datetime(value, default_tz=outlet.timezone):
                continue
            index += 1
            names, _, agency = parse_byline(outlet, value)
            wires.extend(agency)
            # An organisational byline ("Tempo.co") is not a person: parse_byline drops it.
            (reporters if role == "reporter" else editors).extend(names)
            continue
        when = parse_datetime(line, default_tz=outlet.timezone)
        if when is not None:
            published = when
            index += 1
        break
    caption = credit = None
    if index < len(lines):
        split = split_credit(lines[index], outlet)
        if split is not None:
            caption, credit = split
            index += 1
    body_lines = lines[index:]
    related: list[Related] = []
    for position, line in enumerate(body_lines):
        if line.casefold() in _RELATED_HEADS:
            related = _related(body_lines[position + 1 :], crawled_at)
            body_lines = body_lines[:position]
            break
    cleaned = clean_body("\n".join(body_lines), outlet)
    if not cleaned.paragraphs:
        raise ExtractError("no article found: no body text after the header")
    return cleaned.article(
        reporters=reporters,
        editors=editors,
        wire=wires,
        related=related,
        title=title,
        outlet=outlet_name,
        url=url,
        published_at=published,
        crawled_at=crawled_at,
        image_caption=caption,
        image_credit=credit,
        source=source,
    )
