"""Refused documents: wrong kinds and types, too large, no application waiting, not a
follower; each gets a polite reply and leaves nothing behind (no row, file or forward)."""

from __future__ import annotations

import pytest

from sandbox import Person, Sandbox
from storage.workflow import Action
from tests.e2e.applicant_steps import LANGUAGES, NUMBER, register, speak, staff_id, store_of
from tests.e2e.document_steps import (  # noqa: F401 (office_fixture: the `office` fixture)
    PDF,
    REFUSED,
    SECOND,
    Office,
    nothing_new,
    office_fixture,
    returned_and_followed,
    rows,
    send_raw,
)


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


