""" "Berita terkait" for the article page: the ONE function the link stage will replace.

For now: the page's own related block as printed, then the archive's best search
matches for the title's words (the article itself and copies of it left out). When
``warta.link`` can answer related news, swap the body of :func:`related_articles`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from warta.api import Warta
from warta.model import Article, article_id, format_time
from warta.store import QueryError, StoreError
from warta.text import tokens

# Words too common to say what a title is about (Indonesian and English); a title
# query of only these would match everything.
_STOP_WORDS = (
    "yang dan di ke dari untuk dengan ini itu pada dalam akan tidak ada juga atau oleh karena"
    " sebagai bisa telah sudah masih saat agar soal usai jadi kata hingga para"
    " the and for with from that this into over after about are was were has have will"
    " its not but than their says said new"
)
_STOP = frozenset(_STOP_WORDS.split())
MAX_TITLE_WORDS = 12


@dataclass(slots=True)
class RelatedItem:
    title: str
    origin: Literal["page", "search"]  # printed on the page, or found in the archive
    article_id: str | None = None  # set when the archive holds it: link inside warta
    url: str | None = None  # the outlet's URL (rendered as a link only if http(s))
    outlet: str | None = None
    summary: str | None = None
    age: str | None = None  # as printed ("23 menit lalu")
    published_at: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "origin": self.origin,
            "article_id": self.article_id,
            "url": self.url,
            "outlet": self.outlet,
            "summary": self.summary,
            "age": self.age,
            "published_at": format_time(self.published_at),
        }


def title_query(title: str) -> str | None:
    """An OR query of the title's telling words, each quoted so none is read as syntax."""
    words: list[str] = []
    for word in tokens(title):
        if len(word) >= 3 and word not in _STOP and not word.isdigit() and word not in words:
            words.append(word)
    return " OR ".join(f'"{w}"' for w in words[:MAX_TITLE_WORDS]) or None


def related_articles(handle: Warta, article: Article, *, limit: int = 6) -> list[RelatedItem]:
    """Related news for ``article``: printed entries first, then archive matches, at most ``limit``."""
    items: list[RelatedItem] = []
    seen_ids = {article.id}
    seen_titles = {article.title.casefold().strip()}
    for printed in article.related:
        # the same URL always gives the same id, so we can tell whether we hold that page
        held = handle.get(article_id(printed.url, printed.title, "")) if printed.url else None
        items.append(
            RelatedItem(
                title=printed.title,
                origin="page",
                article_id=held.id if held else None,
                url=printed.url,
                outlet=held.outlet if held else article.outlet,
                summary=printed.summary,
                age=printed.age,
                published_at=printed.published_at or (held.published_at if held else None),
            )
        )
        if held:
            seen_ids.add(held.id)
        seen_titles.add(printed.title.casefold().strip())
    query = title_query(article.title)
    wanted = limit - len(items)
    if query and wanted > 0:
        try:
            hits = handle.search(query, limit=wanted + 5)
        except (QueryError, StoreError):
            hits = []  # a title we cannot search on still gets its printed block
        for hit in hits:
            key = hit.title.casefold().strip()
            if hit.id in seen_ids or key in seen_titles:
                continue
            seen_ids.add(hit.id)
            seen_titles.add(key)
            items.append(
                RelatedItem(
                    title=hit.title,
                    origin="search",
                    article_id=hit.id,
                    url=hit.url,
                    outlet=hit.outlet,
                    published_at=hit.published_at,
                )
            )
            if len(items) >= limit:
                break
    return items[: max(limit, len(article.related))]
