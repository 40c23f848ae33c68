"""Turning SQLite rows into the frozen records of `storage.models`."""

from __future__ import annotations

from storage.clock import from_timestamp, optional_from_timestamp
from storage.database import Row
from storage.models import (
    Application,
    AuditEntry,
    ChatSettings,
    DeliveryStatus,
    HistoryEntry,
    OutboxMessage,
    Role,
    StaffMember,
)

APPLICATION_COLUMNS = (
    "a.id, a.number, a.permit_type, a.applicant_name, a.contact, a.stage, a.stage_entered_at, "
    "a.created_at, a.updated_at, a.due_at, a.decided_at, a.version"
)

HISTORY_COLUMNS = (
    "h.id, h.application_id, h.action, h.from_stage, h.to_stage, h.public_note, "
    "h.internal_note, h.staff_id, COALESCE(s.name, '') AS staff_name, h.at, h.due_at"
)


def application_from(row: Row) -> Application:
    """An Application from a row selected with APPLICATION_COLUMNS."""
    return Application(
        id=row["id"], number=row["number"], permit_type=row["permit_type"],
        applicant_name=row["applicant_name"], contact=row["contact"], stage=row["stage"],
        stage_entered_at=from_timestamp(row["stage_entered_at"]),
        created_at=from_timestamp(row["created_at"]),
        updated_at=from_timestamp(row["updated_at"]), due_at=from_timestamp(row["due_at"]),
        decided_at=optional_from_timestamp(row["decided_at"]), version=row["version"],
    )


def history_from(row: Row) -> HistoryEntry:
    """A HistoryEntry from a row selected with HISTORY_COLUMNS."""
    return HistoryEntry(
        id=row["id"], application_id=row["application_id"], action=row["action"],
        from_stage=row["from_stage"], to_stage=row["to_stage"],
        public_note=row["public_note"], internal_note=row["internal_note"],
        staff_id=row["staff_id"], staff_name=row["staff_name"],
        at=from_timestamp(row["at"]), due_at=from_timestamp(row["due_at"]),
    )


def staff_from(row: Row) -> StaffMember:
    """A StaffMember from a staff row."""
    return StaffMember(user_id=row["user_id"], name=row["name"], role=Role(row["role"]),
                       active=bool(row["active"]), added_at=from_timestamp(row["added_at"]))


def chat_from(row: Row, default_language: str) -> ChatSettings:
    """ChatSettings from a chats row."""
    return ChatSettings(chat_id=row["chat_id"], language=row["language"] or default_language,
                        blocked=bool(row["blocked"]))


def outbox_from(row: Row) -> OutboxMessage:
    """An OutboxMessage from an outbox row."""
    return OutboxMessage(
        id=row["id"], event_key=row["event_key"], chat_id=row["chat_id"], kind=row["kind"],
        application_id=row["application_id"], history_id=row["history_id"],
        payload=row["payload"], status=DeliveryStatus(row["status"]), attempts=row["attempts"],
        next_attempt_at=from_timestamp(row["next_attempt_at"]), last_error=row["last_error"],
        created_at=from_timestamp(row["created_at"]),
    )


def audit_from(row: Row) -> AuditEntry:
    """An AuditEntry from an audit row joined with staff and applications."""
    return AuditEntry(id=row["id"], at=from_timestamp(row["at"]), staff_id=row["staff_id"],
                      staff_name=row["staff_name"] or "", action=row["action"],
                      application_number=row["number"], arguments=row["arguments"])
