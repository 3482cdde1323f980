"""Outlet knowledge, read from one data file per outlet (``outlets/*.toml``).

Everything an outlet does differently (domains, time zone, dateline prefix,
byline shape, furniture lines, photo-credit shapes) is data here, so adding an
outlet means adding a file, never an ``if outlet == ...`` branch. Every outlet
file is merged over ``generic.toml`` (lists are concatenated, scalars
replaced). Files are read once per process and cached.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import tzinfo
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from warta.extract.dates import ZONES

__all__ = [
    "Outlet",
    "all_outlets",
    "detect_outlet",
    "generic_outlet",
    "get_outlet",
    "outlet_for_url",
    "parse_byline",
]


@dataclass(frozen=True, slots=True)
class Outlet:
    """One outlet's knowledge; see ``outlets/generic.toml`` for what each field means."""

    name: str
    domains: tuple[str, ...]
    aliases: frozenset[str]
    timezone: tzinfo | None
    markers: tuple[str, ...]
    updated_prefixes: tuple[str, ...]
    updated_is_published: bool
    no_date: frozenset[str]
    datelines: tuple[re.Pattern[str], ...]
    author_suffix: re.Pattern[str] | None
    author_split: re.Pattern[str]
    editor_last: bool
    single_name_editor: bool
    org_bylines: frozenset[str]
    org_byline_pattern: re.Pattern[str] | None
    wires: frozenset[str]
    reporter_lines: tuple[re.Pattern[str], ...]
    editor_lines: tuple[re.Pattern[str], ...]
    furniture_lines: frozenset[str]
    furniture_patterns: re.Pattern[str] | None
    inline_furniture: re.Pattern[str] | None
    related_prefix: tuple[re.Pattern[str], ...]
    cut_from: re.Pattern[str] | None
    join_broken_lines: bool
    drop_trailing_tags: bool
    caption_credit: tuple[re.Pattern[str], ...]
    editor_pick_prefix: tuple[re.Pattern[str], ...]


def _alternation(patterns: list[str], flags: int = 0) -> re.Pattern[str] | None:
    # One compiled alternation is far cheaper per line than a loop over patterns.
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags)


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, list) and isinstance(base.get(key), list) and not over.get("replace_" + key):
            # The outlet's own entries first: its dateline beats the generic one.
            merged[key] = [*value, *base[key]]
        else:
            merged[key] = value
    return merged


def _build(data: dict[str, Any]) -> Outlet:
    zone_name = str(data.get("timezone") or "").lower()
    suffix = data.get("author_suffix")
    return Outlet(
        name=str(data["name"]),
        domains=tuple(d.lower() for d in data.get("domains", [])),
        aliases=frozenset(
            a.casefold() for a in [data["name"], *data.get("aliases", []), *data.get("domains", [])]
        ),
        timezone=ZONES.get(zone_name) if zone_name else None,
        markers=tuple(data.get("markers", [])),
        updated_prefixes=tuple(p.casefold() for p in data.get("updated_prefixes", [])),
        updated_is_published=bool(data.get("updated_is_published", True)),
        no_date=frozenset(s.casefold() for s in data.get("no_date", [])),
        datelines=tuple(re.compile(p) for p in data.get("datelines", [])),
        author_suffix=re.compile(suffix) if suffix else None,
        author_split=re.compile(str(data.get("author_split") or r"\s*(?:,|\n|&|\bdan\b)\s*")),
        editor_last=bool(data.get("editor_last", False)),
        single_name_editor=bool(data.get("single_name_editor", False)),
        org_bylines=frozenset(s.casefold() for s in data.get("org_bylines", [])),
        org_byline_pattern=_alternation(data.get("org_byline_patterns", []), re.I),
        wires=frozenset(s.upper() for s in data.get("wires", [])),
        reporter_lines=tuple(re.compile(p) for p in data.get("reporter_lines", [])),
        editor_lines=tuple(re.compile(p) for p in data.get("editor_lines", [])),
        furniture_lines=frozenset(s.casefold() for s in data.get("furniture_lines", [])),
        furniture_patterns=_alternation(data.get("furniture_patterns", [])),
        inline_furniture=_alternation(data.get("inline_furniture", [])),
        related_prefix=tuple(re.compile(p) for p in data.get("related_prefix", [])),
        cut_from=_alternation(data.get("cut_from", [])),
        join_broken_lines=bool(data.get("join_broken_lines", False)),
        drop_trailing_tags=bool(data.get("drop_trailing_tags", False)),
        caption_credit=tuple(re.compile(p) for p in data.get("caption_credits", [])),
        editor_pick_prefix=tuple(re.compile(p) for p in data.get("editor_pick_prefix", [])),
    )


def _read(name: str) -> dict[str, Any]:
    return tomllib.loads(
        resources.files("warta.extract").joinpath("outlets").joinpath(name).read_text("utf-8")
    )


@cache
def _registry() -> tuple[Outlet, dict[str, Outlet]]:
    base = _read("generic.toml")
    generic = _build(base)
    by_key: dict[str, Outlet] = {}
    folder = resources.files("warta.extract").joinpath("outlets")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml") or entry.name == "generic.toml":
            continue
        outlet = _build(_merge(base, _read(entry.name)))
        for key in outlet.aliases:
            by_key[key] = outlet
    return generic, by_key


def generic_outlet() -> Outlet:
    """The fallback knowledge (furniture, wires, credits every outlet shares)."""
    return _registry()[0]


def all_outlets() -> list[Outlet]:
    """Every known outlet (not the generic one), each once, by name."""
    seen = {o.name: o for o in _registry()[1].values()}
    return [seen[name] for name in sorted(seen)]


def get_outlet(name: str | None) -> Outlet | None:
    """The outlet called ``name`` (its name, an alias like "liputan6.com", or a domain), else ``None``."""
    if not name:
        return None
    key = name.strip().casefold()
    by_key = _registry()[1]
    found = by_key.get(key)
    if found is None and key.startswith("www."):
        found = by_key.get(key[4:])
    return found


def outlet_for_url(url: str | None) -> Outlet | None:
    """The outlet whose domain (or a subdomain of it) serves ``url``."""
    if not url:
        return None
    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return None
    if not host:
        return None
    by_key = _registry()[1]
    parts = host.split(".")
    # Walk up the subdomains: "megapolitan.kompas.com" -> "kompas.com".
    for start in range(len(parts) - 1):
        found = by_key.get(".".join(parts[start:]))
        if found is not None and found.domains:
            return found
    return None


def detect_outlet(text: str, url: str | None = None) -> Outlet | None:
    """The outlet of a page: by URL when known, else by a marker in its first few KB of text."""
    found = outlet_for_url(url)
    if found is not None:
        return found
    head = text[:6000]
    for outlet in all_outlets():
        if any(marker in head for marker in outlet.markers):
            return outlet
    return None


def _clean_name(name: str) -> str:
    name = " ".join(name.split()).strip(" ,;:-–—|")
    # A name typed all in lower case is a CMS slip, not a spelling choice.
    return name.title() if name.islower() else name


def parse_byline(outlet: Outlet, text: str | None) -> tuple[list[str], list[str], list[str]]:
    """Split a printed byline into (reporters, editors, wires).

    Organisational bylines ("Tempo.co", "Tim Redaksi") are not people and are
    dropped; a wire agency as byline ("Antara") goes to ``wires``.
    """
    if not text:
        return [], [], []
    text = text.replace("\xa0", " ").strip()
    if not text or text.casefold() in outlet.no_date:
        return [], [], []
    names: list[str] = []
    wires: list[str] = []
    for part in outlet.author_split.split(text):
        if outlet.author_suffix is not None:
            part = outlet.author_suffix.sub("", part)
        name = _clean_name(part)
        if not name or len(name) < 2:
            continue
        folded = name.casefold()
        organisational = folded in outlet.org_bylines or folded in outlet.no_date
        if not organisational and outlet.org_byline_pattern is not None:
            organisational = outlet.org_byline_pattern.search(name) is not None
        if name.upper() in outlet.wires:
            wires.append(name.upper())
        elif organisational:
            continue
        elif name not in names:
            names.append(name)
    if outlet.editor_last and len(names) >= 2:
        return names[:-1], names[-1:], wires
    if outlet.single_name_editor and len(names) == 1 and outlet.editor_last:
        return [], names, wires
    return names, [], wires
