"""Fixtures for the sandbox's own tests: a started sandbox, a PTB bot pointed at it, users."""

import os
import struct
import zlib

# PTB warns on RetryAfter.retry_after unless time periods are timedeltas; warnings are errors.
os.environ.setdefault("PTB_TIMEDELTA", "1")

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

import aiohttp
import pytest
from telegram import Bot
from telegram.ext import Application, BaseHandler

from sandbox import FloodLimits, Person, Sandbox

TOKEN = "123456:TEST-TOKEN"
BOT_USERNAME = "etracking_test_bot"


class FakeClock:
    """A monotonic clock the test moves by hand, so time-based rules need no sleeping."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Let `seconds` pass."""
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    """A hand-driven clock."""
    return FakeClock()


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    """A running sandbox without flood limits (tests of limits build their own)."""
    async with Sandbox(
        TOKEN, BOT_USERNAME, limits=FloodLimits(enabled=False), webhook_retry_delay=0.05
    ) as running:
        yield running


def bot_for(sandbox: Sandbox) -> Bot:
    """A PTB Bot talking to the sandbox."""
    return Bot(TOKEN, base_url=sandbox.base_url, base_file_url=sandbox.base_file_url)


@pytest.fixture
async def bot(sandbox: Sandbox) -> AsyncIterator[Bot]:
    """An initialised PTB Bot."""
    async with bot_for(sandbox) as ready:
        yield ready


@pytest.fixture
def alice(sandbox: Sandbox) -> Person:
    """An applicant who has started the bot."""
    return sandbox.add_user("Ayu", last_name="Wulandari", language_code="id")


@pytest.fixture
def bob(sandbox: Sandbox) -> Person:
    """A staff member."""
    return sandbox.add_user("Budi", username="budi_staf", language_code="id")


async def call(
    sandbox: Sandbox, method: str, body: dict[str, Any], token: str = TOKEN
) -> dict[str, Any]:
    """POST a raw JSON Bot API call, bypassing PTB's own checks; returns the JSON answer."""
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"{sandbox.base_url}{token}/{method}", json=body) as response,
    ):
        answer: dict[str, Any] = await response.json()
        assert answer.get("error_code", 200) == response.status
        return answer


def png_image(width: int = 4, height: int = 3) -> bytes:
    """A small valid PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    rows = b"".join(b"\x00" + b"\x20\x60\xa0" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def png() -> bytes:
    """A small valid PNG image."""
    return png_image()


@asynccontextmanager
async def polling(
    sandbox: Sandbox, handlers: Sequence[BaseHandler[Any, Any, Any]], poll_timeout: int = 1
) -> AsyncIterator[Application[Any, Any, Any, Any, Any, Any]]:
    """A PTB Application with these handlers, polling the sandbox for the duration."""
    app = (
        Application.builder()
        .token(TOKEN)
        .base_url(sandbox.base_url)
        .base_file_url(sandbox.base_file_url)
        .build()
    )
    app.add_handlers(handlers)
    errors: list[object] = []
    await app.initialize()
    assert app.updater is not None
    await app.updater.start_polling(
        timeout=poll_timeout, poll_interval=0, error_callback=errors.append
    )
    await app.start()
    try:
        yield app
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
    assert not errors, errors
