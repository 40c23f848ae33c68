"""Working-day arithmetic: Monday to Friday minus the office's holidays, in its time zone.

Service standards are written in working days, so every due date and every "days in stage"
figure goes through one `WorkingCalendar`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo


class WorkingCalendar:
    """Counts working days in the office's time zone."""

    def __init__(self, timezone: ZoneInfo, holidays: Iterable[date] = ()) -> None:
        self.timezone = timezone
        self.holidays = frozenset(holidays)

    def is_working_day(self, day: date) -> bool:
        """Whether the office works on that calendar day."""
        return day.weekday() < 5 and day not in self.holidays

    def local_date(self, moment: datetime) -> date:
        """The calendar date of a moment in the office's time zone."""
        return moment.astimezone(self.timezone).date()

    def add_working_days(self, start: datetime, days: int) -> datetime:
        """The end of the `days`-th working day after the start's day (the due moment).

        A service time of N working days counts the days after the day of receipt, so an
        application received on Monday with 2 days is due at the end of Wednesday. Zero days
        means the end of the start day (or of the next working day if the start day is off).
        """
        day = self.local_date(start)
        if days == 0:
            while not self.is_working_day(day):
                day += timedelta(days=1)
        remaining = days
        while remaining > 0:
            day += timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return datetime.combine(day, time(23, 59, 59), self.timezone)

    def working_days_between(self, start: datetime, end: datetime) -> int:
        """Working days that have fully begun after the start's day, up to the end's day.

        Negative when the end is before the start, so "overdue by" can use it both ways.
        """
        first, last = self.local_date(start), self.local_date(end)
        if last < first:
            return -self.working_days_between(end, start)
        count = 0
        day = first
        # Whole weeks first keep this fast for long spans (stats over years).
        span = (last - first).days
        weeks, rest = divmod(span, 7)
        count += weeks * 5
        day = first + timedelta(days=weeks * 7)
        count -= sum(
            1
            for holiday in self.holidays
            if first < holiday <= day and holiday.weekday() < 5
        )
        for _ in range(rest):
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count
