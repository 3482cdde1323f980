"""How the store writes times: UTC ISO 8601 text, so they sort and compare as strings."""

from __future__ import annotations

from datetime import UTC, datetime

__all__ = ["now_text", "utc_text"]


def utc_text(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value is not None else None


def now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
