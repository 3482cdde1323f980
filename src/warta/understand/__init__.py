"""Understand: what each article says.

Language always (microseconds); with ``facts`` also entities with one identity across
spellings, quotations with their speaker, figures with unit and period, and events
coded in PLOVER (see :mod:`warta.understand.facts`), each with offsets into the body.
"""

from __future__ import annotations

from warta.model import Article
from warta.understand.entities import canonical_key
from warta.understand.language import detect_language

__all__ = ["canonical_key", "detect_language", "load_models", "understand"]


def understand(article: Article, *, facts: bool = True) -> Article:
    """Fill what this stage knows about ``article`` (in place) and return it."""
    if not article.language:
        article.language = detect_language(f"{article.title}\n{article.body}")
    if facts:
        from warta.understand.facts import annotate  # loads the entity tagger on first use

        annotate(article)
    return article


def load_models(*, facts: bool = True) -> None:
    """Load now what :func:`understand` would load on first use (the entity tagger with
    ``facts``): a worker process does it while its parent is still getting ready."""
    if facts:
        from warta.understand.entities import load_tagger

        load_tagger()
