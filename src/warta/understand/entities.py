"""Entity mentions with one identity each, their roles, and a registry across articles.

``find_entities(text, language, published_at)`` returns one plain dict per mention, in order::

    {"start", "end", "surface", "type", "entity", "role", "role_start"}
    (+ "country" for a place or organisation that belongs to one, + "metonym" for a capital
     the gazetteer lets stand for its government)

- ``type`` is ``PERSON``, ``ORG``, ``PLACE`` or ``COUNTRY``. Mentions come from the NER
  tagger (:mod:`warta.understand.ner`) and from the gazetteer (``data/gazetteer.toml``:
  countries with their Indonesian and English names, capitals, blocs, international
  organisations); the gazetteer wins on a span it knows ("Kremlin" is an ORG even when the
  tagger says PERSON; "Tiongkok Xi Jinping" is split into a country and a person). Without
  the tagger a capitalised-word proxy stands in.
- ``entity`` is the canonical name: the gazetteer's name for countries and organisations
  ("Cina", "Tiongkok", "RRC" -> "China"; "AS", "Amerika Serikat" -> "United States"); for a
  person the longest full name in the same article that the mention starts or ends
  ("Putin" -> "Vladimir Putin", "Xi" -> "Xi Jinping"), the nearest earlier one first.
- ``role`` is the role phrase written right before the name ("Presiden Rusia" in "Presiden
  Rusia Vladimir Putin"; "juru bicara Kremlin" in "Juru bicara Kremlin, Yuri Ushakov";
  "Russian President") or between commas right after it, else ``None``; the role word is
  spelled as in ``data/roles.toml``, its modifier as written. ``role_start`` is where the
  phrase starts (a mention inside it, like "Rusia" there, is a modifier, not an actor).
- A capital ("Moskow") stays a PLACE with ``entity`` "Moscow" and ``country`` "Russia";
  ``metonym`` is true only where the gazetteer says the capital stands for the government.

Across articles, :func:`canonical_key` folds transliteration variants and
:class:`EntityResolver` keeps one registry of entities with their aliases and dated roles.
"""

from __future__ import annotations

import re
import threading
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any

from warta.understand.sentences import abbreviations, degrees, sentence_index, sentence_start, split_sentences
from warta.understand.timex import month_names, weekday_names

__all__ = [
    "EntityResolver",
    "canonical_key",
    "find_entities",
    "is_role_phrase",
    "load_tagger",
    "speaker_mention",
]

_WS = re.compile(r"\s+")


# --- data --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Entry:
    name: str  # canonical name
    type: str  # COUNTRY, ORG, PLACE
    country: str | None = None
    metonym: bool = False
    ambiguous: bool = False  # also a given name ("Jordan"): yields to a longer PERSON span
    maker: bool = False  # what follows the name is a product ("Suzuki Fronx"), not a person
    not_after_capitalised: bool = False
    not_before_capitalised: bool = False
    requires_before: frozenset[str] = frozenset()
    not_first: bool = False  # also a common word ("Batu", "Malang"): not where a sentence opens


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    regex: re.Pattern[str]
    entries: dict[str, _Entry]  # alias as written -> entry
    things: frozenset[str]  # capitalised words that name no entity ("KTP", "IHSG")
    short: dict[str, tuple[str, ...]]  # organisation -> forms that name it only beside its full name
    # a site named by its address, capitalised as a name ("Liputan6.com"), maybe glued to a
    # lower-case word before it ("kepadaLiputan6.com"); an address in lower case is a link
    website: re.Pattern[str]


def _read(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("warta.understand").joinpath(f"data/{name}").read_text("utf-8"))


def _alternation(words: Any) -> str:
    """Regex for a set of words as a trie (one character test per branch: ten times faster than a
    flat alternation of hundreds of aliases); a space matches any run of whitespace."""
    tree: dict[str, Any] = {}
    for word in {str(w) for w in words}:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [
            (r"\s+" if ch == " " else re.escape(ch)) + emit(child) for ch, child in sorted(node.items()) if ch
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(tree) or "(?!x)x"


@cache
def _gazetteer() -> _Gazetteer:
    data = _read("gazetteer.toml")
    entries: dict[str, _Entry] = {}

    def add(alias: str, entry: _Entry) -> None:
        entries.setdefault(alias, entry)  # the first listing of an alias wins

    for row in data.get("countries", []):
        name = row["n"]
        ambiguous = set(row.get("x", []))
        for alias in [name, *row.get("a", [])]:
            add(alias, _Entry(name, "COUNTRY", ambiguous=alias in ambiguous))
        for demonym in row.get("d", []):
            add(demonym, _Entry(name, "COUNTRY"))
        capital = row.get("c", [])
        for alias in capital:
            add(alias, _Entry(capital[0], "PLACE", country=name, metonym=bool(row.get("m", False))))
    short: dict[str, tuple[str, ...]] = {}
    for row in data.get("organisations", []):
        for alias in [row["n"], *row.get("a", [])]:
            add(alias, _Entry(row["n"], "ORG", country=row.get("country"), maker=bool(row.get("products"))))
        if row.get("s"):
            short[row["n"]] = tuple(row["s"])
    for row in data.get("regions", []):
        for alias in [row["n"], *row.get("a", [])]:
            add(alias, _Entry(row["n"], "PLACE", country=row.get("country")))
    for row in data.get("places", []):
        common = bool(row.get("x", False))
        for alias in [row["n"], *row.get("a", [])]:
            add(alias, _Entry(row["n"], "PLACE", country="Indonesia", ambiguous=common, not_first=common))
    for row in data.get("blocs", []):
        for alias in row.get("a", []):
            entries[alias] = _Entry(
                row["n"],
                "ORG",
                not_after_capitalised=bool(row.get("not_after_capitalised", False)),
                not_before_capitalised=bool(row.get("not_before_capitalised", False)),
                requires_before=frozenset(w.lower() for w in row.get("requires_before", [])),
            )
    # case-sensitive, whole words: "AS" is the United States, "as" is not
    regex = re.compile(r"(?<![\w.])(?:" + _alternation(entries) + r")(?![\w])")
    website = re.compile(
        r"(?:(?<![\w.@/])|(?<=[a-z]{3}))(?P<name>[A-Z][A-Za-z0-9]*)\."
        rf"(?:{_alternation(data.get('web_suffixes', []))})(?![\w.])"
    )
    return _Gazetteer(
        regex,
        {_WS.sub(" ", k): v for k, v in entries.items()},
        frozenset(data.get("things", [])),
        short,
        website,
    )


@dataclass(frozen=True, slots=True)
class _Roles:
    canonical: dict[str, str]  # lower-cased role -> spelling
    before: re.Pattern[str]  # a role phrase that ends right before a name
    after: re.Pattern[str]  # ", role phrase," right after a name
    words: frozenset[str]  # lower-cased role words (to strip from the start of a name)
    word: re.Pattern[str]  # any role phrase, anywhere
    tail: re.Pattern[str]  # a span that ends with a role phrase ("Chinese Foreign Minister")
    modifier_words: frozenset[str]
    titles: frozenset[str] = frozenset()  # lower-cased titles and ranks ("prof", "irjen")
    inner: bool = False  # a tagged name may hold its role ("California Highway Patrol Officer Brad Baehr")
    initials_after: frozenset[str] = frozenset()  # "berinisial JN": a person named by initials
    initials_joiners: frozenset[str] = frozenset()  # "berinisial SR dan T"
    not_names: frozenset[str] = frozenset()  # capitalised words that are no one's name ("It's")
    hyphen_tails: bool = False  # "Oscar-winning": the name ends at the hyphen
    org_first_words: frozenset[str] = frozenset()  # "Dewan Komisaris" is no person
    org_last_words: frozenset[str] = frozenset()  # "Screen Actors Guild" is no person
    thing_last_words: frozenset[str] = frozenset()  # "Endangered Species Act" is no one
    name_joiners: frozenset[str] = frozenset()  # "Woodward and Bernstein" is two people
    offices: frozenset[str] = frozenset()  # role words, titles and modifiers: never a name's word
    places_before: frozenset[str] = frozenset()  # "di Madrid": the word after names a place
    directions: re.Pattern[str] | None = None  # " selatan" ending a span: the south of a place
    legal_forms: frozenset[str] = frozenset()  # "PT", "Tbk", "(Persero)": no part of what a short form spells
    place_last_words: frozenset[str] = frozenset()  # "Avenue Montaigne" is a street, "Qeshm Island" an island
    place_first_words: frozenset[str] = frozenset()
    ranks: frozenset[str] = (
        frozenset()
    )  # ranks and titles after a role's modifiers: the person's ("Jenderal")
    offices_with_rank: frozenset[str] = frozenset()  # "Direktorat Jenderal": the rank names the office
    name_particles: frozenset[str] = frozenset()  # "I", "Ni" of Balinese names ("I Wayan Koster")
    particle_names: frozenset[str] = frozenset()  # lower-cased: the names after them ("wayan")
    lower_name_words: frozenset[str] = frozenset()  # "van", "bin": may open a name in lower case
    name_suffixes: frozenset[str] = frozenset()  # "SAW" of "Nabi Muhammad SAW": no part of the name

    def before_name(self, word: str) -> bool:
        """A role word or a title: written before a name, never part of it."""
        low = word.lower().rstrip(".")
        return low in self.words or low in self.titles


# a capitalised word; a dot inside it ("U.S"), or ending an initial, a dotted word or an
# abbreviation of data/abbreviations.toml ("U.S.", "H.", "Prof."), never a sentence's full
# stop ("... menyerang pemimpin tertinggi Iran. Presiden Trump menentang ...")
_CAP_WORD = r"[A-Z](?:[\w&'’-]|\.(?=\w))*(?:(?<=\.\w)\.|(?<=\b[A-Z])\.)?"


def _cap() -> str:
    dotted = [a for a in abbreviations() if a[:1].isupper()]
    return rf"(?:(?:{_alternation(dotted)})\.(?!\w)|{_CAP_WORD})"


@cache
def _roles(language: str) -> _Roles:
    data = _read("roles.toml")
    table = data.get(language) or data["id"]
    roles = [str(r) for r in table.get("roles", [])]
    canonical = {r.lower(): r for r in roles}
    role = "(?i:" + _alternation(roles) + ")"
    prefix = "(?i:" + _alternation(table.get("prefixes", [])) + ")"
    mod_words = "(?i:" + _alternation(table.get("modifier_words", [])) + ")"
    cap = _cap()
    # a joiner only between capitalised parts: "untuk" with a capital after it, inside the role
    joiners = table.get("modifier_joiners", [])
    joined = rf"|(?i:{_alternation(joiners)})(?=\s+[A-Z])" if joiners else ""
    mod = rf"(?:{cap}|{mod_words}{joined})"
    if language == "en":
        # "Russian President", "Kremlin spokesman", "U.S. Secretary of State", "former Prime Minister"
        before = (
            rf"(?<![\w])(?P<phrase>(?:{prefix}\s+)?(?P<pre>(?:{cap}\s+){{0,3}})(?P<role>{role})"
            rf"(?P<mod>\s+of\s+(?:the\s+)?{cap}(?:\s+{cap}){{0,3}})?)\s*,?\s*$"
        )
        after = (
            rf"^\s*,\s+(?:(?i:the|a|an)\s+)?(?P<phrase>(?:{prefix}\s+)?(?P<pre>(?:{cap}\s+){{0,3}})"
            rf"(?P<role>{role})(?P<mod>\s+of\s+(?:the\s+)?{cap}(?:\s+{cap}){{0,3}})?)\s*[,.]"
        )
    else:
        # "Presiden Rusia", "Juru bicara Kremlin,", "Menteri Luar Negeri Cina", "mantan Presiden AS"
        before = (
            rf"(?<![\w])(?P<phrase>(?:{prefix}\s+)?(?P<pre>)(?P<role>{role})"
            rf"(?P<mod>(?:\s+{mod}){{0,4}}?))\s*,?\s*$"
        )
        after = (
            rf"^\s*,\s+(?:(?i:sang|seorang)\s+)?(?P<phrase>(?:{prefix}\s+)?(?P<pre>)(?P<role>{role})"
            rf"(?P<mod>(?:\s+{mod}){{0,4}}?))\s*[,.]"
        )
    words = frozenset(w for r in roles for w in r.lower().split())
    modifier_words = frozenset(w.lower() for w in table.get("modifier_words", []))
    titles = frozenset(w.lower() for w in table.get("titles", []))
    return _Roles(
        canonical,
        re.compile(before),
        re.compile(after),
        words,
        re.compile(rf"(?<![\w]){role}(?![\w])"),
        re.compile(rf"(?<![\w]){role}$"),
        modifier_words,
        titles,
        bool(table.get("roles_inside_names")),
        frozenset(w.lower() for w in table.get("initials_after", [])),
        frozenset(w.lower() for w in table.get("initials_joiners", [])),
        frozenset(table.get("not_names", [])),
        bool(table.get("hyphen_tails")),
        frozenset(table.get("org_first_words", [])),
        frozenset(table.get("org_last_words", [])),
        frozenset(table.get("thing_last_words", [])),
        frozenset(table.get("name_joiners", [])),
        words | titles | modifier_words,
        frozenset(table.get("places_before", [])),
        re.compile(rf"\s+(?:{_alternation(table['directions'])})\Z") if table.get("directions") else None,
        frozenset(w.lower() for w in table.get("legal_forms", [])),
        frozenset(w.lower() for w in table.get("place_last_words", [])),
        frozenset(w.lower() for w in table.get("place_first_words", [])),
        frozenset(w.lower() for w in table.get("ranks", [])) | titles,
        frozenset(w.lower() for w in table.get("offices_with_rank", [])),
        frozenset(table.get("name_particles", [])),
        frozenset(w.lower() for w in table.get("particle_names", [])),
        frozenset(table.get("lower_name_words", [])),
        frozenset(table.get("name_suffixes", [])),
    )


def is_role_phrase(text: str, language: str | None) -> bool:
    """Whether ``text`` holds a role word ("Pemimpin Rusia itu", "the Kremlin spokesman")."""
    words = _roles("en" if language == "en" else "id").words
    return any(w.lower().strip(".,") in words for w in text.split())


_NAME_WORD = re.compile(r"[A-Z][a-z'’-]+")


def speaker_mention(
    text: str, start: int, end: int, mentions: list[dict[str, Any]], language: str | None
) -> dict[str, Any] | None:
    """A person named where a quotation names its speaker, which the tagger missed ("kata Hari",
    "ujar Tebas": a word of the language, an unusual name). Mid-sentence, capitalised words in
    the speaker's place name someone; at a sentence's start every word is capitalised, so not
    there. ``None`` for a role, title or office, a day or a month, a country or a body the
    gazetteer knows, words of an office ("Penyelenggaraan Haji"), or a place any mention
    already covers."""
    roles = _roles("en" if language == "en" else "id")
    words = text[start:end].split()
    if not 1 <= len(words) <= 3 or not all(_NAME_WORD.fullmatch(w) for w in words):
        return None
    if (
        any(m["start"] < end and start < m["end"] for m in mentions)
        or " ".join(words) in _gazetteer().entries
    ):
        return None
    if not any(ch.isalpha() and ch.islower() for ch in text[sentence_start(text, start) : start]):
        return None  # the sentence's first words
    m = _mention(text, start, end, "PERSON")
    m["role"] = m["role_start"] = None
    _trim_role_words(text, m, roles)  # "Mgr Untu" is Untu
    name = m["surface"].split()
    calendar = _calendar_words()
    for w in name:
        low = w.lower()
        if low in calendar or low in roles.offices or low in roles.org_first_words:
            return None
    tagger = load_tagger()
    if len(name) > 1 and tagger is not None and tagger.common_words(m["surface"]):
        return None  # "Penyelenggaraan Haji": an office's words, not a name's
    return m if name else None


@cache
def _calendar_words() -> frozenset[str]:
    return frozenset(w.lower() for lang in ("id", "en") for w in (*weekday_names(lang), *month_names(lang)))


# --- the tagger ----------------------------------------------------------------------------

_TAGGER: Any = None
_TAGGER_TRIED = False
_TAGGER_LOCK = threading.Lock()


def load_tagger() -> Any:
    """The NER tagger (``warta.understand.ner.load()``), or ``None`` when it cannot be loaded."""
    global _TAGGER, _TAGGER_TRIED
    if not _TAGGER_TRIED:
        with _TAGGER_LOCK:
            if not _TAGGER_TRIED:
                try:
                    from warta.understand.ner import load

                    _TAGGER = load()
                except Exception:  # missing module or model file: the proxy below stands in
                    _TAGGER = None
                _TAGGER_TRIED = True
    return _TAGGER


_PROXY = re.compile(r"(?<![\w.])[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|bin|binti|van|von|de|al|el))*")
_ORG_WORDS = frozenset(
    [
        "kementerian",
        "partai",
        "bank",
        "pt",
        "universitas",
        "badan",
        "komisi",
        "dewan",
        "mahkamah",
        "pengadilan",
        "polda",
        "polres",
        "tni",
        "polri",
        "ministry",
        "party",
        "university",
        "agency",
        "council",
        "court",
        "company",
        "corporation",
        "inc",
        "group",
        "kantor",
        "lembaga",
    ]
)
_PLACE_BEFORE = frozenset(["di", "ke", "dari", "in", "at", "from", "near"])
_STOP_CAPS = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "of",
        "and",
        "but",
        "this",
        "that",
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "dia",
        "ia",
        "mereka",
        "kami",
        "kita",
        "ini",
        "itu",
        "namun",
        "tetapi",
        "sementara",
        "selain",
        "dalam",
        "pada",
        "di",
        "ke",
        "dari",
        "untuk",
        "dengan",
        "saat",
        "ketika",
        "setelah",
        "sebelum",
        "menurut",
        "jika",
        "sejak",
        "selama",
        "bahkan",
        "juga",
        "kemudian",
        "lalu",
        "senin",
        "selasa",
        "rabu",
        "kamis",
        "jumat",
        "sabtu",
        "minggu",
        "advertising",
        "baca",
        "berita",
    ]
)


def _proxy_entities(text: str) -> list[tuple[int, int, str, str]]:
    """Capitalised-word runs as a stand-in for the tagger: rough, but offsets are exact."""
    out: list[tuple[int, int, str, str]] = []
    for m in _PROXY.finditer(text):
        start, end = m.span()
        words = m.group().split()
        while words and words[0].lower() in _STOP_CAPS:
            start = text.index(words[1], start + len(words[0])) if len(words) > 1 else end
            words = words[1:]
        if not words:
            continue
        lower = {w.lower() for w in words}
        before = text[max(0, start - 6) : start].split()
        if lower & _ORG_WORDS:
            kind = "ORG"
        elif before and before[-1].lower() in _PLACE_BEFORE:
            kind = "PLACE"
        else:
            kind = "PERSON"
        out.append((start, end, kind, text[start:end]))
    return out


# --- mentions -------------------------------------------------------------------------------


def find_entities(
    text: str, language: str | None, published_at: datetime | None = None
) -> list[dict[str, Any]]:
    """Entity mentions in ``text`` with canonical names and roles (see the module doc).

    ``published_at`` is accepted for symmetry with the other readers; roles are dated by
    :class:`EntityResolver`, not here.
    """
    del published_at  # mentions do not depend on the date; the resolver dates roles
    if not text:
        return []
    lang = "en" if language == "en" else "id"
    tagger = load_tagger()
    spans = tagger.entities(text) if tagger is not None else _proxy_entities(text)
    roles = _roles(lang)
    known, rejected = _gazetteer_matches(text)
    # a tagged "Chinese Foreign Minister" is a role, "Inggris" in "bahasa Inggris" a language,
    # "US" in "US$ 80 miliar" a currency and "M.M." after a name a degree
    spans = [
        sp
        for sp in spans
        if (sp[0], sp[1]) not in rejected
        and (sp[2] == "PERSON" or roles.tail.search(sp[3]) is None)
        and not _currency(text, sp[1])
        and sp[3].rstrip(".") not in degrees()
    ]
    spans = [_name_head(text, sp, roles) for sp in spans]
    seen = _written_words(spans, known)
    spans = [part for sp in spans for part in _glued_head(text, sp, roles, seen)]
    kept = []
    for sp in spans:
        if sp[2] == "PERSON":
            stripped = _strip_role(text, sp, roles)
            if _rank_follows(text, stripped[1], roles) and (
                stripped != sp or _after_role(text, sp[0], roles)
            ):
                continue  # "Sumberjati" of "Kapolres Sumberjati Kombes Hendra Wijaya": the role's place
            sp = stripped
        kept.append(sp)
    spans = kept
    spans = [tidy for sp in spans for part in _unjoin(text, sp, roles) if (tidy := _tidy(text, part, roles))]
    if tagger is not None:
        spans = [_sentence_head(text, sp, tagger.lower_case_word, tagger.name_like) for sp in spans]
    spans = _glued_tails(text, spans, seen)
    mentions = _websites(text, _merge(text, [sp for sp in spans if sp[1] > sp[0]], known))
    for m in mentions:
        m.setdefault("role", None)
        m.setdefault("role_start", None)
        if m["type"] == "PERSON":
            _trim_role_words(text, m, roles)
    mentions = [m for m in mentions if m["end"] > m["start"]]
    mentions = _initials_people(text, mentions, roles)
    mentions = _role_people(text, mentions, roles)
    mentions = _propagate_names(text, mentions, roles)
    mentions = _join_split_names(text, mentions, roles, tagger.name_words if tagger is not None else None)
    for m in mentions:
        m.setdefault("role", None)  # the role and repeat rules' mentions too: one shape for all
        m.setdefault("role_start", None)
        if m["type"] == "PERSON":
            _attach_role(text, m, roles)
    if tagger is not None:
        # "Lalu Lintas" of "Direktur Lalu Lintas", "Manajemen Proyek": a person's name has a word
        # the news capitalises; words it writes in lower case name an office or a topic
        mentions = [m for m in mentions if m["type"] != "PERSON" or not tagger.lower_case_words(m["surface"])]
        mentions = _offices(text, mentions, roles, tagger)
    _vote_types(mentions)
    if tagger is not None:
        for m in mentions:
            if m["type"] == "PERSON":
                m["entity"] = _spaced_name(m["entity"], tagger.name_words)
    _resolve_people(mentions, roles.name_particles)
    return _defined_acronyms(text, _short_forms(text, mentions, roles), roles)


_CAMEL_WORD = re.compile(r"[A-Z][a-z]{3,}(?:[A-Z][a-z]{2,})+")
_CAMEL_CUT = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _spaced_name(name: str, name_words: Callable[[str], bool]) -> str:
    """A person's name with the words a scrape glued inside it spaced again, when each is a
    name's word (``name_words``): "Pramono AnungWibowo" is Pramono Anung Wibowo, "GregoriusRonald
    Tannur" Gregorius Ronald Tannur. The word table knows such glued forms from scraped news, so
    the tagger keeps them whole. Names written so on purpose have a short first part
    ("McGregor", "MacArthur", "LeBron", "DeAndre"); a brand the tagger took for a person
    ("BlackBerry") and a run glued to a word of the language ("Lionel MessivsKylian Mbappe",
    which spaced would take in the article's "Kylian Mbappe"; "MarquezdanValentino Rossi")
    stay. Only the name changes; the surface stays as printed."""
    words = name.split(" ")
    if not any(_CAMEL_WORD.fullmatch(w) for w in words):
        return name
    tails = _article_glue()[0]
    out = []
    for word in words:
        parts = _CAMEL_CUT.sub(" ", word) if _CAMEL_WORD.fullmatch(word) else word
        # a part ending in a glue word ("Marquezdan") is itself glued: the table knows such forms
        glued = any(p.lower().endswith(t) and len(p) - len(t) >= 3 for p in parts.split() for t in tails)
        out.append(parts if parts != word and name_words(parts) and not glued else word)
    return " ".join(out)


def _offices(text: str, mentions: list[dict[str, Any]], roles: _Roles, tagger: Any) -> list[dict[str, Any]]:
    """After a role word, a "person" of words the news mostly writes in lower case is the role's
    office or unit, an organisation ("Deputi Bidang Pengembangan Destinasi", "Kepala Pusat
    Data"), and one of its words alone is no one ("Catering" of "pemilik Catering Dapur Ibu").
    One word stays a person: it is a nickname as often ("Menteri Ara")."""
    words: set[str] = set()
    for m in mentions:
        if (
            m["type"] == "PERSON"
            and " " in m["surface"]
            and _after_role(text, m["start"], roles)
            and tagger.common_words(m["surface"])
        ):
            m["type"] = "ORG"
            m["role"] = m["role_start"] = None
            words.update(m["surface"].split())
    if not words:
        return mentions
    return [
        m
        for m in mentions
        if not (m["type"] == "PERSON" and m["surface"] in words and tagger.common_words(m["surface"]))
    ]


def _after_role(text: str, start: int, roles: _Roles) -> bool:
    """Whether the word right before ``start`` is a role word ("Kepala", "Deputi")."""
    before = text[max(0, start - 40) : start].split()
    return bool(before) and before[-1].lower().rstrip(",") in roles.words


def _as_org(m: dict[str, Any], name: str) -> None:
    """``m`` becomes a mention of the organisation ``name``, no longer a place's or a country's."""
    m["type"], m["entity"] = "ORG", name
    m.pop("country", None)
    m.pop("metonym", None)


def _currency(text: str, end: int) -> bool:
    """A name glued to a dollar sign is a currency ("US$", "S$", "HK$", "A$")."""
    return text[end : end + 1] == "$"


_LATIN = re.compile(r"[A-Za-z]")
_SENTENCE_END = frozenset('.!?:"“”')


def _gazetteer_matches(text: str) -> tuple[list[dict[str, Any]], set[tuple[int, int]]]:
    g = _gazetteer()
    out: list[dict[str, Any]] = []
    rejected: set[tuple[int, int]] = set()
    for m in g.regex.finditer(text):
        surface = m.group()
        entry = g.entries.get(_WS.sub(" ", surface))
        if entry is None:
            continue
        start, end = m.span()
        before = text[max(0, start - 24) : start].split()
        prev = before[-1] if before else ""
        if _currency(text, end):
            rejected.add((start, end))
            continue  # "US$ 80 miliar" is an amount, not the United States
        if prev.lower() == "bahasa" and entry.type == "COUNTRY":
            rejected.add((start, end))
            continue  # "bahasa Inggris" is a language
        if entry.requires_before and prev.lower() not in entry.requires_before:
            continue
        if entry.not_first and (not prev or prev[-1] in _SENTENCE_END):
            continue  # "Batu bara ...", "Malang benar nasibnya": the word, not the town
        if entry.not_after_capitalised and prev[:1].isupper() and text[start - 2 : start - 1] not in ".,;:":
            continue  # "Jawa Barat" is a province, not the West
        if entry.not_before_capitalised:
            nxt = text[end : end + 24].split()
            if nxt and nxt[0][:1].isupper():
                continue
        out.append(_known_mention(start, end, surface, entry))
    return out, rejected


def _known_mention(start: int, end: int, surface: str, entry: _Entry) -> dict[str, Any]:
    mention: dict[str, Any] = {"start": start, "end": end, "surface": surface, "type": entry.type}
    mention["entity"] = entry.name
    if entry.country:
        mention["country"] = entry.country
    if entry.metonym:
        mention["metonym"] = True
    mention["_ambiguous"] = entry.ambiguous
    mention["_maker"] = entry.maker
    return mention


def _known_span(text: str, start: int, end: int, kind: str) -> dict[str, Any] | None:
    """A tagged span that is exactly a gazetteer name the whole-word search could not see, because
    the scrape glued it to its neighbours ("dalamIranmengatakan", "seranganIsrael")."""
    surface = text[start:end]
    entry = _gazetteer().entries.get(_WS.sub(" ", surface))
    if (
        entry is None
        or entry.requires_before
        or entry.not_after_capitalised
        or entry.not_before_capitalised
        or (entry.ambiguous and kind == "PERSON")
    ):
        return None
    return _known_mention(start, end, surface, entry)


def _unjoin(text: str, span: tuple[int, int, str, str], roles: _Roles) -> list[tuple[int, int, str, str]]:
    """A person or place span that joins two names ("Woodward and Bernstein", "Somalia and
    Yemen") as two spans; an organisation keeps its "and" ("Fish and Wildlife Service") unless
    each side is a place or country the gazetteer knows ("Europe and Asia"). Two
    names the gazetteer knows joined by a dash are two ("Israel-Iran"), unless the whole is one
    of its names ("Timor-Leste", "Asia-Pasifik")."""
    start, end, kind, surface = span
    known = _gazetteer().entries
    pair = _PAIR.fullmatch(surface)
    if pair and surface not in known and pair.group(1) in known and pair.group(2) in known:
        # "Israel-Iran", "Indonesia-Rusia": two countries, as in "konflik Israel-Iran"
        return [
            (start, start + pair.end(1), kind, pair.group(1)),
            (start + pair.start(2), end, kind, pair.group(2)),
        ]
    if kind not in ("PERSON", "PLACE", "ORG") or not roles.name_joiners:
        return [span]
    parts: list[tuple[int, int, str, str]] = []
    at = start
    for word in re.finditer(r"\S+", surface):
        if word.group() in roles.name_joiners:
            a, b = start + word.start(), start + word.end()
            while a > at and text[a - 1].isspace():
                a -= 1
            while b < end and text[b].isspace():
                b += 1
            if a > at and b < end:
                parts.append((at, a, kind, text[at:a]))
                at = b
    if not parts:
        return [span]
    parts.append((at, end, kind, text[at:end]))
    if kind == "ORG" and not all(known.get(p[3]) and known[p[3]].type in ("PLACE", "COUNTRY") for p in parts):
        return [span]  # an organisation's own "and"; two places the tagger called one body are two
    return parts


_POSSESSIVE = ("'s", "’s")
_PAIR = re.compile(r"([^\W\d_][\w.]*)[-–]([^\W\d_][\w.]*)")
_HYPHEN_TAIL = re.compile(r"-[a-z]")
_GLUED_STOP = re.compile(r"(?<=[a-z]{2})\.(?=[A-Z])")
# a word written in lower case at a span's head, before a space or glued to a capitalised word
_LOWER_HEAD = re.compile(r"([^\W\d_]+?)(?:\s+|(?=[A-Z][a-z]))")


@cache
def _keep_heads() -> tuple[str, ...]:
    """Lower-case heads of names written camel-case on purpose ("detikNews"; data/glue.toml)."""
    return tuple(_read("glue.toml").get("keep_heads", []))


def _lower_head(text: str, start: int, end: int, roles: _Roles) -> int:
    """Where a name starts once the words written in lower case before it are cut off: "partai
    konservatif Centro Democrático", "jalan akses Tanjung Senai", "kawasanTaman Nasional" (the
    scrape lost the space). Names are capitalised; only a name's lower-case particles ("van
    Dijk", "bin Salman": ``lower_name_words``) and brands glued on purpose ("iPhone", "detikNews")
    may open one."""
    while (head := _LOWER_HEAD.match(text, start, end)) is not None:
        word = head.group(1)
        if not word.islower() or word in roles.lower_name_words:
            break
        if head.end() == start + len(word):  # glued to what follows
            kept = next((k for k in _keep_heads() if word.endswith(k)), "")
            if len(word) - len(kept) < 3:
                break  # glued on purpose: "iPhone", "eFishery", "detikNews"
            start += len(word) - len(kept)  # "dari|detikNews"
            if kept:
                break
            continue
        start = head.end()
    return start


def _tidy(text: str, span: tuple[int, int, str, str], roles: _Roles) -> tuple[int, int, str, str] | None:
    """A tagged span without what is not the name: a possessive ("Hollywood's"), an adjective
    made with a hyphen where the language does so ("Oscar-winning"); an organisation for a
    "person" whose first or last word says so ("Dewan Komisaris", "Screen Actors Guild");
    ``None`` for a word that is no one's name ("It's", "Dec"), a thing the gazetteer lists
    ("KTP", "IHSG") or a law or prize ("... Act")."""
    start, end, kind, surface = span
    if (head := _lower_head(text, start, end, roles)) != start:
        if text[head:end].split()[0].islower():
            return None  # every word in lower case: no name
        start = head
    if surface.endswith(_POSSESSIVE) and len(surface) > 3:
        end -= 2
    if roles.hyphen_tails and (tail := _HYPHEN_TAIL.search(text, start, end)) and tail.start() - start >= 2:
        end = tail.start()
    if (stop := _GLUED_STOP.search(text, start, end)) and stop.start() - start >= 2:
        end = stop.start()  # "Nasir Ktelat.Nasir mengatakan": a scrape lost the space after a full stop
    if roles.directions is not None and (way := roles.directions.search(text, start, end)):
        end = way.start()  # "Lebanon selatan" is Lebanon's south
    surface = text[start:end]
    first, _, rest = surface.partition(" ")
    if rest and first in _gazetteer().things and rest[:1].isupper():
        start += len(first) + 1  # "PDB Indonesia": the thing's owner, not the thing
        surface = text[start:end]
    while (cut := surface.rpartition(" "))[0] and cut[2] in roles.name_suffixes:
        surface = cut[0].rstrip()
        end = start + len(surface)
    if surface.islower() and not surface.startswith(_keep_heads()):
        return None  # a keyword line's "prabowo jakarta": names are written capitalised ("detikcom" aside)
    if not _LATIN.search(surface):
        return None  # a verse in Arabic script inside an Indonesian text, read as a name
    if surface in _gazetteer().things or all(w in roles.not_names for w in surface.split()):
        return None  # "It's", "AM GMT": no one's name, word for word
    words = surface.lower().split()
    if (
        kind in ("PERSON", "ORG")
        and len(words) >= 2
        and (words[-1] in roles.place_last_words or words[0] in roles.place_first_words)
    ):
        return (start, end, "PLACE", surface)  # "Avenue Montaigne", "Sonoma County"
    if kind == "PERSON" and len(words) >= 2:
        if words[-1] in roles.thing_last_words:
            return None
        if words[0] in roles.org_first_words or words[-1] in roles.org_last_words:
            kind = "ORG"
    return (start, end, kind, surface)


_FIRST_WORD = re.compile(r"(\w+) +(?=[A-Z])")
_SENTENCE_OPENS = frozenset('.!?"“”\n')
_NOT_CUT_FIRST = frozenset({"the", "he", "a", "an"})  # English articles and a Chinese surname


def _sentence_head(
    text: str,
    span: tuple[int, int, str, str],
    lower_case: Callable[[str], bool],
    name_like: Callable[[str], bool],
) -> tuple[int, int, str, str]:
    """A span that opens a sentence without the word a sentence's start capitalised: "Masyarakat
    Ponorogo, Jawa Timur, ..." is Ponorogo's, "Ibunda Alyssa" Alyssa's; the first word goes when
    the news writes it in lower case mid-sentence and the next nearly always capitalised (the
    word table)."""
    start, end, kind, _ = span
    at = start - 1
    while at >= 0 and text[at] == " ":
        at -= 1
    first = _FIRST_WORD.match(text, start, end)
    if first is None or (at >= 0 and text[at] not in _SENTENCE_OPENS):
        return span
    word, rest = first.group(1), text[first.end() : end]
    if not word[1:].islower() or word.lower() in _NOT_CUT_FIRST or not lower_case(word):
        return span
    if not name_like(rest.split()[0]):
        return span  # "Masyarakat Transportasi Indonesia", "Gudang Garam": the body's own words
    return (first.end(), end, kind, rest)


# a case change inside a word: "Israel|Benjamin", "AS|Pete" (a capital that starts a lower-case run)
_HEAD_CASE = re.compile(r"(?<=[A-Za-z])(?=[A-Z][a-z])")
_ACRONYM_GLUED = re.compile(r"([A-Z]{2,12})([a-z]{2,})")


_WORD_BEFORE = re.compile(r"(\S+) \Z")


def _name_head(text: str, sp: tuple[int, int, str, str], roles: _Roles) -> tuple[int, int, str, str]:
    """A Balinese name's particle, which the tagger leaves out, taken back into the name: "I"
    or "Ni" (``name_particles``) right before one of ``particle_names`` ("I Wayan Sumarajaya",
    "Ni Luh Djelantik"; "Bupati Buleleng I Nyoman Sutjidra" is no role "Bupati Buleleng I")."""
    start, end, kind, surface = sp
    before = _WORD_BEFORE.search(text, max(0, start - 4), start)
    if (
        kind == "PERSON"
        and before is not None
        and before.group(1) in roles.name_particles
        and surface.split()[0].lower() in roles.particle_names
    ):
        return (before.start(), end, kind, text[before.start() : end])
    return sp


def _written_words(spans: list[tuple[int, int, str, str]], known: list[dict[str, Any]]) -> dict[str, str]:
    """Each word of the article's tagged spans and gazetteer names -> the type it was tagged with."""
    words = {w: g["type"] for g in known for w in g["surface"].split()}
    for sp in spans:
        for w in sp[3].split():
            words.setdefault(w, sp[2])
    return words


def _glued_head(
    text: str, span: tuple[int, int, str, str], roles: _Roles, seen: dict[str, str]
) -> list[tuple[int, int, str, str]]:
    """A span whose first word has what stood before it glued on: "IsraelBenjamin Netanyahu",
    "ASPete Hegseth", "MUSISIAhmad Dhani" start at the name, and a head the gazetteer knows is a
    mention of its own. The head must be a name the gazetteer knows, or an acronym, a shouted
    word or a role word followed by a name the article writes elsewhere: brands ("JPMorgan",
    "QJMotor", "McGregor", "YouTuber") stay whole. An acronym glued to a function word
    ("PBSIjuga", "SBYdalam") is the acronym, of the type the article gives it elsewhere, else an
    organisation."""
    start, end, kind, surface = span
    glued = _ACRONYM_GLUED.fullmatch(surface)
    if glued and glued.group(2) in _article_glue()[0]:
        head = glued.group(1)
        if head.title() in _gazetteer().entries or len(head) > 6:
            return []  # a shouted dateline or first word ("JAKARTAkembali", "KENAPAperempuan")
        return [(start, start + len(head), seen.get(head, "ORG"), head)]
    first = surface.split(maxsplit=1)[0] if surface.strip() else ""
    changes = [m.start() for m in _HEAD_CASE.finditer(first)]
    if not changes or len(first) - changes[-1] < 3 or not first[changes[-1] + 1 :].islower():
        return [span]  # the name after the cut is one capitalised word ("APSyFI" is one)
    cut = changes[-1]
    at = changes[-2] if len(changes) > 1 else 0
    head, name = first[at:cut], first[cut:]
    entry = _gazetteer().entries.get(head)
    if entry is None and not (
        (head.isupper() or head.lower() in roles.offices)
        and len(head) >= 2
        and name in seen
        and name != first
    ):
        return [span]
    rest = (start + cut, end, kind, text[start + cut : end])
    return [(start + at, start + cut, entry.type, head), rest] if entry is not None else [rest]


@lru_cache(maxsize=1)
def _article_glue() -> tuple[frozenset[str], frozenset[str]]:
    """(tails, joiners) of data/glue.toml for cuts made on an article's evidence."""
    glue = _read("glue.toml")
    joiners = frozenset(glue.get("joiners", []))
    tails = {*glue.get("tails", []), *joiners, *glue.get("article_tails", [])} - set(
        glue.get("not_article_tails", [])
    )
    return frozenset(tails), joiners


_WORD = re.compile(r"\S+")


def _glued_tails(
    text: str, spans: list[tuple[int, int, str, str]], seen: dict[str, str]
) -> list[tuple[int, int, str, str]]:
    """Spans with a word glued to the next word of the sentence cut there, when the name's head
    is written alone elsewhere in the article: "Al Ghazalidan Alyssa Daguise" beside "Al Ghazali"
    is two people, "Yolla Yulianatelah" is "Yolla Yuliana". The tagger cuts only what one sentence
    shows (``ner._tail_cut``): a word it knows ("Ramadan", "Brendan") it leaves whole."""
    tails, joiners = _article_glue()
    out: list[tuple[int, int, str, str]] = []
    for span in spans:
        out.extend(_cut_glued(text, span, seen, tails, joiners))
    return out


def _cut_glued(
    text: str,
    span: tuple[int, int, str, str],
    heads: dict[str, str],
    tails: frozenset[str],
    joiners: frozenset[str],
) -> list[tuple[int, int, str, str]]:
    start, end, kind, surface = span
    words = list(_WORD.finditer(surface))
    for i, w in enumerate(words):
        word = w.group()
        if not (word[:1].isupper() and word[1:].islower()):
            continue
        low = word.lower()
        # the longest tail whose head is written alone
        at = next((k for k in range(3, len(low) - 1) if low[k:] in tails and word[:k] in heads), 0)
        if not at:
            continue
        tail = low[at:]
        cut = start + w.start() + at
        head = [(start, cut, kind, text[start:cut])]
        if i + 1 < len(words) and tail in joiners:  # "Ghazalidan Alyssa": the next name follows
            rest = start + words[i + 1].start()
            return head + _cut_glued(text, (rest, end, kind, text[rest:end]), heads, tails, joiners)
        return head
    return [span]


def _strip_role(text: str, span: tuple[int, int, str, str], roles: _Roles) -> tuple[int, int, str, str]:
    """ "Kanselir Jerman Greta Vogel" tagged as one person: the role words are not the name."""
    start, end, kind, surface = span
    words = surface.split()
    glued = _GLUED_ROLE.match(words[0]) if len(words) >= 2 else None
    if glued and glued.group(1).lower() in roles.words:
        # "PresidenVladimir Putin": the scrape lost the space after the role
        start += glued.end(1)
        return _strip_role(text, (start, end, kind, text[start:end]), roles)
    cut = 0
    while cut < len(words) - 1 and words[cut].lower().rstrip(".,") in roles.words:
        cut += 1
    if not cut and roles.inner and kind == "PERSON":
        # the last one-word role followed by a name of two words or more ends the role there
        for i in range(len(words) - 3, 0, -1):
            if words[i][:1].isupper() and words[i].lower().rstrip(".,") in roles.canonical:
                cut = i + 1
                break
    if not cut:
        return span
    for w in words[:cut]:
        start = text.index(w, start) + len(w)
    while start < end and not text[start].isalnum():
        start += 1
    return (start, end, kind, text[start:end])


_NEXT_WORD = re.compile(r"\s+([\w.]+)")


def _rank_follows(text: str, end: int, roles: _Roles) -> bool:
    """True when a title or rank comes next: a "person" that held a role word or comes right
    after one is then the role's place or unit ("Sumberjati" of "Kapolres Sumberjati Kombes
    Hendra Wijaya"), for the name comes after the rank."""
    nxt = _NEXT_WORD.match(text, end)
    return nxt is not None and roles.before_name(nxt.group(1)) and nxt.group(1)[:1].isupper()


def _merge(
    text: str, spans: list[tuple[int, int, str, str]], known: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Tagger spans and gazetteer matches into one list of mentions, the gazetteer winning on its spans."""
    out: list[dict[str, Any]] = []
    used: set[int] = set()
    k = 0
    for start, end, kind, _surface in spans:
        while k < len(known) and known[k]["end"] <= start:
            k += 1
        inside = [i for i in range(k, len(known)) if known[i]["start"] < end]
        if not inside:
            out.append(_known_span(text, start, end, kind) or _mention(text, start, end, kind))
            continue
        i = inside[0]
        g = known[i]
        if g["start"] <= start and g["end"] >= end:
            continue  # the gazetteer's own span (or a longer one) wins: it is added below
        if g["start"] == start and kind == "PERSON" and not g["_ambiguous"]:
            # "Tiongkok Xi Jinping": a country glued to the name by the tagger
            rest = g["end"]
            while rest < end and text[rest].isspace():
                rest += 1
            if rest < end and not g["_maker"]:
                out.append(_mention(text, rest, end, kind))
            continue
        if g["start"] >= start and g["end"] <= end:
            # "Laut Cina Selatan", "Bank Indonesia": the longer span wins; keep the country it names
            mention = _mention(text, start, end, kind)
            if kind != "PERSON" and g["type"] == "COUNTRY":
                mention["country"] = g["entity"]
            elif kind != "PERSON" and g.get("country"):
                mention["country"] = g["country"]
            out.append(mention)
            used.update(j for j in inside if known[j]["end"] <= end)
            continue
        # partial overlap: keep whichever is longer
        if end - start > g["end"] - g["start"]:
            out.append(_mention(text, start, end, kind))
            used.update(inside)
    for i, g in enumerate(known):
        if i not in used:
            g.pop("_ambiguous", None)
            g.pop("_maker", None)
            out.append(g)
    for m in out:
        m.pop("_ambiguous", None)
        m.pop("_maker", None)
    out.sort(key=lambda m: (m["start"], -m["end"]))
    # drop exact or nested duplicates left by the two sources
    result: list[dict[str, Any]] = []
    for m in out:
        if result and m["start"] < result[-1]["end"]:
            continue
        result.append(m)
    return result


def _mention(text: str, start: int, end: int, kind: str) -> dict[str, Any]:
    surface = text[start:end]
    return {
        "start": start,
        "end": end,
        "surface": surface,
        "type": kind if kind in ("PERSON", "ORG", "PLACE") else "ORG",
        "entity": _WS.sub(" ", surface),
    }


def _websites(text: str, mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sites named by their address are organisations, address and all: the tagger reads
    "Kompas" of "Kompas.com" and misses "Liputan6.com" (its table lacks the glued suffix); a
    name that ends where the address's name does takes the suffix ("Tim Lifestyle Liputan6.com")."""
    added = []
    for hit in _gazetteer().website.finditer(text):
        start, name_end, end = hit.start("name"), hit.end("name"), hit.end()
        touching = [m for m in mentions if m["start"] < end and start < m["end"]]
        if any(m["start"] < start and m["end"] == name_end for m in touching):
            for m in touching:
                if m["end"] == name_end:
                    m.update(_mention(text, m["start"], end, "ORG"))
            continue
        if all(start <= m["start"] and m["end"] <= end for m in touching):
            mentions = [m for m in mentions if not any(m is t for t in touching)]
            added.append(_mention(text, start, end, "ORG"))
    if not added:
        return mentions
    return sorted(mentions + added, key=lambda m: m["start"])


_TOKEN = re.compile(r"\s*(,?)\s*([\w'’.-]+)")


def _role_people(text: str, mentions: list[dict[str, Any]], roles: _Roles) -> list[dict[str, Any]]:
    """A capitalised name right after a role phrase is a person, even where the tagger saw none
    ("Presiden Kenya Amani Otieno": the modifier is a known mention, the rest is the name)."""
    covered = sorted((m["start"], m["end"], m["type"]) for m in mentions)
    # the ends of the article's place and organisation names: "Raja Ampat" is the regency of
    # "Kepulauan Raja Ampat", not a king named Ampat
    named = {
        " ".join(words[i:])
        for m in mentions
        if m["type"] != "PERSON"
        for words in [str(m["surface"]).split()]
        for i in range(len(words) - 1)
    }
    added: list[dict[str, Any]] = []
    absorbed: set[tuple[int, int]] = set()
    tagger = load_tagger()
    weekdays = _weekdays()
    for hit in roles.word.finditer(text):
        pos, name_start, name_end, comma_seen = hit.end(), -1, -1, False
        for _ in range(8):
            tok = _TOKEN.match(text, pos)
            if tok is None:
                break
            a, b = tok.span(2)
            word = tok.group(2).rstrip(".")
            inner = next((c[0] for c in covered if a < c[0] < b), None)
            if inner is not None:  # "KebudayaanFadli": a mention starts inside the glued token
                b = inner
                word = text[a:b]
            if tok.group(1):
                if name_start >= 0 or comma_seen:
                    break
                comma_seen = True
            owner = next((c for c in covered if c[0] <= a < c[1]), None)
            if owner is not None:
                if owner[2] == "PERSON" and name_start >= 0 and owner[0] == a and tagger is not None:
                    # the run leads straight into the tagger's person
                    if _first_names(text[name_start:name_end], tagger):
                        # it found only the rest of the name ("Presiden Tiongkok Xi Jinping":
                        # "Jinping"): one person, from the first name on
                        name_end = owner[1]
                        absorbed.add((owner[0], owner[1]))
                    else:
                        name_start = -1  # "Menteri Kebudayaan Fadli Zon": the run was the role's
                if owner[2] == "PERSON":
                    break
                if name_start >= 0:
                    # "Kanit Gakkum Satlantas Polres Tuban": a run that leads into a known place
                    # or body is that body's unit, part of the role, not a name (one of words
                    # the news writes in lower case, "Kepala Pusat Data Kementerian X", stays:
                    # _offices makes it the office)
                    if tagger is not None and not tagger.common_words(text[name_start:name_end]):
                        name_start = -1
                    break
                pos = owner[1]  # a modifier the tagger or the gazetteer already knows ("Kenya")
                continue
            if roles.before_name(word) and (name_start < 0 or word.lower() in roles.titles):
                # a title or rank between the role and the name ("Kapolda Irjen ..."); a run
                # before a title was the role's place or unit ("Kapolresta Pekanbaru Kombes ...")
                name_start = -1
                pos = b
                continue
            if word[:1].isupper() and word[1:2].islower():
                if word.lower() in weekdays:
                    break  # "kata Menlu, Kamis (19/6)": a day, not the minister's name
                if name_start < 0:
                    name_start = a
                name_end = a + len(word)
                pos = b
                if tok.group(2).endswith(".") and word not in abbreviations():
                    break  # a full stop ends the name with its sentence ("Raja Ampat. Namun ...")
                continue
            if name_start < 0 and word.lower() in roles.modifier_words:
                pos = b
                continue
            break
        run = text[name_start:name_end].split() if name_start >= 0 else []
        if (
            1 <= len(run) <= 4
            and " ".join(text[hit.start() : name_end].split()) not in named
            # one word alone must be a name's word ("Presiden Jokowi"), not the rest of an
            # office ("Direktur Teknologi", "Komisaris Independen")
            and (len(run) > 1 or tagger is None or tagger.name_like(run[0]))
            # "anggota Dewan Komisaris": a body's name, not a member's
            and run[0].lower() not in roles.org_first_words
            # "Peraturan Menteri Ketenagakerjaan Nomor 5": a regulation's number, no one's name
            and not any(w in roles.not_names for w in run)
        ):
            added.append(_mention(text, name_start, name_end, "PERSON"))
            covered.append((name_start, name_end, "PERSON"))
    if not added:
        return mentions
    kept = [m for m in mentions if (m["start"], m["end"]) not in absorbed]
    return sorted(kept + added, key=lambda m: m["start"])


@cache
def _weekdays() -> frozenset[str]:
    return weekday_names("id") | weekday_names("en")


_GLUED_ROLE = re.compile(r"([A-Z][a-z]{2,})(?=[A-Z][a-z])")
_INITIALS = re.compile(r"(?<![\w.])[A-Z]{1,4}(?![\w.])")
_AGE = re.compile(r"\s*\(\s*\d{1,3}(?:\s*(?i:tahun|thn|th|years?|yo))?\s*\)")


def _initials_people(text: str, mentions: list[dict[str, Any]], roles: _Roles) -> list[dict[str, Any]]:
    """Crime and court news names private people by their initials, with their age or after
    "berinisial": "JN (37) ditahan", "korban berinisial RK". Those initials are that person
    wherever the article writes them again ("JN sudah ditahan"), even where the tagger saw an
    organisation or the gazetteer a country ("AS (25)"). A single letter is a person only where
    the cue is ("Y (42)"): alone it is too often something else ("Grup A")."""
    hits = list(_INITIALS.finditer(text))
    cued: list[tuple[int, int]] = []
    for hit in hits:
        before = text[max(0, hit.start() - 16) : hit.start()].split()
        between = text[cued[-1][1] : hit.start()].replace(",", " ").split() if cued else None
        if (
            _AGE.match(text, hit.end())
            or (before and before[-1].lower() in roles.initials_after)
            # the next of a list: "berinisial SR dan T", "AP (25), AW (37) dan RS"
            or (
                between is not None
                and len(between) <= 1
                and all(w.lower() in roles.initials_joiners for w in between)
            )
        ):
            cued.append(hit.span())
    if not cued:
        return mentions
    names = {text[a:b] for a, b in cued if b - a >= 2}
    spans = set(cued)
    for hit in hits:
        a, b = hit.span()
        # again: alone, or tagged as something else, but not inside a longer name ("Bank BRI")
        if hit.group() in names and not any(
            m["start"] < b and a < m["end"] and (m["start"], m["end"]) != (a, b) for m in mentions
        ):
            spans.add((a, b))
    kept = [m for m in mentions if not any(m["start"] < b and a < m["end"] for a, b in spans)]
    people = [_mention(text, a, b, "PERSON") for a, b in sorted(spans)]
    return sorted(kept + people, key=lambda m: m["start"])


def _first_names(run: str, tagger: Any) -> bool:
    """One or two words the news writes capitalised nearly always (the tagger's word table):
    a name's first part, not a ministry's or a company's word ("Pajak", "Perseroan")."""
    words = run.split()
    return 1 <= len(words) <= 2 and all(tagger.name_like(w) for w in words)


_CAPITALISED = re.compile(r"(?<![\w.])[A-Z]\w+(?![\w])")


def _propagate_names(text: str, mentions: list[dict[str, Any]], roles: _Roles) -> list[dict[str, Any]]:
    """The tagger misses some repeats of a name ("Putin dan Xi"): every word of a full person name
    found elsewhere in the article is a mention of that person too, where nothing else was found.
    A role, title or office word is never spread: "Dewan Komisaris" mistaken for a person must
    not make a person of every "Komisaris"."""
    names: set[str] = set()
    full: set[str] = set()
    elsewhere: set[str] = set()  # words of places and organisations ("Bhaskara Surabaya" the club)
    lone: list[dict[str, Any]] = []  # one word the tagger typed otherwise, unknown to the gazetteer
    known = _gazetteer().entries
    common: list[dict[str, Any]] = []  # a place named like a person ("Bima" beside "Bima Arya")
    for m in mentions:
        words = m["surface"].split()
        if m["type"] != "PERSON":
            entry = known.get(m["surface"])
            if len(words) == 1 and entry is None:
                lone.append(m)
            elif len(words) == 1 and entry is not None and entry.type == "PLACE" and entry.ambiguous:
                common.append(m)
            else:
                elsewhere.update(words)
        elif len(words) >= 2:
            names.update(w for w in (words[0], words[-1]) if len(w) >= 2 and w[:1].isupper() and w.isalpha())
            full.add(" ".join(words))
    names -= elsewhere | _gazetteer().things
    names = {w for w in names if w.lower() not in roles.offices}
    if not names:
        return mentions
    # "Al" typed an organisation (as in "Al Hilal") where the article is about "Al Ghazali": a
    # lone word that is a name's first or last word is that person again
    # (only for a name written in full twice or more: a one-off "person" is too often a slip)
    twice = Counter(m["surface"] for m in mentions if m["type"] == "PERSON" and " " in m["surface"])
    sure = {w for n, k in twice.items() if k >= 2 for w in (n.split()[0], n.split()[-1])}
    retyped = [m for m in lone if m["surface"] in names and m["surface"] in sure]
    retyped += [m for m in common if m["surface"] in names]
    names -= {m["surface"] for m in lone if m["surface"] not in sure}  # "WhatsApp" stays the app
    if retyped:
        mentions = [m for m in mentions if not any(m is r for r in retyped)]
    taken = [(m["start"], m["end"]) for m in mentions]
    added: list[dict[str, Any]] = []
    for hit in _CAPITALISED.finditer(text):
        if hit.group() not in names or any(a < hit.end() and hit.start() < b for a, b in taken):
            continue
        last = added[-1] if added else None
        if (
            last is not None
            and text[last["end"] : hit.start()] == " "
            and f"{last['surface']} {hit.group()}" in full
        ):
            added[-1] = _mention(text, last["start"], hit.end(), "PERSON")  # the whole name again
        else:
            added.append(_mention(text, hit.start(), hit.end(), "PERSON"))
    if not added:
        return mentions
    return sorted(mentions + added, key=lambda m: m["start"])


def _join_split_names(
    text: str, mentions: list[dict[str, Any]], roles: _Roles, name_words: Callable[[str], bool] | None
) -> list[dict[str, Any]]:
    """Two person mentions one space apart are one name cut in two, by the tagger or by the repeat
    rule ("Lisa" + "Rachmat", "Juliati" + "Sigit Prabowo" after "Ny."): joined when the article
    writes the whole name elsewhere, or when the first is one word the news writes capitalised (a
    name's word; a role's or a title's never is joined: "Kapolres" + "Budi")."""
    full = {m["entity"] for m in mentions if m["type"] == "PERSON" and " " in m["entity"]}
    out: list[dict[str, Any]] = []
    for m in mentions:
        last = out[-1] if out else None
        if (
            last is not None
            and m["type"] == last["type"] == "PERSON"
            and text[last["end"] : m["start"]] == " "
            and not any(roles.before_name(w) or w.lower() in roles.offices for w in last["surface"].split())
            and (
                f"{last['entity']} {m['entity']}" in full
                or (" " not in last["surface"] and name_words is not None and name_words(last["surface"]))
            )
        ):
            out[-1] = _mention(text, last["start"], m["end"], "PERSON")
            continue
        out.append(m)
    return out


def _trim_role_words(text: str, m: dict[str, Any], roles: _Roles) -> None:
    # "Presiden Joko Widodo" tagged whole: the title is a role, not part of the name
    words = m["surface"].split()
    if all(roles.before_name(w) for w in words):
        m["end"] = m["start"]  # titles and role words only ("Komjen Pol."): no name, dropped
        return
    cut = 0
    while cut < len(words) - 1 and roles.before_name(words[cut]):
        cut += 1
    if _after_role(text, m["start"], roles):
        # "Kasat Samapta AKP Repriadi": after a role, words before a rank are the role's unit
        cut = max([cut, *(i + 1 for i, w in enumerate(words[:-1]) if w.lower().rstrip(".") in roles.titles)])
    if cut:
        start = m["start"]
        for w in words[:cut]:
            start = text.index(w, start) + len(w)
        while text[start].isspace():
            start += 1
        m["start"] = start
        m["surface"] = text[start : m["end"]]
        m["entity"] = _WS.sub(" ", m["surface"])


@cache
def _trailing_titles(titles: frozenset[str]) -> re.Pattern[str]:
    """Titles and ranks (with their stops) that end the text before a name."""
    return re.compile(rf"(?<![\w])(?:(?i:{_alternation(sorted(titles))})\.?\s+)+$")


def _attach_role(text: str, m: dict[str, Any], roles: _Roles) -> None:
    offset = max(0, m["start"] - 90)
    # a rank or title between the role and the name is neither ("Kapolda Metro Jaya Irjen Karyoto")
    titles = _trailing_titles(roles.titles)
    before = titles.sub("", text[offset : m["start"]])
    # most mentions have no role word near them: a set lookup spares the anchored search
    near = before.lower().replace(",", " ").split()[-7:]
    hit = roles.before.search(before) if any(w.rstrip(".") in roles.words for w in near) else None
    if hit is not None:
        sentences = split_sentences(text)  # cached: the other readers split the same text
        own = sentences[sentence_index(sentences, m["start"])][0] if sentences else 0
        if offset + hit.start("phrase") < own:  # "... Presiden Rusia Vladimir Putin. Sakamoto ...": not his
            offset, before = own, titles.sub("", text[own : m["start"]])
            hit = roles.before.search(before)
    if hit is None:
        offset = 0  # the "after" pattern runs on the text itself, so its offsets are absolute
        hit = roles.after.match(text, m["end"], min(len(text), m["end"] + 90))
        if hit is None:
            return
    role = hit.group("role")
    spelled = roles.canonical.get(_WS.sub(" ", role.lower()), role)
    lead = text[offset + hit.start("phrase") : offset + hit.start("role")]
    tail = text[offset + hit.end("role") : offset + hit.end("phrase")]
    # "Kapolri Jenderal", "Kapolda DIY Inspektur Jenderal": a rank at the end is the person's
    words = list(re.finditer(r"\S+", tail))
    while words and words[-1].group().lower().rstrip(".") in roles.ranks:
        if len(words) >= 2 and words[-2].group().lower() in roles.offices_with_rank:
            break  # "Sekretaris Direktorat Jenderal": the rank names the office
        words.pop()
    tail = tail[: words[-1].end()] if words else ""
    m["role"] = _WS.sub(" ", f"{lead}{spelled}{tail}").strip()
    m["role_start"] = offset + hit.start("phrase")


def _name_keys(name: str) -> list[str]:
    return [canonical_key(t) for t in name.split()]


_VOTING = ("PERSON", "ORG", "PLACE")


def _vote_types(mentions: list[dict[str, Any]]) -> None:
    """One type per name in an article: a name typed differently in different sentences takes
    the type most of its mentions have ("Reid" an organisation once and a person four times).
    Ties stay, and so do countries and names the gazetteer or a short form renamed."""
    votes: dict[str, Counter[str]] = {}
    ends: set[str] = set()  # "Al" of "Al Ghazali" stays a person, whatever "Al Hilal" made of it elsewhere
    for m in mentions:
        if m["type"] in _VOTING:
            votes.setdefault(m["surface"], Counter())[m["type"]] += 1
        words = m["surface"].split()
        if m["type"] == "PERSON" and len(words) >= 2:
            ends.update((words[0], words[-1]))
    for m in mentions:
        counts = votes.get(m["surface"])
        if counts is None or len(counts) < 2 or m["entity"] != _WS.sub(" ", m["surface"]):
            continue
        if m["type"] == "PERSON" and m["surface"] in ends:
            continue
        (top, n), (_, second) = counts.most_common(2)
        if n > second and top != m["type"]:
            m["type"] = top
            if top != "PERSON":
                m["role"] = m["role_start"] = None


def _resolve_people(mentions: list[dict[str, Any]], particles: frozenset[str] = frozenset()) -> None:
    """Short person mentions take the full name they start or end ("Putin" -> "Vladimir Putin"),
    a name's particle aside ("Wayan" -> "I Wayan Koster")."""
    people = [m for m in mentions if m["type"] == "PERSON"]
    full = [
        (m["start"], m["entity"], _name_keys(m["entity"])) for m in people if len(m["entity"].split()) >= 2
    ]
    if not full:
        return
    for m in people:
        keys = _name_keys(m["entity"])
        best: tuple[int, str] | None = None
        for start, name, fkeys in full:
            head = fkeys[1:] if name.split()[0] in particles else fkeys
            if len(fkeys) <= len(keys) or not (
                fkeys[: len(keys)] == keys or fkeys[-len(keys) :] == keys or head[: len(keys)] == keys
            ):
                continue
            # the nearest earlier full name, else the first later one
            rank = m["start"] - start if start <= m["start"] else 10**9 + start
            if best is None or rank < best[0]:
                best = (rank, name)
        if best is not None:
            m["entity"] = best[1]


def _short_forms(text: str, mentions: list[dict[str, Any]], roles: _Roles) -> list[dict[str, Any]]:
    """ "City" in an article that names Manchester City is that club, and so is "Madrid" beside
    Real Madrid, unless it is where something happens ("di Madrid"). A gazetteer short form
    (``s``) counts only in an article that names its organisation in full, and only when no other
    organisation named there has that word in its name ("United" beside Manchester United and
    Newcastle United is neither)."""
    short = _gazetteer().short
    orgs = {m["entity"] for m in mentions if m["type"] == "ORG"}
    forms: dict[str, str] = {}
    for name in orgs & short.keys():
        for form in short[name]:
            rivals = [o for o in orgs if o not in (name, form) and form in o.split()]
            if not rivals:
                forms[form] = name if form not in forms else ""  # two claimants: neither
    forms = {form: name for form, name in forms.items() if name}
    if not forms:
        return mentions
    at = {(m["start"], m["end"]): m for m in mentions}
    out = list(mentions)
    for match in re.finditer(r"(?<![\w-])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w-])", text):
        start, end = match.span()
        before = text[max(0, start - 24) : start].split()
        if before and before[-1].lower() in roles.places_before:
            continue  # "bermain di Madrid" is the city
        m = at.get((start, end))
        if m is None:
            if any(o["start"] < end and start < o["end"] for o in out):
                continue  # a word of a longer name ("Oklahoma City")
            m = _mention(text, start, end, "ORG")
            m["role"] = m["role_start"] = None
            out.append(m)
        _as_org(m, forms[match.group()])
    out.sort(key=lambda m: m["start"])
    return out


_ACRONYM_LIKE = re.compile(r"[A-Z][A-Za-z]{1,9}")


def _spells(acronym: str, name: str) -> bool:
    """Whether ``acronym`` is made of ``name``'s letters in order from its first one: "BI" and
    "Bank Indonesia", "OJK" and "Otoritas Jasa Keuangan", "Kejagung" and "Kejaksaan Agung"."""
    letters = iter(name.lower())
    low = acronym.lower()
    return low[0] == name[:1].lower() and all(ch in letters for ch in low) and len(name.split()) >= 2


def _covers(short: str, name: str) -> bool:
    """Whether ``short`` takes at least one letter, in order, from every capitalised word of
    ``name``: "UGM" and "Universitas Gadjah Mada", "Dishub" and "Dinas Perhubungan". "PN" of
    "Pengadilan Negeri Surabaya" leaves the city out: it names every district court, and an
    article that writes the full name means that one court only."""
    words = [w.lower() for w in name.split() if not w.islower()]
    letters = short.lower()
    if not words or not letters or letters[0] != words[0][0]:
        return False

    def rest(i: int, j: int, k: int) -> bool:  # letters[i:] from word j (from its k-th letter) on
        if i == len(letters):
            return j == len(words) - 1
        at = words[j].find(letters[i], k)  # the earliest place in this word is never worse
        if at >= 0 and rest(i + 1, j, at + 1):
            return True
        at = words[j + 1].find(letters[i]) if j + 1 < len(words) else -1
        return at >= 0 and rest(i + 1, j + 1, at + 1)

    return rest(1, 0, 1)


def _without_legal_form(name: str, roles: _Roles) -> str:
    """``name`` without its legal form's words ("PT", "Tbk", "(Persero)")."""
    return " ".join(w for w in name.split() if w.lower().strip("()") not in roles.legal_forms)


def _defined_acronyms(text: str, mentions: list[dict[str, Any]], roles: _Roles) -> list[dict[str, Any]]:
    """An organisation an article names in full and then by its short form in brackets or after
    "atau"/"or", "Komisi Pemberantasan Korupsi (KPK)", is one entity under the short form, the
    name other articles use alone ("KPK menahan ..."), unless the gazetteer knows either ("Perserikatan
    Bangsa-Bangsa (PBB)" is the United Nations). Each mention of the full name keeps it as
    ``full_name`` when the short form stands for all of it (:func:`_covers`): other articles
    may write only that, and the store joins them."""
    entries = _gazetteer().entries
    # ("surface", short form) or ("entity", full name) -> the entity both mean
    renamed: dict[tuple[str, str], str] = {}
    for m, after in pairwise(mentions):
        short = after["surface"]
        between = text[m["end"] : after["start"]]
        if (
            m["type"] == "ORG"
            and (
                (between.strip() == "(" and text[after["end"] : after["end"] + 1] == ")")
                # "PT Bank Rakyat Indonesia Tbk atau BRI": the short form spells the name
                or between in (" atau ", " or ")
            )
            and _ACRONYM_LIKE.fullmatch(short)
            and (len(short) >= 4 or not short[1:].islower())
            # "PT Bank Rakyat Indonesia (Persero) Tbk atau BRI": the legal form is no part of it
            and _spells(short, _without_legal_form(m["entity"], roles))
        ):
            if m["surface"] in entries:
                name = m["entity"]
            elif short in entries:
                name = after["entity"]
            else:
                name = short
            renamed.setdefault(("surface", short), name)
            renamed.setdefault(("entity", m["entity"]), name)
    if renamed:
        for m in mentions:
            name = renamed.get(("surface", m["surface"])) or renamed.get(("entity", m["entity"]))
            if name is not None:
                bare = _without_legal_form(m["entity"], roles)
                if m["entity"] != name and " " in m["entity"] and _covers(name, bare):
                    # the full name, kept so the store can join articles that write only it
                    m["full_name"] = m["entity"]
                _as_org(m, name)
    return mentions


# --- identity across articles -------------------------------------------------------------

_FOLDS = (("tch", "ch"), ("dzh", "j"), ("kh", "h"), ("ph", "f"), ("ck", "k"), ("q", "k"), ("x", "ks"))
_VOWELISH = str.maketrans({"y": "i", "j": "i"})
_DOUBLE = re.compile(r"(\w)\1+")
_ACRONYM = re.compile(r"[A-Z]{2,5}")
_NON_WORD = re.compile(r"[^\w\s]+")


@lru_cache(maxsize=65536)
def canonical_key(name: str) -> str:
    """A spelling-insensitive key for a name, so transliteration variants meet.

    Rule, in order: diacritics stripped (NFKD), case folded, apostrophes and hyphens
    removed ("Jin-ping" = "Jinping"), other punctuation to spaces; in each word "tch"->"ch",
    "dzh"->"j", "kh"->"h", "ph"->"f", "ck"->"k", "q"->"k", "x"->"ks"; then "y" and "j"
    fold to "i" and "ou" to "u"; finally any doubled letter is single. A word written as an
    acronym (2-5 capitals with at most one vowel) is only case-folded: "PSSI", the football
    association, is not "PSI", a party; "KKP" is not "KP", "JPU" not "IPU"; a shouted word
    ("JATIM") still meets its usual spelling. So "Yuri"/"Yury"/
    "Iouri", "Zelensky"/"Zelenskyy"/"Zelenskiy", "Mikhail"/"Mihail", "Aleksandr"/"Alexandr",
    "Al-Qaeda"/"Al Kaeda"-style variants, "Mohammed"/"Mohamed" all meet.

    False-positive risk: names that differ only in those letters collapse too ("Jan" and
    "Ian" and "Yan"; "Hana" and "Khana"; "Ana" and "Anna"). Vowels other than y/i/j and
    ou/u are never folded ("Muhammad" and "Mohammad" stay apart), which keeps distinct
    short names apart at the price of missing some Arabic variants. The resolver only
    merges keys of the same entity type, and single-word names only with a known full name.
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("'", "").replace("’", "").replace("-", "")
    text = _NON_WORD.sub(" ", text)
    words: list[str] = []
    for written in text.split():
        word = written.casefold()
        if _ACRONYM.fullmatch(written) and sum(ch in "AEIOU" for ch in written) <= 1:
            # an acronym is spelt letter by letter: "PSSI" is not "PSI", "JPU" not "IPU"
            words.append(word)
            continue
        for a, b in _FOLDS:
            word = word.replace(a, b)
        word = word.translate(_VOWELISH).replace("ou", "u")
        words.append(_DOUBLE.sub(r"\1", word))
    return " ".join(words)


def _day(value: datetime | date | str | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)[:10] or None


class EntityResolver:
    """A registry of entities across articles: ``resolve(mention)`` gives a stable id.

    The id is ``"<type>:<canonical_key(name)>"`` (``"person:vladimir putin"``,
    ``"country:china"``): the same person spelled "Yuri Ushakov" and "Yury Ushakov" gets one
    id. A one-word person mention ("Ushakov") joins the most recently seen known person
    whose first or last name it is; when there is none it starts an entity of its own
    (it is not merged later, so ids never change once given).

    Each entity keeps its name (the first full form seen), ``aliases`` (surfaces seen),
    ``roles`` ``[{"role", "since", "last_seen"}]`` dated by the article's ``published_at``,
    a mention count and first/last dates. Memory is bounded per entity: at most
    ``max_aliases`` aliases and ``max_roles`` roles are kept (later ones are dropped), and
    the lookup index holds at most those aliases plus their first and last words.
    ``to_dict``/``from_dict`` give a JSON-ready state for the store.
    """

    def __init__(self, *, max_aliases: int = 16, max_roles: int = 8) -> None:
        self.max_aliases = max_aliases
        self.max_roles = max_roles
        self._entities: dict[str, dict[str, Any]] = {}
        self._index: dict[str, str] = {}  # "<type>:<key of an alias>" -> id
        self._words: dict[str, list[str]] = {}  # "person:<key of a first or last name>" -> ids

    def __len__(self) -> int:
        return len(self._entities)

    def get(self, entity_id: str) -> dict[str, Any] | None:
        """The registry record of ``entity_id`` (a copy), or ``None``."""
        record = self._entities.get(entity_id)
        if record is None:
            return None
        return {**record, "aliases": list(record["aliases"]), "roles": [dict(r) for r in record["roles"]]}

    def entities(self) -> list[dict[str, Any]]:
        return [r for r in (self.get(i) for i in self._entities) if r is not None]

    def resolve(self, mention: dict[str, Any], published_at: datetime | date | str | None = None) -> str:
        """The id of ``mention``'s entity (a :func:`find_entities` dict), registering it if new."""
        kind = str(mention.get("type") or "ORG").lower()
        name = _WS.sub(" ", str(mention.get("entity") or mention.get("surface") or "")).strip()
        surface = _WS.sub(" ", str(mention.get("surface") or name)).strip()
        key = canonical_key(name)
        day = _day(published_at)
        entity_id = self._index.get(f"{kind}:{key}")
        if entity_id is None and kind == "person" and " " not in key:
            candidates = self._words.get(f"person:{key}", [])
            if candidates:
                entity_id = max(candidates, key=lambda i: self._entities[i]["last_seen"] or "")
        if entity_id is None:
            entity_id = f"{kind}:{key}"
            self._entities[entity_id] = {
                "id": entity_id,
                "name": name,
                "type": mention.get("type") or "ORG",
                "aliases": [],
                "roles": [],
                "mentions": 0,
                "first_seen": day,
                "last_seen": day,
            }
        record = self._entities[entity_id]
        record["mentions"] += 1
        if day is not None:
            if record["first_seen"] is None or day < record["first_seen"]:
                record["first_seen"] = day
            if record["last_seen"] is None or day > record["last_seen"]:
                record["last_seen"] = day
        for alias in dict.fromkeys([name, surface]):
            self._add_alias(record, kind, alias)
        role = mention.get("role")
        if role:
            self._add_role(record, str(role), day)
        return entity_id

    def _add_alias(self, record: dict[str, Any], kind: str, alias: str) -> None:
        if not alias or alias in record["aliases"] or len(record["aliases"]) >= self.max_aliases:
            return
        record["aliases"].append(alias)
        self._index_alias(record["id"], kind, alias)

    def _index_alias(self, entity_id: str, kind: str, alias: str) -> None:
        key = canonical_key(alias)
        self._index.setdefault(f"{kind}:{key}", entity_id)
        words = key.split()
        if kind == "person" and len(words) >= 2:
            for word in {words[0], words[-1]}:
                ids = self._words.setdefault(f"person:{word}", [])
                if entity_id not in ids:
                    ids.append(entity_id)

    def _add_role(self, record: dict[str, Any], role: str, day: str | None) -> None:
        key = canonical_key(role)
        for item in record["roles"]:
            if canonical_key(item["role"]) == key:
                if day is not None and (item["since"] is None or day < item["since"]):
                    item["since"] = day
                if day is not None and (item["last_seen"] is None or day > item["last_seen"]):
                    item["last_seen"] = day
                return
        if len(record["roles"]) < self.max_roles:
            record["roles"].append({"role": role, "since": day, "last_seen": day})

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready state; :meth:`from_dict` reads it back."""
        return {
            "version": 1,
            "max_aliases": self.max_aliases,
            "max_roles": self.max_roles,
            "entities": self.entities(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EntityResolver:
        resolver = cls(
            max_aliases=int(data.get("max_aliases") or 16), max_roles=int(data.get("max_roles") or 8)
        )
        for raw in data.get("entities") or []:
            record = {
                "id": str(raw["id"]),
                "name": str(raw.get("name") or ""),
                "type": str(raw.get("type") or "ORG"),
                "aliases": [str(a) for a in raw.get("aliases") or []][: resolver.max_aliases],
                "roles": [
                    {"role": str(r.get("role")), "since": r.get("since"), "last_seen": r.get("last_seen")}
                    for r in raw.get("roles") or []
                ][: resolver.max_roles],
                "mentions": int(raw.get("mentions") or 0),
                "first_seen": raw.get("first_seen"),
                "last_seen": raw.get("last_seen"),
            }
            resolver._entities[record["id"]] = record
            kind = record["id"].split(":", 1)[0]
            resolver._index.setdefault(record["id"], record["id"])
            for alias in record["aliases"]:
                resolver._index_alias(record["id"], kind, alias)
        return resolver
