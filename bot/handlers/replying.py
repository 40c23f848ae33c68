"""Replying: small helpers every handler uses to read an update, answer it, and confirm."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, ReplyKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import CallbackContext

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


@dataclass(frozen=True)
class Awaiting:
    """Something waiting for a confirm button under one particular question."""

    value: Any
    question: int


def await_confirmation(context: CallbackContext[Any, Any, Any, Any], key: str, value: object,
                       question: Message) -> None:
    """Remember `value` until a button under `question` (and no older one) confirms it."""
    assert context.user_data is not None
    context.user_data[key] = Awaiting(value, question.message_id)


def confirmed_value(context: CallbackContext[Any, Any, Any, Any], key: str,
                    query: CallbackQuery) -> Any:
    """The value waiting under the pressed question, taken out; None for an older question
    (its value was replaced or already used)."""
    assert context.user_data is not None
    waiting = context.user_data.get(key)
    asked = query.message.message_id if query.message else None
    if isinstance(waiting, Awaiting) and waiting.question == asked:
        del context.user_data[key]
        return waiting.value
    return None


async def accepted_value(update: Update, context: CallbackContext[Any, Any, Any, Any],
                         key: str, language: str) -> Any:
    """Under a Yes/Cancel question (`<prefix>:yes|no`): the value it asked about when Yes was
    pressed on that very question; otherwise None, after saying nothing was done. The question's
    buttons are closed either way."""
    query = update.callback_query
    assert query is not None
    value = confirmed_value(context, key, query)
    await close_buttons(query)
    if not (query.data or "").endswith(":yes") or value is None:
        await reply(update, text(language, "staff.cancelled"))
        return None
    return value

