"""The send limiter: budgets per chat, answers that never wait long, 429s kept to their chat."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest
from telegram.error import RetryAfter

from bot.runtime.send_limiter import ReplyDropped, SendLimiter, answering, mark_answering

GROUP, OTHER_GROUP, PRIVATE = -100_123, -100_456, 5_000_000_001


class Telegram:
    """A fake Bot API call: records when each send went out, answers 429 when told to."""

    def __init__(self, limiter: SendLimiter) -> None:
        self.limiter = limiter
        self.now = 0.0
        self.sent: list[tuple[float, str, int]] = []
        self.refuse: dict[int, int] = {}  # chat -> retry_after for its next send
        limiter.clock = lambda: self.now
        limiter.sleep = self.sleep

    async def sleep(self, seconds: float) -> None:
        self.now += seconds

    async def call(self, endpoint: str, chat_id: int | str | None) -> Any:
        data = {} if chat_id is None else {"chat_id": chat_id}

        async def callback() -> dict[str, Any]:
            retry_after = self.refuse.pop(chat_id, None) if isinstance(chat_id, int) else None
            if retry_after is not None:
                raise RetryAfter(timedelta(seconds=retry_after))
            self.sent.append((self.now, endpoint, chat_id if isinstance(chat_id, int) else 0))
            return {"ok": True}

        return await self.limiter.process_request(callback, (), {}, endpoint, data, None)

    async def answer(self, endpoint: str, chat_id: int | str) -> Any:
        """The same call, made while handling an update."""

        async def handling() -> Any:
            mark_answering()
            return await self.call(endpoint, chat_id)

        return await asyncio.create_task(handling())


@pytest.fixture
def telegram() -> Telegram:
    return Telegram(SendLimiter(max_wait=3.0))


async def test_a_group_gets_twenty_at_once_then_one_every_three_seconds(
        telegram: Telegram) -> None:
    for _ in range(22):
        await telegram.call("sendMessage", GROUP)
    times = [at for at, _, _ in telegram.sent]
    assert times[:20] == [0.0] * 20
    assert times[20:] == pytest.approx([3.05, 6.05])


async def test_an_answer_that_would_wait_too_long_is_dropped(telegram: Telegram) -> None:
    for _ in range(20):
        await telegram.answer("sendMessage", GROUP)
    telegram.limiter.max_wait = 2.0
    with pytest.raises(ReplyDropped):
        await telegram.answer("editMessageText", GROUP)  # its slot is 3 s away
    assert (len(telegram.sent), telegram.now) == (20, 0.0)
    telegram.limiter.max_wait = 3.0
    await telegram.answer("sendMessage", GROUP)
    assert telegram.sent[-1][0] == pytest.approx(3.05)


async def test_a_busy_group_holds_up_no_other_chat(telegram: Telegram) -> None:
    for _ in range(20):
        await telegram.answer("sendMessage", GROUP)
    telegram.limiter.max_wait = 0.0
    with pytest.raises(ReplyDropped):
        await telegram.answer("sendMessage", GROUP)
    await telegram.answer("sendMessage", OTHER_GROUP)
    await telegram.answer("sendMessage", PRIVATE)
    assert telegram.sent[-2:] == [(0.0, "sendMessage", OTHER_GROUP),
                                  (0.0, "sendMessage", PRIVATE)]


async def test_private_chats_are_not_paced_ahead(telegram: Telegram) -> None:
    for _ in range(10):
        await telegram.answer("sendMessage", PRIVATE)
    assert [at for at, _, _ in telegram.sent] == [0.0] * 10


async def test_a_429_pauses_only_its_chat_and_the_send_is_retried(telegram: Telegram) -> None:
    telegram.refuse[PRIVATE] = 2
    await telegram.answer("sendMessage", PRIVATE)
    await telegram.answer("sendMessage", GROUP)
    assert [chat for _, _, chat in telegram.sent] == [PRIVATE, GROUP]
    assert [at for at, _, _ in telegram.sent] == pytest.approx([2.05, 2.05])
    # Until it calms down the chat gets one message a second.
    await telegram.answer("sendMessage", PRIVATE)
    assert telegram.sent[-1][0] == pytest.approx(3.05)


async def test_an_answer_is_dropped_when_the_429_asks_for_longer_than_it_may_wait(
        telegram: Telegram) -> None:
    telegram.refuse[PRIVATE] = 30
    with pytest.raises(ReplyDropped):
        await telegram.answer("sendMessage", PRIVATE)
    assert telegram.sent == []
    assert telegram.limiter.wait(PRIVATE) == 30.0
    assert telegram.limiter.wait(GROUP) == 0.0


async def test_a_second_429_reaches_the_caller(telegram: Telegram) -> None:
    async def callback() -> bool:
        raise RetryAfter(timedelta(seconds=1))

    with pytest.raises(RetryAfter):
        await telegram.limiter.process_request(callback, (), {}, "sendMessage",
                                               {"chat_id": GROUP}, None)


async def test_background_sends_wait_as_long_as_the_budget_needs(telegram: Telegram) -> None:
    # The dispatcher and scheduled notices hold no update slot: they wait, they are not dropped.
    for _ in range(25):
        await telegram.call("sendMessage", GROUP)
    assert len(telegram.sent) == 25
    assert telegram.now == pytest.approx(15.05)


async def test_calls_that_post_nothing_pass_straight_through(telegram: Telegram) -> None:
    telegram.limiter.max_wait = 0.0
    for _ in range(20):
        await telegram.answer("sendMessage", GROUP)
    for endpoint, chat in (("answerCallbackQuery", None), ("getChat", GROUP),
                           ("sendChatAction", GROUP), ("getMe", None)):
        await telegram.call(endpoint, chat)
    assert [endpoint for _, endpoint, _ in telegram.sent[20:]] == [
        "answerCallbackQuery", "getChat", "sendChatAction", "getMe"]


async def test_a_public_group_named_by_username_has_a_budget_of_its_own(
        telegram: Telegram) -> None:
    telegram.limiter.max_wait = 0.0
    for _ in range(20):
        await telegram.answer("sendMessage", "@kantor_publik")
    with pytest.raises(ReplyDropped):
        await telegram.answer("sendMessage", "@kantor_publik")
    await telegram.answer("sendMessage", GROUP)


async def test_a_chat_id_given_as_text_shares_the_chats_budget(telegram: Telegram) -> None:
    telegram.limiter.max_wait = 0.0
    for _ in range(20):
        await telegram.answer("sendMessage", str(GROUP))
    with pytest.raises(ReplyDropped):
        await telegram.answer("sendMessage", GROUP)


async def test_only_the_task_handling_the_update_counts_as_answering() -> None:
    seen: dict[str, bool] = {}

    async def spawned() -> None:
        seen["spawned"] = answering()

    async def handling() -> None:
        seen["before"] = answering()
        mark_answering()
        seen["handler"] = answering()
        # A job or task started from here copies the context but holds no update slot.
        await asyncio.create_task(spawned())

    await asyncio.create_task(handling())
    assert seen == {"before": False, "handler": True, "spawned": False}
    assert not answering()
