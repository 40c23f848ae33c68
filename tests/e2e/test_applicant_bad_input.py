"""Bad input: each gets a polite reply in the chat's language, and nothing changes."""

from __future__ import annotations

from datetime import timedelta

from bot.handlers.context import BotApplication
from bot.tracking import UNKNOWN_LOOKUP, WRONG_CODE
from sandbox import Person, Sandbox
from tests.conftest import FakeClock
from tests.e2e.applicant_steps import (
    EXAMPLE,
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

UNKNOWN = "JBR-2026-000999"
USAGE = {
    "text": ("Maaf, saya belum mengerti. Kirim nomor pendaftaran, mis. {x}, atau /help untuk "
             "daftar perintah.",
             "Sorry, I did not understand. Send a registration number, e.g. {x}, or /help for "
             "the commands."),
    "status": ("Kirim nomor pendaftaran, mis. /status {x} atau cukup {x}.",
               "Send a registration number, e.g. /status {x} or just {x}."),
    "follow": ("Cara mengikuti: /follow {x} 123456 (nomor pendaftaran dan kode akses 6 angka "
               "dari tanda terima).",
               "To follow: /follow {x} 123456 (registration number and the 6-digit access code "
               "from your receipt)."),
    "unfollow": ("Cara berhenti mengikuti: /unfollow {x}", "To stop following: /unfollow {x}"),
    "language": ("Pilih bahasa: /language id atau /language en.",
                 "Choose a language: /language id or /language en."),
    "command": ("Perintah itu tidak dikenal. /help menampilkan daftar perintah.",
                "I do not know that command. /help lists the commands."),
}


def expected(kind: str, lang: str) -> str:
    """The usage reply of one kind in one language."""
    return USAGE[kind][lang == "en"].format(x=EXAMPLE)


def not_found(lang: str, number: str = UNKNOWN) -> str:
    """The reply to an unknown registration number."""
    if lang == "en":
        return (f"Number {number} was not found. Please check the number on your receipt; it "
                f"looks like {EXAMPLE}.")
    return (f"Nomor {number} tidak ditemukan. Periksa kembali nomor pada tanda terima Anda; "
            f"formatnya seperti {EXAMPLE}.")


async def attempts(bot: BotApplication, kind: str, subject: object) -> int:
    """Failed attempts of one kind counted in the last hour."""
    count, _ = await store_of(bot).attempts.recent(kind, str(subject), timedelta(hours=1))
    return count


async def unchanged(bot: BotApplication, person: Person, lang: str) -> None:
    """The person follows nothing, kept their language, and the application did not move."""
    store = store_of(bot)
    assert await store.followers.followed_by(person.id) == []
    assert (await store.followers.chat(person.id)).language == lang
    assert (await store.applications.get(NUMBER)).version == 1  # as registered


MALFORMED = [
    ("halo, apa kabar?", "text"), ("/status", "status"),
    ("/status halo", "status"), ("/status 2026", "status"), ("/follow", "follow"),
    ("/follow halo 123456", "follow"), (f"/follow {NUMBER} 12345", "follow"),
    (f"/follow {NUMBER} kode", "follow"),
    ("/unfollow", "unfollow"), ("/unfollow halo", "unfollow"), ("/language fr", "language"),
    ("/foo", "command"), ("/statu JBR-2026-000001", "command"), ("/Status@bot", "command"),
]
UNKNOWN_LOOKUPS = [f"/status {UNKNOWN}", "jbr 2026 999", f"/follow {UNKNOWN} 123456",
                   f"/unfollow {UNKNOWN}", f"/start {UNKNOWN}_123456"]


@LANGUAGES
async def test_malformed_input_gets_the_usage(bot_with_clock: BotApplication, alice: Person,
                                              lang: str) -> None:
    await register(bot_with_clock)
    await speak(alice, lang)
    for sent, kind in MALFORMED:
        assert (await ask(alice, sent)).text == expected(kind, lang), sent
        await unchanged(bot_with_clock, alice, lang)
    assert await attempts(bot_with_clock, UNKNOWN_LOOKUP, alice.id) == 0


@LANGUAGES
async def test_unknown_number_shows_the_expected_format(
        bot_with_clock: BotApplication, alice: Person, lang: str) -> None:
    await register(bot_with_clock)
    await speak(alice, lang)
    for counted, sent in enumerate(UNKNOWN_LOOKUPS, start=1):
        assert (await ask(alice, sent)).text == not_found(lang), sent
        await unchanged(bot_with_clock, alice, lang)
        assert await attempts(bot_with_clock, UNKNOWN_LOOKUP, alice.id) == counted


def code_wrong(lang: str, tries: int, number: str = NUMBER) -> str:
    """The answer to a wrong access code, with the tries this chat has left."""
    return {
        "id": f"Kode akses tidak cocok untuk {number}. Kode ada di tanda terima (6 angka); sisa "
              f"{tries} kali percobaan dari obrolan ini. Jika hilang, minta tanda terima baru "
              "di loket.",
        "en": f"The access code does not match {number}. It is on your receipt (6 digits); this "
              f"chat has {tries} more {'try' if tries == 1 else 'tries'}. If you lost it, ask "
              "the counter for a new receipt.",
    }[lang]


def code_locked(lang: str, minutes: int) -> str:
    """The answer to a chat that sent too many wrong codes for one application."""
    unit = {"id": "menit", "en": "minute" if minutes == 1 else "minutes"}[lang]
    return {"id": "Terlalu banyak kode salah untuk permohonan ini dari obrolan ini. Silakan coba "
                  f"lagi dalam {minutes} {unit}, atau hubungi kantor.",
            "en": "Too many wrong codes for this application from this chat. Please try again "
                  f"in {minutes} {unit}, or ask the office."}[lang]


@LANGUAGES
async def test_wrong_access_code_is_refused(bot_with_clock: BotApplication, alice: Person,
                                            lang: str) -> None:
    await register(bot_with_clock, code="482913")
    await speak(alice, lang)
    assert (await ask(alice, f"/follow {NUMBER} 111111")).text == code_wrong(lang, 4)
    await ask(alice, NUMBER)
    await alice.press({"id": "Ikuti", "en": "Follow"}[lang])
    await alice.next_message()
    assert (await ask(alice, "222222")).text == code_wrong(lang, 3)
    await unchanged(bot_with_clock, alice, lang)
    assert await attempts(bot_with_clock, WRONG_CODE, NUMBER) == 2
    # The code prompt stays open after a wrong code: the right one then follows.
    assert (await ask(alice, "482913")).text == followed_text(lang)
    assert await follows(bot_with_clock, alice)


@LANGUAGES
async def test_five_wrong_codes_lock_out_that_chat_for_the_hour_and_nobody_else(
        bot_with_clock: BotApplication, clock: FakeClock, sandbox: Sandbox, alice: Person,
        lang: str) -> None:
    application, code = await register(bot_with_clock, code="482913")
    owner = sandbox.add_user("Ida")
    await speak(alice, lang)
    answers = [(await ask(alice, f"/follow {NUMBER} 00000{n}")).text for n in range(1, 6)]
    assert answers == [*(code_wrong(lang, tries) for tries in (4, 3, 2, 1)),
                       code_locked(lang, 60)]
    assert (await ask(alice, f"/follow {NUMBER} {code}")).text == code_locked(lang, 60)
    clock.advance(minutes=59)
    assert (await ask(alice, f"/start {NUMBER}_{code}")).text == code_locked(lang, 1)
    await unchanged(bot_with_clock, alice, lang)
    assert await attempts(bot_with_clock, WRONG_CODE, NUMBER) == 5
    # Someone else's guesses never lock the owner out: the receipt's link still follows.
    assert (await ask(owner, f"/start {NUMBER}_{code}")).text == followed_text("id")
    clock.advance(minutes=1, seconds=1)
    assert (await ask(alice, f"/follow {NUMBER} {code}")).text == followed_text(lang)
    assert await follows(bot_with_clock, alice)
    assert (await store_of(bot_with_clock).applications.get(NUMBER)) == application


@LANGUAGES
async def test_the_receipts_code_passes_the_unknown_number_throttle(
        bot_with_clock: BotApplication, alice: Person, lang: str) -> None:
    await register(bot_with_clock, code="482913")
    await register(bot_with_clock, name="Kadek Sari", code="135790")
    await speak(alice, lang)
    for sequence in range(900, 910):  # [applicants] unknown_lookup_limit
        await ask(alice, f"JBR-2026-000{sequence}")

    by_link = await ask(alice, f"/start {NUMBER}_482913")
    card = await alice.next_message()
    by_command = await ask(alice, "/follow JBR-2026-000002 135790")

    assert by_link.text == followed_text(lang)
    assert card.text == fresh_card(lang, follower=True, queued=2)
    assert by_command.text == followed_text(lang, "JBR-2026-000002")
    assert await follows(bot_with_clock, alice)
    assert await follows(bot_with_clock, alice, "JBR-2026-000002")


@LANGUAGES
async def test_too_many_unknown_numbers_throttle_the_chat(
        bot_with_clock: BotApplication, clock: FakeClock, sandbox: Sandbox, alice: Person,
        lang: str) -> None:
    await register(bot_with_clock, code="482913")
    await speak(alice, lang)
    limit = 10  # [applicants] unknown_lookup_limit in config.example.toml
    for sequence in range(900, 900 + limit):
        number = f"JBR-2026-000{sequence}"
        assert (await ask(alice, number)).text == not_found(lang, number)
    throttled = {"id": "Anda sudah mencoba banyak nomor yang tidak terdaftar. Silakan tunggu "
                       "{}, atau pindai kode QR pada tanda terima Anda.",
                 "en": "You have tried many numbers that do not exist. Please wait {}, or scan "
                       "the QR code on your receipt."}[lang]
    ten, one = {"id": ("10 menit", "1 menit"), "en": ("10 minutes", "1 minute")}[lang]
    # A wrong code to a throttled chat says no more than an unknown number would.
    for sent in (NUMBER, f"/status {UNKNOWN}", f"/follow {NUMBER} 111111",
                 f"/follow {UNKNOWN} 482913", f"/unfollow {NUMBER}", f"/start {NUMBER}_111111"):
        assert (await ask(alice, sent)).text == throttled.format(ten), sent
    await unchanged(bot_with_clock, alice, lang)
    assert await attempts(bot_with_clock, UNKNOWN_LOOKUP, alice.id) == limit
    bob = sandbox.add_user("Bob")
    assert (await ask(bob, NUMBER)).text == fresh_card("id", follower=False)
    clock.advance(minutes=9)
    assert (await ask(alice, NUMBER)).text == throttled.format(one)
    clock.advance(minutes=1, seconds=1)
    assert (await ask(alice, NUMBER)).text == fresh_card(lang, follower=False)
