"""Command menus stored per scope and language, and what each user ends up seeing."""

import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    BotCommandScopeChatAdministrators,
    BotCommandScopeDefault,
)
from telegram.error import BadRequest

from sandbox import Person, Sandbox

APPLICANT = [BotCommand("status", "Cek status permohonan"), BotCommand("follow", "Ikuti")]
STAFF = [BotCommand("queue", "Antrian"), BotCommand("advance", "Lanjutkan tahap")]


async def test_menus_per_scope_and_language(
    bot: Bot, sandbox: Sandbox, alice: Person, bob: Person
) -> None:
    await bot.set_my_commands([BotCommand("start", "Start")], scope=BotCommandScopeDefault())
    await bot.set_my_commands(APPLICANT, scope=BotCommandScopeAllPrivateChats(), language_code="id")
    await bot.set_my_commands(STAFF, scope=BotCommandScopeChat(bob.id))
    group = sandbox.add_group("Staf", [bob], admins=[bob])
    await bot.set_my_commands(STAFF[:1], scope=BotCommandScopeChatAdministrators(group.id))

    assert await bot.get_my_commands(scope=BotCommandScopeChat(bob.id)) == tuple(STAFF)
    assert await bot.get_my_commands(scope=BotCommandScopeAllPrivateChats()) == ()  # no "id"
    assert sandbox.commands("all_private_chats", "id") == [
        ("status", "Cek status permohonan"), ("follow", "Ikuti"),
    ]  # fmt: skip
    assert sandbox.commands("chat", chat_id=bob.id) == [(c.command, c.description) for c in STAFF]

    assert [c for c, _ in alice.menu()] == ["status", "follow"]  # her language is "id"
    assert [c for c, _ in bob.menu()] == ["queue", "advance"]
    assert [c for c, _ in bob.menu(group)] == ["queue"]
    outsider = sandbox.add_user("Tamu", language_code="en")
    assert outsider.menu() == [("start", "Start")]

    assert await bot.delete_my_commands(scope=BotCommandScopeChat(bob.id))
    assert sandbox.commands("chat", chat_id=bob.id) == []


async def test_invalid_commands_are_refused(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"^Bot_command_invalid$"):
        await bot.set_my_commands([BotCommand("Status", "Huruf besar tidak boleh")])
    with pytest.raises(BadRequest, match=r"^Chat not found$"):
        await bot.set_my_commands(APPLICANT, scope=BotCommandScopeChat(424242))
