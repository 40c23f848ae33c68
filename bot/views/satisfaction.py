"""The survey as staff read it: the IKM block of the figures, and the comments.

The IKM is part of `/stats` and `etracking stats` (bot/views/figures.py puts it last); the
numbers come from storage/satisfaction.py, the elements' names from the office's `[survey]`
config. `/comments` lists what applicants wrote, escaped and bounded.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

from office.dates import format_date
from office.survey_settings import SurveySettings
from office.texts import Html, join, text
from storage.satisfaction import SatisfactionIndex, band
from storage.surveys import SurveyComment

#: `/comments` shows at most this many, each cut to COMMENT_SHOWN characters: one message
#: (about 3,500 characters at most) whatever applicants typed.
COMMENTS_SHOWN = 10
COMMENT_SHOWN = 300
_UTC = ZoneInfo("UTC")


def render_satisfaction(index: SatisfactionIndex, survey: SurveySettings,
                        language: str) -> list[Html]:
    """`Satisfaction (IKM) · 71.30 (C …)` with responses and rate, then one line per element."""
    overall = index.index
    if overall is None:
        return [text(language, "staff.stats.survey_none",
                     invitations=_count(index.invitations, language))]
    lines = [text(language, "staff.stats.survey", index=decimal(overall, language),
                  band=band_label(overall, language), responses=_count(index.responses, language),
                  invitations=_count(index.invitations, language),
                  share=_share(index.responses, index.invitations))]
    for score in index.elements:
        name = survey.element(language, score.element)
        if score.mean is None or score.index is None:
            lines.append(text(language, "staff.stats.survey_unanswered",
                              element=score.element, name=name))
            continue
        lines.append(text(language, "staff.stats.survey_line", element=score.element,
                          name=name, mean=mean(score.mean, language),
                          index=decimal(score.index, language), band=band(score.index),
                          answered=_count(score.answered, language)))
    return lines


def decimal(value: Decimal, language: str) -> str:
    """`71,30` (id) or `71.30` (en)."""
    shown = f"{value:.2f}"
    return shown.replace(".", ",") if language == "id" else shown


def mean(value: Fraction, language: str) -> str:
    """A 1-4 mean to two decimals, half up: `2,67` (id) or `2.67` (en)."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return decimal(exact.quantize(Decimal("0.01"), rounding="ROUND_HALF_UP"), language)


def band_label(index: Decimal, language: str) -> str:
    """`C Kurang Baik` / `C Below good`: the band's letter and name."""
    letter = band(index)
    return f"{letter} {text(language, f'staff.stats.survey_band.{letter}')}"


# figures.py's count and percent, repeated here because figures.py imports this module.
def _count(value: int, language: str) -> str:
    grouped = f"{value:,}"
    return grouped.replace(",", ".") if language == "id" else grouped


def _share(part: int, whole: int) -> str:
    # No invitation delivered in the period (answers to older ones): no rate, not a division.
    if whole == 0:
        return "—"
    return f"{(200 * part + whole) // (2 * whole)}%"


def render_comments(total: int, comments: tuple[SurveyComment, ...], period: str,
                    language: str) -> Html:
    """The newest comments of the period, one line each, newest first; or that there are none."""
    if not comments:
        return text(language, "staff.comments.none", period=period)
    lines = [text(language, "staff.comments.title", period=period,
                  shown=_count(len(comments), language), total=_count(total, language))]
    for comment in comments:
        # One line each: typed line breaks would make one comment look like several.
        flat = " ".join(comment.text.split())
        cut = flat if len(flat) <= COMMENT_SHOWN else flat[:COMMENT_SHOWN - 1] + "…"
        lines.append(text(language, "staff.comments.line", day=_day(comment.answered_on, language),
                          comment=cut))
    return join(lines)


def _day(day: date, language: str) -> str:
    return format_date(datetime.combine(day, time(12), _UTC), language, _UTC)
