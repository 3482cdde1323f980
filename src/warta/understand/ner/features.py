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

__all__ = ["WordTable", "sentence_features", "shape"]

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


def shape(word: str) -> str:
    """Short word shape: "Jakarta" -> "Xx", "PDIP" -> "X", "7/4/2016" -> "d/d/d"."""
    return _SQUEEZE.sub(r"\1", word.translate(_SHAPE_MAP))[:6]


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
