"""A rate budget kept as one number: a token bucket in the form of the generic cell rate algorithm.

The flood guard (updates a chat may send) and the send limiter (messages the bot may send to a
chat) both keep one per chat; one float each keeps tens of thousands of chats cheap.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import TypeVar

Key = TypeVar("Key")


class Budget:
    """`burst` events at once, then one every `interval` seconds.

    `due` is when the bucket would be full again; an event conforms while it is no further
    ahead than the burst allows.
    """

    __slots__ = ("due", "interval", "tolerance")

    def __init__(self, burst: int, interval: float, now: float) -> None:
        self.interval = interval
        self.tolerance = (burst - 1) * interval
        self.due = now

    def wait(self, now: float) -> float:
        """Seconds until the next event conforms (0 when it does now)."""
        return max(0.0, self.due - self.tolerance - now)

    def take(self, now: float) -> None:
        """Spend one event (at `now`, or at the slot `wait` named)."""
        self.due = max(self.due, now) + self.interval

    def reserve(self, now: float, limit: float) -> float | None:
        """Claim the next slot if it is at most `limit` seconds away; returns the wait, or None."""
        wait = self.wait(now)
        if wait > limit:
            return None
        self.take(now)
        return wait

    def pause(self, now: float, seconds: float) -> None:
        """Nothing before `seconds` from now, and then a bucket that refills from empty."""
        self.due = max(self.due, now + seconds + self.tolerance)

    def idle(self, now: float) -> bool:
        """Whether the bucket is full, so forgetting it changes nothing."""
        return self.due <= now


def forget_idle(budgets: MutableMapping[Key, Budget], now: float, keep: int) -> None:
    """Drop full budgets once there are more than `keep`: memory stays bounded by active keys."""
    if len(budgets) > keep:
        for key in [key for key, budget in budgets.items() if budget.idle(now)]:
            del budgets[key]
