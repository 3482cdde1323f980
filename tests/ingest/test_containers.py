"""gzip and zip: streaming, truncation, corruption, bombs, nesting, member names as labels."""

from __future__ import annotations

import gzip
import io
import os
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.ingest.ingest_helpers import ARTICLES, CSV_TEXT, HTML_PAGE, TEXT_PAGE, collect, jsonl_bytes

from warta.ingest import limits


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("a.jsonl.gz", jsonl_bytes(), "records"),
        ("a.csv.gz", CSV_TEXT.encode(), "records"),
        ("a.txt.gz", TEXT_PAGE, "page"),
        ("a.html.gz", HTML_PAGE, "page"),
        ("no-extension", jsonl_bytes(), "records"),  # gzip recognised by its magic bytes
    ],
)
def test_gzip_files_are_read_through(
    write: Callable[[str, bytes | str], Path], name: str, data: bytes, kind: str
) -> None:
    path = write(name, gzip.compress(data))
    result = collect([str(path)])
    assert not result.rejections
    if kind == "records":
        assert result.records and result.records[0].source.path == f"{path}#1"
    else:
        assert [p.data for p in result.pages] == [data]
        assert result.pages[0].source.path == str(path)


def test_truncated_gzip_keeps_records_read_before_the_cut(write: Callable[[str, bytes | str], Path]) -> None:
    rows = [dict(ARTICLES[i % 3], n=i, pad=os.urandom(200).hex()) for i in range(5000)]
    whole = gzip.compress(jsonl_bytes(rows))
    path = write("cut.jsonl.gz", whole[: len(whole) // 2])
    result = collect([str(path)])
    assert 2000 < len(result.records) < 5000
    assert [r.fields["n"] for r in result.records] == list(range(len(result.records)))
    assert [r.reason for r in result.rejections] == ["truncated gzip stream"]


def test_corrupt_gzip_is_rejected(write: Callable[[str, bytes | str], Path]) -> None:
    data = bytearray(gzip.compress(TEXT_PAGE * 50))
    data[30:60] = b"\xff" * 30
    result = collect([str(write("bad.txt.gz", bytes(data)))])
    assert len(result.rejections) == 1
    assert result.rejections[0].reason.startswith(("corrupt gzip stream", "truncated gzip stream"))


def test_zip_of_mixed_files(write: Callable[[str, bytes | str], Path]) -> None:
    path = write(
        "bundle.zip",
        _zip(
            {
                "pages/a.html": HTML_PAGE,
                "pages/b.txt": TEXT_PAGE,
                "rows.csv": CSV_TEXT.encode(),
                "records.jsonl.gz": gzip.compress(jsonl_bytes()),
                "empty.txt": b"",
                ".DS_Store": b"\x00\x01binary",
                "__MACOSX/pages/._a.html": b"\x00\x05",
            }
        ),
    )
    result = collect([str(path)])
    assert [p.source.path for p in result.pages] == [f"{path}!pages/a.html", f"{path}!pages/b.txt"]
    assert [p.data for p in result.pages] == [HTML_PAGE, TEXT_PAGE]
    assert [r.source.path for r in result.records] == [
        f"{path}!rows.csv#1",
        f"{path}!rows.csv#2",
        f"{path}!records.jsonl.gz#1",
        f"{path}!records.jsonl.gz#2",
        f"{path}!records.jsonl.gz#3",
    ]
    assert [(r.path, r.reason) for r in result.rejections] == [(f"{path}!empty.txt", "empty file")]


def test_nested_zip_and_depth_limit(write: Callable[[str, bytes | str], Path]) -> None:
    inner = _zip({"deep.txt": TEXT_PAGE})
    middle = _zip({"inner.zip": inner})
    path = write("outer.zip", _zip({"middle.zip": middle}))
    result = collect([str(path)])
    assert [p.source.path for p in result.pages] == [f"{path}!middle.zip!inner.zip!deep.txt"]

    nested = TEXT_PAGE
    for level in range(limits.MAX_DEPTH + 1):
        nested = _zip({f"level{level}": nested})
    too_deep = collect([str(write("deep.zip", nested))])
    assert not too_deep.pages
    assert [r.reason for r in too_deep.rejections] == [
        f"archives nested deeper than {limits.MAX_DEPTH} levels"
    ]


def test_member_names_are_labels_never_paths(
    tmp_path: Path, write: Callable[[str, bytes | str], Path]
) -> None:
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    path = write("a/b/evil.zip", _zip({"../../etc/passwd": TEXT_PAGE, "/abs/olute.txt": TEXT_PAGE}))
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    result = collect([str(path)])
    assert [p.source.path for p in result.pages] == [f"{path}!../../etc/passwd", f"{path}!/abs/olute.txt"]
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before  # nothing extracted anywhere
    assert not (tmp_path / "etc").exists()


def test_truncated_and_corrupt_zip(write: Callable[[str, bytes | str], Path]) -> None:
    whole = _zip({"a.txt": TEXT_PAGE * 100, "b.html": HTML_PAGE * 100})
    cut = collect([str(write("cut.zip", whole[: len(whole) // 2]))])
    assert len(cut.rejections) == 1
    assert cut.rejections[0].reason.startswith("corrupt zip archive: ")

    broken = bytearray(whole)
    broken[40:80] = os.urandom(40)  # inside the first member's deflate data
    bad = collect([str(write("bad.zip", bytes(broken)))])
    assert bad.rejections[0].path.endswith("bad.zip!a.txt")
    assert bad.rejections[0].reason.startswith("corrupt zip archive: ")
    assert [p.source.path.rsplit("!", 1)[1] for p in bad.pages] == ["b.html"]  # the batch goes on


def test_zip_on_stdin_is_spooled() -> None:
    result = collect(["-"], stdin=io.BytesIO(_zip({"x.jsonl": jsonl_bytes()})))
    assert result.records[0].source.path == "<stdin>!x.jsonl#1"
    assert len(result.records) == 3


def _deflate_bomb_zip(name: str, megabytes: int) -> bytes:
    """A zip member of ``megabytes`` MB of one repeated letter (text, so it is not rejected as
    binary first), written in chunks; compresses about 1000:1."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open(name, "w", force_zip64=True) as member,
    ):
        chunk = b"a" * limits.MB
        for _ in range(megabytes):
            member.write(chunk)
    return buffer.getvalue()


def test_zip_bomb_by_ratio(write: Callable[[str, bytes | str], Path]) -> None:
    data = _deflate_bomb_zip("bomb.txt", 24)
    assert len(data) < 100_000  # 24 MB in under 100 KB
    path = write("bomb.zip", data + b"")
    result = collect([str(path), str(write("after.txt", TEXT_PAGE))])
    assert [(r.path, r.reason) for r in result.rejections] == [
        (
            f"{path}!bomb.txt",
            f"archive member expands more than {limits.MAX_RATIO}x its compressed size (possible zip bomb)",
        )
    ]
    assert len(result.pages) == 1  # the next input is still read


def test_zip_member_size_limit_ignores_header_sizes(
    monkeypatch: pytest.MonkeyPatch, write: Callable[[str, bytes | str], Path]
) -> None:
    monkeypatch.setattr(limits, "MAX_MEMBER_BYTES", 2 * limits.MB)
    monkeypatch.setattr(limits, "MAX_RATIO", 10_000)
    data = bytearray(_zip({"big.txt": os.urandom(3 * limits.MB).hex().encode()}))
    # Lie in the central directory: claim the member is 100 bytes uncompressed.
    entry = data.rfind(b"PK\x01\x02")
    data[entry + 24 : entry + 28] = (100).to_bytes(4, "little")
    result = collect([str(write("liar.zip", bytes(data)))])
    assert not result.pages
    assert len(result.rejections) == 1
    # zipfile stops at the claimed size and then fails its CRC: never a 100-byte "page".
    assert result.rejections[0].reason.startswith("corrupt zip archive: ")

    honest = collect([str(write("honest.zip", _zip({"big.txt": os.urandom(3 * limits.MB).hex().encode()})))])
    assert [r.reason for r in honest.rejections] == ["archive member expands beyond 2 MB (possible zip bomb)"]


def test_archive_total_limit(
    monkeypatch: pytest.MonkeyPatch, write: Callable[[str, bytes | str], Path]
) -> None:
    monkeypatch.setattr(limits, "MAX_ARCHIVE_BYTES", 3 * limits.MB)
    members = {f"m{i}.txt": os.urandom(700_000).hex().encode() for i in range(4)}  # 1.4 MB each
    result = collect([str(write("many.zip", _zip(members)))])
    assert len(result.pages) == 2
    assert [r.reason for r in result.rejections] == [
        "archive expands beyond 3 MB in total (possible zip bomb)"
    ]
    assert result.rejections[0].path.endswith("many.zip!m2.txt")


def test_gzip_bomb(write: Callable[[str, bytes | str], Path]) -> None:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # wbits 31: gzip container
    chunk = b"b" * limits.MB
    data = b"".join(compressor.compress(chunk) for _ in range(32)) + compressor.flush()
    assert len(data) < 100_000
    path = write("bomb.txt.gz", data)
    result = collect([str(path)])
    assert not result.pages
    assert len(result.rejections) == 1
    assert result.rejections[0].path == str(path)
    assert result.rejections[0].reason.endswith("(possible zip bomb)")


def test_encrypted_member_is_rejected_alone(write: Callable[[str, bytes | str], Path]) -> None:
    data = bytearray(_zip({"secret.txt": TEXT_PAGE, "open.txt": TEXT_PAGE}))
    entry = data.find(b"PK\x01\x02")  # first central-directory entry: secret.txt
    data[entry + 8] |= 0x1  # the "encrypted" flag bit
    result = collect([str(write("locked.zip", bytes(data)))])
    assert [(r.path.rsplit("!", 1)[1], r.reason) for r in result.rejections] == [
        ("secret.txt", "encrypted archive member")
    ]
    assert [p.source.path.rsplit("!", 1)[1] for p in result.pages] == ["open.txt"]
