"""A whole conversation: a tiny PTB Application driven through the Person helper."""

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import CallbackQueryHandler, CommandHandler, ContextTypes

from sandbox import Person, Sandbox
from tests.sandbox.conftest import polling


async def status(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reply with the status and two buttons."""
    assert update.effective_message is not None
    number = " ".join(context.args or [])
    keyboard = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("Ikuti permohonan", callback_data=f"follow:{number}")],
            [InlineKeyboardButton("Situs", url="https://dpmptsp.example.go.id")],
        ]
    )
    await update.effective_message.reply_text(
        f"<b>{number}</b>: diproses", parse_mode=ParseMode.HTML, reply_markup=keyboard
    )


async def follow(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer the press and replace the message."""
    query = update.callback_query
    assert query is not None
    assert query.data is not None
    await query.answer("Anda mengikuti permohonan ini")
    await query.edit_message_text(f"Mengikuti {query.data.removeprefix('follow:')}")


async def queue(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A staff command used in the group."""
    assert update.effective_message is not None
    await update.effective_message.reply_text("Antrian: 0 permohonan")


HANDLERS = [
    CommandHandler("status", status),
    CommandHandler("queue", queue),
    CallbackQueryHandler(follow, pattern="^follow:"),
]


async def test_command_button_and_edit(sandbox: Sandbox, alice: Person) -> None:
    async with polling(sandbox, HANDLERS):
        await alice.send("/status JBR-2026-000001")
        reply = await alice.next_message()
        assert reply.text == "JBR-2026-000001: diproses"
        assert reply.html == "<b>JBR-2026-000001</b>: diproses"
        assert reply.entities == [{"type": "bold", "offset": 0, "length": 15}]
        assert reply.buttons == [
            [("Ikuti permohonan", "follow:JBR-2026-000001")],
            [("Situs", "https://dpmptsp.example.go.id")],
        ]
        shown = f"#{reply.message_id}\nJBR-2026-000001: diproses\n[Ikuti permohonan]\n[Situs]"
        assert str(reply) == shown
        answer = await alice.press("Ikuti")
        assert answer.text == "Anda mengikuti permohonan ini"
        assert not answer.show_alert
        edited = await alice.next_message()
        assert (edited.message_id, edited.text, edited.edited) == (
            reply.message_id, "Mengikuti JBR-2026-000001", True,
        )  # fmt: skip
        assert edited.buttons == []  # an edit without reply_markup drops the keyboard
        assert alice.last_message == edited
        assert sandbox.callback_answers == [answer]


async def test_commands_in_groups_follow_privacy_mode(
    sandbox: Sandbox, alice: Person, bob: Person
) -> None:
    group = sandbox.add_group("Staf DPMPTSP", [bob])
    async with polling(sandbox, HANDLERS):
        await bob.send("/queue@other_bot", chat=group)  # meant for another bot: not delivered
        await bob.send("halo semua", chat=group)  # plain chatter: not delivered
        await bob.send("/queue@etracking_test_bot", chat=group)
        reply = await bob.next_message(chat=group)
        assert reply.text == "Antrian: 0 permohonan"
        assert reply.reply_to_message_id is not None
        await bob.send("/queue", chat=group)
        assert (await group.next_message()).text == "Antrian: 0 permohonan"
    assert len(group.messages) == 2
    with pytest.raises(AssertionError, match=r"not a member"):
        await alice.send("/queue", chat=group)


async def test_timeouts_explain_what_happened(sandbox: Sandbox, alice: Person) -> None:
    with pytest.raises(AssertionError, match=r"no new bot message within 0.1 s"):
        await alice.next_message(timeout=0.1)
    with pytest.raises(AssertionError, match=r"no button 'Ikuti'"):
        await alice.press("Ikuti")
