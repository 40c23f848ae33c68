"""Named errors raised by the domain and the store.

    StoreError
    ├── ApplicationNotFound      no application has that registration number
    ├── PermitTypeUnknown        the permit type code is not in the catalogue
    ├── StageUnknown             the stage code is not in the permit type's workflow
    ├── StageTransitionRejected  the move is not allowed from the current stage
    ├── ReasonRequired           the move needs a note or reason
    ├── ConcurrentChange         someone else changed the application first
    ├── RepeatedChange           the same staff member made the same change a moment ago
    ├── UndoRefused              the move cannot be undone (not the latest, too late, not yours…)
    ├── InvalidInput             a field is empty, too long or malformed
    ├── NumbersExhausted         this year's six-digit sequence is used up
    ├── FollowLimitReached       the chat already follows the maximum number
    ├── AccessCodeRejected       the access code does not match
    ├── Throttled                too many failed attempts; try again later
    ├── StaffNotFound            the user is not on the staff list
    ├── LastAdmin                removing this admin would leave the office without one
    ├── FeeNotDue                the application is neither at nor just before its fee stage
    ├── NotIssued                the permit is not issued, so there is nothing to collect
    ├── SurveyNotInvited         the chat was not invited to that survey, or no longer follows
    ├── SurveyStale              a repeated or stale survey press
    ├── QuestionRefused          a question to the office is not accepted (limit, length…)
    ├── QuestionNotFound         the staff message answered belongs to no question (any more)
    ├── QuestionClosed           the question's thread was closed by a clerk
    ├── AskerLeft                the asking chat no longer follows the application
    ├── DocumentRefused          a handed-in file is not taken (type, size, stage, limit…)
    ├── DocumentDuplicate        that very file was handed in for the application already
    └── DocumentReviewed         the document was accepted or asked again already
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.models import Application, HistoryEntry

if TYPE_CHECKING:
    from storage.workflow import PermitType


class StoreError(Exception):
    """Base of every expected, user-explainable error."""


class ApplicationNotFound(StoreError):
    """No application has the given registration number."""

    def __init__(self, number: str) -> None:
        super().__init__(number)
        self.number = number


class PermitTypeUnknown(StoreError):
    """The permit type code is not in the catalogue."""

    def __init__(self, code: str, valid: tuple[str, ...]) -> None:
        super().__init__(code)
        self.code = code
        self.valid = valid


class StageUnknown(StoreError):
    """The stage code is not part of the permit type's workflow."""

    def __init__(self, code: str, valid: tuple[str, ...]) -> None:
        super().__init__(code)
        self.code = code
        self.valid = valid


class StageTransitionRejected(StoreError):
    """The requested move is not allowed from the current stage."""

    def __init__(self, current: str, target: str, valid: tuple[str, ...],
                 permit_type: PermitType | None = None) -> None:
        super().__init__(f"{current} -> {target}")
        self.current = current
        self.target = target
        self.valid = valid
        self.permit_type = permit_type  # for the stages' names in the reply


class ReasonRequired(StoreError):
    """The move requires a note (a reason, or what is missing)."""

    def __init__(self, action: str) -> None:
        super().__init__(action)
        self.action = action


class ConcurrentChange(StoreError):
    """The application moved after it was read; the change was not applied."""

    def __init__(self, number: str, expected_stage: str, actual_stage: str) -> None:
        super().__init__(f"{number}: expected {expected_stage}, found {actual_stage}")
        self.number = number
        self.expected_stage = expected_stage
        self.actual_stage = actual_stage


class NumbersExhausted(StoreError):
    """The year's sequence has reached its last six-digit number; nothing was registered."""

    def __init__(self, last_number: str, year: int) -> None:
        super().__init__(f"{last_number} was the last number of {year}")
        self.last_number = last_number
        self.year = year


class RepeatedChange(StoreError):
    """The same staff member made the same change a moment ago; it was not applied again."""

    def __init__(self, application: Application, entry: HistoryEntry, seconds_ago: int) -> None:
        super().__init__(f"{application.number}: {entry.action} again after {seconds_ago} s")
        self.application = application
        self.entry = entry
        self.seconds_ago = seconds_ago


class UndoRefused(StoreError):
    """The move was not undone; `reason` says why.

    `nothing`: the latest step is no move (a note, an undo, the registration); `later`: a
    later step happened since the move the button was under; `not_yours`: another clerk made
    it; `too_late`: more than `minutes` ago; `admin_only`: a final decision.
    """

    def __init__(self, number: str, reason: str, minutes: int = 0) -> None:
        super().__init__(f"{number}: {reason}")
        self.number = number
        self.reason = reason
        self.minutes = minutes


class InvalidInput(StoreError):
    """A field is empty, too long or malformed."""

    def __init__(self, field: str, limit: int = 0) -> None:
        super().__init__(field)
        self.field = field
        self.limit = limit


class FollowLimitReached(StoreError):
    """The chat already follows the maximum number of applications."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


class AccessCodeRejected(StoreError):
    """The access code does not belong to the application."""


class Throttled(StoreError):
    """Too many failed attempts in the window; refused until it passes."""

    def __init__(self, minutes_left: int) -> None:
        super().__init__(minutes_left)
        self.minutes_left = minutes_left


class StaffNotFound(StoreError):
    """The user is not on the staff list."""

    def __init__(self, user_id: int) -> None:
        super().__init__(user_id)
        self.user_id = user_id


class LastAdmin(StoreError):
    """The change would leave no active admin."""


class FeeNotDue(StoreError):
    """A bill can be recorded only at the fee stage or on the move into it."""

    def __init__(self, number: str, stage: str, has_fee_stage: bool,
                 permit_type: PermitType | None = None) -> None:
        super().__init__(number, stage)
        self.number = number
        self.stage = stage
        self.has_fee_stage = has_fee_stage
        self.permit_type = permit_type


class NotIssued(StoreError):
    """Only an issued permit can be collected."""

    def __init__(self, number: str, stage: str, permit_type: PermitType | None = None) -> None:
        super().__init__(number, stage)
        self.number = number
        self.stage = stage
        self.permit_type = permit_type


class DatabaseError(Exception):
    """The database engine refused something; the driver's own error is the `__cause__`.

        DatabaseError
        ├── DatabaseRefused      locked or busy past the timeout, read-only, unreachable,
        │                        or the statement does not fit the schema
        └── ConstraintViolated   a unique, foreign-key or check constraint refused a write

    Not a StoreError: nothing here is the user's doing. Raised by the backends
    (storage/sqlite.py, storage/postgres.py) so nothing above them names a driver.
    """


class DatabaseRefused(DatabaseError):
    """The database refused the statement (trying again later may work if it was busy)."""


class ConstraintViolated(DatabaseError):
    """A constraint refused the write; the transaction is rolled back."""


class SurveyNotInvited(StoreError):
    """This chat was not invited to the survey of that application (or no longer follows it)."""


class SurveyStale(StoreError):
    """The survey press is a repeat, or for a question already answered or a finished survey."""


class QuestionRefused(StoreError):
    """A question to the office is not taken: `reason` is not_following, too_long, empty,
    daily_limit or waiting (one unanswered question per application already); `limit` the
    number that applies."""

    def __init__(self, reason: str, number: str = "", limit: int = 0) -> None:
        super().__init__(reason)
        self.reason = reason
        self.number = number
        self.limit = limit


class QuestionNotFound(StoreError):
    """The message a clerk replied to carries no question (forgotten by its chat, or none)."""


class QuestionClosed(StoreError):
    """The question's thread is closed: no more answers, and closing it again does nothing."""

    def __init__(self, question_id: int, number: str) -> None:
        super().__init__(question_id)
        self.question_id = question_id
        self.number = number


class AskerLeft(StoreError):
    """The chat that asked no longer follows the application (it unfollowed, or a new receipt
    cut it off): an answer is not sent to a chat that may hold a stolen access code."""

    def __init__(self, question_id: int, number: str) -> None:
        super().__init__(question_id)
        self.question_id = question_id
        self.number = number


class DocumentRefused(StoreError):
    """A file handed in is not taken; `reason` names why (documents.refused.<reason>)."""

    def __init__(self, reason: str, **values: object) -> None:
        super().__init__(reason)
        self.reason = reason
        self.values = values


class DocumentDuplicate(StoreError):
    """The same Telegram file was handed in for this application before."""

    def __init__(self, number: str, document_id: int) -> None:
        super().__init__(number)
        self.number = number
        self.document_id = document_id


class DocumentReviewed(StoreError):
    """The document was accepted or asked again already (a second press, a race)."""

    def __init__(self, document_id: int, status: str) -> None:
        super().__init__(document_id)
        self.document_id = document_id
        self.status = status
