"""Working days counted per local day, not per application: what the figures' medians rest on.

SQL groups moments so that each group falls on one local calendar day; `DayGrouping` turns a
group into working days through the `WorkingCalendar`, once per distinct day.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from itertools import accumulate

from storage.clock import from_timestamp
from storage.database import Database
from storage.workdays import WorkingCalendar

DAY_SECONDS = 86_400
# Every time zone in use today is a whole number of quarter hours from UTC, so no quarter hour
# straddles a local midnight: the fallback grouping for zones that change their offset.
QUARTER_HOUR_SECONDS = 900


def median(histogram: Mapping[int, int]) -> float | None:
    """The median of values given as {value: how many}; None when there are none."""
    present = sorted((value, count) for value, count in histogram.items() if count)
    if not present:
        return None
    values = [value for value, _ in present]
    ranks = list(accumulate(count for _, count in present))
    total = ranks[-1]

    def at(rank: int) -> int:
        return values[bisect_right(ranks, rank)]

    return (at((total - 1) // 2) + at(total // 2)) / 2


class DayGrouping:
    """How SQL groups moments so that every group falls on one local calendar day.

    `CAST((moment + offset) / width AS INTEGER)`: local days when the office's UTC offset is
    the same over all the data (WITA has no daylight saving), else quarter hours.
    """

    def __init__(self, calendar: WorkingCalendar, offset: float, width: int) -> None:
        self.calendar = calendar
        self.offset = offset
        self.width = width
        self._anchor = datetime.combine(date(1970, 1, 1), time(12), calendar.timezone)
        self._by_group: dict[int, int] = {}
        self._by_day: dict[date, int] = {}

    def working_days(self, group: int, last: date) -> int:
        """Working days from the day of `group` to `last`, as `working_days_between` counts."""
        # Counting both ends from one fixed anchor makes each distinct day one calendar call;
        # the difference is exact because the counts are signed.
        first = self._by_group.get(group)
        if first is None:
            day = self.calendar.local_date(from_timestamp(group * self.width - self.offset))
            first = self._by_group[group] = self._counted_to(day)
        return self._counted_to(last) - first

    def _counted_to(self, day: date) -> int:
        counted = self._by_day.get(day)
        if counted is None:
            noon = datetime.combine(day, time(12), self.calendar.timezone)
            counted = self._by_day[day] = self.calendar.working_days_between(self._anchor, noon)
        return counted


async def day_grouping(database: Database, calendar: WorkingCalendar,
                        now: datetime) -> DayGrouping:
    """Whole local days if the office's UTC offset is the same over all the data."""
    # Two subqueries: SQLite reads a lone MIN or MAX from the index, both together by a scan.
    row = await database.fetch_one("SELECT (SELECT MIN(created_at) FROM applications), "
                                   "(SELECT MAX(created_at) FROM applications)")
    earliest, latest = (now, now) if row is None or row[0] is None else (
        from_timestamp(row[0]), max(now, from_timestamp(row[1])))
    # Stages are entered and decisions taken after receipt and, at the latest, now.
    offsets = {(earliest + timedelta(days=n)).astimezone(calendar.timezone).utcoffset()
               for n in range(-1, (latest - earliest).days + 2)}
    if len(offsets) == 1:
        offset = offsets.pop()
        assert offset is not None
        return DayGrouping(calendar, offset.total_seconds(), DAY_SECONDS)
    return DayGrouping(calendar, 0.0, QUARTER_HOUR_SECONDS)
