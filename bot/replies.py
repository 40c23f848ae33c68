"""One home for turning expected errors into polite replies in the chat's language."""

from __future__ import annotations

from datetime import datetime

from bot.settings import Settings
from bot.texts import Html, label, text
from bot.tracking import AccessCodeLocked, FollowPaused, WrongAccessCode
from bot.usage import UsageError
from storage import errors
from storage.numbers import example_number
from storage.workflow import FINAL_STAGES


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
        case errors.InvalidInput(field=field, limit=limit):
            return text(language, f"staff.error.invalid.{field}", limit=limit)
        case errors.StaffNotFound(user_id=user_id):
            return text(language, "staff.error.not_staff", user_id=user_id)
        case errors.LastAdmin():
            return text(language, "staff.error.last_admin")
        case errors.NumbersExhausted(last_number=last, year=year):
            return text(language, "staff.error.numbers_exhausted", last=last, year=year)
    return None


def _transition_refused(error: errors.StageTransitionRejected, language: str) -> Html:
    """Stages by name (with the code /move takes); a decided application says just that."""
    kind = error.permit_type

    def name(code: str) -> str:
        return kind.stage(code).name(language) if kind is not None else code

    if error.current in FINAL_STAGES:
        return text(language, "staff.error.decided", stage=name(error.current))
    return text(language, "staff.error.transition", current=name(error.current),
                valid="".join(f"\n• {name(code)}: {code}" for code in error.valid) or " —")
