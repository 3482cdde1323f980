"""Exports: JSON lines (the article contract, round-trips through ingest), CSV and Parquet.

Writers stream: articles arrive one at a time from the store and leave in
batches, so exporting a million articles needs no more memory than a thousand.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import IO, Any

from warta.model import Article

__all__ = ["CSV_COLUMNS", "EVENT_COLUMNS", "FORMATS", "export_articles", "export_events"]

FORMATS = ("jsonl", "csv", "parquet")

# Flat columns for CSV and Parquet; nested fields travel as JSON text.
CSV_COLUMNS = [
    "id",
    "outlet",
    "url",
    "title",
    "reporters",
    "editors",
    "published_at",
    "updated_at",
    "crawled_at",
    "dateline",
    "wire",
    "image_caption",
    "image_credit",
    "language",
    "category",
    "body",
    "related",
    "editor_picks",
    "source",
    "duplicate_of",
    "story_id",
    "storyline_id",
    "entities",
    "quotes",
    "figures",
    "events",
]
_LIST_OF_STRINGS = ("reporters", "editors", "wire")
_NESTED = ("related", "editor_picks", "source", "entities", "quotes", "figures", "events")


def _flat(doc: dict[str, Any], *, lists_as_text: bool) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for column in CSV_COLUMNS:
        value = doc.get(column)
        if column in _LIST_OF_STRINGS:
            row[column] = "; ".join(value or []) if lists_as_text else list(value or [])
        elif column in _NESTED:
            row[column] = json.dumps(value, ensure_ascii=False) if value not in (None, []) else None
        else:
            row[column] = value
    return row


def _write_jsonl(articles: Iterable[Article], out: IO[str]) -> int:
    n = 0
    for article in articles:
        out.write(json.dumps(article.to_dict(), ensure_ascii=False))
        out.write("\n")
        n += 1
    return n


def _write_csv(articles: Iterable[Article], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for article in articles:
        writer.writerow(_flat(article.to_dict(), lists_as_text=True))
        n += 1
    return n


def _write_parquet(articles: Iterable[Article], out: IO[bytes] | str, *, batch: int = 2000) -> int:
    import pyarrow as pa  # imported here: only Parquet needs it, and it is slow to import
    import pyarrow.parquet as pq

    fields = []
    for column in CSV_COLUMNS:
        kind = pa.list_(pa.string()) if column in _LIST_OF_STRINGS else pa.string()
        fields.append(pa.field(column, kind))
    schema = pa.schema(fields)
    n = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        rows: list[dict[str, Any]] = []
        for article in articles:
            rows.append(_flat(article.to_dict(), lists_as_text=False))
            if len(rows) >= batch:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                n += len(rows)
                rows = []
        if rows or n == 0:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            n += len(rows)
    return n


def export_articles(articles: Iterable[Article], out: IO[Any] | str, format: str = "jsonl") -> int:
    """Write ``articles`` to ``out`` (a path or an open file) in ``format``; return how many."""
    if format not in FORMATS:
        raise ValueError(f"unknown export format {format!r}; choose one of {', '.join(FORMATS)}")
    if format == "parquet":
        return _write_parquet(articles, out)
    if isinstance(out, str):
        with open(out, "w", encoding="utf-8", newline="") as handle:
            return export_articles(articles, handle, format)
    if isinstance(out, io.RawIOBase | io.BufferedIOBase):
        out = io.TextIOWrapper(out, encoding="utf-8", newline="")
    return _write_jsonl(articles, out) if format == "jsonl" else _write_csv(articles, out)


# GDELT-like event table: one row per event, the evidence with it.
EVENT_COLUMNS = [
    "date",
    "actor1",
    "actor2",
    "code",
    "cameo",
    "mode",
    "modality",
    "location",
    "article_id",
    "article_url",
    "published_utc",
    "evidence",
]


def export_events(events: Iterable[dict[str, Any]], out: IO[str] | str) -> int:
    """Write events (dicts with :data:`EVENT_COLUMNS` keys) as CSV; return how many."""
    if isinstance(out, str):
        with open(out, "w", encoding="utf-8", newline="") as handle:
            return export_events(events, handle)
    writer = csv.DictWriter(out, fieldnames=EVENT_COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    n = 0
    for event in events:
        writer.writerow(event)
        n += 1
    return n
