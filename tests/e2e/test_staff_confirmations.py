"""Confirm what cannot be taken back: typed /reject, /withdraw and /issue ask first."""

from __future__ import annotations

from bot.handlers.context import BotApplication
from sandbox import Person
from tests.conftest import FakeClock
from tests.e2e.applicant_steps import LANGUAGES, speak
from tests.e2e.conftest import services_of
from tests.e2e.office import CONFIRM, advance_to, ask, confirm, register, snapshot

QUESTION = {
    "id": "⚠️ Tolak permohonan ini?\n{number} · Persetujuan Bangunan Gedung\n"
          "Pemohon: I***** W***** S*****\nTahap sekarang: Berkas diterima\n"
          "Alasan: Lokasi di jalur hijau\nTombol ini berlaku 5 menit.",
    "en": "⚠️ Reject this application?\n{number} · Building approval\n"
          "Applicant: I***** W***** S*****\nStage now: Received\n"
          "Reason: Lokasi di jalur hijau\nThese buttons work for 5 minutes.",
}
CANCEL = {"id": "Batal", "en": "Cancel"}
CANCELLED = {"id": "Dibatalkan. Tidak ada yang diubah.", "en": "Cancelled. Nothing was changed."}
EXPIRED = {
    "id": "⌛ Konfirmasi ini sudah kedaluwarsa (berlaku 5 menit). Tidak ada yang diubah; kirim "
          "lagi perintahnya bila masih perlu.",
    "en": "⌛ This confirmation has expired (it worked for 5 minutes). Nothing was changed; "
          "send the command again if it is still needed.",
}
REJECTED = {"id": "✅ {number}: Berkas diterima → Ditolak. Pengikut dikabari: 1.",
            "en": "✅ {number}: Received → Rejected. Followers told: 1."}


@LANGUAGES
async def test_a_typed_reject_shows_the_card_and_waits_for_confirm(
        bot_with_clock: BotApplication, admin: Person, alice: Person, lang: str) -> None:
    store = services_of(bot_with_clock).store
    number = (await register(store, admin.id)).number
    await ask(alice, f"/follow {number} 123456")
    await speak(admin, lang)
    before = await snapshot(store, number)

    question = await ask(admin, "/reject 1 Lokasi di jalur hijau // cek RTRW")

    assert question.text == QUESTION[lang].format(number=number)
    assert [label for label, _ in question.buttons[0]] == [CONFIRM[lang], CANCEL[lang]]
    assert await snapshot(store, number) == before
    assert (await confirm(admin, lang)).text == REJECTED[lang].format(number=number)
    application = await store.applications.get(number)
    entry = (await store.applications.history(application.id))[-1]
    assert (entry.to_stage, entry.public_note, entry.internal_note) == (
        "rejected", "Lokasi di jalur hijau", "cek RTRW")
    assert (await alice.next_message()).text.startswith(  # type: ignore[union-attr]
        f"❌ Permohonan {number}")


@LANGUAGES
async def test_cancel_changes_nothing(bot_with_clock: BotApplication, admin: Person,
                                      lang: str) -> None:
    store = services_of(bot_with_clock).store
    number = (await register(store, admin.id)).number
    await speak(admin, lang)
    await ask(admin, "/withdraw 1 Pemohon pindah kota")
    before = await snapshot(store, number)

    await admin.press(CANCEL[lang])
    assert (await admin.next_message()).buttons == []

    assert (await admin.next_message()).text == CANCELLED[lang]
    assert await snapshot(store, number) == before


@LANGUAGES
async def test_a_confirmation_pressed_late_has_expired_and_says_so(
        bot_with_clock: BotApplication, clock: FakeClock, admin: Person, lang: str) -> None:
    store = services_of(bot_with_clock).store
    number = (await register(store, admin.id)).number
    await speak(admin, lang)
    await ask(admin, "/reject 1 Lokasi di jalur hijau")
    before = await snapshot(store, number)
    clock.advance(minutes=5, seconds=1)

    assert (await confirm(admin, lang)).text == EXPIRED[lang]
    assert await snapshot(store, number) == before


async def test_within_the_lifetime_the_confirmation_still_applies(
        bot_with_clock: BotApplication, clock: FakeClock, admin: Person) -> None:
    store = services_of(bot_with_clock).store
    number = (await register(store, admin.id)).number
    await ask(admin, "/withdraw 1 Pemohon pindah kota")
    clock.advance(minutes=4, seconds=59)

    assert (await confirm(admin)).text == (
        f"✅ {number}: Berkas diterima → Dibatalkan oleh pemohon. Pengikut dikabari: 0.")
    assert (await store.applications.get(number)).stage == "withdrawn"


@LANGUAGES
async def test_a_typed_issue_shows_its_note(bot_with_clock: BotApplication, admin: Person,
                                            lang: str) -> None:
    store = services_of(bot_with_clock).store
    number = (await register(store, admin.id)).number
    await advance_to(store, number, "signing", admin.id)
    await speak(admin, lang)

    question = await ask(admin, "/issue 1 Ambil di loket 3")

    assert question.text == {
        "id": f"⚠️ Terbitkan izin untuk permohonan ini?\n{number} · Persetujuan Bangunan "
              "Gedung\nPemohon: I***** W***** S*****\nTahap sekarang: Penandatanganan\n"
              "Catatan: Ambil di loket 3\nTombol ini berlaku 5 menit.",
        "en": f"⚠️ Issue the permit for this application?\n{number} · Building approval"
              "\nApplicant: I***** W***** S*****\nStage now: Signing\n"
              "Note: Ambil di loket 3\nThese buttons work for 5 minutes.",
    }[lang]
    await confirm(admin, lang)
    assert (await store.applications.get(number)).stage == "issued"


async def test_a_question_about_an_application_that_moved_meanwhile_changes_nothing(
        bot_with_clock: BotApplication, admin: Person) -> None:
    store = services_of(bot_with_clock).store
    number = (await register(store, admin.id)).number
    await ask(admin, "/reject 1 Lokasi di jalur hijau")
    await advance_to(store, number, "document_check", admin.id)
    before = await snapshot(store, number)

    assert (await confirm(admin)).text == (
        f"Tombol ini sudah kedaluwarsa: {number} sudah berpindah ke tahap Verifikasi berkas. "
        "Tidak ada yang diubah; buka lagi dengan /view.\n"
        "Catatan Anda tidak ditambahkan: Lokasi di jalur hijau")
    assert await snapshot(store, number) == before
