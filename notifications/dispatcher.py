"""The dispatcher: drains the outbox through Telegram, paced, retried, never losing a row.

It runs as JobQueue jobs: woken at once after a change, by a periodic sweep as a safety net,
and once at start-up (which also re-queues rows a crash left in flight).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import random
from datetime import datetime, timedelta
from typing import Any

from telegram import Bot
from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter, TelegramError
from telegram.ext import Application, ContextTypes, Job, JobQueue

from bot.settings import NotificationSettings
from notifications.backoff import retry_delay
from notifications.marks import SentMarks
from notifications.messages import Composer
from notifications.pacing import Pacer
from storage.models import DeliveryStatus, OutboxMessage
from storage.store import Store

log = logging.getLogger(__name__)

# A chat whose next slot is further away than this is rescheduled instead of waited for.
_HOLD_SECONDS = 2.0


# Telegram is about 0.3 s away from Indonesia; sends on the wire are sized for 0.5 s.
_ROUND_TRIP_SECONDS = 0.5


def sends_on_the_wire(messages_per_second: float) -> int:
    """Enough sends at once to carry the rate over a slow round trip, and no more.

    16 at Telegram's 30/s; at most 128 for paid broadcasts, which leaves most of the 256
    pooled connections to answers for applicants. More at once only costs CPU.
    """
    return min(128, max(16, math.ceil(messages_per_second * _ROUND_TRIP_SECONDS)))


class Dispatcher:
    """Sends outbox rows, at most `max_in_flight` at a time, each chat at its own pace.

    Of the rows in flight at most `max_sending` are on the wire at once (by default
    `sends_on_the_wire` of the configured rate); the others wait for their chat's slot.
    """

    def __init__(self, store: Store, composer: Composer, settings: NotificationSettings,
                 *, max_in_flight: int | None = None, max_sending: int | None = None,
                 rng: random.Random | None = None) -> None:
        self.store = store
        self.composer = composer
        self.settings = settings
        self.pacer = Pacer(settings.messages_per_second, settings.per_chat_interval_seconds)
        if max_sending is None:
            max_sending = sends_on_the_wire(settings.messages_per_second)
        if max_in_flight is None:
            max_in_flight = max(64, 2 * max_sending)
        self.max_in_flight = max_in_flight
        # Rows are claimed a quarter of the window at a time, not one per finished send.
        self._claim_at = max(1, max_in_flight // 4)
        self._queue_empty = False
        self._looks = 0
        self._sent_marks = SentMarks(store.outbox)
        self._sending = asyncio.Semaphore(max_sending)
        self.rng = rng or random.Random()
        self._bot: Bot | None = None
        self._job_queue: JobQueue[Any] | None = None
        self._running = False
        self._stopping = False
        self._idle = asyncio.Event()
        self._idle.set()
        self._woken = asyncio.Event()
        self._timer: Job[Any] | None = None
        self.sent = 0

    def attach(self, application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        """Use this application's bot and job queue; schedule the start-up and periodic sweeps."""
        self._bot = application.bot
        self._job_queue = application.job_queue
        assert self._job_queue is not None
        self._job_queue.run_once(self._start_job, 0, name="outbox-start")
        self._job_queue.run_repeating(self._drain_job, self.settings.sweep_seconds,
                                      first=self.settings.sweep_seconds, name="outbox-sweep")

    def wake(self) -> None:
        """Something was queued: drain now (or tell the running drain to look again)."""
        if self._stopping:
            return
        if self._running:
            self._look_again()
        elif self._job_queue is not None:
            self._job_queue.run_once(self._drain_job, 0, name="outbox-drain")

    async def _start_job(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        requeued = await self.store.outbox.requeue_in_flight()
        if requeued:
            log.info("re-queued %d messages left in flight by the last run", requeued)
        await self.drain()

    async def _drain_job(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.drain()

    async def _timer_job(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        if self._timer is context.job:
            self._timer = None  # a one-off job is out of the scheduler once it runs
        await self.drain()

    async def drain(self) -> None:
        """Send every due row; returns when nothing is due and nothing is in flight."""
        if self._stopping:
            self._woken.set()
            return
        if self._running:
            self._look_again()
            return
        self._running = True
        self._idle.clear()
        self._queue_empty = False
        tasks: set[asyncio.Task[None]] = set()

        def finished(task: asyncio.Task[None]) -> None:
            tasks.discard(task)
            if not task.cancelled() and task.exception() is not None:
                log.error("outbox delivery failed", exc_info=task.exception())
            # Wake the loop only when a whole batch fits again (or when it is all done):
            # claiming one row per finished send would cost a transaction per message.
            room = self.max_in_flight - len(tasks)
            if not tasks or (not self._queue_empty and room >= self._claim_at):
                self._woken.set()

        try:
            while True:
                self._woken.clear()
                room = 0 if self._stopping else self.max_in_flight - len(tasks)
                if room > 0 and (not tasks or (room >= self._claim_at
                                               and not self._queue_empty)):
                    looks = self._looks
                    batch = await self.store.outbox.claim_due(room)
                    # Short means nothing else is due, unless rows were queued meanwhile.
                    self._queue_empty = len(batch) < room and looks == self._looks
                    if batch:
                        await self._prepare(batch)
                    for message in batch:
                        task = asyncio.create_task(self._deliver(message))
                        tasks.add(task)
                        task.add_done_callback(finished)
                if not tasks:
                    # Marks are written before the drain ends; rows queued meanwhile
                    # (wake() during that write) are claimed by this drain, not lost.
                    looks = self._looks
                    await self._sent_marks.flush()
                    if looks == self._looks or self._stopping:
                        break
                    continue
                await self._woken.wait()
        finally:
            await self._sent_marks.flush()
            self.composer.forget()
            self._running = False
            self._idle.set()
        if not self._stopping:
            await self._schedule_next()

    async def _prepare(self, batch: list[OutboxMessage]) -> None:
        try:
            await self.composer.prepare(batch)
        except Exception:
            # Only a shortcut: composing reads what it needs row by row without it.
            log.exception("could not read the languages of %d chats at once", len(batch))

    def _look_again(self) -> None:
        self._looks += 1
        self._queue_empty = False
        self._woken.set()

    async def stop(self) -> None:
        """Take no new rows; let sends in flight finish (the rest stays pending for next time)."""
        self._stopping = True
        self._woken.set()
        await self._idle.wait()

    async def _schedule_next(self) -> None:
        if self._job_queue is None:
            return
        due = await self.store.outbox.next_due_at()
        if self._timer is not None:
            # A timer that came due has already left the scheduler (its drain may not have
            # begun yet): removing it again raises APScheduler's JobLookupError, a KeyError.
            with contextlib.suppress(KeyError):
                self._timer.schedule_removal()
            self._timer = None
        if due is not None:
            delay = max(0.0, (due - self.store.clock()).total_seconds())
            self._timer = self._job_queue.run_once(self._timer_job, delay, name="outbox-timer")

    async def _deliver(self, message: OutboxMessage) -> None:
        outbox = self.store.outbox
        try:
            composed = await self.composer.compose(message)
        except Exception as error:
            # A row that cannot be rendered never will be: bury it where staff can see it.
            log.exception("outbox %d cannot be composed", message.id)
            await outbox.mark(message.id, DeliveryStatus.DEAD, f"cannot compose: {error!r}")
            return
        # Checked and claimed with no await between, so rows for one chat in the same batch
        # see each other's slots (otherwise every one of them passes the check and then sleeps).
        wait = self.pacer.chat_delay(message.chat_id)
        if wait > _HOLD_SECONDS:
            await outbox.mark_retry(message.id, self._later(wait), "chat paced",
                                    count_attempt=False)
            return
        wait = self.pacer.reserve_chat(message.chat_id)
        if wait > 0:
            await asyncio.sleep(wait)
        assert self._bot is not None
        # The overall token is taken once a connection is free, so sends stay evenly spaced.
        async with self._sending:
            await self.pacer.acquire()
            try:
                await self._bot.send_message(message.chat_id, composed.text,
                                             reply_markup=composed.markup)
            except Exception as error:
                failure: Exception | None = error
            else:
                failure = None
        if failure is None:
            self.sent += 1
            await self._sent_marks.add(message.id)
        else:
            await self._failed(message, failure)

    async def _failed(self, message: OutboxMessage, error: Exception) -> None:
        """Record what a failed send means for its row."""
        outbox = self.store.outbox
        # All of these are TelegramErrors and BadRequest is a NetworkError: most specific first.
        if isinstance(error, RetryAfter):
            await self._flood(message, error)
        elif isinstance(error, Forbidden):
            log.info("chat %d blocked the bot; pausing its messages", message.chat_id)
            await self.store.followers.mark_blocked(message.chat_id)
            await outbox.mark(message.id, DeliveryStatus.PAUSED, error.message)
        elif isinstance(error, ChatMigrated):
            await self.store.followers.migrate_chat(message.chat_id, error.new_chat_id)
            if (await outbox.get(message.id)).chat_id == message.chat_id:
                # The new chat already had this message queued, so the row could not move;
                # retrying it at the old id would loop on ChatMigrated without end.
                await outbox.mark(message.id, DeliveryStatus.DROPPED,
                                  f"chat migrated to {error.new_chat_id}, which has its copy")
            else:
                await outbox.mark_retry(message.id, self._later(0), "chat migrated",
                                        count_attempt=False)
        elif isinstance(error, BadRequest):
            await self._refused(message, error)
        elif isinstance(error, TelegramError):
            await self._retry_or_bury(message, f"{type(error).__name__}: {error.message}")
        else:
            log.error("outbox %d: unexpected error", message.id, exc_info=error)
            await self._retry_or_bury(message, repr(error))

    async def _flood(self, message: OutboxMessage, error: RetryAfter) -> None:
        retry_after = error.retry_after
        seconds = (retry_after.total_seconds() if isinstance(retry_after, timedelta)
                   else float(retry_after))
        log.warning("flood limit: retry after %.0f s", seconds)
        self.pacer.pause(seconds)
        await self.store.outbox.mark_retry(message.id, self._later(seconds),
                                           f"429 retry after {seconds:.0f}s",
                                           count_attempt=False)

    async def _refused(self, message: OutboxMessage, error: BadRequest) -> None:
        if "chat not found" in error.message.lower():
            log.info("chat %d no longer exists; removing its follows", message.chat_id)
            await self.store.followers.forget_chat(message.chat_id)
            await self.store.outbox.mark(message.id, DeliveryStatus.DROPPED, error.message)
            return
        # Any other refusal is permanent (our text or markup is wrong): retrying cannot help.
        log.error("outbox %d refused by Telegram: %s", message.id, error.message)
        await self.store.outbox.mark(message.id, DeliveryStatus.DEAD, error.message)

    async def _retry_or_bury(self, message: OutboxMessage, reason: str) -> None:
        if message.attempts >= self.settings.max_attempts:
            log.warning("outbox %d dead after %d attempts: %s", message.id, message.attempts,
                        reason)
            await self.store.outbox.mark(message.id, DeliveryStatus.DEAD, reason)
            return
        delay = retry_delay(message.attempts, self.settings.backoff_base_seconds,
                            self.settings.backoff_max_seconds, self.rng)
        await self.store.outbox.mark_retry(message.id, self._later(delay), reason)

    def _later(self, seconds: float) -> datetime:
        return self.store.clock() + timedelta(seconds=seconds)
