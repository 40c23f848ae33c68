"""The figures' counts that indexes answer as ranges, without reading every row.

Received applications per permit type and month, those of them followed, decisions per final
stage and deliveries per status (migration 11: at 5,000,000 applications they are what made
`/stats` for a year take seconds when they were sums over every row; docs/benchmarks.md).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from storage.clock import to_timestamp
from storage.database import Database
from storage.periods import Period
from storage.workflow import FINAL_STAGES, ISSUED

# At most this many range counts for the received applications (a year of 50 types is 600).
MAX_RANGE_COUNTS = 1000


@dataclass
class MonthTally:
    """One month's counts while they are added up."""

    received: int = 0
    issued: int = 0
    decided: int = 0
    on_time: int = 0


def month_slices(period: Period) -> Iterable[tuple[date, float, float]]:
    """Each month of the period with the part of it inside the period, as timestamps."""
    for month in period.months:
        first = max(month, period.first_day)
        after = min((month + timedelta(days=32)).replace(day=1),
                    period.last_day + timedelta(days=1))
        start, end = (to_timestamp(datetime.combine(day, time(0), period.zone))
                      for day in (first, after))
        yield month, start, end


async def received_counts(database: Database, period: Period,
                          months: Mapping[date, MonthTally]) -> tuple[Counter[str], int]:
    """Applications received per permit type, and how many of them have a follower."""
    received: Counter[str] = Counter()
    slices = list(month_slices(period))
    types = await permit_types(database)
    # One range of applications_received_by_type per type and month: counting it reads the
    # index only, where `GROUP BY permit_type` sorted every row of the period. Not for
    # hundreds of types over years, though: the queries would outnumber what they save.
    ranges = len(types) * len(slices) <= MAX_RANGE_COUNTS
    for month, start, end in slices:
        counts = [(permit_type, await count_of(
            database, "SELECT COUNT(*) FROM applications WHERE permit_type = ? "
            "AND created_at >= ? AND created_at < ?", (permit_type, start, end)))
            for permit_type in types] if ranges else await database.fetch_all(
            "SELECT permit_type, COUNT(*) FROM applications "
            "WHERE created_at >= ? AND created_at < ? GROUP BY permit_type", (start, end))
        for permit_type, count in counts:
            received[permit_type] += count
            months[month].received += count
    # Once for the period and apart from the counts: inside the grouped count the follower
    # test ran as a subquery per row (PostgreSQL's SubPlan); alone it is a semi-join.
    followed = await count_of(database, "SELECT COUNT(*) FROM applications a WHERE "
                              "created_at >= ? AND created_at < ? AND EXISTS (SELECT 1 FROM "
                              "followers f WHERE f.application_id = a.id)",
                              (to_timestamp(period.start), to_timestamp(period.end)))
    return received, followed


async def permit_types(database: Database) -> list[str]:
    """Every permit type that has applications, configured or not any more."""
    # One index seek per type: SELECT DISTINCT would read every application.
    found: list[str] = []
    while (row := await database.fetch_one(
            "SELECT MIN(permit_type) FROM applications WHERE permit_type > ?",
            (found[-1] if found else "",))) is not None and row[0] is not None:
        found.append(str(row[0]))
    return found


async def count_of(database: Database, sql: str, params: tuple[object, ...]) -> int:
    """The one number a COUNT query answers."""
    row = await database.fetch_one(sql, params)
    return int(row[0]) if row else 0


async def delivery_counts(database: Database, period: Period) -> dict[str, int]:
    """Notifications of the period sent, and given up on ('dead')."""
    # One range of outbox_by_status_created per status; `status IN (…) GROUP BY status` made
    # PostgreSQL scan the whole table.
    return {status: await count_of(
        database, "SELECT COUNT(*) FROM outbox WHERE status = ? AND created_at >= ? "
        "AND created_at < ?", (status, to_timestamp(period.start), to_timestamp(period.end)))
        for status in ("sent", "dead")}


async def final_stage_counts(database: Database, period: Period,
                             months: Mapping[date, MonthTally]) -> dict[str, int]:
    """Decisions of the period per final stage (issued also per month): index range counts."""
    decisions = dict.fromkeys(sorted(FINAL_STAGES), 0)
    for stage in decisions:
        for month, start, end in month_slices(period):
            count = await count_of(database, "SELECT COUNT(*) FROM applications WHERE "
                                   "stage = ? AND decided_at >= ? AND decided_at < ?",
                                   (stage, start, end))
            decisions[stage] += count
            if stage == ISSUED:
                months[month].issued += count
    return decisions
