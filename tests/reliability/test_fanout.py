"""Every change reaches every follower, paced within Telegram's flood limits."""

from __future__ import annotations

from collections import Counter

from sandbox import Faults, FloodLimits, Sandbox
from storage.models import DeliveryStatus
from storage.store import Store
from storage.workflow import Action
from tests.conftest import eventually
from tests.e2e.conftest import services_of
from tests.reliability.conftest import Launch, crowd, followed_application


async def sent_count(store: Store, expected: int) -> bool:
    """Whether exactly `expected` outbox rows are marked sent."""
    return (await store.outbox.counts())[DeliveryStatus.SENT] == expected


async def test_a_thousand_followers_all_get_the_change_without_a_single_429(
        sandbox: Sandbox, launch: Launch) -> None:
    # Limits and pace are scaled up together so the test takes seconds, not half a minute;
    # the default 30/s is checked below with fewer followers.
    sandbox.limits = FloodLimits(global_per_second=250.0)
    app = await launch(messages_per_second=250.0, sweep_seconds=3600)
    people = crowd(sandbox, 1000)
    created = await followed_application(app, people)
    store = services_of(app).store

    change = await store.applications.change(created.number, Action.ADVANCE, staff_id=1,
                                             public_note="Berkas lengkap")

    assert change.notified == 1000
    await sandbox.wait_for(lambda: sandbox.count("sendMessage", 200) >= 1000, timeout=30)
    assert sandbox.count("sendMessage", 429) == 0
    due = f"{change.application.due_at.astimezone(store.calendar.timezone).day} "
    for person in people:
        [message] = person.messages
        assert message.text is not None
        assert message.text.startswith(f"🔔 {created.number} berpindah tahap")
        assert due in message.text
        assert message.buttons == [[("📄 Lihat status", f"s:o:{created.number}")]]
    await eventually(lambda: sent_count(store, 1000), what="1000 rows marked sent")


async def test_default_pace_stays_under_thirty_per_second(sandbox: Sandbox,
                                                          launch: Launch) -> None:
    app = await launch(sweep_seconds=3600)
    people = crowd(sandbox, 75)
    created = await followed_application(app, people)
    store = services_of(app).store

    await store.applications.change(created.number, Action.ADVANCE, staff_id=1)

    await sandbox.wait_for(lambda: sandbox.count("sendMessage", 200) >= 75, timeout=15)
    assert sandbox.count("sendMessage", 429) == 0
    sends = sorted(r.at for r in sandbox.requests if r.method == "sendMessage")
    # Evenly spaced at 30/s (a burst of 3 at most): 75 sends need about 2.4 s.
    assert sends[-1] - sends[0] >= 2.2


async def test_faults_and_injected_429s_still_deliver_every_message_exactly_once(
        sandbox: Sandbox, launch: Launch) -> None:
    sandbox.limits = FloodLimits(global_per_second=250.0)
    sandbox.faults = Faults(error_rate=0.10, reset_rate=0.05, seed=7)
    app = await launch(messages_per_second=250.0, sweep_seconds=3600,
                               backoff_base_seconds=0.05, backoff_max_seconds=0.4,
                               max_attempts=30)
    people = crowd(sandbox, 300)
    created = await followed_application(app, people)
    sandbox.inject_retry_after(None, 1, count=3)
    store = services_of(app).store

    await store.applications.change(created.number, Action.ADVANCE, staff_id=1)

    await sandbox.wait_for(lambda: sandbox.count("sendMessage", 200) >= 300, timeout=60)
    assert sandbox.count("sendMessage", 500) + sandbox.count("sendMessage", 502) > 10
    assert sandbox.count("sendMessage", 0) > 5
    assert sandbox.count("sendMessage", 429) >= 1
    delivered = Counter(message.chat_id for person in people for message in person.messages)
    assert set(delivered) == {person.user.id for person in people}
    assert set(delivered.values()) == {1}
    await eventually(lambda: sent_count(store, 300), what="300 rows marked sent")


async def test_a_429_is_honoured_for_exactly_retry_after(sandbox: Sandbox,
                                                         launch: Launch) -> None:
    app = await launch(sweep_seconds=3600)
    [person] = crowd(sandbox, 1)
    created = await followed_application(app, [person])
    sandbox.inject_retry_after(person.user.id, 2, count=1)
    store = services_of(app).store

    await store.applications.change(created.number, Action.ADVANCE, staff_id=1)

    await person.next_message(timeout=10)
    attempts = [r for r in sandbox.requests
                if r.method == "sendMessage" and r.chat_id == person.user.id]
    assert [r.status for r in attempts] == [429, 200]
    assert attempts[1].at - attempts[0].at >= 2.0


async def test_a_change_wakes_the_dispatcher_at_once(sandbox: Sandbox, launch: Launch) -> None:
    app = await launch(sweep_seconds=3600)
    [person] = crowd(sandbox, 1)
    created = await followed_application(app, [person])
    store = services_of(app).store

    await store.applications.change(created.number, Action.ADVANCE, staff_id=1)

    # With the sweep an hour away, only the wake-up can deliver within the deadline.
    message = await person.next_message(timeout=3)
    assert message.text is not None
    assert message.text.startswith(f"🔔 {created.number}")


async def test_messages_held_for_their_chat_go_out_round_after_round(
        sandbox: Sandbox, launch: Launch) -> None:
    # A chat's second message waits past the hold, so a timer job sends it; a timer that has
    # run must not keep the next one from being set.
    app = await launch(sweep_seconds=3600, per_chat_interval_seconds=2.2)
    [person] = crowd(sandbox, 1)
    first = await followed_application(app, [person])
    second = await followed_application(app, [person])
    store = services_of(app).store

    for _ in range(2):
        await store.applications.change(first.number, Action.ADVANCE, staff_id=1)
        await store.applications.change(second.number, Action.ADVANCE, staff_id=1)
        await person.next_message(timeout=5)
        await person.next_message(timeout=5)
    assert sandbox.count("sendMessage", 200) == 4
