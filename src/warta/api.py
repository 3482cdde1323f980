"""The Python API: one handle over one database, the same core the CLI and server use.

>>> import warta
>>> db = warta.open("warta.db")
>>> db.ingest("samples/")
>>> [hit.title for hit in db.search("campur tangan", limit=3)]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import IO, Any, BinaryIO

from warta import linking
from warta.model import Article, Rejection, SearchHit
from warta.pipeline import IngestSummary
from warta.pipeline import ingest as run_ingest
from warta.serve.export import export_articles, export_events
from warta.store import SQLiteStore, open_store

__all__ = ["Warta"]


class Warta:
    """A warta database. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path = "warta.db", *, readonly: bool = False) -> None:
        self.path = str(path)
        self.store: SQLiteStore = open_store(path, readonly=readonly)

    def __enter__(self) -> Warta:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def ingest(
        self,
        *paths: str | Path,
        crawled_at: datetime | None = None,
        outlet: str | None = None,
        stdin: BinaryIO | None = None,
        workers: int | None = None,
        link: bool = True,
        facts: bool = True,
        on_progress: Callable[[int], None] | None = None,
        on_item: Callable[[Article | Rejection], None] | None = None,
    ) -> IngestSummary:
        """Ingest files, folders, globs or ``-`` (``stdin``); returns new/updated/unchanged/rejected.

        ``workers``: processes for extraction (default: one per core on inputs over 8 MB).
        """
        return run_ingest(
            self.store,
            [str(p) for p in paths],
            crawled_at=crawled_at,
            outlet=outlet,
            stdin=stdin,
            workers=workers,
            link=link,
            facts=facts,
            on_progress=on_progress,
            on_item=on_item,
        )

    def search(
        self,
        query: str,
        *,
        outlet: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int = 10,
        offset: int = 0,
    ) -> list[SearchHit]:
        """Full-text search (Indonesian-aware, BM25); raises ``warta.store.QueryError`` on bad syntax."""
        return self.store.search(query, outlet=outlet, since=since, until=until, limit=limit, offset=offset)

    def get(self, article_id: str) -> Article | None:
        return self.store.get(article_id)

    def __getitem__(self, article_id: str) -> Article:
        article = self.get(article_id)
        if article is None:
            raise KeyError(article_id)
        return article

    def articles(
        self, *, outlet: str | None = None, since: datetime | None = None, until: datetime | None = None
    ) -> Iterator[Article]:
        return self.store.iter_articles(outlet=outlet, since=since, until=until)

    def export(
        self,
        out: str | Path | IO[Any],
        format: str = "jsonl",
        *,
        outlet: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> int:
        """Write articles as JSON lines, CSV or Parquet; returns how many were written."""
        target = str(out) if isinstance(out, Path) else out
        return export_articles(self.articles(outlet=outlet, since=since, until=until), target, format)

    def export_events(self, out: str | Path | IO[str]) -> int:
        """Write every event as a GDELT-like CSV table; returns how many."""
        target = str(out) if isinstance(out, Path) else out
        return export_events(self.store.iter_events(), target)

    def stats(self) -> dict[str, Any]:
        return self.store.stats()

    # -- the link stage ---------------------------------------------------------

    def related(self, article_id: str, limit: int = 10) -> list[tuple[str, float]]:
        """Related news for an article: ranked ``[(article_id, score)]``, never itself or its copies."""
        return linking.related(self.store, article_id, limit=limit)

    def stories(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        outlet: str | None = None,
        min_size: int = 1,
        limit: int = 20,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Stories (one real-world happening each), most recently active first."""
        return self.store.stories(
            since=since, until=until, outlet=outlet, min_size=min_size, limit=limit, offset=offset
        )

    def story(self, story_id: str) -> dict[str, Any] | None:
        """A story with its articles in time order."""
        story = self.store.story(story_id)
        if story is not None:
            story["articles"] = self.store.story_articles(story_id)
        return story

    def storylines(self, *, min_stories: int = 2, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Storylines (stories about the same actors and issue over time), most recent first."""
        return self.store.storylines(min_stories=min_stories, limit=limit, offset=offset)

    def storyline(self, storyline_id: str) -> dict[str, Any] | None:
        """A storyline with its stories as a timeline."""
        return self.store.storyline(storyline_id)

    # -- the understand stage ---------------------------------------------------

    def entities(self, *, type: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """People, organisations, places and countries, most mentioned first."""
        return self.store.entities(type=type, limit=limit, offset=offset)

    def entity(self, name: str) -> dict[str, Any] | None:
        """One entity by name, alias or id: aliases, roles with dates, mentions per week, quotations."""
        entity = self.store.find_entity(name)
        if entity is not None:
            entity["mentions_by_week"] = self.store.entity_mentions_by_week(entity["id"])
            entity["quotes"] = self.store.quotes(speaker=entity["id"], limit=20)
        return entity

    def quotes(self, *, speaker: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Quotations, newest first; ``speaker`` is a name, alias or entity id."""
        speaker_id = None
        if speaker:
            found = self.store.find_entity(speaker)
            if found is None:
                return []
            speaker_id = found["id"]
        return self.store.quotes(speaker=speaker_id, limit=limit, offset=offset)

    def events(
        self,
        *,
        actor: str | None = None,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        modality: str | None = None,
        limit: int = 100,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Events (PLOVER-coded), newest first; ``actor`` is a name or alias on either side;
        ``modality`` "asserted" (it happened) or "planned" (planned, hoped for or asked for)."""
        actors = self._actor_names([actor]) if actor else []
        if actor and not actors:
            return []
        return self.store.events(
            actors=actors, code=type, since=since, until=until, modality=modality, limit=limit, offset=offset
        )

    def timeline(self, *actors: str, limit: int = 500) -> list[dict[str, Any]]:
        """Events and quotations of these actors, in time order (each item has ``kind``)."""
        names = self._actor_names(actors)
        items: list[dict[str, Any]] = [
            {**e, "kind": "event", "when": e.get("date") or (e.get("published_utc") or "")[:10]}
            for e in self.store.events(actors=names, limit=limit, order="asc")
        ]
        for name in actors:
            found = self.store.find_entity(name)
            if found is not None:
                items += [
                    {
                        **q,
                        "speaker_name": found["name"],  # the entity's fullest name; "speaker" is as written
                        "quote_kind": q.get("kind"),
                        "kind": "quote",
                        "when": (q.get("published_utc") or "")[:10],
                    }
                    for q in self.store.quotes(speaker=found["id"], limit=limit, order="asc")
                ]
        items.sort(key=lambda item: (item["when"] or "9999", item["kind"]))
        return items[:limit]

    def _actor_names(self, actors: Sequence[str]) -> list[str]:
        names: list[str] = []
        for actor in actors:
            found = self.store.find_entity(actor)
            names.append(found["name"] if found else actor)
        return names

    def restory(self, on_batch: Callable[[int], None] | None = None) -> int:
        """Forget every link and rebuild duplicates, stories and storylines from scratch."""
        self.store.reset_links()
        return linking.Linker(self.store).link_pending(on_batch=on_batch)

    def optimize(self) -> dict[str, int]:
        """Fold one-word people into the full names that now dominate (``fold_people``), then
        merge the full-text index into one segment (see ``SQLiteStore.optimize``)."""
        folded = self.store.fold_people()
        before, after = self.store.optimize()
        return {"segments_before": before, "segments_after": after, "people_folded": folded}

    def __len__(self) -> int:
        return self.store.count()
