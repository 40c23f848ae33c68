"""Running the application inside an existing event loop (demo, tests, embedding).

`Application.run_polling` owns the loop and the signals in production; this does the same
steps by hand, including the post_init and post_shutdown hooks that only run_* call.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import urlsplit

from telegram import Bot
from telegram.error import TelegramError
from telegram.ext import Application

from bot.runtime.poller import Poller
from bot.runtime.roles import Roles
from bot.runtime.webhook import WebhookServer
from office.settings import WebhookSettings
from storage.leases import POLLER

log = logging.getLogger(__name__)
ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"]
AnyApplication = Application[Any, Any, Any, Any, Any, Any]


@asynccontextmanager
async def running(app: AnyApplication, *, poll_timeout: int = 10,
                  webhook: WebhookSettings | None = None) -> AsyncIterator[None]:
    """Initialise, start polling (or the webhook server), yield; then stop and shut down.

    On PostgreSQL, polling is shared: only the process holding the poller lease polls
    (bot/runtime/poller.py); python-telegram-bot's Updater polls for a SQLite file's one.

    In webhook mode setWebhook is called here only with `[webhook] set_on_start` (one
    instance); several instances leave it to `etracking webhook set` (bot/cli/webhook.py).

    On the way out: updates stop arriving first, then the `before_stop` hook (the dispatcher
    lets its in-flight sends finish), then jobs and handlers stop, then the database closes.
    """
    await app.initialize()
    try:
        if app.post_init:
            await app.post_init(app)
        assert app.updater is not None
        roles: Roles | None = app.bot_data.get("roles")
        poller = (Poller(app, roles, timeout=poll_timeout, allowed_updates=ALLOWED_UPDATES)
                  if webhook is None and roles is not None and roles.shared else None)
        if webhook is not None and roles is not None:
            await roles.give_up(POLLER)
        server = None
        if poller is not None:
            poller.start()
        elif webhook is None:
            await app.updater.start_polling(
                timeout=poll_timeout, allowed_updates=ALLOWED_UPDATES,
                error_callback=_polling_error)
        else:
            server = WebhookServer(app, listen=webhook.listen, port=webhook.port,
                                   path=webhook_path(webhook),
                                   secret_token=webhook.secret_token.get_secret_value())
            await server.start()
            if webhook.set_on_start:
                await set_webhook(app.bot, webhook)
        await app.start()
        try:
            yield
        finally:
            if poller is not None:
                await poller.stop()
            elif server is not None:
                await server.stop()
            else:
                await app.updater.stop()
            before_stop = app.bot_data.get("before_stop")
            if before_stop is not None:
                await before_stop()
            await app.stop()
    finally:
        if app.post_shutdown:
            await app.post_shutdown(app)
        await app.shutdown()


async def set_webhook(bot: Bot, webhook: WebhookSettings) -> None:
    """Tell Telegram where to post updates, with the secret it must send along."""
    await bot.set_webhook(url=webhook.url, allowed_updates=ALLOWED_UPDATES,
                          secret_token=webhook.secret_token.get_secret_value() or None)


def webhook_path(webhook: WebhookSettings) -> str:
    """The path python-telegram-bot serves: the public URL's path (default `telegram`)."""
    return urlsplit(webhook.url).path.strip("/") or "telegram"


def _polling_error(error: TelegramError) -> None:
    log.warning("polling: %s", error)
