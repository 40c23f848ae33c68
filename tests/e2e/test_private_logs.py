"""`--log-level DEBUG` through a real flow: no access code, code hash, name or phone is logged."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import pytest

from bot.handlers.context import BotApplication
from bot.runtime.logs import configure
from sandbox import Person
from tests.e2e.conftest import TOKEN, services_of
from tests.e2e.office import ask

NAME = "Ni Luh Putu Wahyuningsih"
PHONE = "0812 7777 3333"
WRONG_CODE = "918273"
# The sandbox runs in the test's process; its server side is not the bot's log.
NOT_THE_BOT = ("sandbox", "aiohttp.access", "aiohttp.server", "aiohttp.web")
LIBRARIES = ("aiosqlite", "telegram", "httpcore", "httpx", "aiohttp", "apscheduler")


class Collected(logging.Handler):
    """Every line the bot's log would print, as the command line formats it."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith(NOT_THE_BOT):
            self.lines.append(self.format(record))


@pytest.fixture
def debug_log() -> Iterator[Collected]:
    """Logging as `etracking run --log-level DEBUG` sets it up, collected; restored after."""
    root = logging.getLogger()
    saved = root.handlers[:], root.level, {
        name: logging.getLogger(name).level for name in LIBRARIES}
    collected = Collected()
    try:
        configure("DEBUG", "text", TOKEN)
        collected.setFormatter(root.handlers[0].formatter)
        root.addHandler(collected)
        yield collected
    finally:
        root.handlers[:], level, levels = saved
        root.setLevel(level)
        for name, quiet in levels.items():
            logging.getLogger(name).setLevel(quiet)


async def test_a_debug_log_holds_no_codes_hashes_names_or_phone_numbers(
        debug_log: Collected, bot: BotApplication, admin: Person, alice: Person) -> None:
    await admin.send(f"/new PBG {NAME} | {PHONE}")
    created, _ = await admin.next_message(), await admin.next_message()
    found = re.search(r"Nomor: (\S+)\n.*Kode akses: (\d{6})", created.text or "", re.DOTALL)
    assert found, created.text
    number, code = found.groups()
    await ask(alice, f"/follow {number} {WRONG_CODE}")
    await ask(alice, f"/follow {number} {code}")
    await ask(alice, f"/status {number}")
    await ask(admin, f"/view {number}")
    await ask(admin, f"/find {NAME.split()[-1]}")
    code_hash = str(await services_of(bot).store.database.fetch_value(
        "SELECT access_code_hash FROM applications WHERE number = ?", (number,)))

    log = "\n".join(debug_log.lines)
    assert "DEBUG" in log  # the bot's own debug lines do get through
    secrets = {"access code": code, "wrong code": WRONG_CODE, "hash": code_hash,
               "digest": code_hash.rsplit("$", 1)[-1], "name": NAME, "surname": "Wahyuningsih",
               "phone": PHONE, "phone digits": PHONE.replace(" ", "")}
    assert [what for what, value in secrets.items() if value in log] == []
