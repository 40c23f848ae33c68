"""Getting updates: offsets, limits, allowed_updates, long polling, conflicts and webhooks."""

import asyncio
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web
from telegram import Bot, Update
from telegram.error import Conflict

from sandbox import Person, Sandbox
from tests.sandbox.conftest import bot_for, polling


def texts(updates: tuple[Update, ...]) -> list[str | None]:
    """The message texts of a batch of updates."""
    return [u.message.text if u.message else None for u in updates]


async def test_offset_confirms_and_limit_caps(bot: Bot, alice: Person) -> None:
    for text in ("satu", "dua", "tiga"):
        await alice.send(text)
    first = await bot.get_updates(limit=2)
    assert texts(first) == ["satu", "dua"]
    assert texts(await bot.get_updates()) == ["satu", "dua", "tiga"]  # nothing confirmed yet
    rest = await bot.get_updates(offset=first[-1].update_id + 1)
    assert texts(rest) == ["tiga"]
    assert await bot.get_updates(offset=rest[-1].update_id + 1) == ()


async def test_allowed_updates_is_remembered(bot: Bot, alice: Person, sandbox: Sandbox) -> None:
    assert await bot.get_updates(allowed_updates=["callback_query"]) == ()
    await alice.send("tidak diteruskan")
    assert await bot.get_updates() == ()  # the last list given still applies
    await bot.get_updates(allowed_updates=[])  # empty means Telegram's default set again
    await alice.send("diteruskan")
    assert texts(await bot.get_updates()) == ["diteruskan"]


async def test_long_poll_answers_as_soon_as_an_update_arrives(
    bot: Bot, alice: Person, sandbox: Sandbox
) -> None:
    started = time.monotonic()
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    await sandbox.wait_for(lambda: sandbox.polls_started == 1)
    await alice.send("/start")
    assert texts(await poll) == ["/start"]
    assert time.monotonic() - started < 2


async def test_long_poll_waits_out_its_timeout(bot: Bot, sandbox: Sandbox) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == ()
    assert time.monotonic() - started >= 0.9


async def test_second_poller_terminates_the_first(sandbox: Sandbox, bot: Bot) -> None:
    async with bot_for(sandbox) as twin:
        first = asyncio.create_task(bot.get_updates(timeout=10))
        await sandbox.wait_for(lambda: sandbox.polls_started == 1)
        assert await twin.get_updates(timeout=0) == ()
        with pytest.raises(Conflict) as conflict:
            await first
    assert "terminated by other getUpdates request" in conflict.value.message


async def test_polling_application_does_not_spin(sandbox: Sandbox) -> None:
    async with polling(sandbox, [], poll_timeout=2):
        # Counting requests over an idle stretch is inherently a wait: nothing happens to await.
        await asyncio.sleep(3)
        calls = sandbox.count("getUpdates")
    assert 1 <= calls <= 3


@dataclass
class Receiver:
    """A tiny webhook endpoint that records what Telegram posts to it."""

    url: str = ""
    failures_left: int = 0
    received: list[tuple[str | None, dict[str, Any]]] = field(default_factory=list)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)

    async def handle(self, request: web.Request) -> web.Response:
        """Answer 500 while failures are left, then record the update."""
        if self.failures_left:
            self.failures_left -= 1
            return web.Response(status=500)
        secret = request.headers.get("X-Telegram-Bot-Api-Secret-Token")
        self.received.append((secret, await request.json()))
        self.arrived.set()
        return web.Response()


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    """A running webhook receiver on 127.0.0.1."""
    hook = Receiver()
    app = web.Application()
    app.router.add_post("/hook", hook.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    hook.url = f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
    yield hook
    await runner.cleanup()


async def test_webhook_gets_updates_with_the_secret(
    bot: Bot, alice: Person, receiver: Receiver
) -> None:
    assert await bot.set_webhook(receiver.url, secret_token="rahasia-123")
    with pytest.raises(Conflict, match=r"can't use getUpdates method while webhook is active"):
        await bot.get_updates()
    await alice.send("/status JBR-2026-000001")
    await asyncio.wait_for(receiver.arrived.wait(), 5)
    secret, update = receiver.received[0]
    assert secret == "rahasia-123"
    assert update["message"]["text"] == "/status JBR-2026-000001"
    info = await bot.get_webhook_info()
    assert (info.url, info.pending_update_count) == (receiver.url, 0)
    await bot.delete_webhook()
    await alice.send("lagi")
    assert texts(await bot.get_updates()) == ["lagi"]


async def test_failed_webhook_delivery_is_retried_and_reported(
    bot: Bot, alice: Person, receiver: Receiver, sandbox: Sandbox
) -> None:
    receiver.failures_left = 2
    await bot.set_webhook(receiver.url)
    await alice.send("halo")
    await asyncio.wait_for(receiver.arrived.wait(), 5)
    info = await bot.get_webhook_info()
    assert info.last_error_message == "Wrong response from the webhook: 500 Internal Server Error"
    assert info.pending_update_count == 0
    assert [u["message"]["text"] for _, u in receiver.received] == ["halo"]
