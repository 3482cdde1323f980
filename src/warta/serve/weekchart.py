"""The entity page's "articles per week" chart as plain geometry: one bar per week that has any.

Pure, like :mod:`warta.serve.timeline`: the template turns a :class:`WeekChart` into inline SVG
with presentation attributes only (no ``style`` attributes, no script), so the CSP needs no
exception. Bars sit on a continuous time axis (a quiet month is a gap, not a missing column).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Final

from warta.serve import timefmt

WIDTH: Final = 420  # viewBox units, as the story page's time axis
LEFT: Final = 34  # room for the count labels
RIGHT: Final = 12
TOP: Final = 12
PLOT_HEIGHT: Final = 120
AXIS_ROOM: Final = 30
GAP: Final = 0.2  # share of a week's slot left empty between bars
MIN_BAR: Final = 3.0  # a bar never thinner than this, however long the span
MAX_BAR: Final = 36.0  # nor wider than this, however short

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


@dataclass(frozen=True, slots=True)
class Bar:
    week: str  # as stored, "2024-W10"
    start: date  # the Monday that opens the week
    label: str  # "4 Mar 2024"
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str
    anchor: str  # SVG text-anchor


@dataclass(frozen=True, slots=True)
class WeekChart:
    width: int
    height: int
    left: int
    right: int
    top: int
    base_y: float  # the zero line
    peak: int  # the tallest bar's count (the y label)
    bars: list[Bar]
    ticks: list[Tick]


def week_start(week: str) -> date | None:
    """The Monday opening ``week`` as the store counts weeks (SQLite's ``%Y-W%W``: weeks start on
    Monday, week 00 holds the days before the year's first Monday); ``None`` if it isn't one."""
    match = _WEEK.match(week)
    if match is None:
        return None
    year, number = int(match.group(1)), int(match.group(2))
    if number > 53:
        return None
    jan1 = date(year, 1, 1)
    first_monday = jan1 + timedelta(days=(7 - jan1.weekday()) % 7)
    return first_monday + timedelta(weeks=number - 1)


def week_chart(weeks: Sequence[tuple[str, int]], language: str) -> WeekChart | None:
    """Geometry for ``weeks`` (``(week, count)`` pairs, any order); ``None`` when none has a count."""
    dated = sorted(
        (start, week, int(n)) for week, n in weeks if n and int(n) > 0 and (start := week_start(week))
    )
    if not dated:
        return None
    first, last = dated[0][0], dated[-1][0]
    slots = (last - first).days // 7 + 1
    inner = WIDTH - LEFT - RIGHT
    slot = inner / slots
    bar_width = round(min(MAX_BAR, max(MIN_BAR, slot * (1 - GAP))), 2)
    peak = max(n for _, _, n in dated)
    base_y = TOP + PLOT_HEIGHT
    bars: list[Bar] = []
    for start, week, n in dated:
        index = (start - first).days // 7
        height = round(PLOT_HEIGHT * n / peak, 1)
        centre = LEFT + slot * (index + 0.5)
        bars.append(
            Bar(
                week=week,
                start=start,
                label=timefmt.short_date(datetime.combine(start, time()), language),
                count=n,
                x=round(min(max(centre - bar_width / 2, LEFT), WIDTH - RIGHT - bar_width), 2),
                y=round(base_y - height, 1),
                width=bar_width,
                height=height,
            )
        )
    ticks = [Tick(LEFT, bars[0].label, "start")]
    if len(bars) > 1:
        ticks.append(Tick(WIDTH - RIGHT, bars[-1].label, "end"))
    return WeekChart(
        width=WIDTH,
        height=int(base_y + AXIS_ROOM),
        left=LEFT,
        right=WIDTH - RIGHT,
        top=TOP,
        base_y=base_y,
        peak=peak,
        bars=bars,
        ticks=ticks,
    )
