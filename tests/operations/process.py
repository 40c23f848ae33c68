"""A real `python -m bot` process for operations tests, with its log captured."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from tests.conftest import EXAMPLE_CONFIG
from tests.e2e.conftest import TOKEN


def environment(base_url: str, database: Path, **extra: str) -> dict[str, str]:
    """Environment for a bot process pointed at a Bot API server and a database."""
    return {**os.environ, "PTB_TIMEDELTA": "1", "ETRACK_CONFIG": str(EXAMPLE_CONFIG),
            "ETRACK_TELEGRAM__TOKEN": TOKEN, "ETRACK_TELEGRAM__BASE_URL": base_url,
            "ETRACK_TELEGRAM__BASE_FILE_URL": base_url.replace("/bot", "/file/bot"),
            "ETRACK_DATABASE__PATH": str(database), **extra}


class BotProcess:
    """A running bot process and the lines it has printed or logged so far."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.lines: list[str] = []
        self._changed = asyncio.Condition()
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.process.stdout is not None
        async for raw in self.process.stdout:
            async with self._changed:
                self.lines.append(raw.decode(errors="replace").rstrip())
                self._changed.notify_all()

    async def wait_for_line(self, fragment: str, timeout: float = 20.0) -> str:  # noqa: ASYNC109
        """The first logged line containing `fragment`, waiting up to `timeout` seconds."""
        def found() -> str | None:
            return next((line for line in self.lines if fragment in line), None)

        async with asyncio.timeout(timeout), self._changed:
            await self._changed.wait_for(lambda: found() is not None or self._reader.done())
        line = found()
        assert line is not None, f"{fragment!r} never logged; log:\n" + "\n".join(self.lines)
        return line

    async def wait(self) -> int:
        """The exit code, once the process ends (its log fully read)."""
        code = await self.process.wait()
        await self._reader
        return code


@asynccontextmanager
async def bot_process(*arguments: str, env: dict[str, str]) -> AsyncIterator[BotProcess]:
    """`python -m bot <arguments>`; killed at the end if still running."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *arguments, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    running = BotProcess(process)
    try:
        yield running
    finally:
        if process.returncode is None:
            process.kill()
        await running.wait()
