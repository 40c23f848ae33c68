"""`/broadcast` (admins): an announcement to every follower, after a confirmation."""

from __future__ import annotations

import json
import uuid

from telegram import Update

from bot.handlers.context import BotContext
from bot.handlers.error_replies import UsageError
from bot.handlers.replying import ask_about, close_buttons, confirmed_value, reply
from bot.handlers.staff_input import command_text
from office.buttons import confirm_keyboard
from office.texts import text

PENDING = "pending_broadcast"
MAX_LENGTH = 3500


async def broadcast(update: Update, context: BotContext) -> None:
    """Show the announcement and its recipient count, with confirm / cancel."""
    services = context.services
    language = await services.language(update)
    announcement = command_text(update).strip()
    if not announcement or len(announcement) > MAX_LENGTH:
        raise UsageError("staff.broadcast.usage")
    chats = await services.store.followers.all_chats()
    assert update.effective_chat is not None
    chat = update.effective_chat
    # Tied to this question: "yes" under an older question must not send a newer text.
    await ask_about(update, context, PENDING, announcement, lambda: chat.send_message(
        text(language, "staff.broadcast.confirm", count=len(chats), text=announcement),
        reply_markup=confirm_keyboard("b", text(language, "staff.button.confirm"),
                                      text(language, "staff.button.cancel"))))


async def broadcast_button(update: Update, context: BotContext) -> None:
    """`b:yes|no`: queue the announcement for every follower chat, paced by the dispatcher."""
    query = update.callback_query
    assert query is not None
    services = context.services
    language = await services.language(update)
    announcement: str | None = await confirmed_value(update, context, PENDING)
    await close_buttons(query)
    if query.data != "b:yes" or announcement is None:
        await reply(update, text(language, "staff.cancelled"))
        return
    chats = await services.store.followers.all_chats()
    queued = await services.store.outbox.enqueue(
        f"broadcast:{uuid.uuid4().hex}", chats, "broadcast",
        payload=json.dumps({"text": announcement}, ensure_ascii=False))
    await reply(update, text(language, "staff.broadcast.queued", count=queued))
