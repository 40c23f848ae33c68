"""The IKM block of the figures: numbers in each language, odd cases, `etracking stats`."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from bot.cli import main as cli
from bot.views.satisfaction import band_label, decimal, mean, render_satisfaction
from office.settings import Settings
from office.survey_settings import SurveySettings
from office.texts import join
from storage.satisfaction import satisfaction_index
from storage.store import Store
from tests.conftest import EXAMPLE_CONFIG, FakeClock
from tests.storage.test_satisfaction import RESPONSES, answered, counted


@pytest.mark.parametrize(("value", "indonesian", "english"), [
    (Decimal("71.30"), "71,30", "71.30"), (Decimal("100.00"), "100,00", "100.00")])
def test_indices_use_the_languages_decimal_mark(value: Decimal, indonesian: str,
                                                english: str) -> None:
    assert (decimal(value, "id"), decimal(value, "en")) == (indonesian, english)


def test_means_round_halves_up() -> None:
    assert (mean(Fraction(8, 3), "id"), mean(Fraction(2005, 1000), "en")) == ("2,67", "2.01")


def test_band_labels_in_both_languages() -> None:
    assert band_label(Decimal("88.31"), "id") == "A Sangat Baik"
    assert band_label(Decimal("64.99"), "en") == "D Poor"


def test_an_unanswered_element_and_no_delivered_invitation() -> None:
    counts = counted(RESPONSES)
    counts[8] = dict.fromkeys(range(1, 5), 0)
    lines = render_satisfaction(satisfaction_index(counts, 3, 0), SurveySettings(), "en")
    # Without U8 (mean 2) the other eight share the weight: (77/3 - 2) / 8 = 71/24;
    # x 25 = 1775/24 = 73.958 -> 73.96.
    assert lines[0] == ("<b>Satisfaction (IKM)</b> · <b>73.96</b> (C Below good) · "
                        "3 responses of 0 invitations (—)")
    assert lines[8] == "• U8 Complaints handling: not answered"


def test_element_names_come_from_the_offices_config_and_are_escaped() -> None:
    names = tuple(f"<U{n}> & co" for n in range(1, 10))
    survey = SurveySettings(elements=names, elements_en=names)
    body = join(render_satisfaction(satisfaction_index(counted(RESPONSES), 3, 3), survey, "id"))
    assert "• U1 &lt;U1&gt; &amp; co: rata-rata 3,00" in body


def test_nine_names_are_required() -> None:
    with pytest.raises(ValueError, match="exactly 9 names"):
        SurveySettings(elements=("Persyaratan",))


@pytest.fixture
def root_logging() -> Iterator[None]:
    """The CLI configures root logging for the process; put it back afterwards."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.fixture
async def surveyed(tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database file with the three hand-worked responses on Mon 2 Nov 2026."""
    path = tmp_path / "office.db"
    clock = FakeClock(datetime(2026, 11, 2, 1, 0, tzinfo=UTC))
    store = await Store.open(path, settings.catalogue(), settings.calendar(), clock=clock)
    try:
        await answered(store, clock, RESPONSES)
    finally:
        await store.close()
    monkeypatch.setenv("ETRACK_DATABASE__PATH", str(path))
    return path


@pytest.mark.usefixtures("root_logging", "surveyed")
def test_cli_prints_the_ikm_and_writes_the_survey_chart(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    chart = tmp_path / "figures.png"
    assert cli.main(["stats", "2026-11", "--chart", str(chart),
                     "--config", str(EXAMPLE_CONFIG)]) == 0
    out = capsys.readouterr().out
    assert out.endswith(
        "\n\nKepuasan (IKM) · 71,30 (C Kurang Baik) · 3 tanggapan dari 0 undangan (—)\n"
        "• U1 Persyaratan: rata-rata 3,00 → 75,00 (C) · 3 jawaban\n"
        "• U2 Prosedur: rata-rata 3,00 → 75,00 (C) · 2 jawaban\n"
        "• U3 Waktu penyelesaian: rata-rata 2,67 → 66,67 (C) · 3 jawaban\n"
        "• U4 Biaya/tarif: rata-rata 2,67 → 66,67 (C) · 3 jawaban\n"
        "• U5 Produk layanan: rata-rata 3,00 → 75,00 (C) · 3 jawaban\n"
        "• U6 Kompetensi pelaksana: rata-rata 3,33 → 83,33 (B) · 3 jawaban\n"
        "• U7 Perilaku pelaksana: rata-rata 3,33 → 83,33 (B) · 3 jawaban\n"
        "• U8 Penanganan pengaduan: rata-rata 2,00 → 50,00 (D) · 3 jawaban\n"
        "• U9 Sarana dan prasarana: rata-rata 2,67 → 66,67 (C) · 3 jawaban\n")
    assert chart.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert (tmp_path / "figures-survey.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
