"""Bulk moves: several applications after one confirmation, each its own transaction."""

from __future__ import annotations

from bot.handlers.context import BotApplication
from sandbox import Person
from storage.store import Store
from storage.workflow import Action
from tests.conftest import FakeClock
from tests.e2e.applicant_steps import LANGUAGES, speak
from tests.e2e.conftest import services_of
from tests.e2e.office import CONFIRM, ask, confirm, register, snapshot

N = "JBR-2026-00000{}"
QUESTION = {
    "id": "⚠️ /advance untuk 3 permohonan? Pengikut yang akan dikabari: 2.\n"
          f"• {N.format(1)}: Berkas diterima → Verifikasi berkas\n"
          f"• {N.format(2)}: Berkas diterima → Verifikasi berkas\n"
          f"• {N.format(4)}: Berkas diterima → Verifikasi berkas\n"
          f"✖️ {N.format(5)}: tidak ditemukan\n"
          "Catatan: Berkas lengkap\nTombol ini berlaku 5 menit.",
    "en": "⚠️ /advance for 3 applications? Followers to be told: 2.\n"
          f"• {N.format(1)}: Received → Document check\n"
          f"• {N.format(2)}: Received → Document check\n"
          f"• {N.format(4)}: Received → Document check\n"
          f"✖️ {N.format(5)}: not found\n"
          "Note: Berkas lengkap\nThese buttons work for 5 minutes.",
}
RESULTS = {
    "id": "Hasil /advance: 2 berhasil, 2 tidak dijalankan.\n"
          f"✅ {N.format(1)}: Berkas diterima → Verifikasi berkas · pengikut dikabari: 1\n"
          f"✅ {N.format(2)}: Berkas diterima → Verifikasi berkas · pengikut dikabari: 1\n"
          f"✖️ {N.format(4)}: sudah berpindah ke Verifikasi berkas\n"
          f"✖️ {N.format(5)}: tidak ditemukan",
    "en": "/advance results: 2 done, 2 not done.\n"
          f"✅ {N.format(1)}: Received → Document check · followers told: 1\n"
          f"✅ {N.format(2)}: Received → Document check · followers told: 1\n"
          f"✖️ {N.format(4)}: has moved to Document check since\n"
          f"✖️ {N.format(5)}: not found",
}


async def four(store: Store, admin: Person) -> list[str]:
    """Four applications at the first stage."""
    return [(await register(store, admin.id)).number for _ in range(4)]


async def audit_actions(store: Store, number: str) -> list[str]:
    """The audit actions recorded for one application."""
    application = await store.applications.get(number)
    return [entry.action for entry in await store.audit.for_application(application.id)]


@LANGUAGES
async def test_bulk_advance_asks_once_then_reports_each_number(
        bot_with_clock: BotApplication, admin: Person, alice: Person, lang: str) -> None:
    store = services_of(bot_with_clock).store
    numbers = await four(store, admin)
    for number in numbers[:2]:
        await ask(alice, f"/follow {number} 123456")
    await speak(admin, lang)
    before = await snapshot(store, numbers[0])

    question = await ask(admin, "/advance 1 2 4-5 Berkas lengkap // cek arsip")

    assert question.text == QUESTION[lang]
    assert await snapshot(store, numbers[0]) == before
    await store.applications.change(numbers[3], Action.ADVANCE, staff_id=admin.id)  # meanwhile
    assert (await confirm(admin, lang)).text == RESULTS[lang]
    assert [(await store.applications.get(n)).stage for n in numbers] == [
        "document_check", "document_check", "received", "document_check"]
    assert await audit_actions(store, numbers[0]) == ["create", "advance"]
    application = await store.applications.get(numbers[1])
    entry = (await store.applications.history(application.id))[-1]
    assert (entry.public_note, entry.internal_note) == ("Berkas lengkap", "cek arsip")
    told = sorted([(await alice.next_message()).text or "" for _ in range(2)])
    assert [text.splitlines()[0] for text in told] == [
        f"🔔 {N.format(1)} berpindah tahap", f"🔔 {N.format(2)} berpindah tahap"]


@LANGUAGES
async def test_bulk_move_and_note(bot_with_clock: BotApplication, clock: FakeClock,
                                  admin: Person, lang: str) -> None:
    store = services_of(bot_with_clock).store
    numbers = await four(store, admin)
    await speak(admin, lang)

    question = await ask(admin, "/move 1-2 field_inspection Perlu survei")
    assert question.text.splitlines()[:2] == {  # type: ignore[union-attr]
        "id": ["⚠️ /move untuk 2 permohonan? Pengikut yang akan dikabari: 0.",
               f"• {N.format(1)}: Berkas diterima → Survei lapangan"],
        "en": ["⚠️ /move for 2 applications? Followers to be told: 0.",
               f"• {N.format(1)}: Received → Field inspection"],
    }[lang]
    await confirm(admin, lang)
    await ask(admin, "/note 2 3 Mohon bawa KTP")

    assert (await confirm(admin, lang)).text == {
        "id": "Hasil /note: 2 berhasil, 0 tidak dijalankan.\n"
              f"✅ {N.format(2)}: catatan ditambahkan · pengikut dikabari: 0\n"
              f"✅ {N.format(3)}: catatan ditambahkan · pengikut dikabari: 0",
        "en": "/note results: 2 done, 0 not done.\n"
              f"✅ {N.format(2)}: note added · followers told: 0\n"
              f"✅ {N.format(3)}: note added · followers told: 0",
    }[lang]
    assert [(await store.applications.get(n)).stage for n in numbers] == [
        "field_inspection", "field_inspection", "received", "received"]


@LANGUAGES
async def test_too_many_or_a_backwards_range_changes_nothing(
        bot_with_clock: BotApplication, admin: Person, lang: str) -> None:
    store = services_of(bot_with_clock).store
    numbers = await four(store, admin)
    await speak(admin, lang)
    before = await snapshot(store, numbers[0])

    assert (await ask(admin, "/advance 1-51")).text == {
        "id": "Paling banyak 50 permohonan per perintah; tidak ada yang diubah. Bagi menjadi "
              "beberapa perintah.",
        "en": "At most 50 applications per command; nothing was changed. Split it into several "
              "commands.",
    }[lang]
    assert (await ask(admin, "/advance 1 999999-1")).text == {
        "id": "Rentang 999999-1 terbalik; tulis nomor yang kecil dulu, mis. 15-18. Tidak ada "
              "yang diubah.",
        "en": "The range 999999-1 is backwards; write the smaller number first, e.g. 15-18. "
              "Nothing was changed.",
    }[lang]
    assert (await ask(admin, "/advance 1-999999")).text.startswith(  # type: ignore[union-attr]
        {"id": "Paling banyak 50", "en": "At most 50"}[lang])
    assert await snapshot(store, numbers[0]) == before


async def test_cancel_changes_none_of_them(bot_with_clock: BotApplication,
                                           admin: Person) -> None:
    store = services_of(bot_with_clock).store
    numbers = await four(store, admin)
    before = [await snapshot(store, n) for n in numbers]
    await ask(admin, "/advance 1-4")

    await admin.press("Batal")
    assert (await admin.next_message()).buttons == []

    assert (await admin.next_message()).text == "Dibatalkan. Tidak ada yang diubah."
    assert [await snapshot(store, n) for n in numbers] == before


@LANGUAGES
async def test_queue_advances_all_it_shows_after_the_same_confirmation(
        bot_with_clock: BotApplication, admin: Person, lang: str) -> None:
    store = services_of(bot_with_clock).store
    numbers = await four(store, admin)
    await speak(admin, lang)
    button = {"id": "⏩ Majukan semua yang ditampilkan (4)", "en": "⏩ Advance all shown (4)"}

    listing = await ask(admin, "/queue")
    assert [label for row in listing.buttons for label, _ in row] == [button[lang]]
    await admin.press(button[lang])
    assert (await admin.next_message()).buttons == []
    question = await admin.next_message()

    assert question.text.splitlines()[0] == {  # type: ignore[union-attr]
        "id": "⚠️ /advance untuk 4 permohonan? Pengikut yang akan dikabari: 0.",
        "en": "⚠️ /advance for 4 applications? Followers to be told: 0.",
    }[lang]
    assert [label for label, _ in question.buttons[0]] == [
        CONFIRM[lang], {"id": "Batal", "en": "Cancel"}[lang]]
    await confirm(admin, lang)
    assert {(await store.applications.get(n)).stage for n in numbers} == {"document_check"}
