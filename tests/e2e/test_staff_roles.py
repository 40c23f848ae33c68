"""Roles: managing the staff list, the staff group chat, and who sees which command menu."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bot.handlers.context import BotApplication
from bot.handlers.menus import ADMIN_MENU, APPLICANT_MENU, STAFF_MENU
from office.settings import Settings
from sandbox import Person, Sandbox
from storage.models import Role
from tests.e2e.conftest import services_of
from tests.e2e.office import STAFF_ONLY, ask, hire, office_bot, register, snapshot

LAST_ADMIN = "Admin aktif terakhir tidak bisa dihapus atau diturunkan."


async def test_admin_adds_promotes_and_removes_staff(bot: BotApplication, sandbox: Sandbox,
                                                     admin: Person) -> None:
    store = services_of(bot).store
    kadek = sandbox.add_user("Kadek", language_code="id")
    assert (await ask(kadek, "/queue")).text == STAFF_ONLY
    assert kadek.menu() == APPLICANT_MENU["id"]

    assert (await ask(admin, f"/staff add {kadek.id} operator Kadek Dwi")).text == (
        f"✅ Kadek Dwi ({kadek.id}) sekarang operator.")
    assert (await ask(kadek, "/queue")).text == "Tidak ada permohonan terbuka."
    assert kadek.menu() == STAFF_MENU
    assert (await ask(admin, "/staff list")).text == (
        f"Petugas\n• Admin {admin.id} ({admin.id}) — admin\n• Kadek Dwi ({kadek.id}) — operator")

    assert (await ask(admin, f"/staff add {kadek.id} admin Kadek Dwi")).text == (
        f"✅ Kadek Dwi ({kadek.id}) sekarang admin.")
    assert (await ask(kadek, "/staff list")).text == (
        f"Petugas\n• Admin {admin.id} ({admin.id}) — admin\n• Kadek Dwi ({kadek.id}) — admin")
    assert kadek.menu() == ADMIN_MENU

    assert (await ask(admin, f"/staff remove {kadek.id}")).text == (
        f"✅ Kadek Dwi ({kadek.id}) tidak lagi menjadi petugas.")
    assert (await ask(kadek, "/queue")).text == STAFF_ONLY
    assert kadek.menu() == APPLICANT_MENU["id"]
    assert [m.user_id for m in await store.staff.members()] == [admin.id]
    assert [(e.action, e.staff_id, json.loads(e.arguments)) for e in await store.audit.latest()
            ] == [
        ("staff_add", admin.id, {"user_id": kadek.id, "role": "operator", "name": "Kadek Dwi"}),
        ("staff_add", admin.id, {"user_id": kadek.id, "role": "admin", "name": "Kadek Dwi"}),
        ("staff_remove", admin.id, {"user_id": kadek.id}),
    ]


async def test_the_last_active_admin_cannot_be_removed_or_demoted(
        bot: BotApplication, admin: Person) -> None:
    store = services_of(bot).store
    before = await store.staff.members()
    assert (await ask(admin, f"/staff remove {admin.id}")).text == LAST_ADMIN
    assert (await ask(admin, f"/staff add {admin.id} operator Made")).text == LAST_ADMIN
    assert await store.staff.members() == before
    assert (await ask(admin, "/staff list")).text == (
        f"Petugas\n• Admin {admin.id} ({admin.id}) — admin")


async def test_an_admin_can_go_once_another_admin_remains(bot: BotApplication, sandbox: Sandbox,
                                                          admin: Person) -> None:
    wayan = sandbox.add_user("Wayan", language_code="id")
    await hire(bot, wayan.id, Role.ADMIN, "Wayan Admin", by=admin.id)
    assert (await ask(wayan, f"/staff remove {admin.id}")).text == (
        f"✅ Admin {admin.id} ({admin.id}) tidak lagi menjadi petugas.")
    assert (await ask(admin, "/queue")).text == STAFF_ONLY
    assert (await ask(wayan, f"/staff remove {wayan.id}")).text == LAST_ADMIN


async def test_staff_commands_work_in_the_staff_group(
        sandbox: Sandbox, admin: Person, alice: Person, settings: Settings,
        tmp_path: Path) -> None:
    kadek = sandbox.add_user("Kadek", language_code="id")
    group = sandbox.add_group("Petugas DPMPTSP", [kadek, alice], admins=[admin])
    async with office_bot(sandbox, admin, settings, tmp_path / "group.db",
                          group_chat_id=group.id) as bot:
        store = services_of(bot).store
        await hire(bot, kadek.id, Role.OPERATOR, "Kadek Dwi", by=admin.id)
        application = await register(store, admin.id)

        await kadek.send("/advance 1 Berkas lengkap", chat=group)
        moved = await group.next_message()
        assert moved.text == (f"✅ {application.number}: Berkas diterima → Verifikasi berkas. "
                              "Pengikut dikabari: 0.")
        assert (await store.applications.get(application.number)).stage == "document_check"

        before = await snapshot(store, application.number)
        await alice.send("/advance 1", chat=group)
        assert (await group.next_message()).text == STAFF_ONLY
        answer = await alice.press("Survei lapangan", chat=group)
        assert (answer.text, answer.show_alert) == (STAFF_ONLY, True)
        assert await snapshot(store, application.number) == before

        await admin.send("/broadcast Kantor tutup 17 Agustus", chat=group)
        assert (await group.next_message()).text == (
            "📢 Kirim pengumuman ini ke 0 obrolan pengikut?\n\nKantor tutup 17 Agustus")
        answer = await kadek.press("Ya, lanjutkan", chat=group)
        assert (answer.text, answer.show_alert) == ("Perintah ini khusus untuk admin.", True)
        assert await snapshot(store, application.number) == before

        assert admin.menu(group) == STAFF_MENU
        assert admin.menu() == ADMIN_MENU


async def test_staff_commands_are_refused_in_other_groups(
        sandbox: Sandbox, admin: Person, settings: Settings, tmp_path: Path) -> None:
    staff_group = sandbox.add_group("Petugas DPMPTSP", admins=[admin])
    other = sandbox.add_group("Warga Negara", admins=[admin])
    async with office_bot(sandbox, admin, settings, tmp_path / "other.db",
                          group_chat_id=staff_group.id) as bot:
        store = services_of(bot).store
        application = await register(store, admin.id)
        before = await snapshot(store, application.number)
        await admin.send("/advance 1", chat=other)
        assert (await other.next_message()).text == (
            "Perintah petugas hanya bisa dipakai di obrolan pribadi dengan bot atau di grup "
            "petugas.")
        await admin.send("/staff list", chat=other)
        assert (await other.next_message()).text == (
            "Perintah petugas hanya bisa dipakai di obrolan pribadi dengan bot atau di grup "
            "petugas.")
        assert await snapshot(store, application.number) == before


async def test_data_files_never_go_into_the_staff_group(
        sandbox: Sandbox, admin: Person, settings: Settings, tmp_path: Path) -> None:
    group = sandbox.add_group("Petugas DPMPTSP", admins=[admin])
    async with office_bot(sandbox, admin, settings, tmp_path / "files.db",
                          group_chat_id=group.id):
        for command in ("/backup", "/export"):
            await admin.send(command, chat=group)
            reply = await group.next_message()
            assert reply.text == ("Perintah ini mengirim berkas data kantor; pakai di obrolan "
                                  "pribadi dengan bot.")
            assert reply.document is None


async def test_applicants_see_only_their_menu(bot: BotApplication, sandbox: Sandbox,
                                              admin: Person, alice: Person) -> None:
    visitor = sandbox.add_user("Jane", language_code="en")
    assert alice.menu() == APPLICANT_MENU["id"]
    assert visitor.menu() == APPLICANT_MENU["en"]
    assert admin.menu() == ADMIN_MENU
    staff_commands = {command for command, _ in ADMIN_MENU} - {"status", "help"}
    assert not staff_commands & {command for command, _ in alice.menu()}


async def test_staff_help_lists_every_staff_command_and_applicants_keep_theirs(
        bot: BotApplication, admin: Person, alice: Person) -> None:
    staff_help = (await ask(admin, "/help")).text or ""
    applicant_help = (await ask(alice, "/help")).text or ""

    assert staff_help.startswith(
        "🧑‍💼 Perintah petugas (nomor boleh disingkat: 123 = JBR-2026-000123)\n"
        "/new PBG Nama Pemohon | 0812… — daftarkan; nomor, kode akses dan tanda terima QR\n"
        "/advance 123 [catatan] — tahap berikutnya; sekaligus beberapa: /advance 12 13 15-18 "
        "catatan (juga /move, /note; paling banyak 50)\n")
    missing = [command for command, _ in ADMIN_MENU
               if command not in ("status", "help") and not re.search(rf"/{command}\b", staff_help)]
    assert missing == []
    assert "Perintah petugas" not in applicant_help
    assert "/status" in applicant_help
