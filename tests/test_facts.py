"""Who did and said what, when: the understand stage through ingest, the store, the API and the CLI."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import warta

ROOT = Path(__file__).resolve().parents[1]
CRAWLED = "2024-05-14T12:00:00+07:00"


@pytest.fixture(scope="module")
def samples_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("facts") / "s.db"
    with warta.open(path) as db:
        db.ingest(ROOT / "samples")
    db = warta.open(path)
    yield db
    db.close()


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory, seeds_dir):
    path = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with warta.open(path) as db:
        db.ingest(seeds_dir)
    return path


def test_spelling_variants_are_one_entity_with_dated_roles(samples_db):
    # the sample storyline spells its spokesman "Muhammad Faisal" once and "Muhamad Faisal" once
    entity = samples_db.entity("Muhamad Faisal")
    assert entity is not None and entity["type"] == "PERSON"
    assert {"Muhammad Faisal", "Muhamad Faisal"} <= set(entity["aliases"])
    assert entity["articles"] == 2
    assert any("juru bicara" in role.lower() for role in entity["roles"])
    assert all(span["first"] and span["last"] for span in entity["roles"].values())
    assert samples_db.entity("Muhammad Faisal")["id"] == entity["id"]


def test_country_aliases_resolve_to_one_country(samples_db):
    japan = samples_db.entity("Negeri Sakura")
    assert japan is not None and japan["name"] == "Japan" and japan["type"] == "COUNTRY"
    assert "Jepang" in japan["aliases"]


def test_entity_listing_and_mentions_over_time(samples_db):
    people = samples_db.entities(type="person", limit=5)
    assert people and all(p["type"] == "PERSON" for p in people)
    assert [p["mentions"] for p in people] == sorted((p["mentions"] for p in people), reverse=True)
    weeks = samples_db.entity(people[0]["name"])["mentions_by_week"]
    assert weeks and sum(n for _, n in weeks) == people[0]["articles"]


def test_articles_carry_facts_with_offsets(samples_db):
    for article in samples_db.articles():
        for mention in article.entities:
            text = article.image_caption if mention.get("field") == "image_caption" else article.body
            assert text[mention["start"] : mention["end"]] == mention["surface"]
        for quote in article.quotes:
            assert article.body[quote["start"] : quote["end"]] == quote["text"]
        for figure in article.figures:
            assert article.body[figure["start"] : figure["end"]] == figure["text"]


def test_seed_events_timeline(seeds_db):
    with warta.open(seeds_db) as db:
        items = db.timeline("Putin", "Xi")
        events = [
            (i["date"], i["code"], i["actor1"], i["actor2"], i["mode"]) for i in items if i["kind"] == "event"
        ]
        assert ("2021-12-15", "CONSULT", "Vladimir Putin", "Xi Jinping", "video call") in events
        assert ("2021-12-07", "CONSULT", "Vladimir Putin", "Joe Biden", "video call") in events
        assert ("2024-02-08", "CONSULT", "Vladimir Putin", "Xi Jinping", "phone call") in events
        assert ("2023-10-18", "CONSULT", "Vladimir Putin", "Xi Jinping", "meeting") in events
        assert any(code == "REJECT" and a2 in ("West", "United States") for _, code, _, a2, _ in events)
        dated = [i["when"] for i in items if i["when"]]
        assert dated == sorted(dated)
        assert any(i["kind"] == "quote" for i in items)
        ushakov = db.entity("Yury Ushakov")
        assert {"Yuri Ushakov", "Yury Ushakov"} <= set(ushakov["aliases"])
        rejects = db.events(actor="Putin", type="reject")
        assert rejects and all(e["code"] == "REJECT" for e in rejects)


def test_seed_trade_figures_have_periods(seeds_db):
    with warta.open(seeds_db) as db:
        figures = [f for a in db.articles() for f in a.figures if f["kind"] == "money"]
    by_value = {round(f["value"] / 1e9, 1): f for f in figures if f["unit"] == "USD"}
    assert by_value[218.2]["period"] == {"start": "2023-01-01", "end": "2023-11-30"}
    assert by_value[123.0]["period"] == {"start": "2021-01-01", "end": "2021-11-30"}


def test_events_export_is_a_gdelt_like_table(seeds_db):
    out = subprocess.run(
        [sys.executable, "-m", "warta.cli", "export", "--db", str(seeds_db), "--format", "events"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows
    assert {"date", "actor1", "actor2", "code", "location", "article_id", "evidence"} <= set(rows[0])
    assert any(r["date"] == "2024-02-08" and r["code"] == "CONSULT" for r in rows)


def test_cli_entity_and_quotes(seeds_db):
    def run(*args: str) -> str:
        return subprocess.run(
            [sys.executable, "-m", "warta.cli", *args, "--db", str(seeds_db), "--json"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    entity = json.loads(run("entity", "Tiongkok"))
    assert entity["name"] == "China" and "Cina" in entity["aliases"]
    xi = json.loads(run("entity", "Xi"))
    assert xi["name"] == "Xi Jinping"
    quotes = json.loads(run("quotes", "--speaker", "Xi"))
    assert quotes and all(q["speaker_entity"] == xi["id"] for q in quotes)
    assert any(q["source"] == "Xinhua" for q in quotes)


def _news(path: Path, bodies: list[str]) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for i, body in enumerate(bodies):
            row = {
                "outlet": "detik",
                "url": f"https://news.contoh.id/read/{path.stem}-{i}/pangan",
                "title": f"Kabar pangan Arvania ({i})",
                "author": "Nama Penulis -detikNews",
                "date_raw": f"Rabu, {10 + i} Jun 2025 07:30 WIB",
                "category": "",
                "body": body,
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


FULL = (
    "Menteri Pangan Bagus Santosa meninjau gudang beras di Kota Lembah pada Selasa. "
    "Santosa mengatakan stok beras cukup untuk enam bulan.\n"
    "Santosa juga bertemu Gubernur Lembah Rina Wulandari di kantor gubernur."
)
SHORT = "Santosa mengatakan harga beras di pasar Kota Lembah akan turun pekan depan.\nIa meminta warga tidak panik."


def test_a_one_word_person_joins_the_full_name_other_articles_gave(tmp_path):
    with warta.open(tmp_path / "f.db") as db:
        db.ingest(_news(tmp_path / "a.jsonl", [FULL, FULL.replace("Selasa", "Senin")]))
        db.ingest(_news(tmp_path / "b.jsonl", [SHORT]))
        people = {p["name"]: p for p in db.entities(type="person", limit=20)}
        assert "Santosa" not in people
        assert people["Bagus Santosa"]["articles"] == 3
        assert db.entity("Santosa")["name"] == "Bagus Santosa"
        said = [q for q in db.quotes(limit=50) if "harga beras" in q["text"]]
        assert said and said[0]["speaker_entity"] == people["Bagus Santosa"]["id"]
        # a less mentioned entity named exactly "Santosa" (a tagging slip) does not win the lookup
        db.store.db.execute(
            "INSERT INTO entities(id, name, type, mentions, articles) VALUES ('place:santosa', 'Santosa', 'PLACE', 1, 1)"
        )
        assert db.entity("Santosa")["name"] == "Bagus Santosa"
        assert db.entity("place:santosa")["type"] == "PLACE"


def test_a_one_word_person_shared_by_two_full_names_stays_apart(tmp_path):
    other = FULL.replace("Menteri Pangan Bagus Santosa", "Wakil Menteri Pangan Dewi Santosa")
    with warta.open(tmp_path / "f.db") as db:
        db.ingest(_news(tmp_path / "a.jsonl", [FULL, other]))
        db.ingest(_news(tmp_path / "b.jsonl", [SHORT]))
        names = {p["name"] for p in db.entities(type="person", limit=20)}
        assert {"Bagus Santosa", "Dewi Santosa", "Santosa"} <= names


def test_schema_10_fills_person_names_from_the_people_stored(tmp_path):
    with warta.open(tmp_path / "f.db") as db:
        db.ingest(_news(tmp_path / "a.jsonl", [FULL, FULL.replace("Selasa", "Senin")]))
        db.store.db.execute("DROP TABLE person_names")
        db.store.db.execute("ALTER TABLE events DROP COLUMN modality")  # schema 11's
        db.store.db.execute("PRAGMA user_version = 9")
        db.store.db.commit()
    with warta.open(tmp_path / "f.db") as db:
        rows = set(db.store.db.execute("SELECT word, entity_id FROM person_names").fetchall())
        assert {("bagus", "person:bagus santosa"), ("santosa", "person:bagus santosa")} <= {
            tuple(r) for r in rows
        }
        db.ingest(_news(tmp_path / "b.jsonl", [SHORT]))
        assert db.entity("Santosa")["articles"] == 3


def test_optimize_folds_a_one_word_person_stored_before_the_full_name(tmp_path):
    with warta.open(tmp_path / "f.db") as db:
        db.ingest(_news(tmp_path / "b.jsonl", [SHORT]))  # "Santosa" alone, before anyone wrote the full name
        db.ingest(_news(tmp_path / "a.jsonl", [FULL, FULL.replace("Selasa", "Senin")]))
        assert db.entity("person:santosa") is not None
        assert [e["actor1"] for e in db.events(type="REQUEST")] == ["Santosa"]  # "Ia meminta warga ..."
        done = db.optimize()
        assert done["people_folded"] == 1
        assert db.entity("person:santosa") is None
        person = db.entity("Santosa")
        assert person["name"] == "Bagus Santosa" and person["articles"] == 3
        assert person["mentions"] == sum(
            n
            for _, n in db.store.db.execute(
                "SELECT article_rowid, mentions FROM entity_mentions WHERE entity_id = ?", (person["id"],)
            )
        )
        said = [q for q in db.quotes(limit=50) if "harga beras" in q["text"]]
        assert said and said[0]["speaker_entity"] == person["id"]
        assert [e["actor1"] for e in db.events(type="REQUEST")] == ["Bagus Santosa"]
        assert db.optimize()["people_folded"] == 0  # nothing left to fold


def test_a_one_word_name_used_more_than_the_full_name_is_a_name_of_its_own(tmp_path):
    with warta.open(tmp_path / "f.db") as db:
        db.ingest(
            _news(tmp_path / "b.jsonl", [SHORT.replace("pekan depan", f"dalam {n} hari") for n in range(8)])
        )
        db.ingest(_news(tmp_path / "a.jsonl", [FULL, FULL.replace("Selasa", "Senin")]))
        own = db.entity("person:santosa")
        full = db.entity("person:bagus santosa")
        assert own["mentions"] > full["mentions"]
        assert db.optimize()["people_folded"] == 0
        assert db.entity("person:santosa") is not None


DEFINED = (
    "Institut Teknologi Kalimaya (ITK) membuka kampus kedua di Kota Lembah pada Selasa.\n"
    "Rektor ITK mengatakan kampus itu siap menerima 2.000 mahasiswa baru."
)
FULL_ONLY = "Peneliti Institut Teknologi Kalimaya menemukan bakteri baru di Sungai Deras.\nTemuan itu diumumkan Senin."
ACRONYM_ONLY = "ITK kembali menjuarai lomba robot tingkat nasional di Kota Lembah."


@pytest.mark.parametrize("order", ["defined first", "full name first"])
def test_a_body_defined_by_its_short_form_is_one_entity_with_articles_naming_it_in_full(tmp_path, order):
    first, then = ([DEFINED], [FULL_ONLY]) if order == "defined first" else ([FULL_ONLY], [DEFINED])
    with warta.open(tmp_path / "f.db") as db:
        db.ingest(_news(tmp_path / "a.jsonl", first))
        db.ingest(_news(tmp_path / "b.jsonl", then))
        db.ingest(_news(tmp_path / "c.jsonl", [ACRONYM_ONLY]))
        bodies = [
            e
            for e in db.entities(type="org", limit=50)
            if e["id"] in ("org:itk", "org:institut teknologi kalimaia")
        ]
        assert [e["id"] for e in bodies] == ["org:itk"]
        body = db.entity("Institut Teknologi Kalimaya")
        assert body["id"] == "org:itk" and body["articles"] == 3
        assert {"Institut Teknologi Kalimaya", "ITK"} <= set(body["aliases"])
        assert body["mentions"] == sum(
            n
            for (n,) in db.store.db.execute(
                "SELECT mentions FROM entity_mentions WHERE entity_id = 'org:itk'"
            )
        )


def test_a_short_form_two_articles_define_for_two_bodies_joins_neither(tmp_path):
    other = DEFINED.replace("Institut Teknologi Kalimaya", "Ikatan Tukang Kayu")
    with warta.open(tmp_path / "f.db") as db:
        db.ingest(_news(tmp_path / "a.jsonl", [DEFINED, other]))
        db.ingest(_news(tmp_path / "b.jsonl", [FULL_ONLY]))
        assert db.entity("org:itk")["articles"] == 2
        assert db.entity("Institut Teknologi Kalimaya")["id"] != "org:itk"


def test_a_short_form_that_leaves_a_word_out_is_not_the_full_name_elsewhere(tmp_path):
    # "PN" is every district court: an article that names "Pengadilan Negeri Kota Lembah" means one
    defined = "Sidang di Pengadilan Negeri Kota Lembah (PN) ditunda pada Selasa karena hakim sakit."
    alone = (
        "Majelis hakim Pengadilan Negeri Kota Lembah menjatuhkan vonis dua tahun kepada terdakwa pada Senin."
    )
    with warta.open(tmp_path / "f.db") as db:
        db.ingest(_news(tmp_path / "a.jsonl", [defined]))
        db.ingest(_news(tmp_path / "b.jsonl", [alone]))
        assert db.entity("org:pn")["articles"] == 1
        court = db.entity("Pengadilan Negeri Kota Lembah")
        assert court is not None and court["id"] != "org:pn" and court["type"] == "ORG"


def test_an_edited_article_that_named_a_body_in_full_gives_back_its_spelling(tmp_path):
    (tmp_path / "first").mkdir()
    (tmp_path / "then").mkdir()
    with warta.open(tmp_path / "f.db") as db:
        db.ingest(_news(tmp_path / "a.jsonl", [DEFINED]))
        db.ingest(_news(tmp_path / "first" / "b.jsonl", [FULL_ONLY]))
        before = db.entity("org:itk")
        summary = db.ingest(
            _news(tmp_path / "then" / "b.jsonl", [FULL_ONLY.replace("Peneliti ", "Ilmuwan ")])
        )
        assert summary.updated == 1, summary
        after = db.entity("org:itk")
        assert after["articles"] == before["articles"] == 2
        assert after["mentions"] == before["mentions"]
        assert after["aliases"] == before["aliases"]


def test_an_edited_article_leaves_the_entities_as_if_only_its_last_version_was_read(tmp_path):
    edited = FULL.replace("Rina Wulandari", "Dewi Lestari").replace(
        "Bagus Santosa meninjau", "Bagus Santosa, meninjau"
    )
    (tmp_path / "first").mkdir()
    (tmp_path / "then").mkdir()
    with warta.open(tmp_path / "twice.db") as db:
        db.ingest(_news(tmp_path / "first" / "n.jsonl", [FULL, SHORT]))
        summary = db.ingest(_news(tmp_path / "then" / "n.jsonl", [edited, SHORT]))
        assert summary.updated == 1, summary
        twice = {e["id"]: (e["mentions"], e["articles"], e["aliases"]) for e in db.entities(limit=100)}
    with warta.open(tmp_path / "once.db") as db:
        db.ingest(_news(tmp_path / "then" / "n.jsonl", [edited, SHORT]))
        once = {e["id"]: (e["mentions"], e["articles"], e["aliases"]) for e in db.entities(limit=100)}
    assert all(articles > 0 for _, articles, _ in twice.values())  # nothing no article names
    assert twice == once


def test_cli_events_mark_the_articles_date_where_the_text_gives_none(tmp_path):
    path = _news(
        tmp_path / "ev.jsonl", ["Pemerintah Arvania menolak rencana Kerajaan Beltrania.\nWarga menunggu."]
    )
    with warta.open(tmp_path / "ev.db") as db:
        db.ingest(path)
    out = subprocess.run(
        [sys.executable, "-m", "warta.cli", "events", "--db", str(tmp_path / "ev.db")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines = [line for line in out.splitlines() if "REJECT" in line]
    assert lines and lines[0].startswith("~2025-06-"), out


PLANNED = (
    "Presiden Brasil Lucas Ferreira akan bertemu Perdana Menteri Jepang Haruto Sakamoto di Tokyo pekan depan.\n"
    "Pemerintah Brasil menolak rencana Jepang."
)


def test_a_planned_event_is_marked_in_the_listing_the_export_and_the_timeline(tmp_path):
    db_path = tmp_path / "pl.db"
    with warta.open(db_path) as db:
        db.ingest(_news(tmp_path / "pl.jsonl", [PLANNED]))
        events = db.events(limit=10)
        kinds = {e["code"]: e["modality"] for e in events}
        assert kinds == {"CONSULT": "planned", "REJECT": "asserted"}, events
        assert {e["modality"] for e in db.timeline("Lucas Ferreira") if e["kind"] == "event"} == {"planned"}

    def cli(*args: str) -> str:
        return subprocess.run(
            [sys.executable, "-m", "warta.cli", *args, "--db", str(db_path)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    lines = cli("events").splitlines()
    consult = [line for line in lines if "CONSULT" in line]
    reject = [line for line in lines if "REJECT" in line]
    assert consult and consult[0].endswith("[planned]"), lines
    assert reject and not reject[0].endswith("[planned]"), lines
    rows = list(csv.DictReader(io.StringIO(cli("export", "--format", "events"))))
    assert {(r["code"], r["modality"]) for r in rows} == {("CONSULT", "planned"), ("REJECT", "asserted")}
    # and each kind alone
    assert [line.split()[1] for line in cli("events", "--modality", "planned").splitlines()] == ["CONSULT"]
    assert [line.split()[1] for line in cli("events", "--modality", "asserted").splitlines()] == ["REJECT"]


def test_schema_11_takes_stored_events_modality_from_their_documents(tmp_path):
    with warta.open(tmp_path / "m.db") as db:
        db.ingest(_news(tmp_path / "m.jsonl", [PLANNED]))
        db.store.db.execute("ALTER TABLE events DROP COLUMN modality")
        db.store.db.execute("PRAGMA user_version = 10")
        db.store.db.commit()
    with warta.open(tmp_path / "m.db") as db:
        assert {(e["code"], e["modality"]) for e in db.events(limit=10)} == {
            ("CONSULT", "planned"),
            ("REJECT", "asserted"),
        }
