"""The outbox: every message owed to a chat, durable until Telegram has accepted it.

Rows move pending → sending → sent, or back to pending with a later attempt time, or to
dead after too many attempts, paused while the user has blocked the bot, dropped when the
chat is gone. Rows left in `sending` by a crash are sent again after a restart.

A claimed row holds a lease: its `next_attempt_at` is set to when the lease ends (it is the
row's lease_until while `sending`) and `claimed_by` names the process that claimed it. A row
still `sending` after that, which the running dispatcher no longer holds, lost its delivery (a
task that died before recording anything) and is queued again without waiting for a restart.
So is a row claimed by another process: only the holder of the sender lease claims, so its
claimer has lost that lease (died, or stopped when it could not renew) and is sending no more.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta

from storage.applications import enqueue_for_followers
from storage.clock import Clock, from_timestamp, to_timestamp
from storage.database import Database
from storage.models import DeliveryStatus, OutboxMessage
from storage.rows import outbox_from


def marks(values: Sequence[object]) -> str:
    """One `?` per value, for `IN (…)`: a list the size of one claimed batch or fewer."""
    return ", ".join("?" * len(values))


class Outbox:
    """Queue of messages to deliver, one row per (event, chat)."""

    def __init__(self, database: Database, clock: Clock, on_outbox: Callable[[], None]) -> None:
        self.database = database
        self.clock = clock
        self._on_outbox = on_outbox

    async def enqueue(self, event_key: str, chat_ids: Iterable[int], kind: str, *,
                      payload: str = "{}", application_id: int | None = None) -> int:
        """Queue one message per chat for an event; repeated (event, chat) pairs are ignored."""
        now = to_timestamp(self.clock())
        rows = [(event_key, chat_id, kind, application_id, payload, now, now)
                for chat_id in chat_ids]
        async with self.database.transaction() as conn:
            added = await conn.execute_many(
                "INSERT INTO outbox (event_key, chat_id, kind, application_id, payload, "
                "next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT DO NOTHING", rows)
        if added:
            self._on_outbox()
        return added

    async def enqueue_for_followers(self, event_key: str, kind: str, application_id: int,
                                    payload: str = "{}") -> int:
        """Queue one message per follower of an application (reminders, overdue notices)."""
        async with self.database.transaction() as conn:
            added = await enqueue_for_followers(conn, event_key, kind, application_id, None,
                                                self.clock(), payload)
        if added:
            self._on_outbox()
        return added

    async def claim_due(self, limit: int, lease: timedelta = timedelta(minutes=5),
                        holder: str = "") -> list[OutboxMessage]:
        """Take up to `limit` due pending rows, marking them as being sent by `holder` for
        `lease`."""
        now = self.clock()
        async with self.database.transaction() as conn:
            # On PostgreSQL several processes claim at once: each skips the rows another is
            # claiming rather than claiming them too (or waiting for it). SQLite's one writer
            # at a time needs no lock and has no such clause.
            skip = " FOR UPDATE SKIP LOCKED" if conn.dialect == "postgresql" else ""
            rows = await conn.fetch_all(
                "UPDATE outbox SET status = 'sending', attempts = attempts + 1, "
                "next_attempt_at = ?, claimed_by = ? WHERE id IN ("
                "SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? "
                f"ORDER BY next_attempt_at, id LIMIT ?{skip}) RETURNING *",
                (to_timestamp(now + lease), holder, to_timestamp(now), limit))
        return sorted((outbox_from(row) for row in rows), key=lambda m: m.id)

    async def languages(self, chat_ids: Iterable[int]) -> dict[int, str]:
        """The language each of these chats chose; chats that never chose one are left out.

        One query for a whole claimed batch, where reading each recipient's settings would
        take one per message.
        """
        wanted = sorted(set(chat_ids))
        if not wanted:
            return {}
        rows = await self.database.fetch_all(
            "SELECT chat_id, language FROM chats WHERE language <> '' "
            f"AND chat_id IN ({marks(wanted)})", wanted)
        return {int(row[0]): str(row[1]) for row in rows}

    async def next_due_at(self) -> datetime | None:
        """When the earliest pending row becomes due, if any."""
        value = await self.database.fetch_value(
            "SELECT MIN(next_attempt_at) FROM outbox WHERE status = 'pending'")
        return None if value is None else from_timestamp(float(value))

    async def mark_sent(self, message_ids: Iterable[int]) -> None:
        """Telegram accepted these messages (one transaction for all of them)."""
        now = to_timestamp(self.clock())
        async with self.database.transaction() as conn:
            await conn.execute_many(
                "UPDATE outbox SET status = 'sent', sent_at = ?, last_error = '' WHERE id = ?",
                [(now, message_id) for message_id in message_ids])

    async def mark_retry(self, message_id: int, at: datetime, error: str,
                         *, count_attempt: bool = True) -> None:
        """Try again at `at` (a refused-for-flood attempt does not count against the limit).

        A notice of a move undone while it was being sent is dropped instead: its follower
        has been sent the correction already (storage/undo.py).
        """
        async with self.database.transaction() as conn:
            await conn.execute(
                "UPDATE outbox SET status = CASE WHEN EXISTS (SELECT 1 FROM history u "
                "WHERE u.undoes = outbox.history_id) THEN 'dropped' ELSE 'pending' END, "
                "next_attempt_at = ?, last_error = ?, attempts = attempts - ? WHERE id = ?",
                (to_timestamp(at), error[:500], 0 if count_attempt else 1, message_id))

    async def mark(self, message_id: int, status: DeliveryStatus, error: str = "") -> None:
        """Set a final or parking status (dead, dropped, paused) with the reason."""
        async with self.database.transaction() as conn:
            await conn.execute("UPDATE outbox SET status = ?, last_error = ? WHERE id = ?",
                               (status.value, error[:500], message_id))

    async def requeue_in_flight(self, held: Iterable[int] = ()) -> int:
        """After a restart, or on becoming the sender: rows that were being sent by a process
        that stopped (or by this one before it lost the sender lease) go again, except the
        rows this process still `held`."""
        kept = sorted(set(held))
        clause = f"AND id NOT IN ({marks(kept)})" if kept else ""
        async with self.database.transaction() as conn:
            changed = await conn.execute(
                "UPDATE outbox SET status = 'pending', next_attempt_at = ? "
                f"WHERE status = 'sending' {clause}", (to_timestamp(self.clock()), *kept))
            return changed

    async def requeue_expired(self, held: Iterable[int], holder: str | None = None) -> int:
        """While running: rows `sending` past their lease, except those still `held`, go again;
        given the sender's `holder`, so do rows another process claimed (it lost the lease).

        `held` are the rows the dispatcher is still delivering or recording; their status
        write may be waiting on a locked database, and queuing them again would send twice.
        """
        now = to_timestamp(self.clock())
        kept = sorted(set(held))
        clause = f"AND id NOT IN ({marks(kept)})" if kept else ""
        expired = "next_attempt_at <= ?" if holder is None else (
            "(next_attempt_at <= ? OR claimed_by <> ?)")
        others = () if holder is None else (holder,)
        async with self.database.transaction() as conn:
            changed = await conn.execute(
                "UPDATE outbox SET status = 'pending', next_attempt_at = ? "
                f"WHERE status = 'sending' AND {expired} {clause}",
                (now, now, *others, *kept))
            requeued = changed
        if requeued:
            self._on_outbox()
        return requeued

    async def counts(self) -> dict[DeliveryStatus, int]:
        """How many rows are in each status."""
        rows = await self.database.fetch_all(
            "SELECT status, COUNT(*) FROM outbox GROUP BY status")
        counts = dict.fromkeys(DeliveryStatus, 0)
        counts.update({DeliveryStatus(row[0]): int(row[1]) for row in rows})
        return counts

    async def retrying(self, limit: int = 20) -> list[OutboxMessage]:
        """Pending rows that already failed at least once."""
        rows = await self.database.fetch_all(
            "SELECT * FROM outbox WHERE status = 'pending' AND attempts > 0 "
            "ORDER BY next_attempt_at LIMIT ?", (limit,))
        return [outbox_from(row) for row in rows]

    async def dead(self, limit: int = 20) -> list[OutboxMessage]:
        """Rows that gave up after the last attempt, newest first."""
        rows = await self.database.fetch_all(
            "SELECT * FROM outbox WHERE status = 'dead' ORDER BY id DESC LIMIT ?", (limit,))
        return [outbox_from(row) for row in rows]

    async def retry_dead(self) -> int:
        """Give every dead row a fresh set of attempts."""
        async with self.database.transaction() as conn:
            changed = await conn.execute(
                "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ? "
                "WHERE status = 'dead'", (to_timestamp(self.clock()),))
            revived = changed
        if revived:
            self._on_outbox()
        return revived

    async def get(self, message_id: int) -> OutboxMessage:
        """One row by id."""
        row = await self.database.fetch_one("SELECT * FROM outbox WHERE id = ?", (message_id,))
        if row is None:
            raise KeyError(message_id)
        return outbox_from(row)
