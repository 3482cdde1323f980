"""Named entities in Indonesian (and English) news text: PERSON, ORG and PLACE.

A linear-chain CRF (python-crfsuite) over hand-written token features plus a word table
mined from unlabelled Indonesian news (word clusters and capitalisation habits). The model
and the table ship inside this package; ``load()`` opens them once (well under a second).

    >>> from warta.understand import ner
    >>> tagger = ner.load()
    >>> tagger.entities("Presiden Sinta Wirawan bertemu warga di Jakarta.")
    [(9, 22, 'PERSON', 'Sinta Wirawan'), (40, 47, 'PLACE', 'Jakarta')]

Training lives in ``warta.understand.ner.train`` (``python -m warta.understand.ner.train``).
"""

from __future__ import annotations

import threading
from pathlib import Path

import pycrfsuite

from warta.understand.ner.features import WordTable, sentence_features
from warta.understand.ner.tokenize import sentences, tokenize

__all__ = ["TYPES", "Entity", "Tagger", "load", "sentences", "tokenize"]

HERE = Path(__file__).resolve().parent
MODEL_PATH = HERE / "model.crfsuite"
TABLE_PATH = HERE / "words.tsv.gz"
TYPES = ("PERSON", "ORG", "PLACE")

Entity = tuple[int, int, str, str]  # (start_char, end_char, type, surface)

# Longer runs are cut into pieces before tagging: the CRF is trained on sentences, not pages.
_MAX_TOKENS = 120


class Tagger:
    """A loaded NER model. ``tag`` labels tokens; ``entities`` finds spans in raw text."""

    def __init__(self, model_path: Path = MODEL_PATH, table_path: Path = TABLE_PATH) -> None:
        self._table = WordTable.read(table_path).entries
        self._crf = pycrfsuite.Tagger()
        self._crf.open(str(model_path))
        self._lock = threading.Lock()  # a crfsuite tagger is not safe to share between threads
        self._cache: dict = {}  # word -> its features; news vocabulary repeats, so most words hit

    def tag(self, tokens: list[str]) -> list[str]:
        """BIO labels (B-PERSON, I-ORG, O, ...) for one sentence of tokens."""
        if not tokens:
            return []
        out: list[str] = []
        for start in range(0, len(tokens), _MAX_TOKENS):
            piece = tokens[start : start + _MAX_TOKENS]
            features = sentence_features(piece, self._table, self._cache)
            with self._lock:
                out.extend(self._crf.tag(features))
        out = _repair(out)
        if _looks_english(tokens):
            out = _english_names(tokens, out, self._table)
        return out

    def _plain(self, words: list[str]) -> bool:
        """True for a sentence unlikely to hold a name: no capital letter after its first
        word (glued words like "diSidoarjo" count as capitalised), and that word one the
        news writes in lower case mid-sentence ("Dalam", "Pada"). About a third of news
        sentences; on 1,500 indonews articles skipping the CRF there dropped 16 mentions,
        nearly all false ones ("Warna biru tua", "jalan raya") plus the lower-case
        "detikcom"."""
        for w in words[1:]:
            if any(c.isupper() or c.isdigit() for c in w):
                return False
        first = self._table.get(words[0].lower())
        return first is not None and first[-1] in ("0", "1")

    def entities(self, text: str) -> list[Entity]:
        """``(start, end, type, surface)`` for each entity in ``text``; ``text[start:end] == surface``."""
        found: list[Entity] = []
        for s_start, s_end in sentences(text):
            chunk = text[s_start:s_end]
            spans = tokenize(chunk)
            if not spans:
                continue
            words = [chunk[a:b] for a, b in spans]
            if self._plain(words):
                continue
            labels = self.tag(words)
            begin = -1
            kind = ""
            for i, label in enumerate([*labels, "O"]):
                if begin >= 0 and not (label.startswith("I-") and label[2:] == kind):
                    a = s_start + spans[begin][0]
                    b = s_start + spans[i - 1][1]
                    found.append((a, b, kind, text[a:b]))
                    begin = -1
                if label[:2] in ("B-", "I-") and begin < 0:
                    begin, kind = i, label[2:]
        return _same_person(found)


def _same_person(found: list[Entity]) -> list[Entity]:
    """A one-word entity that repeats a part of a longer PERSON name in the same text is that person."""
    parts = {
        part
        for _, _, kind, surface in found
        if kind == "PERSON" and " " in surface
        for part in surface.split()
        if len(part) > 2 and part[:1].isupper()
    }
    if not parts:
        return found
    return [
        (a, b, "PERSON", surface) if kind != "PERSON" and surface in parts else (a, b, kind, surface)
        for a, b, kind, surface in found
    ]


def _repair(labels: list[str]) -> list[str]:
    """Make the sequence valid BIO: an I- that does not continue its type becomes B-."""
    prev = "O"
    out = []
    for label in labels:
        if label.startswith("I-") and prev[2:] != label[2:]:
            label = "B-" + label[2:]
        out.append(label)
        prev = label
    return out


# English: the CRF learned Indonesian contexts only, so English sentences get a second pass that
# keeps capitalised runs as entities (typed by cue words, or by the CRF where it found one).
_EN_FUNCTION = frozenset(
    """the of and to in on at for with from by that this was were is are has have had will would said
    says after before about over into than but not its their his her they he she it who which an as be
    been also when while where there""".split()  # noqa: SIM905
)
_EN_JOIN = frozenset({"of", "de", "van", "von", "der", "da", "del", "bin", "binti", "al", "&", "and"})
_EN_NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december i mr mrs ms dr the a an in on at for and but if it
    he she we they this that these those there his her its our their when while after before as
    mister president minister governor senator chairman king queen prince general""".split()  # noqa: SIM905
)
_EN_ORG = frozenset(
    """corporation corp corp. inc inc. co co. ltd ltd. llc plc company companies bank university college
    institute school nations union council committee commission party association federation group
    ministry department agency office board court police army navy force forces club team united
    foundation organization organisation society times post news journal press airlines airways
    motors church hospital fund reserve cross network center centre""".split()  # noqa: SIM905
)
_EN_PLACE = frozenset(
    """city county state province river street avenue road island islands mount mountain lake bay
    valley beach park coast sea ocean kingdom republic""".split()  # noqa: SIM905
)
_EN_BEFORE_PLACE = frozenset({"in", "at", "from", "to", "near", "across", "outside", "inside"})


def _looks_english(tokens: list[str]) -> bool:
    words = [t for t in tokens if t[:1].isalpha()]
    # as written: "AS" (Amerika Serikat) in an Indonesian sentence is not the English "as"
    hits = sum(
        w in _EN_FUNCTION or (w[:1].isupper() and w.lower() in _EN_FUNCTION and w[1:].islower())
        for w in words
    )
    return hits >= 2 and hits * 8 >= len(words)


def _english_names(tokens: list[str], labels: list[str], table: dict[str, tuple[str, ...]]) -> list[str]:
    n = len(tokens)

    def capital(i: int) -> bool:
        t = tokens[i]
        if not t[:1].isupper() or t.lower() in _EN_NOT_NAMES:
            return False
        if i == 0 or tokens[i - 1] in ('"', "“", "``", "(", ":", "-", "—"):
            # sentence-initial: a name only if the word is usually capitalised mid-sentence,
            # or, for a word the table does not know, if the CRF or the next word says so
            bucket = table.get(t.lower(), ("?",))[-1]
            if bucket in ("3", "4"):
                return True
            return bucket in ("?", "n") and (labels[i] != "O" or (i + 1 < n and tokens[i + 1][:1].isupper()))
        return True

    out = ["O"] * n
    i = 0
    while i < n:
        if not capital(i):
            i += 1
            continue
        j = i + 1
        while j < n:
            if (
                capital(j)
                or (
                    tokens[j].lower() in _EN_JOIN
                    and j + 1 < n
                    and capital(j + 1)
                    # "Bank of America", "United States of America"; but "Ann Lee of Acme" is two names
                    and (
                        j - i == 1 or any(t.lower() in _EN_ORG or t.lower() in _EN_PLACE for t in tokens[i:j])
                    )
                )
            ):
                j += 1
            else:
                break
        kinds = [lab[2:] for lab in labels[i:j] if lab != "O"]
        lows = [t.lower() for t in tokens[i:j]]
        if any(w in _EN_ORG for w in lows):
            kind = "ORG"
        elif any(w in _EN_PLACE for w in lows[1:]) or (
            not kinds and i > 0 and tokens[i - 1].lower() in _EN_BEFORE_PLACE
        ):
            kind = "PLACE"
        elif kinds:
            kind = max(set(kinds), key=kinds.count)
        else:
            kind = "PERSON" if j - i >= 2 and all(t.isalpha() for t in tokens[i:j]) else "ORG"
        out[i] = "B-" + kind
        for m in range(i + 1, j):
            out[m] = "I-" + kind
        i = j
    return out


_LOADED: Tagger | None = None
_LOAD_LOCK = threading.Lock()


def load() -> Tagger:
    """The shipped tagger, loaded once per process."""
    global _LOADED
    if _LOADED is None:
        with _LOAD_LOCK:
            if _LOADED is None:
                _LOADED = Tagger()
    return _LOADED
