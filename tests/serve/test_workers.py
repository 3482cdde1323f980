"""``warta serve --workers N``: several processes over one read-only database."""

from __future__ import annotations

import json
import os
import time
import urllib.request
from pathlib import Path

from tests.serve.serve_fixtures import ALL, build_db, free_port, start_server, wait_until_up


def _descendants(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        for child in (task / "children").read_text().split():
            out += [int(child), *_descendants(int(child))]
    return out


def _has_open(pid: int, path: Path) -> bool:
    fds = Path(f"/proc/{pid}/fd")
    try:
        return any(os.path.realpath(fd) == str(path.resolve()) for fd in fds.iterdir())
    except OSError:  # the process ended while we looked
        return False


def test_two_workers_each_open_the_archive_and_answer(tmp_path):
    db = build_db(tmp_path / "w.db")
    port = free_port()
    proc = start_server(db, port, extra=["--workers", "2"])
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, proc)
        for _ in range(10):
            with urllib.request.urlopen(base + "/api/stats", timeout=10) as r:
                assert json.loads(r.read())["articles"] == len(ALL)
            with urllib.request.urlopen(base + "/?q=banjir", timeout=10) as r:
                assert r.status == 200 and "Content-Security-Policy" in r.headers
        # each worker process builds its own app, so each holds its own read-only handles; the
        # first to boot can answer all of the above while the second is still importing (seen
        # on a loaded machine), so give the second time to come up
        deadline = time.monotonic() + 30
        while True:
            serving = [pid for pid in _descendants(proc.pid) if _has_open(pid, db)]
            if len(serving) >= 2 or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert len(serving) == 2
    finally:
        proc.terminate()
        proc.wait(timeout=20)
