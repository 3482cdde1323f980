"""Time expressions in article text, resolved against the article's own date.

``find_times(text, anchor, language)`` returns one plain dict per expression::

    {"start", "end", "text", "value", "end_value", "granularity", "relation", "offset"}

- ``value`` is an ISO 8601 string at the expression's own precision: ``"2021-12-15"``
  (day), ``"2022-02"`` (month), ``"2023"`` (year), a datetime with its offset
  (time), or the first day of a range; ``None`` when it cannot be resolved (no
  anchor for a relative expression; an event-relative one with no date in its
  sentence). ``end_value`` is the last day of a range ("range"), else ``None``.
- ``granularity`` is ``"day"``, ``"month"``, ``"year"``, ``"range"`` or ``"time"``;
  weeks ("pekan lalu") are ranges from Monday to Sunday.
- ``relation`` is ``"after"``/``"before"`` for an expression relative to another
  event ("delapan hari setelah <event>"), with ``offset`` ``{"offset_days": 8}``
  (or ``offset_months`` / ``offset_years``); ``value`` is then the date of that
  other event, computed from a resolved day in the same sentence ("Rabu, 15
  Desember 2021, delapan hari setelah ..." gives 2021-12-07), else ``None``.
- Spans leave prepositions out ("pada 2022" gives "2022"; "pada bulan Februari"
  gives "bulan Februari"), as TIMEX3 does.

Resolution rules (``anchor`` is the article's ``published_at``, read in its own zone):

- a day and month without a year: the year that puts it closest to the anchor;
- a bare month ("pada bulan Februari"): in a sentence about the future (a word from
  ``future_markers``: "akan", "berharap", "will", ...) the next such month on or
  after the anchor's month; otherwise the most recent one on or before it;
- a bare weekday ("pada Rabu", "on Wednesday"): the most recent such day on or
  before the anchor (the anchor's own day counts: dailies report the same day),
  or on or after it in a sentence about the future; "Rabu lalu"/"last Wednesday"
  is strictly before, "Jumat depan"/"next Friday" strictly after;
- a month range without a year ("selama Januari-November"): the most recent such
  range that has ended by the anchor (February 2024 gives January-November 2023);
- "N bulan pertama tahun ini": January 1 to the end of month N of the anchor's year;
- a quarter or half of a year ("kuartal I 2025", "semester I-2024", "triwulan ketiga tahun
  lalu", "Q1 2025", "the second half of last year"): the range of its months; one with
  no year is not read (``year_parts``, ``part_numbers``).

The words are data (``data/time.toml``, ``data/numbers.toml``), one table per
language; the pattern skeletons are shared. One compiled regex per language
finds every expression in a single pass (leftmost, then the first alternative
listed wins), so a long body costs tens of microseconds.
"""

from __future__ import annotations

import calendar
import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from warta.understand.sentences import _split, sentence_index

__all__ = ["find_times", "last_unit", "month_names", "number_words_pattern", "parse_number", "weekday_names"]

_YEAR = r"(?:1[89]|20)\d{2}"


def _load(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("warta.understand").joinpath(f"data/{name}").read_text("utf-8"))


def _alt(words: Any) -> str:
    """Regex alternation of ``words``, longest first, any run of spaces matching ``\\s+``."""
    items = sorted({str(w) for w in words}, key=len, reverse=True)
    if not items:
        return "(?!x)x"  # matches nothing: a language without this kind of word
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


def _key(surface: str) -> str:
    return " ".join(surface.lower().split())


def _trie(words: Any) -> str:
    """Regex for a set of words as a trie: one character test per branch instead of one per word."""
    tree: dict[str, Any] = {}
    for word in {str(w) for w in words}:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [
            re.escape(ch).replace(r"\ ", r"\s+") + emit(child) for ch, child in sorted(node.items()) if ch
        ]
        if not branches:
            return ""
        body = (
            branches[0] if len(branches) == 1 and len(branches[0]) <= 2 else "(?:" + "|".join(branches) + ")"
        )
        return f"(?:{body})?" if ends else body

    return emit(tree) or "(?!x)x"


def lowered(text: str) -> str:
    """``text.lower()`` with the same length, so offsets carry over (rare characters stay as they are)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)


# --- number words --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Numbers:
    values: dict[str, int]
    add: dict[str, int]
    multiply: dict[str, int]
    group: dict[str, int]
    pattern: str  # one or more number words in a row
    decimal: str
    thousands: str


@cache
def _numbers(language: str) -> _Numbers:
    data = _load("numbers.toml")
    table = data.get(language) or data["id"]
    words = [*table["value"], *table["add"], *table["multiply"], *table["group"]]
    # the first word must stand for a number ("dua belas", not "belas")
    first = [*table["value"]]
    pattern = rf"\b(?:{_alt(first)})(?:[\s-]+(?:{_alt(words)}))*\b"
    return _Numbers(
        values=dict(table["value"]),
        add=dict(table["add"]),
        multiply=dict(table["multiply"]),
        group=dict(table["group"]),
        pattern=pattern,
        decimal=table["decimal"],
        thousands=table["thousands"],
    )


def number_words_pattern(language: str = "id") -> str:
    """Regex source (no groups) for a run of number words in ``language``."""
    return _numbers(language).pattern


def weekday_names(language: str = "id") -> frozenset[str]:
    """The lower-cased weekday names of ``language`` ("senin", "monday"), as time expressions read them."""
    return frozenset(_tables(language).weekdays)


def month_names(language: str = "id") -> frozenset[str]:
    """The lower-cased month names and abbreviations of ``language`` ("mei", "agustus", "aug")."""
    return frozenset(_tables(language).months)


def parse_number(surface: str, language: str = "id") -> int | None:
    """``"12"`` -> 12, ``"dua belas"`` -> 12, ``"seratus dua puluh"`` -> 120, ``"twenty-five"`` -> 25."""
    surface = surface.strip()
    if surface.isdigit():
        return int(surface)
    table = _numbers(language)
    total = current = last = 0
    seen = False
    for word in re.split(r"[\s-]+", surface.lower()):
        if word in table.values:
            last = table.values[word]
            current += last
        elif word in table.add:
            current += table.add[word]
            last += table.add[word]
        elif word in table.multiply:
            # "dua ratus lima puluh": the multiplier applies to the last number only
            current += last * (table.multiply[word] - 1)
            last *= table.multiply[word]
        elif word in table.group:
            total += max(current, 1) * table.group[word]
            current = last = 0
        else:
            return None
        seen = True
    return total + current if seen else None


# --- the per-language pattern --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Tables:
    regex: re.Pattern[str]
    trigger: re.Pattern[str]
    future: re.Pattern[str]
    months: dict[str, int]
    full_months: frozenset[str]
    weekdays: dict[str, int]
    ambiguous_weekdays: frozenset[str]
    weekday_cue: frozenset[str]
    year_cue: frozenset[str]
    zones: dict[str, str]
    relative: dict[str, tuple[str, int]]
    units: dict[str, str]
    single_units: dict[str, str]
    past: frozenset[str]
    future_words: frozenset[str]
    relations: dict[str, str]
    recent: frozenset[str]
    this_year: frozenset[str]
    year_parts: dict[str, int]  # "kuartal" -> 3 months
    part_numbers: dict[str, int]  # "ii" -> 2
    last_year: frozenset[str]
    weekday_past: frozenset[str]
    weekday_future: frozenset[str]
    dmy: bool
    citation: re.Pattern[str]


def _time_tail(prefix: str, cues: str, zones: str) -> str:
    # a time of day after a date: after a cue word ("pukul 10.00") or before a zone ("09:30 WIB")
    return (
        rf"(?:[\s,]*(?:(?:{cues})\.?\s*|(?=\d{{1,2}}[.:]\d{{2}}\s*(?:{zones})\b))"
        rf"(?P<{prefix}_H>\d{{1,2}})[.:](?P<{prefix}_M>\d{{2}})(?!\d)(?:\s*(?P<{prefix}_tz>{zones})\b)?)?"
    )


@cache
def _tables(language: str) -> _Tables:
    data = _load("time.toml")
    t = data.get(language) or data["id"]
    months = {**t["month_abbrev"], **t["months"]}
    mon = _alt(months)
    mfull = _alt(t["months"])
    wd = _alt(t["weekdays"])
    num = rf"(?:\d{{1,3}}|{_numbers(language).pattern})"
    zones = _alt(t["zones"])
    cues = _alt(t["time_cue"])
    join = _alt(t["range_joiners"])
    mword = _alt(t["month_word"])
    yword = _alt(t["year_word"])
    month_units = [k for k, v in t["units"].items() if v == "month"]
    year_ref = _alt([*t["this_year"], *t["last_year"]])
    first_months = [
        # Indonesian order: "11 bulan pertama tahun ini"
        rf"(?P<fm_n>{num})\s+(?:{_alt(month_units)})\s+(?:{_alt(t['first'])})\s+"
        rf"(?:(?:{yword})\s+(?P<fm_y>{_YEAR})|(?P<fm_y2>{_YEAR})|(?P<fm_rel>{year_ref}))(?!\w)"
    ]
    if t["of"]:
        # English order: "the first 11 months of this year"
        first_months.append(
            rf"(?:the\s+)?(?:{_alt(t['first'])})\s+(?P<fx_n>{num})\s+(?:{_alt(month_units)})\s+(?:{_alt(t['of'])})\s+"
            rf"(?:(?P<fx_y>{_YEAR})|(?P<fx_rel>{year_ref}))(?!\w)"
        )
    parts, part_n = _alt(t.get("year_parts", {})), _alt(t.get("part_numbers", {}))
    part_year = rf"(?:(?P<qp_y>{_YEAR})|(?P<qp_rel>{year_ref}))(?!\w)"
    year_parts = [
        # "Q1 2025", "H1-2025": the glued forms, in either language
        rf"(?P<qp_g>[qh])(?P<qp_gn>[1-4])\s*[-/]?\s*(?P<qp_gy>{_YEAR})(?!\w)",
        # "kuartal I 2025", "triwulan kedua tahun ini", "semester I-2024", "kuartal III tahun 2024"
        rf"(?P<qp_p>{parts})\s+(?:ke-?\s*)?(?P<qp_n>{part_n})(?:\s*[-/]\s*|\s+(?:{yword})\s+|\s+){part_year}"
        if not t["of"]
        # "the first quarter of 2025", "the second half of last year"
        else rf"(?:the\s+)?(?P<qp_n>{part_n})[\s-]+(?P<qp_p>{parts})\s+(?:of\s+(?:the\s+)?)?{part_year}",
    ]
    offsets = _alt([*t["past"], *t["future"], *t["relations"], *t["recent"]])
    wd_before = _alt(t["weekday_before"])
    wd_after = _alt([*t["weekday_past"], *t["weekday_future"]])
    alternatives = [
        # "Rabu, 15 Desember 2021", "15 Desember 2021 pukul 10.00 WIB"
        rf"(?P<fd>(?:(?P<fd_wd>{wd})\s*,?\s*)?(?P<fd_d>\d{{1,2}})\s+(?P<fd_m>{mon})\.?\s*,?\s*(?P<fd_y>{_YEAR})(?!\d)"
        + _time_tail("fd", cues, zones)
        + ")",
        # "Wednesday, December 15, 2021", "December 15"
        rf"(?P<fe>(?:(?P<fe_wd>{wd})\s*,?\s*)?(?P<fe_m>{mon})\.?\s+(?P<fe_d>\d{{1,2}})(?:st|nd|rd|th)?(?![\d.,:]\d|\w)"
        rf"(?:\s*,?\s*(?P<fe_y>{_YEAR})(?!\d))?)",
        # "Kamis (13/6/2025)", "(13/6)"
        rf"(?P<nd>(?:(?P<nd_wd>{wd})\s*,?\s*)?\(\s*(?P<nd_a>\d{{1,2}})/(?P<nd_b>\d{{1,2}})(?:/(?P<nd_y>\d{{4}}|\d{{2}}))?\s*\)"
        + _time_tail("nd", cues, zones)
        + ")",
        # "13/6/2025"
        r"(?P<nb>(?P<nb_a>\d{1,2})/(?P<nb_b>\d{1,2})/(?P<nb_y>\d{4})(?![\w/]))",
        # "15-17 Juni 2025"
        rf"(?P<dr>(?P<dr_d1>\d{{1,2}})\s*(?:{join})\s*(?P<dr_d2>\d{{1,2}})\s+(?P<dr_m>{mon})\.?(?:\s+(?P<dr_y>{_YEAR})(?!\d))?)",
        # "Januari-November 2023", "selama Januari hingga Maret"
        rf"(?P<mr>(?:(?:{mword})\s+)?(?P<mr_m1>{mfull})(?:\s+(?P<mr_y1>{_YEAR}))?\s*(?:{join})\s*"
        rf"(?P<mr_m2>{mfull})(?:\s+(?P<mr_y2>{_YEAR})(?!\d))?(?!\w))",
        # "Januari dan Februari 2025": two months in a row, the year written once, after both
        rf"(?P<mp>(?P<mp_pair>{_month_pairs(t)})\s+(?P<mp_y>{_YEAR})(?![\d.,]\d|\w))",
        # "11 bulan pertama tahun ini"
        "(?P<fm>" + "|".join(first_months) + ")",
        # "kuartal I 2025", "the first half of 2025", "Q1 2025"
        "(?P<qp>" + "|".join(year_parts) + ")",
        # "2019-2023"
        rf"(?P<yy>(?:(?:{yword})\s+)?(?P<yy_1>{_YEAR})\s*[-–]\s*(?P<yy_2>{_YEAR})(?![\w/]|[.,]\d))",
        # "dua tahun lalu", "delapan hari setelah", "setahun lalu", "three days ago"
        rf"(?P<rn>(?:(?P<rn_n>{num})\s+(?P<rn_u>{_alt(t['units'])})|(?P<rn_s>{_alt(t['single_units'])}))\s+"
        rf"(?P<rn_w>{offsets})(?!\w))",
        # "Juni 2025", "bulan Februari 2024"
        rf"(?P<my>(?:(?:{mword})\s+)?(?P<my_m>{mon})\.?\s+(?P<my_y>{_YEAR})(?![\d.,]\d|\w))",
        # "15 Desember"
        rf"(?P<dm>(?P<dm_d>\d{{1,2}})\s+(?P<dm_m>{mon})\.?(?!\w))",
        # "kemarin", "tahun lalu", "last week"
        rf"(?P<rel>{_alt(t['relative'])})(?!\w)",
        # "tahun 2024", "2022" after a cue word
        rf"(?P<yr>(?:(?P<yr_w>{yword})\s+)?(?P<yr_y>{_YEAR})(?![\w/]|[.,:]\d))",
        # "bulan Februari", "Februari"
        rf"(?P<mo>(?:(?P<mo_w>{mword})\s+)?(?P<mo_m>{mfull})(?!\w))",
        # "Rabu", "Rabu lalu", "last Wednesday"
        rf"(?P<wd>(?:(?P<wd_pre>{wd_before})\s+)?(?P<wd_n>{wd})(?:\s+(?P<wd_post>{wd_after}))?(?!\w))",
        # "pukul 10.00 WIB", "09:30 WIB"
        rf"(?P<tm>(?:(?:{cues})\.?\s*(?P<tm_H>\d{{1,2}})[.:](?P<tm_M>\d{{2}})(?!\d)(?:\s*(?P<tm_tz>{zones})\b)?"
        rf"|(?P<tm_H2>\d{{1,2}})[.:](?P<tm_M2>\d{{2}})\s*(?P<tm_tz2>{zones})\b))",
    ]
    # all words are matched against the lower-cased text: re.I doubles the cost
    regex = re.compile(r"(?<![\w.,/])(?:" + "|".join(alternatives) + ")")
    # where an expression can start: a digit, "(" before a digit, or a word that opens one of the patterns
    first_words = {
        *months,
        *t["weekdays"],
        *t["weekday_before"],
        *t["time_cue"],
        *t["first"],
        *(_numbers(language).values),
        *(w.split()[0] for w in [*t["month_word"], *t["year_word"], *t["relative"], *t["single_units"]]),
        *t.get("year_parts", {}),
        *(t.get("part_numbers", {}) if t["of"] else ()),
        *(f"{g}{n}" for g in "qh" for n in "1234"),
    }
    if t["of"]:
        first_words.add("the")
    trigger = re.compile(
        rf"(?<![\w.,/])(?:\d|\((?=\s*\d)|(?:{_trie(w.lower() for w in first_words)})(?![\w']))"
    )
    return _Tables(
        regex=regex,
        trigger=trigger,
        future=re.compile(rf"\b(?:{_alt(t['future_markers'])})\b"),
        months={k.lower(): v for k, v in months.items()},
        full_months=frozenset(k.lower() for k in t["months"]),
        weekdays={k.lower(): v for k, v in t["weekdays"].items()},
        ambiguous_weekdays=frozenset(t["ambiguous_weekdays"]),
        weekday_cue=frozenset(t["weekday_cue"]),
        year_cue=frozenset(t["year_cue"]),
        zones={k.lower(): v for k, v in t["zones"].items()},
        relative={_key(k): (v[0], int(v[1])) for k, v in t["relative"].items()},
        units={k.lower(): v for k, v in t["units"].items()},
        single_units={_key(k): v for k, v in t["single_units"].items()},
        past=frozenset(_key(w) for w in t["past"]),
        future_words=frozenset(_key(w) for w in t["future"]),
        relations={_key(k): v for k, v in t["relations"].items()},
        recent=frozenset(_key(w) for w in t["recent"]),
        this_year=frozenset(_key(w) for w in t["this_year"]),
        year_parts={_key(k): int(v) for k, v in t.get("year_parts", {}).items()},
        part_numbers={_key(k): int(v) for k, v in t.get("part_numbers", {}).items()},
        last_year=frozenset(_key(w) for w in t["last_year"]),
        weekday_past=frozenset(_key(w) for w in t["weekday_past"]),
        weekday_future=frozenset(_key(w) for w in t["weekday_future"]),
        dmy=t["date_order"] == "dmy",
        # searched in the 20 characters before an expression: "nomor 28 " then "tahun 2014"
        citation=re.compile(rf"(?<!\w)(?:{_alt(t.get('citation', []))})\s*\d+[a-z]?\s+\Z"),
    )


# --- calendar arithmetic -------------------------------------------------------------------


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _closest_year(ref: date, month: int, day: int) -> date | None:
    best: date | None = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        candidate = _safe_date(year, month, day)
        if candidate is not None and (best is None or abs((candidate - ref).days) < abs((best - ref).days)):
            best = candidate
    return best


def _month_year(ref: date, month: int, future: bool) -> int:
    if future:
        return ref.year if month >= ref.month else ref.year + 1
    return ref.year if month <= ref.month else ref.year - 1


def _year2(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


# --- results --------------------------------------------------------------------------------


def _result(
    m: re.Match[str],
    group: str,
    value: str | None,
    granularity: str,
    end_value: str | None = None,
    relation: str | None = None,
    offset: dict[str, int] | None = None,
) -> dict[str, Any]:
    start, end = m.span(group)
    return {
        "start": start,
        "end": end,
        "text": "",  # filled from the original (not lower-cased) text
        "value": value,
        "end_value": end_value,
        "granularity": granularity,
        "relation": relation,
        "offset": offset,
    }


def _day_result(
    m: re.Match[str], day: date | None, prefix: str, anchor: datetime | None, t: _Tables
) -> dict[str, Any]:
    hour = m.group(f"{prefix}_H") if f"{prefix}_H" in m.re.groupindex else None
    if day is not None and hour is not None:
        value = _datetime_iso(day, int(hour), int(m.group(f"{prefix}_M")), m.group(f"{prefix}_tz"), anchor, t)
        return _result(m, prefix, value, "time")
    return _result(m, prefix, day.isoformat() if day else None, "day")


def _datetime_iso(
    day: date, hour: int, minute: int, zone: str | None, anchor: datetime | None, t: _Tables
) -> str | None:
    if hour > 23 or minute > 59:
        return None
    offset = t.zones.get(zone.lower()) if zone else None
    stamp = f"{day.isoformat()}T{hour:02d}:{minute:02d}:00"
    if offset is None and anchor is not None and anchor.utcoffset() is not None:
        offset = anchor.isoformat()[-6:]  # the anchor's own zone, e.g. "+07:00"
    return stamp + (offset or "")


def _is_capitalised(surface: str) -> bool:
    return surface[:1].isupper()


def _word_before(text: str, pos: int) -> str:
    chunk = text[max(0, pos - 24) : pos].split()
    return chunk[-1].lower().strip(",(") if chunk else ""


class _Context:
    """Per-call state: the anchor's day and the sentences (for the future-tense rule)."""

    __slots__ = ("anchor", "low", "ref", "sentences", "t", "text")

    def __init__(self, text: str, anchor: datetime | None, t: _Tables) -> None:
        self.text = text
        self.low = lowered(text)
        self.anchor = anchor
        self.ref = anchor.date() if anchor is not None else None
        self.t = t
        self.sentences = _split(text)

    def sentence_of(self, pos: int) -> tuple[int, int]:
        if not self.sentences:
            return (0, len(self.text))
        return self.sentences[sentence_index(self.sentences, pos)]

    def is_future(self, pos: int) -> bool:
        start, end = self.sentence_of(pos)
        return self.t.future.search(self.low, start, end) is not None


def _resolve(m: re.Match[str], ctx: _Context) -> dict[str, Any] | None:
    t, ref = ctx.t, ctx.ref
    kind = next(k for k in _KINDS if m.group(k) is not None)
    if kind == "fd":
        day = _safe_date(int(m.group("fd_y")), t.months[m.group("fd_m").lower()], int(m.group("fd_d")))
        return _day_result(m, day, "fd", ctx.anchor, t)
    if kind == "fe":
        month, dnum = t.months[m.group("fe_m").lower()], int(m.group("fe_d"))
        if m.group("fe_y") is None and not _is_capitalised(ctx.text[m.start("fe_m")]):
            return None
        if m.group("fe_y"):
            return _result(m, "fe", _iso(_safe_date(int(m.group("fe_y")), month, dnum)), "day")
        return _result(m, "fe", _iso(_closest_year(ref, month, dnum) if ref else None), "day")
    if kind in ("nd", "nb"):
        a, b = int(m.group(f"{kind}_a")), int(m.group(f"{kind}_b"))
        dnum, month = (a, b) if t.dmy else (b, a)
        if month > 12 and dnum <= 12:
            dnum, month = month, dnum
        year_text = m.group(f"{kind}_y")
        if year_text:
            day = _safe_date(_year2(year_text), month, dnum)
        else:
            day = _closest_year(ref, month, dnum) if ref and 1 <= month <= 12 else None
        if kind == "nb":
            return _result(m, kind, _iso(day), "day")
        return _day_result(m, day, kind, ctx.anchor, t)
    if kind == "dr":
        month = t.months[m.group("dr_m").lower()]
        d1, d2 = int(m.group("dr_d1")), int(m.group("dr_d2"))
        if m.group("dr_y"):
            first, last = (
                _safe_date(int(m.group("dr_y")), month, d1),
                _safe_date(int(m.group("dr_y")), month, d2),
            )
        else:
            first = _closest_year(ref, month, d1) if ref else None
            last = _safe_date(first.year, month, d2) if first else None
        return _result(m, "dr", _iso(first), "range", _iso(last))
    if kind == "mr":
        return _month_range(m, ctx)
    if kind == "mp":
        words = _WORDS.findall(m.group("mp_pair"))
        year = int(m.group("mp_y"))
        m1, m2 = t.months[words[0].lower()], t.months[words[-1].lower()]
        return _result(m, "mp", date(year, m1, 1).isoformat(), "range", _last_day(year, m2).isoformat())
    if kind == "fm":
        return _first_months(m, ctx)
    if kind == "qp":
        return _year_part(m, ctx)
    if kind == "yy":
        y1, y2 = int(m.group("yy_1")), int(m.group("yy_2"))
        if y2 <= y1:
            return None
        return _result(m, "yy", f"{y1:04d}-01-01", "range", f"{y2:04d}-12-31")
    if kind == "rn":
        return _counted(m, ctx)
    if kind == "my":
        month = t.months[m.group("my_m").lower()]
        return _result(m, "my", f"{int(m.group('my_y')):04d}-{month:02d}", "month")
    if kind == "dm":
        month = t.months[m.group("dm_m").lower()]
        return _result(m, "dm", _iso(_closest_year(ref, month, int(m.group("dm_d"))) if ref else None), "day")
    if kind == "rel":
        unit, amount = t.relative[_key(m.group("rel"))]
        return _shift(m, "rel", ref, unit, amount)
    if kind == "yr":
        if m.group("yr_w") is None and _word_before(ctx.text, m.start()) not in t.year_cue:
            return None  # a bare four-digit number is not a year without a cue ("pada 2022")
        return _result(m, "yr", f"{int(m.group('yr_y')):04d}", "year")
    if kind == "mo":
        if not _is_capitalised(ctx.text[m.start("mo_m")]):
            return None
        month = t.months[m.group("mo_m")]
        if ref is None:
            return _result(m, "mo", None, "month")
        year = _month_year(ref, month, ctx.is_future(m.start()))
        return _result(m, "mo", f"{year:04d}-{month:02d}", "month")
    if kind == "wd":
        return _weekday(m, ctx)
    return _time_only(m, ctx)


_KINDS = (
    "fd",
    "fe",
    "nd",
    "nb",
    "dr",
    "mr",
    "mp",
    "fm",
    "qp",
    "yy",
    "rn",
    "my",
    "dm",
    "rel",
    "yr",
    "mo",
    "wd",
    "tm",
)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


_WORDS = re.compile(r"\w+")


def _month_pairs(t: dict[str, Any]) -> str:
    """Alternation of two consecutive months' full names joined by ``month_pair_joiners``
    ("januari dan februari"; December and January, which straddle a year, are left out)."""
    joiners = t.get("month_pair_joiners", [])
    names = sorted(t["months"].items())
    pairs = [
        rf"{re.escape(a)}\s+(?:{_alt(joiners)})\s+{re.escape(b)}"
        for a, ma in names
        for b, mb in names
        if mb == ma + 1
    ]
    return "|".join(pairs) if joiners and pairs else "(?!x)x"


def _month_range(m: re.Match[str], ctx: _Context) -> dict[str, Any] | None:
    t, ref = ctx.t, ctx.ref
    if not (_is_capitalised(ctx.text[m.start("mr_m1")]) and _is_capitalised(ctx.text[m.start("mr_m2")])):
        return None
    m1, m2 = t.months[m.group("mr_m1").lower()], t.months[m.group("mr_m2").lower()]
    y2_text, y1_text = m.group("mr_y2"), m.group("mr_y1")
    if y2_text:
        y2 = int(y2_text)
        y1 = int(y1_text) if y1_text else (y2 if m1 <= m2 else y2 - 1)
    elif y1_text:
        y1 = int(y1_text)
        y2 = y1 if m2 >= m1 else y1 + 1
    elif ref is not None:
        # the most recent such range that has ended by the anchor
        y2 = ref.year if _last_day(ref.year, m2) <= ref else ref.year - 1
        y1 = y2 if m1 <= m2 else y2 - 1
    else:
        return _result(m, "mr", None, "range")
    return _result(m, "mr", date(y1, m1, 1).isoformat(), "range", _last_day(y2, m2).isoformat())


def _first_months(m: re.Match[str], ctx: _Context) -> dict[str, Any] | None:
    t, ref = ctx.t, ctx.ref
    english = m.group("fm_n") is None
    count = parse_number(m.group("fx_n" if english else "fm_n"), "en" if english else _lang_of(t))
    if count is None or not 1 <= count <= 12:
        return None
    year_text = m.group("fx_y") if english else (m.group("fm_y") or m.group("fm_y2"))
    rel = m.group("fx_rel") if english else m.group("fm_rel")
    if year_text:
        year = int(year_text)
    elif ref is None:
        return _result(m, "fm", None, "range")
    else:
        year = ref.year - 1 if _key(rel) in t.last_year else ref.year
    return _result(m, "fm", f"{year:04d}-01-01", "range", _last_day(year, count).isoformat())


def _year_part(m: re.Match[str], ctx: _Context) -> dict[str, Any] | None:
    """A quarter or half of a year, as the range of its months."""
    t, ref = ctx.t, ctx.ref
    if m.group("qp_g"):  # "Q1 2025", "H1-2025"
        size = 3 if m.group("qp_g") == "q" else 6
        number, year_text = int(m.group("qp_gn")), m.group("qp_gy")
    else:
        size, number = t.year_parts[_key(m.group("qp_p"))], t.part_numbers[_key(m.group("qp_n"))]
        year_text = m.group("qp_y")
    if number * size > 12:
        # "semester III" is a course's, not the year's: only a year written with it is a time
        return _result(m, "qp", f"{int(year_text):04d}", "year") if year_text else None
    if year_text:
        year = int(year_text)
    elif ref is None:
        return _result(m, "qp", None, "range")
    else:
        year = ref.year - 1 if _key(m.group("qp_rel")) in t.last_year else ref.year
    first = (number - 1) * size + 1
    return _result(
        m, "qp", f"{year:04d}-{first:02d}-01", "range", _last_day(year, first + size - 1).isoformat()
    )


def _lang_of(t: _Tables) -> str:
    return "id" if t.dmy else "en"


def _shift(m: re.Match[str], group: str, ref: date | None, unit: str, amount: int) -> dict[str, Any]:
    """The day, week, month or year ``amount`` units from the anchor."""
    granularity = {"day": "day", "week": "range", "month": "month", "year": "year"}[unit]
    if ref is None:
        return _result(m, group, None, granularity)
    if unit == "day":
        return _result(m, group, (ref + timedelta(days=amount)).isoformat(), "day")
    if unit == "week":
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=amount)
        return _result(m, group, monday.isoformat(), "range", (monday + timedelta(days=6)).isoformat())
    if unit == "month":
        first = _add_months(ref.replace(day=1), amount)
        return _result(m, group, f"{first.year:04d}-{first.month:02d}", "month")
    return _result(m, group, f"{ref.year + amount:04d}", "year")


def _counted(m: re.Match[str], ctx: _Context) -> dict[str, Any] | None:
    t, ref = ctx.t, ctx.ref
    if m.group("rn_s"):
        count, unit = 1, t.single_units[_key(m.group("rn_s"))]
    else:
        parsed = parse_number(m.group("rn_n"), _lang_of(t))
        if parsed is None:
            return None
        count, unit = parsed, t.units[m.group("rn_u").lower()]
    word = _key(m.group("rn_w"))
    if word in t.relations:
        key = {"day": "offset_days", "week": "offset_days", "month": "offset_months", "year": "offset_years"}[
            unit
        ]
        amount = count * 7 if unit == "week" else count
        granularity = "day" if unit in ("day", "week") else unit
        # the value is filled in later from a resolved day in the same sentence
        return _result(m, "rn", None, granularity, relation=t.relations[word], offset={key: amount})
    if word in t.recent:
        if ref is None:
            return _result(m, "rn", None, "range")
        first = _step(ref, unit, -count)
        return _result(m, "rn", first.isoformat(), "range", ref.isoformat())
    sign = 1 if word in t.future_words else -1
    return _shift(m, "rn", ref, unit, sign * count)


def last_unit(word: str, anchor: date, language: str = "id") -> dict[str, str] | None:
    """The unit a one-unit word names, ending on ``anchor``: "sepekan" on 2021-12-15 is
    2021-12-08..2021-12-15 (``single_units`` in ``data/time.toml``); ``None`` for another word.
    A figure followed by it ("9,22 persen sepekan") measures that span."""
    unit = _tables(language).single_units.get(_key(word))
    if unit is None:
        return None
    return {"start": _step(anchor, unit, -1).isoformat(), "end": anchor.isoformat()}


def _step(day: date, unit: str, amount: int) -> date:
    if unit == "day":
        return day + timedelta(days=amount)
    if unit == "week":
        return day + timedelta(weeks=amount)
    return _add_months(day, amount * (12 if unit == "year" else 1))


def _weekday(m: re.Match[str], ctx: _Context) -> dict[str, Any] | None:
    t, ref = ctx.t, ctx.ref
    name = m.group("wd_n")
    if not _is_capitalised(ctx.text[m.start("wd_n")]):
        return None
    if name.lower() in t.ambiguous_weekdays and _word_before(ctx.text, m.start()) not in t.weekday_cue:
        return None  # "Minggu" is also "week": only a day after "pada"/"hari"
    if ref is None:
        return _result(m, "wd", None, "day")
    target = t.weekdays[name.lower()]
    modifier = _key(m.group("wd_pre") or m.group("wd_post") or "")
    if modifier in ("next",) or modifier in t.weekday_future:
        ahead = (target - ref.weekday()) % 7 or 7
        day = ref + timedelta(days=ahead)
    elif modifier in ("last",) or modifier in t.weekday_past:
        back = (ref.weekday() - target) % 7 or 7
        day = ref - timedelta(days=back)
    elif ctx.is_future(m.start()):
        day = ref + timedelta(days=(target - ref.weekday()) % 7)
    else:
        day = ref - timedelta(days=(ref.weekday() - target) % 7)
    return _result(m, "wd", day.isoformat(), "day")


def _time_only(m: re.Match[str], ctx: _Context) -> dict[str, Any] | None:
    hour = m.group("tm_H") or m.group("tm_H2")
    minute = m.group("tm_M") or m.group("tm_M2")
    zone = m.group("tm_tz") or m.group("tm_tz2")
    if int(hour) > 24 or int(minute) > 59 or ctx.low.startswith("%", m.end()):
        return None  # "at 5.75%": a rate, not a clock
    # the day is filled in later from a resolved day in the same sentence, else the anchor's
    result = _result(m, "tm", None, "time")
    result["_clock"] = (int(hour), int(minute), zone)
    return result


def _nearest_day(results: list[dict[str, Any]], index: int, sentence: tuple[int, int]) -> date | None:
    best: tuple[int, date] | None = None
    here = results[index]
    for i, other in enumerate(results):
        if (
            i == index
            or other["relation"]
            or other["granularity"] not in ("day", "time")
            or not other["value"]
        ):
            continue
        if other["start"] < sentence[0] or other["end"] > sentence[1]:
            continue
        distance = abs(other["start"] - here["start"])
        if best is None or distance < best[0]:
            best = (distance, date.fromisoformat(other["value"][:10]))
    return best[1] if best else None


def find_times(text: str, anchor: datetime | None, language: str = "id") -> list[dict[str, Any]]:
    """Every time expression in ``text``, in order, resolved against ``anchor`` (see the module doc)."""
    return [dict(r) for r in _find(text, anchor, language)]


@lru_cache(maxsize=8)
def _find(text: str, anchor: datetime | None, language: str) -> tuple[dict[str, Any], ...]:
    # cached: figures asks for the times of the body the caller has just asked about
    t = _tables(language)
    ctx = _Context(text, anchor, t)
    results: list[dict[str, Any]] = []
    low, match, reached = ctx.low, t.regex.match, 0
    # the big pattern runs only where an expression can start (the trigger is cheap), leftmost first
    for cue in t.trigger.finditer(low):
        pos = cue.start()
        if pos < reached:
            continue
        m = match(low, pos)
        if m is None:
            continue
        reached = m.end()
        if t.citation.search(low, max(0, pos - 20), pos) is not None:
            continue  # "UU Nomor 28 Tahun 2014": part of a law's name
        result = _resolve(m, ctx)
        if result is not None:
            result["text"] = text[result["start"] : result["end"]]
            results.append(result)
    for i, result in enumerate(results):
        if result["relation"] and result["offset"]:
            day = _nearest_day(results, i, ctx.sentence_of(result["start"]))
            if day is not None:
                sign = -1 if result["relation"] == "after" else 1
                ((key, amount),) = result["offset"].items()
                if key == "offset_days":
                    result["value"] = (day + timedelta(days=sign * amount)).isoformat()
                else:
                    moved = _add_months(day, sign * amount * (12 if key == "offset_years" else 1))
                    result["value"] = moved.isoformat()[:7] if key == "offset_months" else f"{moved.year:04d}"
        clock = result.pop("_clock", None)
        if clock is not None:
            day = _nearest_day(results, i, ctx.sentence_of(result["start"])) or ctx.ref
            if day is not None:
                result["value"] = _datetime_iso(day, clock[0], clock[1], clock[2], anchor, t)
    return tuple(results)
