"""Webhook mode end to end: the sandbox POSTs updates with the secret header."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from pydantic import SecretStr

from bot.cli.webhook import webhook_command
from bot.runtime.lifecycle import running
from bot.wiring import build_bot
from office.settings import Settings, WebhookSettings
from sandbox import Person, Sandbox
from tests.conftest import eventually
from tests.e2e.conftest import BOT_USERNAME, TOKEN, sandbox_settings
from tests.operations.test_service import free_port

SECRET = "kunci-rahasia-webhook"


@pytest.fixture
async def webhook_bot(settings: Settings, tmp_path: Path) -> AsyncIterator[
        tuple[Sandbox, WebhookSettings]]:
    """The bot in webhook mode on a free loopback port, registered with the sandbox."""
    port = free_port()
    hook = WebhookSettings(listen="127.0.0.1", port=port,
                           url=f"http://127.0.0.1:{port}/telegram",
                           secret_token=SecretStr(SECRET))
    async with Sandbox(TOKEN, BOT_USERNAME) as sandbox:
        configured = sandbox_settings(settings, sandbox, tmp_path / "hook.db", [])
        configured = configured.model_copy(update={"webhook": hook})
        async with running(build_bot(configured), webhook=hook):
            yield sandbox, hook


async def test_updates_arrive_by_webhook_with_the_secret(
        webhook_bot: tuple[Sandbox, WebhookSettings]) -> None:
    sandbox, _ = webhook_bot
    ayu: Person = sandbox.add_user("Ayu", language_code="id")

    await ayu.send("/start")

    message = await ayu.next_message(timeout=10)
    assert (message.text or "").startswith("Selamat datang di E-Tracking")
    assert sandbox.count("getUpdates") == 0
    info = await _webhook_info(sandbox)
    assert str(info["url"]).endswith("/telegram")

    # The update stays pending at Telegram until its handling has ended (then it is answered).
    async def answered() -> bool:
        return (await _webhook_info(sandbox))["pending_update_count"] == 0

    await eventually(answered, what="the update answered")


async def test_a_request_without_the_right_secret_is_refused(
        webhook_bot: tuple[Sandbox, WebhookSettings]) -> None:
    sandbox, hook = webhook_bot
    ayu = sandbox.add_user("Ayu", language_code="id")
    update = {"update_id": 999_001, "message": {
        "message_id": 1, "date": 1_764_000_000, "text": "/start",
        "chat": {"id": ayu.user.id, "type": "private", "first_name": "Ayu"},
        "from": {"id": ayu.user.id, "is_bot": False, "first_name": "Ayu"},
        "entities": [{"type": "bot_command", "offset": 0, "length": 6}]}}
    async with aiohttp.ClientSession() as session:
        for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "salah"}):
            async with session.post(hook.url, json=update, headers=headers) as response:
                assert response.status == 403
    # A real update afterwards is answered, and the forged one never was.
    await ayu.send("/help")
    message = await ayu.next_message(timeout=10)
    assert (message.text or "").startswith("Perintah")
    assert len(ayu.messages) == 1


async def _webhook_info(sandbox: Sandbox) -> dict[str, object]:
    async with aiohttp.ClientSession() as session, session.get(
            f"{sandbox.base_url}{TOKEN}/getWebhookInfo") as response:
        body: dict[str, dict[str, object]] = await response.json()
        return body["result"]


async def test_instances_behind_a_balancer_leave_the_webhook_to_the_command(
        settings: Settings, tmp_path: Path) -> None:
    # `[webhook] set_on_start = false`: starting (or restarting) an instance calls nothing;
    # `etracking webhook set` registers it once, and the instance receives.
    port = free_port()
    hook = WebhookSettings(listen="127.0.0.1", port=port,
                           url=f"http://127.0.0.1:{port}/telegram",
                           secret_token=SecretStr(SECRET), set_on_start=False)
    async with Sandbox(TOKEN, BOT_USERNAME) as sandbox:
        configured = sandbox_settings(settings, sandbox, tmp_path / "hook.db", [])
        configured = configured.model_copy(update={"webhook": hook})
        async with running(build_bot(configured), webhook=hook):
            assert sandbox.count("setWebhook") == 0
            assert sandbox.count("deleteWebhook") == 0
            assert await webhook_command(configured, "set") == 0
            ayu = sandbox.add_user("Ayu", language_code="id")
            await ayu.send("/start")
            message = await ayu.next_message(timeout=10)
            assert (message.text or "").startswith("Selamat datang di E-Tracking")
            async with aiohttp.ClientSession() as session, session.post(
                    hook.url, data=b"not json",
                    headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}) as response:
                assert response.status == 400
        assert sandbox.count("setWebhook") == 1
        assert sandbox.count("getUpdates") == 0
