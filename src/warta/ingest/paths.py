"""Command-line style inputs (files, folders, globs, ``-``) expanded to files, lazily and in order."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from warta.model import Rejection

STDIN = "-"
STDIN_LABEL = "<stdin>"


@dataclass(frozen=True, slots=True)
class Input:
    """One file to read (``path``), or standard input when ``path`` is ``-``."""

    path: str

    @property
    def is_stdin(self) -> bool:
        return self.path == STDIN


def _walk(folder: str) -> Iterator[str]:
    # Sorted at every level so the order never depends on the file system;
    # hidden files and folders (".git", ".DS_Store") are not inputs.
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield os.path.join(root, name)


def _expand_one(path: str) -> Iterator[str | Rejection]:
    if os.path.isdir(path):
        yield from _walk(path)
    elif os.path.exists(path):
        yield path
    elif glob.has_magic(path):
        matches = sorted(glob.glob(path, recursive=True))  # hidden names only match when spelt out
        if not matches:
            yield Rejection(path, "no file or folder matches this pattern")
        for match in matches:
            if os.path.isdir(match):
                yield from _walk(match)
            else:
                yield match
    else:
        yield Rejection(path, "no such file or folder")


def expand(paths: Sequence[str]) -> Iterator[Input | Rejection]:
    """Files in the given order, folders walked, globs matched; each file once."""
    seen: set[str] = set()
    for path in paths:
        if path == STDIN:
            yield Input(STDIN)
            continue
        for item in _expand_one(path):
            if isinstance(item, Rejection):
                yield item
                continue
            key = os.path.realpath(item)
            if key not in seen:  # overlapping globs or folders must not ingest a file twice
                seen.add(key)
                yield Input(item)


def total_bytes(paths: Sequence[str]) -> int | None:
    """Sum of the sizes of the files ``paths`` expand to; None when stdin is among them."""
    total = 0
    for item in expand(paths):
        if isinstance(item, Rejection):
            continue
        if item.is_stdin:
            return None
        try:
            total += os.path.getsize(item.path)
        except OSError:
            continue  # vanished or unreadable: read() will say so
    return total
