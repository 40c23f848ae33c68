"""Replacing a receipt cuts off its followers; unlocking lifts wrong-code lock-outs."""

from __future__ import annotations

from datetime import timedelta

from storage.access_codes import verify_access_code
from storage.attempts import UNKNOWN_LOOKUP, WRONG_CODE
from storage.store import Store

STAFF = 1
HOUR = timedelta(hours=1)


async def test_a_new_code_makes_the_old_one_fail(store: Store) -> None:
    application, old = await store.applications.create("PBG", "Ni Made Ayu", staff_id=STAFF)
    new = await store.receipts.replace("jbr 2026 1", staff_id=STAFF)
    assert new.application == application
    assert new.access_code.isdigit()
    assert len(new.access_code) == 6
    assert await store.applications.verify_access_code(application.number, new.access_code)
    if new.access_code != old:
        assert not await store.applications.verify_access_code(application.number, old)


async def test_a_new_receipt_removes_every_follower_and_tells_each_once(store: Store) -> None:
    application, _ = await store.applications.create("PBG", "Ni Made Ayu", staff_id=STAFF)
    other, _ = await store.applications.create("PBG", "Kadek Sari", staff_id=STAFF)
    for chat in (11, 12, 13):
        await store.followers.follow(application, chat, 20)
    await store.followers.follow(other, 11, 20)
    await store.followers.mark_blocked(13)
    woken: list[str] = []
    store.on_outbox(lambda: woken.append("outbox"))

    new = await store.receipts.replace(application.number, staff_id=STAFF)

    assert new.removed == 3
    assert await store.followers.count(application.id) == 0
    assert await store.followers.count(other.id) == 1
    rows = await store.database.fetch_all(
        "SELECT chat_id, kind, application_id, status FROM outbox ORDER BY chat_id")
    assert [tuple(row) for row in rows] == [
        (11, "receipt_replaced", application.id, "pending"),
        (12, "receipt_replaced", application.id, "pending"),
        (13, "receipt_replaced", application.id, "paused")]
    assert woken == ["outbox"]
    audit = await store.audit.for_application(application.id)
    assert [(entry.action, entry.arguments) for entry in audit][1:] == [
        ("receipt", '{"followers_removed": 3}')]


async def test_a_new_receipt_without_followers_queues_nothing(store: Store) -> None:
    application, _ = await store.applications.create("PBG", "Ni Made Ayu", staff_id=STAFF)
    new = await store.receipts.replace(application.number, staff_id=STAFF)
    assert new.removed == 0
    assert await store.database.fetch_value("SELECT COUNT(*) FROM outbox") == 0


async def test_the_hash_stays_a_salted_hash(store: Store) -> None:
    application, _ = await store.applications.create("PBG", "Ni Made Ayu", staff_id=STAFF)
    new = await store.receipts.replace(application.number, staff_id=STAFF)
    stored = await store.database.fetch_value("SELECT access_code_hash FROM applications")
    assert new.access_code not in stored
    assert verify_access_code(new.access_code, stored)


async def test_unlock_and_a_new_receipt_clear_wrong_codes_but_keep_them_for_the_alert(
        store: Store) -> None:
    application, _ = await store.applications.create("PBG", "Ni Made Ayu", staff_id=STAFF)
    for chat in (21, 21, 22):
        await store.attempts.record(WRONG_CODE, application.number, chat)
    await store.attempts.record(UNKNOWN_LOOKUP, "21", 21)

    _, cleared = await store.receipts.unlock(application.number, staff_id=STAFF)

    assert (cleared.attempts, cleared.chats) == (3, 2)
    assert await store.attempts.recent(WRONG_CODE, application.number, HOUR) == (0, 0.0)
    assert (await store.attempts.recent_by_chat(WRONG_CODE, 21, HOUR))[0] == 0
    assert (await store.attempts.recent(UNKNOWN_LOOKUP, "21", HOUR))[0] == 1
    tally = await store.attempts.tally(WRONG_CODE, application.number, HOUR)
    assert (tally.attempts, tally.chats) == (3, 2)
    _, again = await store.receipts.unlock(application.number, staff_id=STAFF)
    assert (again.attempts, again.chats) == (0, 0)

    await store.attempts.record(WRONG_CODE, application.number, 23)
    await store.receipts.replace(application.number, staff_id=STAFF)
    assert await store.attempts.recent(WRONG_CODE, application.number, HOUR) == (0, 0.0)
    audit = await store.audit.for_application(application.id)
    assert [(entry.action, entry.arguments) for entry in audit][1:] == [
        ("unlock", '{"attempts": 3, "chats": 2}'),
        ("unlock", '{"attempts": 0, "chats": 0}'), ("receipt", '{"followers_removed": 0}')]
