"""The buttons on the staff view, stale buttons, and two staff acting at the same moment."""

from __future__ import annotations

import asyncio

import pytest

from bot.handlers.context import BotApplication
from sandbox import Person, Sandbox
from storage.errors import ConcurrentChange
from storage.models import Change, Role
from storage.workflow import Action
from tests.e2e.conftest import services_of
from tests.e2e.office import advance_to, ask, hire, reason_needed, register, snapshot


def stale(number: str, stage: str) -> str:
    """The reply to a button shown before the application moved."""
    return (f"Tombol ini sudah kedaluwarsa: {number} sudah berpindah ke tahap {stage}. Tidak ada "
            "yang diubah; buka lagi dengan /view.")


@pytest.fixture
async def operator(bot: BotApplication, sandbox: Sandbox, admin: Person) -> Person:
    """A second staff member, an operator."""
    kadek = sandbox.add_user("Kadek", language_code="id")
    await hire(bot, kadek.id, Role.OPERATOR, "Kadek Dwi", by=admin.id)
    return kadek


async def test_the_next_stage_button_moves_at_once(bot: BotApplication, admin: Person) -> None:
    store = services_of(bot).store
    application = await register(store, admin.id)
    await advance_to(store, application.number, "fee_payment", admin.id)
    await ask(admin, "/view 1")

    assert (await admin.press("➡️ Penandatanganan")).text is None
    assert (await admin.next_message()).buttons == []  # the view loses its buttons
    assert (await admin.next_message()).text == (
        f"✅ {application.number}: Pembayaran retribusi (SKRD) → Penandatanganan. "
        "Pengikut dikabari: 0.")
    await admin.press("✅ Terbitkan")
    await admin.next_message()
    assert (await admin.next_message()).text == (
        f"✅ {application.number}: Penandatanganan → Izin terbit, siap diambil. "
        "Pengikut dikabari: 0.")
    history = await store.applications.history(application.id)
    assert [(e.action, e.to_stage, e.staff_id) for e in history[-2:]] == [
        ("advance", "signing", admin.id), ("advance", "issued", admin.id)]


async def test_the_return_button_applies_the_reply_naming_what_is_missing(
        bot: BotApplication, admin: Person) -> None:
    store = services_of(bot).store
    application = await register(store, admin.id)
    await ask(admin, "/view 1")
    await admin.press("📎 Kembalikan")
    prompt = await admin.next_message()
    assert prompt.text == (f"Tulis apa yang perlu dilengkapi untuk {application.number} sebagai "
                           "balasan pesan ini.")
    assert (await store.applications.get(application.number)).stage == "received"

    await admin.send("Fotokopi KTP // sudah ditelepon", reply_to=prompt)
    assert (await admin.next_message()).text == (
        f"✅ {application.number}: Berkas diterima → Berkas dikembalikan untuk dilengkapi. "
        "Pengikut dikabari: 0.")
    entry = (await store.applications.history(application.id))[-1]
    assert (entry.action, entry.to_stage, entry.public_note, entry.internal_note) == (
        "return", "returned", "Fotokopi KTP", "sudah ditelepon")


@pytest.mark.parametrize(("button", "what", "verb", "stage", "outcome"), [
    ("❌ Tolak", "alasan penolakan", "Tolak permohonan ini?", "rejected", "Ditolak"),
    ("↩️ Tarik permohonan", "alasan penarikan", "Tarik permohonan ini?", "withdrawn",
     "Dibatalkan oleh pemohon"),
])
async def test_reject_and_withdraw_buttons_ask_a_reason_then_confirmation(
        bot: BotApplication, admin: Person, button: str, what: str, verb: str, stage: str,
        outcome: str) -> None:
    store = services_of(bot).store
    number = (await register(store, admin.id)).number
    await ask(admin, "/view 1")
    before = await snapshot(store, number)
    for choice in ("Batal", "Ya, lanjutkan"):
        await admin.press(button)
        prompt = await admin.next_message()
        assert prompt.text == f"Tulis {what} untuk {number} sebagai balasan pesan ini."
        await admin.send("Lokasi di jalur hijau // cek RTRW", reply_to=prompt)
        confirmation = await admin.next_message()
        assert confirmation.text == (
            f"⚠️ {verb}\n{number} · Persetujuan Bangunan Gedung\nPemohon: I***** W***** S*****\n"
            "Tahap sekarang: Berkas diterima\nAlasan: Lokasi di jalur hijau\n"
            "Tombol ini berlaku 5 menit.")
        assert [label for label, _ in confirmation.buttons[0]] == ["Ya, lanjutkan", "Batal"]
        assert await snapshot(store, number) == before

        await admin.press(choice)
        assert (await admin.next_message()).buttons == []
        answer = await admin.next_message()
        if choice == "Batal":
            assert answer.text == "Dibatalkan. Tidak ada yang diubah."
            assert await snapshot(store, number) == before
    assert answer.text == f"✅ {number}: Berkas diterima → {outcome}. Pengikut dikabari: 0."
    entry = (await store.applications.history((await store.applications.get(number)).id))[-1]
    assert (entry.to_stage, entry.public_note, entry.internal_note) == (
        stage, "Lokasi di jalur hijau", "cek RTRW")


async def test_stale_buttons_change_nothing_and_say_why(
        bot: BotApplication, admin: Person, operator: Person) -> None:
    store = services_of(bot).store
    number = (await register(store, admin.id)).number
    await ask(admin, "/view 1")
    await ask(admin, "/view 1")
    await ask(operator, "/advance 1")  # someone else moves it after the views were shown
    moved = await snapshot(store, number)

    for button in ("❌ Tolak", "➡️ Verifikasi berkas"):
        await admin.press(button)
        assert (await admin.next_message()).buttons == []
        assert (await admin.next_message()).text == stale(number, "Verifikasi berkas")
    assert await snapshot(store, number) == moved


async def test_a_confirmation_after_the_application_moved_changes_nothing(
        bot: BotApplication, admin: Person, operator: Person) -> None:
    store = services_of(bot).store
    number = (await register(store, admin.id)).number
    await ask(admin, "/view 1")
    await admin.press("❌ Tolak")
    await admin.send("Tidak lengkap", reply_to=await admin.next_message())
    await admin.next_message()
    await ask(operator, "/advance 1")
    moved = await snapshot(store, number)

    await admin.press("Ya, lanjutkan")
    assert (await admin.next_message()).buttons == []
    # The reason typed for it was not used: it is given back, not silently dropped.
    assert (await admin.next_message()).text == (stale(number, "Verifikasi berkas")
                                                 + "\nCatatan Anda tidak ditambahkan: "
                                                 "Tidak lengkap")
    assert await snapshot(store, number) == moved


async def test_two_staff_pressing_the_same_button_at_once_move_it_once(
        bot: BotApplication, admin: Person, operator: Person) -> None:
    store = services_of(bot).store
    number = (await register(store, admin.id)).number
    await ask(admin, "/view 1")
    await ask(operator, "/view 1")

    await asyncio.gather(admin.press("➡️ Verifikasi berkas"),
                         operator.press("➡️ Verifikasi berkas"))

    replies = []
    for person in (admin, operator):
        assert (await person.next_message()).buttons == []
        replies.append((await person.next_message()).text)
    assert sorted(replies, key=str) == sorted([
        f"✅ {number}: Berkas diterima → Verifikasi berkas. Pengikut dikabari: 0.",
        stale(number, "Verifikasi berkas")], key=str)
    application = await store.applications.get(number)
    assert application.stage == "document_check"
    assert len(await store.applications.history(application.id)) == 2


async def test_two_staff_advancing_at_the_same_moment_one_succeeds(
        bot: BotApplication, admin: Person, operator: Person) -> None:
    store = services_of(bot).store
    number = (await register(store, admin.id)).number

    outcomes = await asyncio.gather(
        *(store.applications.change(number, Action.ADVANCE, staff_id=who, expected_stage=seen)
          for who, seen in ((admin.id, "received"), (operator.id, "received"))),
        return_exceptions=True)

    assert sorted(type(outcome).__name__ for outcome in outcomes) == [
        "Change", "ConcurrentChange"]
    done = next(o for o in outcomes if isinstance(o, Change))
    refused = next(o for o in outcomes if isinstance(o, ConcurrentChange))
    assert (refused.expected_stage, refused.actual_stage) == ("received", "document_check")
    application = await store.applications.get(number)
    assert application.stage == done.application.stage == "document_check"
    history = await store.applications.history(application.id)
    audit = await store.audit.for_application(application.id)
    assert [e.action for e in history] == ["create", "advance"]
    assert [e.action for e in audit] == ["create", "advance"]


async def test_a_staff_reply_to_anything_but_a_prompt_is_handled_as_usual(
        bot: BotApplication, admin: Person) -> None:
    store = services_of(bot).store
    application = await register(store, admin.id)
    card = await ask(admin, f"/status {application.number}")

    await admin.send(application.number, reply_to=card)

    again = await admin.next_message()  # a clerk's typed number opens the staff view
    assert (again.text or "").startswith(f"🗂 {application.number}")


async def test_a_reason_with_only_an_internal_note_is_refused(bot: BotApplication,
                                                              admin: Person) -> None:
    store = services_of(bot).store
    number = (await register(store, admin.id)).number
    await ask(admin, "/view 1")
    before = await snapshot(store, number)
    await admin.press("❌ Tolak")
    prompt = await admin.next_message()

    await admin.send("// hanya untuk kantor", reply_to=prompt)

    assert (await admin.next_message()).text == reason_needed("reject")
    assert await snapshot(store, number) == before
