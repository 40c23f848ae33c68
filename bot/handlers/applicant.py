"""Applicant commands: parse, call the tracking domain, format, reply."""

from __future__ import annotations

from telegram import ReplyKeyboardMarkup, Update

from bot.conversation import APPLICANT_LIFETIME
from bot.handlers.context import BotContext
from bot.handlers.error_replies import UsageError, example
from bot.handlers.replying import chat_id, reply
from bot.views.cards import render_status
from bot.views.fitting import fit_message
from office.buttons import (
    FORGET_PREFIX,
    confirm_keyboard,
    language_keyboard,
    numbers_keyboard,
    status_keyboard,
)
from office.dates import format_date
from office.forgiving import number_and_code
from office.reply_keyboards import applicant_keyboard, staff_keyboard
from office.texts import Html, text
from storage.errors import AccessCodeRejected
from storage.models import Application
from storage.numbers import normalise_number
from storage.workflow import FINAL_STAGES

AWAITING_CODE = "awaiting_code"
# Set by the menu's "Check status": the next bare sequence is taken for the number asked for.
AWAITING_NUMBER = "awaiting_number"
MAX_BUTTONS = 100


async def send_status(update: Update, context: BotContext, raw_number: str) -> None:
    """Look the number up and reply with its status card."""
    services = context.services
    language = await services.language(update)
    view = await services.tracking.status(chat_id(update), raw_number)
    await reply(update, render_status(view, language), status_keyboard(
        view.application.number, is_follower=view.is_follower, language=language))


async def start(update: Update, context: BotContext) -> None:
    """`/start` greets; `/start <payload>` from the receipt's QR code follows in one tap."""
    services = context.services
    language = await services.language(update)
    if not context.args:
        await reply(update, text(language, "start.greeting", office=services.settings.office.name,
                                  example=example(services.settings, services.store.clock())),
                     language_keyboard())
        # One message carries one keyboard: the menu comes with its own short line.
        menu = menu_for(update, context, language)
        if menu is not None:
            shown = "menu.staff_shown" if is_staff(update, context) else "menu.shown"
            await reply(update, text(language, shown), menu)
        return
    try:
        application, added = await services.tracking.follow_link(chat_id(update),
                                                                  context.args[0])
    except AccessCodeRejected:
        await reply(update, text(language, "start.bad_link"))
        return
    key = "start.followed" if added else "start.already"
    await reply(update, text(language, key, number=application.number),
                menu_for(update, context, language))
    await send_status(update, context, application.number)


async def help_command(update: Update, context: BotContext) -> None:
    """`/help`: every applicant command with an example."""
    services = context.services
    language = await services.language(update)
    office = services.settings.office
    contact = (text(language, "help.contact", phone=office.phone, hours=office.opening(language))
               if office.phone else Html(""))
    await reply(update, text(language, "help", office=office.name, contact=contact,
                              example=example(services.settings, services.store.clock())),
                menu_for(update, context, language))


def is_private(update: Update) -> bool:
    """Whether the update comes from a private chat."""
    chat = update.effective_chat
    return chat is not None and chat.type == chat.PRIVATE


def is_staff(update: Update, context: BotContext) -> bool:
    """Whether a staff member writes in a private chat (the staff menu is theirs there)."""
    user = update.effective_user
    return is_private(update) and context.services.directory.role_of(
        user.id if user else None) is not None


def menu_for(update: Update, context: BotContext, language: str) -> ReplyKeyboardMarkup | None:
    """The persistent menu for this chat: the staff's in a staff member's private chat; none
    in the staff group, where a keyboard would pop up for every member."""
    if not is_private(update):
        return None
    return staff_keyboard(language) if is_staff(update, context) else applicant_keyboard(language)


def number_argument(args: list[str], usage_key: str) -> str:
    """The registration number the arguments spell, or the command's usage if they cannot."""
    number = normalise_number(" ".join(args))
    if number is None:
        raise UsageError(usage_key)
    return number


async def status(update: Update, context: BotContext) -> None:
    """`/status <number>`."""
    await send_status(update, context, number_argument(context.args or [], "usage.status"))


async def follow_awaited(update: Update, context: BotContext, code: str) -> bool:
    """Follow the application whose code the chat was asked for; False if none was asked.

    A wrong code keeps the question open: people type the code from the receipt again.
    """
    conversation = context.services.conversation(update)
    number = await conversation.peek(AWAITING_CODE)
    if number is None:
        return False
    application, added = await context.services.tracking.follow(chat_id(update), number, code)
    # Closed before the answer goes out: the next message is then read afresh, on any instance.
    await conversation.drop(AWAITING_CODE)
    await _say_followed(update, context, application, added)
    return True


async def ask_code(update: Update, context: BotContext, number: str) -> None:
    """Ask for the access code of `number`; the next six digits typed answer it."""
    conversation = context.services.conversation(update)
    await conversation.hold(AWAITING_CODE, number, lifetime=APPLICANT_LIFETIME)
    await conversation.drop(AWAITING_NUMBER)
    language = await context.services.language(update)
    await reply(update, text(language, "follow.ask_code", number=number))


async def unknown_command(update: Update, context: BotContext) -> None:
    """A command the bot does not have: point to /help."""
    raise UsageError("usage.unknown_command")


async def follow(update: Update, context: BotContext) -> None:
    """`/follow <number> [access code]`: spaces anywhere; without the code, it is asked for."""
    parsed = number_and_code(" ".join(context.args or []))
    if parsed is None:
        raise UsageError("usage.follow")
    number, code = parsed
    if code is None:
        await ask_code(update, context, number)
        return
    await _follow(update, context, number, code)


async def _follow(update: Update, context: BotContext, number: str, code: str) -> None:
    application, added = await context.services.tracking.follow(chat_id(update), number, code)
    await _say_followed(update, context, application, added)


async def _say_followed(update: Update, context: BotContext, application: Application,
                        added: bool) -> None:
    language = await context.services.language(update)
    key = "follow.ok" if added else "follow.already"
    await reply(update, text(language, key, number=application.number))


async def unfollow(update: Update, context: BotContext) -> None:
    """`/unfollow <number>`."""
    number = number_argument(context.args or [], "usage.unfollow")
    services = context.services
    language = await services.language(update)
    application, removed = await services.tracking.unfollow(chat_id(update), number)
    key = "unfollow.ok" if removed else "unfollow.not_following"
    await reply(update, text(language, key, number=application.number))


async def mine(update: Update, context: BotContext) -> None:
    """`/mine`: one line per followed application, with buttons to open each."""
    services = context.services
    language = await services.language(update)
    followed = await services.tracking.followed(chat_id(update))
    if not followed:
        await reply(update, text(language, "mine.empty",
                                  example=example(services.settings, services.store.clock())))
        return
    # One button per line shown, and Telegram takes at most 100 buttons in a message.
    lines = [mine_line(context, item.application, language) for item in followed[:MAX_BUTTONS]]
    body, shown = fit_message(text(language, "mine.header", count=len(followed)), lines,
                              language, total=len(followed))
    await reply(update, body, numbers_keyboard(
        [item.application.number for item in followed[:shown]]))


def mine_line(context: BotContext, application: Application, language: str) -> Html:
    """One line of /mine: number, stage name and the due date, or that it waits on them."""
    store = context.services.store
    permit_type = store.catalogue.get(application.permit_type)
    current = permit_type.stage(application.stage)
    stage = current.name(language)
    if application.stage in FINAL_STAGES:
        return text(language, "mine.line_final", number=application.number, stage=stage)
    if current.waits_on_applicant:
        return text(language, "mine.line_waiting", number=application.number, stage=stage)
    return text(language, "mine.line", number=application.number, stage=stage,
                due=format_date(application.due_at, language, store.calendar.timezone))


async def language(update: Update, context: BotContext) -> None:
    """`/language [id|en]`: set directly, or show the buttons."""
    args = [a.lower() for a in context.args or []]
    if not args:
        await reply(update, text("id", "language.prompt"), language_keyboard())
        return
    if args[0] not in ("id", "en"):
        raise UsageError("usage.language")
    await context.services.store.followers.set_language(chat_id(update), args[0])
    await reply(update, text(args[0], "language.set"), menu_for(update, context, args[0]))


async def forget_me(update: Update, context: BotContext) -> None:
    """`/forgetme`: ask to confirm deleting the chat's follows and settings."""
    services = context.services
    language = await services.language(update)
    count = len(await services.tracking.followed(chat_id(update)))
    await reply(update, text(language, "forget.confirm", count=count), confirm_keyboard(
        FORGET_PREFIX, text(language, "button.confirm_forget"), text(language, "button.cancel")))

