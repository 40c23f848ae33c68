"""What SQLite's single connection hid: transactions side by side (PostgreSQL's pool)."""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest

from storage.migrations import MIGRATIONS
from storage.postgres import PostgresDatabase, without_password
from storage.store import Store
from storage.workflow import Action


async def test_eight_concurrent_claimers_take_each_row_exactly_once(store: Store) -> None:
    await store.outbox.enqueue("event", range(1, 201), "notice")
    claimed: Counter[int] = Counter()

    async def worker() -> None:
        while batch := await store.outbox.claim_due(7):
            claimed.update(message.id for message in batch)

    await asyncio.gather(*(worker() for _ in range(8)))
    assert len(claimed) == 200
    assert set(claimed.values()) == {1}


async def test_concurrent_follows_by_one_chat_stay_within_the_limit(store: Store) -> None:
    created = [(await store.applications.create("PBG", f"Name {n}", staff_id=1))[0]
               for n in range(6)]
    results = await asyncio.gather(*(store.followers.follow(application, 77, 3)
                                     for application in created), return_exceptions=True)
    assert sum(result is True for result in results) == 3
    assert len(await store.followers.followed_by(77)) == 3


async def test_concurrent_registrations_get_distinct_numbers(store: Store) -> None:
    created = await asyncio.gather(*(store.applications.create("PBG", f"Name {n}", staff_id=1)
                                     for n in range(10)))
    numbers = sorted(application.number for application, _ in created)
    assert numbers == [f"JBR-2026-{n:06d}" for n in range(1, 11)]


async def test_group_chat_ids_past_32_bits_are_kept(store: Store) -> None:
    application, _ = await store.applications.create("PBG", "Ani", staff_id=1)
    assert await store.followers.follow(application, -1001234567890, 5)
    await store.applications.change(application.number, Action.ADVANCE, staff_id=1)
    assert await store.followers.chats_following(application.id) == [-1001234567890]
    [message] = await store.outbox.claim_due(10)
    assert message.chat_id == -1001234567890


async def test_postgresql_records_each_migration_and_hides_the_password(
        store: Store) -> None:
    database = store.database
    if not isinstance(database, PostgresDatabase):
        pytest.skip("PostgreSQL only")
    rows = await database.fetch_all("SELECT version FROM schema_migrations ORDER BY version")
    assert [row[0] for row in rows] == list(range(1, len(MIGRATIONS) + 1))
    assert await database.schema_version() == len(MIGRATIONS)
    assert without_password("postgresql://bot:s3cret@db:5432/office") == (
        "postgresql://bot@db:5432/office")


async def test_two_admins_removing_each_other_at_once_leave_one(store: Store) -> None:
    # Twenty pairs: one pair alone rarely overlaps closely enough to show the race.
    for pair in range(20):
        first, second = 100 + 2 * pair, 101 + 2 * pair
        await store.staff.bootstrap([first, second])
        results = await asyncio.gather(store.staff.remove(first, by=second),
                                       store.staff.remove(second, by=first),
                                       return_exceptions=True)
        assert sorted(type(result).__name__ for result in results) == [
            "LastAdmin", "StaffMember"], pair
        assert len(await store.staff.members()) == 1
        async with store.database.transaction() as conn:  # the next pair are the only admins
            await conn.execute("UPDATE staff SET active = 0")
