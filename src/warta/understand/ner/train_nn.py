"""Training the neural half of the entity tagger: an ID-CNN over fastText word vectors, a
character CNN and the word-table features, with a linear-chain CRF on top. Needs the
``train`` extra (torch, gensim); tagging needs numpy only (``neural.py``).

Three steps, each cached under ``--cache`` and reused when its output exists:

1. the unlabelled news (indonews-2025, indosum-dev: titles and bodies) split, tokenised,
   deduplicated and lower-cased into ``corpus.txt``;
2. fastText (gensim, skipgram, 100-d) on it: ``ft.model``;
3. the ID-CNN, trained on the shipped data (the CRF's: NERGrit train+valid and all of NER-UI),
   exported to ``neural.npz`` (int8 word embeddings), and the CRF's weights exported to
   ``crf.npz`` so that tagging needs neither torch nor pycrfsuite.

    warta train-ner --data ../shared/data             # word table, CRF, then this
    warta train-ner --data ../shared/data --nn-only   # this only (reuses the table and the CRF)
    python -m warta.understand.ner.train_nn --pretrain-steps 16000   # cloze-pretrained first (not shipped)

Fixed seeds and one thread: the same data gives the same model.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from warta.understand.ner.features import WordTable, _caps_runs
from warta.understand.ner.neural import FEAT_SPECS, MAXC, RUNB, WordFeatures, file_digest, viterbi_one
from warta.understand.ner.tokenize import sentences, tokenize
from warta.understand.ner.train import Sentence, score, shipped_training_data

__all__ = ["build_corpus", "export_crf", "export_nn", "main", "train_fasttext", "train_nn"]

HERE = Path(__file__).resolve().parent
# unlabelled text for the word vectors: (file under the data folder, the record fields read)
VECTOR_CORPORA = (
    ("indonews-2025/articles.jsonl", ("title", "body")),
    ("indosum-dev/articles.jsonl", ("title", "body", "text")),
)
SEED = 1
# the shipped network is trained for a fixed number of epochs (no held-out data left to choose on):
# 12, the count the side study's NERGrit train -> valid runs settled on (best epochs there 9-13)
SHIPPED_EPOCHS = 12


# ----------------------------------------------------------------------------- word vectors


def build_corpus(data_dir: Path, out: Path) -> int:
    """Lower-cased, tokenised, deduplicated sentences of the unlabelled news, one a line."""
    return _write_sentences(data_dir, out, lambda toks: [t.lower() for t in toks] if len(toks) >= 3 else None)


def _write_sentences(data_dir: Path, out: Path, keep: Callable[[list[str]], list[str] | None]) -> int:
    """The unlabelled news's sentences, tokenised, as ``keep`` gives them (None: left out),
    deduplicated, one a line (tokens joined by spaces) in ``out``; returns how many."""
    seen: set[bytes] = set()
    n = 0
    tmp = out.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        for name, keys in VECTOR_CORPORA:
            path = data_dir / name
            with open(path, encoding="utf-8") as src:
                for line in src:
                    record = json.loads(line)
                    for key in keys:
                        body = record.get(key) or ""
                        if not isinstance(body, str):
                            continue
                        for a, b in sentences(body):
                            chunk = body[a:b]
                            toks = keep([chunk[s:e] for s, e in tokenize(chunk)])
                            if toks is None:
                                continue
                            text = " ".join(toks)
                            digest = zlib.crc32(text.encode()).to_bytes(4, "little") + text[:64].encode()
                            if digest in seen:
                                continue
                            seen.add(digest)
                            f.write(text + "\n")
                            n += 1
    tmp.replace(out)
    return n


def _hash(text: str) -> int:
    """gensim's default is Python's hash(), which changes between runs; this one does not."""
    return zlib.crc32(text.encode("utf-8"))


class _Lines:
    def __init__(self, path: Path) -> None:
        self.path = path

    def __iter__(self) -> Iterator[list[str]]:
        with open(self.path, encoding="utf-8") as f:
            for line in f:
                yield line.split()


def train_fasttext(corpus: Path, out: Path) -> None:
    """Skipgram fastText, 100-d, window 5, char n-grams 3-5, one worker (reproducible)."""
    from gensim.models import FastText

    model = FastText(
        vector_size=100,
        window=5,
        min_count=3,
        sg=1,
        epochs=8,
        workers=1,
        min_n=3,
        max_n=5,
        bucket=300_000,
        negative=5,
        sample=1e-4,
        seed=SEED,
        hashfxn=_hash,
    )
    lines = _Lines(corpus)
    model.build_vocab(corpus_iterable=lines)
    model.train(corpus_iterable=lines, total_examples=model.corpus_count, epochs=model.epochs)
    model.save(str(out))


def _word_vectors(ft_path: Path, words: list[str]) -> np.ndarray:
    """fastText vectors of ``words`` (rows 0, 1: padding, unknown), scaled to mean norm 1."""
    from gensim.models import FastText

    ft = FastText.load(str(ft_path)).wv
    vec = np.zeros((len(words), ft.vector_size), dtype=np.float32)
    for i, w in enumerate(words[2:], 2):
        vec[i] = ft[w]
    vec /= np.linalg.norm(vec, axis=1, keepdims=True).mean() + 1e-9
    return vec


def _ft_vocab(ft_path: Path, n: int) -> list[str]:
    from gensim.models import FastText

    return list(FastText.load(str(ft_path)).wv.index_to_key[:n])


# ----------------------------------------------------------------------------- the network

_Encoded = tuple[list[int], list[list[int]], list[list[int]]]


# ----------------------------------------------------------------------------- cloze pretraining
#
# The encoder (everything below the label layer) first learns from the unlabelled news what a
# word's neighbours say about it: 15% of the tokens are hidden (their whole input row zeroed) and
# the network guesses each hidden word (the 20,000 most frequent, else "rare") and how it is
# written (lower case, capitalised, ...), so the convolutions learn, for instance, which contexts
# hold a name. The labelled data then starts from these weights. No pretrained model can be
# downloaded here; this is the contextual pretraining the unlabelled news allows. Off for the
# shipped model: on NERGrit valid (train + NER-UI) the product with the CRF gained 1.3-1.7 F1
# at w = 0.4 with the best epoch kept (best epoch 6-10), none at 12 fixed epochs (79.42 against
# 79.48), the shipped recipe, which has no held-out data to stop on.

PRETRAIN_STEPS = 16_000  # batches of 64 sentences: ~5.6 passes over the news, ~50 min on one core
_CLOZE_TARGETS = 20_000
_CLOZE_RATE = 0.15
_LABEL_LAYER = ("out.weight", "out.bias", "trans", "start", "end")  # not pretrained: per label set


def cased_sentences(data_dir: Path, out: Path) -> int:
    """The unlabelled news's sentences of 5-60 tokens, as written, deduplicated: one a line
    (tokens joined by spaces) in ``out``."""
    return _write_sentences(data_dir, out, lambda toks: toks if 5 <= len(toks) <= 60 else None)


def pretrain_encoder(
    corpus: Path,
    ft_path: Path,
    table: dict[str, tuple[str, ...]],
    out: Path,
    steps: int = PRETRAIN_STEPS,
    seed: int = SEED,
    n_vocab: int = 40_000,
    log: Callable[[str], None] = print,
) -> None:
    """Cloze-train the encoder on ``corpus`` (:func:`cased_sentences`) and save its weights with
    the words and characters their rows stand for (``torch.save``) to ``out``."""
    import torch
    from torch import nn

    from warta.understand.ner.neural import casing

    torch.set_num_threads(1)
    random.seed(seed)
    torch.manual_seed(seed)
    t0 = time.time()
    with open(corpus, encoding="utf-8") as f:
        sents = [line.split() for line in f]
    words = ["<pad>", "<unk>", *_ft_vocab(ft_path, n_vocab)]
    char_counts = Counter(c for ws in sents for w in ws for c in w)
    chars = ["<pad>", "<unk>", *sorted(c for c, n in char_counts.items() if n >= 20)]
    vocab = _Vocab(words, chars, table)
    model = _model_class()(_word_vectors(ft_path, words), len(chars), 1, dropout=0.1)
    word_head = nn.Linear(model.proj.out_features, _CLOZE_TARGETS + 1)  # the last: a rarer word
    case_head = nn.Linear(model.proj.out_features, 7)
    params = [*model.parameters(), *word_head.parameters(), *case_head.parameters()]
    opt = torch.optim.Adam(params, lr=1e-3)
    order = list(range(len(sents)))
    random.shuffle(order)
    at, shown = 0, [0.0, 0.0]
    for step in range(1, steps + 1):
        if at + 64 > len(order):
            random.shuffle(order)
            at = 0
        batch = sorted(order[at : at + 64], key=lambda i: len(sents[i]))
        at += 64
        wid, cid, fts, mask, _ = _batch([vocab.encode(sents[i]) for i in batch])
        hide = (torch.rand(wid.shape) < _CLOZE_RATE) & mask
        if not bool(hide.any()):
            continue
        target = wid[hide].clamp(max=_CLOZE_TARGETS)
        target[target == 1] = _CLOZE_TARGETS  # unknown words are rare ones too
        written = torch.tensor([casing(sents[batch[i]][j]) for i, j in hide.nonzero().tolist()])
        h = model.encode(wid, cid, fts, mask, hide)[hide]
        word_loss = nn.functional.cross_entropy(word_head(h), target)
        case_loss = nn.functional.cross_entropy(case_head(h), written)
        opt.zero_grad()
        (word_loss + case_loss).backward()
        torch.nn.utils.clip_grad_norm_(params, 5.0)
        opt.step()
        shown[0] += word_loss.item()
        shown[1] += case_loss.item()
        if step % 1000 == 0:
            log(
                f"  step {step}/{steps}: word loss {shown[0] / 1000:.3f}, casing loss {shown[1] / 1000:.3f}"
                f" ({time.time() - t0:.0f}s)"
            )
            shown = [0.0, 0.0]
    encoder = {k: v for k, v in model.state_dict().items() if k not in _LABEL_LAYER}
    torch.save({"words": words, "chars": chars, "state": encoder}, out)


def _start_from(model: Any, pretrained: Path, words: list[str], chars: list[str]) -> None:
    """Copy the pretrained encoder into ``model``: word and character rows matched by the word or
    character they stand for (the two vocabularies differ by the labelled data's words), the rest
    as they are."""
    import torch

    saved = torch.load(pretrained)
    state = dict(saved["state"])
    for key, mine, theirs in (("wemb.weight", words, saved["words"]), ("cemb.weight", chars, saved["chars"])):
        rows = model.state_dict()[key].clone()
        at = {w: i for i, w in enumerate(theirs)}
        pairs = [(i, at[w]) for i, w in enumerate(mine) if w in at]
        rows[[i for i, _ in pairs]] = state[key][[j for _, j in pairs]]
        state[key] = rows
    missing = model.load_state_dict(state, strict=False).missing_keys
    assert set(missing) <= set(_LABEL_LAYER), missing


class _Vocab:
    def __init__(self, words: list[str], chars: list[str], table: dict[str, tuple[str, ...]]) -> None:
        self.words = words
        self.chars = chars
        self._w = {w: i for i, w in enumerate(words)}
        self._c = {c: i for i, c in enumerate(chars)}
        self._feats = WordFeatures(table)

    def encode(self, words: list[str]) -> _Encoded:
        wid = [self._w.get(w.lower(), 1) for w in words]
        cid = [[self._c.get(c, 1) for c in w[:MAXC]] for w in words]
        feats = []
        for w, r in zip(words, _caps_runs(words), strict=True):
            f = self._feats(w)
            f[5] = RUNB[r]
            feats.append(f)
        return wid, cid, feats


def _model_class() -> Any:  # torch is imported here, not at module import
    import torch
    from torch import nn

    class IdCnnCrf(nn.Module):
        def __init__(
            self,
            wvecs: np.ndarray,
            n_chars: int,
            n_labels: int,
            channels: int = 128,
            dilations: tuple[int, ...] = (1, 2, 1),
            char_dim: int = 25,
            char_filters: int = 50,
            dropout: float = 0.5,
        ) -> None:
            super().__init__()
            self.wemb = nn.Embedding.from_pretrained(torch.tensor(wvecs), freeze=False, padding_idx=0)
            self.cemb = nn.Embedding(n_chars, char_dim, padding_idx=0)
            self.cconv = nn.Conv1d(char_dim, char_filters, 3, padding=1)
            self.femb = nn.ModuleList([nn.Embedding(n, d) for n, d in FEAT_SPECS])
            width = wvecs.shape[1] + char_filters + sum(d for _, d in FEAT_SPECS)
            self.drop = nn.Dropout(dropout)
            self.proj = nn.Linear(width, channels)
            self.dilations = dilations
            self.convs = nn.ModuleList(
                [nn.Conv1d(channels, channels, 3, dilation=d, padding=d) for d in dilations]
            )
            self.out = nn.Linear(channels, n_labels)
            self.trans = nn.Parameter(torch.zeros(n_labels, n_labels))
            self.start = nn.Parameter(torch.zeros(n_labels))
            self.end = nn.Parameter(torch.zeros(n_labels))

        def emissions(self, wid: Any, cid: Any, feats: Any, mask: Any) -> Any:
            return self.out(self.drop(self.encode(wid, cid, feats, mask)))

        def encode(self, wid: Any, cid: Any, feats: Any, mask: Any, hide: Any = None) -> Any:
            """(batch, tokens, channels) under the label layer; ``hide``: tokens whose input is
            zeroed (cloze pretraining)."""
            b, t = wid.shape
            ce = self.cemb(cid.view(b * t, -1)).transpose(1, 2)
            co = self.cconv(ce)
            cm = (cid.view(b * t, -1) > 0).unsqueeze(1)
            co = co.masked_fill(~cm, -1e4).max(2).values
            co = co.masked_fill(co < -1e3, 0.0).view(b, t, -1)
            x = torch.cat([self.wemb(wid), co] + [e(feats[:, :, i]) for i, e in enumerate(self.femb)], -1)
            if hide is not None:
                x = x * (~hide).unsqueeze(-1)
            x = self.drop(x)
            h = torch.relu(self.proj(x)) * mask.unsqueeze(-1)
            h = h.transpose(1, 2)
            for conv in self.convs:
                h = (torch.relu(conv(h)) + h) * mask.unsqueeze(1)
            return h.transpose(1, 2)

        def nll(self, em: Any, tags: Any, mask: Any) -> Any:
            _, t_max, _ = em.shape
            m = mask.float()
            gold = self.start[tags[:, 0]] + em[:, 0].gather(1, tags[:, :1]).squeeze(1)
            for t in range(1, t_max):
                step = self.trans[tags[:, t - 1], tags[:, t]] + em[:, t].gather(
                    1, tags[:, t : t + 1]
                ).squeeze(1)
                gold = gold + step * m[:, t]
            last = tags.gather(1, (mask.sum(1) - 1).unsqueeze(1)).squeeze(1)
            gold = gold + self.end[last]
            a = self.start + em[:, 0]
            for t in range(1, t_max):
                nxt = torch.logsumexp(a.unsqueeze(2) + self.trans.unsqueeze(0) + em[:, t].unsqueeze(1), 1)
                a = torch.where(mask[:, t : t + 1], nxt, a)
            return (torch.logsumexp(a + self.end, 1) - gold).sum()

    return IdCnnCrf


def _batch(encs: list[_Encoded], tags: list[list[int]] | None = None) -> tuple[Any, ...]:
    import torch

    b = len(encs)
    t = max(len(e[0]) for e in encs)
    width = max(len(c) for e in encs for c in e[1])
    wid = torch.zeros(b, t, dtype=torch.long)
    cid = torch.zeros(b, t, width, dtype=torch.long)
    ft = torch.zeros(b, t, len(FEAT_SPECS), dtype=torch.long)
    mask = torch.zeros(b, t, dtype=torch.bool)
    tg = torch.zeros(b, t, dtype=torch.long)
    for i, (w, c, f) in enumerate(encs):
        n = len(w)
        wid[i, :n] = torch.tensor(w)
        ft[i, :n] = torch.tensor(f)
        mask[i, :n] = True
        for j, cc in enumerate(c):
            cid[i, j, : len(cc)] = torch.tensor(cc)
        if tags is not None:
            tg[i, :n] = torch.tensor(tags[i])
    return wid, cid, ft, mask, tg


def _predict(model: Any, encs: list[_Encoded], labels: list[str]) -> list[list[str]]:
    import torch

    model.eval()
    trans, start, end = (p.detach().numpy().astype(np.float64) for p in (model.trans, model.start, model.end))
    out = []
    with torch.no_grad():
        for i in range(0, len(encs), 64):
            chunk = encs[i : i + 64]
            wid, cid, ft, mask, _ = _batch(chunk)
            em = model.emissions(wid, cid, ft, mask).numpy().astype(np.float64)
            for j, e in enumerate(chunk):
                out.append([labels[y] for y in viterbi_one(em[j, : len(e[0])], trans, start, end)])
    return out


def train_nn(
    train: list[Sentence],
    ft_path: Path,
    table: dict[str, tuple[str, ...]],
    out: Path,
    dev: list[Sentence] | None = None,
    epochs: int = SHIPPED_EPOCHS,
    seed: int = SEED,
    n_vocab: int = 40_000,
    log: Callable[[str], None] = print,
    stamp: dict[str, str] | None = None,
    pretrained: Path | None = None,
    average_from: int = 0,
) -> dict[str, float]:
    """Train the ID-CNN on ``train`` and export it to ``out`` (.npz), from the encoder
    ``pretrained`` (:func:`pretrain_encoder`) when given. With ``dev``, the epoch with the best
    dev F1 is kept; without, the last. With ``average_from``, the weights from that epoch on are
    the running average over every training step since (a study: not the shipped recipe).
    Returns {"epoch", "dev_f1", "seconds"}."""
    import torch

    torch.set_num_threads(1)
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    t0 = time.time()
    labels = sorted({lab for _, ls in train for lab in ls})
    index = {lab: i for i, lab in enumerate(labels)}
    words = ["<pad>", "<unk>", *_ft_vocab(ft_path, n_vocab)]
    known = set(words)
    for ws, _ in train:
        for w in ws:
            low = w.lower()
            if low not in known:
                known.add(low)
                words.append(low)
    wvecs = _word_vectors(ft_path, words)
    char_counts = Counter(c for ws, _ in train for w in ws for c in w)
    chars = ["<pad>", "<unk>", *sorted(c for c, n in char_counts.items() if n >= 2)]
    vocab = _Vocab(words, chars, table)
    enc = [vocab.encode(ws) for ws, _ in train]
    gold = [[index[lab] for lab in ls] for _, ls in train]
    dev_enc = [vocab.encode(ws) for ws, _ in dev] if dev else []
    model = _model_class()(wvecs, len(chars), len(labels))
    if pretrained is not None:
        _start_from(model, pretrained, words, chars)
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda e: 1.0 / (1 + 0.05 * e))
    order = list(range(len(enc)))
    best_f1, best_epoch, best_state = -1.0, 0, None
    averaged = None
    if average_from:
        from torch.optim.swa_utils import AveragedModel

        averaged = AveragedModel(model)
    for epoch in range(1, epochs + 1):
        t1 = time.time()
        model.train()
        # batches of similar length, in random order
        by_len = sorted(order, key=lambda i: len(enc[i][0]) + random.random() * 4)
        batches = [by_len[i : i + 16] for i in range(0, len(by_len), 16)]
        random.shuffle(batches)
        total = 0.0
        for b in batches:
            encs = []
            for i in b:
                w, c, f = enc[i]
                w = [1 if random.random() < 0.05 else x for x in w]  # word dropout
                encs.append((w, c, f))
            wid, cid, fts, mask, tg = _batch(encs, [gold[i] for i in b])
            loss = model.nll(model.emissions(wid, cid, fts, mask), tg, mask)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step()
            if averaged is not None and epoch >= average_from:
                averaged.update_parameters(model)
            total += loss.item()
        sched.step()
        line = f"  epoch {epoch} loss {total / len(enc):.3f}"
        # from average_from on, the weights kept (and scored on dev) are the running average
        now = averaged.module if averaged is not None and epoch >= average_from else model
        if dev:
            f1 = score([ls for _, ls in dev], _predict(now, dev_enc, labels))["f1"]
            line += f" dev F1 {f1 * 100:.2f}"
            if f1 > best_f1:
                best_f1, best_epoch = f1, epoch
                best_state = {k: v.clone() for k, v in now.state_dict().items()}
        log(line + f" ({time.time() - t1:.0f}s)")
    if best_state is None:
        best_epoch = epochs
        best_state = now.state_dict()
    model.load_state_dict(best_state)
    export_nn(model, words, chars, labels, out, stamp)
    gap = check_export(model, out, vocab, table, [ws for ws, _ in train[:64]])
    log(f"  numpy run of {out.name} matches torch on 64 sentences (largest difference {gap:.1e})")
    return {"epoch": best_epoch, "dev_f1": best_f1, "seconds": time.time() - t0}


def check_export(
    model: Any,
    out: Path,
    vocab: _Vocab,
    table: dict[str, tuple[str, ...]],
    sents: list[list[str]],
    tolerance: float = 1e-3,
) -> float:
    """Run the exported file in numpy on ``sents`` and compare with torch (given the file's
    int8-rounded embeddings); raise if any emission differs by more than ``tolerance``.

    Part of every training run rather than of the test suite: it needs torch, which only
    the ``train`` extra installs. Returns the largest difference seen."""
    import torch

    from warta.understand.ner.neural import Network

    net = Network(out, table)
    with np.load(out) as z:
        rounded = torch.tensor(z["wemb_q"].astype(np.float32) * z["wemb_s"])
    kept, was_training = model.wemb.weight.data, model.training
    model.wemb.weight.data = rounded
    model.eval()
    worst = 0.0
    try:
        for sent in sents:
            wid, cid, fts, mask, _ = _batch([vocab.encode(sent)])
            with torch.no_grad():
                want = model.emissions(wid, cid, fts, mask)[0].numpy()
            worst = max(worst, float(np.abs(net.scores([sent])[0] - want).max()))
    finally:
        model.wemb.weight.data = kept
        model.train(was_training)
    if worst > tolerance:
        raise RuntimeError(f"{out}: numpy emissions differ from torch's by {worst:.2e} (> {tolerance:g})")
    return worst


def export_nn(
    model: Any,
    words: list[str],
    chars: list[str],
    labels: list[str],
    out: Path,
    stamp: dict[str, str] | None = None,
) -> None:
    """The numpy side's file: float32 weights, the word embeddings int8 with a scale per row."""
    st = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    f32 = np.float32
    w = st["wemb.weight"]
    scale = np.abs(w).max(1, keepdims=True) / 127 + 1e-12
    arrays = {
        "wemb_q": np.round(w / scale).astype(np.int8),
        "wemb_s": scale.astype(f32),
        "cemb": st["cemb.weight"].astype(f32),
        "cconv_w": st["cconv.weight"].astype(f32),
        "cconv_b": st["cconv.bias"].astype(f32),
        "proj_w": st["proj.weight"].astype(f32),
        "proj_b": st["proj.bias"].astype(f32),
        "out_w": st["out.weight"].astype(f32),
        "out_b": st["out.bias"].astype(f32),
        "trans": st["trans"].astype(f32),
        "start": st["start"].astype(f32),
        "end": st["end"].astype(f32),
    }
    for i in range(len(FEAT_SPECS)):
        arrays[f"femb_{i}"] = st[f"femb.{i}.weight"].astype(f32)
    for i in range(len(model.dilations)):
        arrays[f"conv{i}_w"] = st[f"convs.{i}.weight"].astype(f32)
        arrays[f"conv{i}_b"] = st[f"convs.{i}.bias"].astype(f32)
    meta = {
        "words": words,
        "chars": chars,
        "labels": labels,
        "dilations": list(model.dilations),
        **(stamp or {}),
    }
    _save(out, meta, arrays)


def _save(out: Path, meta: dict, arrays: dict[str, np.ndarray]) -> None:
    tmp = out.with_name(out.name + ".tmp.npz")
    raw = np.frombuffer(json.dumps(meta, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)
    np.savez_compressed(tmp, meta=raw, **arrays)
    tmp.replace(out)


def export_crf(model_path: Path, out: Path) -> None:
    """The CRF's state weights (attribute x label) and transitions, for tagging without pycrfsuite."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    info = tagger.info()
    labels = sorted(tagger.labels())
    index = {lab: i for i, lab in enumerate(labels)}
    attrs: dict[str, int] = {}
    for a, _ in info.state_features:
        attrs.setdefault(a, len(attrs))
    w = np.zeros((len(attrs), len(labels)), np.float32)
    for (a, y), weight in info.state_features.items():
        w[attrs[a], index[y]] = weight
    trans = np.zeros((len(labels), len(labels)), np.float32)
    for (a, b), weight in info.transitions.items():
        trans[index[a], index[b]] = weight
    meta = {"labels": labels, "model_digest": file_digest(model_path)}
    names = np.frombuffer("\0".join(attrs).encode("utf-8"), dtype=np.uint8)
    _save(out, meta, {"attrs": names, "W": w, "T": trans})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m warta.understand.ner.train_nn", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--data", type=Path, default=Path("../shared/data"), help="the shared data folder")
    parser.add_argument("--out", type=Path, default=HERE, help="where neural.npz and crf.npz go")
    parser.add_argument("--cache", type=Path, default=Path("build/ner"), help="corpus and fastText model")
    parser.add_argument("--epochs", type=int, default=SHIPPED_EPOCHS)
    parser.add_argument(
        "--pretrain-steps",
        type=int,
        default=0,
        help=f"cloze-pretrain the encoder on the unlabelled news first ({PRETRAIN_STEPS} in the study;"
        " 0, the shipped model's recipe: no pretraining)",
    )
    args = parser.parse_args(argv)
    run(args.data, args.out, args.cache, args.epochs, args.pretrain_steps)
    return 0


def run(data: Path, out: Path, cache: Path, epochs: int = SHIPPED_EPOCHS, pretrain_steps: int = 0) -> None:
    t0 = time.time()
    ft = ensure_vectors(data, cache)  # makes the cache folder
    table = WordTable.read(out / "words.tsv.gz").entries
    pretrained = ensure_pretrained(data, cache, table, pretrain_steps) if pretrain_steps else None
    train = shipped_training_data(data)
    print(f"training the ID-CNN on {len(train)} sentences, {epochs} epochs ...", flush=True)
    stamp = {"table_digest": file_digest(out / "words.tsv.gz")}  # the word table it was trained with
    r = train_nn(
        train,
        ft,
        table,
        out / "neural.npz",
        epochs=epochs,
        log=lambda s: print(s, flush=True),
        stamp=stamp,
        pretrained=pretrained,
    )
    size = (out / "neural.npz").stat().st_size / 1e6
    print(f"  neural.npz: {size:.1f} MB in {r['seconds']:.0f}s", flush=True)
    export_crf(out / "model.crfsuite", out / "crf.npz")
    size = (out / "crf.npz").stat().st_size / 1e6
    print(
        f"  crf.npz: {size:.1f} MB (the CRF's weights for numpy); all in {time.time() - t0:.0f}s", flush=True
    )


def ensure_pretrained(data: Path, cache: Path, table: dict[str, tuple[str, ...]], steps: int) -> Path:
    """The cloze-pretrained encoder of ``steps`` batches under ``cache``, built if missing."""
    ft = ensure_vectors(data, cache)
    out = cache / f"cloze{steps}.pt"
    if not out.exists():
        corpus = ensure_sentences(data, cache)
        print(
            f"pretraining the encoder: {steps} cloze batches (about {steps * 0.19 / 60:.0f} min) ...",
            flush=True,
        )
        pretrain_encoder(corpus, ft, table, out, steps, log=lambda s: print(s, flush=True))
    return out


def ensure_sentences(data: Path, cache: Path) -> Path:
    """The unlabelled news's sentences as written (:func:`cased_sentences`) under ``cache``,
    collected if missing."""
    corpus = cache / "cased.txt"
    if not corpus.exists():
        cache.mkdir(parents=True, exist_ok=True)
        print("collecting the unlabelled news's sentences as written ...", flush=True)
        print(f"  {cased_sentences(data, corpus)} sentences -> {corpus}", flush=True)
    return corpus


def ensure_vectors(data: Path, cache: Path) -> Path:
    """The fastText model under ``cache``, built (corpus, then vectors) if missing."""
    corpus = cache / "corpus.txt"
    ft = cache / "ft.model"
    if not ft.exists():
        cache.mkdir(parents=True, exist_ok=True)
        if not corpus.exists():
            print("tokenising the unlabelled news for word vectors ...", flush=True)
            print(f"  {build_corpus(data, corpus)} sentences -> {corpus}", flush=True)
        print("training fastText word vectors (about 6 min) ...", flush=True)
        train_fasttext(corpus, ft)
    return ft


if __name__ == "__main__":
    sys.exit(main())
