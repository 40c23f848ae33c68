"""Counting failed attempts in a time window (wrong access codes, unknown-number lookups)."""

from __future__ import annotations

from datetime import timedelta

from storage.clock import Clock, to_timestamp
from storage.database import Database


class Attempts:
    """A durable sliding-window counter, so a restart does not reset a lock-out."""

    def __init__(self, database: Database, clock: Clock) -> None:
        self.database = database
        self.clock = clock

    async def record(self, kind: str, subject: str) -> None:
        """Count one failed attempt now."""
        async with self.database.transaction() as conn:
            await conn.execute("INSERT INTO attempts (kind, subject, at) VALUES (?, ?, ?)",
                               (kind, subject, to_timestamp(self.clock())))

    async def recent(self, kind: str, subject: str, window: timedelta) -> tuple[int, float]:
        """How many attempts in the window, and the time of the oldest of them (epoch)."""
        since = to_timestamp(self.clock() - window)
        row = await self.database.fetch_one(
            "SELECT COUNT(*), MIN(at) FROM attempts WHERE kind = ? AND subject = ? AND at >= ?",
            (kind, subject, since))
        if row is None or not row[0]:
            return 0, 0.0
        return int(row[0]), float(row[1])

    async def subjects(self, kind: str, window: timedelta) -> list[str]:
        """Every subject with at least one attempt of this kind in the window."""
        rows = await self.database.fetch_all(
            "SELECT DISTINCT subject FROM attempts WHERE kind = ? AND at >= ?",
            (kind, to_timestamp(self.clock() - window)))
        return [str(row[0]) for row in rows]

    async def prune(self, older_than: timedelta) -> int:
        """Forget attempts older than the longest window."""
        async with self.database.transaction() as conn:
            cursor = await conn.execute("DELETE FROM attempts WHERE at < ?",
                                        (to_timestamp(self.clock() - older_than),))
            return cursor.rowcount
