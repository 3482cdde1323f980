"""Related news: rank candidate articles for one target article. A pure function.

For the target *t* and each candidate *c*::

    relevance(c) = w_topic · cos(v_t, v_c) + w_story · [story_c = story_t]
                   + w_storyline · [storyline_c = storyline_t]
    score(c)     = relevance(c) · (1 + w_recency · 2^(-|published_c - published_t| / half_life))

``v`` is a TF-IDF vector of stemmed title and body words plus names (prefixed
``@``; see :mod:`warta.link.features`). IDF comes from the caller's
:class:`DocumentFrequencies` if given (e.g. the story clusterer's), else from the
target and candidates themselves. Recency multiplies relevance instead of adding
to it, so a fresh but unrelated article never outranks an older related one;
between equally related articles the one closer in time to the target wins.
Never returned: the target itself, anything in the target's duplicate group
(``duplicate_of`` or the same root), and more than one article of any
duplicate group (the best-scoring copy stands for the group). Scores below
``related_min_score`` are dropped; at most ``related_limit`` are returned.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from warta.config import LinkConfig
from warta.link.features import ArticleFeatures, DocumentFrequencies, cosine

__all__ = ["Candidate", "rank_related", "vector_of"]


@dataclass(slots=True)
class Candidate:
    """One article as related-news ranking sees it. Give ``features`` (text) or a
    precomputed ``vector`` (e.g. stored by the link stage)."""

    article_id: str
    features: ArticleFeatures | None = None
    vector: dict[str, float] | None = None
    story_id: str | None = None
    storyline_id: str | None = None
    published_at: datetime | None = None
    duplicate_of: str | None = None

    @property
    def group(self) -> str:
        """Duplicate-group key: the group's first article."""
        return self.duplicate_of or self.article_id


def vector_of(
    features: ArticleFeatures, df: DocumentFrequencies, config: LinkConfig | None = None
) -> dict[str, float]:
    """Unit TF-IDF vector of words and names (names weighted by ``story_entity_weight``)."""
    cfg = config or LinkConfig()
    words, names = features.raw_counts(cfg.story_title_weight, cfg.story_body_words)
    vec = {t: (1.0 + math.log(c)) * df.idf(t) for t, c in words.items() if c > 0}
    for n, c in names.items():
        if c > 0:
            vec[n] = (1.0 + math.log(1.0 + c)) * df.idf(n) * cfg.story_entity_weight
    norm = math.sqrt(sum(w * w for w in vec.values()))
    return {k: w / norm for k, w in vec.items()} if norm else {}


def rank_related(
    target: Candidate,
    candidates: Iterable[Candidate],
    config: LinkConfig | None = None,
    df: DocumentFrequencies | None = None,
) -> list[tuple[str, float]]:
    """Ranked ``[(article_id, score)]`` of the candidates most worth reading next to ``target``."""
    cfg = config or LinkConfig()
    pool = [c for c in candidates if c.article_id != target.article_id and c.group != target.group]
    if df is None:
        # Local IDF over the target and its candidates: what sets articles apart here.
        df = DocumentFrequencies()
        for item in [target, *pool]:
            if item.vector is None and item.features is not None:
                words, names = item.features.raw_counts(cfg.story_title_weight, cfg.story_body_words)
                df.add(list(words) + list(names))

    def vec(item: Candidate) -> dict[str, float]:
        if item.vector is None:
            item.vector = vector_of(item.features, df, cfg) if item.features is not None else {}
        return item.vector

    target_vec = vec(target)
    half_life = cfg.related_recency_half_life.total_seconds()
    best_per_group: dict[str, tuple[float, str]] = {}
    for c in pool:
        relevance = cfg.related_weight_topic * cosine(target_vec, vec(c))
        if target.story_id and c.story_id == target.story_id:
            relevance += cfg.related_weight_story
        if target.storyline_id and c.storyline_id == target.storyline_id:
            relevance += cfg.related_weight_storyline
        recency = 0.0
        if target.published_at and c.published_at and half_life > 0:
            gap = abs((c.published_at - target.published_at).total_seconds())
            recency = 0.5 ** (gap / half_life)
        score = relevance * (1.0 + cfg.related_weight_recency * recency)
        if score < cfg.related_min_score:
            continue
        held = best_per_group.get(c.group)
        if held is None or score > held[0]:  # ties keep the earlier candidate
            best_per_group[c.group] = (score, c.article_id)
    ranked = sorted(best_per_group.values(), key=lambda sa: (-sa[0], sa[1]))
    return [(aid, round(score, 6)) for score, aid in ranked[: cfg.related_limit]]
