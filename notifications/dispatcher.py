"""The dispatcher: drains the outbox through Telegram, paced, retried, never losing a row.

It runs as JobQueue jobs: woken at once after a change, by a periodic sweep as a safety net,
and once at start-up or on becoming the sender (which also re-queues rows left in flight by a
crash, or by a process that lost the sender lease). With several processes on one database
only the holder of the sender lease drains (`active`), so Telegram's limits per token hold;
rows it claims carry its name (`holder`), and it sends nothing once the lease is not its own.

Every row's outcome is written back to the outbox, however long the database stays locked by
another process: a sent message left `sending` would go out twice, a failed one would never be
retried. The sweep also re-queues rows left `sending` past their lease that this process no
longer holds, so a delivery that died mid-way does not wait for a restart.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import random
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from telegram import Bot
from telegram.ext import Application, ContextTypes, Job, JobQueue

from notifications.backoff import keep_trying, retry_delay
from notifications.composer import Composer, send_composed
from notifications.failures import Failures, Record
from notifications.marks import SentMarks
from notifications.pacing import Pacer
from office.settings import NotificationSettings
from storage.errors import DatabaseRefused
from storage.models import DeliveryStatus, OutboxMessage
from storage.store import Store

log = logging.getLogger(__name__)

# A chat whose next slot is further away than this is rescheduled instead of waited for.
_HOLD_SECONDS = 2.0


# Telegram is about 0.3 s away from Indonesia; sends on the wire are sized for 0.5 s.
_ROUND_TRIP_SECONDS = 0.5

# How long a claimed row may stay `sending` before the sweep may queue it again. Rows this
# process still holds are never queued again, so this only bounds how long a lost one waits.
LEASE = timedelta(minutes=5)


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
                 rng: random.Random | None = None, holder: str = "",
                 active: Callable[[], bool] = lambda: True) -> None:
        self.store = store
        self.holder = holder
        self._active = active
        self._taking_over = False
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
        self._sent_marks = SentMarks(store.outbox, stopping=lambda: self._stopping)
        # Claimed and not yet settled: their rows are `sending`, and rightly so.
        self._delivering: set[int] = set()
        self._claim_failures = 0
        self._sending = asyncio.Semaphore(max_sending)
        self.rng = rng or random.Random()
        # Through a lambda: tests give the dispatcher a pacer on their own clock.
        self._failures = Failures(store, settings, lambda seconds: self.pacer.pause(seconds),
                                  self.rng)
        self._bot: Bot | None = None
        self._job_queue: JobQueue[Any] | None = None
        self._running = False
        self._stopping = False
        self._idle = asyncio.Event()
        self._idle.set()
        self._woken = asyncio.Event()
        self._timer: Job[Any] | None = None
        self.sent = 0

    def attach(self, app: Application[Any, Any, Any, Any, Any, Any]) -> None:
        """Use this application's bot and job queue; schedule the start-up and periodic sweeps."""
        self._bot = app.bot
        self._job_queue = app.job_queue
        assert self._job_queue is not None
        self._job_queue.run_once(self._start_job, 0, name="outbox-start")
        self._job_queue.run_repeating(self._sweep_job, self.settings.sweep_seconds,
                                      first=self.settings.sweep_seconds, name="outbox-sweep")

    def wake(self) -> None:
        """Something was queued: drain now (or tell the running drain to look again)."""
        if self._stopping or not self._active():
            return
        if self._running:
            self._look_again()
        elif self._job_queue is not None:
            self._job_queue.run_once(self._drain_job, 0, name="outbox-drain")

    def take_over(self) -> None:
        """This process became the sender: re-queue what was left in flight, then drain."""
        if self._job_queue is not None and not self._stopping:
            self._job_queue.run_once(self._start_job, 0, name="outbox-start")

    async def _start_job(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        if self._stopping or not self._active():
            return
        # No drain claims while the rows left in flight are looked for: a row claimed in
        # between, not yet among the held, would be queued again and sent twice.
        self._taking_over = True
        try:
            await self._idle.wait()
            requeued = await self.store.outbox.requeue_in_flight(self.held())
        except DatabaseRefused as error:
            log.warning("could not re-queue messages left in flight (%s); the sweep will", error)
            requeued = 0
        finally:
            self._taking_over = False
        if requeued:
            log.info("re-queued %d messages left in flight by the last sender", requeued)
        await self.drain()

    async def _drain_job(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.drain()

    async def _sweep_job(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        await self.sweep()

    def held(self) -> set[int]:
        """Rows this process is still delivering or recording: `sending`, and rightly so."""
        return self._delivering | self._sent_marks.holding()

    async def sweep(self) -> None:
        """The periodic safety net: re-queue rows whose delivery was lost, then drain."""
        if self._stopping or not self._active():
            return
        try:
            requeued = await self.store.outbox.requeue_expired(self.held(),
                                                               self.holder or None)
        except DatabaseRefused as error:
            log.warning("could not look for lost deliveries (%s); next sweep tries again", error)
        else:
            if requeued:
                log.warning("re-queued %d messages left sending past their lease", requeued)
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
        if self._taking_over or not self._active():
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
                stop_claiming = self._stopping or not self._active()
                room = 0 if stop_claiming else self.max_in_flight - len(tasks)
                if room > 0 and (not tasks or (room >= self._claim_at
                                               and not self._queue_empty)):
                    looks = self._looks
                    batch = await self._claim(room)
                    # Short means nothing else is due, unless rows were queued meanwhile.
                    self._queue_empty = self._claim_failures > 0 or (
                        len(batch) < room and looks == self._looks)
                    if batch:
                        await self._prepare(batch)
                    for message in batch:
                        self._delivering.add(message.id)
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
        if not self._stopping and self._active():
            await self._schedule_next()

    async def _claim(self, room: int) -> list[OutboxMessage]:
        """Due rows, or none while the database refuses writes (a timer tries again)."""
        try:
            batch = await self.store.outbox.claim_due(room, LEASE, self.holder)
        except DatabaseRefused as error:
            self._claim_failures += 1
            log.warning("could not claim due messages (%s); trying again shortly", error)
            return []
        self._claim_failures = 0
        return batch

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
        if self._claim_failures:
            due: datetime | None = self._later(retry_delay(
                self._claim_failures, self.settings.backoff_base_seconds,
                self.settings.backoff_max_seconds, self.rng))
        else:
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
        try:
            record = await self._attempt(message)
            if record is not None:
                await keep_trying(record, f"outbox {message.id}: recording the outcome",
                                  stopping=lambda: self._stopping, rng=self.rng)
        finally:
            self._delivering.discard(message.id)

    async def _attempt(self, message: OutboxMessage) -> Record | None:
        """Send the row's message once; the write that records the outcome, if any is left."""
        outbox = self.store.outbox
        try:
            composed = await self.composer.compose(message)
        except Exception as error:
            # A row that cannot be rendered never will be: bury it where staff can see it.
            log.exception("outbox %d cannot be composed", message.id)
            reason = f"cannot compose: {error!r}"
            return lambda: outbox.mark(message.id, DeliveryStatus.DEAD, reason)
        # Checked and claimed with no await between, so rows for one chat in the same batch
        # see each other's slots (otherwise every one of them passes the check and then sleeps).
        wait = self.pacer.chat_delay(message.chat_id)
        if wait > _HOLD_SECONDS:
            later = self._later(wait)
            return lambda: outbox.mark_retry(message.id, later, "chat paced",
                                             count_attempt=False)
        wait = self.pacer.reserve_chat(message.chat_id)
        if wait > 0:
            await asyncio.sleep(wait)
        assert self._bot is not None
        # The overall token is taken once a connection is free, so sends stay evenly spaced.
        async with self._sending:
            await self.pacer.acquire()
            if not self._active():
                # The sender lease is gone: the row stays `sending` under our name and the
                # next sender queues it again. Sending now could go out twice.
                return None
            try:
                await send_composed(self._bot, message.chat_id, composed)
            except Exception as error:
                failure: Exception | None = error
            else:
                failure = None
        if failure is None:
            self.sent += 1
            # Held by the marks from here until written (they retry on their own).
            await self._sent_marks.add(message.id)
            return None
        return self._failures.record(message, failure)

    def _later(self, seconds: float) -> datetime:
        return self.store.clock() + timedelta(seconds=seconds)
