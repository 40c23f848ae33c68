"""Roles: which process sends, runs the scheduled work and polls, by leases it keeps renewed."""

from __future__ import annotations

from bot.runtime.roles import Roles
from office.settings import InstanceSettings
from storage.leases import POLLER, SCHEDULER, SENDER
from storage.store import Store
from tests.conftest import FakeClock, eventually

QUICK = InstanceSettings(lease_seconds=0.4, renew_seconds=0.1)


async def test_on_sqlite_every_role_is_held_until_released() -> None:
    roles = Roles(None, InstanceSettings())
    assert not roles.shared
    assert all(roles.holds(role) for role in (SENDER, SCHEDULER, POLLER))
    assert await roles.lead(SCHEDULER)
    await roles.release()
    assert not roles.holds(SENDER)


async def test_one_process_takes_each_role_and_the_other_stands_by(store: Store) -> None:
    first = Roles(store.leases, InstanceSettings(), identity="vm1-41-a")
    second = Roles(store.leases, InstanceSettings(), identity="vm2-52-b")
    heard: list[tuple[str, bool]] = []
    second.on_change(SENDER, lambda gained: heard.append(("vm2", gained)))
    await first.refresh()
    await second.refresh()
    assert [first.holds(role) for role in (SENDER, SCHEDULER, POLLER)] == [True] * 3
    assert [second.holds(role) for role in (SENDER, SCHEDULER, POLLER)] == [False] * 3
    assert heard == []

    # A clean stop hands every role over at the next renewal.
    await first.release()
    assert not first.holds(SENDER)
    await second.refresh()
    assert second.holds(SENDER)
    assert heard == [("vm2", True)]


async def test_a_holder_that_cannot_renew_stops_by_its_own_clock(store: Store) -> None:
    roles = Roles(store.leases, QUICK, identity="vm1-41-a")
    lost: list[bool] = []
    roles.on_change(SENDER, lambda gained: lost.append(gained))
    await roles.refresh()
    assert roles.holds(SENDER)

    async def stopped() -> bool:
        return not roles.holds(SENDER)

    # No renewal (a stuck loop, a database out of reach): the role ends at its deadline,
    # whatever the database still says.
    await eventually(stopped, timeout=5, what="the sender role lapsed")
    assert lost == [True]


async def test_a_standby_leads_a_scheduled_run_only_once_the_holder_is_gone(
        store: Store, clock: FakeClock) -> None:
    holder = Roles(store.leases, QUICK, identity="vm1-41-a")
    standby = Roles(store.leases, QUICK, identity="vm2-52-b")
    await holder.refresh()
    await standby.refresh()
    assert await holder.lead(SCHEDULER)
    # The holder lives on (its lease does not lapse): the standby gives up after the grace.
    assert not await standby.lead(SCHEDULER)

    clock.advance(seconds=1)  # the holder died: its lease lapsed in the database
    await standby.refresh()
    assert await standby.lead(SCHEDULER)


async def test_a_webhook_process_gives_up_the_poller_lease_for_good(store: Store) -> None:
    roles = Roles(store.leases, InstanceSettings(), identity="vm1-41-a")
    await roles.refresh()
    await roles.give_up(POLLER)
    await roles.refresh()
    assert not roles.holds(POLLER)
    assert roles.holds(SENDER)
    lease = await store.leases.holder_of(POLLER)
    assert lease is not None
    assert lease.expires_at < store.clock()  # given back, free for a polling process
