"""The menu that needs no typing: a persistent keyboard, and what each of its buttons does."""

from __future__ import annotations

from pathlib import Path

from bot.handlers.context import BotApplication
from office.settings import Settings
from sandbox import Person, Sandbox, SentMessage
from tests.e2e.applicant_steps import (
    EXAMPLE,
    LANGUAGE_SET,
    LANGUAGES,
    NUMBER,
    ask,
    card_buttons,
    fresh_card,
    quiet,
    register,
    speak,
)
from tests.e2e.office import office_bot

MENU = {"id": [["🔎 Cek status", "📋 Permohonan saya"], ["❓ Bantuan"]],
        "en": [["🔎 Check status", "📋 My applications"], ["❓ Help"]]}
PLACEHOLDER = {"id": "Nomor pendaftaran atau pilih menu",
               "en": "A registration number, or choose from the menu"}
MENU_SHOWN = {
    "id": "👇 Menu ada di bawah: tekan 🔎 Cek status untuk memeriksa permohonan Anda, tanpa "
          "mengetik perintah.",
    "en": "👇 The menu is below: press 🔎 Check status to check your application, no commands "
          "to type.",
}
ASK_NUMBER = {"id": f"🔎 Kirim nomor pendaftaran dari tanda terima Anda, mis. {EXAMPLE}.",
              "en": f"🔎 Send the registration number from your receipt, e.g. {EXAMPLE}."}
MINE_EMPTY = {"id": "Anda belum mengikuti permohonan apa pun.",
              "en": "You do not follow any application yet."}
HELP_FIRST_LINE = {"id": "Perintah", "en": "Commands"}


def keyboard(message: SentMessage) -> list[list[str]]:
    """The reply keyboard's labels the message brought, row by row."""
    markup = message.reply_markup or {}
    return [[button["text"] for button in row] for row in markup.get("keyboard", [])]


def assert_menu(message: SentMessage, lang: str) -> None:
    """The message brings the applicant menu in `lang`, kept on screen."""
    assert keyboard(message) == MENU[lang]
    markup = message.reply_markup or {}
    assert (markup.get("is_persistent"), markup.get("resize_keyboard")) == (True, True)
    assert markup.get("input_field_placeholder") == PLACEHOLDER[lang]


@LANGUAGES
async def test_start_offers_the_menu_in_the_chats_language(
        bot_with_clock: BotApplication, alice: Person, lang: str) -> None:
    await speak(alice, lang)
    await ask(alice, "/start")
    menu = await alice.next_message()
    assert menu.text == MENU_SHOWN[lang]
    assert_menu(menu, lang)


@LANGUAGES
async def test_changing_language_brings_the_menu_in_the_new_language(
        bot_with_clock: BotApplication, alice: Person, lang: str) -> None:
    answer = await ask(alice, f"/language {lang}")
    assert answer.text == LANGUAGE_SET[lang]
    assert_menu(answer, lang)


@LANGUAGES
async def test_check_status_asks_for_the_number_and_takes_the_answer(
        bot_with_clock: BotApplication, alice: Person, lang: str) -> None:
    await register(bot_with_clock)
    await speak(alice, lang)
    assert (await ask(alice, MENU[lang][0][0])).text == ASK_NUMBER[lang]
    card = await ask(alice, NUMBER)
    assert card.text == fresh_card(lang, follower=False)
    assert card.buttons == card_buttons(lang, follower=False)
    # Asked for the number, the sequence alone is enough.
    await ask(alice, MENU[lang][0][0])
    assert (await ask(alice, "000001")).text == fresh_card(lang, follower=False)
    quiet(alice)


@LANGUAGES
async def test_my_applications_and_help_buttons(bot_with_clock: BotApplication, alice: Person,
                                                lang: str) -> None:
    await speak(alice, lang)
    mine = await ask(alice, MENU[lang][0][1])
    assert (mine.text or "").startswith(MINE_EMPTY[lang])
    help_text = await ask(alice, MENU[lang][1][0])
    assert (help_text.text or "").splitlines()[0] == HELP_FIRST_LINE[lang]
    assert_menu(help_text, lang)


async def test_a_button_of_the_other_language_still_works(bot_with_clock: BotApplication,
                                                          alice: Person) -> None:
    await speak(alice, "en")  # the old Indonesian keyboard may still be on screen
    assert (await ask(alice, "🔎 Cek status")).text == ASK_NUMBER["en"]


@LANGUAGES
async def test_staff_get_their_own_keyboard(bot_with_clock: BotApplication, admin: Person,
                                            lang: str) -> None:
    await speak(admin, lang)
    await ask(admin, "/start")
    menu = await admin.next_message()
    assert menu.text == {
        "id": "👇 Menu petugas ada di bawah: /queue, /overdue, /new dan /help.",
        "en": "👇 The staff menu is below: /queue, /overdue, /new and /help."}[lang]
    assert keyboard(menu) == [["/queue", "/overdue"], ["/new", "/help"]]
    queue = await ask(admin, "/queue")  # a button sends its command, handled as typed
    assert queue.text == {"id": "Tidak ada permohonan terbuka.",
                          "en": "No open applications."}[lang]


async def test_the_staff_group_gets_no_keyboard(sandbox: Sandbox, admin: Person,
                                                settings: Settings, tmp_path: Path) -> None:
    group = sandbox.add_group("Petugas DPMPTSP", admins=[admin])
    async with office_bot(sandbox, admin, settings, tmp_path / "group.db",
                          group_chat_id=group.id):
        await admin.send("/start", chat=group)
        greeting = await group.next_message()
        assert (greeting.text or "").startswith("Selamat datang")
        await admin.send("/help", chat=group)
        help_text = await group.next_message()
        for message in (greeting, help_text):
            assert "keyboard" not in (message.reply_markup or {})
        quiet_group = [str(event) for event in group.chat.events[group.chat.cursor:]]
        assert quiet_group == []
