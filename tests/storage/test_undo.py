"""Undoing a move: stage and due date restored, audit, corrections and cancellations, refusals."""

from __future__ import annotations

from datetime import timedelta

import pytest

from storage.errors import UndoRefused
from storage.models import Application, DeliveryStatus
from storage.store import Store
from storage.workflow import Action
from tests.conftest import FakeClock

CLERK, OTHER, ADMIN = 11, 22, 33
WINDOW = timedelta(minutes=10)


async def registered(store: Store, followers: tuple[int, ...] = ()) -> Application:
    """An application at document_check, followed by `followers`."""
    application, _ = await store.applications.create("PBG", "I Wayan Sudarma", staff_id=ADMIN)
    for chat_id in followers:
        await store.followers.follow(application, chat_id, 20)
    change = await store.applications.change(application.number, Action.ADVANCE,
                                             staff_id=ADMIN)
    await store.outbox.mark_sent(m.id for m in await store.outbox.claim_due(100))
    return change.application


async def statuses(store: Store, history_id: int) -> dict[int, str]:
    """The outbox rows of one history row, status by chat."""
    rows = await store.database.fetch_all(
        "SELECT chat_id, status FROM outbox WHERE history_id = ? ORDER BY chat_id",
        (history_id,))
    return {int(row[0]): str(row[1]) for row in rows}


async def test_undo_restores_the_stage_and_due_date_and_records_both(
        store: Store, clock: FakeClock) -> None:
    before = await registered(store)
    clock.advance(days=3)  # the fee stage would move nothing; a return moves the due date
    returned = await store.applications.change(before.number, Action.RETURN, staff_id=CLERK,
                                               public_note="Lampirkan IMB")
    clock.advance(days=2)
    moved = await store.applications.change(before.number, Action.ADVANCE, staff_id=CLERK)
    assert moved.application.due_at != returned.application.due_at
    clock.advance(minutes=9)

    undone = await store.undo.undo(before.number, staff_id=CLERK, admin=False, window=WINDOW)

    after = undone.application
    assert (after.stage, after.due_at) == ("returned", returned.application.due_at)
    assert after.stage_entered_at == returned.application.stage_entered_at
    assert (undone.move.id, undone.entry.action, undone.entry.from_stage,
            undone.entry.to_stage) == (moved.entry.id, "undo", "document_check", "returned")
    audit = await store.audit.for_application(after.id)
    assert [entry.action for entry in audit][-2:] == ["advance", "undo"]
    assert f'"history_id": {moved.entry.id}' in audit[-1].arguments


async def test_a_final_decision_is_reopened_only_by_an_admin(store: Store) -> None:
    application = await registered(store)
    await store.applications.change(application.number, Action.REJECT, staff_id=CLERK,
                                    public_note="Jalur hijau")
    with pytest.raises(UndoRefused) as refused:
        await store.undo.undo(application.number, staff_id=CLERK, admin=False, window=WINDOW)
    assert refused.value.reason == "admin_only"

    undone = await store.undo.undo(application.number, staff_id=ADMIN, admin=True,
                                   window=WINDOW)

    assert (undone.application.stage, undone.application.decided_at) == ("document_check", None)


@pytest.mark.parametrize(("who", "admin", "minutes", "reason"), [
    (OTHER, False, 1, "not_yours"),
    (CLERK, False, 11, "too_late"),
    (ADMIN, True, 11, "too_late"),
])
async def test_refusals_change_nothing(store: Store, clock: FakeClock, who: int, admin: bool,
                                       minutes: int, reason: str) -> None:
    application = await registered(store)
    await store.applications.change(application.number, Action.ADVANCE, staff_id=CLERK)
    clock.advance(minutes=minutes)
    before = await store.applications.get(application.number)

    with pytest.raises(UndoRefused) as refused:
        await store.undo.undo(application.number, staff_id=who, admin=admin, window=WINDOW)

    assert refused.value.reason == reason
    assert await store.applications.get(application.number) == before


async def test_only_the_latest_move_and_only_once(store: Store) -> None:
    application = await registered(store)
    first = await store.applications.change(application.number, Action.ADVANCE, staff_id=CLERK)
    await store.applications.change(application.number, Action.ADVANCE, staff_id=CLERK)
    with pytest.raises(UndoRefused) as later:
        await store.undo.undo(application.number, staff_id=CLERK, admin=False, window=WINDOW,
                              move_id=first.entry.id)
    assert later.value.reason == "later"
    await store.undo.undo(application.number, staff_id=CLERK, admin=False, window=WINDOW)

    with pytest.raises(UndoRefused) as again:
        await store.undo.undo(application.number, staff_id=CLERK, admin=False, window=WINDOW)

    assert again.value.reason == "nothing"
    assert (await store.applications.get(application.number)).stage == "field_inspection"


async def test_a_note_is_no_move_to_undo(store: Store) -> None:
    application = await registered(store)
    await store.applications.change(application.number, Action.NOTE, staff_id=CLERK,
                                    public_note="Survei Kamis")
    with pytest.raises(UndoRefused) as refused:
        await store.undo.undo(application.number, staff_id=CLERK, admin=False, window=WINDOW)
    assert refused.value.reason == "nothing"


async def test_told_followers_are_corrected_and_untold_ones_cancelled(store: Store) -> None:
    application = await registered(store, followers=(100, 200, 300, 400))
    change = await store.applications.change(application.number, Action.ADVANCE,
                                             staff_id=CLERK)
    claimed = {m.chat_id: m for m in await store.outbox.claim_due(100)}
    await store.outbox.mark_sent([claimed[100].id])  # 200 is on the wire; 300, 400 wait
    await store.outbox.mark_retry(claimed[300].id, store.clock(), "timed out")
    await store.outbox.mark_retry(claimed[400].id, store.clock(), "timed out")
    await store.outbox.mark(claimed[400].id, DeliveryStatus.PAUSED, "blocked")

    undone = await store.undo.undo(application.number, staff_id=CLERK, admin=False,
                                   window=WINDOW)

    assert (undone.corrected, undone.cancelled) == (2, 2)
    assert await statuses(store, change.entry.id) == {
        100: "sent", 200: "sending", 300: "dropped", 400: "dropped"}
    assert await statuses(store, undone.entry.id) == {100: "pending", 200: "pending"}
    correction = await store.outbox.get(max(m.id for m in await store.outbox.claim_due(100)))
    assert (correction.kind, correction.history_id) == ("undo", undone.entry.id)


async def test_a_notice_that_fails_after_its_move_was_undone_is_not_sent_again(
        store: Store) -> None:
    application = await registered(store, followers=(100,))
    await store.applications.change(application.number, Action.ADVANCE, staff_id=CLERK)
    [sending] = await store.outbox.claim_due(100)
    await store.undo.undo(application.number, staff_id=CLERK, admin=False, window=WINDOW)

    await store.outbox.mark_retry(sending.id, store.clock(), "timed out")

    assert (await store.outbox.get(sending.id)).status == DeliveryStatus.DROPPED
