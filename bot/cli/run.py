"""`etracking run`: the bot as a long-running service.

Waits for Telegram with backoff when it cannot be reached at start-up (one log line per
attempt), stops cleanly on SIGTERM or SIGINT, and refuses to share its database with another
instance.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from pathlib import Path

from telegram.error import InvalidToken, NetworkError

from bot.handlers.context import BotApplication
from bot.runtime.instance import InstanceLock
from bot.runtime.lifecycle import running
from bot.wiring import build_bot
from office.settings import Settings

log = logging.getLogger(__name__)
FIRST_RETRY_SECONDS = 1.0
MAX_RETRY_SECONDS = 60.0


async def serve(settings: Settings, *, webhook: bool = False) -> None:
    """Run until SIGTERM/SIGINT; raises AlreadyRunning if the database is taken."""
    # A server's database may be shared by several processes; a SQLite file by one only.
    with (contextlib.nullcontext() if settings.database.on_postgres
          else InstanceLock(Path(settings.database.path))):
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, stop.set)
        app = build_bot(settings)
        if not await connect(app, stop):
            return
        async with running(app, webhook=settings.webhook if webhook else None):
            log.info("running (%s); stop with SIGTERM or Ctrl-C",
                     "webhook" if webhook else "long polling")
            await stop.wait()
            log.info("stopping: confirming updates, finishing sends in flight")
    log.info("stopped")


async def connect(app: BotApplication, stop: asyncio.Event) -> bool:
    """Initialise the bot, retrying with backoff while Telegram is unreachable.

    Returns False when asked to stop before a connection was made. A wrong token is not a
    network problem and ends the run at once.
    """
    delay = FIRST_RETRY_SECONDS
    attempt = 1
    while True:
        try:
            await app.initialize()
            return True
        except InvalidToken:
            raise
        except NetworkError as error:
            log.warning("Telegram unreachable (attempt %d): %s; retrying in %.0f s",
                        attempt, error, delay)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), delay)
            return False
        delay = min(delay * 2, MAX_RETRY_SECONDS)
        attempt += 1

