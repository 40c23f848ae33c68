"""Failover with real processes: several `etracking run` on one PostgreSQL database.

Each test starts instances as separate processes against the sandbox, kills one with
SIGKILL while it holds a lease, and checks that another takes over within 15 s (lease
10 s + renewal 3 s at most) and that nothing is lost or done twice. They print the measured
takeover times and duplicate counts (`pytest -s -m failover` shows them).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from office.settings import Settings
from sandbox import FloodLimits, Sandbox
from storage.models import DeliveryStatus
from storage.store import Store
from tests.conftest import POSTGRES_URL, eventually, one_worker_at_a_time, postgres_schema
from tests.e2e.conftest import BOT_USERNAME, TOKEN
from tests.operations.failover import holder, instance_env, instances, own_cluster, seeded

pytestmark = [pytest.mark.failover,
              pytest.mark.skipif(not POSTGRES_URL, reason="needs ETRACK_TEST_POSTGRES_URL")]
TAKEOVER_SECONDS = 15.0


@pytest.fixture(autouse=True)
def one_failover_at_a_time(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Under `pytest -n`, one of these tests at a time: each starts three bots and a
    2,000-user sandbox, and two at once on two cores would test the machine, not the leases."""
    with one_worker_at_a_time(tmp_path_factory, "failover"):
        yield
FOLLOWERS = 2000


def now() -> float:
    """The test's clock for measuring takeovers."""
    return asyncio.get_running_loop().time()


async def test_a_killed_sender_is_replaced_and_every_follower_is_told(
        tmp_path: Path, settings: Settings) -> None:
    # Pace and limits scaled up together (as in tests/reliability) so 2,000 take seconds.
    async with (postgres_schema() as url,
                Sandbox(TOKEN, BOT_USERNAME,
                        limits=FloodLimits(global_per_second=250.0)) as sandbox):
        admin = sandbox.add_user("Made", language_code="id")
        people = [sandbox.add_user(f"Pemohon {index}", language_code="id")
                  for index in range(FOLLOWERS)]
        number = await seeded(url, settings, people)
        env = instance_env(sandbox, url, tmp_path, admin,
                           ETRACK_NOTIFICATIONS__MESSAGES_PER_SECOND="200")
        store = await Store.open(url, settings.catalogue(), settings.calendar())
        try:
            async with instances(3, env) as bots:
                sender, identity = await holder(bots, "sender")
                await admin.send(f"/advance {number}")
                await sandbox.wait_for(lambda: sandbox.count("sendMessage", 200) >= 500,
                                       timeout=30, what="a quarter of the fan-out sent")
                sender.process.kill()
                killed_at = now()
                # Rows in the dead sender's hands: claimed under its lease, not yet recorded.
                in_flight = {int(row[0]) for row in await store.database.fetch_all(
                    "SELECT chat_id FROM outbox WHERE status = 'sending' AND claimed_by = ?",
                    (identity,))}
                survivors = [bot for bot in bots if bot is not sender]
                _, successor = await holder(survivors, "sender", timeout=TAKEOVER_SECONDS)
                takeover = now() - killed_at
                await eventually(lambda: all_sent(store, FOLLOWERS), timeout=60,
                                 what="every notice recorded as sent")
        finally:
            await store.close()
        told = {person.id: [m for m in person.messages
                            if (m.text or "").startswith(f"🔔 {number} berpindah tahap")]
                for person in people}
        lost = [chat for chat, messages in told.items() if not messages]
        duplicated = {chat for chat, messages in told.items() if len(messages) > 1}
        print(f"\nsender failover: takeover {takeover:.1f} s ({identity} -> {successor}); "
              f"{len(in_flight)} rows in flight at the kill, {len(duplicated)} duplicates, "
              f"{len(lost)} lost")
        assert successor != identity
        assert takeover <= TAKEOVER_SECONDS
        assert lost == []
        assert sandbox.count("sendMessage", 429) == 0
        # Only rows whose lease had not run out (in the dead sender's hands) went twice.
        assert duplicated <= in_flight


async def all_sent(store: Store, expected: int) -> bool:
    """Whether every notice row is recorded as sent."""
    return (await store.outbox.counts())[DeliveryStatus.SENT] >= expected


async def test_a_killed_poller_is_replaced_and_no_update_is_answered_twice(
        tmp_path: Path, settings: Settings) -> None:
    async with (postgres_schema() as url,
                Sandbox(TOKEN, BOT_USERNAME, limits=FloodLimits(enabled=False)) as sandbox):
        admin = sandbox.add_user("Made", language_code="id")
        before = [sandbox.add_user(f"Sebelum {index}", language_code="id") for index in range(3)]
        after = [sandbox.add_user(f"Sesudah {index}", language_code="id") for index in range(3)]
        number = await seeded(url, settings, [])
        env = instance_env(sandbox, url, tmp_path, admin)
        async with instances(2, env) as bots:
            poller, identity = await holder(bots, "poller")
            for person in before:
                await person.send(f"/status {number}")
            for person in before:
                assert number in ((await person.next_message(timeout=10)).text or "")
            # Handled, and the offset stored with the lease (it is sent with the next poll).
            await sandbox.wait_for(lambda: sandbox.pending_updates == [], timeout=10)
            poller.process.kill()
            killed_at = now()
            for person in after:
                await person.send(f"/status {number}")
            answered = [await person.next_message(timeout=TAKEOVER_SECONDS + 5)
                        for person in after]
            resumed = now() - killed_at
            [survivor] = [bot for bot in bots if bot is not poller]
            await survivor.wait_for_line("took the poller lease")
            await survivor.wait_for_line("polling Telegram from offset")
        print(f"\npoller failover: lookups answered again {resumed:.1f} s after the kill "
              f"({identity} -> the survivor)")
        assert all(number in (message.text or "") for message in answered)
        assert resumed <= TAKEOVER_SECONDS
        # Every lookup answered exactly once, before and after the kill.
        assert [len(person.messages) for person in before + after] == [1] * 6


async def test_the_digest_goes_out_once_when_the_scheduler_dies_just_before_it(
        tmp_path: Path, settings: Settings) -> None:
    calendar = settings.calendar()
    local = datetime.now(UTC).astimezone(settings.office.zone)
    if not calendar.is_working_day(local.date()) or (local.hour == 23 and local.minute >= 58):
        pytest.skip("the digest runs on the office's working days only")
    # Soon enough that the holder is killed a few seconds before it, after the instances start.
    digest_at = (local + timedelta(seconds=12)).time().replace(microsecond=0)
    async with (postgres_schema() as url,
                Sandbox(TOKEN, BOT_USERNAME, limits=FloodLimits(enabled=False)) as sandbox):
        admin = sandbox.add_user("Made", language_code="id")
        await seeded(url, settings, [])
        env = instance_env(sandbox, url, tmp_path, admin,
                           ETRACK_NOTIFICATIONS__DIGEST_TIME=digest_at.isoformat())
        async with instances(2, env) as bots:
            scheduler, _ = await holder(bots, "scheduler")
            scheduler.process.kill()
            killed_before = (datetime.combine(local.date(), digest_at, settings.office.zone)
                             - datetime.now(UTC)).total_seconds()
            [survivor] = [bot for bot in bots if bot is not scheduler]
            await survivor.wait_for_line("daily digest queued for 1 chats", timeout=40)
            digest = await admin.next_message(timeout=10)
        store = await Store.open(url, settings.catalogue(), settings.calendar())
        try:
            queued = await store.database.fetch_value(
                "SELECT COUNT(*) FROM outbox WHERE kind = 'digest'")
        finally:
            await store.close()
    print(f"\nscheduler failover: holder killed {killed_before:.1f} s before the digest time; "
          "the survivor sent it")
    assert killed_before > 0
    assert "Ringkasan harian" in (digest.text or "")
    assert queued == 1
    assert len(admin.messages) == 1


async def test_instances_ride_out_a_database_outage_without_a_restart(
        tmp_path: Path, settings: Settings) -> None:
    async with (own_cluster() as cluster,
                Sandbox(TOKEN, BOT_USERNAME,
                        limits=FloodLimits(global_per_second=250.0)) as sandbox):
        admin = sandbox.add_user("Made", language_code="id")
        people = [sandbox.add_user(f"Pemohon {index}", language_code="id")
                  for index in range(300)]
        late = sandbox.add_user("Terlambat", language_code="id")
        number = await seeded(cluster.url, settings, people)
        env = instance_env(sandbox, cluster.url, tmp_path, admin,
                           ETRACK_NOTIFICATIONS__MESSAGES_PER_SECOND="50")
        async with instances(2, env) as bots:
            await holder(bots, "sender")
            await admin.send(f"/advance {number}")
            await sandbox.wait_for(lambda: sandbox.count("sendMessage", 200) >= 60,
                                   timeout=30, what="a fifth of the fan-out sent")
            await cluster.stop()
            stopped_at = now()
            await late.send(f"/status {number}")  # arrives while the database is gone

            async def renewals_failed() -> bool:
                return all(sum("could not renew the sender lease" in line
                               for line in bot.lines) >= 4 for bot in bots)

            # Held down for about 10 s: until each instance failed to renew four times, 3 s
            # apart (so every lease has lapsed).
            await eventually(renewals_failed, timeout=30, what="four failed renewals each")
            outage = now() - stopped_at
            await cluster.start()
            started_at = now()
            answer = await late.next_message(timeout=30)
            recovered = now() - started_at
            store = await Store.open(cluster.url, settings.catalogue(), settings.calendar())
            try:
                await eventually(lambda: all_sent(store, len(people)), timeout=60,
                                 what="every notice recorded as sent")
            finally:
                await store.close()
            assert all(bot.process.returncode is None for bot in bots)  # never restarted
        told = [sum((m.text or "").startswith(f"🔔 {number} berpindah tahap")
                    for m in person.messages) for person in people]
        print(f"\ndatabase outage of {outage:.1f} s: lookups answered {recovered:.1f} s after "
              f"it came back; {told.count(0)} followers lost, "
              f"{sum(count - 1 for count in told if count > 1)} duplicates")
        assert number in (answer.text or "")
        assert told.count(0) == 0
