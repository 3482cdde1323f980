"""Words: tokenising and stemming, shared by the full-text index and linking.

Languages are data: each language names its Snowball stemmer here, and code
asks for ``terms(text, language)``. No stop words are removed: IDF weighs them
down in linking, and the full-text index ranks with BM25. Indonesian uses the
Snowball Indonesian stemmer from PyStemmer (BSD), so "mencampuri",
"dicampuri" and "campur" meet on one term.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

__all__ = ["LANGUAGES", "stem", "stemmer", "terms", "tokens"]

# language code -> Snowball algorithm name (None: no stemming, plain words)
LANGUAGES: dict[str, str | None] = {
    "id": "indonesian",
    "ms": "indonesian",
    "en": "english",
    "fr": "french",
    "de": "german",
    "es": "spanish",
    "nl": "dutch",
    "pt": "portuguese",
    "it": "italian",
}
DEFAULT_LANGUAGE = "id"

# Words joined by a hyphen are kept whole ("aset-aset", "Indo-Pasifik"):
# Indonesian reduplication is one word, and the stemmer handles it.
_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens, with accents kept (NFKC-normalised)."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


@lru_cache(maxsize=32)
def stemmer(language: str | None) -> Stemmer.Stemmer | None:
    algorithm = LANGUAGES.get(language or DEFAULT_LANGUAGE)
    if algorithm is None:
        return None
    s = Stemmer.Stemmer(algorithm)
    s.maxCacheSize = 200_000  # news vocabulary repeats a lot; the C cache is the fast path
    return s


def _compound(text: str) -> bool:
    """Holds a hyphen or apostrophe: stemmed part by part (see :func:`_parts`)."""
    return "-" in text or "'" in text or "’" in text


def stem(word: str, language: str | None = DEFAULT_LANGUAGE) -> str:
    """The stem of one word; a compound's part stems joined by spaces."""
    return stem_many([word], language)[0]


def stem_many(words: list[str], language: str | None = DEFAULT_LANGUAGE) -> list[str]:
    """:func:`stem` of each word, the plain ones in one C call (snippets stem whole bodies)."""
    s = stemmer(language)
    if s is None:
        return list(words)
    out: list[str] = s.stemWords(words)
    for i, word in enumerate(words):
        if _compound(word):
            out[i] = " ".join(s.stemWords(_parts(word)))
    return out


def terms(text: str, language: str | None = DEFAULT_LANGUAGE) -> list[str]:
    """Stemmed index terms of ``text`` in ``language`` (plain words where we have no stemmer).

    Terms never hold a hyphen or apostrophe, so they survive any index tokenizer unchanged.
    """
    words = tokens(text)
    s = stemmer(language)
    if s is None:
        return [t for w in words for t in _SPLIT.split(w) if t]
    if _compound(text):
        # rare words only: rewrite compounds to their parts, then stem everything in one C call
        flat: list[str] = []
        for w in words:
            if _compound(w):
                flat.extend(_parts(w))
            else:
                flat.append(w)
        words = flat
    return s.stemWords(words)


_SPLIT = re.compile(r"[-'’]")


def _parts(word: str) -> list[str]:
    # Reduplication ("aset-asetnya", "menginjak-injak") is one word: keep its base.
    head, _, tail = word.partition("-")
    if tail and "-" not in tail and (tail == head or head.endswith(tail) or tail.startswith(head)):
        return [head]
    return [part for part in _SPLIT.split(word) if part]
