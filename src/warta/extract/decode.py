"""Bytes to text: UTF-8 (with or without BOM) first, then cheap checks, then detection."""

from __future__ import annotations

import re

__all__ = ["DecodeError", "decode_bytes", "looks_like_html"]


class DecodeError(ValueError):
    """Bytes that are not a text page; the message is the one-line reason."""


_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"GIF8", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"SQLite format 3", "SQLite database"),
    (b"\x7fELF", "executable"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _check_text(text: str) -> str:
    if not text.strip():
        raise DecodeError("empty page")
    sample = text[:20000]
    controls = len(_CONTROL.findall(sample))
    if controls > max(8, len(sample) // 100):
        raise DecodeError("binary data, not a text page")
    return text


def decode_bytes(data: bytes) -> str:
    """The page's text; raises :class:`DecodeError` for empty or binary input."""
    if not data or not data.strip():
        raise DecodeError("empty page")
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise DecodeError(f"binary data ({kind}), not a page")
    if data.startswith(b"\xef\xbb\xbf"):
        return _check_text(data[3:].decode("utf-8", errors="replace"))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _check_text(data.decode("utf-16", errors="replace"))
    try:
        return _check_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if data.count(b"\x00") > len(data) // 100:
        raise DecodeError("binary data, not a text page")
    declared = _META_CHARSET.search(data[:4096])
    if declared is not None:
        try:
            return _check_text(data.decode(declared.group(1).decode("ascii"), errors="replace"))
        except LookupError:
            pass
    # Not UTF-8: Indonesian pages of the Windows era are Windows-1252 or Latin-1.
    # cp1252 decodes every byte but five; when it fits, it is the answer (and a
    # superset of Latin-1's printable range), with no detector run needed.
    try:
        return _check_text(data.decode("cp1252"))
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for the rare rest: it is slow

    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise DecodeError("binary data or unknown text encoding")
    return _check_text(data.decode(best.encoding, errors="replace"))


_TAG = re.compile(r"<(?:p|div|span|a|br|meta|script|li|h[1-6]|table|article|section)\b", re.I)


def looks_like_html(text: str) -> bool:
    """True for an HTML document (doctype, html/body tags, or many tags)."""
    head = text[:4096].lstrip().lower()
    if head.startswith(("<!doctype", "<html", "<?xml")) or "<html" in head or "<body" in head:
        return True
    return len(_TAG.findall(text[:20000])) >= 10
