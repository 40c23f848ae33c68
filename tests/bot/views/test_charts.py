"""The chart sent with the figures is a PNG Telegram accepts, drawn without a display."""

from __future__ import annotations

import io
import subprocess
import sys
from dataclasses import replace
from datetime import date
from zoneinfo import ZoneInfo

import pytest
from PIL import Image

from bot.views.charts import render_chart, render_survey_chart
from office.survey_settings import SurveySettings
from storage.periods import Period
from storage.satisfaction import satisfaction_index
from storage.statistics import Month, OfficeFigures, Outcome
from tests.storage.test_satisfaction import RESPONSES, counted

WITA = ZoneInfo("Asia/Makassar")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def figures(first: date, last: date, months: list[Month]) -> OfficeFigures:
    """Figures with only what the chart reads: the period and the months."""
    return OfficeFigures(
        period=Period(first, last, WITA), received=(), stages=(),
        decisions={"issued": 0, "rejected": 0, "withdrawn": 0}, outcomes=(),
        overall=Outcome("", 0, 0, None), followed=0, delivered=0, failed=0,
        months=tuple(months))


def opened(png: bytes) -> Image.Image:
    """The image, checked to be a PNG."""
    assert png.startswith(PNG_SIGNATURE)
    image = Image.open(io.BytesIO(png))
    image.verify()
    return Image.open(io.BytesIO(png))


YEAR = figures(date(2026, 1, 1), date(2026, 12, 31), [
    Month(date(2026, m, 1), received=40 + m, issued=30 + m, decided=35, on_time=20 + m)
    for m in range(1, 13)])


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_year_is_a_png_of_nine_hundred_by_five_hundred(language: str) -> None:
    image = opened(render_chart(YEAR, "DPMPTSP Kabupaten Jembrana", language))
    assert image.format == "PNG"
    assert image.size == (900, 500)


def test_a_month_without_decisions_still_draws() -> None:
    quiet = figures(date(2026, 11, 1), date(2026, 11, 30),
                    [Month(date(2026, 11, 1), received=0, issued=0, decided=0, on_time=0)])
    assert opened(render_chart(quiet, "Kantor & <Satu>", "id")).size == (900, 500)


def test_months_without_decisions_leave_a_gap_in_the_line() -> None:
    gaps = figures(date(2026, 10, 1), date(2026, 12, 31), [
        Month(date(2026, 10, 1), 1, 0, 0, 0), Month(date(2026, 11, 1), 9, 3, 5, 3),
        Month(date(2026, 12, 1), 1, 0, 1, 1)])
    image = opened(render_chart(gaps, "DPMPTSP", "en"))
    assert image.size[0] > 0
    assert image.size[1] > 0


def test_five_years_of_months_fit() -> None:
    years = figures(date(2022, 1, 1), date(2026, 12, 31), [
        Month(date(2022 + n // 12, n % 12 + 1, 1), 10, 8, 9, 6) for n in range(60)])
    assert opened(render_chart(years, "DPMPTSP", "en")).size == (900, 500)


def test_the_chart_is_not_blank() -> None:
    image = opened(render_chart(YEAR, "DPMPTSP", "id")).convert("RGB")
    colours = image.getcolors(maxcolors=1_000_000)
    assert colours is not None
    assert len(colours) > 10


def test_importing_the_module_does_not_load_matplotlib() -> None:
    # Nothing happens at import: the bot starts without paying for matplotlib.
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, bot.views.charts; print('matplotlib' in sys.modules)"],
        capture_output=True, text=True, check=True).stdout
    assert loaded == "False\n"


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_survey_chart_has_one_panel_per_element(language: str) -> None:
    # The hand-worked example, with one element nobody answered (its panel stays empty).
    answered = satisfaction_index(counted(RESPONSES), responses=3, invitations=4)
    counts = counted(RESPONSES)
    counts[9] = dict.fromkeys(range(1, 5), 0)
    partly = satisfaction_index(counts, responses=3, invitations=4)
    for index in (answered, partly):
        survey = replace(YEAR, survey=index)
        image = opened(render_survey_chart(survey, SurveySettings(), "Kantor & <Satu>",
                                           language))
        assert image.size == (900, 700)
