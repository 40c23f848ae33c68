"""Command menus: applicants see theirs; each staff member's chat gets the staff menu.

Menus are cosmetic: access is enforced by the handler filters, not by what a menu shows.
"""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from telegram.error import TelegramError

from bot.access import StaffDirectory
from storage.models import Role

log = logging.getLogger(__name__)

APPLICANT_MENU = {
    "id": [("status", "Cek status permohonan"), ("follow", "Ikuti dengan kode akses"),
           ("mine", "Permohonan yang saya ikuti"), ("unfollow", "Berhenti mengikuti"),
           ("ask", "Tanya petugas"), ("language", "Ganti bahasa"), ("help", "Bantuan")],
    "en": [("status", "Check an application"), ("follow", "Follow with the access code"),
           ("mine", "Applications I follow"), ("unfollow", "Stop following"),
           ("ask", "Ask the office"), ("language", "Change language"), ("help", "Help")],
}
STAFF_MENU = [
    ("new", "Daftarkan permohonan / register"), ("view", "Lihat permohonan / view"),
    ("advance", "Tahap berikutnya / next stage"), ("queue", "Antrean / queue"),
    ("overdue", "Terlambat / overdue"), ("find", "Cari / search"),
    ("note", "Catatan publik / public note"), ("move", "Pindah ke tahap / move to stage"),
    ("return", "Kembalikan berkas / return"), ("reject", "Tolak / reject"),
    ("withdraw", "Tarik permohonan / withdraw"), ("fee", "Catat tagihan / record the bill"),
    ("issue", "Terbitkan / issue"), ("collected", "Izin diambil / collected"),
    ("undo", "Urungkan langkah / undo"), ("close", "Tutup pertanyaan / close questions"),
    ("again", "Minta dokumen ulang / ask for a document again"),
    ("receipt", "Kode akses baru / new access code"), ("types", "Jenis izin / permit types"),
    ("unlock", "Buka kunci kode / unlock codes"), ("myid", "ID Telegram saya / my id"),
    ("outbox", "Kotak keluar / outbox"), ("stats", "Kinerja kantor / figures"),
    ("status", "Tampilan pemohon / applicant view"), ("help", "Bantuan petugas / staff help"),
]
ADMIN_MENU = [*STAFF_MENU, ("staff", "Kelola petugas / staff"), ("audit", "Jejak audit / audit"),
              ("broadcast", "Pengumuman / announcement"), ("export", "Ekspor CSV / export"),
              ("import", "Impor CSV / import"), ("backup", "Cadangan basis data / backup"),
              ("comments", "Komentar survei / survey comments")]


def commands(pairs: list[tuple[str, str]]) -> list[BotCommand]:
    """BotCommand objects from (command, description) pairs."""
    return [BotCommand(command, description) for command, description in pairs]


async def publish_menus(bot: Bot, directory: StaffDirectory, group_chat_id: int | None) -> None:
    """Set the applicant menu for everyone and the staff menu in each staff chat."""
    try:
        await bot.set_my_commands(commands(APPLICANT_MENU["id"]), scope=BotCommandScopeDefault())
        await bot.set_my_commands(commands(APPLICANT_MENU["en"]), scope=BotCommandScopeDefault(),
                                  language_code="en")
        for user_id in directory.user_ids:
            menu = ADMIN_MENU if directory.allows(user_id, Role.ADMIN) else STAFF_MENU
            await bot.set_my_commands(commands(menu), scope=BotCommandScopeChat(user_id))
        if group_chat_id is not None:
            await bot.set_my_commands(commands(STAFF_MENU),
                                      scope=BotCommandScopeChat(group_chat_id))
    except TelegramError as error:
        # A missing menu is cosmetic; the bot works without it and retries at the next start.
        log.warning("could not publish command menus: %s", error)


async def publish_staff_menu(bot: Bot, user_id: int, role: Role) -> None:
    """A new or promoted staff member's chat gets the menu of their role at once."""
    try:
        await bot.set_my_commands(commands(ADMIN_MENU if role == Role.ADMIN else STAFF_MENU),
                                  scope=BotCommandScopeChat(user_id))
    except TelegramError as error:
        log.warning("could not set the staff menu of %d: %s", user_id, error)


async def withdraw_menu(bot: Bot, user_id: int) -> None:
    """A removed staff member's chat falls back to the applicant menu."""
    try:
        await bot.delete_my_commands(scope=BotCommandScopeChat(user_id))
    except TelegramError as error:
        log.warning("could not reset the menu of %d: %s", user_id, error)
