from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

from warta.api import Warta
from warta.model import Article
from warta.serve.cache import Refreshed

WIB = timezone(timedelta(hours=7))


def _article(i: int) -> Article:
    return Article(
        title=f"Warga Sukamaju panen jagung ke-{i}",
        body=f"Panen jagung ke-{i} berlangsung meriah di balai desa.",
        url=f"https://contoh.id/panen/{i}",
        outlet="contoh",
        published_at=datetime(2025, 6, 1 + i, 8, tzinfo=WIB),
        language="id",
    )


def test_stale_value_is_served_while_a_background_refresh_catches_up(tmp_path):
    path = str(tmp_path / "w.db")
    with Warta(path) as writer:
        writer.store.upsert([_article(1)])
        with Warta(path, readonly=True) as reader:
            counted = Refreshed(path, lambda store: store.count(), ttl=0.0)
            assert counted.get(reader.store) == 1  # the first read computes in the caller
            writer.store.upsert([_article(2)])
            assert counted.get(reader.store) == 1  # stale, returned at once; a refresh starts
            deadline = time.monotonic() + 10
            while counted.get(reader.store) != 2 and time.monotonic() < deadline:
                time.sleep(0.02)
            assert counted.get(reader.store) == 2


def test_a_failed_refresh_keeps_the_last_value(tmp_path):
    path = str(tmp_path / "w.db")
    calls = []

    def flaky(store):
        calls.append(1)
        if len(calls) > 1:
            raise RuntimeError("disk went away")
        return store.count()

    with Warta(path) as writer:
        writer.store.upsert([_article(1)])
        cached = Refreshed(path, flaky, ttl=0.0)
        assert cached.get(writer.store) == 1
        cached.get(writer.store)  # starts the refresh that fails
        deadline = time.monotonic() + 10
        while len(calls) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.05)
        assert len(calls) >= 2
        assert cached.get(writer.store) == 1
