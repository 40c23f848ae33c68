"""Applicant use cases: the guards around access codes and unknown numbers.

Every guard holds against the chat that failed: one chat only ever locks itself out.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.tracking import (
    UNKNOWN_LOOKUP,
    WRONG_CODE,
    AccessCodeLocked,
    FollowPaused,
    Tracking,
    WrongAccessCode,
)
from office.settings import Settings
from storage.errors import ApplicationNotFound, Throttled
from storage.models import Application
from storage.store import Store
from tests.conftest import FakeClock

OWNER, STRANGER = 100, 666
UNKNOWN = "JBR-2026-000999"
HOUR = timedelta(hours=1)


def wrong_for(code: str, n: int = 1) -> str:
    """A six-digit code that is not `code`."""
    return f"{(int(code) + n) % 1_000_000:06d}"


async def registered(store: Store, name: str = "Ni Made Ayu") -> tuple[Application, str]:
    return await store.applications.create("SIP", name, staff_id=1)


async def outcome(call: object) -> object:
    try:
        return await call  # type: ignore[misc]
    except Exception as error:
        return error


async def test_a_burst_of_wrong_codes_from_one_chat_gets_no_more_guesses_than_the_limit(
        store: Store, settings: Settings) -> None:
    application, code = await registered(store)
    tracking = Tracking(store, settings)

    outcomes = await asyncio.gather(*(tracking.follow(STRANGER, application.number,
                                                      wrong_for(code, n)) for n in range(1, 9)),
                                    return_exceptions=True)

    left = sorted(o.tries_left for o in outcomes if isinstance(o, WrongAccessCode))
    assert left == [1, 2, 3, 4]
    assert sum(isinstance(o, AccessCodeLocked) for o in outcomes) == 4
    # Only five codes were checked and counted: the lock-out came before any more guesses.
    assert (await store.attempts.recent(WRONG_CODE, application.number,
                                        HOUR))[0] == 5


async def test_wrong_codes_from_many_chats_never_lock_out_the_owner(
        store: Store, settings: Settings) -> None:
    application, code = await registered(store)
    tracking = Tracking(store, settings)
    for chat in range(1000, 1012):  # 60 wrong codes, above the office-wide alert too
        for n in range(1, 6):
            await outcome(tracking.follow(chat, application.number, wrong_for(code, n)))
    assert isinstance(await outcome(tracking.follow(1000, application.number, code)),
                      AccessCodeLocked)

    assert await tracking.follow(OWNER, application.number, code) == (application, True)
    assert await tracking.follow_link(OWNER + 1, f"{application.number}_{code}") == (
        application, True)


async def test_a_chat_over_its_daily_budget_is_refused_everywhere_and_only_it(
        store: Store, settings: Settings, clock: FakeClock) -> None:
    applications = [await registered(store, f"Nama {n}") for n in range(5)]
    tracking = Tracking(store, settings)
    answers = [await outcome(tracking.follow(STRANGER, application.number, wrong_for(code, n)))
               for application, code in applications[:4] for n in range(1, 6)]
    # 4 applications, 5 codes each = 20, the chat's budget for the day.
    assert [a.tries_left for a in answers[:4] if isinstance(a, WrongAccessCode)] == [4, 3, 2, 1]
    assert isinstance(answers[4], AccessCodeLocked)
    assert [a.tries_left for a in answers[15:19] if isinstance(a, WrongAccessCode)] == [
        4, 3, 2, 1]
    assert isinstance(answers[19], FollowPaused)
    assert answers[19].minutes_left == 24 * 60

    fifth, code = applications[4]
    refused = await outcome(tracking.follow(STRANGER, fifth.number, code))
    assert isinstance(refused, FollowPaused)
    assert isinstance(await outcome(tracking.follow(STRANGER, UNKNOWN, "123456")), FollowPaused)
    assert await tracking.follow(OWNER, fifth.number, code) == (fifth, True)
    clock.advance(hours=24, seconds=1)
    assert await tracking.follow(STRANGER, fifth.number, code) == (fifth, True)


async def test_tries_left_is_the_smaller_of_the_two_budgets(
        store: Store, settings: Settings) -> None:
    applications = [await registered(store, f"Nama {n}") for n in range(5)]
    tracking = Tracking(store, settings)
    for application, code in applications[:3]:
        for n in range(1, 6):
            await outcome(tracking.follow(STRANGER, application.number, wrong_for(code, n)))
    application, code = applications[3]
    answers = [await outcome(tracking.follow(STRANGER, application.number, wrong_for(code, n)))
               for n in (1, 2)]
    # 15 used of 20: a fresh application would allow 4 more, the day allows 4 then 3.
    assert [a.tries_left for a in answers if isinstance(a, WrongAccessCode)] == [4, 3]


async def test_unlock_clears_every_chats_lock_on_that_application_only(
        store: Store, settings: Settings) -> None:
    (first, first_code), (second, second_code) = (await registered(store, "A"),
                                                  await registered(store, "B"))
    tracking = Tracking(store, settings)
    for chat in (STRANGER, OWNER):
        for n in range(1, 6):
            await outcome(tracking.follow(chat, first.number, wrong_for(first_code, n)))
    for n in range(1, 6):
        await outcome(tracking.follow(STRANGER, second.number, wrong_for(second_code, n)))

    application, cleared = await store.receipts.unlock(first.number.lower(), staff_id=1)

    assert (application, cleared.attempts, cleared.chats) == (first, 10, 2)
    assert await tracking.follow(OWNER, first.number, first_code) == (first, True)
    assert await tracking.follow(STRANGER, first.number, first_code) == (first, True)
    assert isinstance(await outcome(tracking.follow(STRANGER, second.number, second_code)),
                      AccessCodeLocked)
    audit = await store.audit.for_application(first.id)
    assert [(entry.action, entry.arguments) for entry in audit][-1] == (
        "unlock", '{"attempts": 10, "chats": 2}')


async def test_a_new_receipt_lifts_the_lock_outs_on_its_application(
        store: Store, settings: Settings) -> None:
    application, code = await registered(store)
    tracking = Tracking(store, settings)
    for n in range(1, 6):
        await outcome(tracking.follow(OWNER, application.number, wrong_for(code, n)))
    new = await store.receipts.replace(application.number, staff_id=1)
    assert await tracking.follow(OWNER, application.number, new.access_code) == (
        application, True)


async def test_a_burst_of_unknown_numbers_gets_no_more_not_found_than_the_limit(
        store: Store, settings: Settings) -> None:
    tracking = Tracking(store, settings)
    outcomes = await asyncio.gather(*(tracking.status(STRANGER, f"JBR-2026-{900000 + n}")
                                      for n in range(60)), return_exceptions=True)
    limit = settings.applicants.unknown_lookup_limit
    assert sum(isinstance(o, ApplicationNotFound) for o in outcomes) == limit
    assert sum(type(o) is Throttled for o in outcomes) == 60 - limit


async def throttle(tracking: Tracking, settings: Settings, chat: int = STRANGER) -> None:
    for n in range(settings.applicants.unknown_lookup_limit):
        await outcome(tracking.status(chat, f"JBR-2026-{900000 + n}"))


async def test_a_throttled_chat_still_unfollows_and_sees_what_it_follows(
        store: Store, settings: Settings) -> None:
    application, code = await registered(store)
    tracking = Tracking(store, settings)
    await tracking.follow(STRANGER, application.number, code)
    await throttle(tracking, settings)

    assert (await tracking.status(STRANGER, application.number)).is_follower
    assert await tracking.unfollow(STRANGER, application.number) == (application, True)
    assert await store.followers.followed_by(STRANGER) == []
    for call in (tracking.unfollow(STRANGER, application.number),
                 tracking.status(STRANGER, application.number)):
        assert type(await outcome(call)) is Throttled


@pytest.mark.parametrize("ask", ["status", "unfollow", "follow wrong", "follow locked"])
async def test_a_throttled_chat_gets_the_same_answer_for_real_and_unknown_numbers(
        store: Store, settings: Settings, ask: str) -> None:
    application, code = await registered(store)
    tracking = Tracking(store, settings)
    if ask == "follow locked":
        for n in range(1, 6):
            await outcome(tracking.follow(STRANGER, application.number, wrong_for(code, n)))
    await throttle(tracking, settings)

    def call(number: str) -> object:
        if ask == "status":
            return tracking.status(STRANGER, number)
        if ask == "unfollow":
            return tracking.unfollow(STRANGER, number)
        return tracking.follow(STRANGER, number, wrong_for(code))

    real, unknown = await outcome(call(application.number)), await outcome(call(UNKNOWN))
    assert type(real) is type(unknown) is Throttled
    assert isinstance(real, Throttled)
    assert isinstance(unknown, Throttled)
    assert real.minutes_left == unknown.minutes_left
    # The throttle's own count did not move: waiting it out works.
    assert (await store.attempts.recent(UNKNOWN_LOOKUP, str(STRANGER),
                                        HOUR))[0] == (
        settings.applicants.unknown_lookup_limit)


async def test_a_chat_throttled_through_one_instance_is_throttled_on_another(
        store: Store, settings: Settings) -> None:
    # Two instances of the bot on one database, each with its own Tracking.
    here, there = Tracking(store, settings), Tracking(store, settings)
    assert type(await outcome(there.status(STRANGER, UNKNOWN))) is ApplicationNotFound
    await throttle(here, settings)

    assert type(await outcome(there.status(STRANGER, "JBR-2026-000998"))) is Throttled
