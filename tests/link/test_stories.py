"""Streaming story clustering on made-up articles (and a sanity check on ECB+)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from warta.config import LinkConfig
from warta.link.features import ArticleFeatures, name_proxies
from warta.link.stories import StoryClusterer, story_id_for

WIB = timezone(timedelta(hours=7))
T0 = datetime(2031, 3, 4, 8, 0, tzinfo=WIB)

QUAKE_A = [
    (
        "Gempa Magnitudo 6,1 Guncang Pulau Serindit",
        "Gempa bermagnitudo 6,1 mengguncang Pulau Serindit pada Senin pagi. Badan Meteorologi mencatat pusat gempa di laut 40 kilometer barat daya Kota Pantai Mirah. Bupati Serindit, Harun Lestaluhu, menyebut 35 rumah rusak berat di Desa Ujung Batu.",
    ),
    (
        "Korban Gempa Serindit Mengungsi ke Bukit",
        "Ratusan warga Desa Ujung Batu di Pulau Serindit mengungsi ke bukit setelah gempa 6,1. Bupati Harun Lestaluhu meminta warga tidak panik. Rumah rusak di Ujung Batu bertambah menjadi 52 unit dan gempa susulan terus terasa di Pantai Mirah.",
    ),
    (
        "Bantuan untuk Korban Gempa Serindit Tiba",
        "Bantuan logistik untuk korban gempa Pulau Serindit tiba di Pantai Mirah dengan kapal. Bupati Harun Lestaluhu mengatakan tenda dan selimut dibagikan ke pengungsi Desa Ujung Batu yang rumahnya rusak akibat gempa 6,1.",
    ),
]
QUAKE_B = [
    (
        "Gempa Magnitudo 5,4 Landa Kabupaten Gunung Teduh",
        "Gempa bermagnitudo 5,4 melanda Kabupaten Gunung Teduh pada Kamis malam. Pusat gempa berada di darat dekat Kecamatan Lembah Kabut. Bupati Gunung Teduh, Ratna Simbolon, menyebut sebuah sekolah dan masjid retak.",
    ),
    (
        "Sekolah Retak Akibat Gempa Gunung Teduh Diliburkan",
        "Sekolah yang retak akibat gempa 5,4 di Lembah Kabut, Kabupaten Gunung Teduh, diliburkan sepekan. Bupati Ratna Simbolon meminta dinas pendidikan memeriksa bangunan lain di Gunung Teduh.",
    ),
]
FOOTBALL = [
    (
        "Garuda Timur Juara Piala Nusantara",
        "Klub Garuda Timur menjuarai Piala Nusantara setelah menang 2-1 atas Elang Barat di final. Penyerang Bima Arkanta mencetak dua gol. Pelatih Teguh Salindra memuji mental pemainnya.",
    ),
    (
        "Bima Arkanta Pemain Terbaik Piala Nusantara",
        "Penyerang Garuda Timur Bima Arkanta terpilih sebagai pemain terbaik Piala Nusantara. Dua golnya di final melawan Elang Barat membawa Garuda Timur juara. Teguh Salindra menyebut Bima pantas.",
    ),
]


# A report of quake B that recalls quake A: while B has no story yet it joins A's.
QUAKE_B_EARLY = (
    "Setelah Serindit, Gempa Guncang Gunung Teduh",
    "Belum sepekan setelah gempa Pulau Serindit, gempa kembali terjadi, kali ini di Kabupaten Gunung Teduh pada Kamis malam. Warga mengungsi dan rumah rusak didata.",
)


def feats(
    prefix: str, items: list[tuple[str, str]], start: datetime, step: timedelta
) -> list[ArticleFeatures]:
    return [
        ArticleFeatures(f"{prefix}{i}", title, body, language="id", published_at=start + i * step)
        for i, (title, body) in enumerate(items)
    ]


def interleaved() -> list[ArticleFeatures]:
    a = feats("qa", QUAKE_A, T0, timedelta(hours=5))
    b = feats("qb", QUAKE_B, T0 + timedelta(hours=1), timedelta(hours=5))
    f = feats("fb", FOOTBALL, T0 + timedelta(hours=2), timedelta(hours=5))
    return sorted(a + b + f, key=lambda x: (x.published_at, x.article_id))


def test_similar_events_stay_apart_and_members_join() -> None:
    clusterer = StoryClusterer()
    got = {f.article_id: clusterer.assign(f) for f in interleaved()}
    assert got["qa0"] == got["qa1"] == got["qa2"] == story_id_for("qa0")
    assert got["qb0"] == got["qb1"] == story_id_for("qb0")
    assert got["fb0"] == got["fb1"] == story_id_for("fb0")
    assert len({got["qa0"], got["qb0"], got["fb0"]}) == 3


def test_same_order_gives_same_ids_and_state_round_trips() -> None:
    items = interleaved()
    first = StoryClusterer()
    ids_first = [first.assign(f) for f in items[:4]]
    state = json.loads(json.dumps(first.to_dict()))
    resumed = StoryClusterer.from_dict(state)
    again = StoryClusterer()
    ids_again = [again.assign(f) for f in items]
    assert ids_again[:4] == ids_first
    assert [resumed.assign(f) for f in items[4:]] == ids_again[4:]


def test_window_closes_stories_and_hands_back_summaries() -> None:
    clusterer = StoryClusterer(LinkConfig(story_window=timedelta(days=2)))
    for f in feats("qa", QUAKE_A, T0, timedelta(hours=5)):
        clusterer.assign(f)
    assert clusterer.pop_closed() == []
    late = ArticleFeatures("late", *FOOTBALL[0], language="id", published_at=T0 + timedelta(days=10))
    clusterer.assign(late)
    closed = clusterer.pop_closed()
    assert [s.story_id for s in closed] == [story_id_for("qa0")]
    assert closed[0].size == 3 and closed[0].start == T0
    assert "harun lestaluhu" in closed[0].top_entities
    assert len(clusterer) == 1


def test_a_follow_up_long_after_does_not_join() -> None:
    clusterer = StoryClusterer(LinkConfig(story_window=timedelta(days=60)))
    a = feats("qa", QUAKE_A[:1], T0, timedelta(hours=1))[0]
    b = ArticleFeatures("qa-later", *QUAKE_A[1], language="id", published_at=T0 + timedelta(days=30))
    assert clusterer.assign(a) != clusterer.assign(b)  # time decay: a month later is a new story


def test_open_stories_are_capped() -> None:
    clusterer = StoryClusterer(LinkConfig(story_max_open=2))
    for f in interleaved():
        clusterer.assign(f)
    assert len(clusterer) <= 2
    assert clusterer.pop_closed()


def test_name_proxies_skip_sentence_starts() -> None:
    names = name_proxies("Kemarin Bupati Ratna Simbolon datang. Warga senang. The Hague hosted Tara Reid.")
    assert any(n.endswith("bupati ratna simbolon") for n in names)
    assert "warga" not in names and "kemarin" not in names
    assert "hague" in names and "tara reid" in names


def test_ecbplus_first_topics_cluster_sensibly(shared_data: Path) -> None:
    path = shared_data / "ecbplus" / "docs.jsonl"
    docs = [json.loads(line) for line in path.open(encoding="utf-8")][:120]
    clusterer = StoryClusterer()
    pred = [clusterer.assign(ArticleFeatures(d["doc_id"], d["title_or_lead"], d["text"], "en")) for d in docs]
    by_story: dict[str, set[str]] = {}
    for d, s in zip(docs, pred, strict=True):
        by_story.setdefault(s, set()).add(d["subtopic"])
    pure = sum(1 for subs in by_story.values() if len(subs) == 1)
    assert pure / len(by_story) >= 0.7
    assert len(by_story) < len(docs) / 3  # it does group, not one story per document


def test_years_are_read_from_text_but_not_from_figures() -> None:
    from warta.link.features import years

    assert years("Pada 2031 warga mengenang banjir 1998; kerugian Rp 2.031 miliar, 1,2030 ton.") == {
        "2031",
        "1998",
    }


FIGHT = (
    "Ardan Kusuma Retains Title Against Bima Sora",
    "Ardan Kusuma kept his middleweight title in Port Selwyn in {year}, stopping Bima Sora in the "
    "ninth round before a crowd of 12,000 at Harbour Arena. Kusuma said the title fight of {year} "
    "was the hardest of his career.",
)


def test_reports_naming_different_years_are_kept_apart() -> None:
    def run(penalty: float) -> set[str]:
        clusterer = StoryClusterer(LinkConfig(story_year_penalty=penalty))
        return {
            clusterer.assign(ArticleFeatures(f"y{year}", FIGHT[0], FIGHT[1].format(year=year), language="en"))
            for year in (2029, 2031)
        }

    assert len(run(0.0)) == 1  # the same words: one story without the year check
    assert len(run(0.9)) == 2  # different years: two happenings


def test_background_idf_weighs_common_words_low_from_the_first_article() -> None:
    from warta.link.features import DocumentFrequencies, background_df

    docs, df = background_df("id")
    assert docs > 1000 and df  # shipped table present
    assert background_df("en")[0] > 0
    fresh = DocumentFrequencies(background=True).idf_function("id")
    plain = DocumentFrequencies().idf_function("id")
    common = max(sorted(df), key=df.__getitem__)  # the most widespread background feature
    assert fresh(common) < fresh("@kusumawardhani")  # a common stem vs an unseen name
    assert plain(common) == plain("@kusumawardhani")  # no background: no difference yet


def test_facts_read_years_months_and_figures_but_not_clock_times_or_dates() -> None:
    from warta.link.features import facts

    en = facts("A 4.6 quake struck at 9:27 a.m. on March 14, 2013; Mark Felt dies at 95 ($2.6 million).")
    assert en == {"y2013", "m3", "n4.6", "n95", "n2.6"}  # not the clock time, not the day "14"
    ind = facts("Gempa bermagnitudo 4,6 pukul 14.05 WIB, Senin (21/11/2022), 1.500 rumah rusak, 14 Maret.")
    assert ind == {"y2022", "m3", "n4.6", "n1.500"}  # "4,6" is "4.6"; the numeric date is skipped
    assert facts("the may issue") == frozenset()  # a month counts only when capitalised


QUAKE_REPORT = (
    "Quake Shakes Harbour Valley",
    "An earthquake of magnitude {mag} shook Harbour Valley near Port Selwyn on {month} {day}, "
    "the Geological Survey said. Residents of Port Selwyn felt the quake and some walls cracked.",
)


def test_reports_stating_different_figures_or_months_are_kept_apart() -> None:
    def stories(config: LinkConfig, *reports: tuple[str, str, int]) -> int:
        clusterer = StoryClusterer(config)
        return len(
            {
                clusterer.assign(
                    ArticleFeatures(
                        f"q{i}",
                        QUAKE_REPORT[0],
                        QUAKE_REPORT[1].format(mag=mag, month=month, day=day),
                        language="en",
                    )
                )
                for i, (mag, month, day) in enumerate(reports)
            }
        )

    off = LinkConfig(story_figure_penalty=0.0, story_month_penalty=0.0)
    strict = LinkConfig(story_figure_penalty=0.9, story_month_penalty=0.9)
    one_quake = [("4.6", "March", 14), ("4.6", "March", 15)]  # a follow-up a day later
    two_quakes = [("4.6", "March", 14), ("4.2", "December", 7)]
    assert stories(off, *two_quakes) == 1  # the same words: one story without the checks
    assert stories(strict, *two_quakes) == 2
    assert stories(strict, *one_quake) == 1  # same magnitude and month: still one happening


def test_a_full_stop_ends_a_name() -> None:
    names = name_proxies("A climber fell on Mt Cook. Reid's rep said the U.S. Army and Mt. Taranaki helped.")
    assert "mt cook" in names and "u s army" in names and "mt taranaki" in names
    assert not any("cook reid" in n for n in names)


def test_state_saved_with_bare_years_still_loads() -> None:
    clusterer = StoryClusterer()
    for f in interleaved()[:2]:
        clusterer.assign(f)
    state = json.loads(json.dumps(clusterer.to_dict()))
    for story in state["open"]:
        story["members"] = [[t, n, ["2031"]] for t, n, *_ in story["members"]]  # the old layout
    resumed = StoryClusterer.from_dict(state)
    assert all(m[2] == {"y": frozenset({"2031"})} for s in resumed._open.values() for m in s.members)
    # members saved without their article ids are compared, never moved
    assert all(m[3] is None and m[4] is None for s in resumed._open.values() for m in s.members)


def test_index_terms_handed_over_count_like_linking_own_stemming() -> None:
    from warta.model import Article
    from warta.store.sqlite import prepare

    body = " ".join(
        f"Petani Desa Sukamaju menolak harga pupuk yang naik {i} persen, kata Kepala Desa Ahmad Sutrisno."
        for i in range(80)  # longer than the linker's body cut, so the cut is exercised too
    )
    cfg = LinkConfig()
    assert len(body) > cfg.story_body_words * 12
    for language in ("id", "en", None):
        article = Article(title="Petani menolak kenaikan harga pupuk", body=body, language=language)
        stems = prepare(article).stems
        assert stems is not None
        handed = ArticleFeatures.from_article(article, stems).raw_counts(
            cfg.story_title_weight, cfg.story_body_words
        )
        own = ArticleFeatures.from_article(article).raw_counts(cfg.story_title_weight, cfg.story_body_words)
        assert handed == own and own[0] and own[1]
    # indexed with the default stemmer but linked with plain words: nothing to hand over
    assert (
        prepare(Article(title="Wakulima", body="Wakulima wanakataa bei mpya.", language="sw")).stems is None
    )


def early_report_stream() -> list[ArticleFeatures]:
    """Quake A's reports, then B's early report (recalling A), then B's own reports."""
    a = feats("qa", QUAKE_A, T0, timedelta(hours=1))
    early = feats("v", [QUAKE_B_EARLY], T0 + timedelta(hours=4), timedelta(hours=1))
    b = feats("qb", QUAKE_B, T0 + timedelta(hours=5), timedelta(hours=1))
    return a + early + b


def test_a_second_look_moves_an_early_report_to_the_story_it_belongs_to() -> None:
    a, b = story_id_for("qa0"), story_id_for("qb0")
    without = StoryClusterer(LinkConfig().with_(story_second_look=0))
    got = {f.article_id: without.assign(f) for f in early_report_stream()}
    without.refine()
    assert got["v0"] == a and got["qb0"] == got["qb1"] == b  # the first choice stands
    assert without.pop_moved() == []

    clusterer = StoryClusterer(LinkConfig().with_(story_second_look=2))
    got = {f.article_id: clusterer.assign(f) for f in early_report_stream()}
    assert got["v0"] == a  # joined A while B had no story
    assert clusterer.pop_moved() == [("v0", a, b)]  # two articles later: B is where it fits
    sizes = {s.story_id: s.size for s in clusterer.open_stories()}
    assert sizes == {a: 3, b: 3}
    assert clusterer.summary_of(a).first_article_id == "qa0"  # type: ignore[union-attr]


def test_the_end_of_a_run_gives_waiting_articles_their_second_look() -> None:
    clusterer = StoryClusterer(LinkConfig().with_(story_second_look=100))
    for f in early_report_stream():
        clusterer.assign(f)
    assert clusterer.pop_moved() == []  # not yet a hundred articles later
    clusterer.refine()
    assert clusterer.pop_moved() == [("v0", story_id_for("qa0"), story_id_for("qb0"))]


def test_second_looks_due_survive_a_saved_state() -> None:
    items = early_report_stream()
    config = LinkConfig().with_(story_second_look=2)
    first = StoryClusterer(config)
    for f in items[:4]:  # up to the early report
        first.assign(f)
    resumed = StoryClusterer.from_dict(json.loads(json.dumps(first.to_dict())))
    for f in items[4:]:
        resumed.assign(f)
    assert resumed.pop_moved() == [("v0", story_id_for("qa0"), story_id_for("qb0"))]


def test_entities_name_an_article_only_in_the_languages_the_tagger_knows() -> None:
    """Entities fold spellings and titles ("Presiden Joko Widodo" and "Jokowi" are one
    name), but the tagger is trained on Indonesian: an English article is named by its
    capitalised runs, unless its language is added to ``link_entity_languages``."""
    from warta.model import Article

    entities = [{"entity": "Joko Widodo", "surface": "Presiden Jokowi", "type": "PERSON"}]
    body = "Presiden Jokowi meninjau banjir di Kabupaten Sukamaju, Jawa Barat."
    indonesian = Article(title="Banjir", body=body, language="id", entities=entities)
    english = Article(
        title="Flood", body="President Jokowi visited Sukamaju.", language="en", entities=entities
    )
    _, names = ArticleFeatures.from_article(indonesian).raw_counts(2.0, 400)
    assert set(names) == {"@joko widodo", "@joko", "@widodo"}
    _, names = ArticleFeatures.from_article(english).raw_counts(2.0, 400)
    assert "@jokowi" in names and "@sukamaju" in names and "@joko widodo" not in names
    both = LinkConfig().with_(link_entity_languages=("id", "en")).link_entity_languages
    _, names = ArticleFeatures.from_article(english, entity_languages=both).raw_counts(2.0, 400)
    assert "@joko widodo" in names and "@sukamaju" not in names
    saved = json.loads(json.dumps(LinkConfig().to_dict()))
    assert LinkConfig.from_dict(saved) == LinkConfig()  # the tuple survives JSON


def test_kept_pair_similarities_match_fresh_ones_even_when_an_id_comes_back() -> None:
    clusterer = StoryClusterer()
    for article in interleaved():
        clusterer.assign(article)
    members = [m for story in clusterer._open.values() for m in story.members]
    assert clusterer._pairs, "the looks should have kept some pair similarities"
    for a in members:
        for b in members:
            if a[3] != b[3]:
                # to rounding: a kept value and a fresh one may sum in another order
                assert clusterer._pair(a, b) == pytest.approx(
                    clusterer._similarity(a, b), rel=1e-9, abs=1e-12
                )
    # the same id with another text: what was kept for that id must not be reused
    reused = members[0][3]
    assert reused is not None and reused in clusterer._paired
    title, body = FOOTBALL[0]
    clusterer.assign(ArticleFeatures(reused, title, body, language="id", published_at=T0 + timedelta(days=1)))
    members = [m for story in clusterer._open.values() for m in story.members]
    again = [m for m in members if m[3] == reused][-1]
    for b in members:
        if b[3] != reused:
            assert clusterer._pair(again, b) == pytest.approx(
                clusterer._similarity(again, b), rel=1e-9, abs=1e-12
            )
