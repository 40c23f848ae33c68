"""Forgiving input: codes as people type them, numbers nearly right, greetings and thanks."""

from __future__ import annotations

import pytest

from bot.handlers.context import BotApplication
from sandbox import Person
from tests.e2e.applicant_steps import (
    EXAMPLE,
    LANGUAGES,
    NUMBER,
    ask,
    followed_text,
    follows,
    fresh_card,
    quiet,
    register,
    speak,
)
from tests.e2e.test_applicant_menu import assert_menu

ASK_CODE = {"id": f"Kirim kode akses 6 angka dari tanda terima untuk {NUMBER}.",
            "en": f"Send the 6-digit access code from the receipt of {NUMBER}."}
CODE_FORMS = ["783709", "783 709", "78 37 09", "kode saya 783709", "my code is 783-709"]


@pytest.mark.parametrize("typed", CODE_FORMS)
@LANGUAGES
async def test_the_code_after_pressing_follow_is_read_as_people_type_it(
        bot_with_clock: BotApplication, alice: Person, lang: str, typed: str) -> None:
    await register(bot_with_clock, code="783709")
    await speak(alice, lang)
    await ask(alice, NUMBER)
    await alice.press({"id": "Ikuti", "en": "Follow"}[lang])
    assert (await alice.next_message()).text == ASK_CODE[lang]
    assert (await ask(alice, typed)).text == followed_text(lang)
    assert await follows(bot_with_clock, alice)


@LANGUAGES
async def test_follow_without_the_code_asks_for_it(bot_with_clock: BotApplication,
                                                   alice: Person, lang: str) -> None:
    await register(bot_with_clock, code="783709")
    await speak(alice, lang)
    for typed in (f"/follow {NUMBER}", "/follow jbr 2026 1"):
        assert (await ask(alice, typed)).text == ASK_CODE[lang]
        assert not await follows(bot_with_clock, alice)
    assert (await ask(alice, "78 37 09")).text == followed_text(lang)
    assert await follows(bot_with_clock, alice)
    # The command with the code in groups follows too (already following now).
    already = {"id": f"Anda sudah mengikuti {NUMBER}.", "en": f"You already follow {NUMBER}."}
    assert (await ask(alice, f"/follow {NUMBER} 783 709")).text == already[lang]


NO_PREFIX = {
    "id": "Nomor pendaftaran diawali JBR. Maksud Anda {n}? Tekan tombol di bawah untuk "
          "melihatnya.",
    "en": "Registration numbers start with JBR. Did you mean {n}? Press the button below to "
          "see it.",
}
CODE_OR_NUMBER = {
    "id": "Maksud Anda nomor {n}? Tekan tombol di bawah untuk melihatnya. Jika 6 angka itu kode "
          "akses, buka dulu status permohonan lalu tekan 🔔 Ikuti.",
    "en": "Did you mean number {n}? Press the button below to see it. If those 6 digits are "
          "your access code, open the application's status first, then press 🔔 Follow.",
}
WRONG_PREFIX = {
    "id": "Nomor {typed} tidak ditemukan. Nomor di kantor ini diawali JBR: maksud Anda {n}?",
    "en": "Number {typed} was not found. This office's numbers start with JBR: did you mean {n}?",
}
TOO_LONG = {
    "id": f"Nomor urut terdiri dari 6 angka, mis. {EXAMPLE}. Sepertinya ada angka berlebih; "
          "periksa lagi tanda terima Anda.",
    "en": f"The sequence has 6 digits, e.g. {EXAMPLE}. There seems to be a digit too many; "
          "please check your receipt.",
}
YEAR_ALONE = {
    "id": f"Itu baru tahunnya. Kirim nomor pendaftaran lengkap dari tanda terima, mis. {EXAMPLE}.",
    "en": f"That is only the year. Send the full registration number from your receipt, e.g. "
          f"{EXAMPLE}.",
}


@pytest.mark.parametrize(("typed", "hint"), [
    ("2026-000001", NO_PREFIX), ("2026 1", NO_PREFIX), ("000001", CODE_OR_NUMBER),
    ("ABC-2026-000001", WRONG_PREFIX),
])
@LANGUAGES
async def test_a_number_nearly_right_gets_a_button_to_the_number_meant(
        bot_with_clock: BotApplication, alice: Person, lang: str, typed: str,
        hint: dict[str, str]) -> None:
    await register(bot_with_clock)
    await speak(alice, lang)
    answer = await ask(alice, typed)
    assert answer.text == hint[lang].format(n=NUMBER, typed=typed)
    assert answer.buttons == [[(f"📄 {NUMBER}", f"s:o:{NUMBER}")]]
    await alice.press(f"📄 {NUMBER}")
    assert (await alice.next_message()).text == fresh_card(lang, follower=False)
    quiet(alice)


@pytest.mark.parametrize(("typed", "hint"), [
    ("JBR-2026-0000001", TOO_LONG), ("jbr 2026 1234567", TOO_LONG), ("2026", YEAR_ALONE),
])
@LANGUAGES
async def test_a_number_that_cannot_be_guessed_gets_what_is_wrong(
        bot_with_clock: BotApplication, alice: Person, lang: str, typed: str,
        hint: dict[str, str]) -> None:
    await speak(alice, lang)
    answer = await ask(alice, typed)
    assert answer.text == hint[lang]
    assert answer.buttons == []


GREETING = {
    "id": "Halo! 👋 Saya asisten E-Tracking DPMPTSP Kabupaten Jembrana. Pilih menu di bawah, "
          f"atau kirim nomor pendaftaran Anda, mis. {EXAMPLE}.",
    "en": "Hello! 👋 I am the E-Tracking assistant of DPMPTSP Kabupaten Jembrana. Choose from "
          f"the menu below, or send your registration number, e.g. {EXAMPLE}.",
}
THANKS = {
    "id": "Sama-sama! 🙏 Jika perlu lagi, pilih menu di bawah atau kirim nomor pendaftaran Anda.",
    "en": "You are welcome! 🙏 If you need anything else, choose from the menu below or send "
          "your registration number.",
}


@pytest.mark.parametrize(("typed", "answer"), [
    ("halo", GREETING), ("Selamat pagi!", GREETING), ("hello", GREETING),
    ("terima kasih", THANKS), ("Terima kasih banyak, Bu", THANKS), ("thanks", THANKS),
])
@LANGUAGES
async def test_greetings_and_thanks_get_a_friendly_answer_with_the_menu(
        bot_with_clock: BotApplication, alice: Person, lang: str, typed: str,
        answer: dict[str, str]) -> None:
    await speak(alice, lang)
    reply = await ask(alice, typed)
    assert reply.text == answer[lang]
    assert_menu(reply, lang)
