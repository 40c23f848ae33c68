"""The applicant's status card and its pieces; pure functions from records to safe HTML."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.views.fitting import TELEGRAM_TEXT_LIMIT, newest_that_fit, telegram_length
from office.dates import format_date
from office.estimate_texts import estimate_line, queue_line
from office.fee_texts import fee_lines
from office.texts import Html, escape, join, text
from storage.estimates import Estimate
from storage.fees import Fee
from storage.models import Application, HistoryEntry
from storage.workdays import WorkingCalendar
from storage.workflow import FEE_STAGE, FINAL_STAGES, ISSUED, RETURNED, WITHDRAWN, PermitType

FULL_HISTORY_LINES = 60
_BAR_FULL, _BAR_EMPTY = "▰", "▱"


@dataclass(frozen=True)
class StatusView:
    """Everything a status card shows, gathered by the caller."""

    application: Application
    permit_type: PermitType
    history: list[HistoryEntry]
    is_follower: bool
    now: datetime
    calendar: WorkingCalendar
    office_name: str
    pickup_hours: dict[str, str] = field(default_factory=dict)  # by language
    history_lines: int = 12
    fee: Fee | None = None  # the bill, at the fee stage, for followers
    estimate: Estimate | None = None  # typical time still ahead, and the place in the queue


def mask_name(name: str) -> str:
    """Initials only, each followed by five stars: `Ida Wulandari` → `I***** W*****`.

    A word that starts with a symbol shows no initial: it would hint at markup or a company.
    """
    return " ".join((word[0] if word[0].isalnum() else "*") + "*****"
                    for word in name.split()) or "*****"


def progress_bar(position: int, total: int) -> str:
    """A text bar of `total` cells with `position` filled."""
    return _BAR_FULL * position + _BAR_EMPTY * max(total - position, 0)


def render_status(view: StatusView, language: str) -> Html:
    """The full status card, never longer than Telegram's message limit."""
    head = render_summary(view, language)
    history = render_history(view, language, TELEGRAM_TEXT_LIMIT - telegram_length(head) - 2,
                             max_lines=view.history_lines)
    return join([head, history], "\n\n")


def render_full_history(view: StatusView, language: str) -> Html:
    """The History button's view: more than the card — every stage with what happens there,
    where the application is, and as much history as one message holds."""
    title = join([text(language, "card.title", number=view.application.number,
                        permit_type=view.permit_type.name(language)), Html(""),
                  render_stage_guide(view, language)])
    history = render_history(view, language, TELEGRAM_TEXT_LIMIT - telegram_length(title) - 2,
                             max_lines=FULL_HISTORY_LINES)
    return join([title, history], "\n\n")


def render_stage_guide(view: StatusView, language: str) -> Html:
    """Each configured stage, marked done, current or to come, with its description."""
    permit_type, application = view.permit_type, view.application
    codes = permit_type.stage_codes
    # Where it stands: its stage, the stage it was returned from, the last stage before a
    # rejection or withdrawal (marked as stopped), or past every stage once issued.
    reached = returned_from(view) or application.stage
    stopped = application.stage in FINAL_STAGES and application.stage != ISSUED
    if stopped:
        reached = next((e.to_stage for e in reversed(view.history) if e.to_stage in codes),
                       codes[0])
    current = codes.index(reached) + 1 if reached in codes else len(codes) + 1
    here = "⛔" if stopped else "👉"
    lines = [text(language, "card.stages")]
    for position, stage in enumerate(permit_type.stages, start=1):
        mark = "✅" if position < current else here if position == current else "▫️"
        about = stage.description(language)
        lines.append(text(language, "card.stage_guide_about" if about else "card.stage_guide",
                          mark=mark, stage=stage.name(language), about=about))
    return join(lines)


def render_summary(view: StatusView, language: str) -> Html:
    """Everything on the card above the history."""
    application, permit_type = view.application, view.permit_type
    name = application.applicant_name if view.is_follower else mask_name(application.applicant_name)
    lines = [text(language, "card.title", number=application.number,
                  permit_type=permit_type.name(language)),
             text(language, "card.applicant", name=name), Html("")]
    lines += _stage_lines(view, language)
    if not view.is_follower:
        lines += [Html(""), text(language, "card.private")]
    return join(lines)


def _stage_lines(view: StatusView, language: str) -> list[Html]:
    application, permit_type, calendar = view.application, view.permit_type, view.calendar
    stage = permit_type.stage(application.stage)
    zone = calendar.timezone
    if application.stage in FINAL_STAGES:
        lines = [text(language, "card.stage_final", stage=stage.name(language))]
        if application.decided_at is not None:
            late = calendar.working_days_between(application.due_at, application.decided_at)
            decided = format_date(application.decided_at, language, zone)
            # The applicant withdrew: the office's service standard says nothing about that.
            withdrawn = application.stage == WITHDRAWN
            lines.append(text(language, "card.closed", date=decided) if withdrawn
                         else text(language, "card.decided_late", date=decided, days=late)
                         if late > 0 and application.decided_at > application.due_at
                         else text(language, "card.decided_on_time", date=decided))
        if application.stage == ISSUED and view.is_follower:
            pickup = view.pickup_hours.get(language, "")
            hours = f" ({pickup})" if pickup else ""
            lines.append(text(language, "card.pickup", office=view.office_name, hours=hours))
        return lines
    total = len(permit_type.stages)
    reached = returned_from(view)
    position = permit_type.position(reached or application.stage)
    # A returned application keeps the stage it reached: it did not go backwards.
    lines = [text(language, "card.stage_returned", position=position, total=total,
                  stage=permit_type.stage(reached).name(language)) if reached
             else text(language, "card.stage", position=position, total=total,
                       stage=stage.name(language)),
             Html(progress_bar(position, total)),
             text(language, "card.since",
                  date=format_date(application.stage_entered_at, language, zone),
                  days=max(calendar.working_days_between(application.stage_entered_at,
                                                         view.now), 0))]
    if stage.waits_on_applicant:
        lines.append(text(language, "card.waiting_fee" if stage.code == FEE_STAGE
                          else "card.waiting"))
        if view.fee is not None:
            lines += fee_lines(view.fee, language, zone)
    else:
        lines.append(due_line(application, calendar, view.now, language))
    following = permit_type.next_stage(application.stage)
    if reached and following:
        lines.append(text(language, "card.next_returned",
                          stage=permit_type.stage(following).name(language)))
    elif following == ISSUED:
        lines.append(text(language, "card.next_issued"))
    elif following:
        lines.append(text(language, "card.next",
                          stage=permit_type.stage(following).name(language)))
    if view.estimate is not None:
        lines += [estimate_line(view.estimate, calendar, view.now, language),
                  queue_line(view.estimate, language)]
    return lines


def returned_from(view: StatusView) -> str | None:
    """For a returned application, the configured stage it was returned from (else None)."""
    if view.application.stage != RETURNED:
        return None
    for entry in reversed(view.history):
        if entry.to_stage == RETURNED and entry.action != "note":
            stage = entry.from_stage
            return stage if stage and stage in view.permit_type.stage_codes else None
    return None


def due_line(application: Application, calendar: WorkingCalendar, now: datetime,
             language: str) -> Html:
    """`Due 15 Dec 2026 — on time, 12 working days left` or overdue by N."""
    due = format_date(application.due_at, language, calendar.timezone)
    if now > application.due_at:
        days = max(calendar.working_days_between(application.due_at, now), 1)
        return text(language, "card.due_overdue", due=due, days=days)
    left = calendar.working_days_between(now, application.due_at)
    if left <= 0:
        return text(language, "card.due_today", due=due)
    return text(language, "card.due_on_time", due=due, days=left)


def history_line(entry: HistoryEntry, permit_type: PermitType, calendar: WorkingCalendar,
                 language: str, *, show_note: bool) -> Html:
    """One history step: date, stage (or "Note"), and the public note when allowed."""
    date = format_date(entry.at, language, calendar.timezone)
    stage = (text(language, "action.note") if entry.action == "note"
             else _returned_step(entry, permit_type, language)
             if entry.to_stage == RETURNED or (entry.from_stage == RETURNED
                                               and entry.to_stage in permit_type.stage_codes)
             else escape(permit_type.stage(entry.to_stage).name(language)))
    if show_note and entry.public_note:
        return text(language, "card.history_note", date=date, stage=stage, note=entry.public_note)
    return text(language, "card.history_line", date=date, stage=stage)


def _returned_step(entry: HistoryEntry, permit_type: PermitType, language: str) -> Html:
    """A return says from which stage; a resubmission says the documents came back."""
    def name(code: str | None) -> str:
        return permit_type.stage(code).name(language) if code else "-"

    if entry.to_stage == RETURNED:
        return text(language, "card.history_returned", stage=name(entry.from_stage))
    return text(language, "card.history_resubmitted", stage=name(entry.to_stage))


def render_history(view: StatusView, language: str, budget: int = TELEGRAM_TEXT_LIMIT,
                   max_lines: int = 12) -> Html:
    """The newest steps that fit the budget, oldest first, with "…and N earlier steps"."""
    entries = view.history
    if not view.is_follower:
        entries = [e for e in entries if e.action != "note"]
    rendered = [history_line(e, view.permit_type, view.calendar, language,
                             show_note=view.is_follower) for e in entries]
    return join([text(language, "card.history"),
                 *newest_that_fit(rendered, language, budget - telegram_length(
                     text(language, "card.history")) - 1, max_lines)])
