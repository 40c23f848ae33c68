"""The dispatcher against a scripted fake bot: every Telegram failure leaves the right trace."""

from __future__ import annotations

import asyncio
import json
import random
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, cast

import pytest
from telegram import Bot
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TimedOut,
)

import storage.sqlite
from notifications.backoff import retry_delay
from notifications.composer import Composer
from notifications.dispatcher import LEASE, Dispatcher, sends_on_the_wire
from notifications.pacing import Pacer
from office.settings import NotificationSettings, Settings
from storage.models import Application, DeliveryStatus, OutboxMessage
from storage.store import Store
from storage.workflow import Action
from tests.conftest import FakeClock, eventually, refusals_of

STAFF = 7
SEED = 2026
BLOCKED = "Forbidden: bot was blocked by the user"
BAD_HTML = "Can't parse entities: can't find end of the entity starting at byte offset 12"
CHANGE_ID = ("🔔 <b>JBR-2026-000001</b> berpindah tahap\n"
             "Berkas diterima → <b>Verifikasi berkas</b>\n"
             "Target selesai: 1 Des 2026\n"
             "⏱ Biasanya selesai 20 hari kerja lagi, sekitar 30 Nov 2026")


@dataclass(frozen=True)
class Sent:
    """One message the fake bot accepted, and when (by the test's clock)."""

    chat_id: int
    text: str
    at: datetime


class FakeBot:
    """Stands in for telegram.Bot: fails as scripted per chat, otherwise accepts."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.script: dict[int, list[Exception]] = {}
        self.always: dict[int, Exception] = {}
        self.calls: list[int] = []
        self.sent: list[Sent] = []

    def fail(self, chat_id: int, *errors: Exception) -> None:
        """Answer the next sends to the chat with these errors, in order."""
        self.script.setdefault(chat_id, []).extend(errors)

    async def send_message(self, chat_id: int, text: str, reply_markup: Any = None) -> object:
        """Raise the chat's next scripted error, or accept the message."""
        self.calls.append(chat_id)
        if chat_id in self.always:
            raise self.always[chat_id]
        if self.script.get(chat_id):
            raise self.script[chat_id].pop(0)
        self.sent.append(Sent(chat_id, text, self.clock.now))
        return object()


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch, clock: FakeClock) -> list[float]:
    """Waits the dispatcher asked for; `asyncio.sleep` moves the FakeClock instead of waiting."""
    asked: list[float] = []
    real_sleep: Callable[[float], Awaitable[None]] = asyncio.sleep

    async def sleep(seconds: float) -> None:
        asked.append(seconds)
        if seconds > 0:
            clock.advance(seconds=max(seconds, 1e-6))  # the clock counts whole microseconds
        await real_sleep(0)

    monkeypatch.setattr(asyncio, "sleep", sleep)
    return asked


@pytest.fixture
def config(settings: Settings) -> NotificationSettings:
    """Small backoff and few attempts, so a test walks a message to its end quickly."""
    return settings.notifications.model_copy(update={
        "backoff_base_seconds": 1.0, "backoff_max_seconds": 4.0, "max_attempts": 3})


@pytest.fixture
def bot(clock: FakeClock) -> FakeBot:
    """The fake Telegram."""
    return FakeBot(clock)


def make_dispatcher(store: Store, settings: Settings, config: NotificationSettings,
                    clock: FakeClock, bot: FakeBot, **options: Any) -> Dispatcher:
    """A dispatcher on the fake bot, paced by the test's clock, with no job queue."""
    dispatcher = Dispatcher(store, Composer(store, settings), config, rng=random.Random(SEED),
                            **options)
    start = clock.now
    dispatcher.pacer = Pacer(config.messages_per_second, config.per_chat_interval_seconds,
                             clock=lambda: (clock.now - start).total_seconds())
    dispatcher._bot = cast(Bot, bot)
    return dispatcher


@pytest.fixture
def dispatcher(store: Store, settings: Settings, config: NotificationSettings,
               clock: FakeClock, bot: FakeBot, sleeps: list[float]) -> Dispatcher:
    """The dispatcher under test."""
    return make_dispatcher(store, settings, config, clock, bot)


async def followed(store: Store, *chats: int, permit_type: str = "PBG") -> Application:
    """A new application followed by the given chats."""
    created, _ = await store.applications.create(permit_type, "Ni Made Ayu", staff_id=STAFF)
    for chat in chats:
        await store.followers.follow(created, chat, limit=20)
    return created


async def advance(store: Store, application: Application) -> None:
    """Move the application one stage on, which queues a change for each follower."""
    await store.applications.change(application.number, Action.ADVANCE, staff_id=STAFF)


async def row_for(store: Store, chat_id: int) -> OutboxMessage:
    """The single outbox row of a chat."""
    ids = await store.database.fetch_all("SELECT id FROM outbox WHERE chat_id = ?", (chat_id,))
    [[only]] = ids
    return await store.outbox.get(int(only))


async def all_rows(store: Store) -> list[OutboxMessage]:
    """Every outbox row in id order."""
    ids = await store.database.fetch_all("SELECT id FROM outbox ORDER BY id")
    return [await store.outbox.get(int(row[0])) for row in ids]


def state(row: OutboxMessage) -> tuple[str, int, str]:
    """Status, attempts and last error of a row."""
    return row.status.value, row.attempts, row.last_error


def first_delays(attempts: int) -> list[float]:
    """The delays the dispatcher's seeded generator gives for attempts 1, 2, …"""
    rng = random.Random(SEED)
    return [retry_delay(attempt, 1.0, 4.0, rng) for attempt in range(1, attempts + 1)]


class GatedBot(FakeBot):
    """Holds every send until the test opens the gate, counting how many are held at once."""

    def __init__(self, clock: FakeClock) -> None:
        super().__init__(clock)
        self.gate = asyncio.Event()
        self.held = 0
        self.most_held = 0
        self._arrived = asyncio.Event()

    async def send_message(self, chat_id: int, text: str, reply_markup: Any = None) -> object:
        """Wait for the gate, then accept or fail as the FakeBot would."""
        self.held += 1
        self.most_held = max(self.most_held, self.held)
        self._arrived.set()
        await self.gate.wait()
        self.held -= 1
        return await super().send_message(chat_id, text, reply_markup)

    async def until_held(self, count: int, timeout: float = 60.0) -> None:  # noqa: ASYNC109
        """Wait until `count` sends are held, failing after `timeout` seconds.

        Waits on an event, not by polling: these tests turn `asyncio.sleep` into a clock step,
        so a polling loop would spin and starve the database thread on a loaded machine.
        """
        async def arrivals() -> None:
            while self.held < count:
                self._arrived.clear()
                await self._arrived.wait()

        try:
            await asyncio.wait_for(arrivals(), timeout)
        except TimeoutError:
            raise AssertionError(f"{count} sends held did not happen within {timeout} s "
                                 f"(held: {self.held})") from None


# Success.

async def test_every_follower_gets_the_change_and_rows_are_marked_sent(
        store: Store, dispatcher: Dispatcher, bot: FakeBot) -> None:
    application = await followed(store, 100, 200, 300)
    await advance(store, application)
    await dispatcher.drain()
    assert sorted((s.chat_id, s.text) for s in bot.sent) == [
        (100, CHANGE_ID), (200, CHANGE_ID), (300, CHANGE_ID)]
    assert [state(row) for row in await all_rows(store)] == [("sent", 1, "")] * 3
    assert dispatcher.sent == 3


def test_sends_on_the_wire_carry_the_rate_over_half_a_second() -> None:
    assert [sends_on_the_wire(rate) for rate in (1, 30, 100, 1000, 5000)] == [
        16, 16, 50, 128, 128]


async def test_no_more_than_max_sending_messages_are_on_the_wire_at_once(
        store: Store, settings: Settings, config: NotificationSettings, clock: FakeClock,
        sleeps: list[float]) -> None:
    bot = GatedBot(clock)
    dispatcher = make_dispatcher(store, settings, config, clock, bot, max_sending=5)
    chats = range(1000, 1150)  # more than one batch of sent marks
    await advance(store, await followed(store, *chats))

    draining = asyncio.create_task(dispatcher.drain())

    await bot.until_held(5)
    for _ in range(100):
        await asyncio.sleep(0)  # the other rows in flight get every chance to send
    assert bot.most_held == 5
    bot.gate.set()
    await draining
    assert sorted(s.chat_id for s in bot.sent) == list(chats)
    assert bot.most_held == 5
    assert {state(row) for row in await all_rows(store)} == {("sent", 1, "")}


async def test_drain_with_nothing_due_sends_nothing(store: Store, dispatcher: Dispatcher,
                                                    bot: FakeBot) -> None:
    await dispatcher.drain()
    assert bot.calls == []


# 429: honoured exactly, not counted as an attempt.

async def test_a_429_pauses_everything_until_retry_after_and_costs_no_attempt(
        store: Store, dispatcher: Dispatcher, bot: FakeBot, clock: FakeClock) -> None:
    application = await followed(store, 100)
    bot.fail(100, RetryAfter(timedelta(seconds=3)))
    await advance(store, application)
    refused_at = clock.now

    await dispatcher.drain()
    row = await row_for(store, 100)
    assert state(row) == ("pending", 0, "429 retry after 3s")
    assert row.next_attempt_at == refused_at + timedelta(seconds=3)
    assert bot.sent == []

    # Another chat's message queued meanwhile waits for the pause too.
    await store.outbox.enqueue("broadcast:1", [200], "broadcast",
                               payload=json.dumps({"text": "Kantor tutup"}))
    await dispatcher.drain()
    assert [s.chat_id for s in bot.sent] == [200, 100]
    assert all(s.at >= refused_at + timedelta(seconds=3) for s in bot.sent)
    assert state(await row_for(store, 100)) == ("sent", 1, "")


async def test_after_a_429_the_row_goes_when_the_clock_passes_retry_after(
        store: Store, dispatcher: Dispatcher, bot: FakeBot, clock: FakeClock) -> None:
    application = await followed(store, 100)
    bot.fail(100, RetryAfter(timedelta(seconds=3)))
    await advance(store, application)
    await dispatcher.drain()

    clock.advance(seconds=2)
    await dispatcher.drain()
    assert bot.calls == [100]
    clock.advance(seconds=1)
    await dispatcher.drain()
    assert bot.calls == [100, 100]
    assert [s.chat_id for s in bot.sent] == [100]
    assert state(await row_for(store, 100)) == ("sent", 1, "")


# Forbidden: the user blocked the bot.

async def test_a_blocked_chat_is_paused_after_one_attempt_and_resumes_when_it_writes(
        store: Store, dispatcher: Dispatcher, bot: FakeBot, clock: FakeClock) -> None:
    application = await followed(store, 100, 200)
    bot.always[100] = Forbidden(BLOCKED)
    await advance(store, application)

    await dispatcher.drain()
    assert state(await row_for(store, 100)) == ("paused", 1, BLOCKED)
    assert (await store.followers.chat(100)).blocked
    assert [s.chat_id for s in bot.sent] == [200]

    await advance(store, application)  # queued paused: no second attempt
    clock.advance(hours=1)
    await dispatcher.drain()
    assert bot.calls.count(100) == 1
    paused = [row for row in await all_rows(store) if row.chat_id == 100]
    assert [row.status for row in paused] == [DeliveryStatus.PAUSED] * 2

    del bot.always[100]
    assert await store.followers.seen(100)  # the user wrote to the bot again
    await dispatcher.drain()
    assert [s.chat_id for s in bot.sent] == [200, 200, 100, 100]
    assert not (await store.followers.chat(100)).blocked
    assert {row.status for row in await all_rows(store)} == {DeliveryStatus.SENT}


# ChatMigrated: a group became a supergroup.

async def test_a_migrated_group_gets_the_message_at_its_new_id(
        store: Store, dispatcher: Dispatcher, bot: FakeBot) -> None:
    application = await followed(store, -555, 200)
    await store.followers.set_language(-555, "en")
    bot.always[-555] = ChatMigrated(-100123)
    await advance(store, application)

    await dispatcher.drain()
    row = await row_for(store, -100123)
    assert (row.chat_id, *state(row)) == (-100123, "sent", 1, "")
    assert bot.calls.count(-555) == 1
    [moved] = [s for s in bot.sent if s.chat_id == -100123]
    assert moved.text.startswith("🔔 <b>JBR-2026-000001</b> moved to another stage")
    assert await store.followers.chats_following(application.id) == [-100123, 200]
    assert (await store.followers.chat(-100123)).language == "en"

    await advance(store, application)
    await dispatcher.drain()
    assert bot.calls.count(-555) == 1  # later changes go to the new id directly


async def test_a_migrated_group_already_known_by_its_new_id_gets_the_message_once(
        store: Store, dispatcher: Dispatcher, bot: FakeBot) -> None:
    # The supergroup followed the application again before the bot learnt of the migration.
    application = await followed(store, -555, -100123)
    bot.always[-555] = ChatMigrated(-100123)
    await advance(store, application)

    await asyncio.wait_for(dispatcher.drain(), timeout=5)
    assert bot.calls.count(-555) == 1
    assert [s.chat_id for s in bot.sent] == [-100123]
    assert sorted((row.chat_id, row.status) for row in await all_rows(store)) == [
        (-100123, DeliveryStatus.SENT), (-555, DeliveryStatus.DROPPED)]


# BadRequest: the chat is gone, or the message itself is refused.

async def test_a_chat_that_no_longer_exists_loses_its_follows_and_its_messages(
        store: Store, dispatcher: Dispatcher, bot: FakeBot) -> None:
    first = await followed(store, 100, 200)
    second = await followed(store, 100)
    await store.followers.set_language(100, "en")
    bot.always[100] = BadRequest("Chat not found")
    await advance(store, first)

    await dispatcher.drain()
    assert state(await row_for(store, 100)) == ("dropped", 1, "Chat not found")
    assert await store.followers.followed_by(100) == []
    assert await store.followers.chats_following(first.id) == [200]
    assert (await store.followers.chat(100)).language == "id"  # its settings are gone too

    await advance(store, second)
    await dispatcher.drain()
    assert bot.calls.count(100) == 1
    assert [s.chat_id for s in bot.sent] == [200]


async def test_a_message_telegram_refuses_is_dead_at_once(
        store: Store, dispatcher: Dispatcher, bot: FakeBot, clock: FakeClock) -> None:
    application = await followed(store, 100)
    bot.fail(100, BadRequest(BAD_HTML))
    await advance(store, application)

    await dispatcher.drain()
    assert state(await row_for(store, 100)) == ("dead", 1, BAD_HTML)
    assert await store.followers.chats_following(application.id) == [100]
    assert not (await store.followers.chat(100)).blocked

    clock.advance(hours=1)
    await dispatcher.drain()
    assert bot.calls == [100]
    assert bot.sent == []


# Network errors and timeouts: retried with backoff, then dead.

@pytest.mark.parametrize(("error", "reason"), [
    (TimedOut(), "TimedOut: Timed out"),
    (NetworkError("Bad Gateway"), "NetworkError: Bad Gateway"),
    (RuntimeError("boom"), "RuntimeError('boom')"),
])
async def test_a_transient_failure_is_retried_after_a_backoff(
        store: Store, dispatcher: Dispatcher, bot: FakeBot, clock: FakeClock,
        error: Exception, reason: str) -> None:
    application = await followed(store, 100)
    bot.fail(100, error)
    await advance(store, application)
    failed_at = clock.now

    await dispatcher.drain()
    row = await row_for(store, 100)
    assert state(row) == ("pending", 1, reason)
    assert row.next_attempt_at == failed_at + timedelta(seconds=first_delays(1)[0])
    assert 0.5 <= (row.next_attempt_at - failed_at).total_seconds() <= 1.0

    clock.now = row.next_attempt_at - timedelta(milliseconds=1)
    await dispatcher.drain()
    assert bot.calls == [100]

    clock.now = row.next_attempt_at
    await dispatcher.drain()
    assert state(await row_for(store, 100)) == ("sent", 2, "")
    assert [s.chat_id for s in bot.sent] == [100]


async def test_a_message_is_dead_after_max_attempts(
        store: Store, dispatcher: Dispatcher, bot: FakeBot, clock: FakeClock) -> None:
    application = await followed(store, 100)
    bot.always[100] = NetworkError("Bad Gateway")
    await advance(store, application)
    delays = first_delays(2)

    await dispatcher.drain()
    row = await row_for(store, 100)
    assert state(row) == ("pending", 1, "NetworkError: Bad Gateway")
    assert row.next_attempt_at == clock.now + timedelta(seconds=delays[0])

    clock.now = row.next_attempt_at
    await dispatcher.drain()
    row = await row_for(store, 100)
    assert state(row) == ("pending", 2, "NetworkError: Bad Gateway")
    assert row.next_attempt_at == clock.now + timedelta(seconds=delays[1])
    assert 1.0 <= delays[1] <= 2.0

    clock.now = row.next_attempt_at
    await dispatcher.drain()
    assert state(await row_for(store, 100)) == ("dead", 3, "NetworkError: Bad Gateway")

    clock.advance(hours=1)
    await dispatcher.drain()
    assert bot.calls == [100, 100, 100]
    assert (await store.outbox.counts())[DeliveryStatus.DEAD] == 1


async def test_a_revived_dead_message_gets_fresh_attempts(
        store: Store, dispatcher: Dispatcher, bot: FakeBot, clock: FakeClock) -> None:
    application = await followed(store, 100)
    bot.fail(100, BadRequest(BAD_HTML))
    await advance(store, application)
    await dispatcher.drain()
    assert await store.outbox.retry_dead() == 1
    await dispatcher.drain()
    assert state(await row_for(store, 100)) == ("sent", 1, "")


async def test_one_failing_chat_does_not_hold_up_the_others(
        store: Store, dispatcher: Dispatcher, bot: FakeBot) -> None:
    application = await followed(store, 100, 200, 300)
    bot.fail(200, TimedOut())
    await advance(store, application)
    await dispatcher.drain()
    assert sorted(s.chat_id for s in bot.sent) == [100, 300]
    assert [state(row)[0] for row in await all_rows(store)] == ["sent", "pending", "sent"]


async def test_a_row_that_cannot_be_composed_is_dead_without_a_send(
        store: Store, dispatcher: Dispatcher, bot: FakeBot) -> None:
    application = await followed(store, 100)
    await store.outbox.enqueue_for_followers("reminder:x", "reminder", application.id,
                                             payload="not json")
    await dispatcher.drain()
    row = await row_for(store, 100)
    assert (row.status, row.attempts) == (DeliveryStatus.DEAD, 1)
    assert row.last_error.startswith("cannot compose: JSONDecodeError(")
    assert bot.calls == []


# Pace: about one message a second to one chat; a chat far behind is rescheduled.

async def test_messages_to_one_chat_are_a_second_apart(
        store: Store, dispatcher: Dispatcher, bot: FakeBot, sleeps: list[float]) -> None:
    first = await followed(store, 100, 200)
    second = await followed(store, 100)
    await advance(store, first)
    await advance(store, second)
    await dispatcher.drain()
    assert sorted(s.chat_id for s in bot.sent) == [100, 100, 200]
    # The second message to chat 100 waited its slot; the others did not wait at all.
    assert sleeps == [1.0]


async def test_a_chat_further_behind_than_the_hold_is_rescheduled_not_waited_for(
        store: Store, settings: Settings, config: NotificationSettings, clock: FakeClock,
        bot: FakeBot, sleeps: list[float]) -> None:
    slow = config.model_copy(update={"per_chat_interval_seconds": 5.0})
    dispatcher = make_dispatcher(store, settings, slow, clock, bot)
    first = await followed(store, 100, 200)
    second = await followed(store, 100)
    await advance(store, first)
    await advance(store, second)

    await dispatcher.drain()
    assert sorted(s.chat_id for s in bot.sent) == [100, 200]
    assert max(sleeps, default=0.0) < 5.0  # no task sat out the chat's interval
    [held] = [row for row in await all_rows(store) if row.status == DeliveryStatus.PENDING]
    assert (held.chat_id, held.attempts, held.last_error) == (100, 0, "chat paced")
    assert held.next_attempt_at > clock.now

    clock.now = held.next_attempt_at
    await dispatcher.drain()
    assert [s.chat_id for s in bot.sent].count(100) == 2
    assert state(await store.outbox.get(held.id)) == ("sent", 1, "")


# A database locked by another process (`etracking import`) past the busy timeout.

class LockingBot(FakeBot):
    """Takes SQLite's write lock from a second connection at the first send, until released."""

    def __init__(self, clock: FakeClock, path: Path) -> None:
        super().__init__(clock)
        self.blocker = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self.locked = False

    async def send_message(self, chat_id: int, text: str, reply_markup: Any = None) -> object:
        """Lock the database (once), then accept or fail as the FakeBot would."""
        if not self.locked:
            self.locked = True
            await asyncio.to_thread(self.blocker.execute, "BEGIN IMMEDIATE")
        return await super().send_message(chat_id, text, reply_markup)

    def release(self) -> None:
        """The other process commits and goes away."""
        self.blocker.execute("COMMIT")
        self.blocker.close()


@pytest.fixture
async def file_store(tmp_path: Path, settings: Settings, clock: FakeClock,
                     monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Store]:
    """A store in a file (another connection can lock it) that waits 20 ms for a lock."""
    monkeypatch.setattr(storage.sqlite, "BUSY_TIMEOUT_MS", 20)
    opened = await Store.open(tmp_path / "office.db", settings.catalogue(), settings.calendar(),
                              clock=clock)
    yield opened
    await opened.close()


async def test_outcomes_refused_by_a_locked_database_are_written_once_it_is_free(
        file_store: Store, settings: Settings, config: NotificationSettings, clock: FakeClock,
        tmp_path: Path, sleeps: list[float], monkeypatch: pytest.MonkeyPatch) -> None:
    store = file_store
    bot = LockingBot(clock, tmp_path / "office.db")
    dispatcher = make_dispatcher(store, settings, config, clock, bot)
    chats, failing = list(range(100, 120)), list(range(100, 105))
    for chat in failing:
        bot.fail(chat, NetworkError("Bad Gateway"))
    await advance(store, await followed(store, *chats))
    refused = refusals_of(store, monkeypatch, "mark_sent", "mark_retry")

    draining = asyncio.create_task(dispatcher.drain())

    async def both_refused() -> bool:
        return refused["mark_sent"] > 0 and refused["mark_retry"] > 0

    # A deadline, not a wait: on a loaded machine each refusal takes a busy timeout in the
    # connection's thread, so give the condition room (it failed once at 5 s under load).
    await eventually(both_refused, timeout=30, what="sent marks and retries refused")
    bot.release()
    await asyncio.wait_for(draining, 10)

    # Nothing was left `sending` for a restart to send a second time.
    assert await store.outbox.requeue_in_flight() == 0
    clock.advance(seconds=5)  # the failed sends' retries are due
    await dispatcher.drain()
    assert sorted(s.chat_id for s in bot.sent) == chats
    assert {row.chat_id: state(row) for row in await all_rows(store)} == {
        chat: ("sent", 2 if chat in failing else 1, "") for chat in chats}


async def test_a_row_left_sending_past_its_lease_goes_again_while_the_bot_runs(
        store: Store, dispatcher: Dispatcher, bot: FakeBot, clock: FakeClock) -> None:
    await advance(store, await followed(store, 100, 200))
    # A delivery that died before recording anything leaves its row claimed.
    [lost] = await store.outbox.claim_due(1, LEASE)

    await dispatcher.sweep()
    assert [s.chat_id for s in bot.sent] == [200]
    assert (await store.outbox.get(lost.id)).status == DeliveryStatus.SENDING

    clock.advance(seconds=LEASE.total_seconds())
    await dispatcher.sweep()
    assert sorted(s.chat_id for s in bot.sent) == [100, 200]
    assert {state(row) for row in await all_rows(store)} == {("sent", 1, ""), ("sent", 2, "")}


async def test_a_row_still_being_delivered_is_not_queued_again_past_its_lease(
        store: Store, settings: Settings, config: NotificationSettings, clock: FakeClock,
        sleeps: list[float]) -> None:
    bot = GatedBot(clock)
    dispatcher = make_dispatcher(store, settings, config, clock, bot)
    await advance(store, await followed(store, 100, 200))
    draining = asyncio.create_task(dispatcher.drain())

    await bot.until_held(2)
    clock.advance(seconds=LEASE.total_seconds() + 60)  # a very slow Telegram
    assert await store.outbox.requeue_expired(dispatcher.held()) == 0
    bot.gate.set()
    await draining

    assert sorted(s.chat_id for s in bot.sent) == [100, 200]
    assert {state(row) for row in await all_rows(store)} == {("sent", 1, "")}


async def test_a_drain_that_cannot_claim_under_a_locked_database_sends_on_a_later_drain(
        file_store: Store, settings: Settings, config: NotificationSettings, clock: FakeClock,
        tmp_path: Path, bot: FakeBot, sleeps: list[float]) -> None:
    store = file_store
    dispatcher = make_dispatcher(store, settings, config, clock, bot)
    await advance(store, await followed(store, 100, 200))
    importer = sqlite3.connect(tmp_path / "office.db", isolation_level=None)
    importer.execute("BEGIN IMMEDIATE")

    await dispatcher.drain()  # the claim is refused: nothing sent, nothing raised
    assert bot.calls == []
    importer.execute("COMMIT")
    importer.close()
    await dispatcher.drain()

    assert sorted(s.chat_id for s in bot.sent) == [100, 200]
    assert {state(row) for row in await all_rows(store)} == {("sent", 1, "")}
