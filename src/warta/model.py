"""The one data model every pipeline stage reads and writes.

An :class:`Article` is what extraction produces and what the store keeps.
Its :meth:`Article.to_dict` output is the export contract: other tools read
those JSON keys, so renaming one is a breaking change.

Times are timezone-aware :class:`datetime` objects inside the program and
ISO 8601 strings with their real offset (``+07:00`` for WIB) on the wire.
A time we could not read is ``None``, never a guess.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

__all__ = [
    "Article",
    "EditorPick",
    "Rejection",
    "Related",
    "Source",
    "article_id",
    "content_hash",
    "format_time",
    "normalise_url",
    "parse_time",
]


def format_time(value: datetime | None) -> str | None:
    """ISO 8601 with the offset kept (``2021-12-16T09:30:00+07:00``)."""
    return value.isoformat() if value is not None else None


def parse_time(value: str | datetime | None) -> datetime | None:
    """Read back what :func:`format_time` wrote; naive or empty input gives ``None``."""
    if value is None or isinstance(value, datetime):
        return value if value is None or value.tzinfo is not None else None
    text = value.strip()
    if not text:
        return None
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


_TRACKING_PARAMS = re.compile(r"^(utm_[a-z]+|fbclid|gclid|ref|src)$", re.I)


def normalise_url(url: str | None) -> str | None:
    """Canonical form of an article URL, so that trivial variants share an id.

    Lower-cases scheme and host, drops the fragment, tracking parameters,
    a trailing slash and ``www.``; keeps everything else (paths and real
    query parameters identify pages on many Indonesian portals).
    """
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    host = parts.netloc.lower()
    if host.startswith("www."):
        host = host[4:]
    query = "&".join(
        kv for kv in parts.query.split("&") if kv and not _TRACKING_PARAMS.match(kv.split("=", 1)[0])
    )
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("https", host, path, query, ""))


def _normalise_text(text: str) -> str:
    # Unicode form, case and whitespace do not make a different article; words and punctuation do.
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def content_hash(title: str, body: str) -> str:
    """Hash of the normalised title and body: equal for equal content."""
    digest = hashlib.sha256(f"{_normalise_text(title)}\n{_normalise_text(body)}".encode())
    return digest.hexdigest()[:32]


def article_id(url: str | None, title: str, body: str) -> str:
    """Stable id: the same URL gives the same id; without a URL, the content does."""
    canonical = normalise_url(url)
    key = f"url:{canonical}" if canonical else f"content:{content_hash(title, body)}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


@dataclass(slots=True)
class Source:
    """Where an article came from: a file path (or ``path!member`` inside an
    archive, ``path#N`` for the N-th record) and the detected format."""

    path: str
    format: str

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "format": self.format}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Source:
        data = data or {}
        return cls(path=str(data.get("path") or ""), format=str(data.get("format") or ""))


@dataclass(slots=True)
class Related:
    """One entry of a page's related-news block ("Berita terkait")."""

    title: str
    summary: str | None = None
    age: str | None = None  # as printed, e.g. "23 menit lalu"
    published_at: datetime | None = None  # ``age`` resolved against ``crawled_at``
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "summary": self.summary,
            "age": self.age,
            "published_at": format_time(self.published_at),
            "url": self.url,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Related:
        return cls(
            title=str(data.get("title") or ""),
            summary=data.get("summary"),
            age=data.get("age"),
            published_at=parse_time(data.get("published_at")),
            url=data.get("url"),
        )


@dataclass(slots=True)
class EditorPick:
    """A "Pilihan Editor" link printed inside the page."""

    title: str
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "url": self.url}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EditorPick:
        return cls(title=str(data.get("title") or ""), url=data.get("url"))


@dataclass(slots=True)
class Article:
    """A clean news article: the unit every stage reads and writes."""

    title: str
    body: str  # paragraphs separated by one blank line, no page furniture
    outlet: str | None = None
    url: str | None = None
    reporters: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    updated_at: datetime | None = None
    crawled_at: datetime | None = None
    dateline: str | None = None  # "Jakarta" in "TEMPO.CO, Jakarta -"
    wire: list[str] = field(default_factory=list)  # "REUTERS", "ANTARA"
    image_caption: str | None = None
    image_credit: str | None = None
    language: str | None = None  # ISO 639-1
    related: list[Related] = field(default_factory=list)
    editor_picks: list[EditorPick] = field(default_factory=list)
    source: Source | None = None
    category: str | None = None
    id: str = ""
    # Filled by later stages (link, understand); None / empty until then.
    duplicate_of: str | None = None
    story_id: str | None = None
    storyline_id: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = article_id(self.url, self.title, self.body)

    @property
    def content_hash(self) -> str:
        return content_hash(self.title, self.body)

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.body.split("\n\n") if p.strip()]

    def to_dict(self) -> dict[str, Any]:
        """The export contract (JSON-ready)."""
        return {
            "id": self.id,
            "outlet": self.outlet,
            "url": self.url,
            "title": self.title,
            "reporters": list(self.reporters),
            "editors": list(self.editors),
            "published_at": format_time(self.published_at),
            "updated_at": format_time(self.updated_at),
            "crawled_at": format_time(self.crawled_at),
            "dateline": self.dateline,
            "wire": list(self.wire),
            "image_caption": self.image_caption,
            "image_credit": self.image_credit,
            "body": self.body,
            "language": self.language,
            "category": self.category,
            "related": [r.to_dict() for r in self.related],
            "editor_picks": [p.to_dict() for p in self.editor_picks],
            "source": self.source.to_dict() if self.source else None,
            "duplicate_of": self.duplicate_of,
            "story_id": self.story_id,
            "storyline_id": self.storyline_id,
            "entities": list(self.entities),
            "quotes": list(self.quotes),
            "figures": list(self.figures),
            "events": list(self.events),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Inverse of :meth:`to_dict`; unknown keys are ignored."""

        def strings(value: Any) -> list[str]:
            if value is None:
                return []
            if isinstance(value, str):
                return [value] if value else []
            return [str(v) for v in value if v]

        return cls(
            id=str(data.get("id") or ""),
            outlet=data.get("outlet"),
            url=data.get("url"),
            title=str(data.get("title") or ""),
            reporters=strings(data.get("reporters")),
            editors=strings(data.get("editors")),
            published_at=parse_time(data.get("published_at")),
            updated_at=parse_time(data.get("updated_at")),
            crawled_at=parse_time(data.get("crawled_at")),
            dateline=data.get("dateline"),
            wire=strings(data.get("wire")),
            image_caption=data.get("image_caption"),
            image_credit=data.get("image_credit"),
            body=str(data.get("body") or ""),
            language=data.get("language"),
            category=data.get("category"),
            related=[Related.from_dict(r) for r in data.get("related") or [] if isinstance(r, dict)],
            editor_picks=[
                EditorPick.from_dict(p) for p in data.get("editor_picks") or [] if isinstance(p, dict)
            ],
            source=Source.from_dict(data["source"]) if isinstance(data.get("source"), dict) else None,
            duplicate_of=data.get("duplicate_of"),
            story_id=data.get("story_id"),
            storyline_id=data.get("storyline_id"),
            entities=list(data.get("entities") or []),
            quotes=list(data.get("quotes") or []),
            figures=list(data.get("figures") or []),
            events=list(data.get("events") or []),
        )


@dataclass(slots=True, frozen=True)
class Rejection:
    """An input (a file, or one record inside it) that gave no article, and why.

    ``reason`` is one line a person can act on, e.g.
    ``"truncated gzip stream"`` or ``"line 17: not JSON (Expecting value)"``.
    """

    path: str
    reason: str
    record: str | None = None  # "line 17", "row 4", "member a/b.html"

    def __str__(self) -> str:
        where = f"{self.path} ({self.record})" if self.record else self.path
        return f"{where}: {self.reason}"


@dataclass(slots=True)
class Page:
    """One raw page handed from ingest to extract: bytes as they were read.

    ``source.format`` is ingest's guess from the container ("text", "html",
    or "warc" for an HTML response record); extraction may refine it.
    """

    data: bytes
    source: Source
    url: str | None = None  # known from the container (WARC target URI)
    crawled_at: datetime | None = None  # known from the container (WARC-Date)


@dataclass(slots=True)
class Record:
    """One structured row (JSON lines or CSV) handed from ingest to extract.

    ``source.path`` names the row, e.g. ``data.jsonl#17`` (1-based line or row).
    """

    fields: dict[str, Any]
    source: Source


@dataclass(slots=True)
class SearchHit:
    """One full-text search result."""

    id: str
    title: str
    outlet: str | None
    url: str | None
    published_at: datetime | None
    snippet: str  # excerpt of the body with each hit wrapped in HIT_OPEN ... HIT_CLOSE
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "url": self.url,
            "published_at": format_time(self.published_at),
            "snippet": self.snippet,
            "score": self.score,
        }


# Snippet hit markers: private-use characters that never occur in news text,
# so the CLI can turn them into colour and the web page into <mark> safely.
HIT_OPEN = "\ue000"
HIT_CLOSE = "\ue001"
