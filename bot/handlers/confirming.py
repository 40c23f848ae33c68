"""One confirmation for the changes that cannot simply be taken back: reject, withdraw, issue.

Typed or reached through the buttons, such a change is shown with the application's card
summary and applied only by the Confirm button under that one question, and only within
CONFIRMATION_LIFETIME (a constant: long enough to read the card, short enough that a stale
question is not confirmed after the file has been discussed at the counter).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from telegram import Update

from bot.handlers.context import BotContext
from bot.handlers.replying import ask_about, reply
from bot.handlers.staff_input import split_note
from bot.views.confirmations import render_confirmation
from bot.views.staff_keyboards import confirm_keyboard
from storage.applications import MAX_NOTE, clean_text
from storage.workflow import Action

CONFIRMATION_LIFETIME = timedelta(minutes=5)
CONFIRMED_ACTIONS = frozenset({Action.REJECT, Action.WITHDRAW, Action.ISSUE})
PENDING = "pending_change"


@dataclass
class PendingChange:
    """A change waiting for its reason (a button's prompt) and then for its confirmation; kept
    in the database, tied to the message that asks (bot/conversation.py)."""

    number: str
    action: Action
    expected: str
    note: str | None = None
    asked_at: datetime | None = None
    payload: str = "{}"  # the permit attached to `/issue`, sent to followers with the notice

    def expired(self, now: datetime) -> bool:
        """Whether the confirmation was asked longer ago than it holds."""
        return self.asked_at is not None and now - self.asked_at > CONFIRMATION_LIFETIME


def lifetime_minutes() -> int:
    """CONFIRMATION_LIFETIME in whole minutes, as the texts say it."""
    return int(CONFIRMATION_LIFETIME.total_seconds() // 60)


async def ask_to_confirm(update: Update, context: BotContext, pending: PendingChange) -> None:
    """Show the card summary with Confirm/Cancel; only a press under this question applies it.

    The change is checked first (stage, reason, note length), so a question is asked only
    about a change that would be applied if nothing moves meanwhile.
    """
    services = context.services
    language = await services.language(update)
    application = await services.store.applications.get(pending.number)
    permit_type = services.store.catalogue.get(application.permit_type)
    note = split_note(pending.note or "")
    clean_text(note.public, "note", MAX_NOTE, required=False)
    clean_text(note.internal, "note", MAX_NOTE, required=False)
    target = permit_type.target_for(pending.action, application.stage)
    permit_type.check_note(pending.action, application.stage, target, note.public)
    # A button's press fixed the stage it was shown at; a typed command fixes it now.
    pending.expected = pending.expected or application.stage
    pending.asked_at = services.store.clock()
    await ask_about(update, context, PENDING, pending, lambda: reply(
        update, render_confirmation(application, permit_type, pending.action, note.public,
                                    lifetime_minutes(), language),
        confirm_keyboard(language)))


async def confirm_typed(update: Update, context: BotContext, action: Action, number: str,
                        rest: str) -> None:
    """A typed `/reject`, `/withdraw` or `/issue`: ask first, exactly as the buttons do."""
    await ask_to_confirm(update, context, PendingChange(number, action, "", rest.strip()))
