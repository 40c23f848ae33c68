"""Questions to the office as staff read them: the post in the staff chats, the threads in
`/view`. Pure functions from records to safe HTML; the asker's words are escaped."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.views.cards import mask_name
from bot.views.fitting import clip, first_that_fit
from office.dates import format_datetime
from office.texts import Html, label, text
from storage.models import Application
from storage.questions import Question, Thread
from storage.workdays import WorkingCalendar
from storage.workflow import PermitType

CLOSE_PREFIX = "qc"
#: Characters of a question or answer shown in `/view` (the post and the notice show all).
VIEW_CLIP = 200
#: Of the 4,096 characters of `/view`, what its questions may take: the history needs room.
VIEW_BUDGET = 1500


def render_post(question: Question, application: Application, permit_type: PermitType,
                language: str) -> Html:
    """The staff chats' message: number, stage, the applicant's masked name, the question."""
    return text(language, "staff.question.post", id=question.id, number=application.number,
                stage=permit_type.stage(application.stage).name(language),
                name=mask_name(application.applicant_name), question=question.body)


def close_keyboard(question_id: int, language: str) -> InlineKeyboardMarkup:
    """The button under a post that closes its thread: `qc:<question id>`."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(
        label(language, "staff.button.close_question"),
        callback_data=f"{CLOSE_PREFIX}:{question_id}")]])


def render_threads(threads: list[Thread], total: int, calendar: WorkingCalendar,
                   language: str) -> list[Html]:
    """`/view`'s questions, newest first, each with its answers; nothing when none."""
    if not total:
        return []
    zone = calendar.timezone
    lines = []
    for thread in threads:
        question = thread.question
        state = (text(language, "staff.view.question_closed") if question.closed_at
                 else text(language, "staff.view.question_waiting")
                 if question.answered_at is None else Html(""))
        answers = [text(language, "staff.view.answer",
                        date=format_datetime(answer.answered_at, language, zone),
                        who=answer.staff_name or str(answer.staff_id),
                        answer=clip(answer.body, VIEW_CLIP)) for answer in thread.answers]
        lines.append(Html(text(language, "staff.view.question", id=question.id,
                               date=format_datetime(question.asked_at, language, zone),
                               state=state, question=clip(question.body, VIEW_CLIP))
                          + "".join(answers)))
    return [Html(""), text(language, "staff.view.questions", count=total),
            *first_that_fit(lines, language, VIEW_BUDGET, total=total)]
