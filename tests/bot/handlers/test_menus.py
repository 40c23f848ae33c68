"""The command menus Telegram shows staff list every command registered for them."""

from __future__ import annotations

from bot.handlers.menus import ADMIN_MENU, STAFF_MENU
from bot.wiring import ADMIN_COMMANDS, OPERATOR_COMMANDS, PRIVATE_ADMIN_COMMANDS


def test_every_operator_command_is_in_the_staff_menu() -> None:
    listed = {command for command, _ in STAFF_MENU}
    assert sorted(set(OPERATOR_COMMANDS) - listed) == []


def test_every_admin_command_is_in_the_admin_menu() -> None:
    listed = {command for command, _ in ADMIN_MENU}
    registered = {*OPERATOR_COMMANDS, *ADMIN_COMMANDS, *PRIVATE_ADMIN_COMMANDS}
    assert sorted(registered - listed) == []


def test_no_command_is_listed_twice() -> None:
    commands = [command for command, _ in ADMIN_MENU]
    assert len(commands) == len(set(commands))
