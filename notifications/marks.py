"""Marking delivered outbox rows as sent, in small batches (one commit per message was the
dispatcher's largest cost at high rates)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from notifications.backoff import keep_trying
from storage.outbox import Outbox

log = logging.getLogger(__name__)


class SentMarks:
    """Marks delivered rows as sent in batches: one commit per `batch` rows or `delay` seconds.

    A row is `sending` in the database from its claim until it is marked, and a restart sends
    `sending` rows again. Marking each row at once keeps that window to one commit; batching
    widens it to at most `delay` seconds or `batch` rows, so a crash in it (not a clean stop,
    which flushes) sends those few messages twice. In exchange a change with ten thousand
    followers costs a hundred commits instead of ten thousand. Keep both small.

    A mark the database refuses (locked by another process) is retried until it is written:
    dropping it would leave the row `sending`, and it would go out again.
    """

    def __init__(self, outbox: Outbox, *, batch: int = 100, delay: float = 0.05,
                 stopping: Callable[[], bool] = lambda: False) -> None:
        self.outbox = outbox
        self.batch = batch
        self.delay = delay
        self._stopping = stopping
        self._ids: list[int] = []
        self._unwritten: set[int] = set()
        self._timer: asyncio.TimerHandle | None = None
        self._writing: set[asyncio.Task[None]] = set()

    def holding(self) -> set[int]:
        """Rows delivered but not yet marked (still `sending` in the database, and rightly)."""
        return set(self._ids) | self._unwritten

    async def add(self, message_id: int) -> None:
        """Telegram accepted this row's message."""
        self._ids.append(message_id)
        if len(self._ids) >= self.batch:
            await self._write()
        elif self._timer is None:
            self._timer = asyncio.get_running_loop().call_later(self.delay, self._write_later)

    async def flush(self) -> None:
        """Write every mark held or being written."""
        await self._write()
        while self._writing:
            await asyncio.gather(*self._writing)

    def _write_later(self) -> None:
        self._timer = None
        task = asyncio.create_task(self._write())
        self._writing.add(task)
        task.add_done_callback(self._writing.discard)

    async def _write(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        ids, self._ids = self._ids, []
        if not ids:
            return
        self._unwritten.update(ids)
        try:
            await keep_trying(lambda: self.outbox.mark_sent(ids),
                              f"marking {len(ids)} sent messages", stopping=self._stopping)
        except Exception:
            # Given up only while stopping (or a bug): they stay `sending`, and the next start
            # sends them again.
            log.exception("could not mark %d sent messages", len(ids))
        finally:
            self._unwritten.difference_update(ids)
