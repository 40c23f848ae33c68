"""Long polling shared by several processes: only the holder of the poller lease polls.

Telegram allows one getUpdates consumer per token, so with several processes on one database
this replaces python-telegram-bot's Updater (which each would run). The holder fetches a batch,
handles every update in it, then stores the next offset with the lease row; a process that
takes the lease over (its holder died) starts from that offset, so updates of a fully handled
batch are never handled again and updates not yet handled are not lost: Telegram keeps them
until an offset beyond them is sent. The others stand by and ask for the lease again.

A batch fetched by a process whose lease ran out during the long poll is left alone: the next
holder gets it from Telegram again, from the stored offset. So is a batch whose offset could not
be stored (the database out of reach): polling starts again from the stored offset, and that
batch is handled again once the database is back, rather than confirmed to Telegram and lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from typing import Any

from telegram import Update
from telegram.error import InvalidToken, TelegramError
from telegram.ext import Application

from bot.runtime.roles import Roles
from storage.errors import DatabaseError
from storage.leases import POLLER, Leases

log = logging.getLogger(__name__)
FIRST_RETRY_SECONDS = 0.5
MAX_RETRY_SECONDS = 10.0


class Poller:
    """getUpdates while this process holds the poller lease; hand each batch to the app."""

    def __init__(self, app: Application[Any, Any, Any, Any, Any, Any], roles: Roles, *,
                 timeout: int, allowed_updates: Sequence[str]) -> None:
        assert roles.leases is not None, "one process per SQLite file polls with the Updater"
        self.app = app
        self.leases: Leases = roles.leases
        self.roles = roles
        self.timeout = timeout
        self.allowed_updates = list(allowed_updates)
        self._task: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()
        # While a batch is being handled (and its offset stored) a stop waits for it.
        self._handling = False

    def start(self) -> None:
        """Begin polling in the background (standing by while another process polls)."""
        self._task = asyncio.create_task(self._run(), name="poller")

    async def stop(self) -> None:
        """Finish the batch in hand, record its offset, and stop."""
        self._stopping.set()
        if self._task is None:
            return
        if not self._handling:
            self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task

    async def _run(self) -> None:
        while not self._stopping.is_set():
            if not self.roles.holds(POLLER):
                await self.roles.wait_for_change(self.roles.renew_seconds)
                continue
            try:
                await self._poll_while_holding()
            except DatabaseError as error:
                log.warning("poller: cannot read the stored offset (%s)", error)
                await self._pause(FIRST_RETRY_SECONDS)
            except InvalidToken:
                raise
            except Exception:
                # Polling must outlive any one failure, or the updates would stop for good.
                log.exception("poller: unexpected failure; polling again shortly")
                await self._pause(MAX_RETRY_SECONDS)

    async def _poll_while_holding(self) -> None:
        lease = await self.leases.holder_of(POLLER)
        offset = int(lease.value) if lease is not None and lease.value else None
        log.info("polling Telegram from offset %s", offset)
        delay = FIRST_RETRY_SECONDS
        webhook_deleted = False
        while self.roles.holds(POLLER) and not self._stopping.is_set():
            try:
                if not webhook_deleted:  # as python-telegram-bot's Updater does at start
                    webhook_deleted = await self.app.bot.delete_webhook()
                updates = await self.app.bot.get_updates(
                    offset=offset, timeout=self.timeout, allowed_updates=self.allowed_updates)
            except InvalidToken:
                raise
            except TelegramError as error:
                log.warning("polling: %s", error)
                await self._pause(delay)
                delay = min(delay * 2, MAX_RETRY_SECONDS)
                continue
            delay = FIRST_RETRY_SECONDS
            if not updates:
                continue
            if not self.roles.holds(POLLER):
                return  # the lease ran out during the long poll: the next holder has these
            self._handling = True
            try:
                await self._handle(updates)
                offset = updates[-1].update_id + 1
                stored = await self._store(offset)
            finally:
                self._handling = False
            if not stored:
                # Never confirm to Telegram what the database does not know was handled:
                # start again from the stored offset (this batch is handled once more).
                await self._pause(FIRST_RETRY_SECONDS)
                return

    async def _handle(self, updates: Sequence[Update]) -> None:
        processor = self.app.update_processor
        await asyncio.gather(*(processor.process_update(update, self.app.process_update(update))
                               for update in updates))

    async def _store(self, offset: int) -> bool:
        """Record the offset with the lease; False if it could not be (lease or database lost)."""
        try:
            stored = await self.leases.store_value(POLLER, self.roles.identity, str(offset))
        except DatabaseError as error:
            log.warning("poller: could not record offset %d (%s)", offset, error)
            return False
        if not stored:
            log.warning("poller: lease taken by another process before offset %d was stored",
                        offset)
        return stored

    async def _pause(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), seconds)
