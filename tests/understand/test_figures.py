from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from warta.understand.figures import find_figures, parse_amount
from warta.understand.quotes import find_quotes
from warta.understand.timex import find_times

WIB = timezone(timedelta(hours=7))
DEC_2021 = datetime(2021, 12, 16, 9, 30, tzinfo=WIB)
FEB_2024 = datetime(2024, 2, 8, 20, 36, tzinfo=WIB)


def figures(text: str, anchor: datetime | None = DEC_2021, language: str = "id") -> list[dict[str, Any]]:
    found = find_figures(text, anchor, language)
    for item in found:
        assert text[item["start"] : item["end"]] == item["text"]
    return found


def one(text: str, anchor: datetime | None = DEC_2021, language: str = "id") -> dict[str, Any]:
    found = figures(text, anchor, language)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit", "kind"),
    [
        ("Nilainya $218,2 miliar.", "$218,2 miliar", 218.2e9, "USD", "money"),
        ("Anggaran Rp 12,5 triliun disetujui.", "Rp 12,5 triliun", 12.5e12, "IDR", "money"),
        (
            "Kerugian negara Rp1.691.409.816,36 menurut jaksa.",
            "Rp1.691.409.816,36",
            1691409816.36,
            "IDR",
            "money",
        ),
        ("Suku bunga naik 31% pekan ini.", "31%", 31.0, "%", "percent"),
        ("Suku bunga naik 31 persen pekan ini.", "31 persen", 31.0, "%", "percent"),
        ("Pabrik itu membuat 150 juta dosis vaksin.", "150 juta dosis", 150e6, "dosis", "count"),
        ("Cadangan devisa US$ 3,4 miliar.", "US$ 3,4 miliar", 3.4e9, "USD", "money"),
        ("Kontrak senilai 40 miliar dolar AS diteken.", "40 miliar dolar AS", 40e9, "USD", "money"),
        ("Mereka membayar 800 juta yuan.", "800 juta yuan", 800e6, "CNY", "money"),
        ("Transaksi 12 miliar rubel tercatat.", "12 miliar rubel", 12e9, "RUB", "money"),
        ("Sekitar 2.500 orang mengungsi.", "2.500 orang", 2500.0, "orang", "count"),
        ("Harga naik lima persen.", "lima persen", 5.0, "%", "percent"),
    ],
)
def test_amounts_units_and_scales(text: str, surface: str, value: float, unit: str, kind: str) -> None:
    item = one(text)
    assert (item["text"], item["value"], item["unit"], item["kind"]) == (surface, value, unit, kind)


def test_scale_word_and_qualifier() -> None:
    item = one("Produsen itu membuat lebih dari 150 juta dosis.")
    assert (item["scale_word"], item["qualifier"], item["value"]) == ("juta", "lebih dari", 150e6)


def test_english_figures() -> None:
    found = figures(
        "Bilateral trade rose 9% to $123 billion last year, and exports hit 1.5 million tonnes.",
        DEC_2021,
        "en",
    )
    assert [(f["text"], f["value"], f["unit"]) for f in found] == [
        ("9%", 9.0, "%"),
        ("$123 billion", 123e9, "USD"),
        ("1.5 million tonnes", 1.5e6, "tonnes"),
    ]
    assert found[0]["change"] == "rose" and found[0]["direction"] == "up"
    assert found[1]["change"] is None
    assert found[0]["quantity"] == "Bilateral trade"
    assert found[1]["period"] == {"start": "2020-01-01", "end": "2020-12-31"}
    # the verb before the noun phrase is no part of what is measured
    [agreed] = figures("They agreed to expand bilateral trade, which reached $12.5 billion.", DEC_2021, "en")
    assert agreed["quantity"] == "bilateral trade"


def test_parse_amount_by_language() -> None:
    assert parse_amount("1.500") == 1500.0
    assert parse_amount("1,5") == 1.5
    assert parse_amount("1.5", "en") == 1.5
    assert parse_amount("1,500.25", "en") == 1500.25


def test_change_quantity_and_period() -> None:
    text = "Pejabat itu mengatakan perdagangan bilateral naik 12% dalam 10 bulan pertama tahun ini menjadi $41,5 miliar."
    pct, money = figures(text, datetime(2021, 11, 20, tzinfo=WIB))
    period = {"start": "2021-01-01", "end": "2021-10-31"}
    assert (pct["text"], pct["change"], pct["direction"], pct["quantity"], pct["period"]) == (
        "12%",
        "naik",
        "up",
        "perdagangan bilateral",
        period,
    )
    assert (money["value"], money["change"], money["quantity"], money["period"]) == (
        41.5e9,
        None,
        "perdagangan bilateral",
        period,
    )


def test_fall_and_measure_noun_phrase() -> None:
    item = one("Nilai ekspor batu bara turun 5,5 persen.")
    assert (item["quantity"], item["change"], item["direction"], item["value"]) == (
        "Nilai ekspor batu bara",
        "turun",
        "down",
        5.5,
    )


def test_period_from_month_range_in_the_same_sentence() -> None:
    item = one(
        "Perdagangan kedua negara mencapai $73,4 miliar selama Januari-November, menurut data resmi.",
        FEB_2024,
    )
    assert item["quantity"] == "Perdagangan kedua negara"
    assert item["period"] == {"start": "2023-01-01", "end": "2023-11-30"}


def test_years_dates_times_labels_and_list_numbers_are_not_figures() -> None:
    text = (
        "1. Pada 2022, sidang digelar Kamis (13/6/2025) pukul 10.00 WIB.\n"
        "Pasal 5 dan nomor 12 dibahas saat Covid-19 dan KTT G20 berlangsung pada 15 Desember."
    )
    assert figures(text) == []


def test_bare_numbers_without_unit_are_not_figures() -> None:
    assert figures("Skor akhir 3-2 di babak kedua, dan tim itu naik ke urutan 4.") == []


def test_two_made_up_articles() -> None:
    first = (
        "NUSAPOST, Jakarta - Presiden Arvania Tomas Brenn dan Presiden Selvaria Mira Kest sepakat menolak campur "
        "tangan asing.\n\n"
        "Kesepakatan itu dicapai dalam panggilan video, Rabu, 10 November 2021, delapan hari setelah Brenn "
        "berbicara dengan Perdana Menteri Oskar Lind.\n\n"
        '"Kita harus saling menjaga kedaulatan," kata Kest seperti dikutip Kantor Berita Selvar.\n\n'
        '"Tidak ada negara yang boleh mendikte kita."\n\n'
        "Brenn berharap bertemu Kest di Pekan Budaya di Orvik pada bulan Februari.\n\n"
        "Pemimpin Arvania itu mengatakan perdagangan bilateral naik 12% dalam 10 bulan pertama tahun ini "
        "menjadi $41,5 miliar."
    )
    anchor = datetime(2021, 11, 11, 8, 0, tzinfo=WIB)
    times = {t["text"]: t for t in find_times(first, anchor)}
    assert times["Rabu, 10 November 2021"]["value"] == "2021-11-10"
    assert times["delapan hari setelah"]["value"] == "2021-11-02"
    assert times["bulan Februari"]["value"] == "2022-02"
    assert times["10 bulan pertama tahun ini"]["end_value"] == "2021-10-31"
    found = figures(first, anchor)
    assert [(f["text"], f["value"], f["period"]) for f in found] == [
        ("12%", 12.0, {"start": "2021-01-01", "end": "2021-10-31"}),
        ("$41,5 miliar", 41.5e9, {"start": "2021-01-01", "end": "2021-10-31"}),
    ]
    quotes = find_quotes(first)
    direct = [q for q in quotes if q["kind"] == "direct"]
    assert [(q["speaker"], q["source"], q["speaker_inferred"]) for q in direct] == [
        ("Kest", "Kantor Berita Selvar", False),
        ("Kest", None, True),
    ]

    second = (
        "NUSAPOST, Jakarta - Presiden Tomas Brenn dan Presiden Mira Kest berbicara melalui telepon pada Kamis, "
        "8 Februari 2024, kata istana Arvania.\n\n"
        "Brenn dan Kest bertemu dua kali tahun lalu ketika perdagangan Arvania-Selvaria mencapai $73,4 miliar "
        "selama Januari-November, menurut data bea cukai Selvaria.\n\n"
        "Kedua negara akan melanjutkan proyek pelabuhan bersama pada tahun 2024, kata Lind."
    )
    anchor = datetime(2024, 2, 8, 20, 0, tzinfo=WIB)
    times = {t["text"]: t for t in find_times(second, anchor)}
    assert times["Kamis, 8 Februari 2024"]["value"] == "2024-02-08"
    assert times["tahun lalu"]["value"] == "2023"
    assert (times["Januari-November"]["value"], times["Januari-November"]["end_value"]) == (
        "2023-01-01",
        "2023-11-30",
    )
    assert times["tahun 2024"]["value"] == "2024"
    (money,) = figures(second, anchor)
    assert (money["value"], money["unit"], money["period"]) == (
        73.4e9,
        "USD",
        {"start": "2023-01-01", "end": "2023-11-30"},
    )
    assert money["quantity"] == "perdagangan Arvania-Selvaria"
    quotes = {q["speaker"] or q["source"]: q for q in find_quotes(second)}
    assert quotes["istana Arvania"]["kind"] == "indirect"
    assert quotes["data bea cukai Selvaria"]["speaker"] is None
    assert quotes["Lind"]["text"] == "Kedua negara akan melanjutkan proyek pelabuhan bersama pada tahun 2024"


def test_a_period_since_a_year_runs_to_the_articles_date() -> None:
    item = one("Sejak 2016 dana itu telah menyalurkan Rp 4,2 triliun kepada koperasi.")
    assert item["period"] == {"start": "2016-01-01", "end": "2021-12-16"}
    item = one("Since 2019 the fund has paid out $3.1 billion.", language="en")
    assert item["period"] == {"start": "2019-01-01", "end": "2021-12-16"}
    # a year without "sejak" is that year only
    assert one("Pada 2016 dana itu menyalurkan Rp 4,2 triliun.")["period"] == {
        "start": "2016-01-01",
        "end": "2016-12-31",
    }


def test_a_round_scale_word_scales_the_figure_and_marks_it_approximate() -> None:
    found = find_figures(
        "Cicilannya Rp 4 jutaan per bulan, dan harga suku cadangnya Rp 16 ribuan.", None, "id"
    )
    assert [(f["text"], f["value"], f["qualifier"]) for f in found] == [
        ("Rp 4 jutaan", 4_000_000.0, "sekitar"),
        ("Rp 16 ribuan", 16_000.0, "sekitar"),
    ], found


def test_a_one_unit_word_after_a_percentage_is_its_period() -> None:
    when = datetime(2021, 12, 15, 9, 0, tzinfo=timezone(timedelta(hours=7)))
    found = find_figures("Koin itu turun 2,65 persen sehari terakhir dan 9,22 persen sepekan.", when, "id")
    assert [f["period"] for f in found] == [
        {"start": "2021-12-14", "end": "2021-12-15"},
        {"start": "2021-12-08", "end": "2021-12-15"},
    ], found


def test_a_time_a_figure_is_compared_with_is_not_its_period() -> None:
    found = figures("Harga cabai naik menjadi Rp 85.000, atau 12,5 persen lebih tinggi dari pekan lalu.")
    assert [f["period"] for f in found] == [None, None], found
    [then] = figures("Ekspor tumbuh 7 persen pada 2020 dibandingkan dengan 2019.")
    assert then["period"] == {"start": "2020-01-01", "end": "2020-12-31"}, then
    # the figure after the compared time is that time's
    found = figures("Penjualan Mei 2025 turun 15% dibandingkan Mei 2024 yang tercatat 7.100 unit.")
    assert [f["period"]["start"] for f in found] == ["2025-05-01", "2024-05-01"], found
    [than] = figures("Exports were 4% higher than in 2019.", language="en")
    assert than["period"] is None, than


def test_a_month_ends_the_measured_phrase_and_rates_are_measures() -> None:
    june = datetime(2025, 6, 18, 15, 0, tzinfo=timezone(timedelta(hours=7)))
    [inflation] = figures("Inflasi Mei 2025 tercatat 1,6 persen.", june)
    assert (inflation["quantity"], inflation["period"]["start"]) == ("Inflasi", "2025-05-01"), inflation
    [rate] = figures("Bank sentral menahan suku bunga acuan di level 5,75 persen.", june)
    assert rate["quantity"] == "suku bunga acuan", rate
    # an adverb after the measure is no part of it: "harga mulai Rp 38 juta"
    [price] = figures("Mobil itu dijual dengan harga mulai Rp 38 juta.", june)
    assert price["quantity"] == "harga", price


def test_a_rate_after_at_is_a_figure_not_a_clock_time() -> None:
    [rate] = figures("The central bank kept its benchmark interest rate at 5.75%.", DEC_2021, "en")
    assert (rate["text"], rate["value"], rate["quantity"]) == ("5.75%", 5.75, "benchmark interest rate"), rate
    assert not figures("Room no. 7 was empty, and they met at 10 in the lobby.", DEC_2021, "en")


def test_a_count_of_others_counts_what_the_count_before_it_did() -> None:
    found = figures("Sebanyak 35 orang tewas dan 120 lainnya luka-luka. Ada 40 lainnya hilang.")
    assert [(f["text"], f["unit"]) for f in found] == [
        ("35 orang", "orang"),
        ("120 lainnya", "orang"),
        ("40 lainnya", "lainnya"),  # another sentence: nothing to take it from
    ], found


def test_a_verb_or_function_word_after_a_number_is_not_what_it_counts() -> None:
    # "10 besar" is a top ten and "Bell 407 milik ..." a name's number: nothing counted either
    assert not figures("Mobil itu masuk 10 besar, dan Helikopter Bell 407 milik maskapai itu jatuh.")
    text = (
        "Indeks Kalimaya 250 melemah 1,2% sementara Pusaka 40 naik 0,4%. Kereta Senja 18 melintas "
        "pukul 10.00 dan Ronde 4 akan digelar di Medan. Klub itu punya 3 juta menanti laga. Polisi "
        "menahan 12 tersangka dari 4 merek dan 7 berkas, lalu 20 diserahkan ke jaksa."
    )
    assert [(f["text"], f["unit"]) for f in figures(text)] == [
        ("1,2%", "%"),
        ("0,4%", "%"),
        ("3 juta", None),  # a scale word alone makes a figure; "menanti" is not what it counts
        ("12 tersangka", "tersangka"),  # nouns of a verb's shape are counted
        ("4 merek", "merek"),
        ("7 berkas", "berkas"),
    ]
    # a number that did count its noun keeps it when the next count's noun is left unsaid
    found = figures("Indeks naik dengan 182 saham menguat, 164 melemah dan 614 lainnya stagnan.")
    assert [(f["text"], f["unit"]) for f in found] == [("182 saham", "saham"), ("614 lainnya", "saham")]


def test_a_unit_of_two_words_is_kept_whole_and_a_se_measure_word_counts_nothing() -> None:
    text = (
        "Gedung itu seluas 17.482 meter persegi, mobilnya melaju 120 km/jam, suhu mencapai 35 derajat "
        "celsius dan suku bunga turun 40 basis poin. Gedung 1 seluas 900 meter persegi."
    )
    assert [(f["text"], f["unit"]) for f in figures(text)] == [
        ("17.482 meter persegi", "meter persegi"),
        ("120 km/jam", "km/jam"),
        ("35 derajat celsius", "derajat celsius"),
        ("40 basis poin", "basis poin"),
        ("900 meter persegi", "meter persegi"),  # "Gedung 1 seluas": a name's number, nothing counted
    ]
    found = figures("The site covers 500 square meters.", DEC_2021, "en")
    assert [(f["text"], f["unit"]) for f in found] == [("500 square meters", "square meters")]


def test_the_measured_phrase_stops_at_ada_and_yakni_but_not_at_a_coin_so_named() -> None:
    found = figures(
        "Harga telur yakni Jawa Timur Rp 26.607 per kilogram. Total ada 100 hotel yang disiapkan."
    )
    assert [(f["text"], f["quantity"]) for f in found] == [
        ("Rp 26.607", "Harga telur"),
        ("100 hotel", "Total"),
    ]
    assert [f["quantity"] for f in figures("Harga ADA berada pada level Rp2.811 per koin.")] == ["Harga ADA"]


def test_a_range_writes_its_scale_or_currency_once() -> None:
    found = figures(
        "Harganya Rp 11 sampai Rp 16 miliar, kuenya Rp8–12 ribu, dan asetnya US$ 100.000 hingga US$ 1 juta."
    )
    assert [(f["text"], f["value"], f["unit"]) for f in found] == [
        ("Rp 11", 11e9, "IDR"),
        ("Rp 16 miliar", 16e9, "IDR"),
        ("Rp8", 8e3, "IDR"),
        ("12 ribu", 12e3, "IDR"),  # the currency written once, before the first amount
        ("US$ 100.000", 1e5, "USD"),  # its own size: the scale of the second is not its
        ("US$ 1 juta", 1e6, "USD"),
    ]
    english = figures("Damage was put at between $3 and $5 billion.", DEC_2021, "en")
    assert [f["value"] for f in english] == [3e9, 5e9]
    # "K" scales money only: "Rp12K" is twelve thousand rupiah, a "5K" run no figure
    assert [(f["text"], f["value"]) for f in figures("Kue itu Rp12K, dan ia ikut lari 5K.")] == [
        ("Rp12K", 12e3)
    ]


def test_a_change_told_twice_in_two_measures_is_one_direction() -> None:
    text = (
        "IHSG dibuka menguat 6,04 poin atau 0,08 persen, lalu Nikkei turun 299,29 poin (0,70%), "
        "dan LQ45 minus 0,61%."
    )
    directions = {f["text"]: f["direction"] for f in figures(text)}
    assert directions == {
        "6,04 poin": "up",
        "0,08 persen": "up",
        "299,29 poin": "down",
        "0,70%": "down",
        "0,61%": "down",
    }


def test_a_count_written_in_words_is_a_figure() -> None:
    found = figures(
        "Ada enam tim yang bersaing, dibagi menjadi dua grup. Polisi menangkap tiga orang dan "
        "memeriksa dua puluh lima saksi."
    )
    assert [(f["text"], f["value"], f["unit"], f["kind"]) for f in found] == [
        ("enam tim", 6.0, "tim", "count"),
        ("dua grup", 2.0, "grup", "count"),
        ("tiga orang", 3.0, "orang", "count"),
        ("dua puluh lima saksi", 25.0, "saksi", "count"),
    ]
    # "salah satu" is one of; "satu sama lain" and a bare "dua" count nothing
    assert figures("Salah satu tim lolos. Mereka membantu satu sama lain. Keduanya tiba, lalu dua.") == []
    assert figures('"Kami siap," ujarnya.Salah satu inisiatif itu ditunda. Mobil nol kilometer dijual.') == []
    # English puts adjectives between a number word and its noun: words count only in Indonesian
    assert figures("At least two major quakes hit the island.", language="en") == []


def test_seasons_decades_and_centuries_are_durations_not_counts() -> None:
    assert figures("Ia bermain 12 musim di klub itu dan dua dekade di tim nasional, lima abad lalu.") == []


def test_the_day_a_figure_was_said_or_quoted_is_not_its_period() -> None:
    june = datetime(2025, 6, 20, 9, 0, tzinfo=timezone(timedelta(hours=7)))
    said = one('"Penjualan naik 5 persen," kata Dwi Lestari, Selasa (17/6/2025).', june)
    assert said["period"] is None
    quoted = one("Harga limit Rp 8.819.000, dilihat dari katalog lelang, Selasa (10/6/2025).", june)
    assert quoted["period"] is None
    # a day that is the figure's own stays
    assert one("Penjualan naik 5 persen pada Selasa (17/6/2025).", june)["period"] == {
        "start": "2025-06-17",
        "end": "2025-06-17",
    }
