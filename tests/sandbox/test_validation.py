"""Telegram's refusals reach PTB as the same exception classes and messages."""

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, EndPointNotFound, Forbidden, InvalidToken

from sandbox import Person, Sandbox
from tests.sandbox.conftest import call

NOT_MODIFIED = (
    "Message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)


@pytest.mark.parametrize(
    ("html", "message"),
    [
        ("Status <blink>baru</blink>", 'unsupported start tag "blink" at byte offset 7'),
        ("<b>Permohonan diterima", 'can\'t find end tag corresponding to start tag "b"'),
        ("Antrian < 5 hari", 'unsupported start tag "" at byte offset 8'),
        ("PT Maju & Jaya", 'character "&" must be escaped as "&amp;" at byte offset 8'),
    ],
)
async def test_bad_html_is_a_bad_request(bot: Bot, alice: Person, html: str, message: str) -> None:
    with pytest.raises(BadRequest) as refused:
        await bot.send_message(alice.id, html, parse_mode=ParseMode.HTML)
    # PTB strips "Bad Request: " and capitalises the rest (lowering everything after).
    assert refused.value.message == f"Can't parse entities: {message}"
    assert alice.messages == []


@pytest.mark.parametrize(
    ("text", "parse_mode", "message"),
    [
        ("x" * 4097, None, "Message is too long"),
        ("   ", None, "Message text is empty"),
        ("<b> </b>", ParseMode.HTML, "Message text is empty"),
        ("hi", ParseMode.MARKDOWN_V2, "Unsupported parse_mode"),
    ],
)
async def test_text_rules(
    bot: Bot, alice: Person, text: str, parse_mode: str | None, message: str
) -> None:
    with pytest.raises(BadRequest, match=f"^{message}$"):
        await bot.send_message(alice.id, text, parse_mode=parse_mode)


async def test_length_limit_counts_characters_not_utf16_units(bot: Bot, alice: Person) -> None:
    # Telegram checks utf8_length (code points); an emoji is 1 here though entities count it 2.
    await bot.send_message(alice.id, "😀" * 4096)
    with pytest.raises(BadRequest, match=r"^Message is too long$"):
        await bot.send_message(alice.id, "😀" * 4097)
    markup = "<b>" + "&lt;" * 4096 + "</b>"  # tags and references cost nothing
    sent = await bot.send_message(alice.id, markup, parse_mode=ParseMode.HTML)
    assert sent.text == "<" * 4096


async def test_caption_limit(bot: Bot, alice: Person, png: bytes) -> None:
    with pytest.raises(BadRequest, match=r"^Message caption is too long$"):
        await bot.send_photo(alice.id, png, caption="x" * 1025)


async def test_surrounding_whitespace_is_trimmed(bot: Bot, alice: Person) -> None:
    sent = await bot.send_message(alice.id, "\n  <b>Halo</b>  \n", parse_mode=ParseMode.HTML)
    assert sent.text == "Halo"
    assert sent.entities[0].offset == 0


async def test_callback_data_over_64_bytes(bot: Bot, alice: Person) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Ikuti", callback_data="x" * 65)]])
    with pytest.raises(BadRequest) as refused:
        await bot.send_message(alice.id, "Pilih", reply_markup=keyboard)
    assert refused.value.message == "Button_data_invalid"  # PTB's capitalize() of the raw text


@pytest.mark.parametrize(
    ("button", "description"),
    [
        ({"text": "Diam"}, "Text buttons are unallowed in the inline keyboard"),
        ({"text": "Dua", "url": "https://a.id", "callback_data": "d"}, "exactly one optional"),
        ({"callback_data": "d"}, 'Field "text" must be of type String'),
    ],
)
async def test_inline_buttons_need_text_and_exactly_one_action(
    sandbox: Sandbox, alice: Person, button: dict[str, str], description: str
) -> None:
    body = await call(sandbox, "sendMessage", {
        "chat_id": alice.id, "text": "x", "reply_markup": {"inline_keyboard": [[button]]},
    })  # fmt: skip
    assert body["error_code"] == 400
    assert body["description"].startswith("Bad Request: can't parse inline keyboard button: ")
    assert description in body["description"]


async def test_edit_with_identical_content_is_not_modified(bot: Bot, alice: Person) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Ikuti", callback_data="follow")]])
    sent = await bot.send_message(alice.id, "<b>Status</b>", "HTML", reply_markup=keyboard)
    with pytest.raises(BadRequest) as refused:
        await bot.edit_message_text(
            "<b>Status</b>", alice.id, sent.message_id, parse_mode="HTML", reply_markup=keyboard
        )
    assert refused.value.message == NOT_MODIFIED
    with pytest.raises(BadRequest, match=r"^Message is not modified"):
        await bot.edit_message_reply_markup(alice.id, sent.message_id, reply_markup=keyboard)
    # Leaving out reply_markup removes the keyboard, so the same text is a modification.
    edited = await bot.edit_message_text(
        "<b>Status</b>", alice.id, sent.message_id, parse_mode="HTML"
    )
    assert not isinstance(edited, bool)
    assert edited.reply_markup is None


async def test_edit_and_delete_of_unknown_messages(bot: Bot, alice: Person) -> None:
    with pytest.raises(BadRequest, match=r"^Message to edit not found$"):
        await bot.edit_message_text("x", alice.id, 999)
    with pytest.raises(BadRequest, match=r"^Message to delete not found$"):
        await bot.delete_message(alice.id, 999)
    sent = await bot.send_message(alice.id, "sementara")
    assert await bot.delete_message(alice.id, sent.message_id)
    assert alice.messages[0].deleted
    with pytest.raises(BadRequest, match=r"^Message to edit not found$"):
        await bot.edit_message_text("x", alice.id, sent.message_id)


async def test_blocked_user_is_forbidden(bot: Bot, alice: Person, sandbox: Sandbox) -> None:
    alice.block()
    with pytest.raises(Forbidden) as refused:
        await bot.send_message(alice.id, "Permohonan Anda disetujui")
    assert refused.value.message == "Forbidden: bot was blocked by the user"
    alice.unblock()
    await bot.send_message(alice.id, "Selamat datang kembali")
    kinds = [u["my_chat_member"]["new_chat_member"]["status"] for u in sandbox.pending_updates]
    assert kinds == ["kicked", "member"]


async def test_user_who_never_started_the_bot(bot: Bot, sandbox: Sandbox) -> None:
    stranger = sandbox.add_user("Asing", started=False)
    with pytest.raises(Forbidden, match=r"bot can't initiate conversation with a user"):
        await bot.send_message(stranger.id, "Halo")
    await stranger.send("/start")
    await bot.send_message(stranger.id, "Halo")


async def test_unknown_chat(bot: Bot) -> None:
    with pytest.raises(BadRequest) as refused:
        await bot.send_message(777, "Halo")
    assert refused.value.message == "Chat not found"


async def test_migrated_group_raises_chat_migrated(bot: Bot, bob: Person, sandbox: Sandbox) -> None:
    group = sandbox.add_group("Staf DPMPTSP", [bob])
    supergroup = group.migrate()
    with pytest.raises(ChatMigrated) as moved:
        await bot.send_message(group.id, "Rekap harian")
    assert moved.value.new_chat_id == supergroup.id
    await bot.send_message(supergroup.id, "Rekap harian")
    assert supergroup.last_message.text == "Rekap harian"


async def test_method_names_are_case_insensitive(sandbox: Sandbox) -> None:
    body = await call(sandbox, "GETME", {})
    assert body["result"]["username"] == "etracking_test_bot"


async def test_wrong_token_and_unknown_method(bot: Bot, sandbox: Sandbox) -> None:
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("sendTelepathy", {"chat_id": 1})
    with pytest.raises(InvalidToken):
        async with Bot("123456:WRONG", base_url=sandbox.base_url):
            pass
    assert (await call(sandbox, "getMe", {}, token="not-a-token"))["error_code"] == 404
    assert sandbox.count("sendTelepathy", 404) == 1
    assert sandbox.count("getMe", 401) == 1


async def test_bot_removed_from_group_is_forbidden(bot: Bot, bob: Person, sandbox: Sandbox) -> None:
    group = sandbox.add_group("Staf DPMPTSP", [bob])
    group.remove_bot(by=bob)
    with pytest.raises(Forbidden, match=r"^Forbidden: bot was kicked from the group chat$"):
        await bot.send_message(group.id, "Rekap harian")
