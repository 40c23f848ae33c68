"""Flood limits, server errors, dropped connections, slowness and outages, as PTB sees them."""

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from telegram import Bot
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut

from sandbox import Faults, FloodLimits, Sandbox
from sandbox.faults import Fate, FaultInjector
from tests.sandbox.conftest import TOKEN, FakeClock, bot_for


@pytest.fixture
async def limited(clock: FakeClock) -> AsyncIterator[Sandbox]:
    """A sandbox enforcing flood limits on a hand-driven clock."""
    limits = FloodLimits(global_per_second=30, private_per_second=1.0, private_burst=3)
    async with Sandbox(TOKEN, limits=limits, clock=clock) as running:
        yield running


@pytest.fixture
async def limited_bot(limited: Sandbox) -> AsyncIterator[Bot]:
    """A bot talking to the limited sandbox."""
    async with bot_for(limited) as ready:
        yield ready


async def test_fourth_rapid_message_to_one_chat_is_refused(
    limited: Sandbox, limited_bot: Bot, clock: FakeClock
) -> None:
    alice = limited.add_user("Ayu")
    for n in range(3):
        await limited_bot.send_message(alice.id, f"pesan {n}")
    with pytest.raises(RetryAfter) as refused:
        await limited_bot.send_message(alice.id, "pesan 3")
    assert refused.value.retry_after == timedelta(seconds=1)
    clock.advance(0.4)
    with pytest.raises(RetryAfter):  # retrying early is refused again
        await limited_bot.send_message(alice.id, "pesan 3")
    clock.advance(0.6)
    await limited_bot.send_message(alice.id, "pesan 3")
    assert [m.text for m in alice.messages] == ["pesan 0", "pesan 1", "pesan 2", "pesan 3"]
    assert limited.count("sendMessage", 429) == 2


async def test_early_retry_is_told_the_remaining_time(
    limited: Sandbox, limited_bot: Bot, clock: FakeClock
) -> None:
    limited.limits = FloodLimits(private_per_second=0.25, private_burst=1)
    alice = limited.add_user("Ayu")
    await limited_bot.send_message(alice.id, "satu")
    with pytest.raises(RetryAfter) as first:
        await limited_bot.send_message(alice.id, "dua")
    assert first.value.retry_after == timedelta(seconds=4)
    clock.advance(1.5)
    with pytest.raises(RetryAfter) as early:
        await limited_bot.send_message(alice.id, "dua")
    assert early.value.retry_after == timedelta(seconds=3)


async def test_other_chats_and_non_sending_methods_are_not_limited(
    limited: Sandbox, limited_bot: Bot
) -> None:
    alice, bob = limited.add_user("Ayu"), limited.add_user("Budi")
    for _ in range(3):
        await limited_bot.send_message(alice.id, "x")
    await limited_bot.send_message(bob.id, "y")
    await limited_bot.send_chat_action(alice.id, "typing")
    await limited_bot.get_me()


async def test_global_and_group_limits(
    limited: Sandbox, limited_bot: Bot, clock: FakeClock
) -> None:
    limited.limits = FloodLimits(global_per_second=5, group_per_minute=20)
    users = [limited.add_user(f"U{n}") for n in range(6)]
    for user in users[:5]:
        await limited_bot.send_message(user.id, "pengumuman")
    with pytest.raises(RetryAfter):
        await limited_bot.send_message(users[5].id, "pengumuman")
    clock.advance(1)
    limited.limits = FloodLimits(global_per_second=1000, group_per_minute=20)
    group = limited.add_group("Staf", users[:1])
    for _ in range(20):
        await limited_bot.send_message(group.id, "rekap")
    with pytest.raises(RetryAfter) as refused:
        await limited_bot.send_message(group.id, "rekap")
    assert refused.value.retry_after == timedelta(seconds=3)  # one token per 60/20 s


async def test_injected_retry_after(sandbox: Sandbox, bot: Bot) -> None:
    alice = sandbox.add_user("Ayu")
    sandbox.inject_retry_after(alice.id, 7, count=2)
    for _ in range(2):
        with pytest.raises(RetryAfter) as refused:
            await bot.send_message(alice.id, "x")
        assert refused.value.retry_after == timedelta(seconds=7)
    await bot.send_message(alice.id, "x")


@pytest.mark.parametrize(("seed", "status"), [(1, 500), (0, 502)])
async def test_server_errors_are_network_errors(
    sandbox: Sandbox, bot: Bot, seed: int, status: int
) -> None:
    alice = sandbox.add_user("Ayu")
    sandbox.faults = Faults(error_rate=1.0, seed=seed)
    with pytest.raises(NetworkError) as failed:
        await bot.send_message(alice.id, "x")
    assert not isinstance(failed.value, BadRequest | TimedOut)
    expected = "Internal Server Error" if status == 500 else "Bad Gateway (502)"
    assert str(failed.value).startswith(expected)
    assert sandbox.count("sendMessage", status) == 1
    assert alice.messages == []
    await bot.get_me()  # faults apply to sending methods only by default


async def test_reset_before_processing_loses_the_message(sandbox: Sandbox, bot: Bot) -> None:
    alice = sandbox.add_user("Ayu")
    sandbox.faults = Faults(reset_rate=1.0)
    with pytest.raises(NetworkError, match=r"Server disconnected"):
        await bot.send_message(alice.id, "x")
    assert alice.messages == []
    assert sandbox.requests[-1].status == 0


async def test_reset_after_processing_delivers_silently(sandbox: Sandbox, bot: Bot) -> None:
    alice = sandbox.add_user("Ayu")
    sandbox.faults = Faults(reset_after_processing_rate=1.0)
    with pytest.raises(NetworkError):
        await bot.send_message(alice.id, "terkirim tapi tak diketahui")
    assert [m.text for m in alice.messages] == ["terkirim tapi tak diketahui"]


async def test_slow_answer_times_out_but_still_delivers(sandbox: Sandbox, bot: Bot) -> None:
    alice = sandbox.add_user("Ayu")
    sandbox.faults = Faults(latency=0.5)
    with pytest.raises(TimedOut):
        await bot.send_message(alice.id, "lambat", read_timeout=0.1)
    await sandbox.wait_for(lambda: len(alice.messages) == 1, timeout=3)


async def test_outage_then_recovery(sandbox: Sandbox, bot: Bot) -> None:
    sandbox.outage_start()
    with pytest.raises(NetworkError):
        await bot.get_me()
    sandbox.outage_end()
    await bot.get_me()
    assert [r.status for r in sandbox.requests if r.method == "getMe"][-2:] == [0, 200]


async def test_outage_cuts_a_waiting_long_poll(sandbox: Sandbox, bot: Bot) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    await sandbox.wait_for(lambda: sandbox.polls_started == 1)
    sandbox.outage_start()
    with pytest.raises(NetworkError):
        await poll
    sandbox.outage_end()
    assert await bot.get_updates() == ()


async def test_timed_outage_ends_by_itself(clock: FakeClock) -> None:
    async with Sandbox(TOKEN, clock=clock) as sandbox, bot_for(sandbox) as bot:
        sandbox.outage(30)
        with pytest.raises(NetworkError):
            await bot.get_me()
        clock.advance(30)
        await bot.get_me()


async def test_faults_can_cover_get_updates(sandbox: Sandbox, bot: Bot) -> None:
    sandbox.faults = Faults(error_rate=1.0, methods=frozenset({"getUpdates"}))
    with pytest.raises(NetworkError):
        await bot.get_updates()
    alice = sandbox.add_user("Ayu")
    await bot.send_message(alice.id, "tetap jalan")


def test_fault_draws_replay_with_the_same_seed() -> None:
    faults = Faults(error_rate=0.3, reset_rate=0.2, reset_after_processing_rate=0.1, seed=42)
    first, second = FaultInjector(faults), FaultInjector(faults)
    fates = [first.plan("sendMessage").fate for _ in range(200)]
    assert fates == [second.plan("sendMessage").fate for _ in range(200)]
    assert set(fates) == set(Fate)
    assert FaultInjector(faults).plan("getMe").fate is Fate.NORMAL
