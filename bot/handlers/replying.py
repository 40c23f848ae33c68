"""Replying: small helpers every handler uses to read an update, answer it, and confirm."""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, ReplyKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import ApplicationHandlerStop

from bot.handlers.context import BotContext
from office.texts import Html, text


async def reply(update: Update, body: Html,
                markup: InlineKeyboardMarkup | ReplyKeyboardMarkup | None = None) -> Message:
    """Send a message to the update's chat (HTML parse mode comes from the defaults)."""
    chat = update.effective_chat
    assert chat is not None
    return await chat.send_message(body, reply_markup=markup)


async def close_buttons(query: CallbackQuery) -> None:
    """Answer the press and take the buttons off its message.

    A second tap finds them gone already ("message is not modified"): nothing to do then.
    """
    await query.answer()
    with contextlib.suppress(BadRequest):
        await query.edit_message_reply_markup(None)


def user_id(update: Update) -> int:
    """The id of the user behind the update."""
    assert update.effective_user is not None
    return update.effective_user.id


def chat_id(update: Update) -> int:
    """The id of the update's chat."""
    assert update.effective_chat is not None
    return update.effective_chat.id


def message_text(update: Update) -> str:
    """The text of the update's message, or an empty string."""
    message = update.effective_message
    return (message.text or "") if message else ""


async def ask_about(update: Update, context: BotContext, key: str, value: object,
                    send: Callable[[], Awaitable[Message]]) -> Message:
    """Send a question (`send`) whose buttons answer about `value`, kept in the database so the
    press may reach any instance (bot/conversation.py).

    Kept before the question goes out, so a press that comes at once finds it; tied to the
    question once sent, so a button under an older question finds nothing (except in the
    moment the new question is on its way, when nobody can have read it yet). A question that
    could not be sent keeps nothing."""
    conversation = context.services.conversation(update)
    await conversation.hold(key, value)
    try:
        question = await send()
    except Exception:
        await conversation.drop(key)
        raise
    await conversation.tie(key, question)
    return question


async def confirmed_value(update: Update, context: BotContext, key: str) -> Any:
    """The value waiting under the pressed question, taken out once (a second press, here or on
    another instance, finds nothing); None for an older question (replaced or already used).
    A press on a question asked of someone else is answered here and goes no further."""
    query = update.callback_query
    if query is None or query.message is None:
        return None
    conversation = context.services.conversation(update)
    value = await conversation.take(key, question=query.message.message_id)
    if value is None and await conversation.asked_someone_else(query.message.message_id):
        # A colleague's question in the staff group: say so to this presser only, and leave
        # the question and its buttons to the one it was asked of.
        language = await context.services.language(update)
        await query.answer(text(language, "staff.not_your_question"), show_alert=True)
        raise ApplicationHandlerStop
    return value


async def accepted_value(update: Update, context: BotContext, key: str, language: str) -> Any:
    """Under a Yes/Cancel question (`<prefix>:yes|no`): the value it asked about when Yes was
    pressed on that very question; otherwise None, after saying nothing was done. The question's
    buttons are closed either way."""
    query = update.callback_query
    assert query is not None
    value = await confirmed_value(update, context, key)
    await close_buttons(query)
    if not (query.data or "").endswith(":yes") or value is None:
        await reply(update, text(language, "staff.cancelled"))
        return None
    return value

