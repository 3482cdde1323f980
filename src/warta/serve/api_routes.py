"""The JSON API under ``/api/``: one function per route, each a thin call into the handle.

Adding a route is one function, same shape: parse and check the parameters (a bad one is a
400 with a one-line ``detail``), ask the handle for ``limit + 1`` items (the extra one says
whether ``next_offset`` is set), and return plain JSON. Per-article entities, quotes and
events ride along in ``/api/articles/{id}``; the archive-wide ones have their own routes
(``/api/entities``, ``/api/quotes``, ``/api/events``, ``/api/timeline``).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from warta.api import Warta
from warta.serve.deps import db_handle, parse_when
from warta.serve.facts_view import ENTITY_TYPES
from warta.serve.related import linked_related
from warta.store import compile_query

router = APIRouter(prefix="/api", tags=["api"])

Handle = Annotated[Warta, Depends(db_handle)]
MAX_LIMIT = 100
MAX_OFFSET = 10_000  # deep pages cost a BM25 sort of every match; past this, narrow the query

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "Malformed query or parameter; `detail` says why in one line."},
    503: {"description": "Every database handle stayed busy; retry."},
}

# --- response shapes (for the OpenAPI document; the store's to_dict() is the real contract) ----------


class Hit(BaseModel):
    id: str = Field(description="Stable article id; fetch it at /api/articles/{id}.")
    title: str
    outlet: str | None = Field(description="Outlet key, e.g. `tempo`.")
    url: str | None = Field(description="The outlet's URL for the article, as read.")
    published_at: str | None = Field(description="ISO 8601 with the outlet's own offset (WIB +07:00).")
    snippet: str = Field(
        description="About 32 words of body around the hits; each hit is wrapped in U+E000 ... U+E001."
    )
    score: float = Field(description="BM25 relevance, higher is better (title weighted 3x).")


class Paged(BaseModel):
    """What every paginated answer carries beside its items (see ``_page``)."""

    limit: int
    offset: int
    next_offset: int | None = Field(description="Offset of the next page, or null on the last page.")


class SearchPage(Paged):
    query: str
    hits: list[Hit]


class OutletCount(BaseModel):
    outlet: str | None
    count: int


class FacetsOut(BaseModel):
    total: int = Field(description="Matches under every filter given.")
    outlets: list[OutletCount] = Field(description="Matches per outlet, ignoring the outlet filter.")
    first: str | None = Field(description="Earliest publication time among the matches (UTC).")
    last: str | None = Field(description="Latest publication time among the matches (UTC).")
    capped: bool = Field(
        False, description="Counted over the newest 5,000 matches only: the counts are lower bounds."
    )


class ArticleOut(BaseModel):
    """``Article.to_dict()`` (the export contract) plus earlier versions."""

    model_config = ConfigDict(extra="allow")
    id: str
    outlet: str | None
    url: str | None
    title: str
    reporters: list[str]
    editors: list[str]
    published_at: str | None = Field(description="ISO 8601 with the outlet's own offset.")
    body: str = Field(description="Paragraphs separated by one blank line.")
    related: list[dict[str, Any]] = Field(description="The page's own 'Berita terkait' block, as printed.")
    versions: list[dict[str, Any]] = Field(description="Earlier versions: content hash and when seen.")


class RelatedOut(BaseModel):
    id: str = Field(description="The related article's id; fetch it at /api/articles/{id}.")
    title: str
    outlet: str | None
    url: str | None
    published_at: str | None = Field(description="ISO 8601 with the outlet's own offset.")
    story_id: str | None = Field(description="Its story (fetch at /api/stories/{id}).")
    storyline_id: str | None
    score: float = Field(
        description="Link-stage relevance (topic, same story/storyline, recency); higher first."
    )


class StoryOut(BaseModel):
    id: str = Field(description="Stable story id; fetch it at /api/stories/{id}.")
    title: str = Field(description="The title of the story's first article.")
    size: int = Field(description="Articles in the story (near-duplicate copies included).")
    outlets: dict[str, int] = Field(description="Articles per outlet.")
    first_published: str | None = Field(description="Earliest article's publication time (UTC).")
    last_published: str | None = Field(description="Latest article's publication time (UTC).")
    first_article: str = Field(description="Id of the article that opened the story.")
    storyline_id: str | None = Field(description="The storyline it belongs to, once linked.")


class StoryArticle(BaseModel):
    id: str
    title: str
    outlet: str | None
    url: str | None
    published_at: str | None = Field(description="ISO 8601 with the outlet's own offset.")
    duplicate_of: str | None = Field(description="Set when this article is a near-copy of another.")


class StoryDetail(StoryOut):
    articles: list[StoryArticle] = Field(description="Every article of the story, in time order.")


class StoryPage(Paged):
    stories: list[StoryOut] = Field(description="Most recently active first.")


class StorylineOut(BaseModel):
    id: str = Field(description="Stable storyline id; fetch it at /api/storylines/{id}.")
    title: str = Field(description="The title of its first story.")
    story_count: int
    first_published: str | None = Field(description="UTC.")
    last_published: str | None = Field(description="UTC.")


class StorylineDetail(StorylineOut):
    stories: list[StoryOut] = Field(description="Its stories as a timeline, earliest first.")


class StorylinePage(Paged):
    storylines: list[StorylineOut] = Field(description="Most recently extended first.")


class StatsOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    articles: int
    by_outlet: dict[str, int]
    by_day: dict[str, int] = Field(description="Articles per day, in the outlet's own time zone.")
    rejected: int
    rejections: list[dict[str, Any]]
    versions: int


class EntityOut(BaseModel):
    id: str = Field(description="Stable entity id, `type:key` (e.g. `person:aria santoso wirahadi`).")
    name: str = Field(description="The fullest name seen.")
    type: str = Field(description="`PERSON`, `ORG`, `PLACE` or `COUNTRY`.")
    aliases: dict[str, int] = Field(description="Every spelling seen -> mentions.")
    roles: dict[str, dict[str, str | None]] = Field(
        description='Role -> `{"first": date, "last": date}` (the days it was printed with the name).'
    )
    mentions: int
    articles: int = Field(description="Articles naming it.")
    first_seen: str | None = Field(description="Earliest article naming it (UTC).")
    last_seen: str | None = Field(description="Latest article naming it (UTC).")


class EntityPage(Paged):
    entities: list[EntityOut] = Field(description="Most mentioned first.")


class QuoteOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    speaker: str | None = Field(description="The speaker as printed.")
    speaker_entity: str | None = Field(description="The speaker's entity id, when resolved.")
    kind: str | None = Field(description="`direct` or `indirect`.")
    verb: str | None = Field(description='The speech verb ("kata", "mengatakan").')
    text: str
    source: str | None = Field(description='The relaying source ("seperti dikutip Xinhua"), if any.')
    published_utc: str | None = Field(description="The article's publication time (UTC).")
    article_id: str
    article_title: str | None


class QuotePage(Paged):
    quotes: list[QuoteOut] = Field(description="Newest first.")


class EntityDetail(EntityOut):
    mentions_by_week: list[tuple[str, int]] = Field(
        description="`[week, articles]` pairs in time order; weeks are `YYYY-Www`, Monday first (SQLite `%W`)."
    )
    quotes: list[QuoteOut] = Field(description="Its 20 newest quotations.")


class EventOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    date: str | None = Field(description="When it happened (ISO, as precise as known).")
    actor1: str | None
    actor2: str | None
    code: str = Field(description="PLOVER event type (e.g. `CONSULT`).")
    cameo: str | None = Field(description="The CAMEO root code it lines up with.")
    mode: str | None = Field(description='How ("phone call", "meeting"), if said.')
    modality: str = Field(
        "asserted", description="`asserted` (it happened) or `planned` (planned, hoped for or asked for)."
    )
    location: str | None
    evidence: str | None = Field(description="The sentence it was read from.")
    published_utc: str | None
    article_id: str
    article_title: str | None
    article_url: str | None


class EventPage(Paged):
    events: list[EventOut] = Field(description="Newest first.")


class TimelineItem(BaseModel):
    model_config = ConfigDict(extra="allow")
    kind: str = Field(description="`event` (the event fields) or `quote` (the quotation fields).")
    when: str = Field(description="The event's date, or the quotation's publication day (UTC).")
    article_id: str


class TimelinePage(Paged):
    actors: list[str]
    items: list[TimelineItem] = Field(description="Events and quotations, earliest first.")


# --- shared parameters --------------------------------------------------------------------------

Q = Annotated[
    str,
    Query(
        description='Search words (ANDed). Also "quoted phrases", OR, -excluded and prefix*.',
        max_length=1000,
    ),
]
Outlet = Annotated[str | None, Query(description="Only this outlet (e.g. `tempo`).", max_length=100)]
Since = Annotated[
    str | None, Query(description="Published at or after (ISO 8601 date or time; WIB if no offset).")
]
Until = Annotated[
    str | None, Query(description="Published before (ISO 8601 date or time; WIB if no offset).")
]


def _not_found(article_id: str, kind: str = "article") -> HTTPException:
    return HTTPException(404, f"no {kind} with id {article_id[:64]!r}")


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")]


def story_json(story: dict[str, Any]) -> dict[str, Any]:
    """A story as the API shows it (the clusterer's term vectors stay inside)."""
    return {
        "id": story["id"],
        "title": story["title"],
        "size": story["size"],
        "outlets": story["outlets"],
        "first_published": story["first_published"],
        "last_published": story["last_published"],
        "first_article": story["first_article"],
        "storyline_id": story["storyline_id"],
    }


def storyline_json(line: dict[str, Any]) -> dict[str, Any]:
    stories = line["stories"]
    return {
        "id": line["id"],
        "title": line["title"],
        "story_count": len(stories) if isinstance(stories, list) else int(stories),
        "first_published": line["first_published"],
        "last_published": line["last_published"],
    }


# --- routes ---------------------------------------------------------------------------------------


@router.get("/search", response_model=SearchPage, responses=ERRORS, summary="Full-text search")
def api_search(
    handle: Handle,
    q: Q = "",
    outlet: Outlet = None,
    since: Since = None,
    until: Until = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Hits per page.")] = 10,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Hits to skip.")] = 0,
) -> JSONResponse:
    """BM25-ranked search over titles and bodies, Indonesian-aware (stemmed) and paginated:
    follow `next_offset` until it is null."""
    start, end = parse_when(since, "since"), parse_when(until, "until")
    # one extra hit tells us whether a next page exists without counting every match
    hits = handle.search(q, outlet=outlet or None, since=start, until=end, limit=limit + 1, offset=offset)
    return _page("hits", [h.to_dict() for h in hits], limit, offset, query=q)


@router.get("/facets", response_model=FacetsOut, responses=ERRORS, summary="Match counts per outlet")
def api_facets(
    handle: Handle, q: Q = "", outlet: Outlet = None, since: Since = None, until: Until = None
) -> JSONResponse:
    """How many articles match, per outlet, and the dates they span."""
    compiled = compile_query(q)
    facets = handle.store.facets(
        compiled,
        outlet=outlet or None,
        since=parse_when(since, "since"),
        until=parse_when(until, "until"),
    )
    return JSONResponse(facets.to_dict())


@router.get(
    "/articles/{article_id}",
    response_model=ArticleOut,
    responses={404: {"description": "No article with this id."}},
    summary="One article",
)
def api_article(handle: Handle, article_id: str) -> JSONResponse:
    """The whole article as exported (`Article.to_dict()`), plus its earlier versions."""
    article = handle.get(article_id)
    if article is None:
        raise _not_found(article_id)
    return JSONResponse(article.to_dict() | {"versions": handle.store.versions(article_id)})


@router.get(
    "/articles/{article_id}/related",
    response_model=list[RelatedOut],
    responses={404: {"description": "No article with this id."}, **ERRORS},
    summary="Related news",
)
def api_related(
    handle: Handle,
    article_id: str,
    limit: Annotated[int, Query(ge=1, le=50, description="At most this many.")] = 6,
) -> JSONResponse:
    """Related news ranked by the link stage: the same story, the same storyline and shared terms,
    closer in time first. Never the article itself or its copies. (The page's own printed
    'Berita terkait' block is `related` in /api/articles/{id}.)"""
    if handle.get(article_id) is None:
        raise _not_found(article_id)
    return JSONResponse([item.to_dict() for item in linked_related(handle, article_id, limit=limit)])


@router.get("/stories", response_model=StoryPage, responses=ERRORS, summary="Stories")
def api_stories(
    handle: Handle,
    since: Since = None,
    until: Until = None,
    outlet: Annotated[
        str | None, Query(description="Only stories with an article from this outlet.", max_length=100)
    ] = None,
    min_size: Annotated[
        int, Query(ge=1, le=100_000, description="Only stories of at least this many articles.")
    ] = 1,
    limit: Limit = 20,
    offset: Offset = 0,
) -> JSONResponse:
    """Stories (the articles of every outlet about one happening), most recently active first,
    paginated: follow `next_offset` until it is null. `since`/`until` select stories active in
    that window."""
    start, end = parse_when(since, "since"), parse_when(until, "until")
    stories = handle.stories(
        since=start, until=end, outlet=outlet or None, min_size=min_size, limit=limit + 1, offset=offset
    )
    return _page("stories", [story_json(s) for s in stories], limit, offset)


@router.get(
    "/stories/{story_id}",
    response_model=StoryDetail,
    responses={404: {"description": "No story with this id."}},
    summary="One story",
)
def api_story(handle: Handle, story_id: str) -> JSONResponse:
    """A story with all its articles in time order, its outlets, time span and storyline."""
    story = handle.story(story_id)
    if story is None:
        raise _not_found(story_id, "story")
    keys = ("id", "title", "outlet", "url", "published_at", "duplicate_of")
    articles = [{k: a.get(k) for k in keys} for a in story["articles"]]
    return JSONResponse(story_json(story) | {"articles": articles})


@router.get("/storylines", response_model=StorylinePage, responses=ERRORS, summary="Storylines")
def api_storylines(
    handle: Handle,
    min_stories: Annotated[
        int, Query(ge=1, le=100_000, description="Only storylines of at least this many stories.")
    ] = 2,
    limit: Limit = 20,
    offset: Offset = 0,
) -> JSONResponse:
    """Storylines (stories about the same actors and issue over months or years), most recently
    extended first, paginated by `next_offset`."""
    lines = handle.storylines(min_stories=min_stories, limit=limit + 1, offset=offset)
    return _page("storylines", [storyline_json(line) for line in lines], limit, offset)


@router.get(
    "/storylines/{storyline_id}",
    response_model=StorylineDetail,
    responses={404: {"description": "No storyline with this id."}},
    summary="One storyline",
)
def api_storyline(handle: Handle, storyline_id: str) -> JSONResponse:
    """A storyline with its stories as a timeline, earliest first."""
    line = handle.storyline(storyline_id)
    if line is None:
        raise _not_found(storyline_id, "storyline")
    return JSONResponse(storyline_json(line) | {"stories": [story_json(s) for s in line["stories"]]})


# --- the understand stage's facts -----------------------------------------------------------------

MAX_ACTORS = 10
MAX_TIMELINE = 500
_CODE = re.compile(r"^[A-Za-z_]{1,40}$")
_DAY = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _page(key: str, items: list[dict[str, Any]], limit: int, offset: int, **extra: Any) -> JSONResponse:
    """One page of ``items`` fetched with one extra item, which tells whether a next page exists."""
    return JSONResponse(
        {
            **extra,
            "limit": limit,
            "offset": offset,
            key: items[:limit],
            "next_offset": offset + limit if len(items) > limit else None,
        }
    )


def _day(value: str | None, name: str) -> str | None:
    """An ISO date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) for the event filters; 400 if not one."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if not _DAY.match(text):
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise HTTPException(400, f"{name}: not an ISO date: {shown!r} (e.g. 2024-03-04, 2024-03 or 2024)")
    return text


def _no_entity(name: str) -> HTTPException:
    return HTTPException(404, f"no entity named {name[:64]!r}")


@router.get("/entities", response_model=EntityPage, responses=ERRORS, summary="Entities")
def api_entities(
    handle: Handle,
    type: Annotated[
        str | None, Query(description="Only `PERSON`, `ORG`, `PLACE` or `COUNTRY`.", max_length=20)
    ] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> JSONResponse:
    """People, organisations, places and countries, most mentioned first, with their aliases and
    roles; paginated by `next_offset`."""
    kind = (type or "").strip().upper() or None
    if kind is not None and kind not in ENTITY_TYPES:
        raise HTTPException(400, f"type: one of {', '.join(ENTITY_TYPES)}, not {(type or '')[:20]!r}")
    return _page("entities", handle.entities(type=kind, limit=limit + 1, offset=offset), limit, offset)


@router.get(
    "/entities/{name:path}",
    response_model=EntityDetail,
    responses={404: {"description": "No entity by this name, alias or id."}},
    summary="One entity",
)
def api_entity(handle: Handle, name: str) -> JSONResponse:
    """One entity by name, alias or id (URL-encoded): aliases with counts, roles with their first
    and last dates, articles per week and its newest quotations."""
    entity = handle.entity(name)
    if entity is None:
        raise _no_entity(name)
    return JSONResponse(entity | {"mentions_by_week": [list(w) for w in entity["mentions_by_week"]]})


@router.get(
    "/quotes",
    response_model=QuotePage,
    responses={404: {"description": "Unknown speaker."}, **ERRORS},
    summary="Quotations",
)
def api_quotes(
    handle: Handle,
    speaker: Annotated[str | None, Query(description="Name, alias or entity id.", max_length=300)] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> JSONResponse:
    """Quotations (direct and indirect), newest first, each with its article; paginated by
    `next_offset`. An unknown `speaker` is a 404."""
    speaker = (speaker or "").strip() or None
    if speaker is not None and handle.store.find_entity(speaker) is None:
        raise _no_entity(speaker)
    return _page("quotes", handle.quotes(speaker=speaker, limit=limit + 1, offset=offset), limit, offset)


@router.get("/events", response_model=EventPage, responses=ERRORS, summary="Events")
def api_events(
    handle: Handle,
    actor: Annotated[str | None, Query(description="Name or alias, on either side.", max_length=300)] = None,
    type: Annotated[str | None, Query(description="PLOVER type, e.g. `CONSULT`.", max_length=40)] = None,
    since: Annotated[str | None, Query(description="On or after this ISO date.", max_length=40)] = None,
    until: Annotated[str | None, Query(description="Before this ISO date.", max_length=40)] = None,
    modality: Annotated[
        Literal["asserted", "planned"] | None,
        Query(description="`asserted` (it happened) or `planned` (planned, hoped for or asked for)."),
    ] = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> JSONResponse:
    """Events coded in PLOVER (with the CAMEO root), newest first: who did what to whom, when, where,
    how, and the sentence it was read from; paginated by `next_offset`."""
    code = (type or "").strip() or None
    if code is not None and not _CODE.match(code):
        raise HTTPException(400, f"type: a PLOVER event type such as CONSULT, not {code[:40]!r}")
    events = handle.events(
        actor=(actor or "").strip() or None,
        type=code,
        since=_day(since, "since"),
        until=_day(until, "until"),
        modality=modality,
        limit=limit + 1,
        offset=offset,
    )
    return _page("events", events, limit, offset)


@router.get("/timeline", response_model=TimelinePage, responses=ERRORS, summary="Timeline of actors")
def api_timeline(
    handle: Handle,
    actor: Annotated[list[str], Query(description="Name, alias or id; repeat for several actors.")] = [],  # noqa: B006 - FastAPI copies the default
    limit: Annotated[int, Query(ge=1, le=MAX_TIMELINE, description="Items per page.")] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Items to skip.")] = 0,
) -> JSONResponse:
    """The events and quotations of one or more actors, earliest first (`kind` says which);
    paginated by `next_offset`."""
    actors = [a.strip()[:300] for a in actor if a.strip()]
    if not actors:
        raise HTTPException(400, "actor: give at least one actor (?actor=A&actor=B)")
    if len(actors) > MAX_ACTORS:
        raise HTTPException(400, f"actor: at most {MAX_ACTORS} actors")
    items = handle.timeline(*actors, limit=offset + limit + 1)[offset:]
    return _page("items", items, limit, offset, actors=actors)


@router.get("/stats", response_model=StatsOut, summary="Archive statistics")
def api_stats(request: Request, handle: Handle) -> JSONResponse:
    """Counts by outlet, by day (outlet's own zone), earlier versions and rejected inputs.
    Recomputed at most once a minute (it scans every row)."""
    return JSONResponse(request.app.state.stats.get(handle.store))
