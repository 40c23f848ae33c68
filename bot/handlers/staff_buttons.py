"""Staff buttons on an application: move at once, or ask for a reason and confirm."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import ForceReply, Update

from bot.context import BotContext
from bot.handlers.common import message_text, reply, user_id
from bot.handlers.staff import reply_change
from bot.staff_input import split_note
from bot.staff_keyboards import confirm_keyboard, stage_from_token
from bot.texts import text
from storage.workflow import REJECTED, RETURNED, WITHDRAWN, Action

PENDING = "pending_change"


@dataclass
class PendingChange:
    """A reason-needing change waiting for the staff member's reply and confirmation."""

    number: str
    action: Action
    expected: str
    prompt: int
    note: str | None = None
_ACTIONS = {RETURNED: Action.RETURN, REJECTED: Action.REJECT, WITHDRAWN: Action.WITHDRAW}


async def move_button(update: Update, context: BotContext) -> None:
    """`m:<id>:<from>:<to>`: apply the move if the application is still where it was shown."""
    query = update.callback_query
    assert query is not None
    assert query.data is not None
    _, application_id, here, there = query.data.split(":")
    store = context.services.store
    application = await store.applications.get_by_id(int(application_id))
    permit_type = store.catalogue.get(application.permit_type)
    expected = stage_from_token(permit_type, here)
    target = stage_from_token(permit_type, there)
    action = Action.ADVANCE if permit_type.next_stage(expected) == target else Action.MOVE
    await query.answer()
    await query.edit_message_reply_markup(None)
    change = await store.applications.change(application.number, action,
                                             staff_id=user_id(update), stage=target,
                                             expected_stage=expected)
    await reply_change(update, context.services, change)


async def prompt_button(update: Update, context: BotContext) -> None:
    """`p:<id>:<from>:<to>`: ask for the reason as a reply (return, reject, withdraw)."""
    query = update.callback_query
    assert query is not None
    assert query.data is not None
    _, application_id, here, there = query.data.split(":")
    services = context.services
    language = await services.language(update)
    application = await services.store.applications.get_by_id(int(application_id))
    permit_type = services.store.catalogue.get(application.permit_type)
    target = stage_from_token(permit_type, there)
    await query.answer()
    prompt = await query.message.reply_text(  # type: ignore[union-attr]
        text(language, "staff.prompt.reason", number=application.number,
             what=text(language, f"staff.prompt.what.{_ACTIONS[target].value}")),
        reply_markup=ForceReply(selective=True))
    _user_data(context)[PENDING] = PendingChange(
        application.number, _ACTIONS[target], stage_from_token(permit_type, here),
        prompt.message_id)


async def reason_reply(update: Update, context: BotContext) -> None:
    """A reply to the reason prompt: return applies at once, reject/withdraw ask to confirm."""
    pending = _user_data(context).get(PENDING)
    message = update.effective_message
    assert message is not None
    if not pending or not message.reply_to_message or (
            message.reply_to_message.message_id != pending.prompt):
        return
    pending.note = message_text(update)
    services = context.services
    if pending.action == Action.RETURN:
        await apply_pending(update, context)
        return
    language = await services.language(update)
    note = split_note(pending.note)
    await reply(update, text(language, "staff.confirm", number=pending.number,
                             action=text(language, f"staff.confirm.{pending.action.value}"),
                             note=note.public), confirm_keyboard(language))


async def confirm_button(update: Update, context: BotContext) -> None:
    """`c:yes|no`: apply or drop the pending reject/withdraw."""
    query = update.callback_query
    assert query is not None
    await query.answer()
    await query.edit_message_reply_markup(None)
    pending = _user_data(context).get(PENDING)
    if query.data == "c:yes" and pending is not None and pending.note is not None:
        await apply_pending(update, context)
        return
    _user_data(context).pop(PENDING, None)
    language = await context.services.language(update)
    await reply(update, text(language, "staff.cancelled"))


async def apply_pending(update: Update, context: BotContext) -> None:
    """Apply the change waiting in this staff member's session."""
    pending = _user_data(context).pop(PENDING)
    note = split_note(pending.note or "")
    change = await context.services.store.applications.change(
        pending.number, pending.action, staff_id=user_id(update),
        public_note=note.public, internal_note=note.internal, expected_stage=pending.expected)
    await reply_change(update, context.services, change)


def _user_data(context: BotContext) -> dict[str, PendingChange]:
    assert context.user_data is not None
    return context.user_data
