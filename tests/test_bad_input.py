"""Bad input through the whole pipeline in one batch: each bad file or record gets one
line of reason, every good one is ingested, and nothing already stored is lost."""

from __future__ import annotations

import gzip
import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from tests.corpus import write_jsonl

import warta

GOOD_PAGE = """Warga Desa Sukamaju Gotong Royong Perbaiki Jembatan Bambu

Reporter

Ratna Dewi

Editor

Bima Saputra

Senin, 2 Juni 2025 10:15 WIB

TEMPO.CO, Jakarta - Puluhan warga Desa Sukamaju bergotong royong memperbaiki jembatan bambu yang rusak diterjang arus sungai pekan lalu.

Kepala desa mengatakan perbaikan ditargetkan selesai dalam tiga hari agar anak-anak bisa kembali bersekolah.
"""


def _bad_inputs(folder: Path) -> tuple[dict[str, str], int]:
    """Write one file per kind of bad input; return file name -> a word its reason must hold."""
    expect: dict[str, str] = {}
    (folder / "empty.txt").write_bytes(b"")
    expect["empty.txt"] = "empty"
    (folder / "random.bin").write_bytes(bytes(range(256)) * 64)
    expect["random.bin"] = "binary"
    plain = folder.parent / "to-cut.jsonl"
    write_jsonl(plain, 400, seed=3)
    cut_urls = [json.loads(line)["url"] for line in plain.read_text("utf-8").splitlines()]
    full = gzip.compress(plain.read_bytes().replace(b"news.contoh.id", b"cut.contoh.id"))
    (folder / "cut.jsonl.gz").write_bytes(full[: len(full) * 3 // 5])
    expect["cut.jsonl.gz"] = "truncated"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", GOOD_PAGE.replace("Sukamaju", "Sukamundur"))
    data = buffer.getvalue()
    (folder / "cut.zip").write_bytes(data[: len(data) - 30])
    expect["cut.zip"] = "zip"
    with (
        zipfile.ZipFile(folder / "bomb.zip", "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("berita.txt", "w", force_zip64=True) as member,
    ):
        chunk = b"Berita palsu. " * (1 << 16)
        for _ in range(120):  # ~110 MB of text in well under 1 MB
            member.write(chunk)
    expect["bomb.zip!berita.txt"] = "bomb"
    (folder / "deep.html").write_text("<html><body>" + "<div>" * 100_000 + "x" + "</div>" * 100_000, "utf-8")
    expect["deep.html"] = "nested"
    with (folder / "one-line.txt").open("wb") as out:
        for _ in range(200):
            out.write(b"a" * (1 << 20))
    expect["one-line.txt"] = "larger"
    (folder / "broken.jsonl").write_text(
        json.dumps({"title": "Judul baik", "body": "Isi berita yang baik dan cukup panjang untuk dibaca."})
        + "\n{not json\n",
        "utf-8",
    )
    expect["broken.jsonl"] = "JSON"
    (folder / "missing.csv").write_text("url,judul\nhttps://contoh.id/a,Judul tanpa isi\n", "utf-8")
    expect["missing.csv"] = "isi_berita"  # names the columns it looked for
    (folder / "menu.txt").write_text("Beranda\nNasional\nEkonomi\nOlahraga\nKontak\n", "utf-8")
    expect["menu.txt"] = "no article"
    return expect, len(cut_urls)


@pytest.mark.slow
def test_one_batch_of_every_bad_input(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    expect, cut_total = _bad_inputs(folder)
    (folder / "good.txt").write_text(GOOD_PAGE, "utf-8")
    (folder / "cp1252.txt").write_bytes(
        GOOD_PAGE.replace("Sukamaju", "Sukamaju Café").replace("Ratna Dewi", "Ratna Désirée").encode("cp1252")
    )
    (folder / "latin1.txt").write_bytes(
        GOOD_PAGE.replace("Sukamaju", "Sukamaju Señor").replace("jembatan", "jembatan à").encode("latin-1")
    )
    write_jsonl(folder / "records.jsonl", 5)

    db_path = tmp_path / "w.db"
    with warta.open(db_path) as db:
        before = write_jsonl(tmp_path / "earlier.jsonl", 3, seed=99)
        db.ingest(tmp_path / "earlier.jsonl")
        summary = db.ingest(folder)
        reasons = {Path(r.path).name: r for r in summary.rejections}
        for name, word in expect.items():
            assert name in reasons, f"{name} was not rejected: {sorted(reasons)}"
            line = str(reasons[name])
            assert word.lower() in line.lower(), line
            assert "\n" not in line and "Traceback" not in line
        # the good pages and records all made it, including the single-byte encodings
        stored = {Path(a.source.path.split("#")[0]).name for a in db.articles()}
        assert stored >= {
            "good.txt",
            "cp1252.txt",
            "latin1.txt",
            "records.jsonl",
            "broken.jsonl",
            "cut.jsonl.gz",
        }, stored
        # records.jsonl reuses the earlier file's first three URLs: those three are updates;
        # the cut gzip gives what was readable before the cut
        from_cut = sum(1 for a in db.articles() if a.url and "cut.contoh.id" in a.url)
        assert 0 < from_cut < cut_total
        assert (summary.new, summary.updated) == (3 + 2 + 1 + from_cut, 3), summary
        titles = {a.title for a in db.articles()}
        assert any("Café" in t for t in titles) or any("Café" in a.body for a in db.articles())
        bodies = "\n".join(a.body + " ".join(a.reporters) for a in db.articles())
        assert "Désirée" in bodies and "Señor" in bodies and "à" in bodies
        # nothing stored earlier was lost
        assert {a.url for a in db.articles()} >= set(before)
        assert db.store.integrity_check() == "ok"
    assert os.path.getsize(db_path) > 0
