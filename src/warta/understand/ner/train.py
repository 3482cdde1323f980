"""Training the shipped NER model, and the pieces bench/ner.py shares: corpus reading,
label mapping, entity-level scoring, and the word table mined from unlabelled text.

This and ``train_nn.py`` are the only modules of ``warta.understand.ner`` that read files
other than the shipped models; the pipeline never imports them.

    python -m warta.understand.ner.train --data ../shared/data            # table + CRF + network
    python -m warta.understand.ner.train --data ../shared/data --model-only  # CRF + network
    python -m warta.understand.ner.train --data ../shared/data --nn-only     # the network only
    python -m warta.understand.ner.train --data ../shared/data --crf-only    # no torch needed

The network (``train_nn.py``) needs the ``train`` extra (torch, gensim). Without it
(``--crf-only``) the tagger notices that ``crf.npz`` no longer matches the CRF and tags with
the CRF alone.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

from warta.understand.ner.features import Table, WordTable, sentence_features
from warta.understand.ner.tokenize import sentences, tokenize

__all__ = [
    "COMMON",
    "build_word_table",
    "entity_spans",
    "main",
    "map_labels",
    "read_conll",
    "score",
    "train_crf",
]

HERE = Path(__file__).resolve().parent
Sentence = tuple[list[str], list[str]]

# corpus label type -> the shipped model's type (None: dropped to O)
COMMON: dict[str, str | None] = {
    "PERSON": "PERSON",
    "PER": "PERSON",
    "PPL": "PERSON",
    "ORGANISATION": "ORG",
    "ORGANIZATION": "ORG",
    "ORG": "ORG",
    "IND": "ORG",
    "PLACE": "PLACE",
    "LOCATION": "PLACE",
    "LOC": "PLACE",
    "PLC": "PLACE",
}


def read_conll(path: Path) -> list[Sentence]:
    """token TAB label lines, a blank line between sentences."""
    out: list[Sentence] = []
    words: list[str] = []
    labels: list[str] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                if words:
                    out.append((words, labels))
                    words, labels = [], []
                continue
            token, _, label = line.rpartition("\t")
            if not token:
                token, label = line.split()[0], line.split()[-1]
            words.append(token)
            labels.append(label.strip() or "O")
    if words:
        out.append((words, labels))
    return out


def map_labels(labels: list[str], mapping: dict[str, str | None] = COMMON) -> list[str]:
    out = []
    for lab in labels:
        if lab == "O":
            out.append("O")
            continue
        prefix, _, kind = lab.partition("-")
        new = mapping.get(kind)
        out.append(f"{prefix}-{new}" if new else "O")
    return out


def entity_spans(labels: list[str]) -> set[tuple[int, int, str]]:
    """conlleval-style chunks (start, end, type) of a BIO sequence; a stray I- opens a chunk."""
    spans = set()
    start, kind = -1, ""
    for i, lab in enumerate([*labels, "O"]):
        prefix, _, k = lab.partition("-")
        if prefix == "I" and start >= 0 and k == kind:
            continue
        if start >= 0:
            spans.add((start, i, kind))
            start = -1
        if prefix in ("B", "I"):
            start, kind = i, k
    return spans


def score(gold: list[list[str]], pred: list[list[str]]) -> dict[str, float]:
    """Entity-level precision, recall and F1 (exact span and type), micro-averaged."""
    tp = n_gold = n_pred = 0
    for g, p in zip(gold, pred, strict=True):
        gs, ps = entity_spans(g), entity_spans(p)
        tp += len(gs & ps)
        n_gold += len(gs)
        n_pred += len(ps)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "gold": n_gold, "pred": n_pred}


# ----------------------------------------------------------------------------- word table


def _corpus_sentences(paths: Iterable[Path]) -> Iterator[list[str]]:
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                body = record.get("body") or record.get("text") or ""
                for a, b in sentences(body):
                    chunk = body[a:b]
                    yield [chunk[s:e] for s, e in tokenize(chunk)]


def _kmeans(x: np.ndarray, k: int, weights: np.ndarray, iters: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    # start from the k most frequent words' vectors plus noise-free random picks
    idx = rng.choice(len(x), size=k, replace=False, p=weights / weights.sum())
    centroids = x[idx].copy()
    sq = (x * x).sum(1)
    assign = np.zeros(len(x), dtype=np.int64)
    for _ in range(iters):
        d = sq[:, None] - 2 * x @ centroids.T + (centroids * centroids).sum(1)[None, :]
        assign = d.argmin(1)
        for c in range(k):
            members = assign == c
            if members.any():
                w = weights[members][:, None]
                centroids[c] = (x[members] * w).sum(0) / w.sum()
            else:
                centroids[c] = x[rng.integers(len(x))]
    return assign


def build_word_table(
    corpora: list[Path],
    min_count: int = 3,
    dim: int = 100,
    ks: tuple[int, int, int] = (64, 256, 1024),
    vectors_out: Path | None = None,
    offsets: tuple[int, ...] = (-2, -1, 1, 2),
) -> WordTable:
    """Cluster ids (PPMI-SVD context vectors + k-means) and capitalisation buckets per word."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.linalg import svds

    t0 = time.time()
    counts: Counter[str] = Counter()
    caps: Counter[str] = Counter()
    mids: Counter[str] = Counter()
    sents: list[list[str]] = []
    for words in _corpus_sentences(corpora):
        lows = [w.lower() for w in words]
        sents.append(lows)
        counts.update(lows)
        for i, w in enumerate(words):
            if i == 0 or not w[:1].isalpha() or words[i - 1] in ('"', "“", ":", "(", "'"):
                continue
            mids[lows[i]] += 1
            if w[:1].isupper():
                caps[lows[i]] += 1
    vocab = [w for w, c in counts.most_common() if c >= min_count]
    index = {w: i for i, w in enumerate(vocab)}
    n_ctx = min(len(vocab), 20000)
    print(f"  corpus: {len(sents)} sentences, {sum(counts.values())} tokens, vocab {len(vocab)}", flush=True)

    # context = (word, offset) for offsets -2,-1,+1,+2 among the n_ctx most frequent words, plus boundary
    bos = n_ctx
    ids = []
    for s in sents:
        ids.append(-2)
        ids.extend(index.get(w, -1) for w in s)
    ids.append(-2)
    arr = np.asarray(ids, dtype=np.int64)
    rows, cols = [], []
    width = n_ctx + 1
    for slot, off in enumerate(offsets):
        a = arr[max(0, -off) : len(arr) - max(0, off)]
        b = arr[max(0, off) : len(arr) - max(0, -off)]
        ok = (a >= 0) & ((b >= 0) & (b < n_ctx) | (b == -2))
        ctx = np.where(b[ok] == -2, bos, b[ok])
        rows.append(a[ok])
        cols.append(slot * width + ctx)
    r = np.concatenate(rows)
    c = np.concatenate(cols)
    m = coo_matrix(
        (np.ones(len(r), dtype=np.float64), (r, c)), shape=(len(vocab), len(offsets) * width)
    ).tocsr()
    m.sum_duplicates()
    total = m.sum()
    row_sum = np.asarray(m.sum(1)).ravel()
    col_sum = np.asarray(m.sum(0)).ravel() ** 0.75
    col_p = col_sum / col_sum.sum()
    m = m.tocoo()
    pmi = np.log((m.data / total) / ((row_sum[m.row] / total) * col_p[m.col]))
    keep = pmi > 0
    ppmi = coo_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape).tocsr()
    u, s, _ = svds(ppmi, k=dim)
    vec = u * np.sqrt(s)[None, :]
    vec /= np.linalg.norm(vec, axis=1, keepdims=True) + 1e-9
    print(f"  vectors: {vec.shape} in {time.time() - t0:.0f}s", flush=True)
    if vectors_out is not None:
        np.save(vectors_out, vec.astype(np.float32))
        vectors_out.with_suffix(".vocab").write_text("\n".join(vocab), encoding="utf-8")

    weights = np.log1p(np.array([counts[w] for w in vocab], dtype=np.float64))
    assigns = [_kmeans(vec, k, weights, iters=15, seed=k) for k in ks]
    print(f"  clusters {ks} in {time.time() - t0:.0f}s", flush=True)

    entries: dict[str, tuple[str, ...]] = {}
    for i, w in enumerate(vocab):
        n = mids[w]
        if n < 3:
            bucket = "n"
        else:
            ratio = caps[w] / n
            bucket = (
                "0"
                if ratio < 0.02
                else "1"
                if ratio < 0.3
                else "2"
                if ratio < 0.7
                else "3"
                if ratio < 0.97
                else "4"
            )
        entries[w] = (*(str(a[i]) for a in assigns), bucket)
    return WordTable(entries)


# ----------------------------------------------------------------------------- training

# unlabelled text the word table is mined from (Indonesian news, plus English news for capitalisation habits)
UNLABELLED = ("indonews-2025/articles.jsonl", "indosum-dev/articles.jsonl", "ecbplus/docs.jsonl")


def train_crf(
    data: list[Sentence],
    table: Table,
    out: Path,
    c1: float = 0.01,
    c2: float = 0.2,
    max_iterations: int = 200,
) -> float:
    """Train a CRF on ``data`` into ``out``; returns seconds taken."""
    import pycrfsuite

    t0 = time.time()
    trainer = pycrfsuite.Trainer(verbose=False)
    for words, labels in data:
        trainer.append(sentence_features(words, table), labels)
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": max_iterations,
            "feature.possible_transitions": True,
        }
    )
    trainer.train(str(out))
    return time.time() - t0


def tag_all(model: Path, data: list[Sentence], table: Table) -> list[list[str]]:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    return [tagger.tag(sentence_features(words, table)) for words, _ in data]


def shipped_training_data(data_dir: Path) -> list[Sentence]:
    """NERGrit train+valid and all of NER-UI (one fold's train+dev+test), mapped to PERSON/ORG/PLACE."""
    ner = data_dir / "ner"
    out: list[Sentence] = []
    for name in ("train_preprocess.txt", "valid_preprocess.txt"):
        out.extend(read_conll(ner / "nergrit" / name))
    for name in ("train.01.tsv", "dev.01.tsv", "test.01.tsv"):
        out.extend(read_conll(ner / "nerui" / name))
    return [(w, map_labels(lab)) for w, lab in out]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="warta train-ner", description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"), help="the shared data folder")
    parser.add_argument(
        "--out", type=Path, default=HERE, help="where model.crfsuite, words.tsv.gz, neural.npz and crf.npz go"
    )
    parser.add_argument("--model-only", action="store_true", help="reuse the existing word table")
    parser.add_argument("--crf-only", action="store_true", help="skip the network (no torch needed)")
    parser.add_argument("--nn-only", action="store_true", help="reuse the word table and the CRF")
    parser.add_argument("--cache", type=Path, default=Path("build/ner"), help="corpus and fastText model")
    # c1/c2 chosen on NERGrit train -> valid (the test splits were not used to choose them)
    parser.add_argument("--c1", type=float, default=0.01)
    parser.add_argument("--c2", type=float, default=0.2)
    args = parser.parse_args(argv)

    table_path = args.out / "words.tsv.gz"
    if args.nn_only:
        return _train_nn(args)
    if args.model_only:
        table = WordTable.read(table_path)
    else:
        corpora = [args.data / p for p in UNLABELLED]
        print("building the word table from unlabelled news ...", flush=True)
        table = build_word_table(corpora)
        table.write(table_path)
        print(f"  {len(table.entries)} words -> {table_path}", flush=True)
    data = shipped_training_data(args.data)
    print(f"training on {len(data)} sentences ...", flush=True)
    seconds = train_crf(data, table.entries, args.out / "model.crfsuite", c1=args.c1, c2=args.c2)
    size = (args.out / "model.crfsuite").stat().st_size
    print(f"  model.crfsuite: {size / 1e6:.1f} MB in {seconds:.0f}s", flush=True)
    if args.crf_only:
        print("  (--crf-only: crf.npz/neural.npz are now stale, the tagger uses the CRF alone)", flush=True)
        return 0
    return _train_nn(args)


def _train_nn(args: argparse.Namespace) -> int:
    try:
        from warta.understand.ner import train_nn
    except ImportError as exc:
        print(f"the network needs torch and gensim (pip install 'warta[train]'): {exc}", file=sys.stderr)
        return 1
    train_nn.run(args.data, args.out, args.cache)
    return 0


if __name__ == "__main__":
    sys.exit(main())
