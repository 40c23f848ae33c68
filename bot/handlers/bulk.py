"""Bulk moves: `/advance 12 13 15-18 note` (and `/move`, `/note`, and /queue's button).

One question lists every application with where it goes and how many followers will be
told; Confirm applies each in its own transaction (with its own history, outbox and audit
rows), at the stage the question showed, and one message reports every number's result.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.handlers.bulk_input import MAX_BULK, numbers_and_rest
from bot.handlers.confirming import CONFIRMATION_LIFETIME, lifetime_minutes
from bot.handlers.context import BotContext, Services
from bot.handlers.error_replies import UsageError, explain
from bot.handlers.replying import (
    accepted_value,
    ask_about,
    close_buttons,
    confirmed_value,
    reply,
    user_id,
)
from bot.handlers.staff_input import NoteParts, command_text, split_note
from bot.views.bulk_moves import Outcome, Planned, render_question, render_results
from office.buttons import confirm_keyboard
from office.texts import Html, label, text
from storage import errors
from storage.applications import MAX_NOTE, clean_text
from storage.models import Application
from storage.workflow import Action, PermitType

BULK_ACTIONS = frozenset({Action.ADVANCE, Action.MOVE, Action.NOTE})
BULK_PREFIX = "bk"
QUEUE_BUTTON = "qa"
PENDING_BULK = "pending_bulk"
PENDING_QUEUE = "pending_queue"


@dataclass(frozen=True)
class BulkMove:
    """What the question asked about: each application at the stage it was shown at."""

    action: Action
    planned: tuple[Planned, ...]
    refused: tuple[Outcome, ...]
    note: NoteParts
    asked_at: datetime


async def bulk_command(update: Update, context: BotContext, action: Action) -> bool:
    """Ask about a command naming several applications; False when it names one."""
    services = context.services
    now = services.store.clock().astimezone(services.settings.office.zone)
    numbers, rest = numbers_and_rest(command_text(update),
                                     services.settings.office.registration_prefix, now)
    if len(numbers) < 2:
        return False
    stage = ""
    if action == Action.MOVE:
        stage, _, rest = rest.strip().partition(" ")
        if not stage:
            raise UsageError("staff.usage.move")
    await ask_bulk(update, context, action, numbers, stage.lower(), split_note(rest))
    return True


async def ask_bulk(update: Update, context: BotContext, action: Action,
                   numbers: Sequence[str], stage: str, note: NoteParts) -> None:
    """The one question: every application, where it goes, followers to be told."""
    services = context.services
    language = await services.language(update)
    store = services.store
    clean_text(note.public, "note", MAX_NOTE, required=False)
    clean_text(note.internal, "note", MAX_NOTE, required=False)
    planned: list[Planned] = []
    refused: list[Outcome] = []
    for number in numbers:
        try:
            application = await store.applications.get(number)
            permit_type = store.catalogue.get(application.permit_type)
            target = permit_type.target_for(action, application.stage, stage)
            permit_type.check_note(action, application.stage, target, note.public)
        except errors.StoreError as error:
            refused.append(Outcome(number, refusal=refusal(error, services, language)))
            continue
        planned.append(Planned(application.number, application.permit_type, application.stage,
                               target, await store.followers.count(application.id)))
    command = f"/{action.value}"
    if not planned:
        await reply(update, render_results(command, refused, language))
        return
    await ask_about(update, context, PENDING_BULK, BulkMove(
        action, tuple(planned), tuple(refused), note, store.clock()), lambda: reply(
        update, render_question(command, planned, refused, note.public, lifetime_minutes(),
                                store.catalogue, language),
        confirm_keyboard(BULK_PREFIX, label(language, "staff.button.confirm"),
                         label(language, "staff.button.cancel"))))


async def bulk_button(update: Update, context: BotContext) -> None:
    """`bk:yes|no`: apply each application of the question pressed, or nothing."""
    services = context.services
    language = await services.language(update)
    move: BulkMove | None = await accepted_value(update, context, PENDING_BULK, language)
    if move is None:
        return
    if services.store.clock() - move.asked_at > CONFIRMATION_LIFETIME:
        await reply(update, text(language, "staff.confirm_expired", minutes=lifetime_minutes()))
        return
    outcomes = [await _apply(update, services, move, planned, language)
                for planned in move.planned]
    await reply(update, render_results(f"/{move.action.value}", [*outcomes, *move.refused],
                                       language))


async def _apply(update: Update, services: Services, move: BulkMove, planned: Planned,
                 language: str) -> Outcome:
    """One application in its own transaction; a refusal is that number's result only."""
    permit_type = services.store.catalogue.get(planned.permit_type)
    try:
        change = await services.store.applications.change(
            planned.number, move.action, staff_id=user_id(update), stage=planned.target,
            public_note=move.note.public, internal_note=move.note.internal,
            expected_stage=planned.stage)
    except errors.StoreError as error:
        return Outcome(planned.number, refusal=refusal(error, services, language, permit_type))
    entry = change.entry
    return Outcome(planned.number, (permit_type.stage(entry.from_stage or "").name(language),
                                    permit_type.stage(entry.to_stage).name(language)),
                   change.notified)


def refusal(error: errors.StoreError, services: Services, language: str,
            permit_type: PermitType | None = None) -> Html:
    """Why one number was not moved, short enough for one line."""
    match error:
        case errors.ApplicationNotFound():
            return text(language, "staff.bulk.not_found")
        case errors.ConcurrentChange(actual_stage=actual):
            return text(language, "staff.bulk.moved", stage=permit_type.stage(actual).name(
                language) if permit_type else actual)
        case errors.StageTransitionRejected(current=current, permit_type=kind) if kind:
            key = "staff.bulk.decided" if kind.stage(current).is_final else "staff.bulk.not_from"
            return text(language, key, stage=kind.stage(current).name(language))
    explained = explain(error, language, services.settings, services.store.clock())
    return Html(" ".join((explained or str(error)).split()))


async def reply_with_advance_all(update: Update, context: BotContext,
                                 applications: Sequence[Application], body: Html) -> None:
    """Send /queue's list with a button to advance every application it shows."""
    language = await context.services.language(update)
    # Only those the message shows (a long list is cut to one message), at most MAX_BULK.
    shown = [a.number for a in applications if a.number in body][:MAX_BULK]
    if len(shown) < 2:
        await reply(update, body)
        return
    markup = InlineKeyboardMarkup([[InlineKeyboardButton(
        label(language, "staff.button.advance_all", count=len(shown)),
        callback_data=QUEUE_BUTTON)]])
    await ask_about(update, context, PENDING_QUEUE, tuple(shown),
                    lambda: reply(update, body, markup))


async def queue_button(update: Update, context: BotContext) -> None:
    """`qa`: the bulk question for every application the pressed /queue message showed."""
    query = update.callback_query
    assert query is not None
    numbers: tuple[str, ...] | None = await confirmed_value(update, context, PENDING_QUEUE)
    await close_buttons(query)
    if numbers is None:
        language = await context.services.language(update)
        await reply(update, text(language, "staff.bulk.queue_expired"))
        return
    await ask_bulk(update, context, Action.ADVANCE, numbers, "", NoteParts("", ""))
