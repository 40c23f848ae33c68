"""Periods staff ask figures for: a month, a year or a range of days, in the office's time."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from storage.clock import to_timestamp

_MONTH = re.compile(r"[0-9]{4}-[0-9]{2}")
_YEAR = re.compile(r"[0-9]{4}")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Bounds on what one request may make the store count: a period of a thousand years is a
# mistake, and its months and days would be worked through one by one.
EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)
MAX_YEARS = 10


class PeriodInvalid(ValueError):
    """The period is not `YYYY-MM`, `YYYY` or two dates `YYYY-MM-DD` in order."""


class PeriodOutOfRange(PeriodInvalid):
    """A day of the period is before 2000 or after 2100."""

    def __init__(self, words: str) -> None:
        super().__init__(f"{words!r}: dates must lie between {EARLIEST.year} and {LATEST.year}")


class PeriodTooLong(PeriodInvalid):
    """The period is longer than ten years."""

    def __init__(self, words: str) -> None:
        super().__init__(f"{words!r}: a period is at most {MAX_YEARS} years")


@dataclass(frozen=True)
class Period:
    """Calendar days from `first_day` to `last_day` (inclusive) in the office's time zone."""

    first_day: date
    last_day: date
    zone: ZoneInfo

    @property
    def start(self) -> datetime:
        """The first moment of the period: local midnight of the first day."""
        return datetime.combine(self.first_day, time(0), self.zone)

    @property
    def end(self) -> datetime:
        """The first moment after the period: local midnight after the last day."""
        return datetime.combine(self.last_day + timedelta(days=1), time(0), self.zone)

    @property
    def months(self) -> tuple[date, ...]:
        """The first day of every calendar month the period touches."""
        months, month = [], self.first_day.replace(day=1)
        while month <= self.last_day:
            months.append(month)
            month = (month + timedelta(days=32)).replace(day=1)
        return tuple(months)


def parse_period(words: Sequence[str], today: date, zone: ZoneInfo) -> Period:
    """`[]` this month, `[YYYY-MM]`, `[YYYY]` or `[FROM, TO]` (ISO dates, TO included), within
    2000 to 2100 and at most ten years long."""
    typed = " ".join(words)
    try:
        period = _period(words, today, zone)
    except (ValueError, OverflowError):
        period = None
    if period is None:
        raise PeriodInvalid(typed)
    if period.first_day < EARLIEST or period.last_day > LATEST:
        raise PeriodOutOfRange(typed)
    if period.last_day >= _years_after(period.first_day, MAX_YEARS):
        raise PeriodTooLong(typed)
    to_timestamp(period.start), to_timestamp(period.end)  # representable moments
    return period


def _years_after(day: date, years: int) -> date:
    """The same day `years` later (29 February becomes 1 March)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return date(day.year + years, 3, 1)


def _period(words: Sequence[str], today: date, zone: ZoneInfo) -> Period | None:
    if not words:
        return _month(today.year, today.month, zone)
    if len(words) == 1 and _MONTH.fullmatch(words[0]):
        year, month = words[0].split("-")
        return _month(int(year), int(month), zone)
    if len(words) == 1 and _YEAR.fullmatch(words[0]):
        return Period(date(int(words[0]), 1, 1), date(int(words[0]), 12, 31), zone)
    if len(words) == 2 and all(_DAY.fullmatch(word) for word in words):
        first, last = (date.fromisoformat(word) for word in words)
        if first <= last:
            return Period(first, last, zone)
    return None


def _month(year: int, month: int, zone: ZoneInfo) -> Period:
    first = date(year, month, 1)
    return Period(first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1), zone)
