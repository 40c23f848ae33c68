"""Fees: recorded on the move into the fee stage or at it, with the notice in one transaction."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from storage.errors import FeeNotDue, InvalidInput
from storage.models import Application
from storage.store import Store
from storage.workflow import Action
from tests.conftest import FakeClock

WITA = ZoneInfo("Asia/Makassar")
DUE = datetime(2026, 11, 11, 23, 59, 59, tzinfo=WITA)
STAFF = 7


async def at_stage(store: Store, stage: str, permit_type: str = "PBG") -> Application:
    """A new application advanced to `stage`, followed by one chat."""
    application, _ = await store.applications.create(permit_type, "Ni Made Ayu", staff_id=STAFF)
    while application.stage != stage:
        application = (await store.applications.change(application.number, Action.ADVANCE,
                                                       staff_id=STAFF)).application
    await store.followers.follow(application, 1001, 20)
    return application


async def outbox_kinds(store: Store) -> list[str]:
    """The kinds of every outbox row, oldest first."""
    rows = await store.database.fetch_all("SELECT kind FROM outbox ORDER BY id")
    return [str(row[0]) for row in rows]


async def test_the_move_into_the_fee_stage_records_the_bill_with_one_notice(store: Store) -> None:
    application = await at_stage(store, "technical_review")
    recorded = await store.fees.record(application.number, 1_250_000, "SKRD/2026/0456", DUE,
                                       staff_id=STAFF)
    assert (recorded.moved, recorded.notified, recorded.application.stage) == (
        True, 1, "fee_payment")
    assert (recorded.fee.amount, recorded.fee.billing_code, recorded.fee.due_at) == (
        1_250_000, "SKRD/2026/0456", DUE)
    assert await outbox_kinds(store) == ["change"]
    actions = [entry.action for entry in await store.audit.for_application(application.id)]
    assert "fee" in actions


async def test_a_corrected_bill_at_the_fee_stage_sends_a_fee_notice(store: Store,
                                                                   clock: FakeClock) -> None:
    application = await at_stage(store, "fee_payment")
    await store.fees.record(application.number, 900_000, "SKRD-1", DUE, staff_id=STAFF)
    clock.advance(minutes=5)
    recorded = await store.fees.record(application.number, 950_000, "SKRD-2", DUE,
                                       staff_id=STAFF)
    assert (recorded.moved, recorded.notified, recorded.fee.amount) == (False, 1, 950_000)
    assert await outbox_kinds(store) == ["fee", "fee"]
    assert (await store.applications.get(application.number)).version == application.version


@pytest.mark.parametrize(("stage", "permit_type", "has_fee_stage"), [
    ("received", "PBG", True), ("signing", "PBG", True), ("document_check", "SIP", False),
])
async def test_a_bill_elsewhere_is_refused_and_changes_nothing(
        store: Store, stage: str, permit_type: str, has_fee_stage: bool) -> None:
    application = await at_stage(store, stage, permit_type)
    with pytest.raises(FeeNotDue) as refused:
        await store.fees.record(application.number, 1000, "SKRD-1", DUE, staff_id=STAFF)
    assert refused.value.has_fee_stage is has_fee_stage
    assert await store.fees.find(application.id) is None
    assert await outbox_kinds(store) == []


@pytest.mark.parametrize(("amount", "code", "field"), [
    (0, "SKRD-1", "fee_amount"), (10**13, "SKRD-1", "fee_amount"),
    (1000, "ab", "billing_code"), (1000, "<b>SKRD</b>", "billing_code"),
])
async def test_a_malformed_bill_is_refused(store: Store, amount: int, code: str,
                                           field: str) -> None:
    application = await at_stage(store, "fee_payment")
    with pytest.raises(InvalidInput) as refused:
        await store.fees.record(application.number, amount, code, DUE, staff_id=STAFF)
    assert refused.value.field == field
    assert await store.fees.find(application.id) is None
