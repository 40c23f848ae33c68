"""Two instances of the bot on one database, updates spread between them as nginx would.

Each instance is a whole `build_bot` application with its own memory; the sandbox's updates are
handed to whichever instance the test routes them to. A question asked by one instance is
answered on the other; a Confirm pressed twice, once on each, applies once.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path

import pytest
from telegram import Update

from bot.handlers.context import BotApplication
from bot.wiring import build_bot
from office.settings import Settings
from sandbox import Person, Sandbox, SentMessage
from storage.models import Role
from tests.conftest import FakeClock
from tests.e2e.applicant_steps import LANGUAGES, speak
from tests.e2e.conftest import sandbox_settings, services_of
from tests.e2e.office import ACCESS_CODE, CONFIRM, ask, register

FOLLOW = {"id": "🔔 Ikuti", "en": "🔔 Follow"}
ASK_CODE = {"id": "Kirim kode akses 6 angka dari tanda terima untuk {number}.",
            "en": "Send the 6-digit access code from the receipt of {number}."}
FOLLOWED = {
    "id": "✅ Anda sekarang mengikuti {number}. Kami akan mengabari setiap kali permohonan "
          "berpindah tahap.",
    "en": "✅ You now follow {number}. We will message you whenever it moves to another stage.",
}
REJECTED = {"id": "✅ {number}: Berkas diterima → Ditolak. Pengikut dikabari: 0.",
            "en": "✅ {number}: Received → Rejected. Followers told: 0."}
ALREADY_ANSWERED = {
    "id": "Pertanyaan ini sudah dijawab. Tidak ada perubahan lagi.",
    "en": "This question was already answered. Nothing more was changed.",
}


class Balancer:
    """Takes the updates the sandbox holds and hands each to the instance routed next.

    Like a person who reads the answer before tapping, it hands over the next update once the
    last one was handled; updates already waiting together (two presses at once) are handled
    together, each on its own instance.
    """

    def __init__(self, sandbox: Sandbox, instances: list[BotApplication]) -> None:
        self.world = sandbox.world
        self.instances = instances
        self.route: list[int] = []  # instance indexes for the next updates; then instance 0
        self.delivered: list[int] = []

    async def run(self) -> None:
        """Deliver forever (cancelled at the end of the test)."""
        while True:
            await self.world.signal.wait_for(lambda: bool(self.world.updates), 3600)
            if not self.world.updates:
                continue
            waiting, self.world.updates[:] = list(self.world.updates), []
            await asyncio.gather(*(self._deliver(data) for data in waiting))

    async def _deliver(self, data: dict[str, object]) -> None:
        index = self.route.pop(0) if self.route else 0
        self.delivered.append(index)
        app = self.instances[index]
        await app.process_update(Update.de_json(data, app.bot))


@asynccontextmanager
async def serving(app: BotApplication) -> AsyncIterator[None]:
    """The application running without polling: the balancer hands it its updates."""
    await app.initialize()
    try:
        assert app.post_init is not None
        await app.post_init(app)
        await app.start()
        try:
            yield
        finally:
            await app.bot_data["before_stop"]()
            await app.stop()
    finally:
        if app.post_shutdown:
            await app.post_shutdown(app)
        await app.shutdown()


@pytest.fixture
async def pair(sandbox: Sandbox, admin: Person, settings: Settings, clock: FakeClock,
               e2e_database: Path | str) -> AsyncIterator[Balancer]:
    """Instances A (0) and B (1) on one database (one SQLite file, or one PostgreSQL schema)."""
    configured = sandbox_settings(settings, sandbox, e2e_database, [admin.user.id])
    async with AsyncExitStack() as stack:
        instances = [build_bot(configured, clock=clock) for _ in range(2)]
        for app in instances:
            await stack.enter_async_context(serving(app))
        balancer = Balancer(sandbox, instances)
        task = asyncio.create_task(balancer.run())
        try:
            yield balancer
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


A, B = 0, 1


@LANGUAGES
async def test_follow_pressed_on_one_instance_takes_the_code_typed_to_the_other(
        pair: Balancer, admin: Person, alice: Person, lang: str) -> None:
    store = services_of(pair.instances[A]).store
    number = (await register(store, admin.id)).number
    await speak(alice, lang)
    pair.route = [A, A, B]
    await ask(alice, f"/status {number}")
    await alice.press(FOLLOW[lang])
    assert (await alice.next_message()).text == ASK_CODE[lang].format(number=number)

    assert (await ask(alice, ACCESS_CODE)).text == FOLLOWED[lang].format(number=number)

    assert pair.delivered[-3:] == [A, A, B]
    application = await store.applications.get(number)
    assert await store.followers.is_following(application, alice.id)


async def texts_until(person: Person, count: int) -> list[str]:
    """The next `count` new messages' texts (edits taking buttons off are skipped)."""
    texts: list[str] = []
    while len(texts) < count:
        message: SentMessage = await person.next_message()
        if not message.edited:
            texts.append(message.text or "")
    return texts


@LANGUAGES
async def test_a_confirm_pressed_on_both_instances_applies_once(
        pair: Balancer, admin: Person, lang: str) -> None:
    store = services_of(pair.instances[A]).store
    number = (await register(store, admin.id)).number
    await speak(admin, lang)
    pair.route = [A]
    question = await ask(admin, "/reject 1 Lokasi di jalur hijau")
    assert next(label for label, _ in question.buttons[0]) == CONFIRM[lang]

    # Two presses of the one Confirm before either is answered: the first reaches B, the
    # replay reaches A.
    pair.route = [B, A]
    await asyncio.gather(admin.press(CONFIRM[lang]), admin.press(CONFIRM[lang]))

    assert sorted(await texts_until(admin, 2)) == sorted(
        [REJECTED[lang].format(number=number), ALREADY_ANSWERED[lang]])
    application = await store.applications.get(number)
    history = await store.applications.history(application.id)
    assert [entry.to_stage for entry in history].count("rejected") == 1
    assert application.stage == "rejected"
    # The question is used up: nothing is left waiting in the database.
    assert await store.database.fetch_value("SELECT COUNT(*) FROM conversations") == 0


async def test_a_reason_prompt_shown_by_one_instance_is_answered_on_the_other(
        pair: Balancer, admin: Person) -> None:
    store = services_of(pair.instances[A]).store
    number = (await register(store, admin.id)).number
    pair.route = [A, A]
    await ask(admin, "/view 1")
    await admin.press("❌ Tolak")
    prompt = await admin.next_message()
    assert prompt.text == f"Tulis alasan penolakan untuk {number} sebagai balasan pesan ini."

    pair.route = [B, A]
    await admin.send("Lokasi di jalur hijau // cek RTRW", reply_to=prompt)
    confirmation = await admin.next_message()
    assert confirmation.text.startswith("⚠️ Tolak permohonan ini?")  # type: ignore[union-attr]
    await admin.press(CONFIRM["id"])
    assert await texts_until(admin, 1) == [REJECTED["id"].format(number=number)]
    entry = (await store.applications.history((await store.applications.get(number)).id))[-1]
    assert (entry.to_stage, entry.public_note, entry.internal_note) == (
        "rejected", "Lokasi di jalur hijau", "cek RTRW")


async def test_the_repeat_guard_holds_across_instances(
        pair: Balancer, admin: Person, clock: FakeClock) -> None:
    store = services_of(pair.instances[A]).store
    number = (await register(store, admin.id)).number
    pair.route = [A, B, A]
    assert (await ask(admin, "/advance 1")).text == (
        f"✅ {number}: Berkas diterima → Verifikasi berkas. Pengikut dikabari: 0.")
    clock.advance(seconds=5)
    warning = await ask(admin, "/advance 1 Survei Kamis")
    assert warning.text == (
        f"⚠️ Anda baru saja memindahkan {number} ke Verifikasi berkas 5 detik lalu, jadi "
        "/advance ini belum dijalankan dan catatannya belum ditambahkan. Untuk memajukannya "
        "ke Survei lapangan, ketuk tombol di bawah: catatan ini akan ditambahkan.\n"
        "📝 Survei Kamis")

    await admin.press("➡️ Survei lapangan + catatan")
    assert await texts_until(admin, 1) == [
        f"✅ {number}: Verifikasi berkas → Survei lapangan. Pengikut dikabari: 0."]
    entry = (await store.applications.history((await store.applications.get(number)).id))[-1]
    assert (entry.to_stage, entry.public_note) == ("field_inspection", "Survei Kamis")
    assert pair.delivered[-3:] == [A, B, A]


async def test_a_clerk_added_on_one_instance_may_work_on_the_other(
        pair: Balancer, sandbox: Sandbox, admin: Person) -> None:
    kadek = sandbox.add_user("Kadek", language_code="id")
    other = services_of(pair.instances[B]).directory
    pair.route = [A]
    assert (await ask(admin, f"/staff add {kadek.id} operator Kadek Dwi")).text == (
        f"✅ Kadek Dwi ({kadek.id}) sekarang operator.")
    # B re-reads the roster every few seconds (bot/jobs.py).
    await sandbox.wait_for(lambda: other.role_of(kadek.id) == Role.OPERATOR, timeout=15,
                           what="B sees the new clerk")
    pair.route = [B]
    assert (await ask(kadek, "/queue")).text != "Perintah ini khusus untuk petugas kantor."
