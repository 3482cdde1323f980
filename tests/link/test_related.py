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
