"""The neural half of the entity tagger, and its product with the CRF, in numpy only.

The network (trained by ``train_nn.py``, shipped as ``neural.npz``) is a small ID-CNN: each
token's input is its lower-cased word embedding (fastText-initialised, int8 in the file), a
character CNN over the word as written, the word table's cluster ids and capitalisation
bucket, the cue class, its place in a run of capitalised words and its casing. A projection
to 128 channels, three residual dilated convolutions (width 3, dilations 1, 2, 1) and a linear
layer give per-label scores; a CRF transition matrix sits on top.

Everything that depends on the word alone (embedding, char CNN, table features, times the
projection) is computed once per word form and cached, so a sentence costs three small
matrix products. Sentences are packed into one sequence with gaps of zeros (as wide as the
largest dilation, and zeroed again after every layer), which gives the same scores as one
sentence at a time; the CRF's scores and the Viterbi pass are batched the same way.

``Poe`` is the tagger used at run time: one Viterbi pass over ``(1 - w) * CRF scores + w *
network scores`` (a log-linear product of experts). The CRF's scores come from its weights
exported to ``crf.npz`` at training time, summed per word form and cached too; with
``w = 0`` the labels are the CRF's own.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from functools import cache
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy as np
from threadpoolctl import ThreadpoolController

from warta.understand.ner.features import _CUES, Table, _pack

__all__ = ["POE_WEIGHT", "CrfScores", "Network", "Poe", "WordFeatures", "casing", "file_digest"]

# the network's share of the scores: 0.4, the side study's pick for one model serving both corpora
# (NER-UI dev peaked at 0.5, NERGrit valid at 0.3-0.4, each within ~0.2 F1 at 0.4); at 0.5 the
# network's misses on names it never saw ("Xi Jinping") start to win over the CRF
POE_WEIGHT = 0.4

# (rows, width) of the table-feature embeddings: c1, c2, c3, capitalisation bucket, cue class,
# caps-run position, casing. Row 0 of the cluster ids is "not in the table".
FEAT_SPECS = ((66, 8), (258, 16), (1026, 16), (7, 4), (6, 4), (5, 4), (7, 6))
MAXC = 20  # characters of a word seen by the char CNN
RUNB = {"O": 0, "B": 1, "I": 2, "E": 3, "S": 4}
_CAPB = {"n": 1, "0": 2, "1": 3, "2": 4, "3": 5, "4": 6}
_CUEB = {"": 0, "PT": 1, "PL": 2, "OR": 3, "PP": 4, "SP": 5}
_RUN_SLOT = 5  # index of the caps-run feature in FEAT_SPECS: the one that depends on neighbours

# per-word caches: ~1 KB a word for both experts together; cleared when full
_CACHE_LIMIT = 60_000


def casing(word: str) -> int:
    """1 lower, 2 capitalised (or one capital), 3 all capitals, 4 mixed, 5 has a digit, 6 no letter."""
    if any(c.isdigit() for c in word):
        return 5
    if not any(c.isalpha() for c in word):
        return 6
    if word.isupper():
        return 3 if len(word) > 1 else 2
    if word[:1].isupper():
        return 2
    if word.islower():
        return 1
    return 4


class WordFeatures:
    """The table features of one word, as row indices into FEAT_SPECS (caps run left at 0)."""

    def __init__(self, table: Table) -> None:
        self.table = table

    def __call__(self, word: str) -> list[int]:
        low = word.lower()
        f = self.table.get(low)
        if f is None:
            c1 = c2 = c3 = cap = 0
        else:
            c1, c2, c3, cap = int(f[0]) + 1, int(f[1]) + 1, int(f[2]) + 1, _CAPB.get(f[-1], 0)
        return [c1, c2, c3, cap, _CUEB[_CUES.get(low, "")], 0, casing(word)]


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def _meta(z: Any) -> dict[str, Any]:
    return json.loads(z["meta"].tobytes().decode("utf-8"))


@cache
def _blas() -> ThreadpoolController:
    # The network's matrix products are small: waking BLAS threads for them costs more than it
    # saves (with numpy's default two threads on two cores, tagging ran about 2x slower and
    # varied from run to run), so tagging runs with one (~7 us to set and restore per batch).
    return ThreadpoolController()


def viterbi_one(e: np.ndarray, trans: np.ndarray, start: np.ndarray, end: np.ndarray) -> list[int]:
    """Best label ids for one (n, K) score matrix (2-d arrays: about twice as fast as a batch of one)."""
    best = start + e[0]
    back = np.zeros((len(e), trans.shape[0]), np.int64)
    for t in range(1, len(e)):
        x = best[:, None] + trans
        back[t] = x.argmax(0)
        best = x.max(0) + e[t]
    return _backtrack(back, int((best + end).argmax()), len(e))


def _backtrack(back: np.ndarray, last: int, n: int) -> list[int]:
    """The label path ending in ``last``, read back through ``back`` (n, K) pointers."""
    y = last
    seq = [y]
    for t in range(n - 1, 0, -1):
        y = int(back[t, y])
        seq.append(y)
    return seq[::-1]


def _split(flat: np.ndarray, sents: Sequence[list[str]]) -> list[np.ndarray]:
    """Rows of ``flat`` (all tokens, one sentence after another) cut back into sentences."""
    return np.split(flat, np.cumsum([len(s) for s in sents])[:-1]) if len(sents) else []


def _viterbi(
    scores: list[np.ndarray], trans: np.ndarray, start: np.ndarray, end: np.ndarray
) -> list[list[int]]:
    """Best label ids for each (n_i, K) score matrix, all sentences in one pass.

    The sentences go longest first, so at step t the ones still running are a prefix of the
    batch and each step works on that prefix only."""
    b = len(scores)
    if b == 1:
        return [viterbi_one(scores[0], trans, start, end)]
    order = sorted(range(b), key=lambda j: -len(scores[j]))
    lens = [len(scores[j]) for j in order]
    t_max = lens[0]
    k = trans.shape[0]
    e = np.zeros((b, t_max, k))
    for row, j in enumerate(order):
        e[row, : lens[row]] = scores[j]
    best = start + e[:, 0]
    back = np.zeros((b, t_max, k), np.int64)
    running = b  # sentences longer than t: the first `running` rows
    for t in range(1, t_max):
        while lens[running - 1] <= t:
            running -= 1
        x = best[:running, :, None] + trans
        back[:running, t] = x.argmax(1)
        best[:running] = x.max(1) + e[:running, t]
    last = (best + end).argmax(1)
    out: list[list[int]] = [[] for _ in range(b)]
    for row, j in enumerate(order):
        out[j] = _backtrack(back[row], int(last[row]), lens[row])
    return out


class Network:
    """The ID-CNN tagger, read from ``neural.npz``."""

    def __init__(self, path: Path, table: Table) -> None:
        with np.load(path) as z:
            meta = _meta(z)
            a = {k: z[k] for k in z.files if k != "meta"}
        self.labels: list[str] = meta["labels"]
        self.table_digest: str | None = meta.get("table_digest")  # of the word table it was trained with
        self._words = {w: i for i, w in enumerate(meta["words"])}
        self._chars = {c: i for i, c in enumerate(meta["chars"])}
        self._dilations: list[int] = meta["dilations"]
        self._feats = WordFeatures(table)
        f32 = np.float32
        self._wemb_q = a["wemb_q"]  # int8, scaled per row: dequantised per word, on first sight
        self._wemb_s = a["wemb_s"].astype(f32)
        self._cemb = a["cemb"].astype(f32)
        cw = a["cconv_w"].astype(f32)  # (filters, char dim, 3)
        self._cw = cw.transpose(2, 1, 0).reshape(-1, cw.shape[0]).copy()
        self._cb = a["cconv_b"].astype(f32)
        femb = [a[f"femb_{i}"].astype(f32) for i in range(len(FEAT_SPECS))]
        proj = a["proj_w"].astype(f32).T.copy()  # (input, C)
        # split the projection by input block: word+chars, then each table feature
        wd = self._wemb_q.shape[1] + self._cb.shape[0]
        self._proj_wc = proj[:wd]
        self._feat_proj = []
        at = wd
        for e in femb:
            self._feat_proj.append(e @ proj[at : at + e.shape[1]])  # rows -> C, precomputed
            at += e.shape[1]
        self._proj_b = a["proj_b"].astype(f32)
        self._convs = []
        for i in range(len(self._dilations)):
            w = a[f"conv{i}_w"].astype(f32)  # (C out, C in, 3 taps)
            # (C in, 3 C out): the three taps side by side, one product per layer (see scores_of)
            self._convs.append(
                (w.transpose(1, 2, 0).reshape(w.shape[1], -1).copy(), a[f"conv{i}_b"].astype(f32))
            )
        self._out_w = a["out_w"].astype(f32).T.copy()
        self._out_b = a["out_b"].astype(f32)
        self.trans = a["trans"].astype(np.float64)
        self.start = a["start"].astype(np.float64)
        self.end = a["end"].astype(np.float64)
        self._run = self._feat_proj[_RUN_SLOT]
        self._gap = max(self._dilations)  # zeros between packed sentences, re-zeroed after each layer
        self._lexicon = _Lexicon(self._make)

    def _make(self, words: list[str]) -> np.ndarray:
        """The projection's input from everything that depends on the word alone, for new words
        together: (len(words), C)."""
        wid = [self._words.get(w.lower(), 1) for w in words]
        emb = self._wemb_q[wid].astype(np.float32) * self._wemb_s[wid]
        # the char CNN over all words at once: each word padded with a zero vector at both ends,
        # positions past a word's end masked out of the max
        lens = np.array([min(len(w), MAXC) for w in words])
        width = max(1, int(lens.max()))
        cid = np.zeros((len(words), width + 2), np.int64)
        for j, w in enumerate(words):
            cid[j, 1 : 1 + lens[j]] = [self._chars.get(ch, 1) for ch in w[:MAXC]]
        ce = self._cemb[cid]
        ce[:, 0] = 0.0
        ce[np.arange(width + 2)[None, :] > lens[:, None]] = 0.0
        x = np.concatenate([ce[:, :-2], ce[:, 1:-1], ce[:, 2:]], 2)  # (M, width, 3 * char dim)
        conv = x @ self._cw + self._cb
        # an empty token (only a caller can pass one) keeps its one all-zero window
        conv[np.arange(width)[None, :] >= np.maximum(lens, 1)[:, None]] = -np.inf
        v = np.concatenate([emb, conv.max(1)], 1) @ self._proj_wc + self._proj_b
        feats = np.array([self._feats(w) for w in words])
        for slot, table in enumerate(self._feat_proj):
            if slot != _RUN_SLOT:
                v += table[feats[:, slot]]
        return v

    def scores(self, sents: Sequence[list[str]]) -> list[np.ndarray]:
        """Per-label scores (n_i, K) of each sentence (an empty one gets (0, K)), in one packed pass."""
        return _split(self.scores_flat(sents), sents)

    def scores_flat(self, sents: Sequence[list[str]]) -> np.ndarray:
        """Per-label scores of every token of ``sents``, one sentence after another: (tokens, K)."""
        return self.scores_of(_Batch(sents))

    def scores_of(self, batch: _Batch) -> np.ndarray:
        """:meth:`scores_flat` of a laid-out batch. The sentences are packed into one sequence with
        ``gap`` zero rows between them, re-zeroed after each layer."""
        c = self._proj_b.shape[0]
        if not batch.words:
            return np.zeros((0, self._out_b.shape[0]))
        idx = np.arange(len(batch.words)) + self._gap * batch.sentence  # place in the packed sequence
        n = int(idx[-1]) + 1
        h = np.zeros((n, c), np.float32)
        live = np.zeros((n, 1), np.float32)
        h[idx] = self._lexicon.rows(batch.words) + self._run[batch.runs]
        live[idx] = 1.0
        h = np.maximum(h, 0)
        for (w, b), d in zip(self._convs, self._dilations, strict=True):
            # each row times all three taps at once, then shifted into place: row i gets tap 0 of
            # row i - d, tap 1 of itself and tap 2 of row i + d (half the time of gathering
            # the three rows side by side first); the zero gap rows keep sentences apart
            y = h @ w
            x = y[:, c : 2 * c] + b
            x[d:] += y[:-d, :c]
            x[:-d] += y[d:, 2 * c :]
            h = (np.maximum(x, 0) + h) * live
        return (h[idx] @ self._out_w + self._out_b).astype(np.float64)


class CrfScores:
    """The CRF's per-token label scores and transitions, from its weights exported to ``crf.npz``.

    A token's attributes are its own word's, its neighbours' (offsets -2..+2), word pairs and
    caps-run position (see ``features.sentence_features``); the weights of each word's five
    groups are summed once per word form and kept.
    """

    def __init__(self, path: Path, table: Table) -> None:
        with np.load(path) as z:
            meta = _meta(z)
            names = z["attrs"].tobytes().decode("utf-8").split("\0")
            w = z["W"].astype(np.float32)
            self.trans = z["T"].astype(np.float64)
        self.labels: list[str] = meta["labels"]
        self.digest: str = meta["model_digest"]
        k = len(self.labels)
        # float64, as crfsuite sums; the last row, zeros, stands for unknown attributes
        self._w = np.vstack([w, np.zeros((1, k), np.float32)]).astype(np.float64)
        self._unk = len(w)
        self._attr = {name: i for i, name in enumerate(names)}
        self._table = table
        row = self._row
        self._first = row("first") + row("BOS")
        self._eos = row("EOS")
        self._run = np.stack([row("r=" + r) for r in RUNB])  # by RUNB id
        # by 5 * previous + current RUNB id; the last row (zeros) for a sentence's first token
        self._run2 = np.stack([*(row("-1r=" + a + b) for a in RUNB for b in RUNB), np.zeros(k)])
        self._lexicon = _Lexicon(self._make)

    def _row(self, name: str) -> np.ndarray:
        return self._w[self._attr.get(name, self._unk)]

    def _make(self, words: list[str]) -> np.ndarray:
        """The summed weights of each word's own attributes and of those it lends its neighbours
        (own, as -1, as +1, as -2, as +2): (len(words), 5, K)."""
        get = self._attr.get
        unk = self._unk
        ids: list[int] = []
        starts: list[int] = []
        for word in words:
            for group in _pack(word, self._table)[:5]:  # never empty
                starts.append(len(ids))
                ids.extend(map(get, group, repeat(unk)))  # get(f, unk) for each, without a Python loop
        return np.add.reduceat(self._w[ids], starts, axis=0).reshape(len(words), 5, -1)

    def scores_flat(self, sents: Sequence[list[str]]) -> np.ndarray:
        """(total tokens, K) summed attribute weights, one sentence after another: what
        crfsuite computes as state scores."""
        return self.scores_of(_Batch(sents))

    def scores_of(self, batch: _Batch) -> np.ndarray:
        """:meth:`scores_flat` of a laid-out batch: the same sums in the same order as for one
        sentence; across a sentence boundary they add zeros."""
        words = batch.words
        n = len(words)
        if not n:
            return np.zeros((0, len(self.labels)))
        g = self._lexicon.rows(words)  # (N, 5, K)
        pos, rem, runs = batch.pos, batch.rem, batch.runs
        e = g[:, 0].copy()
        e[1:] += g[:-1, 1] * (pos[1:] >= 1)[:, None]
        e[2:] += g[:-2, 3] * (pos[2:] >= 2)[:, None]
        e[:-1] += g[1:, 2] * (rem[:-1] >= 1)[:, None]
        e[:-2] += g[2:, 4] * (rem[:-2] >= 2)[:, None]
        e += self._run[runs]
        if n > 1:
            # word pairs: the pair (i - 1, i) is "-1|a|b" for token i and "+1|a|b" for token i - 1
            get = self._attr.get
            unk = self._unk
            lows = ["|w=" + w.lower() for w in words]
            joined = (pos[1:] > 0).tolist()  # token i and i + 1 are in one sentence
            pairs = [a + b if j else "" for a, b, j in zip(lows, lows[1:], joined, strict=False)]
            e[1:] += self._w[[get("-1" + p, unk) if p else unk for p in pairs]]
            e[:-1] += self._w[[get("+1" + p, unk) if p else unk for p in pairs]]
            e[1:] += self._run2[np.where(pos[1:] > 0, 5 * runs[:-1] + runs[1:], 25)]
        e[pos == 0] += self._first
        e[rem == 0] += self._eos
        return e


class _Batch:
    """Sentences laid out one after another: each token's word, sentence, index in its
    sentence (``pos``), tokens after it in its sentence (``rem``) and caps-run id (RUNB)."""

    def __init__(self, sents: Sequence[list[str]]) -> None:
        self.words = [w for s in sents for w in s]
        lens = np.array([len(s) for s in sents], np.int64)
        starts = np.cumsum(lens) - lens
        self.sentence = np.repeat(np.arange(len(lens)), lens)
        self.pos = np.arange(len(self.words)) - starts[self.sentence]
        self.rem = lens[self.sentence] - 1 - self.pos
        # features._caps_runs, for all sentences at once
        caps = np.array([w[:1].isupper() for w in self.words], bool)
        before = np.zeros_like(caps)
        before[1:] = caps[:-1]
        before &= self.pos > 0
        after = np.zeros_like(caps)
        after[:-1] = caps[1:]
        after &= self.rem > 0
        o, b, i, e, s = (RUNB[k] for k in "OBIES")
        self.runs = np.where(caps, np.where(before, np.where(after, i, e), np.where(after, b, s)), o)


class _Lexicon:
    """Rows that depend on the word form alone, made once per form (in bulk, for the forms a
    batch brings new) and kept in one array, so a batch is one dict lookup per token and one
    gather. Cleared when full."""

    def __init__(self, make: Callable[[list[str]], np.ndarray], limit: int = _CACHE_LIMIT) -> None:
        self._make = make
        self._limit = limit
        self._ids: dict[str, int] = {}
        self._rows: np.ndarray | None = None

    def rows(self, words: list[str]) -> np.ndarray:
        get = self._ids.get
        ids = [get(w, -1) for w in words]
        if -1 in ids:
            new = list(dict.fromkeys(w for w, i in zip(words, ids, strict=True) if i < 0))
            if len(new) > self._limit:  # a batch larger than the whole cache: nothing kept
                made = self._make(new)
                at = {w: j for j, w in enumerate(new)}
                return made[[at[w] for w in words]]
            if len(self._ids) + len(new) > self._limit:
                self._ids.clear()
                new = list(dict.fromkeys(words))
            made = self._make(new)
            if self._rows is None:
                # np.empty: pages are only touched as rows are filled
                self._rows = np.empty((self._limit, *made.shape[1:]), made.dtype)
            first = len(self._ids)
            self._rows[first : first + len(new)] = made
            self._ids.update(zip(new, range(first, first + len(new)), strict=True))
            ids = [get(w, -1) for w in words]
        return self._rows[ids]  # type: ignore[index]


class Poe:
    """CRF x network, one Viterbi pass over ``(1 - w) * CRF + w * network`` scores."""

    def __init__(self, crf: CrfScores, net: Network | None, w: float = POE_WEIGHT) -> None:
        self.crf = crf
        self.net = net
        self.labels = crf.labels
        k = len(self.labels)
        if net is None:
            w = 0.0
            n_trans, n_start, n_end = np.zeros((k, k)), np.zeros(k), np.zeros(k)
            self._order = list(range(k))
        else:
            if sorted(net.labels) != sorted(crf.labels):
                raise ValueError(f"label sets differ: CRF {crf.labels}, network {net.labels}")
            order = [net.labels.index(lab) for lab in crf.labels]  # network columns in CRF order
            self._order = order
            n_trans = net.trans[np.ix_(order, order)]
            n_start, n_end = net.start[order], net.end[order]
        self.w = w
        self._trans = (1 - w) * crf.trans + w * n_trans
        self._start = w * n_start
        self._end = w * n_end

    def tag_batch(self, sents: Sequence[list[str]]) -> list[list[str]]:
        """BIO labels for each sentence; empty sentences get []. All sentences go through together."""
        todo = [s for s in sents if s]
        if not todo:
            return [[] for _ in sents]
        w = self.w
        with _blas().limit(limits=1, user_api="blas"):
            # whole-batch arrays, split once (per-sentence array arithmetic cost more than the sums)
            batch = _Batch(todo)
            flat = (1 - w) * self.crf.scores_of(batch)
            if self.net is not None and w > 0:
                flat += w * self.net.scores_of(batch)[:, self._order]
        ids = iter(_viterbi(_split(flat, todo), self._trans, self._start, self._end))
        labels = self.labels
        return [[labels[i] for i in next(ids)] if s else [] for s in sents]
