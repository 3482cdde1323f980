"""Side study: would more networks, networks taught on news they tagged, or more labelled corpora lift the product?

    PYTHONPATH=src OMP_NUM_THREADS=1 python bench/ner_study.py [--seeds 6] [--silver 20000] [--more-seeds 4]

On NERGrit valid only (the test split is not read): a CRF on NERGrit train, ``--seeds`` ID-CNNs
on NERGrit train + all of NER-UI (the shipped recipe's 12 epochs, seeds 1..N), each in the
product at POE_WEIGHT and averaged into ensembles of 2..N. Then self-training: ``--silver`` news
sentences (``cased.txt``, with a capital after the first word) tagged by the CRF x all-N
product, and a CRF and a network (8 epochs) trained again with them added, each scored in the
product. Last, ``--more-seeds`` networks trained with NER-UGM and NERP added as well
(``bench/ner.py --extra-corpora``; not shipped), at w = 0.3, POE_WEIGHT and 0.5. Needs
torch and gensim (the ``train`` extra); about 35 min on one core, and 10 min more for each
network of the last part. Files go to bench/out/ner/study/ and are reused.
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
from pathlib import Path
from typing import Any

import numpy as np

from ner import _extra_corpora, _mapped, _other_corpus  # bench/ner.py, beside this script
from warta.understand.ner import TABLE_PATH
from warta.understand.ner import train_nn as tn
from warta.understand.ner.features import WordTable
from warta.understand.ner.neural import POE_WEIGHT, CrfScores, Network, Poe
from warta.understand.ner.train import Sentence, read_conll, score, train_crf

ROOT = Path(__file__).resolve().parents[1]


class Ensemble:
    """Networks of one label set as one: their scores and transitions averaged."""

    def __init__(self, nets: list[Network]) -> None:
        self.nets = nets
        self.labels = nets[0].labels
        if any(n.labels != self.labels for n in nets):
            raise ValueError("the networks' label orders differ")
        self.trans = np.mean([n.trans for n in nets], 0)
        self.start = np.mean([n.start for n in nets], 0)
        self.end = np.mean([n.end for n in nets], 0)

    def scores_of(self, batch: Any) -> np.ndarray:
        return np.mean([n.scores_of(batch) for n in self.nets], 0)


def _crf(data: list[Sentence], table: dict, out: Path) -> CrfScores:
    npz = out.with_suffix(".npz")
    if not npz.exists():
        train_crf(data, table, out.with_suffix(".crfsuite"))
        tn.export_crf(out.with_suffix(".crfsuite"), npz)
    return CrfScores(npz, table)


def _net(data: list[Sentence], table: dict, ft: Path, out: Path, seed: int, epochs: int) -> Network:
    if not out.exists():
        tn.train_nn(data, ft, table, out, epochs=epochs, seed=seed, log=lambda s: None)
    return Network(out, table)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--cache", type=Path, default=ROOT / "bench" / "out" / "ner")
    parser.add_argument("--seeds", type=int, default=6)
    parser.add_argument("--silver", type=int, default=20_000)
    parser.add_argument("--more-seeds", type=int, default=4)
    args = parser.parse_args()
    if args.more_seeds > args.seeds:  # its figures are set beside the same seeds without the corpora
        parser.error("--more-seeds cannot exceed --seeds")
    out = args.cache / "study"
    out.mkdir(parents=True, exist_ok=True)
    table = WordTable.read(TABLE_PATH).entries
    grit = args.data / "ner" / "nergrit"
    train = _mapped(read_conll(grit / "train_preprocess.txt"))
    valid = _mapped(read_conll(grit / "valid_preprocess.txt"))
    nerui = _other_corpus(args.data, "nergrit")  # the networks' extra data, as bench/ner.py has it
    gold, words = [ls for _, ls in valid], [ws for ws, _ in valid]
    ft = tn.ensure_vectors(args.data, args.cache)

    def scored(crf: CrfScores, net: Any, w: float = POE_WEIGHT) -> dict[str, float]:
        return score(gold, Poe(crf, net, w).tag_batch(words))

    def f1(crf: CrfScores, net: Any, w: float = POE_WEIGHT) -> float:
        return scored(crf, net, w)["f1"] * 100

    crf = _crf(train, table, out / "crf")
    nets = [
        _net(train + nerui, table, ft, out / f"nn_s{s}.npz", s, tn.SHIPPED_EPOCHS)
        for s in range(1, args.seeds + 1)
    ]
    print(f"NERGrit valid, entity-level F1; product at w = {POE_WEIGHT}")
    print(
        f"  CRF alone {f1(crf, None, 0.0):.2f}; networks alone "
        + " ".join(f"{f1(crf, n, 1.0):.2f}" for n in nets)
    )
    singles = [f1(crf, n) for n in nets]
    print(
        f"  product, one network: {' '.join(f'{x:.2f}' for x in singles)} (mean {statistics.mean(singles):.2f})"
    )
    for k in range(2, len(nets) + 1):
        vals = [f1(crf, Ensemble(list(c))) for c in itertools.combinations(nets, k)]
        print(
            f"  product, {k} networks averaged: mean {statistics.mean(vals):.2f} (min {min(vals):.2f}, max {max(vals):.2f}, {len(vals)} sets)"
        )

    teacher = Poe(crf, Ensemble(nets), POE_WEIGHT)
    silver_path = out / f"silver{args.silver}.txt"
    if not silver_path.exists():
        lines = tn.ensure_sentences(args.data, args.cache).read_text(encoding="utf-8").splitlines()
        random.Random(7).shuffle(lines)
        split = (ln.split(" ") for ln in lines)
        sents = [ws for ws in split if any(t[:1].isupper() for t in ws[1:])][: args.silver]
        with open(silver_path, "w", encoding="utf-8") as f:
            for i in range(0, len(sents), 500):
                chunk = sents[i : i + 500]
                for ws, ls in zip(chunk, teacher.tag_batch(chunk), strict=True):
                    f.write("".join(f"{w}\t{lab}\n" for w, lab in zip(ws, ls, strict=True)) + "\n")
    silver = read_conll(silver_path)
    crf_s = _crf(train + silver, table, out / f"crf_silver{args.silver}")
    student = _net(train + nerui + silver, table, ft, out / f"nn_silver{args.silver}.npz", 1, 8)
    print(f"self-training on {len(silver)} news sentences tagged by the CRF x {len(nets)}-network product:")
    print(f"  CRF alone {f1(crf_s, None, 0.0):.2f}; network alone {f1(crf, student, 1.0):.2f}")
    print(
        f"  product: new CRF x network s1 {f1(crf_s, nets[0]):.2f}; CRF x new network {f1(crf, student):.2f}; "
        f"both new {f1(crf_s, student):.2f}"
    )
    more = _extra_corpora(args.data)
    wider = [
        _net(train + nerui + more, table, ft, out / f"nn_ugmp_s{s}.npz", s, tn.SHIPPED_EPOCHS)
        for s in range(1, args.more_seeds + 1)
    ]
    print(f"networks with NER-UGM and NERP added ({len(more)} sentences more), seeds 1..{len(wider)}:")
    print("  networks alone " + " ".join(f"{f1(crf, n, 1.0):.2f}" for n in wider))
    paired = nets[: len(wider)]  # the same seeds without them
    shipped_w: dict[str, list[dict[str, float]]] = {}
    for w in (0.3, POE_WEIGHT, 0.5):
        base, new = [scored(crf, n, w) for n in paired], [scored(crf, n, w) for n in wider]
        if w == POE_WEIGHT:
            shipped_w = {"with them": new, "without": base}
        new_f1, base_f1 = [r["f1"] * 100 for r in new], [r["f1"] * 100 for r in base]
        print(
            f"  product at w = {w}: {' '.join(f'{x:.2f}' for x in new_f1)} (mean {statistics.mean(new_f1):.2f};"
            f" the same seeds without them {statistics.mean(base_f1):.2f})"
        )
    for label, rs in shipped_w.items():
        print(
            f"  {label}, at w = {POE_WEIGHT}: mean precision {statistics.mean(r['precision'] for r in rs) * 100:.2f},"
            f" recall {statistics.mean(r['recall'] for r in rs) * 100:.2f}"
        )
    print("command: PYTHONPATH=src OMP_NUM_THREADS=1 python " + " ".join(sys.argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
