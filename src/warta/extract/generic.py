"""Fallback for an unknown outlet's full-page text dump (menus, lists, footers around the article).

The body is the longest run of sentence-like paragraphs; the date is the
nearest readable date line above it; the title is the heading-like line above
the date (or above the body when no date is printed).
"""

from __future__ import annotations

import re
from datetime import datetime

from warta.extract.clean import clean_body
from warta.extract.dates import parse_datetime
from warta.extract.outlets import Outlet, parse_byline
from warta.model import Article, Source

__all__ = ["parse_generic"]

_MIN_SENTENCE_CHARS = 60
_MIN_SENTENCE_WORDS = 8
_MIN_BODY_CHARS = 150
_MAX_GAP = 2  # furniture lines tolerated inside the body run ("Advertisement", a photo credit)
_BYLINE = re.compile(
    r"^(?P<label>Oleh|Penulis|Reporter|Wartawan|By|Editor|Redaktur)\s*:?\s+(?P<name>.{3,80})$", re.I
)
_MENU = re.compile(r"\s[|•·»›]\s")
_NUMBERED = re.compile(r"^\d{1,2}[.)]?\s")
_FOOTER = re.compile(r"©|\bcopyright\b|hak cipta|all rights reserved", re.I)


def _sentence_like(line: str) -> bool:
    if len(line) < _MIN_SENTENCE_CHARS or _MENU.search(line) or _FOOTER.search(line):
        return False
    if len(line.split()) < _MIN_SENTENCE_WORDS:
        return False
    return line[-1] in '.!?"”’)' or ". " in line


def _body_run(lines: list[str]) -> tuple[int, int] | None:
    """[start, end) of the longest run of sentence-like lines, small gaps allowed."""
    best: tuple[int, int] | None = None
    best_chars = 0
    index = 0
    while index < len(lines):
        if not _sentence_like(lines[index]):
            index += 1
            continue
        start = end = index
        chars = 0
        probe = index
        while probe < len(lines):
            if _sentence_like(lines[probe]):
                chars += len(lines[probe])
                end = probe + 1
                probe += 1
                continue
            gap = 0
            while probe < len(lines) and not _sentence_like(lines[probe]) and gap <= _MAX_GAP:
                gap += 1
                probe += 1
            if gap > _MAX_GAP or probe >= len(lines):
                break
        if chars > best_chars:
            best, best_chars = (start, end), chars
        index = max(end, index + 1)
    if best is None or best_chars < _MIN_BODY_CHARS:
        return None
    return best


def _heading_like(line: str) -> bool:
    words = line.split()
    return (
        3 <= len(words) <= 30
        and not _MENU.search(line)
        and not _NUMBERED.match(line)
        and not _FOOTER.search(line)
        and line[-1] not in ".,;:"
        and not _BYLINE.match(line)
    )


def parse_generic(
    text: str,
    *,
    outlet: Outlet,
    outlet_name: str | None,
    url: str | None,
    crawled_at: datetime | None,
    source: Source,
) -> Article:
    """Find title, date, byline and body in an unknown layout; raises ExtractError when there is no article."""
    from warta.extract import ExtractError

    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    run = _body_run(lines)
    if run is None:
        raise ExtractError("no article found: no run of sentence-like paragraphs")
    start, end = run
    published: datetime | None = None
    date_index: int | None = None
    for index in range(start - 1, max(-1, start - 15), -1):
        when = parse_datetime(lines[index], default_tz=outlet.timezone)
        if when is not None and len(lines[index]) <= 80:
            published, date_index = when, index
            break
    reporters: list[str] = []
    editors: list[str] = []
    wires: list[str] = []
    above = date_index if date_index is not None else start
    title: str | None = None
    for index in range(above - 1, max(-1, above - 10), -1):
        line = lines[index]
        byline = _BYLINE.match(line)
        if byline is not None:
            names, _, agencies = parse_byline(outlet, byline.group("name"))
            wires.extend(agencies)
            (editors if byline.group("label").lower() in ("editor", "redaktur") else reporters)[:0] = names
            continue
        if _heading_like(line):
            title = line
            break
    # Bylines between the date and the body ("Oleh: ...").
    for line in lines[above:start]:
        byline = _BYLINE.match(line)
        if byline is not None:
            names, _, agencies = parse_byline(outlet, byline.group("name"))
            wires.extend(agencies)
            (editors if byline.group("label").lower() in ("editor", "redaktur") else reporters).extend(names)
    if title is None:
        raise ExtractError("no article found: no title line above the body")
    cleaned = clean_body("\n".join(lines[start:end]), outlet)
    if not cleaned.paragraphs:
        raise ExtractError("no article found: body is only page furniture")
    return cleaned.article(
        reporters=reporters,
        editors=editors,
        wire=wires,
        title=title,
        outlet=outlet_name,
        url=url,
        published_at=published,
        crawled_at=crawled_at,
        source=source,
    )
