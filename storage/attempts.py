"""Counting failed attempts in a time window (wrong access codes, unknown-number lookups).

Each attempt names what was tried (`subject`: a registration number, or a chat for lookups)
and the chat that tried it, so a lock-out can be held against that chat alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from storage.clock import Clock, to_timestamp
from storage.database import Database, Row, Transaction

WRONG_CODE = "wrong_code"  # subject: the registration number tried
UNKNOWN_LOOKUP = "unknown_lookup"  # subject: the chat that looked up a number that is not ours


@dataclass(frozen=True)
class Tally:
    """How many attempts at one subject in a window, from how many chats."""

    subject: str
    attempts: int
    chats: int


class Attempts:
    """A durable sliding-window counter, so a restart does not reset a lock-out."""

    def __init__(self, database: Database, clock: Clock) -> None:
        self.database = database
        self.clock = clock

    async def record(self, kind: str, subject: str, chat_id: int | None = None) -> None:
        """Count one failed attempt now (by this chat, when one is known)."""
        async with self.database.transaction() as conn:
            await conn.execute(
                "INSERT INTO attempts (kind, subject, chat_id, at) VALUES (?, ?, ?, ?)",
                (kind, subject, chat_id, to_timestamp(self.clock())))

    async def recent(self, kind: str, subject: str, window: timedelta, *,
                     chat_id: int | None = None) -> tuple[int, float]:
        """How many attempts at the subject in the window (by one chat, if given) that staff
        have not cleared, and the time of the oldest of them (epoch)."""
        sql = ("SELECT COUNT(*), MIN(at) FROM attempts "
               "WHERE kind = ? AND subject = ? AND at >= ? AND cleared = 0")
        parameters: tuple[object, ...] = (kind, subject, self._since(window))
        if chat_id is not None:
            sql += " AND chat_id = ?"
            parameters += (chat_id,)
        return self._count(await self.database.fetch_one(sql, parameters))

    async def recent_by_chat(self, kind: str, chat_id: int,
                             window: timedelta) -> tuple[int, float]:
        """How many uncleared attempts of this kind the chat made in the window, and the oldest."""
        return self._count(await self.database.fetch_one(
            "SELECT COUNT(*), MIN(at) FROM attempts "
            "WHERE kind = ? AND chat_id = ? AND at >= ? AND cleared = 0",
            (kind, chat_id, self._since(window))))

    async def tally(self, kind: str, subject: str, window: timedelta) -> Tally:
        """Every attempt at the subject in the window, cleared or not (what staff are told)."""
        row = await self.database.fetch_one(
            "SELECT COUNT(*), COUNT(DISTINCT chat_id) FROM attempts "
            "WHERE kind = ? AND subject = ? AND at >= ?", (kind, subject, self._since(window)))
        return Tally(subject, int(row[0]) if row else 0, int(row[1]) if row else 0)

    async def busiest(self, kind: str, window: timedelta, at_least: int,
                      limit: int = 10) -> list[Tally]:
        """Subjects with at least `at_least` attempts in the window, most attempted first."""
        rows = await self.database.fetch_all(
            "SELECT subject, COUNT(*), COUNT(DISTINCT chat_id) FROM attempts "
            "WHERE kind = ? AND at >= ? GROUP BY subject HAVING COUNT(*) >= ? "
            "ORDER BY COUNT(*) DESC, subject LIMIT ?",
            (kind, self._since(window), at_least, limit))
        return [Tally(str(row[0]), int(row[1]), int(row[2])) for row in rows]

    async def clear(self, kind: str, subject: str) -> Tally:
        """Lift every lock-out these attempts hold (all chats); returns what was cleared."""
        async with self.database.transaction() as conn:
            return await clear_attempts(conn, kind, subject)

    async def prune(self, older_than: timedelta) -> int:
        """Forget attempts older than the longest window."""
        async with self.database.transaction() as conn:
            return await conn.execute("DELETE FROM attempts WHERE at < ?",
                                      (self._since(older_than),))

    def _since(self, window: timedelta) -> float:
        return to_timestamp(self.clock() - window)

    @staticmethod
    def _count(row: Row | None) -> tuple[int, float]:
        if row is None or not row[0]:
            return 0, 0.0
        return int(row[0]), float(row[1])


async def clear_attempts(conn: Transaction, kind: str, subject: str) -> Tally:
    """Mark the subject's uncleared attempts cleared inside the caller's transaction.

    Cleared rows lock nobody any more but stay counted for the staff alert.
    """
    rows = await conn.fetch_all(
        "UPDATE attempts SET cleared = 1 WHERE kind = ? AND subject = ? AND cleared = 0 "
        "RETURNING chat_id", (kind, subject))
    return Tally(subject, len(list(rows)), len({row[0] for row in rows}))
