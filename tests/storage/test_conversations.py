"""Pending questions kept in the database, with an expiry and a one-shot take."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from storage.conversations import MAX_VALUE, ValueTooLarge, Waiting
from storage.store import Store
from tests.conftest import FakeClock

HOUR = timedelta(hours=1)


async def test_a_held_value_is_seen_until_it_expires(store: Store, clock: FakeClock) -> None:
    await store.conversations.hold(10, 20, "code", "JBR-2026-000001", lifetime=HOUR)
    assert await store.conversations.peek(10, 20, "code") == Waiting("JBR-2026-000001", 0)
    clock.advance(minutes=60)
    assert await store.conversations.peek(10, 20, "code") is None
    assert await store.conversations.take(10, 20, "code") is None


async def test_values_are_kept_per_chat_user_and_key(store: Store) -> None:
    await store.conversations.hold(10, 20, "code", "a", lifetime=HOUR)
    await store.conversations.hold(10, 21, "code", "b", lifetime=HOUR)
    await store.conversations.hold(11, 20, "code", "c", lifetime=HOUR)
    await store.conversations.hold(10, 20, "number", "d", lifetime=HOUR)
    assert [(await store.conversations.peek(chat, user, key)) for chat, user, key in (
        (10, 20, "code"), (10, 21, "code"), (11, 20, "code"), (10, 20, "number"))] == [
        Waiting("a", 0), Waiting("b", 0), Waiting("c", 0), Waiting("d", 0)]


async def test_a_newer_question_replaces_the_older(store: Store) -> None:
    await store.conversations.hold(10, 20, "confirm", "first", lifetime=HOUR, question=5)
    await store.conversations.hold(10, 20, "confirm", "second", lifetime=HOUR, question=7)
    assert await store.conversations.take(10, 20, "confirm", question=5) is None
    assert await store.conversations.take(10, 20, "confirm", question=7) == Waiting("second", 7)


async def test_take_gives_the_value_once(store: Store) -> None:
    await store.conversations.hold(10, 20, "confirm", "x", lifetime=HOUR, question=5)
    assert await store.conversations.take(10, 20, "confirm", question=5) == Waiting("x", 5)
    assert await store.conversations.take(10, 20, "confirm", question=5) is None


async def test_concurrent_takes_find_the_value_once(store: Store) -> None:
    await store.conversations.hold(10, 20, "confirm", "x", lifetime=HOUR, question=5)
    taken = await asyncio.gather(*(store.conversations.take(10, 20, "confirm", question=5)
                                   for _ in range(5)))
    assert [found for found in taken if found is not None] == [Waiting("x", 5)]


async def test_drop_and_forget_chat(store: Store) -> None:
    await store.conversations.hold(10, 20, "code", "a", lifetime=HOUR)
    await store.conversations.hold(10, 21, "code", "b", lifetime=HOUR)
    await store.conversations.hold(11, 20, "code", "c", lifetime=HOUR)
    await store.conversations.drop(10, 20, "code")
    await store.conversations.drop(10, 20, "code")  # nothing there: no error
    assert await store.conversations.peek(10, 20, "code") is None
    assert await store.conversations.forget_chat(10) == 1
    assert await store.conversations.peek(11, 20, "code") == Waiting("c", 0)


async def test_prune_deletes_only_expired_rows(store: Store, clock: FakeClock) -> None:
    await store.conversations.hold(10, 20, "short", "a", lifetime=timedelta(minutes=5))
    await store.conversations.hold(10, 20, "long", "b", lifetime=HOUR)
    clock.advance(minutes=10)
    assert await store.conversations.prune() == 1
    assert await store.conversations.peek(10, 20, "long") == Waiting("b", 0)


async def test_a_huge_value_is_refused(store: Store) -> None:
    with pytest.raises(ValueTooLarge):
        await store.conversations.hold(10, 20, "x", "a" * (MAX_VALUE + 1), lifetime=HOUR)


async def test_asker_names_who_a_question_waits_on(store: Store, clock: FakeClock) -> None:
    await store.conversations.hold(-5, 20, "confirm", "x", lifetime=HOUR, question=7)
    assert await store.conversations.asker(-5, 7) == 20
    assert await store.conversations.asker(-5, 8) is None
    assert await store.conversations.asker(-6, 7) is None
    clock.advance(minutes=61)
    assert await store.conversations.asker(-5, 7) is None


async def test_a_value_held_before_its_question_is_sent_is_tied_to_it_after(
        store: Store) -> None:
    # Held first, so a press arriving at once finds it; once tied, only its question does.
    await store.conversations.hold(10, 20, "confirm", "x", lifetime=HOUR)
    await store.conversations.tie(10, 20, "confirm", 9)
    assert await store.conversations.take(10, 20, "confirm", question=8) is None
    assert await store.conversations.take(10, 20, "confirm", question=9) == Waiting("x", 9)
    await store.conversations.hold(10, 20, "confirm", "y", lifetime=HOUR)
    assert await store.conversations.take(10, 20, "confirm", question=11) == Waiting("y", 0)
