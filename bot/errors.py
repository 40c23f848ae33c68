"""The one error handler: expected errors become polite replies, the rest is logged."""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.error import TelegramError

from bot.context import BotContext
from bot.replies import explain
from bot.send_limiter import ReplyDropped
from bot.texts import text
from storage.errors import ApplicationNotFound

log = logging.getLogger(__name__)


async def on_error(update: object, context: BotContext) -> None:
    """Reply to expected errors in the chat's language; log everything else with its trace."""
    error = context.error
    if isinstance(error, ReplyDropped):
        return  # the send limiter logged it; an error reply would be dropped the same way
    if not isinstance(update, Update):
        # Polling and job errors arrive without an update (network trouble, conflicts).
        log.warning("error outside an update: %r", error, exc_info=error)
        return
    services = context.services
    language = await services.language(update)
    reply = None
    if error is not None:
        user = update.effective_user
        if isinstance(error, ApplicationNotFound) and services.directory.role_of(
                user.id if user else None):
            reply = text(language, "staff.error.not_found", number=error.number)
        else:
            reply = explain(error, language, services.settings, services.store.clock())
    if reply is None:
        log.error("update %s failed", update.update_id, exc_info=error)
        reply = text(language, "error.generic")
    if update.callback_query:
        # The handler may have answered the press already; a query takes one answer only.
        with contextlib.suppress(TelegramError):
            await update.callback_query.answer()
    try:
        if update.effective_chat:
            await update.effective_chat.send_message(reply)
    except TelegramError as failure:
        log.warning("could not send the error reply: %s", failure)
