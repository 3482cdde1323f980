"""Format detection by content and the JSON lines / CSV / page readers."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.ingest.ingest_helpers import ARTICLES, CSV_TEXT, HTML_PAGE, TEXT_PAGE, collect, jsonl_bytes


def test_jsonl_gives_one_record_per_line(write: Callable[[str, bytes | str], Path]) -> None:
    path = write("a.jsonl", jsonl_bytes())
    result = collect([str(path)])
    assert [r.fields for r in result.records] == ARTICLES
    assert [r.source.path for r in result.records] == [f"{path}#1", f"{path}#2", f"{path}#3"]
    assert {r.source.format for r in result.records} == {"jsonl"}


def test_format_comes_from_content_not_extension(write: Callable[[str, bytes | str], Path]) -> None:
    records = collect([str(write("records.txt", jsonl_bytes()))])
    assert len(records.records) == 3
    page = collect([str(write("page.jsonl.bak", HTML_PAGE))])
    assert page.pages[0].source.format == "html"
    rows = collect([str(write("export.dat", CSV_TEXT))])
    assert len(rows.records) == 2


def test_bad_json_lines_are_rejected_one_by_one(write: Callable[[str, bytes | str], Path]) -> None:
    lines = [
        json.dumps(ARTICLES[0]),
        "{not json at all",
        "",
        "[1, 2, 3]",
        json.dumps(ARTICLES[1]),
    ]
    path = write("mixed.jsonl", "\n".join(lines) + "\n")
    result = collect([str(path)])
    assert [r.source.path for r in result.records] == [f"{path}#1", f"{path}#5"]
    assert [(r.record, r.reason.split(" (")[0]) for r in result.rejections] == [
        ("line 2", "not JSON"),
        ("line 4", "not a JSON object"),
    ]
    assert all(r.path == str(path) for r in result.rejections)
    assert str(result.rejections[0]).startswith(f"{path} (line 2): not JSON (")


def test_first_jsonl_line_broken_still_reads_the_rest(write: Callable[[str, bytes | str], Path]) -> None:
    path = write("a.jsonl", b'{"title": "cut\n' + jsonl_bytes())
    result = collect([str(path)])
    assert len(result.records) == 3
    assert [r.record for r in result.rejections] == ["line 1"]


def test_pretty_printed_json_document_is_not_json_lines(write: Callable[[str, bytes | str], Path]) -> None:
    path = write("one.json", json.dumps(ARTICLES[0], indent=2))
    result = collect([str(path)])
    assert [r.reason for r in result.rejections] == ["JSON but not JSON lines (one object per line)"]


def test_jsonl_in_windows_1252_is_decoded_leniently(write: Callable[[str, bytes | str], Path]) -> None:
    line = '{"title": "Kafé Sukamaju “Buka” Lagi"}\n'.encode("cp1252")
    result = collect([str(write("old.jsonl", line))])
    assert result.records[0].fields["title"] == "Kafé Sukamaju “Buka” Lagi"


def test_csv_with_bom_and_quoted_multiline_fields(write: Callable[[str, bytes | str], Path]) -> None:
    path = write("scrape.csv", CSV_TEXT)
    result = collect([str(path)])
    assert not result.rejections
    first, second = result.records
    assert list(first.fields) == ["sumber", "url", "judul", "penulis", "tanggal", "isi"]
    assert first.fields["judul"] == "Banjir Surut, Warga Kembali"
    assert first.fields["isi"] == 'Paragraf pertama.\r\n\r\nParagraf kedua dengan "kutipan".'
    assert second.fields["judul"] == "Harga Cabai Turun"
    assert [r.source.path for r in result.records] == [f"{path}#1", f"{path}#2"]
    assert {r.source.format for r in result.records} == {"csv"}


def test_csv_rows_of_the_wrong_width_are_rejected_per_row(
    write: Callable[[str, bytes | str], Path],
) -> None:
    text = "url,title,body,author,date,category\n"
    text += "https://x.example/1,Satu,Isi,A,2031-01-01,nasional\n"
    text += "https://x.example/2,Dua,Isi,A,2031-01-02,nasional\n"
    text += "https://x.example/3,Tiga,Isi,A,2031-01-03,nasional\n"
    text += "https://x.example/4,Empat,Isi\n"
    text += "https://x.example/5,Lima,Isi,A,2031-01-05,nasional,extra\n"
    text += "https://x.example/6,Enam,Isi,A,2031-01-06,nasional\n"
    path = write("rows.csv", text)
    result = collect([str(path)])
    assert [r.fields["title"] for r in result.records] == ["Satu", "Dua", "Tiga", "Enam"]
    assert [str(r) for r in result.rejections] == [
        f"{path} (row 4): 3 fields, header has 6",
        f"{path} (row 5): 7 fields, header has 6",
    ]


def test_semicolon_csv_is_detected(write: Callable[[str, bytes | str], Path]) -> None:
    path = write("semi.csv", "judul;url;isi\nBanjir, Lagi;https://x.example/1;Air naik.\n")
    result = collect([str(path)])
    assert result.records[0].fields == {
        "judul": "Banjir, Lagi",
        "url": "https://x.example/1",
        "isi": "Air naik.",
    }


def test_csv_without_any_known_column(write: Callable[[str, bytes | str], Path]) -> None:
    path = write("numbers.csv", "alpha,beta,gamma\n1,2,3\n")
    result = collect([str(path)])
    assert not result.records
    assert "no known article column" in result.rejections[0].reason


def test_header_only_csv_says_so(write: Callable[[str, bytes | str], Path]) -> None:
    result = collect([str(write("empty.csv", "url,title,body\n"))])
    assert [r.reason for r in result.rejections] == ["CSV header but no rows"]


def test_text_with_commas_in_first_line_is_a_page_not_csv(
    write: Callable[[str, bytes | str], Path],
) -> None:
    data = b"Hujan Deras, Jalan Raya Sukamaju Tergenang\n\nWarga diminta waspada, kata petugas.\n"
    result = collect([str(write("berita.txt", data))])
    assert result.pages[0].source.format == "text"
    assert result.pages[0].data == data
    known_word = b"Media, Pers dan Demokrasi di Sukamaju\n\nDiskusi digelar Sabtu.\n"
    assert collect([str(write("diskusi.txt", known_word))]).pages[0].source.format == "text"


def test_non_utf8_pages_pass_through_as_bytes(write: Callable[[str, bytes | str], Path]) -> None:
    latin = "Harga kopi di Café Pasirputih naik – kata pedagang “lumayan”.\n".encode("cp1252")
    result = collect([str(write("cp1252.txt", latin))])
    assert not result.rejections
    assert result.pages[0].data == latin
    html = "<html><body><p>Señora Ñandú</p></body></html>".encode("latin-1")
    assert collect([str(write("latin.html", html))]).pages[0].data == html


def test_html_and_text_pages(write: Callable[[str, bytes | str], Path]) -> None:
    result = collect([str(write("a.html", HTML_PAGE)), str(write("b.txt", TEXT_PAGE))])
    assert [(p.source.format, p.data) for p in result.pages] == [("html", HTML_PAGE), ("text", TEXT_PAGE)]
    assert all(p.url is None and p.crawled_at is None for p in result.pages)
