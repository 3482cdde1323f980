"""Decide what a stream is from its first bytes; the name is only a tie-breaker."""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass

from warta.ingest import limits

# Column names that mark a CSV as article rows. Generic words in English and
# Indonesian, no outlet knowledge: which column means what is extraction's job.
_COLUMN_GROUPS = (
    "url link uri permalink source_url canonical_url",
    "title judul headline",
    "body content text isi isi_berita konten berita article artikel full_text",
    "description deskripsi summary ringkasan lead",
    "author authors penulis reporter wartawan editor",
    "date tanggal tanggal_publikasi tanggal_terbit published published_at publish_date",
    "date_published datetime waktu timestamp crawled_at scraped_at",
    "sumber source outlet media portal site publisher",
    "category kategori section rubrik tags topic",
)
KNOWN_COLUMNS = frozenset(word for group in _COLUMN_GROUPS for word in group.split())

_DELIMITERS = (",", ";", "\t", "|")
_MAX_HEADER_NAME = 64  # longer "column names" are prose, not a header

_BINARY_MAGIC = (
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",
    b"%PDF",
    b"\x7fELF",
    b"RIFF",
    b"OggS",
    b"ID3",
    b"BZh",
    b"\xfd7zXZ\x00",
    b"7z\xbc\xaf",
    b"Rar!",
    b"SQLite format 3",
)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_BOM = b"\xef\xbb\xbf"
# C0 controls other than tab, LF, VT, FF, CR and ESC: rare in any text encoding.
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_HTML_MARK = re.compile(rb"<(!doctype\s+html|html|head|body|meta|title|div|p|article|!--)[\s>/]", re.I)


@dataclass(frozen=True, slots=True)
class Kind:
    """What a stream is: ``name`` is one of empty, gzip, zip, warc, binary,
    jsonl, json-document, csv, csv-without-columns, html, text."""

    name: str
    delimiter: str = ","


def _ext(name: str) -> str:
    return name.lower().rsplit("/", 1)[-1].rsplit(".", 1)[-1] if "." in name else ""


def is_binary(head: bytes) -> bool:
    if head.startswith(_UTF16_BOMS):
        return False  # UTF-16 text (with its BOM) has NUL bytes but is text
    if head.startswith(_BINARY_MAGIC) or b"\x00" in head:
        return True
    sample = head[:8192]
    return len(_CONTROL.findall(sample)) > max(1, len(sample) // 20)


def _complete_lines(head: bytes, complete: bool) -> list[bytes]:
    lines = head.split(b"\n")
    if not complete:
        lines = lines[:-1]  # the last piece may be cut by the sniff window
    return [line for line in lines if line.strip()]


def _looks_like_jsonl(head: bytes, complete: bool) -> bool | None:
    """True/False when the head settles it, None when no line ended inside the head."""
    lines = _complete_lines(head, complete)[:20]
    if not lines:
        return None
    for line in lines:
        try:
            if isinstance(json.loads(line), dict):
                return True
        except (ValueError, RecursionError):
            continue
    return False


def csv_header(line: str) -> tuple[str, int]:
    """Best delimiter for a header line and how many known article columns it gives."""
    best, best_score = ",", 0
    for delimiter in _DELIMITERS:
        try:
            names = next(csv.reader([line], delimiter=delimiter), [])
        except csv.Error:
            continue
        if len(names) < 2 or any(len(n.strip()) > _MAX_HEADER_NAME for n in names):
            continue
        score = sum(1 for n in names if normalise_column(n) in KNOWN_COLUMNS)
        if score > best_score:
            best, best_score = delimiter, score
    return best, best_score


def normalise_column(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lstrip("\ufeff").strip().lower())


def detect(head: bytes, name: str) -> Kind:
    """Classify by content; ``head`` is the first ``limits.SNIFF_BYTES`` of the stream.

    ``name`` (a path or archive member name, ``.gz`` already removed) only
    breaks ties: a ``.jsonl`` whose first lines are broken is still JSON lines,
    a ``.csv`` without a known column is a bad CSV rather than a text page.
    """
    if not head:
        return Kind("empty")
    if head.startswith(b"\x1f\x8b"):
        return Kind("gzip")
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return Kind("zip")
    if head.startswith(b"WARC/"):
        return Kind("warc")
    complete = len(head) < limits.SNIFF_BYTES  # the head is the whole stream
    text = head[len(_BOM) :] if head.startswith(_BOM) else head
    stripped = text.lstrip()
    if not stripped and complete:
        return Kind("empty")
    if is_binary(head):
        return Kind("binary")
    ext = _ext(name)
    if stripped[:1] in (b"{", b"["):
        verdict = _looks_like_jsonl(stripped, complete)
        if verdict or (verdict is None and stripped[:1] == b"{") or ext in ("jsonl", "ndjson", "jsonlines"):
            return Kind("jsonl")
        return Kind("json-document")
    first_line = text.split(b"\n", 1)[0] if (b"\n" in text or complete) else b""
    if first_line and not _HTML_MARK.search(first_line):
        delimiter, score = csv_header(first_line.decode("utf-8", "replace").rstrip("\r\n"))
        # Two known columns, or one in a file named .csv: a headline such as
        # "Media, Pers dan Demokrasi" must stay a text page.
        if score >= 2 or (score and ext in ("csv", "tsv")):
            return Kind("csv", delimiter)
        if ext in ("csv", "tsv"):
            return Kind("csv-without-columns")
    if _HTML_MARK.search(head[:4096]) and (
        stripped.startswith(b"<") or re.search(rb"<(!doctype\s+html|html)[\s>]", head, re.I)
    ):
        return Kind("html")
    return Kind("text")
