"""Import, second step: the plan applied in one transaction, all or nothing."""

from __future__ import annotations

import asyncio
from datetime import datetime

from storage import access_codes
from storage.applications import (
    enqueue_for_followers,
    record_audit,
)
from storage.clock import to_timestamp
from storage.database import Transaction
from storage.errors import ConstraintViolated
from storage.exchange.csvfile import (
    ImportNotReady,
    ImportStale,
)
from storage.exchange.plan import (
    ApplicationUpdate,
    HistoryStep,
    ImportPlan,
    ImportResult,
    NewApplication,
)
from storage.store import Store
from storage.workflow import FINAL_STAGES, Action

# -- import: applying ------------------------------------------------------------------------

def _fresh_code_hashes(count: int) -> list[str]:
    # Nobody learns these codes: /receipt gives the applicant a new one to use.
    return [access_codes.hash_access_code(access_codes.new_access_code()) for _ in range(count)]


async def apply_import(store: Store, plan: ImportPlan, *, staff_id: int | None) -> ImportResult:
    """Apply a ready plan in one transaction; ImportStale (nothing applied) if data moved.

    `staff_id` is the admin who confirmed (None from the command line: no audit rows then).
    """
    if not plan.ready:
        raise ImportNotReady()
    # Hashing is deliberately slow; keep it off the event loop and out of the transaction.
    hashes = await asyncio.to_thread(_fresh_code_hashes, len(plan.created))
    now = store.clock()
    notified = 0
    async with store.database.transaction() as conn:
        for new, code_hash in zip(plan.created, hashes, strict=True):
            await _insert(store, conn, new, code_hash, now, staff_id)
        for update in plan.changed:
            notified += await _update(store, conn, update, now, staff_id)
    return ImportResult(len(plan.created), len(plan.changed), notified)


async def _insert(store: Store, conn: Transaction, new: NewApplication,
                  code_hash: str, now: datetime, staff_id: int | None) -> None:
    try:
        application_id = await conn.insert(
            "INSERT INTO applications (number, permit_type, applicant_name, contact, "
            "access_code_hash, stage, stage_entered_at, created_at, updated_at, due_at, "
            "decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (new.number, new.permit_type, new.applicant_name, new.contact, code_hash, new.stage,
             to_timestamp(new.stage_entered_at), to_timestamp(new.created_at),
             to_timestamp(new.updated_at), to_timestamp(new.due_at),
             None if new.decided_at is None else to_timestamp(new.decided_at)))
    except ConstraintViolated:
        raise ImportStale(new.number) from None
    # The same rule as a number given to Applications.create: never handed out again.
    await store.applications.reserve_number(conn, new.number)
    steps = new.history or (HistoryStep(new.stage_entered_at, Action.IMPORT.value, None,
                                        new.stage, "", "", staff_id),)
    # history.csv carries no due dates; the application's own is the best one left.
    await conn.execute_many(
        "INSERT INTO history (application_id, action, from_stage, to_stage, public_note, "
        "internal_note, staff_id, at, due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(application_id, step.action, step.from_stage, step.to_stage, step.public_note,
          step.internal_note, step.staff_id, to_timestamp(step.at), to_timestamp(new.due_at))
         for step in steps])
    if staff_id is not None:
        await record_audit(conn, staff_id, Action.IMPORT.value, application_id,
                           {"permit_type": new.permit_type, "applicant_name": new.applicant_name,
                            "contact": new.contact, "stage": new.stage}, now)


async def _update(store: Store, conn: Transaction, update: ApplicationUpdate,
                  now: datetime, staff_id: int | None) -> int:
    """Write one change; returns how many follower notifications can go out now."""
    current = update.current
    permit_type = store.catalogue.get(current.permit_type)
    if update.moves:
        # The same due-date rule as a stage change by staff.
        due = store.applications.due_after(permit_type, current, update.stage, now)
        entered = now
        decided = now if update.stage in FINAL_STAGES else None
    else:
        due, entered, decided = current.due_at, current.stage_entered_at, current.decided_at
    changed = await conn.execute(
        "UPDATE applications SET applicant_name = ?, contact = ?, stage = ?, "
        "stage_entered_at = ?, updated_at = ?, due_at = ?, decided_at = ?, "
        "version = version + 1 WHERE id = ? AND version = ?",
        (update.applicant_name, update.contact, update.stage, to_timestamp(entered),
         to_timestamp(now), to_timestamp(due), None if decided is None else to_timestamp(decided),
         current.id, current.version))
    if changed == 0:
        raise ImportStale(current.number)
    if staff_id is not None:
        await record_audit(conn, staff_id, Action.IMPORT.value, current.id,
                           {"stage": update.stage, "applicant_name": update.applicant_name,
                            "contact": update.contact}, now)
    if not update.moves:
        return 0
    history_id = await conn.insert(
        "INSERT INTO history (application_id, action, from_stage, to_stage, staff_id, at, "
        "due_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (current.id, Action.IMPORT.value, current.stage, update.stage, staff_id,
         to_timestamp(now), to_timestamp(due)))
    return await enqueue_for_followers(conn, f"history:{history_id}", "change",
                                       current.id, history_id, now)
