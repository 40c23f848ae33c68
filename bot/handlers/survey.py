"""The satisfaction survey: answer buttons edit the question in place; a typed comment ends it."""

from __future__ import annotations

import contextlib

from telegram import Update
from telegram.error import BadRequest

from bot.handlers import guidance
from bot.handlers.context import BotContext
from bot.handlers.replying import chat_id, message_text, reply
from office.survey_views import survey_step, survey_thanks
from office.texts import text
from storage.errors import SurveyNotInvited, SurveyStale

STOP_WORDS = frozenset({"stop", "berhenti", "selesai", "finish"})


async def survey_button(update: Update, context: BotContext) -> None:
    """`sv:<application id>:<step>:<1-4|s|x>`: answer, skip, stop or finish; then the next."""
    query = update.callback_query
    assert query is not None
    assert query.data is not None
    _, application, step, answer = query.data.split(":")
    surveys, language = context.services.store.surveys, await context.services.language(update)
    try:
        if answer == "x":
            progress = await surveys.stop(int(application), chat_id(update), int(step))
        else:
            progress = await surveys.answer(int(application), chat_id(update), int(step),
                                            None if answer == "s" else int(answer))
    except SurveyNotInvited:
        await query.answer(text(language, "survey.not_invited"), show_alert=True)
        return
    except SurveyStale:
        await query.answer(text(language, "survey.stale"))
        return
    await query.answer()
    body, markup = ((survey_thanks(language), None) if progress.finished else
                    survey_step(context.services.settings.survey, language,
                                progress.application_id, progress.step))
    with contextlib.suppress(BadRequest):  # a second device's tap: "message is not modified"
        await query.edit_message_text(body, reply_markup=markup)


async def comment_or_text(update: Update, context: BotContext) -> None:
    """A typed reply is the survey comment when one is awaited; otherwise read as usual."""
    surveys = context.services.store.surveys
    application = await surveys.awaiting_comment(chat_id(update))
    if application is None:
        await guidance.text_message(update, context)
        return
    typed = message_text(update)
    with contextlib.suppress(SurveyStale):  # "stop" ends it without a comment
        await surveys.comment(application, chat_id(update),
                              "" if typed.strip().casefold() in STOP_WORDS else typed)
    await reply(update, survey_thanks(await context.services.language(update)))
