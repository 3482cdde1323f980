"""What the entity, timeline and article pages show of the understand stage's facts.

Pure helpers over the handle's plain dicts (entities, quotations, events, timeline items):
links inside warta, dates as a reader counts them (WIB), and one row shape per timeline item.
Every string here is page text and stays text: the templates escape it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import Any, Final
from urllib.parse import quote, urlencode

from warta.model import parse_time
from warta.serve import timefmt
from warta.serve.deps import WIB

ENTITY_TYPES: Final = ("PERSON", "ORG", "PLACE", "COUNTRY")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")


def entity_href(key: str) -> str:
    """``/entities/<key>`` with every reserved character (``/`` too) percent-encoded."""
    return "/entities/" + quote(str(key), safe="")


def timeline_href(*actors: str) -> str:
    return "/timeline?" + urlencode([("actor", a) for a in actors if a])


def wib_day(published_utc: object) -> str | None:
    """``YYYY-MM-DD`` of a stored UTC time, as the day reads in WIB; ``None`` if unreadable."""
    when = parse_time(published_utc) if isinstance(published_utc, str) and published_utc else None
    return when.astimezone(WIB).date().isoformat() if when else None


def day_label(day: str | None, language: str) -> str:
    """``9 Nov 2021`` for a full date, ``November 2021`` for a month, the year alone, else as given."""
    if not day:
        return ""
    if _DAY.match(day):
        try:
            return timefmt.short_date(datetime.combine(datetime.fromisoformat(day).date(), time()), language)
        except ValueError:
            return day
    if _MONTH.match(day):
        year, month = int(day[:4]), int(day[5:7])
        if 1 <= month <= 12:
            return f"{timefmt.NAMES.get(language, timefmt.NAMES['id'])['months'][month - 1]} {year}"
    return day


@dataclass(frozen=True, slots=True)
class ArticleEntity:
    """One distinct entity named in an article."""

    id: str
    name: str
    type: str
    mentions: int


def article_entities(mentions: Iterable[Mapping[str, Any]]) -> list[ArticleEntity]:
    """The article's distinct entities (by ``entity_id``), most mentioned first, then in reading order.

    Mentions without an ``entity_id`` are skipped: the store has no page for them.
    """
    order: dict[str, int] = {}
    counts: dict[str, int] = {}
    names: dict[str, tuple[str, str]] = {}
    for mention in mentions:
        key = mention.get("entity_id")
        if not key or not isinstance(key, str):
            continue
        order.setdefault(key, len(order))
        counts[key] = counts.get(key, 0) + 1
        name = str(mention.get("entity") or mention.get("surface") or key)
        if key not in names or len(name) > len(names[key][0]):
            names[key] = (name, str(mention.get("type") or ""))
    keys = sorted(order, key=lambda k: (-counts[k], order[k]))
    return [ArticleEntity(k, names[k][0], names[k][1], counts[k]) for k in keys]


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    href: str | None  # the entity page, when the archive knows this name


@dataclass(slots=True)
class TimelineRow:
    """One event or quotation as the timeline page shows it."""

    kind: str  # "event" | "quote"
    day: str | None  # YYYY-MM-DD (or as precise as known), in WIB
    label: str  # "9 Nov 2021"
    article_id: str | None
    article_title: str
    code: str | None = None
    cameo: str | None = None
    actors: list[Actor] = field(default_factory=list)
    mode: str | None = None
    planned: bool = False  # planned, hoped for or asked for: not (yet) done in the text
    location: str | None = None
    evidence: str | None = None
    speaker: Actor | None = None
    verb: str | None = None
    text: str | None = None
    quote_kind: str | None = None


def timeline_rows(
    items: Sequence[Mapping[str, Any]], language: str, link: Callable[[str], str | None]
) -> list[TimelineRow]:
    """Rows for ``Warta.timeline`` items, in time order by the day a reader in WIB sees.

    ``link(name)`` gives the entity page of an actor name, or ``None``. The sort is stable,
    so items of one day keep the handle's order (events before quotations).
    """
    rows: list[TimelineRow] = []
    for item in items:
        title = str(item.get("article_title") or "")
        article_id = item.get("article_id")
        if item.get("kind") == "quote":
            day = wib_day(item.get("published_utc")) or (item.get("when") or None)
            speaker = str(item.get("speaker") or "")
            key = item.get("speaker_entity")
            rows.append(
                TimelineRow(
                    kind="quote",
                    day=day,
                    label=day_label(day, language),
                    article_id=article_id,
                    article_title=title,
                    speaker=Actor(speaker, entity_href(key) if key else link(speaker)) if speaker else None,
                    verb=item.get("verb"),
                    text=str(item.get("text") or ""),
                    quote_kind=item.get("quote_kind"),
                )
            )
            continue
        day = item.get("date") or wib_day(item.get("published_utc")) or (item.get("when") or None)
        names = [str(n) for n in (item.get("actor1"), item.get("actor2")) if n]
        rows.append(
            TimelineRow(
                kind="event",
                day=day,
                label=day_label(day, language),
                article_id=article_id,
                article_title=title,
                code=item.get("code"),
                cameo=item.get("cameo"),
                actors=[Actor(n, link(n)) for n in names],
                mode=item.get("mode"),
                planned=item.get("modality") == "planned",
                location=item.get("location"),
                evidence=item.get("evidence"),
            )
        )
    rows.sort(key=lambda r: (r.day or "9999", r.kind))
    return rows
