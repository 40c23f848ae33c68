"""Applicant use cases: the guards around access codes."""

from __future__ import annotations

import asyncio

from bot.settings import Settings
from bot.tracking import AccessCodeLocked, Tracking
from storage.errors import AccessCodeRejected
from storage.store import Store


async def test_a_burst_of_wrong_codes_gets_no_more_guesses_than_the_limit(
        store: Store, settings: Settings) -> None:
    application, code = await store.applications.create("SIP", "Ni Made Ayu", staff_id=1)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    tracking = Tracking(store, settings)

    outcomes = await asyncio.gather(
        *(tracking.follow(100 + n, application.number, wrong) for n in range(8)),
        return_exceptions=True)

    kinds = sorted(type(outcome).__name__ for outcome in outcomes)
    assert kinds == ["AccessCodeLocked"] * 3 + ["AccessCodeRejected"] * 5
    assert all(isinstance(o, AccessCodeRejected | AccessCodeLocked) for o in outcomes)
    assert await store.followers.count(application.id) == 0
