"""The NER tokenizer: raw text -> tokens with character offsets.

Tokens follow the conventions of the Indonesian NER corpora the model is trained on:
punctuation stands alone, numbers keep their inner separators ("1.000", "7/4/2016",
"09.30"), hyphenated words stay whole ("ke-44", "Indo-Pasifik"), and a short list of
abbreviations and single-letter initials keep their final period ("Dr.", "M.").
"""

from __future__ import annotations

import re

__all__ = ["sentences", "tokenize"]

_ABBREVIATIONS = frozenset(
    """
    dr drs dra prof ir h hj st jl jln no mr mrs ms jr sr inc co ltd corp tbk bpk kh kol brig mayjen letjen
    jend kapt lt sdr sdri ny nn tn dkk dll dsb vs
    """.split()  # noqa: SIM905
)

_TOKEN = re.compile(
    r"""
    (?:Rp|US\$|S\$|RM)(?=\d)                      # currency glued to its amount: Rp1.000
    | (?P<num>\d+(?:[.,:/]\d+)+)                     # 1.000  7,5  09.30  7/4/2016
    | (?P<word>[^\W_]+(?:['’\-][^\W_]+)*(?P<dot>\.)?)  # words, ke-44, Jum'at, optionally Dr.
    | (?P<other>\S)                                # any other single character
    """,
    re.VERBOSE | re.UNICODE,
)

_LAST_WORD = re.compile(r"[^\W\d_]+$")
_SENTENCE_END = re.compile(r"""(?<=[.!?])["'”’)]*\s+(?=["'“‘(]?[A-Z0-9])|\n+""")


def _keeps_dot(word: str) -> bool:
    # "Dr." "Prof." "Jl." and initials "M." keep their period; "Jakarta." does not.
    return (len(word) == 1 and word.isupper()) or word.lower() in _ABBREVIATIONS


def tokenize(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the tokens of ``text``."""
    spans: list[tuple[int, int]] = []
    append = spans.append
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        if m.group("dot") is not None:
            word = text[start : end - 1]
            if not _keeps_dot(word):
                append((start, end - 1))
                append((end - 1, end))
                continue
        append((start, end))
    return spans


def sentences(text: str) -> list[tuple[int, int]]:
    """Rough sentence spans: a break after . ! ? before a capital or digit, or at a newline."""
    out: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if text[m.start() - 1 : m.start()] == ".":
            before = _LAST_WORD.search(text, max(0, m.start() - 12), m.start() - 1)
            if before is not None and _keeps_dot(before.group()):
                continue  # "Dr. Budi", "M. Hatta": not a sentence end
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text) and text[start:].strip():
        out.append((start, len(text)))
    return out
