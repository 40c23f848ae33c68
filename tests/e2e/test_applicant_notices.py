"""Notices that say what to do next: returned, fee payment, issued — as the applicant reads them."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.handlers.context import BotApplication
from notifications.notices import Notices
from sandbox import Person, Sandbox
from storage.workflow import Action
from tests.conftest import FakeClock
from tests.e2e.applicant_steps import (
    LANGUAGES,
    NUMBER,
    OPENING_HOURS,
    OPENING_HOURS_EN,
    ask,
    quiet,
    register,
    speak,
    staff_id,
    store_of,
)
from tests.e2e.office import confirm

WITA = ZoneInfo("Asia/Makassar")
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


PAY_ID = ("🏦 Bayar di Bank BPD Bali atau lewat QRIS/ATM dengan kode bayar pada SKRD; simpan "
          "bukti bayar.")
PAY_EN = ("🏦 Pay at Bank BPD Bali, or by QRIS/ATM with the payment code on the SKRD; keep the "
          "receipt.")
FEE_NOTICE = {
    "id": "\n".join([
        f"🔔 {NUMBER} berpindah tahap",
        "Rekomendasi teknis (TPA/TPT) → Pembayaran retribusi (SKRD)",
        "💳 Retribusi: Rp 1.250.000", "🧾 Kode bayar (SKRD): SKRD/2026/0456",
        "📅 Bayar paling lambat 11 Nov 2026", PAY_ID,
        "⏳ Langkah ini giliran Anda; waktu layanan kantor berhenti sementara sampai langkah ini "
        f"selesai. Pertanyaan: {OFFICE}, (0365) 41210."]),
    "en": "\n".join([
        f"🔔 {NUMBER} moved to another stage",
        "Technical review → Fee payment",
        "💳 Fee: IDR 1,250,000", "🧾 Billing code (SKRD): SKRD/2026/0456",
        "📅 Pay by 11 Nov 2026", PAY_EN,
        "⏳ This step is yours; the office's service clock is paused until it is done. "
        f"Questions: {OFFICE}, (0365) 41210."]),
}
FEE_CARD = {
    "id": ["Tahap 5 dari 6: Pembayaran retribusi (SKRD)", "▰▰▰▰▰▱",
           "Sejak 2 Nov 2026 (0 hari kerja)",
           "⏳ Sekarang giliran Anda: silakan bayar retribusi sesuai SKRD. Selama menunggu, "
           "waktu layanan kantor tidak dihitung.",
           "💳 Retribusi: Rp 1.250.000", "🧾 Kode bayar (SKRD): SKRD/2026/0456",
           "📅 Bayar paling lambat 11 Nov 2026", "Berikutnya: Penandatanganan"],
    "en": ["Stage 5 of 6: Fee payment", "▰▰▰▰▰▱", "Since 2 Nov 2026 (0 working days)",
           "⏳ It is your turn now: please pay the fee as set out in the billing notice (SKRD). "
           "While we wait, the office's service time is not counted.",
           "💳 Fee: IDR 1,250,000", "🧾 Billing code (SKRD): SKRD/2026/0456",
           "📅 Pay by 11 Nov 2026", "Next: Signing"],
}


@LANGUAGES
async def test_fee_moves_into_the_fee_stage_and_tells_what_where_and_by_when(
        bot_with_clock: BotApplication, alice: Person, admin: Person, lang: str) -> None:
    await followed_at(bot_with_clock, alice, "technical_review")
    await speak(alice, lang)
    confirmed = await ask(admin, "/fee 1 Rp 1.250.000 SKRD/2026/0456")
    assert confirmed.text == (
        f"💳 {NUMBER}: Rp 1.250.000 · SKRD/2026/0456 · bayar paling lambat 11 Nov 2026. "
        "Tahap: Pembayaran retribusi (SKRD). Pengikut dikabari: 1.")
    assert (await alice.next_message()).text == FEE_NOTICE[lang]
    card = await ask(alice, NUMBER)
    assert (card.text or "").split("\n\n")[1].splitlines() == FEE_CARD[lang]
    view = await ask(admin, "/view 1")
    assert "💳 Rp 1.250.000 · SKRD SKRD/2026/0456 · jatuh tempo 11 Nov 2026" in (
        view.text or "").splitlines()


async def test_the_bill_is_not_shown_to_a_chat_that_does_not_follow(
        bot_with_clock: BotApplication, alice: Person, admin: Person, sandbox: Sandbox) -> None:
    await followed_at(bot_with_clock, alice, "technical_review")
    await ask(admin, "/fee 1 1250000 SKRD/2026/0456")
    stranger = sandbox.add_user("Komang", language_code="id")
    card = await ask(stranger, NUMBER)
    assert "SKRD/2026/0456" not in (card.text or "")
    assert "Rp 1.250.000" not in (card.text or "")


FEE_CORRECTED = {
    "id": "\n".join([f"💳 Tagihan retribusi untuk {NUMBER} sudah tercatat.",
                     "💳 Retribusi: Rp 1.300.000", "🧾 Kode bayar (SKRD): SKRD-2026-0457",
                     "📅 Bayar paling lambat 20 Nov 2026", PAY_ID,
                     "☎️ Pertanyaan: (0365) 41210"]),
    "en": "\n".join([f"💳 The bill for {NUMBER} has been recorded.",
                     "💳 Fee: IDR 1,300,000", "🧾 Billing code (SKRD): SKRD-2026-0457",
                     "📅 Pay by 20 Nov 2026", PAY_EN, "☎️ Questions: (0365) 41210"]),
}


@LANGUAGES
async def test_a_bill_corrected_at_the_fee_stage_is_sent_again(
        bot_with_clock: BotApplication, alice: Person, admin: Person, lang: str) -> None:
    await followed_at(bot_with_clock, alice, "fee_payment")
    await speak(alice, lang)
    confirmed = await ask(admin, "/fee 1 1,300,000 SKRD-2026-0457 2026-11-20")
    assert (confirmed.text or "").startswith(f"💳 {NUMBER}: Rp 1.300.000 · SKRD-2026-0457")
    assert (await alice.next_message()).text == FEE_CORRECTED[lang]


FEE_USAGE = ("Cara: /fee 123 1.250.000 SKRD/2026/0456 (nomor, jumlah, kode bayar; tanggal jatuh "
             "tempo opsional, mis. 2026-12-20). Dari tahap sebelum pembayaran, permohonan "
             "sekaligus masuk ke tahap pembayaran.")


@pytest.mark.parametrize(("command", "answer"), [
    ("/fee 1", FEE_USAGE), ("/fee 1 1250000", FEE_USAGE), ("/fee 1 satu SKRD-1", FEE_USAGE),
    ("/fee 1 1250000 SKRD-1 kemarin", FEE_USAGE), ("/fee 1 1250000 SKRD-1 2026-10-01", FEE_USAGE),
    ("/fee 1 1250000 SKRD-1 2026-02-30", FEE_USAGE),
    ("/fee 1 0 SKRD-1", "Jumlah retribusi harus lebih dari 0, mis. 1.250.000."),
    ("/fee 1 1250000 <b>", "Kode bayar (SKRD) 3 sampai 40 huruf, angka, titik, garis miring atau "
                           "tanda hubung, mis. SKRD/2026/0456."),
])
async def test_a_malformed_bill_is_refused_and_changes_nothing(
        bot_with_clock: BotApplication, alice: Person, admin: Person, command: str,
        answer: str) -> None:
    await followed_at(bot_with_clock, alice, "technical_review")
    assert (await ask(admin, command)).text == answer
    store = store_of(bot_with_clock)
    application = await store.applications.get(NUMBER)
    assert application.stage == "technical_review"
    assert await store.fees.find(application.id) is None
    quiet(alice)


@pytest.mark.parametrize(("permit_type", "stage", "answer"), [
    ("PBG", "document_check", "Tagihan dicatat saat permohonan masuk ke tahap pembayaran atau "
                              f"sudah di tahap itu. {NUMBER} sekarang di tahap Verifikasi berkas."),
    ("SIP", "document_check", f"Jenis izin {NUMBER} tidak punya tahap pembayaran; tidak ada "
                              "yang dicatat."),
])
async def test_a_bill_out_of_place_is_explained(bot_with_clock: BotApplication, alice: Person,
                                                admin: Person, permit_type: str, stage: str,
                                                answer: str) -> None:
    await followed_at(bot_with_clock, alice, stage, permit_type)
    assert (await ask(admin, "/fee 1 1250000 SKRD-1")).text == answer
    quiet(alice)


PICKUP_ID = "Senin\u2013Jumat 09.00\u201312.00 WITA, loket pengambilan izin"
PICKUP_EN = "Mon\u2013Fri 09.00\u201312.00 WITA, permit pickup counter"
ISSUED = {
    "id": "\n".join([
        f"🎉 Persetujuan Bangunan Gedung Anda ({NUMBER}) sudah terbit dan bisa diambil.",
        f"📍 Ambil di {OFFICE}: {ADDRESS}", f"🕘 {PICKUP_ID}", "Bawa tanda terima dan KTP.",
        "Catatan petugas: Asli diambil di loket 3"]),
    "en": "\n".join([
        f"🎉 Your Building approval ({NUMBER}) has been issued and can be collected.",
        f"📍 Collect at {OFFICE}: {ADDRESS}", f"🕘 {PICKUP_EN}", "Bring your receipt and ID card.",
        "Staff note: Asli diambil di loket 3"]),
}
PDF = b"%PDF-1.4\n% izin PBG\n"


@LANGUAGES
async def test_a_permit_attached_to_issue_reaches_followers_as_a_document(
        bot_with_clock: BotApplication, alice: Person, admin: Person, lang: str) -> None:
    await followed_at(bot_with_clock, alice, "signing")
    await speak(alice, lang)
    await admin.upload("izin-pbg.pdf", PDF, caption="/issue 1 Asli diambil di loket 3")
    # Asked first, as a typed /issue: a wrong digit would send this permit to another's followers.
    question = await admin.next_message()
    assert (question.text or "").startswith("⚠️")
    assert (await store_of(bot_with_clock).applications.get(NUMBER)).stage == "signing"
    confirmed = await confirm(admin)
    assert (confirmed.text or "").startswith(f"✅ {NUMBER}: Penandatanganan → Izin terbit")
    notice = await alice.next_message()
    assert (notice.document, notice.filename) == (PDF, "izin-pbg.pdf")
    assert notice.caption == ISSUED[lang]
    assert notice.buttons == [[({"id": "📄 Lihat status", "en": "📄 View status"}[lang],
                                f"s:o:{NUMBER}")]]
    assert (await store_of(bot_with_clock).applications.get(NUMBER)).stage == "issued"


async def test_a_permit_attached_to_issue_and_cancelled_goes_nowhere(
        bot_with_clock: BotApplication, alice: Person, admin: Person) -> None:
    await followed_at(bot_with_clock, alice, "signing")
    store = store_of(bot_with_clock)
    before = await store.outbox.counts()
    await admin.upload("izin-pbg.pdf", PDF, caption="/issue 1")
    await admin.next_message()  # the question
    await admin.press("Batal")
    assert (await admin.next_message()).buttons == []
    assert (await admin.next_message()).text == "Dibatalkan. Tidak ada yang diubah."
    assert (await store.applications.get(NUMBER)).stage == "signing"
    assert await store.outbox.counts() == before


async def test_a_photo_of_the_permit_reaches_followers_as_a_photo(
        bot_with_clock: BotApplication, alice: Person, admin: Person) -> None:
    await followed_at(bot_with_clock, alice, "signing")
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + (640).to_bytes(4, "big") * 2
    await admin.upload("izin.png", png, caption="/issue 1", as_photo=True)
    await admin.next_message()  # the question
    await confirm(admin)
    notice = await alice.next_message()
    assert (notice.photo, notice.caption) == (png, ISSUED["id"].rsplit("\n", 1)[0])


async def test_a_permit_from_someone_not_on_the_staff_is_refused(
        bot_with_clock: BotApplication, alice: Person) -> None:
    await followed_at(bot_with_clock, alice, "signing")
    await alice.upload("izin.pdf", PDF, caption="/issue 1")
    assert (await alice.next_message()).text == "Perintah ini khusus untuk petugas kantor."
    assert (await store_of(bot_with_clock).applications.get(NUMBER)).stage == "signing"


REMINDER = {
    "id": "\n".join([
        f"📦 Pengingat: Persetujuan Bangunan Gedung Anda ({NUMBER}) sudah terbit sejak 2 Nov "
        "2026 dan menunggu diambil.",
        f"📍 Ambil di {OFFICE}: {ADDRESS}", f"🕘 {PICKUP_ID}", "Bawa tanda terima dan KTP."]),
    "en": "\n".join([
        f"📦 Reminder: your Building approval ({NUMBER}) was issued on 2 Nov 2026 and is "
        "waiting to be collected.",
        f"📍 Collect at {OFFICE}: {ADDRESS}", f"🕘 {PICKUP_EN}",
        "Bring your receipt and ID card."]),
}


@LANGUAGES
async def test_a_permit_not_collected_is_reminded_once_after_n_working_days(
        bot_with_clock: BotApplication, alice: Person, admin: Person, clock: FakeClock,
        lang: str) -> None:
    await followed_at(bot_with_clock, alice, "signing")
    await speak(alice, lang)
    await ask(admin, "/issue 1")
    await confirm(admin)  # a typed /issue asks first
    await alice.next_message()  # the issued notice
    notices: Notices = bot_with_clock.bot_data["notices"]
    clock.now = datetime(2026, 11, 6, 9, tzinfo=WITA)  # Friday: 4 working days
    assert await notices.send_collection_reminders() == 0
    clock.now = datetime(2026, 11, 9, 9, tzinfo=WITA)  # Monday: 5 working days
    assert await notices.send_collection_reminders() == 1
    assert (await alice.next_message()).text == REMINDER[lang]
    clock.advance(days=1)
    assert await notices.send_collection_reminders() == 0


async def test_collected_ends_the_reminder(bot_with_clock: BotApplication, alice: Person,
                                           admin: Person, clock: FakeClock) -> None:
    await followed_at(bot_with_clock, alice, "signing")
    assert (await ask(admin, "/collected 1")).text == (
        f"{NUMBER} belum terbit (tahap Penandatanganan); belum ada yang bisa diambil.")
    await ask(admin, "/issue 1")
    await confirm(admin)  # a typed /issue asks first
    await alice.next_message()
    assert (await ask(admin, "/collected 1")).text == (
        f"📦 {NUMBER}: izin sudah diambil; pengingat tidak akan dikirim.")
    clock.now = datetime(2026, 11, 16, 9, tzinfo=WITA)
    notices: Notices = bot_with_clock.bot_data["notices"]
    assert await notices.send_collection_reminders() == 0
    quiet(alice)
