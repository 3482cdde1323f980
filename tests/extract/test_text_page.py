"""The seeds' plain-text layout, on made-up pages of the same shape."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from warta.extract import extract_page
from warta.extract.dates import WIB, parse_datetime
from warta.model import Page, Source

PAGE = """Menteri Kelautan dan Gubernur Maluku Sepakat Tutup Tambak Liar di Seram

Reporter

{reporter}

Editor

Sekar Ayuningtyas

Senin, 3 Maret 2025 14:05 WIB

Nelayan menarik jaring di pantai Kairatu, Seram Bagian Barat, 2 Maret 2025. ANTARA/Rudi Pattiasina

TEMPO.CO, Ambon - Menteri Kelautan dan Gubernur Maluku sepakat menutup dua puluh tambak udang liar di pesisir Seram pada akhir bulan ini.

Keputusan itu diambil setelah rapat tertutup di kantor gubernur, Senin, 3 Maret 2025, yang dihadiri para bupati dari tiga kabupaten.

Advertising
Advertising

"Kami tidak ingin mangrove habis hanya demi panen satu musim," kata gubernur kepada wartawan.

Penutupan akan dimulai dari Kairatu dan berlanjut ke Taniwel pada pekan berikutnya.

AL JAZEERA | REUTERS

Pilihan Editor: Harga Ikan Tongkol di Ambon Turun Menjelang Musim Timur

Berita terkait

Festival Perahu Naga di Danau Toba Dibatalkan

23 menit lalu

Festival Perahu Naga di Danau Toba Dibatalkan

Panitia membatalkan festival karena cuaca buruk di kawasan danau.

Baca Selengkapnya

Pelabuhan Baru di Sorong Mulai Beroperasi

1 hari lalu

Pelabuhan Baru di Sorong Mulai Beroperasi

Pelabuhan itu diharapkan memangkas ongkos kirim ke Papua Barat Daya.

Baca Selengkapnya
"""

CRAWLED = datetime(2025, 3, 4, 8, 0, tzinfo=WIB)


def _extract(reporter: str) -> object:
    page = Page(PAGE.format(reporter=reporter).encode(), Source("made-up.txt", "text"))
    return extract_page(page, crawled_at=CRAWLED)


def test_header_fields() -> None:
    article = _extract("Laras Wicaksono")
    assert article.outlet == "tempo"
    assert article.title.startswith("Menteri Kelautan dan Gubernur Maluku")
    assert article.reporters == ["Laras Wicaksono"]
    assert article.editors == ["Sekar Ayuningtyas"]
    assert article.published_at == datetime(2025, 3, 3, 14, 5, tzinfo=WIB)
    assert article.published_at.isoformat().endswith("+07:00")
    assert article.crawled_at == CRAWLED
    assert article.source == Source("made-up.txt", "text")


def test_empty_reporter_does_not_swallow_editor_label() -> None:
    page = PAGE.replace("Reporter\n\n{reporter}\n\n", "Reporter\n\n")
    article = extract_page(Page(page.encode(), Source("x.txt", "text")), crawled_at=CRAWLED)
    assert article.reporters == []
    assert article.editors == ["Sekar Ayuningtyas"]


def test_organisational_byline_is_not_a_reporter() -> None:
    assert _extract("Tempo.co").reporters == []


def test_caption_credit_dateline_body() -> None:
    article = _extract("Laras Wicaksono")
    assert (
        article.image_caption == "Nelayan menarik jaring di pantai Kairatu, Seram Bagian Barat, 2 Maret 2025."
    )
    assert article.image_credit == "ANTARA/Rudi Pattiasina"
    assert article.dateline == "Ambon"
    assert article.body.startswith("Menteri Kelautan dan Gubernur Maluku sepakat")
    assert "Advertising" not in article.body
    assert "TEMPO.CO" not in article.body
    assert "Pilihan Editor" not in article.body
    assert "REUTERS" not in article.body
    assert len(article.paragraphs) == 4
    assert "\n\n\n" not in article.body and article.body.count("\n\n") == 3


def test_wire_picks_related() -> None:
    article = _extract("Laras Wicaksono")
    assert article.wire == ["AL JAZEERA", "REUTERS"]
    assert [p.title for p in article.editor_picks] == [
        "Harga Ikan Tongkol di Ambon Turun Menjelang Musim Timur"
    ]
    assert [r.title for r in article.related] == [
        "Festival Perahu Naga di Danau Toba Dibatalkan",
        "Pelabuhan Baru di Sorong Mulai Beroperasi",
    ]
    first, second = article.related
    assert first.age == "23 menit lalu"
    assert first.summary == "Panitia membatalkan festival karena cuaca buruk di kawasan danau."
    assert first.published_at == CRAWLED - timedelta(minutes=23)
    assert second.published_at == CRAWLED - timedelta(days=1)


def test_related_times_need_crawl_time() -> None:
    page = Page(PAGE.format(reporter="A B").encode(), Source("x.txt", "text"))
    article = extract_page(page)
    assert article.related and all(r.published_at is None for r in article.related)
    assert article.related[0].age == "23 menit lalu"


def test_via_reuters_credit() -> None:
    page = PAGE.replace("ANTARA/Rudi Pattiasina", "Rudi Pattiasina/Pool via REUTERS").format(reporter="A B")
    article = extract_page(Page(page.encode(), Source("x.txt", "text")))
    assert article.image_credit == "Rudi Pattiasina/Pool via REUTERS"


def test_seeds_parse(seeds_dir: Path) -> None:
    # Facts about the seeds (no text copied): both are Tempo pages with a WIB date,
    # a REUTERS photo credit and ten related items.
    for path in sorted(seeds_dir.glob("*.txt")):
        article = extract_page(Page(path.read_bytes(), Source(str(path), "text")), crawled_at=CRAWLED)
        assert article.outlet == "tempo"
        assert article.published_at is not None and article.published_at.utcoffset() == timedelta(hours=7)
        assert article.image_credit and article.image_credit.endswith("via REUTERS")
        assert article.dateline == "Jakarta"
        assert article.reporters == [] and len(article.editors) == 1
        assert len(article.related) == 10
        assert all(r.published_at is not None and r.published_at <= CRAWLED for r in article.related)
        assert "Advertising" not in article.paragraphs
        assert not article.body.startswith("TEMPO.CO")
    assert parse_datetime("x") is None
