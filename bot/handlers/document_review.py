"""Staff review handed-in documents: Accept under the forwarded file, or `/again` with a reason.

Ask again needs words the applicant will read, so its button only says how to type them:
nothing waits in memory for a reply, and any process can take the command.
"""

from __future__ import annotations

from telegram import Update

from bot.handlers.context import BotContext
from bot.handlers.error_replies import UsageError
from bot.handlers.replying import close_buttons, reply, user_id
from bot.handlers.staff_input import command_text
from office.texts import text

MAX_REASON = 500


async def review_button(update: Update, context: BotContext) -> None:
    """`dr:a:<id>` accepts the document; `dr:r:<id>` explains how to ask for it again."""
    query = update.callback_query
    assert query is not None
    assert query.data is not None
    _, action, document_id = query.data.split(":")
    services = context.services
    language = await services.language(update)
    if action == "r":
        await query.answer()
        await reply(update, text(language, "documents.staff.again_how", document=document_id))
        return
    reviewed = await services.store.documents.review(int(document_id), accept=True,
                                                     staff_id=user_id(update))
    await close_buttons(query)
    application = reviewed.application
    permit_type = services.store.catalogue.get(application.permit_type)
    await reply(update, text(language, "documents.staff.resumed" if reviewed.resumed
                             else "documents.staff.accepted", document=reviewed.document.id,
                             number=application.number,
                             stage=permit_type.stage(application.stage).name(language)))


async def ask_again(update: Update, context: BotContext) -> None:
    """`/again <document no.> <what is wrong>`: the sender is asked to send it again."""
    services = context.services
    document_id, _, reason = command_text(update).strip().partition(" ")
    reason = reason.strip()
    if not document_id.lstrip("#").isdigit() or not reason or len(reason) > MAX_REASON:
        raise UsageError("documents.staff.usage", limit=MAX_REASON)
    reviewed = await services.store.documents.review(
        int(document_id.lstrip("#")), accept=False, staff_id=user_id(update), note=reason)
    await reply(update, text(await services.language(update), "documents.staff.asked_again",
                             document=reviewed.document.id, number=reviewed.application.number))
