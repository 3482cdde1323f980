"""The JSON API: search with pagination and errors, articles, related, facets, stats, OpenAPI."""

from __future__ import annotations

import hashlib
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.serve.serve_fixtures import ALL, BOATS, ENGLISH, FLOOD, HOSTILE

from warta.model import HIT_CLOSE, HIT_OPEN
from warta.serve.app import create_app


def test_search_returns_hits_with_marked_snippets(client: TestClient) -> None:
    r = client.get("/api/search", params={"q": "perahu karet"})
    assert r.status_code == 200
    data = r.json()
    ids = [h["id"] for h in data["hits"]]
    assert BOATS.id in ids and FLOOD.id in ids
    boats = next(h for h in data["hits"] if h["id"] == BOATS.id)
    assert f"{HIT_OPEN}perahu{HIT_CLOSE}" in boats["snippet"]
    assert boats["published_at"] == "2021-12-16T10:10:00+07:00"  # the outlet's own offset, not UTC
    assert data["next_offset"] is None


def test_search_pagination_walks_every_match_once(client: TestClient) -> None:
    total = client.get("/api/facets", params={"q": "banjir"}).json()["total"]
    assert total > 20  # the fixture needs three pages of ten
    seen: list[str] = []
    offset: int | None = 0
    pages = 0
    while offset is not None:
        data = client.get("/api/search", params={"q": "banjir", "limit": 10, "offset": offset}).json()
        assert len(data["hits"]) <= 10
        seen += [h["id"] for h in data["hits"]]
        offset = data["next_offset"]
        pages += 1
    assert pages == 3
    assert len(seen) == len(set(seen)) == total


def test_search_filters_by_outlet_and_time(client: TestClient) -> None:
    data = client.get("/api/search", params={"q": "banjir", "outlet": "tempo", "limit": 50}).json()
    assert [h["id"] for h in data["hits"]] == [FLOOD.id]
    # since/until without an offset are WIB; until is exclusive
    data = client.get(
        "/api/search", params={"q": "banjir", "since": "2021-12-16", "until": "2021-12-16T10:00", "limit": 50}
    ).json()
    assert [h["id"] for h in data["hits"]] == [FLOOD.id]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": '"jaminan keamanan'}, "unbalanced quote"),
        ({"q": ""}, "empty query"),
        ({"q": "banjir OR"}, "OR needs a word"),
        ({"q": "-banjir"}, "only excluded words"),
        ({"q": "banjir", "since": "kemarin"}, "since: not an ISO 8601"),
        ({"q": "banjir", "limit": 0}, "limit"),
        ({"q": "banjir", "limit": "sepuluh"}, "limit"),
        ({"q": "banjir", "offset": -1}, "offset"),
    ],
)
def test_malformed_search_is_400_with_one_line_detail(
    client: TestClient, params: dict[str, object], expected: str
) -> None:
    r = client.get("/api/search", params=params)
    assert r.status_code == 400
    detail = r.json()["detail"]
    assert isinstance(detail, str) and "\n" not in detail
    assert expected in detail


def test_article_by_id_and_404(client: TestClient) -> None:
    r = client.get(f"/api/articles/{FLOOD.id}")
    assert r.status_code == 200
    data = r.json()
    assert data["title"] == FLOOD.title
    assert data["reporters"] == ["Dimas Prasetyo"]
    assert data["published_at"] == "2021-12-16T09:30:00+07:00"
    assert data["versions"] == []
    r = client.get("/api/articles/0000000000000000")
    assert r.status_code == 404
    assert r.json() == {"detail": "no article with id '0000000000000000'"}


def test_related_comes_from_the_link_stage_and_excludes_the_article(client: TestClient) -> None:
    items = client.get(f"/api/articles/{FLOOD.id}/related").json()
    ids = [i["id"] for i in items]
    assert FLOOD.id not in ids
    assert {BOATS.id, ENGLISH.id} <= set(ids)  # the same story, from two other outlets
    assert len(ids) == len(set(ids))
    story = client.get(f"/api/articles/{FLOOD.id}").json()["story_id"]
    boats = next(i for i in items if i["id"] == BOATS.id)
    assert boats["story_id"] == story and boats["title"] == BOATS.title and boats["outlet"] == "kompas"
    assert boats["published_at"] == "2021-12-16T10:10:00+07:00"
    scores = [i["score"] for i in items]
    assert scores == sorted(scores, reverse=True) and all(s > 0 for s in scores)
    assert len(client.get(f"/api/articles/{FLOOD.id}/related", params={"limit": 1}).json()) == 1
    r = client.get("/api/articles/nope/related")
    assert r.status_code == 404 and r.json() == {"detail": "no article with id 'nope'"}


def test_facets_count_per_outlet(client: TestClient) -> None:
    data = client.get("/api/facets", params={"q": "sukamaju"}).json()
    counts = {o["outlet"]: o["count"] for o in data["outlets"]}
    assert counts == {"tempo": 1, "kompas": 1, "contohpost": 1}
    assert data["total"] == 3
    only = client.get("/api/facets", params={"q": "sukamaju", "outlet": "kompas"}).json()
    assert only["total"] == 1
    assert len(only["outlets"]) == 3  # outlet counts ignore the outlet filter, so one can switch


def test_stats(client: TestClient) -> None:
    data = client.get("/api/stats").json()
    assert data["articles"] == len(ALL)
    assert data["by_outlet"]["tempo"] == 1
    assert data["by_day"]["2021-12-16"] == 3  # days in the outlet's own zone (ENGLISH is WITA)
    assert ENGLISH.published_at is not None and ENGLISH.published_at.utcoffset().total_seconds() == 8 * 3600


def test_openapi_documents_the_routes(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in (
        "/api/search",
        "/api/articles/{article_id}",
        "/api/articles/{article_id}/related",
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/storylines",
        "/api/storylines/{storyline_id}",
        "/api/stats",
    ):
        assert path in paths
    search = paths["/api/search"]["get"]
    assert "BM25" in search["description"]
    assert "400" in search["responses"]
    assert {p["name"] for p in search["parameters"]} >= {"q", "outlet", "since", "until", "limit", "offset"}
    assert "/" not in paths and "/articles/{article_id}" not in paths  # HTML pages stay out of the API doc


def test_security_headers_on_every_kind_of_response(client: TestClient) -> None:
    for path in (
        "/api/stats",
        "/api/articles/nope",
        "/",
        f"/articles/{FLOOD.id}",
        "/static/style.css",
        "/nothing",
    ):
        r = client.get(path)
        csp = r.headers.get("content-security-policy", "")
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer"


def test_no_route_writes(client: TestClient, db_path: Path) -> None:
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)(f"/api/articles/{FLOOD.id}").status_code == 405
        assert getattr(client, method)("/").status_code == 405
    client.get("/api/search", params={"q": "banjir"})
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
    # and the handles themselves cannot write
    with client.app.state.pool.handle() as handle:  # type: ignore[attr-defined]
        assert handle.store.readonly
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            handle.store.db.execute("DELETE FROM articles")


def test_concurrent_requests_share_the_pool_safely(client: TestClient) -> None:
    def fetch(i: int) -> tuple[int, str]:
        if i % 2:
            r = client.get("/api/search", params={"q": "banjir", "limit": 5, "offset": i % 20})
            return r.status_code, r.json()["query"]
        r = client.get(f"/api/articles/{HOSTILE.id}")
        return r.status_code, r.json()["id"]

    with ThreadPoolExecutor(max_workers=12) as pool:
        results = list(pool.map(fetch, range(120)))
    assert all(code == 200 for code, _ in results)
    assert {v for _, v in results} == {"banjir", HOSTILE.id}


def test_more_waiting_requests_than_worker_threads_do_not_deadlock(db_path: Path) -> None:
    # One handle and 80 simultaneous requests (FastAPI has 40 worker threads): requests must
    # wait for the handle without occupying the threads its holder needs.
    app = create_app(str(db_path), pool_size=1, pool_timeout=10.0)
    with TestClient(app) as c, ThreadPoolExecutor(max_workers=80) as pool:
        codes = list(pool.map(lambda i: c.get("/", params={"q": "banjir"}).status_code, range(160)))
    assert codes == [200] * 160
