"""Body cleaning: page furniture out, dateline / wire / links / names lifted out.

Works on a scraped body (lines = paragraphs, furniture left in) with one
outlet's knowledge; the result is paragraphs plus what was lifted from them.
Glued words at link edges ("kondisikesehatan") are left as they are: splitting
them would be a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from warta.extract.outlets import Outlet
from warta.model import Article, EditorPick, Related

__all__ = ["Cleaned", "clean_body", "split_credit", "wire_credit"]

_SPACES = re.compile(r"[ \t\xa0\u2009\u202f]+")
_EXCEL_ARTEFACT = re.compile(r"_x000[0-9A-Fa-f]_")
_ENDS_SENTENCE = frozenset('.!?"”’)]:;')
_WIRE_SPLIT = re.compile(r"\s*[|/,]\s*")


@dataclass(slots=True)
class Cleaned:
    paragraphs: list[str]
    dateline: str | None = None
    reporters: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    wire: list[str] = field(default_factory=list)
    related: list[Related] = field(default_factory=list)
    editor_picks: list[EditorPick] = field(default_factory=list)

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    def article(
        self,
        *,
        reporters: list[str],
        editors: list[str],
        wire: list[str],
        related: list[Related] | None = None,
        **fields: Any,
    ) -> Article:
        """The article with this body. Bylines, wire credits and related links found outside
        the body (a header, a page's own list) join those found in it, without repeats."""
        return Article(
            body=self.body,
            reporters=merge_unique(reporters, self.reporters),
            editors=merge_unique(editors, self.editors),
            wire=merge_unique(wire, self.wire),
            dateline=self.dateline,
            related=self.related + (related or []),
            editor_picks=self.editor_picks,
            **fields,
        )


def _city(raw: str | None) -> str | None:
    if not raw:
        return None
    city = " ".join(raw.replace("\xa0", " ").split()).strip(" ,.")
    if not city:
        return None
    # "JAKARTA" and "jakarta" are both printed; "Jakarta" is the name.
    return city.title() if city.isupper() or city.islower() else city


def wire_credit(line: str, outlet: Outlet) -> list[str] | None:
    """The agencies of a wire credit line ("REUTERS", "AL JAZEERA | REUTERS"), else ``None``."""
    text = line.strip().strip("()[]")
    if not text or len(text) > 60 or text != text.upper():
        return None
    parts = [p.strip(" .") for p in _WIRE_SPLIT.split(text) if p.strip(" .")]
    if not parts or any(len(p) > 30 or not p.replace(" ", "").replace("-", "").isalpha() for p in parts):
        return None
    if not any(p in outlet.wires for p in parts):
        return None
    return parts


def split_credit(line: str, outlet: Outlet) -> tuple[str, str] | None:
    """(caption, credit) when ``line`` ends with a photo credit of a known shape."""
    for pattern in outlet.caption_credit:
        match = pattern.search(line)
        if match is not None and match.start("credit") > 0:
            caption = line[: match.start("credit")].rstrip(" ,;-–(")
            return caption, match.group("credit").strip()
    return None


def _join_broken(lines: list[str]) -> list[str]:
    # A scraper that emits every link as its own line leaves "kata\nKompas.com\n, Selasa":
    # a line continues the previous one when it starts in lower case or with
    # punctuation, or when the previous one is a long unfinished sentence.
    out: list[str] = []
    for line in lines:
        if out:
            prev = out[-1]
            first = line[0]
            cont = first.islower() or first in ",.;:)!?"
            if not cont and (prev[-1] == "," or (len(prev) > 60 and prev[-1].isalpha())):
                cont = True
            if cont:
                glue = "" if first in ",.;:)!?" else " "
                out[-1] = prev + glue + line
                continue
        out.append(line)
    return out


def _is_tag(line: str) -> bool:
    return len(line) <= 40 and line[-1] not in _ENDS_SENTENCE and len(line.split()) <= 5


def clean_body(text: str, outlet: Outlet, *, find_dateline: bool = True) -> Cleaned:
    """Clean a scraped body with ``outlet``'s knowledge."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "_x000" in text:
        text = _EXCEL_ARTEFACT.sub("", text)
    text = text.lstrip()
    reporters: list[str] = []
    # Tribun prints "Laporan Wartawan X, Name" above the dateline paragraph.
    if outlet.reporter_lines:
        first, _, rest = text.partition("\n")
        match = next((m for p in outlet.reporter_lines if (m := p.match(first.strip()))), None)
        if match is not None:
            reporters.append(" ".join(match.group("name").split()))
            text = rest.lstrip()
    dateline: str | None = None
    if find_dateline:
        for pattern in outlet.datelines:
            match = pattern.match(text)
            if match is not None:
                dateline = _city(match.groupdict().get("city"))
                text = text[match.end() :]
                break
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    if outlet.join_broken_lines:
        lines = _join_broken(lines)
    result = Cleaned(paragraphs=[], dateline=dateline, reporters=reporters)
    kept = result.paragraphs
    furniture = outlet.furniture_lines
    patterns = outlet.furniture_patterns
    inline = outlet.inline_furniture
    index = 0
    count = len(lines)
    while index < count:
        line = lines[index]
        index += 1
        if outlet.cut_from is not None and outlet.cut_from.search(line):
            break
        if inline is not None:
            line = inline.sub("", line).strip()
            if not line:
                continue
        if line.casefold() in furniture or (patterns is not None and patterns.fullmatch(line)):
            continue
        if line[0] in "BbLl" and outlet.related_prefix:
            match = next((m for p in outlet.related_prefix if (m := p.match(line))), None)
            if match is not None:
                title = match.group("title").strip()
                if not title and index < count:
                    title = lines[index]
                    index += 1
                if title:
                    result.related.append(Related(title=title))
                continue
        if outlet.editor_pick_prefix:
            match = next((m for p in outlet.editor_pick_prefix if (m := p.match(line))), None)
            if match is not None:
                result.editor_picks.append(EditorPick(title=match.group("title").strip()))
                continue
        if index <= 3 and outlet.reporter_lines:
            match = next((m for p in outlet.reporter_lines if (m := p.match(line))), None)
            if match is not None:
                result.reporters.append(" ".join(match.group("name").split()))
                continue
        kept.append(line)
    _strip_tail(result, outlet)
    return result


def _strip_tail(result: Cleaned, outlet: Outlet) -> None:
    # Closing lines carry the editor, the wire credit or tags; peel them off
    # from the end until a body line is reached.
    kept = result.paragraphs
    while kept:
        last = kept[-1]
        agencies = wire_credit(last, outlet)
        if agencies is not None:
            result.wire.extend(a for a in agencies if a not in result.wire)
            kept.pop()
            continue
        match = next((m for p in outlet.editor_lines if (m := p.match(last))), None)
        if match is not None:
            name = " ".join(match.group("name").split()).strip(" .")
            if name and name not in result.editors:
                result.editors.insert(0, name.title() if name.islower() else name)
            kept.pop()
            # Some scrapes also glue "(Name)" to the end of the paragraph before.
            if kept and kept[-1].endswith(f"({name})"):
                kept[-1] = kept[-1][: -len(name) - 2].rstrip()
            continue
        if outlet.drop_trailing_tags and len(kept) > 1 and _is_tag(last):
            kept.pop()
            continue
        break


def merge_unique(first: list[str], more: list[str]) -> list[str]:
    """``first`` then the items of ``more`` it lacks (bylines found in two places)."""
    return first + [item for item in more if item not in first]
