from __future__ import annotations

import pytest

from warta.extract import ExtractError, extract_page
from warta.extract.decode import DecodeError, decode_bytes, looks_like_html
from warta.model import Page, Source


def test_utf8_with_and_without_bom() -> None:
    text = "Warga Cianjur “menolak” rencana itu"
    assert decode_bytes(text.encode()) == text
    assert decode_bytes(b"\xef\xbb\xbf" + text.encode()) == text


def test_windows_1252_and_latin1() -> None:
    assert decode_bytes("Kata “jembatan” – baru".encode("cp1252")) == "Kata “jembatan” – baru"
    assert decode_bytes("Café Bandung à la carte".encode("latin-1")) == "Café Bandung à la carte"


@pytest.mark.parametrize(
    "data", [b"%PDF-1.7\n...", b"\x89PNG\r\n\x1a\n\x00\x00", bytes(range(256)) * 4, b"   "]
)
def test_binary_or_empty_is_rejected(data: bytes) -> None:
    with pytest.raises(DecodeError):
        decode_bytes(data)


def test_extract_page_reports_binary_in_one_line() -> None:
    with pytest.raises(ExtractError, match=r"^binary data \(PDF\)"):
        extract_page(Page(b"%PDF-1.4 binary", Source("x.pdf", "text")))


def test_html_sniff() -> None:
    assert looks_like_html("<!DOCTYPE html><html><body><p>x</p></body></html>")
    assert looks_like_html("  <html lang='id'>")
    assert not looks_like_html("Judul Berita\n\nReporter\n\nAni\n\nIsi berita < 5 persen.")
