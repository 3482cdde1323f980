"""Server-rendered web pages: search (with facets), the article page, stories and storylines
(entities and timelines are in :mod:`warta.serve.fact_pages`).
No JavaScript anywhere; the story page's time axis is inline SVG built on the server.

Every template is autoescaped; page text only becomes markup through the two helpers
in :mod:`warta.serve.safety` (hit marks, http(s) links).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from warta.api import Warta
from warta.model import parse_time
from warta.serve import timefmt
from warta.serve.deps import WIB, db_handle, language, parse_when
from warta.serve.facts_view import article_entities, entity_href
from warta.serve.i18n import STRINGS
from warta.serve.related import linked_related, printed_related
from warta.serve.safety import mark_snippet, safe_href
from warta.serve.timeline import story_timeline
from warta.store import Facets, QueryError, compile_query

PAGE_SIZE = 10
STORIES_PAGE_SIZE = 20
MIN_SIZES = (1, 2, 3, 5, 10)  # the story list's size filter
DEFAULT_MIN_SIZE = 2  # a "story" of one article is just an article
MAX_PAGE = 500  # deep pages cost a BM25 sort of every match; past this, narrow the query

TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,  # everywhere, whatever the file name: page text is hostile
    undefined=StrictUndefined,  # a typo in a template fails the tests instead of rendering blank
    trim_blocks=True,
    lstrip_blocks=True,
)
TEMPLATES.filters["mark"] = mark_snippet
TEMPLATES.filters["safe_href"] = safe_href
TEMPLATES.filters["entity_href"] = entity_href

router = APIRouter(include_in_schema=False)
Handle = Annotated[Warta, Depends(db_handle)]
Lang = Annotated[str, Depends(language)]


@dataclass(slots=True)
class Clock:
    """Date helpers bound to the reader's language and one "now" per request."""

    language: str
    now: datetime

    def long(self, value: datetime | None) -> str:
        return timefmt.long_date(value, self.language) if value else STRINGS[self.language]["time_unknown"]

    def short(self, value: datetime | None) -> str:
        return timefmt.short_date(value, self.language) if value else ""

    def ago(self, value: datetime | None) -> str:
        return timefmt.relative(value, self.now, self.language) if value else ""

    def span(self, start: datetime | None, end: datetime | None) -> str:
        return timefmt.span(start, end, self.language)


def _count(lang: str) -> Callable[[int, str], str]:
    """``count(3, "n_articles")`` -> "3 berita" / "3 articles" (``key_one`` for exactly one)."""

    def count(n: int, key: str) -> str:
        strings = STRINGS[lang]
        return strings[f"{key}_one" if n == 1 else key].format(n=n)

    return count


def render(request: Request, name: str, lang: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    now: Callable[[], datetime] = request.app.state.now
    html = TEMPLATES.get_template(name).render(
        t=STRINGS[lang], lang=lang, clock=Clock(lang, now()), count=_count(lang), **context
    )
    return HTMLResponse(
        html,
        status_code=status_code,
        headers={"Vary": "Accept-Language", "Content-Language": lang},
    )


def _url(path: str, **params: Any) -> str:
    kept = {k: v for k, v in params.items() if v not in (None, "") and not (k == "page" and v == 1)}
    return path + ("?" + urlencode(kept) if kept else "")


def _local(facets: Facets) -> Facets:
    """The store ranges in UTC; show days as Indonesian readers (and the result list) count them."""
    return replace(
        facets,
        first=facets.first.astimezone(WIB) if facets.first else None,
        last=facets.last.astimezone(WIB) if facets.last else None,
    )


@router.get("/", response_class=HTMLResponse)
def search_page(
    request: Request,
    handle: Handle,
    lang: Lang,
    q: str = "",
    outlet: str = "",
    since: str = "",
    until: str = "",
    page: str = "1",
) -> HTMLResponse:
    overview: Facets = request.app.state.overview.get(handle.store)
    outlets = [o for o, _ in overview.outlets if o]
    q, outlet = q.strip()[:1000], outlet.strip()[:100]
    number = min(max(int(page), 1), MAX_PAGE) if page.isdigit() and len(page) < 7 else 1
    params = {"q": q, "outlet": outlet, "since": since, "until": until}
    context: dict[str, Any] = {
        "params": params,
        "outlets": outlets,
        "archive_size": overview.total,
        "hits": [],
        "error": None,
        "facets": _local(overview),
        "facet_links": {o: _url("/", outlet=o) for o in outlets},
        "page": number,
        "prev_url": None,
        "next_url": None,
        "all_outlets_url": "/",
    }
    if not q:
        return render(request, "search.html", lang, **context)
    try:
        compiled = compile_query(q)
        start = parse_when(since, STRINGS[lang]["since"])
        end = parse_when(
            until, STRINGS[lang]["until"], end_of_day=True
        )  # the form's "until" includes the day
    except QueryError as exc:
        context["error"] = f"{STRINGS[lang]['bad_query']}: {exc}"
        return render(request, "search.html", lang, status_code=400, **context)
    except HTTPException as exc:
        context["error"] = str(exc.detail)
        return render(request, "search.html", lang, status_code=400, **context)
    hits = handle.store.search(
        compiled,
        outlet=outlet or None,
        since=start,
        until=end,
        limit=PAGE_SIZE + 1,
        offset=(number - 1) * PAGE_SIZE,
    )
    facets = handle.store.facets(compiled, outlet=outlet or None, since=start, until=end)
    context.update(
        hits=hits[:PAGE_SIZE],
        facets=_local(facets),
        facet_links={o: _url("/", **(params | {"outlet": o})) for o, _ in facets.outlets if o},
        prev_url=_url("/", **params, page=number - 1) if number > 1 else None,
        next_url=_url("/", **params, page=number + 1)
        if len(hits) > PAGE_SIZE and number < MAX_PAGE
        else None,
        all_outlets_url=_url("/", **(params | {"outlet": ""})),
    )
    return render(request, "search.html", lang, **context)


def _not_found(request: Request, lang: str, kind: str = "") -> HTMLResponse:
    key = f"{kind}_not_found" if kind else "not_found"
    return render(
        request,
        "error.html",
        lang,
        status_code=404,
        title=STRINGS[lang][key],
        message=STRINGS[lang][f"{key}_text"],
    )


def _wib(value: str | None) -> datetime | None:
    when = parse_time(value)
    return when.astimezone(WIB) if when else None


@dataclass(slots=True)
class StoryView:
    """A story row as the pages show it: times in WIB, outlets busiest first."""

    id: str
    title: str
    size: int
    outlets: list[tuple[str, int]]
    start: datetime | None
    end: datetime | None
    storyline_id: str | None


def _story_view(story: dict[str, Any], lang: str) -> StoryView:
    unknown = STRINGS[lang]["unknown_outlet"]
    outlets = sorted(story["outlets"].items(), key=lambda kv: (-kv[1], kv[0]))
    return StoryView(
        id=story["id"],
        title=story["title"] or "",
        size=int(story["size"]),
        outlets=[(unknown if o == "(unknown)" else o, int(n)) for o, n in outlets],
        start=_wib(story["first_published"]),
        end=_wib(story["last_published"]),
        storyline_id=story["storyline_id"],
    )


def _storyline_of(handle: Warta, storyline_id: str | None) -> dict[str, Any] | None:
    """The storyline, only when it holds more than one story (else it is just the story)."""
    line = handle.storyline(storyline_id) if storyline_id else None
    return line if line and len(line["stories"]) > 1 else None


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, handle: Handle, lang: Lang, article_id: str) -> HTMLResponse:
    article = handle.get(article_id)
    if article is None:
        return _not_found(request, lang)
    paragraphs = article.paragraphs
    # Portal style "Jakarta - ..." lead, unless the extractor left the dateline in the body.
    dateline = article.dateline
    if dateline and paragraphs and paragraphs[0].casefold().startswith(dateline.casefold()):
        dateline = None
    story = handle.store.story(article.story_id) if article.story_id else None
    return render(
        request,
        "article.html",
        lang,
        article=article,
        paragraphs=paragraphs,
        dateline=dateline,
        related=linked_related(handle, article.id),
        printed=printed_related(handle, article),
        story=_story_view(story, lang) if story else None,
        storyline=_storyline_of(handle, article.storyline_id),
        search_url=_url("/", outlet=article.outlet or ""),
        people=article_entities(article.entities),
    )


@router.get("/stories", response_class=HTMLResponse)
def stories_page(
    request: Request, handle: Handle, lang: Lang, min_size: str = "", page: str = "1"
) -> HTMLResponse:
    size = int(min_size) if min_size.isdigit() and len(min_size) < 7 else DEFAULT_MIN_SIZE
    size = max(size, 1)
    number = min(max(int(page), 1), MAX_PAGE) if page.isdigit() and len(page) < 7 else 1
    stories = handle.stories(
        min_size=size, limit=STORIES_PAGE_SIZE + 1, offset=(number - 1) * STORIES_PAGE_SIZE
    )
    params = {"min_size": size if size != DEFAULT_MIN_SIZE else ""}
    return render(
        request,
        "stories.html",
        lang,
        stories=[_story_view(s, lang) for s in stories[:STORIES_PAGE_SIZE]],
        min_size=size,
        sizes=sorted({*MIN_SIZES, size}),
        page=number,
        prev_url=_url("/stories", **params, page=number - 1) if number > 1 else None,
        next_url=_url("/stories", **params, page=number + 1)
        if len(stories) > STORIES_PAGE_SIZE and number < MAX_PAGE
        else None,
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, handle: Handle, lang: Lang, story_id: str) -> HTMLResponse:
    story = handle.story(story_id)
    if story is None:
        return _not_found(request, lang, "story")
    unknown = STRINGS[lang]["unknown_outlet"]
    articles = [
        {
            "id": a["id"],
            "title": a.get("title") or "",
            "outlet": a.get("outlet"),
            "published_at": parse_time(a.get("published_at")),
            "duplicate_of": a.get("duplicate_of"),
        }
        for a in story["articles"]
    ]
    return render(
        request,
        "story.html",
        lang,
        story=_story_view(story, lang),
        articles=articles,
        timeline=story_timeline(story["articles"], lang, WIB, unknown),
        storyline=_storyline_of(handle, story["storyline_id"]),
    )


@router.get("/storylines/{storyline_id}", response_class=HTMLResponse)
def storyline_page(request: Request, handle: Handle, lang: Lang, storyline_id: str) -> HTMLResponse:
    line = handle.storyline(storyline_id)
    if line is None:
        return _not_found(request, lang, "storyline")
    stories = [_story_view(s, lang) for s in line["stories"]]
    return render(
        request,
        "storyline.html",
        lang,
        storyline=line,
        stories=stories,
        start=_wib(line["first_published"]),
        end=_wib(line["last_published"]),
    )
