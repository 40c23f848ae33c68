"""Steps, texts and the bot set-up the end-to-end tests of handed-in documents share."""

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
from tests.e2e.applicant_steps import NUMBER, register, speak, staff_id, store_of
from tests.e2e.conftest import sandbox_settings

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


async def ask_in_group(office: Office, admin: Person, command: str) -> Any:
    """A staff command in the group and the bot's answer there."""
    await admin.send(command, chat=office.group)
    return await office.group.next_message()


@pytest.fixture(name="office")
async def office_fixture(sandbox: Sandbox, admin: Person, settings: Settings,
                         e2e_database: Path | str, tmp_path: Path,
                         clock: FakeClock) -> AsyncIterator[Office]:
    """The bot with a staff group, documents in the test's directory, three files a day."""
    group = sandbox.add_group("Petugas DPMPTSP", admins=[admin])
    async with office_running(sandbox, admin, settings, e2e_database, tmp_path, clock,
                              group) as running_office:
        yield running_office
