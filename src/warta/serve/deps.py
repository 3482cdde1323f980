"""What routes share: the borrowed database handle, the reader's language, parsed times."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, datetime, time, timedelta, timezone

from fastapi import HTTPException, Request

from warta.api import Warta
from warta.serve.i18n import pick_language

WIB = timezone(timedelta(hours=7), "WIB")  # a time without an offset is read as WIB, as in the CLI


async def db_handle(request: Request) -> AsyncIterator[Warta]:
    """A read-only handle from the app's pool, returned when the request is done.

    Async on purpose: the wait happens on the event loop, not in a worker thread (see pool.py).
    """
    async with request.app.state.pool.borrow() as handle:
        yield handle


def language(request: Request) -> str:
    return pick_language(request.headers.get("accept-language"))


def parse_when(value: str | None, name: str, *, end_of_day: bool = False) -> datetime | None:
    """ISO 8601 date or time from a query parameter; 400 with a one-line reason if it isn't one.

    Without an offset it is WIB. ``end_of_day`` makes a bare date mean "up to the end of that
    day" (the web form's inclusive "until"), since the store's ``until`` is exclusive.
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        if len(text) == 10:  # a bare date: YYYY-MM-DD
            day = date.fromisoformat(text)
            parsed = datetime.combine(day + timedelta(days=1 if end_of_day else 0), time(), WIB)
        else:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise HTTPException(
            400,
            f"{name}: not an ISO 8601 date or time: {shown!r} (e.g. 2025-06-18 or 2025-06-18T09:30+07:00)",
        ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=WIB)
