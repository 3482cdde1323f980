"""Figure quality against a hand-labelled sample of real articles.

``bench/gold/figures-test.tsv`` lists every figure (money, percentage, count with its noun or
unit) in the 40 articles of ``bench/gold/test-sample.txt`` (seed 20261127, rows 3,001 and after
of ../shared/data/indonews-2025/articles.jsonl, which the figure rules were never tuned on),
labelled blind by annotators who saw only the text, the article's date and the guidelines
(``bench/gold/README.md``): the figure's offsets, kind, value, unit, the offsets of the phrase
naming what it measures, its period resolved against the article's date, and whether it is
a change up or down. No article text is kept (offsets and digests, as for quotations).

Each article is extracted and annotated (``warta.understand.facts.annotate``); found figures
are matched one-to-one to labelled ones by overlapping offsets. Prints, for all figures and
by kind:

* found: precision and recall of the figures themselves, recall also for those written in
  digits and in words ("tiga orang");
* of the matched ones: kind, value (within 0.5%), unit (the currency's code, "%", or the
  counted noun), change (up, down or none), period (the labelled one exactly, where the
  text gives one; none where it does not) and what it measures (the found quantity shares
  half the labelled phrase's words, where the label names one);
* end to end: labelled figures found with the right kind, value and unit, over all
  labelled (recall) and all found (precision).

Labels marked ``unsure`` count neither way. ``--show`` prints each miss and error with its
sentence, to read (the text comes from ../shared at run time).

    python bench/figures.py [--data ../shared/data] [--show]
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import _gold as gold
from warta.understand.facts import warm_up

LABELS = gold.GOLD / "figures-test.tsv"
SAMPLE = gold.GOLD / "test-sample.txt"
_WORD = re.compile(r"\w+")


@dataclass
class Label(gold.Span):
    kind: str
    value: float
    unit: str
    quantity: tuple[int, int, str] | None  # offsets and digest of the phrase naming what it measures
    period: tuple[str, str] | None
    change: str  # "up", "down" or ""


def read_labels(path: Path) -> list[Label]:
    return [
        Label(
            **gold.span_of(row),
            kind=row["kind"],
            value=float(row["value"]),
            unit=row["unit"],
            quantity=(int(row["q_start"]), int(row["q_end"]), row["q_digest"]) if row["q_digest"] else None,
            period=(row["period_start"], row["period_end"]) if row["period_start"] else None,
            change=row["change"],
        )
        for row in gold.read_rows(path)
    ]


def value_right(label: Label, found: dict[str, Any]) -> bool:
    value = found.get("value")
    return value is not None and abs(float(value) - label.value) <= 0.005 * max(abs(label.value), 1e-9)


def unit_right(label: Label, found: dict[str, Any]) -> bool:
    unit = str(found.get("unit") or "").lower()
    return unit == label.unit.lower() or (label.kind == "count" and label.unit.lower() in unit.split())


def period_right(label: Label, found: dict[str, Any]) -> bool:
    period = found.get("period")
    if label.period is None:
        return period is None
    return period is not None and (period["start"], period["end"]) == label.period


def quantity_right(words: set[str], found: dict[str, Any]) -> bool:
    said = {w.lower() for w in _WORD.findall(str(found.get("quantity") or ""))}
    return len(words & said) * 2 >= len(words)


def evaluate(labels: list[Label], corpus: Path, show_problems: bool) -> tuple[dict[str, int], gold.Walk]:
    """Counts over the test sample's articles, and the walk that made them."""
    walked = gold.walk(labels, gold.sample_rows(SAMPLE), corpus, lambda article: article.figures)
    counts: dict[str, int] = defaultdict(int)
    for pair in walked.pairs:
        label, body = pair.label, pair.article.body
        words: set[str] = set()
        if (
            label is not None
            and label.quantity is not None
            and (q := gold.align(*label.quantity, body)) is not None
        ):
            words = {w.lower() for w in _WORD.findall(body[q[0] : q[1]])}
        problem = _count(counts, label, pair.found, words)
        if label is not None:
            # "tiga orang": number words are figures too, but far harder than "3 orang"
            digits = any(ch.isdigit() for ch in body[pair.span[0] : pair.span[1]])  # type: ignore[index]
            key = "in digits" if digits else "in words"
            counts[f"{label.kind} labelled {key}"] += 1
            counts[f"{label.kind} matched {key}"] += pair.found is not None
        if show_problems and problem:
            gold.show(pair, problem)
    return counts, walked


def _count(counts: dict[str, int], label: Label | None, found: dict[str, Any] | None, words: set[str]) -> str:
    """Add one matched pair (either side may be missing) to ``counts``; what went wrong, or ""."""
    kinds = ["all", label.kind if label is not None else str(found["kind"])]  # type: ignore[index]
    checks: dict[str, bool] = {}
    if label is not None and found is not None:
        checks = {
            "kind": found.get("kind") == label.kind,
            "value": value_right(label, found),
            "unit": unit_right(label, found),
            "change": (found.get("direction") or "") == label.change,
        }
        checks["period"] = period_right(label, found)
        if words:
            checks["quantity"] = quantity_right(words, found)
    for kind in kinds:
        counts[f"{kind} found"] += found is not None
        counts[f"{kind} labelled"] += label is not None
        if checks:
            counts[f"{kind} matched"] += 1
            for name, ok in checks.items():
                counts[f"{kind} {name} asked"] += 1
                counts[f"{kind} {name} right"] += ok
            if label is not None and label.period is not None:
                counts[f"{kind} dated asked"] += 1
                counts[f"{kind} dated right"] += checks["period"]
            counts[f"{kind} whole right"] += checks["kind"] and checks["value"] and checks["unit"]
    if label is None:
        return "not a figure"
    if found is None:
        return "missed"
    wrong = [name for name, ok in checks.items() if not ok]
    if not wrong:
        return ""
    got = {
        "kind": found.get("kind"),
        "value": found.get("value"),
        "unit": found.get("unit"),
        "change": found.get("direction"),
        "period": found.get("period"),
        "quantity": found.get("quantity"),
    }
    want = {
        "kind": label.kind,
        "value": label.value,
        "unit": label.unit,
        "change": label.change or None,
        "period": label.period,
        "quantity": sorted(words),
    }
    return "; ".join(f"{name} {got[name]!r}, labelled {want[name]!r}" for name in wrong)


def report(counts: dict[str, int]) -> None:
    for kind in ("all", "money", "percent", "count"):
        c = {k.removeprefix(kind + " "): v for k, v in counts.items() if k.startswith(kind + " ")}
        if not c.get("labelled") and not c.get("found"):
            continue
        print(f"  {kind}:")
        print(f"    found      precision {gold.pct(c.get('matched', 0), c.get('found', 0))}")
        print(f"               recall    {gold.pct(c.get('matched', 0), c.get('labelled', 0))}")
        for key in ("in digits", "in words"):
            if c.get(f"labelled {key}"):
                print(
                    f"               recall, {key:<9} {gold.pct(c.get(f'matched {key}', 0), c.get(f'labelled {key}', 0))}"
                )
        for name in ("kind", "value", "unit", "change", "period", "quantity"):
            print(
                f"    {name:<10} right     {gold.pct(c.get(name + ' right', 0), c.get(name + ' asked', 0))}"
            )
        print(
            f"    period where the text gives one {gold.pct(c.get('dated right', 0), c.get('dated asked', 0))}"
        )
        print(f"    end to end recall    {gold.pct(c.get('whole right', 0), c.get('labelled', 0))}")
        print(f"               precision {gold.pct(c.get('whole right', 0), c.get('found', 0))}")


def main() -> None:
    parser = gold.arguments(__doc__, show=True)
    args = parser.parse_args()
    corpus = gold.corpus_at(args.data)
    if corpus is None:
        return
    labels = read_labels(LABELS)
    warm_up()
    counts, walked = evaluate(labels, corpus, args.show)
    gold.say_set("figures, test set", walked, labels, "figures")
    report(counts)
    gold.say_command()


if __name__ == "__main__":
    main()
