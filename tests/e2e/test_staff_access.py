"""Who may use which staff command: every command as a stranger, an operator and an admin."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from bot.handlers.context import BotApplication
from sandbox import Person, Sandbox
from storage.models import Role
from tests.conftest import FakeClock
from tests.e2e.conftest import services_of
from tests.e2e.office import ADMIN_ONLY, STAFF_ONLY, advance_to, ask, hire, register, snapshot

REMOVABLE = 424242  # an operator any admin may remove


@dataclass(frozen=True)
class Case:
    """A staff command as typed, who may use it, how an allowed reply starts, what it changes."""

    command: str
    admin_only: bool
    reply: str
    changes: bool


CASES = {
    "types": Case("/types", False, "Jenis izin\nPBG — Persetujuan Bangunan Gedung", False),
    "new": Case("/new SIP Ni Luh Putu Ariani", False, "✅ Permohonan terdaftar\nNomor: ", True),
    "receipt": Case("/receipt 1", False, "🔁 Kode akses baru untuk {n}; kode lama tidak berlaku.",
                    True),
    "unlock": Case("/unlock 1", False, "🔓 {n}: kunci kode salah dibuka untuk semua obrolan", True),
    "advance": Case("/advance 1", False,
                    "✅ {n}: Penandatanganan → Izin terbit, siap diambil.", True),
    "move": Case("/move 1 technical_review Perlu kaji ulang", False,
                 "✅ {n}: Penandatanganan → Rekomendasi teknis (TPA/TPT).", True),
    "return": Case("/return 1 Gambar denah belum ada", False,
                   "✅ {n}: Penandatanganan → Berkas dikembalikan untuk dilengkapi.", True),
    # Asked about first (tests/e2e/test_staff_confirmations.py confirms them).
    "reject": Case("/reject 1 Tidak sesuai tata ruang", False,
                   "⚠️ Tolak permohonan ini?\n{n} · Persetujuan Bangunan Gedung", False),
    "issue": Case("/issue 1", False,
                  "⚠️ Terbitkan izin untuk permohonan ini?\n{n} · Persetujuan", False),
    "withdraw": Case("/withdraw 1 Atas permintaan pemohon", False,
                     "⚠️ Tarik permohonan ini?\n{n} · Persetujuan Bangunan Gedung", False),
    "note": Case("/note 1 Menunggu tanda tangan kepala dinas", False,
                 "📝 Catatan ditambahkan ke {n}.", True),
    "queue": Case("/queue", False, "Antrean (1 terbuka, terlama dulu)\n• {n} PBG", False),
    "overdue": Case("/overdue", False, "Tidak ada permohonan yang terlambat.", False),
    "find": Case("/find wayan", False, "Hasil pencarian (1)\n• {n} I Wayan Sudarma", False),
    "view": Case("/view 1", False, "🗂 {n} · Persetujuan Bangunan Gedung\nPemohon: I Wayan", False),
    "outbox": Case("/outbox", False, "Kotak keluar\nMenunggu: 0", False),
    "outbox retry": Case("/outbox retry", True, "🔁 0 pesan gagal dijadwalkan ulang.", False),
    "staff list": Case("/staff list", True, "Petugas\n• Admin ", False),
    "staff add": Case("/staff add 777 operator Komang Ayu", True,
                      "✅ Komang Ayu (777) sekarang operator.", True),
    "staff remove": Case(f"/staff remove {REMOVABLE}", True,
                         f"✅ Putu Target ({REMOVABLE}) tidak lagi menjadi petugas.", True),
    "audit": Case("/audit 1", True, "Jejak audit {n}\n", False),
    "broadcast": Case("/broadcast Kantor tutup 17 Agustus", True,
                      "📢 Kirim pengumuman ini ke 0 obrolan pengikut?", False),
}
ROLES = ("stranger", "operator", "admin")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(CASES))
async def test_staff_command_acts_only_for_those_allowed(
        bot_with_clock: BotApplication, clock: FakeClock, sandbox: Sandbox, admin: Person,
        alice: Person, name: str, role: str) -> None:
    bot = bot_with_clock
    store = services_of(bot).store
    application = await register(store, admin.id)
    await advance_to(store, application.number, "signing", admin.id)
    operator = sandbox.add_user("Kadek", language_code="id")
    await hire(bot, operator.id, Role.OPERATOR, "Kadek Operator", by=admin.id)
    await hire(bot, REMOVABLE, Role.OPERATOR, "Putu Target", by=admin.id)
    clock.advance(minutes=1)  # the set-up was not a moment ago (a repeated /advance would be)
    actor = {"stranger": alice, "operator": operator, "admin": admin}[role]
    case = CASES[name]
    before = await snapshot(store, application.number)

    answer = await ask(actor, case.command)

    after = await snapshot(store, application.number)
    if role == "stranger":
        assert answer.text == STAFF_ONLY
    elif role == "operator" and case.admin_only:
        assert answer.text == ADMIN_ONLY
    else:
        assert (answer.text or "").startswith(case.reply.format(n=application.number))
        assert (after != before) is case.changes
        return
    assert answer.buttons == []
    assert after == before


async def test_stranger_pressing_a_staff_button_is_refused(
        bot: BotApplication, sandbox: Sandbox, admin: Person) -> None:
    store = services_of(bot).store
    application = await register(store, admin.id)
    former = sandbox.add_user("Gede", language_code="id")
    await hire(bot, former.id, Role.OPERATOR, "Gede Operator", by=admin.id)
    await ask(former, "/view 1")
    assert (await ask(admin, f"/staff remove {former.id}")).text == (
        f"✅ Gede Operator ({former.id}) tidak lagi menjadi petugas.")
    before = await snapshot(store, application.number)

    for button in ("Verifikasi berkas", "Kembalikan", "Tolak", "Tarik permohonan"):
        answer = await former.press(button)
        assert (answer.text, answer.show_alert) == (STAFF_ONLY, True)

    assert await snapshot(store, application.number) == before
