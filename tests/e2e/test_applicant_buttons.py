"""The buttons under a status card: Refresh, History, Follow and Unfollow."""

from __future__ import annotations

from bot.handlers.context import BotApplication
from sandbox import Person
from storage.workflow import Action
from tests.e2e.applicant_steps import (
    LANGUAGES,
    NUMBER,
    ask,
    card_buttons,
    followed_text,
    follows,
    fresh_card,
    quiet,
    register,
    speak,
    staff_id,
    stage_guide,
    store_of,
)

REFRESH = {"id": "Perbarui", "en": "Refresh"}
REFRESHED = {"id": "Diperbarui", "en": "Refreshed"}
NO_CHANGE = {"id": "Belum ada perubahan", "en": "No change yet"}
WRONG_CODE = {"id": f"Kode akses tidak cocok untuk {NUMBER}.",
              "en": f"The access code does not match {NUMBER}."}
CODE_OR_NUMBER = {"id": "Maksud Anda nomor JBR-2026-482913?",
                  "en": "Did you mean number JBR-2026-482913?"}
ASK_CODE = {"id": f"Kirim kode akses 6 angka dari tanda terima untuk {NUMBER}.",
            "en": f"Send the 6-digit access code from the receipt of {NUMBER}."}
CHECKING = {
    "id": "\n".join([
        f"📄 {NUMBER}", "Persetujuan Bangunan Gedung", "Pemohon: I***** W*****", "",
        "Tahap 2 dari 6: Verifikasi berkas", "▰▰▱▱▱▱", "Sejak 2 Nov 2026 (0 hari kerja)",
        "Target selesai 1 Des 2026 — tepat waktu, sisa 21 hari kerja",
        "Berikutnya: Survei lapangan",
        "⏱ Biasanya selesai 20 hari kerja lagi, sekitar 30 Nov 2026",
        "👥 Ke-1 dari 1 permohonan di tahap ini", "",
        "🔒 Ikuti permohonan ini dengan kode akses untuk melihat nama lengkap dan catatan "
        "petugas.", "",
        "Riwayat", "2 Nov 2026 · Berkas diterima", "2 Nov 2026 · Verifikasi berkas"]),
    "en": "\n".join([
        f"📄 {NUMBER}", "Building approval", "Applicant: I***** W*****", "",
        "Stage 2 of 6: Document check", "▰▰▱▱▱▱", "Since 2 Nov 2026 (0 working days)",
        "Due 1 Dec 2026 — on time, 21 working days left", "Next: Field inspection",
        "⏱ Usually done in 20 more working days, around 30 Nov 2026",
        "👥 Number 1 of 1 application at this stage", "",
        "🔒 Follow this application with its access code to see the full name and the "
        "staff's notes.", "",
        "History", "2 Nov 2026 · Received", "2 Nov 2026 · Document check"]),
}


@LANGUAGES
async def test_refresh_says_no_change_then_edits_the_card(
        bot_with_clock: BotApplication, alice: Person, lang: str) -> None:
    await register(bot_with_clock)
    await speak(alice, lang)
    card = await ask(alice, NUMBER)
    assert (await alice.press(REFRESH[lang])).text == NO_CHANGE[lang]
    quiet(alice)
    await store_of(bot_with_clock).applications.change(NUMBER, Action.ADVANCE,
                                                       staff_id=staff_id(bot_with_clock))
    assert (await alice.press(REFRESH[lang])).text == REFRESHED[lang]
    edited = await alice.next_message()
    assert (edited.message_id, edited.edited) == (card.message_id, True)
    assert edited.text == CHECKING[lang]
    assert edited.buttons == card_buttons(lang, follower=False)


@LANGUAGES
async def test_history_edits_to_the_full_history_and_back(
        bot_with_clock: BotApplication, alice: Person, lang: str) -> None:
    await register(bot_with_clock)
    for step in range(1, 16):
        await store_of(bot_with_clock).applications.change(
            NUMBER, Action.NOTE, staff_id=staff_id(bot_with_clock), public_note=f"langkah {step}")
    store = store_of(bot_with_clock)
    await store.followers.follow(await store.applications.get(NUMBER), alice.id, 20)
    await speak(alice, lang)
    note, earlier = {"id": ("Catatan", "…dan 4 langkah sebelumnya"),
                     "en": ("Note", "…and 4 earlier steps")}[lang]
    steps = [f"2 Nov 2026 · {note} — langkah {step}" for step in range(1, 16)]
    card = await ask(alice, NUMBER)
    assert card.text is not None
    assert card.text.split("\n\n")[-1].splitlines()[1:] == [earlier, *steps[3:]]
    assert (await alice.press({"id": "Riwayat", "en": "History"}[lang])).text == REFRESHED[lang]
    history = await alice.next_message()
    assert (history.message_id, history.edited) == (card.message_id, True)
    assert history.text == "\n".join({
        "id": [f"📄 {NUMBER}", "Persetujuan Bangunan Gedung", "", *stage_guide("id", 1), "",
               "Riwayat", "2 Nov 2026 · Berkas diterima"],
        "en": [f"📄 {NUMBER}", "Building approval", "", *stage_guide("en", 1), "", "History",
               "2 Nov 2026 · Received"],
    }[lang] + steps)
    view = {"id": "📄 Lihat status", "en": "📄 View status"}[lang]
    assert history.buttons == [[(view, f"s:o:{NUMBER}")]]
    assert (await alice.press(view)).text is None
    reopened = await alice.next_message()
    assert not reopened.edited
    assert reopened.text == card.text


@LANGUAGES
async def test_follow_button_asks_for_the_code_and_six_digits_follow(
        bot_with_clock: BotApplication, alice: Person, lang: str) -> None:
    await register(bot_with_clock, code="482913")
    await speak(alice, lang)
    await ask(alice, NUMBER)
    assert (await alice.press({"id": "Ikuti", "en": "Follow"}[lang])).text is None
    assert (await alice.next_message()).text == ASK_CODE[lang]
    assert not await follows(bot_with_clock, alice)
    wrong = await ask(alice, "482931")  # a typo: the question stays open
    assert (wrong.text or "").startswith(WRONG_CODE[lang])
    assert (await ask(alice, "482913")).text == followed_text(lang)
    assert await follows(bot_with_clock, alice)
    closed = await ask(alice, "482913")  # answered: six digits are now read as a number
    assert (closed.text or "").startswith(CODE_OR_NUMBER[lang])
    assert (await alice.press(REFRESH[lang])).text == REFRESHED[lang]
    edited = await alice.next_message()
    assert edited.text == fresh_card(lang, follower=True)
    assert edited.buttons == card_buttons(lang, follower=True)


@LANGUAGES
async def test_unfollow_button_edits_back_to_the_stranger_card(
        bot_with_clock: BotApplication, alice: Person, lang: str) -> None:
    application, _ = await register(bot_with_clock)
    await store_of(bot_with_clock).followers.follow(application, alice.id, 20)
    await speak(alice, lang)
    card = await ask(alice, NUMBER)
    assert card.text == fresh_card(lang, follower=True)
    unfollow = {"id": "Berhenti ikuti", "en": "Unfollow"}[lang]
    assert (await alice.press(unfollow)).text == REFRESHED[lang]
    edited = await alice.next_message()
    assert (edited.message_id, edited.text) == (card.message_id, fresh_card(lang, follower=False))
    assert edited.buttons == card_buttons(lang, follower=False)
    assert not await follows(bot_with_clock, alice)
