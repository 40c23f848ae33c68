"""`etracking webhook set|delete|info` against the sandbox's Bot API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.cli.main import main
from bot.cli.webhook import webhook_command
from office.settings import Settings
from sandbox import FloodLimits, Sandbox
from tests.conftest import EXAMPLE_CONFIG
from tests.e2e.conftest import BOT_USERNAME, TOKEN, sandbox_settings
from tests.operations.test_service import free_port

SECRET = "kunci-rahasia-webhook"


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    """The stand-in Bot API; its failed webhook deliveries are retried quickly."""
    async with Sandbox(TOKEN, BOT_USERNAME, limits=FloodLimits(enabled=False),
                       webhook_retry_delay=0.05) as running:
        yield running


def hooked(settings: Settings, sandbox: Sandbox, tmp_path: Path, url: str) -> Settings:
    """Settings pointed at the sandbox with a webhook URL and secret."""
    configured = sandbox_settings(settings, sandbox, tmp_path / "hook.db", [])
    return configured.model_copy(update={"webhook": configured.webhook.model_copy(update={
        "url": url, "secret_token": SecretStr(SECRET), "set_on_start": False})})


async def test_set_registers_the_url_and_secret_once_and_info_shows_the_queue(
        sandbox: Sandbox, settings: Settings, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    # Nothing listens on this port: Telegram's calls fail and info reports it.
    url = f"http://127.0.0.1:{free_port()}/telegram"
    configured = hooked(settings, sandbox, tmp_path, url)

    assert await webhook_command(configured, "set") == 0
    assert (sandbox.world.webhook.url, sandbox.world.webhook.secret_token) == (url, SECRET)
    assert sandbox.count("setWebhook") == 1
    assert capsys.readouterr().out.splitlines()[:4] == [
        f"webhook set: {url}", f"url: {url}", "pending_update_count: 0", "last_error: none"]

    await sandbox.add_user("Ayu").send("/start")
    await sandbox.wait_for(lambda: sandbox.world.webhook.last_error_message is not None,
                           timeout=10, what="a failed delivery")
    assert await webhook_command(configured, "info") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == [f"url: {url}", "pending_update_count: 1"]
    assert lines[2].startswith(f"last_error: {sandbox.world.webhook.last_error_message} (")
    assert sandbox.count("setWebhook") == 1


async def test_delete_removes_the_webhook_and_can_drop_what_waits(
        sandbox: Sandbox, settings: Settings, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    configured = hooked(settings, sandbox, tmp_path, f"http://127.0.0.1:{free_port()}/telegram")
    assert await webhook_command(configured, "set") == 0
    await sandbox.add_user("Ayu").send("/start")

    assert await webhook_command(configured, "delete", drop_pending=True) == 0

    assert sandbox.world.webhook.url == ""
    assert sandbox.world.updates == []
    assert capsys.readouterr().out.splitlines()[-6:-3] == [
        "webhook deleted, waiting updates dropped", "url: (none: the bot polls)",
        "pending_update_count: 0"]


async def test_telegram_refusing_is_exit_1(sandbox: Sandbox, settings: Settings,
                                           tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    # A URL without https:// (a common slip in a config file) is refused by Telegram.
    configured = hooked(settings, sandbox, tmp_path, "bot.example.go.id/telegram")

    assert await webhook_command(configured, "set") == 1
    assert "Telegram refused: Bad webhook" in capsys.readouterr().err
    assert sandbox.world.webhook.url == ""


def test_set_needs_the_url_and_secret(monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("ETRACK_TELEGRAM__TOKEN", "123456:TEST")
    monkeypatch.setenv("ETRACK_WEBHOOK__URL", "https://bot.example.go.id/telegram")

    assert main(["--config", str(EXAMPLE_CONFIG), "webhook", "set"]) == 2
    assert "webhook.url and webhook.secret_token must be set" in capsys.readouterr().err
