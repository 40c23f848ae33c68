"""`/export`, `/import` (dry run, confirm, cancel) and `/backup` for admins, refused to others."""

from __future__ import annotations

import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

import pytest

from bot.handlers.context import BotApplication
from sandbox import Person, Sandbox, SentMessage
from storage.models import Role
from tests.e2e.conftest import services_of, sqlite_only
from tests.e2e.office import ACCESS_CODE, ADMIN_ONLY, STAFF_ONLY, ask, hire, register, snapshot

NUMBER = "JBR-2026-000001"
IMPORTED = "JBR-2026-000077"
HEADER = ("number,permit_type,applicant_name,contact,stage,stage_entered_at,created_at,"
          "updated_at,due_at,decided_at")
CREATED = "2026-11-02T09:00:00+08:00"


def csv_bytes(*lines: str) -> bytes:
    """A CSV file as a spreadsheet saves it."""
    return "".join(f"{line}\r\n" for line in lines).encode()


async def documents(person: Person, count: int) -> list[SentMessage]:
    """The next `count` messages, each of which must be a document."""
    sent = [await person.next_message() for _ in range(count)]
    assert all(message.document is not None for message in sent), sent
    return sent


async def test_export_sends_applications_and_history_as_csv(
        bot_with_clock: BotApplication, admin: Person) -> None:
    await register(services_of(bot_with_clock).store, admin.id)

    await admin.send("/export")
    applications, history = await documents(admin, 2)

    assert (applications.filename, applications.caption) == (
        "applications.csv", "📤 Permohonan: 1 (semua permohonan)")
    assert applications.document == (
        f"\ufeff{HEADER}\r\n{NUMBER},PBG,I Wayan Sudarma,0812 3456 7890,received,{CREATED},"
        f"{CREATED},{CREATED},2026-12-01T23:59:59+08:00,\r\n").encode()
    assert (history.filename, history.caption) == (
        "history.csv", "📤 Riwayat: 1 langkah (semua permohonan)")
    assert history.document == (
        "\ufeffnumber,at,action,from_stage,to_stage,public_note,internal_note,staff_id\r\n"
        f"{NUMBER},{CREATED},create,,received,,,{admin.id}\r\n").encode()


async def test_export_of_a_period_and_a_wrong_period(bot_with_clock: BotApplication,
                                                     admin: Person) -> None:
    await register(services_of(bot_with_clock).store, admin.id)

    await admin.send("/export 2026-12-01 2026-12-31")
    applications, history = await documents(admin, 2)
    await admin.send("/export 2026-11")
    november, _ = await documents(admin, 2)
    wrong = await ask(admin, "/export kemarin")
    too_long = await ask(admin, "/export 2000-01-01 2026-12-31")
    too_early = await ask(admin, "/export 1999")

    assert applications.caption == "📤 Permohonan: 0 (diterima 1 Des 2026 s.d. 31 Des 2026)"
    assert applications.document == f"\ufeff{HEADER}\r\n".encode()
    assert history.caption == "📤 Riwayat: 0 langkah (diterima 1 Des 2026 s.d. 31 Des 2026)"
    assert november.caption == "📤 Permohonan: 1 (diterima 1 Nov 2026 s.d. 30 Nov 2026)"
    assert f"\r\n{NUMBER}," in (november.document or b"").decode()
    assert wrong.text == (
        "Cara: /export untuk semua, atau /export 2026-06, /export 2026, /export 2026-01-01 "
        "2026-06-30 untuk permohonan yang diterima dalam bulan, tahun atau periode itu (kedua "
        "tanggal ikut)")
    assert too_long.text == (
        "Periode paling panjang 10 tahun. Mohon pilih periode yang lebih pendek, mis. "
        "/export 2026 atau /export 2020-01-01 2026-12-31.")
    assert too_early.text == (
        "Mohon pilih periode antara tahun 2000 dan 2100, mis. /export 2026.")


async def test_import_without_a_file_explains_how(bot: BotApplication, admin: Person) -> None:
    answer = await ask(admin, "/import")

    assert answer.text is not None
    assert answer.text.startswith(
        "📥 Untuk impor, kirim berkas CSV sebagai dokumen dengan keterangan /import.\n"
        "Kolom wajib: number, permit_type, applicant_name, stage;")


async def test_import_shows_a_dry_run_then_applies_on_confirmation(
        bot_with_clock: BotApplication, admin: Person, alice: Person) -> None:
    store = services_of(bot_with_clock).store
    await register(store, admin.id)
    await ask(alice, f"/follow {NUMBER} {ACCESS_CODE}")
    before = await snapshot(store, NUMBER)

    await admin.upload("kantor.csv", csv_bytes(
        "number,permit_type,applicant_name,contact,stage",
        f"{NUMBER},PBG,I Wayan Sudarma,0812 3456 7890,document_check",
        f"{IMPORTED},SIP,dr. Ni Made Sari,,received"), caption="/import")
    report = await admin.next_message()

    assert report.text == (
        "📥 Uji coba impor · kantor.csv\nBaris: 2\nPermohonan baru: 1\n"
        "Berubah: 1 (perpindahan tahap: 1; pengikut dikabari)\nTidak berubah: 0\n"
        "Ditolak: 0\n\nImpor sekarang? Semuanya diterapkan sekaligus.")
    assert [label for label, _ in report.buttons[0]] == ["📥 Impor", "Batal"]
    assert await snapshot(store, NUMBER) == before

    await admin.press("📥 Impor")
    assert (await admin.next_message()).buttons == []
    assert (await admin.next_message()).text == (
        "✅ Impor selesai: 1 baru, 1 berubah. Pengikut dikabari: 1.\n"
        "Permohonan baru belum punya kode akses: berikan kepada tiap pemohon dengan "
        "/receipt nomor.")
    notice = await alice.next_message()
    assert (notice.text or "").startswith(
        f"🔔 {NUMBER} berpindah tahap\nBerkas diterima → Verifikasi berkas")
    assert (await store.applications.get(NUMBER)).stage == "document_check"
    assert (await store.applications.get(IMPORTED)).applicant_name == "dr. Ni Made Sari"


async def test_import_cancelled_changes_nothing(bot: BotApplication, admin: Person) -> None:
    store = services_of(bot).store
    application = await register(store, admin.id)
    before = await snapshot(store, application.number)

    await admin.upload("kantor.csv", csv_bytes(
        "number,permit_type,applicant_name,stage", f"{IMPORTED},SIP,Made Batal,received"),
        caption="/import")
    await admin.next_message()
    await admin.press("Batal")

    assert (await admin.next_message()).buttons == []
    assert (await admin.next_message()).text == "Dibatalkan. Tidak ada yang diubah."
    assert await snapshot(store, application.number) == before
    assert await store.worklists.count_open() == 1


async def test_import_with_a_refused_row_offers_no_confirmation(bot: BotApplication,
                                                                admin: Person) -> None:
    await admin.upload("kantor.csv", csv_bytes(
        "number,permit_type,applicant_name,stage",
        f"{IMPORTED},SIP,Made Baik,received",
        "JBR-2026-000078,IMB,Made Lama,received"), caption="/import")
    report = await admin.next_message()

    assert report.text == (
        "📥 Uji coba impor · kantor.csv\nBaris: 2\nPermohonan baru: 1\n"
        "Berubah: 0 (perpindahan tahap: 0; pengikut dikabari)\nTidak berubah: 0\n"
        "Ditolak: 1\n\n"
        "Baris yang ditolak (nomor baris seperti di spreadsheet; judul kolom = baris 1):\n"
        "• baris 3: jenis izin «IMB» tidak dikenal\n\n"
        "Tidak ada yang diimpor: impor berlaku utuh atau tidak sama sekali. Perbaiki "
        "baris-baris ini lalu kirim berkasnya lagi.")
    assert report.buttons == []
    assert await services_of(bot).store.worklists.count_open() == 0


async def test_import_of_a_file_without_the_columns_says_which(bot: BotApplication,
                                                               admin: Person) -> None:
    await admin.upload("kantor.csv", csv_bytes("nomor,nama", "1,Made"), caption="/import")

    assert (await admin.next_message()).text == (
        "Kolom berikut tidak ada di kantor.csv: number, permit_type, applicant_name, stage. "
        "Kirim /import untuk melihat bentuk yang diharapkan.")


async def test_backup_sends_a_whole_copy_of_the_database(
        bot_with_clock: BotApplication, admin: Person, tmp_path: Path) -> None:
    sqlite_only(bot_with_clock)
    await register(services_of(bot_with_clock).store, admin.id)

    await admin.send("/backup")
    [copy] = await documents(admin, 1)

    assert copy.filename == "etracking-20261102-0900.db"
    assert copy.caption == (
        f"💾 Cadangan basis data · 2 Nov 2026 09.00 · 1 permohonan · "
        f"{len(copy.document or b'') // 1024} KB · integritas diperiksa\n"
        "Berisi semua data pemohon: simpan dengan aman, dan hapus dari obrolan ini setelah "
        "disimpan. Pulihkan di server dengan etracking restore BERKAS saat bot dihentikan.")
    saved = tmp_path / "saved.db"
    saved.write_bytes(copy.document or b"")
    with closing(sqlite3.connect(saved)) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("SELECT number FROM applications").fetchall() == [(NUMBER,)]


async def test_files_sent_in_chat_do_not_stay_on_the_server(
        bot_with_clock: BotApplication, admin: Person, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    sqlite_only(bot_with_clock)
    await register(services_of(bot_with_clock).store, admin.id)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))

    await admin.send("/backup")
    await documents(admin, 1)
    await admin.send("/export")
    await documents(admin, 2)

    assert list(scratch.iterdir()) == []
    assert sorted(path.name for path in Path(
        services_of(bot_with_clock).settings.database.path).parent.iterdir()
        if path.suffix in {".db", ".csv", ".partial"}) == [
        Path(services_of(bot_with_clock).settings.database.path).name]


@pytest.mark.parametrize(("language", "expected"), [
    ("id", "Basis data ada di server PostgreSQL, jadi bot tidak mengirim salinannya. Cadangkan "
           "di server dengan pg_dump (lihat docs/deploy.md, «Running on PostgreSQL»)."),
    ("en", "The database is on a PostgreSQL server, so the bot sends no copy of it. Back it "
           "up on the server with pg_dump (see docs/deploy.md, «Running on PostgreSQL»)."),
])
async def test_backup_on_postgresql_points_to_the_servers_tools(
        bot: BotApplication, admin: Person, language: str, expected: str) -> None:
    if not services_of(bot).settings.database.on_postgres:
        pytest.skip("PostgreSQL only: on SQLite /backup sends the file")
    await services_of(bot).store.followers.set_language(admin.id, language)

    await admin.send("/backup")

    reply = await admin.next_message()
    assert (reply.text, reply.document) == (expected, None)


@pytest.mark.parametrize("role", ["stranger", "operator"])
@pytest.mark.parametrize("command", ["/export", "/import", "/backup"])
async def test_only_admins_exchange_data(bot: BotApplication, sandbox: Sandbox, alice: Person,
                                         admin: Person, role: str, command: str) -> None:
    actor = alice
    if role == "operator":
        actor = sandbox.add_user("Kadek", language_code="id")
        await hire(bot, actor.id, Role.OPERATOR, "Kadek Operator", by=admin.id)

    answer = await ask(actor, command)

    assert answer.text == (STAFF_ONLY if role == "stranger" else ADMIN_ONLY)
    assert answer.document is None


async def test_import_of_a_file_that_is_not_csv_explains_what_is_wanted(
        bot: BotApplication, admin: Person) -> None:
    await admin.upload("permohonan.xlsx", b"PK\x03\x04 not a csv", caption="/import")

    message = await admin.next_message()

    assert (message.text or "").startswith("📥 Untuk impor, kirim berkas CSV sebagai dokumen")
    assert admin.messages[-1].buttons == []
