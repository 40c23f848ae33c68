"""`/stats`: the office's performance figures for a period, with its charts; `/comments`: what
applicants wrote with their survey answers.

The chat side of the figures; `bot/cli/stats.py` is the same report on the command line, and
both draw from `bot/views/figures.py`.
"""

from __future__ import annotations

from telegram import Update

from bot.handlers.context import BotContext
from bot.handlers.error_replies import period_refused
from bot.handlers.replying import reply
from bot.handlers.staff_input import command_text
from bot.views.charts import render_chart, render_survey_chart
from bot.views.figures import message_parts, period_label, render_figures
from bot.views.satisfaction import COMMENTS_SHOWN, render_comments
from office.texts import text
from storage.periods import PeriodInvalid, parse_period
from storage.reading import run_apart
from storage.statistics import office_figures_apart


async def stats(update: Update, context: BotContext) -> None:
    """`/stats [month | year | from to]` (staff)."""
    services = context.services
    language = await services.language(update)
    store, office = services.store, services.settings.office.name
    now = store.clock()
    try:
        period = parse_period(command_text(update).split(), store.calendar.local_date(now),
                              store.calendar.timezone)
    except PeriodInvalid as error:
        raise period_refused(error, "stats", "staff.usage.stats") from None
    figures = await office_figures_apart(store.database, store.catalogue, store.calendar,
                                         period, now)
    survey = services.settings.survey
    for part in message_parts(render_figures(figures, office, store.catalogue, language,
                                             survey)):
        await reply(update, part)
    # Drawing takes a moment of CPU: keep the event loop free for other chats meanwhile.
    chart = await run_apart(lambda: render_chart(figures, office, language))
    assert update.effective_chat is not None
    await update.effective_chat.send_photo(chart,
                                           caption=text(language, "staff.stats.chart_caption"))
    if figures.survey.responses:
        answers = await run_apart(lambda: render_survey_chart(figures, survey, office, language))
        await update.effective_chat.send_photo(
            answers, caption=text(language, "staff.stats.survey_chart_caption"))


async def comments(update: Update, context: BotContext) -> None:
    """`/comments [month | year | from to]` (admins, private chat): the survey's comments."""
    services = context.services
    language = await services.language(update)
    store = services.store
    today = store.calendar.local_date(store.clock())
    try:
        period = parse_period(command_text(update).split(), today, store.calendar.timezone)
    except PeriodInvalid as error:
        raise period_refused(error, "comments", "staff.usage.comments") from None
    total, newest = await store.surveys.comments(period.first_day, period.last_day,
                                                 COMMENTS_SHOWN)
    await reply(update, render_comments(total, newest, period_label(period, language), language))
