"""Leases: which process holds a role ("sender", "scheduler", "poller") until when.

Several processes on one PostgreSQL database must not all send, run the digest or poll
Telegram. A lease is one row: its holder and expiry. Taking, renewing and giving one back are
each ONE atomic statement (an upsert whose update only applies when the lease has expired or
is already ours), so two processes racing for a free lease cannot both win under READ
COMMITTED, and nothing needs a session (no advisory locks): it works through PgBouncer in
transaction mode.

The holder must stop acting for the role by the expiry it was granted, measured on its own
clock from before it asked (bot/runtime/roles.py), so a process that cannot renew (dead, cut
off from the database) has stopped before another may take over.

`value` is what a new holder carries on from: the poller's update offset. Only the current
holder may write it (`store_value` checks), so a process that lost the lease cannot move it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from storage.clock import Clock, from_timestamp, to_timestamp
from storage.database import Database, Row

SENDER = "sender"
SCHEDULER = "scheduler"
POLLER = "poller"
ROLES = (SENDER, SCHEDULER, POLLER)


@dataclass(frozen=True)
class Lease:
    """One lease as the database has it."""

    name: str
    holder: str
    expires_at: datetime
    renewed_at: datetime
    value: str


def _lease_from(row: Row) -> Lease:
    return Lease(name=str(row["name"]), holder=str(row["holder"]),
                 expires_at=from_timestamp(float(row["expires_at"])),
                 renewed_at=from_timestamp(float(row["renewed_at"])), value=str(row["value"]))


class Leases:
    """Take, renew, give back and read leases; every write is one statement."""

    def __init__(self, database: Database, clock: Clock) -> None:
        self.database = database
        self.clock = clock

    async def try_acquire(self, name: str, holder: str, ttl: timedelta) -> Lease | None:
        """Take the lease (or renew it, if ours) for `ttl`; None while another holds it."""
        now = self.clock()
        async with self.database.transaction() as conn:
            # The WHERE of DO UPDATE sees the existing row: it is replaced only when expired
            # or already ours. Otherwise nothing is written and nothing is RETURNed.
            row = await conn.fetch_one(
                "INSERT INTO leases (name, holder, expires_at, renewed_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, "
                "expires_at = excluded.expires_at, renewed_at = excluded.renewed_at "
                "WHERE leases.expires_at <= ? OR leases.holder = excluded.holder "
                "RETURNING name, holder, expires_at, renewed_at, value",
                (name, holder, to_timestamp(now + ttl), to_timestamp(now), to_timestamp(now)))
        return None if row is None else _lease_from(row)

    async def renew(self, name: str, holder: str, ttl: timedelta) -> bool:
        """Extend our lease by `ttl` from now; False if another process has taken it."""
        now = self.clock()
        async with self.database.transaction() as conn:
            changed = await conn.execute(
                "UPDATE leases SET expires_at = ?, renewed_at = ? WHERE name = ? AND holder = ?",
                (to_timestamp(now + ttl), to_timestamp(now), name, holder))
        return changed == 1

    async def release(self, name: str, holder: str) -> bool:
        """Give our lease back at once (a clean stop), keeping its value for the next holder."""
        async with self.database.transaction() as conn:
            changed = await conn.execute(
                "UPDATE leases SET expires_at = 0 WHERE name = ? AND holder = ?",
                (name, holder))
        return changed == 1

    async def store_value(self, name: str, holder: str, value: str) -> bool:
        """Record what a next holder carries on from; False (nothing written) if not ours."""
        async with self.database.transaction() as conn:
            changed = await conn.execute(
                "UPDATE leases SET value = ? WHERE name = ? AND holder = ?",
                (value, name, holder))
        return changed == 1

    async def holder_of(self, name: str) -> Lease | None:
        """The lease as it stands (its holder may have let it expire), or None if never taken."""
        row = await self.database.fetch_one(
            "SELECT name, holder, expires_at, renewed_at, value FROM leases WHERE name = ?",
            (name,))
        return None if row is None else _lease_from(row)

    async def all(self) -> list[Lease]:
        """Every lease ever taken, by name."""
        rows = await self.database.fetch_all(
            "SELECT name, holder, expires_at, renewed_at, value FROM leases ORDER BY name")
        return [_lease_from(row) for row in rows]
