"""The web pages: search with facets and pagination, the article page, languages, errors."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from tests.serve.serve_fixtures import BOATS, ENGLISH, FERTILISER, FLOOD

EN = {"Accept-Language": "en-GB,en;q=0.9"}
ID = {"Accept-Language": "id-ID,id;q=0.9,en;q=0.5"}


def test_home_shows_form_and_archive_facets(client: TestClient) -> None:
    r = client.get("/", headers=ID)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert '<form class="search" method="get" action="/"' in r.text
    assert "berita dalam arsip" in r.text
    assert 'href="/?outlet=tempo"' in r.text  # outlet facets link to a filtered search


def test_search_page_marks_hits_after_escaping(client: TestClient) -> None:
    r = client.get("/", params={"q": "pupuk"}, headers=ID)
    assert r.status_code == 200
    assert f'href="/articles/{FERTILISER.id}"' in r.text
    assert "<mark>pupuk</mark>" in r.text
    assert "\ue000" not in r.text and "\ue001" not in r.text
    assert "<strong>1</strong> hasil" in r.text


def test_search_page_paginates_and_facets_by_outlet(client: TestClient) -> None:
    first = client.get("/", params={"q": "banjir"}).text
    assert len(re.findall(r'class="hit"', first)) == 10
    assert 'rel="next" href="/?q=banjir&amp;page=2"' in first
    assert 'rel="prev"' not in first
    third = client.get("/", params={"q": "banjir", "page": "3"}).text
    assert 'rel="next"' not in third and 'rel="prev" href="/?q=banjir&amp;page=2"' in third
    assert 'href="/?q=banjir&amp;outlet=kompas"' in first
    only = client.get("/", params={"q": "banjir", "outlet": "kompas"}).text
    assert re.findall(r'href="/articles/(\w+)"', only) == [BOATS.id]
    assert 'class="current"' in only


def test_search_page_date_range_is_in_wib(client: TestClient) -> None:
    # the earliest "banjir" match is 1 Dec 06:00 WIB, which is still 30 Nov in UTC
    page = client.get("/", params={"q": "banjir"}, headers=ID).text
    assert '<p class="range">1 Des 2021 – 16 Des 2021</p>' in page


def test_search_page_until_date_includes_the_day(client: TestClient) -> None:
    page = client.get("/", params={"q": "sukamaju", "since": "2021-12-16", "until": "2021-12-16"}).text
    ids = set(re.findall(r'href="/articles/(\w+)"', page))
    assert {FLOOD.id, BOATS.id, ENGLISH.id} <= ids


def test_search_page_bad_query_is_400_with_message(client: TestClient) -> None:
    r = client.get("/", params={"q": '"setengah'}, headers=ID)
    assert r.status_code == 400
    assert 'role="alert"' in r.text and "Kueri tidak valid" in r.text
    r = client.get("/", params={"q": "banjir", "since": "bukan-tanggal"}, headers=EN)
    assert r.status_code == 400
    assert "Since: not an ISO 8601 date" in r.text


def test_search_page_survives_odd_page_numbers(client: TestClient) -> None:
    for page in ("0", "-3", "x", "9" * 5000):
        assert client.get("/", params={"q": "banjir", "page": page}).status_code == 200


def test_article_page_in_indonesian(client: TestClient) -> None:
    r = client.get(f"/articles/{FLOOD.id}", headers=ID)
    assert r.status_code == 200
    html = r.text
    assert '<html lang="id">' in html
    assert f"<h1>{FLOOD.title}</h1>" in html
    assert "Dimas Prasetyo" in html and "Sari Kumalasari" in html
    assert "Kamis, 16 Desember 2021 09:30 WIB" in html
    assert "2 jam lalu" in html  # the test clock is 11:30 WIB
    assert "Warga menyeberangi jalan desa" in html and "Foto: TEMPO/Andi Saputra" in html
    assert "340 warga mengungsi" in html
    assert html.count("<p>") >= 3  # one per paragraph
    related, printed = html.split("Berita terkait", 1)[1].split("Dari halaman asli", 1)
    # the link stage's related news: the same story from two other outlets, never the article itself
    assert f'href="/articles/{BOATS.id}"' in related and f'href="/articles/{ENGLISH.id}"' in related
    assert "Jembatan gantung" not in related
    assert f'href="/articles/{FLOOD.id}"' not in related
    assert "1 jam lalu" in related  # BOATS, 10:10 WIB, against the test clock's 11:30
    # the page's own printed block, second and apart; an entry we hold links inside warta
    assert f'href="/articles/{BOATS.id}"' in printed
    assert "Jembatan gantung Desa Cempaka" in printed
    assert f'href="/articles/{FLOOD.id}"' not in printed
    assert 'class="story-link" href="/stories/' in html and "3 berita" in html
    assert r.headers["content-language"] == "id" and "Accept-Language" in r.headers["vary"]


def test_article_page_in_english(client: TestClient) -> None:
    html = client.get(f"/articles/{FLOOD.id}", headers=EN).text
    assert '<html lang="en">' in html
    assert "Thursday, 16 December 2021 09:30 WIB" in html
    assert "2 hours ago" in html
    assert "Related news" in html and "Berita terkait" not in html
    assert "From the original page" in html and "This story" in html


def test_article_page_keeps_the_outlets_own_zone(client: TestClient) -> None:
    html = client.get(f"/articles/{ENGLISH.id}", headers=ID).text
    assert "Kamis, 16 Desember 2021 12:00 WITA" in html  # not converted to WIB
    assert "baru saja" in html or "menit lalu" in html


def test_unknown_article_is_a_404_page(client: TestClient) -> None:
    r = client.get("/articles/tidak-ada", headers=ID)
    assert r.status_code == 404
    assert "Berita tidak ditemukan" in r.text
    assert r.headers["content-type"].startswith("text/html")


def test_stylesheet_is_served(client: TestClient) -> None:
    r = client.get("/static/style.css")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/css")
    assert "mark" in r.text
    assert client.get("/static/../app.py").status_code == 404
