"""The office's performance figures for a period, after the Mahsun model it is judged on.

Input (received per permit type), process (open per stage now, median working days in stage),
output (issued, rejected, withdrawn), outcome (decided within the service time, median working
days to decision), the use of the tracker (followed applications, delivered notifications) and
the applicants' satisfaction (the survey's IKM, storage/satisfaction.py).

Counting happens in SQL over covering indexes; what an index answers as a range (received per
type, followed, decisions per final stage, deliveries) is in `figure_ranges.py`. Medians need
working days per application, so
SQL groups applications by local day (decisions one day at a time) and Python turns days into
working days through the `WorkingCalendar`: its work grows with the number of distinct days,
not of applications.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from storage.clock import from_timestamp, to_timestamp
from storage.database import Database
from storage.day_groups import DayGrouping, day_grouping, median
from storage.figure_ranges import (
    MonthTally,
    delivery_counts,
    final_stage_counts,
    received_counts,
)
from storage.periods import Period
from storage.reading import read_apart
from storage.satisfaction import SatisfactionIndex, period_index
from storage.workdays import WorkingCalendar
from storage.workflow import RETURNED, Catalogue


@dataclass(frozen=True)
class StageLoad:
    """Open applications at one stage of one permit type, and how long they have been there."""

    permit_type: str
    stage: str
    open: int
    median_days: float
    waits_on_applicant: bool


@dataclass(frozen=True)
class Outcome:
    """Decisions of one permit type (or all, `permit_type` empty) in the period."""

    permit_type: str
    decided: int
    on_time: int
    median_days: float | None


@dataclass(frozen=True)
class Month:
    """One calendar month of the period, for the chart."""

    month: date
    received: int
    issued: int
    decided: int
    on_time: int

    @property
    def on_time_share(self) -> float | None:
        """Decided within the service time, as a fraction of decisions; None without any."""
        return self.on_time / self.decided if self.decided else None


@dataclass(frozen=True)
class OfficeFigures:
    """Everything `/stats` and `etracking stats` report for one period."""

    period: Period
    received: tuple[tuple[str, int], ...]
    stages: tuple[StageLoad, ...]
    decisions: Mapping[str, int]
    outcomes: tuple[Outcome, ...]
    overall: Outcome
    followed: int
    delivered: int
    failed: int
    months: tuple[Month, ...]
    # The satisfaction survey's index (IKM) for the period: storage/satisfaction.py.
    survey: SatisfactionIndex = field(default_factory=SatisfactionIndex)

    @property
    def received_total(self) -> int:
        """Applications received in the period."""
        return sum(count for _, count in self.received)

    @property
    def open_total(self) -> int:
        """Applications open now."""
        return sum(stage.open for stage in self.stages)

    @property
    def slowest(self) -> StageLoad | None:
        """The office's bottleneck: the highest median of the stages the office works on.

        Stages that wait on the applicant (fee payment, returned) are left out: the office's
        clock is stopped there.
        """
        working = [stage for stage in self.stages if not stage.waits_on_applicant]
        return max(working, key=lambda stage: (stage.median_days, stage.open), default=None)


async def office_figures(database: Database, catalogue: Catalogue, calendar: WorkingCalendar,
                         period: Period, now: datetime) -> OfficeFigures:
    """The figures for the period; open applications are counted as of `now`."""
    days = await day_grouping(database, calendar, now)
    months = {month: MonthTally() for month in period.months}
    received, followed = await received_counts(database, period, months)
    outcomes, decisions = await _decided(database, period, days, months)
    in_stage = await _in_stage(database, days, calendar.local_date(now))
    delivery = await delivery_counts(database, period)
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
        survey=await period_index(database, period.first_day, period.last_day, period.start,
                                  period.end),
    )


async def office_figures_apart(database: Database, catalogue: Catalogue,
                               calendar: WorkingCalendar, period: Period,
                               now: datetime) -> OfficeFigures:
    """`office_figures` on a connection and thread of their own, so that applicants' lookups
    never wait for them (see storage.reading)."""
    return await read_apart(database, lambda reader: office_figures(
        reader, catalogue, calendar, period, now))


async def _decided(database: Database, period: Period, days: DayGrouping,
                   months: Mapping[date, MonthTally]
                   ) -> tuple[dict[str, _OutcomeTally], dict[str, int]]:
    """Decisions in the period: per permit type, and how many of each final stage."""
    outcomes: dict[str, _OutcomeTally] = {}
    # One query per day with decisions: each sorts only a day's rows (one sort over a year's
    # rows costs twice as much), and the decision day needs no computing per row. Each sum
    # is work per row, so the final stages are counted apart, from an index.
    for day in await _decision_days(database, period):
        start, end = (to_timestamp(datetime.combine(d, time(0), period.zone))
                      for d in (day, day + timedelta(days=1)))
        month = months[day.replace(day=1)]
        for received_day, permit_type, count, on_time in await database.fetch_all(
                "SELECT CAST((created_at + :offset) / :width AS INTEGER) AS received_day, "
                "permit_type, COUNT(*), SUM(CASE WHEN decided_at <= due_at THEN 1 ELSE 0 END) "
                "FROM applications WHERE decided_at >= :start AND decided_at < :end "
                "GROUP BY received_day, permit_type",
                {"offset": days.offset, "width": days.width, "start": start, "end": end}):
            outcome = outcomes.get(permit_type) or outcomes.setdefault(permit_type,
                                                                        _OutcomeTally())
            outcome.add(count, on_time, days.working_days(received_day, day))
            month.decided += count
            month.on_time += on_time
    return outcomes, await final_stage_counts(database, period, months)


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
