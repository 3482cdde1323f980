""" "Berita terkait" for the article page and the API, from the link stage.

Two kinds, shown apart: :func:`linked_related` ranks the archive's articles with
``Warta.related`` (same story, same storyline, shared terms, recency); :func:`printed_related`
is the page's own printed block, each entry linked inside warta when the archive holds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from warta.api import Warta
from warta.model import Article, article_id, format_time


@dataclass(slots=True)
class LinkedItem:
    """One related article found by the link stage (always one the archive holds)."""

    article_id: str
    title: str
    score: float
    outlet: str | None = None
    url: str | None = None
    published_at: datetime | None = None
    story_id: str | None = None
    storyline_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.article_id,
            "title": self.title,
            "outlet": self.outlet,
            "url": self.url,
            "published_at": format_time(self.published_at),
            "story_id": self.story_id,
            "storyline_id": self.storyline_id,
            "score": self.score,
        }


@dataclass(slots=True)
class RelatedItem:
    """One entry of the page's own printed related block."""

    title: str
    article_id: str | None = None  # set when the archive holds it: link inside warta
    url: str | None = None  # the outlet's URL (rendered as a link only if http(s))
    outlet: str | None = None
    summary: str | None = None
    age: str | None = None  # as printed ("23 menit lalu")
    published_at: datetime | None = None


def linked_related(handle: Warta, article_id: str, *, limit: int = 6) -> list[LinkedItem]:
    """The link stage's related news for ``article_id``, best first; never the article itself."""
    items: list[LinkedItem] = []
    for other_id, score in handle.related(article_id, limit=limit):
        if other_id == article_id:
            continue
        other = handle.get(other_id)
        if other is None:  # ranked from a stale index entry; nothing to link to
            continue
        items.append(
            LinkedItem(
                article_id=other.id,
                title=other.title,
                score=round(float(score), 4),
                outlet=other.outlet,
                url=other.url,
                published_at=other.published_at,
                story_id=other.story_id,
                storyline_id=other.storyline_id,
            )
        )
    return items


def printed_related(handle: Warta, article: Article) -> list[RelatedItem]:
    """The page's own "Berita terkait" block, as printed, resolved against the archive."""
    items: list[RelatedItem] = []
    for printed in article.related:
        # the same URL always gives the same id, so we can tell whether we hold that page
        held = handle.get(article_id(printed.url, printed.title, "")) if printed.url else None
        if held is not None and held.id == article.id:
            held = None
        items.append(
            RelatedItem(
                title=printed.title,
                article_id=held.id if held else None,
                url=printed.url,
                outlet=held.outlet if held else article.outlet,
                summary=printed.summary,
                age=printed.age,
                published_at=printed.published_at or (held.published_at if held else None),
            )
        )
    return items
