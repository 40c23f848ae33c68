"""Frozen records the store hands out. Times are aware datetimes in UTC."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Role(StrEnum):
    """What a staff member may do."""

    ADMIN = "admin"
    OPERATOR = "operator"


class DeliveryStatus(StrEnum):
    """Where an outbox row is on its way to the chat."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    PAUSED = "paused"
    DEAD = "dead"
    DROPPED = "dropped"


@dataclass(frozen=True)
class Application:
    """One permit application as the office tracks it."""

    id: int
    number: str
    permit_type: str
    applicant_name: str
    contact: str
    stage: str
    stage_entered_at: datetime
    created_at: datetime
    updated_at: datetime
    due_at: datetime
    decided_at: datetime | None
    version: int


@dataclass(frozen=True)
class HistoryEntry:
    """One step in an application's history (a stage change or a note)."""

    id: int
    application_id: int
    action: str
    from_stage: str | None
    to_stage: str
    public_note: str
    internal_note: str
    staff_id: int | None
    staff_name: str
    at: datetime
    due_at: datetime


@dataclass(frozen=True)
class StaffMember:
    """A person allowed to use staff commands."""

    user_id: int
    name: str
    role: Role
    active: bool
    added_at: datetime


@dataclass(frozen=True)
class ChatSettings:
    """What the bot remembers about a chat."""

    chat_id: int
    language: str
    blocked: bool


@dataclass(frozen=True)
class FollowedApplication:
    """An application a chat follows, with when it started following."""

    application: Application
    since: datetime


@dataclass(frozen=True)
class OutboxMessage:
    """One message waiting to be delivered to one chat."""

    id: int
    event_key: str
    chat_id: int
    kind: str
    application_id: int | None
    history_id: int | None
    payload: str
    status: DeliveryStatus
    attempts: int
    next_attempt_at: datetime
    last_error: str
    created_at: datetime


@dataclass(frozen=True)
class AuditEntry:
    """Who did what, when, with which arguments."""

    id: int
    at: datetime
    staff_id: int
    staff_name: str
    action: str
    application_number: str | None
    arguments: str


@dataclass(frozen=True)
class Change:
    """The result of a stage change or note: the application after it and its history row."""

    application: Application
    entry: HistoryEntry
    notified: int
