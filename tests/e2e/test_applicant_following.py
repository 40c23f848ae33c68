"""Following: /follow with the access code, /unfollow, /mine, the follow limit, /forgetme."""

from __future__ import annotations

from bot.handlers.context import BotApplication
from sandbox import Person
from storage.workflow import Action
from tests.conftest import FakeClock
from tests.e2e.applicant_steps import (
    EXAMPLE,
    LANGUAGES,
    NUMBER,
    ask,
    card_buttons,
    followed_text,
    follows,
    register,
    speak,
    staff_id,
    store_of,
)
from tests.e2e.conftest import BotFactory

SECOND = "JBR-2026-000002"
THIRD = "JBR-2026-000003"


@LANGUAGES
async def test_follow_with_the_access_code(bot_with_clock: BotApplication, alice: Person,
                                           lang: str) -> None:
    await register(bot_with_clock, code="246810")
    await speak(alice, lang)
    assert (await ask(alice, f"/follow {NUMBER} 246810")).text == followed_text(lang)
    assert await follows(bot_with_clock, alice)
    assert (await ask(alice, "/follow jbr 2026 1 246810")).text == {
        "id": f"Anda sudah mengikuti {NUMBER}.", "en": f"You already follow {NUMBER}."}[lang]
    assert len(await store_of(bot_with_clock).followers.followed_by(alice.id)) == 1


@LANGUAGES
async def test_unfollow_stops_following(bot_with_clock: BotApplication, alice: Person,
                                        lang: str) -> None:
    application, _ = await register(bot_with_clock)
    await store_of(bot_with_clock).followers.follow(application, alice.id, 20)
    await speak(alice, lang)
    assert (await ask(alice, f"/unfollow {NUMBER}")).text == {
        "id": f"Anda berhenti mengikuti {NUMBER}.", "en": f"You no longer follow {NUMBER}."}[lang]
    assert not await follows(bot_with_clock, alice)
    assert (await ask(alice, "/unfollow JBR2026000001")).text == {
        "id": f"Anda tidak mengikuti {NUMBER}.", "en": f"You do not follow {NUMBER}."}[lang]


@LANGUAGES
async def test_mine_without_follows_explains_how(bot_with_clock: BotApplication, alice: Person,
                                                 lang: str) -> None:
    await speak(alice, lang)
    reply = await ask(alice, "/mine")
    assert reply.text == {
        "id": "Anda belum mengikuti permohonan apa pun. Pindai QR di tanda terima atau kirim "
              f"/follow {EXAMPLE} KODE.",
        "en": "You do not follow any application yet. Scan the QR code on your receipt or "
              f"send /follow {EXAMPLE} CODE.",
    }[lang]
    assert reply.buttons == []


@LANGUAGES
async def test_mine_lists_stage_and_due_date_with_buttons(
        bot_with_clock: BotApplication, clock: FakeClock, alice: Person, lang: str) -> None:
    store = store_of(bot_with_clock)
    first, _ = await register(bot_with_clock)
    second, _ = await register(bot_with_clock, "Kadek Ayu", permit_type="SIP")
    await store.applications.change(NUMBER, Action.ADVANCE, staff_id=staff_id(bot_with_clock))
    await store.applications.change(SECOND, Action.REJECT, staff_id=staff_id(bot_with_clock),
                                    public_note="Tidak lengkap")
    await store.followers.follow(first, alice.id, 20)
    clock.advance(seconds=1)
    await store.followers.follow(second, alice.id, 20)
    await speak(alice, lang)
    mine = await ask(alice, "/mine")
    assert mine.text == {
        "id": "Permohonan yang Anda ikuti (2)\n"
              f"• {NUMBER} — Verifikasi berkas · target 1 Des 2026\n"
              f"• {SECOND} — Ditolak",
        "en": "Applications you follow (2)\n"
              f"• {NUMBER} — Document check · due 1 Dec 2026\n"
              f"• {SECOND} — Rejected",
    }[lang]
    assert mine.buttons == [[(f"📄 {NUMBER}", f"s:o:{NUMBER}")],
                            [(f"📄 {SECOND}", f"s:o:{SECOND}")]]
    assert (await alice.press(SECOND)).text is None
    card = await alice.next_message()
    assert not card.edited
    assert card.text is not None
    assert card.text.splitlines()[:5] == {
        "id": [f"📄 {SECOND}", "Surat Izin Praktik Tenaga Kesehatan", "Pemohon: Kadek Ayu", "",
               "Ditolak"],
        "en": [f"📄 {SECOND}", "Health practice licence", "Applicant: Kadek Ayu", "",
               "Rejected"],
    }[lang]
    assert card.buttons == card_buttons(lang, follower=True, number=SECOND)


@LANGUAGES
async def test_follow_limit_refuses_one_more(start_bot: BotFactory, clock: FakeClock,
                                             alice: Person, lang: str) -> None:
    bot = await start_bot(clock=clock, max_followed=2)
    for code in ("111111", "222222", "333333"):
        await register(bot, code=code)
    await speak(alice, lang)
    assert (await ask(alice, f"/follow {NUMBER} 111111")).text == followed_text(lang)
    assert (await ask(alice, f"/follow {SECOND} 222222")).text == followed_text(lang, SECOND)
    assert (await ask(alice, f"/follow {THIRD} 333333")).text == {
        "id": "Anda sudah mengikuti 2 permohonan, batas maksimal. Berhenti mengikuti salah "
              "satu dengan /unfollow.",
        "en": "You already follow 2 applications, the maximum. Stop following one with "
              "/unfollow.",
    }[lang]
    followed = await store_of(bot).followers.followed_by(alice.id)
    assert [item.application.number for item in followed] == [NUMBER, SECOND]
    await ask(alice, f"/unfollow {NUMBER}")
    assert (await ask(alice, f"/follow {THIRD} 333333")).text == followed_text(lang, THIRD)


@LANGUAGES
async def test_forgetme_asks_first_then_deletes_everything(
        bot_with_clock: BotApplication, alice: Person, lang: str) -> None:
    application, _ = await register(bot_with_clock)
    await store_of(bot_with_clock).followers.follow(application, alice.id, 20)
    await speak(alice, lang)
    confirm = await ask(alice, "/forgetme")
    assert confirm.text == {
        "id": "Hapus semua data obrolan ini (permohonan yang diikuti: 1, pilihan bahasa)? Anda "
              "tidak akan menerima kabar lagi.",
        "en": "Delete all of this chat's data (followed applications: 1, language choice)? You "
              "will receive no more updates.",
    }[lang]
    cancel, delete = {"id": ("Batal", "🗑 Ya, hapus"), "en": ("Cancel", "🗑 Yes, delete")}[lang]
    assert confirm.buttons == [[(delete, "forget:yes"), (cancel, "forget:no")]]
    await alice.press(cancel)
    assert (await alice.next_message()).text == {
        "id": "Dibatalkan. Tidak ada yang dihapus.", "en": "Cancelled. Nothing was deleted."}[lang]
    assert await follows(bot_with_clock, alice)
    await ask(alice, "/forgetme")
    await alice.press(delete)
    assert (await alice.next_message()).text == {
        "id": "Data obrolan Anda sudah dihapus. Terima kasih telah menggunakan E-Tracking.",
        "en": "Your chat's data has been deleted. Thank you for using E-Tracking.",
    }[lang]
    assert not await follows(bot_with_clock, alice)
    assert (await store_of(bot_with_clock).followers.chat(alice.id)).language == "id"


@LANGUAGES
async def test_mine_says_when_an_application_waits_on_the_applicant(
        bot_with_clock: BotApplication, alice: Person, lang: str) -> None:
    store = store_of(bot_with_clock)
    application, _ = await register(bot_with_clock)
    await store.applications.change(NUMBER, Action.RETURN, staff_id=staff_id(bot_with_clock),
                                    public_note="Lampirkan IMB lama")
    await store.followers.follow(application, alice.id, 20)
    await speak(alice, lang)

    mine = await ask(alice, "/mine")

    assert (mine.text or "").splitlines()[1] == {
        "id": f"• {NUMBER} — Berkas dikembalikan untuk dilengkapi · ⏳ menunggu tindakan Anda",
        "en": f"• {NUMBER} — Returned for completion · ⏳ waiting for you",
    }[lang]
