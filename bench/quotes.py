"""Quotation quality against hand-labelled samples of real articles.

Three labelled sets, each every quotation (direct and indirect) in 40 articles drawn at
random from rows 3,001 and after of ../shared/data/indonews-2025/articles.jsonl (rows the
rule work of earlier sessions never read, each set apart from the others), as extracted by
``extract_record``:

* ``bench/gold/test.tsv`` (seed 20261127): never read to change warta. Its figures are the
  ones to report; once it guides a change it becomes a dev set, and a new test sample must
  be drawn and labelled the same way.
* ``bench/gold/dev-a.tsv`` (seed 20261125) and ``dev-b.tsv`` (seed 20261126): read to
  change warta's rules, so their figures flatter (dev-b's first figures, taken before
  anyone read its errors, are in ``bench/gold/README.md``).

The labels were written blind (from the text alone, by annotators who did not see warta's
output; ``bench/gold/README.md`` has the guidelines and how they were settled). The files
hold no article text: each quotation is its row number, the offsets of its content in the
extracted body and a digest of that content (a label whose offsets no longer fit, because
extraction changed, is found again by the digest).

Each article is extracted and annotated (``warta.understand.facts.annotate``); found
quotations are matched one-to-one to labelled ones by overlapping content. Prints, per set,
for all quotations and by kind:

* found: precision and recall of the quotations themselves;
* speaker: of the matched ones with a named source, the share whose ``speaker_entity``
  is that source (any of the names the label accepts, compared by ``canonical_key``), the
  share that is that source allowing a shorter name ("Wayan Sumarajaya" for "I Wayan
  Sumarajaya": the right person, filed apart from the full name), and of those with no
  named source, the share left without one;
* end to end: labelled quotations found with the right speaker, over all labelled
  (recall) and over all found (precision);
* relaying source: of the labelled quotations relayed from another outlet, the share
  found with that outlet as ``source``.

Labels marked ``unsure`` count neither way. ``--show`` prints each miss and error with
its sentence, to read (the text comes from ../shared at run time).

    python bench/quotes.py [--data ../shared/data] [--sets test,dev-a,dev-b] [--show]
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import _gold as gold
from warta.understand import canonical_key
from warta.understand.facts import warm_up

SETS = {
    "test": "seed 20261127, never read to change warta: report this one",
    "dev-a": "seed 20261125, read to change warta's rules: its figures flatter",
    "dev-b": "seed 20261126, read to change warta's rules after its first figures",
}


@dataclass
class Label(gold.Span):
    kind: str
    speakers: list[str]  # every name the label accepts; empty: no named source
    relayed_by: str


def read_gold(path: Path) -> list[Label]:
    return [
        Label(
            **gold.span_of(row),
            kind=row["kind"],
            speakers=[s.strip() for s in row["speaker"].split("|") if s.strip()]
            if row["speaker_named"] == "yes"
            else [],
            relayed_by=row["relayed_by"],
        )
        for row in gold.read_rows(path)
    ]


def speaker_right(label: Label, found: dict[str, Any]) -> bool:
    """The speaker entity is the labelled source under (one of) its fullest names."""
    entity = found.get("speaker_entity")
    if not label.speakers:
        return entity is None
    return entity is not None and canonical_key(entity) in {canonical_key(s) for s in label.speakers}


def speaker_same_person(label: Label, found: dict[str, Any]) -> bool:
    """Looser: the speaker entity's words are all words of a labelled name ("Wayan Sumarajaya"
    for "I Wayan Sumarajaya", "Prasetyo" for "Budi Prasetyo"): the right source under a
    shorter name, which splits its mentions from the full name's across the archive."""
    entity = found.get("speaker_entity")
    if speaker_right(label, found) or entity is None or not label.speakers:
        return speaker_right(label, found)
    words = set(canonical_key(entity).split())
    return any(words <= set(canonical_key(s).split()) for s in label.speakers)


def evaluate(
    labels: list[Label], sample: list[int], corpus: Path, show_problems: bool
) -> tuple[dict[str, int], gold.Walk]:
    """Counts for one labelled set over its sample's articles, and the walk that made them."""
    walked = gold.walk(labels, sample, corpus, lambda article: article.quotes)
    counts: dict[str, int] = defaultdict(int)
    for pair in walked.pairs:
        problem = _count(counts, pair.label, pair.found)
        if show_problems and problem:
            gold.show(pair, problem)
    return counts, walked


def _count(counts: dict[str, int], label: Label | None, found: dict[str, Any] | None) -> str:
    """Add one matched pair (either side may be missing) to ``counts``; what went wrong, or ""."""
    kinds = ["all", label.kind if label is not None else found["kind"]]  # type: ignore[index]
    for kind in kinds:
        counts[f"{kind} found"] += found is not None
        counts[f"{kind} labelled"] += label is not None
    if label is None:
        return "not a quotation"
    if found is None:
        return "missed"
    right = speaker_right(label, found)
    for kind in kinds:
        counts[f"{kind} matched"] += 1
        counts[f"{kind} named"] += bool(label.speakers)
        counts[f"{kind} named right"] += bool(label.speakers) and right
        counts[f"{kind} unnamed"] += not label.speakers
        counts[f"{kind} unnamed right"] += not label.speakers and right
        counts[f"{kind} right"] += right
        counts[f"{kind} named same person"] += bool(label.speakers) and speaker_same_person(label, found)
        if label.relayed_by:
            counts[f"{kind} relayed"] += 1
            source = found.get("source") or ""
            counts[f"{kind} relayed right"] += canonical_key(source) == canonical_key(label.relayed_by)
    return "" if right else f"speaker {found.get('speaker_entity')!r}, labelled {label.speakers or None}"


def report(counts: dict[str, int]) -> None:
    for kind in ("all", "direct", "indirect"):
        c = {k.removeprefix(kind + " "): v for k, v in counts.items() if k.startswith(kind + " ")}
        print(f"  {kind}:")
        print(f"    found      precision {gold.pct(c.get('matched', 0), c.get('found', 0))}")
        print(f"               recall    {gold.pct(c.get('matched', 0), c.get('labelled', 0))}")
        print(f"    speaker    named source right   {gold.pct(c.get('named right', 0), c.get('named', 0))}")
        print(
            f"               named source, shorter name {gold.pct(c.get('named same person', 0), c.get('named', 0))}"
        )
        print(
            f"               no source, none given {gold.pct(c.get('unnamed right', 0), c.get('unnamed', 0))}"
        )
        print(f"    end to end recall    {gold.pct(c.get('right', 0), c.get('labelled', 0))}")
        print(f"               precision {gold.pct(c.get('right', 0), c.get('found', 0))}")
        if c.get("relayed"):
            print(f"    relaying source right {gold.pct(c.get('relayed right', 0), c.get('relayed', 0))}")


def main() -> None:
    parser = gold.arguments(__doc__, show=True)
    parser.add_argument("--sets", default="test,dev-a,dev-b", help="which labelled sets, comma-separated")
    args = parser.parse_args()
    corpus = gold.corpus_at(args.data)
    if corpus is None:
        return
    warm_up()
    for name in args.sets.split(","):
        if not (gold.GOLD / f"{name}.tsv").is_file():
            print(f"{name}: no bench/gold/{name}.tsv")
            continue
        labels = read_gold(gold.GOLD / f"{name}.tsv")
        counts, walked = evaluate(
            labels, gold.sample_rows(gold.GOLD / f"{name}-sample.txt"), corpus, args.show
        )
        gold.say_set(f"{name} ({SETS.get(name, '')})", walked, labels, "quotations")
        report(counts)
    gold.say_command()


if __name__ == "__main__":
    main()
