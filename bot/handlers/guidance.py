"""Applicants who do not type commands: the menu's buttons, and plain messages read forgivingly.

Every plain message gets a useful answer: a number is looked up, a number nearly right gets a
hint with a button to the number it probably meant, an access code is taken in the forms people
type it, a greeting or a thank-you is answered with the menu, and only the rest is "not
understood". Nothing here reveals whether a suggested number exists: the button opens the same
lookup, with the same throttle, as typing it.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.conversation import APPLICANT_LIFETIME
from bot.handlers import applicant
from bot.handlers.applicant import AWAITING_NUMBER, follow_awaited, menu_for, send_status
from bot.handlers.context import BotContext
from bot.handlers.error_replies import UsageError, example
from bot.handlers.replying import message_text, reply
from office.buttons import status_data
from office.forgiving import MissKind, NearMiss, access_code_in, near_miss, small_talk, wrong_prefix
from office.reply_keyboards import menu_choice
from office.texts import label, text
from storage.errors import ApplicationNotFound
from storage.numbers import find_number


async def menu_button(update: Update, context: BotContext) -> None:
    """A press on the applicant menu: ask for the number, list what is followed, or help."""
    choice = menu_choice(message_text(update))
    if choice == "mine":
        await applicant.mine(update, context)
    elif choice == "help":
        await applicant.help_command(update, context)
    else:
        await context.services.conversation(update).hold(AWAITING_NUMBER, True,
                                                          lifetime=APPLICANT_LIFETIME)
        services = context.services
        language = await services.language(update)
        await reply(update, text(language, "menu.ask_number",
                                 example=example(services.settings, services.store.clock())))


async def lookup_text(update: Update, context: BotContext) -> None:
    """A plain message that looks like a registration number; another office's prefix that
    finds nothing gets the office's own number offered."""
    await context.services.conversation(update).drop(AWAITING_NUMBER)
    try:
        await send_status(update, context, message_text(update))
    except ApplicationNotFound as missing:
        prefix = context.services.settings.office.registration_prefix
        hint = wrong_prefix(missing.number, prefix)
        if hint is None:
            raise
        await _hint(update, context, hint, number=missing.number)


async def text_message(update: Update, context: BotContext) -> None:
    """Any other plain message, read as forgivingly as the chat's situation allows."""
    typed = message_text(update)
    code = access_code_in(typed)
    if code is not None and await follow_awaited(update, context, code):
        return
    services = context.services
    prefix = services.settings.office.registration_prefix
    number = find_number(typed, prefix)
    if number is not None:
        await send_status(update, context, number)
        return
    year = services.store.clock().astimezone(services.settings.office.zone).year
    miss = near_miss(typed, prefix, year)
    asked = await services.conversation(update).pop(AWAITING_NUMBER) is not None
    if miss is not None and miss.suggestion is not None and asked:
        await send_status(update, context, miss.suggestion)  # the answer to "Check status"
    elif miss is not None:
        await _hint(update, context, miss, code_like=code is not None)
    else:
        await _small_talk(update, context, typed)


async def _small_talk(update: Update, context: BotContext, typed: str) -> None:
    kind = small_talk(typed)
    if kind is None:
        raise UsageError("usage.unknown_text")
    services = context.services
    language = await services.language(update)
    await reply(update, text(language, f"small_talk.{kind}", office=services.settings.office.name,
                             example=example(services.settings, services.store.clock())),
                menu_for(update, context, language))


async def _hint(update: Update, context: BotContext, miss: NearMiss, *, number: str = "",
                code_like: bool = False) -> None:
    """A hint with a button to the number meant; six bare digits may be a code instead."""
    services = context.services
    if miss.suggestion is None:
        raise UsageError(f"hint.{miss.kind.value}")
    language = await services.language(update)
    key = ("hint.code_or_number" if code_like
           else "hint.no_prefix" if miss.kind is MissKind.NO_PREFIX else "hint.wrong_prefix")
    button = InlineKeyboardButton(label(language, "button.open_number", number=miss.suggestion),
                                  callback_data=status_data("o", miss.suggestion))
    await reply(update, text(language, key, prefix=services.settings.office.registration_prefix,
                             suggestion=miss.suggestion, number=number),
                InlineKeyboardMarkup([[button]]))
