"""Empty, binary and oversized inputs: one clear rejection each, memory stays flat, the batch goes on."""

from __future__ import annotations

import json
import os
import struct
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tests.ingest.ingest_helpers import ARTICLES, TEXT_PAGE, collect

from warta.ingest import limits

BINARY = "binary file, not a news page or records"


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


def test_empty_and_blank_files(write: Callable[[str, bytes | str], Path]) -> None:
    result = collect(
        [str(write("a.txt", b"")), str(write("b.jsonl", b"\n  \r\n")), str(write("c.txt", TEXT_PAGE))]
    )
    assert [r.reason for r in result.rejections] == ["empty file", "empty file"]
    assert len(result.pages) == 1


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("noise.bin", os.urandom(4096)),
        ("short-noise.txt", bytes(range(1, 32)) * 3),
        ("photo.png", _png()),
        ("photo.html", _png()),  # the extension does not matter
        ("doc.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
    ],
)
def test_binary_files_are_rejected(write: Callable[[str, bytes | str], Path], name: str, data: bytes) -> None:
    result = collect([str(write(name, data))])
    assert [r.reason for r in result.rejections] == [BINARY]
    assert not result.pages and not result.records


def test_page_larger_than_the_limit(write: Callable[[str, bytes | str], Path]) -> None:
    path = write("huge.txt", TEXT_PAGE * (limits.MAX_PAGE_BYTES // len(TEXT_PAGE) + 10))
    result = collect([str(path), str(write("ok.txt", TEXT_PAGE))])
    assert [str(r) for r in result.rejections] == [f"{path}: page is larger than 20 MB"]
    assert len(result.pages) == 1


def _write_chunks(path: Path, parts: Iterator[bytes]) -> Path:
    with path.open("wb") as handle:
        for part in parts:
            handle.write(part)
    return path


def _peak_while(fn: Callable[[], object]) -> tuple[object, int]:
    tracemalloc.start()
    try:
        value = fn()
        return value, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow
def test_200_mb_single_line_page_is_never_loaded_whole(tmp_path: Path) -> None:
    chunk = b"kata " * (limits.MB // 5)

    def parts() -> Iterator[bytes]:
        for _ in range(200):
            yield chunk

    path = _write_chunks(tmp_path / "one-line.txt", parts())
    assert path.stat().st_size >= 200 * limits.MB - 200 and b"\n" not in chunk
    result, peak = _peak_while(lambda: collect([str(path)]))
    path.unlink()
    assert [r.reason for r in result.rejections] == ["page is larger than 20 MB"]  # type: ignore[attr-defined]
    assert peak < 64 * limits.MB  # about one page limit plus buffers, never 200 MB


@pytest.mark.slow
def test_200_mb_jsonl_line_is_rejected_and_later_lines_still_read(tmp_path: Path) -> None:
    good = [json.dumps(a).encode() + b"\n" for a in ARTICLES]

    def parts() -> Iterator[bytes]:
        yield good[0]
        yield good[1]
        yield b'{"title": "raksasa", "body": "'
        for _ in range(200):
            yield b"x" * limits.MB
        yield b'"}\n'
        yield good[2]
        yield good[0]

    path = _write_chunks(tmp_path / "big.jsonl", parts())
    result, peak = _peak_while(lambda: collect([str(path)]))
    path.unlink()
    records = result.records  # type: ignore[attr-defined]
    assert [r.source.path.rsplit("#", 1)[1] for r in records] == ["1", "2", "4", "5"]
    assert [str(r) for r in result.rejections] == [f"{path} (line 3): longer than 20 MB"]  # type: ignore[attr-defined]
    assert peak < 64 * limits.MB


def test_long_csv_line_is_rejected_alone(
    monkeypatch: pytest.MonkeyPatch, write: Callable[[str, bytes | str], Path]
) -> None:
    monkeypatch.setattr(limits, "MAX_LINE_BYTES", 1000)
    text = "url,title,body\nhttps://a.example/1,Satu,Pendek\n"
    text += "https://a.example/2,Dua," + "panjang " * 500 + "\n"
    text += "https://a.example/3,Tiga,Pendek juga\n"
    path = write("long.csv", text)
    result = collect([str(path)])
    assert [r.fields["title"] for r in result.records] == ["Satu", "Tiga"]
    assert [str(r) for r in result.rejections] == [f"{path} (line 3): longer than 1000 bytes"]
