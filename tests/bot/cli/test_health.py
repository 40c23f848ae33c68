"""`etracking health`: what it reports and when it calls the bot unhealthy."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.cli.health import check, check_server
from bot.runtime.instance import AlreadyRunning, InstanceLock
from office.settings import Settings
from storage.health import LAST_CONTACT, LAST_DIGEST
from storage.leases import SCHEDULER, SENDER
from storage.migrations import MIGRATIONS
from storage.store import Store
from tests.conftest import POSTGRES_URL, FakeClock, postgres_schema

NOW = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)


async def make_database(path: Path, settings: Settings, contact_age: float | None) -> None:
    """A migrated database whose last contact with Telegram is `contact_age` seconds old."""
    store = await Store.open(path, settings.catalogue(), settings.calendar())
    try:
        if contact_age is not None:
            await store.set_meta(LAST_CONTACT, (NOW - timedelta(seconds=contact_age)).isoformat())
        await store.set_meta(LAST_DIGEST, "2026-11-30T07:30:00+08:00")
    finally:
        await store.close()


def test_a_missing_database_is_unhealthy(tmp_path: Path) -> None:
    report = check(tmp_path / "none.db", NOW)
    assert not report.healthy
    assert report.render() == (f"instance: not running\nstatus: UNHEALTHY: database "
                               f"{tmp_path / 'none.db'} does not exist")


async def test_a_running_bot_in_contact_is_healthy(tmp_path: Path, settings: Settings) -> None:
    database = tmp_path / "office.db"
    await make_database(database, settings, contact_age=30)
    with InstanceLock(database):
        report = check(database, NOW)
    assert report.healthy
    assert report.render() == (
        "instance: running\n"
        f"database: reachable, schema version {len(MIGRATIONS)} of {len(MIGRATIONS)}\n"
        "telegram: last contact 30 s ago\n"
        "outbox: 0 pending (oldest never), 0 dead\n"
        "digest: last run 2026-11-30T07:30:00+08:00\n"
        "status: OK")


async def test_a_running_bot_out_of_contact_is_unhealthy(tmp_path: Path,
                                                         settings: Settings) -> None:
    database = tmp_path / "office.db"
    await make_database(database, settings, contact_age=1200)
    with InstanceLock(database):
        report = check(database, NOW)
    assert not report.healthy
    assert "telegram: last contact 20 min ago" in report.lines
    assert report.problems == ["no contact with Telegram for over 5 minutes"]


async def test_a_stopped_bot_is_not_blamed_for_old_contact(tmp_path: Path,
                                                           settings: Settings) -> None:
    database = tmp_path / "office.db"
    await make_database(database, settings, contact_age=86_400)
    report = check(database, NOW)
    assert report.healthy
    assert "instance: not running" in report.lines


def test_the_lock_refuses_a_second_holder(tmp_path: Path) -> None:
    database = tmp_path / "office.db"
    with InstanceLock(database), pytest.raises(AlreadyRunning, match="is already running on"):
        InstanceLock(database).acquire()
    with InstanceLock(database) as again:
        assert again.path.exists()


@pytest.mark.skipif(not POSTGRES_URL, reason="needs ETRACK_TEST_POSTGRES_URL")
async def test_a_postgresql_database_reports_its_server_schema_and_outbox(
        settings: Settings) -> None:
    async with postgres_schema() as url:
        store = await Store.open(url, settings.catalogue(), settings.calendar())
        try:
            await store.set_meta(LAST_CONTACT, (NOW - timedelta(seconds=30)).isoformat())
            await store.set_meta(LAST_DIGEST, "2026-11-30T07:30:00+08:00")
            version = await store.database.fetch_value("SHOW server_version")
        finally:
            await store.close()
        report = await check_server(url, None, NOW)
    assert report.healthy
    assert report.render() == (
        "instance: not checked (PostgreSQL: processes may share it)\n"
        f"server: PostgreSQL {version} at {url}\n"
        f"database: reachable, schema version {len(MIGRATIONS)} of {len(MIGRATIONS)}\n"
        "telegram: last contact 30 s ago\n"
        "outbox: 0 pending (oldest never), 0 dead\n"
        "digest: last run 2026-11-30T07:30:00+08:00\n"
        "leases: none taken yet (no instance has run)\n"
        "status: OK")


@pytest.mark.skipif(not POSTGRES_URL, reason="needs ETRACK_TEST_POSTGRES_URL")
async def test_a_server_report_shows_the_lease_holders_and_a_lapsed_sender_is_a_problem(
        settings: Settings) -> None:
    clock = FakeClock(NOW - timedelta(seconds=60))
    async with postgres_schema() as url:
        store = await Store.open(url, settings.catalogue(), settings.calendar(), clock=clock)
        try:
            await store.set_meta(LAST_CONTACT, (NOW - timedelta(seconds=30)).isoformat())
            await store.leases.try_acquire(SENDER, "vm1-4242-a1b2c3", timedelta(seconds=10))
            clock.advance(seconds=57)
            await store.leases.try_acquire(SCHEDULER, "vm2-77-d4e5f6", timedelta(seconds=10))
        finally:
            await store.close()
        report = await check_server(url, None, NOW)
    assert report.lines[-4:] == [
        "leases:",
        "  sender: nobody (last vm1-4242-a1b2c3, lapsed 50 s ago)",
        "  scheduler: vm2-77-d4e5f6, expires in 7 s",
        "  poller: never taken"]
    assert report.problems == ["no instance holds the sender lease"]


async def test_an_unreachable_server_is_unhealthy_and_its_password_unsaid() -> None:
    report = await check_server("postgresql://bot:pw-secret@127.0.0.1:1/office", None, NOW)
    assert not report.healthy
    assert report.problems[0].startswith(
        "database postgresql://bot@127.0.0.1:1/office unreadable: ")
    assert "pw-secret" not in report.render()
