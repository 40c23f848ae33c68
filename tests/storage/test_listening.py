"""NOTIFY and LISTEN: a commit in one process wakes the sender in another (PostgreSQL)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import cast

import pytest

from office.settings import Settings
from storage.listening import CHANNEL, OutboxListener, application_name, channel_for
from storage.postgres import PostgresDatabase, pool_options
from storage.store import Store
from tests.conftest import POSTGRES_URL, postgres_schema


def test_each_schema_has_a_channel_of_its_own() -> None:
    assert channel_for("postgresql://bot@db/office") == CHANNEL
    assert channel_for("postgresql://bot@db/office?search_path=regency_a") == (
        "etracking_outbox_regency_a")


async def test_sqlite_has_no_one_else_to_wake(store: Store) -> None:
    if store.database.dialect != "sqlite":
        pytest.skip("SQLite only")
    assert store.database.outbox_listener(lambda: None) is None
    await store.database.notify_outbox()  # nothing to do, nothing raised


@pytest.fixture
async def two_processes(settings: Settings) -> AsyncIterator[tuple[Store, Store]]:
    """Two stores on one PostgreSQL schema, as two processes would have."""
    if not POSTGRES_URL:
        pytest.skip("needs ETRACK_TEST_POSTGRES_URL")
    async with postgres_schema() as url:
        first = await Store.open(url, settings.catalogue(), settings.calendar())
        second = await Store.open(url, settings.catalogue(), settings.calendar())
        try:
            yield first, second
        finally:
            await first.close()
            await second.close()


async def test_a_commit_in_one_process_wakes_the_listener_of_another(
        two_processes: tuple[Store, Store]) -> None:
    sender, clerk = two_processes
    woken = asyncio.Event()
    listener = sender.database.outbox_listener(woken.set)
    assert listener is not None
    listener.start()
    try:
        await asyncio.wait_for(woken.wait(), 10)  # once on listening: anything missed
        woken.clear()
        await clerk.outbox.enqueue("digest:2026-11-03", [100], "digest")
        await asyncio.wait_for(woken.wait(), 10)
    finally:
        await listener.close()


async def test_the_listener_listens_again_after_losing_its_connection(
        two_processes: tuple[Store, Store]) -> None:
    sender, clerk = two_processes
    woken = asyncio.Event()
    listener = sender.database.outbox_listener(woken.set)
    assert listener is not None
    listener.start()
    try:
        await asyncio.wait_for(woken.wait(), 10)
        name = application_name(channel_for(cast(PostgresDatabase, sender.database).url))
        # The server ends the session (a restart, a failover, an idle timeout).
        killed = await clerk.database.fetch_value(
            "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE application_name = ?", (name,))
        assert killed == 1
        woken.clear()
        await asyncio.wait_for(woken.wait(), 20)  # listening again, and woken for the gap
        woken.clear()
        await clerk.outbox.enqueue("digest:2026-11-04", [100], "digest")
        await asyncio.wait_for(woken.wait(), 10)
    finally:
        await listener.close()


def test_the_statement_cache_parameter_is_taken_out_of_the_url() -> None:
    assert pool_options("postgresql://bot@db/office?search_path=a&statement_cache_size=0") == (
        "postgresql://bot@db/office?search_path=a", {"statement_cache_size": 0})
    assert pool_options("postgresql://bot@db/office?search_path=a") == (
        "postgresql://bot@db/office?search_path=a", {})


async def test_a_store_runs_with_the_statement_cache_off_as_through_pgbouncer(
        settings: Settings) -> None:
    if not POSTGRES_URL:
        pytest.skip("needs ETRACK_TEST_POSTGRES_URL")
    async with postgres_schema() as url:
        store = await Store.open(f"{url}&statement_cache_size=0", settings.catalogue(),
                                 settings.calendar())
        try:
            created, _ = await store.applications.create("PBG", "Ida", staff_id=1)
            assert (await store.applications.get(created.number)).id == created.id
            listener = store.database.outbox_listener(lambda: None)
            assert listener is not None
            assert "statement_cache_size" not in cast(OutboxListener, listener).url
        finally:
            await store.close()
