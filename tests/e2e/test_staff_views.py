"""Staff views over a fortnight of work: queue, overdue list, search, full view, audit trail."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from bot.handlers.context import BotApplication
from office.dates import format_date, format_datetime
from office.settings import Settings
from sandbox import Person, Sandbox
from storage.models import Application, Role
from storage.store import Store
from storage.workflow import Action
from tests.conftest import FakeClock
from tests.e2e.conftest import services_of
from tests.e2e.office import ACCESS_CODE, advance_to, ask, hire, office_bot, register

STAGE_CODES = ("document_check, fee_payment, field_inspection, received, returned, signing, "
               "technical_review")


@dataclass(frozen=True)
class Office:
    """Five applications registered from Monday 2 November; now is Monday 23 November."""

    reklame: Application  # 2 Nov, still received: due 10 Nov, 9 working days late
    sip: Application  # 3 Nov, still received: due 12 Nov, 7 late
    waiting: Application  # REKLAME 2 Nov, fee payment since 4 Nov: the clock is stopped
    pbg: Application  # 3 Nov, document check since 5 Nov, followed, due in December
    tdup: Application  # 5 Nov, still received: due 16 Nov, 5 late
    issued: Application  # SIP 2 Nov, issued: decided, on no list
    store: Store


@pytest.fixture
async def clocked_bot(sandbox: Sandbox, admin: Person, settings: Settings, tmp_path: Path,
                      clock: FakeClock) -> AsyncIterator[BotApplication]:
    """The bot reading the test's clock."""
    async with office_bot(sandbox, admin, settings, tmp_path / "views.db", clock=clock) as bot:
        yield bot


@pytest.fixture
async def office(clocked_bot: BotApplication, sandbox: Sandbox, admin: Person,
                 clock: FakeClock) -> Office:
    """The applications, written in the past by moving the clock."""
    store = services_of(clocked_bot).store
    kadek = sandbox.add_user("Kadek", language_code="id")
    await hire(clocked_bot, kadek.id, Role.OPERATOR, "Kadek Dwi", by=admin.id)
    reklame = await register(store, admin.id, "REKLAME", "CV Reklame Jaya")
    issued = await register(store, admin.id, "SIP", "dr. Gede Arsana")
    await advance_to(store, issued.number, "issued", admin.id)
    clock.advance(days=1)
    sip = await register(store, admin.id, "SIP", "dr. Ni Luh Sari", contact="")
    pbg = await register(store, admin.id, "PBG", "I Wayan Sudarma")
    waiting = await register(store, admin.id, "REKLAME", "Toko Sinar")
    clock.advance(days=1)
    await advance_to(store, waiting.number, "fee_payment", admin.id)
    clock.advance(days=1)
    await store.applications.change(pbg.number, Action.ADVANCE, staff_id=kadek.id,
                                    public_note="Berkas lengkap", internal_note="cek IMB lama")
    clock.advance(hours=1)
    tdup = await register(store, admin.id, "TDUP", "PT Bali Indah")
    clock.now = clock.now.replace(day=23)
    return Office(reklame, sip, waiting, pbg, tdup, issued, store)


async def test_queue_lists_open_applications_oldest_in_stage_first(office: Office,
                                                                   admin: Person) -> None:
    o = office
    assert (await ask(admin, "/queue")).text == (
        "Antrean (5 terbuka, terlama dulu)\n"
        f"• {o.reklame.number} REKLAME · Berkas diterima · 15 hari kerja di tahap\n"
        f"• {o.sip.number} SIP · Berkas diterima · 14 hari kerja di tahap\n"
        f"• {o.pbg.number} PBG · Verifikasi berkas · 12 hari kerja di tahap\n"
        f"• {o.tdup.number} TDUP · Berkas diterima · 12 hari kerja di tahap\n"
        f"• {o.waiting.number} REKLAME · Pembayaran pajak reklame · ⏳ menunggu pemohon, "
        "13 hari kerja")
    assert (await ask(admin, "/queue RECEIVED")).text == (
        "Antrean · Berkas diterima (3 terbuka, terlama dulu)\n"
        f"• {o.reklame.number} REKLAME · Berkas diterima · 15 hari kerja di tahap\n"
        f"• {o.sip.number} SIP · Berkas diterima · 14 hari kerja di tahap\n"
        f"• {o.tdup.number} TDUP · Berkas diterima · 12 hari kerja di tahap")
    assert (await ask(admin, "/queue returned")).text == "Tidak ada permohonan terbuka."
    assert (await ask(admin, "/queue arsip")).text == (
        f"Tahap arsip tidak dikenal. Tahap yang berlaku: {STAGE_CODES}")


async def test_overdue_lists_the_most_overdue_first(office: Office, admin: Person) -> None:
    o = office
    assert (await ask(admin, "/overdue")).text == (
        "Terlambat (3)\n"
        f"• {o.reklame.number} REKLAME · Berkas diterima · lewat 9 hari kerja\n"
        f"• {o.sip.number} SIP · Berkas diterima · lewat 7 hari kerja\n"
        f"• {o.tdup.number} TDUP · Berkas diterima · lewat 5 hari kerja")


async def test_overdue_is_empty_when_all_are_on_time(clocked_bot: BotApplication,
                                                     admin: Person) -> None:
    await register(services_of(clocked_bot).store, admin.id)
    assert (await ask(admin, "/overdue")).text == "Tidak ada permohonan yang terlambat. 👍"


async def test_find_by_number_or_any_case_part_of_the_name(office: Office,
                                                           admin: Person) -> None:
    o = office
    assert (await ask(admin, "/find wAYAN sud")).text == (
        f"Hasil pencarian (1)\n• {o.pbg.number} I Wayan Sudarma · PBG · Verifikasi berkas")
    assert (await ask(admin, f"/find {o.tdup.number.lower().replace('-', ' ')}")).text == (
        f"Hasil pencarian (1)\n• {o.tdup.number} PT Bali Indah · TDUP · Berkas diterima")
    assert (await ask(admin, "/find DR.")).text == (
        "Hasil pencarian (2)\n"
        f"• {o.sip.number} dr. Ni Luh Sari · SIP · Berkas diterima\n"
        f"• {o.issued.number} dr. Gede Arsana · SIP · Izin terbit, siap diambil")
    assert (await ask(admin, "/find 100%")).text == "Tidak ada yang cocok dengan «100%»."
    assert (await ask(admin, "/find")).text == "Cara: /find nama, nomor atau telepon"


async def test_view_shows_everything_staff_need(office: Office, admin: Person,
                                                alice: Person) -> None:
    o = office
    await ask(alice, f"/follow {o.pbg.number} {ACCESS_CODE}")
    store = office.store
    history = await store.applications.history(o.pbg.id)
    zone = store.calendar.timezone
    created, checked = (format_datetime(e.at, "id", zone) for e in history)
    due = format_date(o.pbg.due_at, "id", zone)
    view = await ask(admin, "/view 4")
    assert view.text == (
        f"🗂 {o.pbg.number} · Persetujuan Bangunan Gedung\n"
        "Pemohon: I Wayan Sudarma\nKontak: 0812 3456 7890\nPengikut: 1\n\n"
        "Tahap 2 dari 6: Verifikasi berkas\n"
        f"Target selesai {due} — tepat waktu, sisa 7 hari kerja\n\n"
        "Riwayat\n"
        f"{created} · Berkas diterima · Admin {admin.id}\n"
        f"{checked} · Verifikasi berkas · Kadek Dwi\n"
        "   publik: Berkas lengkap\n   internal: cek IMB lama")
    assert [label for row in view.buttons for label, _ in row] == [
        "➡️ Survei lapangan", "📎 Kembalikan", "❌ Tolak", "↩️ Tarik permohonan"]
    assert ((await ask(admin, "/view 3")).text or "").startswith(
        f"🗂 {o.sip.number} · Surat Izin Praktik Tenaga Kesehatan\n"
        "Pemohon: dr. Ni Luh Sari\nKontak: -\nPengikut: 0\n")


async def test_audit_tells_who_did_what_when_in_sentences(
        office: Office, admin: Person, clock: FakeClock) -> None:
    o = office
    store = office.store
    await ask(admin, "/receipt 4")
    await admin.next_message()
    zone = store.calendar.timezone
    created = format_datetime(o.pbg.created_at, "id", zone)
    checked = format_datetime(o.pbg.created_at + timedelta(days=2), "id", zone)
    now = format_datetime(clock.now, "id", zone)
    assert (await ask(admin, "/audit 4")).text == (
        f"Jejak audit {o.pbg.number}\n"
        f"{created} · Admin {admin.id} mendaftarkan permohonan Persetujuan Bangunan Gedung "
        "atas nama I Wayan Sudarma, kontak 0812 3456 7890\n"
        f"{checked} · Kadek Dwi memajukan ke tahap «Verifikasi berkas»\n"
        "   publik: Berkas lengkap\n   internal: cek IMB lama\n"
        f"{now} · Admin {admin.id} membuat tanda terima dan kode akses baru; "
        "pengikut yang dilepas: 0")



async def test_view_and_audit_of_a_very_long_history_fit_one_message(
        bot: BotApplication, admin: Person) -> None:
    store = services_of(bot).store
    application = await register(store, admin.id)
    for step in range(30):
        await store.applications.change(
            application.number, Action.NOTE, staff_id=admin.id,
            public_note=f"{step:02d} " + "p" * 990, internal_note="i" * 1000)

    view = await ask(admin, f"/view {application.number}")
    audit = await ask(admin, f"/audit {application.number}")

    assert view.text is not None
    assert audit.text is not None
    assert "…dan " in view.text
    assert "langkah sebelumnya" in view.text
    assert "29 ppp" in view.text  # the newest step is kept
    assert "…dan " in audit.text
    assert len(view.text) <= 4096
    assert len(audit.text) <= 4096


async def test_view_of_a_returned_file_says_it_waits_on_the_applicant(
        clocked_bot: BotApplication, clock: FakeClock, admin: Person) -> None:
    store = services_of(clocked_bot).store
    application = await register(store, admin.id)
    clock.advance(days=1)
    await store.applications.change(application.number, Action.RETURN, staff_id=admin.id,
                                    public_note="Lampirkan IMB lama")

    view = (await ask(admin, f"/view {application.number}")).text or ""

    returned_on = format_date(clock.now, "id", store.calendar.timezone)
    assert view.splitlines()[5:7] == [
        "Tahap 2 dari 6: Berkas dikembalikan untuk dilengkapi",
        f"⏳ Menunggu pemohon sejak {returned_on}; waktu layanan berhenti sementara."]
