"""Heavy reads apart: another connection, another thread, read-only; in memory, in place."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from storage.database import Database
from storage.engines import open_database
from storage.errors import DatabaseRefused
from storage.reading import read_apart, run_apart


async def test_a_file_database_is_read_on_its_own_read_only_connection_and_thread(
        tmp_path: Path) -> None:
    database = await open_database(tmp_path / "office?#%.db")  # the name is escaped in the URI
    try:
        async with database.transaction() as conn:
            await conn.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')")

        async def work(reader: Database) -> tuple[object, str, int]:
            with pytest.raises(DatabaseRefused, match="readonly"):
                async with reader.transaction() as conn:
                    await conn.execute("DELETE FROM meta")
            return (reader, threading.current_thread().name,
                    await reader.fetch_value("SELECT COUNT(*) FROM meta"))

        reader, thread, rows = await read_apart(database, work)
    finally:
        await database.close()
    assert reader is not database
    assert thread.startswith("etracking-heavy")
    assert rows == 1


async def test_an_in_memory_database_is_read_in_place() -> None:
    database = await open_database(":memory:")
    try:
        async def work(reader: Database) -> bool:
            return reader is database

        assert await read_apart(database, work)
    finally:
        await database.close()


async def test_blocking_work_runs_on_the_heavy_work_thread() -> None:
    assert (await run_apart(lambda: threading.current_thread().name)).startswith(
        "etracking-heavy")
