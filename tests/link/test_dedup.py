"""Near-duplicates on made-up Indonesian articles (and a smoke check on real scrapes)."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from warta.config import LinkConfig
from warta.link.dedup import DuplicateIndex, content_hash, shingles

FLOOD_TITLE = "Banjir Rendam Tiga Kecamatan di Kota Lamora"
FLOOD = (
    "Hujan deras yang mengguyur Kota Lamora sejak Selasa malam membuat Sungai Keruh meluap dan merendam "
    "tiga kecamatan. Kepala Badan Penanggulangan Bencana Daerah Lamora, Sita Wirandi, mengatakan air "
    "setinggi lutut orang dewasa masuk ke sekitar 1.200 rumah warga di Kecamatan Pasir Hijau, Tanjung "
    "Rawa dan Bukit Sepi. Petugas gabungan mengevakuasi 340 warga lanjut usia dan anak-anak ke balai "
    "desa terdekat dengan perahu karet. Dapur umum didirikan di halaman kantor kecamatan untuk "
    "menyediakan makanan bagi para pengungsi. Menurut Sita, ketinggian air mulai surut pada Rabu siang, "
    "tetapi warga diminta tetap waspada karena hujan diperkirakan turun lagi hingga akhir pekan. Dinas "
    "Kesehatan menyiapkan posko kesehatan keliling untuk memeriksa warga yang mengeluh gatal dan demam."
)
TRANSFER_TITLE = "Klub Garuda Timur Datangkan Penyerang Baru dari Liga Selatan"
EDITED = FLOOD.replace("1.200 rumah", "1.250 rumah")
TRANSFER = (
    "Klub sepak bola Garuda Timur resmi memperkenalkan penyerang asal Liga Selatan, Bima Arkanta, "
    "sebagai rekrutan anyar untuk musim depan. Direktur olahraga klub, Teguh Salindra, menyebut pemain "
    "berusia 24 tahun itu dikontrak selama tiga musim dengan nilai yang tidak diungkapkan. Bima mencetak "
    "17 gol dalam 30 pertandingan musim lalu dan menjadi pencetak gol terbanyak kedua di liganya. "
    "Pelatih kepala menyatakan kehadiran Bima akan menambah pilihan di lini depan yang musim lalu "
    "kerap kesulitan mencetak gol. Suporter menyambut kedatangan pemain itu di bandara dengan spanduk."
)


def test_edited_copy_points_to_the_first_article() -> None:
    index = DuplicateIndex()
    assert index.add("a1", FLOOD_TITLE, FLOOD) is None
    edited = FLOOD.replace("1.200 rumah", "1.250 rumah").replace("340 warga", "360 warga")
    assert index.add("a2", FLOOD_TITLE, edited) == "a1"
    assert index.add("b1", TRANSFER_TITLE, TRANSFER) is None


def test_chains_resolve_to_the_group_root() -> None:
    index = DuplicateIndex()
    index.add("a1", FLOOD_TITLE, FLOOD)
    second = FLOOD.replace("Selasa malam", "Selasa sore")
    assert index.add("a2", FLOOD_TITLE, second) == "a1"
    third = second.replace("perahu karet", "perahu motor")
    assert index.add("a3", FLOOD_TITLE, third) == "a1"


def test_grown_copy_is_found_by_containment() -> None:
    index = DuplicateIndex()
    index.add("a1", FLOOD_TITLE, FLOOD)
    # A re-scrape after the outlet appended an update paragraph.
    grown = FLOOD + (
        " Pembaruan: hingga Kamis pagi jumlah pengungsi bertambah menjadi 510 orang dan dua jembatan "
        "kayu di Tanjung Rawa putus terbawa arus sehingga bantuan dikirim lewat jalur sungai."
    )
    assert index.add("a2", FLOOD_TITLE, grown) == "a1"
    strict = DuplicateIndex(LinkConfig(dedup_containment=1.0, dedup_threshold=0.9))
    strict.add("a1", FLOOD_TITLE, FLOOD)
    assert strict.add("a2", FLOOD_TITLE, grown) is None


def test_short_stubs_only_match_identical_text() -> None:
    index = DuplicateIndex()
    assert index.add("s1", "Judul Satu Tentang Pajak", "GULIR UNTUK LANJUT") is None
    assert index.add("s2", "Judul Dua Tentang Panen", "GULIR UNTUK LANJUT") is None
    assert index.add("s3", "Judul Satu Tentang Pajak", "GULIR UNTUK LANJUT") == "s1"


def test_exact_rescrape_is_not_indexed_twice() -> None:
    index = DuplicateIndex()
    index.add("a1", FLOOD_TITLE, FLOOD)
    assert index.add("a2", FLOOD_TITLE, FLOOD) == "a1"
    assert len(index) == 1
    assert index.add("e", "", "") is None
    assert len(index) == 1


def test_save_load_and_rebuild_from_signatures_answer_the_same() -> None:
    index = DuplicateIndex()
    sig_a = index.signature(FLOOD_TITLE, FLOOD)
    sig_b = index.signature(TRANSFER_TITLE, TRANSFER)
    index.add_signature("a1", sig_a)
    index.add_signature("b1", sig_b)
    loaded = DuplicateIndex.from_bytes(index.to_bytes())
    rebuilt = DuplicateIndex()
    for aid, sig in (("a1", sig_a), ("b1", sig_b)):
        rebuilt.add_signature(aid, sig)
    edited = TRANSFER.replace("17 gol", "18 gol")
    for copy in (index, loaded, rebuilt):
        assert copy.add("b2", TRANSFER_TITLE, edited) == "b1"
    with pytest.raises(ValueError):
        DuplicateIndex.from_bytes(index.to_bytes(), LinkConfig(dedup_num_perm=64, dedup_bands=16))
    with pytest.raises(ValueError):
        index.add_signature("x", b"short")


def test_signature_is_stable_across_instances() -> None:
    assert DuplicateIndex().signature("A", FLOOD) == DuplicateIndex().signature("A", FLOOD)
    assert shingles("", "satu dua", 5) == {b"satu dua"}


def test_real_rescrapes_are_found(shared_data: Path) -> None:
    files = sorted((shared_data / "indonews-2025" / "daily_scrapes").glob("*.csv"))
    if len(files) < 2:
        pytest.skip("daily scrapes not present")
    csv.field_size_limit(1 << 30)
    with files[0].open(encoding="utf-8-sig", newline="") as handle:
        first = list(csv.DictReader(handle))[:400]
    with files[1].open(encoding="utf-8-sig", newline="") as handle:
        second = list(csv.DictReader(handle))
    index = DuplicateIndex()
    url_of: dict[str, str] = {}
    for i, row in enumerate(first):
        url_of[f"a{i}"] = row["url"]
        index.add(f"a{i}", row["judul"], row["isi_berita"])
    seen = {row["url"] for row in first}
    hits = total = 0
    for i, row in enumerate(second):
        if row["url"] in seen and len(row["isi_berita"]) > 400:
            total += 1
            found = index.add(f"b{i}", row["judul"], row["isi_berita"])
            hits += found is not None and url_of.get(found) == row["url"]
    assert total > 20
    assert hits / total >= 0.95


def test_near_duplicates_are_looked_for_within_the_window_only() -> None:
    day = datetime(2031, 5, 1, tzinfo=UTC)
    index = DuplicateIndex(LinkConfig(dedup_window=timedelta(days=30)))
    assert index.add("w1", FLOOD_TITLE, FLOOD, day) is None
    # An edited copy a week later is still found ...
    assert index.add("w2", FLOOD_TITLE, EDITED, day + timedelta(days=7)) == "w1"
    assert len(index) == 2
    # ... an unrelated article two months later pushes both out of the window,
    index.add("w3", TRANSFER_TITLE, TRANSFER, day + timedelta(days=60))
    assert len(index) == 1
    # so a late reprint starts a new group instead of pointing to w1.
    assert index.add("w4", FLOOD_TITLE, EDITED, day + timedelta(days=61)) is None


def test_size_cap_bounds_undated_input() -> None:
    index = DuplicateIndex(LinkConfig(dedup_max_articles=1))
    index.add("c1", FLOOD_TITLE, FLOOD)
    index.add("c2", TRANSFER_TITLE, TRANSFER)
    assert len(index) == 1
    assert index.add("c3", FLOOD_TITLE, EDITED) is None  # c1 left when c2 came


def test_windowed_index_survives_save_and_load() -> None:
    day = datetime(2031, 5, 1, tzinfo=UTC)
    index = DuplicateIndex(LinkConfig(dedup_window=timedelta(days=30)))
    index.add("s1", FLOOD_TITLE, FLOOD, day)
    index.add("s2", TRANSFER_TITLE, TRANSFER, day + timedelta(days=40))
    loaded = DuplicateIndex.from_bytes(index.to_bytes(), LinkConfig(dedup_window=timedelta(days=30)))
    assert len(loaded) == 1
    assert (
        loaded.add("s3", TRANSFER_TITLE, TRANSFER + " Tambahan satu kalimat.", day + timedelta(days=41))
        == "s2"
    )


def test_content_hash_ignores_spacing_and_case_only() -> None:
    assert content_hash(FLOOD_TITLE, FLOOD) == content_hash(
        FLOOD_TITLE.upper(), "  " + FLOOD.replace(" ", "  ")
    )
    assert content_hash(FLOOD_TITLE, FLOOD) != content_hash(FLOOD_TITLE, EDITED)
