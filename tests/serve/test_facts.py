"""Entities, quotations, events and timelines: the JSON API, the pages and their pure helpers,
over an archive built by ingesting JSON-lines files (tests/serve/fact_fixtures.py)."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from tests.serve.fact_fixtures import CRITIC, EVIL, EVIL_ID, FactArchive

from warta.serve.facts_view import article_entities, day_label, entity_href, timeline_rows
from warta.serve.weekchart import week_chart, week_start

ID = {"Accept-Language": "id-ID,id;q=0.9"}
EN = {"Accept-Language": "en-US,en;q=0.9"}
BAGAS = "person:bagas wiranata"


def _walk(client: TestClient, path: str, key: str, **params: Any) -> tuple[list[dict[str, Any]], int]:
    items: list[dict[str, Any]] = []
    offset: int | None = 0
    pages = 0
    while offset is not None:
        r = client.get(path, params=params | {"offset": offset})
        assert r.status_code == 200, r.text
        data = r.json()
        assert data["offset"] == offset and len(data[key]) <= data["limit"]
        items += data[key]
        offset = data["next_offset"]
        pages += 1
    return items, pages


class _Page(HTMLParser):
    """Elements, attributes and the text under chosen classes, as a browser would build them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []
        self.rects: list[dict[str, str]] = []
        self.times: list[str] = []
        self.items: list[str] = []  # each timeline item's classes

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = {name: value or "" for name, value in attrs}
        self.attrs += [(tag, name, value) for name, value in found.items()]
        if tag == "rect":
            self.rects.append(found)
        if tag == "time" and "datetime" in found:
            self.times.append(found["datetime"])
        if tag == "li" and "vt-item" in found.get("class", ""):
            self.items.append(found["class"])


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def _assert_inert(html: str) -> None:
    for raw in ("<script", "<img", "<b>", "<i>", "<svg onload"):
        assert raw not in html, f"unescaped {raw!r} in the page"
    page = _parse(html)
    assert not {"script", "img", "iframe", "object", "embed", "b", "i"} & set(page.tags)
    assert not [a for a in page.attrs if a[1].startswith("on")], "an event-handler attribute leaked"
    for tag, name, value in page.attrs:
        if name in ("href", "src", "action"):
            ok = value.startswith(("/", "http://", "https://")) or (tag == "link" and value == "data:,")
            assert ok, f"<{tag} {name}={value!r}>"


# --- JSON API ----------------------------------------------------------------------------------


def test_api_entities_paginate_most_mentioned_first(facts_client: TestClient) -> None:
    entities, pages = _walk(facts_client, "/api/entities", "entities", limit=4)
    assert pages == 3  # 11 entities in pages of 4
    assert len(entities) == len({e["id"] for e in entities}) == 11
    mentions = [e["mentions"] for e in entities]
    assert mentions == sorted(mentions, reverse=True)
    assert entities[0]["id"] == BAGAS and entities[0]["mentions"] == 7
    assert set(entities[0]) == {
        "id",
        "name",
        "type",
        "aliases",
        "roles",
        "mentions",
        "articles",
        "first_seen",
        "last_seen",
    }


def test_api_entities_type_filter_and_bad_type(facts_client: TestClient) -> None:
    people = facts_client.get("/api/entities", params={"type": "person", "limit": 100}).json()["entities"]
    assert {e["type"] for e in people} == {"PERSON"}
    assert {e["name"] for e in people} == {
        "Bagas Wiranata",
        "Elena Sorvik",
        "Marko Teller",
        "Dimas Prakoso",
        EVIL,
    }
    r = facts_client.get("/api/entities", params={"type": "planet"})
    assert r.status_code == 400
    assert r.json()["detail"].startswith("type: one of PERSON") and "\n" not in r.json()["detail"]


@pytest.mark.parametrize("name", ["Bagas Wiranata", "bagas", BAGAS])
def test_api_entity_by_name_alias_or_id(facts_client: TestClient, name: str) -> None:
    r = facts_client.get("/api/entities/" + quote(name, safe=""))
    assert r.status_code == 200, r.text
    entity = r.json()
    assert entity["id"] == BAGAS and entity["type"] == "PERSON"
    assert entity["aliases"] == {"Bagas Wiranata": 5, "Bagas": 2}
    assert entity["roles"] == {
        "Presiden Indonesia": {"first": "2024-03-04", "last": "2024-04-02"},
        "Presiden": {"first": "2024-03-14", "last": "2024-03-14"},
    }
    assert entity["mentions_by_week"] == [["2024-W10", 1], ["2024-W11", 2], ["2024-W14", 1]]
    assert [q["text"] for q in entity["quotes"]] == [
        "Petani kopi harus menikmati harga yang adil",
        "Pintu kami terbuka untuk investor Norwegia",
        "Kami sepakat memperluas perdagangan kopi dan kakao",
    ]


def test_api_entity_with_a_slash_in_its_id_and_unknown_entity(facts_client: TestClient) -> None:
    r = facts_client.get("/api/entities/" + quote(EVIL_ID, safe=""))
    assert r.status_code == 200 and r.json()["name"] == EVIL
    r = facts_client.get("/api/entities/Tidak%20Ada%20Orang")
    assert r.status_code == 404
    assert r.json() == {"detail": "no entity named 'Tidak Ada Orang'"}


def test_api_quotes_by_speaker_paginate_newest_first(facts_client: TestClient, facts: FactArchive) -> None:
    quotes, pages = _walk(facts_client, "/api/quotes", "quotes", speaker="Bagas", limit=2)
    assert pages == 2
    assert [q["published_utc"][:10] for q in quotes] == ["2024-03-14", "2024-03-12", "2024-03-04"]
    assert {q["speaker_entity"] for q in quotes} == {BAGAS}
    assert quotes[-1]["article_id"] == facts.ids["telepon"]
    assert quotes[-1]["verb"] == "kata" and quotes[-1]["kind"] == "direct"
    everyone, _ = _walk(facts_client, "/api/quotes", "quotes", limit=3)
    assert len(everyone) == 7
    r = facts_client.get("/api/quotes", params={"speaker": "Nobody Here"})
    assert r.status_code == 404 and r.json()["detail"] == "no entity named 'Nobody Here'"


def test_api_events_filters_and_pagination(facts_client: TestClient, facts: FactArchive) -> None:
    events, pages = _walk(facts_client, "/api/events", "events", actor="Bagas", limit=2)
    assert pages == 2
    assert [(e["date"], e["code"], e["cameo"]) for e in events] == [
        ("2024-04-02", "ACCUSE", "11"),
        ("2024-03-12", "CONSULT", "04"),
        ("2024-03-04", "CONSULT", "04"),
    ]
    call = events[-1]
    assert (call["actor1"], call["actor2"], call["mode"]) == ("Bagas Wiranata", "Elena Sorvik", "phone call")
    assert call["article_id"] == facts.ids["telepon"] and "melalui telepon" in call["evidence"]
    assert {e["modality"] for e in events} == {"asserted"}
    # the hand-made event is only planned, and the API says so (and its OpenAPI document names it)
    hostile = facts_client.get("/api/events", params={"type": "consult", "since": "2024-03-19"}).json()[
        "events"
    ]
    assert [e["modality"] for e in hostile if e["date"] == "2024-03-19"] == ["planned"]
    spec = facts_client.get("/openapi.json").json()
    assert "modality" in spec["components"]["schemas"]["EventOut"]["properties"]
    planned = facts_client.get("/api/events", params={"modality": "planned"}).json()["events"]
    assert [e["date"] for e in planned] == ["2024-03-19"]
    done = facts_client.get("/api/events", params={"modality": "asserted"}).json()["events"]
    assert done and "2024-03-19" not in [e["date"] for e in done]
    assert facts_client.get("/api/events", params={"modality": "maybe"}).status_code == 400
    consult = facts_client.get("/api/events", params={"actor": "Bagas", "type": "consult"}).json()["events"]
    assert [e["date"] for e in consult] == ["2024-03-12", "2024-03-04"]
    assert consult[0]["location"] == "Jakarta"
    window = facts_client.get(
        "/api/events", params={"actor": "Bagas", "since": "2024-03-10", "until": "2024-04"}
    )
    assert [e["date"] for e in window.json()["events"]] == ["2024-03-12"]
    bad = facts_client.get("/api/events", params={"since": "kemarin"})
    assert bad.status_code == 400 and bad.json()["detail"].startswith("since: not an ISO date")
    assert facts_client.get("/api/events", params={"type": "<b>"}).status_code == 400


def test_api_timeline_in_time_order_with_pagination(facts_client: TestClient) -> None:
    items, pages = _walk(facts_client, "/api/timeline", "items", actor=["Bagas", "Elena Sorvik"], limit=3)
    assert pages == 3
    assert [(i["kind"], i["when"]) for i in items] == [
        ("event", "2024-03-04"),
        ("quote", "2024-03-04"),
        ("event", "2024-03-12"),
        ("quote", "2024-03-12"),
        ("quote", "2024-03-12"),
        ("quote", "2024-03-14"),
        ("event", "2024-04-02"),
    ]
    assert items[-1]["code"] == "ACCUSE" and items[1]["quote_kind"] == "direct"
    r = facts_client.get("/api/timeline")
    assert r.status_code == 400 and r.json()["detail"].startswith("actor: give at least one actor")


def test_openapi_documents_the_fact_routes(facts_client: TestClient) -> None:
    spec = facts_client.get("/openapi.json").json()
    for path in ("/api/entities", "/api/entities/{name}", "/api/quotes", "/api/events", "/api/timeline"):
        assert path in spec["paths"], path
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert params == {"actor", "type", "since", "until", "modality", "limit", "offset"}
    assert "next_offset" in spec["components"]["schemas"]["EntityPage"]["properties"]
    assert not [p for p in spec["paths"] if p.startswith(("/entities", "/timeline"))]  # pages stay out


# --- pages -------------------------------------------------------------------------------------


def test_entity_page_shows_aliases_roles_chart_and_quotes(
    facts_client: TestClient, facts: FactArchive
) -> None:
    r = facts_client.get("/entities/Bagas", headers=ID)
    assert r.status_code == 200
    html = r.text
    assert "<h1>Bagas Wiranata</h1>" in html
    assert '<span class="alias">Bagas Wiranata</span> <span class="count">5</span>' in html
    assert '<span class="alias">Bagas</span> <span class="count">2</span>' in html
    assert (
        '<span class="role">Presiden Indonesia</span> <span class="role-dates">4 Mar 2024 – 2 Apr 2024</span>'
        in html
    )
    assert '<span class="role">Presiden</span> <span class="role-dates">14 Mar 2024</span>' in html
    page = _parse(html)
    bars = sorted(page.rects, key=lambda b: float(b["x"]))
    assert [(b["data-week"], b["data-count"]) for b in bars] == [
        ("2024-W10", "1"),
        ("2024-W11", "2"),
        ("2024-W14", "1"),
    ]
    heights = [float(b["height"]) for b in bars]
    assert heights[1] == 2 * heights[0] == 2 * heights[2] > 0
    assert "style" not in {name for _, name, _ in page.attrs}  # the CSP is style-src 'self'
    assert "Berita yang menyebut Bagas Wiranata per minggu" in html
    assert "“Kami sepakat memperluas perdagangan kopi dan kakao”" in html
    assert f'href="/articles/{facts.ids["telepon"]}"' in html
    assert 'href="/timeline?actor=Bagas+Wiranata"' in html


def test_entity_page_in_english_and_unknown_entity(facts_client: TestClient) -> None:
    html = facts_client.get("/entities/" + quote(BAGAS, safe=""), headers=EN).text
    assert "Articles mentioning Bagas Wiranata per week" in html and "Timeline of Bagas Wiranata" in html
    assert "Written as" in html and "Roles" in html
    r = facts_client.get("/entities/Tidak%20Ada", headers=EN)
    assert r.status_code == 404 and "There is no person, organisation or place by this name." in r.text
    assert facts_client.get("/entities/Tidak%20Ada", headers=ID).text.count("Tidak ditemukan") >= 1


def test_timeline_page_lists_events_and_quotes_in_time_order(
    facts_client: TestClient, facts: FactArchive
) -> None:
    r = facts_client.get("/timeline", params={"actor": ["Bagas", "Sorvik"]}, headers=ID)
    assert r.status_code == 200
    page = _parse(r.text)
    days = page.times
    assert days == sorted(days) and days[0] == "2024-03-04" and days[-1] == "2024-04-02"
    assert [c.split()[-1] for c in page.items] == [
        "event",
        "quote",
        "event",
        "quote",
        "quote",
        "quote",
        "event",
    ]
    html = r.text
    assert (
        html.count('<span class="code" title="PLOVER">CONSULT</span> <span class="cameo">CAMEO 04</span>')
        == 2
    )
    assert '<span class="code" title="PLOVER">ACCUSE</span> <span class="cameo">CAMEO 11</span>' in html
    assert "Cara: phone call" in html and "Tempat: Jakarta" in html
    assert 'class="planned"' not in html  # every one of these happened
    assert "berbicara melalui telepon dengan Perdana Menteri Norwegia" in html  # the evidence sentence
    assert '<a class="actor" href="/entities/person%3Abagas%20wiranata">Bagas Wiranata</a>' in html
    assert "“Norwegia siap membeli lebih banyak kopi dari petani Indonesia”" in html
    for key in ("telepon", "bertemu", "pabrik", "kecam"):
        assert f'href="/articles/{facts.ids[key]}"' in html
    # the form keeps both actors and offers one more field
    assert html.count('name="actor"') == 3 and 'value="Sorvik"' in html


def test_timeline_page_without_actors_and_with_an_unknown_one(facts_client: TestClient) -> None:
    html = facts_client.get("/timeline", headers=EN).text
    assert "Enter one or more actors" in html and 'href="/timeline?actor=Bagas+Wiranata"' in html
    assert '<ol class="vtimeline' not in html
    html = facts_client.get("/timeline", params={"actor": "Siapa Saja"}, headers=EN).text
    assert "Not in the archive: Siapa Saja" in html and "No events or quotations for these actors." in html


def test_article_page_links_its_people_and_places(facts_client: TestClient, facts: FactArchive) -> None:
    html = facts_client.get(f"/articles/{facts.ids['telepon']}", headers=ID).text
    assert '<h2 id="people-title">Tokoh dan tempat</h2>' in html
    page = _parse(html)
    links = [v for tag, name, v in page.attrs if tag == "a" and name == "href" and v.startswith("/entities/")]
    assert links[0] == "/entities/person%3Abagas%20wiranata"  # the most mentioned first
    assert len(links) == len(set(links)) == 7
    for href in links:
        assert facts_client.get(href).status_code == 200, href
    english = facts_client.get(f"/articles/{facts.ids['telepon']}", headers=EN).text
    assert "People and places" in english and '<span class="kind">Country</span>' in english


def test_entities_page_lists_most_mentioned_and_filters_by_type(facts_client: TestClient) -> None:
    html = facts_client.get("/entities", headers=ID).text
    assert '<a href="/entities">Tokoh</a>' in html  # the nav link
    names = [
        v
        for tag, name, v in _parse(html).attrs
        if tag == "a" and name == "href" and v.startswith("/entities/")
    ]
    assert names[0] == entity_href(BAGAS) and len(names) == 11
    assert "7 sebutan · 4 berita" in html and "Presiden Indonesia" in html
    places = facts_client.get("/entities", params={"type": "place"}, headers=EN).text
    hrefs = [
        v
        for tag, name, v in _parse(places).attrs
        if tag == "a" and name == "href" and v.startswith("/entities/")
    ]
    assert hrefs and all(h.startswith("/entities/place%3A") for h in hrefs)
    assert '<option value="PLACE" selected>Place</option>' in places


def test_hostile_facts_are_escaped_and_inert(facts_client: TestClient, facts: FactArchive) -> None:
    pages = {
        "entity": facts_client.get("/entities/" + quote(EVIL_ID, safe="")),
        "timeline": facts_client.get("/timeline", params={"actor": EVIL}),
        "entities": facts_client.get("/entities"),
        "article": facts_client.get(f"/articles/{facts.ids['jahat']}"),
        "critic timeline": facts_client.get("/timeline", params={"actor": "Marko Teller"}),
        "critic": facts_client.get("/entities/Marko%20Teller"),
    }
    for name, r in pages.items():
        assert r.status_code == 200, name
        _assert_inert(r.text)
    entity = pages["entity"].text
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>" in entity  # shown as text, verbatim
    assert "&lt;b&gt;jahat&lt;/b&gt;" in entity and "javascript:alert(3)" in entity  # role and alias, as text
    assert "“&lt;img src=x onerror=alert(4)&gt;”" in entity
    timeline = pages["timeline"].text
    assert "&lt;svg onload=alert(5)&gt;" in timeline and 'href="java' not in timeline
    assert '<span class="actor">javascript:alert(2)</span>' in timeline  # not an entity: text, not a link
    assert entity_href(EVIL_ID) in pages["article"].text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; tarif kopi terlalu tinggi" in pages["critic"].text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Menteri Marko Teller" in pages["critic timeline"].text
    # the hand-made event is only planned, and says so
    assert '<span class="planned">Direncanakan, belum terjadi</span>' in pages["timeline"].text
    assert CRITIC["title"] not in pages["critic timeline"].text


# --- pure helpers ------------------------------------------------------------------------------


def test_week_start_agrees_with_sqlite_week_numbers() -> None:
    db = sqlite3.connect(":memory:")
    day = date(2022, 12, 20)
    while day < date(2025, 1, 15):
        week = db.execute("SELECT strftime('%Y-W%W', ?)", (day.isoformat(),)).fetchone()[0]
        start = week_start(week)
        assert start is not None and start <= day < start + timedelta(days=7), (day, week, start)
        day += timedelta(days=3)
    assert week_start("2024-W10") == date(2024, 3, 4)
    assert week_start("2024-10") is None and week_start("2024-W99") is None


def test_week_chart_places_bars_on_a_time_axis() -> None:
    chart = week_chart([("2024-W14", 1), ("2024-W10", 1), ("2024-W11", 3), ("bad", 9), ("2024-W12", 0)], "en")
    assert chart is not None
    assert [b.week for b in chart.bars] == ["2024-W10", "2024-W11", "2024-W14"]  # zero and bad weeks dropped
    assert chart.peak == 3 and chart.bars[1].height == 3 * chart.bars[0].height
    assert all(b.y + b.height == chart.base_y for b in chart.bars)
    gaps = [b.x - a.x for a, b in zip(chart.bars, chart.bars[1:], strict=False)]
    assert gaps[1] == pytest.approx(3 * gaps[0], abs=0.05)  # two empty weeks between W11 and W14
    assert all(chart.left <= b.x and b.x + b.width <= chart.right for b in chart.bars)
    assert [t.label for t in chart.ticks] == ["4 Mar 2024", "1 Apr 2024"]
    assert week_chart([], "id") is None and week_chart([("2024-W01", 0)], "id") is None
    one = week_chart([("2024-W01", 2)], "id")
    assert one is not None and len(one.bars) == 1 and one.bars[0].width <= 36


def test_article_entities_are_distinct_most_mentioned_first() -> None:
    mentions = [
        {"entity": "Sorong", "type": "PLACE", "entity_id": "place:sorong"},
        {"entity": "Bagas Wiranata", "type": "PERSON", "entity_id": "person:bagas"},
        {"surface": "Bagas", "type": "PERSON", "entity_id": "person:bagas"},
        {"entity": "Tanpa Id", "type": "PERSON"},
    ]
    people = article_entities(mentions)
    assert [(p.id, p.name, p.mentions) for p in people] == [
        ("person:bagas", "Bagas Wiranata", 2),
        ("place:sorong", "Sorong", 1),
    ]


def test_day_labels_and_timeline_rows_sort_by_the_wib_day() -> None:
    assert day_label("2024-03-04", "id") == "4 Mar 2024" and day_label("2024-03", "en") == "March 2024"
    assert day_label("2024", "id") == "2024" and day_label(None, "id") == ""
    items = [
        {"kind": "quote", "published_utc": "2024-03-03T20:00:00+00:00", "text": "a", "speaker": "X"},
        {"kind": "event", "date": "2024-03-04", "code": "CONSULT", "actor1": "X", "actor2": "Y"},
        {"kind": "event", "date": "2024-03-02", "code": "ACCUSE", "actor1": "Y", "modality": "planned"},
    ]
    rows = timeline_rows(items, "id", lambda name: "/entities/x" if name == "X" else None)
    assert [(r.kind, r.day) for r in rows] == [
        ("event", "2024-03-02"),
        ("event", "2024-03-04"),
        ("quote", "2024-03-04"),
    ]
    assert [(a.name, a.href) for a in rows[1].actors] == [("X", "/entities/x"), ("Y", None)]
    assert [r.planned for r in rows] == [True, False, False]
