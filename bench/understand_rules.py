"""Speed of the rule-based readers (times, figures, quotations) over real article bodies.

Runs ``find_times``, ``find_figures`` and ``find_quotes`` on every body of
indonews-2025/articles.jsonl (each anchored at the article's printed date when it
can be read, else 18 June 2025 WIB) and prints articles per second for the
three together, what each found, and the command.

    python bench/understand_rules.py [--data ../shared/data] [--repeat 1]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from warta.understand.figures import find_figures
from warta.understand.quotes import find_quotes
from warta.understand.timex import find_times

ROOT = Path(__file__).resolve().parents[1]
WIB = timezone(timedelta(hours=7))
DEFAULT_ANCHOR = datetime(2025, 6, 18, 12, 0, tzinfo=WIB)


def _anchor(date_raw: str | None) -> datetime:
    try:
        from warta.extract.dates import parse_datetime  # the extract stage's reader, when present
    except ImportError:
        return DEFAULT_ANCHOR
    return parse_datetime(date_raw or "", default_tz=WIB) or DEFAULT_ANCHOR


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--repeat", type=int, default=1, help="passes over the corpus (the best is reported)")
    args = parser.parse_args()
    path = Path(args.data) / "indonews-2025" / "articles.jsonl"
    if not path.is_file():
        print(f"skipped: {path} is not present")
        return
    items: list[tuple[str, datetime]] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            items.append((str(row.get("body") or ""), _anchor(row.get("date_raw"))))
    chars = sum(len(body) for body, _ in items)
    best = float("inf")
    counts = {"times": 0, "figures": 0, "quotes": 0}
    for _ in range(max(1, args.repeat)):
        counts = dict.fromkeys(counts, 0)
        started = time.perf_counter()
        for body, anchor in items:
            counts["times"] += len(find_times(body, anchor, "id"))
            counts["figures"] += len(find_figures(body, anchor, "id"))
            counts["quotes"] += len(find_quotes(body, "id"))
        best = min(best, time.perf_counter() - started)
    print(f"articles: {len(items):,} ({chars / len(items):,.0f} characters on average)")
    print(
        f"found: {counts['times']:,} time expressions, {counts['figures']:,} figures, {counts['quotes']:,} quotations"
    )
    print(f"speed: {len(items) / best:,.0f} articles/s for the three together ({best:.2f} s)")
    print("command: python " + " ".join([str(Path(sys.argv[0])), *sys.argv[1:]]))


if __name__ == "__main__":
    main()
