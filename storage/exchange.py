"""CSV exchange with spreadsheets and the office's main licensing system.

Export writes applications and their history as UTF-8 with a byte order mark (so spreadsheet
programs read it as UTF-8), dates in ISO 8601 in the office's time zone, to the second.

Import reads the same columns and turns the file into a plan: every row is validated, and the
plan says what would be created, changed and left alone, and which rows are refused and why
(row numbers as a spreadsheet shows them: the header is row 1). Only a plan without refusals
can be applied, and it is applied in one transaction: everything or nothing.

    ImportFileRejected   the file as a whole cannot be read (encoding, header, size)
    ImportNotReady       the plan has refusals (or nothing to do) and cannot be applied
    ImportStale          the store changed between the dry run and the confirmation
"""

from __future__ import annotations

import asyncio
import csv
import io
import math
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

import aiosqlite

from storage import access_codes
from storage.applications import (
    MAX_CONTACT,
    MAX_NAME,
    clean_text,
    enqueue_for_followers,
    record_audit,
)
from storage.clock import to_timestamp
from storage.errors import InvalidInput, PermitTypeUnknown, StageUnknown
from storage.models import Application
from storage.numbers import normalise_number
from storage.rows import APPLICATION_COLUMNS, application_from
from storage.store import Store
from storage.workflow import FINAL_STAGES, Action, PermitType

APPLICATION_FIELDS = ("number", "permit_type", "applicant_name", "contact", "stage",
                      "stage_entered_at", "created_at", "updated_at", "due_at", "decided_at")
HISTORY_FIELDS = ("number", "at", "action", "from_stage", "to_stage", "public_note",
                  "internal_note", "staff_id")
REQUIRED_FIELDS = ("number", "permit_type", "applicant_name", "stage")
REQUIRED_HISTORY_FIELDS = ("number", "at", "action", "to_stage")
DATE_FIELDS = ("stage_entered_at", "created_at", "updated_at", "due_at", "decided_at")
BOM = "\ufeff"
MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_QUOTED = 40
_LOOKUP_CHUNK = 500


# -- periods ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    """Calendar days from `start` to `end`, both included, in the office's time zone."""

    start: date
    end: date

    def bounds(self, zone: ZoneInfo) -> tuple[float, float]:
        """The stored timestamps [from, to) the period covers."""
        first = datetime.combine(self.start, time(0), zone)
        after = datetime.combine(self.end + timedelta(days=1), time(0), zone)
        return to_timestamp(first), to_timestamp(after)


def parse_period(words: Sequence[str]) -> Period | None:
    """No words: everything (None); two ISO dates: that period; ValueError otherwise."""
    if not words:
        return None
    if len(words) != 2:
        raise ValueError("a period is two dates")
    start, end = (date.fromisoformat(word) for word in words)
    if end < start:
        raise ValueError("the period ends before it starts")
    return Period(start, end)


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
    writer.writerows(rows)
    return buffer.getvalue()


def _period_bounds(store: Store, period: Period | None) -> tuple[float, float]:
    if period is None:
        return -math.inf, math.inf
    return period.bounds(store.calendar.timezone)


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


# -- import: the file ------------------------------------------------------------------------

class FileProblem(StrEnum):
    """Why a file cannot be read at all."""

    TOO_BIG = "too_big"
    NOT_UTF8 = "not_utf8"
    NOT_CSV = "not_csv"
    EMPTY = "empty"
    MISSING_COLUMNS = "missing_columns"


class ImportFileRejected(Exception):
    """The file as a whole cannot be imported; nothing in it was looked at row by row."""

    def __init__(self, problem: FileProblem, detail: str = "", file: str = "") -> None:
        super().__init__(f"{file or 'file'}: {problem.value} {detail}".strip())
        self.problem = problem
        self.detail = detail
        self.file = file


class ImportNotReady(Exception):
    """Only a plan without refusals, and with something to do, can be applied."""


class ImportStale(Exception):
    """An application changed (or appeared) after the dry run; nothing was imported."""

    def __init__(self, number: str) -> None:
        super().__init__(number)
        self.number = number


def decode_csv(data: bytes, file: str = "", *, limit: int | None = MAX_IMPORT_BYTES) -> str:
    """The text of a CSV (UTF-8, with or without BOM), or ImportFileRejected.

    Uploads in chat are limited in size; the command line passes `limit=None`.
    """
    if limit is not None and len(data) > limit:
        raise ImportFileRejected(FileProblem.TOO_BIG, str(limit // (1024 * 1024)), file)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileRejected(FileProblem.NOT_UTF8, file=file) from None


@dataclass(frozen=True)
class _Table:
    """A CSV read into rows keyed by lower-case column name, each with its spreadsheet row."""

    columns: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, str]], ...]


def _read_table(text: str, required: Sequence[str], file: str) -> _Table:
    text = text.removeprefix(BOM)
    first_line = text.split("\n", 1)[0]
    # Spreadsheets set to an Indonesian (or any comma-decimal) locale save with semicolons.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ImportFileRejected(FileProblem.NOT_CSV, str(error), file) from None
    if not records or not any(cell.strip() for cell in records[0]):
        raise ImportFileRejected(FileProblem.EMPTY, file=file)
    columns = tuple(cell.strip().lower() for cell in records[0])
    missing = [name for name in required if name not in columns]
    if missing:
        raise ImportFileRejected(FileProblem.MISSING_COLUMNS, ", ".join(missing), file)
    rows = []
    for row_number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # trailing blank lines that spreadsheets like to add
        rows.append((row_number, {name: record[i] if i < len(record) else ""
                                  for i, name in enumerate(columns)}))
    return _Table(columns, tuple(rows))


# -- import: the plan ------------------------------------------------------------------------

class Reason(StrEnum):
    """Why a row is refused."""

    NUMBER = "number"
    DUPLICATE = "duplicate"
    PERMIT_TYPE = "permit_type"
    PERMIT_TYPE_CHANGED = "permit_type_changed"
    STAGE = "stage"
    DATE = "date"
    NAME_MISSING = "name_missing"
    NAME_TOO_LONG = "name_too_long"
    CONTACT_TOO_LONG = "contact_too_long"
    DECIDED_OPEN = "decided_open"
    UNKNOWN_NUMBER = "unknown_number"
    ACTION = "action"
    STAFF_ID = "staff_id"


@dataclass(frozen=True)
class Refusal:
    """One problem in one row: the row, why, the offending value and a detail for the text."""

    row: int
    reason: Reason
    value: str = ""
    detail: str = ""
    file: str = ""


@dataclass(frozen=True)
class HistoryStep:
    """A history row copied verbatim from history.csv."""

    at: datetime
    action: str
    from_stage: str | None
    to_stage: str
    public_note: str
    internal_note: str
    staff_id: int | None


@dataclass(frozen=True)
class NewApplication:
    """An application the import would create, with the number the file gives it."""

    row: int
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
    history: tuple[HistoryStep, ...] = ()


@dataclass(frozen=True)
class ApplicationUpdate:
    """An existing application whose name, contact or stage the import would change."""

    row: int
    current: Application
    applicant_name: str
    contact: str
    stage: str

    @property
    def moves(self) -> bool:
        """Whether the stage changes (followers are then notified)."""
        return self.stage != self.current.stage


@dataclass(frozen=True)
class ImportPlan:
    """The dry run: what applying the file would do."""

    rows: int
    created: tuple[NewApplication, ...]
    changed: tuple[ApplicationUpdate, ...]
    unchanged: int
    refusals: tuple[Refusal, ...]

    @property
    def refused(self) -> int:
        """How many rows have at least one problem."""
        return len({(refusal.file, refusal.row) for refusal in self.refusals})

    @property
    def stage_changes(self) -> int:
        """How many existing applications would move to another stage."""
        return sum(1 for update in self.changed if update.moves)

    @property
    def history_steps(self) -> int:
        """How many history rows would be copied for the new applications."""
        return sum(len(new.history) for new in self.created)

    @property
    def ready(self) -> bool:
        """Whether the plan can be applied: no refusals, and something to do."""
        return not self.refusals and bool(self.created or self.changed)


@dataclass(frozen=True)
class ImportResult:
    """What applying a plan did."""

    created: int
    changed: int
    notified: int


@dataclass
class _RowCheck:
    """The problems found in one row so far."""

    row: int
    file: str
    problems: list[Refusal] = field(default_factory=list)

    def refuse(self, reason: Reason, value: str = "", detail: object = "") -> None:
        # A cell can be anything; the report quotes only its start.
        shown = value if len(value) <= MAX_QUOTED else value[:MAX_QUOTED - 1] + "…"
        self.problems.append(Refusal(self.row, reason, shown, str(detail), self.file))


@dataclass(frozen=True)
class _ParsedRow:
    row: int
    number: str
    permit_type: PermitType
    applicant_name: str
    contact: str
    stage: str
    dates: dict[str, datetime | None]


def _parse_moment(value: str, zone: ZoneInfo) -> datetime | None:
    """An ISO 8601 date or date-time; without an offset it is the office's local time."""
    text = value.strip()
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment


def _check_dates(check: _RowCheck, values: dict[str, str], names: Iterable[str],
                 zone: ZoneInfo) -> dict[str, datetime | None]:
    dates: dict[str, datetime | None] = {}
    for name in names:
        raw = values.get(name, "")
        try:
            dates[name] = _parse_moment(raw, zone)
        except ValueError:
            check.refuse(Reason.DATE, raw.strip(), name)
    return dates


def _check_application(store: Store, row: int, values: dict[str, str],
                       first_rows: dict[str, int]) -> tuple[_ParsedRow | None, list[Refusal]]:
    """Validate one row of applications.csv; the row or its problems."""
    check = _RowCheck(row, "")
    raw_number = values["number"].strip()
    number = normalise_number(raw_number)
    if number is None:
        check.refuse(Reason.NUMBER, raw_number)
    elif number in first_rows:
        check.refuse(Reason.DUPLICATE, number, first_rows[number])
    else:
        first_rows[number] = row
    permit_type: PermitType | None = None
    try:
        permit_type = store.catalogue.get(values["permit_type"].strip())
    except PermitTypeUnknown:
        check.refuse(Reason.PERMIT_TYPE, values["permit_type"].strip())
    stage = values["stage"].strip().lower()
    if permit_type is not None:
        try:
            permit_type.stage(stage)
        except StageUnknown:
            check.refuse(Reason.STAGE, stage, permit_type.code)
    name = contact = ""
    try:
        name = clean_text(values["applicant_name"], "applicant_name", MAX_NAME, required=True)
    except InvalidInput:
        check.refuse(Reason.NAME_TOO_LONG if values["applicant_name"].strip()
                     else Reason.NAME_MISSING, detail=MAX_NAME)
    try:
        contact = clean_text(values.get("contact", ""), "contact", MAX_CONTACT, required=False)
    except InvalidInput:
        check.refuse(Reason.CONTACT_TOO_LONG, detail=MAX_CONTACT)
    dates = _check_dates(check, values, DATE_FIELDS, store.calendar.timezone)
    if dates.get("decided_at") is not None and stage not in FINAL_STAGES:
        check.refuse(Reason.DECIDED_OPEN, values["decided_at"].strip(), stage)
    if check.problems or number is None or permit_type is None:
        return None, check.problems
    return _ParsedRow(row, number, permit_type, name, contact, stage, dates), []


def _new_application(store: Store, parsed: _ParsedRow) -> NewApplication:
    """A row for an unknown number, with the dates the file leaves out filled in."""
    now = store.clock()
    dates = parsed.dates
    created = dates.get("created_at") or now
    entered = dates.get("stage_entered_at") or created
    due = dates.get("due_at") or store.calendar.add_working_days(
        created, parsed.permit_type.service_days)
    decided = dates.get("decided_at") or (entered if parsed.stage in FINAL_STAGES else None)
    updated = dates.get("updated_at") or max(created, entered)
    return NewApplication(parsed.row, parsed.number, parsed.permit_type.code,
                          parsed.applicant_name, parsed.contact, parsed.stage, entered, created,
                          updated, due, decided)


async def _existing(store: Store, numbers: Sequence[str]) -> dict[str, Application]:
    found: dict[str, Application] = {}
    for start in range(0, len(numbers), _LOOKUP_CHUNK):
        chunk = numbers[start:start + _LOOKUP_CHUNK]
        marks = ", ".join("?" for _ in chunk)
        rows = await store.database.fetch_all(
            f"SELECT {APPLICATION_COLUMNS} FROM applications a WHERE a.number IN ({marks})",
            chunk)
        found.update((row["number"], application_from(row)) for row in rows)
    return found


def _check_history(store: Store, table: _Table, permit_types: dict[str, PermitType | None],
                   file: str) -> tuple[dict[str, list[HistoryStep]], list[Refusal]]:
    """Validate history.csv; its steps by number, and its problems."""
    steps: dict[str, list[HistoryStep]] = {}
    refusals: list[Refusal] = []
    zone = store.calendar.timezone
    for row, values in table.rows:
        check = _RowCheck(row, file)
        raw_number = values["number"].strip()
        number = normalise_number(raw_number)
        if number is None:
            check.refuse(Reason.NUMBER, raw_number)
        elif number not in permit_types:
            check.refuse(Reason.UNKNOWN_NUMBER, number)
        at = _check_dates(check, values, ("at",), zone).get("at")
        if not values["at"].strip():
            check.refuse(Reason.DATE, "", "at")
        action = values["action"].strip().lower()
        if not action:
            check.refuse(Reason.ACTION)
        from_stage = values.get("from_stage", "").strip().lower() or None
        to_stage = values["to_stage"].strip().lower()
        permit_type = permit_types.get(number) if number else None
        if permit_type is not None:
            for stage in (from_stage, to_stage):
                if stage is None:
                    continue
                try:
                    permit_type.stage(stage)
                except StageUnknown:
                    check.refuse(Reason.STAGE, stage, permit_type.code)
        raw_staff = values.get("staff_id", "").strip()
        if raw_staff and not raw_staff.lstrip("-").isdigit():
            check.refuse(Reason.STAFF_ID, raw_staff)
        if check.problems:
            refusals += check.problems
            continue
        assert number is not None
        assert at is not None
        steps.setdefault(number, []).append(HistoryStep(
            at, action, from_stage, to_stage, values.get("public_note", "").strip(),
            values.get("internal_note", "").strip(), int(raw_staff) if raw_staff else None))
    return steps, refusals


async def plan_import(store: Store, applications_csv: str, history_csv: str | None = None, *,
                      history_file: str = "history.csv") -> ImportPlan:
    """The dry run of an import; nothing is written.

    With a history CSV (an export directory), new applications get its rows verbatim instead
    of one "import" step; applications already stored keep their own history.
    """
    table = _read_table(applications_csv, REQUIRED_FIELDS, "")
    refusals: list[Refusal] = []
    parsed: list[_ParsedRow] = []
    first_rows: dict[str, int] = {}
    permit_types: dict[str, PermitType | None] = {}
    for row, values in table.rows:
        checked, problems = _check_application(store, row, values, first_rows)
        refusals += problems
        number = normalise_number(values["number"])
        if number is not None and number not in permit_types:
            permit_types[number] = checked.permit_type if checked else None
        if checked is not None:
            parsed.append(checked)
    steps: dict[str, list[HistoryStep]] = {}
    if history_csv is not None:
        history = _read_table(history_csv, REQUIRED_HISTORY_FIELDS, history_file)
        steps, problems = _check_history(store, history, permit_types, history_file)
        refusals += problems
    existing = await _existing(store, [candidate.number for candidate in parsed])
    created: list[NewApplication] = []
    changed: list[ApplicationUpdate] = []
    unchanged = 0
    for candidate in parsed:
        current = existing.get(candidate.number)
        if current is None:
            created.append(replace(_new_application(store, candidate),
                                   history=tuple(steps.get(candidate.number, ()))))
        elif current.permit_type != candidate.permit_type.code:
            refusals.append(Refusal(candidate.row, Reason.PERMIT_TYPE_CHANGED,
                                    candidate.permit_type.code, current.permit_type))
        elif (current.applicant_name, current.contact, current.stage) == (
                candidate.applicant_name, candidate.contact, candidate.stage):
            unchanged += 1
        else:
            changed.append(ApplicationUpdate(candidate.row, current, candidate.applicant_name,
                                             candidate.contact, candidate.stage))
    refusals.sort(key=lambda refusal: (refusal.file, refusal.row))
    return ImportPlan(len(table.rows), tuple(created), tuple(changed), unchanged,
                      tuple(refusals))


# -- import: applying ------------------------------------------------------------------------

def _fresh_code_hashes(count: int) -> list[str]:
    # Nobody learns these codes: /receipt gives the applicant a new one to use.
    return [access_codes.hash_access_code(access_codes.new_access_code()) for _ in range(count)]


async def apply_import(store: Store, plan: ImportPlan, *, staff_id: int | None) -> ImportResult:
    """Apply a ready plan in one transaction; ImportStale (nothing applied) if data moved.

    `staff_id` is the admin who confirmed (None from the command line: no audit rows then).
    """
    if not plan.ready:
        raise ImportNotReady()
    # Hashing is deliberately slow; keep it off the event loop and out of the transaction.
    hashes = await asyncio.to_thread(_fresh_code_hashes, len(plan.created))
    now = store.clock()
    notified = 0
    async with store.database.transaction() as conn:
        for new, code_hash in zip(plan.created, hashes, strict=True):
            await _insert(store, conn, new, code_hash, now, staff_id)
        for update in plan.changed:
            notified += await _update(store, conn, update, now, staff_id)
    return ImportResult(len(plan.created), len(plan.changed), notified)


async def _insert(store: Store, conn: aiosqlite.Connection, new: NewApplication,
                  code_hash: str, now: datetime, staff_id: int | None) -> None:
    try:
        cursor = await conn.execute(
            "INSERT INTO applications (number, permit_type, applicant_name, contact, "
            "access_code_hash, stage, stage_entered_at, created_at, updated_at, due_at, "
            "decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (new.number, new.permit_type, new.applicant_name, new.contact, code_hash, new.stage,
             to_timestamp(new.stage_entered_at), to_timestamp(new.created_at),
             to_timestamp(new.updated_at), to_timestamp(new.due_at),
             None if new.decided_at is None else to_timestamp(new.decided_at)))
    except sqlite3.IntegrityError:
        raise ImportStale(new.number) from None
    application_id = cursor.lastrowid
    # The same rule as a number given to Applications.create: never handed out again.
    await store.applications.reserve_number(conn, new.number)
    steps = new.history or (HistoryStep(new.stage_entered_at, Action.IMPORT.value, None,
                                        new.stage, "", "", staff_id),)
    # history.csv carries no due dates; the application's own is the best one left.
    await conn.executemany(
        "INSERT INTO history (application_id, action, from_stage, to_stage, public_note, "
        "internal_note, staff_id, at, due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(application_id, step.action, step.from_stage, step.to_stage, step.public_note,
          step.internal_note, step.staff_id, to_timestamp(step.at), to_timestamp(new.due_at))
         for step in steps])
    if staff_id is not None:
        await record_audit(conn, staff_id, Action.IMPORT.value, application_id,
                           {"permit_type": new.permit_type, "applicant_name": new.applicant_name,
                            "contact": new.contact, "stage": new.stage}, now)


async def _update(store: Store, conn: aiosqlite.Connection, update: ApplicationUpdate,
                  now: datetime, staff_id: int | None) -> int:
    """Write one change; returns how many follower notifications can go out now."""
    current = update.current
    permit_type = store.catalogue.get(current.permit_type)
    if update.moves:
        # The same due-date rule as a stage change by staff.
        due = store.applications.due_after(permit_type, current, update.stage, now)
        entered = now
        decided = now if update.stage in FINAL_STAGES else None
    else:
        due, entered, decided = current.due_at, current.stage_entered_at, current.decided_at
    cursor = await conn.execute(
        "UPDATE applications SET applicant_name = ?, contact = ?, stage = ?, "
        "stage_entered_at = ?, updated_at = ?, due_at = ?, decided_at = ?, "
        "version = version + 1 WHERE id = ? AND version = ?",
        (update.applicant_name, update.contact, update.stage, to_timestamp(entered),
         to_timestamp(now), to_timestamp(due), None if decided is None else to_timestamp(decided),
         current.id, current.version))
    if cursor.rowcount == 0:
        raise ImportStale(current.number)
    if staff_id is not None:
        await record_audit(conn, staff_id, Action.IMPORT.value, current.id,
                           {"stage": update.stage, "applicant_name": update.applicant_name,
                            "contact": update.contact}, now)
    if not update.moves:
        return 0
    cursor = await conn.execute(
        "INSERT INTO history (application_id, action, from_stage, to_stage, staff_id, at, "
        "due_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (current.id, Action.IMPORT.value, current.stage, update.stage, staff_id,
         to_timestamp(now), to_timestamp(due)))
    assert cursor.lastrowid is not None
    return await enqueue_for_followers(conn, f"history:{cursor.lastrowid}", "change",
                                       current.id, cursor.lastrowid, now)
