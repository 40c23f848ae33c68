"""Missing documents handed in by chat: received, kept, forwarded to staff (or admins),
listed, accepted or asked again; a repeat, a choice of application, an album, /forgetme.
(Refused inputs: test_applicant_documents_refused.py.)"""

from __future__ import annotations

from pathlib import Path

from office.settings import Settings
from sandbox import Person, Sandbox
from tests.conftest import FakeClock
from tests.e2e.applicant_steps import LANGUAGES, NUMBER, store_of
from tests.e2e.document_steps import (  # noqa: F401 (office_fixture: the `office` fixture)
    ACCEPT,
    AGAIN,
    FORWARD,
    JPEG,
    PDF,
    PDF_WHAT,
    PHOTO_WHAT,
    RECEIVED,
    REFUSED,
    RETURNED,
    SECOND,
    Office,
    ask_in_group,
    nothing_new,
    office_fixture,
    office_running,
    returned_and_followed,
    rows,
    send_raw,
    staff_speak,
)
from tests.e2e.test_applicant_survey import forged_press


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
