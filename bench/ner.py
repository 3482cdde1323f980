"""NER quality and speed: train and score the CRF on the standard splits, then time the shipped model.

    python bench/ner.py                          # NER-UI 5 folds, NER-UGM 5 folds, NERGrit test
    python bench/ner.py --sets nerui --folds 1   # a quick look at one fold

Entity-level precision/recall/F1 (exact span and type, conlleval style), beside the published
figures. Each fold trains on its train split only (dev is not used unless --with-dev); NERGrit
trains on train+valid and is scored on test. NER-UGM keeps its five types (incl. TIME, QUANTITY). The word table (clusters, capitalisation) is the shipped
one, mined from unlabelled news only.
"""

from __future__ import annotations

import argparse
import json
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from warta.understand.ner import MODEL_PATH, TABLE_PATH, load
from warta.understand.ner.features import WordTable
from warta.understand.ner.train import read_conll, score, tag_all, train_crf

ROOT = Path(__file__).resolve().parents[1]
PUBLISHED = {
    "nerui": "IndoBERT 90.1 (IndoLEM, 5-fold mean); plain CRF ~85 (fold 1)",
    "nerugm": "IndoBERT 74.9 (IndoLEM, 5-fold mean)",
    "nergrit": "community IndoBERT fine-tunes ~83-85; plain CRF ~69",
}


def _splits(data: Path, name: str, folds: list[int], with_dev: bool) -> list[tuple[str, list, list]]:
    ner = data / "ner"
    if name == "nergrit":
        train = read_conll(ner / name / "train_preprocess.txt") + read_conll(
            ner / name / "valid_preprocess.txt"
        )
        return [("test", train, read_conll(ner / name / "test_preprocess.txt"))]
    out = []
    for k in folds:
        train = read_conll(ner / name / f"train.0{k}.tsv")
        if with_dev:
            train += read_conll(ner / name / f"dev.0{k}.tsv")
        out.append((f"fold {k}", train, read_conll(ner / name / f"test.0{k}.tsv")))
    return out


def _load_seconds() -> float:
    code = (
        "import time; t=time.perf_counter(); from warta.understand import ner; ner.load(); "
        "print(time.perf_counter()-t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--sets", default="nerui,nerugm,nergrit")
    parser.add_argument("--folds", default="1,2,3,4,5")
    parser.add_argument("--c1", type=float, default=0.01)
    parser.add_argument("--c2", type=float, default=0.2)
    parser.add_argument("--with-dev", action="store_true", help="NER-UI/UGM folds train on train+dev")
    args = parser.parse_args(argv)
    if not (args.data / "ner").is_dir():
        print(f"no NER data under {args.data}; nothing to do")
        return 0

    table = WordTable.read(TABLE_PATH).entries
    folds = [int(k) for k in args.folds.split(",")]
    print(f"{'set':8} {'split':7} {'P':>6} {'R':>6} {'F1':>6} {'train s':>8} {'MB':>5}")
    summary = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.sets.split(","):
            f1s = []
            for split, train, test in _splits(args.data, name, folds, args.with_dev):
                model = Path(tmp) / f"{name}.crfsuite"
                seconds = train_crf(train, table, model, c1=args.c1, c2=args.c2)
                pred = tag_all(model, test, table)
                r = score([labels for _, labels in test], pred)
                f1s.append(r["f1"])
                size = model.stat().st_size / 1e6
                print(
                    f"{name:8} {split:7} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} "
                    f"{seconds:8.0f} {size:5.1f}",
                    flush=True,
                )
            summary.append((name, statistics.mean(f1s), len(f1s)))

    print()
    for name, f1, n in summary:
        what = f"mean of {n} folds" if name != "nergrit" else "test, trained on train+valid"
        if name != "nergrit" and args.with_dev:
            what += ", trained on train+dev"
        print(f"{name:8} F1 {f1 * 100:5.1f} ({what})   published: {PUBLISHED[name]}")

    # the shipped model: size, load time (fresh process), tagging speed on one core
    tagger = load()
    ner = args.data / "ner"
    sents = [w for w, _ in read_conll(ner / "nerui" / "test.01.tsv")]
    sents += [w for w, _ in read_conll(ner / "nergrit" / "test_preprocess.txt")]
    t0 = time.process_time()
    for words in sents:
        tagger.tag(words)
    per_s = len(sents) / (time.process_time() - t0)
    tokens = sum(map(len, sents)) / len(sents)
    size = (MODEL_PATH.stat().st_size + TABLE_PATH.stat().st_size) / 1e6
    print()
    print(f"shipped model: {size:.1f} MB (model.crfsuite + words.tsv.gz), load {_load_seconds():.2f} s")
    print(f"tagging: {per_s:,.0f} sentences/s on one core ({tokens:.0f} tokens/sentence, CPU time)")
    news = args.data / "indonews-2025" / "articles.jsonl"
    if news.is_file():
        with open(news, encoding="utf-8") as f:
            bodies = [json.loads(line).get("body") or "" for _, line in zip(range(500), f, strict=False)]
        t0 = time.process_time()
        found = sum(len(tagger.entities(body)) for body in bodies)
        seconds = time.process_time() - t0
        print(
            f"entities(): {len(bodies) / seconds:,.0f} articles/s on one core over {len(bodies)} raw news bodies "
            f"(sentence split + tokenize + tag), {found / len(bodies):.0f} entities/article"
        )
    print()
    print("command: python " + " ".join(shlex.quote(a) for a in [*sys.argv]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
