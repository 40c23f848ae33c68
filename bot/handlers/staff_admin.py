"""Admin commands (staff list, outbox retry) and the neutral refusal for everyone else."""

from __future__ import annotations

from telegram import Update

from bot.handlers.context import BotContext
from bot.handlers.error_replies import UsageError
from bot.handlers.menus import publish_staff_menu, withdraw_menu
from bot.handlers.replying import reply, user_id
from bot.handlers.staff_input import command_text
from bot.views.staff_cards import render_outbox, render_staff
from office.texts import text
from storage.models import Role

OUTBOX_ROWS = 10


async def staff(update: Update, context: BotContext) -> None:
    """`/staff list | add <id> <operator|admin> <name> | remove <id>` (admins)."""
    services = context.services
    language = await services.language(update)
    roster = services.store.staff
    words = command_text(update).split(maxsplit=3)
    action = words[0].lower() if words else "list"
    # Adding needs the new clerk's numeric id, which only /myid shows them: the usage says so.
    usage = UsageError("staff.usage.staff_add" if action == "add" else "staff.usage.staff")
    by = user_id(update)
    if action == "list":
        await reply(update, render_staff(await roster.members(), language))
        return
    if len(words) < 2 or not words[1].lstrip("-").isdigit():
        raise usage
    if action == "add" and len(words) == 4 and words[2].lower() in ("operator", "admin"):
        member = await roster.add(int(words[1]), Role(words[2].lower()), words[3], by=by)
        services.directory.load(await roster.members())
        await publish_staff_menu(context.bot, member.user_id, member.role)
        answer = text(language, "staff.added", name=member.name, user_id=member.user_id,
                     role=member.role.value)
    elif action == "remove" and len(words) == 2:
        member = await roster.remove(int(words[1]), by=by)
        services.directory.load(await roster.members())
        await withdraw_menu(context.bot, member.user_id)
        answer = text(language, "staff.removed", name=member.name, user_id=member.user_id)
    else:
        raise usage
    await reply(update, answer)


async def outbox_retry(update: Update, context: BotContext) -> None:
    """`/outbox retry` (admins): give every dead message a fresh set of attempts."""
    language = await context.services.language(update)
    count = await context.services.store.outbox.retry_dead()
    await reply(update, text(language, "staff.outbox.retried", count=count))


async def outbox(update: Update, context: BotContext) -> None:
    """`/outbox`: pending, retrying and dead messages."""
    services = context.services
    language = await services.language(update)
    box = services.store.outbox
    if command_text(update).strip():
        raise UsageError("staff.usage.outbox")
    await reply(update, render_outbox(await box.counts(), await box.retrying(OUTBOX_ROWS),
                                      await box.dead(OUTBOX_ROWS), language))


async def refuse(update: Update, context: BotContext) -> None:
    """Whoever may not act here gets one neutral reply, and nothing changes.

    Strangers are told the command is for staff. Staff reach this only on an admin button
    (they are operators) or with a staff command in a chat other than private or the staff
    group, and are told which.
    """
    language = await context.services.language(update)
    is_staff = context.services.directory.role_of(user_id(update)) is not None
    if update.callback_query:
        key = "staff.admin_only" if is_staff else "staff.only"
        await update.callback_query.answer(text(language, key), show_alert=True)
        return
    await reply(update, text(language, "staff.wrong_chat" if is_staff else "staff.only"))


async def refuse_private(update: Update, context: BotContext) -> None:
    """An admin asking for whole-office data files outside a private chat."""
    language = await context.services.language(update)
    await reply(update, text(language, "staff.private_only"))


async def refuse_admin(update: Update, context: BotContext) -> None:
    """Staff who are not admins, on an admin command."""
    if context.services.directory.role_of(user_id(update)) != Role.OPERATOR:
        await refuse(update, context)
        return
    language = await context.services.language(update)
    await reply(update, text(language, "staff.admin_only"))
