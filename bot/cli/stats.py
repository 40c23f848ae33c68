"""`etracking stats`: the performance figures on the command line.

The command-line side of `/stats` (`bot/handlers/stats.py`): the same figures and chart, as
plain text and a PNG file.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from bot.cli.exits import EXIT_NO_DATABASE, EXIT_USAGE
from bot.views.charts import render_chart, render_survey_chart
from bot.views.figures import plain_text, render_figures
from office.settings import Settings
from storage.clock import system_clock
from storage.periods import PeriodInvalid, PeriodOutOfRange, PeriodTooLong, parse_period
from storage.statistics import OfficeFigures, office_figures
from storage.store import Store


async def stats_command(settings: Settings, period: list[str], chart: str | None) -> int:
    """Print the figures for the period; write the chart PNG if a path is given."""
    calendar = settings.calendar()
    now = system_clock()
    try:
        chosen = parse_period(period, calendar.local_date(now), calendar.timezone)
    except (PeriodOutOfRange, PeriodTooLong) as error:
        print(f"etracking stats: {error}", file=sys.stderr)
        return EXIT_USAGE
    except PeriodInvalid:
        print(f"etracking stats: the period is YYYY-MM, YYYY or two dates YYYY-MM-DD "
              f"(from, to), not {' '.join(period)!r}", file=sys.stderr)
        return EXIT_USAGE
    path = Path(settings.database.path)
    if not settings.database.on_postgres and not await asyncio.to_thread(path.exists):
        # Opening would create an empty database and report zeros for a mistyped path.
        print(f"etracking stats: no database at {path}", file=sys.stderr)
        return EXIT_NO_DATABASE
    store = await Store.open(settings.database.target, settings.catalogue(), calendar,
                             prefix=settings.office.registration_prefix,
                             password=settings.database.secret)
    try:
        figures = await office_figures(store.database, store.catalogue, calendar, chosen, now)
    finally:
        await store.close()
    language, office = settings.office.default_language, settings.office.name
    print(plain_text(render_figures(figures, office, store.catalogue, language,
                                    settings.survey)))
    if chart:
        await asyncio.to_thread(write_chart, Path(chart), figures, settings, language)
    return 0


def write_chart(path: Path, figures: OfficeFigures, settings: Settings,
                language: str) -> None:
    """Draw the chart and write it to `path` as PNG; the survey's next to it, if answered.

    `--chart figures.png` also writes `figures-survey.png` when the period has responses.
    """
    office = settings.office.name
    path.write_bytes(render_chart(figures, office, language))
    if figures.survey.responses:
        path.with_name(f"{path.stem}-survey{path.suffix or '.png'}").write_bytes(
            render_survey_chart(figures, settings.survey, office, language))
