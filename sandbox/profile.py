"""The bot's own profile and menus (getMe, command lists per scope) and chat lookups."""

from __future__ import annotations

import re
from typing import Any

from sandbox.protocol import JsonDict, Params, bad_request
from sandbox.records import Chat, User
from sandbox.world import Method, World

ScopeKey = tuple[str, int | None, int | None]
SCOPES = frozenset(
    ["default", "all_private_chats", "all_group_chats", "all_chat_administrators", "chat",
     "chat_administrators", "chat_member"]
)  # fmt: skip
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_LANGUAGE = re.compile(r"([a-z]{2})?")
MAX_COMMANDS = 100
ADMIN_RIGHTS = [
    "can_manage_chat", "can_delete_messages", "can_manage_video_chats", "can_restrict_members",
    "can_promote_members", "can_change_info", "can_invite_users", "can_post_stories",
    "can_edit_stories", "can_delete_stories", "can_pin_messages",
]  # fmt: skip


async def get_me(world: World, params: Params) -> JsonDict:
    """getMe."""
    return {
        **world.bot.as_json(),
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


def scope_key(world: World, scope: Any) -> ScopeKey:
    """Normalise a BotCommandScope object into a dictionary key, validating its chat."""
    scope = scope or {"type": "default"}
    if not isinstance(scope, dict) or scope.get("type") not in SCOPES:
        raise bad_request("unsupported bot command scope type")
    kind = str(scope["type"])
    if kind not in {"chat", "chat_administrators", "chat_member"}:
        return kind, None, None
    try:
        chat = world.chat(int(scope.get("chat_id", 0)))
    except (TypeError, ValueError):
        raise bad_request("chat not found") from None
    if kind != "chat" and not chat.is_group:
        raise bad_request("can't change commands in private chats")
    if kind != "chat_member":
        return kind, chat.id, None
    user_id = int(scope.get("user_id", 0))
    if user_id not in chat.members:
        raise bad_request("user not found")
    return kind, chat.id, user_id


def _menu_key(world: World, params: Params) -> tuple[ScopeKey, str]:
    scope = scope_key(world, params.structured("scope", "can't parse BotCommandScope JSON object"))
    language = params.text("language_code") or ""
    if not _LANGUAGE.fullmatch(language):
        raise bad_request("invalid language code specified")
    return scope, language


async def set_my_commands(world: World, params: Params) -> bool:
    """setMyCommands, stored per (scope, language_code)."""
    commands: Any = params.structured("commands", "can't parse commands JSON object")
    if not isinstance(commands, list):
        raise bad_request('field "commands" must be an Array')
    if len(commands) > MAX_COMMANDS:
        raise bad_request("too many commands specified")
    for command in commands:
        if not isinstance(command, dict) or not _COMMAND.fullmatch(str(command.get("command"))):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", "")).strip()) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
    key = _menu_key(world, params)
    if commands:
        world.commands[key] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
    else:
        world.commands.pop(key, None)
    world.signal.notify()
    return True


async def get_my_commands(world: World, params: Params) -> list[JsonDict]:
    """getMyCommands: the list stored for exactly this scope and language."""
    return list(world.commands.get(_menu_key(world, params), []))


async def delete_my_commands(world: World, params: Params) -> bool:
    """deleteMyCommands."""
    world.commands.pop(_menu_key(world, params), None)
    world.signal.notify()
    return True


def menu(world: World, chat: Chat, user: User) -> list[JsonDict]:
    """The command menu a user sees in a chat, resolved in Telegram's scope order."""
    language = user.language_code or ""
    if chat.is_group:
        status = chat.members.get(user.id, "member")
        scopes: list[ScopeKey] = [("chat_member", chat.id, user.id)]
        if status in {"administrator", "creator"}:
            scopes.append(("chat_administrators", chat.id, None))
        scopes.append(("chat", chat.id, None))
        if status in {"administrator", "creator"}:
            scopes.append(("all_chat_administrators", None, None))
        scopes.append(("all_group_chats", None, None))
    else:
        scopes = [("chat", chat.id, None), ("all_private_chats", None, None)]
    scopes.append(("default", None, None))
    for scope in scopes:
        for lang in (language, ""):
            if (scope, lang) in world.commands:
                return world.commands[(scope, lang)]
    return []


async def get_chat(world: World, params: Params) -> JsonDict:
    """getChat, with the fields PTB's ChatFullInfo requires."""
    chat = world.chat(params.chat_id())
    gifts = dict.fromkeys(
        ("unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription"), True
    )
    return {
        **chat.as_json(),
        "accent_color_id": 0,
        "max_reaction_count": 11,
        "accepted_gift_types": {**gifts, "gifts_from_channels": False},
    }


async def get_chat_member(world: World, params: Params) -> JsonDict:
    """getChatMember."""
    chat = world.chat(params.chat_id())
    user = world.users.get(params.integer("user_id") or 0)
    if user is None:
        raise bad_request("user not found")
    status = chat.members.get(user.id, "left") if chat.is_group else "member"
    member: JsonDict = {"status": status, "user": user.as_json()}
    if status == "administrator":
        member.update(dict.fromkeys(ADMIN_RIGHTS, True), can_be_edited=False, is_anonymous=False)
    elif status == "creator":
        member["is_anonymous"] = False
    elif status == "kicked":
        member["until_date"] = 0
    return member


async def accepted(world: World, params: Params) -> bool:
    """Profile settings the sandbox accepts without modelling them."""
    return True


METHODS: dict[str, Method] = {
    "getMe": get_me,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "getChat": get_chat,
    "getChatMember": get_chat_member,
    "setMyDescription": accepted,
    "setMyShortDescription": accepted,
    "setMyName": accepted,
    "setChatMenuButton": accepted,
}
