"""The base of the repositories that act on an application beside its stage changes.

Receipts, bills and pickups each look an application up, write in one transaction with its
audit row and, when they queue notices, wake the dispatcher: one constructor for all three.
"""

from __future__ import annotations

from collections.abc import Callable

from storage.applications import Applications
from storage.clock import Clock
from storage.database import Database


class ApplicationRepository:
    """Shared wiring: the database, the applications, the clock and the outbox's wake-up."""

    def __init__(self, database: Database, applications: Applications, clock: Clock,
                 on_outbox: Callable[[], None]) -> None:
        self.database = database
        self.applications = applications
        self.clock = clock
        self._on_outbox = on_outbox
