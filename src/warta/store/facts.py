"""The store's side of the understand stage: entities, their mentions over time,
quotations and events, indexed for the entity, quote, event and timeline queries.

Each article's facts are rewritten with the article, in the same transaction, so
they never disagree with its body.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from warta.store.times import utc_text

__all__ = ["FactStoreMixin"]

MAX_ALIASES = 64  # an entity's distinct spellings kept (most frequent win; bounded rows)


def _path(key: str) -> str:
    # SQLite's JSON paths take a double-quoted label with no escapes: keys never hold
    # quotes or backslashes (see _key), so this quoting is exact.
    return '$."' + key + '"'


def _key(text: str) -> str:
    """A JSON object key safe in SQLite paths: page text is hostile (quotes, backslashes)."""
    return " ".join(text.replace('"', " ").replace("\\", " ").split())[:200]


def _spellings(
    doc: dict[str, Any], stored: dict[str, int], short: dict[str, str] | None = None
) -> dict[str, Counter[str]]:
    """The spellings an indexed document added to each stored entity, as ``_index_facts``
    counted them. A one-word person folded into a full name when stored ("Santosa" into
    "Bagus Santosa") is found among the article's stored people by the words of its id; a
    full name folded into its short form, by ``short`` (full name's id -> short form's)."""
    out: dict[str, Counter[str]] = {}
    short = short or {}
    for mention in doc.get("entities") or []:
        entity_id = str(mention.get("entity_id") or "")
        if entity_id and entity_id not in stored and short.get(entity_id) in stored:
            entity_id = short[entity_id]
        if entity_id and entity_id not in stored:
            words = set(entity_id.partition(":")[2].split())
            entity_id = next(
                (e for e in stored if e.startswith("person:") and words <= set(e.partition(":")[2].split())),
                "",
            )
        surface = _key(str(mention.get("surface") or mention.get("entity") or ""))
        if entity_id and surface:
            out.setdefault(entity_id, Counter())[surface] += 1
    return out


class FactStoreMixin:
    db: sqlite3.Connection

    # -- writing (called inside the article's own transaction) ---------------------

    def _forget_facts(self, rowid: int, doc: dict[str, Any] | None = None) -> None:
        """Take an article's facts back out of the aggregates before it is indexed again: its
        mention counts, and, given the document it was indexed from, the spellings it added.
        An entity no article mentions any more is dropped, so an improved reading of the
        same pages ("PSSI" no longer merged with "PSI") leaves no stale entity behind. Roles
        keep their dates: a role's first and last day cannot be taken back."""
        stored = dict(
            self.db.execute(
                "SELECT entity_id, mentions FROM entity_mentions WHERE article_rowid = ?", (rowid,)
            ).fetchall()
        )
        self.db.executemany(
            "UPDATE entities SET mentions = mentions - ?, articles = articles - 1 WHERE id = ?",
            [(n, entity_id) for entity_id, n in stored.items()],
        )
        if doc is not None:
            short = {
                full: entity_id
                for full, (entity_id, _) in self._short_forms_of(
                    [str(m.get("entity_id") or "") for m in doc.get("entities") or []]
                ).items()
            }
            self.db.executemany(
                "UPDATE entities SET aliases = CASE WHEN coalesce(json_extract(aliases, ?1), 0) > ?2"
                " THEN json_set(aliases, ?1, json_extract(aliases, ?1) - ?2) ELSE json_remove(aliases, ?1) END"
                " WHERE id = ?3",
                [
                    (_path(surface), k, entity_id)
                    for entity_id, spellings in _spellings(doc, stored, short).items()
                    for surface, k in spellings.items()
                ],
            )
        gone = self.db.execute(
            "SELECT id FROM entities WHERE articles <= 0 AND id IN (SELECT value FROM json_each(?))",
            (json.dumps(list(stored)),),
        ).fetchall()
        self.db.executemany("DELETE FROM entities WHERE id = ?", gone)
        self.db.executemany("DELETE FROM person_names WHERE entity_id = ?", gone)
        self.db.executemany("DELETE FROM short_forms WHERE entity_id = ?", gone)
        for table in ("entity_mentions", "quotes", "events"):
            self.db.execute(f"DELETE FROM {table} WHERE article_rowid = ?", (rowid,))

    def _one_word_people(self, mentions: list[dict[str, Any]]) -> dict[str, tuple[str, str]]:
        """{id: (id, name)} of the full-name entity each one-word person of this article
        stands for ("person:santosa" -> "person:bagus santosa"), when the store knows one
        that clearly dominates: named in two articles or more (one article's tagging slip,
        "Jokowi Gibran", is not enough), with the word as a spelling seen in its own
        articles, at least three times the mentions of any other such person with that word
        in their name, and at least as many as the one-word name has on its own so far.
        An article that names someone by one word only is common news style ("Santosa
        mengatakan ..."); the article itself has no full name to join it to."""
        folded: dict[str, tuple[str, str]] = {}
        for mention in mentions:
            entity_id = str(mention.get("entity_id") or "")
            word = entity_id.removeprefix("person:")
            if word == entity_id or " " in word or len(word) < 3 or entity_id in folded:
                continue
            surface = _key(str(mention.get("surface") or ""))
            rows = self.db.execute(
                "SELECT e.id, e.name, e.mentions, json_extract(e.aliases, ?) IS NOT NULL FROM person_names p"
                " JOIN entities e ON e.id = p.entity_id WHERE p.word = ? AND e.articles >= 2"
                " ORDER BY e.mentions DESC LIMIT 2",
                (_path(surface), word),
            ).fetchall()
            if not rows or not rows[0][3] or (len(rows) > 1 and rows[0][2] < 3 * rows[1][2]):
                continue
            # a one-word name with more mentions of its own than the full name is a name in its
            # own right ("Jokowi"), not a short form of a tagging slip ("Jokowi Gibran")
            own = self.db.execute("SELECT mentions FROM entities WHERE id = ?", (entity_id,)).fetchone()
            if own is None or rows[0][2] >= own[0]:
                folded[entity_id] = (rows[0][0], rows[0][1])
        return folded

    def _short_forms_of(self, ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        """{id: (id, name)} of the short-form entity each of ``ids`` is the full name of, by an
        earlier article's definition ("Institut Teknologi Kalimaya (ITK)"): "org:institut
        teknologi kalimaia" -> "org:itk". An article that writes only the full name joins it;
        not when articles defined the short form for two names, as it may mean either."""
        wanted = sorted({i for i in ids if i.startswith("org:")})
        if not wanted:
            return {}
        rows = self.db.execute(
            "SELECT s.full_name_id, e.id, e.name FROM short_forms s JOIN entities e ON e.id = s.entity_id"
            " WHERE s.full_name_id IN (SELECT value FROM json_each(?)) AND e.articles > 0"
            # a short form defined for two bodies ("ITK" of two institutes) joins neither
            " AND (SELECT count(*) FROM short_forms t WHERE t.entity_id = s.entity_id) = 1",
            (json.dumps(wanted),),
        ).fetchall()
        return {full: (entity_id, name) for full, entity_id, name in rows if full != entity_id}

    def _define_short_forms(self, mentions: list[dict[str, Any]]) -> None:
        """Record each short form this article defines for a full name, and fold into it the
        entity of the full name that earlier articles, writing only that, made on their own."""
        pairs = {
            str(m["full_name_id"]): str(m["entity_id"])
            for m in mentions
            if m.get("full_name_id") and m.get("entity_id") and m["full_name_id"] != m["entity_id"]
        }
        if not pairs:
            return
        # the first definition stands: ids never move back and forth between two short forms
        self.db.executemany(
            "INSERT OR IGNORE INTO short_forms(full_name_id, entity_id) VALUES (?, ?)", sorted(pairs.items())
        )
        for full, (short, short_name) in self._short_forms_of(list(pairs)).items():
            old = self.db.execute(
                "SELECT name FROM entities WHERE id = ? AND articles > 0", (full,)
            ).fetchone()
            if old is not None:
                self._merge_entity(full, old[0], short, short_name)

    def _index_facts(self, rowid: int, doc: dict[str, Any], published: datetime | None) -> None:
        when = utc_text(published)
        day = published.date().isoformat() if published else None
        counts: Counter[str] = Counter()
        names: dict[str, tuple[str, str]] = {}
        aliases: dict[str, Counter[str]] = {}
        roles: dict[str, set[str]] = {}
        mentions = doc.get("entities") or []
        folded = self._one_word_people(mentions) | self._short_forms_of(
            [str(m.get("entity_id") or "") for m in mentions]
        )
        # events name their actors: a folded person's one-word name becomes the full name,
        # a full name its short form
        renamed = {
            str(m.get("entity") or ""): folded[m["entity_id"]][1]
            for m in mentions
            if m.get("entity_id") in folded
        }
        for mention in mentions:
            entity_id = mention.get("entity_id")
            if not entity_id:
                continue
            name = str(mention.get("entity") or mention.get("surface") or "")
            if entity_id in folded:
                entity_id, name = folded[entity_id]
            counts[entity_id] += 1
            if entity_id not in names or len(name) > len(names[entity_id][0]):
                names[entity_id] = (name, str(mention.get("type") or ""))
            surface = _key(str(mention.get("surface") or name))
            if surface:
                aliases.setdefault(entity_id, Counter())[surface] += 1
            if mention.get("role") and _key(str(mention["role"])):
                roles.setdefault(entity_id, set()).add(_key(str(mention["role"])))
        # One executemany per statement (not a few executes per entity): an article names
        # dozens of entities, and per-call overhead was most of the ingest's store time.
        self.db.executemany(
            "INSERT INTO entities(id, name, type, first_seen, last_seen, mentions, articles)"
            " VALUES (?, ?, ?, ?, ?, ?, 1)"
            " ON CONFLICT(id) DO UPDATE SET"
            " name = CASE WHEN length(excluded.name) > length(name) THEN excluded.name ELSE name END,"
            " first_seen = CASE WHEN first_seen IS NULL OR excluded.first_seen < first_seen"
            "   THEN excluded.first_seen ELSE first_seen END,"
            " last_seen = CASE WHEN last_seen IS NULL OR excluded.last_seen > last_seen"
            "   THEN excluded.last_seen ELSE last_seen END,"
            " mentions = mentions + excluded.mentions, articles = articles + 1",
            [(entity_id, *names[entity_id], when, when, n) for entity_id, n in counts.items()],
        )
        self.db.executemany(
            "INSERT OR IGNORE INTO person_names(word, entity_id) VALUES (?, ?)",
            [
                (word, entity_id)
                for entity_id, (_, kind) in names.items()
                if kind == "PERSON" and entity_id.startswith("person:")
                for word in set(entity_id.removeprefix("person:").split())
                if len(word) >= 3 and " " in entity_id
            ],
        )
        self.db.executemany(
            "INSERT OR REPLACE INTO entity_mentions(entity_id, article_rowid, published_utc, mentions)"
            " VALUES (?, ?, ?, ?)",
            [(entity_id, rowid, when, n) for entity_id, n in counts.items()],
        )
        self.db.executemany(
            "UPDATE entities SET aliases = json_set(aliases, ?1, coalesce(json_extract(aliases, ?1), 0) + ?2)"
            " WHERE id = ?3 AND (json_extract(aliases, ?1) IS NOT NULL"
            " OR (SELECT count(*) FROM json_each(aliases)) < ?4)",
            [
                (_path(surface), k, entity_id, MAX_ALIASES)
                for entity_id, spellings in aliases.items()
                for surface, k in spellings.items()
            ],
        )
        self.db.executemany(
            "UPDATE entities SET roles = json_set(roles, ?1, json_object("
            " 'first', CASE WHEN json_extract(roles, ?1 || '.first') IS NULL"
            "   OR ?2 < json_extract(roles, ?1 || '.first') THEN ?2 ELSE json_extract(roles, ?1 || '.first') END,"
            " 'last', CASE WHEN json_extract(roles, ?1 || '.last') IS NULL"
            "   OR ?2 > json_extract(roles, ?1 || '.last') THEN ?2 ELSE json_extract(roles, ?1 || '.last') END))"
            " WHERE id = ?3",
            [(_path(role), day, entity_id) for entity_id, held in roles.items() for role in sorted(held)],
        )
        self.db.executemany(
            "INSERT INTO quotes(article_rowid, speaker_entity, speaker, kind, verb, text, source, published_utc)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    rowid,
                    folded.get(q.get("speaker_id") or "", (q.get("speaker_id"),))[0],
                    q.get("speaker"),
                    q.get("kind"),
                    q.get("verb"),
                    str(q.get("text") or ""),
                    q.get("source"),
                    when,
                )
                for q in doc.get("quotes") or []
            ],
        )
        self.db.executemany(
            "INSERT INTO events(article_rowid, date, actor1, actor2, code, cameo, mode, modality, location,"
            " evidence, published_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    rowid,
                    e.get("date"),
                    renamed.get(e.get("actor1") or "", e.get("actor1")),
                    renamed.get(e.get("actor2") or "", e.get("actor2")),
                    str(e.get("code") or ""),
                    e.get("cameo"),
                    e.get("mode"),
                    e.get("modality") or "asserted",
                    e.get("location"),
                    e.get("evidence"),
                    when,
                )
                for e in doc.get("events") or []
                if e.get("code")
            ],
        )
        self._define_short_forms(mentions)

    # -- maintenance ------------------------------------------------------------

    def fold_people(self) -> int:
        """Fold each stored one-word person into the full name that now clearly dominates,
        by the rule new articles follow (``_one_word_people``): "Trump" from articles stored
        before any article named "Donald Trump". Mentions, spellings, roles, quotations and
        events move to the full name. Returns how many were folded."""
        folded = 0
        with self.db:
            people = self.db.execute(
                "SELECT id, name FROM entities WHERE type = 'PERSON' AND mentions > 0 AND instr(substr(id, 8), ' ') = 0"
            ).fetchall()
            for row in people:
                target = self._one_word_people([{"entity_id": row["id"], "surface": row["name"]}]).get(
                    row["id"]
                )
                if target is not None and target[0] != row["id"]:
                    self._merge_entity(row["id"], row["name"], *target)
                    folded += 1
        return folded

    def _merge_entity(self, old: str, old_name: str, new: str, new_name: str) -> None:
        articles = [
            r[0]
            for r in self.db.execute("SELECT article_rowid FROM entity_mentions WHERE entity_id = ?", (old,))
        ]
        self.db.execute(
            "INSERT INTO entity_mentions(entity_id, article_rowid, published_utc, mentions)"
            " SELECT ?, article_rowid, published_utc, mentions FROM entity_mentions WHERE entity_id = ?"
            " ON CONFLICT(entity_id, article_rowid) DO UPDATE SET mentions = mentions + excluded.mentions",
            (new, old),
        )
        self.db.execute("DELETE FROM entity_mentions WHERE entity_id = ?", (old,))
        a, b = (
            self.db.execute("SELECT * FROM entities WHERE id = ?", (key,)).fetchone() for key in (old, new)
        )
        aliases: Counter[str] = Counter(json.loads(b["aliases"] or "{}"))
        for surface, n in json.loads(a["aliases"] or "{}").items():
            if surface in aliases or len(aliases) < MAX_ALIASES:
                aliases[surface] += n
        roles = json.loads(b["roles"] or "{}")
        for role, span in json.loads(a["roles"] or "{}").items():
            mine = roles.setdefault(role, dict(span))
            for key, pick in (("first", min), ("last", max)):
                known = [d for d in (mine.get(key), span.get(key)) if d]
                mine[key] = pick(known) if known else None
        seen = [d for d in (a["first_seen"], b["first_seen"]) if d]
        last = [d for d in (a["last_seen"], b["last_seen"]) if d]
        self.db.execute(
            "UPDATE entities SET aliases = :aliases, roles = :roles, first_seen = :first, last_seen = :last,"
            " mentions = (SELECT coalesce(sum(mentions), 0) FROM entity_mentions WHERE entity_id = :id),"
            " articles = (SELECT count(*) FROM entity_mentions WHERE entity_id = :id) WHERE id = :id",
            {
                "aliases": json.dumps(aliases, ensure_ascii=False),
                "roles": json.dumps(roles, ensure_ascii=False),
                "first": min(seen) if seen else None,
                "last": max(last) if last else None,
                "id": new,
            },
        )
        self.db.execute("DELETE FROM entities WHERE id = ?", (old,))
        self.db.execute("UPDATE quotes SET speaker_entity = ? WHERE speaker_entity = ?", (new, old))
        for column in ("actor1", "actor2"):
            self.db.executemany(
                f"UPDATE events SET {column} = ? WHERE {column} = ? AND article_rowid = ?",
                [(new_name, old_name, rowid) for rowid in articles],
            )

    # -- reading --------------------------------------------------------------

    def entities(self, *, type: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Entities, most mentioned first."""
        where, params = ("WHERE type = ?", [type.upper()]) if type else ("", [])
        rows = self.db.execute(
            f"SELECT * FROM entities {where} ORDER BY mentions DESC, id LIMIT ? OFFSET ?",
            (*params, limit, offset),
        ).fetchall()
        return [_entity_dict(r) for r in rows]

    def find_entity(self, name: str) -> dict[str, Any] | None:
        """An entity by id, by name or by any alias (most mentioned wins)."""
        row = self.db.execute("SELECT * FROM entities WHERE id = ?", (name,)).fetchone()
        if row is None:
            row = self.db.execute(
                "SELECT * FROM entities WHERE name = ? COLLATE NOCASE ORDER BY mentions DESC LIMIT 1", (name,)
            ).fetchone()
            # one word is often how a person is written ("Trump"): a person with that word in
            # their name and among their spellings, when more mentioned than the name match
            # (a "Trump" tagged as a place once)
            word = _key(name).lower()
            if " " not in word and len(word) >= 3:
                person = self.db.execute(
                    "SELECT e.* FROM person_names p JOIN entities e ON e.id = p.entity_id"
                    " WHERE p.word = ? AND json_extract(e.aliases, ?) IS NOT NULL"
                    " ORDER BY e.mentions DESC LIMIT 1",
                    (word, _path(_key(name))),
                ).fetchone()
                if person is not None and (row is None or person["mentions"] > row["mentions"]):
                    row = person
        if row is None:
            row = self.db.execute(
                "SELECT e.* FROM entities e, json_each(e.aliases) a WHERE a.key = ? COLLATE NOCASE"
                " ORDER BY e.mentions DESC LIMIT 1",
                (name,),
            ).fetchone()
        return _entity_dict(row) if row else None

    def entity_mentions_by_week(self, entity_id: str) -> list[tuple[str, int]]:
        """(ISO year-week, articles) for one entity, in time order."""
        rows = self.db.execute(
            "SELECT strftime('%Y-W%W', published_utc) AS week, count(*) FROM entity_mentions"
            " WHERE entity_id = ? AND published_utc IS NOT NULL GROUP BY week ORDER BY week",
            (entity_id,),
        ).fetchall()
        return [(r[0], int(r[1])) for r in rows]

    def quotes(
        self, *, speaker: str | None = None, limit: int = 50, offset: int = 0, order: str = "desc"
    ) -> list[dict[str, Any]]:
        """Quotations, newest first (``order="asc"``: oldest first); ``speaker`` is an entity id."""
        where, params = ("WHERE q.speaker_entity = ?", [speaker]) if speaker else ("", [])
        rows = self.db.execute(
            "SELECT q.*, a.id AS article_id, a.title AS article_title FROM quotes q"
            f" JOIN articles a ON a.rowid = q.article_rowid {where}"
            f" ORDER BY q.published_utc IS NULL, q.published_utc {'ASC' if order == 'asc' else 'DESC'}, q.rowid"
            " LIMIT ? OFFSET ?",
            (*params, limit, offset),
        ).fetchall()
        return [_row(r, drop=("article_rowid",)) for r in rows]

    def events(
        self,
        *,
        actors: Sequence[str] = (),
        code: str | None = None,
        since: str | None = None,
        until: str | None = None,
        modality: str | None = None,
        limit: int = 100,
        offset: int = 0,
        order: str = "desc",
    ) -> list[dict[str, Any]]:
        """Events; ``actors`` are canonical names (either side), ``since``/``until`` ISO dates,
        ``modality`` "asserted" (it happened) or "planned"."""
        clauses: list[str] = []
        params: list[Any] = []
        if actors:
            marks = ",".join("?" * len(actors))
            clauses.append(f"(e.actor1 IN ({marks}) OR e.actor2 IN ({marks}))")
            params += [*actors, *actors]
        if code:
            clauses.append("e.code = ?")
            params.append(code.upper())
        if modality:
            clauses.append("e.modality = ?")
            params.append(modality)
        if since:
            clauses.append("coalesce(e.date, substr(e.published_utc, 1, 10)) >= ?")
            params.append(since)
        if until:
            clauses.append("coalesce(e.date, substr(e.published_utc, 1, 10)) < ?")
            params.append(until)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        direction = "ASC" if order == "asc" else "DESC"
        rows = self.db.execute(
            "SELECT e.*, a.id AS article_id, a.title AS article_title, a.url AS article_url FROM events e"
            f" JOIN articles a ON a.rowid = e.article_rowid {where}"
            f" ORDER BY coalesce(e.date, substr(e.published_utc, 1, 10)) {direction}, e.rowid LIMIT ? OFFSET ?",
            (*params, limit, offset),
        ).fetchall()
        return [_row(r, drop=("article_rowid",)) for r in rows]

    def iter_events(self, batch: int = 5000) -> Iterator[dict[str, Any]]:
        """Every event in time order, read in batches (memory stays flat)."""
        offset = 0
        while rows := self.events(limit=batch, offset=offset, order="asc"):
            yield from rows
            offset += len(rows)


def _row(row: sqlite3.Row, *, drop: Sequence[str] = ()) -> dict[str, Any]:
    return {k: row[k] for k in row.keys() if k not in drop}  # noqa: SIM118 - sqlite3.Row


def _entity_dict(row: sqlite3.Row) -> dict[str, Any]:
    out = _row(row)
    out["aliases"] = json.loads(row["aliases"] or "{}")
    out["roles"] = json.loads(row["roles"] or "{}")
    return out
