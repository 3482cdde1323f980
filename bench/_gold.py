"""What the hand-labelled benches share (``bench/quotes.py``, ``bench/figures.py``): reading a
sample's articles, finding a label again by its digest, matching found items to labels, and
printing shares.

A label file holds no article text: a labelled span is its corpus row, its offsets in the
body ``extract_record`` gives and the first 12 hex digits of the SHA-1 of what it covers.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from warta.extract import extract_record
from warta.model import Article, Record, Source
from warta.understand.facts import annotate

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


def read_rows(path: Path) -> list[dict[str, str]]:
    """A label file's rows (tab-separated, a header line)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


@dataclass
class Span:
    """What every label has (a ``Labelled``): its row, its span's offsets and digest, and
    whether the annotator was unsure; each bench's label adds its judgements."""

    line: int
    start: int
    end: int
    digest: str
    unsure: bool


def span_of(row: dict[str, str]) -> dict[str, Any]:
    """What every label row holds: its corpus row, its span's offsets and digest, and whether
    the annotator was unsure (``Labelled``'s fields, as keyword arguments)."""
    return {
        "line": int(row["line"]),
        "start": int(row["start"]),
        "end": int(row["end"]),
        "digest": row["digest"],
        "unsure": row["unsure"] == "yes",
    }


def say_set(title: str, walked: Walk, labels: Sequence[Labelled], noun: str) -> None:
    """One set's headline: articles read, labels counted and left out, labels lost."""
    sure = sum(1 for label in labels if not label.unsure)
    print(
        f"{title}: {walked.articles} articles, {sure} labelled {noun}"
        f" (+{len(labels) - sure} unsure, not counted), labels no longer found: {walked.lost}"
    )


def say_command() -> None:
    print("command: python " + " ".join([str(Path(sys.argv[0])), *sys.argv[1:]]))


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


class Labelled(Protocol):
    """What every label has: its row, its span's offsets and digest, and whether it counts."""

    line: int
    start: int
    end: int
    digest: str
    unsure: bool


@dataclass
class Pair:
    """A labelled item and what warta found for it in one article; either side may be missing."""

    row: int
    article: Article
    label: Any  # a Labelled, or None
    span: tuple[int, int] | None  # where the label is in the body now
    found: dict[str, Any] | None


@dataclass
class Walk:
    """How many articles a walk read and how many labels it no longer found."""

    articles: int = 0
    lost: int = 0
    pairs: list[Pair] = field(default_factory=list)


def walk(
    labels: Sequence[Labelled],
    rows: Sequence[int],
    corpus: Path,
    found_in: Callable[[Article], list[dict[str, Any]]],
) -> Walk:
    """Annotate the articles of ``labels`` and ``rows`` and pair each article's labels with the
    items ``found_in`` it, by overlapping offsets; a label marked unsure counts neither way, so
    its pair and what it matched are left out."""
    by_row: dict[int, list[Labelled]] = defaultdict(list)
    for label in labels:
        by_row[label.line].append(label)
    articles = read_articles(corpus, set(by_row) | set(rows))
    out = Walk(articles=len(articles))
    for row, article in sorted(articles.items()):
        annotate(article)
        placed = []
        for label in by_row.get(row, []):
            span = align(label.start, label.end, label.digest, article.body)
            if span is None:
                out.lost += 1
            else:
                placed.append((label, span))
        found = found_in(article)
        for i, j in match([span for _, span in placed], found):
            label, span = placed[i] if i is not None else (None, None)
            if label is not None and label.unsure:
                continue
            out.pairs.append(Pair(row, article, label, span, found[j] if j is not None else None))
    return out


def show(pair: Pair, problem: str) -> None:
    """Print one miss or error with its sentence."""
    at = pair.span[0] if pair.span is not None else pair.found["start"]  # type: ignore[index]
    print(f"row {pair.row} @{at} {problem}: {sentence(pair.article.body, at)}")


def arguments(doc: str | None, show: bool = False) -> argparse.ArgumentParser:
    """A bench's parser, with ``--data`` (where ../shared/data is) and, with ``show``, ``--show``."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    if show:
        parser.add_argument("--show", action="store_true", help="print each miss and error with its sentence")
    return parser


def corpus_at(data: str) -> Path | None:
    """indonews-2025's articles under ``data``, or None (said) when they are not there."""
    corpus = Path(data) / "indonews-2025" / "articles.jsonl"
    if not corpus.is_file():
        print(f"skipped: {corpus} is not present")
        return None
    return corpus
