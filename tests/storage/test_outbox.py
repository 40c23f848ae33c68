"""The outbox: queueing, claiming, retrying and dead-lettering messages."""

from __future__ import annotations

from datetime import timedelta

import pytest

from storage.models import DeliveryStatus
from storage.store import Store
from tests.conftest import FakeClock


@pytest.fixture
def woken(store: Store) -> list[str]:
    """One entry per time the store woke the dispatcher."""
    calls: list[str] = []
    store.on_outbox(lambda: calls.append("outbox"))
    return calls


async def counts(store: Store) -> dict[str, int]:
    """Non-zero counts by status."""
    return {status.value: n for status, n in (await store.outbox.counts()).items() if n}


async def test_enqueue_queues_one_row_per_chat(store: Store, clock: FakeClock,
                                               woken: list[str]) -> None:
    added = await store.outbox.enqueue("digest:2026-11-02", [100, 200], "digest",
                                       payload='{"open": 3}')
    assert added == 2
    assert woken == ["outbox"]
    message = await store.outbox.get(1)
    assert (message.event_key, message.chat_id, message.kind, message.payload) == (
        "digest:2026-11-02", 100, "digest", '{"open": 3}')
    assert (message.status, message.attempts, message.last_error) == (
        DeliveryStatus.PENDING, 0, "")
    assert message.next_attempt_at == clock.now
    assert message.created_at == clock.now
    assert (message.application_id, message.history_id) == (None, None)


async def test_enqueue_ignores_a_repeated_event_and_chat(store: Store,
                                                         woken: list[str]) -> None:
    assert await store.outbox.enqueue("digest:2026-11-02", [100, 200], "digest") == 2
    assert await store.outbox.enqueue("digest:2026-11-02", [200, 300], "digest") == 1
    assert await store.outbox.enqueue("digest:2026-11-02", [100, 300], "digest") == 0
    assert woken == ["outbox", "outbox"]
    assert await counts(store) == {"pending": 3}
    assert await store.outbox.enqueue("digest:2026-11-03", [100], "digest") == 1


async def test_enqueue_of_no_chats_adds_nothing(store: Store, woken: list[str]) -> None:
    assert await store.outbox.enqueue("digest", [], "digest") == 0
    assert woken == []


async def test_claim_due_marks_sending_and_counts_attempts(store: Store) -> None:
    await store.outbox.enqueue("notice", [100, 200, 300], "notice")
    first = await store.outbox.claim_due(2)
    assert [(m.id, m.chat_id, m.status, m.attempts) for m in first] == [
        (1, 100, DeliveryStatus.SENDING, 1), (2, 200, DeliveryStatus.SENDING, 1)]
    second = await store.outbox.claim_due(10)
    assert [(m.chat_id, m.attempts) for m in second] == [(300, 1)]
    assert await store.outbox.claim_due(10) == []
    assert await counts(store) == {"sending": 3}


async def test_claim_due_takes_the_earliest_first(store: Store, clock: FakeClock) -> None:
    await store.outbox.enqueue("a", [100], "notice")
    await store.outbox.enqueue("b", [200], "notice")
    await store.outbox.mark_retry(1, clock.now - timedelta(seconds=1), "retry",
                                  count_attempt=False)
    [claimed] = await store.outbox.claim_due(1)
    assert claimed.event_key == "a"


async def test_a_retry_waits_until_its_time(store: Store, clock: FakeClock) -> None:
    await store.outbox.enqueue("notice", [100], "notice")
    [claimed] = await store.outbox.claim_due(1)
    await store.outbox.mark_retry(claimed.id, clock.now + timedelta(seconds=60), "timed out")
    assert await store.outbox.claim_due(10) == []
    assert await store.outbox.next_due_at() == clock.now + timedelta(seconds=60)
    clock.advance(seconds=59)
    assert await store.outbox.claim_due(10) == []
    clock.advance(seconds=1)
    [again] = await store.outbox.claim_due(10)
    assert (again.id, again.attempts, again.last_error) == (claimed.id, 2, "timed out")


async def test_mark_retry_counts_the_attempt_by_default(store: Store, clock: FakeClock) -> None:
    await store.outbox.enqueue("notice", [100], "notice")
    [claimed] = await store.outbox.claim_due(1)
    await store.outbox.mark_retry(claimed.id, clock.now, "Bad Gateway")
    message = await store.outbox.get(claimed.id)
    assert (message.status, message.attempts, message.last_error) == (
        DeliveryStatus.PENDING, 1, "Bad Gateway")


async def test_mark_retry_without_counting_the_attempt(store: Store, clock: FakeClock) -> None:
    await store.outbox.enqueue("notice", [100], "notice")
    [claimed] = await store.outbox.claim_due(1)
    await store.outbox.mark_retry(claimed.id, clock.now + timedelta(seconds=5),
                                  "Flood control exceeded", count_attempt=False)
    message = await store.outbox.get(claimed.id)
    assert (message.status, message.attempts) == (DeliveryStatus.PENDING, 0)
    assert message.next_attempt_at == clock.now + timedelta(seconds=5)
    assert await store.outbox.retrying() == []


async def test_errors_are_cut_to_five_hundred_characters(store: Store, clock: FakeClock) -> None:
    await store.outbox.enqueue("notice", [100, 200], "notice")
    await store.outbox.claim_due(2)
    await store.outbox.mark_retry(1, clock.now, "x" * 600)
    await store.outbox.mark(2, DeliveryStatus.DEAD, "y" * 600)
    assert (await store.outbox.get(1)).last_error == "x" * 500
    assert (await store.outbox.get(2)).last_error == "y" * 500


async def test_mark_sent(store: Store) -> None:
    await store.outbox.enqueue("notice", [100, 200, 300], "notice")
    claimed = await store.outbox.claim_due(3)
    await store.outbox.mark_sent([m.id for m in claimed[:2]])
    assert await counts(store) == {"sent": 2, "sending": 1}
    sent_at = await store.database.fetch_value("SELECT sent_at FROM outbox WHERE id = 1")
    assert sent_at is not None


async def test_languages_of_a_batch_are_those_its_chats_chose(store: Store) -> None:
    await store.followers.set_language(100, "en")
    await store.followers.set_language(200, "id")
    await store.outbox.enqueue("notice", [300], "notice")  # a chat that never chose
    assert await store.outbox.languages([100, 200, 300, 400, 100]) == {100: "en", 200: "id"}
    assert await store.outbox.languages([]) == {}


async def test_requeue_in_flight_sends_interrupted_rows_again(store: Store) -> None:
    await store.outbox.enqueue("notice", [100, 200, 300], "notice")
    claimed = await store.outbox.claim_due(2)
    await store.outbox.mark_sent([claimed[0].id])
    assert await store.outbox.requeue_in_flight() == 1
    assert await counts(store) == {"sent": 1, "pending": 2}
    assert await store.outbox.requeue_in_flight() == 0
    again = await store.outbox.claim_due(10)
    assert [(m.chat_id, m.attempts) for m in again] == [(200, 2), (300, 1)]


async def test_dead_rows_are_listed_newest_first_and_can_be_retried(
        store: Store, clock: FakeClock, woken: list[str]) -> None:
    await store.outbox.enqueue("notice", [100, 200, 300], "notice")
    claimed = await store.outbox.claim_due(3)
    for message in claimed[:2]:
        await store.outbox.mark(message.id, DeliveryStatus.DEAD, "Forbidden")
    assert [m.id for m in await store.outbox.dead()] == [2, 1]
    assert [m.id for m in await store.outbox.dead(limit=1)] == [2]
    woken.clear()

    clock.advance(hours=1)
    assert await store.outbox.retry_dead() == 2
    assert woken == ["outbox"]
    assert await store.outbox.dead() == []
    revived = await store.outbox.get(1)
    assert (revived.status, revived.attempts, revived.next_attempt_at) == (
        DeliveryStatus.PENDING, 0, clock.now)
    assert await store.outbox.retry_dead() == 0
    assert woken == ["outbox"]


async def test_retrying_lists_pending_rows_that_failed(store: Store, clock: FakeClock) -> None:
    await store.outbox.enqueue("notice", [100, 200, 300], "notice")
    await store.outbox.claim_due(2)
    await store.outbox.mark_retry(1, clock.now + timedelta(seconds=30), "timed out")
    await store.outbox.mark_retry(2, clock.now + timedelta(seconds=10), "timed out")
    assert [m.id for m in await store.outbox.retrying()] == [2, 1]


async def test_counts_cover_every_status(store: Store) -> None:
    assert await store.outbox.counts() == dict.fromkeys(DeliveryStatus, 0)
    await store.outbox.enqueue("notice", [1, 2, 3, 4, 5, 6], "notice")
    await store.outbox.claim_due(5)
    await store.outbox.mark_sent([1])
    await store.outbox.mark(2, DeliveryStatus.DEAD, "Forbidden")
    await store.outbox.mark(3, DeliveryStatus.DROPPED, "chat not found")
    await store.outbox.mark(4, DeliveryStatus.PAUSED)
    assert await store.outbox.counts() == {
        DeliveryStatus.PENDING: 1, DeliveryStatus.SENDING: 1, DeliveryStatus.SENT: 1,
        DeliveryStatus.PAUSED: 1, DeliveryStatus.DEAD: 1, DeliveryStatus.DROPPED: 1}


async def test_next_due_at(store: Store, clock: FakeClock) -> None:
    assert await store.outbox.next_due_at() is None
    await store.outbox.enqueue("notice", [100], "notice")
    assert await store.outbox.next_due_at() == clock.now
    await store.outbox.claim_due(1)
    assert await store.outbox.next_due_at() is None


async def test_get_unknown_row_raises_key_error(store: Store) -> None:
    with pytest.raises(KeyError):
        await store.outbox.get(999)


async def test_a_claim_holds_a_lease_and_only_unheld_rows_past_it_go_again(
        store: Store, clock: FakeClock, woken: list[str]) -> None:
    await store.outbox.enqueue("notice", [100, 200, 300], "notice")
    woken.clear()
    claimed = await store.outbox.claim_due(3, timedelta(minutes=5))
    assert {m.next_attempt_at for m in claimed} == {clock.now + timedelta(minutes=5)}

    clock.advance(minutes=4, seconds=59)
    assert await store.outbox.requeue_expired(held=[]) == 0
    clock.advance(seconds=1)
    # 100 is still being delivered by the running dispatcher; 200 was sent meanwhile.
    await store.outbox.mark_sent([claimed[1].id])
    assert await store.outbox.requeue_expired(held=[claimed[0].id]) == 1

    assert await counts(store) == {"sending": 1, "sent": 1, "pending": 1}
    assert (await store.outbox.get(claimed[2].id)).next_attempt_at == clock.now
    assert woken == ["outbox"]
    assert [m.chat_id for m in await store.outbox.claim_due(10)] == [300]


async def test_rows_requeued_after_a_restart_are_due_at_once_not_at_their_lease_end(
        store: Store, clock: FakeClock) -> None:
    await store.outbox.enqueue("notice", [100], "notice")
    await store.outbox.claim_due(1, timedelta(minutes=5))
    assert await store.outbox.requeue_in_flight() == 1
    assert [m.chat_id for m in await store.outbox.claim_due(10)] == [100]


async def claimers(store: Store) -> dict[int, tuple[str, str]]:
    """Each chat's row: its status and the process that claimed it."""
    rows = await store.database.fetch_all("SELECT chat_id, status, claimed_by FROM outbox")
    return {int(row[0]): (str(row[1]), str(row[2])) for row in rows}


async def test_a_claimed_row_names_its_claimer(store: Store) -> None:
    await store.outbox.enqueue("notice", [100, 200], "notice")
    await store.outbox.claim_due(1, holder="vm1-41-a")
    assert await claimers(store) == {100: ("sending", "vm1-41-a"), 200: ("pending", "")}


async def test_a_new_sender_requeues_rows_another_process_claimed_but_not_its_own(
        store: Store) -> None:
    await store.outbox.enqueue("notice", [100, 200, 300], "notice")
    await store.outbox.claim_due(1, holder="vm1-41-a")  # the sender that died
    [mine, held] = await store.outbox.claim_due(2, holder="vm2-52-b")
    # Within every row's lease: the dead sender's row goes again, ours stay in our hands.
    assert await store.outbox.requeue_expired([held.id], "vm2-52-b") == 1
    assert await claimers(store) == {100: ("pending", "vm1-41-a"),
                                     200: ("sending", "vm2-52-b"),
                                     300: ("sending", "vm2-52-b")}
    assert mine.chat_id == 200
    # Without a sender's name (one process): only rows past their lease, as before.
    assert await store.outbox.requeue_expired([]) == 0


async def test_taking_over_requeues_everything_in_flight_except_what_is_still_held(
        store: Store) -> None:
    await store.outbox.enqueue("notice", [100, 200, 300], "notice")
    claimed = await store.outbox.claim_due(3, holder="vm2-52-b")
    assert await store.outbox.requeue_in_flight([claimed[2].id]) == 2
    assert await counts(store) == {"pending": 2, "sending": 1}
