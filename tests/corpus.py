"""Made-up articles for tests that need volume: deterministic, in the indonews JSON-lines shape."""

from __future__ import annotations

import json
import random
from pathlib import Path

_PLACES = ["Sukamaju", "Tanjung Harapan", "Kota Baru Selatan", "Pulau Kenari", "Lembah Hijau", "Bukit Damar"]
_SUBJECTS = ["Bupati", "Warga", "Kepala dinas", "Ketua koperasi", "Petani", "Nelayan", "Guru", "Pedagang"]
_VERBS = ["meresmikan", "memprotes", "mengumumkan", "menolak", "mendukung", "membahas", "memperbaiki"]
_OBJECTS = [
    "jembatan desa",
    "harga pupuk",
    "jadwal panen",
    "pasar baru",
    "saluran irigasi",
    "sekolah darurat",
]


def write_jsonl(path: Path, n: int, *, seed: int = 7, outlet: str = "detik") -> list[str]:
    """Write ``n`` made-up articles; return their URLs."""
    rng = random.Random(seed)
    urls = []
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            place = rng.choice(_PLACES)
            title = f"{rng.choice(_SUBJECTS)} {place} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} ({i})"
            paragraphs = [
                " ".join(
                    f"{rng.choice(_SUBJECTS)} di {rng.choice(_PLACES)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}."
                    for _ in range(4)
                )
                for _ in range(5)
            ]
            url = f"https://news.contoh.id/read/{i}/berita-{i}"
            urls.append(url)
            day = 1 + i % 28
            row = {
                "outlet": outlet,
                "url": url,
                "title": title,
                "author": "Nama Penulis -detikNews",
                "date_raw": f"Rabu, {day} Jun 2025 07:30 WIB",
                "category": "",
                "body": "\n".join(paragraphs),
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return urls
