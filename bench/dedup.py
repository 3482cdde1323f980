"""Near-duplicate quality and speed on the three daily scrapes of indonews-2025.

Ground truth: rows with the same URL are duplicates (also when the body was
edited between scrapes); rows with different URLs are not. The rows are fed to
:class:`warta.link.dedup.DuplicateIndex` in file order *without* their URL, and
the predicted pairs are all pairs inside the groups that ``duplicate_of``
chains form. We also report how many predicted different-URL pairs are in fact
identical or near-identical texts (the same article republished under a second
URL), since URL truth calls those errors.

Each row is fed with its scrape day (from the file name) as its time, so the
index's time window (``dedup_window``, ``--window-days``) applies as in a crawl.

    python bench/dedup.py [--data ../shared/data] [--threshold 0.5] [--bands 32] [--num-perm 128] [--window-days 30]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
import tracemalloc
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from itertools import combinations
from pathlib import Path

from warta.config import LinkConfig
from warta.link.dedup import DuplicateIndex, shingles

ROOT = Path(__file__).resolve().parents[1]


def pairs_of(groups: dict[object, list[int]]) -> set[tuple[int, int]]:
    out: set[tuple[int, int]] = set()
    for members in groups.values():
        out.update(combinations(sorted(members), 2))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--threshold", type=float)
    parser.add_argument("--containment", type=float)
    parser.add_argument("--bands", type=int)
    parser.add_argument("--num-perm", type=int)
    parser.add_argument("--shingle", type=int)
    parser.add_argument("--window-days", type=float)
    args = parser.parse_args()

    changes = {
        k: v
        for k, v in {
            "dedup_threshold": args.threshold,
            "dedup_containment": args.containment,
            "dedup_bands": args.bands,
            "dedup_num_perm": args.num_perm,
            "dedup_shingle_words": args.shingle,
            "dedup_window": timedelta(days=args.window_days) if args.window_days is not None else None,
        }.items()
        if v is not None
    }
    config = LinkConfig().with_(**changes)
    files = sorted((Path(args.data) / "indonews-2025" / "daily_scrapes").glob("*.csv"))
    if not files:
        sys.exit(f"no daily scrapes under {args.data}")
    csv.field_size_limit(1 << 30)
    rows: list[dict[str, str]] = []
    days: list[datetime | None] = []
    for path in files:
        found = re.search(r"(\d{4})-(\d{2})-(\d{2})", path.name)
        day = datetime(*map(int, found.groups()), tzinfo=UTC) if found else None
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                rows.append(row)
                days.append(day)

    ids = [f"r{i}" for i in range(len(rows))]

    def run() -> tuple[DuplicateIndex, list[str | None]]:
        index = DuplicateIndex(config)
        found = [
            index.add(rid, r.get("judul") or "", r.get("isi_berita") or "", day)
            for rid, r, day in zip(ids, rows, days, strict=True)
        ]
        return index, found

    start = time.perf_counter()
    index, dup_of = run()
    elapsed = time.perf_counter() - start
    # A second, traced pass measures memory (tracing slows the timed pass down a lot).
    tracemalloc.start()
    run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    position = {rid: i for i, rid in enumerate(ids)}
    root = list(range(len(rows)))
    for i, target in enumerate(dup_of):
        if target is not None:
            root[i] = root[position[target]]
    predicted_groups: dict[object, list[int]] = defaultdict(list)
    true_groups: dict[object, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        predicted_groups[root[i]].append(i)
        true_groups[row["url"]].append(i)
    predicted = pairs_of(predicted_groups)
    truth = pairs_of(true_groups)
    tp = predicted & truth
    precision = len(tp) / len(predicted) if predicted else 1.0
    recall = len(tp) / len(truth) if truth else 1.0

    def body(i: int) -> str:
        return rows[i].get("isi_berita") or ""

    edited = {p for p in truth if body(p[0]).split() != body(p[1]).split()}
    false_pos = predicted - truth

    def jaccard(i: int, j: int) -> float:
        a = shingles(rows[i]["judul"], body(i), config.dedup_shingle_words)
        b = shingles(rows[j]["judul"], body(j), config.dedup_shingle_words)
        return len(a & b) / len(a | b) if a | b else 1.0

    identical_fp = sum(1 for i, j in false_pos if body(i).split() == body(j).split())
    near_fp = sum(1 for i, j in false_pos if jaccard(i, j) >= 0.8)
    # Different-URL exact copies in the data itself (by body), whatever the index said.
    by_body: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        by_body[" ".join((row.get("isi_berita") or "").split())].add(row["url"])
    cross_url_bodies = sum(1 for urls in by_body.values() if len(urls) > 1)

    print(
        f"rows {len(rows)}  urls {len(true_groups)}  true pairs {len(truth)}  predicted pairs {len(predicted)}"
    )
    print(f"precision {precision:.4f}  recall {recall:.4f}")
    print(f"edited-body pairs recovered {len(edited & predicted)} / {len(edited)}")
    print(
        f"false-positive pairs {len(false_pos)}: identical bodies {identical_fp}, "
        f"shingle Jaccard >= 0.8 {near_fp}"
    )
    print(f"bodies shared by different URLs in the data: {cross_url_bodies}")
    for i, j in sorted(false_pos)[:40]:
        print(f"  fp r{i} ~ r{j}  jaccard {jaccard(i, j):.2f}  {rows[i]['url']}  {rows[j]['url']}")
    missed = truth - predicted
    for i, j in sorted(missed)[:10]:
        print(f"  missed r{i} ~ r{j}  jaccard {jaccard(i, j):.2f}  {rows[i]['url']}")
    print(f"rows/s {len(rows) / elapsed:.0f}  ({elapsed:.2f} s)  index holds {len(index)} articles")
    print(
        f"peak traced memory {peak / 1e6:.1f} MB ({peak / max(1, len(index)):.0f} B per indexed article, "
        f"all state incl. ids); index estimate {index.nbytes() / max(1, len(index)):.0f} B per article"
    )
    print(
        f"window {config.dedup_window.total_seconds() / 86400:g} days, cap {config.dedup_max_articles}: "
        "memory is bounded by the articles of one window, not by the corpus"
    )
    print(f"config: num_perm {config.dedup_num_perm} bands {config.dedup_bands} ", end="")
    print(f"shingle {config.dedup_shingle_words} threshold {config.dedup_threshold} ", end="")
    print(f"containment {config.dedup_containment} min_shingles {config.dedup_min_shingles}")
    print("command: python " + " ".join(sys.argv))


if __name__ == "__main__":
    main()
