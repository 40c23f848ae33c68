"""A Telegram outage while running is ridden out; notifications go out after it."""

from __future__ import annotations

from sandbox import Sandbox
from storage.workflow import Action
from tests.e2e.conftest import services_of
from tests.reliability.conftest import Launch, crowd, followed_application


async def test_notifications_queued_during_an_outage_arrive_after_it(sandbox: Sandbox,
                                                                     launch: Launch) -> None:
    app = await launch(sweep_seconds=3600, backoff_base_seconds=0.2,
                               backoff_max_seconds=1.0)
    people = crowd(sandbox, 5)
    created = await followed_application(app, people)
    store = services_of(app).store

    sandbox.outage_start()
    await store.applications.change(created.number, Action.ADVANCE, staff_id=1)
    await sandbox.wait_for(lambda: sandbox.count("sendMessage", 0) >= 5
                           and sandbox.count("getUpdates", 0) >= 1, timeout=10)
    sandbox.outage_end()

    for person in people:
        message = await person.next_message(timeout=15)
        assert (message.text or "").startswith(f"🔔 {created.number} berpindah tahap")
    # Polling came back too: the bot still answers.
    await people[0].send("/mine")
    reply = await people[0].next_message(timeout=10)
    assert (reply.text or "").startswith("Permohonan yang Anda ikuti (1)")
