"""The SQLite backend: pragmas, numbered migrations, write transactions and named errors."""

from __future__ import annotations

from pathlib import Path

import pytest

import storage.migrations
from storage.database import Database
from storage.engines import open_database
from storage.errors import ConstraintViolated, DatabaseRefused
from storage.migrations import MIGRATIONS
from storage.sqlite import SqliteDatabase

TABLES = ["applications", "attempts", "audit", "chats", "conversations", "document_choices",
          "documents", "fees", "followers", "history", "leases", "meta", "outbox", "pickups",
          "question_answers", "question_drafts", "question_posts", "questions", "sequences",
          "staff", "survey_answers", "survey_invitations", "survey_responses"]


async def tables(database: Database) -> list[str]:
    """The names of the user tables, sorted."""
    rows = await database.fetch_all(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    return [row[0] for row in rows]


async def schema(database: Database) -> list[tuple[str, str]]:
    """Every schema object with its SQL."""
    rows = await database.fetch_all(
        "SELECT name, COALESCE(sql, '') FROM sqlite_master ORDER BY name")
    return [(row[0], row[1]) for row in rows]


async def write_then_crash(database: Database) -> None:
    """Write two rows in a transaction, then fail before it ends."""
    async with database.transaction() as conn:
        await conn.execute("INSERT INTO meta (key, value) VALUES ('a', '1')")
        await conn.execute("INSERT INTO meta (key, value) VALUES ('b', '2')")
        raise RuntimeError("crash")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """Where the database file goes."""
    return tmp_path / "etracking.db"


async def test_migrations_create_every_table_in_an_empty_file(path: Path) -> None:
    database = await open_database(path)
    try:
        assert await tables(database) == TABLES
        assert await database.schema_version() == len(MIGRATIONS)
        assert await database.fetch_value("PRAGMA user_version") == len(MIGRATIONS)
    finally:
        await database.close()


async def test_in_memory_database_is_migrated_too() -> None:
    database = await open_database(":memory:")
    try:
        assert await tables(database) == TABLES
        assert await database.schema_version() == len(MIGRATIONS)
    finally:
        await database.close()


async def test_reopening_applies_nothing_and_keeps_data(path: Path) -> None:
    database = await open_database(path)
    async with database.transaction() as conn:
        await conn.execute("INSERT INTO meta (key, value) VALUES ('last_digest', '2026-11-02')")
    before = await schema(database)
    await database.close()

    # Re-running the first migration would fail on CREATE TABLE, so opening proves it is skipped.
    database = await open_database(path)
    try:
        assert await database.migrate() == len(MIGRATIONS)
        assert await database.schema_version() == len(MIGRATIONS)
        assert await schema(database) == before
        assert await database.fetch_value(
            "SELECT value FROM meta WHERE key = 'last_digest'") == "2026-11-02"
    finally:
        await database.close()


async def test_an_older_database_is_upgraded(path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    database = await open_database(path)
    async with database.transaction() as conn:
        await conn.execute("INSERT INTO meta (key, value) VALUES ('kept', 'yes')")
    await database.close()

    second = "CREATE TABLE reminders (application_id INTEGER, at REAL);" \
             "INSERT INTO meta (key, value) VALUES ('migrated', '2');"
    monkeypatch.setattr(storage.migrations, "MIGRATIONS", (*MIGRATIONS, second))
    database = await open_database(path)
    try:
        assert await database.schema_version() == len(MIGRATIONS) + 1
        assert "reminders" in await tables(database)
        rows = await database.fetch_all("SELECT key, value FROM meta ORDER BY key")
        assert [(row[0], row[1]) for row in rows] == [("kept", "yes"), ("migrated", "2")]
    finally:
        await database.close()


async def test_a_failing_migration_changes_nothing(path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    database = await open_database(path)
    before = await schema(database)
    await database.close()

    broken = "CREATE TABLE reminders (application_id INTEGER);" \
             "INSERT INTO no_such_table VALUES (1);"
    monkeypatch.setattr(storage.migrations, "MIGRATIONS", (*MIGRATIONS, broken))
    with pytest.raises(DatabaseRefused, match="no such table: no_such_table"):
        await open_database(path)

    monkeypatch.setattr(storage.migrations, "MIGRATIONS", MIGRATIONS)
    database = await open_database(path)
    try:
        assert await database.schema_version() == len(MIGRATIONS)
        assert await schema(database) == before
    finally:
        await database.close()


async def test_a_failing_first_migration_leaves_an_empty_file(
        path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage.migrations, "MIGRATIONS",
                        ("CREATE TABLE a (x INTEGER); CREATE TABLE a (y INTEGER);",))
    with pytest.raises(DatabaseRefused, match="table a already exists"):
        await open_database(path)
    monkeypatch.setattr(storage.migrations, "MIGRATIONS", ())
    database = await open_database(path)
    try:
        assert await database.schema_version() == 0
        assert await tables(database) == []
    finally:
        await database.close()


async def test_wal_and_foreign_keys_are_on(path: Path) -> None:
    database = await open_database(path)
    try:
        assert await database.fetch_value("PRAGMA journal_mode") == "wal"
        assert await database.fetch_value("PRAGMA foreign_keys") == 1
        assert await database.fetch_value("PRAGMA synchronous") == 1  # NORMAL
        assert await database.fetch_value("PRAGMA busy_timeout") == 5000
    finally:
        await database.close()


async def test_foreign_keys_are_enforced(path: Path) -> None:
    database = await open_database(path)
    try:
        with pytest.raises(ConstraintViolated, match="FOREIGN KEY constraint failed"):
            async with database.transaction() as conn:
                await conn.execute(
                    "INSERT INTO history (application_id, action, to_stage, at, due_at) "
                    "VALUES (999, 'note', 'received', 0, 0)")
        assert await database.fetch_value("SELECT COUNT(*) FROM history") == 0
    finally:
        await database.close()


async def test_a_transaction_that_raises_leaves_nothing_written(path: Path) -> None:
    database = await SqliteDatabase.connect(path)
    try:
        with pytest.raises(RuntimeError, match="crash"):
            await write_then_crash(database)
        assert await database.fetch_value("SELECT COUNT(*) FROM meta") == 0
        assert not database.connection.in_transaction

        # The lock was released and the next transaction commits.
        async with database.transaction() as conn:
            await conn.execute("INSERT INTO meta (key, value) VALUES ('c', '3')")
        assert await database.fetch_value("SELECT value FROM meta") == "3"
    finally:
        await database.close()


async def test_a_committed_transaction_survives_reopening(path: Path) -> None:
    database = await open_database(path)
    async with database.transaction() as conn:
        await conn.execute("INSERT INTO meta (key, value) VALUES ('a', '1')")
    await database.close()
    database = await open_database(path)
    try:
        assert await database.fetch_value("SELECT value FROM meta WHERE key = 'a'") == "1"
    finally:
        await database.close()


async def test_fetch_helpers(path: Path) -> None:
    database = await open_database(path)
    try:
        assert await database.fetch_one("SELECT * FROM meta") is None
        assert await database.fetch_all("SELECT * FROM meta") == []
        assert await database.fetch_value("SELECT value FROM meta", default="none") == "none"
        assert await database.fetch_value("SELECT MAX(id) FROM outbox", default=0) == 0
    finally:
        await database.close()
