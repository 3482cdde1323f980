"""The pipeline: ingest -> extract -> understand -> store, streaming and chunked.

Each stage is a plain function over model objects; this module only wires them.
Items flow one at a time, so memory stays flat however large the input; every
``chunk_size`` articles are written in one transaction with the rejections seen
since the last chunk, so an interrupted run loses at most one uncommitted chunk
and a re-run completes it without duplicates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import BinaryIO

from warta import extract as extract_stage
from warta import ingest as ingest_stage
from warta.model import Article, Page, Record, Rejection
from warta.store import SQLiteStore
from warta.understand import understand

__all__ = ["IngestSummary", "articles_from", "ingest"]

DEFAULT_CHUNK = 500


@dataclass
class IngestSummary:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    rejections: list[Rejection] = field(default_factory=list)  # the first MAX_LISTED, all are in the store

    MAX_LISTED = 1000

    @property
    def stored(self) -> int:
        return self.new + self.updated + self.unchanged

    def to_dict(self) -> dict[str, object]:
        return {
            "new": self.new,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "rejections": [{"path": r.path, "record": r.record, "reason": r.reason} for r in self.rejections],
        }


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 300 else text[:297] + "..."


def articles_from(
    items: Iterator[Page | Record | Rejection],
    *,
    crawled_at: datetime | None = None,
    outlet: str | None = None,
) -> Iterator[Article | Rejection]:
    """Extract and understand each item; a failure becomes a :class:`Rejection`, never an exception."""
    for item in items:
        if isinstance(item, Rejection):
            yield item
            continue
        try:
            if isinstance(item, Page):
                article = extract_stage.extract_page(item, crawled_at=crawled_at, outlet=outlet)
            else:
                article = extract_stage.extract_record(item, crawled_at=crawled_at, outlet=outlet)
            yield understand(article)
        except extract_stage.ExtractError as exc:
            path, _, record = item.source.path.partition("#")
            yield Rejection(path, _one_line(exc), f"line {record}" if record else None)
        except (RecursionError, MemoryError, ValueError, LookupError, TypeError, UnicodeError) as exc:
            # Hostile pages can trip a library's edge cases: reject the page, keep the batch.
            path, _, record = item.source.path.partition("#")
            reason = f"could not extract ({type(exc).__name__}: {_one_line(exc)})"
            yield Rejection(path, reason, f"line {record}" if record else None)


def ingest(
    store: SQLiteStore,
    paths: Sequence[str],
    *,
    crawled_at: datetime | None = None,
    outlet: str | None = None,
    stdin: BinaryIO | None = None,
    chunk_size: int = DEFAULT_CHUNK,
    on_progress: Callable[[int], None] | None = None,
    on_item: Callable[[Article | Rejection], None] | None = None,
) -> IngestSummary:
    """Read ``paths`` into ``store``; see the module docstring for the guarantees."""
    summary = IngestSummary()
    run_id = store.start_run(paths)
    articles: list[Article] = []
    rejections: list[Rejection] = []
    seen_in_chunk: set[str] = set()

    def flush() -> None:
        outcomes = store.write_batch(articles, rejections, run_id=run_id)
        for outcome in outcomes:
            setattr(summary, outcome, getattr(summary, outcome) + 1)
        articles.clear()
        rejections.clear()
        seen_in_chunk.clear()

    items = ingest_stage.read(paths, stdin=stdin, on_progress=on_progress)
    for item in articles_from(items, crawled_at=crawled_at, outlet=outlet):
        if on_item is not None:
            on_item(item)
        if isinstance(item, Rejection):
            summary.rejected += 1
            if len(summary.rejections) < IngestSummary.MAX_LISTED:
                summary.rejections.append(item)
            rejections.append(item)
        else:
            if item.id in seen_in_chunk:
                # the same article twice in one chunk: write the first, so the second
                # counts as unchanged or updated exactly as it would across chunks
                flush()
            seen_in_chunk.add(item.id)
            articles.append(item)
        if len(articles) >= chunk_size or len(rejections) >= chunk_size:
            flush()
    flush()
    store.finish_run(
        run_id,
        {
            "new": summary.new,
            "updated": summary.updated,
            "unchanged": summary.unchanged,
            "rejected": summary.rejected,
        },
    )
    return summary
