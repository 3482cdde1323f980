#!/usr/bin/env python3
"""Screenshots of each kind of page ``warta serve`` renders, on a phone and a desktop viewport.

    python scripts/screenshots.py OUT_DIR [--db warta.db] [--query banjir]

Without ``--db`` it builds a temporary database by ingesting ``samples/``; if that gives
no articles (or the extractors fail), it uses the server tests' made-up articles instead.
Starts the server on a free loopback port, drives Debian's chromium through Playwright,
and writes search-*.png, article-*.png, stories-*.png, story-*.png, storyline-*.png,
entities-*.png, entity-*.png, timeline-*.png and notfound-*.png into OUT_DIR. The story is the
shot article's (or the biggest recent one); the storyline is the most recently extended one of two
or more stories (or of one, if none is longer); the entity is the most mentioned person with a timeline
(or any entity), and the timeline is that entity's.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.serve (the made-up fallback articles and the server helpers)

VIEWPORTS = {"phone": (390, 844), "desktop": (1280, 900)}


def build_sample_db(path: Path) -> str:
    """Ingest samples/; fall back to made-up articles. Returns where the articles came from."""
    import warta

    handle = warta.open(str(path))
    try:
        try:
            handle.ingest(str(ROOT / "samples"))
        except Exception as exc:  # the extractors may still be in progress; the pages are what we show
            print(f"screenshots: ingesting samples/ failed ({exc}); using made-up articles", file=sys.stderr)
        if len(handle):
            return "samples/"
    finally:
        handle.close()
    from tests.serve.serve_fixtures import build_db

    build_db(path)
    return "tests/serve/serve_fixtures.py"


def first_id(url: str, path: str, key: str) -> str | None:
    """The first item's id from one of the server's list routes (``/api/stories?...``), or None."""
    with urllib.request.urlopen(url + path, timeout=10) as r:
        items = json.load(r)[key]
    return str(items[0]["id"]) if items else None


def busiest_person(url: str) -> str | None:
    """The most mentioned person whose timeline has anything on it (else the most mentioned one)."""
    with urllib.request.urlopen(url + "/api/entities?type=PERSON&limit=20", timeout=10) as r:
        people = [str(e["id"]) for e in json.load(r)["entities"]]
    for person in people:
        query = urllib.parse.urlencode({"actor": person, "limit": 1})
        with urllib.request.urlopen(f"{url}/api/timeline?{query}", timeout=10) as r:
            if json.load(r)["items"]:
                return person
    return people[0] if people else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    parser.add_argument("--db", type=Path, help="an existing warta database (default: build one)")
    parser.add_argument("--query", help="search shown on the search page (default: banjir)")
    parser.add_argument("--article", help="id of the article to shoot (default: the search's first hit)")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright
    from tests.serve.serve_fixtures import CHROMIUM, CHROMIUM_ARGS, free_port, start_server, wait_until_up

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "sample.db"
            origin = build_sample_db(db)
            print(f"screenshots: articles from {origin}", file=sys.stderr)
            if origin.startswith("tests/") and not args.article:
                from tests.serve.serve_fixtures import FLOOD

                args.article = FLOOD.id  # the made-up article with every field filled
                args.query = args.query or "sukamaju"
        args.query = args.query or "banjir"
        port = free_port()
        proc = start_server(db, port)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(url, proc)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
                for name, (width, height) in VIEWPORTS.items():
                    page = browser.new_page(locale="id-ID", viewport={"width": width, "height": height})
                    page.goto(f"{url}/?q={args.query}")
                    page.screenshot(path=args.out / f"search-{name}.png", full_page=True)
                    first = page.locator("ol.hits a.hit-title").first
                    if args.article or first.count():
                        if args.article:
                            page.goto(f"{url}/articles/{args.article}")
                        else:
                            first.click()
                        page.wait_for_load_state("load")
                        page.screenshot(path=args.out / f"article-{name}.png", full_page=True)
                    else:
                        print(f"screenshots: no hits for {args.query!r}; no article shot", file=sys.stderr)
                    story_link = page.locator("a.story-link")
                    story = story_link.first.get_attribute("href") if story_link.count() else None
                    if story is None:
                        found = first_id(url, "/api/stories?min_size=2&limit=1", "stories") or first_id(
                            url, "/api/stories?limit=1", "stories"
                        )
                        story = f"/stories/{found}" if found else None
                    page.goto(f"{url}/stories")
                    page.screenshot(path=args.out / f"stories-{name}.png", full_page=True)
                    if story:
                        page.goto(url + story)
                        page.screenshot(path=args.out / f"story-{name}.png", full_page=True)
                    else:
                        print(
                            "screenshots: no stories (was the archive linked?); no story shot",
                            file=sys.stderr,
                        )
                    line = first_id(url, "/api/storylines?limit=1", "storylines") or first_id(
                        url, "/api/storylines?min_stories=1&limit=1", "storylines"
                    )
                    if line:
                        page.goto(f"{url}/storylines/{line}")
                        page.screenshot(path=args.out / f"storyline-{name}.png", full_page=True)
                    else:
                        print("screenshots: no storylines; no storyline shot", file=sys.stderr)
                    page.goto(f"{url}/entities")
                    page.screenshot(path=args.out / f"entities-{name}.png", full_page=True)
                    entity = busiest_person(url) or first_id(url, "/api/entities?limit=1", "entities")
                    if entity:
                        page.goto(f"{url}/entities/{urllib.parse.quote(entity, safe='')}")
                        page.screenshot(path=args.out / f"entity-{name}.png", full_page=True)
                        page.locator("a.to-timeline").click()
                        page.wait_for_load_state("load")
                        page.screenshot(path=args.out / f"timeline-{name}.png", full_page=True)
                    else:
                        print(
                            "screenshots: no entities (ingested without facts?); no entity or timeline shot",
                            file=sys.stderr,
                        )
                    page.goto(f"{url}/articles/tidak-ada")
                    page.screenshot(path=args.out / f"notfound-{name}.png")
                    page.close()
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    for png in sorted(args.out.glob("*.png")):
        print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
