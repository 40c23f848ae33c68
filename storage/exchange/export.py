"""Export: applications, their history and the anonymous survey answers as CSV."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from storage.clock import to_timestamp
from storage.exchange.csvfile import (
    APPLICATION_FIELDS,
    BOM,
    DATE_FIELDS,
    HISTORY_FIELDS,
    SURVEY_FIELDS,
    neutralise_cell,
)
from storage.periods import Period
from storage.store import Store

# -- export ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class ExportFile:
    """One exported CSV: its file name, its text (BOM included) and how many data rows."""

    name: str
    text: str
    rows: int

    @property
    def data(self) -> bytes:
        """The bytes to write or send."""
        return self.text.encode("utf-8")


def format_moment(value: float | None, zone: ZoneInfo) -> str:
    """A stored timestamp as ISO 8601 in the office's time zone, to the second ('' for none)."""
    if value is None:
        return ""
    return datetime.fromtimestamp(math.floor(value), zone).isoformat(timespec="seconds")


def _csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([neutralise_cell(str(cell)) for cell in row] for row in rows)
    return buffer.getvalue()


def _period_bounds(store: Store, period: Period | None) -> tuple[float, float]:
    if period is None:
        return -math.inf, math.inf
    return to_timestamp(period.start), to_timestamp(period.end)


async def export_applications(store: Store, period: Period | None = None) -> ExportFile:
    """applications.csv: the applications received in the period (all without one)."""
    zone = store.calendar.timezone
    rows = await store.database.fetch_all(
        "SELECT number, permit_type, applicant_name, contact, stage, stage_entered_at, "
        "created_at, updated_at, due_at, decided_at FROM applications "
        "WHERE created_at >= ? AND created_at < ? ORDER BY number",
        _period_bounds(store, period))
    lines = [(row["number"], row["permit_type"], row["applicant_name"], row["contact"],
              row["stage"], *(format_moment(row[name], zone) for name in DATE_FIELDS))
             for row in rows]
    return ExportFile("applications.csv", _csv_text(APPLICATION_FIELDS, lines), len(lines))


async def export_history(store: Store, period: Period | None = None) -> ExportFile:
    """history.csv: every step of the applications export_applications writes."""
    zone = store.calendar.timezone
    rows = await store.database.fetch_all(
        "SELECT a.number, h.at, h.action, h.from_stage, h.to_stage, h.public_note, "
        "h.internal_note, h.staff_id FROM history h JOIN applications a ON a.id = h.application_id "
        "WHERE a.created_at >= ? AND a.created_at < ? ORDER BY a.number, h.id",
        _period_bounds(store, period))
    lines = [(row["number"], format_moment(row["at"], zone), row["action"],
              row["from_stage"] or "", row["to_stage"], row["public_note"], row["internal_note"],
              "" if row["staff_id"] is None else row["staff_id"])
             for row in rows]
    return ExportFile("history.csv", _csv_text(HISTORY_FIELDS, lines), len(lines))


async def export_survey(store: Store, period: Period | None = None) -> ExportFile:
    """survey.csv: one row per survey response of the period, nothing that names anyone.

    Responses hold no chat or application already (storage/surveys.py); the file also leaves
    out the day (only the month) and the comment (free text may hold a name or a number), and
    sorts rows by month and answers, so neither the order nor the date points at the few
    applications decided just before. Skipped questions are empty cells.
    """
    first, last = ("0000-00-00", "9999-99-99") if period is None else (
        period.first_day.isoformat(), period.last_day.isoformat())
    rows = await store.database.fetch_all(
        "SELECT r.id, r.answered_on, a.element, a.answer FROM survey_responses r "
        "LEFT JOIN survey_answers a ON a.response_id = r.id "
        "WHERE r.answered_on BETWEEN ? AND ?", (first, last))
    responses: dict[int, list[str]] = {}
    for response_id, answered_on, element, answer in rows:
        cells = responses.setdefault(int(response_id), [str(answered_on)[:7], *[""] * 9])
        if element is not None:
            cells[int(element)] = str(answer)
    lines = sorted(responses.values())
    return ExportFile("survey.csv", _csv_text(SURVEY_FIELDS, lines), len(lines))
