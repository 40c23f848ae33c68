"""Steps and expected texts shared by the applicant end-to-end tests.

Expected texts are written out here by hand, not taken from the catalogues, so a changed
catalogue entry shows up as a failing test.
"""

from __future__ import annotations

import pytest

from bot.handlers.context import BotApplication
from sandbox import Person, SentMessage
from storage.models import Application
from storage.store import Store
from tests.e2e.conftest import services_of

LANGUAGES = pytest.mark.parametrize("lang", ["id", "en"])
NUMBER = "JBR-2026-000001"
EXAMPLE = "JBR-2026-000123"
# The office's hours as config.example.toml writes them (with en dashes).
OPENING_HOURS = "Senin\u2013Kamis 08.00\u201315.00, Jumat 08.00\u201312.00 WITA"
PICKUP_HOURS = "Senin\u2013Jumat 09.00\u201312.00 WITA, loket pengambilan izin"
OPENING_HOURS_EN = "Mon\u2013Thu 08.00\u201315.00, Fri 08.00\u201312.00 WITA"
PICKUP_HOURS_EN = "Mon\u2013Fri 09.00\u201312.00 WITA, permit pickup counter"
LANGUAGE_SET = {"id": "Bahasa diatur ke Bahasa Indonesia.", "en": "Language set to English."}


def store_of(bot: BotApplication) -> Store:
    """The running bot's store."""
    return services_of(bot).store


async def speak(person: Person, lang: str) -> None:
    """Choose the chat's language with `/language`."""
    assert (await ask(person, f"/language {lang}")).text == LANGUAGE_SET[lang]


async def ask(person: Person, text: str) -> SentMessage:
    """Send a message and return the bot's next message."""
    await person.send(text)
    return await person.next_message()


async def register(bot: BotApplication, name: str = "Ida Wulandari", permit_type: str = "PBG",
                   code: str | None = None) -> tuple[Application, str]:
    """A new application at the counter (through the store); returns it and its access code."""
    return await store_of(bot).applications.create(permit_type, name, staff_id=staff_id(bot),
                                                   access_code=code)


def staff_id(bot: BotApplication) -> int:
    """The configured admin, who registers and moves applications in these tests."""
    return services_of(bot).settings.staff.admin_ids[0]


async def follows(bot: BotApplication, person: Person, number: str = NUMBER) -> bool:
    """Whether the person's chat follows the application."""
    store = store_of(bot)
    return await store.followers.is_following(await store.applications.get(number), person.id)


def quiet(person: Person) -> None:
    """The bot has sent or edited nothing the test has not read yet."""
    chat = person.chat
    unread = [str(event) for event in chat.events[chat.cursor:]]
    assert not unread, f"unexpected bot messages: {unread}"


def card_buttons(lang: str, *, follower: bool, number: str = NUMBER) -> list[list[tuple[str, str]]]:
    """The buttons under a status card."""
    if lang == "en":
        refresh, history, ask = "🔄 Refresh", "📜 History", "💬 Ask the office"
        toggle = "🔕 Unfollow" if follower else "🔔 Follow"
    else:
        refresh, history, ask = "🔄 Perbarui", "📜 Riwayat", "💬 Tanya petugas"
        toggle = "🔕 Berhenti ikuti" if follower else "🔔 Ikuti"
    return [[(refresh, f"s:r:{number}"), (history, f"s:h:{number}")],
            [(toggle, f"s:{'u' if follower else 'f'}:{number}"),
             *([(ask, f"s:a:{number}")] if follower else [])]]


def fresh_card(lang: str, *, follower: bool, name: str = "Ida Wulandari", position: int = 1,
               queued: int = 1) -> str:
    """The card of a PBG application received on Monday 2 Nov 2026, seen the same day: with
    no history yet the estimate is the service standard; `position` of `queued` received."""
    if lang == "en":
        return "\n".join([
            f"📄 {NUMBER}", "Building approval",
            f"Applicant: {name if follower else 'I***** W*****'}", "",
            "Stage 1 of 6: Received", "▰▱▱▱▱▱", "Since 2 Nov 2026 (0 working days)",
            "Due 1 Dec 2026 — on time, 21 working days left", "Next: Document check",
            "⏱ Usually done in 21 more working days, around 1 Dec 2026",
            f"👥 Number {position} of {queued} {'application' if queued == 1 else 'applications'}"
            " at this stage",
            *([] if follower else ["", "🔒 Follow this application with its access code to "
                                       "see the full name and the staff's notes."]),
            "", "History", "2 Nov 2026 · Received"])
    return "\n".join([
        f"📄 {NUMBER}", "Persetujuan Bangunan Gedung",
        f"Pemohon: {name if follower else 'I***** W*****'}", "",
        "Tahap 1 dari 6: Berkas diterima", "▰▱▱▱▱▱", "Sejak 2 Nov 2026 (0 hari kerja)",
        "Target selesai 1 Des 2026 — tepat waktu, sisa 21 hari kerja",
        "Berikutnya: Verifikasi berkas",
        "⏱ Biasanya selesai 21 hari kerja lagi, sekitar 1 Des 2026",
        f"👥 Ke-{position} dari {queued} permohonan di tahap ini",
        *([] if follower else ["", "🔒 Ikuti permohonan ini dengan kode akses untuk melihat "
                                   "nama lengkap dan catatan petugas."]),
        "", "Riwayat", "2 Nov 2026 · Berkas diterima"])


def followed_text(lang: str, number: str = NUMBER) -> str:
    """The reply to a successful follow."""
    if lang == "en":
        return (f"✅ You now follow {number}. We will message you whenever it moves to another "
                "stage.")
    return (f"✅ Anda sekarang mengikuti {number}. Kami akan mengabari setiap kali permohonan "
            "berpindah tahap.")


PBG_STAGES = {
    "id": [("Berkas diterima", "Petugas loket mencatat berkas Anda dan memberi tanda terima."),
           ("Verifikasi berkas", "Petugas memeriksa kelengkapan dan keabsahan berkas; jika ada "
            "yang kurang, berkas dikembalikan kepada Anda."),
           ("Survei lapangan", "Tim teknis meninjau lokasi; Anda atau kuasa Anda mungkin "
            "dihubungi untuk mendampingi."),
           ("Rekomendasi teknis (TPA/TPT)", "Tim Profesi Ahli (TPA/TPT) menilai gambar dan "
            "perhitungan bangunan."),
           ("Pembayaran retribusi (SKRD)", "Anda membayar retribusi sesuai SKRD di bank atau "
            "kanal yang tertera; waktu layanan kantor tidak dihitung."),
           ("Penandatanganan", "Kepala dinas menandatangani izin; setelah itu izin bisa "
            "diambil.")],
    "en": [("Received", "The counter records your file and gives you the receipt."),
           ("Document check", "Staff check that the documents are complete and valid; if "
            "something is missing, the file is returned to you."),
           ("Field inspection", "The technical team visits the site; you or your "
            "representative may be asked to be there."),
           ("Technical review", "The expert panel (TPA/TPT) reviews the drawings and "
            "structural calculations."),
           ("Fee payment", "You pay the fee set out in the billing notice (SKRD) at the bank or "
            "channel shown; the office's clock is paused."),
           ("Signing", "The head of the office signs the permit; then it can be collected.")],
}


def stage_guide(lang: str, current: int, here: str = "👉") -> list[str]:
    """The History view's list of PBG stages with `current` (1-based) marked."""
    marks = ["✅" if n < current else here if n == current else "▫️" for n in range(1, 7)]
    return [{"id": "Tahapan", "en": "Stages"}[lang],
            *[f"{mark} {name} — {about}" for mark, (name, about) in zip(marks, PBG_STAGES[lang],
                                                                       strict=True)]]
