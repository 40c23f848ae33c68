"""Running the application inside an existing event loop (demo, tests, embedding).

`Application.run_polling` owns the loop and the signals in production; this does the same
steps by hand, including the post_init and post_shutdown hooks that only run_* call.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from telegram.error import TelegramError
from telegram.ext import Application

log = logging.getLogger(__name__)
ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"]
AnyApplication = Application[Any, Any, Any, Any, Any, Any]


@asynccontextmanager
async def running(application: AnyApplication, *, poll_timeout: int = 10) -> AsyncIterator[None]:
    """Initialise, start polling, yield; then stop polling, stop, and shut down cleanly."""
    await application.initialize()
    try:
        if application.post_init:
            await application.post_init(application)
        assert application.updater is not None
        await application.updater.start_polling(
            timeout=poll_timeout, allowed_updates=ALLOWED_UPDATES, error_callback=_polling_error)
        await application.start()
        try:
            yield
        finally:
            await application.updater.stop()
            await application.stop()
    finally:
        if application.post_shutdown:
            await application.post_shutdown(application)
        await application.shutdown()


def _polling_error(error: TelegramError) -> None:
    log.warning("polling: %s", error)
