"""Named entities in Indonesian (and English) news text: PERSON, ORG and PLACE.

A product of two experts, decoded together: a linear-chain CRF over hand-written token
features plus a word table mined from unlabelled Indonesian news (word clusters and
capitalisation habits), and a small convolutional network over fastText word vectors
(``neural.py``). One Viterbi pass runs over ``(1 - w) * CRF scores + w * network scores``,
in numpy (the CRF's weights are exported to ``crf.npz``; pycrfsuite is only needed to train).
Without ``neural.npz``/``crf.npz`` the tagger falls back to the CRF alone through pycrfsuite.
The models and the table ship inside this package; ``load()`` opens them once (well under
a second).

    >>> from warta.understand import ner
    >>> tagger = ner.load()
    >>> tagger.entities("Presiden Sinta Wirawan bertemu warga di Jakarta.")
    [(9, 22, 'PERSON', 'Sinta Wirawan'), (40, 47, 'PLACE', 'Jakarta')]

Training lives in ``warta.understand.ner.train`` (the CRF and the word table) and
``warta.understand.ner.train_nn`` (the network; torch and gensim, the ``train`` extra):
``warta train-ner`` rebuilds both (``--crf-only`` without torch).
"""

from __future__ import annotations

import re
import struct
import threading
import tomllib
from functools import cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any

from warta.understand.ner.features import Encoder, WordTable
from warta.understand.ner.neural import CrfScores, Network, Poe, file_digest
from warta.understand.ner.tokenize import sentences, tokenize

__all__ = ["TYPES", "Entity", "Tagger", "load", "model_attributes", "sentences", "tokenize"]

HERE = Path(__file__).resolve().parent
MODEL_PATH = HERE / "model.crfsuite"
TABLE_PATH = HERE / "words.tsv.gz"
NEURAL_PATH = HERE / "neural.npz"
CRF_WEIGHTS_PATH = HERE / "crf.npz"
TYPES = ("PERSON", "ORG", "PLACE")
# a lower-case head glued to a capitalised word: "kepada|CNN", "dilansir|AFP"
_GLUED = re.compile(r"[a-z]{2,}(?=[A-Z])")
_CASE_CHANGE = re.compile(r"(?<=[a-z])(?=[A-Z])")  # "Presiden|Prabowo"

Entity = tuple[int, int, str, str]  # (start_char, end_char, type, surface)

# Longer runs are cut into pieces before tagging: the CRF is trained on sentences, not pages.
_MAX_TOKENS = 120
# Sentences tagged together in one numpy pass (padding to the longest keeps this modest).
_BATCH = 64
# Sentences whose entities are kept (~0.3 KB each); the repeated ones come back often.
_SENTENCE_CACHE_LIMIT = 50_000


def model_attributes(path: Path) -> frozenset[bytes] | None:
    """The attribute names a crfsuite model has weights for, read from its attribute dictionary;
    ``None`` when the file is not laid out as expected (the tagger then passes every attribute).

    pycrfsuite has no call for this (``Tagger.info()`` takes most of a second to dump and parse
    the whole model). The layout, from crfsuite's crf1d model writer: a 48-byte header of
    little-endian uint32s, the number of attributes at byte 24 and the offset of their CQDB
    chunk at byte 36; that chunk holds "CQDB", size, flags, a byte-order mark, the number of
    ids and the offset (from the chunk start) of a table giving, for each id, the offset of
    its record: id, key size, key + NUL. Any mismatch means another layout: ``None``.
    """
    try:
        data = path.read_bytes()
        if data[:4] != b"lCRF" or data[8:12] != b"FOMC":
            return None
        (num_attrs,) = struct.unpack_from("<I", data, 24)
        (base,) = struct.unpack_from("<I", data, 36)
        magic = data[base : base + 4]
        _size, _flags, order, count, table = struct.unpack_from("<5I", data, base + 4)
        if magic != b"CQDB" or order != 0x62445371 or count != num_attrs:
            return None
        names = []
        for i, offset in enumerate(struct.unpack_from(f"<{count}I", data, base + table)):
            if not offset:
                continue
            ident, size = struct.unpack_from("<iI", data, base + offset)
            start = base + offset + 8
            if ident != i or size < 1 or data[start + size - 1] != 0:
                return None
            names.append(data[start : start + size - 1])
        return frozenset(names)
    except (OSError, struct.error, IndexError):
        return None


class Tagger:
    """A loaded NER model. ``tag`` labels tokens; ``entities`` finds spans in raw text."""

    def __init__(
        self,
        model_path: Path = MODEL_PATH,
        table_path: Path = TABLE_PATH,
        neural_path: Path | None = NEURAL_PATH,
        crf_weights_path: Path | None = CRF_WEIGHTS_PATH,
    ) -> None:
        """The CRF x network product when ``neural_path`` and ``crf_weights_path`` exist, the
        latter exported from ``model_path`` and the former trained with ``table_path``;
        otherwise the CRF alone (pycrfsuite)."""
        self._table = WordTable.read(table_path).entries
        self._poe: Poe | None = None
        self._crf: Any = None  # pycrfsuite.Tagger, when there is no network
        if (
            neural_path is not None
            and crf_weights_path is not None
            and neural_path.is_file()
            and crf_weights_path.is_file()
        ):
            crf = CrfScores(crf_weights_path, self._table)
            net = Network(neural_path, self._table)
            if crf.digest == file_digest(model_path) and net.table_digest in (None, file_digest(table_path)):
                self._poe = Poe(crf, net)
        if self._poe is None:
            import pycrfsuite

            self._crf = pycrfsuite.Tagger()
            self._crf.open(str(model_path))
            self._encode = Encoder(self._table, model_attributes(model_path))
        # neither a crfsuite tagger nor the product's per-word caches are safe to share between threads
        self._lock = threading.Lock()
        self._sentence_cache: dict[str, tuple[tuple[int, int, str], ...]] = {}

    def name_like(self, word: str) -> bool:
        """True when news writes ``word`` capitalised in nearly all (97%+) of its occurrences
        mid-sentence (the word table's top capitalisation bucket): a name's word."""
        return self._bucket(word) == "4"

    def _bucket(self, word: str) -> str:
        """The word table's capitalisation bucket of ``word``: "0" to "4", from written in lower
        case nearly always to capitalised nearly always mid-sentence; "?" for a word it lacks."""
        return self._table.get(word.lower(), ("?",))[-1]

    def lower_case_word(self, word: str) -> bool:
        """True when the news writes ``word`` in lower case in most of its mid-sentence uses
        (capitalised under 30%: the word table's two lowest buckets)."""
        return self._bucket(word) in ("0", "1")

    def lower_case_words(self, phrase: str) -> bool:
        """True when ``phrase`` has two words or more, each a :meth:`lower_case_word`: "Lalu
        Lintas", "Manajemen Proyek" are no one's name."""
        words = phrase.split()
        return len(words) >= 2 and all(self.lower_case_word(w) for w in words)

    def common_words(self, phrase: str) -> bool:
        """True when the news writes each word of ``phrase`` capitalised in under 70% of its
        mid-sentence uses (the word table's three lowest buckets): the words of an office or a
        unit ("Bidang Pengembangan Destinasi", "Pusat Data", "Bea Cukai"), not of a name."""
        words = phrase.split()
        return bool(words) and all(self._bucket(w) in ("0", "1", "2") for w in words)

    def name_words(self, phrase: str) -> bool:
        """True when the news writes each word of ``phrase`` capitalised in 70% or more of its
        mid-sentence uses (the word table's two highest buckets): a name's words ("Anung",
        "Wibowo"), not a glued run ("Messivs") nor a word of the language."""
        words = phrase.split()
        return bool(words) and all(self._bucket(w) in ("3", "4") for w in words)

    @property
    def neural(self) -> bool:
        """True when tagging with the CRF x network product, False for the CRF alone."""
        return self._poe is not None

    def tag(self, tokens: list[str]) -> list[str]:
        """BIO labels (B-PERSON, I-ORG, O, ...) for one sentence of tokens."""
        return self.tag_many([tokens])[0]

    def tag_many(self, sents: list[list[str]]) -> list[list[str]]:
        """``tag`` for many sentences; with the network they go through in batches (much faster)."""
        pieces: list[list[str]] = []
        for tokens in sents:
            pieces.extend(tokens[start : start + _MAX_TOKENS] for start in range(0, len(tokens), _MAX_TOKENS))
        raw: list[list[str]] = []
        if self._poe is not None:
            for i in range(0, len(pieces), _BATCH):
                with self._lock:
                    raw.extend(self._poe.tag_batch(pieces[i : i + _BATCH]))
        else:
            for piece in pieces:
                features = self._encode(piece)
                with self._lock:
                    raw.append(self._crf.tag(features))
        out = []
        at = 0
        for tokens in sents:
            labels: list[str] = []
            for _ in range(0, len(tokens), _MAX_TOKENS):
                labels.extend(raw[at])
                at += 1
            labels = _repair(labels)
            if _looks_english(tokens):
                labels = _english_names(tokens, labels, self._table)
            out.append(labels)
        return out

    def _plain(self, words: list[str]) -> bool:
        """True for a sentence unlikely to hold a name: no capital letter after its first
        word (glued words like "diSidoarjo" count as capitalised), and that word one the
        news writes in lower case mid-sentence ("Dalam", "Pada"). About a third of news
        sentences; on 1,500 indonews articles skipping the CRF there dropped 16 mentions,
        nearly all false ones ("Warna biru tua", "jalan raya") plus the lower-case
        "detikcom"."""
        for w in words[1:]:
            if w.islower() and w.isalpha():
                continue  # most words: all letters, none upper case, so no capital and no digit
            if any(c.isupper() or c.isdigit() for c in w):
                return False
        first = self._table.get(words[0].lower())
        return first is not None and first[-1] in ("0", "1")

    def entities(self, text: str) -> list[Entity]:
        """``(start, end, type, surface)`` for each entity in ``text``; ``text[start:end] == surface``.

        The sentences not seen before are tagged together, in one batch."""
        bounds = sentences(text)
        chunks = [text[a:b] for a, b in bounds]
        spans_of = self._sentence_spans(chunks)
        found: list[Entity] = []
        for (s_start, _), chunk in zip(bounds, chunks, strict=True):
            for start, end, kind in spans_of[chunk]:
                a, b = s_start + start, s_start + end
                found.append((a, b, kind, text[a:b]))
        return _same_person(found)

    def _sentence_spans(self, chunks: list[str]) -> dict[str, tuple[tuple[int, int, str], ...]]:
        """``(start, end, type)`` of the entities of each sentence, offsets into it; the
        sentences not in the cache are tagged together, in one batch.

        A pure function of the sentence, so kept: news repeats sentences ("Baca juga",
        "Advertisement", copy shared between outlets), a fifth of those tagged in indonews.
        """
        cache = self._sentence_cache
        known: dict[str, tuple[tuple[int, int, str], ...]] = {}
        todo: dict[str, tuple[list[tuple[int, int]], list[str]]] = {}
        for chunk in chunks:
            if chunk in known or chunk in todo:
                continue
            hit = cache.get(chunk)
            if hit is not None:
                known[chunk] = hit
                continue
            spans = self._unglued(chunk, tokenize(chunk))
            words = [chunk[a:b] for a, b in spans]
            if words and not self._plain(words):
                todo[chunk] = (spans, words)
            else:
                known[chunk] = ()
                self._remember(chunk, ())
        if not todo:
            return known
        labelled = self.tag_many([words for _, words in todo.values()])
        for (chunk, (spans, _)), labels in zip(todo.items(), labelled, strict=True):
            out: list[tuple[int, int, str]] = []
            begin = -1
            kind = ""
            for i, label in enumerate([*labels, "O"]):
                if begin >= 0 and not (label.startswith("I-") and label[2:] == kind):
                    out.append((spans[begin][0], spans[i - 1][1], kind))
                    begin = -1
                if label[:2] in ("B-", "I-") and begin < 0:
                    begin, kind = i, label[2:]
            known[chunk] = tuple(out)
            self._remember(chunk, known[chunk])
        return known

    def _unglued(self, text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """``spans`` with each token glued at a link's edge cut into its words
        (``data/glue.toml``): before a name ("kepadaCNN", "diSidoarjo"), between two
        capitalised words ("PresidenPrabowo", "JakartaPenyanyi") and after a name
        ("Trumpmengatakan", "Jakartayang"). A glued whole that is a word of its own stays
        ("detikNews", "YouTube", "Kendari"). The text is not changed; offsets stay true."""
        out: list[tuple[int, int]] | None = None
        for k, (a, b) in enumerate(spans):
            cuts = self._cuts(text[a:b]) if b - a >= 5 else []
            if cuts:
                if out is None:
                    out = spans[:k]
                edges = [a, *(a + c for c in cuts), b]
                out.extend(pairwise(edges))
            elif out is not None:
                out.append((a, b))
        return spans if out is None else out

    def _cuts(self, word: str) -> list[int]:
        """Offsets where one token of glued words splits; [] for nearly every token."""
        letters = word.replace("'", "")
        if word.islower() or word.isupper() or not letters.isalpha():
            return []  # most words, acronyms, numbers, hyphenated words: one token
        if len(letters) < len(word) and not word[0].islower():
            return []  # an apostrophe is cut only after a glued lower-case word ("kepadaL'Equipe",
            # "dariMen's Health"), never in a name's possessive ("YouTube's", "MacArthur's")
        table = self._table
        if word.lower() in table:
            if word[:1].islower() or (len(word) < 10 and word[1:].islower()):
                return []  # nearly every known word: no inner capital, too short for a long tail
            return self._known_cuts(word)
        cuts: list[int] = []
        at = 0
        if word[0].islower():
            m = _GLUED.match(word)
            entry = table.get(m.group()) if m else None
            if (
                m is None
                or entry is None
                or entry[-1] not in ("0", "1")
                or m.group() in _glue()["keep_heads"]
            ):
                return []
            at = m.end()
            cuts.append(at)
        # capitalised words glued together: the rightmost case change whose head is a word
        # of the table, again on what follows ("KanselirJermanFriedrich")
        while word[at:].lower() not in table:
            rest = word[at:]
            cut = next(
                (
                    c
                    for c in reversed([m.start() for m in _CASE_CHANGE.finditer(rest)])
                    if c >= 3 and len(rest) - c >= 2 and rest[:c].lower() in table
                ),
                0,
            )
            if not cut:
                joined = self._joined_cut(rest)
                if joined is None:
                    break
                cuts.append(at + joined[0])
                cut = joined[1]
            at += cut
            cuts.append(at)
        if at and word[at:].lower() in table:
            return cuts + [at + c for c in self._known_cuts(word[at:])]  # "Menteri|KebudayaanFadli"
        if len(word) - at >= 7:
            cut = self._tail_cut(word[at:])
            if cut > 0:
                cuts.append(at + cut)
        return cuts

    def _known_cuts(self, word: str) -> list[int]:
        """Cuts in a capitalised word the table knows. The table, mined from scraped news,
        holds a few glued forms of its own ("trumpmengatakan", "ghazalidanalyssa",
        "presidenvladimir"): a joining word between two names, a long word that is not only a
        name's before a capitalised word, or a long tail after a name's head cuts those."""
        table = self._table
        joined = self._joined_cut(word)
        if joined is not None:
            return list(joined)
        # camel-case brands, whose heads are short ("TransJakarta", "BlackBerry", "KapanLagi",
        # "ShopeeFood", "YouTube"), stay whole
        for c in reversed([m.start() for m in _CASE_CHANGE.finditer(word)]):
            head, tail = table.get(word[:c].lower()), word[c:].lower()
            if c >= 7 and len(tail) >= 4 and head is not None and head[-1] != "4" and tail in table:
                return [c]
        cut = self._tail_cut(word)
        return [cut] if cut > 0 else []

    def _joined_cut(self, word: str) -> tuple[int, int] | None:
        """Where "UtamidanVerrell" splits around its joining word ("Utami dan Verrell"): a name's
        word (capitalised in 70%+ of its uses), a joiner of glue.toml, a capital; else None."""
        for c in [m.start() for m in _CASE_CHANGE.finditer(word)]:
            for j in _glue()["joiners"]:
                head = word[: c - len(j)].lower()
                if word[:c].endswith(j) and len(head) >= 3 and self.name_words(head):
                    return (c - len(j), c)
        return None

    def _tail_cut(self, word: str) -> int:
        """Where "Trumpmengatakan" splits (after "Trump"), or -1: a capitalised word, its
        head a word the table knows, its tail a glue word or a verb with me-/ber-/di-/ter-
        the news writes in lower case; the longest such tail."""
        if not (word[:1].isupper() and word[1:].islower()):
            return -1
        low = word.lower()
        table = self._table
        glue = _glue()
        known = low in table
        if known and low in glue["keep_whole"]:
            return -1
        for cut in range(len(low) - 3, 2, -1):
            head = table.get(low[:cut])
            if head is None:
                continue
            if known and (cut < 4 or len(low) - cut < 6 or head[-1] not in ("3", "4")):
                continue  # a word of the table: "Kendari", "Pyongyang" stay whole
            if cut < 4 and head[-1] not in ("3", "4"):
                # a short head that is no name's word (capitalised in under 70% of its uses):
                # "Wisantara", "Nanyang" stay whole
                continue
            tail = low[cut:]
            if tail in glue["tails"]:
                return cut
            if len(tail) >= 5 and tail.startswith(glue["tail_prefixes"]):
                entry = table.get(tail)
                if entry is not None and entry[-1] in ("0", "1"):
                    return cut
        return -1

    def _remember(self, chunk: str, found: tuple[tuple[int, int, str], ...]) -> None:
        if len(self._sentence_cache) >= _SENTENCE_CACHE_LIMIT:
            self._sentence_cache.clear()
        self._sentence_cache[chunk] = found


def _same_person(found: list[Entity]) -> list[Entity]:
    """A one-word entity that repeats a part of a longer PERSON name in the same text is that
    person, unless that name is tagged as something else elsewhere in the text too (the club
    "Bhaskara Surabaya" tagged a person once would make every "Surabaya" a person)."""
    contested = {surface for _, _, kind, surface in found if kind != "PERSON"}
    parts = {
        part
        for _, _, kind, surface in found
        if kind == "PERSON" and " " in surface and surface not in contested
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
            # the most frequent label, the first one on a tie: a set's order would change with
            # the process's hash seed, and so the label from one run to the next
            kind = max(kinds, key=kinds.count)
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


@cache
def _glue() -> dict[str, Any]:
    data = tomllib.loads(resources.files("warta.understand").joinpath("data/glue.toml").read_text("utf-8"))
    return {
        "keep_heads": frozenset(data["keep_heads"]),
        "tails": frozenset(data["tails"]),
        "tail_prefixes": tuple(data["tail_prefixes"]),
        "keep_whole": frozenset(w.lower() for w in data.get("keep_whole", [])),
        "joiners": tuple(data.get("joiners", [])),
    }
