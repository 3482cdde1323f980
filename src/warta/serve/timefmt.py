"""Times as an Indonesian portal prints them, in the outlet's own zone.

"Kamis, 16 Desember 2021 09:30 WIB" and "2 jam lalu"; the English forms for English
pages. Names are data (one dict per language), like the interface strings.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final

# Indonesia's three zones by UTC offset; other offsets are printed as "UTC+hh:mm".
ZONE_NAMES: Final = {7 * 3600: "WIB", 8 * 3600: "WITA", 9 * 3600: "WIT"}

NAMES: Final[dict[str, dict[str, list[str]]]] = {
    "id": {
        # datetime.weekday(): Monday is 0
        "days": ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"],
        "months": [
            "Januari",
            "Februari",
            "Maret",
            "April",
            "Mei",
            "Juni",
            "Juli",
            "Agustus",
            "September",
            "Oktober",
            "November",
            "Desember",
        ],
    },
    "en": {
        "days": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        "months": [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
    },
}

# (unit seconds, singular, plural) per language; "{n}" is the count. Indonesian has no plural.
_UNITS: Final[dict[str, list[tuple[int, str, str]]]] = {
    "id": [
        (365 * 86400, "{n} tahun lalu", "{n} tahun lalu"),
        (30 * 86400, "{n} bulan lalu", "{n} bulan lalu"),
        (7 * 86400, "{n} minggu lalu", "{n} minggu lalu"),
        (86400, "{n} hari lalu", "{n} hari lalu"),
        (3600, "{n} jam lalu", "{n} jam lalu"),
        (60, "{n} menit lalu", "{n} menit lalu"),
    ],
    "en": [
        (365 * 86400, "{n} year ago", "{n} years ago"),
        (30 * 86400, "{n} month ago", "{n} months ago"),
        (7 * 86400, "{n} week ago", "{n} weeks ago"),
        (86400, "{n} day ago", "{n} days ago"),
        (3600, "{n} hour ago", "{n} hours ago"),
        (60, "{n} minute ago", "{n} minutes ago"),
    ],
}
_JUST_NOW: Final = {"id": "baru saja", "en": "just now"}


def zone_name(value: datetime) -> str:
    offset = value.utcoffset()
    seconds = int(offset.total_seconds()) if offset is not None else 0
    if seconds in ZONE_NAMES:
        return ZONE_NAMES[seconds]
    sign = "+" if seconds >= 0 else "-"
    hours, minutes = divmod(abs(seconds) // 60, 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def _names(language: str) -> dict[str, list[str]]:
    return NAMES.get(language, NAMES["id"])


def long_date(value: datetime, language: str = "id") -> str:
    """``Kamis, 16 Desember 2021 09:30 WIB``: in the time's own offset, never converted."""
    names = _names(language)
    day = names["days"][value.weekday()]
    month = names["months"][value.month - 1]
    return f"{day}, {value.day} {month} {value.year} {value:%H:%M} {zone_name(value)}"


def short_date(value: datetime, language: str = "id") -> str:
    """``16 Des 2021`` style date for result lists (first three letters of the month)."""
    month = _names(language)["months"][value.month - 1][:3]
    return f"{value.day} {month} {value.year}"


def relative(value: datetime, now: datetime, language: str = "id") -> str:
    """``2 jam lalu`` / ``2 hours ago``; a time in the future (clock skew) reads as just now."""
    seconds = (now - value) / timedelta(seconds=1)
    for unit, one, many in _UNITS.get(language, _UNITS["id"]):
        if seconds >= unit:
            n = int(seconds // unit)
            return (one if n == 1 else many).format(n=n)
    return _JUST_NOW.get(language, _JUST_NOW["id"])


def clock_time(value: datetime) -> str:
    """``09:30 WIB``: the time of day in the time's own offset."""
    return f"{value:%H:%M} {zone_name(value)}"


def span(start: datetime | None, end: datetime | None, language: str = "id") -> str:
    """A time span for story lists: ``5 Mar 2024, 08:00–13:30 WIB`` within one day,
    ``5 Mar 2024 – 7 Mar 2024`` across days. Both ends are shown in ``start``'s offset."""
    if start is None and end is None:
        return ""
    if start is None or end is None:
        only = start or end
        assert only is not None
        return f"{short_date(only, language)}, {clock_time(only)}"
    end = end.astimezone(start.tzinfo)
    if start.date() == end.date():
        if start == end:
            return f"{short_date(start, language)}, {clock_time(start)}"
        return f"{short_date(start, language)}, {start:%H:%M}–{clock_time(end)}"
    return f"{short_date(start, language)} – {short_date(end, language)}"
