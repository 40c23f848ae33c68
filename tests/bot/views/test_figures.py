"""The figures as staff read them, in the chat and on the command line (`etracking stats`)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.cli import main as cli
from bot.views.figures import (
    count,
    days,
    message_parts,
    percent,
    period_label,
    plain_text,
    render_figures,
)
from office.settings import Settings
from sandbox import parse_html
from storage.periods import Period
from storage.satisfaction import satisfaction_index
from storage.statistics import Month, OfficeFigures, Outcome, StageLoad
from storage.store import Store
from storage.workflow import Action, Catalogue
from tests.conftest import EXAMPLE_CONFIG, FakeClock
from tests.storage.test_satisfaction import RESPONSES, counted

WITA = ZoneInfo("Asia/Makassar")
OFFICE = "DPMPTSP Kabupaten Jembrana"
NOVEMBER = OfficeFigures(
    period=Period(date(2026, 11, 1), date(2026, 11, 30), WITA),
    received=(("PBG", 3), ("SIP", 2), ("REKLAME", 1), ("TDUP", 3)),
    stages=(StageLoad("PBG", "field_inspection", 1, 16.0, False),
            StageLoad("PBG", "returned", 1, 20.0, True),
            StageLoad("REKLAME", "received", 1, 0.0, False),
            StageLoad("TDUP", "received", 2, 11.5, False)),
    decisions={"issued": 3, "rejected": 1, "withdrawn": 1},
    outcomes=(Outcome("PBG", 1, 1, 3.0), Outcome("SIP", 3, 2, 7.0),
              Outcome("REKLAME", 1, 0, 12.0)),
    overall=Outcome("", 5, 3, 7.0),
    followed=3, delivered=13, failed=2,
    months=(Month(date(2026, 11, 1), 9, 3, 5, 3),),
    # The hand-worked example of tests/storage/test_satisfaction.py: IKM 71.30, band C.
    survey=satisfaction_index(counted(RESPONSES), responses=3, invitations=4),
)
QUIET = OfficeFigures(
    period=Period(date(2026, 1, 1), date(2026, 3, 31), WITA), received=(), stages=(),
    decisions={"issued": 0, "rejected": 0, "withdrawn": 0}, outcomes=(),
    overall=Outcome("", 0, 0, None), followed=0, delivered=0, failed=0,
    months=tuple(Month(date(2026, m, 1), 0, 0, 0, 0) for m in (1, 2, 3)),
)


@pytest.fixture
def catalogue(settings: Settings) -> Catalogue:
    """The example office's permit types."""
    return settings.catalogue()


def test_the_figures_in_indonesian(catalogue: Catalogue) -> None:
    assert render_figures(NOVEMBER, OFFICE, catalogue, "id") == (
        "📊 <b>Kinerja DPMPTSP Kabupaten Jembrana</b>\n"
        "Periode: Nov 2026\n"
        "\n"
        "<b>Masukan</b> · permohonan diterima: <b>9</b>\n"
        "• PBG (Persetujuan Bangunan Gedung): 3\n"
        "• SIP (Surat Izin Praktik Tenaga Kesehatan): 2\n"
        "• REKLAME (Izin Penyelenggaraan Reklame): 1\n"
        "• TDUP (Tanda Daftar Usaha Pariwisata): 3\n"
        "\n"
        "<b>Proses</b> · terbuka saat ini: <b>5</b>\n"
        "• PBG · Survei lapangan: 1 · median 16 hari kerja di tahap\n"
        "• PBG · Berkas dikembalikan untuk dilengkapi: 1 · median 20 hari kerja di tahap\n"
        "• REKLAME · Berkas diterima: 1 · median 0 hari kerja di tahap\n"
        "• TDUP · Berkas diterima: 2 · median 11,5 hari kerja di tahap\n"
        "Tahap kantor paling lambat: <b>PBG · Survei lapangan</b> (median 16 hari kerja)\n"
        "\n"
        "<b>Keluaran</b> · terbit: <b>3</b> · ditolak: 1 · dibatalkan: 1\n"
        "\n"
        "<b>Hasil</b> · diputus tepat waktu: <b>60%</b> (3 dari 5) · median 7 hari kerja "
        "sampai diputus\n"
        "• PBG: 100% tepat waktu (1 dari 1) · median 3 hari kerja\n"
        "• SIP: 67% tepat waktu (2 dari 3) · median 7 hari kerja\n"
        "• REKLAME: 0% tepat waktu (0 dari 1) · median 12 hari kerja\n"
        "\n"
        "<b>Pemakaian pelacak</b>\n"
        "Permohonan yang diikuti: 33% (3 dari 9)\n"
        "Notifikasi terkirim: 13 · gagal: 2\n"
        "\n"
        "<b>Kepuasan (IKM)</b> · <b>71,30</b> (C Kurang Baik) · 3 tanggapan dari 4 undangan (75%)\n"
        "• U1 Persyaratan: rata-rata 3,00 → 75,00 (C) · 3 jawaban\n"
        "• U2 Prosedur: rata-rata 3,00 → 75,00 (C) · 2 jawaban\n"
        "• U3 Waktu penyelesaian: rata-rata 2,67 → 66,67 (C) · 3 jawaban\n"
        "• U4 Biaya/tarif: rata-rata 2,67 → 66,67 (C) · 3 jawaban\n"
        "• U5 Produk layanan: rata-rata 3,00 → 75,00 (C) · 3 jawaban\n"
        "• U6 Kompetensi pelaksana: rata-rata 3,33 → 83,33 (B) · 3 jawaban\n"
        "• U7 Perilaku pelaksana: rata-rata 3,33 → 83,33 (B) · 3 jawaban\n"
        "• U8 Penanganan pengaduan: rata-rata 2,00 → 50,00 (D) · 3 jawaban\n"
        "• U9 Sarana dan prasarana: rata-rata 2,67 → 66,67 (C) · 3 jawaban")


def test_the_figures_in_english_as_plain_text(catalogue: Catalogue) -> None:
    assert plain_text(render_figures(NOVEMBER, OFFICE, catalogue, "en")) == (
        "📊 Performance of DPMPTSP Kabupaten Jembrana\n"
        "Period: Nov 2026\n"
        "\n"
        "Input · applications received: 9\n"
        "• PBG (Building approval): 3\n"
        "• SIP (Health practice licence): 2\n"
        "• REKLAME (Advertising permit): 1\n"
        "• TDUP (Tourism business registration): 3\n"
        "\n"
        "Process · open now: 5\n"
        "• PBG · Field inspection: 1 · median 16 working days in stage\n"
        "• PBG · Returned for completion: 1 · median 20 working days in stage\n"
        "• REKLAME · Received: 1 · median 0 working days in stage\n"
        "• TDUP · Received: 2 · median 11.5 working days in stage\n"
        "Slowest office stage: PBG · Field inspection (median 16 working days)\n"
        "\n"
        "Output · issued: 3 · rejected: 1 · withdrawn: 1\n"
        "\n"
        "Outcome · decided on time: 60% (3 of 5) · median 7 working days to decision\n"
        "• PBG: 100% on time (1 of 1) · median 3 working days\n"
        "• SIP: 67% on time (2 of 3) · median 7 working days\n"
        "• REKLAME: 0% on time (0 of 1) · median 12 working days\n"
        "\n"
        "Use of the tracker\n"
        "Applications followed: 33% (3 of 9)\n"
        "Notifications delivered: 13 · failed: 2\n"
        "\n"
        "Satisfaction (IKM) · 71.30 (C Below good) · 3 responses of 4 invitations (75%)\n"
        "• U1 Requirements: mean 3.00 → 75.00 (C) · 3 answers\n"
        "• U2 Procedure: mean 3.00 → 75.00 (C) · 2 answers\n"
        "• U3 Time: mean 2.67 → 66.67 (C) · 3 answers\n"
        "• U4 Cost: mean 2.67 → 66.67 (C) · 3 answers\n"
        "• U5 Product: mean 3.00 → 75.00 (C) · 3 answers\n"
        "• U6 Staff competence: mean 3.33 → 83.33 (B) · 3 answers\n"
        "• U7 Staff behaviour: mean 3.33 → 83.33 (B) · 3 answers\n"
        "• U8 Complaints handling: mean 2.00 → 50.00 (D) · 3 answers\n"
        "• U9 Facilities: mean 2.67 → 66.67 (C) · 3 answers")


def test_a_quiet_period_says_so(catalogue: Catalogue) -> None:
    assert plain_text(render_figures(QUIET, OFFICE, catalogue, "id")) == (
        "📊 Kinerja DPMPTSP Kabupaten Jembrana\n"
        "Periode: 1 Jan 2026 s.d. 31 Mar 2026\n"
        "\n"
        "Masukan · permohonan diterima: 0\n"
        "\n"
        "Proses · terbuka saat ini: 0\n"
        "\n"
        "Keluaran · terbit: 0 · ditolak: 0 · dibatalkan: 0\n"
        "\n"
        "Hasil · belum ada permohonan yang diputus pada periode ini\n"
        "\n"
        "Pemakaian pelacak\n"
        "Permohonan yang diikuti: — (0 dari 0)\n"
        "Notifikasi terkirim: 0 · gagal: 0\n"
        "\n"
        "Kepuasan (IKM) · belum ada tanggapan survei pada periode ini (0 undangan terkirim)")


def test_the_office_name_is_escaped_and_the_result_is_valid_telegram_html(
        catalogue: Catalogue) -> None:
    body = render_figures(NOVEMBER, 'Kantor <Satu> & "Dua"', catalogue, "id")
    assert body.startswith("📊 <b>Kinerja Kantor &lt;Satu&gt; &amp; &quot;Dua&quot;</b>\n")
    assert parse_html(body).text.startswith('📊 Kinerja Kantor <Satu> & "Dua"\n')
    assert plain_text(body).startswith('📊 Kinerja Kantor <Satu> & "Dua"\n')


def test_permit_types_and_stages_no_longer_configured_show_their_codes(
        catalogue: Catalogue) -> None:
    figures = OfficeFigures(
        period=NOVEMBER.period, received=(("IMB", 2),),
        stages=(StageLoad("IMB", "archive", 2, 4.0, False),
                StageLoad("SIP", "archive", 1, 1.0, False)),
        decisions=NOVEMBER.decisions, outcomes=(), overall=Outcome("", 0, 0, None),
        followed=0, delivered=0, failed=0, months=NOVEMBER.months)
    lines = plain_text(render_figures(figures, OFFICE, catalogue, "en")).splitlines()
    assert lines[4] == "• IMB (IMB): 2"
    assert lines[7:10] == ["• IMB · archive: 2 · median 4 working days in stage",
                           "• SIP · archive: 1 · median 1 working day in stage",
                           "Slowest office stage: IMB · archive (median 4 working days)"]


def test_the_figures_fit_one_message_in_a_small_office(catalogue: Catalogue) -> None:
    body = render_figures(NOVEMBER, OFFICE, catalogue, "id")
    assert message_parts(body) == [body]


def test_many_open_stages_are_cut_between_lines_into_valid_messages(
        catalogue: Catalogue) -> None:
    # A large office: 60 permit types with open applications at five stages each.
    stages = tuple(StageLoad(f"IZIN{n:02d}", f"stage_{s}", 1, 2.0, False)
                   for n in range(60) for s in range(5))
    figures = OfficeFigures(
        period=NOVEMBER.period, received=NOVEMBER.received, stages=stages,
        decisions=NOVEMBER.decisions, outcomes=NOVEMBER.outcomes, overall=NOVEMBER.overall,
        followed=3, delivered=13, failed=2, months=NOVEMBER.months)
    body = render_figures(figures, OFFICE, catalogue, "id")
    parts = message_parts(body)
    assert len(body) > 16_000
    assert len(parts) == 5
    assert all(3_900 < len(part) <= 4_000 for part in parts[:-1])
    # Nothing is lost or repeated, and every part is valid Telegram HTML on its own.
    assert [line for part in parts for line in part.split("\n") if line] == [
        line for line in body.split("\n") if line]
    for part in parts:
        assert part == part.strip("\n")
        parse_html(part)
    assert parts[-1].endswith("Notifikasi terkirim: 13 · gagal: 2\n\n<b>Kepuasan (IKM)</b> · "
                              "belum ada tanggapan survei pada periode ini (0 undangan terkirim)")


@pytest.mark.parametrize(("first", "last", "language", "label"), [
    (date(2026, 11, 1), date(2026, 11, 30), "id", "Nov 2026"),
    (date(2026, 8, 1), date(2026, 8, 31), "id", "Agu 2026"),
    (date(2026, 8, 1), date(2026, 8, 31), "en", "Aug 2026"),
    (date(2028, 2, 1), date(2028, 2, 29), "en", "Feb 2028"),
    (date(2026, 1, 1), date(2026, 12, 31), "id", "2026"),
    (date(2026, 1, 1), date(2026, 3, 31), "id", "1 Jan 2026 s.d. 31 Mar 2026"),
    (date(2026, 11, 2), date(2026, 11, 29), "en", "2 Nov 2026 to 29 Nov 2026"),
    (date(2026, 11, 1), date(2026, 12, 31), "en", "1 Nov 2026 to 31 Dec 2026"),
    (date(2026, 5, 27), date(2026, 5, 27), "id", "27 Mei 2026 s.d. 27 Mei 2026"),
])
def test_period_labels(first: date, last: date, language: str, label: str) -> None:
    assert period_label(Period(first, last, WITA), language) == label


@pytest.mark.parametrize(("value", "indonesian", "english"), [
    (0, "0", "0"), (999, "999", "999"), (12_345, "12.345", "12,345"),
    (1_000_000, "1.000.000", "1,000,000"),
])
def test_counts_group_thousands_as_each_language_does(value: int, indonesian: str,
                                                       english: str) -> None:
    assert (count(value, "id"), count(value, "en")) == (indonesian, english)


@pytest.mark.parametrize(("value", "indonesian", "english"), [
    (None, "—", "—"), (0.0, "0", "0"), (7.0, "7", "7"), (11.5, "11,5", "11.5"),
])
def test_median_days_use_the_languages_decimal_mark(value: float | None, indonesian: str,
                                                     english: str) -> None:
    assert (days(value, "id"), days(value, "en")) == (indonesian, english)


@pytest.mark.parametrize(("part", "whole", "shown"), [
    (0, 0, "—"), (0, 4, "0%"), (3, 5, "60%"), (2, 3, "67%"), (1, 3, "33%"), (1, 8, "13%"),
    (3, 8, "38%"), (1, 200, "1%"), (1, 201, "0%"), (9, 9, "100%"),
])
def test_percentages_round_halves_up(part: int, whole: int, shown: str) -> None:
    assert percent(part, whole) == shown


# `etracking stats` ------------------------------------------------------------------------

@pytest.fixture
def root_logging() -> Iterator[None]:
    """The CLI configures root logging for the process; put it back afterwards."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.fixture
async def database(tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database file with three decisions in November 2026, named in the environment.

    SIP received Mon 2 Nov 09:00 WITA, issued Wed 4 Nov (2 working days; due 11 Nov);
    TDUP received Mon 2 Nov, rejected Fri 13 Nov (9 days; due 11 Nov: late);
    PBG received Tue 3 Nov, withdrawn Thu 5 Nov (2 days).
    """
    path = tmp_path / "office.db"
    clock = FakeClock(datetime(2026, 11, 2, 1, 0, tzinfo=UTC))
    store = await Store.open(path, settings.catalogue(), settings.calendar(), clock=clock)
    try:
        sip, _ = await store.applications.create("SIP", "dr. Ni Luh Sari", staff_id=7)
        tdup, _ = await store.applications.create("TDUP", "PT Bali & Co", staff_id=7)
        clock.advance(days=1)
        pbg, _ = await store.applications.create("PBG", "I Wayan Sudarma", staff_id=7)
        clock.advance(days=1)
        for _ in range(4):
            await store.applications.change(sip.number, Action.ADVANCE, staff_id=7)
        clock.advance(days=1)
        await store.applications.change(pbg.number, Action.WITHDRAW, staff_id=7,
                                        public_note="Batal")
        clock.advance(days=8)
        await store.applications.change(tdup.number, Action.REJECT, staff_id=7,
                                        public_note="Lokasi tidak sesuai")
    finally:
        await store.close()
    monkeypatch.setenv("ETRACK_DATABASE__PATH", str(path))
    return path


@pytest.mark.usefixtures("root_logging")
def test_cli_prints_the_figures_and_writes_the_chart(database: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    chart = tmp_path / "november.png"
    assert cli.main(["stats", "2026-11", "--chart", str(chart),
                     "--config", str(EXAMPLE_CONFIG)]) == 0
    assert capsys.readouterr().out == (
        "📊 Kinerja DPMPTSP Kabupaten Jembrana\n"
        "Periode: Nov 2026\n"
        "\n"
        "Masukan · permohonan diterima: 3\n"
        "• PBG (Persetujuan Bangunan Gedung): 1\n"
        "• SIP (Surat Izin Praktik Tenaga Kesehatan): 1\n"
        "• TDUP (Tanda Daftar Usaha Pariwisata): 1\n"
        "\n"
        "Proses · terbuka saat ini: 0\n"
        "\n"
        "Keluaran · terbit: 1 · ditolak: 1 · dibatalkan: 1\n"
        "\n"
        "Hasil · diputus tepat waktu: 67% (2 dari 3) · median 2 hari kerja sampai diputus\n"
        "• PBG: 100% tepat waktu (1 dari 1) · median 2 hari kerja\n"
        "• SIP: 100% tepat waktu (1 dari 1) · median 2 hari kerja\n"
        "• TDUP: 0% tepat waktu (0 dari 1) · median 9 hari kerja\n"
        "\n"
        "Pemakaian pelacak\n"
        "Permohonan yang diikuti: 0% (0 dari 3)\n"
        "Notifikasi terkirim: 0 · gagal: 0\n"
        "\n"
        "Kepuasan (IKM) · belum ada tanggapan survei pada periode ini (0 undangan terkirim)\n")
    assert chart.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


@pytest.mark.usefixtures("root_logging", "database")
def test_cli_without_a_chart_writes_no_file(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["stats", "2026-01-01", "2026-11-30", "--config", str(EXAMPLE_CONFIG)]) == 0
    assert "Periode: 1 Jan 2026 s.d. 30 Nov 2026\n" in capsys.readouterr().out
    assert list(tmp_path.glob("*.png")) == []


@pytest.mark.usefixtures("root_logging", "database")
@pytest.mark.parametrize("period", [["2026-13"], ["November"], ["2026-11-30", "2026-11-01"]])
def test_cli_refuses_a_bad_period(period: list[str], tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["stats", *period, "--chart", str(tmp_path / "no.png"),
                     "--config", str(EXAMPLE_CONFIG)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "etracking stats: the period is YYYY-MM, YYYY or two dates YYYY-MM-DD (from, to), "
        f"not {' '.join(period)!r}\n")
    assert not (tmp_path / "no.png").exists()


@pytest.mark.usefixtures("root_logging")
def test_cli_does_not_create_a_missing_database(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "typo.db"
    monkeypatch.setenv("ETRACK_DATABASE__PATH", str(missing))
    assert cli.main(["stats", "--config", str(EXAMPLE_CONFIG)]) == 1
    assert capsys.readouterr().err == f"etracking stats: no database at {missing}\n"
    assert not missing.exists()
