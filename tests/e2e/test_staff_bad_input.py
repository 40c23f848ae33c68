"""Bad input from staff: each gets a clear reply and changes nothing."""

from __future__ import annotations

import pytest

from bot.handlers.context import BotApplication
from sandbox import Person
from tests.e2e.conftest import services_of
from tests.e2e.office import advance_to, ask, reason_needed, register, snapshot

CODES = "PBG, SIP, REKLAME, TDUP"
NAME_RULE = "Nama pemohon wajib diisi, paling banyak 200 karakter; tidak ada yang didaftarkan."
NOTE_RULE = "Catatan paling banyak 1000 karakter; tidak ada yang diubah."

BAD_INPUT = {
    "unknown permit type": ("/new IMB Budi Santoso", f"Jenis izin IMB tidak dikenal. "
                                                     f"Kode yang berlaku: {CODES}"),
    "no permit type": ("/new", "Cara: /new PBG Nama Pemohon | 0812xxxx (kontak opsional). "
                               f"Kode jenis izin: {CODES}"),
    "empty name": ("/new PBG", NAME_RULE),
    "blank name with contact": ("/new PBG   | 0812 3456", NAME_RULE),
    "name over 200": ("/new PBG " + "Ni Luh " * 29 + "Putu", NAME_RULE),
    "contact over 100": ("/new PBG Budi | " + "0812 " * 21,
                         "Kontak paling banyak 100 karakter; tidak ada yang didaftarkan."),
    "unknown number": ("/advance 99", "Nomor JBR-{year}-000099 tidak ditemukan."),
    "unknown full number": ("/view jbr 2019 7", "Nomor JBR-2019-000007 tidak ditemukan."),
    "unknown number on receipt": ("/receipt 42", "Nomor JBR-{year}-000042 tidak ditemukan."),
    "no number": ("/advance", "Cara: /advance JBR-{year}-000123 — nomor boleh disingkat "
                              "urutannya saja, mis. /advance 123."),
    "unknown stage": ("/move 1 arsip Sudah lengkap", "Tahap arsip tidak dikenal. Tahap yang "
                      "berlaku: received, document_check, field_inspection, technical_review, "
                      "fee_payment, signing"),
    "no stage": ("/move 1", "Cara: /move JBR-{year}-000123 kode_tahap [catatan]"),
    "move to the same stage": ("/move 1 document_check Cek lagi", "Perpindahan itu tidak bisa "
                               "dari tahap Verifikasi berkas; tidak ada yang diubah. Yang bisa "
                               "dari sini:\n"
                               "• Survei lapangan: field_inspection\n"
                               "• Berkas diterima: received\n"
                               "• Rekomendasi teknis (TPA/TPT): technical_review\n"
                               "• Pembayaran retribusi (SKRD): fee_payment\n"
                               "• Penandatanganan: signing\n"
                               "• Berkas dikembalikan untuk dilengkapi: returned\n"
                               "• Ditolak: rejected\n• Dibatalkan oleh pemohon: withdrawn"),
    "return without reason": ("/return 1", reason_needed("return")),
    "reject without reason": ("/reject 1", reason_needed("reject")),
    "reject with internal note only": ("/reject 1 // rahasia",
                                       reason_needed("reject")),
    "withdraw without reason": ("/withdraw 1",
                                reason_needed("withdraw")),
    "note without text": ("/note 1", reason_needed("note")),
    "note over 1000": ("/note 1 " + "x" * 1001, NOTE_RULE),
    "internal note over 1000": ("/advance 1 Lengkap // " + "y" * 1001, NOTE_RULE),
    "unknown queue stage": ("/queue arsip", "Tahap arsip tidak dikenal. Tahap yang berlaku: "
                            "document_check, fee_payment, field_inspection, received, returned, "
                            "signing, technical_review"),
    "staff with a bad role": ("/staff add 12345 boss Budi",
                              "Cara: /staff add ID operator|admin Nama, mis. /staff add "
                              "123456789 operator Kadek Dwi. ID adalah ID Telegram petugas baru "
                              "(angka, bukan @username): minta dia mengirim /myid ke bot ini "
                              "dan meneruskan angkanya kepada Anda."),
    "removing someone not on staff": ("/staff remove 12345",
                                      "Pengguna 12345 bukan petugas aktif."),
    "empty broadcast": ("/broadcast", "Cara: /broadcast teks pengumuman"),
}


@pytest.mark.parametrize("case", list(BAD_INPUT))
async def test_bad_input_gets_a_clear_reply_and_changes_nothing(
        bot: BotApplication, admin: Person, case: str) -> None:
    store = services_of(bot).store
    application = await register(store, admin.id)
    await advance_to(store, application.number, "document_check", admin.id)
    before = await snapshot(store, application.number)
    command, expected = BAD_INPUT[case]

    answer = await ask(admin, command)

    assert answer.text == expected.format(year=application.number[4:8])
    assert await snapshot(store, application.number) == before


async def test_limits_are_inclusive(bot: BotApplication, admin: Person) -> None:
    store = services_of(bot).store
    name = "N" * 200
    created = await ask(admin, f"/new PBG {name}")
    assert (created.text or "").startswith("✅ Permohonan terdaftar")
    await admin.next_message()  # the receipt
    application = (await store.worklists.find(name))[0]
    assert application.applicant_name == name
    answer = await ask(admin, "/note 1 " + "x" * 1000)
    assert answer.text == f"📝 Catatan ditambahkan ke {application.number}. Pengikut dikabari: 0."


async def test_outbox_with_an_unknown_word_shows_its_usage(bot: BotApplication,
                                                           admin: Person) -> None:
    reply = await ask(admin, "/outbox hapus")

    assert reply.text == ("Cara: /outbox atau /outbox retry (admin)")


REFUSED_IN_ENGLISH = {
    "/reject 1": "Nothing was changed: reject needs a reason or note, e.g. /reject 123 The site "
                 "is in a green belt",
    "/issue 1": "That move is not possible from Document check; nothing was changed. Possible "
                "from here:\n• Field inspection: field_inspection\n• Received: received\n"
                "• Technical review: technical_review\n• Fee payment: fee_payment\n"
                "• Signing: signing\n• Returned for completion: returned\n"
                "• Rejected: rejected\n• Withdrawn by the applicant: withdrawn",
    "/advance 1 " + "x" * 1001: "A note is at most 1000 characters; nothing was changed.",
    "/new PBG": "The applicant name is required, at most 200 characters; nothing was "
                "registered.",
    "/new PBG Budi | " + "0812 " * 21: "The contact is at most 100 characters; nothing was "
                                      "registered.",
}


@pytest.mark.parametrize("command", list(REFUSED_IN_ENGLISH))
async def test_a_refused_change_says_what_was_not_done(bot: BotApplication, admin: Person,
                                                       command: str) -> None:
    store = services_of(bot).store
    application = await register(store, admin.id)
    await advance_to(store, application.number, "document_check", admin.id)
    assert (await ask(admin, "/language en")).text == "Language set to English."
    before = await snapshot(store, application.number)

    assert (await ask(admin, command)).text == REFUSED_IN_ENGLISH[command]
    assert await snapshot(store, application.number) == before
