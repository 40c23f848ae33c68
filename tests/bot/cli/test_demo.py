"""The interactive demo: a person at the terminal types as an applicant and as a clerk."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from bot.cli.demo import tour
from office.settings import Settings


class Terminal:
    """`etracking demo` in a subprocess, typed at line by line."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.seen = ""

    async def type(self, line: str) -> None:
        """Type one line and press Enter."""
        assert self.process.stdin is not None
        self.process.stdin.write(f"{line}\n".encode())
        await self.process.stdin.drain()

    async def shows(self, fragment: str, timeout: float = 20.0) -> None:  # noqa: ASYNC109
        """Wait until the terminal has printed `fragment`."""
        assert self.process.stdout is not None
        async with asyncio.timeout(timeout):
            while fragment not in self.seen:
                chunk = await self.process.stdout.read(4096)
                assert chunk, f"demo ended before showing {fragment!r}:\n{self.seen}"
                self.seen += chunk.decode(errors="replace")


async def test_the_demo_chat_as_applicant_and_clerk(tmp_path: Path) -> None:
    # As a newcomer runs it: no configuration anywhere, so the shipped example is used.
    environment = {name: value for name, value in os.environ.items()
                   if not name.startswith("ETRACK_")}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "demo", cwd=tmp_path,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT, env={**environment, "PTB_TIMEDELTA": "1"})
    terminal = Terminal(process)
    try:
        await terminal.shows("You are the applicant.")
        await terminal.type("/start")
        await terminal.shows("Selamat datang di E-Tracking")
        await terminal.type("#2")  # the English language button
        await terminal.shows("Language set to English.")
        await terminal.type("/as staff")
        await terminal.shows("(you are now the staff)")
        await terminal.type("/view 1")
        await terminal.shows("🗂 JBR-")
        await terminal.type("#2")  # Kembalikan: the bot asks for what is missing
        await terminal.shows("sebagai balasan pesan ini.")
        await terminal.type("> Lampirkan IMB lama")
        await terminal.shows("→ Berkas dikembalikan untuk dilengkapi.")
        await terminal.type("/stats")
        await terminal.shows("[image, ")  # the chart
        await terminal.type("/export")
        await terminal.shows("[document applications.csv, ")
        await terminal.type("/myid")
        await terminal.shows("ID Telegram Anda: ")
        # The stand-in cannot set a menu for a user it has never seen: that warning and the
        # start and stop lines go to the log file, not between the messages.
        await terminal.type("/staff add 5555 operator Kadek Dwi")
        await terminal.shows("✅ Kadek Dwi (5555) sekarang operator.")
        await terminal.type("/quit")
        assert await asyncio.wait_for(process.wait(), 20) == 0
        rest = await process.stdout.read() if process.stdout else b""
        terminal.seen += rest.decode(errors="replace")
        assert not [line for line in terminal.seen.splitlines()
                    if " WARNING " in line or " INFO " in line], terminal.seen
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def test_the_tour_shows_the_menu_an_estimate_a_fee_notice_and_the_survey(
        settings: Settings) -> None:
    said: list[str] = []
    assert await tour(settings, said.append) == 0
    shown = "\n".join(said)
    for fragment in ("⌨ [🔎 Cek status]   [📋 Permohonan saya]",
                     "🔎 Kirim nomor pendaftaran dari tanda terima Anda",
                     "⏱ Biasanya selesai 12 hari kerja lagi, sekitar ",  # dates follow today
                     "👥 Ke-1 dari 1 permohonan di tahap ini",
                     "💳 Retribusi: Rp 1.250.000", "🧾 Kode bayar (SKRD): SKRD/2026/0456",
                     "🏦 Bayar di Bank BPD Bali",
                     # The survey: invitation, an answer, a skip, Stop; then the IKM.
                     "📝 Survei Kepuasan Masyarakat untuk Surat Izin Praktik Tenaga Kesehatan",
                     "👤 Kadek (pemohon) presses Lewati",
                     "   Pertanyaan 3 dari 9:",
                     "🙏 Terima kasih, tanggapan Anda sudah tercatat.",
                     "Kepuasan (IKM) · 100,00 (A Sangat Baik) · 1 tanggapan dari ",
                     "• U1 Persyaratan: rata-rata 4,00 → 100,00 (A) · 1 jawaban",
                     "📊 Jawaban survei per unsur (1-4), dengan IKM tiap unsur"):
        assert fragment in shown, fragment
