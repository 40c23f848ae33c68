"""Chats and the applications they follow; per-chat settings such as language."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from storage.clock import Clock, from_timestamp, to_timestamp
from storage.database import Database, Transaction
from storage.errors import FollowLimitReached
from storage.models import Application, ChatSettings, DeliveryStatus, FollowedApplication
from storage.questions import forget_questions
from storage.rows import APPLICATION_COLUMNS, application_from, chat_from


class Followers:
    """Who follows what, and what each chat prefers."""

    # Every update reads its chat's settings twice (was it blocked? which language?); the
    # most recently active chats are kept in memory, and every write here forgets its chat.
    # Another instance's writes (a language chosen there, a block its sender saw) cannot reach
    # this copy: an entry is trusted for CACHE_SECONDS only, which still spares a burst of
    # updates from one chat its repeated reads.
    CACHED_CHATS = 10_000
    CACHE_SECONDS = 2.0

    def __init__(self, database: Database, clock: Clock, default_language: str,
                 ticks: Callable[[], float] = time.monotonic) -> None:
        self.database = database
        self.clock = clock
        self.default_language = default_language
        self.ticks = ticks
        self._cache: OrderedDict[int, tuple[ChatSettings, bool, float]] = OrderedDict()

    async def chat(self, chat_id: int) -> ChatSettings:
        """The chat's settings (defaults for a chat never seen)."""
        return (await self._settings(chat_id))[0]

    async def _settings(self, chat_id: int) -> tuple[ChatSettings, bool]:
        """The chat's settings and whether the chat has a row yet."""
        cached = self._cache.get(chat_id)
        if cached is not None and self.ticks() - cached[2] < self.CACHE_SECONDS:
            self._cache.move_to_end(chat_id)
            return cached[0], cached[1]
        read_at = self.ticks()
        row = await self.database.fetch_one("SELECT * FROM chats WHERE chat_id = ?", (chat_id,))
        found = ((ChatSettings(chat_id, self.default_language, blocked=False), False)
                 if row is None else (chat_from(row, self.default_language), True))
        self._cache[chat_id] = (*found, read_at)
        self._cache.move_to_end(chat_id)
        if len(self._cache) > self.CACHED_CHATS:
            self._cache.popitem(last=False)
        return found

    def _forget(self, *chat_ids: int) -> None:
        for chat_id in chat_ids:
            self._cache.pop(chat_id, None)

    @asynccontextmanager
    async def _writing(self, *chat_ids: int) -> AsyncIterator[Transaction]:
        """A write transaction about these chats; their cached settings are dropped after it
        commits too, since a read while it waited may have cached what it replaces."""
        try:
            async with self.database.transaction() as conn:
                yield conn
        finally:
            self._forget(*chat_ids)

    async def seen(self, chat_id: int) -> bool:
        """Record that the chat wrote to us; returns True if it had blocked the bot before.

        Writing again means the user unblocked the bot, so its paused messages resume.
        """
        settings, stored = await self._settings(chat_id)
        if stored and not settings.blocked:
            return False
        async with self._writing(chat_id) as conn:
            await conn.execute(
                "INSERT INTO chats (chat_id, first_seen) VALUES (?, ?) "
                "ON CONFLICT (chat_id) DO UPDATE SET blocked = 0",
                (chat_id, to_timestamp(self.clock())))
            if stored:
                await conn.execute(
                    "UPDATE outbox SET status = ?, next_attempt_at = ? "
                    "WHERE chat_id = ? AND status = ?",
                    (DeliveryStatus.PENDING.value, to_timestamp(self.clock()), chat_id,
                     DeliveryStatus.PAUSED.value))
        return stored

    async def set_language(self, chat_id: int, language: str) -> None:
        """Remember the chat's language."""
        async with self._writing(chat_id) as conn:
            await conn.execute(
                "INSERT INTO chats (chat_id, language, first_seen) VALUES (?, ?, ?) "
                "ON CONFLICT (chat_id) DO UPDATE SET language = excluded.language",
                (chat_id, language, to_timestamp(self.clock())))

    async def follow(self, application: Application, chat_id: int, limit: int) -> bool:
        """Start following; False if the chat already did. FollowLimitReached past the limit."""
        async with self._writing(chat_id) as conn:
            # A write to the chat's row even when it exists: on PostgreSQL it locks the row,
            # so two follows by one chat at once are counted one after the other.
            await conn.execute(
                "INSERT INTO chats (chat_id, first_seen) VALUES (?, ?) "
                "ON CONFLICT (chat_id) DO UPDATE SET first_seen = chats.first_seen",
                (chat_id, to_timestamp(self.clock())))
            existing = await conn.fetch_all(
                "SELECT application_id FROM followers WHERE chat_id = ?", (chat_id,))
            followed = {row[0] for row in existing}
            if application.id in followed:
                return False
            if len(followed) >= limit:
                raise FollowLimitReached(limit)
            await conn.execute(
                "INSERT INTO followers (application_id, chat_id, since) VALUES (?, ?, ?)",
                (application.id, chat_id, to_timestamp(self.clock())))
        return True

    async def unfollow(self, application: Application, chat_id: int) -> bool:
        """Stop following; False if the chat did not follow it."""
        async with self.database.transaction() as conn:
            return await conn.execute(
                "DELETE FROM followers WHERE application_id = ? AND chat_id = ?",
                (application.id, chat_id)) > 0

    async def is_following(self, application: Application, chat_id: int) -> bool:
        """Whether the chat follows the application."""
        return await self.database.fetch_one(
            "SELECT 1 FROM followers WHERE application_id = ? AND chat_id = ?",
            (application.id, chat_id)) is not None

    async def followed_by(self, chat_id: int) -> list[FollowedApplication]:
        """The applications a chat follows, in the order it started following them."""
        rows = await self.database.fetch_all(
            f"SELECT {APPLICATION_COLUMNS}, f.since FROM followers f "
            "JOIN applications a ON a.id = f.application_id WHERE f.chat_id = ? "
            "ORDER BY f.since, a.id", (chat_id,))
        return [FollowedApplication(application_from(row), from_timestamp(row["since"]))
                for row in rows]

    async def count(self, application_id: int) -> int:
        """How many chats follow the application."""
        return int(await self.database.fetch_value(
            "SELECT COUNT(*) FROM followers WHERE application_id = ?", (application_id,), 0))

    async def chats_following(self, application_id: int) -> list[int]:
        """The chat ids following an application."""
        rows = await self.database.fetch_all(
            "SELECT chat_id FROM followers WHERE application_id = ? ORDER BY since, chat_id",
            (application_id,))
        return [int(row[0]) for row in rows]

    async def all_chats(self) -> list[int]:
        """Every chat that follows something and has not blocked the bot."""
        rows = await self.database.fetch_all(
            "SELECT DISTINCT f.chat_id FROM followers f JOIN chats c USING (chat_id) "
            "WHERE c.blocked = 0 ORDER BY f.chat_id")
        return [int(row[0]) for row in rows]

    async def mark_blocked(self, chat_id: int) -> None:
        """The user blocked the bot: pause everything queued for the chat."""
        async with self._writing(chat_id) as conn:
            await conn.execute(
                "INSERT INTO chats (chat_id, first_seen, blocked) VALUES (?, ?, 1) "
                "ON CONFLICT (chat_id) DO UPDATE SET blocked = 1",
                (chat_id, to_timestamp(self.clock())))
            await conn.execute(
                "UPDATE outbox SET status = ? WHERE chat_id = ? AND status IN (?, ?)",
                (DeliveryStatus.PAUSED.value, chat_id, DeliveryStatus.PENDING.value,
                 DeliveryStatus.SENDING.value))

    async def forget_chat(self, chat_id: int) -> int:
        """Remove the chat's follows, settings, questions, pending questions and undelivered
        messages; returns follows removed."""
        async with self._writing(chat_id) as conn:
            removed = await conn.execute("DELETE FROM followers WHERE chat_id = ?", (chat_id,))
            await conn.execute(
                "UPDATE outbox SET status = ? WHERE chat_id = ? AND status IN (?, ?, ?)",
                (DeliveryStatus.DROPPED.value, chat_id, DeliveryStatus.PENDING.value,
                 DeliveryStatus.PAUSED.value, DeliveryStatus.SENDING.value))
            # Survey answers already finished stay only as anonymous responses.
            await conn.execute("DELETE FROM survey_invitations WHERE chat_id = ?", (chat_id,))
            await forget_questions(conn, chat_id)
            # And whatever a question asked in the chat still waits for (storage/conversations.py).
            await conn.execute("DELETE FROM conversations WHERE chat_id = ?", (chat_id,))
            await conn.execute("DELETE FROM chats WHERE chat_id = ?", (chat_id,))
        return removed

    async def migrate_chat(self, old_chat_id: int, new_chat_id: int) -> None:
        """A group became a supergroup: move its follows and queued messages to the new id."""
        async with self._writing(old_chat_id, new_chat_id) as conn:
            # Each row moves unless its copy under the new id already exists.
            await conn.execute(
                "UPDATE chats SET chat_id = ? WHERE chat_id = ? AND NOT EXISTS "
                "(SELECT 1 FROM chats c WHERE c.chat_id = ?)",
                (new_chat_id, old_chat_id, new_chat_id))
            await conn.execute(
                "UPDATE followers SET chat_id = ? WHERE chat_id = ? AND NOT EXISTS "
                "(SELECT 1 FROM followers f WHERE f.chat_id = ? "
                "AND f.application_id = followers.application_id)",
                (new_chat_id, old_chat_id, new_chat_id))
            await conn.execute(
                "UPDATE outbox SET chat_id = ? WHERE chat_id = ? "
                "AND status IN ('pending', 'sending') AND NOT EXISTS "
                "(SELECT 1 FROM outbox o WHERE o.chat_id = ? AND o.event_key = outbox.event_key)",
                (new_chat_id, old_chat_id, new_chat_id))
            # Whatever could not move already exists under the new id: the old copies go.
            await conn.execute("DELETE FROM followers WHERE chat_id = ?", (old_chat_id,))
            await conn.execute(
                "UPDATE outbox SET status = 'dropped', last_error = 'chat migrated' "
                "WHERE chat_id = ? AND status IN ('pending', 'sending')", (old_chat_id,))
            await conn.execute("DELETE FROM chats WHERE chat_id = ?", (old_chat_id,))
