"""The pacer: one chat at its interval, everyone under the overall rate, pauses honoured."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Awaitable, Callable

import pytest

from notifications.pacing import Pacer


class FakeMonotonic:
    """A monotonic clock the test moves by hand; sleeping on it moves it instead of waiting."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        """Record the wait and let the time pass at once (a sleep takes at least 1 ns, as
        real ones do, so rounding cannot stall a loop that waits for the clock to move)."""
        self.slept.append(seconds)
        self.now += max(seconds, 1e-9)


@pytest.fixture
def monotonic(monkeypatch: pytest.MonkeyPatch) -> FakeMonotonic:
    """The pacer's clock; `asyncio.sleep` advances it rather than waiting."""
    fake = FakeMonotonic()
    real_sleep: Callable[[float], Awaitable[None]] = asyncio.sleep

    async def sleep(seconds: float) -> None:
        await fake.sleep(seconds)
        await real_sleep(0)

    monkeypatch.setattr(asyncio, "sleep", sleep)
    return fake


def test_the_first_message_to_a_chat_goes_at_once(monotonic: FakeMonotonic) -> None:
    pacer = Pacer(30, 1.0, clock=monotonic)
    assert pacer.chat_delay(100) == 0.0
    assert pacer.reserve_chat(100) == 0.0


def test_messages_to_one_chat_are_spaced_by_the_interval(monotonic: FakeMonotonic) -> None:
    pacer = Pacer(30, 1.0, clock=monotonic)
    assert [pacer.reserve_chat(100) for _ in range(4)] == [0.0, 1.0, 2.0, 3.0]
    assert pacer.chat_delay(100) == 4.0
    monotonic.now += 2.5
    assert pacer.chat_delay(100) == 1.5
    assert pacer.reserve_chat(100) == 1.5


def test_other_chats_are_not_held_up_by_a_busy_one(monotonic: FakeMonotonic) -> None:
    pacer = Pacer(30, 1.0, clock=monotonic)
    for _ in range(5):
        pacer.reserve_chat(100)
    assert pacer.chat_delay(200) == 0.0
    assert pacer.reserve_chat(200) == 0.0
    assert pacer.reserve_chat(200) == 1.0


def test_a_chat_quiet_for_longer_than_the_interval_goes_at_once(
        monotonic: FakeMonotonic) -> None:
    pacer = Pacer(30, 1.0, clock=monotonic)
    pacer.reserve_chat(100)
    monotonic.now += 1.0
    assert pacer.reserve_chat(100) == 0.0
    monotonic.now += 60
    assert pacer.chat_delay(100) == 0.0
    assert pacer.reserve_chat(100) == 0.0


def test_pausing_a_chat_delays_only_that_chat(monotonic: FakeMonotonic) -> None:
    pacer = Pacer(30, 1.0, clock=monotonic)
    pacer.pause_chat(100, 30)
    assert pacer.chat_delay(100) == 30.0
    assert pacer.chat_delay(200) == 0.0
    pacer.pause_chat(100, 5)  # a shorter pause does not cut the longer one short
    assert pacer.reserve_chat(100) == 30.0


@pytest.mark.parametrize(("per_second", "capacity"), [(30.0, 3.0), (100.0, 10.0), (5.0, 1.0),
                                                      (0.5, 1.0)])
def test_the_bucket_holds_a_tenth_of_a_second_and_at_least_one(
        monotonic: FakeMonotonic, per_second: float, capacity: float) -> None:
    assert Pacer(per_second, 1.0, clock=monotonic).capacity == capacity


async def test_a_full_bucket_sends_its_capacity_without_waiting(
        monotonic: FakeMonotonic) -> None:
    pacer = Pacer(30, 1.0, clock=monotonic)
    for _ in range(3):
        await pacer.acquire()
    assert monotonic.slept == []


async def test_past_the_bucket_sends_are_spaced_at_the_overall_rate(
        monotonic: FakeMonotonic) -> None:
    pacer = Pacer(30, 1.0, clock=monotonic)
    start = monotonic.now
    times = []
    for _ in range(33):
        await pacer.acquire()
        times.append(monotonic.now - start)
    assert times[:3] == [0.0, 0.0, 0.0]
    gaps = [later - earlier for earlier, later in itertools.pairwise(times[2:])]
    assert gaps == pytest.approx([1 / 30] * 30)
    assert times[-1] == pytest.approx(1.0)


async def test_the_rate_over_any_second_stays_within_rate_plus_bucket(
        monotonic: FakeMonotonic) -> None:
    pacer = Pacer(30, 1.0, clock=monotonic)
    start = monotonic.now
    times = []
    for _ in range(300):
        await pacer.acquire()
        times.append(monotonic.now - start)
    for first in times:
        in_window = [t for t in times if first <= t < first + 1.0 - 1e-9]
        assert len(in_window) <= 30 + 3


async def test_an_idle_bucket_refills_only_to_its_capacity(monotonic: FakeMonotonic) -> None:
    pacer = Pacer(30, 1.0, clock=monotonic)
    monotonic.now += 3600
    for _ in range(3):
        await pacer.acquire()
    assert monotonic.slept == []
    await pacer.acquire()
    assert sum(monotonic.slept) == pytest.approx(1 / 30)


async def test_a_pause_holds_every_send_until_it_ends(monotonic: FakeMonotonic) -> None:
    pacer = Pacer(30, 1.0, clock=monotonic)
    start = monotonic.now
    pacer.pause(3)
    await pacer.acquire()
    assert monotonic.now - start >= 3.0
    assert monotonic.slept[0] == pytest.approx(3.0)


async def test_a_pause_is_not_shortened_by_a_shorter_one(monotonic: FakeMonotonic) -> None:
    pacer = Pacer(30, 1.0, clock=monotonic)
    start = monotonic.now
    pacer.pause(10)
    pacer.pause(2)
    await pacer.acquire()
    assert monotonic.now - start >= 10.0


async def test_after_a_pause_sending_restarts_from_an_empty_bucket(
        monotonic: FakeMonotonic) -> None:
    # Right after a 429 the bot must not burst: the first send waits for a fresh token.
    pacer = Pacer(30, 1.0, clock=monotonic)
    start = monotonic.now
    pacer.pause(3)
    times = []
    for _ in range(3):
        await pacer.acquire()
        times.append(monotonic.now - start)
    assert times == pytest.approx([3 + 1 / 30, 3 + 2 / 30, 3 + 3 / 30])


def test_chats_whose_slot_has_passed_are_forgotten_when_many(monotonic: FakeMonotonic) -> None:
    pacer = Pacer(30, 1.0, clock=monotonic)
    for chat in range(50_000):
        pacer.reserve_chat(chat)
    monotonic.now += 2
    pacer.reserve_chat(-1)  # the 50,001st chat triggers the clean-up
    assert pacer.chat_delay(5) == 0.0
    assert pacer.chat_delay(-1) == 1.0
    assert len(pacer._chat_slots) == 1
