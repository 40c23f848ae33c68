"""Onboarding staff: `/myid` gives a new clerk (and a new staff group) the id the admin needs."""

from __future__ import annotations

from pathlib import Path

from bot.handlers.context import BotApplication
from office.settings import Settings
from sandbox import Person, Sandbox
from tests.e2e.applicant_steps import LANGUAGES, speak
from tests.e2e.conftest import services_of
from tests.e2e.office import STAFF_ONLY, ask, office_bot

MYID = {
    "id": "🪪 ID Telegram Anda: {user_id}\nAkan bergabung sebagai petugas kantor? Kirim angka "
          "ini ke admin kantor, yang menambahkan Anda dengan /staff add.",
    "en": "🪪 Your Telegram user id: {user_id}\nJoining the office staff? Send this number to "
          "the office admin, who adds you with /staff add.",
}
NEW_GROUP = {
    "id": "\n👥 ID obrolan grup ini: {chat_id}\nUntuk menjadikannya grup petugas, admin mengisi "
          "angka ini pada [staff] group_chat_id di konfigurasi, lalu memulai ulang bot.",
    "en": "\n👥 This group's chat id: {chat_id}\nTo make it the staff group, the admin puts this "
          "number in [staff] group_chat_id of the configuration and restarts the bot.",
}
STAFF_GROUP = {
    "id": "\n👥 ID obrolan grup ini: {chat_id} — grup petugas kantor ([staff] group_chat_id).",
    "en": "\n👥 This group's chat id: {chat_id} — the office's staff group "
          "([staff] group_chat_id).",
}
STAFF_ADD_USAGE = (
    "Cara: /staff add ID operator|admin Nama, mis. /staff add 123456789 operator Kadek Dwi. "
    "ID adalah ID Telegram petugas baru (angka, bukan @username): minta dia mengirim /myid ke "
    "bot ini dan meneruskan angkanya kepada Anda.")


@LANGUAGES
async def test_myid_tells_anyone_their_user_id_in_their_language(
        bot: BotApplication, alice: Person, admin: Person, lang: str) -> None:
    await speak(alice, lang)
    await speak(admin, lang)

    assert (await ask(alice, "/myid")).text == MYID[lang].format(user_id=alice.id)
    assert (await ask(admin, "/myid")).text == MYID[lang].format(user_id=admin.id)


async def test_a_new_clerk_sends_myid_and_the_admin_adds_them_with_it(
        bot: BotApplication, sandbox: Sandbox, admin: Person) -> None:
    kadek = sandbox.add_user("Kadek", language_code="id")
    assert (await ask(kadek, "/queue")).text == STAFF_ONLY
    told = await ask(kadek, "/myid")
    assert told.text == MYID["id"].format(user_id=kadek.id)
    roster = services_of(bot).store.staff
    before = await roster.members()

    for wrong in ("/staff add", "/staff add @kadek operator Kadek Dwi",
                  f"/staff add {kadek.id} Kadek Dwi", f"/staff add {kadek.id} clerk Kadek Dwi"):
        assert (await ask(admin, wrong)).text == STAFF_ADD_USAGE, wrong
    assert await roster.members() == before

    added = await ask(admin, f"/staff add {kadek.id} operator Kadek Dwi")
    assert added.text == f"✅ Kadek Dwi ({kadek.id}) sekarang operator."
    assert (await ask(kadek, "/queue")).text == "Tidak ada permohonan terbuka."


async def test_staff_usage_other_than_add_is_unchanged(bot: BotApplication,
                                                       admin: Person) -> None:
    assert (await ask(admin, "/staff remove kadek")).text == (
        "Cara: /staff list, /staff add ID operator|admin Nama, /staff remove ID")


@LANGUAGES
async def test_an_admin_setting_up_a_group_gets_its_chat_id_and_strangers_get_nothing(
        sandbox: Sandbox, admin: Person, settings: Settings, tmp_path: Path, lang: str) -> None:
    stranger = sandbox.add_user("Iseng", language_code="id")
    group = sandbox.add_group("Petugas DPMPTSP (baru)", [stranger], admins=[admin])
    async with office_bot(sandbox, admin, settings, tmp_path / "setup.db") as bot:
        if lang == "en":  # /language is not answered in a group that is not the staff group
            await services_of(bot).store.followers.set_language(group.id, "en")
        await stranger.send("/myid", chat=group)
        await sandbox.wait_for(lambda: not sandbox.pending_updates, what="the stranger's /myid")
        await admin.send("/myid", chat=group)

        answer = await group.next_message()
        assert answer.text == (MYID[lang].format(user_id=admin.id)
                               + NEW_GROUP[lang].format(chat_id=group.id))
        # The stranger's /myid came first and got nothing: a group not the office's is not
        # answered (each answer would spend that group's send budget).
        assert [message.text for message in group.messages] == [answer.text]


@LANGUAGES
async def test_anyone_in_the_staff_group_gets_their_id_and_the_groups(
        sandbox: Sandbox, admin: Person, alice: Person, settings: Settings, tmp_path: Path,
        lang: str) -> None:
    group = sandbox.add_group("Petugas DPMPTSP", [alice], admins=[admin])
    async with office_bot(sandbox, admin, settings, tmp_path / "group.db",
                          group_chat_id=group.id):
        await alice.send(f"/language {lang}", chat=group)
        await group.next_message()

        await alice.send("/myid", chat=group)

        assert (await group.next_message()).text == (
            MYID[lang].format(user_id=alice.id) + STAFF_GROUP[lang].format(chat_id=group.id))
