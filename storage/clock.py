"""Time as the store sees it: an injectable clock and conversions to the stored form."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """The current moment, aware, in UTC."""
    return datetime.now(UTC)


def to_timestamp(moment: datetime) -> float:
    """The stored form of a moment: seconds since the epoch."""
    return moment.timestamp()


def from_timestamp(value: float) -> datetime:
    """An aware UTC datetime from its stored form."""
    return datetime.fromtimestamp(value, UTC)


def optional_from_timestamp(value: float | None) -> datetime | None:
    """Like from_timestamp, passing None through."""
    return None if value is None else from_timestamp(value)
