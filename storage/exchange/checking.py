"""Import, first step: every row checked, and a plan of what would change."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from storage.applications import (
    MAX_CONTACT,
    MAX_NAME,
    clean_text,
)
from storage.errors import InvalidInput, PermitTypeUnknown, StageUnknown
from storage.exchange.csvfile import (
    _LOOKUP_CHUNK,
    DATE_FIELDS,
    MAX_QUOTED,
    REQUIRED_FIELDS,
    REQUIRED_HISTORY_FIELDS,
    _read_table,
    _Table,
)
from storage.exchange.plan import (
    ApplicationUpdate,
    HistoryStep,
    ImportPlan,
    NewApplication,
    Reason,
    Refusal,
)
from storage.models import Application
from storage.numbers import IMPORT_CEILING, crowds_the_sequence, normalise_number
from storage.rows import APPLICATION_COLUMNS, application_from
from storage.store import Store
from storage.workflow import FINAL_STAGES, PermitType


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
    this_year = store.calendar.local_date(store.clock()).year
    for candidate in parsed:
        current = existing.get(candidate.number)
        if current is None and crowds_the_sequence(candidate.number, store.applications.prefix,
                                                   this_year):
            refusals.append(Refusal(candidate.row, Reason.NUMBER_TOO_HIGH, candidate.number,
                                    f"{IMPORT_CEILING:06d}"))
        elif current is None:
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
