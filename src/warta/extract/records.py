"""Structured rows (JSON lines, CSV) to Articles, with column maps as data (records.toml)."""

from __future__ import annotations

import re
import tomllib
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any

from warta.extract.clean import clean_body
from warta.extract.dates import parse_datetime
from warta.extract.outlets import Outlet, generic_outlet, get_outlet, outlet_for_url, parse_byline
from warta.model import Article, Record, parse_time

__all__ = ["RecordError", "article_from_fields", "column_map"]


class RecordError(ValueError):
    """A row that cannot give an article; the message is the one-line reason."""


@cache
def _config() -> dict[str, Any]:
    text = resources.files("warta.extract").joinpath("records.toml").read_text("utf-8")
    return tomllib.loads(text)


@cache
def column_map() -> dict[str, str]:
    """Lower-cased column name -> Article field it carries."""
    mapping: dict[str, str] = {}
    for field_name, names in _config()["columns"].items():
        for name in names:
            mapping.setdefault(name.casefold(), field_name)
    return mapping


@cache
def _export_keys() -> frozenset[str]:
    return frozenset(_config()["export"]["keys"])


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if v)
    return str(value).strip()


_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def _title_from_body(body: str) -> str:
    # Corpora like IndoSum carry no titles; the first sentence stands in for one.
    first = _SENTENCE_END.split(body.lstrip(), maxsplit=1)[0]
    words = first.split()
    return " ".join(words[:20]) + (" …" if len(words) > 20 else "")


def _dedupe(*lists: list[str]) -> list[str]:
    out: list[str] = []
    for items in lists:
        out.extend(item for item in items if item not in out)
    return out


def article_from_fields(
    fields: dict[str, Any], record: Record, *, crawled_at: datetime | None, outlet: str | None
) -> Article:
    """Map one row to an Article (see :func:`warta.extract.extract_record`)."""
    keys = {str(k).lstrip("\ufeff").strip(): v for k, v in fields.items()}
    if _export_keys() <= keys.keys():
        article = Article.from_dict(keys)
        if article.source is None:
            article.source = record.source
        if crawled_at is not None:
            article.crawled_at = crawled_at
        if outlet is not None:
            article.outlet = outlet
        if not article.body.strip():
            raise RecordError("missing column(s): body")
        return article
    mapping = column_map()
    values: dict[str, str] = {}
    for key, value in keys.items():
        target = mapping.get(key.casefold())
        if target is not None and target not in values:
            text = _text(value)
            if text:
                values[target] = text
    body_raw = values.get("body", "")
    title = " ".join(values.get("title", "").split())
    if not body_raw:
        wanted = ["title", "body"] if not title else ["body"]
        present = {mapping.get(k.casefold()) for k in keys}
        absent = [f for f in wanted if f not in present]
        if absent:
            looked = "; ".join(f"{f}: {', '.join(_names_for(f)[:4])}" for f in absent)
            raise RecordError(f"missing column(s): {', '.join(absent)} (looked for {looked})")
        raise RecordError(f"empty {' and '.join(wanted)}")
    url = values.get("url") or None
    outlet_name = outlet or values.get("outlet")
    known: Outlet | None = get_outlet(outlet_name) or outlet_for_url(url)
    knowledge = known or generic_outlet()
    cleaned = clean_body(body_raw, knowledge)
    body = cleaned.body
    if not body:
        raise RecordError("body is empty once page furniture is removed")
    if not title:
        title = _title_from_body(body)
    reporters, editors, wires = parse_byline(knowledge, values.get("author"))
    if values.get("editor"):
        editors = _dedupe(editors, parse_byline(knowledge, values["editor"])[0])
    published, updated = _dates(values.get("date"), knowledge)
    crawled = crawled_at if crawled_at is not None else parse_time(values.get("crawled"))
    return Article(
        title=title,
        body=body,
        outlet=known.name if known is not None else (outlet_name or None),
        url=url,
        reporters=_dedupe(reporters, cleaned.reporters),
        editors=_dedupe(editors, cleaned.editors),
        published_at=published,
        updated_at=updated,
        crawled_at=crawled,
        dateline=cleaned.dateline,
        wire=_dedupe(wires, cleaned.wire),
        related=cleaned.related,
        editor_picks=cleaned.editor_picks,
        source=record.source,
        category=_category(values.get("category"), knowledge),
    )


def _dates(raw: str | None, outlet: Outlet) -> tuple[datetime | None, datetime | None]:
    """(published_at, updated_at) from a printed date field."""
    if not raw:
        return None, None
    if raw.casefold() in outlet.no_date:
        return None, None
    when = parse_datetime(raw, default_tz=outlet.timezone)
    if when is None:
        return None, None
    folded = raw.casefold()
    if any(prefix in folded for prefix in outlet.updated_prefixes):
        return (when if outlet.updated_is_published else None), when
    return when, None


def _category(raw: str | None, outlet: Outlet) -> str | None:
    if not raw or raw.casefold() in outlet.no_date:
        return None
    # Some scrapes put the outlet's own name in the category column.
    if raw.casefold() in outlet.aliases:
        return None
    return raw


def _names_for(field: str) -> list[str]:
    """The column names that carry ``field``, in the column map's order."""
    return [name for name, target in column_map().items() if target == field]
