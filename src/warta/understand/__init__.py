"""Understand: what each article says (language now; entities, quotes, figures, times and events next)."""

from __future__ import annotations

from warta.model import Article
from warta.understand.language import detect_language

__all__ = ["detect_language", "understand"]


def understand(article: Article) -> Article:
    """Fill what this stage knows about ``article`` (in place) and return it."""
    if not article.language:
        article.language = detect_language(f"{article.title}\n{article.body}")
    return article
