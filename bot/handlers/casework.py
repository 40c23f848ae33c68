"""Staff commands that register and move applications."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from telegram import Update

from bot.handlers.bulk import BULK_ACTIONS, bulk_command
from bot.handlers.confirming import CONFIRMED_ACTIONS, confirm_typed
from bot.handlers.context import BotContext, Services
from bot.handlers.duplicates import (
    PENDING_NEW,
    Registration,
    ask_if_registered_lately,
)
from bot.handlers.error_replies import UsageError, example
from bot.handlers.replying import (
    accepted_value,
    ask_about,
    reply,
    user_id,
)
from bot.handlers.staff_input import NoteParts, command_text, split_note
from bot.tracking import deep_link_payload
from bot.views.receipt_qr import follow_link, qr_png
from bot.views.staff_cards import render_types
from bot.views.staff_keyboards import next_steps_keyboard, repeat_keyboard, with_undo
from office.buttons import confirm_keyboard
from office.dates import format_date
from office.texts import text
from storage.errors import RepeatedChange
from storage.models import Application, Change, Role
from storage.workflow import FINAL_STAGES, UNDOABLE, Action

Handler = Callable[[Update, BotContext], Coroutine[Any, Any, None]]
# A typed command carries no stage: the same /advance again this soon is taken for a command
# sent twice, and asked about instead of skipping a stage and telling every follower.
REPEAT_WINDOW = timedelta(seconds=30)
RECEIPT_PREFIX = "rc"
PENDING_RECEIPT = "pending_receipt"
PENDING_REPEAT = "pending_repeat"


@dataclass(frozen=True)
class HeldNote:
    """The note of an /advance held back as a repeat: added only if the clerk confirms."""

    application_id: int
    number: str
    note: NoteParts
    typed: str


async def staff_help(update: Update, context: BotContext) -> None:
    """`/help` for staff: the staff commands with examples (applicants get theirs)."""
    services = context.services
    language = await services.language(update)
    await reply(update, text(language, "staff.help",
                             example=example(services.settings, services.store.clock())))


async def types(update: Update, context: BotContext) -> None:
    """`/types`: permit types with codes and stages."""
    language = await context.services.language(update)
    await reply(update, render_types(context.services.store.catalogue, language))


async def new(update: Update, context: BotContext) -> None:
    """`/new <type> <applicant name> [| contact]`: register and hand out the receipt."""
    services = context.services
    language = await services.language(update)
    code, _, rest = command_text(update).partition(" ")
    name, _, contact = rest.partition("|")
    if not code:
        raise UsageError("staff.usage.new", codes=", ".join(services.store.catalogue.codes))
    registration = Registration(code, name, contact)
    if not await ask_if_registered_lately(update, context, registration):
        await _register(update, services, registration, language)


async def new_button(update: Update, context: BotContext) -> None:
    """`nw:yes|no` under the same-name warning: register what that warning was about, or not."""
    services = context.services
    language = await services.language(update)
    registration: Registration | None = await accepted_value(update, context, PENDING_NEW,
                                                             language)
    if registration is not None:
        await _register(update, services, registration, language)


async def _register(update: Update, services: Services, registration: Registration,
                    language: str) -> None:
    application, access_code = await services.store.applications.create(
        registration.permit_type, registration.name, contact=registration.contact,
        staff_id=user_id(update))
    await _send_receipt(update, services, application, access_code, language, "staff.created")


async def receipt(update: Update, context: BotContext) -> None:
    """`/receipt <number>`: a new access code and QR code; the old code stops working and
    every follower is removed, so this asks first when there are followers to remove."""
    services = context.services
    language = await services.language(update)
    number, _ = services.staff_number(update,
                                      UsageError("staff.usage.number", command="receipt"))
    application = await services.store.applications.get(number)
    followers = await services.store.followers.count(application.id)
    if not followers:
        await _new_receipt(update, services, application.number, language)
        return
    # Tied to this question: "yes" under an older one must not replace another receipt.
    await ask_about(update, context, PENDING_RECEIPT, application.number, lambda: reply(
        update, text(language, "staff.receipt_confirm", number=application.number,
                     count=followers),
        confirm_keyboard(RECEIPT_PREFIX, text(language, "staff.button.confirm"),
                         text(language, "staff.button.cancel"))))


async def receipt_button(update: Update, context: BotContext) -> None:
    """`rc:yes|no`: replace the receipt the pressed question asked about, or nothing."""
    services = context.services
    language = await services.language(update)
    number: str | None = await accepted_value(update, context, PENDING_RECEIPT, language)
    if number is not None:
        await _new_receipt(update, services, number, language)


async def _new_receipt(update: Update, services: Services, number: str, language: str) -> None:
    new = await services.store.receipts.replace(number, staff_id=user_id(update))
    await _send_receipt(update, services, new.application, new.access_code, language,
                        "staff.receipt_reset", removed=new.removed)


async def unlock(update: Update, context: BotContext) -> None:
    """`/unlock <number>`: lift every chat's wrong-code lock-out on the application."""
    services = context.services
    language = await services.language(update)
    number, _ = services.staff_number(update,
                                      UsageError("staff.usage.number", command="unlock"))
    application, cleared = await services.store.receipts.unlock(number,
                                                                staff_id=user_id(update))
    await reply(update, text(language, "staff.unlocked", number=application.number,
                             attempts=cleared.attempts, chats=cleared.chats))


async def _send_receipt(update: Update, services: Services, application: Application,
                        access_code: str, language: str, headline: str,
                        **details: object) -> None:
    permit_type = services.store.catalogue.get(application.permit_type)
    link = follow_link(services.bot_username, deep_link_payload(application, access_code))
    heading = text(language, headline, number=application.number,
                   permit_type=permit_type.name(language), name=application.applicant_name,
                   code=access_code, due=format_date(application.due_at, language,
                                                     services.store.calendar.timezone),
                   **details)
    caption = text(language, "staff.receipt_caption", number=application.number,
                   permit_type=permit_type.name(language), name=application.applicant_name,
                   code=access_code, link=link)
    message = update.effective_message
    assert message is not None
    await message.reply_text(heading)
    await message.reply_photo(qr_png(link), caption=caption,
                              filename=f"{application.number}.png")


def change_command(action: Action) -> Handler:
    """A handler for `/<action> <number> [note // internal note]`; reject, withdraw and issue
    are asked about first (bot/handlers/confirming.py)."""
    usage_key = "staff.usage.number" if action in (Action.ADVANCE, Action.ISSUE) else (
        "staff.usage.number_note")
    # Only /advance can be applied twice by mistake: the others end where a repeat is refused.
    repeat_window = REPEAT_WINDOW if action == Action.ADVANCE else None

    async def handler(update: Update, context: BotContext) -> None:
        if action in BULK_ACTIONS and await bulk_command(update, context, action):
            return
        services = context.services
        number, rest = services.staff_number(update,
                                             UsageError(usage_key, command=action.value))
        if action in CONFIRMED_ACTIONS:
            await confirm_typed(update, context, action, number, rest)
            return
        note = split_note(rest)
        try:
            change = await services.store.applications.change(
                number, action, staff_id=user_id(update), public_note=note.public,
                internal_note=note.internal, repeat_window=repeat_window)
        except RepeatedChange as repeated:
            await reply_repeated(update, context, repeated, note, rest.strip())
            return
        await reply_change(update, services, change)

    handler.__name__ = action.value
    handler.__doc__ = f"`/{action.value} <number> [note]`."
    return handler


async def move(update: Update, context: BotContext) -> None:
    """`/move <number> <stage code> [note]`: any valid stage; backwards needs a note."""
    if await bulk_command(update, context, Action.MOVE):
        return
    services = context.services
    usage = UsageError("staff.usage.move")
    number, rest = services.staff_number(update, usage)
    stage, _, note_text = rest.partition(" ")
    if not stage:
        raise usage
    note = split_note(note_text)
    change = await services.store.applications.change(
        number, Action.MOVE, staff_id=user_id(update), stage=stage, public_note=note.public,
        internal_note=note.internal)
    await reply_change(update, services, change)


async def reply_change(update: Update, services: Services, change: Change) -> None:
    """Confirm a change to the staff member, with buttons for the next step."""
    language = await services.language(update)
    application, entry = change.application, change.entry
    permit_type = services.store.catalogue.get(application.permit_type)
    if entry.action == Action.NOTE:
        body = text(language, "staff.noted", number=application.number, notified=change.notified)
    else:
        body = text(language, "staff.changed", number=application.number,
                    from_stage=permit_type.stage(entry.from_stage or "").name(language),
                    to_stage=permit_type.stage(entry.to_stage).name(language),
                    notified=change.notified)
    markup = next_steps_keyboard(application, permit_type, language)
    if undoable_by(services, user_id(update), entry.action, entry.to_stage):
        markup = with_undo(markup, entry.id, language)
    await reply(update, body, markup)


def undoable_by(services: Services, clerk: int, action: str, stage: str) -> bool:
    """Whether to offer an undo button: a move, and a final decision only to an admin."""
    return action in UNDOABLE and (stage not in FINAL_STAGES
                                   or services.directory.role_of(clerk) == Role.ADMIN)


async def reply_repeated(update: Update, context: BotContext, repeated: RepeatedChange,
                         note: NoteParts, typed: str) -> None:
    """Ask before advancing again: the buttons carry the stage, so a tap is sure. A note the
    repeat carried is held for this warning's button, never dropped."""
    services = context.services
    language = await services.language(update)
    application = repeated.application
    permit_type = services.store.catalogue.get(application.permit_type)
    stage = permit_type.stage(application.stage).name(language)
    following = permit_type.next_stage(application.stage)
    if not (note.public or note.internal) or following is None:
        body = text(language, "staff.repeated", number=application.number, stage=stage,
                    seconds=repeated.seconds_ago)
        await reply(update, body, next_steps_keyboard(application, permit_type, language))
        return
    next_stage = permit_type.stage(following).name(language)
    body = text(language, "staff.repeated_note", number=application.number, stage=stage,
                seconds=repeated.seconds_ago, next=next_stage, note=typed)
    # Tied to this warning: a button under an older one must not add another note.
    await ask_about(update, context, PENDING_REPEAT,
                    HeldNote(application.id, application.number, note, typed),
                    lambda: reply(update, body,
                                  repeat_keyboard(application, permit_type, following, language)))
