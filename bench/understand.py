"""Speed of the understand stage's entry point, ``warta.understand.facts.annotate``, on real articles.

Reads ../shared/data/indonews-2025/articles.jsonl, extracts each row with
``warta.extract.extract_record`` (not timed), then times ``annotate`` (NER tagging,
entities, quotes, figures, time expressions and events) over all of them, after the
tagger is loaded (loading is not timed). Prints articles/s, what was found, and the command.

    python bench/understand.py [--data ../shared/data] [--limit N] [--repeat 1] [--no-ner]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from warta.extract import ExtractError, extract_record
from warta.model import Article, Record, Source
from warta.understand import entities as entities_module
from warta.understand.facts import annotate, warm_up

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--limit", type=int, default=0, help="first N articles only (0: all)")
    parser.add_argument("--repeat", type=int, default=1, help="passes over the corpus (the best is reported)")
    parser.add_argument(
        "--no-ner", action="store_true", help="use the capitalised-word proxy instead of the tagger"
    )
    args = parser.parse_args()
    path = Path(args.data) / "indonews-2025" / "articles.jsonl"
    if not path.is_file():
        print(f"skipped: {path} is not present")
        return
    articles: list[Article] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if args.limit and len(articles) >= args.limit:
                break
            try:
                articles.append(extract_record(Record(json.loads(line), Source(f"{path}#{number}", "jsonl"))))
            except (ExtractError, ValueError):
                continue
    if args.no_ner:
        # the proxy stands in, as it does when the tagger is missing
        entities_module._TAGGER, entities_module._TAGGER_TRIED = None, True
    warm_up()  # the tagger and the tables load here, outside the timing
    best = float("inf")
    counts: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    for _ in range(max(1, args.repeat)):
        counts, codes = Counter(), Counter()
        started = time.perf_counter()
        for article in articles:
            annotate(article)
        best = min(best, time.perf_counter() - started)
        for article in articles:
            counts["entities"] += len(article.entities)
            counts["quotes"] += len(article.quotes)
            counts["quotes with a speaker entity"] += sum(
                1 for q in article.quotes if q.get("speaker_entity")
            )
            counts["figures"] += len(article.figures)
            counts["events"] += len(article.events)
            counts["events with a date"] += sum(1 for e in article.events if e.get("date"))
            codes.update(e["code"] for e in article.events)
    chars = sum(len(a.body) for a in articles) / max(1, len(articles))
    print(f"articles: {len(articles):,} ({chars:,.0f} body characters on average)")
    tagger = None if args.no_ner else entities_module.load_tagger()
    if tagger is None:
        kind = "capitalised-word proxy"
    else:
        kind = "CRF x network (warta.understand.ner)" if tagger.neural else "CRF alone (warta.understand.ner)"
    print(f"tagger: {kind}")
    print("found: " + ", ".join(f"{v:,} {k}" for k, v in counts.items()))
    print("event types: " + ", ".join(f"{k} {v:,}" for k, v in codes.most_common()))
    print(
        f"speed: {len(articles) / best:,.0f} articles/s for annotate ({best:.2f} s, one process, model loading excluded)"
    )
    print("command: python " + " ".join([str(Path(sys.argv[0])), *sys.argv[1:]]))


if __name__ == "__main__":
    main()
