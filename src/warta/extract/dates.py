"""Dates and times as Indonesian news pages print them.

Hand-written regexes, not dateparser: a parse must cost a few microseconds
because ingest handles millions of pages, and the Indonesian zones must map to
their exact offsets (WIB +07:00, WITA +08:00, WIT +09:00) rather than to a
library's idea of local time. A time is returned only when the page says
which zone it is in, or the caller knows it (``default_tz`` from the outlet's
data file): a naive time would be a guess.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo

__all__ = ["MONTHS", "WIB", "WIT", "WITA", "ZONES", "parse_datetime", "parse_relative"]

WIB = timezone(timedelta(hours=7), "WIB")
WITA = timezone(timedelta(hours=8), "WITA")
WIT = timezone(timedelta(hours=9), "WIT")

ZONES: dict[str, tzinfo] = {
    "wib": WIB,
    "wita": WITA,
    "wit": WIT,
    "utc": UTC,
    "gmt": UTC,
    "z": UTC,
}

MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "januari jan january",
        "februari feb pebruari february",
        "maret mar march",
        "april apr",
        "mei may",
        "juni jun june",
        "juli jul july",
        "agustus agu agt aug august agust",
        "september sep sept",
        "oktober okt oct october",
        "november nov nop nopember",
        "desember des dec december",
    ),
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _number

_MONTH = r"(?P<mon>[A-Za-z]{3,9})\.?"
_TIME = r"(?P<H>\d{1,2})[:.](?P<M>\d{2})(?:[:.](?P<S>\d{2}))?"
_ZONE = r"(?P<tz>WITA|WIB|WIT|UTC|GMT|Z|[+-]\d{2}:?\d{2})(?![A-Za-z])"
# Anything between the date and the time: commas, pipes, dashes, "pukul", spaces.
_GAP = r"[\s,|\-–—]*(?:(?:pukul|pkl\.?|jam|at)\s*)?"

# "16 Desember 2021 09:30 WIB", "20 Jun 2025, 05:50", "18 Juni 2025 | 20.04 WIB"
_DMY = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})\s*"
    + _MONTH
    + r"\s*,?\s*(?P<y>\d{4})"
    + "(?:"
    + _GAP
    + _TIME
    + r")?\s*(?:"
    + _ZONE
    + ")?",
    re.I,
)
# "June 20, 2025 5:50 PM" (English sites)
_MDY = re.compile(
    r"\b" + _MONTH + r"\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})"
    r"(?:" + _GAP + _TIME + r"(?:\s*(?P<ampm>[AaPp])\.?[Mm]\.?)?)?\s*(?:" + _ZONE + ")?",
)
# "18/06/2025, 21:35 WIB" (Kompas), also "18-06-2025 21:35"
_NUMERIC = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})[/-](?P<m>\d{1,2})[/-](?P<y>\d{4})(?:" + _GAP + _TIME + r")?\s*(?:" + _ZONE + ")?",
    re.I,
)
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")


def _zone(token: str | None, default_tz: tzinfo | None) -> tzinfo | None:
    if not token:
        return default_tz
    known = ZONES.get(token.lower())
    if known is not None:
        return known
    sign = -1 if token[0] == "-" else 1
    digits = token[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _build(
    year: int, month: int, day: int, match: re.Match[str], default_tz: tzinfo | None
) -> datetime | None:
    hour_text = match.group("H")
    if hour_text is None:
        return None  # a day without a time of day: midnight would be a guess
    zone = _zone(match.group("tz"), default_tz)
    if zone is None:
        return None
    hour = int(hour_text)
    ampm = match.groupdict().get("ampm")
    if ampm:
        hour = hour % 12 + (12 if ampm.lower() == "p" else 0)
    try:
        return datetime(
            year, month, day, hour, int(match.group("M")), int(match.group("S") or 0), tzinfo=zone
        )
    except ValueError:
        return None


def parse_datetime(text: str, *, default_tz: tzinfo | None = None) -> datetime | None:
    """The first date-and-time in ``text`` as an aware datetime, else ``None``.

    A printed zone (WIB/WITA/WIT, UTC, an offset) wins over ``default_tz``;
    with neither, or without a time of day, the answer is ``None``.
    """
    if not text or not any(ch.isdigit() for ch in text):
        return None
    iso = _ISO.search(text)
    if iso is not None:
        raw = iso.group(0).replace(" ", "T", 1)
        if raw.endswith("Z"):
            raw = raw[:-1] + "+00:00"
        try:
            parsed = datetime.fromisoformat(raw)
        except ValueError:
            parsed = None
        if parsed is not None:
            if parsed.tzinfo is None:
                tail = _ZONE_AFTER.match(text, iso.end())
                zone = _zone(tail.group(1), default_tz) if tail else default_tz
                return parsed.replace(tzinfo=zone) if zone is not None else None
            return parsed
    for match in _DMY.finditer(text):
        month = MONTHS.get(match.group("mon").lower())
        if month is not None:
            return _build(int(match.group("y")), month, int(match.group("d")), match, default_tz)
    match = _NUMERIC.search(text)
    if match is not None:
        return _build(int(match.group("y")), int(match.group("m")), int(match.group("d")), match, default_tz)
    for match in _MDY.finditer(text):
        month = MONTHS.get(match.group("mon").lower())
        if month is not None:
            return _build(int(match.group("y")), month, int(match.group("d")), match, default_tz)
    return None


_ZONE_AFTER = re.compile(r"\s*(WITA|WIB|WIT|UTC|GMT)(?![A-Za-z])", re.I)

_UNITS: dict[str, timedelta] = {
    "detik": timedelta(seconds=1),
    "second": timedelta(seconds=1),
    "sec": timedelta(seconds=1),
    "menit": timedelta(minutes=1),
    "minute": timedelta(minutes=1),
    "min": timedelta(minutes=1),
    "jam": timedelta(hours=1),
    "hour": timedelta(hours=1),
    "hari": timedelta(days=1),
    "day": timedelta(days=1),
    "minggu": timedelta(weeks=1),
    "pekan": timedelta(weeks=1),
    "week": timedelta(weeks=1),
    # Months and years as printed ages are coarse by nature; 30 and 365 days is
    # what "1 bulan lalu" means to the reader.
    "bulan": timedelta(days=30),
    "month": timedelta(days=30),
    "tahun": timedelta(days=365),
    "year": timedelta(days=365),
}
_COUNTS = {"se": 1, "satu": 1, "a": 1, "an": 1, "one": 1, "dua": 2, "two": 2, "tiga": 3, "three": 3}
_RELATIVE = re.compile(
    r"(?P<n>\d+|se|satu|dua|tiga|an?|one|two|three)\s*"
    r"(?P<unit>detik|menit|jam|hari|minggu|pekan|bulan|tahun|seconds?|secs?|minutes?|mins?|hours?|days?|weeks?|months?|years?)"
    r"\s*(?:yang\s+)?(?:lalu|ago)\b",
    re.I,
)
_JUST_NOW = re.compile(r"\b(baru\s+saja|just\s+now|barusan)\b", re.I)
_YESTERDAY = re.compile(r"\b(kemarin|kemaren|yesterday)\b", re.I)


def parse_relative(text: str, now: datetime) -> datetime | None:
    """Resolve a printed age ("23 menit lalu", "kemarin", "3 hours ago") against ``now``."""
    if not text:
        return None
    match = _RELATIVE.search(text)
    if match is not None:
        count_text = match.group("n").lower()
        count = int(count_text) if count_text.isdigit() else _COUNTS[count_text]
        unit = match.group("unit").lower()
        step = _UNITS.get(unit) or _UNITS[unit.rstrip("s")]
        return now - count * step
    if _JUST_NOW.search(text):
        return now
    if _YESTERDAY.search(text):
        return now - timedelta(days=1)
    return None
