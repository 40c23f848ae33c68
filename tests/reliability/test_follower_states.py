"""Blocked users, vanished chats and migrated groups, as Telegram reports them."""

from __future__ import annotations

from sandbox import Sandbox
from storage.models import DeliveryStatus
from storage.store import Store
from storage.workflow import Action
from tests.conftest import eventually
from tests.e2e.conftest import services_of
from tests.reliability.conftest import Launch, crowd, followed_application, sends_to


async def test_a_user_who_blocked_the_bot_is_paused_after_one_attempt_and_resumes(
        sandbox: Sandbox, launch: Launch) -> None:
    app = await launch(sweep_seconds=3600)
    [ayu, budi] = crowd(sandbox, 2)
    created = await followed_application(app, [ayu, budi])
    store = services_of(app).store
    # Blocked without the bot having heard of it yet (the update is still on its way).
    ayu.user.blocked = True

    await store.applications.change(created.number, Action.ADVANCE, staff_id=1)
    await budi.next_message()
    await eventually(lambda: paused(store, 1), what="the blocked chat's message paused")
    assert sends_to(sandbox, ayu.user.id) == [403]

    await store.applications.change(created.number, Action.ADVANCE, staff_id=1)
    await budi.next_message()
    assert sends_to(sandbox, ayu.user.id) == [403]  # paused: no second attempt

    ayu.user.blocked = False
    await ayu.send("/mine")
    texts = [(await ayu.next_message()).text or "" for _ in range(3)]
    assert sum("berpindah tahap" in text for text in texts) == 2
    assert any(text.startswith("Permohonan yang Anda ikuti (1)") for text in texts)


async def test_blocking_reported_by_telegram_stops_notices_until_unblocked(
        sandbox: Sandbox, launch: Launch) -> None:
    app = await launch(sweep_seconds=3600)
    [ayu] = crowd(sandbox, 1)
    created = await followed_application(app, [ayu])
    store = services_of(app).store

    ayu.block()
    await eventually(lambda: is_blocked(store, ayu.user.id), what="the chat marked blocked")
    await store.applications.change(created.number, Action.ADVANCE, staff_id=1)
    assert sends_to(sandbox, ayu.user.id) == []

    ayu.unblock()
    await eventually(lambda: not_blocked(store, ayu.user.id), what="the chat unblocked")
    await store.applications.change(created.number, Action.ADVANCE, staff_id=1)
    missed, latest = await ayu.next_message(), await ayu.next_message()
    assert "Berkas diterima → Verifikasi berkas" in (missed.text or "")
    assert "Verifikasi berkas → Survei lapangan" in (latest.text or "")


async def test_a_chat_that_no_longer_exists_loses_its_follows(sandbox: Sandbox,
                                                             launch: Launch) -> None:
    app = await launch(sweep_seconds=3600)
    store = services_of(app).store
    created, _ = await store.applications.create("SIP", "dr. Ni Made Ayu", staff_id=1)
    await store.followers.follow(created, 987_654_321, limit=20)

    await store.applications.change(created.number, Action.ADVANCE, staff_id=1)

    await eventually(lambda: followers(store, created.id, 0), what="the follower removed")
    counts = await store.outbox.counts()
    assert counts[DeliveryStatus.DROPPED] == 1
    assert sandbox.count("sendMessage", 400) == 1


async def test_a_group_upgraded_to_a_supergroup_keeps_its_notices(sandbox: Sandbox,
                                                                 launch: Launch) -> None:
    app = await launch(sweep_seconds=3600)
    [ketut] = crowd(sandbox, 1)
    group = sandbox.add_group("Keluarga Ketut", members=[ketut])
    store = services_of(app).store
    created, _ = await store.applications.create("TDUP", "Ketut Suardana", staff_id=1)
    await store.followers.follow(created, group.id, limit=20)
    supergroup = group.migrate()

    await store.applications.change(created.number, Action.ADVANCE, staff_id=1)

    message = await supergroup.next_message()
    assert (message.text or "").startswith(f"🔔 {created.number} berpindah tahap")
    assert await store.followers.chats_following(created.id) == [supergroup.id]


async def paused(store: Store, expected: int) -> bool:
    """Whether `expected` outbox rows are paused."""
    return (await store.outbox.counts())[DeliveryStatus.PAUSED] == expected


async def is_blocked(store: Store, chat_id: int) -> bool:
    """Whether the store marks the chat as having blocked the bot."""
    return (await store.followers.chat(chat_id)).blocked


async def not_blocked(store: Store, chat_id: int) -> bool:
    """The opposite of is_blocked."""
    return not await is_blocked(store, chat_id)


async def followers(store: Store, application_id: int, expected: int) -> bool:
    """Whether the application has `expected` followers."""
    return await store.followers.count(application_id) == expected
