"""The JSON API under ``/api/``: one function per route, each a thin call into the handle.

Adding what the understand stage will answer is one function each, same shape:

    @router.get("/articles/{article_id}/entities")   # understand: people, places, organisations
    @router.get("/articles/{article_id}/quotes")     # understand: who said what
    @router.get("/entities")                         # understand: entity search
    @router.get("/timeline")                         # understand + link: events in time order

Only routes the store can answer today are registered (per-article entities, quotes and
events already ride along in ``/api/articles/{id}``).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from warta.api import Warta
from warta.serve.deps import db_handle, parse_when
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


class SearchPage(BaseModel):
    query: str
    limit: int
    offset: int
    hits: list[Hit]
    next_offset: int | None = Field(description="Offset of the next page, or null on the last page.")


class OutletCount(BaseModel):
    outlet: str | None
    count: int


class FacetsOut(BaseModel):
    total: int = Field(description="Matches under every filter given.")
    outlets: list[OutletCount] = Field(description="Matches per outlet, ignoring the outlet filter.")
    first: str | None = Field(description="Earliest publication time among the matches (UTC).")
    last: str | None = Field(description="Latest publication time among the matches (UTC).")


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


class StoryPage(BaseModel):
    limit: int
    offset: int
    stories: list[StoryOut] = Field(description="Most recently active first.")
    next_offset: int | None = Field(description="Offset of the next page, or null on the last page.")


class StorylineOut(BaseModel):
    id: str = Field(description="Stable storyline id; fetch it at /api/storylines/{id}.")
    title: str = Field(description="The title of its first story.")
    story_count: int
    first_published: str | None = Field(description="UTC.")
    last_published: str | None = Field(description="UTC.")


class StorylineDetail(StorylineOut):
    stories: list[StoryOut] = Field(description="Its stories as a timeline, earliest first.")


class StorylinePage(BaseModel):
    limit: int
    offset: int
    storylines: list[StorylineOut] = Field(description="Most recently extended first.")
    next_offset: int | None


class StatsOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    articles: int
    by_outlet: dict[str, int]
    by_day: dict[str, int] = Field(description="Articles per day, in the outlet's own time zone.")
    rejected: int
    rejections: list[dict[str, Any]]
    versions: int


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
    return JSONResponse(
        {
            "query": q,
            "limit": limit,
            "offset": offset,
            "hits": [h.to_dict() for h in hits[:limit]],
            "next_offset": offset + limit if len(hits) > limit else None,
        }
    )


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
    return JSONResponse(
        {
            "limit": limit,
            "offset": offset,
            "stories": [story_json(s) for s in stories[:limit]],
            "next_offset": offset + limit if len(stories) > limit else None,
        }
    )


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
    return JSONResponse(
        {
            "limit": limit,
            "offset": offset,
            "storylines": [storyline_json(line) for line in lines[:limit]],
            "next_offset": offset + limit if len(lines) > limit else None,
        }
    )


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


@router.get("/stats", response_model=StatsOut, summary="Archive statistics")
def api_stats(request: Request, handle: Handle) -> JSONResponse:
    """Counts by outlet, by day (outlet's own zone), earlier versions and rejected inputs.
    Recomputed at most once a minute (it scans every row)."""
    return JSONResponse(request.app.state.stats.get(handle.store))
