"""Hostile page text: everything renders escaped and inert, only http(s) URLs become links."""

from __future__ import annotations

from html.parser import HTMLParser

from fastapi.testclient import TestClient
from tests.serve.serve_fixtures import HOSTILE

RAW = ("<script", "<img src=x", "<svg", "<b>jahat", "<i>jahat", "</figcaption><script")


class _Elements(HTMLParser):
    """Every element and attribute the browser would build from the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []  # (tag, name, value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(tag, name, value or "") for name, value in attrs]


def _assert_inert(html: str) -> None:
    for raw in RAW:
        assert raw not in html, f"unescaped {raw!r} in the page"
    parsed = _Elements()
    parsed.feed(html)
    assert not {"script", "img", "svg", "iframe", "object", "embed", "b", "i"} & set(parsed.tags)
    assert not [a for a in parsed.attrs if a[1].startswith("on")], "an event-handler attribute leaked"
    for tag, name, value in parsed.attrs:
        if name in ("href", "src", "action"):
            # inside warta, an http(s) page, or our own empty favicon
            ok = value.startswith(("/", "http://", "https://")) or (tag == "link" and value == "data:,")
            assert ok, f"<{tag} {name}={value!r}>"


def test_hostile_article_page_is_escaped_and_inert(client: TestClient) -> None:
    r = client.get(f"/articles/{HOSTILE.id}")
    assert r.status_code == 200
    html = r.text
    _assert_inert(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Banjir palsu" in html  # shown as text, not dropped
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    # the javascript: related item, pick and source URL are text, not links
    assert "javascript:alert(1)" in html and "javascript:alert(3)" in html
    assert 'href="java' not in html
    assert "Pilihan &lt;i&gt;jahat&lt;/i&gt;" in html


def test_hostile_search_results_are_escaped_and_marks_balanced(client: TestClient) -> None:
    html = client.get("/", params={"q": "palsu"}).text
    _assert_inert(html)
    assert "&lt;script&gt;" in html
    assert html.count("<mark>") == html.count("</mark>") > 0


def test_hostile_snippet_markers_in_body_stay_balanced(client: TestClient) -> None:
    html = client.get("/", params={"q": "penanda"}).text
    assert html.count("<mark>") == html.count("</mark>")
    assert "\ue000" not in html and "\ue001" not in html


def test_hostile_outlet_in_facets_and_filter_is_escaped(client: TestClient) -> None:
    html = client.get("/", params={"q": "banjir", "outlet": "<b>jahat</b>"}).text
    _assert_inert(html)
    assert "%3Cb%3Ejahat%3C%2Fb%3E" in html  # the facet link's query is URL-encoded


def test_hostile_query_is_reflected_escaped(client: TestClient) -> None:
    r = client.get("/", params={"q": '"><script>alert(1)</script>'})
    _assert_inert(r.text)
    r = client.get("/", params={"q": "<script>alert(1)</script>", "since": "<svg onload=alert(1)>"})
    assert r.status_code == 400
    _assert_inert(r.text)


def test_api_returns_hostile_text_as_json_data(client: TestClient) -> None:
    r = client.get(f"/api/articles/{HOSTILE.id}")
    assert r.headers["content-type"].startswith("application/json")
    assert r.json()["title"] == HOSTILE.title  # data is data: the API does not alter it
