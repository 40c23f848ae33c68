"""The narrow database interface the repositories write against, whatever the engine.

    Database        one long-lived connection (or pool): reads, transactions, migrations
    Transaction     what a repository holds inside `async with database.transaction()`

A repository sends SQL text with `?` placeholders and gets back rows (indexable by position
and by column name), a row count, or a new row's id. Nothing above this module sees the
driver: no cursors, no `lastrowid`, no `total_changes`, no driver exceptions. A refusal comes
back as `DatabaseRefused` or `ConstraintViolated` (storage/errors.py).

The backends: storage/sqlite.py and storage/postgres.py; storage/engines.py picks one.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Iterable, Iterator
from contextlib import AbstractAsyncContextManager
from typing import Any, Protocol

Params = Iterable[Any] | dict[str, Any]


class Row(Protocol):
    """One result row: by position (`row[0]`), by column name (`row["id"]`), or unpacked."""

    def __getitem__(self, key: Any, /) -> Any: ...

    def __iter__(self) -> Iterator[Any]: ...

    def __len__(self) -> int: ...


class Reader(ABC):
    """The reading half, shared by a database and an open transaction."""

    @abstractmethod
    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        """The first row of a query, or None."""

    @abstractmethod
    async def fetch_all(self, sql: str, params: Params = ()) -> list[Row]:
        """Every row of a query."""

    async def fetch_value(self, sql: str, params: Params = (), default: Any = None) -> Any:
        """The first column of the first row, or the default."""
        row = await self.fetch_one(sql, params)
        return default if row is None or row[0] is None else row[0]


class Transaction(Reader):
    """Statements inside one write transaction: they commit together or not at all."""

    #: "sqlite" or "postgresql", for the few statements that must be spelt apart.
    dialect: str

    @abstractmethod
    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; how many rows it changed."""

    @abstractmethod
    async def execute_many(self, sql: str, rows: Iterable[Params]) -> int:
        """Run one statement once per parameter row; how many rows they changed in all."""

    @abstractmethod
    async def insert(self, sql: str, params: Params = ()) -> int:
        """Run one INSERT of a single row into a table with an `id` key; the new row's id."""


class Listening(Protocol):
    """A running listener for other processes' outbox commits (storage/listening.py)."""

    def start(self) -> None: ...

    async def close(self) -> None: ...


class Database(Reader):
    """One database the store keeps everything in."""

    #: Where the database is (a path for SQLite, a URL without its password for a server).
    path: str
    #: "sqlite" or "postgresql".
    dialect: str

    @property
    @abstractmethod
    def on_disk(self) -> bool:
        """Whether other connections can open this database (an in-memory one they cannot)."""

    @abstractmethod
    def transaction(self) -> AbstractAsyncContextManager[Transaction]:
        """A write transaction: everything inside commits together or not at all."""

    @abstractmethod
    async def close(self) -> None:
        """Close the connection."""

    @abstractmethod
    async def schema_version(self) -> int:
        """The number of migrations applied."""

    @abstractmethod
    async def migrate(self) -> int:
        """Apply pending migrations, each in one transaction with its version record."""

    async def notify_outbox(self) -> None:
        """Tell other processes on this database that outbox rows were committed.

        Nothing to do where no other process can share the database (SQLite's one instance).
        """

    def outbox_listener(self, wake: Callable[[], None]) -> Listening | None:
        """Something that calls `wake` when another process commits outbox rows, if any can."""
        return None

    @abstractmethod
    def reader(self) -> Callable[[], Awaitable[Database]] | None:
        """How to open a read-only connection of its own (on any event loop), if one can be.

        Heavy reads (storage/reading.py) go through one so they never queue in front of
        applicants' lookups.
        """
