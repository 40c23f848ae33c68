"""The dispatcher under the sender lease: only its holder sends, and it stops at once on
losing it, leaving the rows in its hands for the next sender (bot/runtime/roles.py)."""

from __future__ import annotations

import asyncio

from notifications.dispatcher import Dispatcher
from office.settings import NotificationSettings, Settings
from storage.models import DeliveryStatus
from storage.store import Store
from tests.conftest import FakeClock
from tests.notifications.test_dispatcher import (
    FakeBot,
    GatedBot,
    advance,
    all_rows,
    config,
    followed,
    make_dispatcher,
    sleeps,
)

__all__ = ["config", "sleeps"]  # fixtures from the dispatcher's own tests


async def test_a_process_without_the_sender_lease_sends_nothing(
        store: Store, settings: Settings, config: NotificationSettings, clock: FakeClock,
        sleeps: list[float]) -> None:
    bot = FakeBot(clock)
    standby = make_dispatcher(store, settings, config, clock, bot, holder="vm2-52-b",
                              active=lambda: False)
    await advance(store, await followed(store, 100, 200))
    standby.wake()
    await standby.drain()
    await standby.sweep()
    assert bot.sent == []
    assert {row.status for row in await all_rows(store)} == {DeliveryStatus.PENDING}


async def test_a_sender_that_loses_its_lease_stops_and_the_next_sends_the_rest_once(
        store: Store, settings: Settings, config: NotificationSettings, clock: FakeClock,
        sleeps: list[float]) -> None:
    holding = [True]
    bot = GatedBot(clock)
    first = make_dispatcher(store, settings, config, clock, bot, max_sending=1,
                            holder="vm1-41-a", active=lambda: holding[0])
    await advance(store, await followed(store, 100, 200, 300))
    draining = asyncio.create_task(first.drain())
    await bot.until_held(1)  # one send on the wire, two waiting for the connection

    holding[0] = False
    bot.gate.set()
    await draining
    [on_the_wire] = [sent.chat_id for sent in bot.sent]
    rows = await store.database.fetch_all("SELECT chat_id, status, claimed_by FROM outbox")
    assert {int(row[0]): (row[1], row[2]) for row in rows} == {
        chat: ("sent" if chat == on_the_wire else "sending", "vm1-41-a")
        for chat in (100, 200, 300)}

    second = make_dispatcher(store, settings, config, clock, bot, holder="vm2-52-b")
    assert await store.outbox.requeue_expired(second.held(), second.holder) == 2
    await second.drain()
    assert sorted(sent.chat_id for sent in bot.sent) == [100, 200, 300]
    assert {row.status for row in await all_rows(store)} == {DeliveryStatus.SENT}


async def test_taking_over_is_ignored_without_a_job_queue_and_once_stopping(
        store: Store, settings: Settings, config: NotificationSettings, clock: FakeClock,
        sleeps: list[float]) -> None:
    dispatcher: Dispatcher = make_dispatcher(store, settings, config, clock, FakeBot(clock))
    dispatcher.take_over()  # no job queue attached: nothing to schedule, nothing raised
    await dispatcher.stop()
    dispatcher.take_over()
