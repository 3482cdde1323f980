"""Figures in article text: money, percentages and counts, with what they measure and when.

``find_figures(text, anchor, language)`` returns one plain dict per figure::

    {"start", "end", "text", "value", "unit", "scale_word", "kind", "quantity",
     "period", "change", "direction", "qualifier"}

- ``value``: the number with its scale applied ("$218,2 miliar" -> 218200000000.0);
  digits are grouped as the language's press groups them (Indonesian: "1.691.409,36";
  English: "1,691,409.36"); a dot or comma followed by anything but three digits
  is a decimal mark in both.
- ``unit``: an ISO 4217 code for money, ``"%"`` for percentages, the counted noun for
  counts ("dosis" in "150 juta dosis"; a unit of two words whole, "meter persegi",
  ``compound_units``; "120 lainnya" after "35 orang" in its sentence counts
  "orang", ``unit_of_previous``), else ``None``; ``kind`` is ``"money"``,
  ``"percent"`` or ``"count"``; ``scale_word`` the scale as written ("miliar").
- ``quantity``: the noun phrase headed by a measure word ("perdagangan bilateral")
  nearest before the figure in its sentence, else ``None``.
- ``period``: ``{"start", "end"}`` ISO dates of the time expression nearest the figure
  in the same sentence ("dalam 11 bulan pertama tahun ini" -> 2021-01-01..2021-11-30),
  from :func:`warta.understand.timex.find_times`, else ``None``; one after "sejak"/"since"
  runs to the article's date ("sejak 2016" in June 2025 -> 2016-01-01..2025-06-18); one
  after the figure and a comparison ("lebih tinggi dari pekan lalu", ``baseline_before``) is
  not it; a one-unit word right after a percentage is its own period ("9,22 persen sepekan"
  -> the last week, ``period_after``).
- ``change``: the change word right before the figure ("naik 31%"), ``direction``
  ``"up"``/``"down"``; a level after "menjadi"/"mencapai" is not a change; the same change
  told again in another measure shares it ("naik 6,04 poin atau 0,08 persen", ``restated``).
- ``qualifier``: "lebih dari", "sekitar", "more than" ... before the figure, else ``None``;
  a round scale word ("Rp 4 jutaan") scales the figure and makes it "sekitar".

Not figures: years, dates and times (anything inside a time expression), labels
("Pasal 5", "nomor 3"), list numbers at a paragraph start, numbers glued to words
("Covid-19", "G20"), and bare numbers with no unit, scale or counted noun. A verb or a
function word after a number is not what it counts ("S&P 500 melemah", "Ronde 4 akan"):
function words, change words and words of a verb's shape (``verb_forms``, less the nouns in
``counted_like_verbs``: "26 tersangka") are never counted nouns.
All word lists are data (``data/figures.toml``), one table per language.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Any

from warta.understand.sentences import _split, sentence_index
from warta.understand.timex import (
    _alt,
    _find,
    _trie,
    last_unit,
    lowered,
    month_names,
    number_words_pattern,
    parse_number,
)

__all__ = ["find_figures", "parse_amount"]

_YEARLIKE = re.compile(r"(?:1[89]|20)\d{2}")
_TOKEN = re.compile(r"[\w][\w\-]*|[^\w\s]")


@dataclass(frozen=True, slots=True)
class _Tables:
    regex: re.Pattern[str]
    trigger: re.Pattern[str]
    currency_before: dict[str, str]
    currency_after: dict[str, str]
    scales: dict[str, float]
    approximate: frozenset[str]  # scale words that make a round figure ("jutaan")
    money_only: frozenset[str]  # scales of money alone ("Rp12K")
    approximate_qualifier: str | None
    percent: frozenset[str]
    measures: re.Pattern[str]
    measure_words: frozenset[str]
    np_stop: frozenset[str]
    verb_prefixes: tuple[str, ...]
    verb_form: re.Pattern[str] | None  # a word of a verb's shape is not a counted noun
    counted_like_verbs: frozenset[str]  # ... except these
    head_first: bool
    not_counted: frozenset[str]  # never a counted noun: function words, change words, units of time
    not_counted_after_words: frozenset[str]  # "dua kali", "satu sama lain": no count after a number word
    not_counting_before: frozenset[str]  # "salah satu": the number word after these counts nothing
    words_count: bool  # a number word with a counted noun is a figure ("tiga orang")
    reported: re.Pattern[str]  # "kata X," before a day: the day it was said, not the figure's
    unit_of_previous: frozenset[str]  # "120 lainnya": the unit of the count before it
    compound_unit: re.Pattern[str] | None  # " meter persegi" right after the number
    range_joiner: re.Pattern[str]  # " hingga ", " - ": between a range's two amounts
    restated: re.Pattern[str]  # " atau ", " (": the same change in another measure
    label_before: frozenset[str]
    qualifier: re.Pattern[str]
    change: re.Pattern[str]
    change_up: frozenset[str]
    since: frozenset[str]  # a period after these runs to the article's date
    month_names: frozenset[str]  # lower-cased, from the time tables: they end a measured phrase
    baseline: re.Pattern[str]  # a time after these is the comparison's, not the period
    period_after: frozenset[str]  # one-unit words that are a percentage's period ("sepekan")
    decimal: str
    thousands: str
    language: str


def _between(marks: str, words: list[str]) -> re.Pattern[str]:
    """What may stand between two figures told together: one of ``marks`` (a character class or
    an escaped character) or one of ``words``, with any spaces around."""
    return re.compile(rf"\s*(?:{marks}|(?:{_alt(words)})(?!\w))\s*")


def _scaled(amount: float, scale: float) -> float:
    """``amount`` times ``scale`` without binary rounding ("218,2" x 1e9 is 218200000000.0)."""
    return float(Decimal(repr(amount)) * Decimal(repr(scale)))


def _load(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files("warta.understand").joinpath(f"data/{name}").read_text("utf-8"))


@cache
def _tables(language: str) -> _Tables:
    data = _load("figures.toml")
    t = data.get(language) or data["id"]
    language = language if language in data else "id"
    numbers = _load("numbers.toml").get(language) or _load("numbers.toml")["id"]
    before = {k.lower(): v for k, v in t["currency_before"].items()}
    after = {" ".join(k.lower().split()): v for k, v in t["currency_after"].items()}
    approximate = {k.lower(): float(v) for k, v in t.get("approximate_scales", {}).items()}
    money_only = {k.lower(): float(v) for k, v in t.get("money_scales", {}).items()}
    scales = {k.lower(): float(v) for k, v in t["scales"].items()} | approximate | money_only
    percent = [p.lower() for p in t["percent"]]
    words = number_words_pattern(language)
    regex = re.compile(
        rf"(?:(?P<cur>{_alt(before)})\s?)?"
        rf"(?P<num>\d{{1,3}}(?:[.,]\d{{3}})+(?:[.,]\d+)?(?![.,]?\d)|\d+(?:[.,]\d+)?(?![.,]?\d)|{words})"
        rf"(?:\s*(?P<scale>{_alt(scales)})(?!\w))?"
        rf"(?:\s*(?P<pct>{_alt(percent)})(?!\w)|\s+(?P<cur2>{_alt(after)})(?!\w))?"
    )
    # a figure starts with a digit, a currency sign or code, or a number word (not glued to a word)
    starts = {*before, *numbers["value"]}
    trigger = re.compile(rf"(?<![\w.,/\-:$])(?:\d|(?:{_trie(starts)})(?![a-z]))")
    fillers = _alt([*t["change_fillers"], *t["qualifiers"]])
    return _Tables(
        regex=regex,
        trigger=trigger,
        currency_before=before,
        currency_after=after,
        scales=scales,
        approximate=frozenset(approximate),
        money_only=frozenset(money_only),
        approximate_qualifier=t.get("approximate_qualifier"),
        percent=frozenset(percent),
        measures=re.compile(rf"\b(?:{_alt(t['measures'])})\b"),
        measure_words=frozenset(t["measures"]),
        np_stop=frozenset(t["np_stop"]),
        verb_prefixes=tuple(t["verb_prefixes"]),
        verb_form=re.compile("|".join(t["verb_forms"])) if t.get("verb_forms") else None,
        counted_like_verbs=frozenset(t.get("counted_like_verbs", [])),
        head_first=t["np_direction"] == "head_first",
        not_counted=frozenset([*t["not_counted"], *t["np_stop"], *t["change_up"], *t["change_down"]]),
        not_counted_after_words=frozenset(t.get("not_counted_after_words", [])),
        not_counting_before=frozenset(t.get("not_counting_before", [])),
        words_count=bool(t.get("number_words_count")),
        # a reporting word, then a name or a role at most (no clause of its own), up to the day
        reported=re.compile(
            rf"(?<![\w-])(?:{_alt(t.get('reported_with', []))})(?![\w-])[^.;:!?\"“”]{{0,60}}\Z"
        ),
        unit_of_previous=frozenset(t.get("unit_of_previous", [])),
        compound_unit=re.compile(rf"\s+({_alt(t['compound_units'])})(?![\w/])")
        if t.get("compound_units")
        else None,
        restated=_between(r"\(", t.get("restated", [])),
        range_joiner=_between("[-–—]", t.get("range_joiners", [])),
        label_before=frozenset(t["label_before"]),
        qualifier=re.compile(rf"(?<!\w)(?P<q>{_alt(t['qualifiers'])})\s+\Z"),
        change=re.compile(
            rf"(?<!\w)(?P<c>{_alt([*t['change_up'], *t['change_down']])})(?:\s+(?:{fillers}))*\s+\Z"
        ),
        change_up=frozenset(t["change_up"]),
        since=frozenset(t.get("since", [])),
        month_names=month_names(language),
        baseline=re.compile(rf"(?<!\w)(?:{_alt(t.get('baseline_before', []))})\s+\Z"),
        period_after=frozenset(t.get("period_after", [])),
        decimal=numbers["decimal"],
        thousands=numbers["thousands"],
        language=language,
    )


def parse_amount(digits: str, language: str = "id") -> float | None:
    """``"218,2"`` -> 218.2 and ``"1.691.409,36"`` -> 1691409.36 (Indonesian); ``"1,500.5"`` (English)."""
    t = _tables(language)
    return _number(digits, t)


def _number(digits: str, t: _Tables) -> float | None:
    text = _normalise(digits, t)
    try:
        return float(Decimal(text))
    except InvalidOperation:
        return None


def _normalise(digits: str, t: _Tables) -> str:
    if "." in digits and "," in digits:
        # both marks: the last one is the decimal mark
        decimal = "." if digits.rfind(".") > digits.rfind(",") else ","
        thousands = "," if decimal == "." else "."
        return digits.replace(thousands, "").replace(decimal, ".")
    for mark in (".", ","):
        if mark in digits:
            groups = digits.split(mark)
            grouped = all(len(g) == 3 for g in groups[1:])
            # "1.500" is fifteen hundred where dots group thousands; "1.5" is a decimal everywhere
            if grouped and (mark == t.thousands or len(groups) > 2):
                return digits.replace(mark, "")
            return digits.replace(mark, ".") if len(groups) == 2 else digits.replace(mark, "")
    return digits


def _own_period(low: str, end: int, anchor: datetime | None, t: _Tables) -> dict[str, str] | None:
    """A one-unit word right after a percentage is its period: "turun 9,22 persen sepekan" (after
    an amount it is a rate, "Rp 50 ribu sehari", and a year is most often one: "5 persen setahun")."""
    after = re.match(r"\s+([a-z]+)", low[end : end + 20])
    if after is None or anchor is None or after.group(1) not in t.period_after:
        return None
    return last_unit(after.group(1), anchor.date(), t.language)


def _period(
    times: tuple[dict[str, Any], ...],
    sentence: tuple[int, int],
    start: int,
    end: int,
    low: str,
    t: _Tables,
    anchor: datetime | None,
) -> dict[str, str] | None:
    best: tuple[int, dict[str, Any]] | None = None
    for tx in times:
        if tx["start"] < sentence[0] or tx["end"] > sentence[1] or tx["value"] is None:
            continue
        if tx["relation"] or tx["granularity"] == "time":
            continue
        if tx["granularity"] == "day" and t.reported.search(
            low, max(sentence[0], tx["start"] - 80), tx["start"]
        ):
            # "kata Dwi, Selasa (10/6/2025)", "dikutip Sabtu (7/6)": when it was said or written,
            # not when the figure held
            continue
        if tx["start"] >= end and t.baseline.search(low, max(sentence[0], tx["start"] - 30), tx["start"]):
            # "naik 15% dibandingkan Mei 2024": what the figure is compared with (while in "Mei 2024
            # yang tercatat 71.391 unit" the figure after it is that month's)
            continue
        distance = tx["start"] - end if tx["start"] >= end else start - tx["end"]
        if distance >= 0 and (best is None or distance < best[0]):
            best = (distance, tx)
    if best is None:
        return None
    days = _days(best[1])
    before = low[max(sentence[0], best[1]["start"] - 20) : best[1]["start"]].split()
    if days is not None and anchor is not None and before and before[-1] in t.since:
        # "sejak 2016": from then to the day of the article
        end_day = anchor.date().isoformat()
        if end_day > days["start"]:
            return {"start": days["start"], "end": end_day}
    return days


def _days(tx: dict[str, Any]) -> dict[str, str] | None:
    value: str = tx["value"]
    if tx["granularity"] == "range":
        return {"start": value[:10], "end": (tx["end_value"] or value)[:10]}
    if len(value) == 4:
        return {"start": f"{value}-01-01", "end": f"{value}-12-31"}
    if len(value) == 7:
        year, month = int(value[:4]), int(value[5:7])
        last = (date(year + month // 12, month % 12 + 1, 1) - date.resolution).isoformat()
        return {"start": f"{value}-01", "end": last}
    return {"start": value[:10], "end": value[:10]}


_LETTERS = re.compile(r"[a-z]+")


def _counted(word: str, t: _Tables) -> bool:
    """True when ``word`` after a number may be what it counts: not a function word, a change
    word or a unit of time, nor of a verb's shape ("500 melemah", "36 melintas")."""
    if word in t.not_counted:
        return False
    return t.verb_form is None or not t.verb_form.fullmatch(word) or word in t.counted_like_verbs


def _quantity(text: str, low: str, t: _Tables, sent_start: int, fig_start: int) -> str | None:
    last = None
    for last in t.measures.finditer(low, sent_start, fig_start):  # noqa: B007 - the last one wins
        pass
    if last is None:
        return None
    start, end = last.span()
    if t.head_first:
        # "nilai ekspor batu bara": one measure word may modify the next
        before = low[max(sent_start, start - 20) : start].split()
        if before and before[-1] in t.measure_words:
            start = low.rfind(before[-1], sent_start, start)
        for count, tok in enumerate(_TOKEN.finditer(low, end, fig_start)):
            word = tok.group()
            if (
                count == 3
                or not word[0].isalpha()
                or (word in t.np_stop and not text[tok.start() : tok.end()].isupper())  # "harga ADA": a coin
                or word in t.month_names  # "inflasi Mei 2025": the month is the period's
                or any(ch.isdigit() for ch in word)
                or (word.startswith(t.verb_prefixes) and len(word) > 5 and text[tok.start()].islower())
            ):
                break
            end = tok.end()
    else:
        words = list(_TOKEN.finditer(low, max(sent_start, start - 40), start))
        for tok in reversed(words[-2:]):
            word = tok.group()
            if not word[0].isalpha() or word in t.np_stop:
                break
            start = tok.start()
    return text[start:end]


def find_figures(text: str, anchor: datetime | None = None, language: str = "id") -> list[dict[str, Any]]:
    """Every money amount, percentage and count in ``text``, in order (see the module doc)."""
    t = _tables(language)
    low = lowered(text)
    times = _find(text, anchor, language)
    spans = [(tx["start"], tx["end"]) for tx in times]
    sentences = _split(text)
    out: list[dict[str, Any]] = []
    reached = 0
    for cue in t.trigger.finditer(low):
        pos = cue.start()
        if pos < reached:
            continue
        m = t.regex.match(low, pos)
        if m is None:
            continue
        figure = _figure(text, low, m, t, spans, sentences, times, anchor)
        if figure is not None:
            reached = figure["end"]
            out.append(figure)
        else:
            reached = m.end("num")
    for before, figure in pairwise(out):
        # "35 orang tewas dan 120 lainnya luka-luka": 120 people, in the same sentence
        if (
            figure["unit"] in t.unit_of_previous
            and before["kind"] == "count"
            and sentence_index(sentences, before["start"]) == sentence_index(sentences, figure["start"])
        ):
            figure["unit"] = before["unit"]
        # "naik 6,04 poin atau 0,08 persen", "turun 299,29 poin (0,70%)": one change, told twice
        if (
            before["change"]
            and not figure["change"]
            and t.restated.fullmatch(low, before["end"], figure["start"])
        ):
            figure["change"], figure["direction"] = before["change"], before["direction"]
        # "Rp 11 sampai Rp 16 miliar": a range's first amount takes the scale written once, at its
        # end ("US$ 100.000 hingga US$ 1 juta" has its own); "Rp8–12 ribu": and the second the
        # currency written once, at its start
        joined = t.range_joiner.fullmatch(low, before["end"], figure["start"]) is not None
        if joined and before["kind"] == "money" and figure["kind"] == "count" and figure["unit"] is None:
            figure["kind"], figure["unit"] = "money", before["unit"]  # a count has a unit or a scale
        if (
            joined
            and before["kind"] == figure["kind"] == "money"
            and before["unit"] == figure["unit"]
            and before["scale_word"] is None
            and figure["scale_word"] is not None
        ):
            scale = t.scales[figure["scale_word"].lower()]
            if before["value"] <= figure["value"] / scale * 100:
                before["value"] = _scaled(before["value"], scale)
                before["scale_word"] = figure["scale_word"]
    return out


def _figure(
    text: str,
    low: str,
    m: re.Match[str],
    t: _Tables,
    spans: list[tuple[int, int]],
    sentences: tuple[tuple[int, int], ...],
    times: tuple[dict[str, Any], ...],
    anchor: datetime | None,
) -> dict[str, Any] | None:
    start, end = m.span()
    num_start, num_end = m.span("num")
    if any(s < num_end and num_start < e for s, e in spans):
        return None  # part of a date, a time or a year
    cur, cur2, scale, pct = m.group("cur"), m.group("cur2"), m.group("scale"), m.group("pct")
    if scale and scale in t.money_only and not (cur or cur2):
        return None  # "5K": no currency, so no figure
    digits = m.group("num")
    in_words = not digits[0].isdigit()
    if in_words:
        before = _LETTERS.findall(low, max(0, start - 12), start)  # "ujarnya.Salah satu": glued too
        if not (scale or pct) and (not t.words_count or (before and before[-1] in t.not_counting_before)):
            return None  # "salah satu": one of, not a count; "two major": an adjective may come first
        number = parse_number(digits, t.language)
        amount = float(number) if number is not None else None
    else:
        if _YEARLIKE.fullmatch(digits) and not (cur or scale or pct or cur2):
            return None
        amount = _number(digits, t)
    if amount is None or (in_words and not amount and not (scale or pct)):
        return None  # "nol kilometer": a brand-new car, not a count of none
    if low[num_end : num_end + 1] in ("/", ":") or (
        num_end < len(low) and low[num_end] in "-" and not (scale or pct)
    ):
        return None  # "13/6", "10:30", "2-1"
    before = low[max(0, start - 16) : start].split()
    if before and before[-1].rstrip(".-") in t.label_before and not (pct or cur or cur2 or scale):
        return None  # "at 10", "no. 7": a label (while "at 5.75%" is a rate)
    para_start = low.rfind("\n", 0, start) + 1
    if not low[para_start:start].strip() and low[num_end : num_end + 1] in (".", ")") and not (scale or pct):
        return None  # a list number: "1. ..."
    unit: str | None = None
    if pct:
        kind, unit = "percent", "%"
    elif cur or cur2:
        kind = "money"
        unit = t.currency_before[cur] if cur else t.currency_after[" ".join(cur2.split())]
    else:
        kind = "count"
        compound = t.compound_unit.match(low, end) if t.compound_unit else None
        noun = None if compound else re.match(r"\s+([a-z][a-z\-]{1,})(?!\w)", low[end : end + 40])
        if compound:
            unit = " ".join(compound.group(1).split())
            end = compound.end(1)
        elif (
            noun
            and text[end + noun.start(1)].islower()
            and _counted(noun.group(1), t)
            and not (in_words and noun.group(1) in t.not_counted_after_words)
        ):
            unit = noun.group(1)
            end += noun.end(1)
        elif not scale:
            return None  # a bare number: no unit, no scale, nothing counted ("dua" alone is a word)
    value = _scaled(amount, t.scales[scale]) if scale else amount
    sent = sentences[sentence_index(sentences, start)] if sentences else (0, len(text))
    window = low[max(sent[0], start - 60) : start]
    qualifier = t.qualifier.search(window)
    change_window = window[: qualifier.start()] if qualifier else window
    change = t.change.search(change_window)
    change_word = change.group("c") if change else None
    return {
        "start": start,
        "end": end,
        "text": text[start:end],
        "value": value,
        "unit": unit,
        "scale_word": text[m.start("scale") : m.end("scale")] if scale else None,
        "kind": kind,
        "quantity": _quantity(text, low, t, sent[0], start),
        "period": (_own_period(low, end, anchor, t) if kind == "percent" else None)
        or _period(times, sent, start, end, low, t, anchor),
        "change": change_word,
        "direction": None if change_word is None else ("up" if change_word in t.change_up else "down"),
        "qualifier": qualifier.group("q")
        if qualifier
        else (t.approximate_qualifier if scale in t.approximate else None),
    }
