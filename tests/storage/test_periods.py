"""The periods staff can type for figures, in the office's time."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from storage.periods import Period, PeriodInvalid, PeriodOutOfRange, PeriodTooLong, parse_period

WITA = ZoneInfo("Asia/Makassar")
TODAY = date(2026, 11, 18)


@pytest.mark.parametrize(("words", "first", "last"), [
    ((), date(2026, 11, 1), date(2026, 11, 30)),
    (("2026-02",), date(2026, 2, 1), date(2026, 2, 28)),
    (("2028-02",), date(2028, 2, 1), date(2028, 2, 29)),
    (("2026-12",), date(2026, 12, 1), date(2026, 12, 31)),
    (("2026",), date(2026, 1, 1), date(2026, 12, 31)),
    (("2026-01-01", "2026-03-31"), date(2026, 1, 1), date(2026, 3, 31)),
    (("2026-11-02", "2026-11-02"), date(2026, 11, 2), date(2026, 11, 2)),
    (("2025-12-15", "2026-01-15"), date(2025, 12, 15), date(2026, 1, 15)),
])
def test_periods_staff_can_type(words: tuple[str, ...], first: date, last: date) -> None:
    assert parse_period(words, TODAY, WITA) == Period(first, last, WITA)


def test_a_month_runs_from_local_midnight_to_local_midnight() -> None:
    period = parse_period(["2026-11"], TODAY, WITA)
    # WITA is UTC+8: November starts at 16:00 UTC on 31 October.
    assert period.start == datetime(2026, 10, 31, 16, 0, tzinfo=UTC)
    assert period.end == datetime(2026, 11, 30, 16, 0, tzinfo=UTC)


def test_the_end_date_of_a_range_is_included() -> None:
    period = parse_period(["2026-01-01", "2026-03-31"], TODAY, WITA)
    assert period.start == datetime(2025, 12, 31, 16, 0, tzinfo=UTC)
    assert period.end == datetime(2026, 3, 31, 16, 0, tzinfo=UTC)
    assert period.months == (date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1))


def test_a_year_starts_on_new_years_eve_in_utc() -> None:
    period = parse_period(["2026"], TODAY, WITA)
    assert period.start == datetime(2025, 12, 31, 16, 0, tzinfo=UTC)
    assert period.end == datetime(2026, 12, 31, 16, 0, tzinfo=UTC)
    assert len(period.months) == 12


@pytest.mark.parametrize("words", [
    ("2026-13",), ("2026-00",), ("26",), ("2026-1",), ("nov",), ("2026-11-02",),
    ("2026-03-31", "2026-01-01"), ("2026-02-30", "2026-03-01"), ("2026", "2027"),
    ("2026-01-01", "2026-02-01", "2026-03-01"), ("0000",), ("٢٠٢٦",),
])
def test_anything_else_is_not_a_period(words: tuple[str, ...]) -> None:
    with pytest.raises(PeriodInvalid):
        parse_period(words, TODAY, WITA)


@pytest.mark.parametrize("words", [
    ("1999",), ("2101",), ("9999",), ("1999-12",), ("1999-12-31", "2000-01-31"),
    ("2100-12-01", "2101-01-01"),
])
def test_days_before_2000_or_after_2100_are_out_of_range(words: tuple[str, ...]) -> None:
    with pytest.raises(PeriodOutOfRange):
        parse_period(words, TODAY, WITA)


@pytest.mark.parametrize("words", [
    ("2016-01-01", "2026-01-01"), ("2000-01-01", "2100-12-31"), ("2024-02-29", "2034-03-01"),
])
def test_a_period_over_ten_years_is_too_long(words: tuple[str, ...]) -> None:
    with pytest.raises(PeriodTooLong):
        parse_period(words, TODAY, WITA)


@pytest.mark.parametrize(("words", "first", "last"), [
    (("2016-01-01", "2025-12-31"), date(2016, 1, 1), date(2025, 12, 31)),
    (("2024-02-29", "2034-02-28"), date(2024, 2, 29), date(2034, 2, 28)),
    (("2000",), date(2000, 1, 1), date(2000, 12, 31)),
    (("2100-12",), date(2100, 12, 1), date(2100, 12, 31)),
])
def test_the_edges_are_still_periods(words: tuple[str, ...], first: date, last: date) -> None:
    period = parse_period(words, TODAY, WITA)
    assert (period.first_day, period.last_day) == (first, last)
