"""Driving a sandbox from another process: the /_control JSON API and `python -m sandbox`."""

import asyncio
import sys
from typing import Any

import aiohttp
import pytest
from telegram import Bot

from sandbox import Sandbox
from tests.sandbox.conftest import TOKEN


async def control(session: aiohttp.ClientSession, verb: str, url: str, body: Any = None) -> Any:
    """One control API call; returns its JSON."""
    async with session.request(verb, url, json=body) as response:
        assert response.status == 200, await response.text()
        return await response.json()


async def test_control_api_drives_a_conversation(sandbox: Sandbox, bot: Bot) -> None:
    base = f"{sandbox.url}/_control"
    async with aiohttp.ClientSession() as session:
        user = await control(session, "POST", f"{base}/users", {"first_name": "Ayu"})
        sent = await control(session, "POST", f"{base}/users/{user['id']}/send", {"text": "/start"})
        assert sent["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
        (update,) = await bot.get_updates()
        assert update.message is not None
        assert update.message.text == "/start"
        await bot.send_message(user["id"], "<i>Selamat datang</i>", parse_mode="HTML")
        shown = await control(session, "GET", f"{base}/chats/{user['id']}/next?timeout=2")
        assert shown["text"] == "Selamat datang"
        counts = await control(session, "GET", f"{base}/requests?method=sendMessage&status=200")
        assert counts["count"] == 1
        await control(session, "PUT", f"{base}/faults", {"error_rate": 1.0, "seed": 1})
        await control(session, "POST", f"{base}/outage", {"seconds": 60})
        assert sandbox.world.outage.active
        await control(session, "DELETE", f"{base}/outage")
        await control(session, "PUT", f"{base}/limits", {"enabled": False})
        async with session.post(f"{base}/users/{user['id']}/press", json={"button": "x"}) as r:
            assert r.status == 409  # nothing to press: the helper's explanation comes back
            assert "no button 'x'" in (await r.json())["error"]
    assert sandbox.faults.error_rate == 1.0


async def test_refuses_any_host_but_loopback() -> None:
    with pytest.raises(ValueError, match=r"127.0.0.1 only"):
        Sandbox(TOKEN, host="0.0.0.0")


async def test_runs_standalone() -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "sandbox", "--port", "0", "--token", TOKEN, "--user", "Ayu",
        stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert process.stdout is not None
    try:
        line = (await asyncio.wait_for(process.stdout.readline(), 10)).decode()
        assert line.startswith("base_url: http://127.0.0.1:")
        base_url = line.split(": ", 1)[1].strip()
        async with Bot(TOKEN, base_url=base_url) as bot:
            assert bot.username == "etracking_test_bot"
    finally:
        process.terminate()
        assert await asyncio.wait_for(process.wait(), 10) == 0
