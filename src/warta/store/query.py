"""A small, forgiving search syntax compiled to FTS5, and snippets with hits marked.

Users type ``campur tangan``, ``"jaminan keamanan"``, ``putin OR xi``, ``rusia -ukraina``
or ``ekspor*``. Every word is stemmed the way the index was (Indonesian and English
Snowball), then quoted, so nothing a user types can reach FTS5's own syntax: a
malformed query gets a :class:`QueryError` with a one-line reason, never a traceback.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from warta.model import HIT_CLOSE, HIT_OPEN
from warta.text import stem, stem_many, tokens

__all__ = ["QUERY_LANGUAGES", "CompiledQuery", "QueryError", "compile_query", "snippet"]

# The index stems each article in its own language; a query word is looked up in
# every stemming the index may hold for it.
QUERY_LANGUAGES = ("id", "en")
MAX_QUERY_WORDS = 32

_TOKEN = re.compile(r'\s*(?:(-)?"([^"]*)"|(\S+))')


class QueryError(ValueError):
    """A query we cannot run; the message says why in one line."""


@dataclass(frozen=True, slots=True)
class CompiledQuery:
    match: str  # the FTS5 MATCH expression
    stems: frozenset[str]  # positive stems, for marking hits in snippets


def _variants(word: str) -> list[str]:
    out: list[str] = []
    for language in QUERY_LANGUAGES:
        for s in stem(word, language).split():
            if s not in out:
                out.append(s)
    return out


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _word_clause(word: str, prefix: bool) -> tuple[str, set[str]]:
    parts = tokens(word)
    if not parts:
        raise QueryError(f"nothing searchable in {word!r}")
    clauses: list[str] = []
    stems: set[str] = set()
    for part in parts:
        variants = _variants(part)
        stems.update(variants)
        if prefix and part is parts[-1]:
            # a prefix matches the unstemmed start too, since stems can be shorter than it
            options = [_quote(v) + "*" for v in variants]
        else:
            options = [_quote(v) for v in variants]
        clauses.append(options[0] if len(options) == 1 else "(" + " OR ".join(options) + ")")
    return (clauses[0] if len(clauses) == 1 else "(" + " AND ".join(clauses) + ")"), stems


def _phrase_clause(text: str) -> tuple[str, set[str]]:
    words = tokens(text)
    if not words:
        raise QueryError('empty phrase ""')
    stems: set[str] = set()
    phrases: list[str] = []
    for language in QUERY_LANGUAGES:
        terms = [s for w in words for s in stem(w, language).split()]
        stems.update(terms)
        phrase = _quote(" ".join(terms))
        if phrase not in phrases:
            phrases.append(phrase)
    return (phrases[0] if len(phrases) == 1 else "(" + " OR ".join(phrases) + ")"), stems


def compile_query(query: str) -> CompiledQuery:
    """Compile user syntax to an FTS5 expression; :class:`QueryError` if it can't be."""
    text = query.strip()
    if not text:
        raise QueryError("empty query")
    if text.count('"') % 2:
        raise QueryError("unbalanced quote in query")
    positive: list[list[str]] = [[]]  # OR-groups of AND-ed clauses
    negative: list[str] = []
    stems: set[str] = set()
    expect_term = True
    words = 0
    for match in _TOKEN.finditer(text):
        neg_phrase, phrase, word = match.group(1), match.group(2), match.group(3)
        if word == "OR":
            if expect_term:
                raise QueryError("OR needs a word on each side")
            positive.append([])
            expect_term = True
            continue
        if word == "AND":
            continue  # AND is what a space means already
        words += 1
        if words > MAX_QUERY_WORDS:
            raise QueryError(f"query has more than {MAX_QUERY_WORDS} words")
        if phrase is not None:
            clause, found = _phrase_clause(phrase)
            negated = bool(neg_phrase)
        else:
            assert word is not None
            negated = word.startswith("-") and len(word) > 1
            raw = word[1:] if negated else word
            prefix = raw.endswith("*")
            clause, found = _word_clause(raw.rstrip("*"), prefix)
        if negated:
            negative.append(clause)
            continue
        positive[-1].append(clause)
        stems |= found
        expect_term = False
    if expect_term and len(positive) > 1:
        raise QueryError("OR needs a word on each side")
    groups = ["(" + " AND ".join(group) + ")" for group in positive if group]
    if not groups:
        raise QueryError("query has nothing to search for (only excluded words)")
    expression = groups[0] if len(groups) == 1 else "(" + " OR ".join(groups) + ")"
    if negative:
        expression += " NOT (" + " OR ".join(negative) + ")"
    return CompiledQuery(match=expression, stems=frozenset(stems))


_WORD_SPAN = re.compile(r"\w+(?:[-'’]\w+)*")


def _hit_words(words: set[str], stems: frozenset[str], prefixes: tuple[str, ...]) -> set[str]:
    """The casefolded ``words`` whose stem (in any query language) or prefix the query asked for.

    Each distinct word is stemmed once, in one call per language, not each occurrence:
    snippets run for every hit shown, and stemming every token of every body one by one
    was most of a search page's time.
    """
    hits = {w for w in words if w.startswith(prefixes)} if prefixes else set()
    for language in QUERY_LANGUAGES:
        rest = list(words - hits)
        hits.update(
            w
            for w, s in zip(rest, stem_many(rest, language), strict=True)
            if s in stems or (" " in s and not stems.isdisjoint(s.split()))  # compounds: any part
        )
    return hits


def snippet(text: str, query: CompiledQuery, *, width: int = 32) -> str:
    """About ``width`` words of ``text`` around the densest run of hits, hits marked.

    Computed in Python from the readable text because the index holds stems only.
    """
    words = _WORD_SPAN.findall(text)
    if not words:
        return ""
    prefixes = tuple(s for s in query.stems if len(s) >= 3)  # helps prefix queries ("ekspor*")
    prefixes = () if "*" not in query.match else prefixes
    folded = {w: w.casefold() for w in set(words)}
    wanted = _hit_words(set(folded.values()), query.stems, prefixes)
    hits = [i for i, word in enumerate(words) if folded[word] in wanted]
    if hits:
        # the window start that covers the most hits
        best, best_count, j = hits[0], 0, 0
        for i, h in enumerate(hits):
            while hits[j] < h - width + 1:
                j += 1
            if i - j + 1 > best_count:
                best, best_count = hits[j], i - j + 1
        start = max(0, best - 4)
    else:
        start = 0
    end = min(len(words), start + width)
    # offsets only as far as the window needs them
    spans = [m.span() for m in itertools.islice(_WORD_SPAN.finditer(text), end + 1)]
    hit_set = set(hits)
    out: list[str] = ["…" if start > 0 else ""]
    cursor = spans[start][0]
    for i in range(start, end):
        a, b = spans[i]
        out.append(text[cursor:a])
        out.append(f"{HIT_OPEN}{text[a:b]}{HIT_CLOSE}" if i in hit_set else text[a:b])
        cursor = b
    if end < len(words):
        out.append(text[cursor : spans[end][0]].rstrip() + "…")
    else:
        out.append(text[cursor:])
    return " ".join("".join(out).split())
