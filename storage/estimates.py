"""When will it be done: typical stage times from the office's own record, and queue places.

For each permit type and stage, the working days applications spent there over the last
months give a typical time: the median and the 80th percentile (nearest rank: the value at
position ceil(p·n) of the sorted list, so every figure is a day count someone really took).
A stage with fewer samples than the minimum falls back to its service standard. The time
still ahead of an application is the rest of its current stage plus every later office stage
(stages waiting on the applicant are the applicant's time, as in the due date): the medians
summed give the low end, the 80th percentiles the high end.

Only counts leave this module: nothing about another application is revealed.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from storage.clock import Clock, from_timestamp, to_timestamp
from storage.database import Database
from storage.models import Application
from storage.workdays import WorkingCalendar
from storage.workflow import FINAL_STAGES, RETURNED, Catalogue, PermitType

REFRESH = timedelta(hours=1)  # the record changes slowly; reading it per card would not


def nearest_rank(values: list[int], share: float) -> int:
    """The value at rank ceil(share·n) of the sorted values (the nearest-rank percentile)."""
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)), 1) - 1]


@dataclass(frozen=True)
class Typical:
    """Typical working days in one stage: median, 80th percentile, and how many were seen."""

    median: int
    p80: int
    samples: int


@dataclass(frozen=True)
class Estimate:
    """Working days still ahead (low to high), and the stage's queue place (1-based) and size."""

    low: int
    high: int
    position: int
    queued: int


class Estimates:
    """Typical times per (permit type, stage), read from the history and kept for an hour."""

    def __init__(self, database: Database, catalogue: Catalogue, calendar: WorkingCalendar,
                 clock: Clock) -> None:
        self.database = database
        self.catalogue = catalogue
        self.calendar = calendar
        self.clock = clock
        self._typical: dict[tuple[str, str], Typical] = {}
        self._read_at: datetime | None = None

    async def typical_times(self, months: int = 12) -> dict[tuple[str, str], Typical]:
        """Median and 80th percentile per (permit type, stage) over the last `months`."""
        now = self.clock()
        if self._read_at is not None and now - self._read_at < REFRESH:
            return self._typical
        rows = await self.database.fetch_all(
            "SELECT h.application_id, a.permit_type, h.to_stage, h.at FROM history h "
            "JOIN applications a ON a.id = h.application_id "
            "WHERE h.action <> 'note' AND h.at >= ? ORDER BY h.application_id, h.id",
            (to_timestamp(now - timedelta(days=round(months * 30.44))),))
        spent: dict[tuple[str, str], list[int]] = defaultdict(list)
        for current, following in itertools.pairwise(rows):
            if current[0] != following[0]:
                continue  # the last step of an application: its stage has not ended
            spent[(str(current[1]), str(current[2]))].append(max(
                self.calendar.working_days_between(from_timestamp(current[3]),
                                                   from_timestamp(following[3])), 0))
        self._typical = {key: Typical(nearest_rank(days, 0.5), nearest_rank(days, 0.8),
                                      len(days)) for key, days in spent.items()}
        self._read_at = now
        return self._typical

    async def estimate(self, application: Application, *, min_sample: int,
                       months: int = 12) -> Estimate | None:
        """What is still ahead of an open application at an office stage; None otherwise."""
        permit_type = self.catalogue.get(application.permit_type)
        if application.stage in FINAL_STAGES or application.stage == RETURNED:
            return None
        if permit_type.stage(application.stage).waits_on_applicant:
            return None  # the applicant's turn: the office's clock is paused
        typical = await self.typical_times(months)
        low = high = 0
        in_stage = max(self.calendar.working_days_between(application.stage_entered_at,
                                                          self.clock()), 0)
        for stage in _ahead(permit_type, application.stage):
            seen = typical.get((permit_type.code, stage))
            median, p80 = ((seen.median, seen.p80) if seen and seen.samples >= min_sample
                           else (permit_type.stage(stage).service_days,) * 2)
            if stage == application.stage:
                median, p80 = max(median - in_stage, 0), max(p80 - in_stage, 0)
            low, high = low + median, high + p80
        position, queued = await self.queue_place(application)
        return Estimate(low, max(high, low), position, queued)

    async def queue_place(self, application: Application) -> tuple[int, int]:
        """Its place among the open applications in its stage (longest waiting first)."""
        entered = to_timestamp(application.stage_entered_at)
        row = await self.database.fetch_one(
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN stage_entered_at < ? OR "
            "(stage_entered_at = ? AND id < ?) THEN 1 ELSE 0 END), 0) FROM applications "
            "WHERE stage = ? AND decided_at IS NULL", (entered, entered, application.id,
                                                      application.stage))
        assert row is not None
        return int(row[1]) + 1, int(row[0])


def _ahead(permit_type: PermitType, stage: str) -> list[str]:
    """The current stage and every later one the office itself works on."""
    codes = permit_type.stage_codes
    return [code for code in codes[codes.index(stage):]
            if not permit_type.stage(code).waits_on_applicant]
