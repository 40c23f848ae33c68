"""Conversations: what one person's chat with the bot waits for next, kept in the database.

A question the bot asked (the access code after Follow, a reason, a Confirm button) may be
answered on another instance than the one that asked it, so it is kept here rather than in a
process's memory. One row per (chat, user, key), so a newer question replaces an older one of
the same kind and one person holds at most one row per key; each row expires, and expired rows
are ignored at once and deleted by the daily retention sweep.

A confirmation is taken with one DELETE … RETURNING: two presses of one Confirm button, on one
instance or on two, find the row once; the second finds nothing (on PostgreSQL the second
DELETE waits for the first's row lock and then sees the row gone).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from storage.clock import Clock, to_timestamp
from storage.database import Database

# A question's value is small (a number, a note, a reason) except an import's dry run: a
# 5 MB CSV (its limit) makes a plan of about four times that as JSON, admins only, deleted
# when answered. This bound only keeps a bug from storing something without limit.
MAX_VALUE = 64 * 1024 * 1024


@dataclass(frozen=True)
class Waiting:
    """A value waiting for an answer, and the message (question) it is tied to (0: none)."""

    value: str
    question: int


class ValueTooLarge(ValueError):
    """A value over MAX_VALUE was offered (a programming error, not user input)."""


class Conversations:
    """Per-person pending questions with an expiry, safe under several processes."""

    def __init__(self, database: Database, clock: Clock) -> None:
        self.database = database
        self.clock = clock

    async def hold(self, chat_id: int, user_id: int, key: str, value: str, *,
                   lifetime: timedelta, question: int = 0) -> None:
        """Keep `value` under `key` for `lifetime`, replacing what was held there."""
        if len(value) > MAX_VALUE:
            raise ValueTooLarge(key)
        expires = to_timestamp(self.clock() + lifetime)
        async with self.database.transaction() as conn:
            await conn.execute(
                "INSERT INTO conversations (chat_id, user_id, key, value, question, expires_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (chat_id, user_id, key) DO UPDATE SET "
                "value = excluded.value, question = excluded.question, "
                "expires_at = excluded.expires_at",
                (chat_id, user_id, key, value, question, expires))

    async def peek(self, chat_id: int, user_id: int, key: str) -> Waiting | None:
        """What is held under `key`, left in place; None if nothing or expired."""
        row = await self.database.fetch_one(
            "SELECT value, question FROM conversations "
            "WHERE chat_id = ? AND user_id = ? AND key = ? AND expires_at > ?",
            (chat_id, user_id, key, to_timestamp(self.clock())))
        return None if row is None else Waiting(str(row[0]), int(row[1]))

    async def tie(self, chat_id: int, user_id: int, key: str, question: int) -> None:
        """Tie what is held under `key` (held before its question was sent) to the question."""
        async with self.database.transaction() as conn:
            await conn.execute(
                "UPDATE conversations SET question = ? "
                "WHERE chat_id = ? AND user_id = ? AND key = ? AND question = 0",
                (question, chat_id, user_id, key))

    async def take(self, chat_id: int, user_id: int, key: str,
                   question: int | None = None) -> Waiting | None:
        """Remove and return what is held under `key` (only if tied to `question`, or not yet
        tied to any: its question is being sent, when given); None if nothing, expired, tied
        to another question, or already taken by someone else."""
        sql = ("DELETE FROM conversations WHERE chat_id = ? AND user_id = ? AND key = ? "
               "AND expires_at > ?")
        params: tuple[object, ...] = (chat_id, user_id, key, to_timestamp(self.clock()))
        if question is not None:
            sql += " AND question IN (?, 0)"
            params += (question,)
        async with self.database.transaction() as conn:
            rows = await conn.fetch_all(f"{sql} RETURNING value, question", params)
        return Waiting(str(rows[0][0]), int(rows[0][1])) if rows else None

    async def asker(self, chat_id: int, question: int) -> int | None:
        """The user a question in this chat waits on (None: none, or answered, or expired)."""
        value = await self.database.fetch_value(
            "SELECT user_id FROM conversations WHERE chat_id = ? AND question = ? "
            "AND expires_at > ?", (chat_id, question, to_timestamp(self.clock())))
        return None if value is None else int(value)

    async def drop(self, chat_id: int, user_id: int, key: str) -> None:
        """Forget what is held under `key`; reads first, so a chat with nothing held (most
        lookups) costs no write."""
        if await self.peek(chat_id, user_id, key) is not None:
            await self.take(chat_id, user_id, key)

    async def forget_chat(self, chat_id: int) -> int:
        """Delete everything held for the chat (/forgetme); the number of rows."""
        async with self.database.transaction() as conn:
            return await conn.execute("DELETE FROM conversations WHERE chat_id = ?", (chat_id,))

    async def prune(self) -> int:
        """Delete expired rows; the number deleted."""
        async with self.database.transaction() as conn:
            return await conn.execute("DELETE FROM conversations WHERE expires_at <= ?",
                                      (to_timestamp(self.clock()),))
