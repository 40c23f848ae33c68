"""Heavy reads apart from the bot: their own read-only connection, thread and event loop.

The bot has one connection, whose thread serves every applicant's lookup in turn, and one
event loop. `/stats` for a year of a big office is most of a second of SQL and Python; run
there, every applicant's lookup issued meanwhile would wait for it. Run here, the figures read
through a second, read-only connection (WAL lets it read while the bot writes) on a worker
thread with an event loop of its own, so the bot's loop and connection stay free.

One heavy job at a time, on one thread of its own: a second waits its turn rather than taking
more threads, and the default executor's few threads (which hash applicants' access codes)
are never all busy with staff work.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from storage.database import Database

T = TypeVar("T")

# Threads start on the first job, not at import.
_WORKER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="etracking-heavy")


async def read_apart(database: Database, work: Callable[[Database], Awaitable[T]]) -> T:
    """`work` on a read-only connection of its own, on the heavy-work thread.

    An in-memory database (tests) has no second connection: the work then runs on `database`.
    """
    opener = database.reader()
    if opener is None:
        return await work(database)
    return await run_apart(lambda: asyncio.run(_on_reader(opener, work)))


async def run_apart(function: Callable[[], T]) -> T:
    """A blocking function (drawing a chart) on the heavy-work thread."""
    return await asyncio.get_running_loop().run_in_executor(_WORKER, function)


async def _on_reader(opener: Callable[[], Awaitable[Database]],
                     work: Callable[[Database], Awaitable[T]]) -> T:
    reader = await opener()
    try:
        return await work(reader)
    finally:
        await reader.close()
