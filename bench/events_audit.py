"""Event precision, from an audit of 120 events warta read from real articles.

``bench/gold/events-audit.tsv`` holds 120 events drawn at random (seed 20261125) from all
the events warta (commit 9e3df87) read from the bodies of rows 3,001 and after of
../shared/data/indonews-2025/articles.jsonl, rows the event rules were never tuned on. Four
annotators judged each from its paragraph alone (guidelines in ``bench/gold/README.md``): is
there such an act at all, and are its PLOVER type, its actor, its target, its date and its
modality (happened or planned) right. Recall is not measured: that needs every event of
an article labelled, which this audit does not do.

Prints the share right of each judgement, over all audited events and over the real acts;
then annotates those rows again with the warta installed now and says how many of the
audited events it still reads the same (type, actors, date), so a later run knows how
stale the audit is. No article text is kept: an event is its row, the offsets of its
evidence sentence and a digest of it.

    python bench/events_audit.py [--data ../shared/data]
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

from _gold import GOLD, align, arguments, pct, read_articles
from warta.understand.facts import annotate, warm_up

AUDIT = GOLD / "events-audit.tsv"
QUESTIONS = ("code", "actor1", "actor2", "date", "modality")


def main() -> None:
    args = arguments(__doc__).parse_args()
    with AUDIT.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    acts = [r for r in rows if r["is_event"] == "yes"]
    print(f"events audited: {len(rows)}; real acts: {pct(len(acts), len(rows))}")
    whole = sum(1 for r in acts if all(r[f"{q}_right"] == "yes" for q in QUESTIONS))
    for q in QUESTIONS:
        right = sum(1 for r in acts if r[f"{q}_right"] == "yes")
        print(f"  {q:<9} right, of the real acts {pct(right, len(acts))}")
    print(
        f"  all five right: of the real acts {pct(whole, len(acts))}, of all audited {pct(whole, len(rows))}"
    )
    by_code = Counter(r["code"] for r in rows)
    real_by_code = Counter(r["code"] for r in acts)
    print("  real acts by type: " + ", ".join(f"{c} {real_by_code[c]}/{n}" for c, n in by_code.most_common()))
    corpus = Path(args.data) / "indonews-2025" / "articles.jsonl"
    if not corpus.is_file():
        print(f"skipped the re-read: {corpus} is not present")
    else:
        warm_up()
        articles = read_articles(corpus, {int(r["row"]) for r in rows})
        for article in articles.values():
            annotate(article)
        same = 0
        for r in rows:
            article = articles.get(int(r["row"]))
            if article is None or align(int(r["start"]), int(r["end"]), r["digest"], article.body) is None:
                continue
            wanted = (r["code"], r["actor1"], r["actor2"], r["date"])
            same += any(
                (e["code"], e.get("actor1") or "", e.get("actor2") or "", e.get("date") or "") == wanted
                and e["start"] == int(r["start"])
                for e in article.events
            )
        print(f"  read the same by this warta: {pct(same, len(rows))}")
    print("command: python " + " ".join([str(Path(sys.argv[0])), *sys.argv[1:]]))


if __name__ == "__main__":
    main()
