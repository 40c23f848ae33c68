"""The flood guard: each chat's inbound budget, spent by messages and button presses alike."""

from __future__ import annotations

from typing import Any

import pytest
from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.handlers.flood_guard import NOTICE_SECONDS, FloodGuard
from bot.runtime.send_limiter import answering
from office.settings import FloodSettings

STAFF_GROUP, OTHER_GROUP = -100_111, -100_222
ALICE, KADEK, PUTU = 5_000_000_001, 5_000_000_002, 5_000_000_003
SLOW_DOWN = ("Terlalu banyak pesan sekaligus: pesan dan tombol diabaikan sebentar. Mohon tunggu "
             "sejenak, lalu coba lagi.")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class FakeBot:
    """What the guard may call: a message to a chat, an answer to a press."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []

    async def send_message(self, chat_id: int, text: str, **_: Any) -> None:
        self.calls.append(("message", (chat_id, text)))

    async def answer_callback_query(self, callback_query_id: str, text: str | None = None,
                                    **_: Any) -> None:
        self.calls.append(("answer", text))


class Services:
    async def language(self, update: Update) -> str:
        return "id"


class Context:
    services = Services()


def message(chat_id: int, user_id: int, chat_type: str = "private") -> Update:
    chat = {"id": chat_id, "type": chat_type}
    return _update({"message": {"message_id": 1, "date": 0, "chat": chat, "text": "/help",
                                "from": {"id": user_id, "is_bot": False, "first_name": "A"}}})


def press(chat_id: int, user_id: int, chat_type: str = "private") -> Update:
    chat = {"id": chat_id, "type": chat_type}
    return _update({"callback_query": {
        "id": "7", "chat_instance": "1", "data": "s:r:JBR-2026-000001",
        "from": {"id": user_id, "is_bot": False, "first_name": "A"},
        "message": {"message_id": 1, "date": 0, "chat": chat}}})


def _update(data: dict[str, Any]) -> Update:
    return Update.de_json({"update_id": 1, **data}, FakeBot())  # type: ignore[arg-type]


def guard(clock: Clock, burst: int = 3, per_minute: float = 6.0) -> FloodGuard:
    settings = FloodSettings(updates_burst=burst, updates_per_minute=per_minute)
    return FloodGuard(settings, STAFF_GROUP, clock)


async def passes(flood_guard: FloodGuard, update: Update) -> bool:
    try:
        await flood_guard(update, Context())  # type: ignore[arg-type]
    except ApplicationHandlerStop:
        return False
    return True


def calls(update: Update) -> list[tuple[str, Any]]:
    bot = update.get_bot()
    assert isinstance(bot, FakeBot)
    return bot.calls


async def test_a_chat_gets_its_burst_then_one_update_per_interval() -> None:
    clock = Clock()
    flood_guard = guard(clock)
    assert [await passes(flood_guard, message(ALICE, ALICE)) for _ in range(5)] == [
        True, True, True, False, False]
    clock.now += 9.9
    assert not await passes(flood_guard, message(ALICE, ALICE))
    clock.now += 0.1
    assert await passes(flood_guard, message(ALICE, ALICE))


async def test_button_presses_spend_the_same_budget_as_messages() -> None:
    flood_guard = guard(Clock())
    for _ in range(3):
        assert await passes(flood_guard, press(ALICE, ALICE))
    assert not await passes(flood_guard, message(ALICE, ALICE))


async def test_one_chats_flood_leaves_other_chats_their_budget() -> None:
    flood_guard = guard(Clock())
    for _ in range(10):
        await passes(flood_guard, message(ALICE, ALICE))
    assert await passes(flood_guard, message(PUTU, PUTU))


async def test_in_the_staff_group_each_member_has_a_budget_of_their_own() -> None:
    flood_guard = guard(Clock())
    for _ in range(10):
        await passes(flood_guard, message(STAFF_GROUP, KADEK, "supergroup"))
    assert await passes(flood_guard, message(STAFF_GROUP, PUTU, "supergroup"))
    assert not await passes(flood_guard, message(STAFF_GROUP, KADEK, "supergroup"))


async def test_other_groups_share_one_budget_among_their_members() -> None:
    flood_guard = guard(Clock())
    for _ in range(3):
        assert await passes(flood_guard, message(OTHER_GROUP, KADEK, "group"))
    assert not await passes(flood_guard, message(OTHER_GROUP, PUTU, "group"))


async def test_a_private_chat_is_told_once_a_minute() -> None:
    clock = Clock()
    flood_guard = guard(clock, burst=1, per_minute=600.0)
    await passes(flood_guard, message(ALICE, ALICE))
    told = [message(ALICE, ALICE) for _ in range(3)]
    for update in told:
        assert not await passes(flood_guard, update)
    assert [calls(update) for update in told] == [
        [("message", (ALICE, SLOW_DOWN))], [], []]
    clock.now += NOTICE_SECONDS
    assert await passes(flood_guard, message(ALICE, ALICE))
    again = message(ALICE, ALICE)
    assert not await passes(flood_guard, again)
    assert calls(again) == [("message", (ALICE, SLOW_DOWN))]


async def test_a_dropped_press_is_answered_and_a_group_is_not_messaged() -> None:
    flood_guard = guard(Clock(), burst=1)
    await passes(flood_guard, message(OTHER_GROUP, KADEK, "group"))
    in_group, pressed = message(OTHER_GROUP, KADEK, "group"), press(ALICE, ALICE)
    await passes(flood_guard, press(ALICE, ALICE))
    assert not await passes(flood_guard, in_group)
    assert not await passes(flood_guard, pressed)
    assert calls(in_group) == []
    assert calls(pressed) == [("answer", SLOW_DOWN)]


async def test_membership_changes_are_never_dropped() -> None:
    flood_guard = guard(Clock(), burst=1)
    change = _update({"my_chat_member": {
        "chat": {"id": OTHER_GROUP, "type": "group"}, "date": 0,
        "from": {"id": KADEK, "is_bot": False, "first_name": "K"},
        "old_chat_member": {"status": "left", "user": {"id": 1, "is_bot": True,
                                                       "first_name": "B"}},
        "new_chat_member": {"status": "member", "user": {"id": 1, "is_bot": True,
                                                         "first_name": "B"}}}})
    for _ in range(5):
        assert await passes(flood_guard, change)


async def test_the_task_handling_an_update_is_marked_as_answering() -> None:
    flood_guard = guard(Clock())
    assert not answering()
    await passes(flood_guard, message(ALICE, ALICE))
    assert answering()


@pytest.mark.parametrize("per_minute", [0, -1])
def test_a_budget_needs_a_positive_rate(per_minute: float) -> None:
    with pytest.raises(ValueError, match="greater than 0"):
        FloodSettings(updates_per_minute=per_minute)
