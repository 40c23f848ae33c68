"""`/myid`: the numbers an admin needs to add a clerk (`/staff add`) or name the staff group.

Telegram shows nobody their own numeric id, and `/staff add` takes nothing else: a new clerk
sends `/myid` to the bot and passes the number on; in a group it also gives the group's chat id
for `[staff] group_chat_id`.
"""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType

from bot.handlers.context import BotContext
from bot.handlers.replying import reply, user_id
from office.texts import join, text


async def myid(update: Update, context: BotContext) -> None:
    """`/myid`: the sender's Telegram user id, and in a group the group's chat id too."""
    services = context.services
    language = await services.language(update)
    chat = update.effective_chat
    assert chat is not None
    parts = [text(language, "myid.user", user_id=user_id(update))]
    if chat.type != ChatType.PRIVATE:
        staff_group = chat.id == services.settings.staff.group_chat_id
        parts.append(text(language, "myid.staff_group" if staff_group else "myid.group",
                          chat_id=chat.id))
    await reply(update, join(parts, ""))
