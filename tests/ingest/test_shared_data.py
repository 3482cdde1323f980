"""Counts on the real indonews-2025 snapshot (skipped when ../shared/data is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.ingest.ingest_helpers import collect

from warta.ingest import total_bytes

pytestmark = pytest.mark.shared


def test_articles_jsonl_yields_every_line(shared_data: Path) -> None:
    path = shared_data / "indonews-2025" / "articles.jsonl"
    progress: list[int] = []
    result = collect([str(path)], on_progress=progress.append)
    assert len(result.records) == 7592
    assert not result.rejections and not result.pages
    assert {r.source.format for r in result.records} == {"jsonl"}
    assert result.records[-1].source.path == f"{path}#7592"
    assert sum(progress) == total_bytes([str(path)]) == path.stat().st_size


def test_daily_scrapes_csvs_yield_every_row(shared_data: Path) -> None:
    folder = shared_data / "indonews-2025" / "daily_scrapes"
    result = collect([str(folder / "*.csv")])
    assert len(result.records) == 5774
    assert not result.rejections
    assert {r.source.format for r in result.records} == {"csv"}
    # The BOM is stripped from the first header name.
    assert all(next(iter(r.fields)) == "sumber" for r in result.records)
    assert all(len(r.fields) == 6 for r in result.records)
