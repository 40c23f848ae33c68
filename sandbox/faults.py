"""Injected trouble: server errors, dropped connections, slow answers and outages.

Each request draws its fate once from a seeded random.Random, so a failing run can be replayed.
"""

from __future__ import annotations

import enum
import random
import time
from dataclasses import dataclass

from sandbox.limits import SENDING_METHODS, Clock


@dataclass(frozen=True)
class Faults:
    """Shares of requests that fail, and how; `methods=None` means every method."""

    error_rate: float = 0.0
    reset_rate: float = 0.0
    reset_after_processing_rate: float = 0.0
    latency: float = 0.0
    latency_jitter: float = 0.0
    methods: frozenset[str] | None = SENDING_METHODS
    seed: int | None = None

    def applies_to(self, method: str) -> bool:
        """Whether this method is subject to the faults (names compare case-insensitively)."""
        if self.methods is None:
            return True
        return method.lower() in {name.lower() for name in self.methods}


class Fate(enum.Enum):
    """What happens to one request."""

    NORMAL = "normal"
    RESET_BEFORE = "reset before processing"
    INTERNAL_ERROR = "500"
    BAD_GATEWAY = "502"
    RESET_AFTER = "reset after processing"


@dataclass(frozen=True)
class Plan:
    """One request's drawn fate and added latency."""

    fate: Fate = Fate.NORMAL
    latency: float = 0.0


class FaultInjector:
    """Draws a Plan per request from the configured Faults."""

    def __init__(self, faults: Faults) -> None:
        self._faults = faults
        self._random = random.Random(faults.seed)

    @property
    def faults(self) -> Faults:
        """The faults in force; assigning new ones reseeds the generator."""
        return self._faults

    @faults.setter
    def faults(self, faults: Faults) -> None:
        self._faults = faults
        self._random = random.Random(faults.seed)

    def plan(self, method: str) -> Plan:
        """Draw the fate of one call to `method`."""
        faults = self._faults
        if not faults.applies_to(method):
            return Plan()
        latency = faults.latency
        if faults.latency_jitter:
            latency += self._random.uniform(0, faults.latency_jitter)
        draw = self._random.random()
        fate = Fate.NORMAL
        if draw < faults.reset_rate:
            fate = Fate.RESET_BEFORE
        elif draw < faults.reset_rate + faults.error_rate:
            fate = self._random.choice([Fate.INTERNAL_ERROR, Fate.BAD_GATEWAY])
        elif draw < faults.reset_rate + faults.error_rate + faults.reset_after_processing_rate:
            fate = Fate.RESET_AFTER
        return Plan(fate, max(latency, 0.0))


class Outage:
    """A window during which every connection is dropped."""

    def __init__(self, clock: Clock = time.monotonic) -> None:
        self.clock = clock
        self._until: float | None = None

    def start(self, seconds: float | None = None) -> None:
        """Begin an outage lasting `seconds`, or until end() when None."""
        self._until = float("inf") if seconds is None else self.clock() + seconds

    def end(self) -> None:
        """End the outage now."""
        self._until = None

    @property
    def active(self) -> bool:
        """Whether requests are being dropped right now."""
        return self._until is not None and self.clock() < self._until
