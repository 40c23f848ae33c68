"""How an estimate reads: "usually done in 3-5 more working days, around 12-16 Dec 2026" and
the place in the stage's queue. Shared by the status card and the notice after each move."""

from __future__ import annotations

from datetime import datetime

from office.dates import format_date
from office.texts import Html, text
from storage.estimates import Estimate
from storage.workdays import WorkingCalendar


def format_date_range(first: datetime, last: datetime, language: str,
                      calendar: WorkingCalendar) -> str:
    """`12 Des 2026`, `12-16 Des 2026` or `28 Des 2026 - 5 Jan 2027` (with en dashes)."""
    zone = calendar.timezone
    start, end = first.astimezone(zone), last.astimezone(zone)
    if start.date() == end.date():
        return format_date(first, language, zone)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}\u2013{format_date(last, language, zone)}"
    return f"{format_date(first, language, zone)} \u2013 {format_date(last, language, zone)}"


def estimate_line(estimate: Estimate, calendar: WorkingCalendar, now: datetime,
                  language: str) -> Html:
    """The working days typically still ahead and the dates they lead to."""
    if estimate.high == 0:
        return text(language, "estimate.today")
    days = (str(estimate.low) if estimate.low == estimate.high
            else f"{estimate.low}\u2013{estimate.high}")
    around = format_date_range(calendar.add_working_days(now, estimate.low),
                               calendar.add_working_days(now, estimate.high), language, calendar)
    unit = text(language, "estimate.unit_one" if estimate.high == 1 else "estimate.unit_many")
    return text(language, "estimate.days", days=days, unit=unit, around=around)


def queue_line(estimate: Estimate, language: str) -> Html:
    """Its place among the open applications in the same stage (counts only)."""
    return text(language, "estimate.queue", position=estimate.position, total=estimate.queued)
