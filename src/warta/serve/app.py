"""``create_app``: the FastAPI application behind ``warta serve``.

Read-only over one SQLite file: a small pool of read-only handles, no route that
writes, and no route that takes a file path. JSON under ``/api/`` (OpenAPI at
``/openapi.json``), web pages at ``/``, ``/articles/{id}``, ``/stories``, ``/stories/{id}``,
``/storylines/{id}``, ``/entities``, ``/entities/{name}`` and ``/timeline``, CSS under ``/static/``.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from warta import __version__
from warta.serve import api_routes, fact_pages, pages
from warta.serve.cache import Refreshed
from warta.serve.deps import language
from warta.serve.i18n import STRINGS
from warta.serve.pool import HandlePool, PoolTimeout
from warta.serve.safety import SecurityHeaders
from warta.store import QueryError, StoreError

__all__ = ["ENV_DB", "ENV_POOL", "app_from_environment", "create_app"]

# How `warta serve --workers N` tells each worker process what to open.
ENV_DB = "WARTA_SERVE_DB"
ENV_POOL = "WARTA_SERVE_POOL"

DESCRIPTION = """
Read-only access to a warta archive: Indonesian news pages turned into clean, searchable articles.

* **Search** (`/api/search`): Indonesian-aware full-text search (stemmed; BM25, title weighted 3x),
  paginated by `limit`/`offset` and `next_offset`. Words are ANDed; `"phrases"`, `OR`, `-excluded`
  and `prefix*` work. A malformed query is a 400 with a one-line `detail`.
* **Articles** (`/api/articles/{id}`): the export contract (`Article.to_dict()`); times are ISO 8601
  with the outlet's own offset (WIB `+07:00`, WITA `+08:00`, WIT `+09:00`).
* **Related** (`/api/articles/{id}/related`): ranked by the link stage (same story, same storyline,
  shared terms, recency), with a score each.
* **Stories** (`/api/stories`, `/api/stories/{id}`): the articles of every outlet about one happening,
  most recently active first; one story lists its articles in time order.
* **Storylines** (`/api/storylines`, `/api/storylines/{id}`): stories about the same actors and issue
  over months or years; one storyline lists its stories as a timeline.
* **Entities** (`/api/entities`, `/api/entities/{name}`): people, organisations, places and countries,
  most mentioned first; one entity (by name, alias or id, URL-encoded) with its aliases, roles with first
  and last dates, articles per week and newest quotations.
* **Quotations** (`/api/quotes?speaker=`), **events** (`/api/events?actor=&type=&since=&until=`, PLOVER
  types with CAMEO roots) and the **timeline** of one or more actors (`/api/timeline?actor=A&actor=B`):
  events and quotations in time order.
* **Facets** (`/api/facets`), **stats** (`/api/stats`).

Lists are paginated by `limit`/`offset` and `next_offset`. Unknown ids and names are a 404, bad
parameters a 400, each with a one-line `detail`.
"""


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def _one_line(text: object) -> str:
    return " ".join(str(text).split())[:300]


def _error(request: Request, status: int, detail: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": detail}, status_code=status)
    lang = language(request)
    titles = {404: STRINGS[lang]["not_found"], 503: STRINGS[lang]["busy"]}
    return pages.render(
        request,
        "error.html",
        lang,
        status_code=status,
        title=titles.get(status, STRINGS[lang]["error"]),
        message=detail,
    )


def create_app(
    db_path: str,
    *,
    pool_size: int = 4,
    pool_timeout: float = 30.0,
    now: Callable[[], datetime] | None = None,
    stats_ttl: float = 60.0,
) -> FastAPI:
    """The app over the database at ``db_path`` (opened read-only; raises ``StoreError`` if it can't be).

    ``now`` fixes the clock for "2 jam lalu" in tests; ``pool_size`` bounds open connections.
    """
    pool = HandlePool(
        db_path, size=pool_size, timeout=pool_timeout
    )  # opens the handles now: a bad path fails here

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()

    app = FastAPI(
        title="warta",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,  # Swagger UI and ReDoc load scripts from a CDN, which the CSP (rightly) blocks
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.pool = pool
    app.state.now = now or (lambda: datetime.now(UTC))
    app.state.stats = Refreshed(db_path, lambda store: store.stats(), ttl=stats_ttl)
    app.state.overview = Refreshed(db_path, lambda store: store.overview(), ttl=stats_ttl)

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, exc: QueryError) -> Response:
        return _error(request, 400, f"bad query: {_one_line(exc)}")

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, exc: RequestValidationError) -> Response:
        # FastAPI's default is a 422 with a nested list; a person wants one line
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("query", "path"))
        return _error(request, 400, _one_line(f"{where}: {first.get('msg', 'invalid')}"))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, _one_line(exc.detail))

    @app.exception_handler(PoolTimeout)
    async def busy(request: Request, exc: PoolTimeout) -> Response:
        return _error(request, 503, _one_line(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return _error(request, 500, _one_line(exc))

    app.include_router(api_routes.router)
    app.include_router(pages.router)
    app.include_router(fact_pages.router)
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
    app.add_middleware(SecurityHeaders)
    return app


def app_from_environment() -> FastAPI:
    """The app for one worker of ``warta serve --workers N`` (uvicorn calls this in each process)."""
    return create_app(os.environ[ENV_DB], pool_size=int(os.environ.get(ENV_POOL, "4")))
