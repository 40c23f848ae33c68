"""Shared fixtures: settings from the example configuration and a fresh store."""

from __future__ import annotations

import os

# python-telegram-bot warns on RetryAfter.retry_after unless this is set; warnings are errors.
os.environ.setdefault("PTB_TIMEDELTA", "1")

import asyncio
import fcntl
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import pytest

from office.settings import Settings, load_settings
from storage.errors import DatabaseRefused
from storage.store import Store

EXAMPLE_CONFIG = Path(__file__).resolve().parent.parent / "config.example.toml"


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        """Move time forward."""
        self.now += timedelta(**delta)


@pytest.fixture
def settings() -> Settings:
    """The example configuration, as an office would start from."""
    return load_settings(EXAMPLE_CONFIG)


@pytest.fixture
def clock() -> FakeClock:
    """Monday 2 November 2026, 09:00 WITA."""
    return FakeClock(datetime(2026, 11, 2, 1, 0, tzinfo=UTC))


POSTGRES_URL = os.environ.get("ETRACK_TEST_POSTGRES_URL", "")
BACKENDS = ["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"]


@asynccontextmanager
async def postgres_schema() -> AsyncIterator[str]:
    """A URL of the test server whose tables go into a fresh schema, dropped afterwards."""
    schema = f"test_{uuid.uuid4().hex}"
    server = await asyncpg.connect(POSTGRES_URL)
    try:
        await server.execute(f"CREATE SCHEMA {schema}")
        separator = "&" if "?" in POSTGRES_URL else "?"
        yield f"{POSTGRES_URL}{separator}search_path={schema}"
    finally:
        await server.execute(f"DROP SCHEMA {schema} CASCADE")
        await server.close()


@pytest.fixture(params=BACKENDS)
async def database_target(request: pytest.FixtureRequest) -> AsyncIterator[str]:
    """Where a test's store lives: in memory, and (with ETRACK_TEST_POSTGRES_URL) again in a
    fresh schema of its own on that PostgreSQL server."""
    if request.param == "sqlite":
        yield ":memory:"
        return
    async with postgres_schema() as url:
        yield url


@pytest.fixture
async def store(settings: Settings, clock: FakeClock,
                database_target: str) -> AsyncIterator[Store]:
    """A fresh store over the example catalogue, on each backend under test."""
    opened = await Store.open(database_target, settings.catalogue(), settings.calendar(),
                              prefix=settings.office.registration_prefix, clock=clock)
    yield opened
    await opened.close()


StoreFactory = Callable[[], Store]


@contextmanager
def one_worker_at_a_time(factory: pytest.TempPathFactory, name: str) -> Iterator[None]:
    """Under `pytest -n`, wait until no other worker of this run holds the lock `name`.

    For tests that share something beyond their own schema, ports and files. A lock file in
    the run's temporary root rather than `xdist_group`: `--dist loadgroup` silently stopped
    grouping with pytest 9.2 (pytest-dev/pytest-xdist#1386). Serially there is nobody to wait for.
    """
    if "PYTEST_XDIST_WORKER" not in os.environ:
        yield
        return
    with (factory.getbasetemp().parent / f"{name}.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


async def eventually(check: Callable[[], Awaitable[bool]], timeout: float = 5.0,  # noqa: ASYNC109
                     what: str = "condition") -> None:
    """Re-check an async condition until it holds, failing after `timeout` seconds."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not await check():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"{what} did not hold within {timeout} s")
        await asyncio.sleep(0.02)


def refusals_of(store: Store, monkeypatch: pytest.MonkeyPatch, *names: str) -> Counter[str]:
    """How often each outbox write was refused with 'database is locked'."""
    refused: Counter[str] = Counter()
    for name in names:
        original = getattr(store.outbox, name)

        async def spy(*args: Any, _original: Any = original, _name: str = name,
                      **kwargs: Any) -> Any:
            try:
                return await _original(*args, **kwargs)
            except DatabaseRefused:
                refused[_name] += 1
                raise

        monkeypatch.setattr(store.outbox, name, spy)
    return refused
