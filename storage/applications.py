"""Applications: creation, lookup and every change of stage, each in one transaction.

A change writes the application, its history row, one outbox row per follower and an audit
row together, so a notification can never be lost or invented by a crash in between.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

from storage import access_codes
from storage.clock import Clock, to_timestamp
from storage.database import Database, Transaction
from storage.errors import (
    ApplicationNotFound,
    ConcurrentChange,
    InvalidInput,
    NumbersExhausted,
    RepeatedChange,
)
from storage.models import Application, Change, HistoryEntry
from storage.numbers import LAST_SEQUENCE, format_number, normalise_number, split_number
from storage.rows import APPLICATION_COLUMNS, HISTORY_COLUMNS, application_from, history_from
from storage.workdays import WorkingCalendar
from storage.workflow import FINAL_STAGES, Action, Catalogue, PermitType

MAX_NAME = 200
MAX_CONTACT = 100
MAX_NOTE = 1000
# More writes that belong to a change (a fee recorded on the move into the fee stage), run
# inside its transaction with the application as it was before and the change's time.
AlongWith = Callable[[Transaction, Application, datetime], Awaitable[None]]


def clean_text(value: str, field: str, limit: int, *, required: bool) -> str:
    """The stripped text, or InvalidInput when it is empty (if required) or too long."""
    text = " ".join(value.split()) if field == "applicant_name" else value.strip()
    if (required and not text) or len(text) > limit:
        raise InvalidInput(field, limit)
    return text


_HISTORY_SELECT = (f"SELECT {HISTORY_COLUMNS} FROM history h "
                   "LEFT JOIN staff s ON s.user_id = h.staff_id")


class Applications:
    """Reads and writes applications and their history."""

    def __init__(self, database: Database, catalogue: Catalogue, calendar: WorkingCalendar,
                 prefix: str, clock: Clock, on_outbox: Callable[[], None]) -> None:
        self.database = database
        self.catalogue = catalogue
        self.calendar = calendar
        self.prefix = prefix
        self.clock = clock
        self._on_outbox = on_outbox

    async def create(self, permit_type_code: str, applicant_name: str, *, staff_id: int,
                     contact: str = "", number: str | None = None,
                     access_code: str | None = None) -> tuple[Application, str]:
        """Register a new application; returns it and its access code (shown only once)."""
        permit_type = self.catalogue.get(permit_type_code)
        given = None
        if number is not None:
            given = normalise_number(number)
            if given is None:
                raise InvalidInput("number")
        name = clean_text(applicant_name, "applicant_name", MAX_NAME, required=True)
        contact = clean_text(contact, "contact", MAX_CONTACT, required=False)
        code = access_code or access_codes.new_access_code()
        code_hash = await asyncio.to_thread(access_codes.hash_access_code, code)
        now = self.clock()
        due = self.calendar.add_working_days(now, permit_type.service_days)
        first = permit_type.first_stage.code
        async with self.database.transaction() as conn:
            if given is None:
                number = await self._next_number(conn, now)
            else:
                number = given
                await self.reserve_number(conn, given)
            application_id = await conn.insert(
                "INSERT INTO applications (number, permit_type, applicant_name, contact, "
                "access_code_hash, stage, stage_entered_at, created_at, updated_at, due_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (number, permit_type.code, name, contact, code_hash, first, to_timestamp(now),
                 to_timestamp(now), to_timestamp(now), to_timestamp(due)))
            await conn.execute(
                "INSERT INTO history (application_id, action, from_stage, to_stage, staff_id, at, "
                "due_at) VALUES (?, ?, NULL, ?, ?, ?, ?)",
                (application_id, Action.CREATE.value, first, staff_id, to_timestamp(now),
                 to_timestamp(due)))
            await record_audit(conn, staff_id, Action.CREATE.value, application_id,
                               {"permit_type": permit_type.code, "applicant_name": name,
                                "contact": contact}, now)
        return await self.get(number), code

    async def _next_number(self, conn: Transaction, now: datetime) -> str:
        year = self.calendar.local_date(now).year
        row = await conn.fetch_one(
            "INSERT INTO sequences (prefix, year, last) VALUES (?, ?, 1) "
            "ON CONFLICT (prefix, year) DO UPDATE SET last = sequences.last + 1 RETURNING last",
            (self.prefix, year))
        assert row is not None
        if int(row[0]) > LAST_SEQUENCE:
            # Raised inside the caller's transaction, so the sequence does not move either.
            raise NumbersExhausted(format_number(self.prefix, year, LAST_SEQUENCE), year)
        return format_number(self.prefix, year, int(row[0]))

    async def reserve_number(self, conn: Transaction, number: str) -> None:
        """Move this year's sequence past an imported number, inside the caller's transaction."""
        # An imported number must never be handed out again by the sequence.
        prefix, year, sequence = split_number(number)
        if prefix == self.prefix:
            await conn.execute(
                "INSERT INTO sequences (prefix, year, last) VALUES (?, ?, ?) "
                "ON CONFLICT (prefix, year) DO UPDATE SET last = excluded.last "
                "WHERE excluded.last > sequences.last",
                (prefix, year, sequence))

    async def get(self, number: str) -> Application:
        """The application with that number, however it was typed, or ApplicationNotFound."""
        canonical = normalise_number(number) or number.strip().upper()
        row = await self.database.fetch_one(
            f"SELECT {APPLICATION_COLUMNS} FROM applications a WHERE a.number = ?", (canonical,))
        if row is None:
            raise ApplicationNotFound(canonical)
        return application_from(row)

    async def get_seen_by(self, number: str, chat_id: int) -> tuple[Application, bool]:
        """The application and whether the chat follows it, in one query (every lookup)."""
        canonical = normalise_number(number) or number.strip().upper()
        row = await self.database.fetch_one(
            f"SELECT {APPLICATION_COLUMNS}, EXISTS (SELECT 1 FROM followers f "
            "WHERE f.application_id = a.id AND f.chat_id = ?) AS following "
            "FROM applications a WHERE a.number = ?", (chat_id, canonical))
        if row is None:
            raise ApplicationNotFound(canonical)
        return application_from(row), bool(row["following"])

    async def get_by_id(self, application_id: int) -> Application:
        """The application with that internal id."""
        row = await self.database.fetch_one(
            f"SELECT {APPLICATION_COLUMNS} FROM applications a WHERE a.id = ?", (application_id,))
        if row is None:
            raise ApplicationNotFound(str(application_id))
        return application_from(row)

    async def history(self, application_id: int) -> list[HistoryEntry]:
        """Every step of an application, oldest first."""
        rows = await self.database.fetch_all(
            f"{_HISTORY_SELECT} WHERE h.application_id = ? ORDER BY h.id", (application_id,))
        return [history_from(row) for row in rows]

    async def history_entry(self, history_id: int) -> HistoryEntry:
        """One history row by id."""
        row = await self.database.fetch_one(f"{_HISTORY_SELECT} WHERE h.id = ?", (history_id,))
        if row is None:
            raise ApplicationNotFound(f"history {history_id}")
        return history_from(row)

    async def verify_access_code(self, number: str, code: str) -> bool:
        """Whether the code opens the application (which must exist)."""
        application = await self.get(number)
        stored = await self.database.fetch_value(
            "SELECT access_code_hash FROM applications WHERE id = ?", (application.id,))
        # PBKDF2 takes ~15 ms on purpose; off the event loop so other chats are not held up.
        return await asyncio.to_thread(access_codes.verify_access_code, code, str(stored))

    async def change(self, number: str, action: Action, *, staff_id: int | None,
                     stage: str = "", public_note: str = "", internal_note: str = "",
                     expected_stage: str | None = None,
                     repeat_window: timedelta | None = None,
                     along_with: AlongWith | None = None, payload: str = "{}") -> Change:
        """Apply a staff action; write history, follower notifications and audit together.

        `expected_stage` is the stage the staff member saw (a button carries it); if the
        application has moved since, ConcurrentChange names what they expected. A typed
        command carries no stage: with `repeat_window`, the same action by the same staff
        member within that time is refused as RepeatedChange (a command sent twice).
        `along_with` writes more in the same transaction; `payload` rides on the followers'
        outbox rows (the permit attached to /issue).
        """
        application = await self.get(number)
        if expected_stage is not None and application.stage != expected_stage:
            raise ConcurrentChange(application.number, expected_stage, application.stage)
        permit_type = self.catalogue.get(application.permit_type)
        public_note = clean_text(public_note, "note", MAX_NOTE, required=False)
        internal_note = clean_text(internal_note, "note", MAX_NOTE, required=False)
        target = permit_type.target_for(action, application.stage, stage.lower())
        permit_type.check_note(action, application.stage, target, public_note)
        if repeat_window is not None:
            # Read after the application: a change committed in between is either in this
            # history or makes the versioned UPDATE below fail.
            await self._refuse_repeat(application, action, staff_id, repeat_window)
        now = self.clock()
        due = self.due_after(permit_type, application, target, now)
        async with self.database.transaction() as conn:
            entry_id = await self._apply(conn, application, action, target, due, now,
                                         staff_id, public_note, internal_note)
            if along_with is not None:
                await along_with(conn, application, now)
            notified = await enqueue_for_followers(
                conn, f"history:{entry_id}", "note" if action == Action.NOTE else "change",
                application.id, entry_id, now, payload)
            if staff_id is not None:
                await record_audit(conn, staff_id, action.value, application.id,
                                   {"stage": target, "public_note": public_note,
                                    "internal_note": internal_note}, now)
        if notified:
            self._on_outbox()
        return Change(await self.get_by_id(application.id), await self.history_entry(entry_id),
                      notified)

    async def _refuse_repeat(self, application: Application, action: Action,
                             staff_id: int | None, window: timedelta) -> None:
        row = await self.database.fetch_one(
            f"{_HISTORY_SELECT} WHERE h.application_id = ? ORDER BY h.id DESC LIMIT 1",
            (application.id,))
        latest = None if row is None else history_from(row)
        if latest is None or (latest.action, latest.staff_id) != (action.value, staff_id):
            return
        elapsed = self.clock() - latest.at
        if elapsed < window:
            raise RepeatedChange(application, latest, int(elapsed.total_seconds()))

    def due_after(self, permit_type: PermitType, application: Application, target: str,
                   now: datetime) -> datetime:
        """The due date after a move: waiting on the applicant stops the office's clock."""
        current = permit_type.stage(application.stage)
        if current.waits_on_applicant and target != application.stage:
            waited = self.calendar.working_days_between(application.stage_entered_at, now)
            return self.calendar.add_working_days(application.due_at, max(waited, 0))
        return application.due_at

    async def _apply(self, conn: Transaction, application: Application, action: Action,
                     target: str, due: datetime, now: datetime, staff_id: int | None,
                     public_note: str, internal_note: str) -> int:
        moved = target != application.stage
        # A note on a decided application must not move its decision time.
        decided = (now if target in FINAL_STAGES else None) if moved else application.decided_at
        changed = await conn.execute(
            "UPDATE applications SET stage = ?, stage_entered_at = ?, updated_at = ?, due_at = ?, "
            "decided_at = ?, version = version + 1 WHERE id = ? AND version = ?",
            (target,
             to_timestamp(now) if moved else to_timestamp(application.stage_entered_at),
             to_timestamp(now), to_timestamp(due),
             None if decided is None else to_timestamp(decided),
             application.id, application.version))
        if changed == 0:
            current = await conn.fetch_all(
                "SELECT stage FROM applications WHERE id = ?", (application.id,))
            actual = next(iter(current))[0]
            raise ConcurrentChange(application.number, application.stage, str(actual))
        return await conn.insert(
            "INSERT INTO history (application_id, action, from_stage, to_stage, public_note, "
            "internal_note, staff_id, at, due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (application.id, action.value, application.stage, target, public_note,
             internal_note, staff_id, to_timestamp(now), to_timestamp(due)))


async def enqueue_for_followers(conn: Transaction, event_key: str, kind: str,
                                application_id: int, history_id: int | None, now: datetime,
                                payload: str = "{}") -> int:
    """One outbox row per follower; returns how many can be sent now.

    Rows for chats that blocked the bot are kept, paused, and go out when the user returns.
    """
    rows = await conn.fetch_all(
        "INSERT INTO outbox (event_key, chat_id, kind, application_id, history_id, "
        "payload, status, next_attempt_at, created_at) "
        "SELECT ?, f.chat_id, ?, ?, ?, ?, "
        "CASE WHEN c.blocked <> 0 THEN 'paused' ELSE 'pending' END, "
        "?, ? FROM followers f JOIN chats c USING (chat_id) WHERE f.application_id = ? "
        "ON CONFLICT DO NOTHING RETURNING status",
        (event_key, kind, application_id, history_id, payload, to_timestamp(now),
         to_timestamp(now), application_id))
    return sum(1 for row in rows if row[0] == "pending")


async def record_audit(conn: Transaction, staff_id: int, action: str,
                       application_id: int | None, arguments: dict[str, Any],
                       now: datetime) -> None:
    """Append one audit row inside the caller's transaction."""
    await conn.execute(
        "INSERT INTO audit (at, staff_id, action, application_id, arguments) "
        "VALUES (?, ?, ?, ?, ?)",
        (to_timestamp(now), staff_id, action, application_id,
         json.dumps(arguments, ensure_ascii=False)))
