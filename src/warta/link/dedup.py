"""Near-duplicates: MinHash signatures and an LSH index, fed one article at a time.

A re-scrape with an edited paragraph, a syndicated copy under another outlet's
name and one wire story printed twice all share most of their word shingles.
:class:`DuplicateIndex` finds, for each new article, the earlier article whose
group it joins and answers with that group's first article id (which the caller
stores as ``duplicate_of``), or ``None`` for a new text.

How it decides
  1. Shingles are runs of ``dedup_shingle_words`` words of the normalised title
     and body (:func:`warta.text.tokens`: NFKC, case-folded, punctuation gone).
  2. A MinHash signature of ``dedup_num_perm`` 32-bit values (datasketch)
     summarises the shingle set; its bytes (plus the shingle count) are what
     the store keeps, see :meth:`DuplicateIndex.signature`.
  3. LSH: the signature is cut into ``dedup_bands`` bands; an earlier article
     sharing any band is a candidate.
  4. Each candidate is verified: estimated Jaccard >= ``dedup_threshold``, or
     estimated containment of the smaller text in the larger >=
     ``dedup_containment`` (a copy that grew by a paragraph). Very short texts
     (fewer than ``dedup_min_shingles`` shingles) only match an identical text.

Memory per indexed article: the signature (4 bytes a permutation), a shingle
count, a group root id and one hash-table entry per band. An exact re-scrape (an
identical signature) is answered but not indexed again, so re-crawls cost
nothing.

Memory is bounded by a window in time: syndicated copies and re-scrapes arrive
within days of the original, so an article published more than ``dedup_window``
before the newest one seen leaves the LSH index (and the oldest leave first once
``dedup_max_articles`` are held, which also bounds undated input). Exact copies
of any age are the caller's to find: :func:`content_hash` is a stable digest of
the normalised title and body that the store can keep in a unique index, for
ever, at 32 bytes an article.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import struct
from datetime import datetime

import numpy as np
from datasketch import MinHash

from warta.config import LinkConfig
from warta.text import tokens

__all__ = ["DuplicateIndex", "content_hash", "shingles"]

_SEED = 1  # fixed: signatures made by different processes must agree
_HEADER = struct.Struct("<I")  # shingle count, before the hash values
_MASK64 = (1 << 64) - 1


def shingles(title: str, body: str, size: int = 3) -> set[bytes]:
    """Word ``size``-grams of the normalised title and body (the whole text if shorter)."""
    words = tokens(f"{title}\n{body}")
    if not words:
        return set()
    if len(words) <= size:
        return {" ".join(words).encode()}
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def content_hash(title: str, body: str) -> str:
    """Stable hex digest of the normalised words of title and body: equal for exact copies
    (whatever their spacing, case or punctuation), for an unbounded exact-duplicate lookup."""
    return hashlib.sha256(" ".join(tokens(f"{title}\n{body}")).encode()).hexdigest()


class DuplicateIndex:
    """Streaming near-duplicate index (MinHash + LSH with verification).

    >>> index = DuplicateIndex()
    >>> index.add("a1", "Banjir di Kota Lamora", "Air setinggi lutut ... (long body)")  # doctest: +SKIP
    >>> index.add("a2", "Banjir di Kota Lamora", "same body, one word edited")  # doctest: +SKIP
    'a1'
    """

    def __init__(self, config: LinkConfig | None = None) -> None:
        self.config = config or LinkConfig()
        self._perm = self.config.dedup_num_perm
        self._bands = self.config.dedup_bands
        self._rows = self._perm // self._bands
        # Random odd multipliers make the band hash deterministic across processes
        # (Python's own bytes hash is salted per process, which would break persistence).
        rng = np.random.default_rng(0x5EED)
        mult = rng.integers(1, 2**63, size=(self._bands, self._rows), dtype=np.uint64) | np.uint64(1)
        self._band_mult = mult
        self._band_salt = rng.integers(1, 2**63, size=self._bands, dtype=np.uint64)
        self._template = MinHash(num_perm=self._perm, seed=_SEED)
        # Rows are numbered for ever (row r sits at slot r - self._first); the oldest leave
        # from the front when they fall out of the window.
        self._sigs = np.zeros((1024, self._perm), dtype=np.uint32)
        self._counts = np.zeros(1024, dtype=np.uint32)
        self._times = np.full(1024, np.nan)
        self._ids: list[str] = []
        self._roots: list[str] = []  # id of the first article of each row's group
        self._first = 0  # row number of slot 0
        self._start = 0  # first live slot; slots before it left the window
        self._buckets: dict[int, int | list[int]] = {}
        self._clock = -math.inf  # newest publication time seen (epoch seconds)

    # --- signatures ------------------------------------------------------------------
    def signature(self, title: str, body: str) -> bytes:
        """The bytes the store keeps for an article: shingle count + MinHash values."""
        grams = shingles(title, body, self.config.dedup_shingle_words)
        m = self._template.copy()
        m.clear()
        if grams:
            m.update_batch(list(grams))
        return _HEADER.pack(len(grams)) + m.hashvalues.astype("<u4").tobytes()

    def _decode(self, signature: bytes) -> tuple[int, np.ndarray]:
        expected = _HEADER.size + 4 * self._perm
        if len(signature) != expected:
            raise ValueError(f"signature has {len(signature)} bytes, expected {expected} for this config")
        (count,) = _HEADER.unpack_from(signature)
        return count, np.frombuffer(signature, dtype="<u4", offset=_HEADER.size).astype(np.uint32)

    def _band_keys(self, sig: np.ndarray) -> list[int]:
        bands = sig.astype(np.uint64).reshape(self._bands, self._rows)
        with np.errstate(over="ignore"):  # wrapping multiply-add is the hash
            keys = (bands * self._band_mult).sum(axis=1, dtype=np.uint64) ^ self._band_salt
        return [int(k) for k in keys]

    # --- the index -------------------------------------------------------------------
    def add(self, article_id: str, title: str, body: str, published_at: datetime | None = None) -> str | None:
        """Index an article; return the id of the earlier article it duplicates, else ``None``.

        ``published_at`` moves the window: articles older than ``dedup_window`` before the
        newest one seen are no longer matched (undated ones leave by the size cap only)."""
        return self.add_signature(article_id, self.signature(title, body), published_at)

    def add_signature(
        self, article_id: str, signature: bytes, published_at: datetime | None = None
    ) -> str | None:
        """Same as :meth:`add` from a stored :meth:`signature` (rebuilds give the same answers)."""
        count, sig = self._decode(signature)
        if count == 0:
            return None  # no words: nothing to compare, and nothing worth indexing
        when = published_at.timestamp() if published_at is not None else math.nan
        if when > self._clock:
            self._clock = when
        self._evict()
        keys = self._band_keys(sig)
        best_row, _, identical = self._best_match(count, sig, keys)
        if identical:
            return self._roots[best_row - self._first]
        row = self._append(article_id, count, sig, when)
        if best_row >= 0:
            self._roots[row - self._first] = self._roots[best_row - self._first]
        for key in keys:
            held = self._buckets.get(key)
            if held is None:
                self._buckets[key] = row
            elif isinstance(held, int):
                self._buckets[key] = [held, row]
            else:
                held.append(row)
        return self._roots[best_row - self._first] if best_row >= 0 else None

    def _evict(self) -> None:
        """Drop rows from the front: older than the window, or beyond the size cap."""
        n = len(self._ids)
        start = self._start
        cap = self.config.dedup_max_articles
        horizon = self._clock - self.config.dedup_window.total_seconds()
        end = max(start, n - cap + 1) if cap else start  # room for the one being added
        times = self._times
        while end < n and times[end] < horizon:  # NaN (undated) compares False: stays
            end += 1
        if end == start:
            return
        buckets = self._buckets
        for slot in range(start, end):
            row = self._first + slot
            for key in self._band_keys(self._sigs[slot]):
                held = buckets.get(key)
                if held is None:
                    continue
                if isinstance(held, int):
                    if held == row:
                        del buckets[key]
                elif row in held:
                    held.remove(row)
                    if len(held) == 1:
                        buckets[key] = held[0]
        self._start = end
        if end > 4096 and end > n // 2:  # compact now and then: amortised O(1) per row
            keep = n - end
            self._sigs[:keep] = self._sigs[end:n]
            self._counts[:keep] = self._counts[end:n]
            self._times[:keep] = self._times[end:n]
            del self._ids[:end]
            del self._roots[:end]
            self._first += end
            self._start = 0

    def _best_match(self, count: int, sig: np.ndarray, keys: list[int]) -> tuple[int, float, bool]:
        candidates: set[int] = set()
        for key in keys:
            held = self._buckets.get(key)
            if held is None:
                continue
            if isinstance(held, int):
                candidates.add(held)
            else:
                candidates.update(held)
        if not candidates:
            return -1, 0.0, False
        rows = np.fromiter(sorted(candidates), dtype=np.int64, count=len(candidates))
        slots = rows - self._first
        jaccard = (self._sigs[slots] == sig).mean(axis=1)
        other = self._counts[slots].astype(np.float64)
        # |A ∩ B| = J (|A| + |B|) / (1 + J); containment is that over the smaller set.
        inter = jaccard * (count + other) / (1.0 + jaccard)
        containment = np.minimum(inter / np.minimum(other, count), 1.0)
        cfg = self.config
        short = (other < cfg.dedup_min_shingles) | (count < cfg.dedup_min_shingles)
        exact = (jaccard == 1.0) & (other == count)
        ok = np.where(short, exact, (jaccard >= cfg.dedup_threshold) | (containment >= cfg.dedup_containment))
        if not ok.any():
            return -1, 0.0, False
        score = np.where(ok, np.maximum(jaccard, containment) + jaccard * 1e-3, -1.0)
        pick = int(np.argmax(score))  # rows are sorted: ties go to the earliest article
        return int(rows[pick]), float(jaccard[pick]), bool(exact[pick])

    def _append(self, article_id: str, count: int, sig: np.ndarray, when: float) -> int:
        slot = len(self._ids)
        if slot == len(self._counts):
            size = slot * 2
            self._sigs = np.resize(self._sigs, (size, self._perm))
            self._counts = np.resize(self._counts, size)
            self._times = np.resize(self._times, size)
        self._sigs[slot] = sig
        self._counts[slot] = count
        self._times[slot] = when
        self._ids.append(article_id)
        self._roots.append(article_id)
        return self._first + slot

    def __len__(self) -> int:
        """Articles held in the index now (exact re-scrapes are not held twice; articles
        that left the window are not held)."""
        return len(self._ids) - self._start

    def nbytes(self) -> int:
        """Rough bytes held (arrays in use, ids, band tables), for benchmarks."""
        n = len(self._counts)  # allocated slots
        arrays = n * (self._perm * 4 + 4 + 8)
        ids = sum(len(i) + 49 for i in self._ids) + 16 * len(self._ids)
        buckets = len(self._buckets) * 100 + sum(
            56 + 8 * len(v) for v in self._buckets.values() if isinstance(v, list)
        )
        return arrays + ids + buckets

    # --- persistence -----------------------------------------------------------------
    def to_bytes(self) -> bytes:
        """The whole index as bytes (signatures, counts, groups, ids); bands are rebuilt on load."""
        n = len(self._ids)
        buffer = io.BytesIO()
        meta = {"num_perm": self._perm, "bands": self._bands, "shingle": self.config.dedup_shingle_words}
        a = self._start
        state = {"first": self._first + a, "clock": self._clock if math.isfinite(self._clock) else None}
        np.savez_compressed(
            buffer,
            meta=np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8),
            state=np.frombuffer(json.dumps(state).encode(), dtype=np.uint8),
            ids=np.frombuffer("\n".join(self._ids[a:]).encode(), dtype=np.uint8),
            roots=np.frombuffer("\n".join(self._roots[a:]).encode(), dtype=np.uint8),
            sigs=self._sigs[a:n],
            counts=self._counts[a:n],
            times=self._times[a:n],
        )
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes, config: LinkConfig | None = None) -> DuplicateIndex:
        """Inverse of :meth:`to_bytes`; the config must have the same signature shape."""
        arrays = np.load(io.BytesIO(data))
        meta = json.loads(arrays["meta"].tobytes().decode())
        index = cls(config)
        shape = {"num_perm": index._perm, "bands": index._bands, "shingle": index.config.dedup_shingle_words}
        if meta != shape:
            raise ValueError(f"saved index has shape {meta}, config has {shape}")
        state = json.loads(arrays["state"].tobytes().decode())
        raw_ids = arrays["ids"].tobytes().decode()
        index._ids = raw_ids.split("\n") if raw_ids else []
        raw_roots = arrays["roots"].tobytes().decode()
        index._roots = raw_roots.split("\n") if raw_roots else []
        index._first = int(state["first"])
        index._clock = float(state["clock"]) if state.get("clock") is not None else -math.inf
        n = len(index._ids)
        size = max(1024, n)
        index._sigs = np.resize(arrays["sigs"].astype(np.uint32), (size, index._perm))
        index._counts = np.resize(arrays["counts"].astype(np.uint32), size)
        index._times = np.resize(arrays["times"].astype(np.float64), size)
        for slot in range(n):
            row = index._first + slot
            for key in index._band_keys(index._sigs[slot]):
                held = index._buckets.get(key)
                if held is None:
                    index._buckets[key] = row
                elif isinstance(held, int):
                    index._buckets[key] = [held, row]
                else:
                    held.append(row)
        return index
