"""SQLite behind the database interface: one long-lived aiosqlite connection.

Its pragmas (WAL, foreign keys, busy timeout), migrations recorded in `PRAGMA user_version`,
write transactions serialised by a lock, and sqlite3's errors turned into the named ones.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import aiosqlite

from storage import migrations
from storage.database import Database, Params, Row, Transaction
from storage.errors import ConstraintViolated, DatabaseRefused
from storage.private import create_private, make_private

log = logging.getLogger(__name__)

# How long a write waits for another process's lock (an `etracking` command) before failing.
# Read at open, so tests can shorten it.
BUSY_TIMEOUT_MS = 5000
SIDE_FILES = ("-wal", "-shm")


def named(error: sqlite3.Error) -> Exception:
    """sqlite3's refusal as the store's named error (raise it `from` the original)."""
    if isinstance(error, sqlite3.IntegrityError):
        return ConstraintViolated(str(error))
    if isinstance(error, sqlite3.OperationalError):
        return DatabaseRefused(str(error))
    return error


@contextmanager
def translated() -> Iterator[None]:
    """sqlite3's refusals inside the block as the store's named errors."""
    try:
        yield
    except sqlite3.Error as error:
        raise named(error) from error


class SqliteTransaction(Transaction):
    """Statements on the connection while the database's write lock is held."""

    dialect = "sqlite"

    def __init__(self, connection: aiosqlite.Connection) -> None:
        self.connection = connection

    # execute_fetchall is one hop to aiosqlite's thread; execute + fetch + close would be
    # three, and the hand-offs, not the SQL, are most of a lookup's cost.
    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        """The first row of a query, or None."""
        try:
            rows = await self.connection.execute_fetchall(sql, params)
        except sqlite3.Error as error:
            raise named(error) from error
        return next(iter(rows), None)

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        """Every row of a query."""
        try:
            return list(await self.connection.execute_fetchall(sql, params))
        except sqlite3.Error as error:
            raise named(error) from error

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; how many rows it changed."""
        with translated():
            cursor = await self.connection.execute(sql, params)
        return max(cursor.rowcount, 0)

    async def execute_many(self, sql: str, rows: Iterable[Params]) -> int:
        """Run one statement per parameter row; the rows changed in all (sqlite3 sums them)."""
        with translated():
            cursor = await self.connection.executemany(sql, rows)
        return max(cursor.rowcount, 0)

    async def insert(self, sql: str, params: Params = ()) -> int:
        """Run one single-row INSERT; the new row's id."""
        with translated():
            cursor = await self.connection.execute(sql, params)
        assert cursor.lastrowid is not None
        return cursor.lastrowid


class SqliteDatabase(Database):
    """One aiosqlite connection; write transactions are serialised by a lock.

    aiosqlite shares one connection between tasks, so without the lock one task's COMMIT
    would commit another task's half-done work.
    """

    dialect = "sqlite"

    def __init__(self, connection: aiosqlite.Connection, path: str = ":memory:") -> None:
        self.connection = connection
        self.path = path
        self._write_lock = asyncio.Lock()
        # Reads outside a transaction go through the same methods as reads inside one.
        self._reads = SqliteTransaction(connection)

    @classmethod
    async def connect(cls, path: str | Path, *, synchronous: str = "NORMAL") -> SqliteDatabase:
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
            with translated():
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
    async def open_reader(cls, path: str | Path) -> SqliteDatabase:
        """A read-only connection to a database the bot's connection keeps open and migrated.

        WAL lets it read while the other connection writes.
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

    def reader(self) -> Callable[[], Awaitable[Database]] | None:
        """A read-only connection of its own to the same file; none for an in-memory one."""
        if not self.on_disk:
            return None
        path = self.path
        return lambda: SqliteDatabase.open_reader(path)

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
        for number in range(version + 1, len(migrations.MIGRATIONS) + 1):
            script = migrations.script_for(number, "sqlite")
            async with self._write_lock:
                try:
                    with translated():
                        await self.connection.executescript(
                            f"BEGIN IMMEDIATE;\n{script}\n"
                            f"PRAGMA user_version = {number};\nCOMMIT;")
                except BaseException:
                    if self.connection.in_transaction:
                        await self.connection.execute("ROLLBACK")
                    raise
        return len(migrations.MIGRATIONS)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        """A write transaction: everything inside commits together or not at all."""
        async with self._write_lock:
            try:
                with translated():
                    await self.connection.execute("BEGIN IMMEDIATE")
                yield self._reads
                with translated():
                    await self.connection.execute("COMMIT")
            except BaseException:
                # Also when COMMIT itself failed: a connection left inside a transaction
                # would refuse every later write.
                if self.connection.in_transaction:
                    await self.connection.execute("ROLLBACK")
                raise

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        """The first row of a query, or None."""
        return await self._reads.fetch_one(sql, params)

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        """Every row of a query."""
        return await self._reads.fetch_all(sql, params)

    async def fetch_value(self, sql: str, params: Params = (), default: Any = None) -> Any:
        """The first column of the first row, or the default."""
        return await self._reads.fetch_value(sql, params, default)


def _keep_private(path: Path) -> None:
    try:
        create_private(path)
        for suffix in SIDE_FILES:
            make_private(Path(f"{path}{suffix}"))
    except PermissionError:
        # Someone else's file (a shared volume): SQLite says clearly if it cannot open it.
        log.warning("cannot make %s readable by its owner only", path)
