"""The story page's time axis as plain geometry: one row per outlet, one dot per article.

Pure: the template turns a :class:`Timeline` into inline SVG (autoescaped, presentation
attributes only, no script and no ``style`` attributes, so the CSP needs no exception).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Final

from warta.model import parse_time
from warta.serve import timefmt

WIDTH: Final = 420  # viewBox units: about 1:1 on a phone, scaled up a little on a desktop (CSS caps it)
LEFT: Final = 92  # room for outlet labels
RIGHT: Final = 18
TOP: Final = 14
ROW_HEIGHT: Final = 30
AXIS_ROOM: Final = 34  # axis line and tick labels under the rows
LABEL_CHARS: Final = 13  # outlet labels longer than this are cut (the full name is in the row's <title>)


@dataclass(frozen=True, slots=True)
class Row:
    outlet: str  # as stored (may be hostile text; the template escapes it)
    label: str  # shortened for the axis
    y: float


@dataclass(frozen=True, slots=True)
class Dot:
    article_id: str
    title: str
    outlet: str
    when: str  # "5 Mar 2024, 08:00 WIB"
    x: float
    y: float
    copy: bool  # a near-duplicate of an earlier article


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str
    anchor: str  # SVG text-anchor: start, middle, end


@dataclass(frozen=True, slots=True)
class Timeline:
    width: int
    height: int
    left: int
    right: int
    axis_y: float
    zone: str
    rows: list[Row]
    dots: list[Dot]
    ticks: list[Tick]


def _label(outlet: str) -> str:
    return outlet if len(outlet) <= LABEL_CHARS else outlet[: LABEL_CHARS - 1] + "…"


def story_timeline(
    articles: Sequence[Mapping[str, Any]], language: str, zone: timezone, unknown_outlet: str
) -> Timeline | None:
    """Geometry for ``articles`` (dicts with id, title, outlet, published_at, duplicate_of),
    times shown in ``zone``; ``None`` when no article has a publication time."""
    timed: list[tuple[datetime, Mapping[str, Any]]] = []
    for article in articles:
        when = parse_time(article.get("published_at"))
        if when is not None:
            timed.append((when.astimezone(zone), article))
    if not timed:
        return None
    timed.sort(key=lambda pair: pair[0])
    outlets: list[str] = []
    for _, article in timed:
        name = article.get("outlet") or unknown_outlet
        if name not in outlets:
            outlets.append(name)
    rows = [Row(o, _label(o), TOP + ROW_HEIGHT * (i + 0.5)) for i, o in enumerate(outlets)]
    row_y = {r.outlet: r.y for r in rows}
    start, end = timed[0][0], timed[-1][0]
    total = (end - start) / timedelta(seconds=1)
    inner = WIDTH - LEFT - RIGHT

    def x_of(when: datetime) -> float:
        if total <= 0:
            return LEFT + inner / 2
        return round(LEFT + inner * ((when - start) / timedelta(seconds=1)) / total, 1)

    dots = [
        Dot(
            article_id=str(article["id"]),
            title=str(article.get("title") or ""),
            outlet=article.get("outlet") or unknown_outlet,
            when=f"{timefmt.short_date(when, language)}, {timefmt.clock_time(when)}",
            x=x_of(when),
            y=row_y[article.get("outlet") or unknown_outlet],
            copy=bool(article.get("duplicate_of")),
        )
        for when, article in timed
    ]

    def tick(when: datetime) -> str:
        same_day = start.date() == end.date()
        return f"{when:%H:%M}" if same_day else timefmt.short_date(when, language)

    if total <= 0:
        ticks = [Tick(LEFT + inner / 2, f"{timefmt.short_date(start, language)}, {start:%H:%M}", "middle")]
    else:
        ticks = [Tick(LEFT, tick(start), "start"), Tick(LEFT + inner, tick(end), "end")]
        if start.date() == end.date():  # the day itself, once, in the middle
            ticks.insert(1, Tick(LEFT + inner / 2, timefmt.short_date(start, language), "middle"))
        else:
            middle = start + (end - start) / 2
            ticks.insert(1, Tick(x_of(middle), tick(middle), "middle"))
    axis_y = TOP + ROW_HEIGHT * len(rows) + 4
    return Timeline(
        width=WIDTH,
        height=int(axis_y + AXIS_ROOM),
        left=LEFT,
        right=WIDTH - RIGHT,
        axis_y=axis_y,
        zone=timefmt.zone_name(start),
        rows=rows,
        dots=dots,
        ticks=ticks,
    )
