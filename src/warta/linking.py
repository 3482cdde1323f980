"""Wiring of the link stage to the store: feed stored articles, in time order, to the
streaming components of :mod:`warta.link` and record where each landed.

``warta ingest`` calls :meth:`Linker.link_pending` after writing, so stories grow
incrementally; ``warta restory`` forgets every link and replays the whole store.
Only the open window lives in memory: the story clusterer's open stories, the
storyline linker's open storylines and the near-duplicate index of recent
originals (rebuilt from stored signatures when a run starts).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import UTC, timedelta

import orjson

from warta.config import LinkConfig
from warta.link import (
    ArticleFeatures,
    Candidate,
    DuplicateIndex,
    StoryClusterer,
    StorylineLinker,
    StorySummary,
    rank_related,
)
from warta.link.features import top_k
from warta.link.related import vector_of
from warta.model import Article
from warta.store import SQLiteStore
from warta.store.links import LinkRow, StorylineRow, StoryRow

__all__ = ["Linker", "related"]

VECTOR_TERMS = 40  # weights kept per article for related-news ranking
CHECKPOINT_EVERY = 20  # batches between saves of the clusterers' state


class Linker:
    """The link stage over one store. Not thread-safe; one per ingest run."""

    def __init__(self, store: SQLiteStore, config: LinkConfig | None = None) -> None:
        self.store = store
        self.config = config or LinkConfig()
        stories = store.load_state("stories")
        lines = store.load_state("storylines")
        self.clusterer = (
            StoryClusterer.from_dict(orjson.loads(stories), self.config)
            if stories
            else StoryClusterer(self.config)
        )
        self.storylines = (
            StorylineLinker.from_dict(orjson.loads(lines), self.config)
            if lines
            else StorylineLinker(self.config)
        )
        self._batches = 0
        self.dedup = DuplicateIndex(self.config)
        window: timedelta = getattr(self.config, "dedup_window", None) or timedelta(days=30)
        clock = self.clusterer.clock
        for article_id, signature, published_at in store.signatures(since=clock - window if clock else None):
            self.dedup.add_signature(article_id, signature, published_at=published_at)

    def link_pending(
        self, *, batch: int = 500, limit: int | None = None, on_batch: Callable[[int], None] | None = None
    ) -> int:
        """Link the articles the store holds unlinked (at most ``limit``), oldest first; returns how many."""
        done = 0
        batches = 0
        while articles := self.store.unlinked(batch if limit is None else min(batch, limit - done)):
            self._link_batch(articles, checkpoint=(batches + 1) % CHECKPOINT_EVERY == 0)
            done += len(articles)
            batches += 1
            if on_batch is not None:
                on_batch(len(articles))
        if batches:
            self.checkpoint()
        return done

    def _stored_vector(self, terms: dict[str, float], names: dict[str, float]) -> dict[str, float]:
        # The clusterer's own unit vectors, words and names counting alike: a related
        # article may share the issue without the actors (or the actors on another issue).
        vector = dict(terms)
        for name, w in names.items():
            vector[name] = vector.get(name, 0.0) + w
        kept = top_k(vector, VECTOR_TERMS)
        norm = sum(w * w for w in kept.values()) ** 0.5 or 1.0
        return {k: w / norm for k, w in kept.items()}

    def link_articles(
        self, articles: list[Article], stems: Mapping[str, tuple[list[str], list[str]]] | None = None
    ) -> None:
        """Link articles just written (the caller's copies: no read-back), oldest first.

        ``stems`` maps an article id to its title's and body's terms when the caller has
        them already (see :attr:`ArticleFeatures.stems`)."""
        if not articles:
            return

        def when(a: Article) -> tuple[bool, str]:
            t = a.published_at or a.crawled_at
            return (t is None, t.astimezone(UTC).isoformat() if t else "")

        self._batches += 1
        self._link_batch(
            sorted(articles, key=when), checkpoint=self._batches % CHECKPOINT_EVERY == 0, stems=stems
        )

    def refresh(
        self, articles: list[Article], stems: Mapping[str, tuple[list[str], list[str]]] | None = None
    ) -> None:
        """Re-scraped articles whose text changed: their stored vectors (related news) are
        made again from the new text. Stories and duplicate groups stay as linked; the
        clusterer learns nothing from a second copy of the same article."""
        vectors = {
            article.id: _as_stored(
                self._stored_vector(*self.clusterer.vectorise(self._features(article, stems), learn=False))
            )
            for article in articles
        }
        if vectors:
            self.store.update_vectors(vectors)

    def _features(
        self, article: Article, stems: Mapping[str, tuple[list[str], list[str]]] | None
    ) -> ArticleFeatures:
        return ArticleFeatures.from_article(
            article, stems.get(article.id) if stems else None, self.config.link_entity_languages
        )

    def checkpoint(self) -> None:
        """The end of a run: the articles still waiting for a second look get it (see
        ``LinkConfig.story_second_look``), and the clusterers' state is saved."""
        self._link_batch([], checkpoint=True, refine=True)

    def _state(self) -> dict[str, bytes]:
        return {
            "stories": orjson.dumps(self.clusterer.to_dict()),
            "storylines": orjson.dumps(self.storylines.to_dict()),
        }

    def _link_batch(
        self,
        articles: list[Article],
        *,
        checkpoint: bool,
        stems: Mapping[str, tuple[list[str], list[str]]] | None = None,
        refine: bool = False,
    ) -> None:
        rows: list[LinkRow] = []
        story_of: dict[str, str | None] = {}
        touched: set[str] = set()
        # absorbed story id -> surviving id, for open stories merged during this batch
        moved: dict[str, str] = {}
        # article id -> the story a second look moved it to (stored articles, or this batch's)
        relocated: dict[str, str] = {}
        vector_in_batch: dict[str, dict[str, float]] = {}  # as stored, for copies of this batch's articles
        for article in articles:
            features = self._features(article, stems)
            when = article.published_at or article.crawled_at
            signature = self.dedup.signature(article.title, article.body)
            duplicate_of = self.dedup.add_signature(article.id, signature, published_at=when)
            story_id: str | None = None
            vector: dict[str, float] | None = None
            if duplicate_of is not None:
                # a copy joins its original's story, adds no weight to it and shares its
                # vector (near-identical text; and the clusterer's own, like the original's)
                story_id = story_of.get(duplicate_of)
                vector = vector_in_batch.get(duplicate_of)
                if story_id is None:
                    info = self.store.link_info([duplicate_of]).get(duplicate_of, {})
                    story_id, vector = info.get("story_id"), info.get("vector")
                story_id = moved.get(story_id, story_id) if story_id is not None else None
            if story_id is None:
                story_id = self.clusterer.assign(features)
                vector = self._stored_vector(*self.clusterer.last_vectors)
                # pop_merged flattens chains (an id absorbed earlier comes again with the new
                # survivor), so the latest pair for an id is where it lives now
                moved.update(self.clusterer.pop_merged())
                self._take_moves(relocated, touched)
            elif vector is None:
                vector = top_k(vector_of(features, self.clusterer.df, self.config), VECTOR_TERMS)
            story_of[article.id] = story_id
            touched.add(story_id)
            stored = _as_stored(vector)
            vector_in_batch[article.id] = stored
            rows.append(
                LinkRow(
                    article_id=article.id,
                    duplicate_of=duplicate_of,
                    story_id=story_id,
                    vector=stored,
                    signature=signature if duplicate_of is None else None,
                )
            )
        if refine:
            self.clusterer.refine()
            moved.update(self.clusterer.pop_merged())
            self._take_moves(relocated, touched)
        if moved:
            rows = [
                replace(row, story_id=moved.get(row.story_id, row.story_id)) if row.story_id else row
                for row in rows
            ]
            touched = {moved.get(sid, sid) for sid in touched}
            relocated = {aid: moved.get(sid, sid) for aid, sid in relocated.items()}
        summaries: dict[str, StorySummary] = {s.story_id: s for s in self.clusterer.pop_closed()}
        for story_id in sorted(touched - summaries.keys()):
            summary = self.clusterer.summary_of(story_id)
            if summary is not None:
                summaries[story_id] = summary
        lines_touched: set[str] = set()
        dropped: list[str] = []
        for absorbed in sorted(moved):
            left = self.storylines.forget(absorbed)
            if left is None:
                continue
            storyline_id, holds_stories = left
            if holds_stories:
                lines_touched.add(storyline_id)
            else:
                dropped.append(storyline_id)
        stories = [StoryRow(s.story_id, self.storylines.link(s), s.to_dict()) for s in summaries.values()]
        lines_touched |= {s.storyline_id for s in stories if s.storyline_id is not None}
        lines = {line.storyline_id: line for line in self.storylines.pop_closed()}
        lines.update(
            {
                line.storyline_id: line
                for line in self.storylines.open_storylines()
                if line.storyline_id in lines_touched
            }
        )
        storyline_rows = [
            StorylineRow(line.storyline_id, line.story_ids, line.start, line.end, line.to_dict())
            for line in lines.values()
        ]
        # the rows must exist before stories point at them: articles first, then stories
        self.store.save_links(
            rows,
            stories,
            storyline_rows,
            state=self._state() if checkpoint else None,
            merged=sorted(moved.items()),
            relocated=sorted(relocated.items()),
            dropped_storylines=dropped,
        )

    def _take_moves(self, relocated: dict[str, str], touched: set[str]) -> None:
        """Articles the clusterer's second looks moved: both stories need their rows redone."""
        for article_id, left, joined in self.clusterer.pop_moved():
            relocated[article_id] = joined
            touched.update((left, joined))


def _as_stored(vector: dict[str, float]) -> dict[str, float]:
    """A vector as the store keeps it: four decimals are plenty for a cosine."""
    return {k: round(v, 4) for k, v in vector.items()}


def related(
    store: SQLiteStore, article_id: str, *, limit: int = 10, config: LinkConfig | None = None
) -> list[tuple[str, float]]:
    """Related news for one stored article: ranked ``[(article_id, score)]``.

    Candidates: the article's story and storyline, the best full-text matches for its
    heaviest terms, and the most recent articles holding each of its twelve heaviest
    terms (a bounded pool: at most a few hundred, whatever the store's size); ranking:
    :func:`warta.link.rank_related`.
    """
    cfg = config or LinkConfig()
    info = store.link_info([article_id]).get(article_id)
    if info is None:
        return []
    vector = info["vector"] or {}
    terms = [t for t in sorted(vector, key=lambda k: -vector[k]) if not t.startswith("@")][:12]
    # Candidates are gathered as the store's row keys and looked up once, at the end. The
    # story's and storyline's newest fifty are candidates; all their rows say who belongs.
    in_story = store.rows_in(story_id=info["story_id"], limit=None)
    in_storyline = store.rows_in(storyline_id=info["storyline_id"], limit=None)
    rows = set(in_story[:50]) | set(in_storyline[:50])
    # Full-text candidates, newest first and unranked (the vectors rank them below): up to
    # a hundred holding all of the target's three heaviest terms (then two), a hundred
    # holding any of its six heaviest, and twenty holding each of its twelve heaviest.
    # BM25 ranking would read every match's doclist and positions: on a cold store of
    # 1.7M articles that cost up to 85 ms for three terms, and it changed one answer in
    # five a little (top-10 overlap 0.94) with no loss on the ECB+ and IndoSum benches.
    # The heaviest terms are often rare names whose AND (and OR) match almost nothing;
    # the per-term pools reach the articles that share the target's broader terms: every
    # article holding a rare one, the most recent holding a common one.
    for size in (3, 2):
        found = store.rows_with_terms(terms[:size], limit=100, every=True)
        rows |= set(found)
        if len(found) >= 30:
            break
    rows |= set(store.rows_with_terms(terms[:6], limit=100))
    for term in terms[:12]:
        rows |= set(store.rows_with_terms([term], limit=20))
    rows.discard(info["row"])
    details = store.related_candidates(sorted(rows))
    story_rows, storyline_rows = set(in_story), set(in_storyline)
    target = Candidate(
        article_id=article_id,
        vector=vector,
        story_id=info["story_id"],
        storyline_id=info["storyline_id"],
        published_at=info["published_at"],
        duplicate_of=info["duplicate_of"],
    )
    candidates = [
        Candidate(
            article_id=cid,
            vector=d["vector"] or {},
            story_id=info["story_id"] if d["row"] in story_rows else None,
            storyline_id=info["storyline_id"] if d["row"] in storyline_rows else None,
            published_at=d["published_at"],
            duplicate_of=d["duplicate_of"],
        )
        for cid, d in sorted(details.items())  # id order: ties between copies break as they always have
    ]
    ranked = rank_related(
        target, candidates, cfg.with_(related_limit=limit) if hasattr(cfg, "with_") else cfg
    )
    return ranked[:limit]
