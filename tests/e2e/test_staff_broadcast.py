"""`/broadcast`: an announcement goes to every follower only after the admin confirms it."""

from __future__ import annotations

from bot.handlers.context import BotApplication
from sandbox import Person
from tests.e2e.conftest import services_of
from tests.e2e.office import ACCESS_CODE, ask, register


async def test_broadcast_reaches_followers_only_once_confirmed(
        bot: BotApplication, admin: Person, alice: Person) -> None:
    store = services_of(bot).store
    application = await register(store, admin.id)
    await ask(alice, f"/follow {application.number} {ACCESS_CODE}")
    quiet = await store.outbox.counts()

    question = await ask(admin, "/broadcast Kantor tutup 17 Agustus")
    assert question.text == (
        "📢 Kirim pengumuman ini ke 1 obrolan pengikut?\n\nKantor tutup 17 Agustus")
    assert [label for label, _ in question.buttons[0]] == ["Ya, lanjutkan", "Batal"]
    await admin.press("Batal")
    assert (await admin.next_message()).buttons == []
    assert (await admin.next_message()).text == "Dibatalkan. Tidak ada yang diubah."
    assert await store.outbox.counts() == quiet

    await ask(admin, "/broadcast Kantor tutup 17 Agustus")
    await admin.press("Ya, lanjutkan")
    assert (await admin.next_message()).buttons == []
    assert (await admin.next_message()).text == "📢 Pengumuman sedang dikirim ke 1 obrolan."
    assert (await alice.next_message()).text == (
        "📢 Pengumuman DPMPTSP Kabupaten Jembrana\nKantor tutup 17 Agustus")
