"""What an HTML page says about its article outside the body text.

Everything here reads the one parsed lxml tree with a handful of XPath
queries (run in C), never a Python walk over every element: metadata must
cost a fraction of the body extraction. Read by :mod:`warta.extract.html`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from html import unescape
from typing import Any

from lxml import etree

from warta.extract.clean import split_credit
from warta.extract.dates import parse_datetime
from warta.extract.outlets import Outlet, parse_byline
from warta.model import Related

__all__ = ["Byline", "Head", "read_bylines", "read_caption", "read_head", "visible_time"]

_ARTICLE_TYPES = frozenset(
    {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting", "report"}
)
_SPACES = re.compile(r"\s+")


def _norm(text: str | None) -> str:
    return _SPACES.sub(" ", text or "").strip()


def _line(element: Any) -> str:
    # itertext with spaces: text_content() glues "Reporter<a>Nama</a>" into "ReporterNama".
    return _norm(" ".join(element.itertext()))


@dataclass(slots=True)
class Head:
    """Metadata from <meta>, <link> and JSON-LD, first value wins per key."""

    meta: dict[str, str] = field(default_factory=dict)
    canonical: str | None = None
    lang: str | None = None
    ld: dict[str, Any] = field(default_factory=dict)  # the article object of the JSON-LD, if any
    h1: str | None = None
    title_tag: str | None = None

    def get(self, *keys: str) -> str | None:
        for key in keys:
            value = self.meta.get(key)
            if value:
                return value
        return None


_META = etree.XPath("//meta[@content]")
_LINK_CANONICAL = etree.XPath("//link[@rel='canonical']/@href")
_LD = etree.XPath("//script[@type='application/ld+json']/text()")
_H1 = etree.XPath("(//h1)[1]")
_TITLE = etree.XPath("(//title)[1]/text()")


def _ld_article(payload: Any, depth: int = 0) -> dict[str, Any] | None:
    # JSON-LD comes as an object, a list, or an @graph; the article is the
    # object whose @type is one of the article types.
    if depth > 4:
        return None
    if isinstance(payload, list):
        for item in payload:
            found = _ld_article(item, depth + 1)
            if found is not None:
                return found
        return None
    if not isinstance(payload, dict):
        return None
    kinds = payload.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in kinds):
        return payload
    graph = payload.get("@graph")
    return _ld_article(graph, depth + 1) if graph is not None else None


def read_head(tree: Any) -> Head:
    head = Head()
    meta = head.meta
    for element in _META(tree):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        if key:
            key = key.strip().lower()
            if key not in meta:
                meta[key] = _norm(element.get("content"))
    canonical = _LINK_CANONICAL(tree)
    if canonical:
        head.canonical = canonical[0].strip() or None
    lang = tree.get("lang") if hasattr(tree, "get") else None
    if lang:
        code = lang.strip().lower()[:2]
        head.lang = code if code.isalpha() and len(code) == 2 else None
    for raw in _LD(tree):
        try:
            payload = json.loads(raw, strict=False)  # CMSs leave raw newlines inside strings
        except ValueError:
            continue
        found = _ld_article(payload)
        if found is not None:
            head.ld = found
            break
    h1 = _H1(tree)
    if h1:
        head.h1 = _line(h1[0]) or None
    title = _TITLE(tree)
    if title:
        head.title_tag = _norm(title[0]) or None
    return head


def ld_names(value: Any) -> list[str]:
    """Person names of a JSON-LD ``author``/``editor`` value (object, list or string)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() and not value.startswith("http") else []
    if isinstance(value, dict):
        name = value.get("name")
        return ld_names(name) if isinstance(name, str | list) else []
    if isinstance(value, list):
        return [n for item in value for n in ld_names(item)]
    return []


# --- bylines -------------------------------------------------------------------------------------

_REPORTER_LABELS = ("penulis", "reporter", "pewarta", "wartawan", "writer", "author", "oleh", "by")
_EDITOR_LABELS = ("editor", "penyunting", "redaktur")
# A byline label opening a text node: ">Reporter", "> Penulis:", ">EDITOR". Searched in
# the raw HTML (one regex pass, ~0.5 ms on a large page) rather than with an XPath over
# every text node, which costs ten times more. Case variants are spelt out so the
# pattern stays case-sensitive ("editor" inside a sentence never starts a text node anyway).
_LABEL_RAW = re.compile(
    r">\s*(?:[Pp]enulis|[Rr]eporter|[Pp]ewarta|[Ee]ditor|[Pp]enyunting|[Rr]edaktur"
    r"|PENULIS|REPORTER|PEWARTA|EDITOR|PENYUNTING|REDAKTUR)\b(?!['’])"
)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^>]*>")
_BLOCK = frozenset(
    [
        "div",
        "p",
        "li",
        "ul",
        "ol",
        "br",
        "section",
        "article",
        "header",
        "footer",
        "tr",
        "td",
        "th",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "dd",
        "dt",
        "dl",
        "figure",
        "figcaption",
        "aside",
        "nav",
        "script",
        "style",
    ]
)
_SEGMENT = re.compile(
    r"\b(?P<label>" + "|".join(_REPORTER_LABELS + _EDITOR_LABELS) + r")\b\s*:?\s*",
    re.I,
)
_LABEL_START = re.compile(r"(?:" + "|".join(_REPORTER_LABELS[:4] + _EDITOR_LABELS) + r")\b", re.I)
# A name stops at a separator, a digit (the date printed beside it) or a second label.
_NAME_END = re.compile(r"\s*(?:[|•·\d]|\s-\s|$)")


def _text_lines(snippet: str) -> list[str]:
    """The text of an HTML fragment as lines: block tags break lines, inline tags are spaces."""
    text = _TAG.sub(lambda m: "\n" if m.group(2).lower() in _BLOCK else " ", snippet)
    if "&" in text:
        text = unescape(text)
    return [line for line in (_norm(part) for part in text.split("\n")) if line]


@dataclass(slots=True)
class Byline:
    reporters: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    wire: list[str] = field(default_factory=list)

    def add(self, names: list[str], into: list[str]) -> None:
        for name in names:
            if name not in into:
                into.append(name)


def _segments(line: str) -> list[tuple[str, str]]:
    """("reporter", "Nama A, Nama B") pairs of a byline line like "Reporter: A Editor: B"."""
    matches = list(_SEGMENT.finditer(line))
    pairs: list[tuple[str, str]] = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(line)
        value = line[match.end() : end]
        cut = _NAME_END.search(value)
        value = value[: cut.start()] if cut else value
        value = value.strip(" ,;:-–—|/")
        if value and len(value) <= 80 and len(value.split()) <= 10:
            pairs.append((match.group("label").lower(), value))
    return pairs


def _byline_lines(html: str) -> list[str]:
    """Each printed byline as one line ("Reporter Nama A Editor Nama B")."""
    found: list[str] = []
    for match in _LABEL_RAW.finditer(html):
        lines = _text_lines(html[match.start() + 1 : match.start() + 600])
        # The label line, its value on the next line when printed alone, and any
        # further labelled lines right after it ("Reporter / Nama / Editor / Nama").
        out: list[str] = []
        index = 0
        while index < len(lines):
            line = lines[index]
            if index > 0 and not _LABEL_START.match(line):
                break
            out.append(line)
            index += 1
            if not _SEGMENT.sub("", line).strip(" :") and index < len(lines):
                out.append(lines[index])
                index += 1
        joined = " ".join(out)
        if joined and joined not in found:
            found.append(joined)
    return found


def read_bylines(html: str, head: Head, outlet: Outlet) -> Byline:
    """Reporters and editors: printed labels first, then meta tags, then JSON-LD."""
    byline = Byline()
    for line in _byline_lines(html):
        if len(line) > 200:
            continue  # a paragraph that happens to start with "Editor ..." is not a byline
        for label, value in _segments(line):
            names, last, wires = parse_byline(outlet, value)
            byline.add(wires, byline.wire)
            # The printed label decides the role, not the outlet's "last name is the editor" rule.
            byline.add(names + last, byline.editors if label in _EDITOR_LABELS else byline.reporters)
    if not byline.reporters:
        for key in ("content_author", "dtk:author", "author", "article:author", "parsely-author"):
            value = head.meta.get(key)
            if value and not value.startswith("http"):
                names, last, wires = parse_byline(outlet, value)
                byline.add(names + last, byline.reporters)
                byline.add(wires, byline.wire)
                break
    if not byline.reporters and head.ld:
        for raw in ld_names(head.ld.get("author")):
            names, last, wires = parse_byline(outlet, raw)
            byline.add(names + last, byline.reporters)
            byline.add(wires, byline.wire)
    if not byline.editors:
        value = head.get("content_editor", "dtk:editor", "editor")
        raws = [value] if value else ld_names(head.ld.get("editor")) if head.ld else []
        for raw in raws:
            names, last, _ = parse_byline(outlet, raw)
            byline.add(names + last, byline.editors)
    return byline


# --- times ---------------------------------------------------------------------------------------

_TIME_XPATH = etree.XPath(
    "(//time | //*[contains(@class, 'date') or contains(@class, 'time') or contains(@class, 'tanggal')"
    " or contains(@class, 'publish')][not(self::script or self::style or self::body or self::html)])"
    "[position() <= 8]"
)


def visible_time(tree: Any, zone: tzinfo | None) -> datetime | None:
    """The first printed date-and-time near the top ("Kamis, 16 Desember 2021 09:30 WIB")."""
    for element in _TIME_XPATH(tree):
        stamp = element.get("datetime")
        if stamp:
            found = parse_datetime(stamp, default_tz=zone)
            if found is not None:
                return found
        line = _line(element)
        if 6 <= len(line) <= 120:
            found = parse_datetime(line, default_tz=zone)
            if found is not None:
                return found
    return None


# --- lead photo ----------------------------------------------------------------------------------

# <figcaption> first (an element-name test is cheap); a class named "caption" otherwise.
_FIGCAPTION_XPATH = etree.XPath("(//figcaption)[position() <= 3]")
_CAPTION_XPATH = etree.XPath(
    "(//*[contains(@class, 'caption')][not(self::body or self::html)])[position() <= 3]"
)
# inside a caption, an "author" or "photographer" element names the photographer, not the writer
_CREDIT_XPATH = etree.XPath(
    ".//*[contains(@class, 'credit') or contains(@class, 'copyright') or contains(@class, 'author')"
    " or contains(@class, 'photographer')]"
)
# "Foto: ANTARA/Nama", "(Foto: Dok. Humas)", "Photo: Reuters": the credit after the label.
_FOTO = re.compile(
    r"\s*[(\[]?\b(?:Foto|FOTO|Photo|PHOTO|Dok\.|Sumber foto)\s*:\s*(?P<credit>[^)\]]+)[)\]]?\s*$"
)


def read_caption(tree: Any, outlet: Outlet) -> tuple[str | None, str | None]:
    """(caption, credit) of the lead photo."""
    for element in _FIGCAPTION_XPATH(tree) or _CAPTION_XPATH(tree):
        credit: str | None = None
        credit_el = _CREDIT_XPATH(element)
        if credit_el:
            credit = _line(credit_el[0]) or None
        text = _line(element)
        if credit and text.endswith(credit):
            text = text[: -len(credit)].rstrip(" ,;-–|")
        if not text or len(text) > 600:
            continue
        if credit is None:
            match = _FOTO.search(text)
            if match is not None:
                credit = match.group("credit").strip()
                text = text[: match.start()].rstrip(" ,;-–|")
            else:
                split = split_credit(text, outlet)
                if split is not None:
                    text, credit = split
        if credit:
            credit = _FOTO.sub(lambda m: m.group("credit"), credit).strip() or None
        return (text or None), credit
    return None, None


# Headings of a page's own related-news block; the links under them become `related`.
RELATED_HEADINGS = re.compile(
    r"^\s*(berita terkait|artikel terkait|baca juga|berita lainnya|related( news| articles| stories)?"
    r"|more on this story|read more)\s*:?\s*$",
    re.IGNORECASE,
)
_HEADING_XPATH = etree.XPath(
    "(//h2 | //h3 | //h4 | //h5 | //*[contains(@class, 'title') or contains(@class, 'heading')])"
    "[string-length(normalize-space(.)) < 40]"
)
MAX_RELATED = 20


def read_related(tree: Any) -> list[Related]:
    """The page's related-news block: links listed under a "Berita Terkait"-style heading."""
    for heading in _HEADING_XPATH(tree):
        if not RELATED_HEADINGS.match(_line(heading)):
            continue
        container = heading.getparent()
        if container is None:
            continue
        items: list[Related] = []
        for link in container.iter("a"):
            title = _line(link)
            href = (link.get("href") or "").strip()
            if len(title.split()) < 3 or not href.startswith(("http://", "https://")):
                continue  # menu crumbs and relative or script links are not related news
            items.append(Related(title=title, url=href))
            if len(items) >= MAX_RELATED:
                break
        if items:
            return items
    return []
