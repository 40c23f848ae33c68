"""Retry delays: exponential with full jitter, capped."""

from __future__ import annotations

import random


def retry_delay(attempt: int, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Seconds before attempt `attempt + 1`: uniform in [base·2^(attempt-1)/2, base·2^(attempt-1)].

    Half-jitter keeps a floor so retries never hammer a struggling server, while spreading
    followers of one change so they do not all come back at the same instant.
    """
    ceiling = min(cap, base * 2 ** max(attempt - 1, 0))
    return (rng or random).uniform(ceiling / 2, ceiling)
