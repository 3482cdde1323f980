from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from warta.extract.dates import WIB, WIT, WITA, parse_datetime, parse_relative


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kamis, 16 Desember 2021 09:30 WIB", "2021-12-16T09:30:00+07:00"),
        ("Diperbarui 20 Jun 2025, 05:50 WIB", "2025-06-20T05:50:00+07:00"),
        ("Kompas.com- 18/06/2025, 21:35 WIB", "2025-06-18T21:35:00+07:00"),
        ("Kompas.com - 10/06/2025, 21:31 WIB 21:31", "2025-06-10T21:31:00+07:00"),
        ("Jum'at, 20 Juni 2025 |11:58 WIB", "2025-06-20T11:58:00+07:00"),
        ("Rabu   18 Jun 2025  22:02 WIB", "2025-06-18T22:02:00+07:00"),
        ("Tayang: Selasa, 10 Juni 2025 08:52 WIB", "2025-06-10T08:52:00+07:00"),
        ("Tayang: Selasa, 10 Juni 2025 08:52 WITA", "2025-06-10T08:52:00+08:00"),
        ("Tayang: Senin, 9 Juni 2025 19:05 WIT", "2025-06-09T19:05:00+09:00"),
        ("Selasa, 10 Juni 2025 - 07:00 WIB", "2025-06-10T07:00:00+07:00"),
        ("Selasa, 3 Juni 2025-  13:35 WIB", "2025-06-03T13:35:00+07:00"),
        ("18 Juni 2025 | 20.04 WIB", "2025-06-18T20:04:00+07:00"),
        (",\xa0Jurnalis-Senin, 16 Juni 2025 |15:20 WIB", "2025-06-16T15:20:00+07:00"),
        ("Selasa, 10 Jun 2025 - 10:21 WIB_x0000_", "2025-06-10T10:21:00+07:00"),
        ("3 Pebruari 2019 10:00 WIB", "2019-02-03T10:00:00+07:00"),
        ("12 Agt 2020 10:00 WITA", "2020-08-12T10:00:00+08:00"),
        ("1 Nop 2020 23:59 WIB", "2020-11-01T23:59:00+07:00"),
        ("5 Okt 2021 pukul 14.15 WIB", "2021-10-05T14:15:00+07:00"),
        ("June 20, 2025 5:50 PM UTC", "2025-06-20T17:50:00+00:00"),
        ("2025-06-18T21:35:00+07:00", "2025-06-18T21:35:00+07:00"),
        ("2025-06-18T14:35:00Z", "2025-06-18T14:35:00+00:00"),
    ],
)
def test_printed_formats(text: str, expected: str) -> None:
    parsed = parse_datetime(text)
    assert parsed is not None
    assert parsed.isoformat() == expected


def test_zone_names_have_exact_offsets() -> None:
    moment = datetime(2025, 1, 1)
    assert WIB.utcoffset(moment) == timedelta(hours=7)
    assert WITA.utcoffset(moment) == timedelta(hours=8)
    assert WIT.utcoffset(moment) == timedelta(hours=9)


def test_no_zone_needs_a_default() -> None:
    # "10 Juni 2025 13:21" (kapanlagi) carries no zone: only the outlet's data supplies it.
    assert parse_datetime("10 Juni 2025 13:21") is None
    parsed = parse_datetime("10 Juni 2025 13:21", default_tz=WIB)
    assert parsed == datetime(2025, 6, 10, 13, 21, tzinfo=WIB)


def test_printed_zone_beats_default() -> None:
    parsed = parse_datetime("Senin, 9 Juni 2025 19:05 WITA", default_tz=WIB)
    assert parsed is not None and parsed.utcoffset() == timedelta(hours=8)


@pytest.mark.parametrize(
    "text",
    [
        "Tidak Ditemukan",
        "",
        "Scroll ke bawah untuk membaca berita",
        "16 Desember 2021",
        "31 Februari 2025 10:00 WIB",
    ],
)
def test_unreadable_gives_none(text: str) -> None:
    assert parse_datetime(text, default_tz=WIB) is None


NOW = datetime(2024, 5, 14, 12, 0, tzinfo=WIB)


@pytest.mark.parametrize(
    ("text", "delta"),
    [
        ("23 menit lalu", timedelta(minutes=23)),
        ("1 hari lalu", timedelta(days=1)),
        ("2 jam yang lalu", timedelta(hours=2)),
        ("kemarin", timedelta(days=1)),
        ("baru saja", timedelta(0)),
        ("3 hours ago", timedelta(hours=3)),
        ("an hour ago", timedelta(hours=1)),
        ("2 minggu lalu", timedelta(weeks=2)),
    ],
)
def test_relative(text: str, delta: timedelta) -> None:
    assert parse_relative(text, NOW) == NOW - delta


def test_relative_unreadable() -> None:
    assert parse_relative("Baca Selengkapnya", NOW) is None
    assert parse_relative("", NOW.astimezone(UTC)) is None
