"""Undo: a move taken back from its reply's button or with /undo, followers corrected once."""

from __future__ import annotations

from bot.handlers.context import BotApplication
from sandbox import Person, Sandbox
from storage.models import Role
from storage.store import Store
from storage.workflow import Action
from tests.conftest import FakeClock, eventually
from tests.e2e.applicant_steps import LANGUAGES, speak
from tests.e2e.conftest import services_of
from tests.e2e.office import advance_to, ask, confirm, hire, register, snapshot

UNDO = {"id": "⏪ Urungkan", "en": "⏪ Undo"}
UNDONE = {
    "id": "↩️ Dibatalkan: {number} kembali dari Survei lapangan ke Verifikasi berkas. Koreksi "
          "untuk pengikut yang sudah dikabari: {corrected}; kabar yang belum terkirim "
          "dibatalkan: {cancelled}.",
    "en": "↩️ Undone: {number} is back from Field inspection to Document check. Corrections to "
          "followers already told: {corrected}; notices not yet sent cancelled: {cancelled}.",
}
CORRECTION = {
    "id": "↩️ Perubahan sebelumnya untuk {number} dibatalkan: permohonan kembali ke tahap "
          "Verifikasi berkas.",
    "en": "↩️ The previous change to {number} was cancelled: the application is back at the "
          "stage Document check.",
}


async def moved_once(store: Store, admin: Person, clock: FakeClock) -> str:
    """An application at document_check, a minute old (no repeat warning)."""
    number = (await register(store, admin.id)).number
    await advance_to(store, number, "document_check", admin.id)
    clock.advance(minutes=1)
    return number


async def undo_rows(store: Store, number: str) -> tuple[str, list[str], list[str]]:
    """The stage, the last two history actions and the last two audit actions."""
    application = await store.applications.get(number)
    history = [entry.action for entry in await store.applications.history(application.id)]
    audit = [entry.action for entry in await store.audit.for_application(application.id)]
    return application.stage, history[-2:], audit[-2:]


@LANGUAGES
async def test_undo_after_the_notice_went_out_sends_one_correction(
        bot_with_clock: BotApplication, clock: FakeClock, admin: Person, alice: Person,
        lang: str) -> None:
    store = services_of(bot_with_clock).store
    number = await moved_once(store, admin, clock)
    await speak(admin, lang)
    await speak(alice, lang)
    await ask(alice, f"/follow {number} 123456")
    due = (await store.applications.get(number)).due_at
    reply = await ask(admin, "/advance 1")
    assert [label for label, _ in reply.buttons[-1]] == [UNDO[lang]]
    await alice.next_message()  # told of the move

    await admin.press(UNDO[lang])

    assert (await admin.next_message()).text == UNDONE[lang].format(
        number=number, corrected=1, cancelled=0)
    assert (await alice.next_message()).text == CORRECTION[lang].format(number=number)
    assert await undo_rows(store, number) == (
        "document_check", ["advance", "undo"], ["advance", "undo"])
    assert (await store.applications.get(number)).due_at == due


async def test_undo_before_the_notice_went_out_cancels_it_instead(
        bot_with_clock: BotApplication, clock: FakeClock, admin: Person, alice: Person) -> None:
    store = services_of(bot_with_clock).store
    number = await moved_once(store, admin, clock)
    await ask(alice, f"/follow {number} 123456")
    alice.block()  # the notice waits (paused) until she comes back

    async def blocked() -> bool:
        return (await store.followers.chat(alice.id)).blocked

    await eventually(blocked, what="the bot saw the block")
    await ask(admin, "/advance 1")

    assert (await ask(admin, f"/undo {number}")).text == UNDONE["id"].format(
        number=number, corrected=0, cancelled=1)
    statuses = await store.database.fetch_all(
        "SELECT kind, status FROM outbox WHERE chat_id = ? ORDER BY id", (alice.id,))
    assert [tuple(row) for row in statuses] == [("change", "dropped")]
    alice.unblock()
    # Back again: the cancelled notice is not delivered, nor any correction.
    assert (await ask(alice, "/language id")).text == "Bahasa diatur ke Bahasa Indonesia."


async def test_a_second_undo_and_an_undo_after_another_move_are_refused(
        bot_with_clock: BotApplication, clock: FakeClock, admin: Person) -> None:
    store = services_of(bot_with_clock).store
    number = await moved_once(store, admin, clock)
    await ask(admin, "/advance 1")
    await ask(admin, f"/undo {number}")
    before = await snapshot(store, number)

    assert (await ask(admin, f"/undo {number}")).text == (
        f"Tidak ada yang dibatalkan: langkah terakhir {number} bukan perpindahan tahap yang "
        "bisa dibatalkan.")
    assert await snapshot(store, number) == before
    clock.advance(minutes=1)
    await ask(admin, "/advance 1")
    await store.applications.change(number, Action.ADVANCE, staff_id=admin.id)  # a colleague
    before = await snapshot(store, number)

    await admin.press("⏪ Urungkan")  # under the reply: a later move happened since

    assert (await admin.next_message()).text == (
        f"Tidak ada yang dibatalkan: {number} sudah diubah lagi sesudah langkah itu; hanya "
        "langkah terakhir yang bisa dibatalkan.")
    assert await snapshot(store, number) == before


@LANGUAGES
async def test_undo_is_refused_to_another_clerk_and_after_the_window(
        bot_with_clock: BotApplication, clock: FakeClock, sandbox: Sandbox, admin: Person,
        lang: str) -> None:
    store = services_of(bot_with_clock).store
    number = await moved_once(store, admin, clock)
    clerk = sandbox.add_user("Kadek", language_code="id")
    await hire(bot_with_clock, clerk.id, Role.OPERATOR, "Kadek Operator", by=admin.id)
    await speak(clerk, lang)
    await speak(admin, lang)
    await ask(admin, "/advance 1")
    before = await snapshot(store, number)

    assert (await ask(clerk, f"/undo {number}")).text == {
        "id": f"Tidak ada yang dibatalkan: langkah terakhir {number} dibuat petugas lain; hanya "
              "dia atau admin yang bisa membatalkannya.",
        "en": f"Nothing was undone: another clerk made the latest move on {number}; only they "
              "or an admin can undo it.",
    }[lang]
    clock.advance(minutes=10, seconds=1)
    assert (await ask(admin, f"/undo {number}")).text == {
        "id": f"Tidak ada yang dibatalkan: langkah terakhir {number} sudah lebih dari 10 menit "
              "lalu. Perbaiki dengan /move dan catatannya.",
        "en": f"Nothing was undone: the latest move on {number} was more than 10 minutes ago. "
              "Correct it with /move and a note.",
    }[lang]
    assert await snapshot(store, number) == before


@LANGUAGES
async def test_a_final_decision_is_undone_only_by_an_admin(
        bot_with_clock: BotApplication, clock: FakeClock, sandbox: Sandbox, admin: Person,
        lang: str) -> None:
    store = services_of(bot_with_clock).store
    number = await moved_once(store, admin, clock)
    clerk = sandbox.add_user("Kadek", language_code="id")
    await hire(bot_with_clock, clerk.id, Role.OPERATOR, "Kadek Operator", by=admin.id)
    await speak(clerk, lang)
    await ask(clerk, "/reject 1 Lokasi di jalur hijau")
    decided = await confirm(clerk, lang)
    assert decided.buttons == []  # no undo offered to an operator for a final decision
    before = await snapshot(store, number)

    assert (await ask(clerk, f"/undo {number}")).text == {
        "id": f"Tidak ada yang dibatalkan: {number} sudah diputuskan; keputusan akhir hanya bisa "
              "dibatalkan admin.",
        "en": f"Nothing was undone: {number} has been decided; only an admin can undo a final "
              "decision.",
    }[lang]
    assert await snapshot(store, number) == before

    reopened = await ask(admin, f"/undo {number}")

    assert reopened.text.startswith("↩️ Dibatalkan: ")  # type: ignore[union-attr]
    application = await store.applications.get(number)
    assert (application.stage, application.decided_at) == ("document_check", None)


async def test_undo_needs_a_number(bot: BotApplication, admin: Person) -> None:
    assert (await ask(admin, "/undo")).text == (
        "Cara: /undo JBR-2026-000123 — nomor boleh disingkat urutannya saja, mis. /undo 123.")
