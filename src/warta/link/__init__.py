"""Link: near-duplicates, stories, storylines and related news, as pure streaming components.

Each component is fed articles (or story summaries) one at a time, in time order,
keeps a bounded state that serialises (``to_bytes``/``to_dict``) so the store can
persist it, and never does I/O. Thresholds and windows live in
:class:`warta.config.LinkConfig`.
"""

from __future__ import annotations

from warta.link.dedup import DuplicateIndex
from warta.link.features import ArticleFeatures, DocumentFrequencies, name_proxies
from warta.link.related import Candidate, rank_related
from warta.link.stories import StoryClusterer, StorySummary
from warta.link.storylines import StorylineLinker, StorylineSummary

__all__ = [
    "ArticleFeatures",
    "Candidate",
    "DocumentFrequencies",
    "DuplicateIndex",
    "StoryClusterer",
    "StorySummary",
    "StorylineLinker",
    "StorylineSummary",
    "name_proxies",
    "rank_related",
]
