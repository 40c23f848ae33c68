"""Lock-outs hold against the chat that guessed, hold under a burst, and tell nothing.

A chat throttled for unknown numbers keeps what it follows; a chat that sends too many wrong
access codes is refused on its own, and the owner's receipt still works.
"""

from __future__ import annotations

from datetime import timedelta

from bot.handlers.context import BotApplication
from sandbox import Person, Sandbox
from tests.conftest import FakeClock
from tests.e2e.applicant_steps import (
    LANGUAGES,
    NUMBER,
    ask,
    followed_text,
    follows,
    fresh_card,
    register,
    speak,
    store_of,
)
from tests.e2e.test_applicant_bad_input import UNKNOWN, code_locked, code_wrong, not_found

LOOKUP_LIMIT = 10  # [applicants] unknown_lookup_limit in config.example.toml
BURST = 60


def throttled(lang: str, minutes: int = 10) -> str:
    """The answer to a chat throttled for unknown numbers."""
    unit = {"id": "menit", "en": "minute" if minutes == 1 else "minutes"}[lang]
    return {"id": f"Anda sudah mencoba banyak nomor yang tidak terdaftar. Silakan tunggu "
                  f"{minutes} {unit}, atau pindai kode QR pada tanda terima Anda.",
            "en": f"You have tried many numbers that do not exist. Please wait {minutes} {unit}, "
                  "or scan the QR code on your receipt."}[lang]


def follow_paused(lang: str, hours: int) -> str:
    """The answer to a chat past its daily budget of wrong access codes."""
    unit = {"id": "jam", "en": "hour" if hours == 1 else "hours"}[lang]
    return {"id": f"Terlalu banyak kode akses salah dari obrolan ini. Silakan coba lagi dalam "
                  f"{hours} {unit}, atau hubungi kantor. Permohonan yang sudah Anda ikuti tidak "
                  "terpengaruh.",
            "en": f"Too many wrong access codes from this chat. Please try again in {hours} "
                  f"{unit}, or ask the office. What you already follow is not affected."}[lang]


async def get_throttled(person: Person) -> None:
    """Look up unknown numbers until the chat is throttled."""
    for sequence in range(900, 900 + LOOKUP_LIMIT):
        await ask(person, f"JBR-2026-000{sequence}")


async def test_a_burst_of_unknown_numbers_gets_no_more_not_found_than_the_limit(
        bot_with_clock: BotApplication, sandbox: Sandbox, alice: Person) -> None:
    numbers = [f"JBR-2026-{800000 + n}" for n in range(BURST)]
    for number in numbers:  # all at once: the bot handles them concurrently
        await alice.send(number)
    await sandbox.wait_for(lambda: len(alice.messages) >= BURST, what="an answer to each")

    answers = [message.text for message in alice.messages]
    assert len(answers) == BURST
    found_nothing = [text for text in answers if text != throttled("id")]
    assert len(found_nothing) == LOOKUP_LIMIT
    assert set(found_nothing) <= {not_found("id", number) for number in numbers}


@LANGUAGES
async def test_a_throttled_chat_can_still_unfollow_and_use_its_buttons(
        bot_with_clock: BotApplication, alice: Person, lang: str) -> None:
    await register(bot_with_clock, code="482913")
    await speak(alice, lang)
    assert (await ask(alice, f"/follow {NUMBER} 482913")).text == followed_text(lang)
    await get_throttled(alice)

    card = await ask(alice, NUMBER)
    assert card.text == fresh_card(lang, follower=True)
    await alice.press({"id": "Perbarui", "en": "Refresh"}[lang])
    await alice.press({"id": "Berhenti ikuti", "en": "Unfollow"}[lang])
    edited = await alice.next_message()
    assert (edited.message_id, edited.text) == (card.message_id,
                                                fresh_card(lang, follower=False))
    assert not await follows(bot_with_clock, alice)

    assert (await ask(alice, f"/follow {NUMBER} 482913")).text == followed_text(lang)
    assert (await ask(alice, f"/unfollow {NUMBER}")).text == {
        "id": f"Anda berhenti mengikuti {NUMBER}.", "en": f"You no longer follow {NUMBER}."}[lang]
    assert not await follows(bot_with_clock, alice)
    # What it does not follow, it learns nothing about.
    assert (await ask(alice, f"/unfollow {NUMBER}")).text == throttled(lang)
    assert (await ask(alice, NUMBER)).text == throttled(lang)


@LANGUAGES
async def test_a_throttled_chat_locked_out_of_a_real_number_hears_what_an_unknown_one_gets(
        bot_with_clock: BotApplication, alice: Person, lang: str) -> None:
    await register(bot_with_clock, code="482913")
    await speak(alice, lang)
    for n in range(1, 6):  # locked out of NUMBER
        await ask(alice, f"/follow {NUMBER} 00000{n}")
    await get_throttled(alice)

    for sent in (f"/follow {NUMBER} 482913", f"/follow {UNKNOWN} 482913",
                 f"/follow {NUMBER} 111111", f"/follow {UNKNOWN} 111111",
                 f"/start {NUMBER}_482913", f"/start {UNKNOWN}_482913",
                 NUMBER, UNKNOWN, f"/unfollow {NUMBER}", f"/unfollow {UNKNOWN}"):
        assert (await ask(alice, sent)).text == throttled(lang), sent
    assert not await follows(bot_with_clock, alice)


@LANGUAGES
async def test_a_chat_past_its_daily_budget_of_wrong_codes_is_paused_and_only_it(
        bot_with_clock: BotApplication, clock: FakeClock, sandbox: Sandbox, alice: Person,
        lang: str) -> None:
    numbers = [(await register(bot_with_clock, f"Nama {n}", code=f"48291{n}"))[0].number
               for n in range(5)]
    await speak(alice, lang)
    answers = [(await ask(alice, f"/follow {number} 11111{n}")).text
               for number in numbers[:4] for n in range(5)]
    # 5 a number, 20 a day: tries left is the smaller of the two.
    assert answers[:5] == [*(code_wrong(lang, t, numbers[0]) for t in (4, 3, 2, 1)),
                           code_locked(lang, 60)]
    assert answers[15:] == [*(code_wrong(lang, t, numbers[3]) for t in (4, 3, 2, 1)),
                            follow_paused(lang, 24)]
    for sent in (f"/follow {numbers[4]} 482914", f"/start {numbers[4]}_482914",
                 f"/follow {UNKNOWN} 482914"):
        assert (await ask(alice, sent)).text == follow_paused(lang, 24), sent
    bob = sandbox.add_user("Bob")
    assert (await ask(bob, f"/follow {numbers[4]} 482914")).text == followed_text(
        "id", numbers[4])
    clock.advance(hours=23, minutes=30)
    assert (await ask(alice, f"/follow {numbers[4]} 482914")).text == follow_paused(lang, 1)
    clock.advance(minutes=31)
    assert (await ask(alice, f"/follow {numbers[4]} 482914")).text == followed_text(
        lang, numbers[4])


async def test_a_burst_of_wrong_codes_over_many_numbers_stops_at_the_chats_budget(
        bot_with_clock: BotApplication, sandbox: Sandbox, alice: Person) -> None:
    store = store_of(bot_with_clock)
    numbers = [(await register(bot_with_clock, f"Nama {n}", code="482913"))[0].number
               for n in range(40)]
    for attempt in range(200):  # 5 guesses at each of 40 numbers, all at once
        await alice.send(f"/follow {numbers[attempt % 40]} {100000 + attempt}")
    await sandbox.wait_for(lambda: len(alice.messages) >= 200, what="an answer to each")

    answers = [message.text for message in alice.messages]
    assert len(answers) == 200
    budget = 20  # [applicants] chat_wrong_code_limit
    # The twentieth wrong code is answered with the pause it causes; the rest never reach a
    # code check at all.
    assert answers.count(follow_paused("id", 24)) == 200 - budget + 1
    assert (await store.attempts.recent_by_chat("wrong_code", alice.id,
                                                timedelta(days=1)))[0] == budget
    bob = sandbox.add_user("Bob")
    assert (await ask(bob, f"/follow {numbers[0]} 482913")).text == followed_text(
        "id", numbers[0])
