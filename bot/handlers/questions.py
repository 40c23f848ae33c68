"""Questions to the office: `/ask`, the card's button and the typed question (applicants);
a clerk's reply to the question's post, its Close button and `/close` (staff).

Which chat waits to type its question lives in the database (a draft), so whichever bot
process receives the text reads it as the question.
"""

from __future__ import annotations

import contextlib
import logging
import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import filters

from bot.handlers import survey
from bot.handlers.context import BotContext
from bot.handlers.error_replies import UsageError
from bot.handlers.replying import chat_id, message_text, reply, user_id
from bot.views.questions import close_keyboard, render_post
from office.texts import label, text
from storage.errors import QuestionClosed, QuestionRefused
from storage.models import Application, Role
from storage.numbers import normalise_number
from storage.questions import Question

log = logging.getLogger(__name__)
ASK = re.compile(r"^/ask(?:@\w+)?\s+(\S+)\s*(.*)$", re.DOTALL)
CANCEL = "qa:x"
#: A clerk's answer goes out with the number around it: it must fit one message.
ANSWER_LIMIT = 3500
#: Refusals after which the typed text is no longer read as the question.
_FINAL = frozenset({"not_following", "daily_limit", "waiting"})


async def ask(update: Update, context: BotContext) -> None:
    """`/ask <number> [question]`: sent at once, or the question is asked for."""
    match = ASK.match(message_text(update))
    number = normalise_number(match.group(1)) if match else None
    if match is None or number is None:
        raise UsageError("usage.ask")
    application = await _followed(context, chat_id(update), number)
    if match.group(2).strip():
        await _submit(update, context, application, match.group(2))
    else:
        await prompt(update, context, application)


async def ask_button(update: Update, context: BotContext, number: str) -> None:
    """The card's "Ask the office" (`s:a:<number>`): ask for the question."""
    await prompt(update, context, await _followed(context, chat_id(update), number))


async def prompt(update: Update, context: BotContext, application: Application) -> None:
    """Remember that the chat is typing its question, and say how long it may be."""
    services = context.services
    language = await services.language(update)
    limits = services.settings.questions
    await services.store.questions.start_draft(chat_id(update), application.id,
                                               limits.draft_minutes)
    await reply(update, text(language, "ask.prompt", number=application.number,
                             limit=limits.max_length),
                InlineKeyboardMarkup([[InlineKeyboardButton(
                    label(language, "button.cancel"), callback_data=CANCEL)]]))


async def cancel_button(update: Update, context: BotContext) -> None:
    """`qa:x` under the prompt: stop waiting for the question."""
    query = update.callback_query
    assert query is not None
    await context.services.store.questions.drop_draft(chat_id(update))
    await query.answer()
    with contextlib.suppress(BadRequest):  # a second tap: "message is not modified"
        await query.edit_message_text(text(await context.services.language(update),
                                           "ask.cancelled"))


async def question_or_text(update: Update, context: BotContext) -> None:
    """Typed text is the question when one is awaited; otherwise read as usual."""
    questions = context.services.store.questions
    application_id = await questions.draft(chat_id(update))
    if application_id is None:
        await survey.comment_or_text(update, context)
        return
    application = await context.services.store.applications.get_by_id(application_id)
    try:
        await _submit(update, context, application, message_text(update))
    except QuestionRefused as refused:
        if refused.reason in _FINAL:  # waiting longer would only refuse again
            await questions.drop_draft(chat_id(update))
        raise


async def _followed(context: BotContext, chat: int, number: str) -> Application:
    """The application if this chat follows it. Others are refused alike, whether or not the
    number exists, so asking reveals nothing the lookup throttle guards."""
    for item in await context.services.tracking.followed(chat):
        if item.application.number == number:
            return item.application
    raise QuestionRefused("not_following", number)


async def _submit(update: Update, context: BotContext, application: Application,
                  body: str) -> None:
    services = context.services
    limits = services.settings.questions
    question = await services.store.questions.ask(
        application.id, chat_id(update), body, per_day=limits.per_day,
        max_length=limits.max_length)
    await _post(context, question, application)
    await reply(update, text(await services.language(update), "ask.sent",
                             number=application.number))


async def _post(context: BotContext, question: Question, application: Application) -> None:
    """One message to the staff group, or to each admin when there is none.

    A post that fails leaves the question stored: `/view` shows it and the digest lists it.
    """
    services = context.services
    language = services.settings.office.default_language
    group = services.settings.staff.group_chat_id
    directory = services.directory
    chats = [group] if group is not None else [
        member for member in directory.user_ids if directory.allows(member, Role.ADMIN)]
    body = render_post(question, application,
                       services.store.catalogue.get(application.permit_type), language)
    for chat in chats:
        try:
            posted = await context.bot.send_message(
                chat, body, reply_markup=close_keyboard(question.id, language))
        except TelegramError as error:
            log.warning("question %d could not be posted to %d: %s", question.id, chat, error)
            continue
        await services.store.questions.posted(question.id, chat, posted.message_id)


class ReplyToQuestion(filters.MessageFilter):
    """Passes replies to a bot message that looks like a question's post (it starts with ❓);
    the handler then finds the question by chat and message id, or says it is gone."""

    def __init__(self) -> None:
        super().__init__(name="ReplyToQuestion")

    def filter(self, message: Message) -> bool:
        """Whether the message replies to what may be a question's post."""
        replied = message.reply_to_message
        return (replied is not None and replied.from_user is not None
                and replied.from_user.is_bot and (replied.text or "").startswith("❓"))


async def answer_reply(update: Update, context: BotContext) -> None:
    """A clerk's reply to a question's post: stored and sent to the asker."""
    message = update.effective_message
    assert message is not None
    assert message.reply_to_message is not None
    author = message.reply_to_message.from_user
    if author is None or author.id != context.bot.id:
        return  # another bot's message: not ours to answer
    body = message_text(update)
    if len(body) > ANSWER_LIMIT:
        raise UsageError("staff.error.answer_too_long", limit=ANSWER_LIMIT)
    services = context.services
    question, _ = await services.store.questions.answer(
        chat_id(update), message.reply_to_message.message_id, user_id(update), body)
    await reply(update, text(await services.language(update), "staff.question.answered",
                             id=question.id, number=question.number))


async def close_button(update: Update, context: BotContext) -> None:
    """`qc:<question id>` under a post: close the thread and take the button off."""
    query = update.callback_query
    assert query is not None
    assert query.data is not None
    services = context.services
    language = await services.language(update)
    try:
        question = await services.store.questions.close(int(query.data.split(":")[1]),
                                                         user_id(update))
    except QuestionClosed as closed:
        await query.answer(text(language, "staff.question.already_closed", id=closed.question_id,
                                number=closed.number))
        return
    await query.answer(text(language, "staff.question.closed", id=question.id,
                            number=question.number))
    with contextlib.suppress(BadRequest):
        await query.edit_message_reply_markup(None)


async def close(update: Update, context: BotContext) -> None:
    """`/close <number>`: close every open question about the application."""
    services = context.services
    language = await services.language(update)
    number, _ = services.staff_number(update, UsageError("staff.usage.number", command="close"))
    application = await services.store.applications.get(number)
    count = await services.store.questions.close_all(application.id, user_id(update))
    key = "staff.close.done" if count else "staff.close.none"
    await reply(update, text(language, key, count=count, number=application.number))
