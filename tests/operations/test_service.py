"""The bot as a service: one instance per database, waiting out Telegram, stopping cleanly."""

from __future__ import annotations

import signal
import socket
from pathlib import Path

from office.settings import Settings
from sandbox import Sandbox
from storage.migrations import MIGRATIONS
from storage.store import Store
from tests.e2e.conftest import BOT_USERNAME, TOKEN
from tests.operations.process import bot_process, environment


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_a_second_instance_on_the_same_database_refuses_to_start(tmp_path: Path) -> None:
    database = tmp_path / "office.db"
    async with Sandbox(TOKEN, BOT_USERNAME) as sandbox:
        env = environment(sandbox.base_url, database)
        async with bot_process("run", env=env) as first:
            await first.wait_for_line("running (long polling)")
            async with bot_process("run", env=env) as second:
                assert await second.wait() == 3
            assert any("another etracking (pid" in line and "refusing to start a second "
                       "instance" in line for line in second.lines)
            assert first.process.returncode is None
            first.process.send_signal(signal.SIGTERM)
            assert await first.wait() == 0


async def test_sigterm_stops_cleanly_and_frees_the_database(tmp_path: Path) -> None:
    database = tmp_path / "office.db"
    async with Sandbox(TOKEN, BOT_USERNAME) as sandbox:
        ayu = sandbox.add_user("Ayu", language_code="id")
        env = environment(sandbox.base_url, database)
        async with bot_process("run", env=env) as bot:
            await bot.wait_for_line("running (long polling)")
            await ayu.send("/start")
            assert (await ayu.next_message(timeout=10)).text
            bot.process.send_signal(signal.SIGTERM)
            assert await bot.wait() == 0
        assert any(line.endswith("stopped") for line in bot.lines)
        # The update was confirmed: nothing is left for the next poller.
        assert sandbox.pending_updates == []
        async with bot_process("health", env=env) as health:
            assert await health.wait() == 0
    printed = "\n".join(health.lines)
    assert "instance: not running" in printed
    latest = len(MIGRATIONS)
    assert f"database: reachable, schema version {latest} of {latest}" in printed
    assert "status: OK" in printed


async def test_start_up_waits_for_telegram_then_serves(tmp_path: Path) -> None:
    port = free_port()
    base_url = f"http://127.0.0.1:{port}/bot"
    async with bot_process("run", env=environment(base_url, tmp_path / "office.db")) as bot:
        first = await bot.wait_for_line("Telegram unreachable (attempt 1)")
        await bot.wait_for_line("Telegram unreachable (attempt 2)")
        assert TOKEN not in first
        async with Sandbox(TOKEN, BOT_USERNAME, port=port) as sandbox:
            ayu = sandbox.add_user("Ayu", language_code="id")
            await bot.wait_for_line("running (long polling)", timeout=30)
            await ayu.send("/start")
            message = await ayu.next_message(timeout=10)
            assert (message.text or "").startswith("Selamat datang di E-Tracking")
            bot.process.send_signal(signal.SIGTERM)
            assert await bot.wait() == 0
    assert all(TOKEN.split(":")[1] not in line for line in bot.lines)


async def test_sigint_stops_too_and_the_contact_was_recorded(tmp_path: Path,
                                                               settings: Settings) -> None:
    database = tmp_path / "office.db"
    async with (Sandbox(TOKEN, BOT_USERNAME) as sandbox,
                bot_process("run", env=environment(sandbox.base_url, database)) as bot):
        await bot.wait_for_line("running (long polling)")
        bot.process.send_signal(signal.SIGINT)
        assert await bot.wait() == 0
    store = await Store.open(database, settings.catalogue(), settings.calendar())
    try:
        assert await store.get_meta("last_contact") is not None
    finally:
        await store.close()
