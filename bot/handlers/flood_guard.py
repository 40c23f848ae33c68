"""The inbound budget: a chat that floods the bot is dropped before it costs any work.

It runs first for every update (handler group -3). Messages and button presses each spend one
unit of their sender's budget: `updates_burst` at once, then `updates_per_minute`. Beyond it the
update is dropped: no database work, no answer, so it holds a concurrent-update slot for
microseconds and spends none of the chat's send budget. The chat hears about it once a minute
(a private chat gets a message, a button press gets an answer; a group nothing, since that
would spend the group's own 20-a-minute send budget).

A group's budget is shared by all its members, except in the staff group, where each member has
their own: a colleague's flood must not lock the others out of their work. Budgets live in
memory only: a restart just refills them. That is deliberate with several instances too: a
budget in the database would cost a write for every update, the very work a flood must not
cause. Behind a load balancer a chat gets at most N times its budget from N instances; the
throttles behind it (unknown numbers, wrong codes) are counted in the database and stay exact.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop

from bot.handlers.context import BotContext
from bot.runtime.budget import Budget, forget_idle
from bot.runtime.send_limiter import mark_answering
from office.settings import FloodSettings
from office.texts import text

NOTICE_SECONDS = 60.0
_KEEP = 10_000
Sender = tuple[int, int | None]


class FloodGuard:
    """Admits or drops each update by its sender's budget; the callback of a TypeHandler."""

    def __init__(self, settings: FloodSettings, staff_group: int | None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.burst = settings.updates_burst
        self.interval = 60 / settings.updates_per_minute
        self.staff_group = staff_group
        self.clock = clock
        self._budgets: dict[Sender, Budget] = {}
        self._noticed: dict[Sender, float] = {}

    def sender(self, chat_id: int, user_id: int | None) -> Sender:
        """Whose budget an update spends: the chat's, or the member's in the staff group."""
        return (chat_id, user_id if chat_id == self.staff_group else None)

    def admit(self, sender: Sender) -> bool:
        """Spend one unit of the sender's budget, if there is one."""
        now = self.clock()
        budget = self._budgets.get(sender)
        if budget is None:
            forget_idle(self._budgets, now, _KEEP)
            budget = self._budgets[sender] = Budget(self.burst, self.interval, now)
        return budget.reserve(now, 0.0) is not None

    def should_notice(self, sender: Sender) -> bool:
        """Whether a dropped update should be explained: once a minute per sender."""
        now = self.clock()
        if now < self._noticed.get(sender, -NOTICE_SECONDS) + NOTICE_SECONDS:
            return False
        if len(self._noticed) > _KEEP:
            self._noticed = {key: at for key, at in self._noticed.items()
                             if at + NOTICE_SECONDS > now}
        self._noticed[sender] = now
        return True

    async def __call__(self, update: Update, context: BotContext) -> None:
        """Let the update through, or stop every later handler group from seeing it."""
        mark_answering()
        chat = update.effective_chat
        if chat is None or (update.message is None and update.callback_query is None):
            return  # membership changes are Telegram's own, not a chat's flood
        user = update.effective_user
        sender = self.sender(chat.id, user.id if user else None)
        if self.admit(sender):
            return
        if self.should_notice(sender):
            await _notice(update, context)
        raise ApplicationHandlerStop


async def _notice(update: Update, context: BotContext) -> None:
    """Tell the sender their updates are being dropped, where that costs no group budget."""
    chat = update.effective_chat
    assert chat is not None
    language = await context.services.language(update)
    with contextlib.suppress(TelegramError):  # best effort: the flood goes on being dropped
        if update.callback_query is not None:
            await update.callback_query.answer(text(language, "flood.slow_down"))
        elif chat.type == chat.PRIVATE:
            await chat.send_message(text(language, "flood.slow_down"))
