"""Clerk-friendly lookups: a typed number opens the staff view, /find reads phone numbers."""

from __future__ import annotations

import pytest

from bot.handlers.context import BotApplication
from sandbox import Person
from storage.workflow import Action
from tests.conftest import FakeClock
from tests.e2e.conftest import services_of
from tests.e2e.office import advance_to, ask, register


@pytest.mark.parametrize(("language", "typed", "title", "applicant"), [
    ("id", "#1", "🗂 JBR-2026-000001 · Persetujuan Bangunan Gedung",
     "Pemohon: I Wayan Sudarma"),
    ("en", "jbr 2026 1", "🗂 JBR-2026-000001 · Building approval",
     "Applicant: I Wayan Sudarma"),
])
async def test_a_clerk_typing_a_number_gets_the_staff_view(
        bot_with_clock: BotApplication, admin: Person, alice: Person, language: str,
        typed: str, title: str, applicant: str) -> None:
    store = services_of(bot_with_clock).store
    await register(store, admin.id)
    await store.followers.set_language(admin.id, language)

    view = await ask(admin, typed)

    assert (view.text or "").splitlines()[:2] == [title, applicant]
    assert view.buttons  # the next steps, as /view gives them
    # An applicant typing the same number keeps the public card, the name masked.
    card = (await ask(alice, "JBR-2026-000001")).text or ""
    assert card.startswith("📄 JBR-2026-000001")
    assert "I Wayan Sudarma" not in card


async def test_a_short_number_is_only_for_staff(bot_with_clock: BotApplication,
                                                admin: Person, alice: Person) -> None:
    await register(services_of(bot_with_clock).store, admin.id)
    assert "Pemohon: I Wayan Sudarma" in ((await ask(admin, "# 1")).text or "")
    assert (await ask(alice, "#1")).text == (  # applicants are shown what to type
        "Maaf, saya belum mengerti. Kirim nomor pendaftaran, mis. JBR-2026-000123, atau /help "
        "untuk daftar perintah.")
    assert (await ask(admin, "#999")).text == "Nomor JBR-2026-000999 tidak ditemukan."


@pytest.mark.parametrize(("language", "typed", "expected"), [
    ("id", "/find +62 812-3456-7890",
     "Hasil pencarian (1)\n• JBR-2026-000001 I Wayan Sudarma · PBG · Berkas diterima"),
    ("id", "/find 0812 3456", "Hasil pencarian (1)\n"
     "• JBR-2026-000001 I Wayan Sudarma · PBG · Berkas diterima"),
    ("en", "/find 62812-3456-7890",
     "Search results (1)\n• JBR-2026-000001 I Wayan Sudarma · PBG · Received"),
    ("en", "/find GATOT", "Search results (1)\n• JBR-2026-000002 Ni Luh Sari · SIP · Received"),
    ("en", "/find 0813", "Nothing matches «0813»."),
])
async def test_find_reads_phone_numbers_in_any_format_and_the_contact(
        bot_with_clock: BotApplication, admin: Person, language: str, typed: str,
        expected: str) -> None:
    store = services_of(bot_with_clock).store
    await register(store, admin.id, contact="0812 3456 7890")
    await register(store, admin.id, "SIP", "Ni Luh Sari", contact="Jl. Gatot Subroto 1")
    await store.followers.set_language(admin.id, language)
    assert (await ask(admin, typed)).text == expected


async def test_find_by_a_common_prefix_fits_one_message(bot_with_clock: BotApplication,
                                                        admin: Person) -> None:
    store = services_of(bot_with_clock).store
    for n in range(40):
        await register(store, admin.id, name=f"{n:02d} " + "&" * 190, contact=f"0812 0000 {n:04d}")
    found = (await ask(admin, "/find +62 812")).text or ""
    assert found.startswith("Hasil pencarian (40)\n• JBR-2026-000040 39 &&&")
    assert found.endswith(" lainnya")
    assert len(found) <= 4096


@pytest.mark.parametrize(("language", "expected", "returned"), [
    ("id", ["Antrean (3 terbuka, terlama dulu)",
            "• JBR-2026-000002 SIP · Berkas diterima · 2 hari kerja di tahap",
            "• JBR-2026-000003 PBG · Verifikasi berkas · 1 hari kerja di tahap",
            "• JBR-2026-000001 PBG · Berkas dikembalikan untuk dilengkapi · "
            "⏳ menunggu pemohon, 2 hari kerja"],
     "Antrean · Berkas dikembalikan untuk dilengkapi (1 terbuka, terlama dulu)"),
    ("en", ["Queue (3 open, oldest first)",
            "• JBR-2026-000002 SIP · Received · 2 working days in stage",
            "• JBR-2026-000003 PBG · Document check · 1 working day in stage",
            "• JBR-2026-000001 PBG · Returned for completion · "
            "⏳ waiting on the applicant, 2 working days"],
     "Queue · Returned for completion (1 open, oldest first)"),
])
async def test_queue_names_stages_and_puts_waits_on_the_applicant_last(
        bot_with_clock: BotApplication, clock: FakeClock, admin: Person, language: str,
        expected: list[str], returned: str) -> None:
    store = services_of(bot_with_clock).store
    waiting = await register(store, admin.id)
    await store.applications.change(waiting.number, Action.RETURN, staff_id=admin.id,
                                    public_note="Lampirkan IMB lama")
    await register(store, admin.id, "SIP", "Ni Luh Sari")
    clock.advance(days=1)
    moved = await register(store, admin.id, "PBG", "Putu Eka")
    await advance_to(store, moved.number, "document_check", admin.id)
    clock.advance(days=1)
    await store.followers.set_language(admin.id, language)

    assert ((await ask(admin, "/queue")).text or "").splitlines() == expected
    assert ((await ask(admin, "/queue returned")).text or "").splitlines() == [
        returned, expected[-1]]


async def test_audit_reads_as_sentences_in_english(bot_with_clock: BotApplication,
                                                   clock: FakeClock, admin: Person) -> None:
    store = services_of(bot_with_clock).store
    await register(store, admin.id, contact="")
    clock.advance(hours=1)
    await store.applications.change("JBR-2026-000001", Action.RETURN, staff_id=admin.id,
                                    public_note="Attach the old <IMB>")
    await store.followers.set_language(admin.id, "en")

    assert (await ask(admin, "/audit 1")).text == (
        "Audit trail of JBR-2026-000001\n"
        f"2 Nov 2026 09:00 · Admin {admin.id} registered a Building approval application for "
        "I Wayan Sudarma\n"
        f"2 Nov 2026 10:00 · Admin {admin.id} returned it to the applicant\n"
        "   public: Attach the old <IMB>")
