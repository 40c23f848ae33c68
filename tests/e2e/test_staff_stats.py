"""`/stats` through the sandbox: a week of work in figures, the chart, bad input, strangers."""

from __future__ import annotations

import asyncio
import io
import threading
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image

from bot.handlers.context import BotApplication
from office.settings import Settings
from sandbox import Person, Sandbox
from storage import day_groups, statistics
from storage.database import Database
from storage.day_groups import DayGrouping
from storage.sqlite import SqliteDatabase
from storage.workdays import WorkingCalendar
from storage.workflow import Action
from tests.conftest import FakeClock
from tests.e2e.conftest import services_of
from tests.e2e.office import STAFF_ONLY, advance_to, ask, office_bot, register

NOVEMBER = (
    "📊 Kinerja DPMPTSP Kabupaten Jembrana\n"
    "Periode: Nov 2026\n"
    "\n"
    "Masukan · permohonan diterima: 3\n"
    "• PBG (Persetujuan Bangunan Gedung): 1\n"
    "• SIP (Surat Izin Praktik Tenaga Kesehatan): 1\n"
    "• TDUP (Tanda Daftar Usaha Pariwisata): 1\n"
    "\n"
    "Proses · terbuka saat ini: 1\n"
    "• PBG · Berkas diterima: 1 · median 5 hari kerja di tahap\n"
    "Tahap kantor paling lambat: PBG · Berkas diterima (median 5 hari kerja)\n"
    "\n"
    "Keluaran · terbit: 1 · ditolak: 1 · dibatalkan: 0\n"
    "\n"
    "Hasil · diputus tepat waktu: 100% (2 dari 2) · median 2,5 hari kerja sampai diputus\n"
    "• SIP: 100% tepat waktu (1 dari 1) · median 1 hari kerja\n"
    "• TDUP: 100% tepat waktu (1 dari 1) · median 4 hari kerja\n"
    "\n"
    "Pemakaian pelacak\n"
    "Permohonan yang diikuti: 33% (1 dari 3)\n"
    "Notifikasi terkirim: 0 · gagal: 0\n"
    "\n"
    "Kepuasan (IKM) · belum ada tanggapan survei pada periode ini (0 undangan terkirim)")
USAGE = ("Cara: /stats (bulan ini), /stats 2026-11 (sebulan), /stats 2026 (setahun) atau "
         "/stats 2026-01-01 2026-03-31 (dari tanggal sampai tanggal, keduanya ikut dihitung)")


@pytest.fixture
async def week(sandbox: Sandbox, admin: Person, alice: Person, settings: Settings,
               tmp_path: Path, clock: FakeClock) -> AsyncIterator[BotApplication]:
    """A week of work; now is Monday 9 November 2026, 09:00 WITA.

    Monday 2 November: a SIP, a TDUP and a PBG arrive; Alice follows the PBG.
    Tuesday 3: the SIP is issued (1 working day; due Wednesday 11: on time).
    Friday 6: the TDUP is rejected (4 working days; due Wednesday 11: on time).
    The PBG is still at received: 5 working days (Tuesday to Monday).
    """
    async with office_bot(sandbox, admin, settings, tmp_path / "stats.db", clock=clock) as bot:
        store = services_of(bot).store
        sip = await register(store, admin.id, "SIP", "dr. Ni Luh Sari")
        tdup = await register(store, admin.id, "TDUP", "PT Bali Indah")
        pbg = await register(store, admin.id, "PBG", "I Wayan Sudarma")
        await store.followers.follow(pbg, alice.id, limit=20)
        clock.advance(days=1)
        await advance_to(store, sip.number, "issued", admin.id)
        clock.advance(days=3)
        await store.applications.change(tdup.number, Action.REJECT, staff_id=admin.id,
                                        public_note="Lokasi tidak sesuai")
        clock.advance(days=3)
        yield bot


@pytest.fixture
async def bot_language_en(week: BotApplication, admin: Person) -> None:
    """The admin's chat reads English."""
    await services_of(week).store.followers.set_language(admin.id, "en")


@pytest.mark.usefixtures("week")
async def test_stats_replies_with_the_figures_and_the_chart(admin: Person) -> None:
    assert (await ask(admin, "/stats 2026-11")).text == NOVEMBER
    chart = await admin.next_message()
    assert chart.caption == "📈 Diterima dan terbit per bulan, dengan persentase tepat waktu"
    assert chart.photo is not None
    assert chart.photo.startswith(b"\x89PNG\r\n\x1a\n")
    assert Image.open(io.BytesIO(chart.photo)).size == (900, 500)


@pytest.mark.usefixtures("week")
async def test_stats_without_a_period_is_this_month(admin: Person) -> None:
    assert (await ask(admin, "/stats")).text == NOVEMBER
    assert (await admin.next_message()).photo is not None


@pytest.mark.usefixtures("bot_language_en")
async def test_stats_for_a_year_in_english(admin: Person) -> None:
    answer = await ask(admin, "/stats 2026")
    assert (answer.text or "").startswith(
        "📊 Performance of DPMPTSP Kabupaten Jembrana\nPeriod: 2026\n\n"
        "Input · applications received: 3\n")
    assert "Outcome · decided on time: 100% (2 of 2) · median 2.5 working days to decision\n" \
        in (answer.text or "")
    assert (await admin.next_message()).caption == (
        "📈 Received and issued per month, with the on-time share")


@pytest.mark.usefixtures("week")
@pytest.mark.parametrize("period", ["2026-13", "november", "2026-11-30 2026-11-01",
                                    "2026 11", "2026-11-01"])
async def test_a_bad_period_gets_the_usage(admin: Person, period: str) -> None:
    assert (await ask(admin, f"/stats {period}")).text == USAGE
    assert (await ask(admin, "/stats 2026-11")).text == NOVEMBER


@pytest.mark.usefixtures("week")
@pytest.mark.parametrize(("period", "answer"), [
    ("1999", "Mohon pilih periode antara tahun 2000 dan 2100, mis. /stats 2026."),
    ("2026-01-01 2101-01-01",
     "Mohon pilih periode antara tahun 2000 dan 2100, mis. /stats 2026."),
    ("2000-01-01 2026-12-31", "Periode paling panjang 10 tahun. Mohon pilih periode yang lebih "
     "pendek, mis. /stats 2026 atau /stats 2020-01-01 2026-12-31."),
])
async def test_a_period_out_of_bounds_is_refused_politely(admin: Person, period: str,
                                                          answer: str) -> None:
    assert (await ask(admin, f"/stats {period}")).text == answer
    assert (await ask(admin, "/stats 2026-11")).text == NOVEMBER


@pytest.mark.usefixtures("bot_language_en")
async def test_a_period_out_of_bounds_is_refused_in_english(admin: Person) -> None:
    assert (await ask(admin, "/stats 1900")).text == (
        "Please choose a period between 2000 and 2100, e.g. /stats 2026.")
    assert (await ask(admin, "/stats 2001-01-01 2026-01-01")).text == (
        "A period is at most 10 years. Please choose a shorter one, e.g. /stats 2026 or "
        "/stats 2020-01-01 2026-12-31.")


@pytest.mark.usefixtures("week")
async def test_a_stranger_is_refused_and_sees_no_figures(alice: Person) -> None:
    assert (await ask(alice, "/stats 2026-11")).text == STAFF_ONLY
    await ask(alice, "/help")
    assert all(message.photo is None for message in alice.messages)
    assert not any("Kinerja" in (message.text or "") for message in alice.messages)


async def test_an_applicants_lookup_is_answered_while_stats_is_still_computing(
        week: BotApplication, admin: Person, alice: Person,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """/stats reads on a connection of its own, off the bot's event loop: an applicant's
    lookup issued while the figures are being counted is answered before they are."""
    counting, release = threading.Event(), threading.Event()
    real = day_groups.day_grouping

    def stall() -> int:
        counting.set()
        release.wait(30)
        return 1

    async def stalled(database: Database, calendar: WorkingCalendar,
                      now: datetime) -> DayGrouping:
        # Hold the figures mid-count inside SQLite, on whichever connection they read.
        assert isinstance(database, SqliteDatabase)
        await database.connection.create_function("stall", 0, stall)
        await database.fetch_one("SELECT stall()")
        return await real(database, calendar, now)

    monkeypatch.setattr(statistics, "day_grouping", stalled)
    number = (await services_of(week).store.followers.followed_by(alice.id))[0].application.number
    try:
        await admin.send("/stats 2026-11")
        assert await asyncio.to_thread(counting.wait, 10)
        await alice.send(f"/status {number}")
        card = await alice.next_message()
        assert admin.messages == []  # the figures are still being counted
    finally:
        release.set()
    assert (card.text or "").startswith(f"📄 {number}\n")
    assert (await admin.next_message()).text == NOVEMBER
