"""What the hand-labelled benches share (``bench/quotes.py``, ``bench/figures.py``): reading a
sample's articles, finding a label again by its digest, matching found items to labels, and
printing shares.

A label file holds no article text: a labelled span is its corpus row, its offsets in the
body ``extract_record`` gives and the first 12 hex digits of the SHA-1 of what it covers.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from warta.extract import extract_record
from warta.model import Article, Record, Source

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "bench" / "gold"


def digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def align(start: int, end: int, wanted: str, body: str) -> tuple[int, int] | None:
    """A labelled span's offsets in ``body``: as written, or wherever its digest is found again
    (extraction moved it)."""
    if digest(body[start:end]) == wanted:
        return start, end
    size = end - start
    for at in range(len(body) - size + 1):
        if digest(body[at : at + size]) == wanted:
            return at, at + size
    return None


def sample_rows(path: Path) -> list[int]:
    """Rows of a sample (its ``*-sample.txt``: row number and URL per line)."""
    if not path.is_file():
        return []
    return [int(line.split()[0]) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def read_articles(corpus: Path, rows: set[int]) -> dict[int, Article]:
    """The articles of these corpus rows, extracted as ``warta ingest`` extracts them."""
    articles: dict[int, Article] = {}
    with corpus.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if number in rows:
                articles[number] = extract_record(
                    Record(json.loads(line), Source(f"{corpus}#{number}", "jsonl"))
                )
    return articles


def match(
    spans: Sequence[tuple[int, int]], found: Sequence[dict[str, Any]]
) -> list[tuple[int | None, int | None]]:
    """One-to-one pairs (label index, found index) by overlapping offsets, largest overlap
    first; unmatched ones pair with None."""
    overlaps = []
    for i, (a, b) in enumerate(spans):
        for j, item in enumerate(found):
            shared = min(b, item["end"]) - max(a, item["start"])
            if shared > 0:
                overlaps.append((shared, i, j))
    used_l: set[int] = set()
    used_f: set[int] = set()
    pairs: list[tuple[int | None, int | None]] = []
    for _, i, j in sorted(overlaps, reverse=True):
        if i not in used_l and j not in used_f:
            used_l.add(i)
            used_f.add(j)
            pairs.append((i, j))
    pairs += [(i, None) for i in range(len(spans)) if i not in used_l]
    pairs += [(None, j) for j in range(len(found)) if j not in used_f]
    return pairs


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}% ({part}/{whole})" if whole else "    - (0/0)"


def sentence(body: str, at: int) -> str:
    """The text around ``at``, one line, to read a miss by."""
    start = max(body.rfind(". ", 0, at) + 2, at - 200, 0)
    end = body.find(". ", at)
    end = len(body) if end < 0 else min(end + 1, at + 300)
    return " ".join(body[start:end].split())
