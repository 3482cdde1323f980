"""Figures on the real indonews-2025 rows (skipped when ../shared/data is absent). No text is copied."""

from __future__ import annotations

import csv
import json
from datetime import timedelta
from pathlib import Path

import pytest

from warta.extract import ExtractError, extract_record
from warta.model import Article, Record, Source

pytestmark = pytest.mark.shared

# Values the scrapers wrote when the page showed no date.
PLACEHOLDERS = {"tidak ditemukan", "scroll ke bawah untuk membaca berita", ""}
FURNITURE = {
    "SCROLL TO CONTINUE WITH CONTENT",
    "Advertisement",
    "ADVERTISEMENT",
    "Baca Juga",
    "Baca juga",
    "Baca juga:",
}


@pytest.fixture(scope="module")
def extracted(shared_data: Path) -> list[tuple[dict[str, str], Article | None]]:
    path = shared_data / "indonews-2025" / "articles.jsonl"
    if not path.is_file():
        pytest.skip("indonews-2025/articles.jsonl is not present")
    out: list[tuple[dict[str, str], Article | None]] = []
    for number, line in enumerate(path.read_text("utf-8").split("\n"), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        try:
            article: Article | None = extract_record(Record(row, Source(f"articles.jsonl#{number}", "jsonl")))
        except ExtractError:
            article = None
        out.append((row, article))
    return out


def test_row_count_and_rejections(extracted: list[tuple[dict[str, str], Article | None]]) -> None:
    assert len(extracted) == 7592
    rejected = [row for row, article in extracted if article is None]
    # Rejected rows are those whose body is empty or only furniture and links (82 at the time of writing).
    assert len(rejected) < 100
    short = [
        r for r in rejected if len(r["body"].replace("SCROLL TO CONTINUE WITH CONTENT", "").strip()) < 40
    ]
    assert len(short) >= len(rejected) - 2


def test_every_printed_date_is_read_with_its_zone(
    extracted: list[tuple[dict[str, str], Article | None]],
) -> None:
    printed = [
        (r, a) for r, a in extracted if a is not None and r["date_raw"].strip().casefold() not in PLACEHOLDERS
    ]
    dated = [(r, a) for r, a in printed if a.published_at is not None]
    assert len(dated) / len(printed) >= 0.999
    for row, article in dated:
        assert article.published_at is not None
        offset = article.published_at.utcoffset()
        raw = row["date_raw"]
        expected = 8 if "WITA" in raw else 9 if "WIT " in raw + " " else 7
        assert offset == timedelta(hours=expected), raw


def test_overall_published_coverage(extracted: list[tuple[dict[str, str], Article | None]]) -> None:
    # 104 of 7,592 rows print no date at all ("Tidak Ditemukan", "Scroll ke bawah ..."),
    # so 98.6% is the ceiling without guessing.
    dated = sum(1 for _, a in extracted if a is not None and a.published_at is not None)
    assert dated / len(extracted) >= 0.975


def test_no_furniture_lines_left(extracted: list[tuple[dict[str, str], Article | None]]) -> None:
    for _, article in extracted:
        if article is None:
            continue
        for paragraph in article.paragraphs:
            assert paragraph not in FURNITURE
            assert not paragraph.startswith("[Gambas:")
        assert "\n\n\n" not in article.body


def test_author_shapes(extracted: list[tuple[dict[str, str], Article | None]]) -> None:
    by_outlet: dict[str, list[tuple[dict[str, str], Article]]] = {}
    for row, article in extracted:
        if article is not None:
            by_outlet.setdefault(row["outlet"], []).append((row, article))
    detik = [a for r, a in by_outlet["detik"] if r["author"]]
    assert all(not any(n.lower().startswith("detik") or " -" in n for n in a.reporters) for a in detik)
    assert sum(bool(a.reporters) for a in detik) / len(detik) > 0.95
    kompas_multi = [a for r, a in by_outlet["kompas"] if "," in r["author"]]
    assert kompas_multi and all(len(a.editors) == 1 for a in kompas_multi)
    tempo_org = [a for r, a in by_outlet["tempo"] if r["author"] == "Tempo.co"]
    assert tempo_org and all(a.reporters == [] for a in tempo_org)
    okezone = [a for r, a in by_outlet["okezone"] if r["author"] and not r["author"].startswith("Tim ")]
    assert all(a.reporters for a in okezone)
    liputan6_datelines = [a.dateline for _, a in by_outlet["liputan6"]]
    assert sum(d is not None for d in liputan6_datelines) / len(liputan6_datelines) > 0.97
    assert all(d is None or d[0].isupper() for d in liputan6_datelines)


def test_daily_scrape_csv(shared_data: Path) -> None:
    folder = shared_data / "indonews-2025" / "daily_scrapes"
    files = sorted(folder.glob("*.csv"))
    if not files:
        pytest.skip("daily_scrapes is not present")
    with files[0].open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))  # header keeps its BOM: extraction must cope
    assert any(key.startswith("\ufeff") for key in rows[0])
    articles = []
    for number, row in enumerate(rows, start=1):
        try:
            articles.append(extract_record(Record(dict(row), Source(f"{files[0].name}#{number}", "csv"))))
        except ExtractError:
            continue
    assert len(articles) / len(rows) > 0.97
    assert {a.outlet for a in articles} >= {"liputan6", "detik", "okezone", "tempo", "kompas", "republika"}
    assert sum(a.published_at is not None for a in articles) / len(articles) >= 0.99
