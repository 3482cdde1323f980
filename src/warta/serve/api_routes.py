"""The JSON API under ``/api/``: one function per route, each a thin call into the store.

Adding what the later stages will answer is one function each, same shape:

    @router.get("/articles/{article_id}/entities")   # understand: people, places, organisations
    @router.get("/articles/{article_id}/quotes")     # understand: who said what
    @router.get("/articles/{article_id}/events")     # understand: what happened, when
    @router.get("/stories/{story_id}")               # link: the articles of one story
    @router.get("/storylines/{storyline_id}")        # link: stories over weeks
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
from warta.serve.related import related_articles
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
    title: str
    origin: str = Field(description="`page`: printed on the article's page; `search`: found in the archive.")
    article_id: str | None = Field(description="Set when the archive holds the related article.")
    url: str | None
    outlet: str | None
    summary: str | None
    age: str | None = Field(description="The age as printed, e.g. '23 menit lalu'.")
    published_at: str | None


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


def _not_found(article_id: str) -> HTTPException:
    return HTTPException(404, f"no article with id {article_id[:64]!r}")


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
    responses={404: {"description": "No article with this id."}},
    summary="Related news",
)
def api_related(
    handle: Handle,
    article_id: str,
    limit: Annotated[
        int, Query(ge=1, le=50, description="At most this many (printed entries are all kept).")
    ] = 6,
) -> JSONResponse:
    """Related news: the page's own printed block first, then the archive's best matches for the title."""
    article = handle.get(article_id)
    if article is None:
        raise _not_found(article_id)
    return JSONResponse([r.to_dict() for r in related_articles(handle, article, limit=limit)])


@router.get("/stats", response_model=StatsOut, summary="Archive statistics")
def api_stats(request: Request, handle: Handle) -> JSONResponse:
    """Counts by outlet, by day (outlet's own zone), earlier versions and rejected inputs.
    Recomputed at most once a minute (it scans every row)."""
    return JSONResponse(request.app.state.stats.get(handle.store))
