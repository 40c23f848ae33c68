"""Which of the work this process does: the sender, scheduler and poller leases it holds.

On PostgreSQL several `etracking run` processes share one database; Telegram allows one
getUpdates consumer and about 30 messages a second per token, and the digest must go out once.
So each of those roles is led by one process at a time, chosen by a lease row
(storage/leases.py), taken and renewed by a JobQueue job every `renew_seconds` for
`lease_seconds`. A process trusts its lease only until `lease_seconds` after it *asked* (its
own monotonic clock), so one that cannot renew (cut off from the database, its event loop
stuck) has stopped acting before the database lets another take over.

On SQLite the file's flock (bot/runtime/instance.py) already makes this the only process:
every role is held from the start and nothing is written.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from telegram.ext import ContextTypes, JobQueue

from office.settings import InstanceSettings
from storage.errors import DatabaseError
from storage.leases import ROLES, Leases

log = logging.getLogger(__name__)
Listener = Callable[[bool], Awaitable[None] | None]


def instance_identity() -> str:
    """hostname-pid-random: unique per process, readable in `etracking health`."""
    return f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(3)}"


class Roles:
    """The leases this process holds, kept renewed; listeners hear of gains and losses."""

    def __init__(self, leases: Leases | None, settings: InstanceSettings,
                 identity: str | None = None, roles: tuple[str, ...] = ROLES) -> None:
        self.leases = leases
        self.identity = identity or instance_identity()
        self.ttl = timedelta(seconds=settings.lease_seconds)
        self.renew_seconds = settings.renew_seconds
        self.roles = roles
        # Monotonic deadline per role: after it the role is not ours whatever the database says.
        self._until: dict[str, float] = {}
        self._listeners: dict[str, list[Listener]] = {}
        self._changed = asyncio.Event()
        self._stopped = False

    @property
    def shared(self) -> bool:
        """Whether other processes may share the database (PostgreSQL), so leases matter."""
        return self.leases is not None

    def holds(self, role: str) -> bool:
        """Whether this process may act for `role` right now."""
        if self.leases is None:
            return not self._stopped
        return time.monotonic() < self._until.get(role, 0.0)

    def on_change(self, role: str, listener: Listener) -> None:
        """Call `listener(True)` when `role` is gained, `listener(False)` when it is lost."""
        self._listeners.setdefault(role, []).append(listener)

    async def wait_for_change(self, timeout: float) -> None:  # noqa: ASYNC109
        """Return when some role was gained or lost, or after `timeout` seconds."""
        self._changed.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._changed.wait(), timeout)

    async def lead(self, role: str) -> bool:
        """Whether this process should do a scheduled run of `role`'s work now.

        Every process's job fires at the scheduled time; the holder runs it at once. Another
        waits for as long as a dead holder's lease takes to lapse and run over, and runs it if
        the lease came to it meanwhile (the holder died just before the time). The work's
        event keys make a run twice harmless; this keeps it from being done twice.
        """
        if self.leases is None:
            return self.holds(role)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.ttl.total_seconds() + 2 * self.renew_seconds
        while not self.holds(role):
            remaining = deadline - loop.time()
            if remaining <= 0 or self._stopped:
                return False
            await self.wait_for_change(min(remaining, self.renew_seconds))
        return True

    async def refresh(self) -> None:
        """Take or renew every role; tell the listeners of each change."""
        if self.leases is None or self._stopped:
            return
        for role in self.roles:
            had = self.holds(role)
            asked = time.monotonic()
            try:
                lease = await self.leases.try_acquire(role, self.identity, self.ttl)
            except DatabaseError as error:
                log.warning("could not renew the %s lease (%s)", role, error)
                lease = None
            if lease is not None:
                self._until[role] = asked + self.ttl.total_seconds()
            else:
                self._until.pop(role, None)
            now_holds = self.holds(role)
            if now_holds != had:
                log.info("%s %s lease (%s)", "took the" if now_holds else "lost the", role,
                         self.identity)
                await self._tell(role, now_holds)

    async def _tell(self, role: str, gained: bool) -> None:
        self._changed.set()
        for listener in self._listeners.get(role, []):
            outcome = listener(gained)
            if outcome is not None:
                await outcome

    def attach(self, job_queue: JobQueue[Any]) -> None:
        """Renew every `renew_seconds` on the application's job queue."""
        if self.leases is None:
            return

        async def renew(context: ContextTypes.DEFAULT_TYPE) -> None:
            await self.refresh()

        job_queue.run_repeating(renew, self.renew_seconds, first=self.renew_seconds,
                                name="leases")

    async def give_up(self, role: str) -> None:
        """Never act for `role` in this process (in webhook mode nobody polls)."""
        self.roles = tuple(name for name in self.roles if name != role)
        if self._until.pop(role, None) is not None and self.leases is not None:
            try:
                await self.leases.release(role, self.identity)
            except DatabaseError as error:
                log.warning("could not give the %s lease back (%s)", role, error)

    async def release(self) -> None:
        """A clean stop: give every lease back, so another process takes over at once."""
        self._stopped = True
        self._changed.set()
        if self.leases is None:
            return
        for role in self.roles:
            if self._until.pop(role, None) is None:
                continue
            try:
                await self.leases.release(role, self.identity)
            except DatabaseError as error:
                log.warning("could not give the %s lease back (%s); it expires on its own",
                            role, error)
