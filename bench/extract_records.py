"""Extraction speed on real scraped rows: extract_record over indonews-2025 articles.jsonl.

Run: python bench/extract_records.py [path/to/articles.jsonl]
Prints records/s (extraction alone, JSON parsing excluded), the published_at
coverage, and the command that produced the figures.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from warta.extract import ExtractError, extract_record
from warta.model import Record, Source

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "indonews-2025" / "articles.jsonl"


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    if not path.is_file():
        print(f"no data at {path}; pass the path to articles.jsonl")
        return 1
    records = [
        Record(fields=json.loads(line), source=Source(f"{path.name}#{n}", "jsonl"))
        for n, line in enumerate(path.read_text("utf-8").split("\n"), start=1)
        if line.strip()
    ]
    best = float("inf")
    articles = []
    rejected = 0
    for _ in range(3):  # best of three: the machine is shared
        articles, rejected = [], 0
        start = time.perf_counter()
        for record in records:
            try:
                articles.append(extract_record(record))
            except ExtractError:
                rejected += 1
        best = min(best, time.perf_counter() - start)
    dated = sum(a.published_at is not None for a in articles)
    print(f"records: {len(records)}  articles: {len(articles)}  rejected: {rejected}")
    print(f"extract_record: {len(records) / best:,.0f} records/s (best of 3, {best:.2f} s)")
    print(f"published_at set: {dated}/{len(records)} = {dated / len(records):.2%}")
    print(f"command: python bench/extract_records.py {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
