"""Working-day arithmetic: due dates and days between, in the office's time zone."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from office.settings import Settings
from storage.workdays import WorkingCalendar

WITA = ZoneInfo("Asia/Makassar")


def wita(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    """A moment in office time."""
    return datetime(year, month, day, hour, minute, tzinfo=WITA)


def end_of(year: int, month: int, day: int) -> datetime:
    """The due moment of a day: its last second in office time."""
    return datetime(year, month, day, 23, 59, 59, tzinfo=WITA)


@pytest.fixture
def calendar(settings: Settings) -> WorkingCalendar:
    """The example office's calendar (Asia/Makassar, the 2026 holidays)."""
    return settings.calendar()


def naive_working_days_between(calendar: WorkingCalendar, start: datetime,
                               end: datetime) -> int:
    """The definition, day by day: working days after the start's day up to the end's day."""
    first, last = calendar.local_date(start), calendar.local_date(end)
    sign = 1
    if last < first:
        first, last, sign = last, first, -1
    count = 0
    day = first
    while day < last:
        day += timedelta(days=1)
        count += calendar.is_working_day(day)
    return sign * count


def test_example_calendar_uses_office_zone_and_holidays(calendar: WorkingCalendar) -> None:
    assert calendar.timezone == WITA
    assert date(2026, 3, 19) in calendar.holidays
    assert len(calendar.holidays) == 18


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 11, 2), True),    # Monday
        (date(2026, 11, 6), True),    # Friday
        (date(2026, 11, 7), False),   # Saturday
        (date(2026, 11, 8), False),   # Sunday
        (date(2026, 3, 19), False),   # Nyepi, a Thursday
        (date(2026, 12, 25), False),  # Christmas, a Friday
        (date(2026, 12, 31), True),   # New Year's Eve is a working day
    ],
)
def test_is_working_day(calendar: WorkingCalendar, day: date, working: bool) -> None:
    assert calendar.is_working_day(day) is working


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (wita(2026, 11, 2), 2, end_of(2026, 11, 4)),     # Monday + 2 → end of Wednesday
        (wita(2026, 11, 2), 1, end_of(2026, 11, 3)),
        (wita(2026, 11, 6), 1, end_of(2026, 11, 9)),     # Friday + 1 → Monday
        (wita(2026, 11, 6), 5, end_of(2026, 11, 13)),    # Friday + 5 → next Friday
        (wita(2026, 11, 2), 21, end_of(2026, 12, 1)),    # the PBG service standard
    ],
)
def test_add_working_days_skips_weekends(calendar: WorkingCalendar, start: datetime, days: int,
                                         due: datetime) -> None:
    assert calendar.add_working_days(start, days) == due


def test_add_working_days_skips_nyepi_and_collective_leave(calendar: WorkingCalendar) -> None:
    # 19, 20, 23 and 24 March 2026 are off: Wednesday + 1 lands on the next Wednesday.
    assert calendar.add_working_days(wita(2026, 3, 18), 1) == end_of(2026, 3, 25)
    assert calendar.add_working_days(wita(2026, 3, 18), 3) == end_of(2026, 3, 27)


def test_add_working_days_across_the_year_end(calendar: WorkingCalendar) -> None:
    # 24 and 25 December and 1 January are holidays.
    assert calendar.add_working_days(wita(2026, 12, 23), 1) == end_of(2026, 12, 28)
    assert calendar.add_working_days(wita(2026, 12, 23), 4) == end_of(2026, 12, 31)
    assert calendar.add_working_days(wita(2026, 12, 23), 5) == end_of(2027, 1, 4)


def test_zero_days_is_the_end_of_a_working_start_day(calendar: WorkingCalendar) -> None:
    assert calendar.add_working_days(wita(2026, 11, 2), 0) == end_of(2026, 11, 2)


@pytest.mark.parametrize(
    ("start", "due"),
    [
        (wita(2026, 11, 7), end_of(2026, 11, 9)),    # Saturday → Monday
        (wita(2026, 11, 8), end_of(2026, 11, 9)),    # Sunday → Monday
        (wita(2026, 3, 19), end_of(2026, 3, 25)),    # Nyepi → after the collective leave
        (wita(2026, 12, 25), end_of(2026, 12, 28)),  # Christmas (Friday) → Monday
    ],
)
def test_zero_days_from_a_day_off_is_the_next_working_day(calendar: WorkingCalendar,
                                                          start: datetime,
                                                          due: datetime) -> None:
    assert calendar.add_working_days(start, 0) == due


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (wita(2026, 11, 7), 1, end_of(2026, 11, 9)),    # Saturday + 1 → Monday
        (wita(2026, 11, 8), 2, end_of(2026, 11, 10)),   # Sunday + 2 → Tuesday
        (wita(2026, 3, 19), 1, end_of(2026, 3, 25)),    # Nyepi + 1 → Wednesday
        (wita(2027, 1, 1), 1, end_of(2027, 1, 4)),      # New Year (Friday) + 1 → Monday
    ],
)
def test_start_on_a_day_off_counts_from_the_following_days(calendar: WorkingCalendar,
                                                           start: datetime, days: int,
                                                           due: datetime) -> None:
    assert calendar.add_working_days(start, days) == due


def test_due_date_uses_the_office_date_not_the_utc_date(calendar: WorkingCalendar) -> None:
    # Sunday 1 November 2026 23:30 UTC is already Monday 07:30 in Bali.
    sunday_in_utc = datetime(2026, 11, 1, 23, 30, tzinfo=UTC)
    assert calendar.local_date(sunday_in_utc) == date(2026, 11, 2)
    assert calendar.add_working_days(sunday_in_utc, 1) == end_of(2026, 11, 3)
    assert calendar.add_working_days(sunday_in_utc, 0) == end_of(2026, 11, 2)


def test_friday_evening_in_utc_is_saturday_in_bali(calendar: WorkingCalendar) -> None:
    friday_in_utc = datetime(2026, 11, 6, 16, 30, tzinfo=UTC)  # Saturday 00:30 WITA
    assert calendar.add_working_days(friday_in_utc, 0) == end_of(2026, 11, 9)


def test_due_moment_is_the_last_second_of_the_day_in_office_time(
        calendar: WorkingCalendar) -> None:
    due = calendar.add_working_days(wita(2026, 11, 2), 2)
    assert due.astimezone(UTC) == datetime(2026, 11, 4, 15, 59, 59, tzinfo=UTC)


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (wita(2026, 11, 2), wita(2026, 11, 2, 16), 0),   # same day
        (wita(2026, 11, 2), wita(2026, 11, 4), 2),       # Monday → Wednesday
        (wita(2026, 11, 6), wita(2026, 11, 9), 1),       # Friday → Monday
        (wita(2026, 11, 6), wita(2026, 11, 8), 0),       # Friday → Sunday
        (wita(2026, 11, 7), wita(2026, 11, 9), 1),       # Saturday → Monday
        (wita(2026, 11, 2), wita(2026, 11, 9), 5),       # a whole week
        (wita(2026, 3, 16), wita(2026, 3, 27), 5),       # Nyepi week: 4 days off
        (wita(2026, 12, 23), wita(2027, 1, 4), 5),       # across the year end
        (wita(2025, 12, 31), wita(2026, 12, 31), 244),   # 261 weekdays in 2026, 17 holidays
    ],
)
def test_working_days_between(calendar: WorkingCalendar, start: datetime, end: datetime,
                              days: int) -> None:
    assert calendar.working_days_between(start, end) == days


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (wita(2026, 11, 4), wita(2026, 11, 2), -2),
        (wita(2027, 1, 4), wita(2026, 12, 23), -5),
        (wita(2026, 11, 2, 16), wita(2026, 11, 2, 8), 0),
    ],
)
def test_working_days_between_is_negative_backwards(calendar: WorkingCalendar, start: datetime,
                                                    end: datetime, days: int) -> None:
    assert calendar.working_days_between(start, end) == days


def test_working_days_between_uses_the_office_date(calendar: WorkingCalendar) -> None:
    # Both moments fall on Monday 2 November in Bali, though the first is Sunday in UTC.
    start = datetime(2026, 11, 1, 16, 30, tzinfo=UTC)  # Monday 00:30 WITA
    end = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)     # Monday 23:00 WITA
    assert calendar.working_days_between(start, end) == 0
    # An hour later it is Tuesday in Bali, still Monday in UTC.
    assert calendar.working_days_between(start, end + timedelta(hours=1)) == 1


def test_due_date_is_that_many_working_days_away(calendar: WorkingCalendar) -> None:
    start = wita(2026, 12, 14)
    for days in range(30):
        assert calendar.working_days_between(start, calendar.add_working_days(start, days)) \
            == days


def test_fast_count_matches_day_by_day_count(calendar: WorkingCalendar) -> None:
    rng = random.Random(20261102)
    origin = datetime(2025, 10, 1, tzinfo=UTC)
    for _ in range(1500):
        start = origin + timedelta(minutes=rng.randrange(0, 60 * 24 * 550))
        end = start + timedelta(minutes=rng.randrange(-60 * 24 * 400, 60 * 24 * 400))
        assert calendar.working_days_between(start, end) == \
            naive_working_days_between(calendar, start, end), (start, end)


def test_fast_count_matches_with_weekend_holidays() -> None:
    # Holidays falling on weekends must not be subtracted twice.
    holidays = [date(2026, 11, 7), date(2026, 11, 8), date(2026, 11, 10), date(2026, 11, 21)]
    calendar = WorkingCalendar(WITA, holidays)
    rng = random.Random(7)
    origin = datetime(2026, 10, 20, tzinfo=WITA)
    for _ in range(500):
        start = origin + timedelta(hours=rng.randrange(0, 24 * 60))
        end = origin + timedelta(hours=rng.randrange(0, 24 * 60))
        assert calendar.working_days_between(start, end) == \
            naive_working_days_between(calendar, start, end), (start, end)
    assert calendar.working_days_between(wita(2026, 11, 6), wita(2026, 11, 13)) == 4
