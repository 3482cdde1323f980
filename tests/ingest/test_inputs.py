"""Paths, folders, globs, stdin, missing inputs, progress and total_bytes."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

from tests.ingest.ingest_helpers import ARTICLES, HTML_PAGE, TEXT_PAGE, collect, jsonl_bytes

from warta.ingest import read, total_bytes


def test_missing_path_is_rejected_and_the_batch_goes_on(
    tmp_path: Path, write: Callable[[str, bytes | str], Path]
) -> None:
    page = write("a.html", HTML_PAGE)
    result = collect([str(tmp_path / "nope.txt"), str(page)])
    assert [(r.path, r.reason) for r in result.rejections] == [
        (str(tmp_path / "nope.txt"), "no such file or folder")
    ]
    assert [p.source.path for p in result.pages] == [str(page)]


def test_folder_is_walked_sorted_recursively_and_hidden_entries_skipped(
    tmp_path: Path, write: Callable[[str, bytes | str], Path]
) -> None:
    write("corpus/b.html", HTML_PAGE)
    write("corpus/a.txt", TEXT_PAGE)
    write("corpus/sub/c.txt", TEXT_PAGE)
    write("corpus/.hidden.txt", TEXT_PAGE)
    write("corpus/.git/d.txt", TEXT_PAGE)
    result = collect([str(tmp_path / "corpus")])
    names = [os.path.relpath(p, tmp_path) for p in result.order]
    assert names == ["corpus/a.txt", "corpus/b.html", "corpus/sub/c.txt"]
    assert [p.source.format for p in result.pages] == ["text", "html", "text"]
    assert result.pages[1].data == HTML_PAGE  # raw bytes, untouched
    assert not result.rejections


def test_globs_including_recursive_double_star(
    tmp_path: Path, write: Callable[[str, bytes | str], Path]
) -> None:
    write("data/x.txt", TEXT_PAGE)
    write("data/y.html", HTML_PAGE)
    write("data/deep/z.txt", TEXT_PAGE)
    flat = collect([str(tmp_path / "data" / "*.txt")])
    assert [Path(p).name for p in flat.order] == ["x.txt"]
    deep = collect([str(tmp_path / "data" / "**" / "*.txt")])
    assert sorted(Path(p).name for p in deep.order) == ["x.txt", "z.txt"]
    nothing = collect([str(tmp_path / "data" / "*.pdf")])
    assert [r.reason for r in nothing.rejections] == ["no file or folder matches this pattern"]


def test_a_file_named_twice_is_read_once(tmp_path: Path, write: Callable[[str, bytes | str], Path]) -> None:
    page = write("data/x.txt", TEXT_PAGE)
    result = collect([str(page), str(tmp_path / "data"), str(tmp_path / "data" / "*.txt")])
    assert len(result.pages) == 1


def test_stdin_dash_reads_the_given_stream() -> None:
    result = collect(["-"], stdin=io.BytesIO(jsonl_bytes()))
    assert [r.source.path for r in result.records] == ["<stdin>#1", "<stdin>#2", "<stdin>#3"]
    assert [r.fields["title"] for r in result.records] == [a["title"] for a in ARTICLES]


class _Pipe(io.RawIOBase):
    """A non-seekable stream, like a real pipe, that hands out small chunks."""

    def __init__(self, data: bytes) -> None:
        self._data = memoryview(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        n = min(len(buffer), len(self._data), 1000)
        buffer[:n] = self._data[:n]
        self._data = self._data[n:]
        return n


def test_stdin_pipe_that_cannot_seek_is_sniffed_and_read_whole() -> None:
    result = collect(["-"], stdin=io.BufferedReader(_Pipe(HTML_PAGE * 200)))
    assert len(result.pages) == 1
    assert result.pages[0].data == HTML_PAGE * 200
    assert result.pages[0].source.format == "html"


def test_progress_adds_up_to_total_bytes(tmp_path: Path, write: Callable[[str, bytes | str], Path]) -> None:
    write("in/a.jsonl", jsonl_bytes() * 8000)
    write("in/b.html", HTML_PAGE)
    write("in/c.txt", b"")  # rejected, still counted as consumed
    calls: list[int] = []
    items = list(read([str(tmp_path / "in")], on_progress=calls.append))
    assert len(items) == 3 * 8000 + 2
    expected = total_bytes([str(tmp_path / "in")])
    assert expected == sum(p.stat().st_size for p in (tmp_path / "in").iterdir())
    assert sum(calls) == expected
    assert all(n > 0 for n in calls)
    assert len(calls) > 4  # reported while reading the big file, not once at the end


def test_total_bytes_is_unknown_with_stdin(write: Callable[[str, bytes | str], Path]) -> None:
    page = write("a.txt", TEXT_PAGE)
    assert total_bytes([str(page)]) == len(TEXT_PAGE)
    assert total_bytes([str(page), "-"]) is None
