"""When will it be done: the card's estimate from the office's record, and the queue place."""

from __future__ import annotations

from bot.handlers.context import BotApplication
from sandbox import Person
from tests.conftest import FakeClock
from tests.e2e.applicant_steps import LANGUAGES, ask, speak, store_of
from tests.storage.test_estimates import day, seeded, walk

ESTIMATE = {
    # Received: median 2, p80 3 (one day in), document check 2 to 3, then service days 5, 10, 2.
    "id": ["⏱ Biasanya selesai 20\u201322 hari kerja lagi, sekitar 11\u201315 Des 2026",
           "👥 Ke-3 dari 4 permohonan di tahap ini"],
    "en": ["⏱ Usually done in 20\u201322 more working days, around 11\u201315 Dec 2026",
           "👥 Number 3 of 4 applications at this stage"],
}


@LANGUAGES
async def test_the_card_tells_when_it_is_usually_done_and_its_place_in_the_queue(
        bot_with_clock: BotApplication, clock: FakeClock, alice: Person, lang: str) -> None:
    store = store_of(bot_with_clock)
    await seeded(store, clock)
    received = [await walk(store, clock, day(11, 12).replace(hour=hour))
                for hour in (9, 10, 11, 12)]
    clock.now = day(11, 13)
    await speak(alice, lang)
    card = await ask(alice, received[2].number)
    summary = (card.text or "").split("\n\n")[1].splitlines()
    assert summary[-2:] == ESTIMATE[lang]


NOTICE = {
    "id": "⏱ Biasanya selesai 19\u201320 hari kerja lagi, sekitar 10\u201311 Des 2026",
    "en": "⏱ Usually done in 19\u201320 more working days, around 10\u201311 Dec 2026",
}


@LANGUAGES
async def test_the_notice_after_a_move_repeats_the_new_estimate(
        bot_with_clock: BotApplication, clock: FakeClock, alice: Person, admin: Person,
        lang: str) -> None:
    store = store_of(bot_with_clock)
    await seeded(store, clock)
    application = await walk(store, clock, day(11, 12))
    await store.followers.follow(application, alice.id, 20)
    clock.now = day(11, 13)
    await speak(alice, lang)
    await ask(admin, f"/advance {application.number}")
    # Document check from today: median 2, p80 3; then 5, 10 and 2 service days.
    notice = await alice.next_message()
    assert (notice.text or "").splitlines()[-1] == NOTICE[lang]
