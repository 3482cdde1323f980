"""Which language an article is written in.

A function-word count is enough to tell Indonesian from English and the other
languages we stem, costs microseconds, and needs no model download. The
markers are data in ``languages.toml``.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

__all__ = ["detect_language"]

_WORD = re.compile(r"[^\W\d_]+")
SAMPLE_CHARS = 1500  # the first few paragraphs decide; long bodies cost nothing more


@cache
def _markers() -> dict[str, tuple[str, ...]]:
    """Marker word -> the languages it votes for (one dict lookup per word)."""
    data = tomllib.loads(resources.files("warta.understand").joinpath("languages.toml").read_text("utf-8"))
    votes: dict[str, list[str]] = {}
    for code, table in data.items():
        for word in table["markers"]:
            votes.setdefault(word, []).append(code)
    return {word: tuple(codes) for word, codes in votes.items()}


@cache
def _languages() -> tuple[str, ...]:
    return tuple(sorted({code for codes in _markers().values() for code in codes}))


def detect_language(text: str, *, min_markers: int = 3) -> str | None:
    """ISO 639-1 code of ``text``'s language, or ``None`` when the evidence is too thin."""
    words = _WORD.findall(text[:SAMPLE_CHARS].casefold())
    if not words:
        return None
    scores = dict.fromkeys(_languages(), 0)
    markers = _markers()
    for word in words:
        for code in markers.get(word, ()):
            scores[code] += 1
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < min_markers or top < 1.5 * second:
        # Malay shares most Indonesian function words: its own markers decide between them
        if best in ("id", "ms") and top >= min_markers:
            return "ms" if scores["ms"] > 2 else "id"
        return None
    if best == "id" and scores["ms"] > 2 and scores["ms"] * 4 > scores["id"]:
        return "ms"
    return best
