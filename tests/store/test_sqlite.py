from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from warta.model import HIT_CLOSE, HIT_OPEN, Article, Rejection, Source
from warta.store import QueryError, open_store

WIB = timezone(timedelta(hours=7))


def make(title: str, body: str, *, url: str | None = None, outlet: str = "contoh", day: int = 1) -> Article:
    return Article(
        title=title,
        body=body,
        url=url,
        outlet=outlet,
        published_at=datetime(2025, 6, day, 9, 30, tzinfo=WIB),
        language="id",
        source=Source("x.txt", "text"),
    )


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "t.db")
    yield s
    s.close()


def test_new_file_is_wal_and_versioned(tmp_path):
    s = open_store(tmp_path / "w.db")
    assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert s.schema_version >= 1
    s.close()
    # reopening does not re-run migrations
    s = open_store(tmp_path / "w.db")
    assert s.schema_version >= 1
    assert s.integrity_check() == "ok"


def test_upsert_is_idempotent_and_keeps_previous_versions(store):
    a = make("Banjir rendam Kabupaten Sukamaju", "Air mencapai satu meter.", url="https://contoh.id/a")
    assert store.upsert([a]) == ["new"]
    assert store.upsert([a]) == ["unchanged"]
    edited = make("Banjir rendam Kabupaten Sukamaju", "Air mencapai dua meter.", url="https://contoh.id/a")
    assert edited.id == a.id
    assert store.upsert([edited]) == ["updated"]
    assert store.count() == 1
    assert store.get(a.id).body == "Air mencapai dua meter."
    versions = store.versions(a.id)
    assert [v["content_hash"] for v in versions] == [a.content_hash]
    # the index follows the body: the old word is gone, the new one is found
    assert store.count_matches("satu") == 0
    assert store.count_matches("dua") == 1


def test_same_content_without_url_is_one_article(store):
    a = make("Tanpa tautan", "Isi yang sama persis.")
    b = make("Tanpa tautan", "Isi yang sama persis.")
    b.source = Source("lain.txt", "text")
    assert store.upsert([a]) == ["new"]
    assert store.upsert([b]) == ["unchanged"]
    assert store.count() == 1


def test_search_stems_indonesian_and_marks_hits(store):
    store.upsert(
        [
            make("Negara itu mencampuri urusan tetangga", "Pemerintah dituduh dicampuri pihak asing.", day=2),
            make("Harga cabai naik", "Pedagang di pasar mengeluh.", day=3),
        ]
    )
    hits = store.search("campur")
    assert [h.title for h in hits] == ["Negara itu mencampuri urusan tetangga"]
    assert f"{HIT_OPEN}dicampuri{HIT_CLOSE}" in hits[0].snippet
    assert hits[0].score > 0
    assert store.search("mencampuri")[0].id == hits[0].id


def test_search_filters_and_operators(store):
    store.upsert(
        [
            make("Gempa di Palu", "Gempa mengguncang kota.", outlet="satu", day=1),
            make("Gempa di Ambon", "Gempa kecil terasa.", outlet="dua", day=5),
            make("Banjir di Ambon", "Air naik.", outlet="dua", day=6),
        ]
    )
    assert {h.title for h in store.search("gempa", outlet="dua")} == {"Gempa di Ambon"}
    since = datetime(2025, 6, 4, tzinfo=WIB)
    assert {h.title for h in store.search("ambon", since=since)} == {"Gempa di Ambon", "Banjir di Ambon"}
    assert {h.title for h in store.search("gempa -palu")} == {"Gempa di Ambon"}
    assert {h.title for h in store.search("palu OR banjir")} == {"Gempa di Palu", "Banjir di Ambon"}
    assert {h.title for h in store.search('"gempa di ambon"')} == {"Gempa di Ambon"}


@pytest.mark.parametrize("query", ['"unbalanced', "", "OR", "gempa OR", "-gempa", "***", 'NEAR(a b)"'])
def test_malformed_queries_raise_query_error(store, query):
    store.upsert([make("Gempa", "Gempa.")])
    with pytest.raises(QueryError):
        store.search(query)


def test_fts_syntax_in_words_is_inert(store):
    store.upsert([make("Kolom title", "isi biasa")])
    # FTS5 column filters and operators typed by a user are just words
    assert [h.title for h in store.search("title: isi")] == ["Kolom title"]
    assert store.search("NEAR isi") == []


def test_rejections_are_stored_in_the_same_batch(store):
    store.write_batch([make("A", "b")], [Rejection("bad.bin", "binary file")])
    stats = store.stats()
    assert stats["rejected"] == 1
    assert stats["rejections"][0]["reason"] == "binary file"
    assert stats["by_outlet"] == {"contoh": 1}
    assert stats["by_day"] == {"2025-06-01": 1}


def test_stats_count_articles_per_day_in_the_outlets_own_zone(store):
    wita = timezone(timedelta(hours=8))
    articles = [
        make(f"Berita {i}", f"isi {i}", url=f"https://contoh.id/{i}", day=d)
        for i, d in enumerate([3, 1, 3, 2, 3])
    ]
    # 23:30 WITA on the 4th is the 4th there, though it is the 4th 15:30 UTC and the 4th 22:30 WIB
    articles.append(
        Article(
            title="Larut malam",
            body="isi",
            url="https://contoh.id/late",
            outlet="timur",
            published_at=datetime(2025, 6, 4, 23, 30, tzinfo=wita),
            language="id",
        )
    )
    undated = [
        Article(title=f"Tanpa tanggal {i}", body="isi", url=f"https://contoh.id/u{i}", language="id")
        for i in range(2)
    ]
    store.upsert(articles + undated)
    by_day = store.stats()["by_day"]
    assert by_day == {"2025-06-01": 1, "2025-06-02": 1, "2025-06-03": 3, "2025-06-04": 1, "(unknown)": 2}
    assert list(by_day) == sorted(by_day, key=lambda d: (d == "(unknown)", d))
    # the same as grouping every row (the slow way this replaced)
    grouped = {
        (day or "(unknown)"): n
        for day, n in store.db.execute(
            "SELECT substr(published_at, 1, 10) AS day, count(*) FROM articles GROUP BY day"
        )
    }
    assert by_day == grouped


def test_optimize_merges_the_index_and_keeps_every_answer(store):
    words = ["banjir", "panen", "pasar", "jembatan", "sekolah"]
    for batch in range(3):  # each write transaction adds a segment to the full-text index
        store.upsert(
            [
                make(
                    f"{words[(batch + i) % 5].title()} {batch}-{i}",
                    f"Warga membahas {words[i % 5]} dan {words[batch]}.",
                    url=f"https://contoh.id/{batch}/{i}",
                    day=1 + i,
                )
                for i in range(5)
            ]
        )
    queries = [*words, "banjir panen", "warga -pasar", "jembat*"]

    def answers() -> list[list[tuple[str, str]]]:
        return [[(h.id, h.snippet) for h in store.search(q, limit=50)] for q in queries]

    before = answers()
    segments = store.index_segments()
    assert segments == 3
    assert store.optimize() == (segments, 1)
    assert store.index_segments() == 1
    assert answers() == before
    assert store.integrity_check() == "ok"
    store.upsert([make("Banjir lagi", "Banjir datang lagi.", url="https://contoh.id/late", day=9)])
    assert store.index_segments() == 2  # writes go on as before
    assert len(store.search("banjir", limit=50)) == len(before[0]) + 1


def test_readonly_store_cannot_write(tmp_path):
    s = open_store(tmp_path / "r.db")
    s.upsert([make("A", "b")])
    s.close()
    ro = open_store(tmp_path / "r.db", readonly=True)
    assert ro.count() == 1
    with pytest.raises(Exception, match=r"readonly|read-only|cannot write"):
        ro.upsert([make("C", "d")])


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "future.db"
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 999")
    con.close()
    with pytest.raises(Exception, match="newer"):
        open_store(path)


def test_search_depth_ranks_only_the_newest_matches(store):
    # The oldest article is the best match (the word in its title); eight newer ones mention it once.
    store.upsert(
        [make("Gempa guncang Sukamaju", "Gempa gempa gempa di Sukamaju.", url="https://contoh.id/old", day=1)]
    )
    store.upsert(
        [
            make(
                f"Kabar pasar {i}",
                f"Harga cabai naik; warga ingat gempa. {i}",
                url=f"https://contoh.id/{i}",
                day=2 + i,
            )
            for i in range(8)
        ]
    )
    everything = store.search("gempa", limit=3, depth=None)
    assert everything[0].title == "Gempa guncang Sukamaju"
    newest = store.search("gempa", limit=3, depth=5)
    assert len(newest) == 3 and "Gempa guncang Sukamaju" not in [h.title for h in newest]
    # a page beyond the depth still gets its hits: the depth grows to cover offset + limit
    assert len(store.search("gempa", limit=3, offset=6, depth=5)) == 3
    # with a filter, the depth counts the matches under the filter
    filtered = store.search("gempa", outlet="contoh", limit=1, depth=20)
    assert filtered[0].title == "Gempa guncang Sukamaju"


def test_overview_counts_outlets_and_time_span(store):
    store.upsert(
        [
            make("Satu", "isi satu", url="https://contoh.id/1", outlet="tempo", day=3),
            make("Dua", "isi dua", url="https://contoh.id/2", outlet="tempo", day=5),
            make("Tiga", "isi tiga", url="https://contoh.id/3", outlet="antara", day=4),
        ]
    )
    overview = store.overview()
    assert overview.outlets == [("tempo", 2), ("antara", 1)]
    assert overview.total == 3
    assert overview.first == datetime(2025, 6, 3, 9, 30, tzinfo=WIB)
    assert overview.last == datetime(2025, 6, 5, 9, 30, tzinfo=WIB)


def test_settle_wal_keeps_the_log_short_between_reads(tmp_path, monkeypatch):
    import warta.store.sqlite as sqlite_store

    monkeypatch.setattr(sqlite_store, "WAL_SETTLE_PAGES", 50)
    path = tmp_path / "w.db"
    writer = open_store(path)
    reader = open_store(path, readonly=True)
    wal = path.with_name("w.db-wal")
    biggest = 0
    for batch in range(15):
        body = " ".join(f"Warga desa {batch} membangun jembatan bambu nomor {i}." for i in range(300))
        writer.upsert(
            [
                make(f"Jembatan {batch}-{k}", body + str(k), url=f"https://contoh.id/{batch}/{k}")
                for k in range(5)
            ]
        )
        assert reader.search("jembatan", limit=1)  # a page view between every write
        writer.settle_wal()
        biggest = max(biggest, wal.stat().st_size)
    # without settling, the log would run to the 1,000-page automatic checkpoint and stay that big
    assert biggest < 400 * 4096
    assert reader.count() == 75 and writer.integrity_check() == "ok"
    reader.close()
    writer.close()


def test_signatures_are_the_recent_linked_originals_oldest_first(store):
    from warta.linking import Linker

    body = "Air sungai meluap setelah hujan deras semalaman dan merendam ratusan rumah warga di tepi kota."
    articles = [
        make("Banjir merendam Kampung Sukamaju", body + " Petugas membuka posko pengungsian.", day=3),
        make(
            "Jembatan baru diresmikan",
            "Jembatan gantung sepanjang 120 meter diresmikan bupati pagi ini.",
            day=1,
        ),
        make("Banjir merendam Kampung Sukamaju", body + " Petugas membuka dua posko pengungsian.", day=4),
        make(
            "Pasar malam kembali dibuka",
            "Pedagang menyambut pembukaan kembali pasar malam di alun-alun.",
            day=5,
        ),
    ]
    store.upsert(articles[:3])
    Linker(store).link_pending()
    store.upsert(articles[3:])  # written, not linked yet: no signature to load
    copy = next(a for a in store.iter_articles() if a.duplicate_of)
    got = list(store.signatures())
    assert [published.day for _, _, published in got] == [1, 3]  # oldest first, no copy, no unlinked
    assert copy.id not in {article_id for article_id, _, _ in got}
    assert all(len(signature) > 100 for _, signature, _ in got)
    since = datetime(2025, 6, 2, tzinfo=WIB)
    assert [published.day for _, _, published in store.signatures(since=since)] == [3]


def test_related_candidates_by_row_key_match_the_lookup_by_id(store):
    from warta.store.links import LinkRow, StoryRow

    articles = [
        make("Banjir di Sukamaju", "Banjir merendam desa.", url="https://contoh.id/1", day=1),
        make("Panen raya", "Petani memanen padi.", url="https://contoh.id/2", day=2),
        make("Banjir surut", "Air banjir mulai surut.", url="https://contoh.id/3", day=3),
        make("Banjir surut", "Air banjir mulai surut!", url="https://salinan.id/3", day=3),
        make("Belum ditaut", "Banjir lagi, belum ditaut.", url="https://contoh.id/4", day=4),
    ]
    store.upsert(articles)
    a, b, c, copy, unlinked = (x.id for x in articles)
    store.save_links(
        [
            LinkRow(a, None, "s-banjir", {"banjir": 0.9, "@sukamaju": 0.4}, None),
            LinkRow(b, None, "s-panen", {"panen": 1.0}, None),
            LinkRow(c, None, "s-banjir", {"banjir": 0.8, "surut": 0.6}, None),
            LinkRow(copy, c, "s-banjir", {"banjir": 0.8, "surut": 0.6}, None),
        ],
        [StoryRow("s-banjir", "l-air", {}), StoryRow("s-panen", "l-air", {})],
    )
    by_id = store.link_info([a, b, c, copy, unlinked])
    rows = {i: by_id[i]["row"] for i in by_id}
    found = store.related_candidates(sorted(rows.values()))
    assert set(found) == {a, b, c, copy}  # the unlinked article is no candidate
    for i, info in found.items():
        assert info == {k: by_id[i][k] for k in ("published_at", "duplicate_of", "vector", "row")}
    assert found[copy]["duplicate_of"] == c
    assert set(store.rows_in(story_id="s-banjir", limit=None)) & {rows[b], rows[c], rows[unlinked]} == {
        rows[c]
    }
    assert sorted(store.rows_in(storyline_id="l-air", limit=None)) == sorted(rows[i] for i in (a, b, c, copy))
    assert set(store.rows_in(story_id="s-banjir", limit=2)) == {rows[c], rows[copy]}  # the newest two
    flood = [rows[x] for x in (a, c, copy, unlinked)]
    assert store.rows_with_terms(["banjir"]) == flood[::-1]  # most recently stored first
    assert store.rows_with_terms(["banjir"], limit=2) == flood[:1:-1]
    assert store.rows_with_terms(["surut", "panen"], every=True) == []
    assert store.rows_with_terms(["banjir", "surut"], every=True) == [rows[copy], rows[c]]
    assert sorted(store.rows_with_terms(["surut", "panen"])) == sorted([rows[b], rows[c], rows[copy]])
    # a re-scrape that moves the time is seen there too
    moved = make("Banjir surut", "Air banjir mulai surut.", url="https://contoh.id/3", day=5)
    assert store.upsert([moved]) == ["updated"]
    assert store.related_candidates([rows[c]])[c]["published_at"] == moved.published_at
    # the lookup reads article_links alone, never the wide article rows
    sent: list[str] = []
    store.db.set_trace_callback(sent.append)  # the statement as run, values bound
    store.related_candidates(sorted(rows.values()))
    store.db.set_trace_callback(None)
    (lookup,) = [q for q in sent if q.lstrip().upper().startswith("SELECT")]
    plan = " ".join(r[3] for r in store.db.execute("EXPLAIN QUERY PLAN " + lookup))
    assert "article_links" in plan and "articles " not in plan + " "


def test_schema_9_fills_article_links_from_a_linked_store(tmp_path):
    from warta.store.links import LinkRow

    path = tmp_path / "old.db"
    s = open_store(path)
    articles = [make(f"Berita {i}", f"Isi {i}.", url=f"https://contoh.id/{i}", day=1 + i) for i in range(3)]
    s.upsert(articles)
    ids = [a.id for a in articles]
    s.save_links(
        [LinkRow(ids[0], None, "s1", {"isi": 1.0}, None), LinkRow(ids[1], ids[0], "s1", {"isi": 1.0}, None)]
    )
    expected = s.related_candidates([s.link_info([i])[i]["row"] for i in ids])
    assert set(expected) == set(ids[:2])
    # the store as schema 8 left it: article_links without the three columns
    for column in ("article_id", "published_at", "duplicate_of"):
        s.db.execute(f"ALTER TABLE article_links DROP COLUMN {column}")
    s.db.execute(
        "CREATE INDEX articles_link_cover ON articles(rowid, id, published_at, story_id, storyline_id, duplicate_of)"
    )
    s.db.execute("ALTER TABLE events DROP COLUMN modality")  # schema 11's
    s.db.execute("PRAGMA user_version = 8")
    s.db.commit()
    s.close()
    s = open_store(path)
    assert s.schema_version >= 9
    assert s.related_candidates([s.link_info([i])[i]["row"] for i in ids]) == expected
    assert (
        s.db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'articles_link_cover'").fetchone()[0]
        == 0
    )
    s.close()


def test_unlinked_gives_the_oldest_first_and_undated_last(store):
    dated = [
        make(f"Berita hari {d}", f"Isi berita yang ditulis pada hari ke-{d} bulan Juni.", day=d)
        for d in (4, 1, 3)
    ]
    undated = []
    for n in (1, 2):
        article = make(f"Berita tanpa tanggal {n}", f"Isi berita tanpa tanggal nomor {n}.")
        article.published_at = None
        undated.append(article)
    store.upsert([undated[0], *dated, undated[1]])
    titles = [a.title for a in store.unlinked(limit=10)]
    assert titles == [
        "Berita hari 1",
        "Berita hari 3",
        "Berita hari 4",
        "Berita tanpa tanggal 1",
        "Berita tanpa tanggal 2",
    ]
    assert [a.title for a in store.unlinked(limit=4)] == titles[:4]  # the limit spans both kinds
    assert [a.title for a in store.unlinked(limit=2)] == titles[:2]


def test_update_vectors_replaces_linked_originals_only(store):
    from warta.store.links import LinkRow

    articles = [
        make("Banjir surut", "Air banjir mulai surut.", url="https://contoh.id/1", day=1),
        make("Banjir surut", "Air banjir mulai surut!", url="https://salinan.id/1", day=1),
        make("Belum ditaut", "Banjir lagi.", url="https://contoh.id/2", day=2),
    ]
    store.upsert(articles)
    original, copy, unlinked = (a.id for a in articles)
    shared = {"banjir": 0.8, "surut": 0.6}
    store.save_links(
        [LinkRow(original, None, "s1", shared, None), LinkRow(copy, original, "s1", shared, None)]
    )
    new = {"banjir": 0.6, "surut": 0.8}
    assert store.update_vectors({original: new, copy: new, unlinked: new}) == 1
    info = store.link_info([original, copy, unlinked])
    assert info[original]["vector"] == new
    assert info[copy]["vector"] == shared  # a copy keeps the vector it was linked with
    assert info[unlinked]["vector"] is None
