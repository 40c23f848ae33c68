"""The performance figures as staff read them: safe HTML for the chat, plain text for a terminal."""

from __future__ import annotations

import html
import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.views.satisfaction import render_satisfaction
from office.dates import format_date
from office.survey_settings import SurveySettings
from office.texts import Html, join, text
from storage.periods import (
    Period,
)
from storage.statistics import OfficeFigures
from storage.workflow import ISSUED, REJECTED, WITHDRAWN, Catalogue

# Telegram takes 4096 characters of text per message; markup and the one emoji fit in the rest.
MESSAGE_LIMIT = 4000
_TAG = re.compile(r"<[^>]+>")
_UTC = ZoneInfo("UTC")
DEFAULT_SURVEY = SurveySettings()


def render_figures(figures: OfficeFigures, office: str, catalogue: Catalogue,
                   language: str, survey: SurveySettings = DEFAULT_SURVEY) -> Html:
    """Input, process, output, outcome, use of the tracker and satisfaction, a block each."""
    return join([
        text(language, "staff.stats.title", office=office,
             period=period_label(figures.period, language)),
        Html(""), *_input(figures, catalogue, language),
        Html(""), *_process(figures, catalogue, language),
        Html(""), text(language, "staff.stats.output",
                       issued=count(figures.decisions.get(ISSUED, 0), language),
                       rejected=count(figures.decisions.get(REJECTED, 0), language),
                       withdrawn=count(figures.decisions.get(WITHDRAWN, 0), language)),
        Html(""), *_outcome(figures, language),
        Html(""), text(language, "staff.stats.use",
                       share=percent(figures.followed, figures.received_total),
                       followed=count(figures.followed, language),
                       received=count(figures.received_total, language),
                       delivered=count(figures.delivered, language),
                       failed=count(figures.failed, language)),
        Html(""), *render_satisfaction(figures.survey, survey, language),
    ])


def message_parts(body: Html, limit: int = MESSAGE_LIMIT) -> list[Html]:
    """The figures cut between lines into messages Telegram accepts (usually just one).

    Every line closes its own tags, so any cut between lines is valid HTML; an office with
    many permit types can have more open stages than one message holds.
    """
    parts: list[list[str]] = [[]]
    size = 0
    for line in body.split("\n"):
        if parts[-1] and size + 1 + len(line) > limit:
            parts.append([])
            size = -1
        if parts[-1] or line:  # a message does not start with a blank line
            parts[-1].append(line)
            size += 1 + len(line)
    return [Html("\n".join(lines).strip("\n")) for lines in parts]


def plain_text(body: Html) -> str:
    """The same figures without markup, for a terminal."""
    return html.unescape(_TAG.sub("", body))


def period_label(period: Period, language: str) -> str:
    """`Nov 2026` for a month, `2026` for a year, `1 Jan 2026 s.d. 31 Mar 2026` otherwise."""
    first, after = period.first_day, period.last_day + timedelta(days=1)
    if first.day == 1 and after == (first + timedelta(days=32)).replace(day=1):
        return month_label(first, language)
    if (first.month, first.day) == (1, 1) and after == first.replace(year=first.year + 1):
        return str(first.year)
    return text(language, "staff.stats.range", first=_day(period.first_day, language),
                last=_day(period.last_day, language))


def month_label(month: date, language: str) -> str:
    """`Nov 2026` (Indonesian month abbreviations in `id`)."""
    return _day(month, language).split(" ", 1)[1]


def count(value: int, language: str) -> str:
    """A count with the language's thousands separator: `12.345` or `12,345`."""
    grouped = f"{value:,}"
    return grouped.replace(",", ".") if language == "id" else grouped


def days(value: float | None, language: str) -> str:
    """A median in working days: `3`, `2,5` (id) or `2.5` (en); `—` when there is none."""
    if value is None:
        return "—"
    shown = f"{value:.0f}" if value == int(value) else f"{value:.1f}"
    return shown.replace(".", ",") if language == "id" else shown


def percent(part: int, whole: int) -> str:
    """`67%`, halves rounded up; `—` when there is nothing to divide."""
    if whole == 0:
        return "—"
    return f"{(200 * part + whole) // (2 * whole)}%"


def _day(day: date, language: str) -> str:
    return format_date(datetime.combine(day, time(12), _UTC), language, _UTC)


def _input(figures: OfficeFigures, catalogue: Catalogue, language: str) -> list[Html]:
    lines = [text(language, "staff.stats.input",
                  count=count(figures.received_total, language))]
    for code, received in figures.received:
        lines.append(text(language, "staff.stats.input_line", permit_type=code,
                          name=_type_name(catalogue, code, language),
                          count=count(received, language)))
    return lines


def _process(figures: OfficeFigures, catalogue: Catalogue, language: str) -> list[Html]:
    lines = [text(language, "staff.stats.process", count=count(figures.open_total, language))]
    for stage in figures.stages:
        lines.append(text(language, "staff.stats.process_line", permit_type=stage.permit_type,
                          stage=_stage_name(catalogue, stage.permit_type, stage.stage, language),
                          count=count(stage.open, language),
                          days=days(stage.median_days, language)))
    slowest = figures.slowest
    if slowest is not None:
        lines.append(text(language, "staff.stats.slowest", permit_type=slowest.permit_type,
                          stage=_stage_name(catalogue, slowest.permit_type, slowest.stage,
                                            language),
                          days=days(slowest.median_days, language)))
    return lines


def _outcome(figures: OfficeFigures, language: str) -> list[Html]:
    overall = figures.overall
    if overall.decided == 0:
        return [text(language, "staff.stats.outcome_none")]
    lines = [text(language, "staff.stats.outcome", share=percent(overall.on_time, overall.decided),
                  on_time=count(overall.on_time, language),
                  decided=count(overall.decided, language),
                  days=days(overall.median_days, language))]
    for outcome in figures.outcomes:
        lines.append(text(language, "staff.stats.outcome_line", permit_type=outcome.permit_type,
                          share=percent(outcome.on_time, outcome.decided),
                          on_time=count(outcome.on_time, language),
                          decided=count(outcome.decided, language),
                          days=days(outcome.median_days, language)))
    return lines


def _type_name(catalogue: Catalogue, code: str, language: str) -> str:
    known = {permit_type.code: permit_type for permit_type in catalogue.permit_types}
    return known[code].name(language) if code in known else code


def _stage_name(catalogue: Catalogue, code: str, stage: str, language: str) -> str:
    known = {permit_type.code: permit_type for permit_type in catalogue.permit_types}
    if code not in known or (stage not in known[code].stage_codes and stage != "returned"):
        return stage
    return known[code].stage(stage).name(language)
