"""Entity quality on real news, against a hand-labelled sample.

Every mention of a named person, organisation, place or country in 40 articles (seed
20261128, rows 3,001 and after of ../shared/data/indonews-2025/articles.jsonl, no article of
another labelled set), labelled blind by annotators who saw only the text and the guidelines
(``bench/gold/README.md``): each mention's offsets, a digest of its text, its type (PERSON,
ORG, PLACE or COUNTRY) and which mentions of its article are one entity. No article text is
kept. The 40 are split at random into two sets of 20:

* ``bench/gold/entities-test.tsv`` (``entities-test-sample.txt``): never read to change
  warta. Its figures are the ones to report.
* ``bench/gold/entities-dev.tsv`` (``entities-dev-sample.txt``): read to change warta, so
  its figures flatter (its first figures are in ``bench/gold/README.md``).
* ``bench/gold/entities-dev2.tsv`` (``entities-dev2-sample.txt``): 20 more articles (seed
  20261129), labelled the same way with two more rules written in (a capitalised level word
  before a place is part of its name; a keyword list at an article's end is not labelled); its
  first figures were taken before its errors were read.

NERGrit and NER-UI (``bench/ner.py``) score the tagger alone on their own sentences; this
scores what a user gets from ``warta``: the tagger and every rule after it (roles cut off,
glued words split, names spread and joined, the gazetteer), on the news warta is for. Each
article is extracted and annotated (``warta.understand.facts.annotate``); found mentions are
paired one-to-one with labelled ones by overlapping offsets. Prints:

* mentions, entity-level as CoNLL scores them (a mention is right when its offsets and its
  type are both exactly the labelled ones): precision, recall and F1, overall and per type;
  the same with PLACE and COUNTRY as one type (NERGrit's PLACE holds both); with offsets
  only (type ignored); and found at all (any overlap, type ignored);
* identity: of the labelled mentions found (any overlap), B-cubed precision, recall and F1 of
  "these are one entity" within each article, warta's ``entity_id`` against the labels.

Labels marked ``unsure`` count neither way. ``--show`` prints each miss and error with its
sentence, to read (the text comes from ../shared at run time).

    python bench/entities.py [--data ../shared/data] [--sets test,dev,dev2] [--show]
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import _gold as gold
from warta.understand.facts import warm_up

SETS = {
    "test": "never read to change warta: report this one",
    "dev": "read to change warta: its figures flatter",
    "dev2": "read to change warta after its first figures",
}
TYPES = ("PERSON", "ORG", "PLACE", "COUNTRY")
_MERGED = {"COUNTRY": "PLACE"}


@dataclass
class Label(gold.Span):
    type: str
    group: int  # mentions of one row with one group are one entity


def read_labels(path: Path) -> list[Label]:
    return [
        Label(**gold.span_of(row), type=row["type"], group=int(row["group"])) for row in gold.read_rows(path)
    ]


def _count(counts: dict[str, int], pair: gold.Pair) -> str:
    """Add one pair to ``counts``; what went wrong with it, or ""."""
    label, found = pair.label, pair.found
    exact = label is not None and found is not None and pair.span == (found["start"], found["end"])
    for scheme, fold in (("typed", {}), ("merged", _MERGED)):
        kinds = {
            "want": fold.get(label.type, label.type) if label is not None else None,
            "got": fold.get(found["type"], found["type"]) if found is not None else None,
        }
        right = exact and kinds["want"] == kinds["got"]
        counts[f"{scheme} labelled"] += label is not None
        counts[f"{scheme} found"] += found is not None
        counts[f"{scheme} right"] += right
        if scheme == "typed":
            if label is not None:
                counts[f"{label.type} labelled"] += 1
                counts[f"{label.type} right"] += right
            if found is not None:
                counts[f"{found['type']} found"] += 1
    counts["span right"] += exact
    counts["overlap"] += label is not None and found is not None
    if label is None:
        return f"not an entity: {found['surface']!r} {found['type']}"  # type: ignore[index]
    if found is None:
        return f"missed {label.type}"
    problems = []
    if not exact:
        problems.append(f"offsets: found {found['surface']!r}")
    if found["type"] != label.type:
        problems.append(f"type {found['type']}, labelled {label.type}")
    return "; ".join(problems)


def b_cubed(pairs: list[gold.Pair]) -> tuple[float, float, int]:
    """B-cubed precision and recall of one article's found-and-labelled mentions, and how many."""
    both = [p for p in pairs if p.label is not None and p.found is not None]
    gold: dict[int, set[int]] = defaultdict(set)
    system: dict[str, set[int]] = defaultdict(set)
    for i, p in enumerate(both):
        gold[p.label.group].add(i)
        system[str(p.found.get("entity_id") or p.found["surface"])].add(i)  # type: ignore[union-attr]
    precision = recall = 0.0
    for p in both:
        g = gold[p.label.group]
        s = system[str(p.found.get("entity_id") or p.found["surface"])]  # type: ignore[union-attr]
        precision += len(g & s) / len(s)
        recall += len(g & s) / len(g)
    return precision, recall, len(both)


def evaluate(
    labels: list[Label], rows: list[int], corpus: Path, show_problems: bool
) -> tuple[dict[str, Any], gold.Walk]:
    walked = gold.walk(labels, rows, corpus, lambda article: article.entities)
    counts: dict[str, Any] = defaultdict(int)
    by_row: dict[int, list[gold.Pair]] = defaultdict(list)
    for pair in walked.pairs:
        by_row[pair.row].append(pair)
        problem = _count(counts, pair)
        if show_problems and problem:
            gold.show(pair, problem)
    for pairs in by_row.values():
        precision, recall, n = b_cubed(pairs)
        counts["b3 precision"] += precision
        counts["b3 recall"] += recall
        counts["b3 mentions"] += n
    return counts, walked


def f1(right: int, found: int, labelled: int) -> str:
    p = right / found if found else 0.0
    r = right / labelled if labelled else 0.0
    score = 2 * p * r / (p + r) if p + r else 0.0
    return f"F1 {100 * score:5.1f}  precision {gold.pct(right, found)}  recall {gold.pct(right, labelled)}"


def report(c: dict[str, Any]) -> None:
    print(
        f"  mentions, offsets and type exact:      {f1(c['typed right'], c['typed found'], c['typed labelled'])}"
    )
    for kind in TYPES:
        print(
            f"    {kind:<8}                             {f1(c[kind + ' right'], c[kind + ' found'], c[kind + ' labelled'])}"
        )
    print(
        f"  PLACE and COUNTRY as one type:         {f1(c['merged right'], c['merged found'], c['merged labelled'])}"
    )
    print(
        f"  offsets exact, type ignored:           {f1(c['span right'], c['typed found'], c['typed labelled'])}"
    )
    print(
        f"  found at all (overlap, type ignored):  {f1(c['overlap'], c['typed found'], c['typed labelled'])}"
    )
    n = c["b3 mentions"]
    if n:
        p, r = c["b3 precision"] / n, c["b3 recall"] / n
        print(
            f"  identity within an article, B-cubed over {n} found mentions:"
            f" F1 {200 * p * r / (p + r):5.1f}  precision {100 * p:5.1f}%  recall {100 * r:5.1f}%"
        )


def main() -> None:
    parser = gold.arguments(__doc__, show=True)
    parser.add_argument("--sets", default="test,dev,dev2", help="comma-separated: " + ", ".join(SETS))
    args = parser.parse_args()
    corpus = gold.corpus_at(args.data)
    if corpus is None:
        return
    warm_up()
    for name in args.sets.split(","):
        if name not in SETS:
            parser.error(f"unknown set {name!r}; known: {', '.join(SETS)}")
        labels = read_labels(gold.GOLD / f"entities-{name}.tsv")
        rows = gold.sample_rows(gold.GOLD / f"entities-{name}-sample.txt")
        counts, walked = evaluate(labels, rows, corpus, args.show)
        gold.say_set(f"entities, {name} set ({SETS[name]})", walked, labels, "mentions")
        report(counts)
    gold.say_command()


if __name__ == "__main__":
    main()
