"""Failed attempts counted in a sliding window."""

from __future__ import annotations

from datetime import timedelta

from storage.clock import to_timestamp
from storage.store import Store
from tests.conftest import FakeClock

HOUR = timedelta(minutes=60)


async def test_nothing_recorded(store: Store) -> None:
    assert await store.attempts.recent("code", "JBR-2026-000001", HOUR) == (0, 0.0)


async def test_recent_counts_attempts_in_the_window(store: Store, clock: FakeClock) -> None:
    start = clock.now
    for _ in range(3):
        await store.attempts.record("code", "JBR-2026-000001")
        clock.advance(minutes=10)
    # Now start + 30 min: all three are within the hour; the oldest is the first.
    assert await store.attempts.recent("code", "JBR-2026-000001", HOUR) == (
        3, to_timestamp(start))


async def test_attempts_leave_the_window(store: Store, clock: FakeClock) -> None:
    start = clock.now
    for _ in range(3):
        await store.attempts.record("code", "JBR-2026-000001")
        clock.advance(minutes=10)
    clock.now = start + HOUR
    # Exactly an hour after the first, it still counts.
    assert await store.attempts.recent("code", "JBR-2026-000001", HOUR) == (
        3, to_timestamp(start))
    clock.advance(seconds=1)
    assert await store.attempts.recent("code", "JBR-2026-000001", HOUR) == (
        2, to_timestamp(start + timedelta(minutes=10)))
    clock.now = start + timedelta(minutes=81)
    assert await store.attempts.recent("code", "JBR-2026-000001", HOUR) == (0, 0.0)


async def test_kinds_and_subjects_are_counted_apart(store: Store) -> None:
    await store.attempts.record("code", "JBR-2026-000001")
    await store.attempts.record("code", "JBR-2026-000001")
    await store.attempts.record("code", "JBR-2026-000002")
    await store.attempts.record("lookup", "chat:100")
    assert (await store.attempts.recent("code", "JBR-2026-000001", HOUR))[0] == 2
    assert (await store.attempts.recent("code", "JBR-2026-000002", HOUR))[0] == 1
    assert (await store.attempts.recent("lookup", "chat:100", HOUR))[0] == 1
    assert (await store.attempts.recent("lookup", "JBR-2026-000001", HOUR))[0] == 0


async def test_prune_forgets_old_attempts(store: Store, clock: FakeClock) -> None:
    for _ in range(4):
        await store.attempts.record("code", "JBR-2026-000001")
        clock.advance(minutes=10)
    # Now start + 40 min; pruning older than 25 min keeps the attempts at +20 and +30.
    assert await store.attempts.prune(timedelta(minutes=25)) == 2
    assert (await store.attempts.recent("code", "JBR-2026-000001", HOUR))[0] == 2
    assert await store.attempts.prune(timedelta(minutes=25)) == 0
