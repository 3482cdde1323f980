"""Sentence boundaries with character offsets, for Indonesian and English news text.

Rules, in order: a line break always ends a sentence (bodies are paragraphs);
``.``, ``!``, ``?`` or ``…`` (with any closing quotes or brackets after it)
ends one when whitespace follows, unless

- the stop belongs to an abbreviation ("Prof.", "Dr.", "No.", initials; the
  list is data in ``data/abbreviations.toml``),
- we are inside quoted speech (``"Kami siap. Kami juga," kata X.`` is one
  sentence: the quote and its attribution belong together), or
- the next word starts with a lower-case letter (not a sentence start).

Decimal commas and thousands dots ("218,2", "1.691.409") never have
whitespace after the stop, so they are never candidates. One regex finds the
candidates and ``str.count`` tracks the quotes, so there is no Python loop per
character.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache, lru_cache
from importlib import resources

__all__ = ["abbreviations", "degrees", "sentence_index", "sentence_start", "split_sentences"]

_CANDIDATE = re.compile(r"\n\s*|[.!?…]+[\"”’')\]]*(?=\s|\Z)")
_OPEN_CURLY = "“"
_CLOSE_CURLY = "”"


@cache
def _abbreviation_table() -> dict[str, list[str]]:
    text = resources.files("warta.understand").joinpath("data/abbreviations.toml").read_text("utf-8")
    return tomllib.loads(text)


@cache
def abbreviations() -> frozenset[str]:
    """Words that end in a full stop without ending the sentence (``data/abbreviations.toml``),
    degrees included."""
    table = _abbreviation_table()
    return frozenset(table["abbreviations"]) | degrees()


@cache
def degrees() -> frozenset[str]:
    """Degrees and professional titles written after a name ("M.M", "Ph.D"), without the stop."""
    return frozenset(_abbreviation_table()["degrees"])


def _inside_quote(text: str, para_start: int, pos: int, straight_ok: bool) -> bool:
    if straight_ok and text.count('"', para_start, pos) % 2 == 1:
        return True
    return text.count(_OPEN_CURLY, para_start, pos) > text.count(_CLOSE_CURLY, para_start, pos)


def _is_abbreviation(text: str, stop: int, para_start: int, known: frozenset[str]) -> bool:
    space = max(text.rfind(" ", para_start, stop), text.rfind("(", para_start, stop), para_start - 1)
    token = text[space + 1 : stop].lstrip("\"“'(")
    if not token:
        return False
    if token in known:
        return True
    # an initial ("Susilo B. Yudhoyono") or a list number at the paragraph start ("1. ...")
    if len(token) == 1 and token.isupper():
        return True
    return token.isdigit() and space < para_start


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence in ``text``, whitespace trimmed, in order."""
    return list(_split(text))


@lru_cache(maxsize=16)
def _split(text: str) -> tuple[tuple[int, int], ...]:
    # cached: figures, quotes and times each need the sentences of the same body
    known = abbreviations()
    out: list[tuple[int, int]] = []
    start = 0
    para_start = 0
    para_end = text.find("\n")
    if para_end < 0:
        para_end = len(text)
    straight_ok = text.count('"', 0, para_end) % 2 == 0
    for match in _CANDIDATE.finditer(text):
        mstart, mend = match.span()
        if text[mstart] in "\n \t\r":
            _emit(text, start, mstart, out)
            start = para_start = mend
            para_end = text.find("\n", mend)
            if para_end < 0:
                para_end = len(text)
            # an unbalanced straight quote would swallow the paragraph: ignore straight quotes then
            straight_ok = text.count('"', mend, para_end) % 2 == 0
            continue
        if mend < len(text):
            nxt = text[mend : mend + 3].lstrip()[:1]
            if nxt.islower():
                continue
        if text[mstart] == "." and mend - mstart == 1 and _is_abbreviation(text, mstart, para_start, known):
            continue
        if _inside_quote(text, para_start, mend, straight_ok):
            continue
        _emit(text, start, mend, out)
        start = mend
    _emit(text, start, len(text), out)
    return tuple(out)


def _emit(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        out.append((start + lead, start + lead + len(stripped)))


def sentence_index(sentences: list[tuple[int, int]] | tuple[tuple[int, int], ...], pos: int) -> int:
    """Index of the sentence holding ``pos`` (or the last one before it)."""
    lo, hi = 0, len(sentences)
    while lo < hi:
        mid = (lo + hi) // 2
        if sentences[mid][0] <= pos:
            lo = mid + 1
        else:
            hi = mid
    return max(lo - 1, 0)


def sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` starts by the plain rule: after the last ". " or line
    break before it. Cheaper and rougher than :func:`split_sentences` (an abbreviation's full stop
    counts); the pronoun rules of events and quotes were measured with it."""
    return max(text.rfind(". ", 0, pos) + 2, text.rfind("\n", 0, pos) + 1)
