"""Reliability fixtures: the bot against a sandbox with flood limits and faults switched on."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import pytest

from bot.handlers.context import BotApplication
from bot.runtime.lifecycle import running
from bot.wiring import build_bot
from office.settings import Settings
from sandbox import Faults, FloodLimits, Person, Sandbox
from storage.models import Application
from storage.store import Store
from tests.e2e.conftest import BOT_USERNAME, TOKEN, sandbox_settings, services_of

Launch = Callable[..., Awaitable[BotApplication]]


def with_notifications(settings: Settings, **overrides: Any) -> Settings:
    """Settings with some `[notifications]` keys replaced."""
    return settings.model_copy(update={
        "notifications": settings.notifications.model_copy(update=overrides)})


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    """A sandbox with Telegram's default flood limits on."""
    async with Sandbox(TOKEN, BOT_USERNAME, limits=FloodLimits(), faults=Faults()) as started:
        yield started


@pytest.fixture
async def launch(sandbox: Sandbox, settings: Settings,
                 tmp_path: Path) -> AsyncIterator[Launch]:
    """Start the real bot against the sandbox with notification settings overridden."""
    async with AsyncExitStack() as stack:
        async def start(admin_ids: list[int] | None = None,
                        **notifications: Any) -> BotApplication:
            configured = with_notifications(
                sandbox_settings(settings, sandbox, tmp_path / "reliability.db",
                                 admin_ids or []), **notifications)
            app = build_bot(configured)
            await stack.enter_async_context(running(app, poll_timeout=1))
            return app

        yield start


async def followed_application(app: BotApplication,
                               people: list[Person]) -> Application:
    """A new application followed by every given person's chat."""
    store: Store = services_of(app).store
    created, _ = await store.applications.create("PBG", "Ida Wulandari", staff_id=1)
    for person in people:
        await store.followers.follow(created, person.user.id, limit=20)
    return created


def crowd(sandbox: Sandbox, count: int) -> list[Person]:
    """`count` applicants who started the bot."""
    return [sandbox.add_user(f"Pemohon {index}", language_code="id") for index in range(count)]


def sends_to(sandbox: Sandbox, chat_id: int) -> list[int]:
    """Statuses of every sendMessage the bot made to one chat."""
    return [r.status for r in sandbox.requests
            if r.method.lower() == "sendmessage" and r.chat_id == chat_id]
