"""End-to-end fixtures: the sandbox on a free loopback port and the real bot polling it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.handlers.context import BotApplication, Services
from bot.runtime.lifecycle import running
from bot.wiring import build_bot
from office.settings import Settings
from sandbox import FloodLimits, Person, Sandbox
from storage.clock import Clock, system_clock
from storage.engines import is_postgres
from tests.conftest import BACKENDS, FakeClock, postgres_schema

TOKEN = "123456:TEST-TOKEN"
BOT_USERNAME = "etracking_test_bot"


def sandbox_settings(settings: Settings, sandbox: Sandbox, database: Path | str,
                     admin_ids: list[int]) -> Settings:
    """The example settings pointed at the sandbox, a fresh database and the given admins.

    Tests type much faster than people: like the sandbox's flood limits, the bot's inbound
    budget per chat is lifted here (tests/e2e/test_flood.py puts both back).
    """
    return settings.model_copy(update={
        "flood": settings.flood.model_copy(update={"updates_burst": 100_000}),
        "telegram": settings.telegram.model_copy(update={
            "token": SecretStr(TOKEN), "base_url": sandbox.base_url,
            "base_file_url": sandbox.base_file_url}),
        "database": (settings.database.model_copy(update={"url": database})
                     if is_postgres(database)
                     else settings.database.model_copy(update={"path": database})),
        "staff": settings.staff.model_copy(update={"admin_ids": admin_ids}),
    })


@pytest.fixture(params=BACKENDS)
async def e2e_database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Path | str]:
    """The bot's database: a SQLite file, and (with ETRACK_TEST_POSTGRES_URL) again a fresh
    schema on that PostgreSQL server."""
    if request.param == "sqlite":
        yield tmp_path / "e2e.db"
        return
    async with postgres_schema() as url:
        yield url


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    """A sandbox without flood limits (interactive tests); reliability tests set their own."""
    async with Sandbox(TOKEN, BOT_USERNAME, limits=FloodLimits(enabled=False)) as running_sandbox:
        yield running_sandbox


@pytest.fixture
def admin(sandbox: Sandbox) -> Person:
    """The office's first admin (configured in [staff] admin_ids)."""
    return sandbox.add_user("Made", last_name="Suartana", language_code="id")


@pytest.fixture
def alice(sandbox: Sandbox) -> Person:
    """An applicant writing in Indonesian."""
    return sandbox.add_user("Ayu", last_name="Wulandari", language_code="id")


BotFactory = Callable[..., Awaitable[BotApplication]]


@pytest.fixture
async def bot(sandbox: Sandbox, admin: Person, settings: Settings,
              e2e_database: Path | str) -> AsyncIterator[BotApplication]:
    """The real application, long-polling the sandbox."""
    configured = sandbox_settings(settings, sandbox, e2e_database, [admin.user.id])
    app = build_bot(configured)
    async with running(app, poll_timeout=1):
        yield app


def services_of(app: BotApplication) -> Services:
    """The running application's services (store, tracking…)."""
    services: Services = app.bot_data["services"]
    return services


def sqlite_only(app: BotApplication) -> None:
    """Skip the PostgreSQL run of a test about the SQLite file itself (backups, its folder)."""
    if services_of(app).settings.database.on_postgres:
        pytest.skip("about the SQLite file")


@pytest.fixture
async def start_bot(sandbox: Sandbox, admin: Person, settings: Settings,
                    e2e_database: Path | str) -> AsyncIterator[BotFactory]:
    """Start the real application with a clock and [applicants] overrides; stopped at the end."""
    async with AsyncExitStack() as stack:

        async def start(*, clock: Clock = system_clock, **applicants: object) -> BotApplication:
            configured = sandbox_settings(settings, sandbox, e2e_database, [admin.user.id])
            configured = configured.model_copy(update={
                "applicants": configured.applicants.model_copy(update=applicants)})
            app = build_bot(configured, clock=clock)
            await stack.enter_async_context(running(app, poll_timeout=1))
            return app

        yield start


@pytest.fixture
async def bot_with_clock(start_bot: BotFactory, clock: FakeClock) -> BotApplication:
    """The real application whose store reads the test's FakeClock (Mon 2 Nov 2026 09:00)."""
    return await start_bot(clock=clock)
