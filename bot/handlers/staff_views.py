"""Staff views: queue, overdue list, search, the full application view, audit trail."""

from __future__ import annotations

from telegram import Update

from bot.handlers.bulk import reply_with_advance_all
from bot.handlers.context import BotContext
from bot.handlers.error_replies import UsageError
from bot.handlers.replying import message_text, reply
from bot.handlers.staff_input import command_text, typed_number
from bot.tracking import wrong_code_alert
from bot.views.audit_trail import render_audit
from bot.views.fitting import clip
from bot.views.questions import render_threads
from bot.views.staff_cards import (
    render_found,
    render_overdue,
    render_queue,
    render_view,
)
from bot.views.staff_keyboards import next_steps_keyboard
from office.document_views import document_lines
from office.texts import Html, join
from storage.errors import StageUnknown
from storage.reading import read_apart
from storage.workflow import RETURNED
from storage.worklists import Worklists

LIST_LIMIT = 30


async def queue(update: Update, context: BotContext) -> None:
    """`/queue [stage code]`: open applications, oldest in stage first, those waiting on the
    applicant last."""
    services = context.services
    language = await services.language(update)
    stage = command_text(update).strip().lower()
    catalogue = services.store.catalogue
    known = {code for p in catalogue.permit_types for code in p.stage_codes} | {RETURNED}
    if stage and stage not in known:
        raise StageUnknown(clip(stage, 40), tuple(sorted(known)))
    worklists = services.store.worklists
    applications = await worklists.queue(stage or None, LIST_LIMIT, catalogue.waiting_stages)
    total = await worklists.count_open(stage or None)
    body = render_queue(applications, total, stage, services.store.catalogue,
                        services.store.calendar, services.store.clock(), language)
    await reply_with_advance_all(update, context, applications, body)


async def overdue(update: Update, context: BotContext) -> None:
    """`/overdue`: open applications past their due date, most overdue first."""
    services = context.services
    language = await services.language(update)
    now = services.store.clock()
    waiting = services.store.catalogue.waiting_stages
    applications = await services.store.worklists.overdue(now, LIST_LIMIT, waiting)
    total = await services.store.worklists.count_overdue(now, waiting)
    await reply(update, render_overdue(applications, total, services.store.catalogue,
                                        services.store.calendar, now, language))


async def find(update: Update, context: BotContext) -> None:
    """`/find <text>`: by number or applicant name, any case."""
    services = context.services
    language = await services.language(update)
    query = command_text(update).strip()
    if not query:
        raise UsageError("staff.usage.find")
    # A name is searched through every row: apart from the connection applicants use.
    found, total = await read_apart(services.store.database,
                                    lambda reader: Worklists(reader).search(query, LIST_LIMIT))
    await reply(update, render_found(found, total, query, services.store.catalogue, language))


async def view(update: Update, context: BotContext) -> None:
    """`/view <number>`: everything, with buttons for the valid next steps."""
    services = context.services
    number, _ = services.staff_number(update, UsageError("staff.usage.number", command="view"))
    await send_view(update, context, number)


async def lookup_text(update: Update, context: BotContext) -> None:
    """A clerk's plain message naming a number (`#12`, `JBR 2026 12`): the staff view, not
    the applicants' masked card."""
    services = context.services
    now = services.store.clock().astimezone(services.settings.office.zone)
    number = typed_number(message_text(update), services.settings.office.registration_prefix,
                          now)
    if number is None:
        raise UsageError("usage.unknown_text")
    await send_view(update, context, number)


async def send_view(update: Update, context: BotContext, number: str) -> None:
    """Send the staff view of one application."""
    services = context.services
    language = await services.language(update)
    store = services.store
    application = await store.applications.get(number)
    permit_type = store.catalogue.get(application.permit_type)
    body = render_view(application, permit_type,
                       await store.applications.history(application.id),
                       await store.followers.count(application.id), store.calendar,
                       store.clock(), language,
                       alert=await wrong_code_alert(store, services.settings.applicants,
                                                    application.number),
                       alert_hours=services.settings.applicants.wrong_code_alert_window_hours,
                       fee=await store.fees.find(application.id),
                       questions=render_threads(*await store.questions.threads(
                           application.id, services.settings.questions.view_threads),
                           store.calendar, language))
    handed_in = document_lines(await store.documents.for_application(application.id), language,
                               services.settings.office.zone)
    if handed_in:
        body = join([body, Html(""), handed_in])
    await reply(update, body, next_steps_keyboard(application, permit_type, language))


async def audit(update: Update, context: BotContext) -> None:
    """`/audit <number>` (admins): who changed what and when, in sentences."""
    services = context.services
    language = await services.language(update)
    number, _ = services.staff_number(update, UsageError("staff.usage.number", command="audit"))
    application = await services.store.applications.get(number)
    entries = await services.store.audit.for_application(application.id)
    await reply(update, render_audit(application.number,
                                      services.store.catalogue.get(application.permit_type),
                                      entries, services.store.calendar, language))

