"""Storylines: stories chained over months and years by shared actors and issue.

A storyline is "the same people doing the same kind of thing again": two summits
of the same two leaders on the same quarrel, two years apart, are two stories
but one storyline. :class:`StorylineLinker` is fed :class:`StorySummary` objects
(when a story closes, or again when it is updated) and answers a storyline id.

A story *s* joins the open storyline *L* with the highest score::

    score(s, L) = ½ · cos(names_s, names_L) + ½ · cos(terms_s, terms_L)

provided that they share at least ``storyline_min_shared_entities`` distinct names
(actors; a one-word name inside a shared full name is not counted twice), the term
cosine (the issue) is at least ``storyline_term_threshold`` and the score is at
least ``storyline_threshold``. Otherwise the story starts a new storyline. There
is no time decay inside the window: a storyline is about recurrence, however slow;
a storyline not extended for ``storyline_window`` is closed and leaves memory.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from warta.config import LinkConfig
from warta.link.features import cosine, top_k
from warta.link.stories import StorySummary
from warta.model import format_time, parse_time

__all__ = ["StorylineLinker", "StorylineSummary", "shared_actors", "storyline_id_for"]

_TOP = 40  # features kept per storyline vector: enough for actors and issue, bounded


def storyline_id_for(first_story_id: str) -> str:
    """Deterministic storyline id from the id of its first story."""
    return hashlib.sha256(f"storyline:{first_story_id}".encode()).hexdigest()[:16]


def shared_actors(a: dict[str, float], b: dict[str, float]) -> list[str]:
    """Names two entity vectors share, with one-word parts of a shared full name dropped
    ("putin" does not count again next to "vladimir putin")."""
    common = set(a) & set(b)
    full = [n for n in common if " " in n]
    parts = {p for n in full for p in n.split()}
    return sorted(n for n in common if " " in n or n not in parts)


@dataclass(slots=True)
class StorylineSummary:
    storyline_id: str
    story_ids: list[str]
    start: datetime | None
    end: datetime | None
    top_terms: dict[str, float]
    top_entities: dict[str, float]

    def to_dict(self) -> dict[str, Any]:
        return {
            "storyline_id": self.storyline_id,
            "story_ids": list(self.story_ids),
            "start": format_time(self.start),
            "end": format_time(self.end),
            "top_terms": dict(self.top_terms),
            "top_entities": dict(self.top_entities),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StorylineSummary:
        return cls(
            storyline_id=str(data["storyline_id"]),
            story_ids=[str(s) for s in data.get("story_ids") or []],
            start=parse_time(data.get("start")),
            end=parse_time(data.get("end")),
            top_terms={str(k): float(v) for k, v in (data.get("top_terms") or {}).items()},
            top_entities={str(k): float(v) for k, v in (data.get("top_entities") or {}).items()},
        )


@dataclass(slots=True)
class _Line:
    storyline_id: str
    story_ids: list[str] = field(default_factory=list)
    start: datetime | None = None
    end: datetime | None = None
    terms: dict[str, float] = field(default_factory=dict)
    names: dict[str, float] = field(default_factory=dict)

    def summary(self) -> StorylineSummary:
        return StorylineSummary(
            self.storyline_id, list(self.story_ids), self.start, self.end, dict(self.terms), dict(self.names)
        )


def _unit(vector: dict[str, float]) -> dict[str, float]:
    total = sum(w * w for w in vector.values()) ** 0.5
    return {k: w / total for k, w in vector.items()} if total else {}


class StorylineLinker:
    """Streaming storyline linking over story summaries (formula in the module docstring)."""

    def __init__(self, config: LinkConfig | None = None) -> None:
        self.config = config or LinkConfig()
        self._open: OrderedDict[str, _Line] = OrderedDict()  # least recently extended first
        self._story_line: dict[str, str] = {}  # story id -> storyline id, for open storylines
        self._postings: dict[str, set[str]] = {}  # entity -> open storyline ids
        self._closed: list[StorylineSummary] = []
        self._clock: datetime | None = None

    def score(self, story: StorySummary, line: StorylineSummary | _Line) -> float:
        """Score of a story against a storyline, 0 when a required condition fails."""
        cfg = self.config
        names = line.names if isinstance(line, _Line) else line.top_entities
        terms = line.terms if isinstance(line, _Line) else line.top_terms
        if len(shared_actors(story.top_entities, names)) < cfg.storyline_min_shared_entities:
            return 0.0
        term_cos = cosine(story.top_terms, terms)
        if term_cos < cfg.storyline_term_threshold:
            return 0.0
        return 0.5 * cosine(story.top_entities, names) + 0.5 * term_cos

    def link(self, story: StorySummary) -> str:
        """Storyline id for a (closed or updated) story; the same story keeps its storyline."""
        when = story.end or story.start
        if when is not None and (self._clock is None or when > self._clock):
            self._clock = when
        known = self._story_line.get(story.story_id)
        if known is not None and known in self._open:
            self._extend(self._open[known], story, new_story=False)
            return known
        self._close_stale()
        # Names held in common, counted from the postings: a storyline sharing fewer than
        # the required actors scores 0 anyway, so most candidates are never scored.
        held: dict[str, int] = {}
        for name in story.top_entities:
            for lid in self._postings.get(name, ()):
                held[lid] = held.get(lid, 0) + 1
        need = self.config.storyline_min_shared_entities
        best: _Line | None = None
        best_score = 0.0
        for lid in sorted(lid for lid, n in held.items() if n >= need):
            value = self.score(story, self._open[lid])
            if value > best_score:
                best, best_score = self._open[lid], value
        if best is None or best_score < self.config.storyline_threshold:
            best = _Line(storyline_id_for(story.story_id))
            self._open[best.storyline_id] = best
        self._extend(best, story, new_story=True)
        self._close_overflow()
        return best.storyline_id

    def _extend(self, line: _Line, story: StorySummary, new_story: bool) -> None:
        old = set(line.names)
        if new_story:
            line.story_ids.append(story.story_id)
            self._story_line[story.story_id] = line.storyline_id
            # Unit vectors, so a long story does not drown the storyline's earlier ones.
            terms = dict(line.terms)
            for t, w in _unit(story.top_terms).items():
                terms[t] = terms.get(t, 0.0) + w
            names = dict(line.names)
            for n, w in _unit(story.top_entities).items():
                names[n] = names.get(n, 0.0) + w
            line.terms, line.names = top_k(terms, _TOP), top_k(names, _TOP)
        for when in (story.start, story.end):
            if when is not None:
                line.start = when if line.start is None or when < line.start else line.start
                line.end = when if line.end is None or when > line.end else line.end
        new = set(line.names)
        for n in old - new:
            self._postings.get(n, set()).discard(line.storyline_id)
        for n in new - old:
            self._postings.setdefault(n, set()).add(line.storyline_id)
        self._open.move_to_end(line.storyline_id)

    def forget(self, story_id: str) -> tuple[str, bool] | None:
        """Take a story that was merged into another out of its open storyline.

        Returns ``(storyline id, still holds stories)``, or ``None`` when the story is in
        no open storyline. An emptied storyline is dropped, not closed: it never was one.
        The line's vectors keep the story's share, which now lives in the survivor.
        """
        lid = self._story_line.pop(story_id, None)
        if lid is None or lid not in self._open:
            return None
        line = self._open[lid]
        line.story_ids = [sid for sid in line.story_ids if sid != story_id]
        if line.story_ids:
            return lid, True
        del self._open[lid]
        self._drop_postings(line)
        return lid, False

    def _drop_postings(self, line: _Line) -> None:
        for n in line.names:
            holders = self._postings.get(n)
            if holders is not None:
                holders.discard(line.storyline_id)
                if not holders:
                    del self._postings[n]

    def _close(self, lid: str) -> None:
        line = self._open.pop(lid)
        self._drop_postings(line)
        for sid in line.story_ids:
            self._story_line.pop(sid, None)
        self._closed.append(line.summary())

    def _close_stale(self) -> None:
        if self._clock is None:
            return
        horizon = self._clock - self.config.storyline_window
        # Least recently extended first: stop at the first fresh storyline (O(closed), not O(open)).
        stale: list[str] = []
        for lid, line in self._open.items():
            if line.end is None:
                continue
            if line.end >= horizon:
                break
            stale.append(lid)
        for lid in stale:
            self._close(lid)

    def _close_overflow(self) -> None:
        while len(self._open) > self.config.storyline_max_open:
            self._close(next(iter(self._open)))

    def pop_closed(self) -> list[StorylineSummary]:
        """Storylines closed since the last call (the caller persists them)."""
        out, self._closed = self._closed, []
        return out

    def summary_of(self, storyline_id: str) -> StorylineSummary | None:
        line = self._open.get(storyline_id)
        return line.summary() if line is not None else None

    def open_storylines(self) -> list[StorylineSummary]:
        return [line.summary() for line in self._open.values()]

    def __len__(self) -> int:
        return len(self._open)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready state (open storylines and the clock)."""
        return {
            "clock": format_time(self._clock),
            "open": [line.summary().to_dict() for line in self._open.values()],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], config: LinkConfig | None = None) -> StorylineLinker:
        out = cls(config)
        out._clock = parse_time(data.get("clock"))
        for item in data.get("open") or []:
            s = StorylineSummary.from_dict(item)
            line = _Line(s.storyline_id, s.story_ids, s.start, s.end, s.top_terms, s.top_entities)
            out._open[line.storyline_id] = line
            for sid in line.story_ids:
                out._story_line[sid] = line.storyline_id
            for n in line.names:
                out._postings.setdefault(n, set()).add(line.storyline_id)
        return out
