"""Related-news ranking on made-up articles."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from warta.config import LinkConfig
from warta.link.features import ArticleFeatures
from warta.link.related import Candidate, rank_related

WIB = timezone(timedelta(hours=7))
T = datetime(2031, 7, 10, 12, 0, tzinfo=WIB)

TOLL = (
    "Tarif Tol Lintas Seruni Naik Bulan Depan",
    "Operator jalan tol Lintas Seruni menaikkan tarif sebesar 8 persen mulai bulan depan. Direktur operator, Agus Prawitama, menyebut kenaikan untuk perawatan jalan. Sopir truk di Seruni keberatan dengan tarif baru.",
)
TOLL_EARLIER = (
    "Sopir Truk Protes Rencana Kenaikan Tarif Tol Seruni",
    "Puluhan sopir truk memprotes rencana kenaikan tarif jalan tol Lintas Seruni. Mereka menilai tarif yang naik 8 persen memberatkan. Agus Prawitama dari operator tol berjanji mendengar keluhan sopir.",
)
TOLL_COPY = (TOLL[0], TOLL[1] + " Kenaikan berlaku untuk semua golongan.")
FRESH = [
    (
        "Festival Layang-Layang Meriahkan Pantai Kuning",
        "Ratusan layang-layang warna-warni menghiasi langit Pantai Kuning dalam festival tahunan.",
    ),
    (
        "Harga Cabai di Pasar Sentosa Turun",
        "Harga cabai rawit di Pasar Sentosa turun menjadi Rp30 ribu per kilogram karena panen raya.",
    ),
    (
        "Tim Voli Putri Melaju ke Final",
        "Tim voli putri Kota Mawar melaju ke final kejuaraan daerah setelah menang tiga set langsung.",
    ),
]


def cand(aid: str, item: tuple[str, str], when: datetime, **kw: str) -> Candidate:
    return Candidate(
        aid, ArticleFeatures(aid, *item, language="id", published_at=when), published_at=when, **kw
    )


def build() -> tuple[Candidate, list[Candidate]]:
    target = cand("t", TOLL, T, story_id="s1", storyline_id="L1")
    pool = [
        cand("t", TOLL, T),  # the article itself
        cand("copy", TOLL_COPY, T + timedelta(hours=1), duplicate_of="t"),
        cand("early", TOLL_EARLIER, T - timedelta(days=20), story_id="s0", storyline_id="L1"),
    ]
    pool += [cand(f"fresh{i}", item, T + timedelta(minutes=10 * (i + 1))) for i, item in enumerate(FRESH)]
    return target, pool


def test_related_beats_most_recent_first() -> None:
    target, pool = build()
    ranked = rank_related(target, pool)
    ids = [aid for aid, _ in ranked]
    assert ids[0] == "early"
    newest_first = sorted(
        (c for c in pool if c.article_id not in ("t", "copy")), key=lambda c: c.published_at, reverse=True
    )
    assert newest_first[0].article_id != "early"  # the baseline would show an unrelated piece first
    assert "t" not in ids and "copy" not in ids
    assert all(score > 0 for _, score in ranked)


def test_duplicate_groups_count_once_and_limit_applies() -> None:
    target = cand("x", FRESH[0], T)
    pool = [cand("t", TOLL, T), cand("copy", TOLL_COPY, T, duplicate_of="t"), cand("early", TOLL_EARLIER, T)]
    ranked = rank_related(target, pool, LinkConfig(related_min_score=0.0, related_limit=2))
    ids = [aid for aid, _ in ranked]
    assert len(ids) == 2
    assert not {"t", "copy"} <= set(ids)


def test_recency_breaks_ties_between_equal_articles() -> None:
    target = cand("x", TOLL, T)
    near = cand("near", TOLL_EARLIER, T - timedelta(days=1))
    far = cand("far", TOLL_EARLIER, T - timedelta(days=60))
    ranked = rank_related(target, [far, near])
    assert [aid for aid, _ in ranked] == ["near", "far"]


class _FakeStore:
    """Just the store calls :func:`warta.linking.related` makes, over made-up vectors.

    Rows are in storage order (the last is the newest) and a row's key is its position.
    ``rows_with_terms`` mimics the real index: ``every`` ANDs the terms, else ORs them,
    and the most recently stored matches come first.
    """

    def __init__(self, rows: list[tuple[str, dict[str, float]]]) -> None:
        self.rows = rows
        self.term_queries: list[tuple[tuple[str, ...], bool, int]] = []

    def _info(self, key: int) -> dict:
        return {
            "vector": self.rows[key][1],
            "story_id": None,
            "storyline_id": None,
            "published_at": None,
            "duplicate_of": None,
            "row": key,
        }

    def link_info(self, ids):
        return {aid: self._info(k) for k, (aid, _) in enumerate(self.rows) if aid in set(ids)}

    def related_candidates(self, rows):
        return {self.rows[k][0]: self._info(k) for k in rows}

    def rows_in(self, *, story_id=None, storyline_id=None, limit=100):
        return []

    def rows_with_terms(self, terms, limit=100, *, every=False):
        self.term_queries.append((tuple(terms), every, limit))
        wanted = set(terms)

        def hits(vec: dict[str, float]) -> int:
            return len(wanted & vec.keys())

        found = [
            (k, hits(v))
            for k, (_, v) in enumerate(self.rows)
            if (hits(v) == len(wanted) if every else hits(v) > 0)
        ]
        return [k for k, _ in reversed(found)][:limit]


def _unit(weights: dict[str, float]) -> dict[str, float]:
    norm = sum(w * w for w in weights.values()) ** 0.5
    return {k: w / norm for k, w in weights.items()}


def test_related_reaches_articles_sharing_only_a_lesser_term() -> None:
    """The heaviest terms are often names no other article holds; an article sharing
    the target's broader issue (a term ranked below the sixth) must still be found,
    even when over a hundred newer articles hold one of the heaviest terms."""
    from warta.linking import related

    heavy = [f"nama{i}" for i in range(6)]  # rare names: the target's six heaviest terms
    broad = ["banjir", "tanggul", "pengungsi", "hujan", "sungai", "evakuasi"]  # its issue
    target = _unit({t: 1.0 - 0.01 * k for k, t in enumerate(heavy + broad)})
    sibling = _unit({"banjir": 1.0, "tanggul": 0.9, "pengungsi": 0.8, "hujan": 0.7, "lain": 0.2})
    filler = [(f"f{i}", _unit({"nama0": 0.1, f"acak{i}": 1.0})) for i in range(150)]
    store = _FakeStore([("sibling", sibling), ("t", target), *filler])
    ranked = [aid for aid, _ in related(store, "t", limit=10)]
    assert ranked and ranked[0] == "sibling"
    assert "t" not in ranked
    # the per-term pools are bounded: none asks for more than a few articles per term
    singles = [q for q in store.term_queries if len(q[0]) == 1]
    assert singles and all(limit <= 20 for _, _, limit in singles)
