"""Sending within Telegram's limits per chat, without letting one busy chat hold up the others.

python-telegram-bot's AIORateLimiter waits as long as a group's budget needs (20 messages a
minute), and a 429 in any chat halts every request. An answer waits inside one of the bot's
concurrent-update slots, so one group flooding the bot used to hold all of them and stall every
other chat (issue 13). Here:

- a group's messages keep to 20 a minute; a private chat is not paced ahead (Telegram names no
  hard limit there) but, once it draws a 429, to one message a second until it calms down;
- a 429 pauses only the chat it answered, never the others;
- an answer to an update (a send made in the task handling that update, see `mark_answering`)
  waits at most `max_wait` seconds for its chat's budget; beyond that it is dropped with one
  log line and `ReplyDropped`. Other sends (the dispatcher, scheduled notices) hold no update
  slot and wait as long as the budget needs, as before.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Awaitable, Callable, Coroutine
from contextvars import ContextVar
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter, TelegramError
from telegram.ext import BaseRateLimiter

from bot.runtime.budget import Budget, forget_idle

log = logging.getLogger(__name__)

# Telegram's published limits: at most 20 messages a minute to one group, about one a second
# to one chat.
GROUP_BURST = 20
GROUP_INTERVAL = 60 / GROUP_BURST
PRIVATE_INTERVAL = 1.0
# Waking a hair early from a sleep must not land a send before its slot.
_MARGIN = 0.05
_KEEP = 1_000

Result = bool | dict[str, Any] | list[dict[str, Any]]
_answering: ContextVar[asyncio.Task[Any] | None] = ContextVar("answering", default=None)


def mark_answering() -> None:
    """Note that the current task handles an update, so its sends hold an update slot.

    The task itself is remembered, not a flag: a context copied into a job or a task started
    from here (as the job queue's timers do) belongs to a task that holds no slot.
    """
    _answering.set(asyncio.current_task())


def answering() -> bool:
    """Whether the current task handles an update (see `mark_answering`)."""
    task = asyncio.current_task()
    return task is not None and _answering.get() is task


class ReplyDropped(TelegramError):
    """An answer would have waited too long for its chat's send budget; it was not sent."""

    def __init__(self, chat_id: int, endpoint: str, wait: float) -> None:
        super().__init__(f"{endpoint} to chat {chat_id} dropped: its budget is {wait:.0f} s away")
        self.chat_id = chat_id


class SendLimiter(BaseRateLimiter[int]):
    """Per-chat budgets for messages; answers never wait more than `max_wait` seconds."""

    __slots__ = ("_budgets", "clock", "max_wait", "sleep")

    def __init__(self, max_wait: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self.max_wait = max_wait
        self.clock = clock
        self.sleep = sleep
        self._budgets: dict[int, Budget] = {}

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Result:
        """Wait for the chat's slot (or drop the answer), send; after a 429 retry once."""
        chat_id = _chat_id(data)
        if chat_id is None or not _posts(endpoint):
            return await callback(*args, **kwargs)
        limit = self.max_wait if answering() else math.inf
        try:
            return await self._send(chat_id, endpoint, limit, callback, args, kwargs)
        except RetryAfter:
            return await self._send(chat_id, endpoint, limit, callback, args, kwargs)

    def wait(self, chat_id: int) -> float:
        """Seconds until the chat's next message may go out."""
        budget = self._budgets.get(chat_id)
        return 0.0 if budget is None else budget.wait(self.clock())

    async def _send(self, chat_id: int, endpoint: str, limit: float,
                    callback: Callable[..., Coroutine[Any, Any, Result]], args: Any,
                    kwargs: dict[str, Any]) -> Result:
        await self._slot(chat_id, endpoint, limit)
        try:
            return await callback(*args, **kwargs)
        except RetryAfter as error:
            seconds = _seconds(error.retry_after)
            log.info("chat %d: 429, retry after %.0f s", chat_id, seconds)
            self._budget(chat_id).pause(self.clock(), seconds)
            raise

    async def _slot(self, chat_id: int, endpoint: str, limit: float) -> None:
        now = self.clock()
        budget = self._budgets.get(chat_id)
        if chat_id > 0 and (budget is None or budget.idle(now)):
            # A private chat in good standing (or calm again after a 429) is not paced.
            self._budgets.pop(chat_id, None)
            return
        budget = self._budget(chat_id)
        wait = budget.reserve(now, limit)
        if wait is None:
            wait = budget.wait(now)
            log.warning("chat %d: %s dropped, its send budget is %.0f s away", chat_id,
                        endpoint, wait)
            raise ReplyDropped(chat_id, endpoint, wait)
        if wait > 0:
            await self.sleep(wait + _MARGIN)

    def _budget(self, chat_id: int) -> Budget:
        budget = self._budgets.get(chat_id)
        if budget is None:
            now = self.clock()
            forget_idle(self._budgets, now, _KEEP)
            budget = (Budget(GROUP_BURST, GROUP_INTERVAL, now) if chat_id < 0
                      else Budget(1, PRIVATE_INTERVAL, now))
            self._budgets[chat_id] = budget
        return budget


def _chat_id(data: dict[str, Any]) -> int | None:
    value = data.get("chat_id")
    if isinstance(value, str):
        if value.lstrip("-").isdigit():
            return int(value)
        # An @username can only name a public group or channel: a chat of its own.
        return -abs(hash(value)) or -1
    return value if isinstance(value, int) else None


def _posts(endpoint: str) -> bool:
    """Whether the method posts or changes a message: what Telegram limits per chat."""
    return (endpoint.startswith(("send", "edit", "copy", "forward"))
            and endpoint != "sendChatAction")


def _seconds(retry_after: timedelta | float) -> float:
    return retry_after.total_seconds() if isinstance(retry_after, timedelta) else retry_after
