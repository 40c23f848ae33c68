"""Moving applications by command: advance, move, return, reject, issue, withdraw, note."""

from __future__ import annotations

from bot.handlers.context import BotApplication
from office.dates import format_datetime
from sandbox import Person, Sandbox
from storage.models import Application, Role
from storage.store import Store
from tests.conftest import FakeClock
from tests.e2e.conftest import services_of
from tests.e2e.office import (
    ACCESS_CODE,
    advance_to,
    ask,
    confirm,
    hire,
    reason_needed,
    register,
    snapshot,
)

PBG_CHAIN = [
    ("Berkas diterima", "Verifikasi berkas", "➡️ Survei lapangan"),
    ("Verifikasi berkas", "Survei lapangan", "➡️ Rekomendasi teknis (TPA/TPT)"),
    ("Survei lapangan", "Rekomendasi teknis (TPA/TPT)", "➡️ Pembayaran retribusi (SKRD)"),
    ("Rekomendasi teknis (TPA/TPT)", "Pembayaran retribusi (SKRD)", "➡️ Penandatanganan"),
    ("Pembayaran retribusi (SKRD)", "Penandatanganan", "✅ Terbitkan"),
]
FROM_RECEIVED = "".join(f"\n• {name}: {code}" for name, code in (
    ("Verifikasi berkas", "document_check"), ("Survei lapangan", "field_inspection"),
    ("Rekomendasi teknis (TPA/TPT)", "technical_review"),
    ("Pembayaran retribusi (SKRD)", "fee_payment"), ("Penandatanganan", "signing"),
    ("Berkas dikembalikan untuk dilengkapi", "returned"), ("Ditolak", "rejected"),
    ("Dibatalkan oleh pemohon", "withdrawn")))


def changed(number: str, from_stage: str, to_stage: str, notified: int = 0) -> str:
    """The confirmation staff get after a stage change."""
    return f"✅ {number}: {from_stage} → {to_stage}. Pengikut dikabari: {notified}."


async def stage_of(store: Store, number: str) -> str:
    """The application's current stage code."""
    return (await store.applications.get(number)).stage


async def follow(person: Person, application: Application) -> None:
    """The applicant follows with the access code from the receipt."""
    assert (await ask(person, f"/follow {application.number} {ACCESS_CODE}")).text == (
        f"✅ Anda sekarang mengikuti {application.number}. Kami akan mengabari setiap kali "
        "permohonan berpindah tahap.")


async def test_advance_walks_the_pbg_chain_to_issued(bot_with_clock: BotApplication,
                                                     clock: FakeClock, admin: Person) -> None:
    store = services_of(bot_with_clock).store
    number = (await register(store, admin.id)).number
    for from_stage, to_stage, next_button in PBG_CHAIN:
        clock.advance(seconds=31)  # a repeat within 30 s is asked about (next test)
        answer = await ask(admin, "/advance 1")
        assert answer.text == changed(number, from_stage, to_stage)
        assert answer.buttons[0] == [(next_button, answer.buttons[0][0][1])]
        assert [label for label, _ in answer.buttons[1]] == [
            "📎 Kembalikan", "❌ Tolak", "↩️ Tarik permohonan"]
    clock.advance(seconds=31)
    issued = await ask(admin, "/advance 1")
    assert issued.text == changed(number, "Penandatanganan", "Izin terbit, siap diambil")
    # Decided: no next step, only the admin's undo (tests/e2e/test_staff_undo.py).
    assert [[label for label, _ in row] for row in issued.buttons] == [["⏪ Urungkan"]]
    assert (await ask(admin, "/advance 1")).text == (
        "Permohonan ini sudah diputuskan (Izin terbit, siap diambil); tidak ada yang diubah.")

    application = await store.applications.get(number)
    history = await store.applications.history(application.id)
    assert [entry.to_stage for entry in history] == [
        "received", "document_check", "field_inspection", "technical_review", "fee_payment",
        "signing", "issued"]
    assert {entry.staff_id for entry in history} == {admin.id}
    assert application.decided_at is not None


async def test_advance_sent_twice_is_asked_about_and_a_tap_advances_again(
        bot_with_clock: BotApplication, clock: FakeClock, sandbox: Sandbox,
        admin: Person) -> None:
    store = services_of(bot_with_clock).store
    number = (await register(store, admin.id)).number
    await ask(admin, "/advance 1")
    clock.advance(seconds=5)
    before = await snapshot(store, number)

    repeated = await ask(admin, "/advance 1")
    after = await snapshot(store, number)
    colleague = sandbox.add_user("Kadek", language_code="id")
    await hire(bot_with_clock, colleague.id, Role.OPERATOR, "Kadek Operator", by=admin.id)
    by_colleague = await ask(colleague, "/advance 1")

    assert repeated.text == (
        f"⚠️ Anda baru saja memindahkan {number} ke Verifikasi berkas 5 detik lalu, jadi "
        "/advance ini tidak dijalankan. Untuk memajukannya lagi, ketuk tombol di bawah.")
    assert after == before
    assert by_colleague.text == changed(number, "Verifikasi berkas", "Survei lapangan")
    await admin.press("➡️ Survei lapangan")  # on the warning: the stage moved on meanwhile
    assert (await admin.next_message()).buttons == []  # the warning loses its buttons
    assert (await admin.next_message()).text == (
        f"Tombol ini sudah kedaluwarsa: {number} sudah berpindah ke tahap Survei lapangan. "
        "Tidak ada yang diubah; buka lagi dengan /view.")
    assert await stage_of(store, number) == "field_inspection"
    again = await ask(admin, "/advance 1")  # the colleague's change came after their own
    assert again.text == changed(number, "Survei lapangan", "Rekomendasi teknis (TPA/TPT)")
    assert await stage_of(store, number) == "technical_review"


async def test_the_button_on_the_warning_advances_with_one_tap(
        bot_with_clock: BotApplication, admin: Person) -> None:
    store = services_of(bot_with_clock).store
    number = (await register(store, admin.id)).number
    await ask(admin, "/advance 1")
    assert (await ask(admin, "/advance 1")).text is not None  # the warning

    await admin.press("➡️ Survei lapangan")
    await admin.next_message()  # the warning loses its buttons

    assert (await admin.next_message()).text == changed(number, "Verifikasi berkas",
                                                         "Survei lapangan")
    assert await stage_of(store, number) == "field_inspection"


async def test_move_goes_anywhere_but_backwards_only_with_a_note(bot: BotApplication,
                                                                 admin: Person) -> None:
    store = services_of(bot).store
    number = (await register(store, admin.id)).number
    spaced = number.lower().replace("-", " ")  # typed as people type it
    assert (await ask(admin, f"/move {spaced} TECHNICAL_REVIEW")).text == changed(
        number, "Berkas diterima", "Rekomendasi teknis (TPA/TPT)")
    before = await snapshot(store, number)
    assert (await ask(admin, "/move 1 document_check")).text == (
        reason_needed("move"))
    assert (await ask(admin, "/move 1 document_check // hanya internal")).text == (
        reason_needed("move"))
    assert await snapshot(store, number) == before
    assert (await ask(admin, "/move 1 document_check Sertifikat tanah perlu dicek")).text == (
        changed(number, "Rekomendasi teknis (TPA/TPT)", "Verifikasi berkas"))
    history = await store.applications.history((await store.applications.get(number)).id)
    assert (history[-1].action, history[-1].public_note) == ("move", "Sertifikat tanah perlu dicek")


async def test_return_names_what_is_missing_and_advance_resubmits_to_document_check(
        bot: BotApplication, admin: Person, alice: Person) -> None:
    store = services_of(bot).store
    application = await register(store, admin.id)
    await advance_to(store, application.number, "field_inspection", admin.id)
    await follow(alice, application)
    before = await snapshot(store, application.number)
    for command in ("/return 1", "/return 1 // cuma internal"):
        assert (await ask(admin, command)).text == (
            reason_needed("return"))
    assert await snapshot(store, application.number) == before

    assert (await ask(admin, "/return 1 Gambar denah belum ada")).text == changed(
        application.number, "Survei lapangan", "Berkas dikembalikan untuk dilengkapi", 1)
    # The rest of the notice (where, by when…) is in tests/e2e/test_applicant_notices.py.
    assert ((await alice.next_message()).text or "").startswith(
        f"📎 Berkas {application.number} dikembalikan kepada Anda untuk dilengkapi.\n"
        "Yang perlu dilengkapi: Gambar denah belum ada\n")
    assert (await ask(admin, "/advance 1 Berkas sudah dilengkapi")).text == changed(
        application.number, "Berkas dikembalikan untuk dilengkapi", "Verifikasi berkas", 1)
    assert await stage_of(store, application.number) == "document_check"


async def test_reject_and_withdraw_need_a_reason(bot: BotApplication, admin: Person) -> None:
    store = services_of(bot).store
    rejected, withdrawn = await register(store, admin.id), await register(store, admin.id)
    before = await snapshot(store, rejected.number)
    for command in ("/reject 1", "/reject 1 // cuma internal", "/withdraw 1"):
        action = command.split()[0][1:]
        assert (await ask(admin, command)).text == (
            reason_needed(action))
    assert await snapshot(store, rejected.number) == before

    await ask(admin, "/reject 1 Lokasi di jalur hijau")
    assert (await confirm(admin)).text == changed(rejected.number, "Berkas diterima", "Ditolak")
    await ask(admin, "/withdraw 2 Pemohon membatalkan")
    assert (await confirm(admin)).text == changed(
        withdrawn.number, "Berkas diterima", "Dibatalkan oleh pemohon")
    assert (await ask(admin, "/withdraw 1 Salah ketik")).text == (
        "Permohonan ini sudah diputuskan (Ditolak); tidak ada yang diubah.")
    assert await stage_of(store, rejected.number) == "rejected"


async def test_issue_only_from_the_last_stage(bot: BotApplication, admin: Person) -> None:
    store = services_of(bot).store
    number = (await register(store, admin.id)).number
    before = await snapshot(store, number)
    refused = ("Perpindahan itu tidak bisa dari tahap Berkas diterima; tidak ada yang diubah. "
               "Yang bisa dari sini:"
               f"{FROM_RECEIVED}")
    assert (await ask(admin, "/issue 1")).text == refused
    assert (await ask(admin, "/move 1 issued")).text == refused
    assert await snapshot(store, number) == before
    await advance_to(store, number, "signing", admin.id)
    await ask(admin, "/issue 1 Silakan ambil di loket 3")
    assert (await confirm(admin)).text == changed(
        number, "Penandatanganan", "Izin terbit, siap diambil")


async def test_note_keeps_the_stage_and_tells_followers(bot: BotApplication, admin: Person,
                                                        alice: Person) -> None:
    store = services_of(bot).store
    application = await register(store, admin.id)
    await follow(alice, application)
    assert (await ask(admin, "/note 1")).text == reason_needed("note")
    answer = await ask(admin, "/note 1 Mohon bawa KTP asli // pemohon sering terlambat")
    assert answer.text == f"📝 Catatan ditambahkan ke {application.number}. Pengikut dikabari: 1."
    assert (await alice.next_message()).text == (
        f"📝 Catatan baru untuk {application.number}\nCatatan petugas: Mohon bawa KTP asli")
    assert await stage_of(store, application.number) == "received"
    history = await store.applications.history(application.id)
    assert [(e.action, e.to_stage, e.public_note, e.internal_note) for e in history[1:]] == [
        ("note", "received", "Mohon bawa KTP asli", "pemohon sering terlambat")]


async def test_internal_notes_show_in_view_and_never_to_applicants(
        bot: BotApplication, admin: Person, alice: Person) -> None:
    store = services_of(bot).store
    application = await register(store, admin.id)
    await follow(alice, application)
    await ask(admin, "/advance 1 Berkas lengkap // cek ulang IMB lama")
    notice = await alice.next_message()
    assert "IMB" not in (notice.text or "")
    assert (notice.text or "").endswith("Catatan petugas: Berkas lengkap")
    await alice.send(f"/status {application.number}")
    card = await alice.next_message()
    assert "Berkas lengkap" in (card.text or "")
    assert "IMB" not in (card.text or "")

    view = await ask(admin, "/view 1")
    history = await store.applications.history(application.id)
    assert [(e.staff_id, e.staff_name, e.internal_note) for e in history] == [
        (admin.id, f"Admin {admin.id}", ""), (admin.id, f"Admin {admin.id}", "cek ulang IMB lama")]
    zone = store.calendar.timezone
    created, advanced = (format_datetime(e.at, "id", zone) for e in history)
    assert (view.text or "").endswith(
        f"Riwayat\n{created} · Berkas diterima · Admin {admin.id}\n"
        f"{advanced} · Verifikasi berkas · Admin {admin.id}\n"
        "   publik: Berkas lengkap\n   internal: cek ulang IMB lama")


async def test_a_link_in_a_note_stays_whole_and_the_internal_part_stays_internal(
        bot: BotApplication, admin: Person, alice: Person) -> None:
    store = services_of(bot).store
    application = await register(store, admin.id)
    await follow(alice, application)
    link = "https://dpmptsp.example.go.id/syarat/pbg?tab=2#gambar"
    await ask(admin, f"/note 1 Unduh formulir di {link} // pemohon sudah ditelepon")

    assert (await alice.next_message()).text == (
        f"📝 Catatan baru untuk {application.number}\n"
        f"Catatan petugas: Unduh formulir di {link}")
    view = (await ask(admin, "/view 1")).text or ""
    assert view.endswith(f"   publik: Unduh formulir di {link}\n"
                         "   internal: pemohon sudah ditelepon")
