"""Sending pace: an overall rate and a minimum interval per chat.

python-telegram-bot's AIORateLimiter paces overall and per group but not per private chat,
and Telegram asks for about one message per second to one chat; this adds that, and lets the
dispatcher move on instead of waiting when a chat's next slot is far away.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

Monotonic = Callable[[], float]


class Pacer:
    """A token bucket for the overall rate plus the next free slot of each chat.

    The bucket holds a tenth of a second's worth: sends go out evenly spaced rather than in a
    burst, so jitter on the way cannot bunch them into more than Telegram's window allows.
    """

    def __init__(self, per_second: float, per_chat_interval: float,
                 clock: Monotonic = time.monotonic) -> None:
        self.per_second = per_second
        self.per_chat_interval = per_chat_interval
        self.clock = clock
        self.capacity = max(1.0, per_second / 10)
        self._tokens = self.capacity
        self._updated = clock()
        self._paused_until = 0.0
        self._chat_slots: dict[int, float] = {}
        self._lock = asyncio.Lock()

    def chat_delay(self, chat_id: int) -> float:
        """Seconds until the chat may receive its next message."""
        return max(0.0, self._chat_slots.get(chat_id, 0.0) - self.clock())

    def reserve_chat(self, chat_id: int) -> float:
        """Claim the chat's next slot; returns how long to wait for it."""
        now = self.clock()
        slot = max(now, self._chat_slots.get(chat_id, 0.0))
        self._chat_slots[chat_id] = slot + self.per_chat_interval
        if len(self._chat_slots) > 50_000:
            self._forget_old(now)
        return slot - now

    def pause(self, seconds: float) -> None:
        """Send nothing for `seconds` (Telegram answered 429 with retry_after)."""
        self._paused_until = max(self._paused_until, self.clock() + seconds)
        # The bucket refills from the end of the pause, not across it: no burst right after.
        self._tokens = 0.0
        self._updated = self._paused_until

    def pause_chat(self, chat_id: int, seconds: float) -> None:
        """Send nothing to one chat for `seconds`."""
        self._chat_slots[chat_id] = max(self._chat_slots.get(chat_id, 0.0),
                                        self.clock() + seconds)

    async def acquire(self) -> None:
        """Wait for an overall sending token (and for any pause to end)."""
        async with self._lock:
            while True:
                now = self.clock()
                if now < self._paused_until:
                    await asyncio.sleep(self._paused_until - now)
                    continue
                self._tokens = min(self.capacity,
                                   self._tokens + (now - self._updated) * self.per_second)
                self._updated = now
                if self._tokens >= 1.0:
                    self._tokens -= 1.0
                    return
                await asyncio.sleep((1.0 - self._tokens) / self.per_second)

    def _forget_old(self, now: float) -> None:
        self._chat_slots = {chat: slot for chat, slot in self._chat_slots.items() if slot > now}
