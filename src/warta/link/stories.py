"""Stories: one real-world happening, clustered from a stream of articles in time order.

:class:`StoryClusterer` takes one article at a time (:class:`ArticleFeatures`),
compares it with the *open* stories only and either joins the most similar one or
opens a new story. The past is never reprocessed, so memory and time per article
are bounded by the active window.

The similarity of an article *a* and a story *s*::

    sim(a, s) = ((1 - α) · cos(terms_a, terms_s) + α · cos(names_a, names_s)) · 2^(-gap / half_life)

* ``terms``: TF-IDF of stemmed title and body words (:func:`warta.text.terms`, the
  Indonesian Snowball stemmer for Indonesian), title words counted
  ``story_title_weight`` times, document frequencies learned incrementally;
* ``names``: TF-IDF of named people, places and organisations when the understand
  stage gave them, else capitalised-word proxies (:func:`name_proxies`); names tell
  two similar events apart (two different rehab check-ins, two earthquakes), so they
  get weight α = ``story_entity_weight / (1 + story_entity_weight)``; if the article
  has no names the term cosine alone counts;
* ``gap``: time from the story's last article to this one (0 when either is unknown).

With ``story_members`` > 0 (the default) the article's heaviest distinctive features
nominate a few open stories, and each is scored by *average link*: the mean of the
pairwise ``sim`` above between the article and the story's latest members. A pair is
cut where the two reports contradict each other (:func:`warta.link.features.facts`):
both mention years (1900-2099) with none in common (``story_year_penalty``), both name
months with none in common (``story_month_penalty``), both state figures (magnitudes,
tolls, ages, sums) with none in common (``story_figure_penalty``); the cuts multiply.
Two similar happenings (two earthquakes, two rehab check-ins) share words and names
but not their date and numbers. Document frequencies start from a shipped background
table per language (``story_background_idf``). With ``story_merge`` on, an open story
that now resembles another open one by average link (``story_merge_threshold``) is
merged into the older one (:meth:`StoryClusterer.pop_merged`, ``StorySummary.merged_from``).

Second looks: ``story_second_look`` articles after an article was assigned (or at
:meth:`StoryClusterer.refine`, the end of a run), it is scored again against the open
stories as they stand then, and moves to another one whose average link beats its own
story's by ``story_move_margin`` (:meth:`StoryClusterer.pop_moved`). An early report joins
the only similar story there is; once its own happening has a story, it belongs there.

The article joins the best story if ``sim >= story_threshold``. Story centroids are
sums of unit article vectors cut to the ``story_top_terms`` heaviest terms (and as
many names), so they stay sparse and bounded. A story with no article for
``story_window`` (or the least recently fed one, beyond ``story_max_open``) is
closed: it leaves memory and :meth:`StoryClusterer.pop_closed` hands its
:class:`StorySummary` to the caller to persist (and to the storyline linker).

Story ids are derived from the first article's id, so the same input in the same
order gives the same ids.
"""

from __future__ import annotations

import hashlib
import math
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from datetime import datetime
from operator import mul
from typing import Any

from warta.config import LinkConfig
from warta.link.features import (
    ENTITY_PREFIX,
    ArticleFeatures,
    DocumentFrequencies,
    facts,
    top_k,
)
from warta.model import format_time, parse_time

__all__ = ["ArticleFeatures", "StoryClusterer", "StorySummary", "story_id_for"]


# Features held by more open stories than this do not nominate candidates (see _scores).
_CANDIDATE_POSTINGS = 32
_NOMINATORS = 16  # heaviest article features that may nominate candidate stories
_MERGE_CANDIDATES = 3  # open stories checked for a merge after each assignment
_MERGE_MEMBERS = 8  # latest members of each story compared when checking a merge
_RESCORED = 6  # best stories by centroid similarity that get the exact average-link score
_SECOND_LOOK_RESCORED = 3  # the same for a second look (the first look already ranked six)
# Article-pair similarities kept for reuse (about 100 bytes each; cleared when full): a second
# look and the merge checks compare mostly pairs that an earlier look already scored.
_PAIR_CACHE = 100_000

# One member as average-link sees it: (term vector, name vector, facts stated by kind,
# article id, published). The id and time are None for members of states saved before
# second looks existed: those members are compared but never moved.
_Facts = dict[str, frozenset[str]]
_Member = tuple[dict[str, float], dict[str, float], _Facts, str | None, datetime | None]


def _by_kind(tagged: frozenset[str] | set[str] | list[str]) -> _Facts:
    """{"y": {"2013"}, "n": {"4.6"}, ...} from facts tagged by their first character
    (see features.facts)."""
    out: dict[str, set[str]] = {}
    for fact in tagged:
        out.setdefault(fact[0], set()).add(fact[1:])
    return {kind: frozenset(items) for kind, items in out.items()}


def _tagged(by_kind: _Facts) -> list[str]:
    return sorted(kind + item for kind, items in by_kind.items() for item in items)


def _member_from(saved: list[Any]) -> _Member:
    """A member from its saved form: [terms, names, facts, article id, published]; states
    saved before second looks hold only the first three (and bare years for facts)."""
    terms, names, tagged = saved[0], saved[1], saved[2]
    article_id = saved[3] if len(saved) > 3 else None
    when = parse_time(saved[4]) if len(saved) > 4 else None
    return (
        {str(k): float(v) for k, v in terms.items()},
        {str(k): float(v) for k, v in names.items()},
        _by_kind([str(y) if str(y)[:1].isalpha() else f"y{y}" for y in tagged]),
        str(article_id) if article_id is not None else None,
        when,
    )


def story_id_for(first_article_id: str) -> str:
    """Deterministic story id from the id of the story's first article."""
    return hashlib.sha256(f"story:{first_article_id}".encode()).hexdigest()[:16]


@dataclass(slots=True)
class StorySummary:
    """What a story looks like to the outside: the store persists it, storylines read it."""

    story_id: str
    first_article_id: str
    size: int
    start: datetime | None
    end: datetime | None
    top_terms: dict[str, float]
    top_entities: dict[str, float]
    # Ids of open stories merged into this one (their articles belong here now).
    merged_from: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "story_id": self.story_id,
            "first_article_id": self.first_article_id,
            "size": self.size,
            "start": format_time(self.start),
            "end": format_time(self.end),
            "top_terms": dict(self.top_terms),
            "top_entities": dict(self.top_entities),
            "merged_from": list(self.merged_from),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StorySummary:
        return cls(
            story_id=str(data["story_id"]),
            first_article_id=str(data.get("first_article_id") or ""),
            size=int(data.get("size") or 0),
            start=parse_time(data.get("start")),
            end=parse_time(data.get("end")),
            top_terms={str(k): float(v) for k, v in (data.get("top_terms") or {}).items()},
            top_entities={str(k): float(v) for k, v in (data.get("top_entities") or {}).items()},
            merged_from=[str(x) for x in data.get("merged_from") or []],
        )


@dataclass(slots=True)
class _Story:
    story_id: str
    first_article_id: str
    size: int = 0
    start: datetime | None = None
    end: datetime | None = None
    terms: dict[str, float] = field(default_factory=dict)  # summed unit vectors, cut to top-k
    names: dict[str, float] = field(default_factory=dict)
    term_norm: float = 0.0
    name_norm: float = 0.0
    members: list[_Member] = field(default_factory=list)  # the latest ``story_members``
    merged_from: list[str] = field(default_factory=list)

    def summary(self, k: int = 20) -> StorySummary:
        return StorySummary(
            story_id=self.story_id,
            first_article_id=self.first_article_id,
            size=self.size,
            start=self.start,
            end=self.end,
            top_terms=top_k(self.terms, k),
            top_entities={n[len(ENTITY_PREFIX) :]: w for n, w in top_k(self.names, k).items()},
            merged_from=list(self.merged_from),
        )


def _dot(a: dict[str, float], b: dict[str, float], keys: set[str]) -> float:
    # The hottest line of average link: map() keeps the products in C (same order, same sum).
    return sum(map(mul, map(a.__getitem__, keys), map(b.__getitem__, keys)))


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return {t: w / norm for t, w in vector.items()} if norm else {}


def _norm(vector: dict[str, float]) -> float:
    return math.sqrt(sum(w * w for w in vector.values()))


def _minus(centroid: dict[str, float], vector: dict[str, float]) -> dict[str, float]:
    """A centroid without one member's vector (features it held alone drop out)."""
    out = dict(centroid)
    for key, w in vector.items():
        if key in out:
            left = out[key] - w
            if left > 1e-9:
                out[key] = left
            else:
                del out[key]
    return out


class StoryClusterer:
    """Streaming single-pass story clustering (see the module docstring for the formula)."""

    def __init__(self, config: LinkConfig | None = None) -> None:
        self.config = config or LinkConfig()
        self.df = DocumentFrequencies(self.config.story_max_vocabulary, self.config.story_background_idf)
        self._open: OrderedDict[str, _Story] = OrderedDict()  # least recently fed first
        self._postings: dict[str, set[str]] = {}  # centroid feature -> open story ids
        self._closed: list[StorySummary] = []
        self._merged: list[tuple[str, str]] = []  # (absorbed story id, surviving story id)
        self._seq: dict[str, int] = {}  # open story id -> opening order (older absorbs younger)
        self._next_seq = 0
        self._clock: datetime | None = None  # latest publication time seen
        self._home: dict[str, str] = {}  # article id of a member -> its open story id
        self._assigned = 0  # articles assigned so far (the second looks' clock)
        self._second_looks: deque[tuple[int, str]] = deque()  # (assigned count, article id) due
        self._moves: list[tuple[str, str, str]] = []  # (article id, story left, story joined)
        self._pairs: dict[tuple[str, str], float] = {}  # (article id, article id) -> _pair
        self._paired: set[str] = set()  # article ids in self._pairs
        cfg = self.config
        self._alpha = cfg.story_entity_weight / (1.0 + cfg.story_entity_weight)  # names' share of sim
        self._penalties = [
            (kind, penalty)
            for kind, penalty in (
                ("y", cfg.story_year_penalty),
                ("m", cfg.story_month_penalty),
                ("n", cfg.story_figure_penalty),
            )
            if penalty > 0
        ]
        # (terms, names) unit vectors of the article last assigned, for callers that store them
        self.last_vectors: tuple[dict[str, float], dict[str, float]] = ({}, {})

    # --- features --------------------------------------------------------------------
    def vectorise(
        self, article: ArticleFeatures, learn: bool = True
    ) -> tuple[dict[str, float], dict[str, float]]:
        """Unit TF-IDF vectors (terms, names) of an article; ``learn`` adds it to the DF table."""
        cfg = self.config
        words, names = article.raw_counts(cfg.story_title_weight, cfg.story_body_words)
        if learn:
            self.df.add(list(words) + list(names))
        idf = self.df.idf_function(article.language)
        term_vec = {t: (1.0 + math.log(c)) * idf(t) for t, c in words.items() if c > 0}
        name_vec = {n: (1.0 + math.log(1.0 + c)) * idf(n) for n, c in names.items() if c > 0}
        # Keep the article's heaviest features only: bounded work per article.
        return _unit(top_k(term_vec, 2 * cfg.story_top_terms)), _unit(top_k(name_vec, cfg.story_top_terms))

    def _facts(self, article: ArticleFeatures) -> _Facts:
        cut = self.config.story_body_words * 12
        body = article.body[:cut] if cut else article.body
        return _by_kind(facts(f"{article.title}\n{body}"))

    # --- the stream ------------------------------------------------------------------
    def assign(self, article: ArticleFeatures) -> str:
        """Put the article into an open story (or a new one) and return the story id."""
        when = article.published_at
        if when is not None and (self._clock is None or when > self._clock):
            self._clock = when
        self._close_stale()
        if article.article_id in self._paired:  # the same id again, perhaps with another text
            self._pairs.clear()
            self._paired.clear()
        term_vec, name_vec = self.vectorise(article)
        self.last_vectors = (term_vec, name_vec)
        member: _Member = (term_vec, name_vec, self._facts(article), article.article_id, when)
        best, best_sim = self._best_story(term_vec, name_vec, when, member)
        if best is None or best_sim < self.config.story_threshold:
            best = _Story(story_id=story_id_for(article.article_id), first_article_id=article.article_id)
            if best.story_id in self._open:  # the same article id twice: keep ids unique
                best = _Story(
                    story_id=story_id_for(f"{article.article_id}#{best_sim}"),
                    first_article_id=article.article_id,
                )
            self._open[best.story_id] = best
            self._seq[best.story_id] = self._next_seq
            self._next_seq += 1
        self._add_to(best, term_vec, name_vec, when)
        self._add_member(best, member)
        self._open.move_to_end(best.story_id)
        if self.config.story_merge and len(best.members) > 1:
            self._merge_similar(best, when)
        self._assigned += 1
        look = self.config.story_second_look
        if look and self.config.story_members:
            self._second_looks.append((self._assigned, article.article_id))
            while self._second_looks and self._second_looks[0][0] <= self._assigned - look:
                self._second_look(self._second_looks.popleft()[1])
        self._close_overflow()
        return self._home.get(article.article_id, best.story_id)

    def similarity(self, article: ArticleFeatures, story_id: str) -> float:
        """Similarity of an article with an open story, without learning or assigning."""
        story = self._open.get(story_id)
        if story is None:
            return 0.0
        term_vec, name_vec = self.vectorise(article, learn=False)
        return self._score(story, term_vec, name_vec, article.published_at, None, None)

    def _score(
        self,
        story: _Story,
        term_vec: dict[str, float],
        name_vec: dict[str, float],
        when: datetime | None,
        term_dot: float | None,
        name_dot: float | None,
    ) -> float:
        if term_dot is None:
            term_dot = sum(w * story.terms.get(t, 0.0) for t, w in term_vec.items())
        if name_dot is None:
            name_dot = sum(w * story.names.get(n, 0.0) for n, w in name_vec.items())
        term_cos = term_dot / story.term_norm if story.term_norm else 0.0
        if name_vec and story.names:
            alpha = self._alpha
            name_cos = name_dot / story.name_norm if story.name_norm else 0.0
            sim = (1.0 - alpha) * term_cos + alpha * name_cos
        else:
            sim = term_cos
        if when is not None and story.end is not None and when > story.end:
            gap = (when - story.end).total_seconds()
            half_life = self.config.story_half_life.total_seconds()
            if half_life > 0:
                sim *= 0.5 ** (gap / half_life)
        return sim

    def _scores(
        self, term_vec: dict[str, float], name_vec: dict[str, float], when: datetime | None
    ) -> dict[str, float]:
        """Similarity with the open stories that share a distinctive feature with the article.

        Candidates are nominated by the article's ``_NOMINATORS`` heaviest features that
        ``_CANDIDATE_POSTINGS`` or fewer open stories hold (outlet furniture and common
        words sit in hundreds of centroids and would make every article touch every
        story); each candidate is then scored exactly over all the article's features.
        A story sharing none of an article's heaviest features cannot reach the threshold
        in practice, so this bounds the work per article without changing answers much.
        """
        postings = self._postings
        stories = self._open
        # heaviest first, ties by key: plain tuples sort in C (a key function costs a call each)
        weighted = sorted([(-w, t) for t, w in term_vec.items()] + [(-w, n) for n, w in name_vec.items()])
        candidates: set[str] = set()
        used = 0
        for _, key in weighted:
            holders = postings.get(key)
            if not holders or len(holders) > _CANDIDATE_POSTINGS:
                continue
            candidates.update(holders)
            used += 1
            if used >= _NOMINATORS:
                break
        contrast = self.config.story_contrast
        share: dict[str, float] = {}
        if contrast:
            # A feature held by several open stories tells them apart less: 1/n^contrast.
            share = {k: max(1, len(postings.get(k, ()))) ** -contrast for _, k in weighted}
        out: dict[str, float] = {}
        term_keys, name_keys = term_vec.keys(), name_vec.keys()
        for sid in candidates:
            story = stories[sid]
            st, sn = story.terms, story.names
            # Key-set intersection runs in C; only shared features are multiplied.
            shared_t, shared_n = term_keys & st.keys(), name_keys & sn.keys()
            if share:
                term_dot = sum(term_vec[t] * st[t] * share[t] for t in shared_t)
                name_dot = sum(name_vec[n] * sn[n] * share[n] for n in shared_n)
            else:
                term_dot = sum(term_vec[t] * st[t] for t in shared_t)
                name_dot = sum(name_vec[n] * sn[n] for n in shared_n)
            out[sid] = self._score(story, term_vec, name_vec, when, term_dot, name_dot)
        return out

    def _pair(self, a: _Member, b: _Member) -> float:
        """Similarity of two articles: terms and names mixed, cut by contradicting facts."""
        ia, ib = a[3], b[3]
        if ia is None or ib is None:
            return self._similarity(a, b)
        key = (ia, ib) if ia < ib else (ib, ia)
        sim = self._pairs.get(key)
        if sim is None:
            sim = self._similarity(a, b)
            if len(self._pairs) >= _PAIR_CACHE:
                self._pairs.clear()
                self._paired.clear()
            self._pairs[key] = sim
            self._paired.update(key)
        return sim

    def _similarity(self, a: _Member, b: _Member) -> float:
        """:meth:`_pair` computed afresh."""
        at, an, ay = a[0], a[1], a[2]
        bt, bn, by = b[0], b[1], b[2]
        penalty = 1.0
        if ay and by:
            for kind, cut in self._penalties:
                fa, fb = ay.get(kind), by.get(kind)
                if fa and fb and fa.isdisjoint(fb):
                    penalty *= 1.0 - cut
        if len(at) > len(bt):
            at, bt = bt, at
        term_cos = _dot(at, bt, at.keys() & bt.keys())
        if an and bn:
            if len(an) > len(bn):
                an, bn = bn, an
            alpha = self._alpha
            sim = (1.0 - alpha) * term_cos + alpha * _dot(an, bn, an.keys() & bn.keys())
        else:
            sim = term_cos
        return sim * penalty

    def _average_link(self, story: _Story, member: _Member, when: datetime | None) -> float:
        sim = sum(self._pair(member, m) for m in story.members) / len(story.members)
        if when is not None and story.end is not None and when > story.end:
            half_life = self.config.story_half_life.total_seconds()
            if half_life > 0:
                sim *= 0.5 ** ((when - story.end).total_seconds() / half_life)
        return sim

    def _nominate(self, term_vec: dict[str, float], name_vec: dict[str, float]) -> dict[str, float]:
        """Open stories holding one of the article's heaviest distinctive features, with the
        centroid cosine over those features only (a cheap ranking, see :meth:`_scores`)."""
        postings, stories = self._postings, self._open
        weighted = sorted(
            [(-w, t, False) for t, w in term_vec.items()] + [(-w, n, True) for n, w in name_vec.items()]
        )
        alpha = self._alpha
        rough: dict[str, float] = {}
        used = 0
        for neg_w, key, is_name in weighted:
            w = -neg_w
            holders = postings.get(key)
            if not holders or len(holders) > _CANDIDATE_POSTINGS:
                continue
            for sid in holders:
                story = stories[sid]
                if is_name:
                    part = alpha * w * story.names.get(key, 0.0) / (story.name_norm or 1.0)
                else:
                    part = (1.0 - alpha) * w * story.terms.get(key, 0.0) / (story.term_norm or 1.0)
                rough[sid] = rough.get(sid, 0.0) + part
            used += 1
            if used >= _NOMINATORS:
                break
        return rough

    def _best_story(
        self,
        term_vec: dict[str, float],
        name_vec: dict[str, float],
        when: datetime | None,
        member: _Member | None = None,
    ) -> tuple[_Story | None, float]:
        best: _Story | None = None
        best_sim = -1.0
        if member is not None and self.config.story_members:
            # The article's heaviest distinctive features nominate stories and rank them by
            # their partial centroid dot product; the few best get the average-link score.
            rough = self._nominate(term_vec, name_vec)
            top = sorted(rough, key=lambda sid: (-rough[sid], sid))[:_RESCORED]
            scores = {
                sid: self._average_link(self._open[sid], member, when)
                if self._open[sid].members
                else self._score(self._open[sid], term_vec, name_vec, when, None, None)
                for sid in top
            }
        else:
            scores = self._scores(term_vec, name_vec, when)
        # Sorted ids: ties never depend on set iteration order.
        for sid in sorted(scores):
            if scores[sid] > best_sim:
                best, best_sim = self._open[sid], scores[sid]
        return best, best_sim

    def _add_to(
        self, story: _Story, term_vec: dict[str, float], name_vec: dict[str, float], when: datetime | None
    ) -> None:
        k = self.config.story_top_terms
        old_keys = set(story.terms) | set(story.names)
        terms = dict(story.terms)
        for t, w in term_vec.items():
            terms[t] = terms.get(t, 0.0) + w
        names = dict(story.names)
        for n, w in name_vec.items():
            names[n] = names.get(n, 0.0) + w
        story.terms = top_k(terms, k)
        story.names = top_k(names, k)
        story.term_norm = _norm(story.terms)
        story.name_norm = _norm(story.names)
        story.size += 1
        if when is not None:
            story.start = when if story.start is None or when < story.start else story.start
            story.end = when if story.end is None or when > story.end else story.end
        self._reindex(story, old_keys)

    def _reindex(self, story: _Story, old_keys: set[str]) -> None:
        """Postings follow a centroid whose keys were ``old_keys``."""
        new_keys = set(story.terms) | set(story.names)
        for key in old_keys - new_keys:
            holders = self._postings.get(key)
            if holders is not None:
                holders.discard(story.story_id)
                if not holders:
                    del self._postings[key]
        for key in new_keys - old_keys:
            self._postings.setdefault(key, set()).add(story.story_id)

    def _add_member(self, story: _Story, member: _Member) -> None:
        """Keep the member among the story's latest ``story_members`` (older ones leave)."""
        keep = self.config.story_members
        if not keep:
            return
        story.members.append(member)
        self._leave_home(story.story_id, story.members[:-keep])
        del story.members[:-keep]
        if member[3] is not None:
            self._home[member[3]] = story.story_id

    def _leave_home(self, story_id: str, members: list[_Member]) -> None:
        """These members no longer count as that story's (they left its latest members,
        or the story closed): their second looks find no story."""
        for member in members:
            if member[3] is not None and self._home.get(member[3]) == story_id:
                del self._home[member[3]]

    # --- second looks ------------------------------------------------------------------
    def _second_look(self, article_id: str) -> None:
        """Move an article to the open story it now fits best, if that beats its own story
        by ``story_move_margin`` and reaches ``story_threshold``.

        Its own story's fit is the mean similarity with the story's other latest members.
        An article alone in its story moves by a merge of that story into the other; a
        story whose first article leaves keeps its id, and its next member is its first."""
        story = self._open.get(self._home.get(article_id, ""))
        if story is None:
            return
        at = next((i for i, m in enumerate(story.members) if m[3] == article_id), None)
        if at is None:
            return
        member = story.members[at]
        rough = self._nominate(member[0], member[1])
        rough.pop(story.story_id, None)
        best, best_sim = None, -1.0
        for sid in sorted(rough, key=lambda sid: (-rough[sid], sid))[:_SECOND_LOOK_RESCORED]:
            other = self._open[sid]
            if other.members:
                sim = self._average_link(other, member, member[4])
                if sim > best_sim:
                    best, best_sim = other, sim
        cfg = self.config
        if best is None or best_sim < cfg.story_threshold:
            return  # nothing else it could join (most articles): its own story is not scored
        if story.size > 1:
            others = story.members[:at] + story.members[at + 1 :]
            if not others:
                return
            own = sum(self._pair(member, m) for m in others) / len(others)
            if best_sim <= own + cfg.story_move_margin:
                return
        if story.size == 1:
            self._absorb(best, story)
            return
        del story.members[at]
        old_keys = set(story.terms) | set(story.names)
        story.terms = _minus(story.terms, member[0])
        story.names = _minus(story.names, member[1])
        story.term_norm, story.name_norm = _norm(story.terms), _norm(story.names)
        story.size -= 1
        if story.first_article_id == article_id and story.members[0][3] is not None:
            story.first_article_id = story.members[0][3]
        if member[4] is not None and member[4] == story.end:
            ends = [m[4] for m in story.members if m[4] is not None]
            story.end = max(ends) if ends else story.end
        self._reindex(story, old_keys)
        self._add_to(best, member[0], member[1], member[4])
        self._add_member(best, member)
        self._open.move_to_end(best.story_id)
        self._moves.append((article_id, story.story_id, best.story_id))

    def refine(self) -> None:
        """Give every article still waiting for its second look that look now (the end of
        a run: the stream may not bring the articles that would have triggered them)."""
        while self._second_looks:
            self._second_look(self._second_looks.popleft()[1])

    def pop_moved(self) -> list[tuple[str, str, str]]:
        """(article id, story it left, story it joined) for articles moved by a second look
        since the last call, in order (an article may move twice).

        Either story may be absorbed by a later merge (see :meth:`pop_merged`). An article
        alone in its story moves by a merge instead, and comes through :meth:`pop_merged`."""
        out, self._moves = self._moves, []
        return out

    # --- online merging of open stories ---------------------------------------------
    def _merge_similar(self, story: _Story, when: datetime | None) -> None:
        """Merge the story just fed into the open story it now resembles most, if any.

        A strict join threshold splits a happening into pieces when its first reports
        differ; once a piece has grown, average link between the two pieces (the mean
        similarity over their latest ``_MERGE_MEMBERS`` members each, at least
        ``story_merge_threshold``) tells whether they are one happening. Candidates come
        from the story's heaviest distinctive features (:meth:`_nominate`), and a story of
        one article is not checked (it just failed to join any story). Only open stories
        merge, the older absorbs the younger, and the caller learns it from
        :meth:`pop_merged` and from the survivor's ``StorySummary.merged_from``.
        """
        term_unit = {t: w / story.term_norm for t, w in story.terms.items()} if story.term_norm else {}
        name_unit = {n: w / story.name_norm for n, w in story.names.items()} if story.name_norm else {}
        scores = self._nominate(term_unit, name_unit)
        scores.pop(story.story_id, None)
        if not scores:
            return
        best_sim, best = -1.0, None
        for sid in sorted(scores, key=lambda sid: (-scores[sid], sid))[:_MERGE_CANDIDATES]:
            other = self._open[sid]
            if not other.members:
                continue
            pairs = [
                self._pair(a, b)
                for a in story.members[-_MERGE_MEMBERS:]
                for b in other.members[-_MERGE_MEMBERS:]
            ]
            sim = sum(pairs) / len(pairs)
            if other.end is not None and story.end is not None:
                gap = abs((story.end - other.end).total_seconds())
                half_life = self.config.story_half_life.total_seconds()
                if half_life > 0:
                    sim *= 0.5 ** (gap / half_life)
            if sim > best_sim:
                best_sim, best = sim, other
        if best is None or best_sim < self.config.story_merge_threshold:
            return
        keep, absorb = (
            (best, story) if self._seq[best.story_id] < self._seq[story.story_id] else (story, best)
        )
        self._absorb(keep, absorb)

    def _absorb(self, keep: _Story, absorb: _Story) -> None:
        self._drop_postings(absorb)
        del self._open[absorb.story_id]
        del self._seq[absorb.story_id]
        old_keys = set(keep.terms) | set(keep.names)
        k = self.config.story_top_terms
        terms, names = dict(keep.terms), dict(keep.names)
        for t, w in absorb.terms.items():
            terms[t] = terms.get(t, 0.0) + w
        for n, w in absorb.names.items():
            names[n] = names.get(n, 0.0) + w
        keep.terms, keep.names = top_k(terms, k), top_k(names, k)
        keep.term_norm, keep.name_norm = _norm(keep.terms), _norm(keep.names)
        keep.size += absorb.size
        if absorb.start is not None and (keep.start is None or absorb.start < keep.start):
            keep.start = absorb.start
        if absorb.end is not None and (keep.end is None or absorb.end > keep.end):
            keep.end = absorb.end
        for member in absorb.members:  # each one's home becomes the survivor
            self._add_member(keep, member)
        keep.merged_from.extend([absorb.story_id, *absorb.merged_from])
        self._reindex(keep, old_keys)
        self._open.move_to_end(keep.story_id)
        self._merged.append((absorb.story_id, keep.story_id))
        self._merged.extend((sid, keep.story_id) for sid in absorb.merged_from)

    def pop_merged(self) -> list[tuple[str, str]]:
        """(absorbed story id, surviving story id) for merges since the last call.

        Articles earlier assigned to the absorbed id belong to the survivor now. Chains are
        already flattened: every absorbed id maps to the story that is open at the time.
        """
        out, self._merged = self._merged, []
        return out

    def _drop_postings(self, story: _Story) -> None:
        for key in set(story.terms) | set(story.names):
            holders = self._postings.get(key)
            if holders is not None:
                holders.discard(story.story_id)
                if not holders:
                    del self._postings[key]

    # --- closing ---------------------------------------------------------------------
    def _close(self, story_id: str) -> None:
        story = self._open.pop(story_id)
        self._seq.pop(story_id, None)
        self._leave_home(story_id, story.members)
        self._drop_postings(story)
        self._closed.append(story.summary())

    def _close_stale(self) -> None:
        if self._clock is None:
            return
        horizon = self._clock - self.config.story_window
        # Least recently fed first; in time order that is oldest end first, so stop at the
        # first fresh story: O(closed) per article, not O(open).
        stale: list[str] = []
        for sid, story in self._open.items():
            if story.end is None:
                continue  # undated stories close only by overflow
            if story.end >= horizon:
                break
            stale.append(sid)
        for sid in stale:
            self._close(sid)

    def _close_overflow(self) -> None:
        while len(self._open) > self.config.story_max_open:
            self._close(next(iter(self._open)))

    def close_all(self) -> list[StorySummary]:
        """End of input: close every open story and return all closed summaries."""
        for sid in list(self._open):
            self._close(sid)
        return self.pop_closed()

    def pop_closed(self) -> list[StorySummary]:
        """Summaries of stories closed since the last call (the caller persists them)."""
        out, self._closed = self._closed, []
        return out

    def summary_of(self, story_id: str) -> StorySummary | None:
        """Summary of one open story (``None`` once it has closed)."""
        story = self._open.get(story_id)
        return story.summary() if story is not None else None

    @property
    def clock(self) -> datetime | None:
        """The latest publication time fed so far."""
        return self._clock

    def open_stories(self) -> list[StorySummary]:
        """Summaries of the stories still open (e.g. to show or persist a snapshot)."""
        return [s.summary() for s in self._open.values()]

    def __len__(self) -> int:
        return len(self._open)

    # --- persistence -----------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """JSON-ready state: open stories, document frequencies and the clock."""
        return {
            "config": self.config.to_dict(),
            "clock": format_time(self._clock),
            "df": self.df.to_dict(),
            "assigned": self._assigned,
            "second_looks": [[n, aid] for n, aid in self._second_looks],
            "open": [
                {
                    "story_id": s.story_id,
                    "first_article_id": s.first_article_id,
                    "size": s.size,
                    "start": format_time(s.start),
                    "end": format_time(s.end),
                    "terms": s.terms,
                    "names": s.names,
                    "members": [
                        [t, n, _tagged(y), aid, format_time(when)] for t, n, y, aid, when in s.members
                    ],
                    "merged_from": list(s.merged_from),
                    "seq": self._seq.get(s.story_id, 0),
                }
                for s in self._open.values()
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], config: LinkConfig | None = None) -> StoryClusterer:
        """Inverse of :meth:`to_dict` (pass ``config`` to override the saved one)."""
        out = cls(config or LinkConfig.from_dict(data.get("config") or {}))
        out._clock = parse_time(data.get("clock"))
        out.df = DocumentFrequencies.from_dict(data.get("df") or {})
        out._assigned = int(data.get("assigned") or 0)
        out._second_looks = deque((int(n), str(aid)) for n, aid in data.get("second_looks") or [])
        for item in data.get("open") or []:
            story = _Story(
                story_id=str(item["story_id"]),
                first_article_id=str(item.get("first_article_id") or ""),
                size=int(item.get("size") or 0),
                start=parse_time(item.get("start")),
                end=parse_time(item.get("end")),
                terms={str(k): float(v) for k, v in (item.get("terms") or {}).items()},
                names={str(k): float(v) for k, v in (item.get("names") or {}).items()},
                members=[_member_from(m) for m in item.get("members") or []],
                merged_from=[str(x) for x in item.get("merged_from") or []],
            )
            story.term_norm = _norm(story.terms)
            story.name_norm = _norm(story.names)
            out._open[story.story_id] = story
            for member in story.members:
                if member[3] is not None:
                    out._home[member[3]] = story.story_id
            out._seq[story.story_id] = int(item.get("seq", out._next_seq))
            out._next_seq = max(out._next_seq, out._seq[story.story_id]) + 1
            for key in set(story.terms) | set(story.names):
                out._postings.setdefault(key, set()).add(story.story_id)
        return out
