"""Retry delays (exponential with half jitter, capped), and retrying a refused database write."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from typing import TypeVar

from storage.errors import DatabaseRefused

log = logging.getLogger(__name__)
T = TypeVar("T")

# A write refused while the bot stops is tried this often more, then left for the next start.
STOPPING_ATTEMPTS = 5
_WRITE_BASE_SECONDS = 0.05
_WRITE_CAP_SECONDS = 5.0


def retry_delay(attempt: int, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Seconds before attempt `attempt + 1`: uniform in [base·2^(attempt-1)/2, base·2^(attempt-1)].

    Half-jitter keeps a floor so retries never hammer a struggling server, while spreading
    followers of one change so they do not all come back at the same instant.
    """
    # The exponent is bounded: 2**1024 no longer converts to a float, and any cap is long reached.
    ceiling = min(cap, base * 2.0 ** min(max(attempt - 1, 0), 64))
    return (rng or random).uniform(ceiling / 2, ceiling)


async def keep_trying(write: Callable[[], Awaitable[T]], what: str, *,
                      stopping: Callable[[], bool] = lambda: False,
                      rng: random.Random | None = None) -> T:
    """Run a database write until SQLite accepts it, waiting longer after each refusal.

    SQLite refuses a write ("database is locked") when another process holds the write lock
    past the busy timeout. A delivery's status must not be lost to that: a sent message not
    marked sent would go out twice, a failed one not rescheduled would stay `sending`. Only
    once `stopping()` holds does it give up (re-raising) after a few more tries; the rows then
    stay `sending` and the next start sends them again.
    """
    attempt = 0
    while True:
        try:
            return await write()
        except DatabaseRefused as error:
            attempt += 1
            if stopping() and attempt >= STOPPING_ATTEMPTS:
                raise
            delay = retry_delay(attempt, _WRITE_BASE_SECONDS, _WRITE_CAP_SECONDS, rng)
            if attempt == 1 or attempt % 10 == 0:
                log.warning("%s refused by the database (%s, attempt %d); retrying",
                            what, error, attempt)
            await asyncio.sleep(delay)
