"""An archive with entities, quotations and events for the entity and timeline tests, built the
way a user builds one: JSON-lines files in warta's export shape, ingested with the understand
stage on (``warta.open(db).ingest(folder)``). Every person and event here is made up.

What the understand stage reads from these bodies (checked when the fixtures were written):

- Bagas Wiranata, "Presiden Indonesia" (4 and 12 March, 2 April 2024) and "Presiden" (14 March),
  also written "Bagas"; named in four articles over three weeks (2024-W10: 1, W11: 2, W14: 1);
  three quotations ("..., kata Bagas").
- Elena Sorvik, "Perdana Menteri Norwegia"; one quotation.
- Events: a phone call (CONSULT, 4 March), a meeting in Jakarta (CONSULT, 12 March) and an
  accusation by Marko Teller (ACCUSE, 2 April), whose quotation and article title hold markup.

Plus one article written through ``store.upsert`` with hand-made facts whose names, roles,
aliases, quotation and event fields are all hostile markup (no tagger would find such names).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from tests.serve.serve_fixtures import ingest_files

from warta.model import Article

WIB = timezone(timedelta(hours=7))
NOW = datetime(2024, 4, 3, 12, 0, tzinfo=WIB)  # the day after the last article


def _article(
    key: str, title: str, body: list[str], published_at: str, outlet: str = "tempo"
) -> dict[str, Any]:
    return {
        "id": key,
        "outlet": outlet,
        "url": f"https://contoh-fakta.example/read/{key}",
        "title": title,
        "body": "\n\n".join(body),
        "published_at": published_at,
        "language": "id",
        "reporters": [],
        "editors": [],
        "related": [],
        "editor_picks": [],
    }


CALL = _article(
    "telepon",
    "Presiden Bagas Wiranata bertelepon dengan Perdana Menteri Elena Sorvik",
    [
        "Presiden Indonesia Bagas Wiranata berbicara melalui telepon dengan Perdana Menteri Norwegia"
        " Elena Sorvik pada Senin, 4 Maret 2024.",
        "\u201cKami sepakat memperluas perdagangan kopi dan kakao,\u201d kata Bagas.",
        "Juru bicara Istana Kepresidenan Dimas Prakoso mengatakan kedua pemimpin juga membahas"
        " pelabuhan baru di Sorong.",
    ],
    "2024-03-04T09:00:00+07:00",
)
MEETING = _article(
    "bertemu",
    "Bagas Wiranata bertemu Elena Sorvik di Jakarta",
    [
        "Presiden Indonesia Bagas Wiranata bertemu dengan Perdana Menteri Norwegia Elena Sorvik di"
        " Jakarta pada Selasa, 12 Maret 2024.",
        "\u201cNorwegia siap membeli lebih banyak kopi dari petani Indonesia,\u201d kata Sorvik.",
        "\u201cPintu kami terbuka untuk investor Norwegia,\u201d ujar Bagas.",
    ],
    "2024-03-12T10:00:00+07:00",
    outlet="kompas",
)
FACTORY = _article(
    "pabrik",
    "Bagas Wiranata resmikan pabrik kopi di Lampung Barat",
    [
        "Presiden Bagas Wiranata meresmikan pabrik pengolahan kopi di Lampung Barat pada Kamis.",
        "\u201cPetani kopi harus menikmati harga yang adil,\u201d kata Bagas Wiranata.",
    ],
    "2024-03-14T08:00:00+07:00",
)
CRITIC = _article(
    "kecam",
    "<script>alert(1)</script> Menteri Marko Teller kecam tarif kopi",
    [
        "Menteri Perdagangan Norwegia Marko Teller mengecam Presiden Indonesia Bagas Wiranata pada"
        " Selasa, 2 April 2024.",
        "\u201c<script>alert(1)</script> tarif kopi terlalu tinggi,\u201d kata Marko Teller.",
    ],
    "2024-04-02T08:00:00+07:00",
    outlet="detik",
)

FILES = {"maret.jsonl": [CALL, MEETING, FACTORY], "april.jsonl": [CRITIC]}

EVIL = "<script>alert(1)</script>"
EVIL_ID = "person:<script>alert(1)</script>"  # holds a "/" too: the entity URL must encode it
HOSTILE = Article(
    title="<img src=x onerror=alert(1)> Berita dengan fakta jahat",
    body=f"{EVIL} bertemu javascript:alert(2) di <b>Kota</b>.",
    outlet="contohpost",
    url="https://contoh-fakta.example/read/jahat",
    published_at=datetime(2024, 3, 20, 9, 0, tzinfo=WIB),
    language="id",
    entities=[
        {
            "start": 0,
            "end": len(EVIL),
            "surface": EVIL,
            "type": "PERSON",
            "entity": EVIL,
            "role": "<b>jahat</b>",
            "entity_id": EVIL_ID,
        },
        {
            "start": 0,
            "end": len(EVIL),
            "surface": "javascript:alert(3)",
            "type": "PERSON",
            "entity": EVIL,
            "entity_id": EVIL_ID,
        },
    ],
    quotes=[
        {
            "speaker": EVIL,
            "speaker_id": EVIL_ID,
            "kind": "direct",
            "verb": "<i>kata</i>",
            "text": "<img src=x onerror=alert(4)>",
        }
    ],
    events=[
        {
            "date": "2024-03-19",
            "actor1": EVIL,
            "actor2": "javascript:alert(2)",
            "code": "CONSULT",
            "cameo": "<b>04</b>",
            "mode": "<i>meeting</i>",
            "modality": "planned",
            "location": "<b>Kota</b>",
            "evidence": "<svg onload=alert(5)>",
        }
    ],
)


@dataclass(frozen=True, slots=True)
class FactArchive:
    path: Path
    ids: dict[str, str]  # fixture key ("telepon") -> the article id warta gave it


def build_fact_db(folder: Path) -> FactArchive:
    """Write :data:`FILES` under ``folder/in``, ingest them into ``folder/warta.db`` and add :data:`HOSTILE`."""
    path, by_url = ingest_files(folder, FILES, [HOSTILE])
    ids = {row["id"]: by_url[row["url"]] for rows in FILES.values() for row in rows}
    ids["jahat"] = by_url[HOSTILE.url]
    return FactArchive(path, ids)
