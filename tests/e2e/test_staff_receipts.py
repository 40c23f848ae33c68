"""Receipts: /new and /receipt hand out an access code and a QR code of the follow link."""

from __future__ import annotations

import io
import re

import zxingcpp
from PIL import Image

from bot.handlers.context import BotApplication
from office.dates import format_date
from sandbox import Person, Sandbox, SentMessage
from storage.models import Role
from tests.e2e.conftest import BOT_USERNAME, services_of
from tests.e2e.office import ask, hire

BAD_LINK = ("Tautan ini tidak valid atau kodenya sudah diganti. Kirim nomor pendaftaran untuk "
            "cek status, atau minta tanda terima baru di loket.")


def decoded_qr(message: SentMessage) -> str:
    """The text of the one QR code in the message's photo."""
    assert message.photo is not None, f"expected a photo, got {message}"
    codes = zxingcpp.read_barcodes(Image.open(io.BytesIO(message.photo)))
    assert [code.format for code in codes] == [zxingcpp.BarcodeFormat.QRCode]
    return str(codes[0].text)


def access_code(message: SentMessage) -> str:
    """The six-digit access code a receipt message shows."""
    found = re.search(r"Kode akses: (\d{6})", message.text or message.caption or "")
    assert found, f"no access code in {message}"
    return found.group(1)


def first_number(bot: BotApplication) -> str:
    """This year's first registration number (what `/receipt 1` means)."""
    store = services_of(bot).store
    year = store.calendar.local_date(store.clock()).year
    return f"{store.applications.prefix}-{year}-000001"


async def test_new_replies_with_number_code_and_qr_of_the_follow_link(
        bot: BotApplication, admin: Person, alice: Person) -> None:
    store = services_of(bot).store
    await admin.send("/new PBG I Wayan <b>Sudarma</b> | 0812 3456 7890")
    created, receipt = await admin.next_message(), await admin.next_message()

    application = await store.applications.get(first_number(bot))
    code = access_code(created)
    due = format_date(application.due_at, "id", store.calendar.timezone)
    assert created.text == (
        f"✅ Permohonan terdaftar\nNomor: {application.number}\n"
        "Jenis: Persetujuan Bangunan Gedung\nPemohon: I Wayan <b>Sudarma</b>\n"
        f"Kode akses: {code} (hanya ditampilkan sekali)\nTarget selesai: {due}")
    link = f"https://t.me/{BOT_USERNAME}?start={application.number}_{code}"
    assert decoded_qr(receipt) == link
    assert receipt.caption == (
        f"🧾 {application.number} · Persetujuan Bangunan Gedung\n"
        f"Pemohon: I Wayan <b>Sudarma</b>\nKode akses: {code}\n"
        f"Pindai untuk mengikuti di Telegram: {link}")
    assert (application.applicant_name, application.contact) == (
        "I Wayan <b>Sudarma</b>", "0812 3456 7890")

    # Scanning the code opens the bot with /start <payload>: one tap follows the application.
    followed = await ask(alice, f"/start {link.partition('?start=')[2]}")
    assert followed.text == (
        f"✅ Anda sekarang mengikuti {application.number}. Kami akan mengabari setiap kali "
        "permohonan berpindah tahap.")
    card = await alice.next_message()
    assert (card.text or "").startswith(f"📄 {application.number}\nPersetujuan Bangunan Gedung\n"
                                        "Pemohon: I Wayan <b>Sudarma</b>\n")
    assert await store.followers.count(application.id) == 1


async def test_receipt_gives_a_new_code_and_the_old_one_stops_working(
        bot: BotApplication, admin: Person, alice: Person) -> None:
    store = services_of(bot).store
    await admin.send("/new SIP dr. Ni Komang Ayu")
    old_code = access_code(await admin.next_message())
    old_link = decoded_qr(await admin.next_message())
    number = first_number(bot)

    await admin.send("/receipt 1")
    reset, receipt = await admin.next_message(), await admin.next_message()
    new_code = access_code(receipt)
    assert reset.text == (f"🔁 Kode akses baru untuk {number}; kode lama tidak berlaku. "
                          "Pengikut dihapus: 0.")
    assert new_code != old_code
    new_link = f"https://t.me/{BOT_USERNAME}?start={number}_{new_code}"
    assert decoded_qr(receipt) == new_link

    assert (await ask(alice, f"/start {old_link.partition('?start=')[2]}")).text == (
        "Tautan ini tidak valid atau kodenya sudah diganti. Kirim nomor pendaftaran untuk cek "
        "status, atau minta tanda terima baru di loket.")
    # The old link counted as one wrong code from this chat, so three tries are left.
    assert (await ask(alice, f"/follow {number} {old_code}")).text == (
        f"Kode akses tidak cocok untuk {number}. Kode ada di tanda terima (6 angka); sisa 3 "
        "kali percobaan dari obrolan ini. Jika hilang, minta tanda terima baru di loket.")
    assert await store.followers.count((await store.applications.get(number)).id) == 0

    assert (await ask(alice, f"/start {new_link.partition('?start=')[2]}")).text == (
        f"✅ Anda sekarang mengikuti {number}. Kami akan mengabari setiap kali permohonan "
        "berpindah tahap.")
    audit = await store.audit.for_application((await store.applications.get(number)).id)
    assert [(entry.action, entry.staff_id) for entry in audit] == [
        ("create", admin.id), ("receipt", admin.id)]


REPLACED = ("🔁 Kantor menerbitkan tanda terima baru untuk {n}, sehingga Anda tidak lagi "
            "mengikutinya. Jika ini milik Anda, minta tanda terima baru ke DPMPTSP Kabupaten "
            "Jembrana, (0365) 41210.")


async def test_a_new_receipt_asks_first_then_removes_every_follower_and_tells_each(
        bot: BotApplication, sandbox: Sandbox, admin: Person, alice: Person) -> None:
    store = services_of(bot).store
    bob = sandbox.add_user("Bob", language_code="id")
    await admin.send("/new SIP dr. Ni Komang Ayu")
    await admin.next_message()
    old_link = decoded_qr(await admin.next_message())
    number = first_number(bot)
    for person in (alice, bob):
        await ask(person, f"/start {old_link.partition('?start=')[2]}")
        await person.next_message()  # the status card

    question = await ask(admin, "/receipt 1")
    assert question.text == (
        f"🔁 Tanda terima baru untuk {number} mengganti kode aksesnya dan menghapus 2 pengikut; "
        "masing-masing diminta menghubungi kantor. Lanjutkan?")
    assert [label for label, _ in question.buttons[0]] == ["Ya, lanjutkan", "Batal"]
    await admin.press("Batal")
    assert (await admin.next_message()).buttons == []
    assert (await admin.next_message()).text == "Dibatalkan. Tidak ada yang diubah."
    application = await store.applications.get(number)
    assert await store.followers.count(application.id) == 2

    await ask(admin, "/receipt 1")
    await admin.press("Ya, lanjutkan")
    assert (await admin.next_message()).buttons == []
    reset, receipt = await admin.next_message(), await admin.next_message()
    assert reset.text == (f"🔁 Kode akses baru untuk {number}; kode lama tidak berlaku. "
                          "Pengikut dihapus: 2.")
    new_link = decoded_qr(receipt)
    assert await store.followers.count(application.id) == 0
    for person in (alice, bob):
        told = await person.next_message()
        assert (told.text, told.buttons) == (REPLACED.format(n=number), [])
    audit = await store.audit.for_application(application.id)
    assert [(entry.action, entry.arguments) for entry in audit][-1] == (
        "receipt", '{"followers_removed": 2}')

    assert (await ask(alice, f"/start {old_link.partition('?start=')[2]}")).text == BAD_LINK
    assert (await ask(alice, f"/start {new_link.partition('?start=')[2]}")).text == (
        f"✅ Anda sekarang mengikuti {number}. Kami akan mengabari setiap kali permohonan "
        "berpindah tahap.")


async def test_unlock_lifts_every_chats_lock_out_on_the_application(
        bot: BotApplication, sandbox: Sandbox, admin: Person, alice: Person) -> None:
    store = services_of(bot).store
    operator = sandbox.add_user("Kadek", language_code="id")
    await hire(bot, operator.id, Role.OPERATOR, "Kadek Operator", by=admin.id)
    await admin.send("/new SIP dr. Ni Komang Ayu")
    code = access_code(await admin.next_message())
    await admin.next_message()
    number = first_number(bot)
    for n in range(1, 6):
        await ask(alice, f"/follow {number} 00000{n}")
    locked = ("Terlalu banyak kode salah untuk permohonan ini dari obrolan ini. Silakan coba "
              "lagi dalam 60 menit, atau hubungi kantor.")
    assert (await ask(alice, f"/follow {number} {code}")).text == locked

    assert (await ask(operator, "/unlock 1")).text == (
        f"🔓 {number}: kunci kode salah dibuka untuk semua obrolan (5 kode salah dari 1 "
        "obrolan dihapus).")
    assert (await ask(alice, f"/follow {number} {code}")).text == (
        f"✅ Anda sekarang mengikuti {number}. Kami akan mengabari setiap kali permohonan "
        "berpindah tahap.")
    audit = await store.audit.for_application((await store.applications.get(number)).id)
    assert [(entry.action, entry.staff_id, entry.arguments) for entry in audit][-1] == (
        "unlock", operator.id, '{"attempts": 5, "chats": 1}')


async def test_view_warns_when_codes_are_guessed_from_many_chats(
        bot: BotApplication, admin: Person) -> None:
    store = services_of(bot).store
    await admin.send("/new SIP dr. Ni Komang Ayu")
    await admin.next_message()
    await admin.next_message()
    number = first_number(bot)
    alert = (f"⚠️ 50 kode akses salah dalam 24 jam terakhir dari 10 obrolan. Setiap obrolan "
             f"dikunci sendiri-sendiri; kode yang benar tetap berlaku. /unlock {number} membuka "
             f"kuncinya, /receipt {number} memberi kode baru.")
    for attempt in range(49):
        await store.attempts.record("wrong_code", number, 9000 + attempt % 10)
    assert alert.split(".")[0] not in ((await ask(admin, "/view 1")).text or "")
    await store.attempts.record("wrong_code", number, 9000)
    lines = ((await ask(admin, "/view 1")).text or "").split("\n")
    assert lines[3:6] == ["Pengikut: 0", alert, ""]


async def test_types_lists_codes_service_days_and_stages(bot: BotApplication,
                                                         admin: Person) -> None:
    assert (await ask(admin, "/types")).text == "\n".join([
        "Jenis izin",
        "PBG — Persetujuan Bangunan Gedung (21 hari kerja)",
        "   received — Berkas diterima", "   document_check — Verifikasi berkas",
        "   field_inspection — Survei lapangan",
        "   technical_review — Rekomendasi teknis (TPA/TPT)",
        "   fee_payment — Pembayaran retribusi (SKRD)", "   signing — Penandatanganan",
        "SIP — Surat Izin Praktik Tenaga Kesehatan (7 hari kerja)",
        "   received — Berkas diterima", "   document_check — Verifikasi berkas",
        "   technical_review — Rekomendasi Dinas Kesehatan", "   signing — Penandatanganan",
        "REKLAME — Izin Penyelenggaraan Reklame (6 hari kerja)",
        "   received — Berkas diterima", "   document_check — Verifikasi berkas",
        "   field_inspection — Peninjauan lokasi", "   fee_payment — Pembayaran pajak reklame",
        "   signing — Penandatanganan",
        "TDUP — Tanda Daftar Usaha Pariwisata (7 hari kerja)",
        "   received — Berkas diterima", "   document_check — Verifikasi berkas",
        "   field_inspection — Survei lapangan", "   signing — Penandatanganan"])


async def test_new_at_the_end_of_the_years_numbers_refuses_instead_of_a_seventh_digit(
        bot: BotApplication, admin: Person, alice: Person) -> None:
    store = services_of(bot).store
    year = store.calendar.local_date(store.clock()).year
    last = f"JBR-{year}-999999"
    # As a database that imported a number near the top before imports were checked.
    async with store.database.transaction() as conn:
        await conn.execute("INSERT INTO sequences (prefix, year, last) VALUES ('JBR', ?, ?)",
                           (year, 999_998))

    await admin.send("/new PBG Made Terakhir")
    created, receipt = await admin.next_message(), await admin.next_message()
    assert (created.text or "").startswith(f"✅ Permohonan terdaftar\nNomor: {last}\n")
    link = decoded_qr(receipt)
    assert link == f"https://t.me/{BOT_USERNAME}?start={last}_{access_code(created)}"
    followed = await ask(alice, f"/start {link.partition('?start=')[2]}")
    assert followed.text == (
        f"✅ Anda sekarang mengikuti {last}. Kami akan mengabari setiap kali "
        "permohonan berpindah tahap.")

    refused = await ask(admin, "/new PBG Made Kelewat")

    assert refused.text == (
        f"Nomor registrasi tahun {year} sudah habis: {last} adalah nomor terakhir yang "
        "bisa dibuat. Tidak ada yang didaftarkan. Daftarkan permohonan di sistem perizinan "
        "utama dan beri tahu pengelola bot.")
    assert await store.database.fetch_value("SELECT COUNT(*) FROM applications") == 1
    assert await store.database.fetch_value(
        "SELECT last FROM sequences WHERE year = ?", (year,)) == 999_999
