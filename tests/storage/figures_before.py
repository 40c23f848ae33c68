"""The performance figures as they were computed before issue 15 item 6, kept as the
reference the faster computation must equal exactly (tests/storage/test_statistics_exact.py).

Copied from storage/statistics.py at 6688bd9; only the entry point's name differs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from storage.clock import from_timestamp, to_timestamp
from storage.database import Database
from storage.day_groups import DayGrouping, day_grouping, median
from storage.periods import Period
from storage.satisfaction import period_index
from storage.statistics import Month, OfficeFigures, Outcome, StageLoad
from storage.workdays import WorkingCalendar
from storage.workflow import FINAL_STAGES, ISSUED, REJECTED, RETURNED, WITHDRAWN, Catalogue


async def office_figures_before(database: Database, catalogue: Catalogue, calendar: WorkingCalendar,
                         period: Period, now: datetime) -> OfficeFigures:
    """The figures for the period; open applications are counted as of `now`."""
    days = await day_grouping(database, calendar, now)
    months = {month: _MonthTally() for month in period.months}
    received, followed = await _received(database, period, months)
    outcomes, decisions = await _decided(database, period, days, months)
    in_stage = await _in_stage(database, days, calendar.local_date(now))
    delivery = {str(status): int(number) for status, number in await database.fetch_all(
        "SELECT status, COUNT(*) FROM outbox WHERE status IN ('sent', 'dead') "
        "AND created_at >= ? AND created_at < ? GROUP BY status",
        (to_timestamp(period.start), to_timestamp(period.end)))}
    order = _type_order(catalogue, [*received, *outcomes, *(key[0] for key in in_stage)])
    overall = _OutcomeTally()
    for outcome in outcomes.values():
        overall.merge(outcome)
    return OfficeFigures(
        period=period,
        received=tuple((code, received[code]) for code in order if received[code]),
        stages=tuple(_stage_loads(catalogue, order, in_stage)),
        decisions=decisions,
        outcomes=tuple(outcomes[code].outcome(code) for code in order if code in outcomes),
        overall=overall.outcome(""),
        followed=followed,
        delivered=delivery.get("sent", 0),
        failed=delivery.get("dead", 0),
        months=tuple(Month(month, tally.received, tally.issued, tally.decided, tally.on_time)
                     for month, tally in months.items()),
        # The survey's index came later (issue 19) and is not part of the speed-up.
        survey=await period_index(database, period.first_day, period.last_day, period.start,
                                  period.end),
    )


async def _received(database: Database, period: Period,
                    months: Mapping[date, _MonthTally]) -> tuple[Counter[str], int]:
    """Applications received per permit type, and how many of them have a follower."""
    received: Counter[str] = Counter()
    followed = 0
    for month, start, end in _month_slices(period):
        for permit_type, count, with_followers in await database.fetch_all(
                "SELECT permit_type, COUNT(*), SUM(CASE WHEN EXISTS (SELECT 1 FROM followers f "
                "WHERE f.application_id = a.id) THEN 1 ELSE 0 END) FROM applications a "
                "WHERE created_at >= ? AND created_at < ? GROUP BY permit_type", (start, end)):
            received[permit_type] += count
            followed += with_followers
            months[month].received += count
    return received, followed


async def _decided(database: Database, period: Period, days: DayGrouping,
                   months: Mapping[date, _MonthTally]
                   ) -> tuple[dict[str, _OutcomeTally], dict[str, int]]:
    """Decisions in the period: per permit type, and how many of each final stage."""
    outcomes: dict[str, _OutcomeTally] = {}
    decisions = dict.fromkeys(sorted(FINAL_STAGES), 0)
    # One query per day with decisions: each sorts only a day's rows (one sort over a year's
    # rows costs twice as much), and the decision day needs no computing per row.
    for day in await _decision_days(database, period):
        start, end = (to_timestamp(datetime.combine(d, time(0), period.zone))
                      for d in (day, day + timedelta(days=1)))
        month = months[day.replace(day=1)]
        for received_day, permit_type, count, on_time, issued, rejected, withdrawn in (
                await database.fetch_all(
                    "SELECT CAST((created_at + :offset) / :width AS INTEGER) AS received_day, "
                    "permit_type, COUNT(*), SUM(CASE WHEN decided_at <= due_at THEN 1 ELSE 0 END), "
                    "SUM(CASE WHEN stage = :issued THEN 1 ELSE 0 END), "
                    "SUM(CASE WHEN stage = :rejected THEN 1 ELSE 0 END), "
                    "SUM(CASE WHEN stage = :withdrawn THEN 1 ELSE 0 END) FROM applications "
                    "WHERE decided_at >= :start AND decided_at < :end "
                    "GROUP BY received_day, permit_type",
                    {"offset": days.offset, "width": days.width, "start": start, "end": end,
                     "issued": ISSUED, "rejected": REJECTED, "withdrawn": WITHDRAWN})):
            outcome = outcomes.get(permit_type) or outcomes.setdefault(permit_type,
                                                                        _OutcomeTally())
            outcome.add(count, on_time, days.working_days(received_day, day))
            month.decided += count
            month.on_time += on_time
            month.issued += issued
            decisions[ISSUED] += issued
            decisions[REJECTED] += rejected
            decisions[WITHDRAWN] += withdrawn
    return outcomes, decisions


async def _in_stage(database: Database, days: DayGrouping,
                    today: date) -> dict[tuple[str, str], Counter[int]]:
    """Open applications per (permit type, stage): how many for each working days in stage."""
    in_stage: dict[tuple[str, str], Counter[int]] = {}
    for permit_type, stage, entered_day, count in await database.fetch_all(
            "SELECT permit_type, stage, CAST((stage_entered_at + :offset) / :width AS INTEGER) "
            "AS entered_day, COUNT(*) FROM applications WHERE decided_at IS NULL "
            "GROUP BY permit_type, stage, entered_day",
            {"offset": days.offset, "width": days.width}):
        working_days = days.working_days(entered_day, today)
        in_stage.setdefault((permit_type, stage), Counter())[working_days] += count
    return in_stage


def _month_slices(period: Period) -> Iterable[tuple[date, float, float]]:
    """Each month of the period with the part of it inside the period, as timestamps."""
    for month in period.months:
        first = max(month, period.first_day)
        after = min((month + timedelta(days=32)).replace(day=1),
                    period.last_day + timedelta(days=1))
        start, end = (to_timestamp(datetime.combine(day, time(0), period.zone))
                      for day in (first, after))
        yield month, start, end


async def _decision_days(database: Database, period: Period) -> list[date]:
    """The days of the period from the first decision to the last one."""
    row = await database.fetch_one(
        "SELECT (SELECT MIN(decided_at) FROM applications WHERE decided_at >= :start), "
        "(SELECT MAX(decided_at) FROM applications WHERE decided_at < :end)",
        {"start": to_timestamp(period.start), "end": to_timestamp(period.end)})
    if row is None or row[0] is None or row[1] is None:
        return []
    first, last = (from_timestamp(value).astimezone(period.zone).date() for value in row)
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


@dataclass
class _MonthTally:
    received: int = 0
    issued: int = 0
    decided: int = 0
    on_time: int = 0


class _OutcomeTally:
    def __init__(self) -> None:
        self.decided = 0
        self.on_time = 0
        self.days: Counter[int] = Counter()

    def add(self, count: int, on_time: int, working_days: int) -> None:
        self.decided += count
        self.on_time += on_time
        self.days[working_days] += count

    def merge(self, other: _OutcomeTally) -> None:
        self.decided += other.decided
        self.on_time += other.on_time
        self.days.update(other.days)

    def outcome(self, permit_type: str) -> Outcome:
        return Outcome(permit_type, self.decided, self.on_time, median(self.days))


def _type_order(catalogue: Catalogue, seen: Iterable[str]) -> list[str]:
    """The catalogue's order; codes no longer configured come last, alphabetically."""
    known = [permit_type.code for permit_type in catalogue.permit_types]
    return known + sorted(set(seen) - set(known))


def _stage_loads(catalogue: Catalogue, order: list[str],
                 in_stage: Mapping[tuple[str, str], Counter[int]]) -> Iterable[StageLoad]:
    """One StageLoad per stage with open applications, in workflow order."""
    configured = {permit_type.code: permit_type for permit_type in catalogue.permit_types}
    for code in order:
        permit_type = configured.get(code)
        stages = [*permit_type.stage_codes, RETURNED] if permit_type else []
        present = [stage for stage_type, stage in in_stage if stage_type == code]
        for stage in stages + sorted(set(present) - set(stages)):
            histogram = in_stage.get((code, stage))
            if not histogram:
                continue
            waits = permit_type.stage(stage).waits_on_applicant if (
                permit_type and stage in stages) else False
            days = median(histogram)
            assert days is not None
            yield StageLoad(code, stage, sum(histogram.values()), days, waits)
