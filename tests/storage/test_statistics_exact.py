"""The faster figures equal the old computation exactly, on a varied office, on each backend.

A seeded random office: applications received and decided over fourteen months, many of them
minutes either side of the office's midnight and of UTC's, moved forward, returned, rejected,
withdrawn, noted after their decision and undone (decisions too), some followed, their
notifications sent or given up on. Every period staff can ask for is compared whole
(`OfficeFigures` equality: counts, time buckets, medians, months) with
tests/storage/figures_before.py, the computation as it was.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from office.settings import Settings
from storage import figure_ranges
from storage.errors import StoreError
from storage.models import DeliveryStatus
from storage.periods import Period, parse_period
from storage.statistics import office_figures
from storage.store import Store
from storage.workdays import WorkingCalendar
from storage.workflow import Action
from tests.conftest import FakeClock
from tests.storage.figures_before import office_figures_before

WITA = ZoneInfo("Asia/Makassar")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
HOLIDAYS = (date(2026, 1, 1), date(2026, 3, 19), date(2026, 8, 17), date(2026, 12, 25))
FIRST = datetime(2025, 11, 1, tzinfo=UTC)
DAYS = 430
APPLICATIONS = 90
# What happens next to an application, and how often.
ACTIONS = ((Action.ADVANCE, 10), (Action.RETURN, 2), (Action.REJECT, 1), (Action.WITHDRAW, 1),
           (Action.NOTE, 2), (Action.UNDO, 2))


def moment(rng: random.Random, zone: ZoneInfo, after: datetime, within_days: float) -> datetime:
    """A moment after `after`: often a few minutes either side of a local or a UTC midnight."""
    at = after + timedelta(days=rng.uniform(0, within_days))
    kind = rng.random()
    if kind < 0.5:
        midnight = datetime.combine(at.astimezone(zone).date() + timedelta(days=1),
                                    datetime.min.time(), zone)
        at = max(after, midnight + timedelta(minutes=rng.choice((-20, -1, 0, 1, 20))))
    elif kind < 0.7:
        midnight = datetime.combine(at.date() + timedelta(days=1), datetime.min.time(), UTC)
        at = max(after, midnight + timedelta(minutes=rng.choice((-15, 0, 15))))
    return at + timedelta(seconds=rng.randrange(60))


async def step(store: Store, rng: random.Random, number: str) -> None:
    """One action on the application; refused ones (a return from a final stage…) skipped."""
    action = rng.choices([a for a, _ in ACTIONS], [w for _, w in ACTIONS])[0]
    try:
        if action is Action.UNDO:
            await store.undo.undo(number, staff_id=7, admin=True, window=timedelta(days=3650))
        else:
            await store.applications.change(number, action, staff_id=7, public_note="Alasan")
    except StoreError:
        pass


async def varied_office(store: Store, clock: FakeClock, zone: ZoneInfo, seed: int) -> None:
    """The seeded office; the clock ends after the last event."""
    rng = random.Random(seed)
    latest = FIRST
    for n in range(APPLICATIONS):
        clock.now = moment(rng, zone, FIRST, DAYS)
        permit_type = rng.choice(("PBG", "SIP", "REKLAME", "TDUP"))
        application, _ = await store.applications.create(permit_type, f"Pemohon {n}", staff_id=7)
        for chat_id in rng.sample((101, 102, 103), rng.choice((0, 0, 1, 2))):
            await store.followers.follow(application, chat_id, limit=APPLICATIONS)
        for _ in range(rng.randrange(9)):
            clock.now = moment(rng, zone, clock.now, rng.choice((0.01, 1, 6)))
            await step(store, rng, application.number)
        latest = max(latest, clock.now)
    clock.now = latest + timedelta(hours=1)
    rows = await store.database.fetch_all("SELECT id FROM outbox WHERE status = 'pending'")
    ids = [int(row[0]) for row in rows]
    await store.outbox.mark_sent([i for i in ids if i % 3])
    for dead in [i for i in ids if i % 7 == 0]:
        await store.outbox.mark(dead, DeliveryStatus.DEAD, "Forbidden")


PERIODS = ([["2025"], ["2026"], ["2027"], ["2025-12-15", "2026-01-15"],
            ["2026-03-19", "2026-03-19"], ["2025-11-01", "2027-02-28"],
            ["2024-01-01", "2024-12-31"]] + [[f"2026-{month:02}"] for month in range(1, 13)])


@pytest.mark.parametrize(("zone", "range_counts"), [(WITA, 1000), (AMSTERDAM, 1000), (WITA, 0)],
                         ids=["WITA", "Amsterdam", "WITA-grouped"])
async def test_the_figures_equal_the_old_computation_for_every_period(
        settings: Settings, database_target: str, zone: ZoneInfo, range_counts: int,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # With no range counts allowed, received applications are grouped per month (many types).
    monkeypatch.setattr(figure_ranges, "MAX_RANGE_COUNTS", range_counts)
    clock = FakeClock(FIRST)
    calendar = WorkingCalendar(zone, HOLIDAYS)
    store = await Store.open(database_target, settings.catalogue(), calendar,
                             prefix=settings.office.registration_prefix, clock=clock)
    try:
        await varied_office(store, clock, zone, seed=15)
        actions = {str(action): int(count) for action, count in await store.database.fetch_all(
            "SELECT action, COUNT(*) FROM history GROUP BY action")}
        assert all(actions.get(action.value, 0) >= 3 for action, _ in ACTIONS), actions
        decided = await store.database.fetch_one(
            "SELECT COUNT(*) FROM applications WHERE decided_at IS NOT NULL")
        assert decided is not None
        assert decided[0] >= 30
        now = clock.now
        for words in PERIODS:
            period = parse_period(words, calendar.local_date(now), zone)
            expected = await office_figures_before(store.database, store.catalogue, calendar,
                                                   period, now)
            assert await office_figures(store.database, store.catalogue, calendar, period,
                                        now) == expected, words
    finally:
        await store.close()


def test_the_periods_cover_years_months_ranges_and_a_holiday() -> None:
    periods = [parse_period(words, date(2027, 1, 5), WITA) for words in PERIODS]
    assert Period(date(2026, 3, 19), date(2026, 3, 19), WITA) in periods
    assert len(periods) == 19
