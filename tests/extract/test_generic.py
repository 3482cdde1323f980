"""The fallback on made-up full-page dumps of an unknown portal."""

from __future__ import annotations

from datetime import datetime

import pytest

from warta.extract import ExtractError, extract_page
from warta.extract.dates import WITA
from warta.model import Page, Source

DUMP = """Kabar Nusantara
Home | Nasional | Ekonomi | Olahraga | Hiburan
Cari berita...
Jembatan Gantung Baru Hubungkan Dua Desa di Lereng Rinjani
Oleh: Baiq Nurhaliza
Rabu, 14 Mei 2025 10:15 WITA
Warga dua desa di lereng Rinjani kini tidak perlu lagi menyeberangi sungai dengan rakit setelah jembatan gantung sepanjang delapan puluh meter diresmikan pagi ini.
Advertisement
Kepala desa mengatakan jembatan itu dibangun dengan swadaya warga dan bantuan dana dari pemerintah kabupaten selama enam bulan terakhir.
"Anak-anak sekarang bisa ke sekolah tanpa takut arus deras," kata seorang ibu yang ditemui di ujung jembatan tersebut.
Pemerintah kabupaten berjanji memeriksa kekuatan jembatan setiap tiga bulan sekali agar tetap aman dilalui.
Terpopuler
1. Harga Cabai Naik Lagi di Pasar Mandalika
2. Tim Voli Putri Lombok Juara Antarprovinsi
3. Jalan Baru ke Pelabuhan Lembar Dibuka
Tentang Kami | Kontak | Pedoman Media Siber
© 2025 Kabar Nusantara. Hak cipta dilindungi.
"""


def _page(text: str) -> Page:
    return Page(text.encode(), Source("dump.txt", "text"), url="https://kabarnusantara.example/berita/123")


def test_generic_dump() -> None:
    article = extract_page(_page(DUMP))
    assert article.outlet is None
    assert article.title == "Jembatan Gantung Baru Hubungkan Dua Desa di Lereng Rinjani"
    assert article.published_at == datetime(2025, 5, 14, 10, 15, tzinfo=WITA)
    assert article.reporters == ["Baiq Nurhaliza"]
    assert len(article.paragraphs) == 4
    assert article.paragraphs[0].startswith("Warga dua desa")
    assert "Advertisement" not in article.body
    for furniture in ("Terpopuler", "Harga Cabai", "Hak cipta", "Home | Nasional"):
        assert furniture not in article.body


def test_outlet_override_names_the_outlet() -> None:
    assert extract_page(_page(DUMP), outlet="kabarnusantara").outlet == "kabarnusantara"


def test_no_article() -> None:
    menu_only = "Home | Nasional | Ekonomi\nTerpopuler\n1. Satu\n2. Dua\n© 2025 Portal"
    with pytest.raises(ExtractError, match=r"^no article found: "):
        extract_page(_page(menu_only))


def test_no_title() -> None:
    body_only = "\n".join(DUMP.splitlines()[6:11])
    with pytest.raises(ExtractError, match="no title"):
        extract_page(_page(body_only))
