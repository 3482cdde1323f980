"""Pure helpers: Indonesian dates, language choice, link and snippet safety, the handle pool."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.serve.serve_fixtures import build_db

from warta.model import HIT_CLOSE, HIT_OPEN
from warta.serve.cli import _is_loopback, serve_command
from warta.serve.i18n import STRINGS, pick_language
from warta.serve.pool import HandlePool, PoolTimeout
from warta.serve.safety import mark_snippet, safe_href
from warta.serve.timefmt import long_date, relative, short_date, span, zone_name
from warta.serve.timeline import LABEL_CHARS, story_timeline
from warta.store import StoreError

WIB = timezone(timedelta(hours=7))
T = datetime(2021, 12, 16, 9, 30, tzinfo=WIB)


def test_long_date_in_the_outlets_zone() -> None:
    assert long_date(T, "id") == "Kamis, 16 Desember 2021 09:30 WIB"
    assert long_date(T, "en") == "Thursday, 16 December 2021 09:30 WIB"
    wit = datetime(2024, 8, 17, 7, 5, tzinfo=timezone(timedelta(hours=9)))
    assert long_date(wit, "id") == "Sabtu, 17 Agustus 2024 07:05 WIT"
    assert long_date(datetime(2023, 1, 1, 0, 0, tzinfo=timezone(timedelta(hours=8))), "id").startswith(
        "Minggu, 1 Januari 2023"
    )
    assert zone_name(datetime(2021, 1, 1, tzinfo=UTC)) == "UTC+00:00"
    assert zone_name(datetime(2021, 1, 1, tzinfo=timezone(timedelta(hours=-5, minutes=-30)))) == "UTC-05:30"
    assert short_date(T, "id") == "16 Des 2021" and short_date(T, "en") == "16 Dec 2021"


@pytest.mark.parametrize(
    ("delta", "indonesian", "english"),
    [
        (timedelta(seconds=20), "baru saja", "just now"),
        (timedelta(minutes=1), "1 menit lalu", "1 minute ago"),
        (timedelta(minutes=45), "45 menit lalu", "45 minutes ago"),
        (timedelta(hours=2, minutes=59), "2 jam lalu", "2 hours ago"),
        (timedelta(days=3), "3 hari lalu", "3 days ago"),
        (timedelta(days=15), "2 minggu lalu", "2 weeks ago"),
        (timedelta(days=65), "2 bulan lalu", "2 months ago"),
        (timedelta(days=400), "1 tahun lalu", "1 year ago"),
        (timedelta(days=365 * 3 + 5), "3 tahun lalu", "3 years ago"),
        (-timedelta(hours=1), "baru saja", "just now"),  # clock skew: never "in the future"
    ],
)
def test_relative_times(delta: timedelta, indonesian: str, english: str) -> None:
    assert relative(T, T + delta, "id") == indonesian
    assert relative(T, T + delta, "en") == english
    # the reader's clock may be in another zone: the instant is what counts
    assert relative(T, (T + delta).astimezone(UTC), "id") == indonesian


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "id"),
        ("", "id"),
        ("en-US,en;q=0.9", "en"),
        ("id-ID,id;q=0.9,en;q=0.8", "id"),
        ("fr-FR,en;q=0.5,id;q=0.4", "en"),
        ("en;q=0.2,id;q=0.8", "id"),
        ("in", "id"),
        ("de,fr", "id"),
        ("en;q=0", "id"),
        ("en;q=banyak", "id"),
        ("*", "id"),
    ],
)
def test_pick_language(header: str | None, expected: str) -> None:
    assert pick_language(header) == expected


def test_every_language_has_every_string() -> None:
    keys = [set(strings) for strings in STRINGS.values()]
    assert all(k == keys[0] for k in keys)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://contoh.id/a?b=1", "https://contoh.id/a?b=1"),
        ("HTTP://contoh.id/", "HTTP://contoh.id/"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        (" javascript:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("vbscript:msgbox", None),
        ("//evil.example/x", None),
        ("/articles/abc", None),
        ("https://", None),
        ("http://[::1", None),
        ("https://contoh.id/\x00x", None),
        (None, None),
        (42, None),
    ],
)
def test_safe_href(url: object, expected: str | None) -> None:
    assert safe_href(url) == expected


def test_mark_snippet_escapes_first_then_marks() -> None:
    text = f"<b>{HIT_OPEN}banjir{HIT_CLOSE}</b> & {HIT_OPEN}<script>{HIT_CLOSE}"
    assert (
        str(mark_snippet(text)) == "&lt;b&gt;<mark>banjir</mark>&lt;/b&gt; &amp; <mark>&lt;script&gt;</mark>"
    )
    # stray or unbalanced markers from a hostile body never give unbalanced tags
    assert str(mark_snippet(f"{HIT_CLOSE}a{HIT_OPEN}{HIT_OPEN}b")) == "a<mark>b</mark>"
    assert str(mark_snippet(None)) == ""


def test_span_within_a_day_and_across_days() -> None:
    later = T + timedelta(hours=4)
    assert span(T, later, "id") == "16 Des 2021, 09:30–13:30 WIB"
    assert span(T, T, "en") == "16 Dec 2021, 09:30 WIB"
    assert span(T, T + timedelta(days=2), "id") == "16 Des 2021 – 18 Des 2021"
    # the end is shown in the start's zone: 13:30 WITA is 12:30 WIB
    assert span(T, datetime(2021, 12, 16, 13, 30, tzinfo=timezone(timedelta(hours=8))), "id").endswith(
        "09:30–12:30 WIB"
    )
    assert span(None, None) == ""
    assert span(None, T, "id") == "16 Des 2021, 09:30 WIB"


def _row(i: str, outlet: str | None, when: str | None, dup: str | None = None) -> dict[str, object]:
    return {"id": i, "title": f"judul {i}", "outlet": outlet, "published_at": when, "duplicate_of": dup}


def test_story_timeline_places_one_dot_per_timed_article_on_its_outlets_row() -> None:
    wib = timezone(timedelta(hours=7), "WIB")
    articles = [
        _row("a", "tempo", "2024-03-05T08:00:00+07:00"),
        _row("b", "kompas", "2024-03-05T10:00:00+08:00"),  # 09:00 WIB: halfway
        _row("c", "tempo", "2024-03-05T10:00:00+07:00", dup="a"),
        _row("d", None, None),  # no time: not on the axis
    ]
    tl = story_timeline(articles, "id", wib, "(tidak diketahui)")
    assert tl is not None
    assert [r.outlet for r in tl.rows] == ["tempo", "kompas"]
    dots = {d.article_id: d for d in tl.dots}
    assert set(dots) == {"a", "b", "c"}
    assert dots["a"].x == tl.left and dots["c"].x == tl.right
    assert dots["b"].x == (tl.left + tl.right) / 2
    assert dots["a"].y == dots["c"].y != dots["b"].y
    assert dots["c"].copy and not dots["a"].copy
    assert dots["b"].when == "5 Mar 2024, 09:00 WIB"  # shown in WIB
    assert [t.label for t in tl.ticks] == ["08:00", "5 Mar 2024", "10:00"]
    assert tl.zone == "WIB" and tl.height > tl.axis_y
    assert story_timeline([_row("d", "x", None)], "id", wib, "?") is None


def test_story_timeline_one_instant_and_long_outlet_names() -> None:
    wib = timezone(timedelta(hours=7), "WIB")
    long_name = "media-dengan-nama-sangat-panjang"
    tl = story_timeline([_row("a", long_name, "2024-03-05T08:00:00+07:00")], "en", wib, "?")
    assert tl is not None
    assert tl.dots[0].x == (tl.left + tl.right) / 2  # a single instant sits in the middle
    assert (
        tl.rows[0].outlet == long_name
        and len(tl.rows[0].label) == LABEL_CHARS
        and tl.rows[0].label.endswith("…")
    )
    unknown = story_timeline([_row("a", None, "2024-03-05T08:00:00+07:00")], "en", wib, "(unknown)")
    assert unknown is not None and unknown.rows[0].label == "(unknown)"


def test_pool_is_bounded_and_times_out(tmp_path: Path) -> None:
    db = build_db(tmp_path / "p.db")
    pool = HandlePool(str(db), size=2, timeout=0.2)
    try:
        with pool.handle() as a, pool.handle() as b:
            assert a is not b
            assert a.store.readonly and b.store.readonly
            with pytest.raises(PoolTimeout, match="all 2 database handles busy"), pool.handle():
                pass
    finally:
        pool.close()


def test_pool_lends_each_handle_to_one_borrower_at_a_time(tmp_path: Path) -> None:
    db = build_db(tmp_path / "p.db")
    pool = HandlePool(str(db), size=2, timeout=5)
    in_use: set[int] = set()
    peak = 0

    async def borrower() -> None:
        nonlocal peak
        async with pool.borrow() as handle:
            assert id(handle) not in in_use, "one handle lent twice at once"
            in_use.add(id(handle))
            peak = max(peak, len(in_use))
            # the route's work runs in a worker thread, as FastAPI runs sync routes
            await asyncio.to_thread(handle.get, "nope")
            in_use.discard(id(handle))

    async def main() -> None:
        await asyncio.gather(*(borrower() for _ in range(30)))

    try:
        asyncio.run(main())
        assert peak == 2
    finally:
        pool.close()


def test_pool_borrow_times_out_when_every_handle_is_held(tmp_path: Path) -> None:
    db = build_db(tmp_path / "p.db")
    pool = HandlePool(str(db), size=1, timeout=0.1)

    async def main() -> None:
        async with pool.borrow():
            with pytest.raises(PoolTimeout):
                async with pool.borrow():
                    pass

    try:
        asyncio.run(main())
    finally:
        pool.close()


def test_pool_fails_at_start_for_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        HandlePool(str(tmp_path / "tidak-ada.db"))
    assert not (tmp_path / "tidak-ada.db").exists()  # read-only: never creates the file


def test_serve_command_refuses_a_missing_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(serve_command, ["--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "no database at" in result.output and "Traceback" not in result.output


def test_serve_command_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_text("bukan basis data\n" * 100)
    result = CliRunner().invoke(serve_command, ["--db", str(junk)])
    assert result.exit_code == 2
    assert "warta:" in result.output and "Traceback" not in result.output


def test_loopback_detection() -> None:
    assert _is_loopback("127.0.0.1") and _is_loopback("::1") and _is_loopback("localhost")
    assert not _is_loopback("0.0.0.0") and not _is_loopback("192.168.1.5") and not _is_loopback("example.org")
