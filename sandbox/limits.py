"""Telegram's flood control: token buckets per chat and overall, answered with 429 retry_after.

The global bucket holds `global_per_second` tokens and refills at that rate, which is the leaky
bucket PTB's AIORateLimiter (aiolimiter) assumes, so a bot paced by it never trips the limit.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from sandbox.protocol import ApiError

# Methods that post or change a message in a chat: the only ones Telegram rate-limits per chat.
SENDING_METHODS = frozenset(
    {
        "sendMessage",
        "sendPhoto",
        "sendDocument",
        "editMessageText",
        "editMessageCaption",
        "editMessageReplyMarkup",
    }
)

Clock = Callable[[], float]


@dataclass(frozen=True)
class FloodLimits:
    """How fast the bot may send: overall, to one private chat, to one group."""

    enabled: bool = True
    global_per_second: float = 30.0
    private_per_second: float = 1.0
    private_burst: int = 3
    group_per_minute: int = 20


class TokenBucket:
    """Holds up to `capacity` tokens, refilled continuously at `rate` per second."""

    def __init__(self, capacity: float, rate: float, now: float) -> None:
        self.capacity = capacity
        self.rate = rate
        self.tokens = capacity
        self.updated = now

    def wait(self, now: float) -> float:
        """Seconds until a token is available (0 when one is)."""
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        # The epsilon forgives float drift, so a client that waited retry_after is admitted.
        return 0.0 if self.tokens >= 1 - 1e-9 else (1 - self.tokens) / self.rate

    def take(self) -> None:
        """Spend one token."""
        self.tokens -= 1


@dataclass
class _Injection:
    chat_id: int | None
    seconds: int
    remaining: int


def too_many_requests(retry_after: int) -> ApiError:
    """Telegram's 429 answer."""
    return ApiError(
        429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
    )


def _ceil(seconds: float) -> int:
    # Guard against 1.0000000001 rounding up to 2 seconds.
    return max(1, math.ceil(seconds - 1e-9))


class FloodControl:
    """Decides whether a message to a chat may go out now."""

    def __init__(self, limits: FloodLimits, clock: Clock = time.monotonic) -> None:
        self.clock = clock
        self._limits = limits
        self._buckets: dict[int | None, TokenBucket] = {}
        self._banned_until: dict[int | None, float] = {}
        self._injections: list[_Injection] = []

    @property
    def limits(self) -> FloodLimits:
        """The limits in force; assigning new ones starts every bucket afresh."""
        return self._limits

    @limits.setter
    def limits(self, limits: FloodLimits) -> None:
        self._limits = limits
        self._buckets.clear()
        self._banned_until.clear()

    def inject(self, chat_id: int | None, seconds: int, count: int = 1) -> None:
        """Answer the next `count` sends to chat_id (any chat when None) with 429."""
        self._injections.append(_Injection(chat_id, seconds, count))

    def admit(self, chat_id: int, is_group: bool) -> None:
        """Spend a token for one send to chat_id, or raise Telegram's 429."""
        now = self.clock()
        for key in (None, chat_id):
            until = self._banned_until.get(key, 0.0)
            if until > now:
                raise too_many_requests(_ceil(until - now))
        for injection in self._injections:
            if injection.remaining > 0 and injection.chat_id in (None, chat_id):
                injection.remaining -= 1
                raise too_many_requests(injection.seconds)
        if not self._limits.enabled:
            return
        overall = self._bucket(None, is_group, now)
        chat = self._bucket(chat_id, is_group, now)
        waits = {None: overall.wait(now), chat_id: chat.wait(now)}
        key = max(waits, key=lambda k: waits[k])
        if waits[key] > 0:
            retry_after = _ceil(waits[key])
            # Telegram keeps refusing until the announced time, even if a token refills sooner.
            self._banned_until[key] = now + retry_after
            raise too_many_requests(retry_after)
        overall.take()
        chat.take()

    def _bucket(self, key: int | None, is_group: bool, now: float) -> TokenBucket:
        bucket = self._buckets.get(key)
        if bucket is None:
            limits = self._limits
            if key is None:
                bucket = TokenBucket(limits.global_per_second, limits.global_per_second, now)
            elif is_group:
                bucket = TokenBucket(limits.group_per_minute, limits.group_per_minute / 60, now)
            else:
                bucket = TokenBucket(limits.private_burst, limits.private_per_second, now)
            self._buckets[key] = bucket
        return bucket
