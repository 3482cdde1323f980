"""A linked archive for the story and storyline tests, built the way a user builds one:
JSON-lines files in warta's export shape, written at test time, then ``warta.open(db).ingest(folder)``
(which links them into stories and storylines). Every event here is made up.

- a flash flood in Watugede reported by two outlets on one day: one story;
- a trade pact between two made-up leaders, signed and reviewed two years apart: one storyline
  of two stories;
- an earthquake story whose titles and outlet are hostile markup, and its anniversary a year on;
- unrelated articles (a kite festival, chilli prices, a fisheries pact with other names).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from tests.serve.serve_fixtures import ingest_files

WIB = timezone(timedelta(hours=7))
# "Now" for these tests: two hours after the trade pact's review was published.
NOW = datetime(2024, 5, 14, 12, 0, tzinfo=WIB)


def _article(key: str, outlet: str, title: str, body: list[str], published_at: str) -> dict[str, Any]:
    return {
        "id": key,  # ingest gives the id from the URL; this one is only a label in the file
        "outlet": outlet,
        "url": f"https://contoh-{key}.example/read/{key}",
        "title": title,
        "body": "\n\n".join(body),
        "published_at": published_at,
        "language": "id",
        "reporters": [],
        "editors": [],
        "related": [],
        "editor_picks": [],
    }


FLOOD_A = _article(
    "banjir-a",
    "tempo",
    "Banjir bandang Kali Merapu rendam Desa Watugede",
    [
        "Banjir bandang dari Kali Merapu merendam Desa Watugede di Kabupaten Larangsari pada Selasa pagi.",
        "Kepala BPBD Larangsari, Hendra Gunawan, mengatakan 120 rumah terendam dan 300 warga mengungsi"
        " ke masjid desa.",
        "Petugas mengerahkan perahu karet untuk mengevakuasi warga Watugede.",
    ],
    "2024-03-05T08:00:00+07:00",
)
FLOOD_B = _article(
    "banjir-b",
    "kompas",
    "Ratusan warga Watugede mengungsi akibat banjir bandang Kali Merapu",
    [
        "Ratusan warga Desa Watugede, Kabupaten Larangsari, mengungsi setelah banjir bandang Kali Merapu"
        " merendam rumah mereka.",
        "Hendra Gunawan dari BPBD Larangsari menyebut 300 warga kini tinggal di masjid desa.",
        "Perahu karet dikerahkan untuk evakuasi warga Watugede.",
    ],
    "2024-03-05T13:30:00+07:00",
)
PACT_A = _article(
    "pakta-a",
    "antara",
    "Presiden Bagas Wiranata dan Perdana Menteri Elena Sorvik teken pakta dagang Nusantara Selatan",
    [
        "Presiden Bagas Wiranata dan Perdana Menteri Republik Valdoria Elena Sorvik menandatangani pakta"
        " dagang Nusantara Selatan di Jakarta.",
        "Pakta dagang itu menghapus tarif impor kopi dan kakao antara kedua negara.",
        "Bagas Wiranata menyebut pakta dagang dengan Valdoria membuka pasar baru bagi petani kopi.",
    ],
    "2022-05-10T10:00:00+07:00",
)
PACT_B = _article(
    "pakta-b",
    "detik",
    "Bagas Wiranata dan Elena Sorvik tinjau dua tahun pakta dagang Nusantara Selatan",
    [
        "Presiden Bagas Wiranata bertemu kembali dengan Perdana Menteri Valdoria Elena Sorvik untuk"
        " meninjau pakta dagang Nusantara Selatan.",
        "Ekspor kopi dan kakao ke Valdoria naik dua kali lipat sejak pakta dagang diteken.",
        "Elena Sorvik menyebut pakta dagang itu akan diperluas ke produk perikanan.",
    ],
    "2024-05-14T10:00:00+07:00",
)
FISHERIES = _article(
    "pakta-ikan",
    "tempo",
    "DPRD Pulau Seruni bahas pakta dagang perikanan",
    [
        "DPRD Pulau Seruni membahas rancangan pakta dagang perikanan dengan nelayan setempat.",
        "Ketua DPRD Seruni, Rina Lestari, menyebut pakta itu mengatur harga ikan tangkapan.",
    ],
    "2023-08-01T09:00:00+07:00",
)
KITES = _article(
    "layang",
    "tempo",
    "Festival layang-layang meriahkan Pantai Teluk Biru",
    [
        "Ratusan layang-layang warna-warni menghiasi langit Pantai Teluk Biru dalam festival tahunan.",
        "Panitia mencatat seribu pengunjung datang pada hari pertama.",
    ],
    "2024-03-04T16:00:00+07:00",
)
CHILLI = _article(
    "cabai",
    "detik",
    "Harga cabai rawit turun di Pasar Sentosa",
    [
        "Harga cabai rawit di Pasar Sentosa turun menjadi Rp30 ribu per kilogram.",
        "Pedagang menyebut pasokan dari petani kembali lancar.",
    ],
    "2024-03-05T07:00:00+07:00",
)
HOSTILE_A = _article(
    "gempa-a",
    "<b>jahat</b>",
    "<script>alert(1)</script> Gempa Lembah Sunyi guncang Desa Karangjati",
    [
        "Gempa bumi mengguncang Lembah Sunyi dan merusak rumah warga Desa Karangjati.",
        "Bupati Arif Santoso meminta warga Karangjati menjauhi tebing di Lembah Sunyi.",
    ],
    "2023-02-01T06:00:00+07:00",
)
HOSTILE_B = _article(
    "gempa-b",
    "<b>jahat</b>",
    "<img src=x onerror=alert(2)> Gempa Lembah Sunyi rusak rumah warga Karangjati",
    [
        "Puluhan rumah warga Karangjati rusak akibat gempa di Lembah Sunyi.",
        "Bupati Arif Santoso meninjau Desa Karangjati dan membuka posko di Lembah Sunyi.",
    ],
    "2023-02-01T09:00:00+07:00",
)
HOSTILE_C = _article(
    "gempa-c",
    "kompas",
    "<svg onload=alert(3)> Setahun gempa Lembah Sunyi, Karangjati bangun kembali",
    [
        "Setahun setelah gempa Lembah Sunyi, warga Desa Karangjati membangun kembali rumah mereka.",
        "Bupati Arif Santoso meresmikan rumah tahan gempa di Karangjati, Lembah Sunyi.",
    ],
    "2024-02-01T09:00:00+07:00",
)

FILES = {
    "senin.jsonl": [FLOOD_A, KITES, PACT_A, HOSTILE_A],
    "selasa.jsonl": [FLOOD_B, CHILLI, FISHERIES, HOSTILE_B],
    "rabu.jsonl": [PACT_B, HOSTILE_C],
}


@dataclass(frozen=True, slots=True)
class LinkedArchive:
    path: Path
    ids: dict[str, str]  # fixture key ("banjir-a") -> the article id warta gave it


def build_linked_db(folder: Path) -> LinkedArchive:
    """Write :data:`FILES` under ``folder/in`` and ingest them into ``folder/warta.db``."""
    path, by_url = ingest_files(folder, FILES)
    ids = {row["id"]: by_url[row["url"]] for rows in FILES.values() for row in rows}
    return LinkedArchive(path, ids)
