"""Web pages over the understand stage's facts: the entity list, one entity, and the timeline of
one or more actors. No JavaScript; the entity page's chart is inline SVG built on the server
(:mod:`warta.serve.weekchart`). Every template is autoescaped (see :mod:`warta.serve.pages`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from warta.api import Warta
from warta.serve.deps import db_handle, language
from warta.serve.facts_view import (
    ENTITY_TYPES,
    TimelineRow,
    day_label,
    entity_href,
    timeline_href,
    timeline_rows,
    wib_day,
)
from warta.serve.i18n import STRINGS
from warta.serve.pages import MAX_PAGE, _not_found, _url, _wib, render
from warta.serve.weekchart import week_chart

ENTITIES_PAGE_SIZE = 30
TIMELINE_PAGE_SIZE = 50
TIMELINE_MAX_PAGE = 20  # the handle merges every item up to the page asked for; past this, narrow it
MAX_ACTORS = 10  # the timeline form's actors
SUGGESTIONS = 8  # people offered on an empty timeline page

router = APIRouter(include_in_schema=False)
Handle = Annotated[Warta, Depends(db_handle)]
Lang = Annotated[str, Depends(language)]


def _page_number(page: str, last: int = MAX_PAGE) -> int:
    return min(max(int(page), 1), last) if page.isdigit() and len(page) < 7 else 1


def _type_label(kind: str, lang: str) -> str:
    return STRINGS[lang].get(f"type_{kind}", kind)


@dataclass(frozen=True, slots=True)
class EntityRow:
    href: str
    name: str
    type: str
    type_label: str
    mentions: int
    articles: int
    role: str | None  # its latest role, if any


def _entity_row(entity: dict[str, Any], lang: str) -> EntityRow:
    roles: dict[str, Any] = entity.get("roles") or {}
    latest = max(roles.items(), key=lambda kv: str((kv[1] or {}).get("last") or ""), default=None)
    return EntityRow(
        href=entity_href(entity["id"]),
        name=str(entity["name"]),
        type=str(entity["type"]),
        type_label=_type_label(str(entity["type"]), lang),
        mentions=int(entity["mentions"]),
        articles=int(entity["articles"]),
        role=latest[0] if latest else None,
    )


@router.get("/entities", response_class=HTMLResponse)
def entities_page(
    request: Request, handle: Handle, lang: Lang, type: str = "", page: str = "1"
) -> HTMLResponse:
    kind = type.strip().upper()
    kind = kind if kind in ENTITY_TYPES else ""
    number = _page_number(page)
    rows = handle.entities(
        type=kind or None, limit=ENTITIES_PAGE_SIZE + 1, offset=(number - 1) * ENTITIES_PAGE_SIZE
    )
    return render(
        request,
        "entities.html",
        lang,
        entities=[_entity_row(e, lang) for e in rows[:ENTITIES_PAGE_SIZE]],
        types=[(k, _type_label(k, lang)) for k in ENTITY_TYPES],
        kind=kind,
        page=number,
        prev_url=_url("/entities", type=kind, page=number - 1) if number > 1 else None,
        next_url=_url("/entities", type=kind, page=number + 1)
        if len(rows) > ENTITIES_PAGE_SIZE and number < MAX_PAGE
        else None,
    )


@dataclass(frozen=True, slots=True)
class QuoteRow:
    text: str
    speaker: str
    verb: str | None
    source: str | None
    day: str  # "14 Des 2023"
    article_id: str
    article_title: str


def _quote_row(q: dict[str, Any], lang: str) -> QuoteRow:
    return QuoteRow(
        text=str(q.get("text") or ""),
        speaker=str(q.get("speaker") or ""),
        verb=q.get("verb"),
        source=q.get("source"),
        day=day_label(wib_day(q.get("published_utc")), lang),
        article_id=str(q["article_id"]),
        article_title=str(q.get("article_title") or ""),
    )


@router.get("/entities/{name:path}", response_class=HTMLResponse)
def entity_page(request: Request, handle: Handle, lang: Lang, name: str) -> HTMLResponse:
    entity = handle.entity(name[:300])
    if entity is None:
        return _not_found(request, lang, "entity")
    roles = sorted(
        ((role, span.get("first"), span.get("last")) for role, span in (entity["roles"] or {}).items()),
        key=lambda r: (str(r[1] or ""), r[0]),
    )
    return render(
        request,
        "entity.html",
        lang,
        entity=entity,
        type_label=_type_label(str(entity["type"]), lang),
        aliases=sorted((entity["aliases"] or {}).items(), key=lambda kv: (-int(kv[1]), kv[0])),
        roles=[(role, day_label(first, lang), day_label(last, lang)) for role, first, last in roles],
        chart=week_chart(entity["mentions_by_week"], lang),
        quotes=[_quote_row(q, lang) for q in entity["quotes"]],
        start=_wib(entity.get("first_seen")),
        end=_wib(entity.get("last_seen")),
        timeline_url=timeline_href(str(entity["name"])),
    )


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(
    request: Request,
    handle: Handle,
    lang: Lang,
    actor: Annotated[list[str], Query()] = [],  # noqa: B006 - FastAPI copies the default
    page: str = "1",
) -> HTMLResponse:
    actors = list(dict.fromkeys(a.strip()[:300] for a in actor if a.strip()))[:MAX_ACTORS]
    number = _page_number(page, TIMELINE_MAX_PAGE)
    found = {a: handle.store.find_entity(a) for a in actors}
    hrefs: dict[str, str | None] = {}

    def link(name: str) -> str | None:
        if name not in hrefs:
            entity = handle.store.find_entity(name)
            hrefs[name] = entity_href(entity["id"]) if entity else None
        return hrefs[name]

    rows: list[TimelineRow] = []
    more = False
    if actors:
        end = number * TIMELINE_PAGE_SIZE
        items = handle.timeline(*actors, limit=end + 1)
        ordered = timeline_rows(items, lang, link)
        rows, more = ordered[end - TIMELINE_PAGE_SIZE : end], len(ordered) > end
    suggestions = (
        []
        if actors
        else [
            (str(e["name"]), timeline_href(str(e["name"])))
            for e in handle.entities(type="PERSON", limit=SUGGESTIONS)
        ]
    )
    return render(
        request,
        "timeline.html",
        lang,
        actors=actors,
        known=[(str(e["name"]), entity_href(e["id"])) for e in found.values() if e],
        unknown=[a for a, e in found.items() if e is None],
        fields=[*actors, ""] if len(actors) < MAX_ACTORS else actors,
        rows=rows,
        suggestions=suggestions,
        page=number,
        prev_url=_timeline_page(actors, number - 1) if actors and number > 1 else None,
        next_url=_timeline_page(actors, number + 1) if more and number < TIMELINE_MAX_PAGE else None,
    )


def _timeline_page(actors: list[str], number: int) -> str:
    return timeline_href(*actors) + (f"&page={number}" if number > 1 else "")
