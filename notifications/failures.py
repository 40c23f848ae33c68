"""What a failed send means for its row: retried later, paused, dropped or buried.

Deciding happens once per failure (the log line, the pause of all sending after a 429); the
store writes that record the decision come back as one callable, which the dispatcher runs
again until the database takes it (another process may hold its write lock for a while).
"""

from __future__ import annotations

import logging
import random
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter, TelegramError

from notifications.backoff import retry_delay
from office.settings import NotificationSettings
from storage.models import DeliveryStatus, OutboxMessage
from storage.store import Store

log = logging.getLogger(__name__)

# Store writes that record an outcome; safe to run again if the database refused them.
Record = Callable[[], Awaitable[None]]


class Failures:
    """Turns a failed send into the writes that record it."""

    def __init__(self, store: Store, settings: NotificationSettings,
                 pause: Callable[[float], None], rng: random.Random) -> None:
        self.store = store
        self.settings = settings
        self._pause = pause
        self.rng = rng

    def record(self, message: OutboxMessage, error: Exception) -> Record:
        """The writes for this failure (logged and, for a 429, paused now)."""
        # All of these are TelegramErrors and BadRequest is a NetworkError: most specific first.
        if isinstance(error, RetryAfter):
            return self._flood(message, error)
        if isinstance(error, Forbidden):
            log.info("chat %d blocked the bot; pausing its messages", message.chat_id)
            return lambda: self._blocked(message, error.message)
        if isinstance(error, ChatMigrated):
            return lambda: self._migrated(message, error.new_chat_id)
        if isinstance(error, BadRequest):
            return self._refused(message, error)
        if isinstance(error, TelegramError):
            return self._retry_or_bury(message, f"{type(error).__name__}: {error.message}")
        log.error("outbox %d: unexpected error", message.id, exc_info=error)
        return self._retry_or_bury(message, repr(error))

    def _flood(self, message: OutboxMessage, error: RetryAfter) -> Record:
        retry_after = error.retry_after
        seconds = (retry_after.total_seconds() if isinstance(retry_after, timedelta)
                   else float(retry_after))
        log.warning("flood limit: retry after %.0f s", seconds)
        self._pause(seconds)
        at = self._later(seconds)
        return lambda: self.store.outbox.mark_retry(message.id, at,
                                                    f"429 retry after {seconds:.0f}s",
                                                    count_attempt=False)

    async def _blocked(self, message: OutboxMessage, reason: str) -> None:
        await self.store.followers.mark_blocked(message.chat_id)
        await self.store.outbox.mark(message.id, DeliveryStatus.PAUSED, reason)

    async def _migrated(self, message: OutboxMessage, new_chat_id: int) -> None:
        outbox = self.store.outbox
        await self.store.followers.migrate_chat(message.chat_id, new_chat_id)
        if (await outbox.get(message.id)).chat_id == message.chat_id:
            # The new chat already had this message queued, so the row could not move;
            # retrying it at the old id would loop on ChatMigrated without end.
            await outbox.mark(message.id, DeliveryStatus.DROPPED,
                              f"chat migrated to {new_chat_id}, which has its copy")
        else:
            await outbox.mark_retry(message.id, self._later(0), "chat migrated",
                                    count_attempt=False)

    def _refused(self, message: OutboxMessage, error: BadRequest) -> Record:
        outbox = self.store.outbox
        if "chat not found" in error.message.lower():
            log.info("chat %d no longer exists; removing its follows", message.chat_id)

            async def gone() -> None:
                await self.store.followers.forget_chat(message.chat_id)
                await outbox.mark(message.id, DeliveryStatus.DROPPED, error.message)

            return gone
        # Any other refusal is permanent (our text or markup is wrong): retrying cannot help.
        log.error("outbox %d refused by Telegram: %s", message.id, error.message)
        return lambda: outbox.mark(message.id, DeliveryStatus.DEAD, error.message)

    def _retry_or_bury(self, message: OutboxMessage, reason: str) -> Record:
        outbox = self.store.outbox
        if message.attempts >= self.settings.max_attempts:
            log.warning("outbox %d dead after %d attempts: %s", message.id, message.attempts,
                        reason)
            return lambda: outbox.mark(message.id, DeliveryStatus.DEAD, reason)
        at = self._later(retry_delay(message.attempts, self.settings.backoff_base_seconds,
                                     self.settings.backoff_max_seconds, self.rng))
        return lambda: outbox.mark_retry(message.id, at, reason)

    def _later(self, seconds: float) -> datetime:
        return self.store.clock() + timedelta(seconds=seconds)
