"""Registering twice: `/new` asks first when the same name and permit type came in lately.

A clerk at a busy counter may type a registration again (the first reply was slow, or a
colleague already did it); a second number would confuse the applicant and the office's
figures. A real second application by the same person is possible, so this asks, never refuses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from telegram import Update

from bot.handlers.context import BotContext
from bot.handlers.replying import ask_about, reply
from office.buttons import confirm_keyboard
from office.dates import format_date
from office.texts import join, text

DUPLICATE_WINDOW = timedelta(days=7)
NEW_PREFIX = "nw"
PENDING_NEW = "pending_new"


@dataclass(frozen=True)
class Registration:
    """What `/new` was asked to register."""

    permit_type: str
    name: str
    contact: str


async def ask_if_registered_lately(update: Update, context: BotContext,
                                   registration: Registration) -> bool:
    """Whether the same name and permit type were registered within the window; if so, the
    clerk is shown them and asked (the `nw:yes` button then registers)."""
    services = context.services
    store = services.store
    permit_type = store.catalogue.get(registration.permit_type)
    alike = await store.worklists.registered_alike(permit_type.code, registration.name,
                                                   store.clock() - DUPLICATE_WINDOW)
    if not alike:
        return False
    language = await services.language(update)
    lines = [text(language, "staff.new.alike_line", number=application.number,
                  name=application.applicant_name,
                  date=format_date(application.created_at, language, store.calendar.timezone),
                  stage=permit_type.stage(application.stage).name(language))
             for application in alike]
    body = join([text(language, "staff.new.alike", permit_type=permit_type.name(language),
                      days=DUPLICATE_WINDOW.days), *lines,
                 text(language, "staff.new.alike_question",
                      name=" ".join(registration.name.split()))])
    # Tied to this question: "yes" under an older warning must not register a newer name.
    await ask_about(update, context, PENDING_NEW, registration, lambda: reply(
        update, body, confirm_keyboard(NEW_PREFIX, text(language, "staff.button.register_anyway"),
                                       text(language, "staff.button.cancel"))))
    return True
