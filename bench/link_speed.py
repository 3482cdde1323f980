"""Story assignment speed and related-news latency on a big store.

    python bench/link_speed.py --db bench/out/big.db --articles 50000

Links up to ``--articles`` of the store's unlinked articles (oldest first, as
`warta ingest` and `warta restory` do: duplicates, stories, storylines and the
stored vectors, with commits) and prints articles/s and the process's peak RSS;
then asks related news for ``--queries`` linked articles (a fixed sample: ``--seed``)
and prints p50/p95/mean, ``--rounds`` times over the same sample. With ``--reset`` it
first forgets every link (as `warta restory` does).

Related news on a big store depends on the page cache: for a cold figure, run
``sync; echo 3 > /proc/sys/vm/drop_caches`` (as root) first and read round 1;
round 2 asks the same articles again, warm.

    python bench/link_speed.py --db bench/out/big.db --articles 0 --queries 200 --rounds 2
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import warta  # noqa: E402
from warta.linking import Linker, related  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", required=True)
    parser.add_argument("--articles", type=int, default=50_000, help="how many unlinked articles to link")
    parser.add_argument("--queries", type=int, default=200, help="related-news requests to time")
    parser.add_argument("--reset", action="store_true", help="forget every link first")
    parser.add_argument("--seed", type=int, default=7, help="which linked articles to ask related news for")
    parser.add_argument("--rounds", type=int, default=1, help="ask the same articles this many times")
    args = parser.parse_args()
    print(f"command: python bench/link_speed.py {' '.join(sys.argv[1:])}")
    db = warta.open(args.db)
    store = db.store
    total = len(db)
    print(f"store: {total} articles")
    if args.reset:
        start = time.perf_counter()
        store.reset_links()
        print(f"reset links: {time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    linker = Linker(store)
    print(f"linker start-up (state and recent signatures): {time.perf_counter() - start:.1f} s")
    if args.articles > 0:
        start = time.perf_counter()
        done = linker.link_pending(limit=args.articles)
        elapsed = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"linked {done} articles in {elapsed:.1f} s = {done / elapsed:.0f} articles/s; peak RSS {peak:.0f} MB"
        )
        print(f"open stories {len(linker.clusterer)}, open storylines {len(linker.storylines)}")

    ids = store.sample_ids(args.queries, seed=args.seed)
    for round_no in range(1, max(1, args.rounds) + 1):
        times = []
        for article_id in ids:
            t = time.perf_counter()
            related(store, article_id, limit=10)
            times.append((time.perf_counter() - t) * 1000)
        if times:
            times.sort()
            p95 = times[max(0, int(0.95 * len(times)) - 1)]
            print(
                f"related, round {round_no}, {len(times)} articles: p50 {statistics.median(times):.1f} ms,"
                f" p95 {p95:.1f} ms, mean {statistics.fmean(times):.1f} ms"
            )
    db.close()


if __name__ == "__main__":
    main()
