"""Missing documents handed in by chat: received, kept, forwarded to staff, reviewed; refused
inputs leave nothing behind (no row, no file, nothing forwarded)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.handlers.context import BotApplication
from bot.runtime.lifecycle import running
from bot.wiring import build_bot
from office.settings import Settings
from sandbox import Group, Person, Sandbox
from sandbox.people import Conversation
from storage.files import DirectoryFileStore
from storage.workflow import Action
from tests.conftest import FakeClock
from tests.e2e.applicant_steps import LANGUAGES, NUMBER, register, speak, staff_id, store_of
from tests.e2e.conftest import sandbox_settings
from tests.e2e.test_applicant_survey import forged_press

PDF = b"%PDF-1.7\n" + b"0" * 2039  # 2 KB
# The smallest JPEG header the sandbox (like Telegram) reads a size from: 16 x 16.
JPEG = b"\xff\xd8\xff\xc0\x00\x11\x08\x00\x10\x00\x10" + b"\x00" * 1100
SECOND = "JBR-2026-000002"
RETURNED = {"id": "Berkas dikembalikan untuk dilengkapi", "en": "Returned for completion"}
RECEIVED = {"id": "📎 Diterima untuk {number}: {what}, {size} (dokumen #{document}). Petugas "
                  "akan memeriksanya dan mengabari Anda.",
            "en": "📎 Received for {number}: {what}, {size} (document #{document}). Staff will "
                  "check it and let you know."}
FORWARD = {"id": "📎 Dokumen #{document} untuk {number} ({stage})\nPemohon: I***** W*****\n"
                 "{what}, {size}",
           "en": "📎 Document #{document} for {number} ({stage})\nApplicant: I***** W*****\n"
                 "{what}, {size}"}
PDF_WHAT = {"id": "dokumen PDF", "en": "PDF document"}
PHOTO_WHAT = {"id": "foto", "en": "photo"}
ACCEPT = {"id": "✅ Terima", "en": "✅ Accept"}
AGAIN = {"id": "↩️ Minta ulang", "en": "↩️ Ask again"}
REFUSED = {
    "type": {"id": "Berkas ini tidak dapat diterima. Kirim foto, atau berkas PDF, JPEG atau PNG.",
             "en": "This file cannot be taken. Send a photo, or a PDF, JPEG or PNG file."},
    "size": {"id": "Berkas ini terlalu besar: paling besar 10 MB. Kirim hasil pindai yang lebih "
                   "kecil atau foto.",
             "en": "This file is too large: at most 10 MB. Send a smaller scan or a photo."},
    "none": {"id": "Tidak ada permohonan yang Anda ikuti yang sedang menunggu dokumen, jadi berkas "
                   "ini tidak disimpan. Berkas diterima saat kantor memintanya (setelah berkas "
                   "dikembalikan untuk dilengkapi).",
             "en": "None of the applications you follow is waiting for documents, so this file "
                   "was not kept. Files are taken while the office asks for them (after a "
                   "return for completion)."},
    "not_follower": {"id": f"Dokumen hanya dapat dikirim untuk permohonan yang Anda ikuti. Ikuti "
                           f"dulu dengan kode aksesnya: /follow {SECOND} 123456.",
                     "en": f"You can hand in documents only for an application you follow. "
                           f"Follow it first with its access code: /follow {SECOND} 123456."},
    "limit": {"id": f"{NUMBER} sudah menerima 3 berkas dalam 24 jam terakhir, batas sehari. "
                    "Silakan kirim sisanya besok.",
              "en": f"{NUMBER} has received 3 files in the last 24 hours, the most a day. Please "
                    "send the rest tomorrow."},
}


@dataclass(frozen=True)
class Office:
    """The running bot, its staff group and the file store it keeps documents in."""

    bot: BotApplication
    group: Group
    files: DirectoryFileStore


@pytest.fixture
async def office(sandbox: Sandbox, admin: Person, settings: Settings,
                 e2e_database: Path | str, tmp_path: Path,
                 clock: FakeClock) -> AsyncIterator[Office]:
    """The bot with a staff group, documents in the test's directory, three files a day."""
    group = sandbox.add_group("Petugas DPMPTSP", admins=[admin])
    async with office_running(sandbox, admin, settings, e2e_database, tmp_path, clock,
                              group) as running_office:
        yield running_office


@asynccontextmanager
async def office_running(sandbox: Sandbox, admin: Person, settings: Settings,
                         database: Path | str, tmp_path: Path, clock: FakeClock,
                         group: Group | None) -> AsyncIterator[Office]:
    """The bot polling the sandbox, with the staff group if given."""
    configured = sandbox_settings(settings, sandbox, database, [admin.user.id])
    configured = configured.model_copy(update={
        "staff": configured.staff.model_copy(update={
            "group_chat_id": group.id if group else None}),
        "documents": configured.documents.model_copy(update={
            "directory": tmp_path / "kept", "per_application_per_day": 3})})
    app = build_bot(configured, clock=clock)
    async with running(app, poll_timeout=1):
        yield Office(app, group or sandbox.add_group("Unused"),
                     DirectoryFileStore(tmp_path / "kept"))


async def returned_and_followed(office: Office, person: Person, lang: str,
                                number: str = NUMBER) -> None:
    """An application returned for completion, followed by the person (in `lang`)."""
    bot = office.bot
    store = store_of(bot)
    await register(bot)
    await store.applications.change(number, Action.ADVANCE, staff_id=staff_id(bot))
    await store.applications.change(number, Action.RETURN, staff_id=staff_id(bot),
                                    public_note="Denah belum ada")
    await store.followers.follow(await store.applications.get(number), person.id, 20)
    await speak(person, lang)


async def staff_speak(office: Office, admin: Person, lang: str) -> None:
    """The staff group reads `lang`."""
    await admin.send(f"/language {lang}", chat=office.group)
    await office.group.next_message()


def send_raw(person: Person, **fields: Any) -> None:
    """A message the sandbox's client cannot upload (a voice note, a 2 GB file, a re-send of
    the same Telegram file) delivered to the bot as Telegram would."""
    world = person.world
    world.enqueue("message", {"message_id": world.next_id(), "from": person.user.as_json(),
                              "chat": person.chat.as_json(), "date": int(world.clock()),
                              **fields})


def nothing_new(conversation: Conversation) -> None:
    """The bot sent or edited nothing the test has not read yet in this chat."""
    chat = conversation.chat
    assert not chat.events[chat.cursor:], [str(e) for e in chat.events[chat.cursor:]]


async def rows(office: Office) -> list[tuple[Any, ...]]:
    """The documents table, as the store has it."""
    found = await store_of(office.bot).database.fetch_all(
        "SELECT id, chat_id, kind, mime_type, size, status FROM documents ORDER BY id")
    return [tuple(row) for row in found]


@LANGUAGES
async def test_a_pdf_is_received_kept_forwarded_listed_and_accepted(
        office: Office, alice: Person, admin: Person, lang: str) -> None:
    await returned_and_followed(office, alice, lang)
    await staff_speak(office, admin, lang)
    await alice.upload("denah ../../etc/passwd.pdf", PDF)
    assert (await alice.next_message()).text == RECEIVED[lang].format(
        number=NUMBER, what=PDF_WHAT[lang], size="2 KB", document=1)
    assert await rows(office) == [(1, alice.id, "document", "application/pdf", len(PDF),
                                   "received")]
    [key] = office.files.kept()
    assert await office.files.open(key) == PDF
    forwarded = await office.group.next_message()
    assert (forwarded.document, forwarded.caption) == (PDF, FORWARD[lang].format(
        document=1, number=NUMBER, stage=RETURNED[lang], what=PDF_WHAT[lang], size="2 KB"))
    assert forwarded.buttons == [[(ACCEPT[lang], "dr:a:1"), (AGAIN[lang], "dr:r:1")]]

    view = await ask_in_group(office, admin, f"/view {NUMBER}")
    assert (view.text or "").endswith("\n\n" + {
        "id": "Dokumen (1)\n#1 · 2 Nov 2026 · dokumen PDF, 2 KB · perlu diperiksa",
        "en": "Documents (1)\n#1 · 2 Nov 2026 · PDF document, 2 KB · to check"}[lang])

    await admin.press(ACCEPT[lang], chat=office.group)
    assert (await office.group.next_message()).buttons == []
    assert (await office.group.next_message()).text == {
        "id": f"✅ Dokumen #1 untuk {NUMBER} diterima; permohonan kembali ke tahap Verifikasi "
              "berkas dan pengikutnya dikabari.",
        "en": f"✅ Document #1 for {NUMBER} accepted; the application is back at Document check "
              "and its followers are told."}[lang]
    notice = await alice.next_message()
    assert (notice.text or "").split("\n")[:2] == {
        "id": [f"🔔 {NUMBER} berpindah tahap", f"{RETURNED['id']} → Verifikasi berkas"],
        "en": [f"🔔 {NUMBER} moved to another stage",
               f"{RETURNED['en']} → Document check"]}[lang]
    assert (await rows(office))[0][5] == "accepted"


async def ask_in_group(office: Office, admin: Person, command: str) -> Any:
    """A staff command in the group and the bot's answer there."""
    await admin.send(command, chat=office.group)
    return await office.group.next_message()


@LANGUAGES
async def test_staff_ask_again_and_the_sender_is_told(office: Office, alice: Person,
                                                     admin: Person, lang: str) -> None:
    await returned_and_followed(office, alice, lang)
    await staff_speak(office, admin, lang)
    await alice.upload("ktp.jpg", JPEG, as_photo=True)
    assert (await alice.next_message()).text == RECEIVED[lang].format(
        number=NUMBER, what=PHOTO_WHAT[lang], size="2 KB", document=1)
    forwarded = await office.group.next_message()
    assert (forwarded.photo, forwarded.caption) == (JPEG, FORWARD[lang].format(
        document=1, number=NUMBER, stage=RETURNED[lang], what=PHOTO_WHAT[lang], size="2 KB"))
    await admin.press(AGAIN[lang], chat=office.group)
    assert (await office.group.next_message()).text == {
        "id": "↩️ Untuk meminta ulang dokumen #1, ketik /again 1 apa yang kurang; pemohon "
              "membaca kalimat Anda.",
        "en": "↩️ To ask for document #1 again, type /again 1 what is wrong; the applicant "
              "reads your words."}[lang]
    reply = await ask_in_group(office, admin, "/again 1 Halaman <b>2</b> buram")
    assert reply.text == {
        "id": f"↩️ Dokumen #1 untuk {NUMBER} diminta ulang; pemohon dikabari.",
        "en": f"↩️ Asked for document #1 of {NUMBER} again; the applicant is told."}[lang]
    told = await alice.next_message()
    assert told.text == {
        "id": f"↩️ Kantor meminta Anda mengirim ulang dokumen #1 untuk {NUMBER}: Halaman <b>2</b> "
              "buram",
        "en": f"↩️ The office asks you to send document #1 for {NUMBER} again: Halaman <b>2</b> "
              "buram"}[lang]
    assert (await rows(office))[0][5] == "again"
    assert (await store_of(office.bot).applications.get(NUMBER)).stage == "returned"
    # A second decision on the same document changes nothing.
    await admin.press(ACCEPT[lang], chat=office.group)
    assert (await office.group.next_message()).text == {
        "id": "Dokumen #1 sudah ditangani: diminta ulang.",
        "en": "Document #1 was handled already: asked again."}[lang]
    assert (await store_of(office.bot).applications.get(NUMBER)).stage == "returned"
    usage = await ask_in_group(office, admin, "/again 1")
    assert (usage.text or "").startswith({"id": "Cara pakai: /again", "en": "Usage: /again"}[lang])


@LANGUAGES
async def test_the_same_file_sent_again_is_acknowledged_not_stored_twice(
        office: Office, alice: Person, lang: str) -> None:
    await returned_and_followed(office, alice, lang)
    sent = await alice.upload("denah.pdf", PDF)
    await alice.next_message()
    await office.group.next_message()
    send_raw(alice, document=sent["document"])
    assert (await alice.next_message()).text == {
        "id": f"📎 Berkas ini sudah diterima untuk {NUMBER} (dokumen #1); tidak perlu dikirim "
              "lagi.",
        "en": f"📎 This file was already received for {NUMBER} (document #1); there is nothing "
              "more to do."}[lang]
    assert len(await rows(office)) == 1
    assert len(office.files.kept()) == 1
    nothing_new(office.group)


async def refused_leaves_nothing(office: Office, sandbox: Sandbox, person: Person,
                                 expected: str, downloads: int = 0) -> None:
    """The person reads `expected`; no row, no file, no forward, `downloads` getFile calls."""
    assert (await person.next_message()).text == expected
    assert await rows(office) == []
    assert office.files.kept() == []
    nothing_new(office.group)
    assert sandbox.count("getFile") == downloads


@LANGUAGES
@pytest.mark.parametrize("case", ["exe", "html_as_pdf", "zip_as_pdf", "voice", "video",
                                  "two_gigabytes", "eleven_megabytes"])
async def test_wrong_types_and_sizes_are_refused_and_nothing_is_kept(
        office: Office, alice: Person, sandbox: Sandbox, lang: str, case: str) -> None:
    await returned_and_followed(office, alice, lang)
    reason, downloads = "type", 0
    if case == "exe":
        await alice.upload("denah.exe", b"MZ\x90\x00" + b"\x00" * 500)
    elif case == "html_as_pdf":  # claims to be a PDF; its first bytes say otherwise
        await alice.upload("denah.pdf", b"<!DOCTYPE html><script>alert(1)</script>")
        downloads = 1
    elif case == "zip_as_pdf":
        await alice.upload("denah.pdf", b"PK\x03\x04" + b"\x00" * 500)
        downloads = 1
    elif case == "voice":
        send_raw(alice, voice={"file_id": "v1", "file_unique_id": "vu1", "duration": 3,
                               "mime_type": "audio/ogg", "file_size": 5000})
    elif case == "video":
        send_raw(alice, video={"file_id": "m1", "file_unique_id": "mu1", "width": 640,
                               "height": 480, "duration": 3, "file_size": 90000})
    elif case == "two_gigabytes":  # Telegram's figure is believed: never fetched
        send_raw(alice, document={"file_id": "big", "file_unique_id": "bigu",
                                  "file_name": "scan.pdf", "mime_type": "application/pdf",
                                  "file_size": 2 * 1024**3})
        reason = "size"
    else:
        await alice.upload("scan.pdf", b"%PDF-1.7\n" + b"0" * (11 * 1024 * 1024))
        reason = "size"
    await refused_leaves_nothing(office, sandbox, alice, REFUSED[reason][lang], downloads)


@LANGUAGES
async def test_no_application_waiting_or_not_a_follower_is_refused(
        office: Office, alice: Person, sandbox: Sandbox, lang: str) -> None:
    await register(office.bot)
    await store_of(office.bot).followers.follow(
        await store_of(office.bot).applications.get(NUMBER), alice.id, 20)
    await speak(alice, lang)
    await alice.upload("denah.pdf", PDF)  # followed, but not returned
    await refused_leaves_nothing(office, sandbox, alice, REFUSED["none"][lang])
    await register(office.bot)
    store = store_of(office.bot)
    await store.applications.change(SECOND, Action.RETURN, staff_id=staff_id(office.bot),
                                    public_note="Denah belum ada")
    await alice.upload("denah.pdf", PDF, caption=SECOND)  # returned, but not followed
    await refused_leaves_nothing(office, sandbox, alice, REFUSED["not_follower"][lang])
    await alice.upload("denah.pdf", PDF, caption="JBR-2026-000777")  # no such number: the same
    await refused_leaves_nothing(office, sandbox, alice, REFUSED["not_follower"][lang].replace(
        SECOND, "JBR-2026-000777"))
    await alice.upload("denah.pdf", PDF, caption=NUMBER)  # followed, at a closed stage
    await refused_leaves_nothing(office, sandbox, alice, {
        "id": f"{NUMBER} sedang tidak menunggu dokumen (tahap: Berkas diterima). Berkas "
              "diterima saat kantor memintanya.",
        "en": f"{NUMBER} is not waiting for documents now (stage: Received). Files are taken "
              "while the office asks for them."}[lang])


@LANGUAGES
async def test_an_album_past_the_daily_limit_keeps_three(
        office: Office, alice: Person, lang: str) -> None:
    await returned_and_followed(office, alice, lang)
    for n in range(5):  # sent at once, as an album arrives
        await alice.upload(f"hal-{n}.pdf", PDF + str(n).encode())
    replies = sorted([(await alice.next_message()).text or "" for _ in range(5)])
    assert replies.count(REFUSED["limit"][lang]) == 2
    assert len(await rows(office)) == 3
    assert len(office.files.kept()) == 3
    forwards = [await office.group.next_message() for _ in range(3)]
    kept = [await office.files.open(key) for key in office.files.kept()]
    assert sorted(f.document or b"" for f in forwards) == sorted(kept)
    nothing_new(office.group)


@LANGUAGES
async def test_with_two_waiting_the_chat_chooses_or_names_one_in_the_caption(
        office: Office, alice: Person, lang: str) -> None:
    await returned_and_followed(office, alice, lang)
    await returned_and_followed(office, alice, lang, SECOND)
    await alice.upload("denah.pdf", PDF)
    question = await alice.next_message()
    assert question.text == {
        "id": "📎 Berkas ini untuk permohonan yang mana? Pilih di bawah, atau kirim ulang dengan "
              "nomornya sebagai keterangan.",
        "en": "📎 Which application is this file for? Choose below, or send it again with the "
              "number as its caption."}[lang]
    second_id = (await store_of(office.bot).applications.get(SECOND)).id
    assert [row[0][0] for row in question.buttons] == [NUMBER, SECOND]
    assert await rows(office) == []
    await alice.press(SECOND)
    assert (await alice.next_message()).buttons == []
    assert (await alice.next_message()).text == RECEIVED[lang].format(
        number=SECOND, what=PDF_WHAT[lang], size="2 KB", document=1)
    store = store_of(office.bot)
    assert await store.database.fetch_value(
        "SELECT application_id FROM documents") == second_id
    assert await store.database.fetch_value("SELECT COUNT(*) FROM document_choices") == 0
    expired = {"id": "Pilihan ini sudah tidak berlaku. Silakan kirim ulang berkasnya.",
               "en": "This choice is no longer open. Please send the file again."}[lang]
    await forged_press(alice, f"dc:1:{second_id}")  # the same choice again: taken already
    assert (await alice.next_message()).text == expired
    await alice.upload("lagi.pdf", PDF[:-1] + b"3")
    await alice.next_message()
    await forged_press(alice, "dc:2:99999")  # an application the buttons did not offer
    assert (await alice.next_message()).text == expired
    assert await store.database.fetch_value("SELECT COUNT(*) FROM document_choices") == 1
    await alice.upload("ktp.pdf", PDF[:-1] + b"2", caption=f"untuk {NUMBER} ya")
    assert (await alice.next_message()).text == RECEIVED[lang].format(
        number=NUMBER, what=PDF_WHAT[lang], size="2 KB", document=2)


@LANGUAGES
async def test_forgetme_deletes_the_chats_documents_and_their_files(
        office: Office, alice: Person, lang: str) -> None:
    await returned_and_followed(office, alice, lang)
    await alice.upload("denah.pdf", PDF)
    await alice.next_message()
    assert len(office.files.kept()) == 1
    await alice.send("/forgetme")
    await alice.next_message()
    await alice.press({"id": "🗑 Ya, hapus", "en": "🗑 Yes, delete"}[lang])
    assert (await alice.next_message()).text == {
        "id": "Data obrolan Anda sudah dihapus. Terima kasih telah menggunakan E-Tracking.",
        "en": "Your chat's data has been deleted. Thank you for using E-Tracking."}[lang]
    assert await rows(office) == []
    assert office.files.kept() == []


async def test_without_a_staff_group_each_admin_gets_the_file(
        sandbox: Sandbox, admin: Person, alice: Person, settings: Settings,
        e2e_database: Path | str, tmp_path: Path, clock: FakeClock) -> None:
    async with office_running(sandbox, admin, settings, e2e_database, tmp_path, clock,
                              None) as office:
        await returned_and_followed(office, alice, "id")
        await alice.upload("denah.pdf", PDF)
        await alice.next_message()
        forwarded = await admin.next_message()
        assert (forwarded.document, forwarded.buttons[0][0]) == (PDF, (ACCEPT["id"], "dr:a:1"))


@LANGUAGES
async def test_a_review_button_pressed_by_someone_not_staff_changes_nothing(
        office: Office, alice: Person, lang: str) -> None:
    await returned_and_followed(office, alice, lang)
    await alice.upload("denah.pdf", PDF)
    await alice.next_message()
    await office.group.next_message()
    answer = await forged_press(alice, "dr:a:1")
    assert (answer.text, answer.show_alert) == ({
        "id": "Perintah ini khusus untuk petugas kantor.",
        "en": "This command is for office staff."}[lang], True)
    nothing_new(alice)
    nothing_new(office.group)
    assert (await rows(office))[0][5] == "received"
    assert (await store_of(office.bot).applications.get(NUMBER)).stage == "returned"


@LANGUAGES
async def test_a_second_document_accepted_after_the_application_resumed_tells_the_sender(
        office: Office, alice: Person, admin: Person, lang: str) -> None:
    await returned_and_followed(office, alice, lang)
    await staff_speak(office, admin, lang)
    for n in (1, 2):
        await alice.upload(f"hal-{n}.pdf", PDF[:-1] + str(n).encode())
        await alice.next_message()
        await office.group.next_message()
    await admin.press(ACCEPT[lang], chat=office.group)  # the newest first: document #2
    await office.group.next_message()
    await office.group.next_message()
    await alice.next_message()  # the stage notice
    await admin.press(ACCEPT[lang], chat=office.group)
    assert (await office.group.next_message()).buttons == []
    assert (await office.group.next_message()).text == {
        "id": f"✅ Dokumen #1 untuk {NUMBER} diterima.",
        "en": f"✅ Document #1 for {NUMBER} accepted."}[lang]
    told = await alice.next_message()
    assert (told.text, told.buttons) == ({
        "id": f"✅ Kantor menerima dokumen #1 Anda untuk {NUMBER}.",
        "en": f"✅ The office accepted your document #1 for {NUMBER}."}[lang],
        [[({"id": "📄 Lihat status", "en": "📄 View status"}[lang], f"s:o:{NUMBER}")]])
    assert [row[5] for row in await rows(office)] == ["accepted", "accepted"]
