"""Nothing silently lost: a repeated /advance keeps its note until the clerk decides."""

from __future__ import annotations

from bot.handlers.context import BotApplication
from sandbox import Person, Sandbox
from storage.models import Role
from storage.store import Store
from tests.conftest import FakeClock
from tests.e2e.applicant_steps import LANGUAGES, speak
from tests.e2e.conftest import services_of
from tests.e2e.office import ask, hire, register, snapshot

NOTE = "Survei dijadwalkan Kamis // kunci di pos satpam"
WARNING = {
    "id": "⚠️ Anda baru saja memindahkan {number} ke Verifikasi berkas 5 detik lalu, jadi "
          "/advance ini belum dijalankan dan catatannya belum ditambahkan. Untuk memajukannya "
          "ke Survei lapangan, ketuk tombol di bawah: catatan ini akan ditambahkan.\n📝 {note}",
    "en": "⚠️ You moved {number} to Document check 5 seconds ago, so this /advance was not "
          "applied and its note not added yet. To advance it to Field inspection, tap the "
          "button below: the note will be added.\n📝 {note}",
}
BUTTONS = {"id": ["➡️ Survei lapangan + catatan", "Batal"],
           "en": ["➡️ Field inspection + note", "Cancel"]}
CHANGED = {
    "id": "✅ {number}: Verifikasi berkas → Survei lapangan. Pengikut dikabari: {told}.",
    "en": "✅ {number}: Document check → Field inspection. Followers told: {told}.",
}
CANCELLED = {"id": "Dibatalkan. Tidak ada yang diubah; catatannya tidak ditambahkan.",
             "en": "Cancelled. Nothing was changed; the note was not added."}
EXPIRED = ("Tombol ini sudah tidak berlaku (ada /advance yang lebih baru, atau bot dimulai "
           "ulang). Tidak ada yang diubah dan catatannya tidak ditambahkan; kirim lagi /advance "
           "dengan catatannya bila perlu.")


async def last_notes(store: Store, number: str) -> tuple[str, str, str]:
    """The latest history entry's stage and its public and internal notes."""
    application = await store.applications.get(number)
    latest = (await store.applications.history(application.id))[-1]
    return latest.to_stage, latest.public_note, latest.internal_note


async def repeat_with_a_note(admin: Person, clock: FakeClock, number: str, lang: str,
                             note: str = NOTE) -> None:
    """Advance, then the same /advance again 5 s later with a note: the warning holds the note."""
    await ask(admin, "/advance 1")
    clock.advance(seconds=5)
    warning = await ask(admin, f"/advance 1 {note}")
    assert warning.text == WARNING[lang].format(number=number, note=note)
    assert [label for row in warning.buttons for label, _ in row] == BUTTONS[lang]


async def test_the_note_of_a_repeated_advance_reaches_the_history(
        bot_with_clock: BotApplication, clock: FakeClock, admin: Person) -> None:
    # Before: the warning's button advanced without the note the second command carried.
    store = services_of(bot_with_clock).store
    number = (await register(store, admin.id)).number
    await ask(admin, "/advance 1")
    clock.advance(seconds=5)
    await ask(admin, f"/advance 1 {NOTE}")

    await admin.press("Survei lapangan")
    await admin.next_message()  # the warning loses its buttons
    await admin.next_message()  # the change

    assert await last_notes(store, number) == (
        "field_inspection", "Survei dijadwalkan Kamis", "kunci di pos satpam")


@LANGUAGES
async def test_the_button_on_the_warning_advances_with_the_repeats_note(
        bot_with_clock: BotApplication, clock: FakeClock, admin: Person, alice: Person,
        lang: str) -> None:
    store = services_of(bot_with_clock).store
    number = (await register(store, admin.id)).number
    await speak(admin, lang)
    await ask(alice, f"/follow {number} 123456")
    await repeat_with_a_note(admin, clock, number, lang)
    await alice.next_message()  # told of the first advance
    held = await snapshot(store, number)

    await admin.press(BUTTONS[lang][0])
    await admin.next_message()  # the warning loses its buttons

    assert (await admin.next_message()).text == CHANGED[lang].format(number=number, told=1)
    assert held.stage == "document_check"
    assert await last_notes(store, number) == (
        "field_inspection", "Survei dijadwalkan Kamis", "kunci di pos satpam")
    told = (await alice.next_message()).text or ""
    assert "Survei dijadwalkan Kamis" in told
    assert "kunci" not in told


@LANGUAGES
async def test_cancel_on_the_warning_says_the_note_was_not_added(
        bot_with_clock: BotApplication, clock: FakeClock, admin: Person, lang: str) -> None:
    store = services_of(bot_with_clock).store
    number = (await register(store, admin.id)).number
    await speak(admin, lang)
    await repeat_with_a_note(admin, clock, number, lang)
    before = await snapshot(store, number)

    await admin.press(BUTTONS[lang][1])
    assert (await admin.next_message()).buttons == []

    assert (await admin.next_message()).text == CANCELLED[lang]
    assert await snapshot(store, number) == before


async def test_an_older_warning_adds_no_second_note(
        bot_with_clock: BotApplication, clock: FakeClock, admin: Person) -> None:
    store = services_of(bot_with_clock).store
    number = (await register(store, admin.id)).number
    await repeat_with_a_note(admin, clock, number, "id", "Catatan pertama")
    second = await ask(admin, "/advance 1 Catatan kedua")
    assert second.text == WARNING["id"].format(number=number, note="Catatan kedua")
    await admin.press(BUTTONS["id"][0])  # on the newest warning
    await admin.next_message()
    await admin.next_message()
    after = await snapshot(store, number)

    await admin.press(BUTTONS["id"][0])  # now only the older warning has it
    assert (await admin.next_message()).buttons == []

    assert (await admin.next_message()).text == EXPIRED
    assert await snapshot(store, number) == after
    assert await last_notes(store, number) == ("field_inspection", "Catatan kedua", "")


@LANGUAGES
async def test_a_warning_gone_stale_gives_the_note_back(
        bot_with_clock: BotApplication, clock: FakeClock, sandbox: Sandbox, admin: Person,
        lang: str) -> None:
    store = services_of(bot_with_clock).store
    number = (await register(store, admin.id)).number
    await speak(admin, lang)
    await repeat_with_a_note(admin, clock, number, lang)
    colleague = sandbox.add_user("Kadek", language_code="id")
    await hire(bot_with_clock, colleague.id, Role.OPERATOR, "Kadek Operator", by=admin.id)
    await ask(colleague, "/advance 1")  # the application moves on meanwhile
    before = await snapshot(store, number)

    await admin.press(BUTTONS[lang][0])
    assert (await admin.next_message()).buttons == []

    assert (await admin.next_message()).text == {
        "id": f"Tombol ini sudah kedaluwarsa: {number} sudah berpindah ke tahap Survei "
              "lapangan. Tidak ada yang diubah; buka lagi dengan /view.\n"
              f"Catatan Anda tidak ditambahkan: {NOTE}",
        "en": f"This button is out of date: {number} has moved to Field inspection since. "
              f"Nothing was changed; open it again with /view.\nYour note was not added: {NOTE}",
    }[lang]
    assert await snapshot(store, number) == before


async def test_a_repeat_without_a_note_keeps_the_one_tap_buttons(
        bot_with_clock: BotApplication, clock: FakeClock, admin: Person) -> None:
    store = services_of(bot_with_clock).store
    number = (await register(store, admin.id)).number
    await ask(admin, "/advance 1")
    clock.advance(seconds=5)

    warning = await ask(admin, "/advance 1")

    assert warning.text == (
        f"⚠️ Anda baru saja memindahkan {number} ke Verifikasi berkas 5 detik lalu, jadi "
        "/advance ini tidak dijalankan. Untuk memajukannya lagi, ketuk tombol di bawah.")
    assert [label for row in warning.buttons for label, _ in row] == [
        "➡️ Survei lapangan", "📎 Kembalikan", "❌ Tolak", "↩️ Tarik permohonan"]
