"""A returned application keeps the stage it reached; History tells what happened, and more."""

from __future__ import annotations

from bot.handlers.context import BotApplication
from sandbox import Person
from storage.workflow import Action
from tests.e2e.applicant_steps import (
    LANGUAGES,
    NUMBER,
    ask,
    register,
    speak,
    staff_id,
    stage_guide,
    store_of,
)

MISSING = "Gambar denah belum ada"


async def returned_from_inspection(bot: BotApplication, person: Person) -> None:
    """Register, advance to the field inspection, follow, and return it for completion."""
    await register(bot)
    store = store_of(bot)
    for _ in range(2):
        await store.applications.change(NUMBER, Action.ADVANCE, staff_id=staff_id(bot))
    await store.applications.change(NUMBER, Action.RETURN, staff_id=staff_id(bot),
                                    public_note=MISSING)
    await store.followers.follow(await store.applications.get(NUMBER), person.id, 20)


@LANGUAGES
async def test_the_card_of_a_returned_application_keeps_the_stage_it_reached(
        bot_with_clock: BotApplication, alice: Person, lang: str) -> None:
    await returned_from_inspection(bot_with_clock, alice)
    await speak(alice, lang)
    card = await ask(alice, NUMBER)
    assert (card.text or "").split("\n\n")[1:] == {
        "id": ["\n".join([
            "Tahap 3 dari 6: Survei lapangan · dikembalikan untuk dilengkapi", "▰▰▰▱▱▱",
            "Sejak 2 Nov 2026 (0 hari kerja)",
            "⏳ Menunggu tindakan Anda; waktu layanan kantor berhenti sementara.",
            "Berikutnya: setelah berkas lengkap diserahkan, Verifikasi berkas"]),
            "\n".join(["Riwayat", "2 Nov 2026 · Berkas diterima", "2 Nov 2026 · Verifikasi berkas",
                       "2 Nov 2026 · Survei lapangan",
                       "2 Nov 2026 · 📎 Dikembalikan untuk dilengkapi (dari tahap Survei "
                       f"lapangan) — {MISSING}"])],
        "en": ["\n".join([
            "Stage 3 of 6: Field inspection · returned for completion", "▰▰▰▱▱▱",
            "Since 2 Nov 2026 (0 working days)",
            "⏳ Waiting for you; the office's service clock is paused.",
            "Next: once the missing documents are handed in, Document check"]),
            "\n".join(["History", "2 Nov 2026 · Received", "2 Nov 2026 · Document check",
                       "2 Nov 2026 · Field inspection",
                       "2 Nov 2026 · 📎 Returned for completion (from stage Field inspection) "
                       f"— {MISSING}"])],
    }[lang]


@LANGUAGES
async def test_history_shows_every_stage_with_its_description_and_the_resubmission(
        bot_with_clock: BotApplication, alice: Person, lang: str) -> None:
    await returned_from_inspection(bot_with_clock, alice)
    await store_of(bot_with_clock).applications.change(NUMBER, Action.ADVANCE,
                                                       staff_id=staff_id(bot_with_clock))
    await alice.next_message()  # the notice of the move
    await speak(alice, lang)
    await ask(alice, NUMBER)
    await alice.press({"id": "Riwayat", "en": "History"}[lang])
    history = await alice.next_message()
    sections = (history.text or "").split("\n\n")
    assert sections[1].splitlines() == stage_guide(lang, 2)
    assert sections[2].splitlines()[-1] == {
        "id": "2 Nov 2026 · Berkas lengkap diserahkan kembali → Verifikasi berkas",
        "en": "2 Nov 2026 · Documents handed in again → Document check"}[lang]


async def test_history_of_a_rejected_application_marks_where_it_stopped(
        bot_with_clock: BotApplication, alice: Person) -> None:
    await returned_from_inspection(bot_with_clock, alice)
    await store_of(bot_with_clock).applications.change(
        NUMBER, Action.REJECT, staff_id=staff_id(bot_with_clock), public_note="Jalur hijau")
    await alice.next_message()  # the notice of the rejection
    await ask(alice, NUMBER)
    await alice.press("Riwayat")
    sections = ((await alice.next_message()).text or "").split("\n\n")
    assert sections[1].splitlines() == stage_guide("id", 3, here="⛔")
