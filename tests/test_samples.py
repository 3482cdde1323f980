"""The sample corpus extracts to exactly what tests/samples_expected.json says."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from warta.extract import extract_page
from warta.model import Page, Source, format_time

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = json.loads((ROOT / "tests" / "samples_expected.json").read_text(encoding="utf-8"))
CRAWLED = datetime.fromisoformat("2024-05-14T12:00:00+07:00")


def _extract(relative: str):
    path = ROOT / "samples" / relative
    fmt = "html" if path.suffix == ".html" else "text"
    return extract_page(Page(path.read_bytes(), Source(str(path), fmt)), crawled_at=CRAWLED)


@pytest.mark.parametrize(
    "expected", EXPECTED["pages"], ids=[p["file"].split("/")[-1] for p in EXPECTED["pages"]]
)
def test_sample_page(expected):
    article = _extract(expected["file"])
    assert article.title == expected["title"]
    assert article.reporters == expected["reporters"]
    assert article.editors == expected["editors"]
    assert format_time(article.published_at) == expected["published_at"]
    assert article.dateline == expected["dateline"]
    assert article.wire == expected["wire"]
    assert article.image_credit == expected["image_credit"]
    assert len(article.related) == expected["related_count"]
    assert [p.title for p in article.editor_picks] == expected["editor_picks"]
    words = article.body.split()
    assert " ".join(words[:6]) == expected["body_first_words"]
    assert " ".join(words[-6:]) == expected["body_last_words"]
    # paragraphs are separated by exactly one blank line, and furniture is gone
    assert "\n\n\n" not in article.body
    for crumb in ("Advertising", "ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT", "Baca Selengkapnya"):
        assert crumb not in article.body.splitlines()


def test_related_ages_resolve_against_crawl_time():
    article = _extract(EXPECTED["pages"][0]["file"])
    assert article.related, "the first sample page has a related block"
    for item in article.related:
        assert item.age and item.published_at is not None
        assert item.published_at <= CRAWLED
        assert item.title and item.summary


def test_near_duplicates_have_different_ids_but_close_bodies():
    a, b = (_extract(f) for f in EXPECTED["near_duplicate"])
    assert a.id != b.id
    assert a.title == b.title
