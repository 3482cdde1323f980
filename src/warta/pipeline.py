"""The pipeline: ingest -> extract -> understand -> store, streaming and chunked.

Each stage is a plain function over model objects; this module only wires them.
Items flow one at a time, so memory stays flat however large the input; every
``chunk_size`` articles are written in one transaction with the rejections seen
since the last chunk, so an interrupted run loses at most one uncommitted chunk
and a re-run completes it without duplicates.

On big inputs the CPU-bound part (extract, understand, and the store's pure
``prepare`` step: JSON and stemmed index terms) runs in worker processes, with a
bounded number of batches in flight and results taken in input order, so the
outcome is the same as a single-process run.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from typing import BinaryIO

from warta import extract as extract_stage
from warta import ingest as ingest_stage
from warta.model import Article, Page, Record, Rejection
from warta.store import Prepared, SQLiteStore, prepare
from warta.understand import load_models, understand

__all__ = ["IngestSummary", "Options", "ingest", "process_item"]

DEFAULT_CHUNK = 500
PARALLEL_MIN_BYTES = 8 * 1024 * 1024  # below this, starting workers costs more than it saves
WORKER_BATCH = 64
WORKER_NICENESS = 5


@dataclass
class IngestSummary:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    rejections: list[Rejection] = field(default_factory=list)  # the first MAX_LISTED; all are in the store

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


def _rejection(item: Page | Record, reason: str) -> Rejection:
    path, _, number = (
        item.source.path.rpartition("#") if "#" in item.source.path else (item.source.path, "", "")
    )
    if not number:
        return Rejection(item.source.path, reason)
    unit = "row" if item.source.format == "csv" else "line" if item.source.format == "jsonl" else "record"
    return Rejection(path, reason, f"{unit} {number}")


@dataclass(frozen=True, slots=True)
class Options:
    """How items are read (picklable: worker processes get a copy)."""

    crawled_at: datetime | None = None
    outlet: str | None = None
    facts: bool = True  # entities, quotations, figures and events (the slow part of understand)


def process_item(item: Page | Record | Rejection, options: Options = Options()) -> Prepared | Rejection:
    """Extract, understand and prepare one item; a failure becomes a :class:`Rejection`, never an exception."""
    if isinstance(item, Rejection):
        return item
    try:
        if isinstance(item, Page):
            article = extract_stage.extract_page(item, crawled_at=options.crawled_at, outlet=options.outlet)
        else:
            article = extract_stage.extract_record(item, crawled_at=options.crawled_at, outlet=options.outlet)
        return prepare(understand(article, facts=options.facts))
    except extract_stage.ExtractError as exc:
        return _rejection(item, _one_line(exc))
    except (RecursionError, MemoryError, ValueError, LookupError, TypeError, UnicodeError) as exc:
        # Hostile pages can trip a library's edge cases: reject the page, keep the batch.
        return _rejection(item, f"could not extract ({type(exc).__name__}: {_one_line(exc)})")


def _release_memory() -> None:
    """Hand freed heap back to the system (glibc keeps it otherwise).

    Tagging allocates and frees many small C strings per sentence; without a trim a
    worker's resident size doubles over a few thousand articles though nothing leaks.
    """
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _load_libc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.malloc_trim  # noqa: B018 - glibc only; elsewhere there is nothing to trim
        return libc
    except (OSError, AttributeError):
        return None


_LIBC = _load_libc()


def _process_batch(batch: list[Page | Record | Rejection], options: Options) -> list[Prepared | Rejection]:
    out = [process_item(item, options) for item in batch]
    _release_memory()
    return out


# Thread-count variables of the BLAS libraries numpy may use (OpenBLAS, MKL, OpenMP).
_BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


@contextmanager
def _one_blas_thread_each() -> Iterator[None]:
    """Start workers with one BLAS thread each, unless the user chose otherwise.

    The pool already runs a worker per core; BLAS threads of their own (the entity
    tagger's small matrix products) would fight each other and the writer for the same
    cores, which made tagging several times slower. Spawned children read these
    variables when they start, so the parent's environment is restored right after.
    """
    unset = [name for name in _BLAS_THREADS if name not in os.environ]
    os.environ.update(dict.fromkeys(unset, "1"))
    try:
        yield
    finally:
        for name in unset:
            os.environ.pop(name, None)


def _start_worker(facts: bool) -> None:
    # A pool whose initializer raises starts new workers for ever: both steps are optional
    # (models also load on first use), so neither may fail the worker.
    with suppress(OSError):
        os.nice(WORKER_NICENESS)
    with suppress(Exception):
        load_models(facts=facts)


def _pool(workers: int, facts: bool = True) -> multiprocessing.pool.Pool:
    """The extraction workers: spawned, one BLAS thread each, at a lower priority than this
    process, with their models loaded as they start.

    Lower priority: this process writes and links their results, so it gets a core when it
    has work and they take what is left. Otherwise three processes share two cores evenly,
    results queue up and the last of them are linked alone at the end. Also kinder to a
    server reading the same store.
    """
    # spawn, not fork: the parent holds an open SQLite connection, which must not cross a fork
    context = multiprocessing.get_context("spawn")
    with _one_blas_thread_each():
        return context.Pool(workers, initializer=_start_worker, initargs=(facts,))


def _in_workers(
    pool: multiprocessing.pool.Pool,
    items: Iterator[Page | Record | Rejection],
    workers: int,
    options: Options,
) -> Iterator[Prepared | Rejection]:
    pending: deque[multiprocessing.pool.AsyncResult[list[Prepared | Rejection]]] = deque()
    while True:
        while len(pending) < 4 * workers:
            batch = list(islice(items, WORKER_BATCH))
            if not batch:
                break
            pending.append(pool.apply_async(_process_batch, (batch, options)))
        if not pending:
            return
        yield from pending.popleft().get()


def default_workers(paths: Sequence[str]) -> int:
    size = ingest_stage.total_bytes(paths)
    if size is None or size < PARALLEL_MIN_BYTES:
        return 1
    return max(1, min(os.cpu_count() or 1, 4))


def ingest(
    store: SQLiteStore,
    paths: Sequence[str],
    *,
    crawled_at: datetime | None = None,
    outlet: str | None = None,
    stdin: BinaryIO | None = None,
    chunk_size: int = DEFAULT_CHUNK,
    workers: int | None = None,
    on_progress: Callable[[int], None] | None = None,
    on_item: Callable[[Article | Rejection], None] | None = None,
    link: bool = True,
    facts: bool = True,
) -> IngestSummary:
    """Read ``paths`` into ``store``; see the module docstring for the guarantees.

    With ``facts`` (the default) the understand stage also finds entities, quotations,
    figures and events. With ``link`` (the default) each written chunk is then linked:
    near-duplicates, stories and storylines grow incrementally (see :mod:`warta.linking`).
    """
    if workers is None:
        workers = 1 if stdin is not None else default_workers(paths)
    with ExitStack() as stack:
        # started first: the workers import and load their models while this process opens
        # the link state (which, on a big store, takes a while)
        pool = stack.enter_context(_pool(workers, facts)) if workers > 1 else None
        summary = IngestSummary()
        linker = None
        if link:
            # imported here: worker processes import this module and need none of the link stage
            from warta.linking import Linker

            linker = Linker(store)
        if linker is not None:
            linker.link_pending()  # whatever an interrupted run left unlinked
        run_id = store.start_run(paths)
        articles: list[Prepared] = []
        rejections: list[Rejection] = []
        seen_in_chunk: set[str] = set()

        def flush() -> None:
            outcomes = store.write_batch(articles, rejections, run_id=run_id)
            for outcome in outcomes:
                setattr(summary, outcome, getattr(summary, outcome) + 1)
            if linker is not None:
                # from the copies in hand: new articles are linked (the store marks them
                # linked), edited re-scrapes get a vector of their new text
                for wanted, handle in (("new", linker.link_articles), ("updated", linker.refresh)):
                    chosen = [p for p, o in zip(articles, outcomes, strict=True) if o == wanted]
                    handle(
                        [p.article for p in chosen],
                        stems={p.article.id: s for p in chosen if (s := p.stems) is not None},
                    )
            store.settle_wal()
            articles.clear()
            rejections.clear()
            seen_in_chunk.clear()
            _release_memory()

        items = ingest_stage.read(paths, stdin=stdin, on_progress=on_progress)
        options = Options(crawled_at=crawled_at, outlet=outlet, facts=facts)
        if pool is None:
            results: Iterable[Prepared | Rejection] = (process_item(item, options) for item in items)
        else:
            results = _in_workers(pool, items, workers, options)
        for result in results:
            if isinstance(result, Rejection):
                summary.rejected += 1
                if len(summary.rejections) < IngestSummary.MAX_LISTED:
                    summary.rejections.append(result)
                rejections.append(result)
                if on_item is not None:
                    on_item(result)
            else:
                if result.article.id in seen_in_chunk:
                    # the same article twice in one chunk: write the first, so the second
                    # counts as unchanged or updated exactly as it would across chunks
                    flush()
                seen_in_chunk.add(result.article.id)
                articles.append(result)
                if on_item is not None:
                    on_item(result.article)
            if len(articles) >= chunk_size or len(rejections) >= chunk_size:
                flush()
        flush()
        if linker is not None:
            linker.link_pending()  # anything written but not linked (e.g. updated before linking)
            linker.checkpoint()
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
