"""The one long-lived SQLite connection, its pragmas, migrations and write transactions."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import aiosqlite

from storage.migrations import MIGRATIONS
from storage.private import create_private, make_private

log = logging.getLogger(__name__)

# How long a write waits for another process's lock (an `etracking` command) before failing.
# Read at open, so tests can shorten it.
BUSY_TIMEOUT_MS = 5000
SIDE_FILES = ("-wal", "-shm")

Row = aiosqlite.Row
Params = Iterable[Any] | dict[str, Any]


class Database:
    """One aiosqlite connection; write transactions are serialised by a lock.

    aiosqlite shares one connection between tasks, so without the lock one task's COMMIT
    would commit another task's half-done work.
    """

    def __init__(self, connection: aiosqlite.Connection, path: str = ":memory:") -> None:
        self.connection = connection
        self.path = path
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: str | Path, *, synchronous: str = "NORMAL") -> Database:
        """Open (creating if needed) and migrate the database at `path` (":memory:" works).

        The file is created with mode 0600, and SQLite gives its -wal and -shm files the
        database's own mode; a database made readable by an older version is tightened.
        """
        if str(path) != ":memory:":
            await asyncio.to_thread(_keep_private, Path(path))
        connection = await aiosqlite.connect(str(path), isolation_level=None)
        connection.row_factory = aiosqlite.Row
        database = cls(connection, str(path))
        try:
            await connection.execute("PRAGMA journal_mode = WAL")
            await connection.execute(f"PRAGMA synchronous = {synchronous}")
            await connection.execute("PRAGMA foreign_keys = ON")
            await connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
            await database.migrate()
        except BaseException:
            await connection.close()
            raise
        return database

    @classmethod
    async def open_reader(cls, path: str | Path) -> Database:
        """A read-only connection to a database the bot's connection keeps open and migrated.

        WAL lets it read while the other connection writes; heavy reads (figures, exports)
        go through one so that they never queue in front of applicants' lookups.
        """
        uri = f"file:{quote(str(path))}?mode=ro"  # ?, # and % in a name are escaped
        connection = await aiosqlite.connect(uri, uri=True, isolation_level=None)
        connection.row_factory = aiosqlite.Row
        try:
            await connection.execute("PRAGMA busy_timeout = 5000")
            await connection.execute("PRAGMA query_only = ON")
        except BaseException:
            await connection.close()
            raise
        return cls(connection, str(path))

    @property
    def on_disk(self) -> bool:
        """Whether other connections can open this database (an in-memory one they cannot)."""
        return self.path not in ("", ":memory:") and not self.path.startswith("file::memory:")

    async def close(self) -> None:
        """Close the connection (its worker thread would otherwise keep the process alive)."""
        await self.connection.close()

    async def schema_version(self) -> int:
        """The number of migrations applied."""
        row = await self.fetch_one("PRAGMA user_version")
        return int(row[0]) if row else 0

    async def migrate(self) -> int:
        """Apply pending migrations, each in one transaction with its version record."""
        version = await self.schema_version()
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            async with self._write_lock:
                try:
                    await self.connection.executescript(
                        f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")
                except BaseException:
                    if self.connection.in_transaction:
                        await self.connection.execute("ROLLBACK")
                    raise
        return len(MIGRATIONS)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """A write transaction: everything inside commits together or not at all."""
        async with self._write_lock:
            try:
                await self.connection.execute("BEGIN IMMEDIATE")
                yield self.connection
                await self.connection.execute("COMMIT")
            except BaseException:
                # Also when COMMIT itself failed: a connection left inside a transaction
                # would refuse every later write.
                if self.connection.in_transaction:
                    await self.connection.execute("ROLLBACK")
                raise

    # execute_fetchall is one hop to aiosqlite's thread; execute + fetch + close would be three,
    # and the hand-offs, not the SQL, are most of a lookup's cost.
    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        """The first row of a query, or None."""
        rows = await self.connection.execute_fetchall(sql, params)
        return next(iter(rows), None)

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        """Every row of a query."""
        return list(await self.connection.execute_fetchall(sql, params))

    async def fetch_value(self, sql: str, params: Params = (), default: Any = None) -> Any:
        """The first column of the first row, or the default."""
        row = await self.fetch_one(sql, params)
        return default if row is None or row[0] is None else row[0]


def _keep_private(path: Path) -> None:
    try:
        create_private(path)
        for suffix in SIDE_FILES:
            make_private(Path(f"{path}{suffix}"))
    except PermissionError:
        # Someone else's file (a shared volume): SQLite says clearly if it cannot open it.
        log.warning("cannot make %s readable by its owner only", path)
