"""Stories, storylines and link-stage related news: the JSON API and the web pages, over an
archive built by ingesting JSON-lines files (tests/serve/story_fixtures.py)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.serve.story_fixtures import FILES, LinkedArchive

ID = {"Accept-Language": "id-ID,id;q=0.9"}
EN = {"Accept-Language": "en-US,en;q=0.9"}
STORY_COUNT = 8  # flood (2 articles), pact x2, quake (2) + anniversary, fisheries, kites, chilli
ARTICLE_COUNT = sum(len(rows) for rows in FILES.values())


def _story_of(client: TestClient, article_id: str) -> str:
    story_id = client.get(f"/api/articles/{article_id}").json()["story_id"]
    assert story_id, "ingest should have linked every article into a story"
    return str(story_id)


def _storyline_of(client: TestClient, article_id: str) -> str:
    return str(client.get(f"/api/stories/{_story_of(client, article_id)}").json()["storyline_id"])


def _walk(client: TestClient, path: str, key: str, **params: Any) -> tuple[list[dict[str, Any]], int]:
    items: list[dict[str, Any]] = []
    offset: int | None = 0
    pages = 0
    while offset is not None:
        data = client.get(path, params=params | {"offset": offset}).json()
        assert data["offset"] == offset and len(data[key]) <= data["limit"]
        items += data[key]
        offset = data["next_offset"]
        pages += 1
    return items, pages


# --- JSON API ----------------------------------------------------------------------------------


def test_api_stories_paginate_every_story_once_most_recent_first(linked_client: TestClient) -> None:
    stories, pages = _walk(linked_client, "/api/stories", "stories", limit=3)
    assert pages == 3  # 8 stories in pages of 3
    assert len(stories) == len({s["id"] for s in stories}) == STORY_COUNT
    assert sum(s["size"] for s in stories) == ARTICLE_COUNT
    lasts = [s["last_published"] for s in stories]
    assert lasts == sorted(lasts, reverse=True)
    assert set(stories[0]) == {
        "id",
        "title",
        "size",
        "outlets",
        "first_published",
        "last_published",
        "first_article",
        "storyline_id",
    }  # the clusterer's term vectors stay inside


def test_api_stories_filters(linked_client: TestClient, linked: LinkedArchive) -> None:
    big = linked_client.get("/api/stories", params={"min_size": 2}).json()["stories"]
    assert sorted(s["size"] for s in big) == [2, 2]
    flood = _story_of(linked_client, linked.ids["banjir-a"])
    assert flood in {s["id"] for s in big}
    kompas = linked_client.get("/api/stories", params={"outlet": "kompas"}).json()["stories"]
    assert {s["id"] for s in kompas} == {flood, _story_of(linked_client, linked.ids["gempa-c"])}
    window = linked_client.get("/api/stories", params={"since": "2024-03-05", "until": "2024-03-06"}).json()
    assert {s["title"] for s in window["stories"]} == {
        "Banjir bandang Kali Merapu rendam Desa Watugede",
        "Harga cabai rawit turun di Pasar Sentosa",
    }


def test_api_story_lists_its_articles_in_time_order(linked_client: TestClient, linked: LinkedArchive) -> None:
    story_id = _story_of(linked_client, linked.ids["banjir-b"])
    data = linked_client.get(f"/api/stories/{story_id}").json()
    assert [a["id"] for a in data["articles"]] == [linked.ids["banjir-a"], linked.ids["banjir-b"]]
    assert data["articles"][1]["published_at"] == "2024-03-05T13:30:00+07:00"
    assert data["articles"][0]["outlet"] == "tempo" and data["articles"][0]["duplicate_of"] is None
    assert data["size"] == 2 and data["outlets"] == {"tempo": 1, "kompas": 1}
    assert data["first_published"] == "2024-03-05T01:00:00+00:00"  # UTC
    assert data["last_published"] == "2024-03-05T06:30:00+00:00"
    assert data["storyline_id"]


def test_api_storylines_and_one_storyline_as_a_timeline(
    linked_client: TestClient, linked: LinkedArchive
) -> None:
    lines, pages = _walk(linked_client, "/api/storylines", "storylines", limit=1)
    assert pages == 2 and all(line["story_count"] == 2 for line in lines)
    pact = _storyline_of(linked_client, linked.ids["pakta-a"])
    assert pact == _storyline_of(linked_client, linked.ids["pakta-b"])
    assert pact in {line["id"] for line in lines}
    singles = linked_client.get("/api/storylines", params={"min_stories": 1, "limit": 100}).json()
    assert len(singles["storylines"]) > len(lines) and singles["next_offset"] is None

    data = linked_client.get(f"/api/storylines/{pact}").json()
    assert data["story_count"] == 2
    firsts = [s["first_article"] for s in data["stories"]]
    assert firsts == [linked.ids["pakta-a"], linked.ids["pakta-b"]]  # earliest first
    assert data["stories"][0]["first_published"] < data["stories"][1]["first_published"]
    assert data["first_published"].startswith("2022-05-10") and data["last_published"].startswith(
        "2024-05-14"
    )


def test_api_related_ranks_the_storyline_sibling_first(
    linked_client: TestClient, linked: LinkedArchive
) -> None:
    target = linked.ids["pakta-b"]
    items = linked_client.get(f"/api/articles/{target}/related").json()
    assert items[0]["id"] == linked.ids["pakta-a"]
    assert target not in [i["id"] for i in items]
    assert linked.ids["pakta-ikan"] in [i["id"] for i in items]  # shares words, ranks lower
    first = items[0]
    assert first["title"] == FILES["senin.jsonl"][2]["title"] and first["outlet"] == "antara"
    assert first["published_at"] == "2022-05-10T10:00:00+07:00"
    assert first["story_id"] == _story_of(linked_client, linked.ids["pakta-a"])
    assert first["score"] > items[-1]["score"]
    assert linked_client.get(f"/api/articles/{linked.ids['layang']}/related").json() == []


@pytest.mark.parametrize(
    ("path", "detail"),
    [
        ("/api/stories/tidak-ada", "no story with id 'tidak-ada'"),
        ("/api/storylines/tidak-ada", "no storyline with id 'tidak-ada'"),
        ("/api/articles/tidak-ada/related", "no article with id 'tidak-ada'"),
    ],
)
def test_api_unknown_ids_are_404_with_one_line(linked_client: TestClient, path: str, detail: str) -> None:
    r = linked_client.get(path)
    assert r.status_code == 404 and r.json() == {"detail": detail}


@pytest.mark.parametrize(
    ("path", "params", "expected"),
    [
        ("/api/stories", {"min_size": 0}, "min_size"),
        ("/api/stories", {"limit": 1000}, "limit"),
        ("/api/stories", {"since": "kemarin"}, "since: not an ISO 8601"),
        ("/api/storylines", {"offset": -1}, "offset"),
        ("/api/storylines", {"min_stories": "dua"}, "min_stories"),
    ],
)
def test_api_bad_parameters_are_400(
    linked_client: TestClient, path: str, params: dict[str, object], expected: str
) -> None:
    r = linked_client.get(path, params=params)
    assert r.status_code == 400
    detail = r.json()["detail"]
    assert "\n" not in detail and expected in detail


def test_openapi_describes_story_routes(linked_client: TestClient) -> None:
    paths = linked_client.get("/openapi.json").json()["paths"]
    stories = paths["/api/stories"]["get"]
    assert {p["name"] for p in stories["parameters"]} == {
        "since",
        "until",
        "outlet",
        "min_size",
        "limit",
        "offset",
    }
    assert "next_offset" in stories["description"]
    assert "404" in paths["/api/stories/{story_id}"]["get"]["responses"]
    assert "404" in paths["/api/storylines/{storyline_id}"]["get"]["responses"]
    assert "/stories" not in paths and "/stories/{story_id}" not in paths  # pages stay out


# --- web pages -----------------------------------------------------------------------------------


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(tag, name, value or "") for name, value in attrs]

    handle_startendtag = handle_starttag


def _elements(html: str) -> _Elements:
    parsed = _Elements()
    parsed.feed(html)
    return parsed


def test_story_page_shows_both_articles_on_a_time_axis(
    linked_client: TestClient, linked: LinkedArchive
) -> None:
    story_id = _story_of(linked_client, linked.ids["banjir-a"])
    r = linked_client.get(f"/stories/{story_id}", headers=ID)
    assert r.status_code == 200
    html = r.text
    assert "<h1>Banjir bandang Kali Merapu rendam Desa Watugede</h1>" in html
    assert "Ratusan warga Watugede mengungsi akibat banjir bandang Kali Merapu" in html
    for key in ("banjir-a", "banjir-b"):
        assert html.count(f'href="/articles/{linked.ids[key]}"') == 2  # a dot and a list entry
    assert "2 berita" in html and "2 media" in html
    assert "5 Mar 2024, 08:00–13:30 WIB" in html
    svg = html[html.index("<svg") : html.index("</svg>")]
    parsed = _elements(svg)
    assert parsed.tags.count("svg") == 1 and parsed.tags.count("circle") == 2
    rows = re.findall(r'fill="#b3261e">([^<]+)</text>', svg)
    assert rows == ["tempo", "kompas"]  # one row per outlet, first to report on top
    ys = [float(v) for t, n, v in parsed.attrs if t == "circle" and n == "cy"]
    xs = [float(v) for t, n, v in parsed.attrs if t == "circle" and n == "cx"]
    assert ys[0] != ys[1] and xs[0] < xs[1]  # two rows; the earlier article further left
    assert not [a for a in _elements(html).attrs if a[1] == "style"]  # the CSP allows no style attributes
    assert "<script" not in html


def test_story_page_links_its_storyline_when_it_has_more_than_one_story(
    linked_client: TestClient, linked: LinkedArchive
) -> None:
    pact = _storyline_of(linked_client, linked.ids["pakta-a"])
    html = linked_client.get(f"/stories/{_story_of(linked_client, linked.ids['pakta-a'])}", headers=ID).text
    assert f'href="/storylines/{pact}"' in html and "2 cerita" in html
    html = linked_client.get(f"/stories/{_story_of(linked_client, linked.ids['banjir-a'])}", headers=ID).text
    assert 'href="/storylines/' not in html  # a storyline of one story is just the story


def test_stories_page_lists_recent_stories_with_a_size_filter(
    linked_client: TestClient, linked: LinkedArchive
) -> None:
    html = linked_client.get("/stories", headers=ID).text
    flood = _story_of(linked_client, linked.ids["banjir-a"])
    quake = _story_of(linked_client, linked.ids["gempa-a"])
    listed = re.findall(r'class="story-title" href="/stories/(\w+)"', html)
    assert listed == [flood, quake]  # size 2 by default; the most recent first
    assert '<option value="2" selected>2 berita</option>' in html
    assert "tempo" in html and "kompas" in html
    assert "5 Mar 2024, 08:00–13:30 WIB" in html
    everything = linked_client.get("/stories", params={"min_size": "1"}, headers=EN).text
    assert len(re.findall(r'class="story-title"', everything)) == STORY_COUNT
    assert "1 article" in everything and "2 articles" in everything
    none = linked_client.get("/stories", params={"min_size": "5"}, headers=ID).text
    assert "Belum ada cerita dengan ukuran ini." in none
    assert linked_client.get("/stories", params={"min_size": "x", "page": "-1"}).status_code == 200


def test_storyline_page_lists_its_stories_in_time_order(
    linked_client: TestClient, linked: LinkedArchive
) -> None:
    pact = _storyline_of(linked_client, linked.ids["pakta-b"])
    html = linked_client.get(f"/storylines/{pact}", headers=ID).text
    stories = re.findall(r'class="story-title" href="/stories/(\w+)"', html)
    assert stories == [
        _story_of(linked_client, linked.ids["pakta-a"]),
        _story_of(linked_client, linked.ids["pakta-b"]),
    ]
    assert html.index("10 Mei 2022") < html.index("14 Mei 2024")
    assert "2 cerita" in html and "10 Mei 2022 – 14 Mei 2024" in html
    assert "Bagas Wiranata dan Elena Sorvik tinjau dua tahun pakta dagang" in html


def test_article_page_related_from_the_link_stage(linked_client: TestClient, linked: LinkedArchive) -> None:
    target = linked.ids["pakta-b"]
    html = linked_client.get(f"/articles/{target}", headers=ID).text
    related = html.split('id="related-title"', 1)[1].split("</section>", 1)[0]
    linked_ids = re.findall(r'href="/articles/(\w+)"', related)
    assert linked_ids[0] == linked.ids["pakta-a"]  # the storyline sibling first
    assert target not in linked_ids and linked.ids["pakta-ikan"] in linked_ids
    assert "2 tahun lalu" in related and "antara" in related
    assert f'href="/stories/{_story_of(linked_client, target)}"' in html
    assert f'href="/storylines/{_storyline_of(linked_client, target)}"' in html
    older = linked_client.get(f"/articles/{linked.ids['pakta-a']}", headers=ID).text
    assert "2 jam lalu" in older.split('id="related-title"', 1)[1]  # the review, two hours before "now"
    lonely = linked_client.get(f"/articles/{linked.ids['layang']}", headers=ID).text
    assert 'id="related-title"' not in lonely and "Berita terkait" not in lonely


def test_unknown_story_and_storyline_pages_are_404(linked_client: TestClient) -> None:
    r = linked_client.get("/stories/tidak-ada", headers=ID)
    assert r.status_code == 404 and "Cerita tidak ditemukan" in r.text
    r = linked_client.get("/storylines/tidak-ada", headers=EN)
    assert r.status_code == 404 and "Storyline not found" in r.text
    assert r.headers["content-type"].startswith("text/html")


def test_nav_links_on_every_page(linked_client: TestClient) -> None:
    for path, lang, words in (("/", ID, ("Cari", "Cerita")), ("/stories", EN, ("Search", "Stories"))):
        html = linked_client.get(path, headers=lang).text
        nav = html.split('<nav class="nav"', 1)[1].split("</nav>", 1)[0]
        assert f'<a href="/">{words[0]}</a>' in nav and f'<a href="/stories">{words[1]}</a>' in nav


# --- hostile text on the new pages -------------------------------------------------------------

SVG_TAGS = {"svg", "title", "g", "line", "text", "a", "circle"}
RAW = ("<script", "<img src=x", "<svg onload", "<b>jahat")


def _assert_inert(html: str, svg_allowed: bool) -> None:
    for raw in RAW:
        assert raw not in html, f"unescaped {raw!r} in the page"
    parsed = _elements(html)
    assert not {"script", "img", "iframe", "object", "embed", "b"} & set(parsed.tags)
    assert parsed.tags.count("svg") == (1 if svg_allowed else 0)
    assert not [a for a in parsed.attrs if a[1].startswith("on")], "an event-handler attribute leaked"
    for tag, name, value in parsed.attrs:
        if name in ("href", "src", "action"):
            assert value.startswith(("/", "http://", "https://")) or value == "data:,", (tag, name, value)


def test_hostile_titles_and_outlets_are_escaped_on_story_pages(
    linked_client: TestClient, linked: LinkedArchive
) -> None:
    quake = _story_of(linked_client, linked.ids["gempa-a"])
    html = linked_client.get(f"/stories/{quake}").text
    _assert_inert(html, svg_allowed=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Gempa Lembah Sunyi" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert set(_elements(svg).tags) <= SVG_TAGS
    assert "&lt;b&gt;jahat&lt;/b&gt;" in svg  # the outlet's row, as text

    line = _storyline_of(linked_client, linked.ids["gempa-c"])
    html = linked_client.get(f"/storylines/{line}").text
    _assert_inert(html, svg_allowed=False)
    assert "&lt;svg onload=alert(3)&gt; Setahun gempa" in html

    for page in ("/stories?min_size=1", f"/articles/{linked.ids['gempa-c']}"):
        html = linked_client.get(page).text
        _assert_inert(html, svg_allowed=False)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_hostile_text_is_data_in_the_api(linked_client: TestClient, linked: LinkedArchive) -> None:
    quake = _story_of(linked_client, linked.ids["gempa-a"])
    data = linked_client.get(f"/api/stories/{quake}").json()
    assert data["title"].startswith("<script>alert(1)</script>")
    assert data["outlets"] == {"<b>jahat</b>": 2}
