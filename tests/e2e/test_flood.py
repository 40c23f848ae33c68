"""Flood isolation: one chat flooding the bot slows only itself (issue 13, item 1).

The sandbox enforces Telegram's flood limits here (20 messages a minute to a group, about one
a second to a private chat), and every flood arrives before the other people write, so they
queue behind all of it. The 2-second latencies are the targets the issue sets.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from bot.handlers.context import BotApplication
from bot.runtime.lifecycle import running
from bot.wiring import build_bot
from office.settings import Settings
from sandbox import FloodLimits, Group, Person, Sandbox
from storage.models import Role
from tests.conftest import FakeClock
from tests.e2e.applicant_steps import NUMBER, fresh_card, register
from tests.e2e.conftest import sandbox_settings
from tests.e2e.office import hire

FLOOD = 150
TARGET_SECONDS = 2.0
DEADLINE = 15.0
SLOW_DOWN = ("Terlalu banyak pesan sekaligus: pesan dan tombol diabaikan sebentar. Mohon tunggu "
             "sejenak, lalu coba lagi.")
ADVANCED = f"✅ {NUMBER}: Berkas diterima → Verifikasi berkas. Pengikut dikabari: 0."


@asynccontextmanager
async def office(sandbox: Sandbox, admin: Person, settings: Settings, tmp_path: Path,
                 clock: FakeClock, group: Group | None = None,
                 **flood: object) -> AsyncIterator[BotApplication]:
    """The real bot with Telegram's flood limits on, a staff group and `[flood]` as configured
    (config.example.toml), with the given overrides."""
    sandbox.limits = FloodLimits()
    configured = sandbox_settings(settings, sandbox, tmp_path / "flood.db", [admin.user.id])
    configured = configured.model_copy(update={
        "staff": configured.staff.model_copy(update={
            "group_chat_id": group.id if group else None}),
        "flood": settings.flood.model_copy(update=flood)})
    app = build_bot(configured, clock=clock)
    async with running(app, poll_timeout=1):
        await register(app)
        yield app


async def timed(person: Person, command: str, expected: str,
                chat: Group | None = None) -> float:
    """Send a command and wait for the bot's answer (`expected`, exactly); the seconds it took.

    In a group the answer is looked for among everything the bot posts there, flood included.
    """
    loop = asyncio.get_running_loop()
    where = chat or person
    seen = len(where.messages)
    started = loop.time()
    await person.send(command, chat=chat)
    await person.world.signal.wait_for(
        lambda: any(m.text == expected for m in where.messages[seen:]), DEADLINE)
    waited = loop.time() - started
    assert [m.text for m in where.messages[seen:] if m.text == expected], (
        f"{command} not answered: {[m.text for m in where.messages[seen:]]}")
    return waited


async def flood(person: Person, commands: list[str], chat: Group | None = None) -> None:
    """Send FLOOD commands (cycling through `commands`) as fast as the client can."""
    for index in range(FLOOD):
        await person.send(commands[index % len(commands)], chat=chat)


async def others_answered_quickly(alice: Person, clerk: Person,
                                  clerk_chat: Group | None = None) -> None:
    """An applicant's /status and a clerk's /advance are each answered within the target."""
    waited = await timed(alice, f"/status {NUMBER}", fresh_card("id", follower=False))
    assert waited < TARGET_SECONDS, f"/status answered after {waited:.1f} s"
    waited = await timed(clerk, "/advance 1", ADVANCED, clerk_chat)
    assert waited < TARGET_SECONDS, f"/advance answered after {waited:.1f} s"


async def test_a_strangers_group_flooding_the_bot_slows_nobody_else(
        sandbox: Sandbox, admin: Person, alice: Person, settings: Settings, tmp_path: Path,
        clock: FakeClock) -> None:
    stranger = sandbox.add_user("Iseng", language_code="id")
    theirs = sandbox.add_group("Grup Iseng", admins=[stranger])
    kadek = sandbox.add_user("Kadek", language_code="id")
    async with office(sandbox, admin, settings, tmp_path, clock) as bot:
        await hire(bot, kadek.id, Role.OPERATOR, "Kadek Dwi", by=admin.id)
        await flood(stranger, ["/help", f"/status {NUMBER}", "/start"], chat=theirs)

        await others_answered_quickly(alice, kadek)
        # Applicant commands get no answer in a group that is not the staff group.
        await sandbox.wait_for(lambda: not sandbox.pending_updates, what="the flood consumed")
        assert theirs.messages == []


async def test_the_staff_group_flooding_itself_slows_neither_applicants_nor_colleagues(
        sandbox: Sandbox, admin: Person, alice: Person, settings: Settings, tmp_path: Path,
        clock: FakeClock) -> None:
    kadek, putu = (sandbox.add_user(name, language_code="id") for name in ("Kadek", "Putu"))
    staff_group = sandbox.add_group("Petugas DPMPTSP", [kadek, putu], admins=[admin])
    async with office(sandbox, admin, settings, tmp_path, clock, staff_group) as bot:
        for clerk in (kadek, putu):
            await hire(bot, clerk.id, Role.OPERATOR, clerk.first_name, by=admin.id)
        await flood(kadek, ["/queue", "/help", f"/status {NUMBER}"], chat=staff_group)

        # Putu's own budget in the staff group is untouched by Kadek's flood.
        await others_answered_quickly(alice, putu, staff_group)
        await sandbox.wait_for(lambda: not sandbox.pending_updates, what="the flood consumed")
        assert len(staff_group.messages) <= 20  # Kadek's burst and Putu's answer


async def test_answers_never_wait_long_for_a_busy_groups_budget(
        sandbox: Sandbox, admin: Person, alice: Person, settings: Settings, tmp_path: Path,
        clock: FakeClock) -> None:
    # The inbound budget lifted: every command in the flood is answered or dropped by the
    # send limiter, which lets no answer wait more than max_send_wait_seconds.
    kadek = sandbox.add_user("Kadek", language_code="id")
    staff_group = sandbox.add_group("Petugas DPMPTSP", [kadek], admins=[admin])
    async with office(sandbox, admin, settings, tmp_path, clock, staff_group,
                      updates_burst=1000, updates_per_minute=1000.0) as bot:
        await hire(bot, kadek.id, Role.OPERATOR, "Kadek Dwi", by=admin.id)
        await flood(kadek, ["/queue", "/help"], chat=staff_group)

        await others_answered_quickly(alice, admin)
        await sandbox.wait_for(lambda: not sandbox.pending_updates, what="the flood consumed")
        assert sandbox.count("sendMessage", 429) == 0
        # 20 a minute, plus one answer that waited its 3 s for the 21st slot.
        assert 20 <= len(staff_group.messages) <= 21


async def test_a_private_chat_flooding_the_bot_slows_only_itself(
        sandbox: Sandbox, admin: Person, alice: Person, settings: Settings, tmp_path: Path,
        clock: FakeClock) -> None:
    async with office(sandbox, admin, settings, tmp_path, clock):
        await flood(alice, [f"/status {NUMBER}"])
        bob = sandbox.add_user("Bagus", language_code="id")

        await others_answered_quickly(bob, admin)
        await sandbox.wait_for(lambda: not sandbox.pending_updates, what="the flood consumed")
        texts = [message.text for message in alice.messages]
        assert texts.count(SLOW_DOWN) == 1
        # At most the burst of 10 answered; the rest dropped unread.
        assert 1 <= texts.count(fresh_card("id", follower=False)) <= 10
        assert {r.chat_id for r in sandbox.requests if r.status == 429} <= {alice.id}
