"""The webhook endpoint answers Telegram only once the update has been handled."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

from bot.runtime.webhook import SECRET_HEADER, WebhookServer
from sandbox import Sandbox
from tests.e2e.conftest import BOT_USERNAME, TOKEN
from tests.operations.test_service import free_port

SECRET = "rahasia"
UPDATE = {"update_id": 7, "message": {
    "message_id": 1, "date": 1_764_000_000, "text": "halo",
    "chat": {"id": 42, "type": "private", "first_name": "Ayu"},
    "from": {"id": 42, "is_bot": False, "first_name": "Ayu"}}}


class Gate:
    """A handler that holds every update until the test opens the gate."""

    def __init__(self) -> None:
        self.entered = asyncio.Event()
        self.opened = asyncio.Event()
        self.handled: list[int] = []

    async def handle(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Wait for the gate, then record the update as handled."""
        self.entered.set()
        await self.opened.wait()
        self.handled.append(update.update_id)


@pytest.fixture
async def endpoint() -> AsyncIterator[tuple[str, Gate]]:
    """A WebhookServer on a free port in front of an application with the gated handler."""
    gate = Gate()
    async with Sandbox(TOKEN, BOT_USERNAME) as sandbox:
        app: Any = (ApplicationBuilder().token(TOKEN).base_url(sandbox.base_url)
                    .updater(None).build())
        app.add_handler(MessageHandler(filters.ALL, gate.handle))
        port = free_port()
        server = WebhookServer(app, listen="127.0.0.1", port=port, path="telegram",
                               secret_token=SECRET)
        await app.initialize()
        await app.start()  # so that an update put on the queue would be handled too
        await server.start()
        try:
            yield f"http://127.0.0.1:{port}/telegram", gate
        finally:
            gate.opened.set()
            await server.stop()
            await app.stop()
            await app.shutdown()


async def test_the_answer_waits_until_the_update_is_handled(
        endpoint: tuple[str, Gate]) -> None:
    url, gate = endpoint
    async with aiohttp.ClientSession() as session:
        posting = asyncio.create_task(session.post(url, json=UPDATE,
                                                   headers={SECRET_HEADER: SECRET}))
        await asyncio.wait_for(gate.entered.wait(), 10)
        # Handling has begun but not ended: Telegram has no answer yet, so if this process
        # died now it would deliver the update again.
        done, _ = await asyncio.wait({posting}, timeout=0.2)
        assert not done
        gate.opened.set()
        response = await asyncio.wait_for(posting, 10)
        assert response.status == 200
        response.release()
    assert gate.handled == [7]


async def test_a_wrong_secret_is_refused_and_nothing_is_handled(
        endpoint: tuple[str, Gate]) -> None:
    url, gate = endpoint
    gate.opened.set()
    async with aiohttp.ClientSession() as session, session.post(
            url, json=UPDATE, headers={SECRET_HEADER: "salah"}) as response:
        assert response.status == 403
    assert gate.handled == []
