"""Undo: `/undo <number>` or the button under a move's reply takes the latest move back.

The store decides whether it may be undone (storage/undo.py: only the latest move, by its
clerk or an admin, within `[staff] undo_minutes`; a final decision by an admin only) and
refuses with UndoRefused, which bot/handlers/error_replies.py explains.
"""

from __future__ import annotations

from datetime import timedelta

from telegram import Update

from bot.handlers.context import BotContext
from bot.handlers.error_replies import UsageError
from bot.handlers.replying import close_buttons, reply, user_id
from bot.views.staff_keyboards import next_steps_keyboard
from office.texts import text
from storage.models import Role


async def undo(update: Update, context: BotContext) -> None:
    """`/undo <number>`: take back the application's latest move."""
    number, _ = context.services.staff_number(
        update, UsageError("staff.usage.number", command="undo"))
    await _undo(update, context, number, None)


async def undo_button(update: Update, context: BotContext) -> None:
    """`u:<history id>`: take back that move, if it is still the application's latest."""
    query = update.callback_query
    assert query is not None
    move_id = int((query.data or "").split(":")[1])
    store = context.services.store
    application = await store.applications.get_by_id(
        (await store.applications.history_entry(move_id)).application_id)
    await _undo(update, context, application.number, move_id)
    await close_buttons(query)


async def _undo(update: Update, context: BotContext, number: str, move_id: int | None) -> None:
    services = context.services
    clerk = user_id(update)
    undone = await services.store.undo.undo(
        number, staff_id=clerk, admin=services.directory.role_of(clerk) == Role.ADMIN,
        window=timedelta(minutes=services.settings.staff.undo_minutes), move_id=move_id)
    language = await services.language(update)
    application = undone.application
    permit_type = services.store.catalogue.get(application.permit_type)
    await reply(update, text(language, "staff.undone", number=application.number,
                             from_stage=permit_type.stage(undone.move.to_stage).name(language),
                             to_stage=permit_type.stage(application.stage).name(language),
                             corrected=undone.corrected, cancelled=undone.cancelled),
                next_steps_keyboard(application, permit_type, language))
