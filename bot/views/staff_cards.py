"""What staff see: the full application view, worklists, staff list, audit trail."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.views.cards import due_line
from bot.views.fitting import (
    TELEGRAM_TEXT_LIMIT,
    clip,
    newest_that_fit,
    one_message,
    telegram_length,
)
from office.dates import format_date, format_datetime
from office.fee_texts import format_amount
from office.texts import Html, join, text
from storage.attempts import Tally
from storage.fees import Fee
from storage.models import (
    Application,
    DeliveryStatus,
    HistoryEntry,
    OutboxMessage,
    StaffMember,
)
from storage.workdays import WorkingCalendar
from storage.workflow import BUILT_IN_STAGES, Catalogue, PermitType

OUTBOX_ERROR = 120
QUERY_SHOWN = 100  # what a reply repeats of a search text


def render_view(application: Application, permit_type: PermitType, history: list[HistoryEntry],
                followers: int, calendar: WorkingCalendar, now: datetime,
                language: str, *, alert: Tally | None = None, alert_hours: int = 24,
                fee: Fee | None = None, questions: Sequence[Html] = ()) -> Html:
    """Everything about one application, internal notes and who did what included; `alert`
    when wrong access codes from all chats reached the staff alert; `questions` the latest
    question threads (bot/views/questions.py)."""
    stage = permit_type.stage(application.stage)
    lines = [text(language, "staff.view.title", number=application.number,
                  permit_type=permit_type.name(language)),
             text(language, "staff.view.applicant", name=application.applicant_name,
                  contact=application.contact or "-"),
             text(language, "staff.view.followers", count=followers)]
    if alert is not None:
        lines.append(text(language, "staff.view.code_alert", attempts=alert.attempts,
                          chats=alert.chats, hours=alert_hours, number=application.number))
    lines += [Html(""),
              text(language, "card.stage", position=permit_type.position(application.stage),
                   total=len(permit_type.stages), stage=stage.name(language))]
    if stage.waits_on_applicant:
        lines.append(text(language, "staff.view.waiting", date=format_date(
            application.stage_entered_at, language, calendar.timezone)))
    elif application.decided_at is None:
        lines.append(due_line(application, calendar, now, language))
    if fee is not None:  # the bill recorded with /fee
        lines.append(text(language, "staff.view.fee", amount=format_amount(fee.amount, language),
                          code=fee.billing_code,
                          due=format_date(fee.due_at, language, calendar.timezone)))
    lines += [*questions, Html(""), text(language, "card.history")]
    head = join(lines)
    steps = [history_line(entry, permit_type, calendar, language) for entry in history]
    return join([head, *newest_that_fit(steps, language, fits_after(head))])


def history_line(entry: HistoryEntry, permit_type: PermitType, calendar: WorkingCalendar,
                 language: str) -> Html:
    """A staff history line: when, what, who, public and internal notes."""
    stage = (text(language, "action.note") if entry.action == "note"
             else permit_type.stage(entry.to_stage).name(language))
    who = entry.staff_name or text(language, "staff.view.system")
    public = (text(language, "staff.view.public", note=entry.public_note)
              if entry.public_note else Html(""))
    internal = (text(language, "staff.view.internal", note=entry.internal_note)
                if entry.internal_note else Html(""))
    return text(language, "staff.view.history_line",
                date=format_datetime(entry.at, language, calendar.timezone), stage=stage,
                who=who, public=public, internal=internal)


def render_types(catalogue: Catalogue, language: str) -> Html:
    """Permit types with codes and service time; their stages by code (as /move and /queue
    take them) and name."""
    lines = [text(language, "staff.types.header")]
    for permit_type in catalogue.permit_types:
        stages = "\n   ".join(f"{s.code} — {s.name(language)}" for s in permit_type.stages)
        lines.append(text(language, "staff.types.line", code=permit_type.code,
                          name=permit_type.name(language), days=permit_type.service_days,
                          stages=stages))
    return join(lines)


def render_queue(applications: list[Application], total: int, stage_filter: str,
                 catalogue: Catalogue, calendar: WorkingCalendar, now: datetime,
                 language: str) -> Html:
    """Open applications, oldest in stage first, with working days in stage; those waiting
    on the applicant marked (the store lists them last)."""
    if not applications:
        return text(language, "staff.queue.empty")
    shown = f" · {stage_names(catalogue, stage_filter, language)}" if stage_filter else ""
    head = text(language, "staff.queue.header", stage=shown, count=total)
    lines = []
    for application in applications:
        permit_type = catalogue.get(application.permit_type)
        stage = permit_type.stage(application.stage)
        key = "staff.queue.line_waiting" if stage.waits_on_applicant else "staff.queue.line"
        lines.append(text(language, key, number=application.number,
                          permit_type=permit_type.code, stage=stage.name(language),
                          days=max(calendar.working_days_between(
                              application.stage_entered_at, now), 0)))
    return one_message(head, lines, language, total=total)


def stage_names(catalogue: Catalogue, code: str, language: str) -> str:
    """The name of a stage code across permit types (" / " between names that differ)."""
    names = [p.stage(code).name(language) for p in catalogue.permit_types
             if code in p.stage_codes or code in BUILT_IN_STAGES]
    return " / ".join(dict.fromkeys(names)) or code


def render_overdue(applications: list[Application], total: int, catalogue: Catalogue,
                   calendar: WorkingCalendar, now: datetime, language: str) -> Html:
    """Open applications past their due date, most overdue first."""
    if not applications:
        return text(language, "staff.overdue.empty")
    head = text(language, "staff.overdue.header", count=total)
    lines = []
    for application in applications:
        permit_type = catalogue.get(application.permit_type)
        lines.append(text(language, "staff.overdue.line", number=application.number,
                          permit_type=permit_type.code,
                          stage=permit_type.stage(application.stage).name(language),
                          days=max(calendar.working_days_between(application.due_at, now), 1)))
    return one_message(head, lines, language, total=total)


def render_found(applications: list[Application], total: int, query: str,
                 catalogue: Catalogue, language: str) -> Html:
    """Search results: number, applicant, permit type, stage; as many as one message holds."""
    if not applications:
        return text(language, "staff.find.empty", query=clip(query, QUERY_SHOWN))
    lines = []
    for application in applications:
        permit_type = catalogue.get(application.permit_type)
        lines.append(text(language, "staff.find.line", number=application.number,
                          name=application.applicant_name, permit_type=permit_type.code,
                          stage=permit_type.stage(application.stage).name(language)))
    return one_message(text(language, "staff.find.header", count=total), lines, language,
                       total=total)


def render_staff(members: list[StaffMember], language: str) -> Html:
    """The staff list."""
    return one_message(text(language, "staff.list.header"),
                       [text(language, "staff.list.line", name=m.name, user_id=m.user_id,
                             role=m.role.value) for m in members], language)


def render_outbox(counts: dict[DeliveryStatus, int], retrying: list[OutboxMessage],
                  dead: list[OutboxMessage], language: str) -> Html:
    """Counts per status, then the retrying and the dead rows, each list sharing the room."""
    head = text(language, "staff.outbox.header",
                **{status.value: counts.get(status, 0) for status in DeliveryStatus})
    sections = [(title, rows, total) for title, rows, total in (
        ("staff.outbox.retrying", retrying, None),
        ("staff.outbox.dead", dead, counts.get(DeliveryStatus.DEAD, 0))) if rows]
    share = (TELEGRAM_TEXT_LIMIT - telegram_length(head)) // max(len(sections), 1)
    parts = [head]
    for title, rows, total in sections:
        lines = [text(language, "staff.outbox.line", id=row.id, chat_id=row.chat_id,
                      kind=row.kind, attempts=row.attempts,
                      error=clip(row.last_error, OUTBOX_ERROR) or "-") for row in rows]
        parts.append(one_message(join([Html(""), text(language, title)]), lines, language,
                                 total=total, limit=share))
    return join(parts)


def fits_after(head: Html) -> int:
    """Characters left in one Telegram message after `head` and a line break."""
    return TELEGRAM_TEXT_LIMIT - telegram_length(head) - 1
