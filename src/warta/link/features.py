"""What the link stage compares: stemmed terms, names, and sparse TF-IDF vectors.

Shared by stories, storylines and related news so that all three weigh words
and names the same way. Pure functions and one small state object
(:class:`DocumentFrequencies`, learned incrementally and serialisable).
"""

from __future__ import annotations

import gzip
import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from importlib import resources
from typing import Any

from warta.model import Article, parse_time
from warta.text import terms

__all__ = [
    "ENTITY_PREFIX",
    "ArticleFeatures",
    "DocumentFrequencies",
    "background_df",
    "cosine",
    "entity_keys",
    "facts",
    "name_proxies",
    "normalise",
    "top_k",
    "years",
]

ENTITY_PREFIX = "@"  # entity features live in the same sparse vector as terms, marked by this prefix

# Capitalised words that start sentences or headlines without naming anything (English and
# Indonesian). Stripped from the edges of a capitalised run so "The Hague" stays a name
# through its second word while "The" alone never counts.
_NOT_NAMES = frozenset(
    """
    a an the in on at of for to from by with and or but as if when while after before
    this that these those it its he she they we i you his her their our my your there
    here what who why how where which said says also however but yet so than then
    mr mrs ms dr
    di ke dari dan atau yang ini itu pada untuk dalam dengan oleh bagi sebagai karena
    jika saat ketika setelah sebelum namun tetapi tapi juga ada akan telah sudah belum
    ia dia mereka kami kita saya anda beliau para sang si pak bu bapak ibu
    senin selasa rabu kamis jumat sabtu minggu
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    januari februari maret mei juni juli agustus oktober desember
    am pm gmt wib wita wit utc updated posted photo foto update ve ll re
    baca juga advertisement scroll continue content
    """.split()  # noqa: SIM905 - a word list reads better as text
)
# Runs join over spaces only: a line break ends a name (a headline's last word is not
# the first word of the lead's name).
_CAP_RUN = re.compile(r"(?:[A-Z][\w'’.-]*|[A-Z]{2,})(?:[ \t]+(?:[A-Z][\w'’.-]*))*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”'`]\s*|\n\s*)$")


def _title_case(title: str) -> bool:
    words = [w for w in title.split() if w[:1].isalpha()]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


@lru_cache(maxsize=200_000)  # names and capitalised words repeat across a news stream
def normalise(name: str) -> str:
    """One key per spelling: NFKC, case-folded, punctuation dropped, spaces single."""
    text = unicodedata.normalize("NFKC", name).casefold()
    return " ".join(re.findall(r"\w+", text))


def name_proxies(text: str) -> list[str]:
    """Capitalised word runs as stand-ins for named people, places and organisations.

    Works for English and Indonesian, which both capitalise names. A lone
    capitalised word at the start of a sentence is skipped (it is capitalised
    for the sentence, not for being a name); function words are trimmed from
    the edges of a run. Returns normalised names in text order, with repeats.
    """
    out: list[str] = []
    for match in _CAP_RUN.finditer(text):
        text_run = match.group(0)
        run = text_run.split()
        lone = len(run) == 1  # a one-word run: maybe capitalised only for the sentence
        cut = "." in text_run
        for words in _name_parts(run) if cut else (run,):
            while words and normalise(words[0]) in _NOT_NAMES:
                words.pop(0)
            while words and normalise(words[-1]) in _NOT_NAMES:
                words.pop()
            if not words:
                continue
            if lone:
                before = text[max(0, match.start() - 3) : match.start()]
                if _SENTENCE_START.search(before):
                    continue
            name = normalise(" ".join(words))
            if len(name) > 1 and not name.isdigit():
                out.append(name)
    return out


def _name_parts(words: list[str]) -> list[list[str]]:
    """A capitalised run cut where a sentence ends inside it: at a full stop after a word
    that is no initial or short abbreviation ("Mt Cook. Reid" is two names; "U.S. Army"
    and "Mt. Cook" stay one). Possessives are kept ("Zealand's" stays one word): cutting
    and stripping them lowered ECB+ pairwise F1 by 0.01, as sister events then share more
    place names."""
    parts: list[list[str]] = [[]]
    for word in words:
        if word.endswith(".") and len(word) > 3 and "." not in word[:-1]:
            parts[-1].append(word[:-1])
            parts.append([])
        else:
            parts[-1].append(word)
    return [p for p in parts if p]


# Years a text mentions ("2008", "in 2013"): a happening has one, so two reports naming
# only different years are about different happenings. 1900-2099 only; "1,500" is no year.
_YEAR = re.compile(r"(?<![\d.,])(19\d\d|20\d\d)(?![\d]|[.,]\d)")


def years(text: str) -> frozenset[str]:
    """The years (1900-2099) a text mentions."""
    return frozenset(_YEAR.findall(text))


# Month names of the languages served (data, not branches), tagged "1".."12"; of the
# abbreviations only those that are no everyday word or first name ("Mar", "Jan", "Des"
# are left out).
_MONTHS: dict[str, str] = {
    word: str(month)
    for month, words in enumerate(
        [
            "january januari",
            "february feb februari pebruari",
            "march maret",
            "april apr",
            "may mei",
            "june jun juni",
            "july jul juli",
            "august aug agustus agu",
            "september sep sept",
            "october oct oktober okt",
            "november nov nopember",
            "december dec desember",
        ],
        start=1,
    )
    for word in words.split()
}
# A figure: digits with decimal or thousands marks ("4.6", "5,6", "1,500", "1.500").
_FIGURE = re.compile(r"(?<![\w.,:/])\d+(?:[.,]\d+)*(?![\w:/]|[.,]\d)")
# Month names as written in text: capitalised or in capitals ("March", "MARET").
_MONTH_FORMS = frozenset(w[:1].upper() + w[1:] for w in _MONTHS) | frozenset(w.upper() for w in _MONTHS)
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z]{2,8}\b")
# Words after a figure that make it a clock time, not a fact of the happening.
_CLOCK = re.compile(r"\s*(?:a\.?m\b|p\.?m\b|wib\b|wita\b|wit\b|gmt\b|utc\b|[ecmp][sd]?t\b)", re.IGNORECASE)


def facts(text: str) -> frozenset[str]:
    """Checkable specifics a text states, tagged by kind: years ("y2013"), months
    ("m3") and other figures ("n4.6": magnitudes, tolls, ages, sums).

    Reports of one happening share them; two reports that both state facts of a kind
    with none in common are about different happenings (``story_year_penalty``,
    ``story_month_penalty``, ``story_figure_penalty``). A month counts when its name is
    capitalised ("May", "MEI"). Left out because reports of one happening written on
    different days differ in them: clock times ("14.05 WIB", "9:27 a.m."), numeric dates
    ("21/11/2022") and the day next to a month name ("March 14", "14 Maret").
    """
    out: set[str] = {f"y{y}" for y in years(text)}
    month_spans: list[tuple[int, int]] = []
    named = _MONTH_FORMS.intersection(_CAPITALISED.findall(text))  # a set scan: fast
    if named:
        out.update("m" + _MONTHS[word.casefold()] for word in named)
        pattern = r"\b(?:" + "|".join(sorted(named)) + r")\b"
        month_spans = [m.span() for m in re.finditer(pattern, text)]
    for match in _FIGURE.finditer(text):
        figure = match.group(0)
        if _YEAR.fullmatch(figure) or _CLOCK.match(text, match.end()):
            continue
        start, end = match.span()
        if len(figure) <= 2 and any(0 <= start - e <= 2 or 0 <= s - end <= 2 for s, e in month_spans):
            continue
        out.add("n" + figure.replace(",", "."))
    return frozenset(out)


def entity_keys(names: Iterable[str]) -> Counter[str]:
    """Entity feature counts: each full name, and each word of a multi-word name at half
    weight (so a later "Reid" still meets "Tara Reid")."""
    counts: Counter[str] = Counter()
    for raw in names:
        name = normalise(raw)
        if not name:
            continue
        counts[ENTITY_PREFIX + name] += 1.0
        parts = name.split()
        if len(parts) > 1:
            for part in parts:
                if len(part) > 2 and part not in _NOT_NAMES:
                    counts[ENTITY_PREFIX + part] += 0.5
    return counts


@dataclass(slots=True)
class ArticleFeatures:
    """What linking needs from one article. ``entities`` are names from the understand
    stage when it ran; ``None`` means "derive capitalised-word proxies". ``stems`` are the
    title's and body's terms when the caller already has them in ``language`` (the
    store's index terms), so an ingest does not stem each article twice."""

    article_id: str
    title: str
    body: str
    language: str | None = "id"
    published_at: datetime | None = None
    entities: list[str] | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    stems: tuple[list[str], list[str]] | None = None

    @classmethod
    def from_article(
        cls,
        article: Article,
        stems: tuple[list[str], list[str]] | None = None,
        entity_languages: Collection[str] = ("id",),
    ) -> ArticleFeatures:
        """``entity_languages``: where the article's entities name it (``LinkConfig.
        link_entity_languages``); in other languages capitalised runs do."""
        names: list[str] | None = None
        if article.entities and article.language in entity_languages:
            # the understand stage's canonical names: spellings and titles already folded
            names = [
                str(e.get("entity") or e.get("name") or e.get("surface") or "")
                for e in article.entities
                if isinstance(e, dict) and (e.get("entity") or e.get("name") or e.get("surface"))
            ]
        return cls(
            article_id=article.id,
            title=article.title,
            body=article.body,
            language=article.language,
            published_at=article.published_at or article.crawled_at,
            entities=names or None,
            stems=stems,
        )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ArticleFeatures:
        return cls(
            article_id=str(data.get("article_id") or data.get("id") or ""),
            title=str(data.get("title") or ""),
            body=str(data.get("body") or ""),
            language=data.get("language"),
            published_at=parse_time(data.get("published_at")),
            entities=list(data["entities"]) if data.get("entities") is not None else None,
        )

    def raw_counts(self, title_weight: float, body_words: int) -> tuple[Counter[str], Counter[str]]:
        """(term counts, entity counts) before IDF: title terms count ``title_weight`` times."""
        words: Counter[str] = Counter()
        body = self.body
        if body_words and len(body) > body_words * 12:  # cheap cut before tokenising
            body = body[: body_words * 12]
        if self.stems is not None:
            title_terms, body_terms = self.stems
        else:
            title_terms, body_terms = terms(self.title, self.language), terms(body, self.language)
        for t in title_terms:
            if len(t) > 1:
                words[t] += title_weight
        for t in body_terms[:body_words] if body_words else body_terms:
            if len(t) > 1:
                words[t] += 1.0
        if self.entities is not None:
            names = self.entities
        elif _title_case(self.title):  # every word capitalised: capitals say nothing there
            names = name_proxies(body)
        else:
            names = name_proxies(f"{self.title}\n{body}")
        return words, entity_keys(names)


BACKGROUND_FILE = "background_df.json.gz"


@lru_cache(maxsize=8)
def background_df(language: str | None) -> tuple[float, dict[str, float]]:
    """(documents, document frequencies) shipped for a language, else ``(0, {})``.

    Derived counts only (no text): stemmed terms and ``@``-names with their number of
    documents in a background corpus, so IDF is sensible from the first article of a
    stream instead of after thousands. Built by ``python bench/stories.py --build-idf``:
    Indonesian from indonews-2025 and indosum-dev, English from the extraction
    benchmark's article bodies. Reading a file shipped inside the package is the one
    exception to "no I/O in link/"; it happens once per language.
    """
    try:
        raw = resources.files("warta.link").joinpath(BACKGROUND_FILE).read_bytes()
    except (FileNotFoundError, OSError):
        return 0.0, {}
    table = json.loads(gzip.decompress(raw)).get(language or "id")
    if not table:
        return 0.0, {}
    return float(table["docs"]), {str(k): float(v) for k, v in table["df"].items()}


class DocumentFrequencies:
    """Document frequencies learned one document at a time, with bounded memory.

    When the vocabulary passes ``max_terms`` every count is halved and terms
    falling to zero are dropped: old news weighs less and one-off tokens (typos,
    numbers) leave memory. With ``background`` on, :meth:`idf` adds the shipped
    counts of the article's language (:func:`background_df`) to the learned ones, so the
    first articles of a stream are weighed sensibly; the stream soon dominates.
    """

    def __init__(self, max_terms: int = 500_000, background: bool = False) -> None:
        self.max_terms = max_terms
        self.background = background
        self.docs = 0.0
        self.df: dict[str, float] = {}

    def add(self, features: Iterable[str]) -> None:
        self.docs += 1
        df = self.df
        for f in features:
            df[f] = df.get(f, 0.0) + 1.0
        if len(df) > self.max_terms:
            self.docs /= 2
            self.df = {t: c / 2 for t, c in df.items() if c >= 2}

    def idf(self, feature: str) -> float:
        # Smoothed, always positive: an unseen term is as rare as can be.
        return math.log((1.0 + self.docs) / (1.0 + self.df.get(feature, 0.0))) + 1.0

    def idf_function(self, language: str | None) -> Any:
        """A fast ``feature -> idf`` for one article's language (background added if on)."""
        if not self.background:
            return self.idf
        bg_docs, bg_df = background_df(language)
        docs = 1.0 + self.docs + bg_docs
        df, log = self.df, math.log

        def idf(feature: str) -> float:
            return log(docs / (1.0 + df.get(feature, 0.0) + bg_df.get(feature, 0.0))) + 1.0

        return idf

    def to_dict(self) -> dict[str, Any]:
        return {
            "max_terms": self.max_terms,
            "docs": self.docs,
            "df": dict(self.df),
            "background": self.background,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DocumentFrequencies:
        out = cls(int(data.get("max_terms", 500_000)), bool(data.get("background", False)))
        out.docs = float(data.get("docs", 0.0))
        out.df = {str(k): float(v) for k, v in dict(data.get("df") or {}).items()}
        return out


def top_k(vector: Mapping[str, float], k: int) -> dict[str, float]:
    """The ``k`` largest weights (ties broken by key, so results are deterministic)."""
    if len(vector) <= k:
        return dict(vector)
    # plain (-weight, key) tuples sort in C; a key function would cost a call per item
    return {key: -neg for neg, key in sorted([(-w, key) for key, w in vector.items()])[:k]}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Cosine similarity of two sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    if dot <= 0.0:
        return 0.0
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    return dot / (na * nb) if na and nb else 0.0
