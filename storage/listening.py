"""Wake-ups between processes on one PostgreSQL database: NOTIFY and LISTEN.

A clerk's /advance may be handled by one process while another holds the sender lease. After
every commit that queued outbox rows the store sends `pg_notify` (storage/store.py); each
process LISTENs on ONE dedicated connection of its own, outside the pool: LISTEN belongs to a
session, which a pooled connection (or PgBouncer in transaction mode) does not keep. When that
connection is lost, it connects again, LISTENs again and wakes once for anything committed
meanwhile. The dispatcher's periodic sweep stays the safety net for a lost notification.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import asyncpg

log = logging.getLogger(__name__)
CHANNEL = "etracking_outbox"
FIRST_RETRY_SECONDS = 0.5
MAX_RETRY_SECONDS = 5.0
# asyncpg notices a dead connection only when it uses it: ask the server this often.
CHECK_SECONDS = 5.0
_ERRORS = (asyncpg.PostgresError, asyncpg.InterfaceError, OSError, TimeoutError)


def channel_for(url: str) -> str:
    """The channel of one database's outbox: one per schema, as channels are per database."""
    paths = parse_qs(urlsplit(url).query).get("search_path")
    return f"{CHANNEL}_{paths[0]}"[:63] if paths else CHANNEL


def application_name(channel: str) -> str:
    """How the listening session shows in pg_stat_activity."""
    return f"etracking listener {channel}"[:63]


class OutboxListener:
    """LISTENs on its own connection, calling `wake` for every notification."""

    def __init__(self, url: str, password: str | None, wake: Callable[[], None]) -> None:
        self.url = url
        self.password = password
        self.channel = channel_for(url)
        self.wake = wake
        self._task: asyncio.Task[None] | None = None
        self.listening = asyncio.Event()

    def start(self) -> None:
        """Connect and listen in the background, reconnecting for as long as it runs."""
        self._task = asyncio.create_task(self._run(), name="outbox-listener")

    async def close(self) -> None:
        """Stop listening and close the connection."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        delay = FIRST_RETRY_SECONDS
        while True:
            try:
                connection = await asyncpg.connect(
                    self.url, password=self.password, timeout=CHECK_SECONDS,
                    server_settings={"application_name": application_name(self.channel)})
            except _ERRORS as error:
                log.warning("cannot LISTEN for outbox changes (%s); retrying in %.1f s",
                            error, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, MAX_RETRY_SECONDS)
                continue
            delay = FIRST_RETRY_SECONDS
            try:
                await self._listen(connection)
            except _ERRORS as error:
                log.warning("lost the LISTEN connection (%s); connecting again", error)
            finally:
                self.listening.clear()
                connection.terminate()

    async def _listen(self, connection: Any) -> None:
        closed = asyncio.Event()
        connection.add_termination_listener(lambda _connection: closed.set())
        await connection.add_listener(self.channel, lambda *_notification: self.wake())
        self.listening.set()
        self.wake()  # whatever was committed while nobody listened
        while not closed.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(closed.wait(), CHECK_SECONDS)
                return
            await connection.fetchval("SELECT 1", timeout=CHECK_SECONDS)
