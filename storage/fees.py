"""Fees: the bill an applicant pays at the fee stage — amount, billing code (SKRD), due date.

Staff record it with /fee. On the move into the fee stage the bill is written in the move's
own transaction, so the followers' notice of the move carries it; at the fee stage already, a
corrected bill is written with its own notice to the followers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from storage.applications import enqueue_for_followers, record_audit
from storage.clock import from_timestamp, to_timestamp
from storage.database import Transaction
from storage.errors import FeeNotDue, InvalidInput
from storage.models import Application
from storage.repository import ApplicationRepository
from storage.workflow import FEE_STAGE, Action

MAX_AMOUNT = 10**12  # rupiah; more than any regional levy, well inside 64 bits
BILLING_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9./\-]{2,39}$")


@dataclass(frozen=True)
class Fee:
    """What the applicant must pay, by when, as recorded by staff."""

    application_id: int
    amount: int
    billing_code: str
    due_at: datetime
    recorded_at: datetime
    staff_id: int


@dataclass(frozen=True)
class FeeRecorded:
    """The outcome of /fee: the application as it is now, the bill, whether it moved."""

    application: Application
    fee: Fee
    moved: bool
    notified: int


class Fees(ApplicationRepository):
    """Recording and reading bills."""

    async def find(self, application_id: int) -> Fee | None:
        """The application's bill, or None when none was recorded."""
        row = await self.database.fetch_one(
            "SELECT application_id, amount, billing_code, due_at, recorded_at, staff_id "
            "FROM fees WHERE application_id = ?", (application_id,))
        if row is None:
            return None
        return Fee(int(row[0]), int(row[1]), str(row[2]), from_timestamp(row[3]),
                   from_timestamp(row[4]), int(row[5]))

    async def record(self, number: str, amount: int, billing_code: str, due_at: datetime, *,
                     staff_id: int) -> FeeRecorded:
        """Record the bill, moving into the fee stage if the application is just before it."""
        if not 0 < amount <= MAX_AMOUNT:
            raise InvalidInput("fee_amount")
        if not BILLING_CODE.match(billing_code):
            raise InvalidInput("billing_code", 40)
        application = await self.applications.get(number)
        permit_type = self.applications.catalogue.get(application.permit_type)
        if FEE_STAGE not in permit_type.stage_codes:
            raise FeeNotDue(application.number, application.stage, False, permit_type)

        async def write(conn: Transaction, before: Application, now: datetime) -> None:
            await conn.execute(
                "INSERT INTO fees (application_id, amount, billing_code, due_at, recorded_at, "
                "staff_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (application_id) DO UPDATE SET "
                "amount = excluded.amount, billing_code = excluded.billing_code, "
                "due_at = excluded.due_at, recorded_at = excluded.recorded_at, "
                "staff_id = excluded.staff_id",
                (before.id, amount, billing_code, to_timestamp(due_at), to_timestamp(now),
                 staff_id))
            await record_audit(conn, staff_id, "fee", before.id,
                               {"amount": amount, "billing_code": billing_code,
                                "due_at": due_at.isoformat()}, now)

        if permit_type.next_stage(application.stage) == FEE_STAGE:
            change = await self.applications.change(
                application.number, Action.ADVANCE, staff_id=staff_id,
                expected_stage=application.stage, along_with=write)
            moved, notified, application = True, change.notified, change.application
        elif application.stage == FEE_STAGE:
            now = self.clock()
            async with self.database.transaction() as conn:
                await write(conn, application, now)
                notified = await enqueue_for_followers(
                    conn, f"fee:{application.id}:{to_timestamp(now)}", "fee", application.id,
                    None, now)
            if notified:
                self._on_outbox()
            moved = False
        else:
            raise FeeNotDue(application.number, application.stage, True, permit_type)
        fee = await self.find(application.id)
        assert fee is not None
        return FeeRecorded(application, fee, moved, notified)
