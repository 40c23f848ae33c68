"""Retry delays: exponential with half jitter, capped."""

from __future__ import annotations

import random


def retry_delay(attempt: int, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Seconds before attempt `attempt + 1`: uniform in [base·2^(attempt-1)/2, base·2^(attempt-1)].

    Half-jitter keeps a floor so retries never hammer a struggling server, while spreading
    followers of one change so they do not all come back at the same instant.
    """
    # The exponent is bounded: 2**1024 no longer converts to a float, and any cap is long reached.
    ceiling = min(cap, base * 2.0 ** min(max(attempt - 1, 0), 64))
    return (rng or random).uniform(ceiling / 2, ceiling)
