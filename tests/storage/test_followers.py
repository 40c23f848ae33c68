"""Chats, the applications they follow, and pausing while a chat has blocked the bot."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from office.settings import Settings
from storage.errors import FollowLimitReached
from storage.models import Application, ChatSettings
from storage.store import Store
from storage.workflow import Action
from tests.conftest import FakeClock

CHAT = 100


async def create(store: Store, name: str = "Ni Made Ayu") -> Application:
    """A new PBG application."""
    application, _ = await store.applications.create("PBG", name, staff_id=7)
    return application


async def statuses(store: Store) -> list[tuple[int, str]]:
    """(chat, status) of every outbox row, by chat, then in id order."""
    rows = await store.database.fetch_all(
        "SELECT chat_id, status FROM outbox ORDER BY chat_id, id")
    return [(row[0], row[1]) for row in rows]


async def test_a_chat_never_seen_has_the_default_settings(store: Store) -> None:
    assert await store.followers.chat(CHAT) == ChatSettings(CHAT, "id", blocked=False)


async def test_language_is_remembered(store: Store) -> None:
    await store.followers.set_language(CHAT, "en")
    assert (await store.followers.chat(CHAT)).language == "en"
    await store.followers.set_language(CHAT, "id")
    assert (await store.followers.chat(CHAT)).language == "id"


async def test_follow(store: Store) -> None:
    application = await create(store)
    assert await store.followers.follow(application, CHAT, limit=20) is True
    assert await store.followers.is_following(application, CHAT) is True
    assert await store.followers.is_following(application, 200) is False
    assert await store.followers.count(application.id) == 1
    assert await store.followers.chats_following(application.id) == [CHAT]


async def test_following_twice_is_reported_and_counted_once(store: Store) -> None:
    application = await create(store)
    assert await store.followers.follow(application, CHAT, limit=20) is True
    assert await store.followers.follow(application, CHAT, limit=20) is False
    assert await store.followers.count(application.id) == 1


async def test_follow_limit(store: Store) -> None:
    first, second, third = [await create(store) for _ in range(3)]
    assert await store.followers.follow(first, CHAT, limit=2)
    assert await store.followers.follow(second, CHAT, limit=2)
    with pytest.raises(FollowLimitReached) as caught:
        await store.followers.follow(third, CHAT, limit=2)
    assert caught.value.limit == 2
    assert await store.followers.is_following(third, CHAT) is False
    # Following one already followed is not refused at the limit.
    assert await store.followers.follow(first, CHAT, limit=2) is False
    # The limit is per chat.
    assert await store.followers.follow(third, 200, limit=2) is True


async def test_unfollow(store: Store) -> None:
    application = await create(store)
    await store.followers.follow(application, CHAT, limit=20)
    assert await store.followers.unfollow(application, CHAT) is True
    assert await store.followers.unfollow(application, CHAT) is False
    assert await store.followers.is_following(application, CHAT) is False
    assert await store.followers.count(application.id) == 0


async def test_unfollowing_frees_a_place(store: Store) -> None:
    first, second = await create(store), await create(store)
    await store.followers.follow(first, CHAT, limit=1)
    await store.followers.unfollow(first, CHAT)
    assert await store.followers.follow(second, CHAT, limit=1) is True


async def test_followed_by_lists_in_the_order_following_began(store: Store,
                                                              clock: FakeClock) -> None:
    first, second, third = [await create(store) for _ in range(3)]
    start = clock.now
    await store.followers.follow(third, CHAT, limit=20)
    clock.advance(minutes=1)
    await store.followers.follow(first, CHAT, limit=20)
    clock.advance(minutes=1)
    await store.followers.follow(second, CHAT, limit=20)
    await store.followers.follow(second, 200, limit=20)
    followed = await store.followers.followed_by(CHAT)
    assert [(f.application.number, f.since) for f in followed] == [
        (third.number, start),
        (first.number, start + timedelta(minutes=1)),
        (second.number, start + timedelta(minutes=2)),
    ]
    assert followed[0].application == third
    assert await store.followers.followed_by(999) == []


async def test_mark_blocked_pauses_queued_rows_and_seen_resumes_them(store: Store,
                                                                     clock: FakeClock) -> None:
    application = await create(store)
    await store.followers.follow(application, CHAT, limit=20)
    await store.followers.follow(application, 200, limit=20)
    await store.outbox.enqueue("welcome", [CHAT], "welcome")
    [claimed] = await store.outbox.claim_due(1)
    await store.outbox.mark_sent([claimed.id])
    await store.applications.change(application.number, Action.ADVANCE, staff_id=7)

    await store.followers.mark_blocked(CHAT)
    assert (await store.followers.chat(CHAT)).blocked is True
    assert await statuses(store) == [(CHAT, "sent"), (CHAT, "paused"), (200, "pending")]

    # While blocked, new changes are queued paused for the chat: sendable now only to 200.
    change = await store.applications.change(application.number, Action.ADVANCE, staff_id=7)
    assert change.notified == 1

    clock.advance(hours=5)
    assert await store.followers.seen(CHAT) is True
    assert (await store.followers.chat(CHAT)).blocked is False
    assert await statuses(store) == [(CHAT, "sent"), (CHAT, "pending"), (CHAT, "pending"),
                                     (200, "pending"), (200, "pending")]
    paused_row = await store.database.fetch_one(
        "SELECT id FROM outbox WHERE chat_id = ? AND event_key LIKE 'history:%' "
        "ORDER BY id LIMIT 1", (CHAT,))
    assert paused_row is not None
    assert (await store.outbox.get(paused_row[0])).next_attempt_at == clock.now
    assert await store.followers.seen(CHAT) is False


async def test_mark_blocked_pauses_rows_being_sent(store: Store) -> None:
    await store.outbox.enqueue("digest", [CHAT], "digest")
    await store.outbox.claim_due(10)
    await store.followers.mark_blocked(CHAT)
    assert await statuses(store) == [(CHAT, "paused")]


async def test_seen_for_a_new_chat_records_it(store: Store) -> None:
    assert await store.followers.seen(CHAT) is False
    assert await store.database.fetch_value("SELECT COUNT(*) FROM chats") == 1
    assert await store.followers.seen(CHAT) is False


async def test_a_chat_can_be_blocked_before_it_was_seen(store: Store) -> None:
    await store.followers.mark_blocked(CHAT)
    assert (await store.followers.chat(CHAT)).blocked is True
    assert await store.followers.seen(CHAT) is True


async def test_forget_chat(store: Store) -> None:
    first, second = await create(store), await create(store)
    await store.followers.set_language(CHAT, "en")
    await store.followers.follow(first, CHAT, limit=20)
    await store.followers.follow(second, CHAT, limit=20)
    await store.followers.follow(first, 200, limit=20)
    await store.outbox.enqueue("sent", [CHAT], "notice")
    [claimed] = await store.outbox.claim_due(1)
    await store.outbox.mark_sent([claimed.id])
    await store.outbox.enqueue("pending", [CHAT, 200], "notice")

    assert await store.followers.forget_chat(CHAT) == 2

    assert await store.followers.followed_by(CHAT) == []
    assert await store.followers.chats_following(first.id) == [200]
    assert await store.followers.chat(CHAT) == ChatSettings(CHAT, "id", blocked=False)
    assert await statuses(store) == [(CHAT, "sent"), (CHAT, "dropped"), (200, "pending")]
    assert await store.followers.forget_chat(CHAT) == 0


async def test_migrate_chat_moves_follows_settings_and_queued_messages(store: Store) -> None:
    old, new = -100123, -1001234567890
    application = await create(store)
    await store.followers.set_language(old, "en")
    await store.followers.follow(application, old, limit=20)
    await store.outbox.enqueue("sent", [old], "notice")
    [claimed] = await store.outbox.claim_due(1)
    await store.outbox.mark_sent([claimed.id])
    await store.outbox.enqueue("pending", [old], "notice")

    await store.followers.migrate_chat(old, new)

    assert [f.application.id for f in await store.followers.followed_by(new)] == [application.id]
    assert await store.followers.followed_by(old) == []
    assert (await store.followers.chat(new)).language == "en"
    assert await statuses(store) == [(new, "pending"), (old, "sent")]


async def test_migrate_chat_onto_a_chat_already_seen(store: Store) -> None:
    old, new = -100123, -1001234567890
    application = await create(store)
    await store.followers.follow(application, old, limit=20)
    await store.followers.seen(new)  # the supergroup wrote before the migration arrived
    await store.followers.migrate_chat(old, new)
    assert [f.application.id for f in await store.followers.followed_by(new)] == [application.id]
    assert await store.followers.followed_by(old) == []


async def test_a_language_chosen_through_another_instance_is_seen_within_seconds(
        settings: Settings, clock: FakeClock, database_target: str, tmp_path: Path) -> None:
    # Two instances on one database (a file: two in-memory SQLite databases would be two).
    target = str(tmp_path / "shared.db") if database_target == ":memory:" else database_target
    here, there = [await Store.open(target, settings.catalogue(), settings.calendar(),
                                    prefix=settings.office.registration_prefix, clock=clock)
                   for _ in range(2)]
    ticks = [0.0]
    here.followers.ticks = lambda: ticks[0]
    try:
        assert (await here.followers.chat(CHAT)).language == "id"
        await there.followers.set_language(CHAT, "en")
        ticks[0] += here.followers.CACHE_SECONDS - 0.5
        assert (await here.followers.chat(CHAT)).language == "id"  # a burst reads it once
        ticks[0] += 1.0
        assert (await here.followers.chat(CHAT)).language == "en"
    finally:
        await here.close()
        await there.close()


async def test_forgetting_a_chat_drops_what_it_was_asked_too(store: Store) -> None:
    await store.conversations.hold(CHAT, CHAT, "awaiting_code", '"JBR-2026-000001"',
                                   lifetime=timedelta(hours=1))
    await store.conversations.hold(CHAT + 1, CHAT + 1, "awaiting_code", '"x"',
                                   lifetime=timedelta(hours=1))

    await store.followers.forget_chat(CHAT)

    assert await store.conversations.peek(CHAT, CHAT, "awaiting_code") is None
    assert await store.conversations.peek(CHAT + 1, CHAT + 1, "awaiting_code") is not None
