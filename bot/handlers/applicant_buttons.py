"""Applicant inline buttons: status card actions, language choice, forget-me confirmation."""

from __future__ import annotations

import contextlib

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot.handlers import questions
from bot.handlers.applicant import ask_code, menu_for, send_status
from bot.handlers.context import BotContext
from bot.handlers.replying import chat_id, reply
from bot.views.cards import render_full_history, render_status
from office.buttons import open_status_keyboard, status_keyboard
from office.texts import text


async def status_button(update: Update, context: BotContext) -> None:
    """`s:<action>:<number>`: open, refresh, history, follow, unfollow or ask the office."""
    query = update.callback_query
    assert query is not None
    assert query.data is not None
    _, action, number = query.data.split(":", 2)
    elsewhere = {"o": send_status, "f": ask_code, "a": questions.ask_button}.get(action)
    if elsewhere is not None:
        # Open the card anew, ask for the code, ask the office: each answers in a new message.
        await query.answer()
        await elsewhere(update, context, number)
        return
    services = context.services
    language = await services.language(update)
    chat = chat_id(update)
    if action == "u":
        # The chat has just left it: the card is shown as to anyone, without asking the
        # lookup throttle again (a throttled chat may still leave what it follows).
        application, _ = await services.tracking.unfollow(chat, number)
        view = await services.tracking.view(application, chat, is_follower=False)
    else:
        view = await services.tracking.status(chat, number)
    if action == "h":
        body = render_full_history(view, language)
        markup = open_status_keyboard(view.application.number, language)
    else:
        body = render_status(view, language)
        markup = status_keyboard(view.application.number, is_follower=view.is_follower,
                                 language=language)
    await _edit(update, body, markup, language)


async def language_button(update: Update, context: BotContext) -> None:
    """`lang:<id|en>`: remember the chat's language and confirm in it."""
    query = update.callback_query
    assert query is not None
    assert query.data is not None
    language = query.data.split(":", 1)[1]
    await context.services.store.followers.set_language(chat_id(update), language)
    await query.answer(text(language, "language.set"))
    await reply(update, text(language, "language.set"), menu_for(update, context, language))


async def forget_button(update: Update, context: BotContext) -> None:
    """`forget:yes|no`: delete the chat's data, or leave everything as it was."""
    query = update.callback_query
    assert query is not None
    services = context.services
    language = await services.language(update)
    if query.data == "forget:yes":
        # The files it handed in go too (rows and bytes): its data, as the question said.
        await services.store.documents.forget_chat(chat_id(update))
        await services.store.followers.forget_chat(chat_id(update))
        outcome = text(language, "forget.done")
    else:
        outcome = text(language, "forget.cancelled")
    await query.answer()
    # A second tap finds the message already replaced ("message is not modified").
    with contextlib.suppress(BadRequest):
        await query.edit_message_text(outcome)


async def _edit(update: Update, body: str, markup: InlineKeyboardMarkup, language: str) -> None:
    query = update.callback_query
    assert query is not None
    try:
        await query.edit_message_text(body, reply_markup=markup)
    except BadRequest as error:
        if "not modified" not in error.message.lower():
            raise
        await query.answer(text(language, "callback.not_modified"))
        return
    await query.answer(text(language, "callback.refreshed"))

