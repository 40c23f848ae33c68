"""Staff buttons on an application: move at once, or ask for a reason and confirm.

A button carries the stage it was shown at. If the application has moved since, the press
changes nothing and says so. Queries are answered only after the change succeeds: the error
handler answers the query itself, and a query can be answered once.
"""

from __future__ import annotations

from telegram import CallbackQuery, ForceReply, Message, Update
from telegram.ext import ApplicationHandlerStop

from bot.handlers.casework import PENDING_REPEAT, HeldNote, reply_change
from bot.handlers.confirming import PENDING, PendingChange, ask_to_confirm, lifetime_minutes
from bot.handlers.context import BotContext
from bot.handlers.error_replies import answer_error
from bot.handlers.replying import (
    ask_about,
    close_buttons,
    confirmed_value,
    message_text,
    reply,
    user_id,
)
from bot.handlers.staff_input import split_note
from bot.views.staff_keyboards import stage_from_token
from office.texts import Html, join, text
from storage.errors import ConcurrentChange
from storage.models import Change
from storage.workflow import REJECTED, RETURNED, WITHDRAWN, Action

_ACTIONS = {RETURNED: Action.RETURN, REJECTED: Action.REJECT, WITHDRAWN: Action.WITHDRAW}


async def move_button(update: Update, context: BotContext) -> None:
    """`m:<id>:<from>:<to>`: apply the move if the application is still where it was shown."""
    query = _query(update)
    _, application_id, here, there = (query.data or "").split(":")
    store = context.services.store
    application = await store.applications.get_by_id(int(application_id))
    permit_type = store.catalogue.get(application.permit_type)
    expected = stage_from_token(permit_type, here)
    target = stage_from_token(permit_type, there)
    action = Action.ADVANCE if permit_type.next_stage(expected) == target else Action.MOVE
    try:
        change = await store.applications.change(application.number, action,
                                                 staff_id=user_id(update), stage=target,
                                                 expected_stage=expected)
    except ConcurrentChange as error:
        await refuse_stale(update, context, error)
        return
    await close_buttons(query)
    await reply_change(update, context.services, change)


async def repeat_button(update: Update, context: BotContext) -> None:
    """`ra:<id>:<from>:<to>` | `ra:no`: advance with the note a repeated /advance carried."""
    query = _query(update)
    services = context.services
    language = await services.language(update)
    held: HeldNote | None = await confirmed_value(update, context, PENDING_REPEAT)
    fields = (query.data or "").split(":")
    if fields[1] == "no" or held is None or held.application_id != int(fields[1]):
        await close_buttons(query)
        # Say what did not happen: the note in particular is not silently gone.
        await reply(update, text(language, "staff.repeat_cancelled" if fields[1] == "no"
                                 else "staff.repeat_expired"))
        return
    permit_type = services.store.catalogue.get(
        (await services.store.applications.get_by_id(held.application_id)).permit_type)
    try:
        change = await services.store.applications.change(
            held.number, Action.ADVANCE, staff_id=user_id(update),
            stage=stage_from_token(permit_type, fields[3]),
            expected_stage=stage_from_token(permit_type, fields[2]),
            public_note=held.note.public, internal_note=held.note.internal)
    except ConcurrentChange as error:
        await refuse_stale(update, context, error, held.typed)
        return
    await close_buttons(query)
    await reply_change(update, services, change)


async def prompt_button(update: Update, context: BotContext) -> None:
    """`p:<id>:<from>:<to>`: ask for the reason as a reply (return, reject, withdraw)."""
    query = _query(update)
    _, application_id, here, there = (query.data or "").split(":")
    services = context.services
    language = await services.language(update)
    application = await services.store.applications.get_by_id(int(application_id))
    permit_type = services.store.catalogue.get(application.permit_type)
    expected = stage_from_token(permit_type, here)
    if application.stage != expected:
        await refuse_stale(update, context,
                           ConcurrentChange(application.number, expected, application.stage))
        return
    target = stage_from_token(permit_type, there)
    await query.answer()
    body = text(language, "staff.prompt.reason", number=application.number,
                what=text(language, f"staff.prompt.what.{_ACTIONS[target].value}"))
    user = update.effective_user
    if user is not None and query.message and query.message.chat.type != "private":
        # In a group, a selective ForceReply opens the reply box only for users mentioned.
        body = Html(f"{user.mention_html()} {body}")
    message = query.message
    assert isinstance(message, Message)
    await ask_about(update, context, PENDING,
                    PendingChange(application.number, _ACTIONS[target], expected),
                    lambda: message.reply_text(body, reply_markup=ForceReply(selective=True)))


async def reason_reply(update: Update, context: BotContext) -> None:
    """A reply to this clerk's reason prompt: return applies at once, reject/withdraw ask to
    confirm. Runs before the ordinary handlers (bot/wiring.py); any other reply goes on to them,
    an answered prompt stops there."""
    message = update.effective_message
    assert message is not None
    assert message.reply_to_message is not None
    pending: PendingChange | None = await context.services.conversation(update).take(
        PENDING, question=message.reply_to_message.message_id)
    if pending is None:
        return
    pending.note = message_text(update)
    try:
        await _apply_reason(update, context, pending)
    except Exception as error:  # answered by the one home of errors; the update stops here
        await answer_error(update, context, error)
    raise ApplicationHandlerStop


async def _apply_reason(update: Update, context: BotContext, pending: PendingChange) -> None:
    if pending.action != Action.RETURN:
        await ask_to_confirm(update, context, pending)
        return
    try:
        change = await apply(update, context, pending)
    except ConcurrentChange as error:
        await refuse_stale(update, context, error, pending.note or "")
        return
    await reply_change(update, context.services, change)


async def confirm_button(update: Update, context: BotContext) -> None:
    """`c:yes|no`: apply or drop the pending change this confirmation asked about (typed or
    from a button), unless it has expired. Taken from the database once: a second press, on
    this instance or another, finds it gone and says so."""
    query = _query(update)
    services = context.services
    pending: PendingChange | None = await confirmed_value(update, context, PENDING)
    language = await services.language(update)
    if pending is not None and query.data == "c:yes":
        if pending.expired(services.store.clock()):
            await close_buttons(query)
            await reply(update, text(language, "staff.confirm_expired",
                                     minutes=lifetime_minutes()))
            return
        try:
            change = await apply(update, context, pending)
        except ConcurrentChange as error:
            await refuse_stale(update, context, error, pending.note or "")
            return
        await close_buttons(query)
        await reply_change(update, services, change)
        return
    await close_buttons(query)
    # "Cancel"; or Confirm under a question already answered, replaced, or asked of another.
    await reply(update, text(language, "staff.cancelled" if pending is not None
                             or query.data != "c:yes" else "staff.confirm_used"))


async def apply(update: Update, context: BotContext, pending: PendingChange) -> Change:
    """Apply a change that waited for its reason, if the application has not moved since."""
    note = split_note(pending.note or "")
    return await context.services.store.applications.change(
        pending.number, pending.action, staff_id=user_id(update),
        public_note=note.public, internal_note=note.internal, expected_stage=pending.expected,
        payload=pending.payload)


async def refuse_stale(update: Update, context: BotContext, error: ConcurrentChange,
                       note: str = "") -> None:
    """The application moved after the buttons were shown: say where it is, change nothing,
    and give back the note the clerk typed for it (it was not added)."""
    services = context.services
    language = await services.language(update)
    application = await services.store.applications.get(error.number)
    stage = services.store.catalogue.get(application.permit_type).stage(error.actual_stage)
    if update.callback_query:
        await close_buttons(update.callback_query)
    refusal = text(language, "staff.error.stale", number=error.number,
                   stage=stage.name(language))
    if note:
        refusal = join([refusal, text(language, "staff.note_not_added", note=note)])
    await reply(update, refusal)


def _query(update: Update) -> CallbackQuery:
    query = update.callback_query
    assert query is not None
    return query
