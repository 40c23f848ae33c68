"""The status card: what /status and a typed number show, to followers and to strangers."""

from __future__ import annotations

import pytest

from bot.handlers.context import BotApplication
from sandbox import Person
from storage.workflow import Action
from tests.conftest import FakeClock
from tests.e2e.applicant_steps import (
    LANGUAGES,
    NUMBER,
    PICKUP_HOURS,
    PICKUP_HOURS_EN,
    ask,
    card_buttons,
    fresh_card,
    register,
    speak,
    staff_id,
    store_of,
)

FOLLOWER_CARD = {
    "id": "\n".join([
        f"📄 {NUMBER}", "Persetujuan Bangunan Gedung", "Pemohon: Ida Wulandari", "",
        "Tahap 2 dari 6: Verifikasi berkas", "▰▰▱▱▱▱", "Sejak 3 Nov 2026 (5 hari kerja)",
        "Target selesai 1 Des 2026 — tepat waktu, sisa 15 hari kerja",
        "Berikutnya: Survei lapangan",
        "⏱ Biasanya selesai 17 hari kerja lagi, sekitar 3 Des 2026",
        "👥 Ke-1 dari 1 permohonan di tahap ini", "",
        "Riwayat", "2 Nov 2026 · Berkas diterima",
        "3 Nov 2026 · Verifikasi berkas — Berkas lengkap",
        "5 Nov 2026 · Catatan — Mohon lampirkan IMB lama"]),
    "en": "\n".join([
        f"📄 {NUMBER}", "Building approval", "Applicant: Ida Wulandari", "",
        "Stage 2 of 6: Document check", "▰▰▱▱▱▱", "Since 3 Nov 2026 (5 working days)",
        "Due 1 Dec 2026 — on time, 15 working days left", "Next: Field inspection",
        "⏱ Usually done in 17 more working days, around 3 Dec 2026",
        "👥 Number 1 of 1 application at this stage", "",
        "History", "2 Nov 2026 · Received", "3 Nov 2026 · Document check — Berkas lengkap",
        "5 Nov 2026 · Note — Mohon lampirkan IMB lama"]),
}
STRANGER_CARD = {
    "id": "\n".join([
        f"📄 {NUMBER}", "Persetujuan Bangunan Gedung", "Pemohon: I***** W*****", "",
        "Tahap 2 dari 6: Verifikasi berkas", "▰▰▱▱▱▱", "Sejak 3 Nov 2026 (5 hari kerja)",
        "Target selesai 1 Des 2026 — tepat waktu, sisa 15 hari kerja",
        "Berikutnya: Survei lapangan",
        "⏱ Biasanya selesai 17 hari kerja lagi, sekitar 3 Des 2026",
        "👥 Ke-1 dari 1 permohonan di tahap ini", "",
        "🔒 Ikuti permohonan ini dengan kode akses untuk melihat nama lengkap dan catatan "
        "petugas.", "",
        "Riwayat", "2 Nov 2026 · Berkas diterima", "3 Nov 2026 · Verifikasi berkas"]),
    "en": "\n".join([
        f"📄 {NUMBER}", "Building approval", "Applicant: I***** W*****", "",
        "Stage 2 of 6: Document check", "▰▰▱▱▱▱", "Since 3 Nov 2026 (5 working days)",
        "Due 1 Dec 2026 — on time, 15 working days left", "Next: Field inspection",
        "⏱ Usually done in 17 more working days, around 3 Dec 2026",
        "👥 Number 1 of 1 application at this stage", "",
        "🔒 Follow this application with its access code to see the full name and the "
        "staff's notes.", "",
        "History", "2 Nov 2026 · Received", "3 Nov 2026 · Document check"]),
}


async def in_document_check(bot: BotApplication, clock: FakeClock) -> None:
    """Received Mon 2 Nov, checked from Tue 3 Nov with a note on Thu 5 Nov; now Tue 10 Nov."""
    await register(bot)
    changes = store_of(bot).applications
    clock.advance(days=1)
    await changes.change(NUMBER, Action.ADVANCE, staff_id=staff_id(bot),
                         public_note="Berkas lengkap", internal_note="cek ulang IMB")
    clock.advance(days=2)
    await changes.change(NUMBER, Action.NOTE, staff_id=staff_id(bot),
                         public_note="Mohon lampirkan IMB lama")
    clock.advance(days=5)


async def follow_quietly(bot: BotApplication, person: Person, number: str = NUMBER) -> None:
    """Make the person a follower through the store (no notification is queued)."""
    store = store_of(bot)
    await store.followers.follow(await store.applications.get(number), person.id, 20)


@LANGUAGES
async def test_follower_sees_stage_progress_due_date_and_notes(
        bot_with_clock: BotApplication, clock: FakeClock, alice: Person, lang: str) -> None:
    await in_document_check(bot_with_clock, clock)
    await follow_quietly(bot_with_clock, alice)
    await speak(alice, lang)
    card = await ask(alice, f"/status {NUMBER}")
    assert card.text == FOLLOWER_CARD[lang]
    assert card.buttons == card_buttons(lang, follower=True)


@LANGUAGES
async def test_stranger_sees_masked_name_and_no_notes(
        bot_with_clock: BotApplication, clock: FakeClock, alice: Person, lang: str) -> None:
    await in_document_check(bot_with_clock, clock)
    await speak(alice, lang)
    card = await ask(alice, f"/status {NUMBER}")
    assert card.text == STRANGER_CARD[lang]
    assert card.buttons == card_buttons(lang, follower=False)


@LANGUAGES
async def test_text_that_looks_like_a_number_opens_the_card(
        bot_with_clock: BotApplication, alice: Person, lang: str) -> None:
    await register(bot_with_clock)
    await speak(alice, lang)
    for typed in ("jbr 2026 1", "JBR2026000001", NUMBER, " jbr/2026/000001 ",
                  "/status jbr 2026 1", f"/status {NUMBER}"):
        card = await ask(alice, typed)
        assert card.text == fresh_card(lang, follower=False), typed
        assert card.buttons == card_buttons(lang, follower=False)


@LANGUAGES
async def test_overdue_application_says_by_how_many_working_days(
        bot_with_clock: BotApplication, clock: FakeClock, alice: Person, lang: str) -> None:
    await in_document_check(bot_with_clock, clock)
    clock.advance(days=23)  # Thursday 3 Dec 2026, two working days after the due date
    await speak(alice, lang)
    lines = (await ask(alice, NUMBER)).text.splitlines()  # type: ignore[union-attr]
    assert lines[6:8] == {
        "id": ["Sejak 3 Nov 2026 (22 hari kerja)",
               "Target selesai 1 Des 2026 — ⚠️ terlambat 2 hari kerja"],
        "en": ["Since 3 Nov 2026 (22 working days)",
               "Due 1 Dec 2026 — ⚠️ overdue by 2 working days"],
    }[lang]


@LANGUAGES
async def test_stage_waiting_on_the_applicant_pauses_the_clock(
        bot_with_clock: BotApplication, alice: Person, lang: str) -> None:
    await register(bot_with_clock)
    for _ in range(4):
        await store_of(bot_with_clock).applications.change(
            NUMBER, Action.ADVANCE, staff_id=staff_id(bot_with_clock))
    await speak(alice, lang)
    lines = (await ask(alice, NUMBER)).text.splitlines()  # type: ignore[union-attr]
    assert lines[4:9] == {
        "id": ["Tahap 5 dari 6: Pembayaran retribusi (SKRD)", "▰▰▰▰▰▱",
               "Sejak 2 Nov 2026 (0 hari kerja)",
               "⏳ Sekarang giliran Anda: silakan bayar retribusi sesuai SKRD. Selama menunggu, "
               "waktu layanan kantor tidak dihitung.",
               "Berikutnya: Penandatanganan"],
        "en": ["Stage 5 of 6: Fee payment", "▰▰▰▰▰▱", "Since 2 Nov 2026 (0 working days)",
               "⏳ It is your turn now: please pay the fee as set out in the billing notice "
               "(SKRD). While we wait, the office's service time is not counted.",
               "Next: Signing"],
    }[lang]


@LANGUAGES
async def test_issued_application_shows_decision_and_pickup(
        bot_with_clock: BotApplication, clock: FakeClock, alice: Person, lang: str) -> None:
    await register(bot_with_clock, permit_type="SIP")
    for action in (Action.ADVANCE, Action.ADVANCE, Action.ADVANCE, Action.ISSUE):
        await store_of(bot_with_clock).applications.change(
            NUMBER, action, staff_id=staff_id(bot_with_clock))
        clock.advance(days=1)
    await follow_quietly(bot_with_clock, alice)
    await speak(alice, lang)
    assert (await ask(alice, NUMBER)).text == {
        "id": "\n".join([
            f"📄 {NUMBER}", "Surat Izin Praktik Tenaga Kesehatan", "Pemohon: Ida Wulandari", "",
            "Izin terbit, siap diambil", "Selesai 5 Nov 2026 — dalam standar waktu layanan",
            f"📍 Ambil di DPMPTSP Kabupaten Jembrana ({PICKUP_HOURS})", "",
            "Riwayat", "2 Nov 2026 · Berkas diterima", "2 Nov 2026 · Verifikasi berkas",
            "3 Nov 2026 · Rekomendasi Dinas Kesehatan", "4 Nov 2026 · Penandatanganan",
            "5 Nov 2026 · Izin terbit, siap diambil"]),
        "en": "\n".join([
            f"📄 {NUMBER}", "Health practice licence", "Applicant: Ida Wulandari", "",
            "Issued, ready for pickup", "Decided 5 Nov 2026 — within the service standard",
            f"📍 Collect at DPMPTSP Kabupaten Jembrana ({PICKUP_HOURS_EN})", "",
            "History", "2 Nov 2026 · Received", "2 Nov 2026 · Document check",
            "3 Nov 2026 · Health office recommendation", "4 Nov 2026 · Signing",
            "5 Nov 2026 · Issued, ready for pickup"]),
    }[lang]


LATE_DECISIONS = {
    # A late rejection says how late; a withdrawal is the applicant's, not measured.
    Action.REJECT: {"id": ["Ditolak", "Selesai 12 Nov 2026 — 1 hari kerja melewati standar"],
                    "en": ["Rejected", "Decided 12 Nov 2026 — 1 working day past the standard"]},
    Action.WITHDRAW: {"id": ["Dibatalkan oleh pemohon", "Ditutup 12 Nov 2026"],
                      "en": ["Withdrawn by the applicant", "Closed 12 Nov 2026"]},
}


@LANGUAGES
@pytest.mark.parametrize("action", list(LATE_DECISIONS))
async def test_a_late_decision_as_a_stranger_sees_it(
        bot_with_clock: BotApplication, clock: FakeClock, alice: Person, lang: str,
        action: Action) -> None:
    await register(bot_with_clock, permit_type="SIP")  # due Wednesday 11 Nov
    clock.advance(days=10)  # Thursday 12 Nov
    await store_of(bot_with_clock).applications.change(
        NUMBER, action, staff_id=staff_id(bot_with_clock), public_note="Tidak lengkap")
    await speak(alice, lang)
    lines = (await ask(alice, NUMBER)).text.splitlines()  # type: ignore[union-attr]
    assert lines[4:6] == LATE_DECISIONS[action][lang]
    assert lines[-1] == f"12 Nov 2026 · {LATE_DECISIONS[action][lang][0]}"


@LANGUAGES
async def test_a_number_inside_a_sentence_is_looked_up(bot_with_clock: BotApplication,
                                                       alice: Person, lang: str) -> None:
    await register(bot_with_clock)
    await speak(alice, lang)

    card = await ask(alice, "Halo, permohonan saya jbr 2026 1 sudah sampai mana?")

    assert card.text == fresh_card(lang, follower=False)
    assert card.buttons == card_buttons(lang, follower=False)
