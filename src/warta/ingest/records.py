"""JSON lines and CSV, read one line / row at a time from a (decompressed) byte stream."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from warta.ingest import limits
from warta.ingest.streams import skip_line
from warta.model import Record, Rejection, Source


def _decode(line: bytes) -> str:
    # UTF-8 is the norm; a line that is not is most likely Windows-1252 (old
    # Indonesian exports), decoded leniently so one byte cannot lose a row.
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode("cp1252", "replace")


def _too_long(line: bytes, limit: int) -> bool:
    return len(line) > limit and not line.endswith(b"\n")


def read_jsonl(label: str, stream: BinaryIO) -> Iterator[Record | Rejection]:
    """One :class:`Record` per JSON-object line (``label#lineno``); bad lines are rejected alone."""
    limit = limits.MAX_LINE_BYTES
    lineno = 0
    while True:
        line = stream.readline(limit + 1)  # bounded: a 200 MB line never becomes one object
        if not line:
            return
        lineno += 1
        where = f"line {lineno}"
        if _too_long(line, limit):
            skip_line(stream)
            yield Rejection(label, f"longer than {limits.mb(limit)}", record=where)
            continue
        if not line.strip():
            continue
        try:
            try:
                value: Any = json.loads(line)
            except UnicodeDecodeError:
                value = json.loads(_decode(line).lstrip("\ufeff"))
        except json.JSONDecodeError as exc:
            yield Rejection(label, f"not JSON ({exc.msg})", record=where)
            continue
        except (ValueError, RecursionError) as exc:
            yield Rejection(label, f"not JSON ({type(exc).__name__})", record=where)
            continue
        if not isinstance(value, dict):
            yield Rejection(label, f"not a JSON object (a {_json_type(value)})", record=where)
            continue
        yield Record(fields=value, source=Source(f"{label}#{lineno}", "jsonl"))


def _json_type(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool):
        return "boolean"
    if value is None:
        return "null"
    return "number"


def read_csv(label: str, stream: BinaryIO, delimiter: str = ",") -> Iterator[Record | Rejection]:
    """One :class:`Record` (header -> value) per data row, ``label#N`` with N the
    1-based data row (header not counted); rows of the wrong width are rejected."""
    limit = limits.MAX_LINE_BYTES
    # Quoted fields may span lines; a field is still bounded by the line limit
    # (characters, a little above the byte limit in the worst case).
    csv.field_size_limit(limit)
    long_lines: list[int] = []

    def lines() -> Iterator[str]:
        # csv.reader takes each string as one physical line, so lines are
        # handed over whole, each bounded; over-long ones are dropped and noted.
        lineno = 0
        while True:
            line = stream.readline(limit + 1)
            if not line:
                return
            lineno += 1
            if _too_long(line, limit):
                skip_line(stream)
                long_lines.append(lineno)
                continue
            yield _decode(line)

    reader = csv.reader(lines(), delimiter=delimiter)
    try:
        header = next(reader, [])
    except csv.Error as exc:
        yield Rejection(label, f"unreadable CSV header ({exc})")
        return
    header = [name.lstrip("\ufeff").strip() for name in header]
    row = 0
    while True:
        try:
            fields = next(reader, None)
        except csv.Error as exc:
            # The parser's position inside a quoted field is lost; later rows would be noise.
            yield Rejection(label, f"not CSV ({exc}); rest of file skipped", record=f"row {row + 1}")
            return
        while long_lines:
            yield Rejection(label, f"longer than {limits.mb(limit)}", record=f"line {long_lines.pop(0)}")
        if fields is None:
            break
        if not fields:
            continue  # a blank line between rows
        row += 1
        if len(fields) != len(header):
            yield Rejection(label, f"{len(fields)} fields, header has {len(header)}", record=f"row {row}")
            continue
        yield Record(fields=dict(zip(header, fields, strict=True)), source=Source(f"{label}#{row}", "csv"))
    if row == 0:
        yield Rejection(label, "CSV header but no rows")
