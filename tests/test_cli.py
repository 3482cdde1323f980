"""The command line end to end, as a user runs it: real files, a real SQLite database."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.corpus import write_jsonl

WARTA = [sys.executable, "-m", "warta.cli"]


def warta(*args: str, input: bytes | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [*WARTA, *args], input=input.decode() if input else None, capture_output=True, text=True, timeout=600
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"warta {' '.join(args)} exited {proc.returncode}: {proc.stderr}")
    return proc


def test_ingest_samples_then_again_changes_nothing(tmp_path, samples_dir):
    db = str(tmp_path / "w.db")
    first = json.loads(warta("ingest", str(samples_dir), "--db", db, "--json").stdout)
    assert first["new"] >= 15
    assert first["rejected"] == 0, first["rejections"]
    second = json.loads(warta("ingest", str(samples_dir), "--db", db, "--json").stdout)
    assert second["new"] == 0 and second["updated"] == 0
    assert second["unchanged"] == first["new"] + first["updated"] + first["unchanged"]
    stats = json.loads(warta("stats", "--db", db, "--json").stdout)
    assert stats["articles"] == first["new"]


def test_optimize_merges_the_index(tmp_path, samples_dir):
    db = str(tmp_path / "w.db")
    warta("ingest", str(samples_dir), "--db", db)
    before = warta("search", "banjir", "--db", db, "--json").stdout
    assert json.loads(before)  # something to keep
    out = warta("optimize", "--db", db).stdout
    assert out.startswith("full-text index segments: ") and " -> 1, one-word people folded: 0, in " in out
    assert warta("search", "banjir", "--db", db, "--json").stdout == before


def test_export_then_ingest_gives_the_same_articles(tmp_path, samples_dir):
    db = str(tmp_path / "a.db")
    warta("ingest", str(samples_dir), "--db", db, "--crawled-at", "2024-05-14T12:00:00+07:00")
    exported = tmp_path / "out.jsonl"
    warta("export", "--db", db, "--out", str(exported))
    db2 = str(tmp_path / "b.db")
    summary = json.loads(warta("ingest", str(exported), "--db", db2, "--json").stdout)
    assert summary["rejected"] == 0
    again = tmp_path / "again.jsonl"
    warta("export", "--db", db2, "--out", str(again))

    def by_id(path: Path) -> dict[str, dict]:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        # source says where each copy was read from; everything else must survive the trip
        return {r["id"]: {k: v for k, v in r.items() if k != "source"} for r in rows}

    assert by_id(exported) == by_id(again)
    assert len(by_id(exported)) == summary["new"]


def test_csv_and_parquet_exports(tmp_path, samples_dir):
    import csv

    import pyarrow.parquet as pq

    db = str(tmp_path / "e.db")
    summary = json.loads(warta("ingest", str(samples_dir), "--db", db, "--json").stdout)
    n = summary["new"]
    warta("export", "--db", db, "--format", "csv", "--out", str(tmp_path / "a.csv"))
    with (tmp_path / "a.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == n and all(r["id"] and r["title"] for r in rows)
    warta("export", "--db", db, "--format", "parquet", "--out", str(tmp_path / "a.parquet"))
    table = pq.read_table(tmp_path / "a.parquet")
    assert table.num_rows == n
    assert "published_at" in table.column_names


def test_timeline_names_a_quotes_speaker_by_the_entity_and_as_written(tmp_path):
    row = {
        "url": "https://news.contoh.id/read/1/jembatan-lamora",
        "title": "Gubernur Riau Setujui Jembatan Baru",
        "date_raw": "Senin, 02 Jun 2025 10:00 WIB",
        "body": (
            "Gubernur Riau Sinta Wirawan bertemu Menteri Budi Hartono di Pekanbaru, Senin. "
            'Sinta Wirawan mengatakan jembatan itu dibangun tahun depan. "Dananya sudah siap," kata '
            "pemimpin Riau itu."
        ),
    }
    source = tmp_path / "one.jsonl"
    source.write_text(json.dumps(row) + "\n", encoding="utf-8")
    db = str(tmp_path / "w.db")
    warta("ingest", str(source), "--db", db)
    lines = [
        line for line in warta("timeline", "Sinta Wirawan", "--db", db).stdout.splitlines() if "QUOTE" in line
    ]
    # the name alone when the article wrote (part of) it, with the words it used otherwise
    assert any("QUOTE      Sinta Wirawan: jembatan itu dibangun" in line for line in lines), lines
    assert any(
        "QUOTE      Sinta Wirawan (pemimpin Riau itu): Dananya sudah siap" in line for line in lines
    ), lines


def test_search_and_show(tmp_path, samples_dir):
    db = str(tmp_path / "s.db")
    warta("ingest", str(samples_dir), "--db", db)
    hits = json.loads(warta("search", "banjir", "--db", db, "--json").stdout)
    assert hits, "the sample corpus has a flood story"
    assert all("banjir" in (h["title"] + h["snippet"]).lower() for h in hits)
    shown = json.loads(warta("show", hits[0]["id"], "--db", db, "--json").stdout)
    assert shown["id"] == hits[0]["id"] and shown["body"]


@pytest.mark.parametrize("query", ['"tidak seimbang', "OR banjir", "-banjir"])
def test_malformed_query_is_one_line_not_a_traceback(tmp_path, samples_dir, query):
    db = str(tmp_path / "q.db")
    warta("ingest", str(samples_dir), "--db", db)
    proc = warta("search", "--db", db, "--", query, check=False)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().count("\n") == 0 and "bad query" in proc.stderr


def test_exit_status_is_nonzero_only_when_nothing_ingested(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    proc = warta("ingest", str(empty), "--db", str(tmp_path / "x.db"), check=False)
    assert proc.returncode == 1
    assert "empty" in proc.stderr
    good = tmp_path / "good.jsonl"
    write_jsonl(good, 3)
    proc = warta("ingest", str(empty), str(good), "--db", str(tmp_path / "x.db"), check=False)
    assert proc.returncode == 0
    assert "3 new" in proc.stdout and "1 rejected" in proc.stdout


def test_unwritable_database_fails_clearly(tmp_path):
    good = tmp_path / "good.jsonl"
    write_jsonl(good, 2)
    proc = warta("ingest", str(good), "--db", str(tmp_path / "no" / "such" / "dir" / "x.db"), check=False)
    assert proc.returncode == 2
    assert proc.stderr.startswith("warta: ") and "Traceback" not in proc.stderr


def test_stdin(tmp_path):
    good = tmp_path / "good.jsonl"
    write_jsonl(good, 4)
    proc = warta("ingest", "-", "--db", str(tmp_path / "in.db"), "--json", input=good.read_bytes())
    assert json.loads(proc.stdout)["new"] == 4


@pytest.mark.slow
def test_killed_ingest_leaves_a_sound_database_and_a_rerun_completes(tmp_path):
    corpus = tmp_path / "big.jsonl"
    urls = write_jsonl(corpus, 12_000)
    db = tmp_path / "k.db"
    kills = 0
    for delay, workers in ((0.8, "1"), (1.6, "2"), (2.4, "1"), (3.0, "2")):
        proc = subprocess.Popen(
            [*WARTA, "ingest", str(corpus), "--db", str(db), "--workers", workers], stdout=subprocess.DEVNULL
        )
        time.sleep(delay)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait()
        con = sqlite3.connect(db)
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        con.close()
    assert kills >= 1, "the ingest finished before any kill; make the corpus bigger"
    warta("ingest", str(corpus), "--db", str(db))
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == len(urls)
    assert con.execute("SELECT count(DISTINCT url) FROM articles").fetchone()[0] == len(urls)
    con.close()
    # every article is findable exactly once through the index
    from warta.store import open_store

    store = open_store(db, readonly=True)
    assert store.count_matches(
        "warga OR bupati OR petani OR nelayan OR guru OR pedagang OR kepala OR ketua"
    ) == len(urls)
    store.close()
