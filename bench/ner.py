"""NER quality and speed: train and score the tagger on the standard splits, then time the shipped model.

    python bench/ner.py                          # NER-UI 5 folds, NER-UGM 5 folds, NERGrit test
    python bench/ner.py --sets nerui --folds 1   # a quick look at one fold
    python bench/ner.py --speed-only             # just the shipped model's load time and speed
    python bench/ner.py --sets nergrit --pretrain-steps 16000   # networks from the cloze-pretrained encoder

Entity-level precision/recall/F1 (exact span and type, conlleval style), beside the published
figures. The CRF of each fold trains on its train split only (dev is not used unless
--with-dev); NERGrit trains on train+valid and is scored on test. NER-UGM keeps its five types
(incl. TIME, QUANTITY) and is scored for the CRF only. The word table (clusters,
capitalisation) is the shipped one, mined from unlabelled news only.

For NER-UI and NERGrit the shipped recipe is scored too: the CRF x ID-CNN product ("PoE",
``warta.understand.ner.neural``, at w = POE_WEIGHT and 0.5), both experts trained as the shipped
ones are, on that fold's train split plus the other corpus (labels mapped to PERSON/ORG/PLACE),
never on the test split: NER-UI fold k = fold k train + NERGrit train+valid (the network's best
epoch on fold k dev); NERGrit = train+valid + all of NER-UI (the network: a fixed
SHIPPED_EPOCHS, one per seed in --seeds (1,2,3) and the figures their mean: NERGrit's test split
is 209 sentences, and one network's figure moves by about 2 F1 from seed to seed; the shipped
model is seed 1). "CRF" is the CRF on the fold's own corpus alone (the usual baseline), "CRF+other"
the product's CRF alone. --extra-corpora adds all of NER-UGM and NERP to every network's data,
--average-from N keeps each network as the average of its weights from epoch N on (neither is
shipped: see the docs). That needs torch and gensim (the
``train`` extra; run it with an interpreter that has them, PYTHONPATH=src), about 10-15 min a
network on one core, 1 h 40 min in all. fastText vectors and per-fold models are kept in
bench/out/ner/ (--cache) and reused; delete them (or pass --fresh) to retrain.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

from warta.understand.ner import CRF_WEIGHTS_PATH, MODEL_PATH, NEURAL_PATH, TABLE_PATH, Tagger, load
from warta.understand.ner.features import WordTable
from warta.understand.ner.neural import POE_WEIGHT, CrfScores, Network, Poe, file_digest
from warta.understand.ner.train import Sentence, map_labels, read_conll, score, tag_all, train_crf

ROOT = Path(__file__).resolve().parents[1]
PUBLISHED = {
    "nerui": "IndoBERT 90.1 (IndoLEM, 5-fold mean); plain CRF ~85 (fold 1)",
    "nerugm": "IndoBERT 74.9 (IndoLEM, 5-fold mean)",
    "nergrit": "community IndoBERT fine-tunes ~83-85; plain CRF ~69",
}
POE_SETS = ("nerui", "nergrit")
NERUI_NN_EPOCHS = 16  # the best dev epoch is kept (10-13 in the side study)


def _mapped(data: list[Sentence]) -> list[Sentence]:
    return [(w, map_labels(lab)) for w, lab in data]


def _splits(
    data: Path, name: str, folds: list[int], with_dev: bool
) -> list[tuple[str, list[Sentence], list[Sentence], list[Sentence]]]:
    """(split name, train, dev, test); NERGrit has no dev here (valid is part of train)."""
    ner = data / "ner"
    if name == "nergrit":
        train = read_conll(ner / name / "train_preprocess.txt") + read_conll(
            ner / name / "valid_preprocess.txt"
        )
        return [("test", train, [], read_conll(ner / name / "test_preprocess.txt"))]
    out = []
    for k in folds:
        train = read_conll(ner / name / f"train.0{k}.tsv")
        dev = read_conll(ner / name / f"dev.0{k}.tsv")
        if with_dev:
            train += dev
        out.append((f"fold {k}", train, dev, read_conll(ner / name / f"test.0{k}.tsv")))
    return out


def _other_corpus(data: Path, name: str) -> list[Sentence]:
    """The NN's extra training data: NERGrit train+valid for NER-UI, all of NER-UI for NERGrit."""
    ner = data / "ner"
    if name == "nerui":
        files = [ner / "nergrit" / f for f in ("train_preprocess.txt", "valid_preprocess.txt")]
    else:
        files = [ner / "nerui" / f for f in ("train.01.tsv", "dev.01.tsv", "test.01.tsv")]
    return _mapped([s for f in files for s in read_conll(f)])


def _network(
    args: argparse.Namespace,
    tag: str,
    train: list[Sentence],
    other: list[Sentence],
    dev: list[Sentence],
    seed: int,
    table: dict[str, tuple[str, ...]],
) -> Path | None:
    """The cached network of one split and seed, trained if missing (on ``train`` and ``other``, the
    other corpus); None without torch/gensim."""
    stem = f"{tag}_cloze{args.pretrain_steps}" if args.pretrain_steps else tag
    stem += "_nn+ugm+nerp" if args.extra_corpora else "_nn"
    if args.average_from:
        stem += f"_avg{args.average_from}"
    net_path = args.cache / (f"{stem}.npz" if seed == 1 else f"{stem}_s{seed}.npz")
    if net_path.exists() and not args.fresh:
        return net_path
    try:
        from warta.understand.ner import train_nn
    except ImportError:
        return None
    ft = train_nn.ensure_vectors(args.data, args.cache)
    pretrained = (
        train_nn.ensure_pretrained(args.data, args.cache, table, args.pretrain_steps)
        if args.pretrain_steps
        else None
    )
    extra = other + _extra_corpora(args.data) if args.extra_corpora else other
    epochs = NERUI_NN_EPOCHS if dev else train_nn.SHIPPED_EPOCHS
    print(f"  ID-CNN {net_path.stem}: {len(train)} + {len(extra)} sentences, {epochs} epochs", flush=True)
    info = train_nn.train_nn(
        train + extra,
        ft,
        table,
        net_path,
        dev=dev or None,
        epochs=epochs,
        seed=seed,
        log=lambda s: None,
        pretrained=pretrained,
        average_from=args.average_from,
    )
    print(f"    best epoch {info['epoch']}, {info['seconds']:.0f}s", flush=True)
    return net_path


def _extra_corpora(data: Path) -> list[Sentence]:
    """All of NER-UGM (TIME and QUANTITY dropped) and of NERP (lower-cased; PPL, PLC and IND, whose
    firms come with products), mapped to PERSON/ORG/PLACE: the --extra-corpora study's data."""
    ner = data / "ner"
    files = [ner / "nerugm" / f"{s}.01.tsv" for s in ("train", "dev", "test")]
    files += [ner / "nerp" / f"{s}_preprocess.txt" for s in ("train", "valid", "test")]
    return _mapped([s for f in files for s in read_conll(f)])


def _crf(
    args: argparse.Namespace, tag: str, train: list[Sentence], table: dict[str, tuple[str, ...]]
) -> Path:
    """The cached CRF of one split, trained if missing."""
    model = args.cache / f"{tag}.crfsuite"
    if args.fresh or not model.exists():
        seconds = train_crf(train, table, model, c1=args.c1, c2=args.c2)
        print(f"  CRF {tag}: {seconds:.0f}s", flush=True)
    return model


def _load_seconds(neural: bool) -> float:
    code = (
        "import time; t=time.perf_counter(); from warta.understand import ner; "
        + ("ner.load()" if neural else "ner.Tagger(neural_path=None)")
        + "; print(time.perf_counter()-t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def _score_row(name: str, split: str, what: str, r: dict[str, float]) -> None:
    print(
        f"{name:8} {split:7} {what:9} {r['precision'] * 100:6.2f} {r['recall'] * 100:6.2f} {r['f1'] * 100:6.2f}",
        flush=True,
    )


def _quality(args: argparse.Namespace) -> None:
    table = WordTable.read(TABLE_PATH).entries
    folds = [int(k) for k in args.folds.split(",")]
    cache: Path = args.cache
    cache.mkdir(parents=True, exist_ok=True)
    weights = [float(w) for w in str(args.w).split(",")]
    print(f"{'set':8} {'split':7} {'model':9} {'P':>6} {'R':>6} {'F1':>6}")
    summary: dict[str, dict[str, list[float]]] = {}
    for name in args.sets.split(","):
        poe = name in POE_SETS and not args.crf_only
        per: dict[str, list[float]] = {"CRF": []}
        if poe:
            per |= {"CRF+other": [], "NN": [], **{f"PoE {w}": [] for w in weights}}
        summary[name] = per
        other = _other_corpus(args.data, name) if poe else []  # the same for every split
        for split, train, dev, test in _splits(args.data, name, folds, args.with_dev):
            tag = f"{name}_{split.replace(' ', '')}" + ("_dev" if args.with_dev else "")
            if poe:  # PERSON/ORG/PLACE for both models: a renaming, the CRF's F1 is the same
                train, dev, test = _mapped(train), _mapped(dev), _mapped(test)
            gold = [labels for _, labels in test]
            model = _crf(args, tag, train, table)
            r = score(gold, tag_all(model, test, table))
            per["CRF"].append(r["f1"])
            _score_row(name, split, "CRF", r)
            if not poe:
                continue
            # the product's CRF is trained as the shipped one is: with the other corpus too
            shipped = _crf(args, f"{tag}+other", train + other, table)
            r = score(gold, tag_all(shipped, test, table))
            per["CRF+other"].append(r["f1"])
            _score_row(name, split, "CRF+other", r)
            seeds = [int(x) for x in args.seeds.split(",")] if name == "nergrit" else [1]
            nets = [_network(args, tag, train, other, dev, seed, table) for seed in seeds]
            if None in nets:
                print("  (no torch/gensim here: the network is not trained; PoE skipped)", flush=True)
                continue
            crf_npz = cache / f"{shipped.stem}_crf.npz"
            if args.fresh or not crf_npz.exists() or CrfScores(crf_npz, table).digest != file_digest(shipped):
                from warta.understand.ner.train_nn import export_crf

                export_crf(shipped, crf_npz)
            crf = CrfScores(crf_npz, table)
            networks = [Network(path, table) for path in nets]
            words = [w for w, _ in test]
            for what, w in (("NN", 1.0), *((f"PoE {w}", w) for w in weights)):
                f1s = []
                for seed, net in zip(seeds, networks, strict=True):
                    r = score(gold, Poe(crf, net, w).tag_batch(words))
                    f1s.append(r["f1"])
                    _score_row(name, split, what if len(seeds) == 1 else f"{what} s{seed}", r)
                per[what].append(statistics.mean(f1s))
            check = Poe(crf, networks[0], 0.0).tag_batch(words[:200])
            if check != tag_all(shipped, test[:200], table):
                print("  WARNING: PoE with w=0 differs from the CRF", flush=True)

    print()
    columns = ["CRF", "CRF+other", "NN", *(f"PoE {w}" for w in weights)]
    heads = " ".join(f"{m:>9}" for m in columns)
    print(f"{'set':8} {'what':34} {heads}   published")
    for name, per in summary.items():
        n = len(per["CRF"])
        if not n:
            continue
        what = (
            f"mean of {n} folds ({args.folds})" if name != "nergrit" else f"test, mean of seeds {args.seeds}"
        )
        if name != "nergrit" and args.with_dev:
            what += ", +dev"
        cells = [
            f"{statistics.mean(per[m]) * 100:9.2f}" if len(per.get(m, [])) == n else f"{'-':>9}"
            for m in columns
        ]
        print(f"{name:8} {what:34} {' '.join(cells)}   {PUBLISHED[name]}")
        if name == "nerui":
            for m, f1s in per.items():
                if len(f1s) == n:
                    print(f"         per fold {m:9} " + " ".join(f"{x * 100:.2f}" for x in f1s))


def _speed(args: argparse.Namespace) -> None:
    """The shipped model: size, load time (fresh process), tagging speed (CPU time, one core)."""
    poe = load()
    crf = Tagger(neural_path=None)
    ner = args.data / "ner"
    sents = [w for w, _ in read_conll(ner / "nerui" / "test.01.tsv")]
    sents += [w for w, _ in read_conll(ner / "nergrit" / "test_preprocess.txt")]
    tokens = sum(map(len, sents)) / len(sents)
    size = (MODEL_PATH.stat().st_size + TABLE_PATH.stat().st_size) / 1e6
    extra = sum(p.stat().st_size for p in (NEURAL_PATH, CRF_WEIGHTS_PATH) if p.exists()) / 1e6
    print()
    print(
        f"shipped model: model.crfsuite + words.tsv.gz {size:.1f} MB, neural.npz + crf.npz {extra:.1f} MB; "
        f"PoE in use: {poe.neural}"
    )
    print(
        f"load (fresh process, wall): PoE {_load_seconds(True):.2f} s, CRF alone (pycrfsuite) {_load_seconds(False):.2f} s"
    )

    def rate(fn: object) -> float:
        fn()  # type: ignore[operator]  # warm the per-word caches
        t0 = time.process_time()
        fn()  # type: ignore[operator]
        return len(sents) / (time.process_time() - t0)

    print(f"tagging {len(sents)} sentences ({tokens:.0f} tokens each), sentences/s of CPU time, warm caches:")
    for label, fn in (
        ("CRF alone, tag() one sentence at a time", lambda: [crf.tag(s) for s in sents]),
        ("PoE, tag() one sentence at a time", lambda: [poe.tag(s) for s in sents]),
        (
            "PoE, tag_many() 16 sentences a call",
            lambda: [poe.tag_many(sents[i : i + 16]) for i in range(0, len(sents), 16)],
        ),
        (
            "PoE, tag_many() 64 sentences a call",
            lambda: [poe.tag_many(sents[i : i + 64]) for i in range(0, len(sents), 64)],
        ),
    ):
        print(f"  {label:42} {rate(fn):8,.0f}")
    news = args.data / "indonews-2025" / "articles.jsonl"
    if news.is_file():
        with open(news, encoding="utf-8") as f:
            bodies = [json.loads(line).get("body") or "" for _, line in zip(range(500), f, strict=False)]
        for label, tagger in (("CRF alone", Tagger(neural_path=None)), ("PoE", Tagger())):
            t0 = time.process_time()
            found = sum(len(tagger.entities(body)) for body in bodies)
            seconds = time.process_time() - t0
            print(
                f"entities() {label:9}: {len(bodies) / seconds:,.0f} articles/s over {len(bodies)} raw news bodies "
                f"(cold caches; sentence split + tokenize + tag), {found / len(bodies):.1f} entities/article"
            )
    print(f"load average {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--sets", default="nerui,nerugm,nergrit")
    parser.add_argument("--folds", default="1,2,3,4,5")
    parser.add_argument("--c1", type=float, default=0.01)
    parser.add_argument("--c2", type=float, default=0.2)
    parser.add_argument(
        "--w",
        default=f"{POE_WEIGHT},0.5",
        help="the network's share(s) in the PoE, comma-separated (shipped: POE_WEIGHT; 0.5: the study's NER-UI pick)",
    )
    parser.add_argument("--with-dev", action="store_true", help="NER-UI/UGM CRFs train on train+dev")
    parser.add_argument("--crf-only", action="store_true", help="score the CRF only (no network)")
    parser.add_argument("--cache", type=Path, default=ROOT / "bench" / "out" / "ner")
    parser.add_argument("--fresh", action="store_true", help="retrain the cached per-fold models")
    parser.add_argument(
        "--seeds",
        default="1,2,3",
        help="NERGrit: train a network from each seed, its figures the mean (its 209 test sentences"
        " move one network's figure by about 2 F1 from seed to seed); NER-UI: seed 1, over 5 folds",
    )
    parser.add_argument(
        "--extra-corpora",
        action="store_true",
        help="train the networks on all of NER-UGM and NERP as well (a study; not the shipped recipe)",
    )
    parser.add_argument(
        "--average-from",
        type=int,
        default=0,
        help="keep the networks' weights averaged over the training steps from this epoch on",
    )
    parser.add_argument("--speed-only", action="store_true")
    parser.add_argument(
        "--pretrain-steps",
        type=int,
        default=0,
        help="train the networks from the cloze-pretrained encoder (train_nn.PRETRAIN_STEPS in the"
        " study; kept in --cache); 0: the shipped recipe",
    )
    args = parser.parse_args(argv)
    if not (args.data / "ner").is_dir():
        print(f"no NER data under {args.data}; nothing to do")
        return 0
    t0 = time.time()
    if not args.speed_only:
        _quality(args)
    _speed(args)
    print()
    env = " ".join(f"{k}={os.environ[k]}" for k in ("PYTHONPATH", "OMP_NUM_THREADS") if k in os.environ)
    print(f"command: {env} {sys.executable} " + " ".join(shlex.quote(a) for a in sys.argv))
    print(f"wall time {time.time() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
