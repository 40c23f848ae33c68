"""Undoing a move: the application goes back to the stage and due date it had before.

One transaction reads the latest step, checks it may be undone, restores the application,
writes the undo's history and audit rows, cancels the move's notices not yet sent and queues
one correction for each follower already told (or being told: a `sending` row may have
reached the chat). A chat gets either the cancellation or the correction, never both: its
row is in exactly one of those states when the transaction reads it, and the dispatcher's
claims are serialised with it by the write lock. A `sending` row that fails afterwards is not
sent again (Outbox.mark_retry drops rows of undone moves), so an old notice never follows
its correction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from storage.applications import record_audit
from storage.clock import Clock, to_timestamp
from storage.database import Database, Transaction
from storage.errors import ApplicationNotFound, ConcurrentChange, UndoRefused
from storage.models import Application, HistoryEntry
from storage.numbers import normalise_number
from storage.rows import APPLICATION_COLUMNS, HISTORY_COLUMNS, application_from, history_from
from storage.workflow import FINAL_STAGES, UNDOABLE, Action

UNDO_KIND = "undo"
_HISTORY = f"SELECT {HISTORY_COLUMNS} FROM history h LEFT JOIN staff s ON s.user_id = h.staff_id"


@dataclass(frozen=True)
class Undone:
    """What an undo did: the application after it, the move taken back and the undo's row."""

    application: Application
    move: HistoryEntry
    entry: HistoryEntry
    corrected: int
    cancelled: int


class Undo:
    """Takes back the latest move of an application, within a window."""

    def __init__(self, database: Database, clock: Clock, on_outbox: Callable[[], None]) -> None:
        self.database = database
        self.clock = clock
        self._on_outbox = on_outbox

    async def undo(self, number: str, *, staff_id: int, admin: bool, window: timedelta,
                   move_id: int | None = None) -> Undone:
        """Undo the application's latest move; `move_id` (a button's) must be that move.

        The clerk who made it may undo it within `window`, an admin any time within it too;
        a final decision (issued, rejected, withdrawn) only an admin.
        """
        canonical = normalise_number(number) or number.strip().upper()
        now = self.clock()
        async with self.database.transaction() as conn:
            application = await _application(conn, canonical)
            move = _undoable(application, await _latest(conn, application.id),
                             staff_id=staff_id, admin=admin, window=window, move_id=move_id,
                             now=now)
            due, entered = await _before(conn, application, move)
            changed = await conn.execute(
                "UPDATE applications SET stage = ?, stage_entered_at = ?, updated_at = ?, "
                "due_at = ?, decided_at = NULL, version = version + 1 "
                "WHERE id = ? AND stage = ?",
                (move.from_stage, entered, to_timestamp(now), due, application.id,
                 move.to_stage))
            if changed == 0:
                raise ConcurrentChange(application.number, move.to_stage, application.stage)
            undo_id = await conn.insert(
                "INSERT INTO history (application_id, action, from_stage, to_stage, staff_id, "
                "at, due_at, undoes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (application.id, Action.UNDO.value, move.to_stage, move.from_stage, staff_id,
                 to_timestamp(now), due, move.id))
            cancelled = await conn.execute(
                "UPDATE outbox SET status = 'dropped', last_error = 'move undone' "
                "WHERE history_id = ? AND status IN ('pending', 'paused')", (move.id,))
            rows = await conn.fetch_all(
                "INSERT INTO outbox (event_key, chat_id, kind, application_id, history_id, "
                "payload, status, next_attempt_at, created_at) "
                "SELECT ?, o.chat_id, ?, ?, ?, '{}', 'pending', ?, ? FROM outbox o "
                "WHERE o.history_id = ? AND o.status IN ('sent', 'sending') "
                "ON CONFLICT (event_key, chat_id) DO NOTHING RETURNING id",
                (f"history:{undo_id}", UNDO_KIND, application.id, undo_id, to_timestamp(now),
                 to_timestamp(now), move.id))
            corrected = len(list(rows))
            await record_audit(conn, staff_id, Action.UNDO.value, application.id,
                               {"undone": move.action, "stage": move.from_stage,
                                "from_stage": move.to_stage, "history_id": move.id,
                                "corrected": corrected, "cancelled": cancelled}, now)
            after = await _application(conn, canonical)
            row = await conn.fetch_one(f"{_HISTORY} WHERE h.id = ?", (undo_id,))
            assert row is not None
            entry = history_from(row)
        if corrected:
            self._on_outbox()
        return Undone(after, move, entry, corrected, cancelled)


def _undoable(application: Application, move: HistoryEntry | None, *, staff_id: int,
              admin: bool, window: timedelta, move_id: int | None,
              now: datetime) -> HistoryEntry:
    """The latest step, if this staff member may undo it now; UndoRefused says why not."""
    number = application.number
    if move_id is not None and (move is None or move.id != move_id):
        raise UndoRefused(number, "later")
    if move is None or move.action not in UNDOABLE or move.from_stage is None:
        raise UndoRefused(number, "nothing")
    if move.staff_id != staff_id and not admin:
        raise UndoRefused(number, "not_yours")
    if now - move.at > window:
        raise UndoRefused(number, "too_late", int(window.total_seconds() // 60))
    if move.to_stage in FINAL_STAGES and not admin:
        raise UndoRefused(number, "admin_only")
    return move


async def _application(conn: Transaction, number: str) -> Application:
    # Locked on PostgreSQL: under READ COMMITTED a concurrent move or undo waits for this one
    # (SQLite's write transaction already serialises them).
    lock = " FOR UPDATE" if conn.dialect == "postgresql" else ""
    row = await conn.fetch_one(
        f"SELECT {APPLICATION_COLUMNS} FROM applications a WHERE a.number = ?{lock}", (number,))
    if row is None:
        raise ApplicationNotFound(number)
    return application_from(row)


async def _latest(conn: Transaction, application_id: int) -> HistoryEntry | None:
    row = await conn.fetch_one(
        f"{_HISTORY} WHERE h.application_id = ? ORDER BY h.id DESC LIMIT 1", (application_id,))
    return None if row is None else history_from(row)


async def _before(conn: Transaction, application: Application,
                  move: HistoryEntry) -> tuple[float, float]:
    """The due date and stage entry time the application had before `move`.

    Every step records the due date after it, so the step before the move holds the one to
    restore; the stage was entered by the latest earlier step that changed stage.
    """
    row = await conn.fetch_one(
        "SELECT due_at FROM history WHERE application_id = ? AND id < ? "
        "ORDER BY id DESC LIMIT 1", (application.id, move.id))
    due = float(row[0]) if row is not None else to_timestamp(application.due_at)
    row = await conn.fetch_one(
        "SELECT at FROM history WHERE application_id = ? AND id < ? "
        "AND (from_stage IS NULL OR from_stage <> to_stage) ORDER BY id DESC LIMIT 1",
        (application.id, move.id))
    entered = float(row[0]) if row is not None else to_timestamp(application.created_at)
    return due, entered
