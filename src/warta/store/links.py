"""The store's side of the link stage: duplicate groups, stories, storylines, vectors, state.

Assignments are written in one transaction with the link state they came from, so
the file never holds a story id whose story row is missing. Articles not yet
linked carry ``linked = 0``; an interrupted run leaves them so, and the next run
links them first.
"""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from warta.model import Article, parse_time
from warta.store.times import now_text, utc_text

__all__ = ["LinkRow", "LinkStoreMixin", "StoryRow", "StorylineRow"]


@dataclass(frozen=True, slots=True)
class LinkRow:
    """Where one article landed."""

    article_id: str
    duplicate_of: str | None
    story_id: str | None
    vector: dict[str, float]
    signature: bytes | None


@dataclass(frozen=True, slots=True)
class StoryRow:
    id: str
    storyline_id: str | None
    summary: dict[str, Any]


@dataclass(frozen=True, slots=True)
class StorylineRow:
    id: str
    story_ids: list[str]
    start: datetime | None
    end: datetime | None
    summary: dict[str, Any]


class LinkStoreMixin:
    db: sqlite3.Connection

    # -- writing --------------------------------------------------------------

    def unlinked(self, limit: int = 500) -> list[Article]:
        """Articles not yet linked, oldest first (unknown dates last)."""
        # Two queries, each in the order of the articles_unlinked index, so neither sorts the
        # whole backlog (one query ordered by "published_utc IS NULL" first did: 0.7 s a
        # batch on a backlog of 1.5M, against 3 ms).
        rows = self.db.execute(
            "SELECT doc FROM articles WHERE linked = 0 AND published_utc IS NOT NULL"
            " ORDER BY published_utc, rowid LIMIT ?",
            (limit,),
        ).fetchall()
        if len(rows) < limit:
            rows += self.db.execute(
                "SELECT doc FROM articles WHERE linked = 0 AND published_utc IS NULL ORDER BY rowid LIMIT ?",
                (limit - len(rows),),
            ).fetchall()
        return [Article.from_dict(json.loads(r[0])) for r in rows]

    def count_unlinked(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM articles WHERE linked = 0").fetchone()[0])

    def save_links(
        self,
        links: Sequence[LinkRow],
        stories: Iterable[StoryRow] = (),
        storylines: Iterable[StorylineRow] = (),
        state: dict[str, bytes] | None = None,
        *,
        merged: Sequence[tuple[str, str]] = (),
        relocated: Sequence[tuple[str, str]] = (),
        dropped_storylines: Sequence[str] = (),
    ) -> None:
        """Record where articles landed, refresh touched stories and storylines, save state.

        ``merged`` holds (absorbed story id, surviving story id) pairs: the absorbed
        story's stored articles move to the survivor, whose counts are recounted, and its
        row goes. ``relocated`` holds (article id, story id) pairs, applied after the
        merges: the article and its stored copies move to that story (a second look), and
        both stories are recounted. ``dropped_storylines`` are storylines left with no
        story by a merge.
        """
        with self.db:
            for link in links:
                row = self.db.execute(
                    "SELECT rowid, title, outlet, published_utc, published_at FROM articles WHERE id = ?",
                    (link.article_id,),
                ).fetchone()
                if row is None:
                    continue
                rowid, title, outlet, published, published_local = row
                self.db.execute(
                    "UPDATE articles SET duplicate_of = ?, story_id = ?, linked = 1 WHERE rowid = ?",
                    (link.duplicate_of, link.story_id, rowid),
                )
                self.db.execute(
                    "INSERT OR REPLACE INTO article_links"
                    "(rowid, vector, signature, article_id, published_at, duplicate_of) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        rowid,
                        _vector_json(link.vector),
                        link.signature,
                        link.article_id,
                        published_local,
                        link.duplicate_of,
                    ),
                )
                if link.story_id is None:
                    continue
                self.db.execute(
                    "INSERT INTO stories(id, title, first_article, size, first_published, last_published, outlets)"
                    " VALUES (?, ?, ?, 0, ?, ?, '{}') ON CONFLICT(id) DO NOTHING",
                    (link.story_id, title, link.article_id, published, published),
                )
                self.db.execute(
                    "UPDATE stories SET size = size + 1,"
                    " first_published = CASE WHEN first_published IS NULL OR ? < first_published"
                    "   THEN ? ELSE first_published END,"
                    " last_published = CASE WHEN last_published IS NULL OR ? > last_published"
                    "   THEN ? ELSE last_published END,"
                    " outlets = json_set(outlets, ?, coalesce(json_extract(outlets, ?), 0) + 1)"
                    " WHERE id = ?",
                    (
                        published,
                        published,
                        published,
                        published,
                        _json_key(outlet),
                        _json_key(outlet),
                        link.story_id,
                    ),
                )
            self._merge_stories(merged)
            self._relocate(relocated)
            for story in stories:
                self.db.execute(
                    "UPDATE stories SET storyline_id = ?, summary = ? WHERE id = ?",
                    (story.storyline_id, json.dumps(story.summary, ensure_ascii=False), story.id),
                )
                if story.storyline_id is not None:
                    self.db.execute(
                        "UPDATE articles SET storyline_id = ? WHERE story_id = ? AND storyline_id IS NOT ?",
                        (story.storyline_id, story.id, story.storyline_id),
                    )
            for line in storylines:
                title_row = self.db.execute(
                    "SELECT title FROM stories WHERE id = ?", (line.story_ids[0] if line.story_ids else "",)
                ).fetchone()
                self.db.execute(
                    "INSERT INTO storylines(id, title, stories, first_published, last_published, summary)"
                    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET stories = excluded.stories,"
                    " first_published = excluded.first_published, last_published = excluded.last_published,"
                    " summary = excluded.summary",
                    (
                        line.id,
                        title_row[0] if title_row else "",
                        len(line.story_ids),
                        utc_text(line.start),
                        utc_text(line.end),
                        json.dumps(line.summary, ensure_ascii=False),
                    ),
                )
            for storyline_id in dropped_storylines:
                self.db.execute("DELETE FROM storylines WHERE id = ?", (storyline_id,))
            for name, data in (state or {}).items():
                self.db.execute(
                    "INSERT OR REPLACE INTO link_state(name, data, saved_at) VALUES (?, ?, ?)",
                    (name, data, now_text()),
                )

    def _merge_stories(self, merged: Sequence[tuple[str, str]]) -> None:
        survivors: list[str] = []
        for absorbed, survivor in merged:
            self.db.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", (survivor, absorbed))
            self.db.execute("DELETE FROM stories WHERE id = ?", (absorbed,))
            if survivor not in survivors:
                survivors.append(survivor)
        self._recount(survivors)

    def _relocate(self, relocated: Sequence[tuple[str, str]]) -> None:
        changed: list[str] = []
        for article_id, story_id in relocated:
            row = self.db.execute("SELECT story_id FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is None or row[0] == story_id:
                continue
            for column in ("id", "duplicate_of"):  # the article, then its stored copies
                self.db.execute(
                    "UPDATE articles SET story_id = ?,"
                    f" storyline_id = (SELECT storyline_id FROM stories WHERE id = ?) WHERE {column} = ?",
                    (story_id, story_id, article_id),
                )
            changed.extend(sid for sid in (row[0], story_id) if sid is not None and sid not in changed)
        self._recount(changed)

    def _recount(self, story_ids: Sequence[str]) -> None:
        """Size, span, outlets and first article of stories whose articles changed, counted
        from the articles rather than summed: exact whatever the order of merges and moves."""
        for story_id in story_ids:
            rows = self.db.execute(
                "SELECT outlet, count(*), min(published_utc), max(published_utc) FROM articles"
                " WHERE story_id = ? GROUP BY outlet",
                (story_id,),
            ).fetchall()
            outlets = {outlet or "(unknown)": n for outlet, n, _, _ in rows}
            size = sum(n for _, n, _, _ in rows)
            firsts = [r[2] for r in rows if r[2] is not None]
            lasts = [r[3] for r in rows if r[3] is not None]
            first, last = (min(firsts) if firsts else None), (max(lasts) if lasts else None)
            self.db.execute(
                "UPDATE stories SET size = ?, first_published = ?, last_published = ?, outlets = ? WHERE id = ?",
                (size, first, last, json.dumps(outlets, ensure_ascii=False), story_id),
            )
            earliest = self.db.execute(
                "SELECT id, title FROM articles INDEXED BY articles_story WHERE story_id = ?"
                " ORDER BY published_utc IS NULL, published_utc, rowid LIMIT 1",
                (story_id,),
            ).fetchone()
            if earliest is not None:
                self.db.execute(
                    "UPDATE stories SET first_article = ?, title = ? WHERE id = ?", (*earliest, story_id)
                )

    def sample_ids(self, n: int, *, seed: int = 7) -> list[str]:
        """``n`` linked article ids picked at random (reproducibly), for benchmarks."""
        top = self.db.execute("SELECT max(rowid) FROM articles").fetchone()[0] or 0
        rng = random.Random(seed)
        out: list[str] = []
        for _ in range(20 * n):
            if len(out) >= n or not top:
                break
            row = self.db.execute(
                "SELECT id FROM articles WHERE rowid >= ? AND linked = 1 LIMIT 1", (rng.randint(1, top),)
            ).fetchone()
            if row and row[0] not in out:
                out.append(row[0])
        return out

    def count_stories(self) -> tuple[int, int]:
        """(stories, storylines) held."""
        stories = self.db.execute("SELECT count(*) FROM stories").fetchone()[0]
        lines = self.db.execute("SELECT count(*) FROM storylines").fetchone()[0]
        return int(stories), int(lines)

    def load_state(self, name: str) -> bytes | None:
        row = self.db.execute("SELECT data FROM link_state WHERE name = ?", (name,)).fetchone()
        return bytes(row[0]) if row else None

    def signatures(self, since: datetime | None = None) -> Iterator[tuple[str, bytes, datetime | None]]:
        """(article id, MinHash signature, published) of originals published since ``since``, oldest first."""
        where, params = ("AND a.published_utc >= ?", [utc_text(since)]) if since else ("", [])
        cursor = self.db.execute(
            "SELECT a.id, l.signature, a.published_at FROM articles a INDEXED BY articles_linked_originals"
            " JOIN article_links l ON l.rowid = a.rowid"
            f" WHERE a.linked = 1 AND a.duplicate_of IS NULL AND l.signature IS NOT NULL {where}"
            " ORDER BY a.published_utc, a.rowid",
            params,
        )
        for article_id, signature, published in cursor:
            yield article_id, bytes(signature), parse_time(published)

    def reset_links(self) -> None:
        """Forget every link (for a rebuild from scratch)."""
        with self.db:
            self.db.execute(
                "UPDATE articles SET duplicate_of = NULL, story_id = NULL, storyline_id = NULL, linked = 0"
            )
            for table in ("stories", "storylines", "article_links", "link_state"):
                self.db.execute(f"DELETE FROM {table}")

    # -- reading --------------------------------------------------------------

    def story(self, story_id: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT * FROM stories WHERE id = ?", (story_id,)).fetchone()
        return _story_dict(row) if row else None

    def story_articles(self, story_id: str) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT id, title, outlet, url, published_at, duplicate_of FROM articles"
            " WHERE story_id = ? ORDER BY published_utc IS NULL, published_utc, rowid",
            (story_id,),
        ).fetchall()
        return [dict(r) for r in rows]

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
        """Stories, most recently active first."""
        clauses, params = ["size >= ?"], [min_size]
        if since:
            clauses.append("last_published >= ?")
            params.append(utc_text(since))
        if until:
            clauses.append("first_published < ?")
            params.append(utc_text(until))
        if outlet:
            clauses.append("json_extract(outlets, ?) IS NOT NULL")
            params.append(_json_key(outlet))
        rows = self.db.execute(
            f"SELECT * FROM stories WHERE {' AND '.join(clauses)}"
            " ORDER BY last_published IS NULL, last_published DESC, id LIMIT ? OFFSET ?",
            (*params, limit, offset),
        ).fetchall()
        return [_story_dict(r) for r in rows]

    def storyline(self, storyline_id: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT * FROM storylines WHERE id = ?", (storyline_id,)).fetchone()
        if row is None:
            return None
        out = _storyline_dict(row)
        stories = self.db.execute(
            "SELECT * FROM stories WHERE storyline_id = ? ORDER BY first_published IS NULL, first_published, id",
            (storyline_id,),
        ).fetchall()
        out["stories"] = [_story_dict(s) for s in stories]
        return out

    def storylines(self, *, min_stories: int = 2, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT * FROM storylines WHERE stories >= ?"
            " ORDER BY last_published IS NULL, last_published DESC, id LIMIT ? OFFSET ?",
            (min_stories, limit, offset),
        ).fetchall()
        return [_storyline_dict(r) for r in rows]

    def update_vectors(self, vectors: Mapping[str, dict[str, float]]) -> int:
        """Replace the stored vectors of linked originals (an edited re-scrape); copies keep
        the vector they share with their original, and unlinked articles get theirs when
        linked. Returns how many were replaced."""
        done = 0
        with self.db:
            for article_id, vector in vectors.items():
                done += self.db.execute(
                    "UPDATE article_links SET vector = ? WHERE rowid ="
                    " (SELECT rowid FROM articles WHERE id = ? AND linked = 1 AND duplicate_of IS NULL)",
                    (_vector_json(vector), article_id),
                ).rowcount
        return done

    def link_info(self, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """For each id: published time, story, storyline, duplicate group and stored vector,
        and ``row``, the article's row key (see :meth:`related_candidates`)."""
        return {
            r[0]: {**_link_fields(r), "story_id": r[5], "storyline_id": r[6]}
            for r in self._select_in(
                "SELECT a.id, a.published_at, a.duplicate_of, l.vector, a.rowid, a.story_id, a.storyline_id"
                " FROM articles a LEFT JOIN article_links l ON l.rowid = a.rowid WHERE a.id IN ({marks})",
                article_ids,
            )
        }

    def related_candidates(self, rows: Sequence[int]) -> dict[str, dict[str, Any]]:
        """What related news ranks of each linked article among these row keys (as
        :meth:`rows_in` and :meth:`rows_with_terms` give), keyed by article id: published
        time, duplicate group, stored vector and ``row``. Unlinked articles are left out.

        A row key is the store's own key for an article (the full-text index's rowid).
        Related news gathers a few hundred candidates per call; reading them by key from
        ``article_links`` alone, where the link stage wrote them, skips a seek in the id
        index and a wide article row for each (a cold call on 1.6M articles: 36 ms on
        average by id, 19 by key). Story and storyline membership: :meth:`rows_in`.
        """
        return {
            r[0]: _link_fields(r)
            for r in self._select_in(
                "SELECT article_id, published_at, duplicate_of, vector, rowid FROM article_links"
                " WHERE rowid IN ({marks}) AND article_id IS NOT NULL",
                rows,
            )
        }

    def _select_in(self, sql: str, keys: Sequence[Any]) -> Iterator[sqlite3.Row]:
        """The rows of ``sql`` (whose ``{marks}`` is an IN list) for these keys, 500 at a
        time: SQLite bounds the parameters of one statement."""
        for start in range(0, len(keys), 500):
            chunk = list(keys[start : start + 500])
            yield from self.db.execute(sql.format(marks=",".join("?" * len(chunk))), chunk).fetchall()

    def rows_in(
        self, *, story_id: str | None = None, storyline_id: str | None = None, limit: int | None = 100
    ) -> list[int]:
        """Row keys of one story's or storyline's articles, most recent first (from the
        index); ``limit=None`` gives them all."""
        column, value = ("story_id", story_id) if story_id else ("storyline_id", storyline_id)
        if value is None:
            return []
        found = self.db.execute(
            f"SELECT rowid FROM articles WHERE {column} = ? ORDER BY published_utc DESC LIMIT ?",
            (value, -1 if limit is None else limit),
        ).fetchall()
        return [r[0] for r in found]

    def rows_with_terms(self, terms: Sequence[str], limit: int = 100, *, every: bool = False) -> list[int]:
        """Row keys of the most recently stored articles holding any (``every``: all) of these
        index terms (stems). Reads the full-text index only, and stops at ``limit``: no
        ranking, which would read every match's doclist and positions (up to 85 ms on a
        cold 1.7M-article store, for three terms)."""
        words = [t for t in terms if t and t.isalnum()][:32]
        if not words:
            return []
        match = (" AND " if every else " OR ").join('"' + t + '"' for t in words)
        sql = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ?"
        return [r[0] for r in self.db.execute(sql, (match, limit)).fetchall()]


def _link_fields(r: sqlite3.Row) -> dict[str, Any]:
    """Published time, duplicate group, stored vector and row key, from a row that starts
    (id, published_at, duplicate_of, vector, rowid): what related news reads of an article."""
    return {
        "published_at": parse_time(r[1]),
        "duplicate_of": r[2],
        "vector": json.loads(r[3]) if r[3] else None,
        "row": r[4],
    }


def _vector_json(vector: dict[str, float]) -> str:
    return json.dumps(vector, separators=(",", ":"))


def _json_key(outlet: str | None) -> str:
    return "$." + json.dumps(outlet or "(unknown)")


def _story_dict(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "storyline_id": row["storyline_id"],
        "title": row["title"],
        "first_article": row["first_article"],
        "size": row["size"],
        "first_published": row["first_published"],
        "last_published": row["last_published"],
        "outlets": json.loads(row["outlets"] or "{}"),
        "summary": json.loads(row["summary"]) if row["summary"] else None,
    }


def _storyline_dict(row: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": row["id"],
        "title": row["title"],
        "stories": row["stories"],
        "first_published": row["first_published"],
        "last_published": row["last_published"],
        "summary": json.loads(row["summary"]) if row["summary"] else None,
    }
