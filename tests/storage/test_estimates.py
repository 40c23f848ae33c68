"""Typical stage times from a seeded history, checked against figures worked out by hand."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from storage.estimates import Estimate, Typical, nearest_rank
from storage.models import Application
from storage.store import Store
from storage.workflow import Action
from tests.conftest import FakeClock

WITA = ZoneInfo("Asia/Makassar")
STAFF = 7


def day(month: int, date: int, year: int = 2026) -> datetime:
    """09:00 WITA on that day."""
    return datetime(year, month, date, 9, tzinfo=WITA)


async def walk(store: Store, clock: FakeClock, *moves: datetime) -> Application:
    """A PBG application received at the first moment and advanced at each later one."""
    clock.now = moves[0]
    application, _ = await store.applications.create("PBG", "Ni Made Ayu", staff_id=STAFF)
    for moment in moves[1:]:
        clock.now = moment
        application = (await store.applications.change(application.number, Action.ADVANCE,
                                                       staff_id=STAFF)).application
    return application


async def seeded(store: Store, clock: FakeClock) -> None:
    """Received → document check → field inspection, in November 2026 (Mon 2 … Thu 12).

    Received took 1, 2, 2, 3, 5 working days: median (rank 3 of 5) 2, 80th percentile
    (rank 4) 3. Document check took 1, 1, 4, 2, 3 → sorted 1, 1, 2, 3, 4: median 2, p80 3.
    Field inspection was left by two only (3 and 1 days): too few, its 5 service days count.
    An application of October 2025 (10 days received) is older than 12 months: left out.
    """
    await walk(store, clock, day(10, 1, 2025), day(10, 15, 2025))
    await walk(store, clock, day(11, 2), day(11, 3), day(11, 4), day(11, 9))
    await walk(store, clock, day(11, 2), day(11, 4), day(11, 5), day(11, 6))
    await walk(store, clock, day(11, 2), day(11, 4), day(11, 10))
    await walk(store, clock, day(11, 2), day(11, 5), day(11, 9))
    await walk(store, clock, day(11, 2), day(11, 9), day(11, 12))


def test_nearest_rank_takes_a_value_someone_really_took() -> None:
    assert nearest_rank([5, 1, 2, 3, 2], 0.5) == 2
    assert nearest_rank([5, 1, 2, 3, 2], 0.8) == 3
    assert nearest_rank([4], 0.8) == 4
    assert nearest_rank([1, 2, 3, 4], 0.5) == 2


async def test_typical_times_per_stage_over_the_last_twelve_months(
        store: Store, clock: FakeClock) -> None:
    await seeded(store, clock)
    clock.now = day(11, 13)
    typical = await store.estimates.typical_times()
    assert typical[("PBG", "received")] == Typical(2, 3, 5)
    assert typical[("PBG", "document_check")] == Typical(2, 3, 5)
    assert typical[("PBG", "field_inspection")] == Typical(1, 3, 2)


@pytest.mark.parametrize(("min_sample", "low", "high"), [
    # The rest of received (2-1, 3-1) + document check (2, 3) + the service days of field
    # inspection 5, technical review 10 and signing 2 (fee payment is the applicant's time).
    (5, 1 + 2 + 5 + 10 + 2, 2 + 3 + 5 + 10 + 2),
    # Too few everywhere: service days only, received 1-1 and document check 3.
    (6, 0 + 3 + 5 + 10 + 2, 0 + 3 + 5 + 10 + 2),
])
async def test_the_estimate_sums_what_is_left_of_each_stage_ahead(
        store: Store, clock: FakeClock, min_sample: int, low: int, high: int) -> None:
    await seeded(store, clock)
    first = await walk(store, clock, day(11, 12))
    later = await walk(store, clock, day(11, 12).replace(hour=10))
    clock.now = day(11, 13)  # one working day in the stage
    assert await store.estimates.estimate(first, min_sample=min_sample) == Estimate(
        low, high, 1, 2)
    assert (await store.estimates.estimate(later, min_sample=min_sample) or Estimate(
        0, 0, 0, 0)).position == 2


async def test_no_estimate_while_waiting_on_the_applicant_or_once_decided(
        store: Store, clock: FakeClock) -> None:
    fee = await walk(store, clock, day(11, 2), day(11, 3), day(11, 4), day(11, 5), day(11, 6))
    assert fee.stage == "fee_payment"
    assert await store.estimates.estimate(fee, min_sample=5) is None
    returned = (await store.applications.change(fee.number, Action.RETURN, staff_id=STAFF,
                                                public_note="Kurang")).application
    assert await store.estimates.estimate(returned, min_sample=5) is None
