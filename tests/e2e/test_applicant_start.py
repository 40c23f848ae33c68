"""An applicant's first contact: /start, language choice, /help, and the receipt's deep link."""

from __future__ import annotations

from bot.handlers.context import BotApplication
from bot.tracking import deep_link_payload
from sandbox import Person
from tests.e2e.applicant_steps import (
    EXAMPLE,
    LANGUAGE_SET,
    LANGUAGES,
    NUMBER,
    OPENING_HOURS,
    OPENING_HOURS_EN,
    ask,
    card_buttons,
    followed_text,
    follows,
    fresh_card,
    quiet,
    register,
    speak,
    store_of,
)

GREETING = {
    "id": "Selamat datang di E-Tracking DPMPTSP Kabupaten Jembrana: pantau permohonan izin "
          f"Anda.\n🔎 Cek status: kirim nomor pendaftaran, mis. {EXAMPLE}\n"
          f"🔔 Ikuti: pindai QR di tanda terima, atau /follow {EXAMPLE} KODE",
    "en": "Welcome to E-Tracking of DPMPTSP Kabupaten Jembrana: follow your permit application."
          f"\n🔎 Check status: send your registration number, e.g. {EXAMPLE}\n"
          f"🔔 Follow: scan the QR code on your receipt, or /follow {EXAMPLE} CODE",
}
LANGUAGE_BUTTONS = [[("🇮🇩 Bahasa Indonesia", "lang:id"), ("🇬🇧 English", "lang:en")]]
HELP = {
    "id": "\n".join([
        "Perintah",
        f"/status {EXAMPLE} — cek status (atau kirim nomornya saja)",
        f"/follow {EXAMPLE} 123456 — ikuti dengan kode akses dari tanda terima",
        f"/unfollow {EXAMPLE} — berhenti mengikuti",
        "/mine — permohonan yang Anda ikuti",
        "/language en — ganti bahasa (id/en)",
        f"/ask {EXAMPLE} pertanyaan — tanya petugas tentang permohonan yang Anda ikuti",
        "/forgetme — hapus data obrolan Anda dari bot",
        "/myid — ID Telegram Anda (untuk petugas baru)",
        "/help — pesan ini",
        "",
        "Kantor: DPMPTSP Kabupaten Jembrana",
        f"Telp. (0365) 41210 · {OPENING_HOURS}",
    ]),
    "en": "\n".join([
        "Commands",
        f"/status {EXAMPLE} — check the status (or just send the number)",
        f"/follow {EXAMPLE} 123456 — follow with the access code on your receipt",
        f"/unfollow {EXAMPLE} — stop following",
        "/mine — applications you follow",
        "/language id — change language (id/en)",
        f"/ask {EXAMPLE} question — ask the office about an application you follow",
        "/forgetme — delete this chat's data from the bot",
        "/myid — your Telegram user id (for new office staff)",
        "/help — this message",
        "",
        "Office: DPMPTSP Kabupaten Jembrana",
        f"Phone (0365) 41210 · {OPENING_HOURS_EN}",
    ]),
}
BAD_LINK = {
    "id": "Tautan ini tidak valid atau kodenya sudah diganti. Kirim nomor pendaftaran untuk "
          "cek status, atau minta tanda terima baru di loket.",
    "en": "This link is not valid or its code was replaced. Send your registration number to "
          "check the status, or ask the counter for a new receipt.",
}
ALREADY = {"id": f"Anda sudah mengikuti {NUMBER}.", "en": f"You already follow {NUMBER}."}


async def test_start_greets_in_indonesian_by_default(bot_with_clock: BotApplication,
                                                     alice: Person) -> None:
    greeting = await ask(alice, "/start")
    assert greeting.text == GREETING["id"]
    assert greeting.buttons == LANGUAGE_BUTTONS


@LANGUAGES
async def test_start_greets_in_three_lines_with_language_buttons(
        bot_with_clock: BotApplication, alice: Person, lang: str) -> None:
    await speak(alice, lang)
    greeting = await ask(alice, "/start")
    assert greeting.text == GREETING[lang]
    assert greeting.text is not None
    assert len(greeting.text.splitlines()) == 3
    assert greeting.buttons == LANGUAGE_BUTTONS


@LANGUAGES
async def test_language_button_switches_and_is_remembered(
        bot_with_clock: BotApplication, alice: Person, lang: str) -> None:
    other = "en" if lang == "id" else "id"
    await speak(alice, other)
    await ask(alice, "/start")
    await alice.next_message()  # the menu
    answer = await alice.press("English" if lang == "en" else "Bahasa Indonesia")
    assert answer.text == LANGUAGE_SET[lang]
    assert (await alice.next_message()).text == LANGUAGE_SET[lang]
    assert (await store_of(bot_with_clock).followers.chat(alice.id)).language == lang
    assert (await ask(alice, "/help")).text == HELP[lang]
    assert (await ask(alice, "/start")).text == GREETING[lang]


@LANGUAGES
async def test_language_command_switches_and_is_remembered(
        bot_with_clock: BotApplication, alice: Person, lang: str) -> None:
    await speak(alice, lang)
    assert (await store_of(bot_with_clock).followers.chat(alice.id)).language == lang
    assert (await ask(alice, "/help")).text == HELP[lang]


async def test_language_without_argument_offers_the_buttons(bot_with_clock: BotApplication,
                                                            alice: Person) -> None:
    prompt = await ask(alice, "/language")
    assert prompt.text == "Pilih bahasa / Choose a language:"
    assert prompt.buttons == LANGUAGE_BUTTONS


@LANGUAGES
async def test_help_lists_every_command_in_the_menu(bot_with_clock: BotApplication,
                                                   alice: Person, lang: str) -> None:
    await speak(alice, lang)
    help_text = (await ask(alice, "/help")).text
    assert help_text == HELP[lang]
    commands = [command for command, _ in alice.menu()]
    assert commands, "the bot published no command menu"
    assert [c for c in commands if f"/{c} " not in help_text] == []


@LANGUAGES
async def test_start_payload_from_the_receipt_follows_in_one_tap(
        bot_with_clock: BotApplication, alice: Person, lang: str) -> None:
    application, code = await register(bot_with_clock)
    await speak(alice, lang)
    await alice.send(f"/start {deep_link_payload(application, code)}")
    assert (await alice.next_message()).text == followed_text(lang)
    card = await alice.next_message()
    assert card.text == fresh_card(lang, follower=True)
    assert card.buttons == card_buttons(lang, follower=True)
    assert await follows(bot_with_clock, alice)


@LANGUAGES
async def test_start_payload_twice_says_already_following(
        bot_with_clock: BotApplication, alice: Person, lang: str) -> None:
    application, code = await register(bot_with_clock)
    await speak(alice, lang)
    payload = deep_link_payload(application, code)
    await alice.send(f"/start {payload}")
    await alice.next_message()
    await alice.next_message()
    await alice.send(f"/start {payload}")
    assert (await alice.next_message()).text == ALREADY[lang]
    assert (await alice.next_message()).text == fresh_card(lang, follower=True)
    assert await store_of(bot_with_clock).followers.count(application.id) == 1


@LANGUAGES
async def test_bad_start_payload_is_refused(bot_with_clock: BotApplication, alice: Person,
                                            lang: str) -> None:
    await register(bot_with_clock)
    await speak(alice, lang)
    for payload in ("hello", f"{NUMBER}_", f"{NUMBER}_abcdef", "_123456", f"{NUMBER}-123456"):
        assert (await ask(alice, f"/start {payload}")).text == BAD_LINK[lang], payload
        assert await store_of(bot_with_clock).followers.followed_by(alice.id) == []


@LANGUAGES
async def test_old_code_after_receipt_reset_is_refused(
        bot_with_clock: BotApplication, alice: Person, admin: Person, lang: str) -> None:
    _, old_code = await register(bot_with_clock, code="111111")
    new_code = (await store_of(bot_with_clock).receipts.replace(
        NUMBER, staff_id=admin.id)).access_code
    await speak(alice, lang)
    assert (await ask(alice, f"/start {NUMBER}_{old_code}")).text == BAD_LINK[lang]
    assert not await follows(bot_with_clock, alice)
    quiet(alice)
    assert (await ask(alice, f"/start {NUMBER}_{new_code}")).text == followed_text(lang)
    assert (await alice.next_message()).text == fresh_card(lang, follower=True)
