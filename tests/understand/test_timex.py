from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from warta.understand.timex import find_times, parse_number

WIB = timezone(timedelta(hours=7))
DEC_2021 = datetime(2021, 12, 16, 9, 30, tzinfo=WIB)  # a Thursday
FEB_2024 = datetime(2024, 2, 8, 20, 36, tzinfo=WIB)  # a Thursday


def one(text: str, anchor: datetime | None = DEC_2021, language: str = "id") -> dict[str, Any]:
    found = find_times(text, anchor, language)
    assert len(found) == 1, found
    item = found[0]
    assert text[item["start"] : item["end"]] == item["text"]
    return item


def by_text(text: str, anchor: datetime | None = DEC_2021, language: str = "id") -> dict[str, dict[str, Any]]:
    found = find_times(text, anchor, language)
    for item in found:
        assert text[item["start"] : item["end"]] == item["text"]
    return {item["text"]: item for item in found}


def test_full_date_with_weekday() -> None:
    item = one("Pertemuan digelar Rabu, 15 Desember 2021, di Bogor.")
    assert (item["text"], item["value"], item["granularity"]) == (
        "Rabu, 15 Desember 2021",
        "2021-12-15",
        "day",
    )


def test_weekday_with_numeric_date_and_time() -> None:
    item = one("Rapat dibuka Kamis (13/6/2025) pukul 10.00 WIB di Medan.")
    assert item["text"] == "Kamis (13/6/2025) pukul 10.00 WIB"
    assert item["value"] == "2025-06-13T10:00:00+07:00"
    assert item["granularity"] == "time"
    assert one("Banjir surut Senin (3/1).", FEB_2024)["value"] == "2024-01-03"


def test_day_month_without_year_takes_the_closest_year() -> None:
    assert one("Festival dibuka 15 Desember di Solo.")["value"] == "2021-12-15"
    assert one("Festival ditutup 2 Januari di Solo.")["value"] == "2022-01-02"
    assert one("Festival dimulai 20 Juni di Solo.")["value"] == "2021-06-20"


@pytest.mark.parametrize(
    ("phrase", "value", "granularity"),
    [
        ("kemarin", "2021-12-15", "day"),
        ("hari ini", "2021-12-16", "day"),
        ("besok", "2021-12-17", "day"),
        ("tahun lalu", "2020", "year"),
        ("tahun ini", "2021", "year"),
        ("bulan lalu", "2021-11", "month"),
        ("dua tahun lalu", "2019", "year"),
        ("tiga hari lalu", "2021-12-13", "day"),
    ],
)
def test_relative_to_the_anchor(phrase: str, value: str, granularity: str) -> None:
    item = one(f"Harga cabai turun {phrase} di pasar.")
    assert (item["text"], item["value"], item["granularity"]) == (phrase, value, granularity)


def test_last_week_is_the_previous_calendar_week() -> None:
    item = one("Harga naik pekan lalu.")
    assert (item["value"], item["end_value"], item["granularity"]) == ("2021-12-06", "2021-12-12", "range")


def test_bare_month_future_sentence_takes_the_next_one() -> None:
    item = one("Sang menteri berharap bertemu rekannya di Bali pada bulan Februari.")
    assert (item["text"], item["value"], item["granularity"]) == ("bulan Februari", "2022-02", "month")


def test_bare_month_past_sentence_takes_the_most_recent_one() -> None:
    assert one("Gudang itu terbakar pada bulan Februari.")["value"] == "2021-02"
    assert one("Gudang itu terbakar pada bulan Maret.", FEB_2024)["value"] == "2023-03"
    assert one("Panen akan dimulai pada bulan Maret.", FEB_2024)["value"] == "2024-03"
    # "rencananya" ("the plan is") marks the future as "rencana" does
    assert one("Rencananya bulan Maret pabrik itu merakit sendiri.", FEB_2024)["value"] == "2024-03"


def test_years_after_a_cue_only() -> None:
    found = by_text("Kedua negara menandatangani pakta pada 2022 dan memperbaruinya pada tahun 2024.")
    assert found["2022"]["value"] == "2022"
    assert found["tahun 2024"]["granularity"] == "year"
    assert find_times("Sebanyak 2022 peserta hadir.", DEC_2021) == []


def test_eight_days_after_an_event_resolves_the_earlier_event() -> None:
    text = (
        "Panggilan itu berlangsung Rabu, 10 November 2021, delapan hari setelah Arman berbicara dengan Bima."
    )
    found = by_text(text, datetime(2021, 11, 11, tzinfo=WIB))
    after = found["delapan hari setelah"]
    assert after["relation"] == "after"
    assert after["offset"] == {"offset_days": 8}
    assert after["value"] == "2021-11-02"
    assert found["Rabu, 10 November 2021"]["value"] == "2021-11-10"


def test_event_relative_without_a_date_has_no_value() -> None:
    item = one("Ia mundur dua pekan sebelum pemilihan.")
    assert (item["relation"], item["offset"], item["value"]) == ("before", {"offset_days": 14}, None)


def test_first_months_of_this_year_is_a_range() -> None:
    item = one("Ekspor naik dalam 11 bulan pertama tahun ini.")
    assert (item["value"], item["end_value"], item["granularity"]) == ("2021-01-01", "2021-11-30", "range")


def test_month_range_without_year_is_the_most_recent_completed_one() -> None:
    item = one("Impor mencapai puncak selama Januari-November.", FEB_2024)
    assert (item["text"], item["value"], item["end_value"]) == (
        "Januari-November",
        "2023-01-01",
        "2023-11-30",
    )
    assert one("Impor mencapai puncak selama Januari-November.")["value"] == "2021-01-01"


def test_number_words() -> None:
    assert parse_number("dua belas") == 12
    assert parse_number("sebelas") == 11
    assert parse_number("dua puluh lima") == 25
    assert parse_number("seratus dua puluh") == 120
    assert parse_number("tiga ratus") == 300
    assert parse_number("twenty-five", "en") == 25
    assert parse_number("bukan angka") is None
    assert one("Gencatan senjata dimulai dua belas hari lalu.")["value"] == "2021-12-04"


def test_english_expressions() -> None:
    text = (
        "The two leaders spoke on Wednesday. Trade grew last year and the pact dates from December 15, 2020."
    )
    found = by_text(text, DEC_2021, "en")
    assert found["Wednesday"]["value"] == "2021-12-15"
    assert found["last year"]["value"] == "2020"
    assert found["December 15, 2020"]["value"] == "2020-12-15"
    after = by_text("They met on Friday, November 5, 2021, eight days after the vote.", DEC_2021, "en")
    assert after["Friday, November 5, 2021"]["value"] == "2021-11-05"
    assert after["eight days after"]["value"] == "2021-10-28"


def test_same_weekday_as_the_anchor_is_the_anchor_day() -> None:
    assert one("Menteri itu datang pada Kamis.")["value"] == "2021-12-16"
    assert one("Menteri itu datang Kamis lalu.")["value"] == "2021-12-09"


def test_without_anchor_relative_values_are_null() -> None:
    found = by_text("Kemarin dan 15 Desember 2021 ia pergi.", None)
    assert found["Kemarin"]["value"] is None
    assert found["15 Desember 2021"]["value"] == "2021-12-15"


def test_lower_case_month_word_is_not_a_month() -> None:
    # "mei" in the middle of a sentence without a capital is not read as May
    assert find_times("Penjual itu menjual juli dan mei.", DEC_2021) == []


def test_the_year_of_a_law_is_not_a_time() -> None:
    anchor = datetime(2025, 6, 18, 9, 0, tzinfo=timezone(timedelta(hours=7)))
    found = find_times(
        "Komisi III meminta MA menerapkan UU Nomor 28 Tahun 2014 sejak tahun 2015.", anchor, "id"
    )
    assert [(x["text"], x["value"]) for x in found] == [("tahun 2015", "2015")]


def test_quarters_and_halves_of_a_year_are_ranges_of_their_months() -> None:
    june = datetime(2025, 6, 18, 15, 0, tzinfo=WIB)
    found = by_text(
        "Laba kuartal I 2025 naik, semester I-2024 turun, triwulan ketiga tahun lalu rugi dan Q4 2023 datar.",
        june,
    )
    assert {k: (v["value"], v["end_value"], v["granularity"]) for k, v in found.items()} == {
        "kuartal I 2025": ("2025-01-01", "2025-03-31", "range"),
        "semester I-2024": ("2024-01-01", "2024-06-30", "range"),
        "triwulan ketiga tahun lalu": ("2024-07-01", "2024-09-30", "range"),
        "Q4 2023": ("2023-10-01", "2023-12-31", "range"),
    }
    english = one("Profit fell in the second half of last year.", june, "en")
    assert (english["value"], english["end_value"]) == ("2024-07-01", "2024-12-31")
    # no such part of a year (a course's third semester): the year written with it is the time
    course = one("Mahasiswa semester III 2025 mulai magang.", june, "id")
    assert (course["text"], course["value"], course["granularity"]) == ("semester III 2025", "2025", "year")
    assert not find_times("Ia kini di semester III.", june, "id")


def test_a_rate_is_not_a_clock_time() -> None:
    assert not find_times("The bank kept its rate at 5.25%.", DEC_2021, "en")
    assert not find_times("Rapat itu pukul 25.70 berakhir.", DEC_2021, "id")  # no such time
    assert one("They met at 9.45 in the lobby.", DEC_2021, "en")["value"].startswith("2021-12-16T09:45")


def test_a_target_as_a_noun_does_not_make_a_sentence_about_the_future() -> None:
    october = datetime(2017, 10, 27, 9, 0, tzinfo=WIB)
    found = one(
        "Per akhir September, perusahaan telah menyalurkan Rp 71 miliar dari target Rp 100 miliar.",
        october,
        "id",
    )
    assert (found["text"], found["value"]) == ("September", "2017-09")


def test_two_months_in_a_row_share_the_year_written_after_both() -> None:
    # "Januari" alone, in December 2021, would be the next January
    pair = one("Diskon berlaku untuk periode Januari dan Februari 2025.")
    assert pair["text"] == "Januari dan Februari 2025"
    assert [pair["value"], pair["end_value"]] == ["2025-01-01", "2025-02-28"]
    english = one("Sales rose in January and February 2025.", language="en")
    assert (english["value"], english["end_value"]) == ("2025-01-01", "2025-02-28")
    # months not in a row stay two expressions
    assert set(by_text("Diskon berlaku pada Januari dan Maret 2025.")) == {"Januari", "Maret 2025"}
