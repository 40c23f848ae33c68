"""PostgreSQL behind the database interface: a small asyncpg pool.

asyncpg, not psycopg 3: on the lookup path (one indexed SELECT, one row, eight tasks on one
connection) it answered 4,180 lookups/s against psycopg's 3,373, p50 1.0 against 1.6 ms
(`bench/pg_drivers.py`, PostgreSQL 15 on the same machine).

The store's SQL is one text for both engines; `dialect.py` turns it into PostgreSQL's
(placeholders, SQLite's truncating CAST, case-insensitive LIKE). Transactions run at READ
COMMITTED on a connection of their own, so unlike SQLite's one connection they really run
side by side: the repositories make each read-then-write safe (see docs/deploy.md).
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import asyncpg

from storage import migrations
from storage.database import Database, Listening, Params, Row, Transaction
from storage.dialect import postgres_schema, postgres_statement
from storage.errors import ConstraintViolated, DatabaseRefused
from storage.listening import OutboxListener, channel_for

POOL_SIZE = 8
# Every process migrating the same database takes this lock first (an arbitrary constant).
MIGRATION_LOCK = 0x65747261


def named(error: BaseException) -> BaseException:
    """asyncpg's refusal as the store's named error (raise it `from` the original)."""
    if isinstance(error, asyncpg.IntegrityConstraintViolationError):
        return ConstraintViolated(str(error))
    if isinstance(error, asyncpg.PostgresError | asyncpg.InterfaceError | OSError):
        return DatabaseRefused(str(error))
    return error


def without_password(url: str) -> str:
    """The URL to show in logs and reports: the password never."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}@{host}" if parts.username else host
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc))


def pool_options(url: str) -> tuple[str, dict[str, Any]]:
    """The URL for asyncpg, and the options our own URL parameter asks for.

    `?statement_cache_size=0` turns asyncpg's prepared-statement cache off, as PgBouncer in
    transaction mode before 1.21 needs (docs/scale.md). It is not a server setting, so it is
    taken out of the URL (asyncpg would send it to the server, which would refuse it).
    """
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    sizes = [value for key, value in query if key == "statement_cache_size"]
    if not sizes:
        return url, {}
    kept = urlencode([(key, value) for key, value in query if key != "statement_cache_size"])
    return urlunsplit(parts._replace(query=kept)), {"statement_cache_size": int(sizes[-1])}


# libpq reads these, asyncpg does not: PGSERVICE is looked at only after the service file was
# consulted, and the service file is found through PGSERVICEFILE or ~/.pg_service.conf alone
# (asyncpg 0.32, connect_utils._parse_connect_dsn_and_args).
UNREAD_LIBPQ_VARIABLES = {
    "PGSERVICE": "name the service in the URL instead: postgresql://?service=NAME",
    "PGSYSCONFDIR": "give the service file as PGSERVICEFILE or ~/.pg_service.conf",
}


def unread_environment(environment: Mapping[str, str]) -> list[str]:
    """libpq variables set here that the driver ignores, each with what to do instead."""
    return [f"{name} is set but not read by the PostgreSQL driver (asyncpg): {instead}"
            for name, instead in UNREAD_LIBPQ_VARIABLES.items() if environment.get(name)]


async def _keep_session(connection: Any) -> None:
    """Nothing to reset when a connection goes back to the pool.

    asyncpg's default sends RESET ALL, CLOSE ALL, UNLISTEN * and pg_advisory_unlock_all() on
    every release: a second round trip for every lookup (measured: 690 against 380 µs for a
    lookup and its history). The store leaves nothing behind to reset: every transaction is
    closed by its context manager, it never SETs or takes session advisory locks, and it
    LISTENs only on a connection of its own outside the pool (storage/listening.py).
    """


class PostgresTransaction(Transaction):
    """Statements on one pooled connection (inside a transaction, or a lone read)."""

    dialect = "postgresql"

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        """The first row of a query, or None."""
        text, args = postgres_statement(sql, params)
        try:
            row: Row | None = await self.connection.fetchrow(text, *args)
        except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError) as error:
            raise named(error) from error
        return row

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        """Every row of a query."""
        text, args = postgres_statement(sql, params)
        try:
            return list(await self.connection.fetch(text, *args))
        except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError) as error:
            raise named(error) from error

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; how many rows it changed (from the server's status line)."""
        text, args = postgres_statement(sql, params)
        try:
            status = await self.connection.execute(text, *args)
        except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError) as error:
            raise named(error) from error
        last = str(status).rsplit(" ", 1)[-1]
        return int(last) if last.isdigit() else 0

    async def execute_many(self, sql: str, rows: Iterable[Params]) -> int:
        """One statement per parameter row (asyncpg's executemany reports no counts)."""
        changed = 0
        for params in rows:
            changed += await self.execute(sql, params)
        return changed

    async def insert(self, sql: str, params: Params = ()) -> int:
        """Run one single-row INSERT; the new row's id (RETURNING id)."""
        row = await self.fetch_one(f"{sql} RETURNING id", params)
        assert row is not None
        return int(row[0])


class PostgresDatabase(Database):
    """A pool of asyncpg connections to one PostgreSQL database."""

    dialect = "postgresql"

    def __init__(self, pool: Any, url: str, password: str | None = None) -> None:
        self.pool = pool
        self.url = url
        self.path = without_password(url)
        self._password = password

    @classmethod
    async def connect(cls, url: str, *, password: str | None = None,
                      read_only: bool = False, migrate: bool = True) -> PostgresDatabase:
        """Connect to the database at `url` (a libpq URL) and, unless told not to, migrate."""
        settings = {"default_transaction_read_only": "on"} if read_only else {}
        dsn, options = pool_options(url)
        try:
            pool = await asyncpg.create_pool(dsn, password=password, min_size=1,
                                             max_size=1 if read_only else POOL_SIZE,
                                             server_settings=settings, reset=_keep_session,
                                             **options)
        except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError) as error:
            raise DatabaseRefused(f"{without_password(url)}: {error}") from error
        database = cls(pool, url, password)
        try:
            if migrate:
                await database.migrate()
        except BaseException:
            await pool.close()
            raise
        return database

    @property
    def on_disk(self) -> bool:
        """Other connections can always reach a server's database."""
        return True

    def reader(self) -> Callable[[], Awaitable[Database]] | None:
        """A read-only connection of its own to the same database."""
        url, password = self.url, self._password
        return lambda: PostgresDatabase.connect(url, password=password, read_only=True,
                                                migrate=False)

    async def notify_outbox(self) -> None:
        """NOTIFY the other processes' listeners, after the rows' transaction committed."""
        await self.fetch_value("SELECT pg_notify(?, '')", (channel_for(self.url),))

    def outbox_listener(self, wake: Callable[[], None]) -> Listening | None:
        """LISTEN on a connection of its own, outside the pool (a session is needed)."""
        return OutboxListener(pool_options(self.url)[0], self._password, wake)

    async def close(self) -> None:
        """Close every pooled connection."""
        await self.pool.close()

    async def server_version(self) -> str:
        """The server's version, as `SHOW server_version` gives it."""
        return str(await self.fetch_value("SHOW server_version"))

    async def schema_version(self) -> int:
        """The highest migration recorded in schema_migrations (0 before the first)."""
        exists = await self.fetch_value("SELECT to_regclass('schema_migrations') IS NOT NULL")
        if not exists:
            return 0
        return int(await self.fetch_value("SELECT MAX(version) FROM schema_migrations",
                                          default=0))

    async def migrate(self) -> int:
        """Apply pending migrations, each in one transaction with its row in the table.

        An advisory lock makes a second process starting at the same time wait, then find
        nothing left to do.
        """
        async with self.pool.acquire() as connection:
            try:
                await connection.execute(
                    "CREATE TABLE IF NOT EXISTS schema_migrations ("
                    "version INTEGER PRIMARY KEY, applied_at DOUBLE PRECISION NOT NULL)")
                for number in range(1, len(migrations.MIGRATIONS) + 1):
                    async with connection.transaction():
                        await connection.execute("SELECT pg_advisory_xact_lock($1)",
                                                 MIGRATION_LOCK)
                        if await connection.fetchval(
                                "SELECT 1 FROM schema_migrations WHERE version = $1", number):
                            continue
                        await connection.execute(
                            postgres_schema(migrations.script_for(number, "postgresql")))
                        await connection.execute(
                            "INSERT INTO schema_migrations (version, applied_at) "
                            "VALUES ($1, $2)", number, time.time())
            except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError) as error:
                raise named(error) from error
        return len(migrations.MIGRATIONS)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        """A READ COMMITTED transaction on a connection of its own."""
        try:
            async with self.pool.acquire() as connection, connection.transaction():
                yield PostgresTransaction(connection)
        except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError) as error:
            raise named(error) from error

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        """The first row of a query, or None."""
        # Getting a connection fails too while the server is away: a refusal like any other.
        try:
            async with self.pool.acquire() as connection:
                return await PostgresTransaction(connection).fetch_one(sql, params)
        except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError) as error:
            raise named(error) from error

    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        """Every row of a query."""
        try:
            async with self.pool.acquire() as connection:
                return await PostgresTransaction(connection).fetch_all(sql, params)
        except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError) as error:
            raise named(error) from error
