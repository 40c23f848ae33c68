"""A bare python-telegram-bot echo bot: the baseline `bench.lookups` measures ours against.

`python -m bench.echo_bot --token T --base-url URL [--concurrent-updates N] [--transport aiohttp]`
polls the Bot API at URL and answers every text message with the same text, as
python-telegram-bot's own `examples/echobot.py` does. Nothing else: no database, no rate
limiter, no logging per update. `--transport aiohttp` gives it our transport
(`bot/runtime/transport.py`), to show what the transport alone is worth.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Sequence

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from bot.runtime.transport import AiohttpRequest


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the message's text back to its chat."""
    message, chat = update.effective_message, update.effective_chat
    if message is not None and message.text and chat is not None:
        await chat.send_message(message.text)


def arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(prog="python -m bench.echo_bot", description=__doc__)
    parser.add_argument("--token", required=True)
    parser.add_argument("--base-url", required=True, help="e.g. http://127.0.0.1:8081/bot")
    parser.add_argument("--concurrent-updates", type=int, default=0,
                        help="handle up to N updates at once (default: one at a time, as "
                             "python-telegram-bot does unless told otherwise)")
    parser.add_argument("--transport", choices=("httpx", "aiohttp"), default="httpx",
                        help="python-telegram-bot's own (default) or ours")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    """Build the bot and poll until SIGINT or SIGTERM."""
    options = arguments(argv)
    logging.basicConfig(level=logging.WARNING)
    builder = Application.builder().token(options.token).base_url(options.base_url)
    if options.concurrent_updates:
        builder = builder.concurrent_updates(options.concurrent_updates)
    if options.transport == "aiohttp":
        builder = builder.request(AiohttpRequest()).get_updates_request(
            AiohttpRequest(connection_pool_size=1))
    application = builder.build()
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    application.run_polling(allowed_updates=[Update.MESSAGE])


if __name__ == "__main__":
    main()
