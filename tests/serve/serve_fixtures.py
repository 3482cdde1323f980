"""Made-up articles for the server tests (our own invented events), and a database of them.

Written through the Python API (``store.upsert``), so these tests do not depend on the extractors,
then linked into stories (``restory``) so article pages have stories and related news.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import warta
from warta.model import HIT_CLOSE, HIT_OPEN, Article, EditorPick, Related, Source

WIB = timezone(timedelta(hours=7))
WITA = timezone(timedelta(hours=8))
# "Now" for the tests: two hours after the flood article was published.
NOW = datetime(2021, 12, 16, 11, 30, tzinfo=WIB)

FLOOD = Article(
    title="Banjir rendam Kabupaten Sukamaju, ratusan warga mengungsi",
    body=(
        "Banjir setinggi satu meter merendam lima desa di Kabupaten Sukamaju sejak Rabu malam.\n\n"
        "Kepala BPBD Sukamaju, Ratna Wulandari, mengatakan 340 warga mengungsi ke balai desa."
        " Perahu karet dikerahkan untuk menjangkau warga lanjut usia.\n\n"
        "Hujan deras diperkirakan masih turun hingga akhir pekan, kata petugas pos pengamatan."
    ),
    outlet="tempo",
    url="https://nasional.contoh-tempo.id/read/1001/banjir-rendam-sukamaju",
    reporters=["Dimas Prasetyo"],
    editors=["Sari Kumalasari"],
    published_at=datetime(2021, 12, 16, 9, 30, tzinfo=WIB),  # a Thursday: "Kamis"
    dateline="Sukamaju",
    image_caption="Warga menyeberangi jalan desa yang terendam banjir di Sukamaju.",
    image_credit="TEMPO/Andi Saputra",
    language="id",
    related=[
        Related(
            title="BPBD Sukamaju kirim perahu karet untuk korban banjir",
            age="23 menit lalu",
            url="https://nasional.contoh-kompas.id/read/2002/bpbd-kirim-perahu",
        ),
        Related(title="Jembatan gantung Desa Cempaka putus diterjang arus", age="1 jam lalu"),
    ],
    editor_picks=[EditorPick(title="Peta rawan banjir Sukamaju", url="https://contoh-tempo.id/peta")],
    source=Source("made-up/banjir.txt", "text"),
)

BOATS = Article(
    title="BPBD Sukamaju kirim perahu karet untuk korban banjir",
    body=(
        "Badan Penanggulangan Bencana Daerah Sukamaju mengirim enam perahu karet ke desa yang terendam banjir.\n\n"
        "Logistik berupa beras dan selimut dibagikan di balai desa."
    ),
    outlet="kompas",
    url="https://nasional.contoh-kompas.id/read/2002/bpbd-kirim-perahu",
    reporters=["Yohana Simatupang"],
    published_at=datetime(2021, 12, 16, 10, 10, tzinfo=WIB),
    language="id",
)

FERTILISER = Article(
    title="Harga pupuk naik menjelang musim tanam di Lembah Hijau",
    body="Petani Lembah Hijau mengeluhkan harga pupuk yang naik dua kali lipat menjelang musim tanam.",
    outlet="detik",
    url="https://news.contoh-detik.id/read/3003/harga-pupuk",
    published_at=datetime(2021, 12, 13, 8, 0, tzinfo=WIB),
    language="id",
)

ENGLISH = Article(
    title="Floods displace hundreds in Sukamaju regency",
    body="Floodwaters a metre deep covered five villages in Sukamaju, officials said on Thursday.",
    outlet="contohpost",
    url="https://www.contohpost.example/news/floods-sukamaju",
    published_at=datetime(2021, 12, 16, 12, 0, tzinfo=WITA),
    language="en",
)

HOSTILE = Article(
    title="<script>alert(1)</script> Banjir palsu <img src=x onerror=alert(1)>",
    body=(
        "Paragraf pertama tentang banjir <script>alert(1)</script> yang palsu.\n\n"
        'Paragraf kedua <img src=x onerror=alert(1)> dan <a href="javascript:alert(1)">klik</a>.\n\n'
        f"Penanda {HIT_OPEN}liar{HIT_CLOSE} {HIT_OPEN}tanpa penutup banjir."
    ),
    outlet="<b>jahat</b>",
    url="javascript:alert(3)",
    reporters=['"><script>alert(1)</script>'],
    editors=["<img src=x onerror=alert(1)>"],
    published_at=datetime(2021, 12, 15, 7, 0, tzinfo=WIB),
    image_caption="</figcaption><script>alert(1)</script>",
    image_credit="<svg onload=alert(1)>",
    language="id",
    related=[
        Related(title="<script>alert(1)</script> terkait", url="javascript:alert(1)", age="<b>1 jam</b>"),
        Related(title="Tautan data", url="data:text/html,<script>alert(1)</script>"),
        Related(title="Tautan tab", url="java\tscript:alert(1)"),
    ],
    editor_picks=[EditorPick(title="Pilihan <i>jahat</i>", url="javascript:alert(2)")],
)

# Enough matches for "banjir" to need three pages of ten.
FILLER = [
    Article(
        title=f"Banjir susulan di Desa Cempaka bagian {i}",
        body=f"Laporan {i}: air banjir kembali naik di Desa Cempaka, warga bersiaga di tanggul.",
        outlet="antara" if i % 2 else "detik",
        url=f"https://contoh-antara.id/berita/{i}",
        published_at=datetime(2021, 12, 1 + i % 10, 6, 0, tzinfo=WIB),
        language="id",
    )
    for i in range(22)
]

ALL = [FLOOD, BOATS, FERTILISER, ENGLISH, HOSTILE, *FILLER]


def build_db(path: str | Path) -> Path:
    """A fresh database at ``path`` holding :data:`ALL`, linked into stories and storylines."""
    handle = warta.open(str(path))
    try:
        handle.store.upsert(ALL)
        handle.restory()
    finally:
        handle.close()
    return Path(path)


def ingest_files(
    folder: Path, files: dict[str, list[dict[str, Any]]], extra: list[Article] | None = None
) -> tuple[Path, dict[str, str]]:
    """Write each file's rows (JSON lines) under ``folder/in``, ingest them through the whole
    pipeline into ``folder/warta.db`` and upsert ``extra`` articles after; returns the database
    path and each article's id by its URL."""
    source = folder / "in"
    source.mkdir(parents=True, exist_ok=True)
    for name, rows in files.items():
        (source / name).write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
        )
    path = folder / "warta.db"
    handle = warta.open(str(path))
    try:
        summary = handle.ingest(str(source))
        assert summary.rejected == 0, summary.rejections
        handle.store.upsert(extra or [])
        by_url = {a.url: a.id for a in handle.articles()}
    finally:
        handle.close()
    return path, by_url


# --- running ``warta serve`` in a subprocess (browser tests, screenshots, load bench) -----------

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")  # Debian's; never a Playwright-downloaded browser
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    """A loopback port free right now (the server binds it a moment later)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int, extra: list[str] | None = None) -> subprocess.Popen[bytes]:
    """``warta serve`` on 127.0.0.1 as a subprocess (``python -m`` so it runs before cli.py wires it)."""
    env = os.environ | {"PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen(
        [sys.executable, "-m", "warta.serve.cli", "--db", str(db), "--port", str(port), *(extra or [])],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def wait_until_up(url: str, proc: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
            raise RuntimeError(f"warta serve exited with {proc.returncode}: {out.strip()}")
        try:
            with urllib.request.urlopen(url + "/api/stats", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"warta serve did not answer at {url} within {timeout:g}s")
