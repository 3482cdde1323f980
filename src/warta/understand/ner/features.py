"""Token features for the CRF tagger.

Each token gets a list of base features (its word, shape, affixes, word-cluster ids and
capitalisation habit mined from unlabelled Indonesian news, cue-word classes); the
sequence features copy a subset of the neighbours' base features with their offset.

The word table (``WordTable``) is derived from unlabelled text: for each lower-cased word
it holds cluster ids at three granularities (k-means over PPMI-SVD context vectors) and a
bucket of how often the word is capitalised mid-sentence. It holds no sentences.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

__all__ = ["Encoder", "WordTable", "sentence_features", "shape"]

# Cue words: titles and roles before a person, words that open a place or an organisation name,
# and words that often sit inside them. Our own lists of common Indonesian (and English) news usage.
_CUES: dict[str, str] = {}
for _cls, _words in {
    "PT": """presiden wapres wakil menteri menko mendagri menlu menkeu gubernur wagub bupati wabup walikota
        wali camat lurah kades ketua wakil sekjen sekretaris direktur dirut komisaris kepala kapolri kapolda
        kapolres kapolsek panglima jenderal jend letjen mayjen brigjen kolonel kombes kompol akbp ajun
        komisaris inspektur irjen kasat kasubdit kabid kabag hakim jaksa pengacara kuasa juru bicara jubir
        pelatih kapten striker gelandang bek kiper penyerang pemain aktor aktris penyanyi artis raja ratu
        pangeran putri sultan paus uskup kiai kyai ustaz ustad ustadz habib syekh haji hajah pak bu bapak ibu
        sdr saudara saudari tuan nyonya nona mas mbak bang kak dr dr. drs drs. prof prof. ir ir. h. hj. hj kh
        kh. mr mr. mrs mrs. ms ms. sir lord senator anggota politikus politisi pengamat analis ekonom peneliti
        dosen rektor dekan guru ceo founder pendiri pemilik promotor manajer sutradara produser penulis
        wartawan fotografer almarhum almarhumah mendiang istri suami anak ayah adik kakak""",
    "PL": """kabupaten kab kab. kota provinsi prov prov. propinsi kecamatan kelurahan desa dusun kampung
        jalan jl jl. jln jln. gang pulau kepulauan gunung sungai danau teluk selat laut samudra samudera
        tanjung semenanjung benua negara negeri wilayah daerah kawasan distrik regency city province
        island river mount lake bay street avenue""",
    "OR": """pt pt. cv cv. tbk tbk. persero partai universitas univ institut sekolah akademi politeknik
        kementerian kemenkes kemendagri departemen badan dinas komisi lembaga dewan majelis mahkamah
        pengadilan kejaksaan kepolisian polda polres polsek kodam korem kodim satuan pasukan tentara
        angkatan markas bank perusahaan persatuan perhimpunan asosiasi ikatan himpunan yayasan organisasi
        federasi liga klub komite kantor biro direktorat sekretariat pemerintah pemkab pemkot pemprov
        rumah sakit rs rsud rsup gereja masjid stasiun bandara bandar pelabuhan hotel pasar fc inc inc.
        ltd ltd. corp corp. co co. company group grup holding university college institute ministry
        department agency council committee association party club united""",
    "PP": """di ke dari menuju sekitar asal kawasan antara""",
    "SP": """kata ujar ucap tutur ungkap jelas papar tegas sebut menurut bersama oleh dan dengan""",
}.items():
    for _w in _words.split():
        _CUES.setdefault(_w, _cls)

_PUNCT = frozenset("""!"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’«»…–—""")
_SHAPE_MAP = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    "XXXXXXXXXXXXXXXXXXXXXXXXXXxxxxxxxxxxxxxxxxxxxxxxxxxxdddddddddd",
)
_SQUEEZE = re.compile(r"(.)\1+")


def _first_group(m: re.Match[str]) -> str:
    return m.group(1)


def shape(word: str) -> str:
    """Short word shape: "Jakarta" -> "Xx", "PDIP" -> "X", "7/4/2016" -> "d/d/d"."""
    # a function, not the template r"\1": the same text, without re's per-match template expansion
    return _SQUEEZE.sub(_first_group, word.translate(_SHAPE_MAP))[:6]


Table = dict[str, tuple[str, ...]]


@dataclass(slots=True)
class WordTable:
    """Lower-cased word -> (coarse, middle, fine cluster id, [more cluster ids ...], capitalisation bucket)."""

    entries: Table = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path) -> WordTable:
        entries: Table = {}
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) >= 5:
                    entries[parts[0]] = tuple(parts[1:])
        return cls(entries)

    def write(self, path: Path) -> None:
        with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as f:
            for word, fields in sorted(self.entries.items()):
                f.write(word + "\t" + "\t".join(fields) + "\n")


_UNKNOWN = ("?",) * 16


def _base(word: str, table: Table) -> tuple[list[str], list[str]]:
    """(own features, features shared with neighbours) of one token."""
    low = word.lower()
    shp = shape(word)
    fields = table.get(low, _UNKNOWN)
    c1, c2, c3, cap = fields[0], fields[1], fields[2], fields[-1]
    cue = _CUES.get(low, "")
    first = word[:1]
    title = "1" if first.isupper() else "0"
    shared = [
        "w=" + low,
        "s=" + shp,
        "t=" + title,
        "c1=" + c1,
        "c2=" + c2,
        "c3=" + c3,
        "k=" + cap,
        "g=" + cue,
    ]
    own = [
        "W=" + word,
        "p2=" + low[:2],
        "p3=" + low[:3],
        "p4=" + low[:4],
        "x2=" + low[-2:],
        "x3=" + low[-3:],
        "x4=" + low[-4:],
        "kt=" + cap + title,
    ]
    for j in range(3, len(fields) - 1 if fields is not _UNKNOWN else 3):
        own.append(f"c{j + 1}=" + fields[j])
    if word.isupper() and len(word) > 1:
        own.append("AC")
    if any(ch.isdigit() for ch in word):
        own.append("D")
    if len(word) == 1 and word in _PUNCT:
        own.append("P")
    if "-" in word:
        own.append("H")
    return own, shared


def _caps_runs(words: list[str]) -> list[str]:
    """Position of each token in its run of capitalised words (B/I/E/S, or O)."""
    n = len(words)
    caps = [w[:1].isupper() for w in words]
    out = ["O"] * n
    i = 0
    while i < n:
        if not caps[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and caps[j + 1]:
            j += 1
        if i == j:
            out[i] = "S"
        else:
            out[i] = "B"
            out[j] = "E"
            for m in range(i + 1, j):
                out[m] = "I"
        i = j + 1
    return out


_Pack = tuple[list[str], list[str], list[str], list[str], list[str], str]
# ~5 KB of feature strings per word: 30k words keep the hit rate high at ~150 MB per process
_CACHE_LIMIT = 30_000


def _pack(word: str, table: Table) -> _Pack:
    """A token's features for itself and, prefixed with their offset, for its neighbours."""
    own, shared = _base(word, table)
    mine = ["b", *own, *shared]
    as_prev = ["-1" + f for f in shared]
    as_next = ["+1" + f for f in shared]
    two = (shared[0], shared[1], shared[4], shared[5], shared[6])
    as_prev2 = ["-2" + f for f in two]
    as_next2 = ["+2" + f for f in two]
    return mine, as_prev, as_next, as_prev2, as_next2, shared[0]


def sentence_features(
    words: list[str], table: Table, cache: dict[str, _Pack] | None = None
) -> list[list[str]]:
    """CRF attribute lists, one per token. ``cache`` (word -> features) speeds up repeated words."""
    n = len(words)
    if cache is None:
        packs = [_pack(w, table) for w in words]
    else:
        if len(cache) > _CACHE_LIMIT:
            cache.clear()
        packs = []
        for w in words:
            p = cache.get(w)
            if p is None:
                p = cache[w] = _pack(w, table)
            packs.append(p)
    runs = _caps_runs(words)
    out: list[list[str]] = []
    for i in range(n):
        mine, _, _, _, _, low = packs[i]
        feats = ["r=" + runs[i], *mine]
        if i == 0:
            feats.append("first")
            feats.append("BOS")
        else:
            prev = packs[i - 1]
            feats.extend(prev[1])
            feats.append("-1|" + prev[5] + "|" + low)
            feats.append("-1r=" + runs[i - 1] + runs[i])
            if i >= 2:
                feats.extend(packs[i - 2][3])
        if i == n - 1:
            feats.append("EOS")
        else:
            nxt = packs[i + 1]
            feats.extend(nxt[2])
            feats.append("+1|" + low + "|" + nxt[5])
            if i + 2 < n:
                feats.extend(packs[i + 2][4])
        out.append(feats)
    return out


# --- the tagger's side: the same attributes, in the form crfsuite reads cheapest ----------------

_Pairs = dict[bytes, bytes]  # the other word's "w=..." -> the known pair attribute with it
_NO_PAIRS: _Pairs = {}


class _Encoded(NamedTuple):
    """A word's :func:`_pack` for the tagger: as built (``final`` false) the first time the
    word is seen, then encoded and keeping only the attributes the model knows."""

    mine: list[bytes] | list[str]
    as_prev: list[bytes] | list[str]
    as_next: list[bytes] | list[str]
    as_prev2: list[bytes] | list[str]
    as_next2: list[bytes] | list[str]
    low: bytes  # "w=..."
    pairs_after: _Pairs  # the next word's low -> "-1|<this low>|<its low>", where the model knows it
    pairs_before: _Pairs  # the next word's low -> "+1|<this low>|<its low>", likewise
    final: bool


def _pair_index(known: frozenset[bytes], prefix: bytes) -> dict[bytes, _Pairs]:
    """Known word-pair attributes ``prefix + left + b"|" + right`` by left, then right. A word
    may itself hold "|", so every split is indexed: a lookup only finds real attribute names."""
    index: dict[bytes, _Pairs] = {}
    for attr in known:
        if attr.startswith(prefix):
            rest = attr[len(prefix) :]
            at = rest.find(b"|")
            while at >= 0:
                index.setdefault(rest[:at], {})[rest[at + 1 :]] = attr
                at = rest.find(b"|", at + 1)
    return index


# ~2.5 KB a word (a new word, unencoded: ~3.5 KB): two generations of 20k stay near ~150 MB.
_ENCODED_CACHE_LIMIT = 20_000


class Encoder:
    """:func:`sentence_features` as the tagger hands them to crfsuite, for one model.

    The same attributes in the same order, less those the model has no weight for (``known``,
    its attribute dictionary), and as UTF-8 bytes. crfsuite drops unknown attributes itself,
    so the labels are the same, but every attribute given costs a conversion and a lookup in
    C, and pycrfsuite encodes every str on every call. Word pairs ("-1|w=a|w=b") are the
    extreme case: most are unknown, so they are looked up, not built. Each word's features
    are built once and kept while the word is in use, encoded and filtered from its second
    sighting on (see ``_first``).

    Without ``known`` (a model file this code cannot read), it encodes every attribute.
    """

    def __init__(self, table: Table, known: frozenset[bytes] | None = None) -> None:
        self._table = table
        self._known = known
        self._cache: dict[str, _Pack] = {}  # the fallback's cache, when ``known`` is None
        if known is None:
            return
        self._after = _pair_index(known, b"-1|")
        self._before = _pair_index(known, b"+1|")
        self._run = {r: _kept(("r=" + r,), known) for r in "BIESO"}
        self._run_pair = {a + b: _kept(("-1r=" + a + b,), known) for a in "BIESO" for b in "BIESO"}
        self._start = _kept(("first", "BOS"), known)
        self._eos = _kept(("EOS",), known)
        # two generations: when the young one is full it becomes the old one, and a word found
        # there moves back, so the common words survive and memory stays bounded
        self._young: dict[str, _Encoded] = {}
        self._old: dict[str, _Encoded] = {}

    def _first(self, word: str) -> _Encoded:
        # Encoding and filtering cost more than the attributes they save on one sentence, and
        # most new words (names, numbers) never come back: they go to crfsuite as built.
        pack = _pack(word, self._table)
        low = pack[5].encode()
        return _Encoded(
            *pack[:5], low, self._after.get(low, _NO_PAIRS), self._before.get(low, _NO_PAIRS), False
        )

    def _finish(self, pack: _Encoded) -> _Encoded:
        keep = self._known.__contains__  # type: ignore[union-attr]
        lists = [list(filter(keep, map(str.encode, part))) for part in pack[:5]]  # type: ignore[arg-type]
        return _Encoded(*lists, *pack[5:8], True)

    def _remember(self, word: str, seen: _Encoded | None) -> _Encoded:
        """The pack of a word outside the young generation (``seen`` None) or seen once before."""
        p = seen or self._old.get(word)
        p = self._first(word) if p is None else p if p.final else self._finish(p)
        if seen is None and len(self._young) >= _ENCODED_CACHE_LIMIT:
            self._old, self._young = self._young, {}
        self._young[word] = p
        return p

    def __call__(self, words: list[str]) -> list[list[bytes | str]]:
        if self._known is None:
            return [[f.encode() for f in t] for t in sentence_features(words, self._table, self._cache)]
        packs: list[_Encoded] = []
        for w in words:
            p = self._young.get(w)
            if p is None or not p.final:
                p = self._remember(w, p)
            packs.append(p)
        # the order of sentence_features, which matters: crfsuite sums the weights in it
        runs = _caps_runs(words)
        last = len(packs) - 1
        out: list[list[bytes | str]] = []
        for i, p in enumerate(packs):
            feats: list[bytes | str] = [*self._run[runs[i]], *p.mine]
            if i == 0:
                feats += self._start
            else:
                prev = packs[i - 1]
                feats += prev.as_prev
                pair = prev.pairs_after.get(p.low)
                if pair is not None:
                    feats.append(pair)
                feats += self._run_pair[runs[i - 1] + runs[i]]
                if i >= 2:
                    feats += packs[i - 2].as_prev2
            if i == last:
                feats += self._eos
            else:
                nxt = packs[i + 1]
                feats += nxt.as_next
                pair = p.pairs_before.get(nxt.low)
                if pair is not None:
                    feats.append(pair)
                if i + 2 <= last:
                    feats += packs[i + 2].as_next2
            out.append(feats)
        return out


def _kept(features: tuple[str, ...], known: frozenset[bytes]) -> tuple[bytes, ...]:
    return tuple(f for f in map(str.encode, features) if f in known)
