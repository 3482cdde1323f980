"""A real browser (headless Debian chromium via Playwright) against ``warta serve`` in a subprocess.

Skips cleanly when /usr/bin/chromium or the ``playwright`` package is missing;
``scripts/install-browser`` installs both. Never runs ``playwright install``.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from typing import Any

import pytest
from tests.serve.fact_fixtures import build_fact_db
from tests.serve.serve_fixtures import (
    BOATS,
    CHROMIUM,
    CHROMIUM_ARGS,
    ENGLISH,
    FLOOD,
    HOSTILE,
    build_db,
    free_port,
    start_server,
    wait_until_up,
)

if not CHROMIUM.exists():
    pytest.skip("no /usr/bin/chromium (run scripts/install-browser)", allow_module_level=True)
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="the playwright package is not installed (run scripts/install-browser)"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = build_db(tmp_path_factory.mktemp("browser") / "warta.db")
    port = free_port()
    proc = start_server(db, port)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def fact_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """``warta serve`` over the archive with entities, quotations and events (fact_fixtures.py)."""
    archive = build_fact_db(tmp_path_factory.mktemp("browser-facts"))
    port = free_port()
    proc = start_server(archive.path, port)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, proc)
        yield url, archive.ids
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def _page(browser: Any, locale: str, width: int = 390, height: int = 844) -> Any:
    context = browser.new_context(locale=locale, viewport={"width": width, "height": height})
    context.set_default_timeout(15_000)
    return context.new_page()


def test_search_then_read_an_article(server: str, browser: Any) -> None:
    page = _page(browser, "id-ID")
    csp_errors: list[str] = []
    page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(server + "/")
    page.fill("input[name=q]", "sukamaju")
    page.click("button[type=submit]")
    page.wait_for_url("**/?q=sukamaju*")
    results = page.locator("ol.hits li.hit")
    assert results.count() >= 3
    assert page.locator("ol.hits mark").count() >= 1  # hits are highlighted
    page.get_by_role("link", name=FLOOD.title).click()
    page.wait_for_url(f"**/articles/{FLOOD.id}")

    assert page.locator("h1").inner_text() == FLOOD.title
    when = page.locator(".byline time").first.inner_text()
    assert when == "Kamis, 16 Desember 2021 09:30 WIB"
    assert "tahun lalu" in page.locator(".byline .ago").inner_text()  # relative, in Indonesian
    body = page.locator(".body").inner_text()
    assert "340 warga mengungsi ke balai desa" in body
    assert page.locator(".body p").count() == 3
    assert "TEMPO/Andi Saputra" in page.locator("figure.photo").inner_text()
    related = page.locator("section.related").first  # the link stage's, then the page's own block
    assert related.locator("h2").inner_text().casefold() == "berita terkait"
    assert related.locator("li").count() >= 2
    assert "jam lalu" in related.locator(".ago").first.inner_text() or "tahun lalu" in related.inner_text()
    printed = page.locator("section.related.printed")
    assert printed.locator("h2").inner_text().casefold() == "dari halaman asli"
    assert printed.locator("li").count() == 2
    # the stylesheet loaded under the CSP (the masthead has its accent colour), and nothing was blocked
    colour = page.eval_on_selector(".brand", "e => getComputedStyle(e).color")
    assert colour == "rgb(179, 38, 30)"
    assert csp_errors == []

    # follow a related article that the archive holds
    printed.locator("li.page a").first.click()
    page.wait_for_url("**/articles/*")
    assert page.locator("h1").inner_text() == "BPBD Sukamaju kirim perahu karet untuk korban banjir"
    page.context.close()


def test_english_browser_gets_english_interface(server: str, browser: Any) -> None:
    page = _page(browser, "en-US", 1280, 800)
    page.goto(f"{server}/articles/{FLOOD.id}")
    assert page.locator(".byline time").first.inner_text() == "Thursday, 16 December 2021 09:30 WIB"
    assert "years ago" in page.locator(".byline .ago").inner_text()
    assert page.locator("section.related h2").first.inner_text().casefold() == "related news"
    assert page.locator("section.related.printed h2").inner_text().casefold() == "from the original page"
    assert page.locator("header nav").inner_text().split() == ["Search", "Stories", "People"]
    page.context.close()


def test_hostile_article_is_inert_in_a_real_browser(server: str, browser: Any) -> None:
    page = _page(browser, "id-ID")
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server + "/?q=palsu")
    assert page.locator("ol.hits li.hit").count() == 1
    page.locator("ol.hits a.hit-title").click()
    page.wait_for_url(f"**/articles/{HOSTILE.id}")
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)  # give any handler (onerror, onload) a chance to fire

    assert dialogs == []
    assert page.locator("script").count() == 0  # nothing from the page text became an element
    assert page.locator("img, svg, iframe").count() == 0
    assert page.locator("h1").inner_text() == HOSTILE.title  # shown as text, verbatim
    assert "<script>alert(1)</script>" in page.locator(".body").inner_text()
    hrefs = page.eval_on_selector_all("a", "els => els.map(e => e.getAttribute('href'))")
    assert all(h.startswith(("/", "http://", "https://")) for h in hrefs), hrefs
    # the javascript: related entry is plain text; clicking it does nothing
    item = page.locator("section.related li.page").first
    assert item.locator("a").count() == 0
    item.locator(".title").click()
    page.wait_for_timeout(200)
    assert dialogs == [] and page.url.endswith(f"/articles/{HOSTILE.id}")
    page.context.close()


def test_search_article_story_page_and_back(server: str, browser: Any) -> None:
    page = _page(browser, "id-ID")
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(server + "/?q=sukamaju")
    page.get_by_role("link", name=FLOOD.title).click()
    page.wait_for_url(f"**/articles/{FLOOD.id}")
    story_link = page.locator("a.story-link")
    assert story_link.inner_text() == FLOOD.title  # a story is named after its first article
    assert "3 berita" in page.locator(".story-links").inner_text()
    story_link.click()
    page.wait_for_url("**/stories/*")

    # what a person sees: the story's title, its size and outlets, a time axis and every article
    assert page.locator("h1").inner_text() == FLOOD.title
    meta = page.locator(".story-meta").inner_text()
    assert "3 berita" in meta and "3 media" in meta
    svg = page.locator("figure.time-axis svg")
    assert svg.is_visible()
    box = svg.bounding_box()
    assert box is not None and 300 < box["width"] <= 390  # fills a phone's column, no sideways scroll
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert svg.locator("circle").count() == 3
    assert svg.locator("text").all_text_contents()[:3] == ["tempo", "kompas", "contohpost"]
    for dot in svg.locator("circle").all():  # every dot is drawn inside the axis
        d = dot.bounding_box()
        assert d is not None and box["x"] <= d["x"] and d["x"] + d["width"] <= box["x"] + box["width"]
    titles = page.locator(".story-articles a.hit-title").all_inner_texts()
    assert titles == [FLOOD.title, BOATS.title, ENGLISH.title]  # in time order (12:00 WITA is 11:00 WIB)
    assert "WIB" in page.locator("figure.time-axis figcaption").inner_text()
    assert blocked == []

    # a dot is a link to its article
    svg.locator("a.dot").nth(1).click()
    page.wait_for_url(f"**/articles/{BOATS.id}")
    assert page.locator("h1").inner_text() == BOATS.title
    page.go_back()
    page.wait_for_url("**/stories/*")
    assert page.locator("h1").inner_text() == FLOOD.title
    page.go_back()
    page.wait_for_url(f"**/articles/{FLOOD.id}")
    assert page.locator("h1").inner_text() == FLOOD.title

    # the nav reaches the story list, where this story is listed with its size
    page.get_by_role("link", name="Cerita", exact=True).click()
    page.wait_for_url("**/stories")
    rows = page.locator("li.story-row")
    assert rows.count() >= 1
    first = rows.filter(has_text=FLOOD.title).first
    assert "3 berita" in first.inner_text()
    page.context.close()


def test_article_to_entity_to_timeline(fact_server: tuple[str, dict[str, str]], browser: Any) -> None:
    url, ids = fact_server
    page = _page(browser, "id-ID")
    blocked: list[str] = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{url}/articles/{ids['telepon']}")
    people = page.locator("section.people")
    assert people.locator("h2").inner_text().casefold() == "tokoh dan tempat"
    assert people.locator("a.entity-link").first.inner_text() == "Bagas Wiranata"  # most mentioned first
    people.get_by_role("link", name="Bagas Wiranata").click()
    page.wait_for_url("**/entities/person%3Abagas%20wiranata")

    # what a person sees: the name, how it is written, the roles with dates, a weekly chart, quotations
    assert page.locator("h1").inner_text() == "Bagas Wiranata"
    assert page.locator(".aliases li").all_inner_texts() == ["Bagas Wiranata 5", "Bagas 2"]
    roles = page.locator(".role-list li").all_inner_texts()
    assert roles == ["Presiden Indonesia 4 Mar 2024 – 2 Apr 2024", "Presiden 14 Mar 2024"]
    svg = page.locator("figure.week-chart svg")
    assert svg.is_visible()
    box = svg.bounding_box()
    assert box is not None and 300 < box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll on a phone
    bars = [svg.locator("rect").nth(i).bounding_box() for i in range(svg.locator("rect").count())]
    assert len(bars) == 3 and all(b is not None for b in bars)
    heights = [b["height"] for b in bars if b]
    assert heights[1] == pytest.approx(2 * heights[0], rel=0.05)  # two articles in the week of 11 March
    quotes = page.locator(".quote-item blockquote").all_inner_texts()
    assert quotes[0] == "“Petani kopi harus menikmati harga yang adil”"
    assert blocked == []

    page.locator("a.to-timeline").click()
    page.wait_for_url("**/timeline?actor=Bagas+Wiranata")
    assert page.locator("input[name=actor]").first.input_value() == "Bagas Wiranata"
    items = page.locator("li.vt-item")
    assert items.count() == 6  # three events and three quotations
    days = page.locator("li.vt-item time").evaluate_all("els => els.map(e => e.getAttribute('datetime'))")
    assert days == sorted(days) and days[0] == "2024-03-04" and days[-1] == "2024-04-02"
    first = items.first.inner_text()
    assert "4 MAR 2024" in first and "CONSULT" in first and "CAMEO 04" in first and "phone call" in first
    assert "ACCUSE" in items.last.inner_text() and "Marko Teller" in items.last.inner_text()
    assert "<script>" in items.last.locator("a.fact-article").inner_text()  # a hostile title, as text
    assert page.locator("script").count() == 0
    assert blocked == []

    # add a second actor through the form
    page.locator("input[name=actor]").nth(1).fill("Elena Sorvik")
    page.locator("form.actors-form button").click()
    page.wait_for_url("**/timeline?actor=Bagas+Wiranata&actor=Elena+Sorvik")
    assert page.locator("li.vt-item").count() == 7
    page.locator("li.vt-item a.fact-article").first.click()
    page.wait_for_url(f"**/articles/{ids['telepon']}")
    assert page.locator("h1").inner_text().startswith("Presiden Bagas Wiranata bertelepon")
    page.context.close()
