"""A bot process killed during a fan-out delivers the rest after a restart, losing nothing."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from office.settings import Settings
from sandbox import FloodLimits, Sandbox
from storage.store import Store
from storage.workflow import Action
from tests.conftest import EXAMPLE_CONFIG
from tests.e2e.conftest import TOKEN
from tests.reliability.conftest import crowd

FOLLOWERS = 300


def bot_environment(sandbox: Sandbox, database: Path) -> dict[str, str]:
    """The environment of a real `python -m bot run` pointed at the sandbox."""
    return {**os.environ, "PTB_TIMEDELTA": "1", "ETRACK_CONFIG": str(EXAMPLE_CONFIG),
            "ETRACK_TELEGRAM__TOKEN": TOKEN, "ETRACK_TELEGRAM__BASE_URL": sandbox.base_url,
            "ETRACK_TELEGRAM__BASE_FILE_URL": sandbox.base_file_url,
            "ETRACK_DATABASE__PATH": str(database),
            "ETRACK_NOTIFICATIONS__MESSAGES_PER_SECOND": "50"}


@asynccontextmanager
async def bot_process(environment: dict[str, str]) -> AsyncIterator[asyncio.subprocess.Process]:
    """A real bot process; killed at the end if still running."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=environment,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
    try:
        yield process
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def test_sigkill_during_fan_out_loses_nothing(settings: Settings, tmp_path: Path) -> None:
    database = tmp_path / "office.db"
    async with Sandbox(TOKEN, limits=FloodLimits(global_per_second=50.0)) as sandbox:
        people = crowd(sandbox, FOLLOWERS)
        store = await Store.open(database, settings.catalogue(), settings.calendar())
        created, _ = await store.applications.create("PBG", "I Wayan Sudarma", staff_id=1)
        for person in people:
            await store.followers.follow(created, person.user.id, limit=20)
        await store.applications.change(created.number, Action.ADVANCE, staff_id=1)
        await store.close()
        environment = bot_environment(sandbox, database)

        async with bot_process(environment) as first:
            await sandbox.wait_for(lambda: sandbox.count("sendMessage", 200) >= 80, timeout=30)
            first.send_signal(signal.SIGKILL)
            await first.wait()
        delivered_before = sandbox.count("sendMessage", 200)
        store = await Store.open(database, settings.catalogue(), settings.calendar())
        in_flight = await store.database.fetch_all(
            "SELECT chat_id FROM outbox WHERE status = 'sending'")
        await store.close()
        assert delivered_before < FOLLOWERS

        async with bot_process(environment) as second:
            await sandbox.wait_for(lambda: all(p.messages for p in people), timeout=60)
            second.send_signal(signal.SIGTERM)
            assert await second.wait() == 0

    received = Counter(m.chat_id for p in people for m in p.messages)
    assert set(received) == {p.user.id for p in people}
    twice = {chat for chat, count in received.items() if count > 1}
    # Only a send cut off by the kill (no answer received: the bot cannot know) may repeat.
    assert twice <= {row[0] for row in in_flight}
    assert max(received.values()) <= 2
