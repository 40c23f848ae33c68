"""Errors have one home: what a command's input lacks, and what each expected error tells the user.

Three kinds of failure reach a person, all answered here in the chat's language:
- `UsageError`: the handler found the arguments missing or malformed while parsing; the reply is
  the command's usage with an example;
- a named domain error from `storage.errors` or `bot.tracking` (unknown number, wrong code,
  refused move…): `explain` turns it into a polite reply;
- anything else: `on_error` logs it with its trace and says something went wrong.
`on_error` is the application's one error handler; it also copes with `update is None`, which
polling and job errors bring.
"""

from __future__ import annotations

import contextlib
import logging
from datetime import datetime
from typing import TYPE_CHECKING

from telegram import Update
from telegram.error import TelegramError

from bot.runtime.send_limiter import ReplyDropped
from bot.tracking import AccessCodeLocked, FollowPaused, WrongAccessCode
from office.settings import Settings
from office.texts import Html, label, text
from storage import errors
from storage.errors import ApplicationNotFound
from storage.numbers import example_number
from storage.periods import (
    EARLIEST,
    LATEST,
    MAX_YEARS,
    PeriodInvalid,
    PeriodOutOfRange,
    PeriodTooLong,
)
from storage.workflow import FINAL_STAGES, PermitType

if TYPE_CHECKING:  # the context module raises UsageError itself
    from bot.handlers.context import BotContext

log = logging.getLogger(__name__)


class UsageError(Exception):
    """The command's arguments are missing or malformed; reply with the catalogue text `key`."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


def period_refused(error: PeriodInvalid, command: str, usage: str) -> UsageError:
    """The reply to a period `/stats` or `/export` will not count: out of range, too long,
    or not a period at all (the command's usage)."""
    if isinstance(error, PeriodOutOfRange):
        return UsageError("staff.period.out_of_range", first=EARLIEST.year, last=LATEST.year,
                          command=command)
    if isinstance(error, PeriodTooLong):
        return UsageError("staff.period.too_long", years=MAX_YEARS, command=command)
    return UsageError(usage)


def example(settings: Settings, now: datetime) -> str:
    """A sample registration number in the office's format."""
    return example_number(settings.office.registration_prefix,
                          now.astimezone(settings.office.zone).year)


def explain(error: Exception, language: str, settings: Settings, now: datetime) -> Html | None:
    """The reply for an expected error, or None if the error is not one we explain."""
    sample = example(settings, now)
    match error:
        case UsageError(key=key, values=values):
            return text(language, key, **{"example": sample, **values})
        case errors.ApplicationNotFound(number=number):
            return text(language, "error.not_found", number=number, example=sample)
        case AccessCodeLocked(minutes_left=minutes):
            return text(language, "error.code_locked", minutes=minutes)
        case FollowPaused(minutes_left=minutes):
            return text(language, "error.follow_paused", hours=-(-minutes // 60))
        case errors.Throttled(minutes_left=minutes):
            return text(language, "error.throttled", minutes=minutes)
        case WrongAccessCode(number=number, tries_left=tries):
            return text(language, "error.code_wrong", number=number, tries=tries)
        case errors.AccessCodeRejected():
            return text(language, "start.bad_link")
        case errors.FollowLimitReached(limit=limit):
            return text(language, "error.follow_limit", limit=limit)
        case errors.PermitTypeUnknown(code=code, valid=valid):
            return text(language, "staff.error.permit_type", code=code, valid=", ".join(valid))
        case errors.StageUnknown(code=code, valid=valid):
            return text(language, "staff.error.stage", code=code, valid=", ".join(valid))
        case errors.StageTransitionRejected():
            return _transition_refused(error, language)
        case errors.ReasonRequired(action=action):
            return text(language, "staff.error.reason", action=action,
                        example=label(language, f"staff.reason_example.{action}"))
        case errors.ConcurrentChange(number=number, expected_stage=expected,
                                     actual_stage=actual):
            return text(language, "staff.error.concurrent", number=number, expected=expected,
                        actual=actual)
        case errors.UndoRefused(number=number, reason=reason, minutes=minutes):
            return text(language, f"staff.undo.refused.{reason}", number=number,
                        minutes=minutes)
        case errors.InvalidInput(field=field, limit=limit):
            return text(language, f"staff.error.invalid.{field}", limit=limit)
        case errors.StaffNotFound(user_id=user_id):
            return text(language, "staff.error.not_staff", user_id=user_id)
        case errors.LastAdmin():
            return text(language, "staff.error.last_admin")
        case errors.NotIssued(number=number, stage=stage, permit_type=kind):
            return text(language, "staff.error.not_issued", number=number,
                        stage=kind.stage(stage).name(language) if kind is not None else stage)
        case errors.FeeNotDue(number=number, stage=stage, has_fee_stage=has_fee_stage,
                              permit_type=kind):
            name = kind.stage(stage).name(language) if kind is not None else stage
            return text(language, "staff.error.fee_not_due" if has_fee_stage
                        else "staff.error.no_fee_stage", number=number, stage=name)
        case errors.NumbersExhausted(last_number=last, year=year):
            return text(language, "staff.error.numbers_exhausted", last=last, year=year)
        case errors.QuestionRefused(reason=reason, number=number, limit=limit):
            return text(language, f"ask.refused.{reason}", number=number, limit=limit)
        case errors.QuestionClosed(question_id=question_id, number=number):
            return text(language, "staff.error.question_closed", id=question_id, number=number)
        case errors.QuestionNotFound():
            return text(language, "staff.error.question_gone")
        case errors.AskerLeft(question_id=question_id, number=number):
            return text(language, "staff.error.asker_left", id=question_id, number=number)
        case errors.DocumentRefused(reason=reason, values=values):
            return _document_refused(reason, dict(values), language)
        case errors.DocumentDuplicate(number=number, document_id=document_id):
            return text(language, "documents.duplicate", number=number, document=document_id)
        case errors.DocumentReviewed(document_id=document_id, status=status):
            return text(language, "documents.reviewed", document=document_id,
                        status=label(language, f"documents.status.{status}"))
    return None


def _document_refused(reason: str, values: dict[str, object], language: str) -> Html:
    """A refused file, its stage by name."""
    kind = values.pop("permit_type", None)
    if isinstance(kind, PermitType) and "stage" in values:
        values["stage"] = kind.stage(str(values["stage"])).name(language)
    return text(language, f"documents.refused.{reason}", **values)


def _transition_refused(error: errors.StageTransitionRejected, language: str) -> Html:
    """Stages by name (with the code /move takes); a decided application says just that."""
    kind = error.permit_type

    def name(code: str) -> str:
        return kind.stage(code).name(language) if kind is not None else code

    if error.current in FINAL_STAGES:
        return text(language, "staff.error.decided", stage=name(error.current))
    return text(language, "staff.error.transition", current=name(error.current),
                valid="".join(f"\n• {name(code)}: {code}" for code in error.valid) or " —")


async def on_error(update: object, context: BotContext) -> None:
    """Reply to expected errors in the chat's language; log everything else with its trace."""
    await answer_error(update, context, context.error)


async def answer_error(update: object, context: BotContext, error: Exception | None) -> None:
    """on_error's work, for a handler that must stop the update itself after an error."""
    if isinstance(error, ReplyDropped):
        return  # the send limiter logged it; an error reply would be dropped the same way
    if not isinstance(update, Update):
        # Polling and job errors arrive without an update (network trouble, conflicts).
        log.warning("error outside an update: %r", error, exc_info=error)
        return
    services = context.services
    language = await services.language(update)
    reply = None
    if error is not None:
        user = update.effective_user
        if isinstance(error, ApplicationNotFound) and services.directory.role_of(
                user.id if user else None):
            reply = text(language, "staff.error.not_found", number=error.number)
        else:
            reply = explain(error, language, services.settings, services.store.clock())
    if reply is None:
        log.error("update %s failed", update.update_id, exc_info=error)
        reply = text(language, "error.generic")
    if update.callback_query:
        # The handler may have answered the press already; a query takes one answer only.
        with contextlib.suppress(TelegramError):
            await update.callback_query.answer()
    try:
        if update.effective_chat:
            await update.effective_chat.send_message(reply)
    except TelegramError as failure:
        log.warning("could not send the error reply: %s", failure)
