"""/new asks before registering the same name and permit type twice within seven days."""

from __future__ import annotations

import pytest

from bot.handlers.context import BotApplication
from sandbox import Person
from tests.conftest import FakeClock
from tests.e2e.conftest import services_of
from tests.e2e.office import ask, register

WARNING = {
    "id": ("⚠️ Dalam 7 hari terakhir sudah terdaftar permohonan Persetujuan Bangunan Gedung "
           "atas nama yang sama:\n"
           "• JBR-2026-000001 I Wayan Sudarma · didaftarkan 2 Nov 2026 · Berkas diterima\n"
           "Tetap daftarkan i wayan SUDARMA sebagai permohonan baru?"),
    "en": ("⚠️ In the last 7 days a Building approval application was already registered "
           "under the same name:\n"
           "• JBR-2026-000001 I Wayan Sudarma · registered 2 Nov 2026 · Received\n"
           "Register i wayan SUDARMA as a new application anyway?"),
}
BUTTONS = {"id": ["Ya, daftarkan baru", "Batal"], "en": ["Register anyway", "Cancel"]}
CREATED = {"id": "✅ Permohonan terdaftar\nNomor: JBR-2026-000002",
           "en": "✅ Application registered\nNumber: JBR-2026-000002"}
CANCELLED = {"id": "Dibatalkan. Tidak ada yang diubah.", "en": "Cancelled. Nothing was changed."}


@pytest.mark.parametrize("language", ["id", "en"])
async def test_the_same_name_and_type_this_week_is_asked_about_then_registered(
        bot_with_clock: BotApplication, clock: FakeClock, admin: Person,
        language: str) -> None:
    store = services_of(bot_with_clock).store
    await register(store, admin.id)
    await store.followers.set_language(admin.id, language)
    clock.advance(days=6)

    question = await ask(admin, "/new pbg  i wayan   SUDARMA | 0812")

    assert question.text == WARNING[language]
    assert [label for label, _ in question.buttons[0]] == BUTTONS[language]
    assert await store.worklists.count_open() == 1
    await admin.press(BUTTONS[language][0])
    assert (await admin.next_message()).buttons == []
    assert ((await admin.next_message()).text or "").startswith(CREATED[language])
    second = await store.applications.get("JBR-2026-000002")
    assert (second.applicant_name, second.contact) == ("i wayan SUDARMA", "0812")


@pytest.mark.parametrize("language", ["id", "en"])
async def test_cancel_registers_nothing_and_an_old_question_cannot_confirm_a_newer_one(
        bot_with_clock: BotApplication, admin: Person, language: str) -> None:
    store = services_of(bot_with_clock).store
    await register(store, admin.id)
    await store.followers.set_language(admin.id, language)

    await ask(admin, "/new PBG i wayan SUDARMA")
    await admin.press(BUTTONS[language][1])
    assert (await admin.next_message()).buttons == []
    assert (await admin.next_message()).text == CANCELLED[language]

    await ask(admin, "/new PBG I Wayan Sudarma")
    await ask(admin, "/new PBG I WAYAN SUDARMA")
    await admin.press(BUTTONS[language][0])  # under the newer question: it registers
    assert (await admin.next_message()).buttons == []
    assert ((await admin.next_message()).text or "").startswith(CREATED[language])
    await admin.next_message()  # the receipt's QR code
    await admin.press(BUTTONS[language][0])  # under the older one: its name was not kept
    assert (await admin.next_message()).buttons == []
    assert (await admin.next_message()).text == CANCELLED[language]
    assert await store.worklists.count_open() == 2
    assert (await store.applications.get("JBR-2026-000002")).applicant_name == (
        "I WAYAN SUDARMA")


async def test_another_type_or_an_older_registration_is_not_asked_about(
        bot_with_clock: BotApplication, clock: FakeClock, admin: Person) -> None:
    store = services_of(bot_with_clock).store
    await register(store, admin.id)
    await admin.send("/new SIP I Wayan Sudarma")
    assert ((await admin.next_message()).text or "").startswith(
        "✅ Permohonan terdaftar\nNomor: JBR-2026-000002")
    await admin.next_message()  # the receipt's QR code
    clock.advance(days=7, seconds=1)
    await admin.send("/new PBG I Wayan Sudarma")
    assert ((await admin.next_message()).text or "").startswith(
        "✅ Permohonan terdaftar\nNomor: JBR-2026-000003")
