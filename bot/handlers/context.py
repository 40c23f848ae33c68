"""The objects handlers share, reached through a typed callback context."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import Application, CallbackContext, ExtBot

from bot.access import StaffDirectory
from bot.conversation import Conversation
from bot.handlers.error_replies import UsageError
from bot.handlers.staff_input import number_and_rest
from bot.tracking import Tracking
from office.settings import Settings
from storage.store import Store


@dataclass
class Services:
    """Opened in post_init, closed in post_shutdown; one per running application."""

    settings: Settings
    store: Store
    tracking: Tracking
    directory: StaffDirectory
    bot_username: str
    wake_dispatcher: Callable[[], None] = field(default=lambda: None)

    def staff_number(self, update: Update, usage: UsageError) -> tuple[str, str]:
        """The registration number a staff command starts with (short forms count in the
        office's current year), and the rest of the command's text."""
        now = self.store.clock().astimezone(self.settings.office.zone)
        return number_and_rest(update, usage, self.settings.office.registration_prefix, now)

    def conversation(self, update: Update) -> Conversation:
        """What the person behind the update is asked and the bot waits for (in the database,
        so any instance can take the answer)."""
        return Conversation(self.store.conversations, update)

    async def language(self, update: Update | None) -> str:
        """The chat's language, or the office default."""
        chat = update.effective_chat if update else None
        if chat is None:
            return self.settings.office.default_language
        return (await self.store.followers.chat(chat.id)).language


class BotContext(CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """CallbackContext with typed access to the services."""

    @property
    def services(self) -> Services:
        """The running application's services."""
        services: Services = self.application.bot_data["services"]
        return services


BotApplication = Application[ExtBot[Any], BotContext, dict[Any, Any], dict[Any, Any],
                             dict[Any, Any], Any]
