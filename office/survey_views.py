"""The survey's messages and buttons: one question at a time, edited in place.

Callback data is `sv:<application id>:<step>:<answer>` with answer 1-4, `s` (skip) or `x`
(stop, or finish without a comment). The store checks that the pressing chat was invited and
still follows, and that it is at that step, so the data cannot answer for anyone else.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from office.survey_settings import SurveySettings
from office.texts import Html, join, label, text
from storage.surveys import COMMENT_LIMIT, COMMENT_STEP

SURVEY_PREFIX = "sv"


def survey_data(application_id: int, step: int, answer: str) -> str:
    """Callback data of one survey button."""
    return f"{SURVEY_PREFIX}:{application_id}:{step}:{answer}"


def survey_step(settings: SurveySettings, language: str, application_id: int,
                step: int) -> tuple[Html, InlineKeyboardMarkup]:
    """Question `step` with its four answers, Skip and Stop; or the comment prompt."""
    if step >= COMMENT_STEP:
        return (text(language, "survey.comment", limit=COMMENT_LIMIT), InlineKeyboardMarkup([[
            InlineKeyboardButton(label(language, "survey.finish"),
                                 callback_data=survey_data(application_id, step, "x"))]]))
    answers = [InlineKeyboardButton(f"{value}. {settings.answer(language, value)}",
                                    callback_data=survey_data(application_id, step, str(value)))
               for value in range(1, 5)]
    return (text(language, "survey.question", position=step + 1,
                 question=settings.question(language, step)),
            InlineKeyboardMarkup([answers[:2], answers[2:], [
                InlineKeyboardButton(label(language, "survey.skip"),
                                     callback_data=survey_data(application_id, step, "s")),
                InlineKeyboardButton(label(language, "survey.stop"),
                                     callback_data=survey_data(application_id, step, "x"))]]))


def survey_invitation(settings: SurveySettings, language: str, application_id: int,
                      number: str, permit_type: str) -> tuple[Html, InlineKeyboardMarkup]:
    """The invitation: what it is, then the first question."""
    question, markup = survey_step(settings, language, application_id, 0)
    return join([text(language, "survey.invite", number=number, permit_type=permit_type),
                 Html(""), question]), markup


def survey_thanks(language: str) -> Html:
    """The message a finished survey is replaced with."""
    return text(language, "survey.thanks")

