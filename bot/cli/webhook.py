"""`etracking webhook set|delete|info`: the webhook registered with Telegram, done once.

With several instances behind a load balancer none of them registers the webhook at start
(`[webhook] set_on_start = false`); the operator does it here, once, and checks on it with
`info` (how many updates wait at Telegram, and the last error Telegram met calling us).
"""

from __future__ import annotations

import sys
from datetime import datetime

from telegram import Bot, WebhookInfo
from telegram.error import TelegramError

from bot.cli.exits import EXIT_CONFIG
from bot.runtime.lifecycle import set_webhook
from bot.runtime.transport import bot_api_requests
from office.settings import Settings


async def webhook_command(settings: Settings, action: str, *, drop_pending: bool = False) -> int:
    """Set, delete or describe the webhook; 0, 1 if Telegram refused, 2 if misconfigured."""
    if action == "set" and not (settings.webhook.url
                                and settings.webhook.secret_token.get_secret_value()):
        print("etracking: configuration error: webhook.url and webhook.secret_token must be set "
              "(ETRACK_WEBHOOK__SECRET_TOKEN)", file=sys.stderr)
        return EXIT_CONFIG
    telegram = settings.telegram
    bot = Bot(telegram.token.get_secret_value(), base_url=telegram.base_url,
              base_file_url=telegram.base_file_url, request=bot_api_requests(telegram)[0])
    try:
        async with bot:
            if action == "set":
                await set_webhook(bot, settings.webhook)
                print(f"webhook set: {settings.webhook.url}")
            elif action == "delete":
                await bot.delete_webhook(drop_pending_updates=drop_pending)
                print("webhook deleted" + (", waiting updates dropped" if drop_pending else ""))
            print(describe(await bot.get_webhook_info()))
    except TelegramError as error:
        print(f"etracking: Telegram refused: {error.message}", file=sys.stderr)
        return 1
    return 0


def describe(info: WebhookInfo) -> str:
    """getWebhookInfo as lines an operator reads."""
    last_error = "none"
    if info.last_error_message:
        when = _when(info.last_error_date)
        last_error = f"{info.last_error_message} ({when})" if when else info.last_error_message
    return "\n".join([
        f"url: {info.url or '(none: the bot polls)'}",
        f"pending_update_count: {info.pending_update_count}",
        f"last_error: {last_error}",
        f"max_connections: {info.max_connections if info.max_connections else '-'}",
        f"allowed_updates: {', '.join(info.allowed_updates or ()) or 'default'}",
    ])


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S %Z").strip() if moment else ""
