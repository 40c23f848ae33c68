"""Keeping track of chats: who wrote again after blocking, who blocked the bot."""

from __future__ import annotations

from telegram import ChatMember, Update

from bot.handlers.context import BotContext


async def remember_chat(update: Update, context: BotContext) -> None:
    """Runs before every handler: a chat that writes again has unblocked the bot."""
    chat = update.effective_chat
    if chat is None or update.my_chat_member is not None:
        return
    if await context.services.store.followers.seen(chat.id):
        context.services.wake_dispatcher()


async def membership_changed(update: Update, context: BotContext) -> None:
    """The user blocked (kicked) or restarted the bot in a private chat."""
    change = update.my_chat_member
    assert change is not None
    followers = context.services.store.followers
    if change.new_chat_member.status in (ChatMember.BANNED, ChatMember.LEFT):
        await followers.mark_blocked(change.chat.id)
    elif await followers.seen(change.chat.id):
        context.services.wake_dispatcher()
