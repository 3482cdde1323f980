"""The link stage wired to the store: duplicates, stories, storylines and related news
on the sample corpus, through the Python API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.corpus import write_jsonl

import warta

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = json.loads((ROOT / "tests" / "samples_expected.json").read_text(encoding="utf-8"))


def _by_file(db: warta.api.Warta) -> dict[str, warta.model.Article]:
    out = {}
    for article in db.articles():
        path = Path(article.source.path)
        if "samples" in path.parts:
            out[str(path.relative_to(ROOT / "samples"))] = article
    return out


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    path = tmp_path_factory.mktemp("link") / "w.db"
    with warta.open(path) as db:
        db.ingest(ROOT / "samples")
    db = warta.open(path)
    yield db
    db.close()


def test_near_duplicate_carries_duplicate_of(linked):
    articles = _by_file(linked)
    first, second = (articles[f] for f in EXPECTED["near_duplicate"])
    assert {first.duplicate_of, second.duplicate_of} == {None, first.id if second.duplicate_of else second.id}
    assert first.story_id == second.story_id


def test_a_copy_shares_its_originals_vector(linked, tmp_path):
    articles = _by_file(linked)
    pair = [articles[f] for f in EXPECTED["near_duplicate"]]
    original, copy = sorted(pair, key=lambda a: a.duplicate_of is not None)
    info = linked.store.link_info([original.id, copy.id])
    assert info[original.id]["vector"]
    assert info[copy.id]["vector"] == info[original.id]["vector"]
    # also when the original was linked by an earlier run (read back from the store)
    file_of = {articles[f].id: f for f in EXPECTED["near_duplicate"]}
    with warta.open(tmp_path / "two-runs.db") as db:
        db.ingest(ROOT / "samples" / file_of[original.id])
        db.ingest(ROOT / "samples" / file_of[copy.id])
        info = db.store.link_info([original.id, copy.id])
        assert info[copy.id]["duplicate_of"] == original.id
        assert info[copy.id]["vector"] == info[original.id]["vector"]


def test_one_happening_is_one_story_and_others_are_not(linked):
    articles = _by_file(linked)
    a, b = (articles[f] for f in EXPECTED["story"])
    assert a.story_id and a.story_id == b.story_id
    story = linked.story(a.story_id)
    assert [x["id"] for x in story["articles"]] == sorted(
        [a.id, b.id], key=lambda i: linked.get(i).published_at
    )
    others = {x.story_id for f, x in articles.items() if f not in EXPECTED["story"]}
    assert a.story_id not in others


def test_two_years_apart_is_one_storyline_of_two_stories(linked):
    articles = _by_file(linked)
    a, b = (articles[f] for f in EXPECTED["storyline"])
    assert a.story_id != b.story_id
    assert a.storyline_id and a.storyline_id == b.storyline_id
    line = linked.storyline(a.storyline_id)
    assert [s["id"] for s in line["stories"]] == [a.story_id, b.story_id]  # in time order
    unrelated = {x.storyline_id for f, x in articles.items() if f not in EXPECTED["storyline"]}
    assert a.storyline_id not in unrelated
    assert any(row["id"] == a.storyline_id for row in linked.storylines())


def test_related_ranks_the_storyline_first_and_never_self_or_copies(linked):
    articles = _by_file(linked)
    a, b = (articles[f] for f in EXPECTED["storyline"])
    ranked = linked.related(a.id, limit=5)
    assert ranked[0][0] == b.id
    assert all(score > 0 for _, score in ranked)
    assert [s for _, s in ranked] == sorted((s for _, s in ranked), reverse=True)
    d1, d2 = (articles[f] for f in EXPECTED["near_duplicate"])
    for target, copy in ((d1, d2), (d2, d1)):
        ids = [i for i, _ in linked.related(target.id, limit=10)]
        assert target.id not in ids and copy.id not in ids


def test_export_has_link_fields(linked, tmp_path):
    out = tmp_path / "x.jsonl"
    linked.export(out)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert all(r["story_id"] for r in rows)
    assert all(r["storyline_id"] for r in rows)
    assert sum(1 for r in rows if r["duplicate_of"]) == 1


def test_restory_is_deterministic(tmp_path):
    path = tmp_path / "r.db"
    with warta.open(path) as db:
        db.ingest(ROOT / "samples")
        before = {a.id: (a.story_id, a.storyline_id, a.duplicate_of) for a in db.articles()}
        db.restory()
        after = {a.id: (a.story_id, a.storyline_id, a.duplicate_of) for a in db.articles()}
    assert before == after


def test_unlinked_articles_are_linked_by_the_next_run(tmp_path):
    path = tmp_path / "u.db"
    with warta.open(path) as db:
        db.ingest(ROOT / "samples", link=False)
        assert db.store.count_unlinked() == len(db)
        assert all(a.story_id is None for a in db.articles())
    with warta.open(path) as db:
        summary = db.ingest(ROOT / "samples" / "tempo-like")
        assert summary.new == 0
        assert db.store.count_unlinked() == 0
        assert all(a.story_id for a in db.articles())


def test_merged_stories_leave_no_story_or_storyline_behind(tmp_path):
    """A strict join threshold opens many small stories; with any two open stories merging
    (threshold 0) they collapse, and the store must still hold one row per story its
    articles point at, with sizes, spans and outlets recounted, and no empty storyline."""
    from warta.config import LinkConfig
    from warta.linking import Linker

    archive = tmp_path / "a.jsonl"
    write_jsonl(archive, 120)
    counts = {}
    for merge in (False, True):
        path = tmp_path / f"m-{merge}.db"
        with warta.open(path) as db:
            db.ingest(archive, link=False)
            config = LinkConfig().with_(story_merge=merge, story_merge_threshold=0.0, story_threshold=0.7)
            Linker(db.store, config).link_pending(batch=7)
            sql = db.store.db.execute
            counts[merge] = sql("SELECT count(*) FROM stories").fetchone()[0]
            assert sql("SELECT count(*) FROM articles WHERE story_id IS NULL").fetchone()[0] == 0
            orphans = sql(
                "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = a.story_id)"
            ).fetchone()[0]
            assert orphans == 0
            for story_id, size, first, last, outlets in sql(
                "SELECT id, size, first_published, last_published, outlets FROM stories"
            ):
                n, lo, hi = sql(
                    "SELECT count(*), min(published_utc), max(published_utc) FROM articles WHERE story_id = ?",
                    (story_id,),
                ).fetchone()
                assert (size, first, last) == (n, lo, hi)
                assert sum(json.loads(outlets).values()) == n
            empty_lines = sql(
                "SELECT count(*) FROM storylines l WHERE NOT EXISTS"
                " (SELECT 1 FROM stories s WHERE s.storyline_id = l.id)"
            ).fetchone()[0]
            assert empty_lines == 0
            mismatched = sql(
                "SELECT count(*) FROM articles a JOIN stories s ON s.id = a.story_id"
                " WHERE a.storyline_id IS NOT s.storyline_id"
            ).fetchone()[0]
            assert mismatched == 0
    assert counts[True] < counts[False] / 5  # merges happened and were applied


def test_a_second_look_moves_the_stored_article_and_its_copy(tmp_path):
    """The end of an ingest run gives the last articles their second look: quake B's early
    report (which recalls quake A) joined A's story, and moves to B's with its stored copy;
    both stories are recounted from their articles."""
    from tests.link.test_stories import QUAKE_A, QUAKE_B, QUAKE_B_EARLY

    items = [(f"qa{i}", i, t, b) for i, (t, b) in enumerate(QUAKE_A)]
    items += [("early", 4, *QUAKE_B_EARLY), ("copy", 5, *QUAKE_B_EARLY)]
    items += [(f"qb{i}", 6 + i, t, b) for i, (t, b) in enumerate(QUAKE_B)]
    archive = tmp_path / "quakes.jsonl"
    with archive.open("w", encoding="utf-8") as out:
        for n, (name, hour, title, body) in enumerate(items):
            row = {
                "outlet": "detik" if name != "copy" else "kompas",
                "url": f"https://news.contoh.id/read/{n}/{name}",
                "title": title,
                "date_raw": f"Selasa, 4 Mar 2031 {8 + hour:02d}:00 WIB",
                "body": body,
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    with warta.open(tmp_path / "q.db") as db:
        db.ingest(archive, facts=False)
        by_url = {Path(a.url).name: a for a in db.articles()}
        early, copy = by_url["early"], by_url["copy"]
        assert copy.duplicate_of == early.id
        a_story, b_story = by_url["qa0"].story_id, by_url["qb0"].story_id
        assert a_story != b_story
        assert early.story_id == copy.story_id == b_story
        assert early.storyline_id == by_url["qb0"].storyline_id
        assert by_url["qa1"].story_id == by_url["qa2"].story_id == a_story
        assert by_url["qb1"].story_id == b_story
        sql = db.store.db.execute
        for story_id, size, first, title in sql("SELECT id, size, first_article, title FROM stories"):
            members = [a for a in by_url.values() if a.story_id == story_id]
            assert size == len(members)
            earliest = min(members, key=lambda a: a.published_at)
            assert (first, title) == (earliest.id, earliest.title)
        assert {s["size"] for s in db.stories()} == {3, 4}


def test_an_edited_re_scrape_gets_a_vector_of_its_new_text(tmp_path):
    """Related news ranks by the stored vector: an outlet that rewrites an article under
    the same URL must not leave it ranked by the old text. Its story stays."""
    rows = [
        {
            "outlet": "detik",
            "url": "https://news.contoh.id/read/1/jembatan",
            "title": "Jembatan Desa Sukamaju Diresmikan",
            "date_raw": "Selasa, 4 Mar 2031 08:00 WIB",
            "body": "Bupati meresmikan jembatan gantung Desa Sukamaju yang menghubungkan dua dusun.",
        }
    ]
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text(json.dumps(rows[0], ensure_ascii=False) + "\n", encoding="utf-8")
    edited = dict(rows[0], body=rows[0]["body"] + " Jembatan itu dibangun dari bambu petung oleh warga.")
    second.write_text(json.dumps(edited, ensure_ascii=False) + "\n", encoding="utf-8")
    with warta.open(tmp_path / "e.db") as db:
        db.ingest(first, facts=False)
        (article,) = db.articles()
        before = db.store.link_info([article.id])[article.id]
        assert not {"bambu", "petung"} & before["vector"].keys()
        assert db.ingest(second, facts=False).updated == 1
        after = db.store.link_info([article.id])[article.id]
        assert {"bambu", "petung"} <= after["vector"].keys()
        assert after["story_id"] == before["story_id"]
        assert abs(sum(w * w for w in after["vector"].values()) - 1.0) < 1e-3
