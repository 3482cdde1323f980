"""Related-news quality and latency on ECB+ (English) and IndoSum (Indonesian).

Each data set is written to a temporary JSON-lines file, ingested through the real
pipeline (:meth:`warta.api.Warta.ingest`, without the understand stage unless ``--facts``) into a
temporary store, linked as ``warta restory`` does (duplicates, stories,
storylines), and then every article (or ``--sample N`` of them, fixed seed) is
asked for ``related(id, limit=10)``. The answers are scored against graded labels:

* ECB+ (../shared/data/ecbplus/docs.jsonl, 982 English documents, 43 topics with
  two similar-but-different events each): gain 2 for the same ``subtopic`` (same
  event), 1 for the same topic's other event, 0 otherwise. Prints nDCG@10, P@5
  (relevant = same topic), P@5 strict (same subtopic), MRR of the first
  same-subtopic article, and coverage (share of articles with at least one
  related). ECB+ has no dates: documents carry synthetic URLs
  (``https://ecbplus.invalid/<doc_id>``) and no ``published_at``, so recency is
  inactive and stories form in file order.
* IndoSum dev (../shared/data/indosum-dev/articles.jsonl, 3,463 Indonesian
  articles 2016-2018, six categories, no titles: the ingester uses the first
  sentence): relevant = same ``category``. Prints P@5, P@10, nDCG@10 (binary
  gains) and coverage. Weak labels: a category ("olahraga", "tajuk utama") is far
  broader than "worth reading next", so these figures reward topical coherence,
  not editorial choice. ``published_at`` is the IndoSum id's timestamp
  (``--no-dates`` drops it, to see recency's effect).
* indonews-2025 is not scored: its ``category`` is empty for half the articles and
  otherwise an outlet's own section name ("News", "BOLA", "Berita", ...), not a
  shared label, and its editorial "Baca Juga" links have their titles stripped.

Diagnostics per set: the mean candidate-pool size (every candidate ``related``
ranks, after duplicate groups collapse), on ECB+ the ``pool recall`` (share of the
same-event articles that reach the pool at all: what ranking can never recover),
and p50/p95 latency of ``related`` on that store (small stores: for a 1M store see
bench/link_speed.py).

    python bench/related.py [--data ../shared/data] [--sets ecbplus,indosum] [--sample N]
                            [--no-dates] [--set KNOB=VALUE ...] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import shlex
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import warta
from warta import linking
from warta.config import LinkConfig
from warta.model import Article, Rejection

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 10


def load_ecbplus(data: Path) -> tuple[list[dict], dict[str, tuple[str, str]]]:
    """Records to ingest and url -> (topic, subtopic)."""
    records, labels = [], {}
    for line in (data / "ecbplus" / "docs.jsonl").open(encoding="utf-8"):
        if not line.strip():
            continue
        doc = json.loads(line)
        url = f"https://ecbplus.invalid/{doc['doc_id']}"
        records.append({"url": url, "title": doc.get("title_or_lead") or "", "body": doc["text"]})
        labels[url] = (str(doc["topic"]), str(doc["subtopic"]))
    return records, labels


def load_indosum(data: Path, dates: bool) -> tuple[list[dict], dict[str, tuple[str, str]]]:
    records, labels = [], {}
    for line in (data / "indosum-dev" / "articles.jsonl").open(encoding="utf-8"):
        if not line.strip():
            continue
        doc = json.loads(line)
        url = doc.get("source_url") or f"https://indosum.invalid/{doc['id']}"
        if url in labels:
            continue
        record = {"url": url, "outlet": doc.get("source") or "", "body": doc["body"]}
        if dates and doc.get("timestamp_from_id_utc"):
            record["published_at"] = doc["timestamp_from_id_utc"]
        records.append(record)
        labels[url] = (doc["category"], doc["category"])
    return records, labels


def build_store(
    folder: Path, name: str, records: list[dict], config: LinkConfig, facts: bool = False
) -> tuple[warta.Warta, dict[str, str], float]:
    """Ingest and link; returns the handle, article id -> url, seconds taken."""
    source = folder / f"{name}.jsonl"
    with source.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    db_path = folder / f"{name}.db"
    db_path.unlink(missing_ok=True)
    handle = warta.open(db_path)
    url_of: dict[str, str] = {}
    rejected = Counter()

    def seen(item: Article | Rejection) -> None:
        if isinstance(item, Article):
            url_of[item.id] = item.url or ""
        else:
            rejected[item.reason.split(":")[0]] += 1

    started = time.perf_counter()
    handle.ingest(source, link=False, facts=facts, workers=1, on_item=seen)
    handle.store.reset_links()
    linking.Linker(handle.store, config).link_pending()
    took = time.perf_counter() - started
    if rejected:
        print(f"  {name}: rejected {sum(rejected.values())} ({dict(rejected)})")
    return handle, url_of, took


def dcg(gains: list[float]) -> float:
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains))


def evaluate(
    handle: warta.Warta,
    url_of: dict[str, str],
    labels: dict[str, tuple[str, str]],
    config: LinkConfig,
    sample: int | None,
    graded: bool,
) -> dict[str, float]:
    """Score related() for every (sampled) article; graded: ECB+ gains 2/1/0, else binary."""
    ids = sorted(url_of)
    if sample and sample < len(ids):
        ids = sorted(random.Random(13).sample(ids, sample))
    label_of = {aid: labels[url] for aid, url in url_of.items() if url in labels}
    by_sub = Counter(label_of[a][1] for a in url_of)
    by_topic = Counter(label_of[a][0] for a in url_of)

    def gain(t: str, c: str) -> float:
        if c not in label_of:
            return 0.0
        if label_of[c][1] == label_of[t][1]:
            return 2.0 if graded else 1.0
        return 1.0 if graded and label_of[c][0] == label_of[t][0] else 0.0

    pool_cfg = config.with_(related_min_score=0.0)
    keys = ("ndcg", "p5", "p5s", "p10", "mrr", "cov", "pool", "pool_size")
    totals: dict[str, list[float]] = {k: [] for k in keys}
    latencies: list[float] = []
    for aid in ids:
        start = time.perf_counter()
        ranked = linking.related(handle.store, aid, limit=LIMIT, config=config)
        latencies.append(time.perf_counter() - start)
        got = [cid for cid, _ in ranked]
        gains = [gain(aid, c) for c in got]
        # ideal: every other article's gain (the same-event ones first)
        if graded:
            ideal = [2.0] * (by_sub[label_of[aid][1]] - 1)
            ideal += [1.0] * (by_topic[label_of[aid][0]] - by_sub[label_of[aid][1]])
        else:
            ideal = [1.0] * (by_sub[label_of[aid][1]] - 1)
        best = dcg(ideal[:LIMIT])
        totals["ndcg"].append(dcg(gains) / best if best else 0.0)
        totals["p5"].append(sum(g > 0 for g in gains[:5]) / 5)
        totals["p5s"].append(sum(g == 2.0 for g in gains[:5]) / 5)
        totals["p10"].append(sum(g > 0 for g in gains[:10]) / 10)
        first = next(
            (i for i, c in enumerate(got) if c in label_of and label_of[c][1] == label_of[aid][1]), None
        )
        totals["mrr"].append(1 / (first + 1) if first is not None else 0.0)
        totals["cov"].append(1.0 if got else 0.0)
        # the candidate pool (every candidate ranked, none dropped) and, for graded sets,
        # the share of the same-event articles it holds at all
        pool = linking.related(handle.store, aid, limit=100_000, config=pool_cfg)
        totals["pool_size"].append(len(pool))
        if graded and by_sub[label_of[aid][1]] > 1:
            hit = sum(1 for c, _ in pool if c in label_of and label_of[c][1] == label_of[aid][1])
            totals["pool"].append(hit / (by_sub[label_of[aid][1]] - 1))
    out = {k: statistics.fmean(v) if v else 0.0 for k, v in totals.items()}
    latencies.sort()
    out["p50_ms"] = 1000 * latencies[len(latencies) // 2]
    out["p95_ms"] = 1000 * latencies[int(len(latencies) * 0.95)]
    out["n"] = len(ids)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--sets", default="ecbplus,indosum", help="comma-separated: ecbplus, indosum")
    parser.add_argument("--sample", type=int, help="score N articles per set (fixed seed), not all")
    parser.add_argument("--no-dates", action="store_true", help="ingest IndoSum without dates")
    parser.add_argument(
        "--set", action="append", default=[], metavar="KNOB=VALUE", help="any LinkConfig knob (JSON value)"
    )
    parser.add_argument(
        "--facts",
        action="store_true",
        help="run the understand stage too (as `warta ingest` does by default): names for linking"
        " come from its entities instead of capitalised words",
    )
    parser.add_argument("--keep", help="build the stores in this folder and keep them (default: a temp dir)")
    args = parser.parse_args()
    changes = {}
    for item in args.set:
        key, _, value = item.partition("=")
        changes[key] = json.loads(value)
    config = LinkConfig().with_(**changes)
    data = Path(args.data)
    loaders: dict[str, tuple[Path, Callable[[], tuple[list[dict], dict]], bool]] = {
        "ecbplus": (data / "ecbplus" / "docs.jsonl", lambda: load_ecbplus(data), True),
        "indosum": (
            data / "indosum-dev" / "articles.jsonl",
            lambda: load_indosum(data, not args.no_dates),
            False,
        ),
    }
    wanted = [s.strip() for s in args.sets.split(",") if s.strip()]
    for name in wanted:
        if name not in loaders:
            sys.exit(f"unknown set {name!r} (choose from {', '.join(loaders)})")
        if not loaders[name][0].is_file():
            sys.exit(
                f"missing {loaders[name][0]} (give --data, the folder holding ecbplus/ and indosum-dev/)"
            )

    with tempfile.TemporaryDirectory(prefix="warta-related-") as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for name in wanted:
            _, load, graded = loaders[name]
            records, labels = load()
            handle, url_of, took = build_store(folder, name, records, config, args.facts)
            try:
                stats = evaluate(handle, url_of, labels, config, args.sample, graded)
            finally:
                handle.close()
            print(f"{name}: {len(url_of)} articles stored, ingest+link {took:.1f}s, scored {stats['n']}")
            if graded:
                print(
                    f"  nDCG@10 {stats['ndcg']:.3f}  P@5 {stats['p5']:.3f}  P@5 strict {stats['p5s']:.3f}"
                    f"  MRR(same event) {stats['mrr']:.3f}  coverage {stats['cov']:.3f}"
                )
            else:
                print(
                    f"  P@5 {stats['p5']:.3f}  P@10 {stats['p10']:.3f}  nDCG@10 {stats['ndcg']:.3f}"
                    f"  coverage {stats['cov']:.3f}  (weak labels: same category)"
                )
            recall = f"pool recall (same event) {stats['pool']:.3f}  " if graded else ""
            print(
                f"  {recall}mean pool {stats['pool_size']:.0f}  related latency p50 {stats['p50_ms']:.1f} ms"
                f"  p95 {stats['p95_ms']:.1f} ms"
            )
    print("command: python " + " ".join(shlex.quote(a) for a in [sys.argv[0], *sys.argv[1:]]))


if __name__ == "__main__":
    main()
