"""Notices that say what to do next: returned, fee payment, issued — as the applicant reads them."""

from __future__ import annotations

from bot.handlers.context import BotApplication
from sandbox import Person
from storage.workflow import Action
from tests.e2e.applicant_steps import (
    LANGUAGES,
    NUMBER,
    OPENING_HOURS,
    OPENING_HOURS_EN,
    ask,
    register,
    speak,
    staff_id,
    store_of,
)

ADDRESS = "Jl. Surapati No. 1, Negara, Jembrana, Bali"
OFFICE = "DPMPTSP Kabupaten Jembrana"


async def followed_at(bot: BotApplication, person: Person, stage: str,
                      permit_type: str = "PBG") -> None:
    """A registered application advanced to `stage` and followed by the person."""
    await register(bot, permit_type=permit_type)
    store = store_of(bot)
    application = await store.applications.get(NUMBER)
    while application.stage != stage:
        application = (await store.applications.change(NUMBER, Action.ADVANCE,
                                                       staff_id=staff_id(bot))).application
    await store.followers.follow(application, person.id, 20)


RETURNED = {
    "id": "\n".join([
        f"📎 Berkas {NUMBER} dikembalikan kepada Anda untuk dilengkapi.",
        "Yang perlu dilengkapi: Gambar denah dan fotokopi sertifikat tanah",
        f"📍 Serahkan kekurangannya bersama tanda terima ke loket {OFFICE}: {ADDRESS}",
        f"🕘 {OPENING_HOURS}",
        "📅 Paling lambat 16 Nov 2026 (10 hari kerja)",
        "☎️ Pertanyaan: (0365) 41210",
        "⏸ Selama menunggu berkas Anda, waktu layanan kantor tidak dihitung."]),
    "en": "\n".join([
        f"📎 {NUMBER} was returned to you: documents are missing.",
        "What is missing: Gambar denah dan fotokopi sertifikat tanah",
        f"📍 Hand in what is missing, with your receipt, at the counter of {OFFICE}: {ADDRESS}",
        f"🕘 {OPENING_HOURS_EN}",
        "📅 By 16 Nov 2026 (10 working days)",
        "☎️ Questions: (0365) 41210",
        "⏸ While we wait for your documents, the office's service time is not counted."]),
}


@LANGUAGES
async def test_the_returned_notice_says_what_where_by_when_and_whom_to_call(
        bot_with_clock: BotApplication, alice: Person, admin: Person, lang: str) -> None:
    await followed_at(bot_with_clock, alice, "field_inspection")
    await speak(alice, lang)
    await ask(admin, "/return 1 Gambar denah dan fotokopi sertifikat tanah")
    notice = await alice.next_message()
    assert notice.text == RETURNED[lang]
    assert notice.buttons == [[({"id": "📄 Lihat status", "en": "📄 View status"}[lang],
                                f"s:o:{NUMBER}")]]
