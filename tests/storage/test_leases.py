"""Leases: one holder at a time, taken over only once expired, values kept for the next."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from storage.leases import POLLER, SENDER
from storage.store import Store
from tests.conftest import FakeClock

TTL = timedelta(seconds=10)


async def test_a_free_lease_is_taken_and_a_held_one_is_refused(store: Store) -> None:
    taken = await store.leases.try_acquire(SENDER, "a", TTL)
    assert taken is not None
    assert taken.holder == "a"
    assert taken.expires_at == store.clock() + TTL
    assert await store.leases.try_acquire(SENDER, "b", TTL) is None
    held = await store.leases.holder_of(SENDER)
    assert held is not None
    assert held.holder == "a"


async def test_the_holder_takes_its_own_lease_again_as_a_renewal(store: Store,
                                                                clock: FakeClock) -> None:
    await store.leases.try_acquire(SENDER, "a", TTL)
    clock.advance(seconds=3)
    again = await store.leases.try_acquire(SENDER, "a", TTL)
    assert again is not None
    assert again.expires_at == clock() + TTL


async def test_an_expired_lease_goes_to_the_next_asker(store: Store, clock: FakeClock) -> None:
    await store.leases.try_acquire(SENDER, "a", TTL)
    clock.advance(seconds=9)
    assert await store.leases.try_acquire(SENDER, "b", TTL) is None
    clock.advance(seconds=1)
    taken = await store.leases.try_acquire(SENDER, "b", TTL)
    assert taken is not None
    assert taken.holder == "b"
    # The old holder can neither renew nor write the value any more.
    assert not await store.leases.renew(SENDER, "a", TTL)
    assert not await store.leases.store_value(SENDER, "a", "7")
    held = await store.leases.holder_of(SENDER)
    assert held is not None
    assert (held.holder, held.value) == ("b", "")


async def test_renewing_extends_only_our_own_lease(store: Store, clock: FakeClock) -> None:
    await store.leases.try_acquire(SENDER, "a", TTL)
    clock.advance(seconds=8)
    assert await store.leases.renew(SENDER, "a", TTL)
    clock.advance(seconds=8)
    assert await store.leases.try_acquire(SENDER, "b", TTL) is None
    assert not await store.leases.renew(SENDER, "b", TTL)


async def test_a_released_lease_is_free_at_once_and_keeps_its_value(store: Store) -> None:
    await store.leases.try_acquire(POLLER, "a", TTL)
    assert await store.leases.store_value(POLLER, "a", "1042")
    assert not await store.leases.release(POLLER, "b")
    assert await store.leases.release(POLLER, "a")
    taken = await store.leases.try_acquire(POLLER, "b", TTL)
    assert taken is not None
    assert (taken.holder, taken.value) == ("b", "1042")


async def test_leases_are_independent_and_listed_by_name(store: Store) -> None:
    await store.leases.try_acquire(SENDER, "a", TTL)
    await store.leases.try_acquire(POLLER, "b", TTL)
    assert [(lease.name, lease.holder) for lease in await store.leases.all()] == [
        (POLLER, "b"), (SENDER, "a")]
    assert await store.leases.holder_of("scheduler") is None


async def test_many_askers_at_once_get_exactly_one_winner(store: Store) -> None:
    # On PostgreSQL these run on separate pooled connections, really side by side.
    results = await asyncio.gather(*(store.leases.try_acquire(SENDER, f"p{index}", TTL)
                                     for index in range(8)))
    winners = [lease.holder for lease in results if lease is not None]
    assert len(winners) == 1
    held = await store.leases.holder_of(SENDER)
    assert held is not None
    assert held.holder == winners[0]
