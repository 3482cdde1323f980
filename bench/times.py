"""Time expressions on real news, against a hand-labelled sample.

``bench/gold/times-test.tsv`` lists every time expression (a day, a month, a year, a week or
another calendar stretch, an expression relative to an event) in the 40 articles of the entity
sets (``bench/gold/entities-{test,dev}-sample.txt``: seed 20261128, rows 3,001 and after of
../shared/data/indonews-2025/articles.jsonl), labelled blind by four annotators who saw only
the text, the article's publication date and the guidelines (``bench/gold/README.md``): the
expression's offsets, a digest of its text, and its value resolved against the publication
date: ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``, a stretch as ``first/last`` day, or ``?`` when the
text does not let it be resolved. No article text is kept. The time rules were tuned on rows
1-3,000 only, and no change was made from this set's errors.

Each article is extracted as ``warta ingest`` extracts it and its body read by
``warta.understand.timex.find_times`` against its ``published_at``, the anchor the annotators
had; found expressions are paired one-to-one with labelled ones by overlapping offsets. Prints:

* found: precision and recall of the expressions themselves (any overlap);
* value: of the matched ones with a value, the share whose resolved value is the labelled one
  (a day with a clock time counts as its day; a stretch by its first and last day);
* end to end: labelled expressions found with the right value, over all labelled with a value
  (recall) and over all found (precision).

Labels marked ``unsure`` count neither way. ``--show`` prints each miss and error with its
sentence, to read (the text comes from ../shared at run time).

    python bench/times.py [--data ../shared/data] [--show]
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import _gold as gold
from warta.model import Article
from warta.understand.facts import warm_up
from warta.understand.timex import find_times

LABELS = gold.GOLD / "times-test.tsv"
SAMPLES = [gold.GOLD / "entities-test-sample.txt", gold.GOLD / "entities-dev-sample.txt"]


@dataclass
class Label(gold.Span):
    value: str  # "2025-06-18", "2025-06", "2025", "2025-06-16/2025-06-22", or "?"


def read_labels(path: Any) -> list[Label]:
    return [Label(**gold.span_of(row), value=row["value"]) for row in gold.read_rows(path)]


def found_times(article: Article) -> list[dict[str, Any]]:
    language = article.language if article.language in ("id", "en") else "id"
    return find_times(article.body, article.published_at, language)


def resolved(found: dict[str, Any]) -> str:
    """A found expression's value in the labels' notation."""
    value = found.get("value")
    if value is None:
        return "?"
    if found.get("granularity") == "range" and found.get("end_value"):
        return f"{value}/{found['end_value']}"
    if found.get("granularity") == "time":
        return str(value)[:10]
    return str(value)


def evaluate(
    labels: list[Label], rows: list[int], corpus: Any, show_problems: bool
) -> tuple[dict[str, int], gold.Walk]:
    walked = gold.walk(labels, rows, corpus, found_times)
    counts: dict[str, int] = defaultdict(int)
    for pair in walked.pairs:
        label, found = pair.label, pair.found
        counts["found"] += found is not None
        counts["labelled"] += label is not None
        problem = ""
        if label is None:
            problem = f"not a time expression: {found['text']!r}"  # type: ignore[index]
        elif found is None:
            problem = f"missed, labelled {label.value}"
        if label is not None and label.value != "?":
            counts["labelled with a value"] += 1
        if label is not None and found is not None:
            counts["matched"] += 1
            if label.value != "?":
                got = resolved(found)
                counts["valued"] += 1
                counts["value right"] += got == label.value
                if got != label.value:
                    problem = f"value {got}, labelled {label.value} ({found['text']!r})"
        if show_problems and problem:
            gold.show(pair, problem)
    return counts, walked


def report(c: dict[str, int]) -> None:
    print(f"  found      precision {gold.pct(c['matched'], c['found'])}")
    print(f"             recall    {gold.pct(c['matched'], c['labelled'])}")
    print(f"  value      right     {gold.pct(c['value right'], c['valued'])}")
    print(f"  end to end recall    {gold.pct(c['value right'], c['labelled with a value'])}")
    print(f"             precision {gold.pct(c['value right'], c['found'])}")


def main() -> None:
    parser = gold.arguments(__doc__, show=True)
    args = parser.parse_args()
    corpus = gold.corpus_at(args.data)
    if corpus is None:
        return
    labels = read_labels(LABELS)
    warm_up()
    rows = [row for sample in SAMPLES for row in gold.sample_rows(sample)]
    counts, walked = evaluate(labels, rows, corpus, args.show)
    gold.say_set("time expressions, test set", walked, labels, "expressions")
    report(counts)
    gold.say_command()


if __name__ == "__main__":
    main()
