"""The audit trail of one application as sentences a clerk reads, not `key=value` dumps."""

from __future__ import annotations

import json
from typing import Any

from bot.views.fitting import clip, newest_that_fit
from bot.views.staff_cards import fits_after
from office.dates import format_datetime
from office.texts import Html, join, text
from storage.errors import StageUnknown
from storage.models import AuditEntry
from storage.workdays import WorkingCalendar
from storage.workflow import PermitType

AUDIT_VALUE = 300  # what a line repeats of one name, contact or note
# Changes of stage (or a note): the sentence names the stage reached; notes follow it.
CHANGES = frozenset({"advance", "move", "return", "reject", "issue", "withdraw", "note"})
# Fields an import is told by, in this order.
FIELDS = ("permit_type", "applicant_name", "contact", "stage")


def render_audit(number: str, permit_type: PermitType, entries: list[AuditEntry],
                 calendar: WorkingCalendar, language: str) -> Html:
    """The audit trail of one application, newest lines kept when it is long."""
    if not entries:
        return text(language, "staff.audit.empty")
    head = text(language, "staff.audit.header", number=number)
    lines = [audit_line(entry, permit_type, calendar, language) for entry in entries]
    return join([head, *newest_that_fit(lines, language, fits_after(head))])


def audit_line(entry: AuditEntry, permit_type: PermitType, calendar: WorkingCalendar,
               language: str) -> Html:
    """One audit row: when, then who did what in a sentence, then the notes it carried."""
    arguments: dict[str, Any] = json.loads(entry.arguments or "{}")
    values = {key: clip(str(value), AUDIT_VALUE) for key, value in arguments.items()
              if value not in (None, "")}
    if "stage" in values:
        values["stage"] = _stage_name(permit_type, values["stage"], language)
    sentence = _sentence(entry.action, entry.staff_name or str(entry.staff_id), values,
                         permit_type, language)
    notes = [text(language, f"staff.view.{kind}", note=values[f"{kind}_note"])
             for kind in ("public", "internal") if f"{kind}_note" in values]
    return Html(text(language, "staff.audit.line", sentence=sentence,
                     date=format_datetime(entry.at, language, calendar.timezone))
                + "".join(notes))


def _sentence(action: str, who: str, values: dict[str, str], permit_type: PermitType,
              language: str) -> Html:
    """Who did what, in the chat's language."""
    if action in CHANGES:
        return text(language, f"staff.audit.{action}", who=who, stage=values.get("stage", "-"))
    if action == "create":
        contact = (text(language, "staff.audit.contact", contact=values["contact"])
                   if "contact" in values else "")
        return Html(text(language, "staff.audit.create", who=who,
                         permit_type=permit_type.name(language),
                         name=values.get("applicant_name", "-")) + contact)
    if action == "receipt":
        return text(language, "staff.audit.receipt", who=who,
                    count=values.get("followers_removed", "0"))
    if action == "unlock":
        return text(language, "staff.audit.unlock", who=who,
                    attempts=values.get("attempts", "0"), chats=values.get("chats", "0"))
    if action == "undo":
        return text(language, "staff.audit.undo", who=who,
                    stage=_stage_name(permit_type, values.get("stage", "-"), language),
                    corrected=values.get("corrected", "0"),
                    cancelled=values.get("cancelled", "0"))
    if action == "import":
        return Html(text(language, "staff.audit.import", who=who) + _fields(values, language))
    # An action this version has no sentence for still says what it carried.
    rest = [f"{key}: {value}" for key, value in values.items()
            if key not in FIELDS and not key.endswith("_note")]
    return Html(text(language, "staff.audit.other", who=who, action=action,
                     rest=f" ({'; '.join(rest)})" if rest else "") + _fields(values, language))


def _fields(values: dict[str, str], language: str) -> Html:
    """`: type PBG, name …, stage «…»` for what an import changed."""
    parts = [text(language, f"staff.audit.field.{key}", value=values[key])
             for key in FIELDS if key in values]
    return Html(": " + ", ".join(parts)) if parts else Html("")


def _stage_name(permit_type: PermitType, code: str, language: str) -> str:
    """The stage's name; its code when the configuration no longer has it."""
    try:
        return permit_type.stage(code).name(language)
    except StageUnknown:
        return code
