"""Structured rows: the indonews JSON-lines and CSV shapes and warta's own export, made-up content."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest

from warta.extract import ExtractError, extract_record
from warta.extract.dates import WIB
from warta.model import Article, Record, Source

JSONL_ROW = {
    "outlet": "detik",
    "url": "https://finance.detik.com/energi/d-1234567/harga-garam-turun",
    "title": "Harga Garam Krosok Turun di Pantura",
    "author": "Wulan Prameswari -detikFinance",
    "date_raw": "Rabu, 18 Jun 2025 11:16 WIB",
    "category": "Energi",
    "body": (
        "Jakarta\n-\nHarga garam krosok di sentra produksi pantai utara Jawa turun tajam dalam dua pekan terakhir.\n"
        "SCROLL TO CONTINUE WITH CONTENT\n"
        "Petani di Rembang menyebut harga di tingkat tambak kini hanya separuh dari bulan lalu.\n"
        "Baca juga:\nPetambak Garam Minta Gudang Penyangga\n"
        "ADVERTISEMENT\n[Gambas:Video 20detik]\n"
        "Pemerintah daerah berjanji membeli sebagian panen untuk cadangan."
    ),
    "id": "dataset-own-id",
    "source_file": "x.csv",
    "seen_in_files": ["x.csv"],
}

CSV_ROW = {
    "\ufeffsumber": "liputan6.com",
    "url": "https://www.liputan6.com/news/read/999/banjir-rob",
    "judul": "Banjir Rob Rendam Pesisir Demak",
    "author": "Tim News",
    "tanggal_publikasi": "Diperbarui 20 Jun 2025, 05:50 WIB",
    "isi_berita": "Liputan6.com, Demak - Banjir rob kembali merendam tiga desa di pesisir Demak sejak subuh.\nAdvertisement\nBaca Juga\nWarga mengungsi ke balai desa yang lebih tinggi.",
}


def _record(fields: dict[str, object], fmt: str = "jsonl") -> Record:
    return Record(fields=dict(fields), source=Source(f"rows.{fmt}#1", fmt))


def test_jsonl_row() -> None:
    article = extract_record(_record(JSONL_ROW))
    assert article.outlet == "detik"
    assert article.reporters == ["Wulan Prameswari"]
    assert article.published_at == datetime(2025, 6, 18, 11, 16, tzinfo=WIB)
    assert article.category == "Energi"
    assert article.dateline == "Jakarta"
    assert article.paragraphs == [
        "Harga garam krosok di sentra produksi pantai utara Jawa turun tajam dalam dua pekan terakhir.",
        "Petani di Rembang menyebut harga di tingkat tambak kini hanya separuh dari bulan lalu.",
        "Pemerintah daerah berjanji membeli sebagian panen untuk cadangan.",
    ]
    assert [r.title for r in article.related] == ["Petambak Garam Minta Gudang Penyangga"]
    assert article.source == Source("rows.jsonl#1", "jsonl")
    assert article.id != "dataset-own-id"  # the dataset's id is its bookkeeping, not ours


def test_csv_row_with_bom_header() -> None:
    article = extract_record(_record(CSV_ROW, "csv"))
    assert article.outlet == "liputan6"
    assert article.title == "Banjir Rob Rendam Pesisir Demak"
    assert article.reporters == []  # "Tim News" is a desk, not a person
    assert article.dateline == "Demak"
    assert article.updated_at == datetime(2025, 6, 20, 5, 50, tzinfo=WIB)
    assert article.published_at == article.updated_at
    assert article.body == (
        "Banjir rob kembali merendam tiga desa di pesisir Demak sejak subuh.\n\n"
        "Warga mengungsi ke balai desa yang lebih tinggi."
    )


def test_overrides() -> None:
    when = datetime(2025, 6, 21, 1, 0, tzinfo=WIB)
    article = extract_record(_record(JSONL_ROW), crawled_at=when, outlet="okezone")
    assert article.crawled_at == when
    assert article.outlet == "okezone"


@pytest.mark.parametrize(
    ("drop", "message"),
    [(("body",), "missing column(s): body"), (("body", "title"), "missing column(s): title, body")],
)
def test_missing_columns(drop: tuple[str, ...], message: str) -> None:
    fields = {k: v for k, v in JSONL_ROW.items() if k not in drop}
    with pytest.raises(ExtractError) as info:
        extract_record(_record(fields))
    assert str(info.value).startswith(message + " (looked for ")
    assert "isi_berita" in str(info.value)  # names the columns it looked for


def test_missing_title_uses_first_sentence() -> None:
    fields = {"content": "Gempa kecil mengguncang Palu pagi ini. Tidak ada kerusakan dilaporkan."}
    article = extract_record(_record(fields))
    assert article.title == "Gempa kecil mengguncang Palu pagi ini."


def test_unknown_outlet_keeps_its_name() -> None:
    article = extract_record(
        _record({**JSONL_ROW, "outlet": "kabarsumbawa", "url": "https://kabarsumbawa.example/1"})
    )
    assert article.outlet == "kabarsumbawa"
    assert article.published_at is not None  # the date printed WIB itself


def test_export_round_trip() -> None:
    article = extract_record(_record(JSONL_ROW), crawled_at=datetime(2025, 6, 21, tzinfo=WIB))
    exported = json.loads(json.dumps(article.to_dict()))
    again = extract_record(_record(exported))
    assert again.to_dict() == article.to_dict()
    assert again.id == article.id
    assert isinstance(again, Article)


def test_export_round_trip_keeps_every_field() -> None:
    original = Article(
        title="Judul",
        body="Satu.\n\nDua.",
        outlet="tempo",
        url="https://tempo.co/read/1",
        reporters=["A B"],
        editors=["C D"],
        published_at=datetime(2025, 1, 2, 3, 4, tzinfo=WIB),
        updated_at=datetime(2025, 1, 2, 5, 4, tzinfo=WIB) + timedelta(hours=1),
        dateline="Ambon",
        wire=["ANTARA"],
        image_caption="Foto.",
        image_credit="ANTARA/X",
        language="id",
        category="Nasional",
        source=Source("a.txt", "text"),
        id="0123456789abcdef",
    )
    again = extract_record(_record(original.to_dict()))
    assert again.to_dict() == original.to_dict()
